"""GEO-01 reads each referenced IFC model in the limited child process (cim.ifc.isolated): a model of
the hostile corpus that no reader finishes in time (or that crashes ifcopenshell) is a "could not
evaluate" finding on its building, and the check run (and this process) goes on."""

from __future__ import annotations

import shutil

from tests.plugins.decree269.test_rules_pass_and_fail import run_rule, set_value


def test_a_model_that_cannot_be_read_is_a_could_not_evaluate_finding(sample_copy, registry, pack, shared_data,
                                                                     tmp_path, monkeypatch):
    from plugins.builtin.decree269 import checks_geo

    bad = tmp_path / "slow.ifc"
    shutil.copyfile(shared_data / "hostile-inputs" / "ifc-00339-hang" / "in.ifc", bad)   # 38-94 s to tessellate
    set_value(sample_copy, "buildings", "BLD-000519", "ifc_file", str(bad))
    monkeypatch.setenv("CIMSTUDIO_IFC_TIMEOUT", "3")
    checks_geo._model.cache_clear()
    result = run_rule(sample_copy, registry, pack, "GEO-01")
    assert result.status == "fail", (result.status, result.note)
    said = [i for i in result.issues if "could not evaluate" in i.message.en]
    assert len(said) == 1 and str(bad) in said[0].message.en and "longer than 3 s" in said[0].message.en
    assert "không đánh giá được" in said[0].message.vi
    checks_geo._model.cache_clear()
