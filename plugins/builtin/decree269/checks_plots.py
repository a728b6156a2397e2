"""PLN-02: land-use plots do not overlap, leave no gap inside the boundary, are coded, and buildable
plots carry density, FAR and height (QCVN 01:2021/BXD).

Overlaps: the layer's STRtree queried with bounding boxes shrunk by 1 cm gives candidate pairs
(neighbours that only touch never pair up), then the intersection area decides; an incremental
re-check compares the changed plots' boxes with every box and updates the cached pairs. Gaps: the boundary's area against the
plots' total area first; the geometric difference is computed only when some area is missing.
"""

from __future__ import annotations

from cim.report.numbers import number

EPS = 0.01
SCOPED_MAX = 64          # changed plots compared densely with every plot; more: the STRtree


def _keep(value, rec, pos):
    return value


def _buildable(ctx, df):
    import numpy as np

    from cim.checks.conditions import condition_mask

    if "buildable" in df.columns:
        return condition_mask(df, {"field": "buildable", "op": "true"})
    cats = ctx.params.get("non_buildable_categories", [])
    if "category" in df.columns:
        return ~condition_mask(df, {"field": "category", "op": "in", "value": cats})
    return np.ones(len(df), dtype=bool)


def _overlaps(ctx, rec, scope):
    """Pairs of plots overlapping by ``min_overlap_m2`` or more. Candidates: a plot's box shrunk by
    ``EPS`` meets the other's box (the same test both ways round, so plots that only touch never
    pair up); the layer's STRtree answers for every plot (or a SQL engine: :mod:`cim.checks.sqlengine`),
    a dense comparison for a few changed ones."""
    import numpy as np
    import shapely

    from cim.checks.sqlengine import pushdown_for

    g = ctx.geoms(rec)
    b = ctx.bounds(rec)
    minx, miny, maxx, maxy = b[:, 0] + EPS, b[:, 1] + EPS, b[:, 2] - EPS, b[:, 3] - EPS
    if scope is not None and scope.sum() > SCOPED_MAX:
        scope = None            # many changed plots: the tree is cheaper than the dense comparison
    sql = pushdown_for(ctx, "overlaps", len(g)) if scope is None else None
    if sql is not None:         # the same candidates from a spatial join in SQL; areas measured below
        i, j = sql.overlap_candidates(("geoms", rec.id), g, EPS, float(ctx.params.get("min_overlap_m2", 1.0)))
    elif scope is None:
        tree, idx = ctx.tree(rec)
        i, j = tree.query(shapely.box(minx, miny, maxx, maxy))
        j = idx[j]
    else:
        q = np.flatnonzero(scope)
        hit = ((b[None, :, 0] <= maxx[q, None]) & (b[None, :, 2] >= minx[q, None]) &
               (b[None, :, 1] <= maxy[q, None]) & (b[None, :, 3] >= miny[q, None]))
        qi, j = np.nonzero(hit)
        i = q[qi]
        ctx.touch(rec, ctx.fids(rec)[np.unique(j)])
    keep = i != j
    i, j = i[keep], j[keep]
    i, j = np.minimum(i, j), np.maximum(i, j)
    if len(i):
        pairs = np.unique(np.stack([i, j], 1), axis=0)
        i, j = pairs[:, 0], pairs[:, 1]
    area = shapely.area(shapely.intersection(g[i], g[j])) if len(i) else np.zeros(0)
    big = area >= float(ctx.params.get("min_overlap_m2", 1.0))
    return i[big], j[big], area[big]


def _gaps(ctx, rec, overlap_m2: float = 0.0):
    import numpy as np
    import shapely

    bnd = ctx.select("boundary")
    if not bnd:
        return []
    plan = shapely.union_all(np.concatenate([ctx.geoms(s.rec) for s in bnd]))
    g = ctx.geoms(rec)
    min_gap = float(ctx.params.get("min_gap_m2", 5.0))
    covered = float(shapely.area(shapely.intersection(g, plan)).sum()) if len(g) < 50_000 else float(
        shapely.area(g).sum())
    if plan.area - (covered - overlap_m2) < min_gap:
        return []           # nothing missing (overlapping area counted once)
    holes = shapely.get_parts(shapely.difference(plan, shapely.union_all(g)))
    holes = holes[shapely.area(holes) >= min_gap]
    # a sliver made by a 3 m strip is long and thin: keep parts that are not mere precision noise
    holes = holes[shapely.area(shapely.buffer(holes, -0.05)) > 0]
    out = []
    tree = ctx.tree(rec)[0]
    ids, fids = ctx.ids(rec), ctx.fids(rec)
    for h in holes:
        near = np.sort(tree.query(shapely.buffer(h, 0.5), predicate="intersects"))
        c = shapely.point_on_surface(h)
        out.append(ctx.project_issue(
            f"Khe hở {number(h.area, 1)} m² trong ranh giới không thuộc lô đất nào (giáp các lô {', '.join(map(str, ids[near][:6]))})",
            f"A {h.area:.1f} m² gap inside the boundary belongs to no plot (next to plots {', '.join(map(str, ids[near][:6]))})",
            layer=rec, fids=fids[near], object_ids=ids[near], bbox=h.bounds, location=shapely.to_wkt(c, rounding_precision=2),
            evidence={"gap_area_m2": round(h.area, 1), "global": True}))
    return out


