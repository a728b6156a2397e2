"""How the docks share a small screen: panels sit in scroll areas (a dock never forces the window taller
or wider than a 1366×768 laptop), a panel chosen from *View* comes to the front of its tab group, dock
tab titles are never elided to "Kiể…" (the tab bar scrolls instead), and the layout is saved, restored
and can be reset to the one the window was built with."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QTabBar

#: a dock whose content asks for more than this is put in a scroll area
SCROLL_ABOVE = (240, 160)
STATE_VERSION = 2          # bump when the default dock arrangement changes: old saved states are ignored


def make_scrollable(dock: QDockWidget) -> QScrollArea | None:
    """Put the dock's content in a frameless, resizable scroll area (once); returns the area or None
    when the content is small or already scrolls by itself."""
    inner = dock.widget()
    if inner is None or isinstance(inner, QScrollArea):
        return None
    hint = inner.minimumSizeHint()
    if hint.width() <= SCROLL_ABOVE[0] and hint.height() <= SCROLL_ABOVE[1]:
        return None
    area = QScrollArea(dock)
    area.setObjectName(f"{dock.objectName()}_scroll")
    area.setFrameShape(QFrame.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
    dock.setWidget(area)
    area.setWidget(inner)
    return area


def wrap_long_labels(panel, chars: int = 40) -> None:
    """A sentence in a label wraps at the dock's width instead of making the panel as wide as the sentence."""
    from PySide6.QtWidgets import QLabel

    if panel is None:
        return
    for label in panel.findChildren(QLabel):
        if not label.wordWrap() and len(label.text()) > chars and label.minimumSizeHint().width() > 240:
            label.setWordWrap(True)


def fit_tab_bar(bar: QTabBar) -> None:
    """Dock tab bars: full titles with scroll arrows (Qt elides them to a few letters by default)."""
    if bar.elideMode() != Qt.ElideNone:
        bar.setElideMode(Qt.ElideNone)
    bar.setUsesScrollButtons(True)
    bar.setExpanding(False)


class WindowLayout(QObject):
    """Owns the dock arrangement of one main window: scroll areas, raise-on-show, tab bars, saved state."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.default_state = None
        self.default_size = (1440, 900)      # or the screen, when smaller
        window.installEventFilter(self)
        self._fix_timer = QTimer(self, singleShot=True, interval=0)
        self._fix_timer.timeout.connect(self.fix_tab_bars)

    def prepare(self, docks) -> None:
        """Call once every dock is added: scroll areas, raise-on-show, then remember the default layout."""
        for dock in docks:
            dock.panel = dock.widget()      # the panel itself, whether or not it is wrapped below
            wrap_long_labels(dock.panel)
            make_scrollable(dock)
            dock.setMinimumSize(0, 0)
            act = dock.toggleViewAction()
            act.triggered.connect(lambda on, d=dock: self.bring_forward(d) if on else None)
            dock.visibilityChanged.connect(lambda _v: self._fix_timer.start())
            dock.setToolTip(dock.windowTitle())
        self.fix_tab_bars()
        self.default_state = self.window.saveState(STATE_VERSION)

    def bring_forward(self, dock: QDockWidget) -> None:
        """Show ``dock`` and make it the current tab of its group (View menu, panel actions)."""
        dock.show()
        dock.raise_()
        self.fix_tab_bars()

    def fix_tab_bars(self) -> None:
        for bar in self.window.findChildren(QTabBar):
            if bar.parent() is self.window:        # the main window's dock tab bars, not panels' own tabs
                fit_tab_bar(bar)
                for i in range(bar.count()):
                    bar.setTabToolTip(i, bar.tabText(i))

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() in (QEvent.ChildAdded, QEvent.ChildPolished, QEvent.LayoutRequest):
            self._fix_timer.start()
        return False

    # saved state --------------------------------------------------------------
    def restore(self) -> bool:
        """Geometry and dock state from the last session; False (and the default size) when none."""
        st = QSettings()
        geo, state = st.value("window/geometry"), st.value("window/state")
        restored = False
        if geo is not None:
            restored = bool(self.window.restoreGeometry(geo))
        if not restored:
            screen = self.window.screen()
            avail = screen.availableGeometry() if screen is not None else None
            w, h = self.default_size
            if avail is not None and avail.width() > 0:
                w, h = min(w, avail.width()), min(h, avail.height())
            self.window.resize(w, h)
        if state is not None:
            restored = bool(self.window.restoreState(state, STATE_VERSION)) and restored
        self.fix_tab_bars()
        return restored

    def save(self) -> None:
        st = QSettings()
        st.setValue("window/geometry", self.window.saveGeometry())
        st.setValue("window/state", self.window.saveState(STATE_VERSION))

    def reset(self) -> None:
        """The arrangement the window was built with (and forget the saved one)."""
        if self.default_state is not None:
            self.window.restoreState(self.default_state, STATE_VERSION)
        st = QSettings()
        st.remove("window/state")
        st.remove("window/geometry")
        self.fix_tab_bars()
