"""Public consultation, end to end: the offline HTML map of the sample opened in headless Chromium (no
network), a comment typed at a location, an ID-card number refused, the comments downloaded as JSON,
imported into the review comments under a citizen role, summarised by topic and area."""

import asyncio
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from cim.consultation.comments import import_comments, strip_id_numbers, summarise
from cim.consultation.html_map import export_consultation_map
from cim.errors import CimInputError, PermissionDenied
from cim.project.store import open_project
from sample_data.project import DEFAULT_OUT

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "d.cim.gpkg"
    shutil.copyfile(DEFAULT_OUT, path)
    return open_project(path)


def test_the_page_is_self_contained_with_leaflet_and_wgs84_layers(project, tmp_path):
    html = export_consultation_map(project, tmp_path / "map.html").read_text(encoding="utf-8")
    assert "Leaflet 1.9.4" in html and "Nghị định 13/2023/NĐ-CP" in html
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=|url\(\s*['\"]?https?:", html), "nothing may load from the network"
    data = json.loads(re.search(r"const DATA = (\{.*?\});\n", html, re.S).group(1).replace("<\\/", "</"))
    plots = next(layer for layer in data["layers"] if layer["label"].startswith("Lô đất"))
    assert len(plots["geojson"]["features"]) == 338
    lon, lat = plots["geojson"]["features"][0]["geometry"]["coordinates"][0][0]
    assert 105.3 < lon < 105.5 and 21.2 < lat < 21.4            # the sample is near Việt Trì (WGS 84)
    props = {k for f in plots["geojson"]["features"] for k in f["properties"]}
    assert props == {"Ký hiệu lô", "Chức năng sử dụng đất", "Hệ số sử dụng đất", "Mật độ xây dựng (%)",
                     "Chiều cao tối đa (m)", "Số tầng tối đa"}          # what a citizen reads, in Vietnamese
    assert "Đất ở" in {f["properties"]["Chức năng sử dụng đất"] for f in plots["geojson"]["features"]}


def test_the_wgs84_coordinates_come_from_the_pinned_vn2000_transform(project, tmp_path):
    from cim.crs.transform import to_wgs84

    html = export_consultation_map(project, tmp_path / "map.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r"const DATA = (\{.*?\});\n", html, re.S).group(1).replace("<\\/", "</"))
    st = next(layer for layer in data["layers"] if layer["label"] == "Nhà ga")["geojson"]["features"][0]["geometry"]
    p = project.layer_by_name("stations").data.geometry.iloc[0]
    lon, lat = to_wgs84(p.x, p.y, project.crs)
    assert st["coordinates"] == pytest.approx([lon, lat], abs=2e-6)


@pytest.mark.parametrize("text, n", [("CCCD 001203004567 của tôi", 1), ("CMND 123 456 789", 1),
                                     ("số 0012 0300 4567", 1), ("lô OM-54, 12 tầng, 2026", 0)])
def test_id_card_numbers_are_stripped(text, n):
    out, k = strip_id_numbers(text)
    assert k == n and (n == 0 or "[đã xóa số định danh]" in out)


def _comments_file(tmp_path, plan_id, comments):
    p = tmp_path / "c.json"
    p.write_text(json.dumps({"format": "cimstudio-consultation-comments", "version": 1, "plan_id": plan_id,
                             "comments": comments}, ensure_ascii=False), encoding="utf-8")
    return p


def test_import_refuses_other_plans_skips_no_consent_and_duplicates_and_strips_ids(project, tmp_path):
    from cim.review import review_book

    base = {"topic": "traffic", "lon": 105.38, "lat": 21.33, "consent": True, "created": "2026-03-01T08:00:00Z"}
    with pytest.raises(CimInputError, match="not 'QH-PT-2026-0001'"):
        import_comments(project, _comments_file(tmp_path, "QH-KHAC", [dict(base, id="a1", text="x")]))
    f = _comments_file(tmp_path, "QH-PT-2026-0001", [
        dict(base, id="a1", text="Cần vạch qua đường. CCCD 001203004567", name="Lê Văn Cường"),
        dict(base, id="a2", text="không đồng ý", consent=False), dict(base, id="a1", text="lặp")])
    res = import_comments(project, f)
    assert (len(res.threads), res.skipped_no_consent, res.skipped_duplicate, res.redacted) == (1, 1, 1, 1)
    t = res.threads[0]
    assert "001203004567" not in json.dumps(t.to_dict(), ensure_ascii=False)
    assert t.author == "citizen:Lê Văn Cường" and t.anchor.kind == "location" and 500000 < t.anchor.x < 600000
    assert len(import_comments(project, f).threads) == 0          # importing again adds nothing
    project.undo_stack.undo()
    project.undo_stack.undo()
    assert not [x for x in review_book(project).threads.values() if "citizen" in x.labels]


def test_a_citizen_role_can_do_nothing(project):
    from cim.project.edits import SetMetadata
    from cim.review.commands import add_comment

    project.role = "citizen"
    with pytest.raises(PermissionDenied):
        add_comment(project, title="x")
    with pytest.raises(PermissionDenied):
        project.push(SetMetadata(project, "name", "x"))


async def _drive(page_url: str, downloads: Path, shot: Path | None):
    from tests.cim.consultation.cdp import Chromium

    b = Chromium(downloads)
    await b.start()
    try:
        await b.call("Network.enable")
        await b.navigate(page_url)
        assert await b.eval("typeof L === 'object' && L.version") == "1.9.4"
        n = await b.eval("Object.keys(DATA.layers).length")
        assert n == 5
        # click on the plot OM-54 (its centroid in WGS 84, found in the page's own data)
        x, y = await b.eval("""(() => { const f = DATA.layers[1].geojson.features.find(f => f.properties['Ký hiệu lô'] === 'OM-54');
            const ring = f.geometry.coordinates[0]; let lon = 0, lat = 0; for (const c of ring) { lon += c[0]; lat += c[1]; }
            const p = map.latLngToContainerPoint([lat / ring.length, lon / ring.length]);
            const r = document.getElementById('map').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; })()""")
        await b.click(x, y)
        assert (await b.eval("document.getElementById('where').textContent")).startswith("Vị trí")
        await b.eval("document.getElementById('topic').value = 'green'")
        await b.type_into("#text", "Đề nghị giữ cây xanh ở lô này. Số CCCD của tôi 001203004567")
        await b.click_element("#consent")
        await b.click_element("#add")
        assert "CCCD" in await b.eval("document.getElementById('msg').textContent")
        assert await b.eval("document.getElementById('count').textContent") == "0"
        await b.eval("document.getElementById('text').value = ''")
        await b.type_into("#text", "Đề nghị giữ cây xanh và bố trí sân chơi cho trẻ em ở lô này.")
        await b.type_into("#name", "Nguyễn Thị Hoa")
        await b.click_element("#add")
        assert await b.eval("document.getElementById('count').textContent") == "1"
        await b.eval("pickLocation(21.3300, 105.3800); document.getElementById('topic').value = 'traffic'")
        await b.type_into("#text", "Nút giao gần ga cần đèn tín hiệu và vạch qua đường.")
        await b.click_element("#add")
        if shot is not None:
            await b.screenshot(shot)
        urls = [e["params"]["request"]["url"] for e in b.events if e.get("method") == "Network.requestWillBeSent"]
        assert not [u for u in urls if u.startswith(("http:", "https:"))], urls
        await b.click_element("#export")
        for _ in range(200):
            files = list(downloads.glob("*.json"))
            if files:
                return files[0]
            await asyncio.sleep(0.05)
        raise AssertionError("no download")
    finally:
        await b.close()


@pytest.mark.slow
def test_a_citizen_comments_in_headless_chromium_and_the_consultant_imports_them(project, tmp_path):
    page = export_consultation_map(project, tmp_path / "map.html")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    shot = tmp_path / "consultation_map.png"
    got = asyncio.run(asyncio.wait_for(_drive(page.as_uri(), downloads, shot), 120))
    if os.environ.get("CIM_UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(shot, REPO / "docs" / "screenshots" / "consultation_map.png")
    assert got.name == "gop_y_QH-PT-2026-0001.json"
    data = json.loads(got.read_text(encoding="utf-8"))
    assert len(data["comments"]) == 2 and all(c["consent"] is True for c in data["comments"])
    assert "001203004567" not in got.read_text(encoding="utf-8")
    res = import_comments(project, got)
    assert len(res.threads) == 2
    green = next(t for t in res.threads if "topic:green" in t.labels)
    plots = project.layer_by_name("plots").data
    import shapely

    om54 = plots[plots["code"] == "OM-54"].geometry.iloc[0]
    assert om54.contains(shapely.Point(green.anchor.x, green.anchor.y))   # the click landed on the plot clicked
    from cim.review.roles import role_assignments

    assert role_assignments(project)["citizen:Nguyễn Thị Hoa"] == "citizen"
    s = summarise(project)
    assert s["comments"] == 2 and s["by_topic"]["green"]["count"] == 1 and s["by_topic"]["traffic"]["count"] == 1
    assert sum(s["by_area"].values()) == 2 and "residential" in s["by_area"] or len(s["by_area"]) >= 1
    from cim.project.store import save_project

    save_project(project)
    again = open_project(project.path)
    from cim.review import review_book

    assert len([t for t in review_book(again).threads.values() if "citizen" in t.labels]) == 2
