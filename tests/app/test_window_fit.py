"""The window on a 1366×768 laptop: every panel fits, the status bar stays on screen, a panel chosen from
View comes to the front, tab titles are whole, and the layout survives a restart (and can be reset)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QScrollArea, QTabBar

from tests.app.conftest import settle

SCREEN = (1366, 768)


def _docks(win):
    return [d for d in win.findChildren(QDockWidget) if d.parent() is win]


def _on_top(win, dock) -> bool:
    """The dock is shown and not a hidden tab behind another one."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def _fits(win):
    hint = win.minimumSizeHint()
    return hint.width() <= SCREEN[0] and hint.height() <= SCREEN[1], hint


@pytest.fixture
def laptop(window, qtbot):
    window.resize(*SCREEN)
    settle(qtbot, 100)
    return window


def test_start_and_every_panel_fit_1366x768(laptop, qtbot):
    win = laptop
    ok, hint = _fits(win)
    assert ok, f"at start the window needs {hint.width()}×{hint.height()}"
    assert win.plugin_docks, "the bundled panels are loaded"
    for dock in win.plugin_docks + [win.style_dock, win.identify_dock, win.undo_dock]:
        act = dock.toggleViewAction()
        if not dock.isVisible():
            act.trigger()
        else:
            win.window_layout.bring_forward(dock)
        settle(qtbot, 80)
        ok, hint = _fits(win)
        assert ok, f"with {dock.windowTitle()!r} open the window needs {hint.width()}×{hint.height()}"
        assert win.size().width() <= SCREEN[0] and win.size().height() <= SCREEN[1]
        # the status bar and the attribute table stay inside the window
        bar = win.statusBar()
        assert bar.isVisible() and bar.geometry().bottom() <= win.height()
        assert win.table_dock.isVisible() and win.table_dock.geometry().bottom() <= win.height()
        assert _on_top(win, dock), f"{dock.windowTitle()!r} opened as a hidden tab"
        # a panel that needs room scrolls inside its dock instead of pushing the window
        if dock in win.plugin_docks:
            assert isinstance(dock.widget(), QScrollArea) or dock.widget().minimumSizeHint().height() < 300
            inner = dock.widget().widget() if isinstance(dock.widget(), QScrollArea) else dock.widget()
            assert inner.minimumSizeHint().width() <= dock.width(), (
                f"{dock.windowTitle()!r} is cut off at its docked width {dock.width()} px "
                f"(needs {inner.minimumSizeHint().width()})")


def test_tab_titles_are_whole(laptop, qtbot):
    win = laptop
    for dock in win.plugin_docks:
        dock.toggleViewAction().trigger()
    settle(qtbot, 150)
    bars = [b for b in win.findChildren(QTabBar) if b.parent() is win and b.isVisible() and b.count() > 1]
    assert bars, "the panels share a tab group"
    for bar in bars:
        assert bar.elideMode() == Qt.ElideNone
        fm = bar.fontMetrics()
        for i in range(bar.count()):
            assert bar.tabRect(i).width() >= fm.horizontalAdvance(bar.tabText(i)), bar.tabText(i)
            assert bar.tabToolTip(i) == bar.tabText(i)


def test_panel_lists_show_useful_rows(laptop, qtbot):
    win = laptop
    by_name = {d.objectName(): d for d in win.plugin_docks}
    checks = by_name["dock_plugin_checks.checks"]
    checks.toggleViewAction().trigger()
    settle(qtbot, 80)
    table = checks.findChild(object, "checks_table")
    assert table.minimumHeight() >= 10 * 22
    tod = by_name["dock_plugin_tod.tod"]
    tod.toggleViewAction().trigger()
    settle(qtbot, 80)
    stations = tod.findChild(object, "tod_stations")
    assert stations.height() >= 90 and stations.isVisible()
    # every TOD input is reachable in the dock: the whole panel scrolls, no nested scroll area
    assert not tod.widget().widget().findChildren(QScrollArea)


def test_layout_survives_a_restart_and_resets(window, qtbot, sample_copy):
    from app.bootstrap import build_window

    win = window
    tod = next(d for d in win.plugin_docks if d.objectName() == "dock_plugin_tod.tod")
    tod.toggleViewAction().trigger()
    win.addDockWidget(Qt.LeftDockWidgetArea, tod)
    win.resize(760, 580)          # the offscreen test screen is 800×600
    settle(qtbot, 80)
    win.save_window()

    again = build_window(sample_copy)
    qtbot.addWidget(again)
    again.show()
    settle(qtbot, 80)
    tod2 = next(d for d in again.plugin_docks if d.objectName() == "dock_plugin_tod.tod")
    assert tod2.isVisible() and again.dockWidgetArea(tod2) == Qt.LeftDockWidgetArea
    assert (again.width(), again.height()) == (760, 580)

    again.actions["view.reset_layout"].trigger()
    settle(qtbot, 80)
    assert not tod2.isVisible()
    assert again.dockWidgetArea(tod2) == Qt.RightDockWidgetArea
    assert again.dockWidgetArea(again.layers_dock) == Qt.LeftDockWidgetArea
    from PySide6.QtCore import QSettings

    assert QSettings().value("window/state") is None
    again.never_ask = True
    again.close()


def test_reset_layout_is_translated(window):
    assert window.actions["view.reset_layout"].text().replace("&", "") == "Đặt lại bố cục cửa sổ"
