"""Review in the app: comments dock (reviewer comments, replies, resolves; filter; click zooms), the
appraisal-package wizard, opening a package for review, autosave and crash recovery."""

import zipfile

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from tests.app.conftest import settle

pytestmark = pytest.mark.gui


def _panel(window):
    from PySide6.QtWidgets import QDockWidget

    dock = window.findChild(QDockWidget, "dock_plugin_review.comments")
    assert dock is not None, "the review plugin's comments dock is missing"
    dock.toggleViewAction().trigger()          # the user opens it from the View menu
    dock.raise_()
    panel = window.findChild(QWidget, "review_comments_panel")
    assert panel.isVisible()
    return panel


def _click_item(qtbot, tree, thread_id):
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item.data(0, Qt.UserRole) == thread_id:
            tree.scrollToItem(item)
            rect = tree.visualItemRect(item)
            qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=rect.center())
            return
    raise AssertionError(f"thread {thread_id} is not listed")


def _fill_dialog(qtbot, dialog, title, text=""):
    dialog.title.setText(title)
    dialog.text.setPlainText(text)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)


def test_a_reviewer_comments_replies_and_resolves_while_editing_stays_disabled(window, qtbot):
    from cim.project.feature_edits import DeleteFeatures
    from cim.review import review_book

    s = window.session
    window.actions["app.reviewer"].setChecked(True)
    panel = _panel(window)
    for aid in ("tool.add_feature", "tool.vertex", "layer.import_vector", "layer.remove", "edit.delete"):
        assert not window.actions[aid].isEnabled(), aid
    assert not window.findChild(type(window.actions["app.quit"]), "review.export_package").isEnabled()
    assert panel.role_note.isVisible()

    plots = s.project.layers["lyr_plots"]
    fid = int(plots.data.index[7])
    s.select("lyr_plots", [fid])
    qtbot.mouseClick(panel.new_button, Qt.LeftButton)
    assert "Lô đất" in panel.dialog.about.text()           # the layer's display name
    _fill_dialog(qtbot, panel.dialog, "Lô đất vượt mật độ xây dựng", "Đề nghị giảm mật độ xuống 60%.")
    threads = list(review_book(s.project))
    assert len(threads) == 1
    t = threads[0]
    assert (t.anchor.kind, t.anchor.layer_id, t.anchor.fid) == ("feature", "lyr_plots", fid)
    assert t.author == s.project.user and t.viewpoint is not None and t.snapshot[:4] == b"\x89PNG"
    assert panel.current_id() == t.id

    panel.reply_text.setPlainText("Đơn vị tư vấn sẽ điều chỉnh.")
    qtbot.mouseClick(panel.reply_button, Qt.LeftButton)
    assert [c.text for c in t.comments] == ["Đơn vị tư vấn sẽ điều chỉnh."]
    assert "Đơn vị tư vấn sẽ điều chỉnh." in panel.detail.toPlainText()
    resolve_text = panel.status_button.text()
    qtbot.mouseClick(panel.status_button, Qt.LeftButton)
    assert t.status == "resolved" and panel.status_button.text() != resolve_text      # now "Reopen"
    qtbot.mouseClick(panel.status_button, Qt.LeftButton)
    assert t.status == "open"

    assert not s.push(DeleteFeatures(s.project, "lyr_plots", [fid]))   # the core refuses a reviewer's edit
    assert fid in s.project.layers["lyr_plots"].data.index
    assert not window.actions["tool.add_feature"].isEnabled()
    window.actions["edit.undo"].trigger()                                 # reviewers undo their own comments
    assert t.status == "resolved"


