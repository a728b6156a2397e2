"""Printed map sheets read back the way a recipient would: pdfinfo, pdftotext, pdffonts, PNG pixels."""

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cim.errors import CimInputError
from cim.mapsheet.layout import MM_PER_INCH, grid_interval
from cim.project.store import open_project
from layers.sheet.api import print_sheet
from layers.sheet.spec import sheet_spec

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "sample_data" / "district.cim.gpkg"


def _tool(name):
    exe = shutil.which(name)
    assert exe, f"{name} (poppler-utils) is needed to read the sheet back"
    return exe


def _run(*cmd) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    dst = tmp_path_factory.mktemp("sheet") / "district.cim.gpkg"
    shutil.copyfile(SAMPLE, dst)
    return open_project(dst)


@pytest.fixture(scope="module")
def a3_pdf(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "sheet.pdf"
    result = print_sheet(project, out, paper="A3", scale=5000, dpi=150, date="06/12/2026")
    return out, result


def test_a3_pdf_is_420_by_297_mm_with_the_title_block_in_vietnamese(a3_pdf):
    out, result = a3_pdf
    info = _run(_tool("pdfinfo"), str(out))
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    w_pt, h_pt = (float(v) for v in size.split(":")[1].split("pts")[0].split("x"))
    assert (w_pt / 72 * 25.4, h_pt / 72 * 25.4) == pytest.approx((420, 297), abs=0.1)
    text = " ".join(_run(_tool("pdftotext"), "-layout", str(out), "-").split())
    for expected in ("Quy hoạch phân khu khu vực ga Việt Trì Tây", "Mã quy hoạch", "QH-PT-2026-0001",
                     "Tỉnh/thành phố", "Phú Thọ", "Xã/phường", "phường Thụy Vân", "Đơn vị tư vấn",
                     "Ngày in", "06/12/2026", "Quyết định phê duyệt", "0000/QĐ-UBND ngày 15/01/2026", "Tỷ lệ 1:5.000", "CHÚ GIẢI", "Đất cây xanh", "Hệ tọa độ",
                     "VN-2000 / TM-3 104-45 (EPSG:9208)", "Lưới tọa độ VN-2000, khoảng cách 200 m"):
        assert expected in text, expected
    assert result.scale == 5000


def test_grid_labels_are_the_vn2000_coordinates_of_the_map_frame(a3_pdf):
    out, result = a3_pdf
    text = _run(_tool("pdftotext"), "-layout", str(out), "-")
    minx, miny, maxx, maxy = result.extent
    step = grid_interval(5000)
    xs = [int(v) for v in np.arange(np.floor(minx / step) + 1, np.ceil(maxx / step)) * step]
    ys = [int(v) for v in np.arange(np.floor(miny / step) + 1, np.ceil(maxy / step)) * step]
    assert len(xs) >= 5 and len(ys) >= 5
    for v in xs + ys:
        assert f"{v:,}".replace(",", " ") in text
    assert f"{int(xs[0] - step):,}".replace(",", " ") not in text     # outside the frame: no line, no label


def test_every_font_of_the_sheet_is_embedded(a3_pdf):
    out, _ = a3_pdf
    rows = _run(_tool("pdffonts"), str(out)).splitlines()[2:]
    assert rows, "the sheet has text"
    for row in rows:
        assert row.split()[-5] == "yes", row       # emb column
    assert any("DejaVuSans" in r for r in rows)


def test_a1_portrait_pdf_page_size(project, tmp_path):
    out = tmp_path / "a1.pdf"
    print_sheet(project, out, paper="A1", orientation="portrait", scale=2000, dpi=60)
    info = _run(_tool("pdfinfo"), str(out))
    assert "1683.78 x 2383.94 pts (A1)" in info


@pytest.mark.parametrize("paper, orientation, dpi", [("A3", "landscape", 120), ("A1", "portrait", 40),
                                                     ("A1", "landscape", 36)])
def test_png_size_is_the_paper_size_times_the_dpi(project, tmp_path, paper, orientation, dpi):
    from PIL import Image

    from cim.mapsheet.layout import paper_size

    out = tmp_path / "sheet.png"
    result = print_sheet(project, out, paper=paper, orientation=orientation, scale=10000, dpi=dpi)
    w_mm, h_mm = paper_size(paper, orientation)
    with Image.open(out) as im:
        assert im.size == (round(w_mm / MM_PER_INCH * dpi), round(h_mm / MM_PER_INCH * dpi))
        assert im.info["dpi"][0] == pytest.approx(dpi, abs=0.05)
    assert result.pixels == im.size


def test_on_paper_the_grid_lines_are_as_far_apart_as_the_scale_says(project, tmp_path):
    """Measure the grid ticks below the map frame in the PNG: at 1:2 000, 100 m of ground is 50 mm of paper."""
    from PIL import Image

    dpi = 150
    out = tmp_path / "s.png"
    result = print_sheet(project, out, paper="A3", scale=2000, dpi=dpi)
    f = result.layout.map_frame
    px = np.asarray(Image.open(out).convert("L"), dtype=np.int16)
    row = round((result.layout.height_mm - (f.y - 1.0)) / MM_PER_INCH * dpi)   # 1 mm below the frame
    cols = np.flatnonzero(px[row] < 100)
    cols = cols[(cols > f.x / MM_PER_INCH * dpi) & (cols < f.x1 / MM_PER_INCH * dpi)]
    groups = np.split(cols, np.flatnonzero(np.diff(cols) > 2) + 1)
    centres = np.array([g.mean() for g in groups if len(g)])
    assert len(centres) >= 4
    spacing_mm = np.diff(centres).mean() / dpi * MM_PER_INCH
    assert spacing_mm == pytest.approx(grid_interval(2000) / 2000 * 1000, rel=0.01)


def test_an_english_sheet_and_a_plan_without_metadata_say_what_is_missing(tmp_path):
    from cim.project import Project

    out = tmp_path / "empty.pdf"
    print_sheet(Project(crs="EPSG:9208"), out, scale=2000, dpi=72, language="en")
    text = subprocess.run([_tool("pdftotext"), str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "(plan not named)" in text and "Scale 1:2,000" in text and "Consultant" in text and "—" in text


@pytest.mark.parametrize("kwargs, message", [
    ({"scale": "abc"}, "not a number"), ({"scale": "0"}, "out of range"), ({"dpi": 5}, "out of range"),
    ({"paper": "B5"}, "unknown paper"), ({"fmt": "tif"}, "cannot print"), ({"orientation": "up"}, "orientation"),
    ({"paper": "A0", "dpi": 1200, "fmt": "png"}, "too large")])
def test_bad_sheet_options_are_refused_with_one_clear_reason(kwargs, message, tmp_path):
    with pytest.raises(CimInputError, match=message):
        sheet_spec(tmp_path / "x.pdf", **kwargs)
    assert not (tmp_path / "x.pdf").exists()


def test_scales_are_read_the_ways_planners_write_them():
    assert sheet_spec("a.pdf", scale="1:5.000").scale == 5000
    assert sheet_spec("a.pdf", scale="10 000").scale == 10000
    assert sheet_spec("a.png").fmt == "png"


def _cli(*args, cwd):
    import os

    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=240)


def test_cli_prints_a_sheet_and_refuses_a_bad_scale_in_one_line(tmp_path):
    shutil.copyfile(SAMPLE, tmp_path / "d.cim.gpkg")
    ok = _cli("app.launcher", "-q", "print", "d.cim.gpkg", "--format", "png", "--paper", "A3", "--scale", "5000",
              "--dpi", "60", "-o", "sheet.png", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "wrote sheet.png (A3 landscape, 1:5 000, 992×702 px)" in ok.stdout
    bad = _cli("app.launcher", "-q", "print", "d.cim.gpkg", "--scale", "năm nghìn", "-o", "bad.pdf", cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0 and "Traceback" not in bad.stderr
    assert "not a number" in bad.stderr and not (tmp_path / "bad.pdf").exists()
    core = _cli("cim.cli", "print", "d.cim.gpkg", "-o", "core.pdf", cwd=tmp_path)
    assert core.returncode == 2 and "no map renderer" in core.stderr


def test_the_printed_scale_bar_is_as_long_as_its_label_says_at_the_sheet_scale(project, tmp_path):
    """At 1:5 000 the bar labelled 200 m is 40 mm long on paper: measured on the PNG within 1 %."""
    from PIL import Image

    dpi = 200
    out = tmp_path / "bar.png"
    result = print_sheet(project, out, paper="A3", scale=5000, dpi=dpi)
    r, u = result.layout.scale, result.layout.unit
    px = np.asarray(Image.open(out).convert("L"), dtype=np.int16)
    mid_mm = r.y + r.h * 0.5 + 1.1 * u                       # the middle of the bar's height
    row = round((result.layout.height_mm - mid_mm) / MM_PER_INCH * dpi)
    x0, x1 = round(r.x / MM_PER_INCH * dpi), round(r.x1 / MM_PER_INCH * dpi)
    dark = np.flatnonzero(px[row, x0:x1] < 100)
    length_mm = (dark[-1] - dark[0] + 1) / dpi * MM_PER_INCH
    assert length_mm == pytest.approx(200 / 5000 * 1000, rel=0.01)
    pdf = tmp_path / "bar.pdf"
    print_sheet(project, pdf, paper="A3", scale=5000, dpi=72)
    assert "200 m" in _run(_tool("pdftotext"), str(pdf), "-")
