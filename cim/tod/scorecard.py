"""An ITDP-style scorecard (TOD Standard v3: eight principles, 100 points, transit proximity a gate).

Only metrics the data supports are scored; every other metric is listed with status "needs data"
and no points — never guessed. Point scales follow the shape of the ITDP metrics; the thresholds are
ours [I] (configurable by editing :data:`METRICS`), and proxies say so in ``basis``. The scorecard
reads the walkshed of ``params.scorecard_ring`` (the circle when a station has no walkshed).
"""

from __future__ import annotations

import numpy as np

from cim.tod.params import TodParams

# (principle, id, title, max points, column or None, steps [(threshold, points)], higher is better, basis)
METRICS = (
    ("walk", "1.A.1", "Walkways", 3, None, (), True, ""),
    ("walk", "1.A.2", "Crosswalks", 3, None, (), True, ""),
    ("walk", "1.B.1", "Visually active frontage", 6, None, (), True, ""),
    ("walk", "1.B.2", "Physically permeable frontage", 2, None, (), True, ""),
    ("walk", "1.C.1", "Shade and shelter", 1, None, (), True, ""),
    ("cycle", "2.A.1", "Cycle network", 2, None, (), True, ""),
    ("cycle", "2.B.1", "Cycle parking at the station", 1, "n_bike_share", ((1, 1),), True,
     "proxy: a bike-share station in the catchment [I]"),
    ("cycle", "2.B.2", "Cycle parking at buildings", 1, None, (), True, ""),
    ("cycle", "2.B.3", "Cycle access in buildings", 1, None, (), True, ""),
    ("connect", "3.A.1", "Small blocks (longest block, m)", 10, "block_length_max_m",
     ((110, 10), (130, 8), (150, 6), (170, 4), (190, 2)), False, "longest block in the walkshed [I]"),
    ("connect", "3.B.1", "Prioritised connectivity", 5, None, (), True, ""),
    ("mix", "5.A.1", "Complementary uses (land-use mix entropy)", 10, "mix_entropy",
     ((0.75, 10), (0.6, 7), (0.45, 4), (0.3, 2)), True, "proxy: entropy of plot areas [I]"),
    ("mix", "5.A.2", "Access to local services (school and health ≤ 500 m)", 3, "access_services_share",
     ((0.8, 3), (0.5, 2), (0.3, 1)), True, "share of buildings [I]"),
    ("mix", "5.A.3", "Access to parks (≤ 500 m)", 1, "access_park_share", ((0.8, 1),), True,
     "share of buildings [I]"),
    ("mix", "5.B.1", "Affordable housing", 8, None, (), True, ""),
    ("mix", "5.C.1", "Housing preservation", 2, None, (), True, ""),
    ("mix", "5.C.2", "Business and services preservation", 1, None, (), True, ""),
    ("densify", "6.A.1", "Non-residential density (jobs/ha)", 7, "job_density_jph",
     ((150, 7), (100, 5), (50, 3), (25, 1)), True, "benchmark [I]"),
    ("densify", "6.A.2", "Residential density (residents/ha)", 8, "pop_density_pph",
     ((200, 8), (150, 6), (100, 4), (50, 2)), True, "benchmark [I]"),
    ("compact", "7.A.1", "Urban site", 8, None, (), True, ""),
    ("compact", "7.B.1", "Transit options (bus, bike share, transfer hub)", 2, "transit_options",
     ((2, 2), (1, 1)), True, "distinct intermodal types in the catchment [I]"),
    ("shift", "8.A.1", "Off-street parking (share of site)", 8, "parking_area_share",
     ((0.10, 8), (0.15, 6), (0.20, 4), (0.25, 2)), False, "[I]"),
    ("shift", "8.A.2", "Driveway density", 1, None, (), True, ""),
    ("shift", "8.A.3", "Roadway area (share of site)", 6, "road_area_share", ((0.15, 6), (0.20, 3)), False, "[I]"),
)
PRINCIPLES = ("walk", "cycle", "connect", "transit", "mix", "densify", "compact", "shift")


