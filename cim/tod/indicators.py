"""TOD indicators per station catchment (DOMAIN.md §7), all vectorised.

Definitions (a = catchment area; plots count by the share of their area inside, see :mod:`overlay`):

- ``intersection_density_km2``: walkable nodes of degree ≥ 3 inside ÷ a (km²); degree counts walkable edges.
- ``block_length_mean_m`` / ``_max_m``: a block is a chain of walkable edges between nodes of degree ≠ 2;
  a block belongs to a catchment when the midpoint of one of its edges lies inside; its whole length counts.
- ``mix_entropy`` = −Σ pᵢ ln pᵢ ÷ ln K, pᵢ the share of category i in the plot area of the
  ``mix_categories`` inside; K = len(mix_categories) (8 by default, :data:`params.MIX_CATEGORIES`).
- ``gfa_m2`` = Σ share × plot area × FAR (plots without FAR are left out and counted);
  ``far_gross`` = gfa ÷ a; ``far_net`` = gfa ÷ area of plots with FAR > 0 inside.
  ``gfa_buildings_m2``: Σ ``gfa_m2`` of buildings whose centroid is inside (IFC or attribute), else
  footprint × floors, counted in ``buildings_gfa_estimated``.
- ``pop_density_pph`` / ``job_density_jph``: residents / jobs per hectare of a;
  ``jobs_housing_ratio`` = jobs ÷ residents.
- ``access_<dest>_share``: share of buildings inside whose walk to a destination is ≤ ``access_m``.
- ``road_area_share`` / ``parking_area_share``: transport / parking plot area inside ÷ a.
- ``n_<type>``: intermodal and smart elements inside, by type; ``n_smart_elements`` all of them.

Missing data is never guessed: the value is empty (NaN) and ``notes`` says what data is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from cim.feedback import Feedback
from cim.tod.overlay import (
    box_mask,
    group_count,
    group_sum,
    point_mask,
    points_in,
    street_chains,
)
from cim.tod.params import TodParams


@dataclass
class TodData:
    """What a study reads: frames in the project CRS (any may be None) and the street network."""

    plots: Any = None
    buildings: Any = None
    elements: Any = None
    net: Any = None


def plot_columns(plots, params: TodParams) -> dict:
    """Numeric arrays of the plot layer: area, category, FAR (NaN when missing), residents, jobs, codes."""
    import pandas as pd
    import shapely

    geoms = np.asarray(plots.geometry.values, dtype=object)
    n = len(plots)

    def num(col):
        return (pd.to_numeric(plots[col], errors="coerce").to_numpy(dtype=float) if col in plots.columns
                else np.full(n, np.nan))

    cat = _categories(plots)
    code = plots["code"].astype("string").fillna("").to_numpy(dtype=object) if "code" in plots.columns else None
    return {"geoms": geoms, "area": shapely.area(geoms), "category": cat, "far": num("far"),
            "population": num("population"), "jobs": num("jobs"), "code": code,
            "parking_m2": num("parking_area_m2") if "parking_area_m2" in plots.columns else None,
            "has": {c: c in plots.columns for c in ("far", "population", "jobs")}}


_PLOT_COLUMNS = ("category", "landuse_code", "code", "far", "population", "jobs", "parking_area_m2")


def _rows(frame, rows: np.ndarray, columns):
    """The rows ``rows`` (positions) of ``frame`` with its geometry and those of ``columns`` it has
    (one take: copying every column of a large layer costs more than the indicators)."""
    keep = [frame.columns.get_loc(c) for c in (frame.geometry.name, *columns) if c in frame.columns]
    return frame.iloc[rows, keep]


def _categories(plots) -> np.ndarray:
    """The mix category of each plot: its ``category``, else from ``landuse_code``/``code`` (crosswalk)."""
    if "category" in plots.columns:
        return plots["category"].astype("string").fillna("").to_numpy(dtype=object)
    from cim.model.taxonomy import load_crosswalk

    code_col = "landuse_code" if "landuse_code" in plots.columns else "code" if "code" in plots.columns else None
    return (load_crosswalk().categories_for(plots[code_col]).fillna("").to_numpy(dtype=object) if code_col
            else np.full(len(plots), "", dtype=object))


def _category_anywhere(plots, boxes, p: TodParams, wanted, memo) -> set:
    """Which of ``wanted`` categories occur in the plot layer (a hash look-up, no sorting); without a
    category column, in the plots near a station (their categories come from the code crosswalk)."""
    if "category" in plots.columns:
        return set(plots["category"][plots["category"].isin(list(wanted))].unique().tolist())
    cand = np.flatnonzero(box_mask(memo.bounds(plots), boxes))
    return set(np.unique(plot_columns(plots.iloc[cand], p)["category"]).tolist()) & set(wanted)


def _station_boxes(frame, geoms) -> np.ndarray:
    import shapely

    b = shapely.bounds(geoms)
    st = frame["station"].to_numpy()
    out = []
    for s in np.unique(st):
        m = st == s
        out.append([b[m, 0].min(), b[m, 1].min(), b[m, 2].max(), b[m, 3].max()])
    return np.array(out).reshape(-1, 4)


def compute_indicators(catchments, data: TodData, params: TodParams | None = None, *,
                       feedback: Feedback | None = None, memo=None):
    """One row of indicators per catchment row that has a polygon; returns (DataFrame, messages).

    ``memo`` computes the overlays (:class:`cim.tod.overlay.Direct` by default); an incremental check
    session passes one that keeps them between runs and updates them for the edited rows only."""
    import pandas as pd
    import shapely

    from cim.tod.overlay import Direct

    memo = memo or Direct()
    p = params or TodParams()
    fb = feedback or Feedback()
    frame = catchments.frame
    valid = ~(frame.geometry.isna() | frame.geometry.is_empty).to_numpy()
    cf = frame[valid].reset_index(drop=True)
    geoms = np.asarray(cf.geometry.values, dtype=object)
    k = len(cf)
    radius = cf["radius_m"].to_numpy(dtype=float)
    # a circle counts as the exact circle (its polygon has 64 sides); walksheds by their polygon
    area = np.where(cf["kind"].to_numpy() == "circle", np.pi * radius ** 2, shapely.area(geoms))
    out = pd.DataFrame({c: cf[c].to_numpy() for c in ("station", "station_id", "name", "kind", "radius_m")})
    out["area_ha"] = area / 1e4
    out["circle_ratio"] = cf["circle_ratio"].to_numpy()
    notes: list[list[str]] = [[] for _ in range(k)]
    messages: list[dict] = []
    if k == 0:
        return out.assign(notes=""), messages
    boxes = _station_boxes(cf, geoms)
    with np.errstate(invalid="ignore", divide="ignore"):
        _plots(out, notes, geoms, area, boxes, data.plots, p, messages, memo)
        fb.set_progress(0.4)
        fb.raise_if_canceled("indicators")
        _network(out, notes, geoms, area, boxes, data.net, p, memo)
        fb.set_progress(0.6)
        _buildings(out, notes, geoms, boxes, data, p, memo)
        fb.set_progress(0.9)
        _elements(out, geoms, boxes, data.elements, p, memo)
    out["notes"] = ["; ".join(dict.fromkeys(n)) for n in notes]
    fb.set_progress(1.0)
    return out, messages


def _compact(idx: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(sorted distinct values of ``idx`` — integers in [0, n) —, position of each ``idx`` in them),
    as ``np.unique(idx, return_inverse=True)`` but without sorting."""
    seen = np.zeros(n, dtype=bool)
    seen[idx] = True
    used = np.flatnonzero(seen)
    where = np.zeros(n, dtype=np.int64)
    where[used] = np.arange(len(used))
    return used, where[idx]


