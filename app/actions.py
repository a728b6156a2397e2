"""The action registry: every command of the UI declared once (id, title, shortcut, icon, menu,
toolbar, enablement); menus and toolbars are generated from it.

Titles are English source strings marked with ``QT_TRANSLATE_NOOP("Actions", ...)`` and translated
when the QActions are built, so ``resources/translations/cimstudio_vi.ts`` holds their Vietnamese.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


@dataclass(frozen=True)
class ActionSpec:
    id: str
    title: str
    menu: str
    shortcut: str | tuple[str, ...] = ""
    icon: str = ""
    toolbar: str = ""
    checkable: bool = False
    group: str = ""                # exclusive group (map tools)
    needs: tuple[str, ...] = ()    # conditions: project, editable, vector_layer, selection, undo, redo, layer
    tip: str = ""


N = QT_TRANSLATE_NOOP
SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("project.new", N("Actions", "&New project"), "file", "Ctrl+N", "new", "project"),
    ActionSpec("project.open", N("Actions", "&Open project…"), "file", "Ctrl+O", "open", "project"),
    ActionSpec("project.save", N("Actions", "&Save project"), "file", "Ctrl+S", "save", "project", needs=("project",)),
    ActionSpec("project.save_as", N("Actions", "Save project &as…"), "file", "Ctrl+Shift+S", "save_as",
               needs=("project",)),
    ActionSpec("layer.import_vector", N("Actions", "Import &vector layer…"), "file", "Ctrl+Shift+V",
               "import_vector", "project", needs=("editable",)),
    ActionSpec("layer.import_raster", N("Actions", "Import &raster layer…"), "file", "Ctrl+Shift+R",
               "import_raster", needs=("editable",)),
    ActionSpec("project.print", N("Actions", "&Print layout…"), "file", "Ctrl+P", "print", needs=("project",)),
    ActionSpec("app.reviewer", N("Actions", "&Reviewer mode (read-only)"), "file", "", "reviewer", checkable=True),
    ActionSpec("app.settings", N("Actions", "Se&ttings…"), "file", "Ctrl+,", "settings"),
    ActionSpec("app.quit", N("Actions", "&Quit"), "file", "Ctrl+Q"),
    ActionSpec("edit.undo", N("Actions", "&Undo"), "edit", "Ctrl+Z", "undo", "edit", needs=("undo",)),
    ActionSpec("edit.redo", N("Actions", "&Redo"), "edit", ("Ctrl+Shift+Z", "Ctrl+Y"), "redo", "edit",
               needs=("redo",)),
    ActionSpec("edit.delete", N("Actions", "&Delete selected features"), "edit", "Del", "delete", "edit",
               needs=("editable", "selection")),
    ActionSpec("edit.clear_selection", N("Actions", "C&lear selection"), "edit", "Ctrl+Shift+A",
               "clear_selection", needs=("selection",)),
    ActionSpec("tool.pan", N("Actions", "&Pan"), "tools", "P", "pan", "map", True, "tool", ("project",)),
    ActionSpec("tool.zoom_box", N("Actions", "&Zoom to box"), "tools", "Z", "zoom_box", "map", True, "tool",
               ("project",)),
    ActionSpec("tool.identify", N("Actions", "&Identify features"), "tools", "I", "identify", "map", True,
               "tool", ("project",)),
    ActionSpec("tool.select", N("Actions", "&Select (click or box)"), "tools", "S", "select", "map", True,
               "tool", ("project",)),
    ActionSpec("tool.select_polygon", N("Actions", "Select by &polygon"), "tools", "Shift+S", "select_polygon",
               "map", True, "tool", ("project",)),
    ActionSpec("tool.measure", N("Actions", "&Measure distance"), "tools", "M", "measure", "map", True, "tool",
               ("project",)),
    ActionSpec("tool.measure_area", N("Actions", "Measure &area"), "tools", "Shift+M", "measure_area", "map",
               True, "tool", ("project",)),
    ActionSpec("tool.add_feature", N("Actions", "&Add feature"), "tools", "A", "add_feature", "edit", True,
               "tool", ("editable", "vector_layer")),
    ActionSpec("tool.vertex", N("Actions", "&Vertex tool (move, add, delete)"), "tools", "V", "vertex", "edit",
               True, "tool", ("editable", "vector_layer")),
    ActionSpec("view.zoom_in", N("Actions", "Zoom &in"), "view", "Ctrl+=", "zoom_in", "map", needs=("project",)),
    ActionSpec("view.zoom_out", N("Actions", "Zoom &out"), "view", "Ctrl+-", "zoom_out", "map", needs=("project",)),
    ActionSpec("view.zoom_full", N("Actions", "Zoom to &full extent"), "view", "Ctrl+Shift+F", "zoom_full", "map",
               needs=("project",)),
    ActionSpec("view.zoom_layer", N("Actions", "Zoom to &layer"), "view", "", "zoom_layer", "map",
               needs=("layer",)),
    ActionSpec("view.zoom_selection", N("Actions", "Zoom to &selection"), "view", "Ctrl+J", "zoom_selection", "map",
               needs=("selection",)),
    ActionSpec("view.refresh", N("Actions", "&Refresh map"), "view", "F5", "refresh", needs=("project",)),
    ActionSpec("view.3d", N("Actions", "&3D view"), "view", "F3", "view3d", "map", needs=("project",)),
    ActionSpec("view.reset_layout", N("Actions", "Reset window &layout"), "view", "", ""),
    ActionSpec("map.scale_bar", N("Actions", "Scale &bar"), "view", "", checkable=True),
    ActionSpec("map.north_arrow", N("Actions", "&North arrow"), "view", "", checkable=True),
    ActionSpec("map.legend", N("Actions", "Map l&egend"), "view", "", checkable=True),
    ActionSpec("plan.metadata", N("Actions", "Plan &information…"), "project", "", "attribute_form",
               needs=("project",)),
    ActionSpec("layer.attributes", N("Actions", "Open &attribute table"), "layer", "F6", "table",
               needs=("vector_layer",)),
    ActionSpec("edit.attribute_form", N("Actions", "Attribute &form of the selected feature"), "edit", "F7",
               "attribute_form", needs=("selection",)),
    ActionSpec("layer.properties", N("Actions", "Layer &style and properties"), "layer", "", "layers",
               needs=("layer",)),
    ActionSpec("layer.fix_geometry", N("Actions", "&Fix geometry"), "layer", "", "", needs=("editable", "vector_layer"),
               tip=N("Actions", "Repair invalid geometries of the layer (or of its selected features); undoable")),
    ActionSpec("layer.metadata", N("Actions", "&Data responsibility (metadata)…"), "layer", "", "layers",
               needs=("layer",)),
    ActionSpec("layer.remove", N("Actions", "&Remove layer"), "layer", "", "delete", needs=("editable", "layer")),
    ActionSpec("help.guide", N("Actions", "&User guide"), "help", "F1", "about"),
    ActionSpec("help.about", N("Actions", "&About CIM Studio"), "help", "", "about"),
)

MENUS = (("file", N("Menus", "&File")), ("edit", N("Menus", "&Edit")), ("view", N("Menus", "&View")),
         ("project", N("Menus", "&Project")),
         ("layer", N("Menus", "&Layer")), ("tools", N("Menus", "&Tools")), ("help", N("Menus", "&Help")))
TOOLBARS = (("project", N("Menus", "Project")), ("edit", N("Menus", "Editing")), ("map", N("Menus", "Map")))


def icon(name: str) -> QIcon:
    path = ICONS / f"{name}.svg"
    return QIcon(str(path)) if name and path.exists() else QIcon()


class ActionRegistry:
    """Builds one QAction per spec; ``update(state)`` enables each from its conditions."""

    def __init__(self, parent, specs=SPECS) -> None:
        self.specs = {s.id: s for s in specs}
        self.actions: dict[str, QAction] = {}
        self.groups: dict[str, QActionGroup] = {}
        for spec in specs:
            act = QAction(icon(spec.icon), QCoreApplication.translate("Actions", spec.title), parent)
            act.setObjectName(spec.id)
            keys = (spec.shortcut,) if isinstance(spec.shortcut, str) else spec.shortcut
            seqs = [QKeySequence(k) for k in keys if k]
            if seqs:
                act.setShortcuts(seqs)
                act.setToolTip(f"{act.text().replace('&', '')} ({seqs[0].toString(QKeySequence.NativeText)})")
            if spec.tip:
                act.setToolTip(QCoreApplication.translate("Actions", spec.tip))
                act.setStatusTip(act.toolTip())
            act.setCheckable(spec.checkable)
            if spec.group:
                grp = self.groups.get(spec.group)
                if grp is None:
                    grp = self.groups[spec.group] = QActionGroup(parent)
                    grp.setExclusive(True)
                grp.addAction(act)
            self.actions[spec.id] = act

    def __getitem__(self, action_id: str) -> QAction:
        return self.actions[action_id]

    def connect(self, action_id: str, handler: Callable) -> None:
        act = self.actions[action_id]
        (act.toggled if act.isCheckable() else act.triggered).connect(handler)

    def update(self, state: dict[str, bool]) -> None:
        for spec in self.specs.values():
            self.actions[spec.id].setEnabled(all(state.get(c, False) for c in spec.needs))

    def build_menus(self, menubar) -> dict:
        menus = {}
        for key, title in MENUS:
            menu = menubar.addMenu(QCoreApplication.translate("Menus", title))
            menu.setObjectName(f"menu_{key}")
            menus[key] = menu
        last_group: dict[str, str] = {}
        for spec in self.specs.values():
            menu = menus[spec.menu]
            group = spec.id.split(".")[0]
            if spec.menu in last_group and last_group[spec.menu] != group:
                menu.addSeparator()
            last_group[spec.menu] = group
            menu.addAction(self.actions[spec.id])
        return menus

    def build_toolbars(self, window) -> dict:
        bars = {}
        for key, title in TOOLBARS:
            bar = window.addToolBar(QCoreApplication.translate("Menus", title))
            bar.setObjectName(f"toolbar_{key}")
            bars[key] = bar
        for spec in self.specs.values():
            if spec.toolbar:
                bars[spec.toolbar].addAction(self.actions[spec.id])
        return bars
