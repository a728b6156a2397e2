"""Generic rules users write without Python (issue 6, item 5); several built-in rules use them too.

A rule's ``type`` picks the evaluator; its ``params`` say what to select and what to require:

- ``attribute``       each ``subject`` row that meets ``where`` must meet every ``require`` condition
- ``near``            each subject has ≥ ``min_count`` (1) ``target`` objects within ``distance_m``
- ``inside``          each subject lies ``within`` (or ``intersects``) a ``target`` polygon
- ``count_per_area``  ``count`` objects per km² of the ``area`` polygons ≥ ``min_per_km2``
- ``share``           the share of subjects that meet ``match`` (and are ``near`` a target) ≥ ``min_share``
- ``all_of``          several parts (generic, or ``check = "plugin.id"`` Python parts) under one rule id

A selector is ``{ kind = "network_node", system = "lighting", layer = "…", where = [conditions] }``.
Everything is vectorised: conditions over whole columns, one STRtree bulk query per layer.
"""

from __future__ import annotations

import json

from cim.checks.base import CheckSkipped
from cim.checks.conditions import all_of, describe, describe_failure
from cim.errors import CimInputError
from cim.findings import Finding

MAX_LISTED_IDS = 2000


def run_generic(ctx, feedback) -> list[Finding]:
    kind = getattr(ctx.rule, "spec", ctx.rule).type
    try:
        fn = RULE_TYPES[kind]
    except KeyError:
        raise CimInputError(ctx.pack.source if ctx.pack else None, f"unknown rule type {kind!r}",
                            obj=ctx.rule.id, hint=f"use one of {', '.join(RULE_TYPES)}") from None
    return fn(ctx, feedback)


def inputs_of(params: dict) -> list[dict]:
    """The selectors a generic rule reads (for incremental re-checks)."""
    return [params[k] for k in ("subject", "target", "count", "area") if isinstance(params.get(k), dict)]


# ---------------------------------------------------------------------------- selection
def _sel(params: dict, key: str, rule_id: str) -> dict:
    s = params.get(key)
    if not isinstance(s, dict) or "kind" not in s and "layer" not in s:
        raise CimInputError(None, f"the rule needs a '{key}' selector with a kind", obj=rule_id,
                            hint=f'add {key} = {{ kind = "plot" }} to its params')
    return s


def subjects(ctx, selector: dict, *, scoped: bool = True, required: bool = False):
    """``[(selection, mask)]``: the rows of each matching layer that meet ``where`` (and the scope).
    ``required``: no such object in the whole project (scope aside) makes the rule "not applicable"
    rather than a pass — nothing was checked."""
    out = []
    total = 0
    for sel in ctx.select(selector.get("kind", ""), selector.get("system"), selector.get("layer")):
        df = sel.rec.data
        m = ctx.rows(sel) & all_of(df, selector.get("where", []), rule_id=ctx.rule.id)
        total += int(m.sum())
        sm = ctx.scope_mask(sel.rec) if scoped else None
        if sm is not None:
            m &= sm
        out.append((sel, m))
    if required and total == 0:
        what_vi, what_en = _target_label(ctx, selector, "vi"), _target_label(ctx, selector, "en")
        raise CheckSkipped(f"Không áp dụng: không có đối tượng nào để kiểm tra ({what_vi}).",
                           f"Not applicable: no object to check ({what_en}).")
    return out


def targets(ctx, selector: dict):
    """``(geometries, STRtree)`` of every matching object of every matching layer (cached)."""
    import numpy as np
    import shapely

    subs = subjects(ctx, selector, scoped=False)
    key = _targets_key(subs, selector)

    def make():
        parts = [ctx.geoms(s.rec)[m] for s, m in subs]
        g = np.concatenate(parts) if parts else np.empty(0, dtype=object)
        g = g[~shapely.is_missing(g)]
        return g, shapely.STRtree(g)
    return ctx.cache.get(key, make)


