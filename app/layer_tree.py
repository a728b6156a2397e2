"""The layer tree dock: a Qt item model over the core's LayerTree. Checkboxes push SetLayerVisibility
commands (undoable); the chosen row becomes the session's current layer."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QMenu, QTreeView

from app.canvas.frames import feature_frame
from cim.project.edits import SetLayerVisibility

_ROOT = QModelIndex()


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


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
    elif rec.kind == "raster":
        for i, c in enumerate(("#3a7d44", "#e8e4a0", "#a8673a")):
            p.fillRect(1, 1 + i * 5, 14, 5, QColor(c))
    elif rec.kind != "vector":      # an IFC model (or a plugin's kind): a block, not a guess from data
        p.setPen(QColor("#5e35b1"))
        p.setBrush(QColor("#b39ddb"))
        p.drawRect(3, 1, 10, 14)
        p.drawLine(3, 6, 13, 6)
        p.drawLine(3, 10, 13, 10)
    else:
        from app.canvas.tools_edit import geometry_kind

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
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        session.layers_changed.connect(self.reload)
        session.project_replaced.connect(self.reload)

    @property
    def tree(self):
        return self.session.project.tree

    def reload(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def node(self, index: QModelIndex):
        return index.internalPointer() if index.isValid() else self.tree.root

    def index(self, row, column, parent=_ROOT):
        node = self.node(parent)
        if 0 <= row < len(node.children):
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index):
        if not index.isValid():
            return QModelIndex()
        node = index.internalPointer()
        par = node.parent
        if par is None or par is self.tree.root or par.id == "root":
            return QModelIndex()
        gp = par.parent or self.tree.root
        return self.createIndex(gp.children.index(par), 0, par)

    def rowCount(self, parent=_ROOT):
        if parent.column() > 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent=_ROOT):
        return 1

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        node = index.internalPointer()
        rec = self.session.project.layers.get(node.layer_id) if node.layer_id else None
        if role == Qt.DisplayRole:
            name = rec.name if rec is not None else node.name
            frame = feature_frame(rec) if rec is not None else None
            if frame is not None:
                return f"{name}  ({len(frame):,})"
            return name
        if role == Qt.CheckStateRole:
            return Qt.Checked if node.visible else Qt.Unchecked
        if role == Qt.DecorationRole and rec is not None:
            from app.canvas.snapshots import effective_style

            return swatch(rec, effective_style(rec))
        if role == Qt.ToolTipRole and rec is not None:
            frame = feature_frame(rec)
            n = f"{len(frame):,} " + _t("LayerTree", "features") if frame is not None else rec.kind
            return f"{rec.name}\n{n}\nCRS: {rec.crs or self.session.project.crs}"
        if role == Qt.UserRole:
            return node.layer_id or node.id
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if role != Qt.CheckStateRole or not index.isValid():
            return False
        node = index.internalPointer()
        visible = Qt.CheckState(value) == Qt.Checked if not isinstance(value, bool) else value
        return self.session.push(SetLayerVisibility(self.session.project, node.id, bool(visible)))

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
        self.model = LayerTreeModel(session, self)
        self.view = QTreeView(self)
        self.view.setObjectName("layer_tree_view")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
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
        self._clicked(index)
        menu = QMenu(self)
        for aid in ("view.zoom_layer", "layer.attributes", "layer.properties", "layer.metadata", "layer.remove"):
            menu.addAction(self.actions[aid])
        menu.exec(self.view.viewport().mapToGlobal(pos))