def _points(v: np.ndarray, steps, higher: bool) -> np.ndarray:
    pts = np.zeros(len(v))
    for thr, p in sorted(steps, key=lambda s: s[1]):       # ascending points: the best step wins
        hit = v >= thr if higher else v <= thr
        pts = np.where(hit, np.maximum(pts, p), pts)
    return pts


def scorecard_rows(indicators, params: TodParams | None = None):
    """The indicator row each station is scored on: walkshed at the scorecard ring, else the circle."""
    p = params or TodParams()
    t = indicators
    rings = np.unique(t["radius_m"].to_numpy(dtype=float)[t["kind"].isin(["walk", "circle"])])
    if len(rings) == 0:
        return t.iloc[0:0]
    ring = rings[np.argmin(np.abs(rings - p.scorecard_ring))]
    sel = t[t["radius_m"].eq(ring) & t["kind"].isin(["walk", "circle"])].copy()
    sel["_o"] = (sel["kind"] != "walk").astype(int)
    return sel.sort_values(["station", "_o"]).drop_duplicates("station").drop(columns="_o")


def scorecard(indicators, params: TodParams | None = None):
    """One row per station × metric: value, points, max points, status ("scored", "needs data", gate)."""
    import pandas as pd

    rows = scorecard_rows(indicators, params).reset_index(drop=True)
    n = len(rows)
    if n == 0:
        return pd.DataFrame(columns=["station_id", "name", "principle", "metric", "title", "value", "points",
                                     "max_points", "status", "basis", "catchment"])
    derived = pd.DataFrame(index=rows.index)
    acc = [c for c in ("access_school_share", "access_health_share") if c in rows.columns]
    derived["access_services_share"] = rows[acc].min(axis=1, skipna=False) if acc else np.nan
    types = [c for c in ("n_bus_stop", "n_bike_share", "n_transfer_hub") if c in rows.columns]
    derived["transit_options"] = (rows[types] > 0).sum(axis=1) if types else np.nan
    cols = pd.concat([rows, derived], axis=1)
    catchment = (rows["kind"] + " " + rows["radius_m"].map(lambda r: f"{r:.0f} m")).to_numpy(dtype=object)
    # one frame from stacked columns (a frame per metric costs more than the whole scoring)
    heads = [("transit", "4.A.1", "Walking distance to high-capacity transit (gate)", 0,
              "the station is reached on foot from the catchment")]
    values, points = [np.full(n, np.nan)], [np.zeros(n)]
    status = [np.where(rows["kind"] == "walk", "gate met", "gate: needs data").astype(object)]
    for principle, mid, title, mx, col, steps, higher, basis in METRICS:
        v = cols[col].to_numpy(dtype=float) if col and col in cols.columns else np.full(n, np.nan)
        ok = np.isfinite(v)
        heads.append((principle, mid, title, mx, basis))
        values.append(v)
        points.append(np.where(ok, _points(np.nan_to_num(v), steps, higher), 0.0))
        status.append(np.where(ok, "scored", "needs data").astype(object))
    m = len(heads)

    def each(i):
        return np.repeat(np.array([h[i] for h in heads], dtype=object), n)
    out = pd.DataFrame({"station_id": np.tile(rows["station_id"].to_numpy(dtype=object), m),
                        "name": np.tile(rows["name"].to_numpy(dtype=object), m), "principle": each(0),
                        "metric": each(1), "title": each(2), "value": np.concatenate(values),
                        "points": np.concatenate(points),
                        "max_points": np.repeat(np.array([h[3] for h in heads], dtype=np.int64), n),
                        "status": np.concatenate(status), "basis": each(4), "catchment": np.tile(catchment, m)})
    order = {p: i for i, p in enumerate(PRINCIPLES)}
    out["_p"] = out["principle"].map(order)
    return out.sort_values(["station_id", "_p", "metric"], kind="stable").drop(columns="_p").reset_index(drop=True)


def score_summary(card):
    """Per station and principle: points, the maximum of the scored metrics, and of all metrics."""
    card = card.assign(max_scored=np.where(card["status"] == "scored", card["max_points"], 0))
    g = card.groupby(["station_id", "principle"], sort=False)
    return g.agg(points=("points", "sum"), max_scored=("max_scored", "sum"),
                 max_points=("max_points", "sum")).reset_index()
