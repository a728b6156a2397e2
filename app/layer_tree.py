"""The layer tree dock: a Qt item model over the core's LayerTree. Checkboxes push SetLayerVisibility
commands (undoable); the chosen row becomes the session's current layer."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QMenu, QTreeView

from app.i18n import layer_name
from app.layer_tree_badges import LayerBadges
from app.layer_tree_temp import TempNode, TempResults
from cim.project.edits import SetLayerVisibility
from layers.kinds import feature_frame, geometry_kind, layer_kind
from plugins.gui import tr as _t
from plugins.gui.values import count

_ROOT = QModelIndex()



def swatch(rec, style: dict) -> QIcon:
    """A small legend icon: a filled square, a line or a dot in the layer's colour."""
    pm = QPixmap(16, 16)
    pm.fill(Qt.transparent)
    p = QPainter(pm)
    try:          # a painter left active on a pixmap crashes Qt: always end it
        _paint_swatch(p, rec, style)
    except Exception:   # an odd layer gets a blank icon, never a broken tree
        pass
    finally:
        p.end()
    return QIcon(pm)


def _paint_swatch(p, rec, style: dict) -> None:
    p.setRenderHint(QPainter.Antialiasing)
    fill = QColor(style.get("fill", "#9ecae1")[:7]) if isinstance(style.get("fill"), str) else QColor("#9ecae1")
    stroke = QColor(style.get("stroke", "#3c5a78")[:7]) if isinstance(style.get("stroke"), str) else QColor("#555")
    if style.get("type") == "categorised" and style.get("categories"):
        colors = [QColor(str(c)[:7]) for c in list(style["categories"].values())[:4]]
        for i, c in enumerate(colors):
            p.fillRect(1 + (i % 2) * 7, 1 + (i // 2) * 7, 7, 7, c)
    elif style.get("type") == "graduated":
        for i, c in enumerate(("#fee5d9", "#fb6a4a", "#a50f15")):
            p.fillRect(1 + i * 5, 2, 5, 12, QColor(c))
    elif layer_kind(rec).icon == "raster":
        for i, c in enumerate(("#3a7d44", "#e8e4a0", "#a8673a")):
            p.fillRect(1, 1 + i * 5, 14, 5, QColor(c))
    elif layer_kind(rec).icon == "model":   # an IFC model (or a kind without features): a block, not a guess
        p.setPen(QColor("#5e35b1"))
        p.setBrush(QColor("#b39ddb"))
        p.drawRect(3, 1, 10, 14)
        p.drawLine(3, 6, 13, 6)
        p.drawLine(3, 10, 13, 10)
    else:
        kind = geometry_kind(rec)
        p.setPen(stroke)
        if kind == "point":
            p.setBrush(fill)
            p.drawEllipse(4, 4, 8, 8)
        elif kind == "line":
            pen = p.pen()
            pen.setColor(stroke)
            pen.setWidth(2)
            p.setPen(pen)
            p.drawLine(1, 12, 15, 4)
        else:
            if style.get("fill", "").endswith("00") and len(style.get("fill", "")) == 9:
                fill = QColor(0, 0, 0, 0)
            p.setBrush(fill)
            p.drawRect(2, 2, 12, 12)


class LayerTreeModel(QAbstractItemModel):
    def __init__(self, session, parent=None, overlays=None) -> None:
        super().__init__(parent)
        self.session = session
        self.temp = TempResults(overlays) if overlays is not None else None
        self.badges = LayerBadges()     # panels' marks (e.g. database working copy state), see set_badges
        self._temp_shown = False
        session.layers_changed.connect(self.reload)
        session.project_replaced.connect(self.reload)
        if overlays is not None:
            overlays.changed.connect(self.reload)

    @property
    def tree(self):
        return self.session.project.tree

    def reload(self) -> None:
        self.beginResetModel()
        self._temp_shown = self.temp.sync() if self.temp is not None else False
        self.endResetModel()

    def set_badges(self, source: str, badges: dict | None) -> None:
        self.badges.set(source, badges)
        self.reload()

    def node(self, index: QModelIndex):
        return index.internalPointer() if index.isValid() else self.tree.root

    def _children(self, node) -> list:
        kids = node.children
        if node is self.tree.root and self._temp_shown:
            return [*kids, self.temp.root]
        return kids

    def index(self, row, column, parent=_ROOT):
        kids = self._children(self.node(parent))
        if 0 <= row < len(kids):
            return self.createIndex(row, column, kids[row])
        return QModelIndex()

    def parent(self, index):
        if not index.isValid():
            return QModelIndex()
        node = index.internalPointer()
        par = node.parent
        if par is None or par is self.tree.root or par.id == "root":
            return QModelIndex()
        if isinstance(par, TempNode):
            return self.createIndex(len(self.tree.root.children), 0, par)
        gp = par.parent or self.tree.root
        return self.createIndex(gp.children.index(par), 0, par)

    def rowCount(self, parent=_ROOT):
        if parent.column() > 0:
            return 0
        return len(self._children(self.node(parent)))

    def columnCount(self, parent=_ROOT):
        return 1

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable
        node = index.internalPointer()
        if not isinstance(node, TempNode) and node.layer_id and self.session.editable:
            flags |= Qt.ItemIsEditable          # F2 / double-click-slow renames the display name (undoable)
        return flags

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        node = index.internalPointer()
        if isinstance(node, TempNode):
            return self._temp_data(node, role)
        rec = self.session.project.layers.get(node.layer_id) if node.layer_id else None
        if role == Qt.EditRole and rec is not None:
            return layer_name(rec)
        if role == Qt.DisplayRole:
            name = layer_name(rec) if rec is not None else node.name
            frame = feature_frame(rec) if rec is not None else None
            if frame is not None:
                return f"{name}  ({count(len(frame))})"
            return name
        if role == Qt.CheckStateRole:
            return Qt.Checked if node.visible else Qt.Unchecked
        if role == Qt.DecorationRole and rec is not None:
            from app.canvas.snapshots import effective_style

            return self.badges.decorate(swatch(rec, effective_style(rec)), rec.id)
        if role == Qt.ToolTipRole and rec is not None:
            frame = feature_frame(rec)
            n = f"{count(len(frame))} " + _t("LayerTree", "features") if frame is not None else rec.kind
            table = _t("LayerTree", "Table: %1").replace("%1", rec.name)
            extra = self.badges.tooltip(rec.id)
            return f"{layer_name(rec)}\n{table}\n{n}\nCRS: {rec.crs or self.session.project.crs}" + \
                (f"\n{extra}" if extra else "")
        if role == Qt.UserRole:
            return node.layer_id or node.id
        return None

    def _temp_data(self, node, role):
        if role == Qt.DisplayRole:
            return self.temp.text(node)
        if role == Qt.CheckStateRole:
            return Qt.Checked if self.temp.visible(node) else Qt.Unchecked
        if role == Qt.ToolTipRole:
            return _t("LayerTree", "Results drawn by a panel: not a layer, not saved. Right-click to clear them.")
        if role == Qt.FontRole:
            from PySide6.QtGui import QFont

            f = QFont()
            f.setItalic(True)
            return f
        if role == Qt.UserRole:
            return node.id
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if role == Qt.EditRole and index.isValid():
            return self._rename(index.internalPointer(), str(value))
        if role != Qt.CheckStateRole or not index.isValid():
            return False
        node = index.internalPointer()
        visible = Qt.CheckState(value) == Qt.Checked if not isinstance(value, bool) else value
        if isinstance(node, TempNode):
            self.temp.set_visible(node, bool(visible))
            return True
        return self.session.push(SetLayerVisibility(self.session.project, node.id, bool(visible)))

    def _rename(self, node, text: str) -> bool:
        from cim.project.edits import SetLayerDisplayName

        rec = self.session.project.layers.get(node.layer_id) if node.layer_id else None
        if rec is None or not text.strip() or text.strip() == layer_name(rec):
            return False
        return bool(self.session.push(SetLayerDisplayName(self.session.project, rec.id, text.strip())))

    def index_of_layer(self, layer_id: str) -> QModelIndex:
        node = self.tree.find_layer(layer_id)
        if node is None:
            return QModelIndex()
        par = node.parent or self.tree.root
        return self.createIndex(par.children.index(node), 0, node)


class LayerTreeDock(QDockWidget):
    def __init__(self, session, actions, parent=None) -> None:
        super().__init__(_t("LayerTree", "Layers"), parent)
        self.setObjectName("dock_layers")
        self.session = session
        self.actions = actions
        canvas = getattr(parent, "canvas", None)
        self.model = LayerTreeModel(session, self, overlays=getattr(canvas, "overlays", None))
        self.view = QTreeView(self)
        self.view.setObjectName("layer_tree_view")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditKeyPressed | QAbstractItemView.SelectedClicked)
        self.view.setContextMenuPolicy(Qt.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.clicked.connect(self._clicked)
        self.view.doubleClicked.connect(lambda _i: actions["layer.properties"].trigger())
        self.model.modelReset.connect(self._after_reset)
        session.current_layer_changed.connect(lambda _l: self._after_reset())
        self.setWidget(self.view)
        self._after_reset()

    def _after_reset(self) -> None:
        for node in self.model.tree.walk():
            if node.is_group:
                par = node.parent or self.model.tree.root
                idx = self.model.createIndex(par.children.index(node), 0, node)
                self.view.setExpanded(idx, node.expanded)
        if self.model._temp_shown:
            self.view.setExpanded(self.model.createIndex(len(self.model.tree.root.children), 0,
                                                         self.model.temp.root), True)
        cur = self.session.current_layer_id
        if cur:
            self.view.setCurrentIndex(self.model.index_of_layer(cur))

    def _clicked(self, index) -> None:
        node = index.internalPointer()
        if node is not None and node.layer_id:
            self.session.set_current_layer(node.layer_id)

    def _menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        node = index.internalPointer()
        if isinstance(node, TempNode):
            self.temp_menu(node).exec(self.view.viewport().mapToGlobal(pos))
            return
        self._clicked(index)
        menu = QMenu(self)
        for aid in ("view.zoom_layer", "layer.attributes", "layer.properties", "layer.metadata", "layer.remove"):
            menu.addAction(self.actions[aid])
        if index.internalPointer().layer_id and self.session.editable:
            rename = menu.addAction(_t("LayerTree", "Rename…"))
            rename.setObjectName("layer_rename")
            rename.triggered.connect(lambda: self.view.edit(index))
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def temp_menu(self, node) -> QMenu:
        """Zoom to, show/hide or clear a panel's temporary results."""
        temp, menu = self.model.temp, QMenu(self)
        menu.setObjectName("temp_results_menu")
        zoom = menu.addAction(_t("LayerTree", "Zoom to results"))
        zoom.setObjectName("temp_zoom")
        window = self.parent()
        zoom.triggered.connect(lambda: (b := temp.bounds(node)) is not None and window.zoom_to_bounds(b, 0.1))
        shown = temp.visible(node)
        toggle = menu.addAction(_t("LayerTree", "Hide results") if shown else _t("LayerTree", "Show results"))
        toggle.setObjectName("temp_toggle")
        toggle.triggered.connect(lambda: temp.set_visible(node, not shown))
        clear = menu.addAction(_t("LayerTree", "Clear results"))
        clear.setObjectName("temp_clear")
        clear.triggered.connect(lambda: temp.clear(node))
        return menu
