"""Plans for the progress reports, built from the sample through core commands: the sample one quarter
later (25 smart lamps built, three sensor bins planned), and a second commune (no smart-traffic elements).
Each carries a stored check run (a few rules) so that its integration level is known."""

import shutil

import pytest

from sample_data.project import DEFAULT_OUT

RULES = ["SMT-LIGHT", "SMT-TRAFFIC", "SMT-WASTE", "INF-02"]


def _store_run(path):
    from cim.checks.results_store import store_run
    from cim.checks.runner import run_checks
    from cim.project.store import open_project
    from plugins.check_registry import check_registry

    reg = check_registry()
    pack = reg.pack("decree269")
    store_run(path, run_checks(open_project(path), reg.checks_for(pack, only=RULES), pack=pack))
    return path


@pytest.fixture(scope="session")
def plans(tmp_path_factory):
    import geopandas as gpd

    from cim.project.edits import SetMetadata
    from cim.project.feature_edits import AddFeatures, ChangeAttribute, DeleteFeatures
    from cim.project.store import open_project, save_project

    root = tmp_path_factory.mktemp("progress")
    q4 = root / "thuy_van_q4.cim.gpkg"
    shutil.copyfile(DEFAULT_OUT, q4)
    _store_run(q4)
    q1 = root / "thuy_van_q1.cim.gpkg"
    shutil.copyfile(DEFAULT_OUT, q1)
    p = open_project(q1)
    smart = p.layer_by_name("smart_elements")
    d = smart.data
    lamps = d.index[(d["type"] == "smart_lamp") & (d["status"] == "planned")][:25]
    for fid in lamps:
        p.push(ChangeAttribute(p, smart.id, int(fid), "status", "existing"))
    first = d.geometry.iloc[0]
    bins = gpd.GeoDataFrame({"cim_id": [f"SME-BIN-{i}" for i in range(3)], "type": ["sensor_bin"] * 3,
                             "system": ["smart_waste"] * 3, "status": ["planned"] * 3, "interface_protocol": ["MQTT"] * 3,
                             "interface_interval_s": [600.0] * 3, "interface_target": ["IOC"] * 3,
                             "open_standard": ["OGC SensorThings API"] * 3},
                            geometry=gpd.points_from_xy([first.x + 20 * i for i in range(3)], [first.y] * 3), crs=d.crs)
    p.push(AddFeatures(p, smart.id, bins))
    save_project(p)
    _store_run(q1)
    other = root / "hy_cuong.cim.gpkg"
    shutil.copyfile(DEFAULT_OUT, other)
    p = open_project(other)
    smart = p.layer_by_name("smart_elements")
    p.push(DeleteFeatures(p, smart.id, smart.data.index[smart.data["system"] == "smart_traffic"].to_numpy()))
    p.push(SetMetadata(p, "commune", "xã Hy Cương"))
    p.push(SetMetadata(p, "plan_id", "QH-PT-2026-0002"))
    save_project(p)
    _store_run(other)
    return {"q4": q4, "q1": q1, "other": other, "root": root}
