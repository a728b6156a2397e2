"""Panels mark layers in the layer tree through ``window.set_layer_badges``: a padlock on the legend
swatch in the state's colour and lines under the layer's tooltip; ``None`` takes the marks away."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _image(icon):
    return icon.pixmap(16, 16).toImage()


def test_a_badge_draws_a_padlock_and_extends_the_tooltip_until_removed(window):
    model = window.layers_dock.model
    lid = window.session.project.layer_by_name("plots").id
    index = model.index_of_layer(lid)
    plain_icon, plain_tip = _image(index.data(Qt.DecorationRole)), index.data(Qt.ToolTipRole)

    window.set_layer_badges("test", {lid: {"state": "conflict", "tooltip": "checked out at r7"}})
    index = model.index_of_layer(lid)
    marked = _image(index.data(Qt.DecorationRole))
    assert index.data(Qt.ToolTipRole) == plain_tip + "\nchecked out at r7"
    assert marked != plain_icon
    assert marked.pixelColor(11, 13).name() == "#c62828"          # the padlock's body, in the conflict red
    other = model.index_of_layer(window.session.project.layer_by_name("buildings").id)
    assert "r7" not in other.data(Qt.ToolTipRole)

    window.set_layer_badges("test", None)
    index = model.index_of_layer(lid)
    assert index.data(Qt.ToolTipRole) == plain_tip and _image(index.data(Qt.DecorationRole)) == plain_icon


def test_database_badges_say_where_the_copy_came_from_and_what_changed():
    from plugins.builtin.database._qt.layer_state import badges

    st = {"pulled_rev": 3, "pushed_rev": 5, "layers": [
        {"layer_id": "a", "local": {"inserted": 1, "updated": 1, "deleted": 0}, "behind": 0},
        {"layer_id": "b", "local": {"inserted": 0, "updated": 0, "deleted": 0}, "behind": 4},
        {"layer_id": "c", "local": {"inserted": 0, "updated": 2, "deleted": 0}, "behind": 1},
        {"layer_id": "d", "local": {"inserted": 0, "updated": 0, "deleted": 0}, "behind": 0},
        {"layer_id": "e"}]}                                   # in the database, not in this copy
    got = badges(st, "host=db.phutho.gov.vn dbname=cim user=alice", conflicted={"c"}, editable=True)
    assert {k: v["state"] for k, v in got.items()} == {"a": "edited", "b": "behind", "c": "conflict", "d": "synced"}
    from PySide6.QtCore import QCoreApplication

    def tr(text):            # in the interface language of the session (English or Vietnamese)
        return QCoreApplication.translate("DatabaseLayerState", text)

    assert got["a"]["tooltip"].splitlines()[:3] == [
        tr("Checked out from database %1 at revision r%2").replace("%1", "cim @ db.phutho.gov.vn").replace("%2", "3"),
        tr("%1 local edit(s); %2 changed in the database since").replace("%1", "2").replace("%2", "0"),
        tr("Last push: revision r%1").replace("%1", "5")]
    assert badges(st, "dbname=cim", set(), editable=False)["d"]["state"] == "readonly"