def _targets_key(subs, selector: dict) -> tuple:
    return ("tgt", *[s.id for s, _ in subs], json.dumps(selector, sort_keys=True, ensure_ascii=False))


def _msg(ctx, default_vi: str, default_en: str) -> tuple[str, str]:
    m = ctx.params.get("message") or {}
    return m.get("vi", default_vi), m.get("en", default_en)


def _target_label(ctx, sel: dict, lang: str) -> str:
    lab = sel.get("label")
    if isinstance(lab, dict):
        return lab.get(lang, "")
    where = sel.get("where") or []
    conds = ", ".join(describe(c, lang) for c in where)
    return f"{sel.get('kind', '')}" + (f" ({conds})" if conds else "")


# ---------------------------------------------------------------------------- evaluators
def rule_attribute(ctx, feedback) -> list[Finding]:
    import numpy as np

    p = ctx.params
    subj = _sel(p, "subject", ctx.rule.id)
    require = p.get("require") or []
    out: list[Finding] = []
    for sel, m in subjects(ctx, subj, required=True):
        df = sel.rec.data
        fails = [(c, m & ~all_of(df, [c], rule_id=ctx.rule.id)) for c in require]
        bad = np.zeros(len(df), dtype=bool)
        for _, f in fails:
            bad |= f
        if not bad.any():
            continue
        labels_vi = np.full(len(df), "", dtype=object)
        labels_en = np.full(len(df), "", dtype=object)
        for c, f in fails:
            labels_vi[f] = labels_vi[f] + "; " + describe_failure(c, "vi")
            labels_en[f] = labels_en[f] + "; " + describe_failure(c, "en")
        mv, me = _msg(ctx, "{layer} {id}: chưa đạt — {failed}", "{layer} {id}: not met — {failed}")
        out += ctx.issues_for(sel.rec, bad, mv.replace("{failed}", "{failed_vi}"),
                              me.replace("{failed}", "{failed_en}"),
                              values={"failed_vi": np.char.lstrip(labels_vi.astype(str), "; ").astype(object),
                                      "failed_en": np.char.lstrip(labels_en.astype(str), "; ").astype(object)})
    return out


def _near_counts(ctx, sel, m, target_sel: dict, distance: float, predicate: str = "dwithin",
                 need_one: bool = False):
    import numpy as np

    from cim.checks.sqlengine import pushdown_for

    tg, tree = targets(ctx, target_sel)
    idx = np.flatnonzero(m)
    counts = np.zeros(len(sel.rec.data), dtype=np.int64)
    sql = pushdown_for(ctx, "near", len(idx) + len(tg)) if len(idx) and len(tg) else None
    if sql is not None:         # the same counts from a spatial join in SQL
        key = _targets_key(subjects(ctx, target_sel, scoped=False), target_sel)
        c = sql.near_counts(("geoms", sel.rec.id), ctx.geoms(sel.rec), idx, key, tg, float(distance), predicate)
        counts[idx] = np.minimum(c, 1) if need_one and predicate == "dwithin" else c
        return counts
    g = ctx.geoms(sel.rec)[idx]
    if len(idx) and len(tree.geometries):
        if predicate == "dwithin" and need_one:
            counts[idx[_any_within(tree, g, float(distance))]] = 1
            return counts
        if predicate == "dwithin":
            pairs = tree.query(g, predicate="dwithin", distance=float(distance))
        else:
            pairs = tree.query(g, predicate=predicate)
        counts[idx] = np.bincount(pairs[0], minlength=len(idx))
    return counts


