"""Inputs that printed tracebacks now give one clear message naming the file (exit 2)."""

from __future__ import annotations

import zipfile

import pytest

from cim.cli import main
from cim.errors import CimInputError
from cim.project.metadata import parse_scale


@pytest.mark.parametrize("value", ["abc", "1:abc", "-5", "0", "2.5", "1e999"])
def test_new_with_a_scale_that_is_not_a_number_is_one_clear_error(tmp_path, capsys, value):
    proj = tmp_path / "p.cim.gpkg"
    assert main(["-q", "new", str(proj), "--meta", f"scale={value}"]) == 2
    err = capsys.readouterr().err
    assert "p.cim.gpkg" in err and "scale" in err and len(err.strip().splitlines()) == 1
    assert not proj.exists()


@pytest.mark.parametrize(("text", "want"), [("2000", 2000), ("1:2000", 2000), ("1/2 000", 2000), ("1.000", 1000),
                                            (500, 500), (None, None)])
def test_plan_scales_people_write_are_read(text, want):
    assert parse_scale(text) == want


def test_a_bcf_viewpoint_scale_that_is_not_a_number_names_the_file_and_topic(tmp_path):
    from cim.project import Project
    from cim.review import Viewpoint
    from cim.review.bcf_export import export_bcf
    from cim.review.bcf_import import read_bcf
    from cim.review.commands import add_comment

    p = Project()
    add_comment(p, title="Góc nhìn", viewpoint=Viewpoint("camera", position=(1.0, 2.0, 3.0), direction=(1.0, 0.0, 0.0),
                                                       up=(0.0, 0.0, 1.0), scale=20.0))
    good = export_bcf(p, tmp_path / "good.bcf")
    bad = tmp_path / "bad.bcf"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith(".bcfv"):
                assert b"<ViewToWorldScale>" in data
                data = data.replace(b"<ViewToWorldScale>20", b"<ViewToWorldScale>abc")
            zout.writestr(info, data)
    with pytest.raises(CimInputError) as err:
        read_bcf(bad)
    assert "bad.bcf" in str(err.value) and "markup.bcf" in str(err.value)


def test_a_damaged_prj_is_one_clear_error(shared_data, tmp_path):
    import shutil

    from cim.io.vector import read_vector

    case = shared_data / "hostile-inputs" / "shp-00167-traceback"
    for f in case.iterdir():
        shutil.copyfile(f, tmp_path / f.name)
    with pytest.raises(CimInputError, match=r"\.prj"):
        read_vector(tmp_path / "in.shp")
