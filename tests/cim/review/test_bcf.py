"""BCF 2.1 and 3.0: topics, comments, statuses, viewpoints and snapshots survive the round trip."""

import zipfile

import pytest

from cim.errors import CimInputError
from cim.project.store import open_project, save_project
from cim.review import Anchor, Viewpoint, review_book
from cim.review.bcf_export import export_bcf
from cim.review.bcf_import import import_bcf, read_bcf
from cim.review.commands import add_comment, reply, resolve, set_status
from cim.review.roles import assign_role


def _populate(project, png):
    lid = next(iter(project.layers))
    t1 = add_comment(project, title="Lô 7 chồng lấn lô 8", text="Ranh giới lô 7 cắt vào lô 8.",
                     anchor=Anchor.feature(lid, 7),
                     viewpoint=Viewpoint("map", extent=(560180.0, 2358000.0, 560260.5, 2358040.0)),
                     snapshot=png, labels=["PLN-02", "lô đất"], author="xa_nong_trang")
    reply(project, t1.id, "Đã chỉnh lại ranh giới.", author="tu_van", snapshot=png,
          viewpoint=Viewpoint("camera", position=(560200.0, 2357900.0, 80.0), direction=(0.0, 1.0, -0.5),
                              up=(0.0, 0.0, 1.0), fov=55.0))
    resolve(project, t1.id, author="xa_nong_trang")
    t2 = add_comment(project, title="Công trình thiếu BMS", anchor=Anchor.ifc("2O2Fr$t4X7Zf8NOew3FLOH"),
                     viewpoint=Viewpoint("camera", position=(1.0, 2.0, 3.0), direction=(0.0, 0.0, -1.0),
                                         up=(1.0, 0.0, 0.0), scale=40.0, selection=("2O2Fr$t4X7Zf8NOew3FLOH",)))
    set_status(project, t2.id, "wont_fix")
    add_comment(project, title="Trạm bơm", anchor=Anchor.location(560400.5, 2358012.25))
    add_comment(project, title="Thiếu mã quy hoạch", anchor=Anchor.issue("ID-01", "project"))


def _state(project):
    return [(t.to_dict(), t.snapshots()) for t in review_book(project)]


@pytest.mark.parametrize("version", ["2.1", "3.0"])
def test_threads_comments_and_viewpoints_survive_a_bcf_round_trip(project, tmp_path, png, version):
    from cim.project import Project

    _populate(project, png)
    path = export_bcf(project, tmp_path / f"review-{version}.bcf", version=version)
    other = Project()
    assert import_bcf(other, path) == 4
    assert _state(other) == _state(project)


@pytest.mark.parametrize("version", ["2.1", "3.0"])
def test_bcf_client_reads_what_we_write(project, tmp_path, png, version):
    from bcf.bcfxml import load

    _populate(project, png)
    path = export_bcf(project, tmp_path / "r.bcf", version=version)
    doc = load(path)
    assert doc.version.version_id == version
    titles = sorted(h.topic.title for h in doc.topics.values())
    assert titles == sorted(t.title for t in review_book(project))
    assert sum(len(h.comments) for h in doc.topics.values()) == 1


@pytest.mark.parametrize("version", ["2.1", "3.0"])
def test_a_bcf_made_by_another_bim_tool_is_imported(tmp_path, version):
    from bcf.v2.bcfxml import BcfXml as Bcf2
    from bcf.v3.bcfxml import BcfXml as Bcf3

    from cim.project import Project

    doc = (Bcf2 if version == "2.1" else Bcf3).create_new("Dự án ga Việt Trì")
    topic = doc.add_topic("Clash cột – dầm", "Cột C3 cắt dầm D7", "bim_tool", topic_type="Clash",
                          topic_status="Closed")
    vp = topic.add_viewpoint_from_point_and_guids(__import__("numpy").array([10.0, 20.0, 3.0]), "1hOSvn6df7F8_7GcBWlRGQ")
    doc.save(tmp_path / "tool.bcf")
    p = Project()
    import_bcf(p, tmp_path / "tool.bcf")
    [t] = list(review_book(p))
    assert (t.title, t.author, t.status, t.description) == ("Clash cột – dầm", "bim_tool", "resolved",
                                                           "Cột C3 cắt dầm D7")
    assert t.viewpoint.kind == "camera" and t.viewpoint.selection == ("1hOSvn6df7F8_7GcBWlRGQ",)
    assert vp is not None


def test_the_same_threads_give_the_same_bcf_bytes(project, tmp_path, png):
    _populate(project, png)
    a = export_bcf(project, tmp_path / "a.bcf").read_bytes()
    b = export_bcf(project, tmp_path / "b.bcf").read_bytes()
    assert a == b


def test_reviewer_comments_reach_the_consultant_and_the_answer_comes_back(project, tmp_path, png, monkeypatch):
    assign_role(project, "tu_van", "consultant")
    assign_role(project, "xa_nong_trang", "reviewer")
    path = save_project(project, tmp_path / "plan.cim.gpkg")
    monkeypatch.setattr("cim.project.document._current_user", lambda: "xa_nong_trang")
    reviewer = open_project(path)
    assert reviewer.role == "reviewer"
    lid = next(iter(reviewer.layers))
    t = add_comment(reviewer, title="Lô 3 thiếu chỉ tiêu tầng cao", anchor=Anchor.feature(lid, 3),
                    viewpoint=Viewpoint("map", extent=(560060.0, 2358000.0, 560085.0, 2358025.0)), snapshot=png)
    export_bcf(reviewer, tmp_path / "from_reviewer.bcf", version="3.0")

    monkeypatch.setattr("cim.project.document._current_user", lambda: "tu_van")
    consultant = open_project(path)
    assert consultant.role == "consultant"
    import_bcf(consultant, tmp_path / "from_reviewer.bcf")
    got = review_book(consultant).get(t.id)
    assert (got.title, got.author, got.anchor, got.viewpoint, got.snapshot) == (
        t.title, "xa_nong_trang", t.anchor, t.viewpoint, png)
    reply(consultant, t.id, "Đã bổ sung số tầng cho lô 3.")
    resolve(consultant, t.id)
    save_project(consultant)
    export_bcf(consultant, tmp_path / "answer.bcf", version="2.1")

    import_bcf(reviewer, tmp_path / "answer.bcf")
    back = review_book(reviewer).get(t.id)
    assert back.status == "resolved" and [c.text for c in back.comments] == ["Đã bổ sung số tầng cho lô 3."]
    assert back.comments[0].author == "tu_van"


def test_a_bcf_with_an_xml_entity_or_a_zip_slip_path_is_refused(tmp_path):
    bad = tmp_path / "xxe.bcf"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("bcf.version", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                                   '<Version VersionId="2.1">&e;</Version>')
    with pytest.raises(CimInputError, match="DOCTYPE"):
        read_bcf(bad)
    slip = tmp_path / "slip.bcf"
    with zipfile.ZipFile(slip, "w") as zf:
        zf.writestr("bcf.version", '<Version VersionId="2.1"/>')
        zf.writestr("../../evil/markup.bcf", "<Markup/>")
    with pytest.raises(CimInputError, match="zip-slip"):
        read_bcf(slip)
