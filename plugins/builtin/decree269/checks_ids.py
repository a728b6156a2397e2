"""ID-03: every object has a stable, unique ``cim_id``, and references between objects resolve
(building → plot, smart element → network node / building, edge → node …; ``cim.model.relations``).

Vectorised with pandas; local: on an incremental re-check only the changed objects, the objects
sharing their ids, and the objects referring to their old or new ids are evaluated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layers.kinds import table_layers

if TYPE_CHECKING:
    import numpy as np


def _relations():
    try:
        from cim.model.relations import RELATIONS
    except ImportError:  # pragma: no cover - taxonomy not installed
        return ()
    return RELATIONS


def _text(s):
    """Object-dtype text, empty as missing: pandas' hash tables work on it directly (``isin`` on
    Arrow-backed strings loops over the values in Python)."""
    out = s.astype(object)
    return out.mask(out == "")


def _kind_system(ctx, rec):
    from cim.checks.context import _kind_of

    return _kind_of(rec)


def _cached_text(ctx, rec, field):
    def patch(col, rec, pos):
        col.iloc[pos] = _text(rec.data[field].iloc[pos]).to_numpy()
        return col
    return ctx.cache.get(("text", rec.id, field), lambda: _text(rec.data[field]), patch=patch)


def _hashes(values):
    import numpy as np
    import pandas as pd

    return pd.util.hash_array(np.asarray(values, dtype=object), categorize=False)


def _cached_hashes(ctx, rec, field):
    """uint64 hash of each row's text (patched with the text): finds a few values among a million
    rows in a millisecond, where a string comparison takes tens."""
    def patch(h, rec, pos):
        h[pos] = _hashes(_cached_text(ctx, rec, field).iloc[pos].fillna("").to_numpy())
        return h
    return ctx.cache.get(("hash", rec.id, field),
                         lambda: _hashes(_cached_text(ctx, rec, field).fillna("").to_numpy()), patch=patch)


def _small_isin(ctx, rec, field, values) -> np.ndarray:
    """Rows of ``rec`` whose ``field`` text is one of a few ``values`` (hash match, then exact)."""
    import numpy as np

    values = [str(v) for v in values if v is not None and str(v) != ""]
    if not values:
        return np.zeros(len(rec.data), dtype=bool)
    cand = np.flatnonzero(np.isin(_cached_hashes(ctx, rec, field), _hashes(values)))
    out = np.zeros(len(rec.data), dtype=bool)
    out[cand] = _cached_text(ctx, rec, field).iloc[cand].isin(values).to_numpy(dtype=bool)
    return out


def _before_ids(ctx, rec) -> set[str]:
    """The ids the scoped objects had before the edit (deleted objects included)."""
    import numpy as np

    before = ctx.cache.before(rec.id)
    fids = list(ctx.scope.get(rec.id, ()))
    if before is None or not fids:
        return set()
    return {str(v) for v in before[1][np.isin(before[0], fids)]}


def _ids_issues(ctx, rec, scope):
    import numpy as np

    df = rec.data
    col = _cached_text(ctx, rec, "cim_id")
    if scope is None:
        empty = col.isna().to_numpy()
        dup = col.duplicated(keep=False).to_numpy() & ~empty
        check = np.ones(len(df), dtype=bool)
        _cached_hashes(ctx, rec, "cim_id")     # ready for the incremental re-checks
    else:
        if rec.id not in ctx.scope:
            return []
        vals = set(col[scope].dropna()) | _before_ids(ctx, rec)
        check = scope | _small_isin(ctx, rec, "cim_id", vals)
        pos = np.flatnonzero(check)
        sub = col.iloc[pos]
        empty = np.zeros(len(df), dtype=bool)
        empty[pos] = sub.isna().to_numpy()
        dup = np.zeros(len(df), dtype=bool)
        dup[pos] = sub.duplicated(keep=False).to_numpy() & ~sub.isna().to_numpy()
        ctx.touch(rec, ctx.fids(rec)[check])
    return (ctx.issues_for(rec, empty & check, "{layer} #{fid}: không có mã cim_id", "{layer} #{fid}: no cim_id")
            + ctx.issues_for(rec, dup & check, "{layer} {id}: mã cim_id bị trùng", "{layer} {id}: cim_id is not unique"))


def _reference_issues(ctx, rec, rel, targets):
    import numpy as np
    import pandas as pd

    df = rec.data
    scope = ctx.scope_mask(rec)
    if scope is None:
        key = ("refset", *[t.id for t in targets], rel.target_field)
        known = ctx.cache.get(key, lambda: pd.Index(pd.concat(
            [_cached_text(ctx, t, rel.target_field) for t in targets]).dropna().unique()))
        refs = _cached_text(ctx, rec, rel.source_field)
        present = refs.notna().to_numpy()
        bad = present & ~refs.isin(known).to_numpy()
        for t in targets:
            _cached_hashes(ctx, t, rel.target_field)
        _cached_hashes(ctx, rec, rel.source_field)
    else:
        sel = scope.copy()
        for t in targets:             # objects referring to an id a changed target had or has
            tscope = ctx.scope_mask(t)
            if t.id in ctx.scope:
                ids = set(_cached_text(ctx, t, rel.target_field)[tscope].dropna()) | _before_ids(ctx, t)
                sel |= _small_isin(ctx, rec, rel.source_field, ids)
        if not sel.any():
            return []
        ctx.touch(rec, ctx.fids(rec)[sel])
        pos = np.flatnonzero(sel)
        sub = _cached_text(ctx, rec, rel.source_field).iloc[pos]
        wanted = set(sub.dropna())
        found = set()
        for t in targets:
            hit = _small_isin(ctx, t, rel.target_field, wanted)
            found |= set(_cached_text(ctx, t, rel.target_field)[hit])
        bad = np.zeros(len(df), dtype=bool)
        bad[pos] = sub.notna().to_numpy() & ~sub.isin(list(found)).to_numpy()
        refs = np.full(len(df), None, dtype=object)
        refs[pos] = sub.to_numpy()
    return ctx.issues_for(
        rec, bad, "{layer} {id}: trường " + rel.source_field + " tham chiếu “{value}” không tồn tại ("
        + (rel.label_vi or rel.name) + ")",
        "{layer} {id}: " + rel.source_field + " refers to '{value}', which does not exist (" +
        (rel.label_en or rel.name) + ")", values={"value": np.asarray(refs, dtype=object)})


def id03(ctx, feedback):
    out = []
    layers = table_layers(ctx.project)
    typed = {r.id: _kind_system(ctx, r) for r in layers}
    for rec in layers:
        ctx.inputs.add(rec.id)
        scope = ctx.scope_mask(rec)
        if "cim_id" not in rec.data.columns:
            if typed[rec.id][0]:          # project-level: a scoped run says it again
                out.append(ctx.project_issue(f"Lớp “{rec.name}” không có trường mã đối tượng cim_id.",
                                             f"Layer '{rec.name}' has no cim_id field.", layer=rec))
            continue
        ctx.ids(rec), ctx.fids(rec)          # cached: an incremental re-check needs the ids before an edit
        out += _ids_issues(ctx, rec, scope)
    by_kind: dict[str, list] = {}
    for rec in layers:
        k, s = typed[rec.id]
        if k:
            by_kind.setdefault(k, []).append((rec, s))
    for rel in _relations():
        for rec, system in by_kind.get(rel.source_kind, []):
            if rel.source_field not in rec.data.columns:
                continue
            targets = [t for t, s in by_kind.get(rel.target_kind, [])
                       if (not rel.same_system or s == system) and rel.target_field in t.data.columns]
            if targets:
                out += _reference_issues(ctx, rec, rel, targets)
    return out


id03.local = True