def test_the_filter_narrows_threads_by_status_author_and_text(window, qtbot):
    from cim.review import Anchor
    from cim.review.commands import add_comment, reply, resolve

    p = window.session.project
    panel = _panel(window)
    a = add_comment(p, title="Thiếu trạm sạc xe điện", anchor=Anchor.feature("lyr_stations", 0), author="xa_a")
    b = add_comment(p, title="Cống thoát nước dốc ngược", author="so_xay_dung")
    c = add_comment(p, title="Chiều cao công trình", anchor=Anchor.location(565000, 2359000), author="xa_a")
    reply(p, b.id, "Đã kiểm tra cao độ đáy cống", author="tu_van")
    resolve(p, c.id, author="xa_a")
    assert panel.visible_ids() == [a.id, b.id, c.id]
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("resolved"))
    assert panel.visible_ids() == [c.id]
    panel.status_filter.setCurrentIndex(0)
    panel.author_filter.setCurrentIndex(panel.author_filter.findData("tu_van"))     # replied, did not open
    assert panel.visible_ids() == [b.id]
    panel.author_filter.setCurrentIndex(panel.author_filter.findData("xa_a"))
    assert panel.visible_ids() == [a.id, c.id]
    panel.author_filter.setCurrentIndex(0)
    panel.search.setText("CAO ĐỘ")                    # case-insensitive, in replies too
    assert panel.visible_ids() == [b.id]
    panel.search.setText("không có góp ý nào như vậy")
    assert panel.visible_ids() == [] and panel.empty.isVisible()
    panel.search.clear()
    assert len(panel.visible_ids()) == 3 and not panel.empty.isVisible()


def test_clicking_a_comment_zooms_to_its_anchor_and_selects_the_feature(window, qtbot):
    from cim.review import Anchor, review_book
    from cim.review.commands import add_comment

    s = window.session
    panel = _panel(window)
    window.zoom_to_bounds(window.canvas.vp.extent, 0)
    plots = s.project.layers["lyr_plots"].data
    fid = int(plots.index[plots.geometry.area.to_numpy().argmin()])
    bounds = plots.geometry.loc[fid].bounds
    t = add_comment(s.project, title="Lô nhỏ nhất", anchor=Anchor.feature("lyr_plots", fid), author="xa_a")
    window.canvas.zoom_full()
    before = window.canvas.vp.extent
    _click_item(qtbot, panel.tree, t.id)
    x0, y0, x1, y1 = window.canvas.vp.extent
    assert x0 <= bounds[0] and y0 <= bounds[1] and x1 >= bounds[2] and y1 >= bounds[3]
    assert (x1 - x0) < (before[2] - before[0]) / 3
    assert list(s.selected("lyr_plots")) == [fid] and s.current_layer_id == "lyr_plots"
    assert window.canvas.overlays.get("review.anchor") is not None

    qtbot.mouseClick(panel.point_button, Qt.LeftButton)            # comment on a clicked place
    qtbot.mouseClick(window.canvas, Qt.LeftButton, pos=QPoint(300, 200))
    expected = window.canvas.to_map(QPoint(300, 200))
    _fill_dialog(qtbot, panel.dialog, "Bổ sung cây xanh tại đây")
    new = list(review_book(s.project))[-1]
    assert new.anchor.kind == "location" and np.allclose((new.anchor.x, new.anchor.y), expected)


def test_bcf_export_and_import_bring_the_threads_back(window, tmp_path):
    from cim.review import Anchor, review_book
    from cim.review.commands import add_comment, reply
    from plugins.builtin.review._qt.bcf_actions import export_bcf, import_bcf

    p = window.session.project
    panel = _panel(window)
    t = add_comment(p, title="Góp ý trao đổi qua BCF", anchor=Anchor.feature("lyr_buildings", 3), author="xa_a")
    reply(p, t.id, "Đồng ý", author="tu_van")
    out = export_bcf(panel, tmp_path / "gop_y.bcf")
    assert zipfile.is_zipfile(out)
    window.actions["edit.undo"].trigger()
    window.actions["edit.undo"].trigger()
    assert len(review_book(p)) == 0 and panel.visible_ids() == []
    assert import_bcf(panel, out) == 1
    got = list(review_book(p))
    assert [(g.id, g.title, [c.text for c in g.comments]) for g in got] == [(t.id, t.title, ["Đồng ý"])]
    assert panel.visible_ids() == [t.id]


