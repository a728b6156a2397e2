"""``cimstudio layer-info``: show and set a layer's data responsibility; bad values exit 2, nothing saved."""

import json
import shutil

from cim.cli import main
from cim.project.store import open_project
from sample_data.project import DEFAULT_OUT


def test_layer_info_shows_sets_and_refuses_bad_values(tmp_path, capsys):
    proj = tmp_path / "d.cim.gpkg"
    shutil.copyfile(DEFAULT_OUT, proj)
    assert main(["layer-info", str(proj), "roads", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["layer"] == "roads" and rows[0]["update_cycle"] == "annually"
    assert main(["layer-info", str(proj), "roads", "--set", "update_cycle=quarterly",
                 "--set", "contact=Phòng Cảnh sát giao thông"]) == 0
    out = capsys.readouterr().out
    assert "Chu kỳ cập nhật / Update cycle: quarterly" in out
    info = open_project(proj).layer_by_name("roads").info
    assert info["update_cycle"] == "quarterly" and info["contact"] == "Phòng Cảnh sát giao thông"
    before = proj.read_bytes()
    assert main(["layer-info", str(proj), "roads", "--set", "source_date=31/12/2025"]) == 2
    err = capsys.readouterr().err
    assert "is not YYYY-MM-DD" in err and "Traceback" not in err and err.count("\n") == 1
    assert proj.read_bytes() == before
    assert main(["layer-info", str(proj), "no_such_layer"]) == 2
