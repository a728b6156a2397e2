import random

import numpy as np
import pandas.testing as pdt
import pytest
import shapely

from cim.errors import CimInputError, PermissionDenied
from cim.project.edits import AddLayer, RemoveLayer, RenameLayer, SetMetadata
from cim.project.feature_edits import AddFeatures, ChangeAttribute, ChangeGeometry, DeleteFeatures
from cim.project.layer import LayerRecord
from cim.testing import assert_same_project_state, make_plots, project_state


def _random_edit(project, rng: random.Random):
    rec = project.layers[rng.choice(list(project.layers))]
    fids = rec.data.index.to_numpy()
    op = rng.random()
    if op < 0.3 and len(fids):
        return ChangeAttribute(project, rec.id, int(rng.choice(fids)), "far", round(rng.uniform(0, 9), 2))
    if op < 0.45 and len(fids):
        return ChangeAttribute(project, rec.id, int(rng.choice(fids)), "name", f"Tên {rng.randint(0, 99)} đổi")
    if op < 0.6 and len(fids):
        x, y = rng.uniform(0, 100), rng.uniform(0, 100)
        return ChangeGeometry(project, rec.id, int(rng.choice(fids)), shapely.box(x, y, x + 5, y + 5),
                              merge=rng.random() < 0.5)
    if op < 0.72 and len(fids) > 3:
        return DeleteFeatures(project, rec.id, rng.sample(list(fids), rng.randint(1, 3)))
    if op < 0.84:
        rows = make_plots(rng.randint(1, 3), seed=rng.randint(0, 999))
        return AddFeatures(project, rec.id, rows)
    if op < 0.92:
        return SetMetadata(project, rng.choice(["plan_id", "name", "producer"]), f"v{rng.randint(0, 9)}")
    if op < 0.96:
        return RenameLayer(project, rec.id, f"Lớp {rng.randint(0, 99)}")
    if len(project.layers) < 3:
        return AddLayer(project, LayerRecord(f"L{rng.randint(0, 9)}", "vector", make_plots(5, rng.randint(0, 9)),
                                             crs="EPSG:9208"))
    return RemoveLayer(project, rng.choice(list(project.layers)))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_thousand_random_edits_undo_to_the_exact_original_and_redo_to_the_edited_state(project, seed):
    rng = random.Random(seed)
    original = project_state(project)
    for _ in range(1000):
        project.push(_random_edit(project, rng))
    edited = project_state(project)
    project.undo_stack.undo_all()
    assert_same_project_state(project_state(project), original)
    project.undo_stack.redo_all()
    assert_same_project_state(project_state(project), edited)


def test_deleting_then_undoing_keeps_row_order_and_dtypes(project):
    lid = next(iter(project.layers))
    before = project.layers[lid].data.copy()
    project.push(DeleteFeatures(project, lid, [1, 7, 50]))
    assert len(project.layers[lid].data) == 47
    project.undo_stack.undo()
    pdt.assert_frame_equal(project.layers[lid].data, before)


def test_a_vertex_drag_is_one_undo_step(project):
    lid = next(iter(project.layers))
    old = project.layers[lid].data.geometry.loc[3]
    for dx in range(10):
        project.push(ChangeGeometry(project, lid, 3, shapely.box(dx, 0, dx + 1, 1), merge=True))
    assert len(project.undo_stack) == 1
    assert project.layers[lid].data.geometry.loc[3].equals(shapely.box(9, 0, 10, 1))
    project.undo_stack.undo()
    assert project.layers[lid].data.geometry.loc[3].equals(old)


def test_a_text_in_a_number_field_is_refused_with_the_field_name(project):
    lid = next(iter(project.layers))
    with pytest.raises(CimInputError, match="far"):
        ChangeAttribute(project, lid, 1, "far", "nhiều")


def test_editing_a_missing_feature_is_refused(project):
    lid = next(iter(project.layers))
    with pytest.raises(CimInputError, match="999"):
        ChangeAttribute(project, lid, 999, "far", 1.0)


def test_a_reviewer_cannot_edit_through_the_core_api(project):
    lid = next(iter(project.layers))
    before = project.layers[lid].data.copy()
    project.role = "reviewer"
    with pytest.raises(PermissionDenied):
        project.push(ChangeAttribute(project, lid, 1, "far", 9.0))
    with pytest.raises(PermissionDenied):
        project.push(DeleteFeatures(project, lid, [1]))
    pdt.assert_frame_equal(project.layers[lid].data, before)
    assert np.isclose(project.layers[lid].data.loc[1, "far"], before.loc[1, "far"])
