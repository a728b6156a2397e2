"""Every CLI subcommand run by an account the project lists as reviewer: writes are refused with one
clear message, exit 2 and the project file byte-identical; reads work; comments are the only change.

The account is the operating-system one (``pwd``): setting ``USER``/``LOGNAME`` to the consultant's
name changes nothing."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pyogrio
import pytest

from cim.cli import build_parser, main
from cim.project import LayerRecord, Project
from cim.project.access import current_user
from cim.project.edits import AddLayer
from cim.project.store import save_project
from cim.review.roles import assign_role
from cim.testing import make_plots

REPO = Path(__file__).resolve().parents[3]
CONSULTANT = "tu_van_khong_phai_toi"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def reviewed(tmp_path, monkeypatch):
    """A saved project that gives the account running the tests the reviewer role, and its inputs."""
    p = Project(crs="EPSG:9208")
    p.push(AddLayer(p, LayerRecord("Lô đất", "vector", make_plots(12), crs="EPSG:9208", object_kind="plot")))
    assign_role(p, CONSULTANT, "consultant")
    assign_role(p, current_user(), "reviewer")
    path = save_project(p, tmp_path / "plan.cim.gpkg")
    from cim.backup import backup_project

    backup = backup_project(path)                      # a real backup to try to restore
    src = tmp_path / "lo_moi.gpkg"
    pyogrio.write_dataframe(make_plots(3, seed=4), src, layer="plots")
    monkeypatch.setenv("USER", CONSULTANT)             # impersonation through the environment must not help
    monkeypatch.setenv("LOGNAME", CONSULTANT)
    monkeypatch.setenv("USERNAME", CONSULTANT)
    return {"P": path, "SRC": src, "BACKUP": backup, "TMP": tmp_path}


def _plant_recovery(project_path: Path) -> None:
    """A recovery file with a data change and a role table that makes everybody a consultant."""
    from cim.backup.recovery import write_recovery
    from cim.project.feature_edits import ChangeAttribute

    forged = Project(crs="EPSG:9208")
    forged.push(AddLayer(forged, LayerRecord("Giả", "vector", make_plots(2), crs="EPSG:9208")))
    assign_role(forged, current_user(), "consultant")
    lid = next(iter(forged.layers))
    forged.push(ChangeAttribute(forged, lid, int(forged.layers[lid].data.index[0]), "far", 42.0))
    write_recovery(forged, path=project_path)


WRITES = {
    "new": ["new", "{P}", "--force"],
    "import": ["import", "{P}", "{SRC}"],
    "import-ifc": ["import-ifc", "{P}", str(REPO / "sample_data" / "district" / "none.ifc")],
    "import-cityjson": ["import-cityjson", "{P}", "{TMP}/x.city.json"],
    "merge": ["merge", "{P}"],
    "network build": ["network", "build", "{P}", "--layer", "Lô đất"],
    "network validate --save-layer": ["network", "validate", "{P}", "net", "--save-layer", "loi"],
    "network route --save-layer": ["network", "route", "{P}", "net", "--from", "0,0", "--to", "1,1",
                                   "--save-layer", "tuyen"],
    "network walkshed --save-layer": ["network", "walkshed", "{P}", "net", "--at", "0,0", "--save-layer", "vung"],
    "tod --save": ["tod", "{P}", "--save"],
    "check": ["check", "{P}", "--no-maps"],
    "backup restore": ["backup", "restore", "{P}", "{BACKUP}"],
    "backup recover": ["backup", "recover", "{P}", "--force"],
    "db push": ["db", "push", "{P}", "--db", "postgresql://nobody@127.0.0.1:1/none"],
    "db pull --force": ["db", "pull", "{P}", "--force", "--db", "postgresql://nobody@127.0.0.1:1/none"],
    "db conflicts --resolve": ["db", "conflicts", "{P}", "--resolve", "ALL=mine",
                               "--db", "postgresql://nobody@127.0.0.1:1/none"],
    "layer-info --set": ["layer-info", "{P}", "Lô đất", "--set", "update_cycle=annually"],
    "meta --set": ["meta", "{P}", "--set", "plan_id=QH-GIA"],
    "fix-geometry": ["fix-geometry", "{P}"],
    "consultation import": ["consultation", "import", "{P}", "{TMP}/y_kien.json"],
}
READS = {
    "info": ["info", "{P}"],
    "export-layer": ["export-layer", "{P}", "Lô đất", "{TMP}/out.geojson"],
    "validate": ["validate", "{P}"],
    "check --no-store": ["check", "{P}", "--no-store", "--no-maps", "--rules", "PLN-01"],
    "ids": ["ids", "{P}"],
    "export-cityjson": ["export-cityjson", "{P}", "{TMP}/out.city.json"],
    "comments list": ["comments", "list", "{P}"],
    "comments export-bcf": ["comments", "export-bcf", "{P}", "{TMP}/out.bcf"],
    "backup list": ["backup", "list", "{P}"],
    "backup create": ["backup", "create", "{P}"],
    "backup discard": ["backup", "discard", "{P}"],
    "network validate": ["network", "validate", "{P}", "net"],
    "network route": ["network", "route", "{P}", "net", "--from", "0,0", "--to", "1,1"],
    "network walkshed": ["network", "walkshed", "{P}", "net", "--at", "0,0"],
    "tod": ["tod", "{P}"],
    "package": ["package", "{P}", "-o", "{TMP}/p.cimpkg", "--no-checks", "--no-cityjson", "--no-tod",
                "--no-reports", "--key-dir", "{TMP}/keys"],
    "verify": ["verify", "{TMP}/none.cimpkg"],
    "georef": ["georef", "{TMP}/none.ifc"],
    "layer-info": ["layer-info", "{P}"],
    "meta": ["meta", "{P}"],
    "fix-geometry --dry-run": ["fix-geometry", "{P}", "--dry-run"],
    "consultation export": ["consultation", "export", "{P}", "-o", "{TMP}/tham_van.html"],
    "consultation summary": ["consultation", "summary", "{P}"],
    "diff-plan": ["diff-plan", "{P}", "{P}", "--json", "{TMP}/diff.json"],
    "print": ["print", "{P}", "-o", "{TMP}/ban_ve.png", "--format", "png", "--dpi", "30"],
    "progress-report": ["progress-report", "{P}", "--period", "2026-Q4", "--json", "{TMP}/tien_do.json"],
    "trust list": ["trust", "list"],
    "trust add": ["trust", "add", "{TMP}/none.pem"],
    "trust remove": ["trust", "remove", "0000"],
    "keys show": ["keys", "show", "--key-dir", "{TMP}/keys"],
    "keys create": ["keys", "create", "--key-dir", "{TMP}/keys", "--passphrase-env", "KHONG_CO"],
    "db init": ["db", "init", "--db", "postgresql://nobody@127.0.0.1:1/none"],
    "db status": ["db", "status", "{P}", "--db", "postgresql://nobody@127.0.0.1:1/none"],
    "db role": ["db", "role", "ai_do", "consultant", "--db", "postgresql://nobody@127.0.0.1:1/none"],  # PostgreSQL's own grants
    "db log": ["db", "log", "--db", "postgresql://nobody@127.0.0.1:1/none"],
    "db diff": ["db", "diff", "1", "2", "--db", "postgresql://nobody@127.0.0.1:1/none"],
    "db conflicts": ["db", "conflicts", "{P}", "--db", "postgresql://nobody@127.0.0.1:1/none"],
    "opinion draft": ["opinion", "draft", "{TMP}/none.cimpkg", "-o", "{TMP}/op.json"],
    "opinion decide": ["opinion", "decide", "{TMP}/op.json", "GEO-01", "accept", "--reason", "x"],
    "opinion export": ["opinion", "export", "{TMP}/op.json", "--docx", "{TMP}/op.docx"],
    "opinion verify": ["opinion", "verify", "{TMP}/op.docx"],
}
COMMENTS = {
    "comments add": ["comments", "add", "{P}", "--title", "Lô 3 thiếu chỉ tiêu"],
    "comments import-bcf": ["comments", "import-bcf", "{P}", "{TMP}/in.bcf"],
}


def _argv(template, ctx):
    return [a.format(**ctx) for a in template]


def _subcommands() -> set[str]:
    import argparse

    names = set()
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                nested = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
                names |= {f"{name} {n}" for n in nested[0].choices} if nested else {name}
    return names


def test_every_subcommand_is_covered_by_the_reviewer_tests():
    covered = {k.split(" --")[0] for k in (*WRITES, *READS, *COMMENTS)}
    covered |= {"comments reply", "comments resolve", "comments wontfix", "comments reopen"}
    assert _subcommands() <= covered, sorted(_subcommands() - covered)


@pytest.mark.parametrize("name", sorted(WRITES))
def test_a_reviewer_cannot_write_through_any_subcommand(reviewed, name, capsys):
    if name == "backup recover":
        _plant_recovery(reviewed["P"])
    before = _digest(reviewed["P"])
    code = main(["-q"] + _argv(WRITES[name], {k: str(v) for k, v in reviewed.items()}))
    err = capsys.readouterr().err
    assert code == 2, err
    assert "role 'reviewer'" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert _digest(reviewed["P"]) == before


@pytest.mark.parametrize("name", sorted(READS))
def test_a_reviewer_may_read_and_the_project_stays_byte_identical(reviewed, name, capsys):
    before = _digest(reviewed["P"])
    code = main(["-q"] + _argv(READS[name], {k: str(v) for k, v in reviewed.items()}))
    err = capsys.readouterr().err
    assert "role 'reviewer'" not in err and "Traceback" not in err, err
    assert code in (0, 1, 2)        # 2: a missing network, IFC or package named in the arguments
    assert _digest(reviewed["P"]) == before


def test_a_reviewer_comments_and_only_the_comment_tables_change(reviewed, capsys):
    import sqlite3

    from cim.project.store import open_project
    from cim.review import review_book
    from cim.review.bcf_export import export_bcf
    from cim.review.commands import add_comment

    P = reviewed["P"]
    dump_before = _dump_except_comments(P)
    assert main(_argv(COMMENTS["comments add"], {k: str(v) for k, v in reviewed.items()})) == 0
    tid = capsys.readouterr().out.strip()
    assert main(["comments", "reply", str(P), tid, "Đề nghị bổ sung"]) == 0
    assert main(["comments", "resolve", str(P), tid]) == 0
    other = Project(crs="EPSG:9208")
    add_comment(other, title="Từ phần mềm BIM")
    export_bcf(other, reviewed["TMP"] / "in.bcf")
    assert main(_argv(COMMENTS["comments import-bcf"], {k: str(v) for k, v in reviewed.items()})) == 0
    opened = open_project(P)
    assert opened.role == "reviewer" and len(review_book(opened)) == 2
    assert review_book(opened).get(tid).status == "resolved"
    assert _dump_except_comments(P) == dump_before
    conn = sqlite3.connect(P)
    assert dict(conn.execute("SELECT user, role FROM cim_roles")) == {CONSULTANT: "consultant",
                                                                     current_user(): "reviewer"}
    conn.close()


def _dump_except_comments(path: Path) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        out = []
        for t in tables:
            if t in ("cim_comments", "cim_comment_snapshots", "cim_changelog", "gpkg_contents"):
                continue
            out += [f"{t}:{row!r}" for row in conn.execute(f'SELECT * FROM "{t}"')]
        return out
    finally:
        conn.close()


def test_setting_user_in_the_environment_does_not_impersonate_the_consultant(reviewed):
    P = reviewed["P"]
    before = _digest(P)
    env = {**os.environ, "PYTHONPATH": str(REPO), "USER": CONSULTANT, "LOGNAME": CONSULTANT}
    r = subprocess.run([sys.executable, "-m", "cim.cli", "-q", "import", str(P), str(reviewed["SRC"])],
                       env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "role 'reviewer'" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert _digest(P) == before
