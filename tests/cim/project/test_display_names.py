"""Layer display names: what the user reads, stored in the project file, undoable, while the table name
that the CLI and the rules use stays as it was."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from cim.project.display_names import default_display_name, layer_label
from cim.project.edits import SetLayerDisplayName
from cim.project.store import open_project, save_project

SAMPLE = Path(__file__).resolve().parents[3] / "sample_data" / "district.cim.gpkg"


@pytest.fixture
def old_copy(tmp_path):
    dst = tmp_path / "district.cim.gpkg"
    shutil.copyfile(SAMPLE, dst)
    return dst


def test_standard_tables_read_in_vietnamese_and_english():
    assert default_display_name("net_water_nodes") == "Nút mạng cấp nước"
    assert default_display_name("plots") == "Lô đất"
    assert default_display_name("plots", lang="en") == "Plots"
    assert default_display_name("my_own_table") == ""


def test_a_project_without_display_names_shows_the_standard_ones(old_copy):
    p = open_project(old_copy)
    plots = p.find_layer("plots")
    assert plots.display_name == "" and plots.label == "Lô đất"
    assert layer_label(p.find_layer("net_water_nodes"), "en") == "Water supply nodes"


def test_display_name_is_undoable_saved_and_keeps_the_table_name(old_copy, tmp_path):
    p = open_project(old_copy)
    plots = p.find_layer("plots")
    p.push(SetLayerDisplayName(p, plots.id, "  Lô đất quy hoạch 1/500 "))
    assert plots.label == "Lô đất quy hoạch 1/500" and plots.name == "plots"
    p.undo_stack.undo()
    assert plots.display_name == "" and plots.label == "Lô đất"
    p.undo_stack.redo()
    # saved into a file written before display names existed (the column is added), and read back
    save_project(p, old_copy)
    again = open_project(old_copy)
    assert again.find_layer("plots").label == "Lô đất quy hoạch 1/500"
    assert again.find_layer("plots").id == plots.id
    with sqlite3.connect(old_copy) as conn:
        table, shown = conn.execute("SELECT table_name, display_name FROM cim_layers WHERE name = 'plots'").fetchone()
    assert (table, shown) == ("plots", "Lô đất quy hoạch 1/500")
    # a fresh file too
    fresh = save_project(again, tmp_path / "fresh.cim.gpkg")
    assert open_project(fresh).find_layer("plots").label == "Lô đất quy hoạch 1/500"
    # an empty display name goes back to the standard name
    again.push(SetLayerDisplayName(again, again.find_layer("plots").id, ""))
    assert again.find_layer("plots").label == "Lô đất"


def test_rules_and_cli_still_find_the_layer_by_its_table_name(old_copy, tmp_path):
    import subprocess
    import sys

    p = open_project(old_copy)
    p.push(SetLayerDisplayName(p, p.find_layer("plots").id, "Lô đất"))
    save_project(p, old_copy)
    out = subprocess.run([sys.executable, "-m", "cim.cli", "info", str(old_copy)], capture_output=True, text=True,
                         timeout=120, cwd=Path(__file__).resolve().parents[3])
    assert out.returncode == 0, out.stderr
    assert "plots" in out.stdout