def _note(notes, rows, text) -> None:
    for r in np.atleast_1d(rows):
        notes[int(r)].append(text)


def _plots(out, notes, geoms, area, boxes, plots, p: TodParams, messages, memo) -> None:
    import pandas as pd

    k = len(out)
    cols = ("plots", "plots_without_far", "gfa_m2", "far_gross", "far_net", "population", "jobs",
            "pop_density_pph", "job_density_jph", "jobs_housing_ratio", "mix_entropy", "road_area_share",
            "parking_area_share")
    if plots is None or len(plots) == 0:
        for c in cols:
            out[c] = np.nan
        _note(notes, range(k), "needs data: a land-use plot layer")
        return
    # (catchment, plot row, share) sorted by catchment then row: sums below add in that order
    ci, rows, share = memo.plot_pairs(geoms, boxes, plots)
    used, gi = _compact(rows, len(plots))
    pc = plot_columns(_rows(plots, used, _PLOT_COLUMNS), p)       # the plots in a catchment only
    part = share * pc["area"][gi]
    far = pc["far"][gi]
    out["plots"] = group_count(ci, k)
    _note(notes, np.flatnonzero(out["plots"].to_numpy() == 0), "empty catchment: no plot inside")
    nofar = ~np.isfinite(far)
    out["plots_without_far"] = group_count(ci[nofar], k)
    gfa = group_sum(ci[~nofar], part[~nofar] * far[~nofar], k)
    built = group_sum(ci[~nofar & (far > 0)], part[~nofar & (far > 0)], k)
    if not pc["has"]["far"]:
        out["gfa_m2"] = out["far_gross"] = out["far_net"] = np.nan
        _note(notes, range(k), "needs data: the plots have no FAR field (far)")
        messages.append({"en": "the plot layer has no FAR field: GFA and FAR are not computed",
                         "vi": "lớp lô đất không có trường hệ số sử dụng đất (far): không tính GFA, FAR"})
    else:
        out["gfa_m2"] = gfa
        out["far_gross"] = gfa / area
        out["far_net"] = np.where(built > 0, gfa / built, np.nan)
        miss = np.flatnonzero(out["plots_without_far"].to_numpy() > 0)
        for r in miss:
            notes[r].append(f"{out['plots_without_far'].iat[r]} plot(s) without FAR left out of GFA")
        if len(miss):
            messages.append({"en": f"{len(_compact(gi[nofar], len(used))[0])} plot(s) in catchments have no FAR: left out of GFA",
                             "vi": "một số lô đất trong vùng ảnh hưởng không có hệ số sử dụng đất: không tính vào GFA"})
    for c, dens in (("population", "pop_density_pph"), ("jobs", "job_density_jph")):
        if pc["has"][c]:
            v = pc[c][gi]
            total = group_sum(ci[np.isfinite(v)], share[np.isfinite(v)] * v[np.isfinite(v)], k)
            out[c], out[dens] = total, total / (area / 1e4)
        else:
            out[c] = out[dens] = np.nan
            _note(notes, range(k), f"needs data: the plots have no {c} field")
    pop, jobs = out["population"].to_numpy(dtype=float), out["jobs"].to_numpy(dtype=float)
    out["jobs_housing_ratio"] = np.where(pop > 0, jobs / np.where(pop > 0, pop, 1), np.nan)
    _note(notes, np.flatnonzero(pc["has"]["population"] & (pop == 0)), "no residents: jobs–housing ratio undefined")
    # land-use mix
    cats = np.asarray(p.mix_categories, dtype=object)
    code = {c: i for i, c in enumerate(cats)}
    codes, uniq = pd.factorize(pc["category"])
    cat_idx = np.array([code.get(c, -1) for c in uniq] + [-1], dtype=np.int64)[codes][gi]
    m = cat_idx >= 0
    K = len(cats)
    by = np.bincount(ci[m] * K + cat_idx[m], weights=part[m], minlength=k * K).reshape(k, K)
    tot = by.sum(axis=1, keepdims=True)
    pr = np.where(tot > 0, by / np.where(tot > 0, tot, 1), 0.0)
    ent = -(np.where(pr > 0, pr * np.log(np.where(pr > 0, pr, 1)), 0.0)).sum(axis=1) / np.log(K)
    out["mix_entropy"] = np.where(tot[:, 0] > 0, ent, np.nan)
    _note(notes, np.flatnonzero(tot[:, 0] <= 0), "no plot of the mix categories: entropy undefined")
    for c in cats:
        out[f"area_{c}_ha"] = by[:, code[c]] / 1e4
    # road and parking land
    anywhere = _category_anywhere(plots, boxes, p, (*p.road_categories, *p.parking_categories), memo)
    road = np.isin(pc["category"], p.road_categories)[gi]
    if anywhere & set(p.road_categories):
        out["road_area_share"] = group_sum(ci[road], part[road], k) / area
    else:
        out["road_area_share"] = np.nan   # may be filled from street widths by _network
    park = np.isin(pc["category"], p.parking_categories)[gi]
    has_park = bool(anywhere & set(p.parking_categories))
    if pc["code"] is not None:
        park |= np.isin(pc["code"], p.parking_codes)[gi]
        has_park |= bool(plots["code"].isin(p.parking_codes).any())
    if pc["parking_m2"] is not None:
        pm = np.nan_to_num(pc["parking_m2"][gi])
        out["parking_area_share"] = (group_sum(ci, share * pm, k) + group_sum(ci[park], part[park], k)) / area
    elif has_park:
        out["parking_area_share"] = group_sum(ci[park], part[park], k) / area
    else:
        out["parking_area_share"] = np.nan
        _note(notes, range(k), "needs data: parking plots (category 'parking' / code P) or parking_area_m2")


