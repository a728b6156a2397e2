"""Issue 17: the TOD study of an incremental re-check is kept in parts (cim/tod/study_cache.py). After an
edit of a plot only the edited plot is overlaid again, and the findings — and the whole study — equal a
full run; an edit of a road searches again only the stations near the streets that changed (a moved,
added or deleted road), an edit of a station drops the kept catchments, and the re-check still equals a
full run. On the sample district and on a generated city (with SMT-WATER, whose plot areas are kept per row)."""

from __future__ import annotations

import pandas as pd
import pytest
import shapely

from cim.checks.runner import run_checks
from cim.checks.session import CheckSession
from cim.project.feature_edits import ChangeAttribute, ChangeGeometry

TOD = ["TOD-01", "TOD-02", "TOD-03", "TOD-04"]


def _pack(only):
    from plugins.check_registry import check_registry

    reg = check_registry()
    pack = reg.pack("decree269")
    return pack, reg.checks_for(pack, only=only)


def _findings(run) -> dict:
    return {r.rule: (r.status, [i.to_dict() for i in r.issues], r.evidence) for r in run.results}


def _catchments(session):
    found = [v for k, v in session.cache.data.items() if isinstance(k, tuple) and k[0] == "tod_catchments"]
    assert len(found) == 1
    return found[0][2]


def _recheck_equals_full(p, s, pack, checks):
    inc = s.recheck()
    full = run_checks(p, checks, pack=pack)
    assert _findings(inc) == _findings(full)
    a, b = inc.artifacts["tod_study"].result, full.artifacts["tod_study"].result
    pd.testing.assert_frame_equal(a.indicators, b.indicators, check_exact=True)      # bit for bit
    pd.testing.assert_frame_equal(a.scorecard, b.scorecard, check_exact=True)
    pd.testing.assert_frame_equal(a.capacity, b.capacity, check_exact=True)
    assert a.messages == b.messages
    _pairs_as_fresh(p, s)
    return inc


def _pairs_as_fresh(p, s) -> None:
    """The kept (patched) catchment × plot pairs are those a fresh overlay gives, in the same order."""
    import numpy as np

    from cim.tod.overlay import Direct

    for key, e in s.cache.data.items():
        if isinstance(key, tuple) and key[0] == "tod_plot_pairs" and not e.dirty:
            fresh = Direct().plot_pairs(e.catch, np.array([[-1e18, -1e18, 1e18, 1e18]]), p.layers[key[1]].data)
            for kept, new in zip((e.ci, e.rows, e.share), fresh, strict=True):
                assert np.array_equal(kept, new)


def _near_station_plots(p, k: int):
    """fids of the ``k`` plots nearest to the first station (inside its catchments)."""
    plots = p.layer_by_name("plots") or next(r for r in p.layers.values() if r.object_kind == "plot")
    st = next(r for r in p.layers.values() if r.object_kind == "station" and len(r.data))
    d = plots.data.geometry.distance(st.data.geometry.iloc[0])
    return plots, st, list(d.sort_values().index[:k])


