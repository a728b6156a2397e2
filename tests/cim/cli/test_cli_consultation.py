"""``cimstudio consultation``: export the map, import a comments file (saved), summary; bad file exits 2."""

import json
import shutil

from cim.cli import main
from sample_data.project import DEFAULT_OUT


def test_export_import_summary_through_the_cli(tmp_path, capsys):
    proj = tmp_path / "d.cim.gpkg"
    shutil.copyfile(DEFAULT_OUT, proj)
    assert main(["consultation", "export", str(proj), "-o", str(tmp_path / "m.html")]) == 0
    assert "L.version" in (tmp_path / "m.html").read_text(encoding="utf-8")
    c = tmp_path / "c.json"
    c.write_text(json.dumps({"format": "cimstudio-consultation-comments", "version": 1, "plan_id": "QH-PT-2026-0001",
                             "comments": [{"id": "x1", "topic": "housing", "text": "Nhà tôi CMND 123456789",
                                           "lon": 105.381, "lat": 21.331, "consent": True}]}), encoding="utf-8")
    assert main(["consultation", "import", str(proj), str(c)]) == 0
    assert "1 góp ý / comment(s) imported" in capsys.readouterr().out
    assert main(["consultation", "summary", str(proj), "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["comments"] == 1 and s["by_topic"]["housing"]["count"] == 1
    assert main(["comments", "list", str(proj), "--json"]) == 0
    assert "123456789" not in capsys.readouterr().out
    c.write_text("{", encoding="utf-8")
    assert main(["consultation", "import", str(proj), str(c)]) == 2
    err = capsys.readouterr().err
    assert "not a JSON file" in err and "Traceback" not in err
