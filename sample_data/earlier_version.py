"""The "approved earlier version" of the sample plan, for the plan revision review (``diff-plan``):
the sample project copied and edited through the core commands, as a planner would have drawn it
before the revision.

    python -m sample_data.earlier_version OUT.cim.gpkg

What the revision (the committed sample) changes relative to it — the expectations of the tests:

- plots OM-01 and OM-02: FAR 0.8 → 1.0 and 3.5 → 4.3; OM-03: land use ``commercial`` → ``residential``,
  max height 15 → 21 m;
- plot OM-04 did not exist in the earlier version (it is **added**; its land was a gap there, so PLN-02
  reports one issue more on the earlier version); plot OM-05 had the id
  ``PLT-OLD-0011`` there (matched **by geometry**, id changed);
- the four EV chargers did not exist (**added**, public transport and parking); an older CCTV camera
  ``SME-OLD-0001`` is gone (**removed**, smart traffic);
- one lighting cable (the first edge of ``net_lighting``) did not exist (**added**).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from sample_data.project import DEFAULT_OUT


def build_earlier_version(out: str | Path, src: str | Path = DEFAULT_OUT) -> Path:
    import geopandas as gpd
    from shapely.geometry import Point

    from cim.project.edits import SetMetadata
    from cim.project.feature_edits import AddFeatures, ChangeAttribute, DeleteFeatures
    from cim.project.store import open_project, save_project

    out = Path(out)
    shutil.copyfile(src, out)
    p = open_project(out)
    plots = p.layer_by_name("plots")
    fid = {c: int(f) for f, c in plots.data["code"].items()}
    for code, field, value in (("OM-01", "far", 0.8), ("OM-02", "far", 3.5), ("OM-03", "category", "commercial"),
                               ("OM-03", "height_max_m", 15.0), ("OM-05", "cim_id", "PLT-OLD-0011")):
        p.push(ChangeAttribute(p, plots.id, fid[code], field, value))
    p.push(DeleteFeatures(p, plots.id, [fid["OM-04"]]))
    smart = p.layer_by_name("smart_elements")
    ev = smart.data.index[smart.data["type"] == "ev_charger"].to_numpy()
    p.push(DeleteFeatures(p, smart.id, ev))
    x, y = smart.data.geometry.iloc[0].x + 15.0, smart.data.geometry.iloc[0].y + 15.0
    cam = gpd.GeoDataFrame({"cim_id": ["SME-OLD-0001"], "name": ["Camera giám sát cũ"], "type": ["cctv"],
                            "system": ["smart_traffic"], "status": ["existing"], "operator": ["Công an tỉnh"],
                            "interface_protocol": ["RTSP"], "interface_interval_s": [1.0],
                            "interface_target": ["IOC"], "open_standard": ["ONVIF"]},
                           geometry=[Point(x, y)], crs=smart.data.crs)
    p.push(AddFeatures(p, smart.id, cam))
    lighting = p.layer_by_name("net_lighting")
    p.push(DeleteFeatures(p, lighting.id, [int(lighting.data.index[0])]))
    p.push(SetMetadata(p, "version", "0.9.0"))
    p.push(SetMetadata(p, "decision_no", "0000/QĐ-UBND (bản đã phê duyệt 2025)"))
    return save_project(p)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sample_data.earlier_version", description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    print(build_earlier_version(args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