def test_the_wizard_exports_a_package_of_the_sample_that_verify_accepts(window, qtbot, tmp_path, monkeypatch):
    import hashlib

    from cim.package.checks import registry_runner
    from cim.package.verify import verify_package
    from plugins.builtin.review._qt.panel import show_package_wizard
    from plugins.check_registry import installed_check_registry as check_registry

    monkeypatch.setenv("CIMSTUDIO_KEY_DIR", str(tmp_path / "keys"))
    wiz = show_package_wizard(window)
    qtbot.addWidget(wiz)
    assert not wiz.contents.isComplete()                     # a passphrase is needed
    assert wiz.contents._key_missing() and "%1" not in wiz.contents.key_note.text()      # says a key is created
    wiz.contents.passphrase.setText("mật khẩu thử nghiệm")
    assert wiz.contents.isComplete() and wiz.contents.pack.currentData() == "decree269"
    wiz.contents.reports.setChecked(False)          # the HTML/PDF reports are the report module's; keep it fast
    wiz.next()
    out = tmp_path / "ho_so" / "district.cimpkg"
    out.parent.mkdir()
    wiz.target.path.setText(str(out.with_suffix("")))      # the extension is added
    assert wiz.target.isComplete()
    wiz.next()
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.summary or wiz.run.error is not None, timeout=120000)
    assert wiz.run.error is None
    assert out.is_file()
    report = verify_package(out, rerun=registry_runner(check_registry()))
    assert report.intact and report.status == "unknown_signer"      # the appraiser does not know this key yet
    report = verify_package(out, rerun=registry_runner(check_registry()), trusted={wiz.run.result[0].fingerprint})
    assert report.ok, [f.text() for f in report.findings]
    with zipfile.ZipFile(out) as zf:
        digest = hashlib.sha256(zf.read("manifest.json")).hexdigest()
        assert any(n.startswith("checks/results.json") for n in zf.namelist())
    summary = wiz.summary.text.toPlainText()
    assert digest in summary and wiz.run.result[0].fingerprint in summary
    assert "HỢP LỆ" in wiz.summary.verdict.text()


@pytest.fixture
def sample_package(sample_copy, tmp_path, monkeypatch):
    from cim.package.build import PackageOptions, build_package

    monkeypatch.setenv("CIMSTUDIO_KEY_DIR", str(tmp_path / "keys"))
    out = tmp_path / "nop" / "district.cimpkg"
    out.parent.mkdir()
    build_package(sample_copy, out, PackageOptions(cityjson=False, auto_tod=False, user="tu_van",
                                                   passphrase="mật khẩu thử nghiệm", create_key=True))
    return out


def _trust_key_of(pkg):
    from cim.package.trust import TrustStore

    with zipfile.ZipFile(pkg) as zf:
        TrustStore().add_key(zf.read("signer.pub"))