def _spread(mask, pos, n: int):
    """A mask over the rows ``pos`` as a mask over all ``n`` rows (``pos`` None: already all rows)."""
    import numpy as np

    if pos is None:
        return mask
    out = np.zeros(n, dtype=bool)
    out[pos] = mask
    return out


def _overlap_total(ctx, rec, scope, i, j, area) -> float:
    """Overlapping area of the whole layer (for the gap balance). A scoped run replaces the pairs of
    the changed plots in the cached pairs of the last run instead of querying every plot again."""
    import numpy as np

    key = ("overlap_pairs", rec.id)
    cached = ctx.cache.data.get(key)
    if scope is not None and cached is None:
        i, j, area = _overlaps(ctx, rec, None)
    elif scope is not None and scope.sum() <= SCOPED_MAX:     # else _overlaps already returned every pair
        ci, cj, ca = cached
        keep = ~(scope[ci] | scope[cj])
        i, j, area = np.concatenate([ci[keep], i]), np.concatenate([cj[keep], j]), np.concatenate([ca[keep], area])
    ctx.cache.data[key] = (i, j, area)
    ctx.cache.patchers[key] = _keep          # kept over edits (positions stay valid); replaced above
    return float(area.sum())


def pln02(ctx, feedback):
    import numpy as np
    import shapely

    from cim.checks.conditions import condition_mask

    out = []
    for sel in ctx.require("plot"):
        rec, df = sel.rec, sel.rec.data
        scope = ctx.scope_mask(rec)
        pos = None if scope is None else np.flatnonzero(scope)
        part = df if pos is None else df.iloc[pos]      # a scoped run reads the changed rows only

        # coding
        for f in ctx.params.get("code_fields", ["code"]):
            empty = _spread(condition_mask(part, {"field": f, "op": "empty"}), pos, len(df))
            out += ctx.issues_for(rec, empty, "Lô {id}: chưa có " + f, "Plot {id}: no " + f)
        # indicators of buildable plots
        build = _buildable(ctx, part)
        miss = np.full(len(part), "", dtype=object)
        any_miss = np.zeros(len(part), dtype=bool)
        for f in ctx.params.get("indicator_fields", ["density", "far", "height_max_m"]):
            m = build & ~condition_mask(part, {"field": f, "op": "gt", "value": 0})
            miss[m] = miss[m] + (", " + f)
            any_miss |= m
        if any_miss.any():
            k = np.flatnonzero(any_miss)
            miss[k] = [t.lstrip(", ") for t in miss[k]]
            values = np.full(len(df), "", dtype=object)
            values[k if pos is None else pos[k]] = miss[k]
            out += ctx.issues_for(rec, _spread(any_miss, pos, len(df)), "Lô {id} được xây dựng nhưng thiếu chỉ tiêu: {missing}",
                                  "Buildable plot {id} lacks indicators: {missing}", values={"missing": values})
        # overlaps
        i, j, area = _overlaps(ctx, rec, scope)
        ids, fids, geoms = ctx.ids(rec), ctx.fids(rec), ctx.geoms(rec)
        for a, b, ar in zip(i, j, area):
            inter = shapely.intersection(geoms[a], geoms[b])
            out.append(ctx.project_issue(
                f"Lô {ids[a]} chồng lấn lô {ids[b]} ({number(ar, 1)} m²)", f"Plot {ids[a]} overlaps plot {ids[b]} ({ar:.1f} m²)",
                layer=rec, fids=(fids[a], fids[b]), object_ids=(ids[a], ids[b]), bbox=inter.bounds,
                location=shapely.to_wkt(shapely.point_on_surface(inter), rounding_precision=2),
                evidence={"overlap_m2": round(float(ar), 2)}))
        if scope is None or ctx.select("boundary"):     # the gap balance needs every overlap
            out += _gaps(ctx, rec, _overlap_total(ctx, rec, scope, i, j, area))
        else:                                            # not kept up to date: forget it
            ctx.cache.data.pop(("overlap_pairs", rec.id), None)
    return out


pln02.local = True
