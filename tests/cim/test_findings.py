"""cim/findings.py: one Finding for every validator; the record types that remain convert without loss."""

import pytest

from cim.checks.base import Issue, LegalBasis
from cim.cityjson.validate import validate_cityjson
from cim.findings import Finding, severity_of
from cim.ids.check import IdsIssue
from cim.ifc.georef import Georef
from cim.ifc.georef_checks import check_georef
from cim.package.verify import VerifyStep
from cim.text import Text


def test_a_finding_refuses_an_unknown_severity_and_maps_the_old_words():
    with pytest.raises(ValueError, match="severity"):
        Finding("error", "X", Text("a", "b"))
    assert [severity_of(w) for w in ("error", "warning", "info", "e", "W")] == ["E", "W", "I", "E", "W"]
    with pytest.raises(ValueError, match="unknown severity 'fatal'"):
        severity_of("fatal")


def test_a_rule_check_issue_keeps_rule_objects_location_and_legal_basis():
    basis = LegalBasis(Text("Điều 21 Nghị định 269", "Decree 269 Art. 21"), "V")
    issue = Issue("SEC-01", "E", "Lô vượt mật độ", "Plot exceeds coverage", layer="plots", fids=(3,),
                  object_ids=("P-3",), location="POINT (1 2)")
    f = issue.to_finding(basis)
    assert (f.severity, f.code, f.objects, f.location, f.layer) == ("E", "SEC-01", ("P-3",), "POINT (1 2)", "plots")
    assert f.message.get("en") == "Plot exceeds coverage" and f.text("vi") == "Lô vượt mật độ [P-3]"
    assert f.to_dict()["legal_basis"] == {"citation": {"vi": "Điều 21 Nghị định 269", "en": "Decree 269 Art. 21"},
                                          "grade": "V"}


def test_a_model_without_georeferencing_is_an_error_finding():
    [f] = [w.to_finding("tower.ifc") for w in check_georef(Georef())]
    assert (f.severity, f.code, f.location) == ("E", "NO_GEOREF", "tower.ifc")
    assert "định vị" in f.message.vi and "georeferencing" in f.message.en


def test_a_broken_cityjson_gives_error_findings():
    rep = validate_cityjson({"type": "CityJSON", "version": "2.0", "CityObjects": {}, "vertices": [[0, 0]]})
    found = rep.findings("city.json")
    assert found and all(f.code == "CITYJSON" and f.location == "city.json" for f in found)
    assert [f.severity for f in found].count("E") == len(rep.errors) >= 1


def test_ids_issue_and_package_step_convert():
    ids = IdsIssue("IDS-1", "warning", "Wall lacks FireRating", "Tường thiếu FireRating", "Walls", "2O2Fr$t4X7Zf8NOew3FLOH",
                   "IfcWall", "W1", "property missing", cim_id="B-7", layer_id="buildings")
    f = ids.to_finding()
    assert (f.severity, f.code, f.objects, f.layer) == ("W", "IDS-1", ("B-7",), "buildings")
    assert f.message.en == "Wall lacks FireRating — property missing"
    bad = VerifyStep(False, "hash", "hash differs", "mã băm khác", "project/plan.cim.gpkg").to_finding()
    good = VerifyStep(True, "signature", "signature valid", "chữ ký hợp lệ").to_finding()
    assert (bad.severity, bad.code, bad.objects) == ("E", "hash", ("project/plan.cim.gpkg",))
    assert (good.severity, good.objects) == ("I", ())
