"""Catchment layers arrive as one undo step; tables, charts, the report section and the CLI work end to end."""

from __future__ import annotations

import json

import pytest

from cim.tod.params import TodParams


@pytest.fixture
def result(tiny):
    from cim.tod.study import run_study

    stations, data = tiny
    return run_study(stations, data, TodParams(radii=(400.0, 800.0), bike_radii=(1000.0,)))


def test_catchment_layers_are_added_as_one_undoable_step(tiny_project, result):
    from cim.tod.outputs import add_catchment_layers

    p = tiny_project
    n = len(p.layers)
    recs = add_catchment_layers(p, result)
    assert {r.source["tod"] for r in recs} == {"circle", "walk", "bike"}
    assert all(r.object_kind == "tod_catchment" for r in recs) and len(p.layers) == n + 3
    p.undo_stack.undo()
    assert len(p.layers) == n


def test_tables_write_csv_and_json_without_nan(tmp_path, result):
    import pandas as pd

    from cim.tod.outputs import write_csv, write_json

    write_csv(result, tmp_path / "t.csv")
    assert len(pd.read_csv(tmp_path / "t.csv")) == len(result.indicators)
    write_json(result, tmp_path / "t.json")
    text = (tmp_path / "t.json").read_text(encoding="utf-8")
    assert "NaN" not in text
    data = json.loads(text)
    assert {"indicators", "scorecard", "capacity", "catchments", "messages", "params"} <= set(data)


def test_charts_are_written_as_png_and_svg(tmp_path, result):
    from cim.tod.outputs import chart_indicator, chart_scorecard

    png = chart_indicator(result.indicators, "gfa_m2", tmp_path / "gfa.png")
    svg = chart_scorecard(result.scorecard, tmp_path / "score.svg")
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in svg.read_bytes()[:2000]


def test_the_report_section_is_a_dict_with_an_embeddable_html_fragment_in_both_languages(result):
    from cim.tod.report import report_section

    en = report_section(result)
    vi = report_section(result, lang="vi")
    assert en["html"].startswith('<section class="tod-section"') and "<body" not in en["html"]
    assert "Nhà ga" in vi["html"] and "S1" in en["html"]
    assert en["scores"][0]["max_points"] == 100
    assert any("2900 m" in m for m in en["messages"])


def test_cli_tod_writes_the_tables_and_saves_catchment_and_scenario_layers(tmp_path, tiny_project, capsys):
    from cim.cli import main
    from cim.project.store import open_project, save_project

    path = tmp_path / "tiny.cim.gpkg"
    save_project(tiny_project, path)
    code = main(["-q", "tod", str(path), "--stations", "stations", "--radii", "400,800", "--bike-radii", "none",
                 "--csv", str(tmp_path / "o.csv"), "--json", str(tmp_path / "o.json"),
                 "--scenario", "far*1.5 within 500", "--charts", str(tmp_path / "charts"),
                 "--html", str(tmp_path / "tod.html"), "--save"])
    assert code == 0
    out = capsys.readouterr().out
    assert "S1" in out and "GFA +" in out
    data = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert data["comparison"] and "far*1.5 within 500" in data["scenarios"]
    assert (tmp_path / "charts" / "tod_scenarios_gfa.png").exists()
    names = {r.name for r in open_project(path).layers.values()}
    assert "TOD walksheds / vùng đi bộ" in names and "plots — far*1.5 within 500" in names


def test_cli_tod_explains_a_bad_rule_and_bad_radii(tmp_path, tiny_project, capsys):
    from cim.cli import main
    from cim.project.store import save_project

    path = tmp_path / "tiny.cim.gpkg"
    save_project(tiny_project, path)
    assert main(["tod", str(path), "--scenario", "denser please"]) == 2
    assert "far*1.5 within 500" in capsys.readouterr().err
    assert main(["tod", str(path), "--radii", "400,abc"]) == 2
    assert "400,800,1000" in capsys.readouterr().err