def test_a_tampered_package_shows_the_failure_and_opens_nothing(window, waits, sample_package, tmp_path):
    from plugins.builtin.review._qt.open_package import VerifyResultDialog
    from plugins.builtin.review._qt.panel import open_package_dialog

    bad = tmp_path / "bad" / "district.cimpkg"
    bad.parent.mkdir()
    data = bytearray(sample_package.read_bytes())
    data[len(data) // 2] ^= 0x01                   # one flipped bit inside the packaged project
    bad.write_bytes(bytes(data))
    project = window.session.project
    open_package_dialog(window, bad)
    waits.tasks(window)
    shown = [d for d in window.findChildren(VerifyResultDialog) if d.isVisible()]
    assert len(shown) == 1 and not shown[0].report.ok
    assert "KHÔNG HỢP LỆ" in shown[0].text() and "project/district.cim.gpkg" in shown[0].text()
    assert window.session.project is project and not window.session.reviewer
    assert sorted(p.name for p in bad.parent.iterdir()) == ["district.cimpkg"]     # nothing extracted

    _trust_key_of(sample_package)                         # the appraiser trusted this consultant once
    open_package_dialog(window, sample_package)           # the intact package opens read-only
    waits.tasks(window)
    shown = [d for d in window.findChildren(VerifyResultDialog) if d.isVisible()]
    assert len(shown) == 1 and shown[0].report.ok and "HỢP LỆ" in shown[0].text()
    p = window.session.project
    assert p is not project and p.path.parent.parent == (sample_package.parent / "district.review").resolve()
    assert window.session.reviewer and p.role == "reviewer" and not window.session.editable
    assert window.actions["app.reviewer"].isChecked()
    assert not window.actions["tool.add_feature"].isEnabled() and not window.actions["layer.remove"].isEnabled()


def test_an_autosaved_edit_is_offered_and_recovered_after_a_crash(window, qtbot, sample_copy):
    from app.bootstrap import build_window
    from cim.backup import find_recovery
    from cim.backup.recovery import recovery_path
    from cim.project.feature_edits import DeleteFeatures

    s = window.session
    window.files.recovery.set_interval(1)
    fids = [int(f) for f in s.project.layers["lyr_plots"].data.index[:2]]
    s.push(DeleteFeatures(s.project, "lyr_plots", [fids[0]]))
    rec = recovery_path(sample_copy)
    qtbot.waitUntil(rec.exists, timeout=5000)                    # written on the first edit
    s.push(DeleteFeatures(s.project, "lyr_plots", [fids[1]]))
    qtbot.waitUntil(lambda: len(find_recovery(sample_copy).edits) == 2, timeout=5000)   # then by the timer
    window.close()                                               # no save: the "crash"
    assert rec.exists()

    def reopen(answer):
        win = build_window(sample_copy)
        win.never_ask, win.quiet_errors, win.recovery_answer = True, True, answer
        qtbot.addWidget(win)
        qtbot.waitUntil(lambda: win.files.recovery.last_prompt is not None and not win.files.tasks, timeout=20000)
        return win

    win = reopen("keep")                                          # keep for later: nothing changes
    plots = win.session.project.layers["lyr_plots"].data
    assert fids[0] in plots.index and rec.exists() and not win.session.project.is_modified()
    win.session.push(DeleteFeatures(win.session.project, "lyr_plots", [fids[0]]))
    settle(qtbot, 1300)
    assert len(find_recovery(sample_copy).edits) == 2           # autosave held: the kept edits are intact
    win.session.project.undo_stack.undo()
    win.close()

    win = reopen("recover")
    p = win.session.project
    assert not set(fids) & set(p.layers["lyr_plots"].data.index)
    assert p.is_modified() and p.path == sample_copy.resolve()
    assert any("2" in m for lvl, m in win.log_dock.lines if lvl == "info")
    win.close()                        # closed without being asked: the recovery file stays

    win = reopen("discard")
    p = win.session.project
    assert set(fids) <= set(p.layers["lyr_plots"].data.index) and not p.is_modified()
    assert not rec.exists()
    win.close()


def test_the_settings_dialog_sets_the_autosave_interval_and_zero_turns_it_off(window):
    from app.dialogs import SettingsDialog
    from app.recovery import autosave_seconds

    dlg = SettingsDialog(window)
    assert dlg.autosave.value() == autosave_seconds()
    dlg.autosave.setValue(120)
    dlg.accept()
    assert autosave_seconds() == 120
    dlg = SettingsDialog(window)
    dlg.autosave.setValue(0)
    assert dlg.autosave.text() == dlg.autosave.specialValueText()
    dlg.accept()
    assert autosave_seconds() == 0 and not window.files.recovery.timer.isActive()