def _edit_sequence(p, pack, checks):
    s = CheckSession(p, checks, pack=pack)
    s.run_all()
    plots, st, fids = _near_station_plots(p, 40)
    catch = _catchments(s)
    # a plot attribute, then a plot geometry cut by the catchment edges, then a plot that becomes a school
    p.push(ChangeAttribute(p, plots.id, fids[0], "far", 9.5))
    _recheck_equals_full(p, s, pack, checks)
    far = [f for f in fids if plots.data.geometry.loc[f].area > 50][-1]
    p.push(ChangeGeometry(p, plots.id, far, shapely.affinity.scale(plots.data.geometry.loc[far], 1.3, 1.3)))
    _recheck_equals_full(p, s, pack, checks)
    if "category" in plots.data.columns:
        p.push(ChangeAttribute(p, plots.id, fids[1], "category", "education"))
        _recheck_equals_full(p, s, pack, checks)
    assert _catchments(s) is catch                   # plot edits: the catchments were kept
    # a road moved: the street network and catchments are built again
    roads = next(r for r in p.layers.values() if r.object_kind == "road" and len(r.data))
    rf = roads.data.index[len(roads.data) // 2]
    p.push(ChangeGeometry(p, roads.id, rf, shapely.affinity.translate(roads.data.geometry.loc[rf], 3.0, 0)))
    _recheck_equals_full(p, s, pack, checks)
    assert _catchments(s) is not catch
    catch = _catchments(s)
    # a station moved
    sf = st.data.index[0]
    p.push(ChangeGeometry(p, st.id, sf, shapely.affinity.translate(st.data.geometry.loc[sf], 20.0, 0)))
    _recheck_equals_full(p, s, pack, checks)
    assert _catchments(s) is not catch
    # and a plot again, after the station edit, then all undone
    p.push(ChangeAttribute(p, plots.id, fids[2], "far", 0.2))
    _recheck_equals_full(p, s, pack, checks)
    for _ in range(3):
        p.undo_stack.undo()
        _recheck_equals_full(p, s, pack, checks)
    s.close()


def test_plot_road_and_station_edits_on_the_sample_recheck_as_a_full_run(sample_copy):
    pack, checks = _pack([*TOD, "PLN-02", "ID-03"])
    _edit_sequence(sample_copy, pack, checks)


@pytest.mark.slow
def test_plot_road_and_station_edits_on_a_generated_city_recheck_as_a_full_run(tmp_path):
    from bench.bench_checks import build_project

    p = build_project(8000, tmp_path / "ifc")
    pack, checks = _pack([*TOD, "SMT-WATER"])      # SMT-WATER: sensors per km² of plots (areas kept per row)
    _edit_sequence(p, pack, checks)


def test_a_plot_edit_overlays_only_that_plot_again(tiny_project):
    """The kept overlay pairs are patched lazily: the edited row is marked, and only it is overlaid again."""
    from cim.tod import overlay

    pack, checks = _pack(["TOD-03"])
    s = CheckSession(tiny_project, checks, pack=pack)
    s.run_all()
    plots = tiny_project.layer_by_name("plots")
    seen = []
    real = overlay.polygon_overlay

    def spy(catch, geoms, **kw):
        seen.append(len(geoms))
        return real(catch, geoms, **kw)
    import cim.tod.study_cache as sc

    sc.polygon_overlay = spy
    try:
        tiny_project.push(ChangeGeometry(tiny_project, plots.id, 2, plots.data.geometry.loc[2].buffer(-1.0)))
        _recheck_equals_full(tiny_project, s, pack, checks)
    finally:
        sc.polygon_overlay = real
    assert seen == [1]


def test_access_flags_are_kept_after_an_attribute_edit_of_a_destination_and_redone_after_its_geometry(
        sample_copy):
    p = sample_copy
    pack, checks = _pack(["TOD-03"])
    s = CheckSession(p, checks, pack=pack)
    s.run_all()
    key = next(k for k in s.cache.data if isinstance(k, tuple) and k[0] == "tod_access")
    inputs, flags = s.cache.data[key][:2]
    plots = p.layers[key[1]]
    row = int(next(r for r in inputs[2].values() if len(r))[0])       # a destination plot (a school, a park …)
    fid = int(plots.data.index[row])
    p.push(ChangeAttribute(p, plots.id, fid, "far", 2.5))
    _recheck_equals_full(p, s, pack, checks)
    assert s.cache.data[key][1] is flags                 # only an attribute: the walk searches are reused
    p.push(ChangeGeometry(p, plots.id, fid, plots.data.geometry.loc[fid].buffer(-2.0)))
    _recheck_equals_full(p, s, pack, checks)
    assert s.cache.data[key][1] is not flags             # its outline changed: searched again


def _road_edit_spy(monkeypatch):
    """The stations each road edit searched again (``shed_rows(..., only=…)`` per kind)."""
    import cim.tod.catchments as tc

    seen: list = []
    real = tc.shed_rows

    def spy(*a, only=None, **kw):
        seen.append((kw["kind"], None if only is None else sorted(only)))
        return real(*a, only=only, **kw)
    monkeypatch.setattr(tc, "shed_rows", spy)
    return seen


def _sources_near(st_set, geom, reach: float) -> set:
    import numpy as np

    d = shapely.distance(shapely.points(st_set.sources), geom)
    return set(st_set.source_station[np.flatnonzero(d <= reach)].tolist())


def _road_edits(p, pack, checks, monkeypatch):
    import geopandas as gpd
    import numpy as np

    from cim.project.feature_edits import AddFeatures, DeleteFeatures
    from cim.tod.params import TodParams

    s = CheckSession(p, checks, pack=pack)
    s.run_all()
    spied = _road_edit_spy(monkeypatch)

    def recheck() -> list:
        """Re-check (the stations searched again), then compare with a full run."""
        spied.clear()
        s.recheck()
        seen = list(spied)
        _recheck_equals_full(p, s, pack, checks)
        return seen
    key = next(k for k in s.cache.data if isinstance(k, tuple) and k[0] == "tod_catchment_parts")
    st_set = s.cache.data[key][0]
    roads = next(r for r in p.layers.values() if r.object_kind == "road" and len(r.data))
    src = shapely.multipoints(st_set.sources)
    d = roads.data.geometry.distance(src)
    tp = TodParams()
    walk_reach = max(max(tp.radii), tp.max_snap_m) + tp.buffer_m
    # a road near a station, moved 2 m: its station (at least) is searched again, and only for those near
    near = d.idxmin()
    old = roads.data.geometry.loc[near]
    new = shapely.affinity.translate(old, 2.0, 0)
    p.push(ChangeGeometry(p, roads.id, near, new))
    seen = recheck()
    walk = [o for k, o in seen if k == "walk"]
    assert len(walk) == 1 and set(walk[0]) >= _sources_near(st_set, shapely.union(old, new), 1.0)
    assert set(walk[0]) <= _sources_near(st_set, shapely.union(old, new).buffer(500), walk_reach)
    assert all(o is not None for _, o in seen)           # never all the stations
    # the road farthest from every station: no walk catchment searched again
    far = d.idxmax()
    p.push(ChangeGeometry(p, roads.id, far, shapely.affinity.translate(roads.data.geometry.loc[far], 0, 2.0)))
    seen = recheck()
    assert all(o is not None for _, o in seen)
    if d.max() > walk_reach + 10:
        assert not [o for k, o in seen if k == "walk"]
    # a new road next to a station (rows added), then deleted again (rows removed)
    x, y = st_set.sources[0]
    row = gpd.GeoDataFrame({"geometry": [shapely.LineString([(x - 60, y + 15), (x + 60, y + 15)])]},
                           geometry="geometry", crs=roads.data.crs)
    p.push(AddFeatures(p, roads.id, row))
    seen = recheck()
    assert [o for k, o in seen if k == "walk"][0] is not None
    assert int(st_set.source_station[0]) in [o for k, o in seen if k == "walk"][0]
    p.push(DeleteFeatures(p, roads.id, [int(roads.data.index.max())]))
    seen = recheck()
    assert all(o is not None for _, o in seen)
    # undo all four
    for _ in range(4):
        p.undo_stack.undo()
        assert all(o is not None for _, o in recheck())
    s.close()
    return np.asarray(d)


def test_a_road_edit_searches_again_only_the_stations_near_it(sample_copy, monkeypatch):
    pack, checks = _pack([*TOD, "PLN-02"])
    _road_edits(sample_copy, pack, checks, monkeypatch)


@pytest.mark.slow
def test_road_edits_on_a_generated_city_recheck_as_a_full_run(tmp_path, monkeypatch):
    from bench.bench_checks import build_project

    p = build_project(8000, tmp_path / "ifc")
    pack, checks = _pack(TOD)
    _road_edits(p, pack, checks, monkeypatch)
