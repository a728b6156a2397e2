"""Extension state on a project lives in one typed place, ``project.ext`` (cim/project/extensions.py):
no module sets ``project._cim_*`` attributes any more, and a misspelt field fails instead of being kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cim.project import Project
from cim.project.extensions import ProjectExtensions

ROOT = Path(__file__).resolve().parents[3]
PRIVATE_ATTR = re.compile(r"""\._cim_\w+\s*=[^=]|(?:get|set|has)attr\([^)]*["']_cim_""")
# a VTK renderer's own flag (the 3D view's sky), not a project
NOT_A_PROJECT = {"layers/render/scene3d_actors.py"}


def test_no_code_keeps_private_cim_attributes_on_a_project():
    found = []
    for room in ("cim", "layers", "plugins", "app"):
        for path in sorted((ROOT / room).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel in NOT_A_PROJECT:
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if PRIVATE_ATTR.search(line):
                    found.append(f"{rel}:{n}: {line.strip()}")
    assert found == [], "use a field of ProjectExtensions (project.ext) instead:\n" + "\n".join(found)


def test_the_grep_finds_the_old_ways():
    for line in ('project._cim_roles = {}', 'x = getattr(project, "_cim_db_link", None)',
                 "setattr(p, '_cim_sky', 1)"):
        assert PRIVATE_ATTR.search(line), line
    assert not PRIVATE_ATTR.search("if project.ext.db_link == link:")


def test_a_project_refuses_a_private_cim_attribute_and_ext_refuses_a_misspelt_field():
    project = Project()
    with pytest.raises(AttributeError, match="project.ext"):
        project._cim_review_book = []
    project.ext.db_link = "postgresql://example"
    with pytest.raises(AttributeError):
        project.ext.dblink = "postgresql://example"
    assert Project().ext.db_link is None                    # each project has its own
    assert set(ProjectExtensions.__slots__) >= {"review_book", "roles", "role_ceiling", "check_acceptances",
                                               "layer_info_rows", "file_state", "recovery_info", "autobackup",
                                               "last_backup", "db_link"}


def test_the_state_survives_a_save_and_reopen_through_the_owner_modules(tmp_path):
    from cim.checks.acceptance import acceptances
    from cim.project.store import open_project, save_project
    from cim.review.model import review_book
    from cim.review.roles import role_assignments

    project = Project()
    role_assignments(project)["an"] = "reviewer"
    assert project.ext.roles == {"an": "reviewer"} and review_book(project) is project.ext.review_book
    assert acceptances(project) is project.ext.check_acceptances
    save_project(project, tmp_path / "p.cim.gpkg")
    again = open_project(tmp_path / "p.cim.gpkg")
    assert again.ext.roles.get("an") == "reviewer" and again.ext.file_state is not None
    assert again.ext.recovery_info is None and again.ext.layer_info_rows == {}