def _any_within(tree, g, d: float):
    """Positions of ``g`` with at least one tree geometry within ``d``. Point targets: a KD-tree on
    the subjects' bounding-box centres decides most objects (every point of an object lies within its
    half-diagonal r of the centre: centre within d − r ⇒ within d; beyond d + r ⇒ not); only objects
    in between are measured exactly."""
    import numpy as np
    import shapely

    targets = tree.geometries
    if len(targets) and (shapely.get_type_id(targets) == 0).all():
        from scipy.spatial import cKDTree

        b = shapely.bounds(g)
        c = np.column_stack([(b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2])
        r = np.hypot(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]) / 2
        dist, _ = cKDTree(shapely.get_coordinates(targets)).query(c, k=1, distance_upper_bound=d + float(np.nanmax(r, initial=0)))
        ok = dist <= d - r
        border = np.flatnonzero(~ok & (dist <= d + r))
        if len(border):
            pairs = tree.query_nearest(g[border], max_distance=d or 1e-9, all_matches=False)
            ok[border[np.unique(pairs[0])]] = True
        return np.flatnonzero(ok)
    pairs = tree.query_nearest(g, max_distance=d or 1e-9, all_matches=False)   # nearest only, not every pair
    return np.unique(pairs[0])


def rule_near(ctx, feedback) -> list[Finding]:
    p = ctx.params
    subj, tgt = _sel(p, "subject", ctx.rule.id), _sel(p, "target", ctx.rule.id)
    d, need = float(p.get("distance_m", 50)), int(p.get("min_count", 1))
    out: list[Finding] = []
    tv, te = _target_label(ctx, tgt, "vi"), _target_label(ctx, tgt, "en")
    mv, me = _msg(ctx, "{layer} {id}: có {count} {target} trong bán kính {distance} m (cần ≥ {need})",
                  "{layer} {id}: {count} {target_en} within {distance} m (needs ≥ {need})")
    for sel, m in subjects(ctx, subj, required=True):
        counts = _near_counts(ctx, sel, m, tgt, d)
        out += ctx.issues_for(sel.rec, m & (counts < need), mv, me,
                              values={"count": counts, "target": tv, "target_en": te, "distance": f"{d:g}",
                                      "need": need})
    return out


def rule_inside(ctx, feedback) -> list[Finding]:
    p = ctx.params
    subj, tgt = _sel(p, "subject", ctx.rule.id), _sel(p, "target", ctx.rule.id)
    pred = p.get("predicate", "within")
    out: list[Finding] = []
    tv, te = _target_label(ctx, tgt, "vi"), _target_label(ctx, tgt, "en")
    mv, me = _msg(ctx, "{layer} {id}: không nằm trong {target}", "{layer} {id}: not inside {target_en}")
    for sel, m in subjects(ctx, subj, required=True):
        counts = _near_counts(ctx, sel, m, tgt, 0.0, predicate=pred)
        out += ctx.issues_for(sel.rec, m & (counts == 0), mv, me, values={"target": tv, "target_en": te})
    return out


def _row_areas(ctx, rec):
    """The area of each row, kept in the run cache and patched for edited rows (re-checks)."""
    import numpy as np
    import shapely

    def patch(areas, changed, pos):
        areas[pos] = shapely.area(np.asarray(changed.data.geometry.array[pos], dtype=object))
        return areas
    return ctx.cache.get(("row_area", rec.id), lambda: shapely.area(ctx.geoms(rec)), patch=patch)


def _area_km2(ctx, selector: dict):
    """Area (km²) of the union of the area polygons and the union itself (None when no layer)."""
    import shapely

    subs = subjects(ctx, selector, scoped=False)
    parts = [ctx.geoms(s.rec)[m] for s, m in subs if m.any()]
    if not parts:
        return None, None
    key = ("area", *[s.id for s, _ in subs], json.dumps(selector, sort_keys=True, ensure_ascii=False))

    def make():
        import numpy as np

        g = np.concatenate(parts)
        if len(g) > 1000:       # many plots: they tile the area, sum is the union's area
            areas = np.concatenate([_row_areas(ctx, s.rec)[m] for s, m in subs if m.any()])
            return float(areas.sum()) / 1e6, None
        u = shapely.union_all(g)
        return u.area / 1e6, u
    return ctx.cache.get(key, make)


