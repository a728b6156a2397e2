"""Incremental re-checks: after an edit, only affected checks re-run, on the changed objects where the
check is local, and the result equals a full run."""

from __future__ import annotations

import shapely

from cim.checks.runner import run_checks
from cim.checks.session import CheckSession
from cim.project.feature_edits import ChangeAttribute, ChangeGeometry
from tests.cim.checks.conftest import tiled_project


def _pack_checks(only=None):
    from plugins.check_registry import check_registry

    reg = check_registry()
    pack = reg.pack("decree269")
    return pack, reg.checks_for(pack, only=only)


def _same(a, b):
    da = {r.rule: (r.status, [i.to_dict() for i in r.issues]) for r in a.results}
    db = {r.rule: (r.status, [i.to_dict() for i in r.issues]) for r in b.results}
    assert da == db


def test_an_attribute_edit_rechecks_only_the_changed_object_and_matches_a_full_run():
    p = tiled_project()
    pack, checks = _pack_checks(["SEC-01", "ID-03", "PLN-02", "INF-02", "SMT-WASTE"])
    s = CheckSession(p, checks, pack=pack)
    s.run_all()
    plots = p.layer_by_name("plots")
    p.push(ChangeAttribute(p, plots.id, 3, "name", "Lô của bà Nguyễn Thị Lan, ĐT 0912345678"))
    p.push(ChangeAttribute(p, plots.id, 4, "far", None))
    inc = s.recheck()
    full = run_checks(p, checks, pack=pack)
    _same(inc, full)
    assert inc.result("SEC-01").issues[0].objects == ("PLT-000002",)
    assert any("far" in i.message.en for i in inc.result("PLN-02").issues)


def test_a_duplicate_id_made_and_then_fixed_is_tracked_on_both_objects():
    p = tiled_project()
    pack, checks = _pack_checks(["ID-03"])
    s = CheckSession(p, checks, pack=pack)
    s.run_all()
    plots = p.layer_by_name("plots")
    p.push(ChangeAttribute(p, plots.id, 2, "cim_id", "PLT-000005"))
    inc = s.recheck()
    _same(inc, run_checks(p, checks, pack=pack))
    assert {i.objects[0] for i in inc.result("ID-03").issues if "unique" in i.message.en} == {"PLT-000005"}
    p.undo_stack.undo()
    inc = s.recheck()
    _same(inc, run_checks(p, checks, pack=pack))


def test_a_geometry_edit_that_creates_an_overlap_is_found_incrementally():
    p = tiled_project()
    pack, checks = _pack_checks(["PLN-02"])
    s = CheckSession(p, checks, pack=pack)
    assert s.run_all().result("PLN-02").status == "pass"
    plots = p.layer_by_name("plots")
    g = plots.data.geometry.loc[1]
    p.push(ChangeGeometry(p, plots.id, 1, shapely.affinity.translate(g, 10, 0)))
    inc = s.recheck()
    _same(inc, run_checks(p, checks, pack=pack))
    assert inc.result("PLN-02").status == "fail"


def test_checks_whose_inputs_did_not_change_are_not_rerun():
    p = tiled_project()
    pack, checks = _pack_checks(["SEC-01", "BLD-02", "META-01"])
    s = CheckSession(p, checks, pack=pack)
    first = s.run_all()
    plots = p.layer_by_name("plots")
    p.push(ChangeAttribute(p, plots.id, 3, "name", "Lô A"))
    again = s.recheck()
    assert again.result("META-01") is first.result("META-01")
    assert again.result("BLD-02") is first.result("BLD-02")
    s.close()


def test_a_run_of_edits_rechecked_one_by_one_always_matches_a_full_run_of_the_whole_pack():
    """Geometry, attribute and id edits, a deletion and undos, each followed by a re-check: per-row
    caches are patched (or dropped when rows go) and every rule's result equals a fresh full run."""
    from cim.project.feature_edits import DeleteFeatures

    p = tiled_project()
    pack, checks = _pack_checks()
    s = CheckSession(p, checks, pack=pack)
    s.run_all()
    plots, bld = p.layer_by_name("plots"), p.layer_by_name("buildings")
    edits = [
        lambda: ChangeGeometry(p, plots.id, 6, shapely.affinity.translate(plots.data.geometry.loc[6], 4, 0)),
        lambda: ChangeAttribute(p, plots.id, 7, "cim_id", "PLT-000001"),
        lambda: ChangeAttribute(p, bld.id, 2, "plot_id", "PLT-999999"),
        lambda: ChangeAttribute(p, plots.id, 2, "cim_id", "PLT-000777"),     # the duplicate is gone
        lambda: ChangeAttribute(p, plots.id, 9, "code", ""),
        lambda: DeleteFeatures(p, plots.id, [12]),
        "undo", "undo", "undo",
    ]
    for k, make in enumerate(edits):
        p.undo_stack.undo() if make == "undo" else p.push(make())
        inc = s.recheck()
        full = run_checks(p, checks, pack=pack)
        _same(inc, full)
        if k == 0:
            r = inc.result("PLN-02")
            assert any("overlaps" in i.message.en for i in r.issues) and any("gap" in i.message.en for i in r.issues)
        unique = [i.fids for i in inc.result("ID-03").issues if "unique" in i.message.en]
        assert sorted(unique) == ([(2,), (7,)] if k in (1, 2, 8) else [])     # 8: the rename undone
    s.close()


def test_an_edit_patches_the_per_row_caches_of_its_layer_and_drops_the_trees():
    p = tiled_project()
    pack, checks = _pack_checks(["PLN-02", "ID-03"])
    s = CheckSession(p, checks, pack=pack)
    s.run_all()
    plots = p.layer_by_name("plots")
    geoms, tree = s.cache.data[("geoms", plots.id)], s.cache.data[("tree", plots.id, "")]
    moved = shapely.affinity.translate(plots.data.geometry.loc[3], 1, 0)
    p.push(ChangeGeometry(p, plots.id, 3, moved))
    s.recheck()
    assert s.cache.data[("geoms", plots.id)] is geoms and geoms[2].equals(moved)
    assert s.cache.data[("bounds", plots.id)][2][0] == moved.bounds[0]
    assert s.cache.data.get(("tree", plots.id, "")) is not tree
    assert s.cache.before_geoms(plots.id)[0].tolist() == [3]


def test_tod_rules_rerun_on_the_edited_project_and_match_a_full_run(tiny_project):
    from plugins.check_registry import check_registry

    reg = check_registry()
    pack = reg.pack("decree269")
    checks = reg.checks_for(pack, only=["TOD-02", "TOD-03", "TOD-04", "ID-03"])
    s = CheckSession(tiny_project, checks, pack=pack)
    first = s.run_all()
    study = first.artifacts["tod_study"]
    plots = tiny_project.layer_by_name("plots")
    tiny_project.push(ChangeAttribute(tiny_project, plots.id, 1, "far", 9.0))
    inc = s.recheck()
    _same(inc, run_checks(tiny_project, checks, pack=pack))
    assert any(i.fids == (1,) for i in inc.result("TOD-02").issues)
    assert inc.artifacts["tod_study"] is not study        # the study read the edited plots
