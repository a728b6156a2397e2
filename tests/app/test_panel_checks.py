"""The Checks panel on the sample district: a run finds what the headless core finds (every deliberate
defect among it), filters narrow the rows, a click selects and zooms, an acceptance with a reason is
kept with the project, and a canceled run leaves nothing behind."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialogButtonBox, QDockWidget, QPushButton

pytestmark = pytest.mark.gui
REPO = Path(__file__).resolve().parents[2]
DISTRICT = REPO / "sample_data" / "district"


@pytest.fixture
def panel(window, sample_copy, qtbot):
    """The panel, shown, on a copy of the sample whose IFC models sit where the project expects them."""
    from plugins.builtin.checks._qt.panel import ChecksPanel

    shutil.copytree(DISTRICT / "ifc", sample_copy.parent / "district" / "ifc")
    p = window.findChild(ChecksPanel)
    assert p is not None, "the checks plugin contributes its panel"
    dock = p.parentWidget()
    while not isinstance(dock, QDockWidget):
        dock = dock.parentWidget()
    dock.show()
    dock.raise_()
    p.opened = []
    p.opener = p.opened.append          # no browser in tests
    return p


def run_from_button(panel, qtbot):
    qtbot.mouseClick(panel.run_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not panel.tasks, timeout=60000)
    assert panel.run is not None


@pytest.fixture(scope="module")
def headless(tmp_path_factory):
    """The core run the CLI does, on an untouched copy of the same project."""
    from cim.checks.runner import run_checks
    from cim.project.store import open_project
    from plugins.check_registry import check_registry

    folder = tmp_path_factory.mktemp("headless")
    shutil.copyfile(REPO / "sample_data" / "district.cim.gpkg", folder / "district.cim.gpkg")
    shutil.copytree(DISTRICT / "ifc", folder / "district" / "ifc")
    reg = check_registry()
    pack = reg.pack("decree269")
    project = open_project(folder / "district.cim.gpkg")
    return run_checks(project, reg.checks_for(pack), pack=pack)


def _signature(issues) -> list[tuple]:
    return sorted((i.code, i.severity, tuple(sorted(i.objects)), i.message.en) for i in issues)


def _rows(panel) -> list:
    from plugins.builtin.checks._qt.findings_model import FINDING_ROLE

    return [panel.proxy.data(panel.proxy.index(r, 0), FINDING_ROLE) for r in range(panel.proxy.rowCount())]


def _click_row(panel, qtbot, pred):
    row = next(r for r, f in enumerate(_rows(panel)) if pred(f))
    rect = panel.table.visualRect(panel.proxy.index(row, 2))
    panel.table.scrollTo(panel.proxy.index(row, 2))
    rect = panel.table.visualRect(panel.proxy.index(row, 2))
    qtbot.mouseClick(panel.table.viewport(), Qt.LeftButton, pos=rect.center())
    return _rows(panel)[row]


def test_a_run_finds_what_the_core_finds_and_every_deliberate_defect(window, panel, qtbot, headless, sample_copy):
    from cim.checks.results_store import list_runs

    assert panel.stack.currentWidget() is panel.empty and panel.empty.text()
    run_from_button(panel, qtbot)
    shown = [f.finding for f in panel.model.findings]
    assert _signature(shown) == _signature(headless.issues())
    defects = json.loads((DISTRICT / "defects.json").read_text(encoding="utf-8"))["defects"]
    missing = [d["id"] for d in defects
               if not any(i.code == d["rule"] and {d["object_id"], *d.get("object_ids", [])} & set(i.objects)
                          for i in shown)]
    assert missing == []
    c = headless.counts()
    assert panel.model.counts() == {"E": c["E"], "W": c["W"], "I": c["I"], "accepted": 0}
    assert panel.proxy.rowCount() == len(headless.issues()) and panel.stack.currentWidget() is panel.table
    # the run is kept in the (unmodified) project file, like the CLI does
    assert [r["run_id"] for r in list_runs(sample_copy)] == [panel.run.run_id]
    assert not window.session.project.is_modified()


def test_filters_narrow_the_rows(panel, qtbot):
    run_from_button(panel, qtbot)
    total = len(panel.model.findings)
    f = panel.filters
    f.severity_box.setCurrentIndex(f.severity_box.findData("E"))
    errors = [x for x in panel.model.findings if x.finding.severity == "E"]
    assert 0 < panel.proxy.rowCount() == len(errors) < total
    assert {r.finding.severity for r in _rows(panel)} == {"E"}
    f.severity_box.setCurrentIndex(0)
    f.rule_box.setCurrentIndex(f.rule_box.findData("INF-05"))
    assert {r.finding.code for r in _rows(panel)} == {"INF-05"}
    assert panel.proxy.rowCount() == sum(x.finding.code == "INF-05" for x in panel.model.findings)
    f.rule_box.setCurrentIndex(0)
    system = next(x.system for x in panel.model.findings if x.system)
    f.system_box.setCurrentIndex(f.system_box.findData(system))
    assert panel.proxy.rowCount() == sum(x.system == system for x in panel.model.findings) < total
    f.system_box.setCurrentIndex(0)
    qtbot.keyClicks(f.search, "PLT-000167")
    assert panel.proxy.rowCount() == sum("PLT-000167" in x.finding.objects for x in panel.model.findings) >= 2
    f.search.clear()
    qtbot.keyClicks(f.search, "chong lan")     # typed without diacritics, as planners often do
    assert {r.finding.code for r in _rows(panel)} == {"PLN-02"}      # "chồng lấn" (overlap): its title and message
    assert any(len(r.finding.fids) == 2 for r in _rows(panel)) and panel.proxy.rowCount() < total
    showing = QCoreApplication.translate("ChecksPanel", "Showing %1 of %2 findings")
    assert showing.replace("%1", str(panel.proxy.rowCount())).replace("%2", str(total)) in panel.summary.text()
    f.search.clear()
    qtbot.keyClicks(f.search, "no such thing anywhere")
    assert panel.proxy.rowCount() == 0 and panel.stack.currentWidget() is panel.empty
    f.search.clear()
    assert panel.proxy.rowCount() == total


def test_clicking_a_finding_selects_its_objects_and_zooms_to_them(window, panel, qtbot):
    from plugins.builtin.checks._qt.map_focus import OVERLAY_KEY

    run_from_button(panel, qtbot)
    project = window.session.project
    full = window.canvas.vp.extent
    overlap = _click_row(panel, qtbot, lambda f: f.finding.code == "PLN-02" and len(f.finding.fids) == 2)
    plots = project.layer_by_name("plots")
    assert {k: sorted(v.tolist()) for k, v in window.session.selection.items()} == {plots.id: sorted(overlap.finding.fids)}
    x0, y0, x1, y1 = window.canvas.vp.extent
    bx0, by0, bx1, by1 = plots.data.loc[list(overlap.finding.fids)].total_bounds
    assert x0 <= bx0 and y0 <= by0 and x1 >= bx1 and y1 >= by1
    assert (x1 - x0) < (full[2] - full[0]) / 3, "the map zoomed in on the finding"
    assert window.canvas.overlays.get(OVERLAY_KEY) is not None      # the overlap strip is drawn
    # a network finding names nodes and edges of two layers by cim_id, without fids
    net = _click_row(panel, qtbot, lambda f: f.finding.code == "INF-05" and not f.finding.fids and len(f.finding.objects) > 1)
    found = set()
    for lid, fids in window.session.selection.items():
        found |= set(project.layers[lid].data.loc[fids, "cim_id"].astype(str))
    assert found == set(net.finding.objects)


def test_an_acceptance_with_a_reason_is_undoable_and_survives_save_and_reopen(window, panel, qtbot, waits, sample_copy):
    run_from_button(panel, qtbot)
    target = _click_row(panel, qtbot, lambda f: f.finding.code == "SEC-01")
    assert panel.accept_button.isEnabled() and not panel.withdraw_button.isEnabled()
    qtbot.mouseClick(panel.accept_button, Qt.LeftButton)
    dlg = panel.accept_dialog
    ok = dlg.buttons.button(QDialogButtonBox.Ok)
    assert not ok.isEnabled(), "no acceptance without a reason"
    qtbot.keyClicks(dlg.reason, "QD 12/2026: ")          # QTest types ASCII only; Vietnamese is pasted
    dlg.reason.insertPlainText("tên chủ đầu tư được công bố theo Quyết định 12/QĐ-UBND")
    reason = "QD 12/2026: tên chủ đầu tư được công bố theo Quyết định 12/QĐ-UBND"
    qtbot.mouseClick(ok, Qt.LeftButton)
    found = next(f for f in panel.model.findings if f.key == target.key)
    assert found.accepted is not None and found.accepted.reason == reason
    assert panel.model.counts()["accepted"] == 1 and window.session.project.is_modified()
    window.session.project.undo_stack.undo()
    window.session.undo_changed.emit()
    assert next(f for f in panel.model.findings if f.key == target.key).accepted is None
    window.session.project.undo_stack.redo()
    window.session.undo_changed.emit()
    window.files.save()
    waits.tasks(window)
    assert not window.session.project.is_modified()
    window.files.open_path(sample_copy)                  # File › Open (a worker)
    waits.tasks(window)
    qtbot.waitUntil(lambda: not panel.tasks, timeout=60000)
    assert panel.run is not None and panel.stored, "the stored run is shown again after reopening"
    assert not panel.stale, "an acceptance does not make the checked data out of date"
    again = next(f for f in panel.model.findings if f.key == target.key)
    assert again.accepted is not None and again.accepted.reason == reason
    panel.filters.show_accepted.setChecked(False)
    assert target.key not in {f.key for f in _rows(panel)}
    panel.filters.show_accepted.setChecked(True)
    # the report carries the findings
    panel.open_report("html")
    qtbot.waitUntil(lambda: not panel.tasks and "html" in panel.reports, timeout=60000)
    html = Path(panel.reports["html"]).read_text(encoding="utf-8")
    assert [Path(u.toLocalFile()) for u in panel.opened] == [panel.reports["html"]]
    assert all(i.message.vi.split(":")[0] in html for i in panel.run.issues("E"))
    # reviewers may look, not accept
    window.set_reviewer(True)
    _click_row(panel, qtbot, lambda f: f.finding.code == "PLN-02")
    assert not panel.accept_button.isEnabled()


def test_a_canceled_run_leaves_no_results_and_the_project_unchanged(window, panel, qtbot, sample_copy):
    from cim.checks.results_store import list_runs

    before = hashlib.sha256(sample_copy.read_bytes()).hexdigest()
    undo_len = len(window.session.project.undo_stack)
    task = panel.run_checks()
    task.dialog.findChild(QPushButton).click()          # the progress dialog's Cancel
    qtbot.waitUntil(lambda: not panel.tasks, timeout=60000)
    assert panel.run is None and panel.model.rowCount() == 0
    assert panel.stack.currentWidget() is panel.empty
    assert not window.session.project.is_modified() and len(window.session.project.undo_stack) == undo_len
    assert list_runs(sample_copy) == []
    assert hashlib.sha256(sample_copy.read_bytes()).hexdigest() == before
    assert panel.run_button.isEnabled()


def test_a_stored_run_older_than_the_saved_data_is_marked_out_of_date_on_reopening(window, panel, qtbot, waits,
                                                                                   sample_copy):
    from cim.project.feature_edits import ChangeAttribute

    run_from_button(panel, qtbot)
    assert panel.stored is False and not window.session.project.is_modified()
    s = window.session
    plots = next(r for r in s.project.ordered_layers() if r.object_kind == "plot")
    s.push(ChangeAttribute(s.project, plots.id, int(plots.data.index[0]), "far", 9.5))
    window.files.save()                                  # saved without running the checks again
    waits.tasks(window)
    window.files.open_path(sample_copy)
    waits.tasks(window)
    qtbot.waitUntil(lambda: not panel.tasks, timeout=60000)
    assert panel.run is not None and panel.stored and panel.stale
    assert "thay đổi" in panel.summary.text() or "changed" in panel.summary.text()