def rule_count_per_area(ctx, feedback) -> list[Finding]:
    import numpy as np
    import shapely

    p = ctx.params
    cnt = _sel(p, "count", ctx.rule.id)
    areas = p.get("area") or {"kind": "boundary"}
    area_km2, union = None, None
    area_sel = None
    for a in areas if isinstance(areas, list) else [areas]:
        area_km2, union = _area_km2(ctx, a)
        if area_km2:
            area_sel = a
            break
    if not area_km2:
        raise CheckSkipped("Không có lớp ranh giới/diện tích để tính mật độ.",
                           "No boundary/area layer to compute a density over.")
    n = 0
    for sel, m in subjects(ctx, cnt, scoped=False):
        g = ctx.geoms(sel.rec)[m]
        if union is not None and len(g):
            shapely.prepare(union)
            n += int(np.count_nonzero(shapely.intersects(union, g)))
        else:
            n += int(np.count_nonzero(m))
    need = float(p.get("min_per_km2", 1))
    density = n / area_km2
    ctx.record(count=n, area_km2=round(area_km2, 4), per_km2=round(density, 3), min_per_km2=need)
    if density >= need:
        return []
    label_vi, label_en = _target_label(ctx, cnt, "vi"), _target_label(ctx, cnt, "en")
    mv, me = _msg(ctx, "Mật độ {target}: {density} /km² ({count} trên {area} km²), cần ≥ {need} /km²",
                  "Density of {target}: {density} /km² ({count} over {area} km²), needs ≥ {need} /km²")
    f = dict(density=f"{density:.2f}", count=n, area=f"{area_km2:.2f}", need=f"{need:g}")
    area_layers = [(s, m) for s, m in subjects(ctx, area_sel, scoped=False) if m.any()]
    rec, m = area_layers[0] if len(area_layers) == 1 else (None, None)
    return [ctx.project_issue(mv.format(target=label_vi, **f), me.format(target=label_en, **f),
                              evidence={"count": n, "area_km2": round(area_km2, 4), "per_km2": round(density, 3),
                                        "missing": int(np.ceil(need * area_km2 - n))},
                              bbox=union.bounds if union is not None else None,
                              layer=rec.rec if rec is not None and m.sum() <= MAX_LISTED_IDS else None,
                              fids=ctx.fids(rec.rec)[m] if rec is not None and m.sum() <= MAX_LISTED_IDS else (),
                              object_ids=ctx.ids(rec.rec)[m] if rec is not None and m.sum() <= MAX_LISTED_IDS else ())]


def _share_ok(ctx, sel, m, p):
    """Per-subject "meets the share condition", cached; after an edit of the *target* layer only the
    subjects within the distance of the changed targets (old or new position) are re-evaluated."""
    import numpy as np

    near = p.get("near") if isinstance(p.get("near"), dict) else None
    key = ("share_ok", sel.id, json.dumps(p, sort_keys=True, ensure_ascii=False, default=str))
    cached = ctx.cache.data.get(key)
    base = m & all_of(sel.rec.data, p.get("match") or [], rule_id=ctx.rule.id)
    if near is None:
        return base
    tsel = _sel(near, "target", ctx.rule.id)
    d = float(near.get("distance_m", 30))
    one = int(near.get("min_count", 1)) == 1
    if ctx.scope is not None and cached is not None and len(cached) == len(base):
        import shapely

        changed = []
        for lid, fids in ctx.scope.items():
            f = np.fromiter(fids, dtype=np.int64, count=len(fids))
            rec = ctx.project.layers.get(lid)
            if rec is not None:
                changed.append(ctx.geoms(rec)[np.isin(ctx.fids(rec), f)])
            before = ctx.cache.before_geoms(lid)
            if before is not None:
                changed.append(before[1][np.isin(before[0], f)])
        g = np.concatenate(changed) if changed else np.empty(0, dtype=object)
        g = g[~shapely.is_missing(g)]
        tree, idx = ctx.tree(sel.rec)
        hit = np.unique(idx[tree.query(g, predicate="dwithin", distance=d)[1]]) if len(g) else np.zeros(0, int)
        sub = np.zeros(len(base), dtype=bool)
        sub[hit] = True
        counts = _near_counts(ctx, sel, base & sub, tsel, d, need_one=one)
        ok = cached.copy()
        ok[hit] = (base & (counts >= int(near.get("min_count", 1))))[hit]
    else:
        counts = _near_counts(ctx, sel, base, tsel, d, need_one=one)
        ok = base & (counts >= int(near.get("min_count", 1)))
    ctx.cache.data[key] = ok
    return ok


