"""VectorLayer: bbox queries through the spatial index, selection and visibility events, snapshots."""

import dataclasses

import geopandas as gpd
import numpy as np
import pytest
import shapely

from cim.io.vector import read_vector
from layers.vector import VectorLayer


@pytest.fixture
def grid_frame() -> gpd.GeoDataFrame:
    """A 10 × 10 grid of 10 m squares from (0, 0), fids 101..200 (row-major), EPSG:9208."""
    j, i = np.divmod(np.arange(100), 10)
    gdf = gpd.GeoDataFrame({"ten": [f"Lô {k}" for k in range(100)]},
                           geometry=shapely.box(i * 10.0, j * 10.0, i * 10.0 + 10, j * 10.0 + 10),
                           crs="EPSG:9208", index=np.arange(101, 201, dtype=np.int64))
    gdf.index.name = "fid"
    return gdf


class Recorder:
    def __init__(self, signal):
        self.calls = []
        signal.connect(self)

    def __call__(self, *args):
        self.calls.append(args)


def test_features_in_bbox_returns_the_fids_whose_box_meets_it(grid_frame):
    layer = VectorLayer(grid_frame, name="Lô đất")
    got = layer.features_in_bbox((12, 12, 28, 18))          # columns 1–2 of row 1
    assert got.tolist() == [112, 113]
    assert got.dtype == np.int64
    assert layer.features_in_bbox((500, 500, 600, 600)).tolist() == []


def test_exact_bbox_queries_test_the_geometry_not_its_box(grid_frame):
    frame = grid_frame.iloc[:1].copy()
    frame.loc[101, "geometry"] = shapely.Polygon([(0, 0), (10, 0), (0, 10)])   # triangle
    layer = VectorLayer(frame)
    assert layer.features_in_bbox((8, 8, 9, 9)).tolist() == [101]
    assert layer.features_in_bbox((8, 8, 9, 9), exact=True).tolist() == []


def test_selection_changes_emit_once_with_the_new_set(grid_frame):
    layer = VectorLayer(grid_frame)
    rec = Recorder(layer.selection_changed)
    layer.select([101, 102])
    layer.select([102, 101])                                  # same set: no event
    layer.select([103], mode="add")
    layer.select([101], mode="remove")
    layer.select([102, 104], mode="toggle")
    layer.select([999])                                        # unknown fid: ignored → empty selection
    assert [c[0] for c in rec.calls] == [frozenset({101, 102}), frozenset({101, 102, 103}),
                                         frozenset({102, 103}), frozenset({103, 104}), frozenset()]
    assert layer.selection == frozenset()


def test_select_in_bbox_selects_what_the_box_touches(grid_frame):
    layer = VectorLayer(grid_frame)
    layer.select_in_bbox((0.5, 0.5, 1.5, 1.5))
    assert layer.selection == frozenset({101})


def test_an_unknown_selection_mode_is_refused(grid_frame):
    with pytest.raises(ValueError, match="mode"):
        VectorLayer(grid_frame).select([101], mode="xor")


def test_visibility_and_opacity_changes_emit_only_on_change(grid_frame):
    layer = VectorLayer(grid_frame)
    vis, op = Recorder(layer.visibility_changed), Recorder(layer.opacity_changed)
    layer.visible = False
    layer.visible = False
    layer.opacity = 0.5
    assert vis.calls == [(False,)] and op.calls == [(0.5,)]
    with pytest.raises(ValueError):
        layer.opacity = 1.5


def test_new_data_emits_data_changed_and_drops_vanished_fids_from_the_selection(grid_frame):
    layer = VectorLayer(grid_frame)
    layer.select([101, 150])
    data, sel = Recorder(layer.data_changed), Recorder(layer.selection_changed)
    layer.set_data(grid_frame.drop(index=[150]))
    assert len(data.calls) == 1
    assert sel.calls == [(frozenset({101}),)]
    assert layer.features_in_bbox((95, 45, 99, 49)).tolist() == []     # the index follows the data


def test_geometry_type_names_single_and_multi_mixes(grid_frame):
    assert VectorLayer(grid_frame).geometry_type == "Polygon"
    mixed = grid_frame.copy()
    mixed.loc[101, "geometry"] = shapely.MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(2, 2, 3, 3)])
    assert VectorLayer(mixed).geometry_type == "MultiPolygon"
    mixed.loc[102, "geometry"] = shapely.Point(0, 0)
    assert VectorLayer(mixed).geometry_type == "Mixed"
    assert VectorLayer(grid_frame.iloc[:0]).geometry_type is None


def test_extent_and_crs_come_from_the_data(grid_frame):
    layer = VectorLayer(grid_frame)
    assert layer.extent() == (0.0, 0.0, 100.0, 100.0)
    assert layer.crs == "EPSG:9208"
    assert VectorLayer(grid_frame.iloc[:0]).extent() is None


def test_a_snapshot_is_frozen_cheap_and_independent_of_later_edits(grid_frame):
    layer = VectorLayer(grid_frame, style={"fill": "#88cc88", "stroke": {"width": 1}})
    layer.select([105])
    snap = layer.snapshot()
    assert len(snap) == 100 and snap.bbox == (0.0, 0.0, 100.0, 100.0)
    assert snap.geometries.dtype == object and snap.fids.tolist()[:2] == [101, 102]
    assert (snap.type_codes == 3).all()                                   # shapely: 3 = Polygon
    assert snap.geometries[0] is grid_frame.geometry.iloc[0]               # references, not copies
    assert snap.selection == frozenset({105}) and snap.style["stroke"] == {"width": 1}
    with pytest.raises(ValueError):
        snap.geometries[0] = None                                          # read-only arrays
    with pytest.raises(dataclasses.FrozenInstanceError):
        snap.bbox = None
    with pytest.raises(TypeError):
        snap.style["fill"] = "red"
    old_first = snap.geometries[0]
    layer.data.loc[101, "geometry"] = shapely.box(-50, -50, 0, 0)          # in-place edit
    layer.notify_data_changed()
    layer.update_style(fill="#ff0000")
    assert snap.geometries[0] is old_first and snap.style["fill"] == "#88cc88"
    new = layer.snapshot()
    assert new.version == snap.version + 1 and new.bbox == (-50.0, -50.0, 100.0, 100.0)
    assert new.style["fill"] == "#ff0000"


def test_to_file_writes_through_write_vector(tmp_path, grid_frame):
    path = VectorLayer(grid_frame).to_file(tmp_path / "luoi.gpkg")
    back = read_vector(path)
    assert back.gdf.index.tolist() == grid_frame.index.tolist()
    assert back.gdf["ten"].tolist() == grid_frame["ten"].tolist()


def test_style_is_handed_out_as_a_copy(grid_frame):
    layer = VectorLayer(grid_frame, style={"fill": "#fff"})
    rec = Recorder(layer.style_changed)
    layer.style["fill"] = "#000"                       # mutating the copy changes nothing
    assert layer.style == {"fill": "#fff"} and rec.calls == []
    layer.update_style(fill="#000")
    assert rec.calls == [({"fill": "#000"},)]
