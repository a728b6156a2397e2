"""Comment threads: anchored, threaded, with status and viewpoints; stored in the project file."""

import pytest

from cim.errors import CimInputError
from cim.project.store import open_project, save_project
from cim.review import Anchor, Viewpoint, review_book
from cim.review.commands import add_comment, reply, resolve, set_status


def test_threads_with_replies_statuses_viewpoints_and_snapshots_survive_save_and_open(project, tmp_path, png):
    lid = next(iter(project.layers))
    t1 = add_comment(project, title="Lô 7 chồng lấn lô 8", text="Ranh giới lô 7 cắt vào lô 8.",
                     anchor=Anchor.feature(lid, 7), viewpoint=Viewpoint("map", extent=(560180, 2358000, 560260, 2358040)),
                     snapshot=png, labels=["PLN-02"])
    reply(project, t1.id, "Đã chỉnh lại ranh giới.", author="tu_van",
          viewpoint=Viewpoint("camera", position=(560200, 2357900, 80), direction=(0, 1, -0.5), up=(0, 0, 1), fov=55))
    resolve(project, t1.id, author="xa_nong_trang")
    t2 = add_comment(project, title="Trạm bơm thiếu cảm biến", anchor=Anchor.location(560400.5, 2358012.25))
    set_status(project, t2.id, "wont_fix")
    add_comment(project, title="IFC thiếu định vị", anchor=Anchor.ifc("2O2Fr$t4X7Zf8NOew3FLOH"))
    add_comment(project, title="Thiếu mã quy hoạch", anchor=Anchor.issue("ID-01", "project"))
    path = save_project(project, tmp_path / "a.cim.gpkg")
    book = review_book(open_project(path))
    assert [t.to_dict() for t in book] == [t.to_dict() for t in review_book(project)]
    assert book.get(t1.id).snapshot == png
    assert [t.status for t in book] == ["resolved", "wont_fix", "open", "open"]
    assert [t.title for t in book.filter(anchor_kind="feature", layer_id=lid)] == ["Lô 7 chồng lấn lô 8"]


def test_adding_replying_and_resolving_are_undoable_review_commands(project):
    t = add_comment(project, title="Góp ý")
    reply(project, t.id, "Trả lời")
    resolve(project, t.id)
    assert {c.category for c in project.undo_stack._commands} == {"review"}
    project.undo_stack.undo()
    assert t.status == "open" and len(t.comments) == 1
    project.undo_stack.undo_all()
    assert len(review_book(project)) == 0


def test_a_reply_to_an_unknown_thread_and_an_unknown_status_are_explained(project):
    with pytest.raises(CimInputError, match="no comment thread"):
        reply(project, "khong-co", "x")
    t = add_comment(project, title="Góp ý")
    with pytest.raises(CimInputError, match="unknown comment status"):
        set_status(project, t.id, "maybe")
