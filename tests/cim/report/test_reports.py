"""The reports of the sample district: HTML that renders offline in headless Chromium, a PDF whose
text holds the Vietnamese rule titles with their diacritics, JSON, BCF."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reports(sample_project, registry, pack, tmp_path_factory):
    from cim.checks.runner import run_checks
    from cim.report.api import write_reports

    run = run_checks(sample_project, registry.checks_for(pack), pack=pack)
    out = tmp_path_factory.mktemp("reports")
    paths = write_reports(run, sample_project, pack=pack, html=out / "r.html", pdf=out / "r.pdf",
                          json=out / "r.json", bcf=out / "r.bcf")
    return run, paths


def test_the_html_report_is_self_contained(reports):
    run, paths = reports
    html = paths["html"].read_text(encoding="utf-8")
    assert "Hệ tọa độ quốc gia VN-2000" in html and "Kết luận" in html
    assert "data:image/png;base64," in html and "<svg" in html
    for external in ('src="http', "href=\"http", "<link ", "<script src", "@import"):
        assert external not in html


def test_the_pdf_text_holds_the_vietnamese_rule_titles_with_diacritics(reports, pack):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed (Debian package poppler-utils)")
    _, paths = reports
    text = subprocess.run(["pdftotext", "-layout", str(paths["pdf"]), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    for rid in ("CRS-01", "GEO-01", "SEC-01", "PLN-02", "MAT-01"):
        assert pack.rule(rid).title.vi in flat, rid
    fonts = subprocess.run(["pdffonts", str(paths["pdf"])], capture_output=True, text=True).stdout
    assert "DejaVu" in fonts and " yes " in fonts     # embedded


def test_the_html_renders_in_headless_chromium(reports, tmp_path):
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not exe:
        pytest.skip("no headless Chromium (Debian package chromium)")
    _, paths = reports
    shot = tmp_path / "shot.png"
    subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--window-size=1200,1600", f"--screenshot={shot}", paths["html"].as_uri()],
                   capture_output=True, timeout=120)
    from PIL import Image

    im = Image.open(shot).convert("RGB")
    assert im.size == (1200, 1600)
    assert len(im.resize((60, 80)).getcolors(maxcolors=10_000) or []) > 20       # not a blank page


def test_the_json_report_carries_the_digest_and_the_integration_levels(reports):
    run, paths = reports
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert data["digest"] == run.digest() and data["pack_id"] == "decree269"
    assert data["extra"]["integration"]["systems"]["smart_waste"]["score"] == 0
    assert {r["rule"] for r in data["results"]} >= {"CRS-01", "SMT-WASTE", "TOD-01"}


def test_the_bcf_export_has_one_topic_per_error_or_warning(reports):
    run, paths = reports
    with zipfile.ZipFile(paths["bcf"]) as z:
        names = z.namelist()
        assert "bcf.version" in names
        topics = [n for n in names if n.endswith("markup.bcf")]
        assert len(topics) == len(run.issues("E")) + len(run.issues("W"))
        markup = z.read(topics[0]).decode("utf-8")
        assert "<Topic Guid=" in markup and "<Title>" in markup


def test_the_html_and_pdf_reports_carry_the_tod_section_of_the_run(reports):
    from cim.tod.report import TEXT

    run, paths = reports
    html = paths["html"].read_text(encoding="utf-8")
    assert 'class="tod-section"' in html and TEXT["title"]["vi"] in html and "Ga Việt Trì Tây" in html
    assert html.index('class="tod-section"') < html.index("3. Khả năng tái lập")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(paths["pdf"]), "-"], capture_output=True, text=True).stdout
        flat = " ".join(text.split())
        assert "(TOD)" in flat and TEXT["capacity"]["vi"] in flat


def test_the_json_report_holds_the_tod_study_data(reports):
    _, paths = reports
    tod = json.loads(paths["json"].read_text(encoding="utf-8"))["tod"]
    assert {r["station_id"] for r in tod["summary"]} == {"STN-000001"}
    assert tod["capacity"] and "html" not in tod and tod["title_vi"].startswith("Khu vực")


def test_a_run_without_tod_results_has_no_tod_section(sample_project, registry, pack):
    from cim.checks.runner import run_checks
    from cim.report.build import build_report
    from cim.report.json_report import report_dict

    run = run_checks(sample_project, registry.checks_for(pack, only=["META-01"]), pack=pack)
    assert build_report(run, sample_project, pack=pack, maps=False)["tod"] is None
    assert "tod" not in report_dict(run, sample_project)


def test_a_run_that_lost_its_study_gets_the_same_tod_section_from_a_fresh_study(reports, sample_project):
    from cim.report.tod import tod_sections

    run, _ = reports
    kept = tod_sections(run, sample_project)
    saved = dict(run.artifacts)
    run.artifacts.clear()                      # as a run read back from the project file
    try:
        fresh = tod_sections(run, sample_project)
    finally:
        run.artifacts.update(saved)
    assert fresh["en"]["summary"] == kept["en"]["summary"] and fresh["vi"]["html"] == kept["vi"]["html"]
