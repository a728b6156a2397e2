"""cim/findings.py: one Finding that every validator returns; records saved before it still read back."""

import zipfile

import geopandas as gpd
import numpy as np
import pytest
import shapely

from cim.findings import Finding, LegalBasis, severity_of
from cim.text import Text

E0, N0 = 561_000.0, 2_355_000.0


def test_a_finding_refuses_an_unknown_severity_and_maps_the_old_words():
    with pytest.raises(ValueError, match="severity"):
        Finding("error", "X", Text("a", "b"))
    assert [severity_of(w) for w in ("error", "warning", "info", "e", "W")] == ["E", "W", "I", "E", "W"]
    with pytest.raises(ValueError, match="unknown severity 'fatal'"):
        severity_of("fatal")


def test_a_finding_round_trips_through_its_dict_with_legal_basis_place_and_extra():
    basis = LegalBasis(Text("Điều 21 Nghị định 269", "Decree 269 Art. 21"), "V")
    f = Finding("E", "SEC-01", Text("Lô vượt mật độ", "Plot exceeds coverage"), ("P-3",), "POINT (1 2)", basis,
                "plots", "lyr_plots", (3,), (0.0, 1.0, 2.0, 3.0), {"coverage": 0.7})
    assert Finding.from_dict(f.to_dict()) == f
    assert f.text("vi") == "Lô vượt mật độ [P-3]" and basis.label("en") == "Decree 269 Art. 21 [V]"
    assert len({f, Finding.from_dict(f.to_dict())}) == 1          # hashable although ``extra`` is a dict


def test_records_saved_before_finding_was_the_one_type_read_back():
    old_issue = {"rule": "PLN-02", "severity": "E", "message_vi": "Lô chồng lấn", "message_en": "Plots overlap",
                 "layer": "plots", "layer_id": "lyr", "fids": [102, 125], "object_ids": ["PLT-000125"],
                 "bbox": [0, 0, 1, 1], "location": "", "evidence": {"overlap_m2": 3.5}}
    f = Finding.from_dict(old_issue)
    assert (f.code, f.message.en, f.objects, f.fids, f.extra) == ("PLN-02", "Plots overlap", ("PLT-000125",),
                                                                  (102, 125), {"overlap_m2": 3.5})
    georef = Finding.from_dict({"code": "SCALE_DERIVED", "en": "Scale is empty", "vi": "Scale để trống",
                                "severity": "warning"})
    assert (georef.severity, georef.message.vi) == ("W", "Scale để trống")


def test_an_opinion_saved_with_the_old_item_fields_still_loads():
    from cim.appraisal.opinion import OpinionItem

    item = OpinionItem.from_dict({
        "id": "F01", "rule": "SEC-01", "severity": "E", "title_vi": "Mật độ", "title_en": "Coverage",
        "issues_vi": ["Lô 5 vượt"], "issues_en": ["Plot 5 exceeds"], "object_ids": ["PLT-000005"],
        "legal_basis_vi": "Điều 21", "legal_basis_en": "Art. 21", "decision": "rejected", "reason": "đã giải trình"})
    assert (item.rule, item.severity, item.decision, item.issues) == ("SEC-01", "E", "rejected",
                                                                      [Text("Lô 5 vượt", "Plot 5 exceeds")])
    assert item.finding.legal_basis.label("en") == "Art. 21" and OpinionItem.from_dict(item.to_dict()) == item


def _all_findings(name: str, items) -> list:
    items = list(items)
    assert items, f"{name} found nothing: the input should have given it something to say"
    return items


def test_every_validator_returns_finding(tmp_path):
    """Rule checks, CRS, ``cimstudio validate``, network validation and routing, georeferencing, IDS, CityJSON,
    layer schema and package verification: each gives :class:`Finding` and nothing else."""
    from cim.cityjson.validate import validate_cityjson
    from cim.crs import check_layer_crs
    from cim.ids.check import check_ids, load_ids, shipped_ids
    from cim.ifc.georef import Georef as IfcGeoref
    from cim.ifc.georef_checks import check_georef
    from cim.ifc.synthetic import Device, Georef, build_building_ifc
    from cim.model.schema import validate_layer
    from cim.network.analysis import snap_warnings
    from cim.network.topology import build_network
    from cim.network.validate import validate_network
    from cim.package.verify import verify_package
    from cim.project import Project
    from cim.project.validation import validate_project
    from tests.cim.checks.conftest import tiled_project
    from tests.cim.checks.test_engine import ATTR, run

    project = tiled_project(2)
    project.layer_by_name("plots").data.loc[2, "far"] = None
    found = {
        "rule check": run(project, ATTR).issues,
        "CRS": check_layer_crs(None),
        "validate": validate_project(Project(crs="EPSG:4326")),
        "network": validate_network(build_network(gpd.GeoDataFrame(
            geometry=[shapely.LineString([(E0, N0), (E0 + 100, N0)])], crs="EPSG:9208"))),
        "routing far snap": snap_warnings(np.array([450.0, 20.0]), ["A", "B"], 100.0, "walk"),
        "georeferencing": check_georef(IfcGeoref()),
        "IDS": check_ids(build_building_ifc(None, georef=Georef(E0, N0), devices=[Device("IfcLightFixture", (2, 2, 1))]),
                         load_ids(shipped_ids())).issues,
        "CityJSON": validate_cityjson({"type": "CityJSON", "version": "2.0", "CityObjects": {},
                                       "vertices": [[0, 0]]}).findings,
        "layer schema": validate_layer("plot", gpd.GeoDataFrame({"cim_id": ["X"]}, geometry=[shapely.Point(0, 0)])),
    }
    pkg = tmp_path / "empty.cimpkg"
    with zipfile.ZipFile(pkg, "w") as z:
        z.writestr("hello.txt", "not a package")
    found["package verification"] = verify_package(pkg, require_rerun=False).findings
    for name, items in found.items():
        assert {type(f) for f in _all_findings(name, items)} == {Finding}, name
