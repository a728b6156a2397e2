"""A project opened for review from a package is a reviewer copy: the role is stored in the copy, so
reopening it directly (CLI, File › Open, the API) still gives a reviewer, and nothing raises it."""

import hashlib

import pytest

from cim.errors import PermissionDenied
from cim.package.opening import open_package
from cim.project.access import switch_role
from cim.project.store import open_project, save_project
from cim.review.commands import add_comment

from .conftest import runner


def test_the_extracted_project_stays_a_reviewer_copy_however_it_is_reopened(package, tmp_path):
    project, report = open_package(package, tmp_path / "review", rerun=runner())
    assert report.ok and project.role == "reviewer"
    with pytest.raises(PermissionDenied):
        switch_role(project, "consultant")
    again = open_project(project.path)                 # the account owns no role row: still a reviewer
    assert again.role == "reviewer"
    add_comment(again, title="Ý kiến thẩm định")
    save_project(again)
    third = open_project(project.path)
    assert third.role == "reviewer" and len(third.ext.review_book) == 2


def test_the_cli_refuses_writes_into_the_extracted_copy(package, tmp_path, capsys):
    from app.launcher import main  # the cimstudio CLI: rule packs come from plugins

    project, _ = open_package(package, tmp_path / "review", rerun=runner())
    path = project.path
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert main(["-q", "new", str(path), "--force"]) == 2
    assert "role 'reviewer'" in capsys.readouterr().err
    assert main(["-q", "check", str(path), "--no-maps"]) == 2
    assert "reviewer" in capsys.readouterr().err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