def _network(out, notes, geoms, area, boxes, net, p: TodParams, memo) -> None:
    k = len(out)
    if net is None or net.n_edges == 0:
        for c in ("intersections", "intersection_density_km2", "blocks", "block_length_mean_m",
                  "block_length_max_m"):
            out[c] = np.nan
        _note(notes, range(k), "needs data: a street network (road layer)")
        return
    n = memo.network(lambda: _network_parts(geoms, boxes, net, p, k))
    out["intersections"] = n["intersections"]
    out["intersection_density_km2"] = out["intersections"] / (area / 1e6)
    n_blocks = n["blocks"]
    out["blocks"] = n_blocks
    out["block_length_mean_m"] = np.where(n_blocks > 0, n["block_sum"] / np.maximum(n_blocks, 1), np.nan)
    out["block_length_max_m"] = np.where(n_blocks > 0, n["block_max"], np.nan)
    if np.isnan(out["road_area_share"].to_numpy(dtype=float)).all():
        if n["road_m2"] is not None:
            out["road_area_share"] = np.minimum(n["road_m2"] / area, 1.0)
            _note(notes, range(k), "road area from street widths × length (no transport plots)")
        else:
            out["road_area_share"] = np.nan
            _note(notes, range(k), "needs data: transport plots or street widths (width_m)")


