"""IFC4.3 alignments become corridors; pipes become network edges typed by their system."""

from __future__ import annotations

import numpy as np
import pytest


def _alignment_file(tmp_path):
    import ifcopenshell
    import ifcopenshell.api.aggregate
    import ifcopenshell.api.alignment as al
    import ifcopenshell.api.context
    import ifcopenshell.api.root
    import ifcopenshell.api.unit

    f = ifcopenshell.file(schema="IFC4X3_ADD2")
    ifcopenshell.api.root.create_entity(f, ifc_class="IfcProject")
    ifcopenshell.api.unit.assign_unit(f, units=[ifcopenshell.api.unit.add_si_unit(f, unit_type="LENGTHUNIT")])
    ifcopenshell.api.context.add_context(f, context_type="Model")
    a = al.create_by_pi_method(f, "Tuyến 1", hpoints=[(0, 0), (500, 0), (800, 300)], radii=[200],
                               vpoints=[(0, 10), (300, 15), (700, 12)], lengths=[100])
    road = ifcopenshell.api.root.create_entity(f, ifc_class="IfcRoad")
    ifcopenshell.api.aggregate.assign_object(f, products=[a], relating_object=road)
    return f


def test_an_alignment_with_an_arc_is_sampled_every_metre_and_ends_on_its_last_pi(tmp_path):
    from cim.ifc.georef import Georef
    from cim.ifc.infra import alignment_rows

    rows = alignment_rows(_alignment_file(tmp_path), Georef(source="x", eastings=561000, northings=2355000))
    assert len(rows) == 1 and rows[0]["mode"] == "road" and rows[0]["has_vertical"]
    c = rows[0]["coords"]
    assert c[0] == pytest.approx([561000, 2355000, 10.0])
    assert c[-1][:2] == pytest.approx([561800, 2355300], abs=0.01)
    step = np.hypot(*np.diff(c[:, :2], axis=0).T)
    assert step.max() <= 1.0 + 1e-6
    # the arc of radius 200 keeps its radius: points of the arc are 200 m from its centre
    tangent_len = 200 * np.tan(np.radians(45) / 2)
    centre = np.array([561000 + 500 - tangent_len, 2355000 + 200])
    arc = c[(c[:, 0] > 561000 + 500 - tangent_len + 1) & (c[:, 1] < 2355000 + 200 * (1 - np.cos(np.radians(45))) - 1)]
    assert len(arc) and np.allclose(np.hypot(*(arc[:, :2] - centre).T), 200, atol=0.05)


def test_pipe_segments_become_edges_between_shared_nodes():
    import ifcopenshell.api

    from cim.ifc.geometry import triangulate
    from cim.ifc.georef import Georef
    from cim.ifc.infra import pipe_network
    from cim.ifc.synthetic import build_building_ifc

    f = build_building_ifc(None, storeys=1, walls_per_storey=0)
    body = [c for c in f.by_type("IfcGeometricRepresentationSubContext") if c.ContextIdentifier == "Body"][0]
    system = ifcopenshell.api.run("system.add_system", f, ifc_class="IfcDistributionSystem")
    system.PredefinedType = "DRAINAGE"
    pipes = []
    for x0 in (0.0, 5.0):
        pipe = ifcopenshell.api.run("root.create_entity", f, ifc_class="IfcPipeSegment")
        rep = ifcopenshell.api.run("geometry.add_wall_representation", f, context=body, length=5.0, height=0.3,
                                   thickness=0.3)
        ifcopenshell.api.run("geometry.assign_representation", f, product=pipe, representation=rep)
        m = np.eye(4)
        m[:3, 3] = [x0, -10.0, 0.0]
        ifcopenshell.api.run("geometry.edit_object_placement", f, product=pipe, matrix=m)
        pipes.append(pipe)
    ifcopenshell.api.run("system.assign_system", f, products=pipes, system=system)
    edges, nodes = pipe_network(f, triangulate(f), Georef(), snap_m=0.5)
    assert len(edges) == 2 and {e["system"] for e in edges} == {"drainage"}
    assert len(nodes) == 3
    assert edges[0]["to_node"] == edges[1]["from_node"] or edges[0]["from_node"] == edges[1]["to_node"]


def _aggregated_like_a_pre_release_file(f):
    """Relink every IfcRelNests of the alignment (alignment → layouts → segments) with IfcRelAggregates,
    as IFC4X3 RC files did, keeping the order of the parts."""
    import ifcopenshell.guid

    nests = [r for r in f.by_type("IfcRelNests")
             if r.RelatingObject.is_a() in ("IfcAlignment", "IfcAlignmentHorizontal", "IfcAlignmentVertical")]
    assert len(nests) == 3
    for rel in nests:
        f.create_entity("IfcRelAggregates", GlobalId=ifcopenshell.guid.new(), RelatingObject=rel.RelatingObject,
                        RelatedObjects=rel.RelatedObjects)
        f.remove(rel)
    assert not [r for r in f.by_type("IfcRelNests") if r.RelatingObject.is_a("IfcAlignment")]
    return f


def test_an_alignment_whose_parts_are_aggregated_in_a_pre_release_file_is_imported_like_a_nested_one(tmp_path):
    from cim.ifc.georef import Georef
    from cim.ifc.infra import alignment_rows
    from cim.ifc.opening import open_ifc

    g = Georef(source="x", eastings=561000, northings=2355000)
    nested = alignment_rows(_alignment_file(tmp_path), g)
    f = _aggregated_like_a_pre_release_file(_alignment_file(tmp_path))
    path = tmp_path / "rc2_alignment.ifc"
    f.write(str(path))
    text = path.read_text()
    assert "FILE_SCHEMA(('IFC4X3_ADD2'))" in text
    path.write_text(text.replace("FILE_SCHEMA(('IFC4X3_ADD2'))", "FILE_SCHEMA(('IFC4X3_RC2'))"))
    src = open_ifc(path)
    assert src.declared_schema == "IFC4X3_RC2"
    assert src.file.by_type("IfcRelAggregates") and not [
        r for r in src.file.by_type("IfcRelNests") if r.RelatingObject.is_a("IfcAlignment")]
    rows = alignment_rows(src.file, g)
    assert len(rows) == 1 and rows[0]["has_vertical"] and rows[0]["mode"] == "road"
    assert rows[0]["length_m"] == pytest.approx(nested[0]["length_m"])
    assert np.allclose(rows[0]["coords"], nested[0]["coords"])


def test_a_sub_alignment_aggregated_into_another_is_not_a_second_corridor(tmp_path):
    import ifcopenshell.api.aggregate

    from cim.ifc.georef import Georef
    from cim.ifc.infra import alignment_rows

    f = _aggregated_like_a_pre_release_file(_alignment_file(tmp_path))
    parent = ifcopenshell.api.root.create_entity(f, ifc_class="IfcAlignment", name="Tuyến chính")
    child = f.by_type("IfcAlignment")[0]
    for rel in list(child.Decomposes or ()):
        f.remove(rel)
    ifcopenshell.api.aggregate.assign_object(f, products=[child], relating_object=parent)
    rows = alignment_rows(f, Georef(source="x", eastings=561000, northings=2355000))
    assert [r["name"] for r in rows] == []     # the parent has no layout of its own; the child is a part