def rule_share(ctx, feedback) -> list[Finding]:
    import numpy as np

    p = ctx.params
    subj = _sel(p, "subject", ctx.rule.id)
    need = float(p.get("min_share", 0.5))
    total = matched = 0
    missing_ids, missing_fids, layers = [], [], []
    for sel, m in subjects(ctx, subj, scoped=False):
        ctx.subjects.add(sel.id)
        ok = _share_ok(ctx, sel, m, p)
        total += int(m.sum())
        matched += int(ok.sum())
        miss = np.flatnonzero(m & ~ok)[:MAX_LISTED_IDS]
        missing_ids += [str(x) for x in ctx.ids(sel.rec)[miss]]
        missing_fids += [int(x) for x in ctx.fids(sel.rec)[miss]]
        layers.append(sel.rec)
    if total == 0:
        raise CheckSkipped("Không có đối tượng nào để tính tỷ lệ.", "No objects to compute the share over.")
    share = matched / total
    ctx.record(total=total, matched=matched, share=round(share, 4), min_share=need)
    if share >= need:
        return []
    mv, me = _msg(ctx, "Tỷ lệ đạt {share:.0%} ({matched}/{total}), yêu cầu ≥ {need:.0%}",
                  "Share {share:.0%} ({matched}/{total}), required ≥ {need:.0%}")
    return [ctx.project_issue(mv.format(share=share, matched=matched, total=total, need=need),
                              me.format(share=share, matched=matched, total=total, need=need),
                              evidence={"total": total, "matched": matched, "share": round(share, 4),
                                        "missing": int(np.ceil(need * total - matched)), "global": True},
                              layer=layers[0] if len(layers) == 1 else None,
                              fids=missing_fids if len(layers) == 1 else (), object_ids=missing_ids)]


def rule_all_of(ctx, feedback) -> list[Finding]:
    """Several parts under one rule id: ``parts = [{ type = "near", … }, { check = "plugin.check", … }]``.
    Each part's evidence is kept under its ``name`` (or its position); a part that cannot be
    evaluated (no such data) is recorded and skipped, the rule is skipped only if every part is."""
    params = ctx.params
    out: list[Finding] = []
    skipped = []
    evidence = {}
    try:
        for k, part in enumerate(params.get("parts") or []):
            name = str(part.get("name", k))
            ctx.params = {**{k2: v for k2, v in params.items() if k2 != "parts"}, **part}
            ctx.evidence = {}
            try:
                if part.get("check"):
                    out += list(ctx.rule.part_impls[part["check"]](ctx, feedback) or [])
                else:
                    out += RULE_TYPES[part.get("type", "attribute")](ctx, feedback)
            except CheckSkipped as skip:
                skipped.append(skip)
                ctx.evidence["skipped"] = skip.reason.en
            evidence[name] = ctx.evidence
    finally:
        ctx.params = params
    ctx.evidence = evidence
    if skipped and len(skipped) == len(params.get("parts") or []):
        raise skipped[0]
    return out


RULE_TYPES = {"attribute": rule_attribute, "all_of": rule_all_of, "near": rule_near, "inside": rule_inside,
              "count_per_area": rule_count_per_area, "share": rule_share}
LOCAL_TYPES = frozenset({"attribute", "near", "inside"})   # per-object: can re-check changed objects only