def _network_parts(geoms, boxes, net, p: TodParams, k: int) -> dict:
    """What the street network gives each catchment (it depends on the network and catchments only)."""
    import pandas as pd
    import shapely

    _, fw, bw = net.edge_cost(p.walk_mode, "length")
    w = np.flatnonzero(fw | bw)
    iu, iv = net.iu[w], net.iv[w]
    deg = np.bincount(np.r_[iu, iv], minlength=net.n_nodes)
    xy = net.xy
    margin = np.array([-1, -1, 1, 1]) * 500.0          # blocks crossing a box edge keep their length
    near_node = point_mask(xy, boxes + margin)
    node = np.flatnonzero(near_node & (deg >= p.intersection_degree))
    ci, _ = points_in(geoms, xy[node])
    sel = near_node[iu] | near_node[iv]
    ew = w[sel]
    length = net.edges["length"].to_numpy(dtype=float)[ew]
    label, chain_len = street_chains(iu[sel], iv[sel], length)
    mid = shapely.get_coordinates(shapely.line_interpolate_point(net.edges.geometry.values[ew], 0.5,
                                                                 normalized=True))
    ce, ei = points_in(geoms, mid)
    pairs = np.unique(ce * (len(chain_len) + 1) + label[ei]) if len(ce) else np.zeros(0, np.int64)
    pc, pl = np.divmod(pairs, len(chain_len) + 1)
    lens = chain_len[pl]
    mx = np.full(k, -np.inf)
    np.maximum.at(mx, pc, lens)
    road = None
    wcol = next((c for c in ("width_m", "row_width_m") if c in net.edges.columns), None)
    if wcol is not None:
        width = pd.to_numeric(net.edges[wcol], errors="coerce").to_numpy(dtype=float)[ew]
        ok = np.isfinite(width[ei])
        road = group_sum(ce[ok], length[ei][ok] * width[ei][ok], k)
    return {"intersections": group_count(ci, k), "blocks": group_count(pc, k), "block_sum": group_sum(pc, lens, k),
            "block_max": mx, "road_m2": road}


