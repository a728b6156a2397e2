"""The undo history and the Edit menu speak the interface language for the core's English step names."""

import pytest

pytestmark = pytest.mark.gui


def test_every_core_command_text_pattern_reads_in_vietnamese(window):
    from app.command_texts import command_text

    assert command_text("Add 3 feature(s) to plots") == "Thêm 3 đối tượng vào plots"
    assert command_text("Set far of 12 feature(s) in plots") == "Đặt far cho 12 đối tượng trong plots"
    assert command_text("Set plan_id") == "Đặt plan_id"
    assert command_text("Edit far of Lô đất #7") == "Sửa trường far của Lô đất #7"
    assert command_text("Something a plugin named itself") == "Something a plugin named itself"
    assert command_text("") == ""


def test_an_edit_shows_in_vietnamese_in_the_history_and_the_edit_menu(window):
    from cim.project.feature_edits import ChangeAttribute

    s = window.session
    rec = next(r for r in s.project.ordered_layers() if r.object_kind == "plot")
    fid = int(rec.data.index[0])
    s.push(ChangeAttribute(s.project, rec.id, fid, "far", 2.5))
    history = window.undo_dock.list
    # the step names the layer as the layer tree does (Lô đất), not by its table name (plots)
    assert rec.name == "plots"
    assert history.item(history.count() - 1).text() == f"Sửa trường far của Lô đất #{fid}"
    assert window.actions["edit.undo"].text().endswith(f"Sửa trường far của Lô đất #{fid}")


def test_core_log_lines_read_in_vietnamese_in_the_log_dock(window):
    from app.command_texts import log_text

    assert log_text("roads: 136 line(s) from 136 feature(s)") == "roads: 136 tuyến từ 136 đối tượng"
    assert log_text("network road: 96 nodes, 136 edges (from 136 cut edges)") == \
        "mạng road: 96 nút, 136 đoạn (từ 136 đoạn đã cắt)"
    assert log_text("Đã nhập xong") == "Đã nhập xong"            # already Vietnamese: as it is
    window.session.message.emit("warning", "1 plot(s) in catchments have no FAR: left out of GFA")
    last = window.log_dock.text.toPlainText().splitlines()[-1]
    assert "[cảnh báo]" in last and last.endswith(
        "1 lô đất trong vùng ảnh hưởng không có hệ số sử dụng đất: không tính vào tổng diện tích sàn (GFA)")
