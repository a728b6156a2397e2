"""An import can be prepared without a project (in a worker) and added later as one undo step."""

from __future__ import annotations

from cim.ifc.importer import add_ifc_layers, analyse_ifc, ifc_layer_records
from cim.project import Project


def test_records_are_built_off_the_project_and_added_as_one_undo_step(ifc_dir):
    p = Project(crs="EPSG:9208")
    res = analyse_ifc(ifc_dir / "office.ifc", target_crs=p.crs)
    records = ifc_layer_records(p.crs, ifc_dir / "office.ifc", res, name="Văn phòng")
    assert not p.layers                                     # nothing touched yet
    assert [r.kind for r in records][0] == "ifc" and records[0].name == "Văn phòng"
    assert any(r.object_kind == "smart_element" and r.source["ifc_layer"] == records[0].id for r in records[1:])
    add_ifc_layers(p, ifc_dir / "office.ifc", records)
    assert set(p.layers) == {r.id for r in records}
    p.undo_stack.undo()
    assert not p.layers


def test_models_go_into_one_named_group_made_once_and_undone_with_the_import(ifc_dir):
    p = Project(crs="EPSG:9208")
    res = analyse_ifc(ifc_dir / "office.ifc", target_crs=p.crs)
    first = ifc_layer_records(p.crs, ifc_dir / "office.ifc", res, name="A")
    second = ifc_layer_records(p.crs, ifc_dir / "office.ifc", res, name="B")
    add_ifc_layers(p, ifc_dir / "office.ifc", first, group="Mô hình BIM (IFC)")
    add_ifc_layers(p, ifc_dir / "office.ifc", second, group="Mô hình BIM (IFC)")
    groups = [n for n in p.tree.walk() if n.is_group]
    assert [g.name for g in groups] == ["Mô hình BIM (IFC)"]
    assert all(p.tree.find_layer(r.id).parent is groups[0] for r in first + second)
    p.undo_stack.undo()
    assert p.tree.group("Mô hình BIM (IFC)") is groups[0] and len(p.layers) == len(first)
    p.undo_stack.undo()
    assert p.tree.group("Mô hình BIM (IFC)") is None and not p.layers
    p.undo_stack.redo()
    assert p.tree.find_layer(first[0].id).parent.name == "Mô hình BIM (IFC)"
