"""A project file whose cim_* tables were damaged (text that is not JSON, wrong types, bad bytes, a
layer table that GDAL cannot read) is refused with one ProjectFileError naming the file."""

from __future__ import annotations

import sqlite3

import pytest

from cim.errors import ProjectFileError
from cim.project.store import open_project, save_project

DAMAGE = {
    "tree not JSON": "UPDATE cim_layer_tree SET tree = 'không phải JSON'",
    "tree of the wrong type": "UPDATE cim_layer_tree SET tree = '5'",
    "tree bytes": "UPDATE cim_layer_tree SET tree = CAST(X'FFFE00' AS TEXT)",
    "layer style not JSON": "UPDATE cim_layers SET style = '{'",
    "layer source not JSON": "UPDATE cim_layers SET source = '[1'",
    "metadata bytes": "UPDATE cim_metadata SET value = CAST(X'90FF' AS TEXT)",
    "schema version": "UPDATE cim_project SET value = 'Inf' WHERE key = 'schema_version'",
    "layer table gone": "UPDATE cim_layers SET table_name = 'khong_co_bang'",
}


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_a_damaged_project_table_is_one_clear_error(project, tmp_path, name):
    path = save_project(project, tmp_path / "plan.cim.gpkg")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(DAMAGE[name])
    conn.close()
    with pytest.raises(ProjectFileError) as err:
        open_project(path)
    assert str(path) in str(err.value) or "plan.cim.gpkg" in str(err.value)
