"""ID-03: every object has a stable, unique ``cim_id``, and references between objects resolve
(building → plot, smart element → network node / building, edge → node …; ``cim.model.relations``).

Vectorised with pandas; local: on an incremental re-check only the changed objects, the objects
sharing their ids, and the objects referring to their old or new ids are evaluated.
"""

from __future__ import annotations


def _relations():
    try:
        from cim.model.relations import RELATIONS
    except ImportError:  # pragma: no cover - taxonomy not installed
        return ()
    return RELATIONS


def _kind_system(ctx, rec):
    from cim.checks.context import _kind_of

    return _kind_of(rec)


def id03(ctx, feedback):
    import numpy as np
    import pandas as pd

    out = []
    layers = [r for r in ctx.project.ordered_layers() if r.kind == "vector"]
    typed = {r.id: _kind_system(ctx, r) for r in layers}
    for rec in layers:
        ctx.inputs.add(rec.id)
        df = rec.data
        scope = ctx.scope_mask(rec)
        if "cim_id" not in df.columns:
            if scope is None and typed[rec.id][0]:
                out.append(ctx.project_issue(f"Lớp “{rec.name}” không có trường mã đối tượng cim_id.",
                                             f"Layer '{rec.name}' has no cim_id field.", layer=rec))
            continue
        col = df["cim_id"].astype("string").str.strip()
        ctx.ids(rec), ctx.fids(rec)          # cached: an incremental re-check needs the ids before an edit
        empty = (col.isna() | (col == "")).to_numpy()
        if scope is None:
            dup = col.duplicated(keep=False).to_numpy() & ~empty
            check = np.ones(len(df), dtype=bool)
        else:
            vals = set(col[scope & ~empty])
            before = ctx.cache.before(rec.id)
            if before is not None:
                bf, bids = before
                vals |= {str(v) for v in bids[np.isin(bf, ctx.fids(rec)[scope])]}
            check = scope | col.isin(vals).fillna(False).to_numpy()
            sub = col[check & ~empty]
            dup = np.zeros(len(df), dtype=bool)
            dup[np.flatnonzero(check & ~empty)[sub.duplicated(keep=False).to_numpy()]] = True
            ctx.touch(rec, ctx.fids(rec)[check])
        out += ctx.issues_for(rec, empty & check, "{layer} #{fid}: không có mã cim_id", "{layer} #{fid}: no cim_id")
        out += ctx.issues_for(rec, dup & check, "{layer} {id}: mã cim_id bị trùng", "{layer} {id}: cim_id is not unique")
    # references
    by_kind: dict[str, list] = {}
    for rec in layers:
        k, s = typed[rec.id]
        if k:
            by_kind.setdefault(k, []).append((rec, s))
    for rel in _relations():
        for rec, system in by_kind.get(rel.source_kind, []):
            df = rec.data
            if rel.source_field not in df.columns:
                continue
            targets = [t for t, s in by_kind.get(rel.target_kind, [])
                       if (not rel.same_system or s == system) and rel.target_field in t.data.columns]
            if not targets:
                continue
            key = ("refset", *[t.id for t in targets], rel.target_field)
            known = ctx.cache.get(key, lambda ts=targets, f=rel.target_field: pd.Index(
                pd.concat([t.data[f].astype("string") for t in ts]).dropna().unique()))
            refs = df[rel.source_field].astype("string").str.strip()
            present = (refs.notna() & (refs != "")).fillna(False).to_numpy()
            scope = ctx.scope_mask(rec)
            if scope is not None:
                sel = scope.copy()
                for t in targets:             # objects referring to an id a changed target had or has
                    tscope = ctx.scope_mask(t)
                    if tscope is not None and tscope.any():
                        ids = set(t.data[rel.target_field].astype("string")[tscope].dropna())
                        before = ctx.cache.before(t.id)
                        if before is not None:
                            ids |= {str(v) for v in before[1][np.isin(before[0], ctx.fids(t)[tscope])]}
                        sel |= refs.isin(ids).fillna(False).to_numpy()
                ctx.touch(rec, ctx.fids(rec)[sel])
                present &= sel
            bad = present & ~refs.isin(known).fillna(False).to_numpy()
            out += ctx.issues_for(
                rec, bad, "{layer} {id}: trường " + rel.source_field + " tham chiếu “{value}” không tồn tại ("
                + (rel.label_vi or rel.name) + ")",
                "{layer} {id}: " + rel.source_field + " refers to '{value}', which does not exist (" +
                (rel.label_en or rel.name) + ")", values={"value": refs.to_numpy(dtype=object)})
    return out


id03.local = True
