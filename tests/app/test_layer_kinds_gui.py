"""The app asks layers/kinds.py what a layer can do: identify, style panel, attribute table, canvas, tree."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent

from layers.kinds import LayerKind, register_layer_kind, unregister_layer_kind

pytestmark = pytest.mark.gui


def _click(tool, canvas, x, y):
    pos = QPointF(canvas.to_screen(x, y))
    tool.release(QMouseEvent(QEvent.MouseButtonRelease, pos, QPointF(canvas.mapToGlobal(pos)), Qt.LeftButton,
                             Qt.NoButton, Qt.NoModifier))


def test_identify_lists_a_plots_attributes_and_the_dem_height_at_one_click(window):
    from app.i18n import layer_name

    project = window.session.project
    plots, dem = project.layer_by_name("plots"), project.layer_by_name("dem")
    fid = int(plots.data.index[0])
    pt = plots.data.geometry.loc[fid].representative_point()
    tool = window.tools["tool.identify"]
    _click(tool, window.canvas, pt.x, pt.y)
    by_layer = {}
    for name, got_fid, attrs in tool.results:
        by_layer.setdefault(name, []).append((got_fid, attrs))
    assert fid in [f for f, _ in by_layer[layer_name(plots)]]
    [(none, values)] = by_layer[layer_name(dem)]          # a value at the point, no feature
    assert none is None and len(values) == 1


def test_style_panel_offers_fields_for_a_table_and_hillshade_for_a_raster(window):
    dock, s = window.style_dock, window.session
    s.set_current_layer(s.project.layer_by_name("dem").id)
    assert dock.field.count() == 0 and not dock.hillshade.isHidden()
    assert dock.ramp.currentText() == "terrain" and dock.legend.count() == 0
    assert "hillshade" in dock.style_from_form()
    s.set_current_layer(s.project.layer_by_name("plots").id)
    assert dock.hillshade.isHidden() and "category" in [dock.field.itemText(i) for i in range(dock.field.count())]
    assert dock.legend.count() > 3 and "hillshade" not in dock.style_from_form()


def test_attribute_table_keeps_the_last_table_when_a_raster_is_chosen(window):
    s, model = window.session, window.table_dock.model
    plots = s.project.layer_by_name("plots")
    s.set_current_layer(plots.id)
    assert model.layer_id == plots.id and model.frame() is plots.data
    s.set_current_layer(s.project.layer_by_name("dem").id)
    assert model.layer_id == plots.id
    assert not window.actions["layer.attributes"].isEnabled()     # needs a layer with a feature table
    s.set_current_layer(plots.id)
    assert window.actions["layer.attributes"].isEnabled()


class _OutlinesSerializer:
    """A plugin kind brings its project-file serializer (the app backs up and saves every layer)."""

    def write(self, gpkg, table, record, feedback):
        from dataclasses import replace

        from cim.project.serializers import VectorSerializer

        VectorSerializer().write(gpkg, table, replace(record, data=record.data["outlines"]), feedback)

    def read(self, gpkg, row, feedback):
        from cim.project.serializers import VectorSerializer

        return {"outlines": VectorSerializer().read(gpkg, row, feedback)}


@pytest.fixture
def outlines_kind():
    from cim.project.serializers import register_serializer

    register_serializer("gui_outlines", _OutlinesSerializer())
    kind = LayerKind("gui_outlines", draw="features", features=lambda rec: rec.data["outlines"], icon="features")
    register_layer_kind(kind)
    yield kind
    unregister_layer_kind(kind.name)


def test_a_registered_kind_is_drawn_identified_and_counted_but_not_edited(window, outlines_kind, waits):
    from cim.project.edits import AddLayer
    from cim.project.layer import LayerRecord

    s = window.session
    plots = s.project.layer_by_name("plots").data
    outlines = plots.iloc[:3].copy()
    rec = LayerRecord("outlines", "gui_outlines", data={"outlines": outlines}, crs=s.project.crs)
    s.push(AddLayer(s.project, rec))
    waits.rendered(window)
    inputs = {inp.layer_id: inp for inp in window.canvas.visible_inputs()}
    assert inputs[rec.id].kind == "features" and len(inputs[rec.id].fids) == 3
    tree = window.layers_dock.model
    assert tree.data(tree.index_of_layer(rec.id), Qt.DisplayRole).endswith("(3)")
    pt = outlines.geometry.iloc[0].representative_point()
    tool = window.tools["tool.identify"]
    _click(tool, window.canvas, pt.x, pt.y)
    assert "outlines" in [name for name, _, _ in tool.results]
    s.set_current_layer(rec.id)
    assert window.table_dock.model.layer_id != rec.id
    assert not window.actions["layer.attributes"].isEnabled()