def _buildings(out, notes, geoms, boxes, data: TodData, p: TodParams, memo) -> None:
    k = len(out)
    names = list(p.access_destinations)
    if data.buildings is None or len(data.buildings) == 0:
        out["buildings"] = 0
        out["gfa_buildings_m2"] = np.nan
        out["buildings_gfa_estimated"] = 0
        for n in names:
            out[f"access_{n}_share"] = np.nan
        _note(notes, range(k), "needs data: a building layer")
        return
    cxy, ci, bi, gfa, est = memo.buildings(geoms, boxes, data.buildings)
    out["buildings"] = group_count(ci, k)
    okg = np.isfinite(gfa[bi])
    out["gfa_buildings_m2"] = np.where(group_count(ci[okg], k) > 0, group_sum(ci[okg], gfa[bi][okg], k), np.nan)
    out["buildings_gfa_estimated"] = group_count(ci[est[bi] & okg], k)
    net = data.net
    used, pos = _compact(bi, len(cxy))
    have_plots = data.plots is not None and len(data.plots)
    for n in names:
        out[f"access_{n}_share"] = np.nan
    if net is None or not have_plots:
        _note(notes, range(k), "needs data: streets and plots for walking access to parks/schools/health")
        return
    region = boxes + np.array([-1, -1, 1, 1]) * p.access_m
    near = memo.near_rows(data.plots, region)
    cat = _categories(_rows(data.plots, near, ("category", "landuse_code", "code")))
    rows = {n: near[np.isin(cat, cats)] for n, cats in p.access_destinations.items()}
    dest = {n: np.asarray(data.plots.geometry.values[r], dtype=object) for n, r in rows.items()}
    flags = memo.access(net, cxy[used], dest, rows=rows, mode=p.walk_mode, access_m=p.access_m,
                        entry_m=p.access_entry_m, node_keep=point_mask(net.xy, region))
    nb = group_count(ci, k)
    for n in names:
        f = flags.get(n)
        if f is None:
            _note(notes, range(k), f"needs data: no {n} ({'/'.join(p.access_destinations[n])} plots) near the station")
            continue
        hit = group_count(ci[f[pos]], k)
        out[f"access_{n}_share"] = np.where(nb > 0, hit / np.maximum(nb, 1), np.nan)


def _elements(out, geoms, boxes, elements, p: TodParams, memo) -> None:
    k = len(out)
    types = list(p.intermodal_types)
    if elements is None or len(elements) == 0:
        for t in types:
            out[f"n_{t}"] = 0
        out["n_smart_elements"] = 0
        return
    ci, ei, typ = memo.elements(geoms, boxes, elements)
    for t in types:
        out[f"n_{t}"] = group_count(ci[typ[ei] == t], k)
    out["n_smart_elements"] = group_count(ci, k)
