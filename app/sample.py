"""Build the sample district project from ``sample_data/district`` sources when the committed
``sample_data/district.cim.gpkg`` is not there (the core's import and save do the work)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

DISTRICT = Path(__file__).resolve().parents[1] / "sample_data" / "district"

# table -> (layer name, object kind, group)
LAYERS = [
    ("plots", "Lô đất", "plot", "Quy hoạch"),
    ("water_bodies", "Mặt nước", "water_body", "Quy hoạch"),
    ("buildings", "Công trình", "building", "Quy hoạch"),
    ("boundary", "Ranh giới quy hoạch", "boundary", "Quy hoạch"),
    ("roads", "Đường giao thông", "road", "Giao thông"),
    ("rail", "Đường sắt", "rail", "Giao thông"),
    ("corridors", "Hành lang TOD", "corridor", "Giao thông"),
    ("station_platforms", "Sân ga", "station_platform", "Giao thông"),
    ("station_entrances", "Lối vào ga", "station_entrance", "Giao thông"),
    ("stations", "Nhà ga", "station", "Giao thông"),
    ("net_water", "Mạng cấp nước", "network_edge", "Hạ tầng kỹ thuật"),
    ("net_drainage", "Mạng thoát nước", "network_edge", "Hạ tầng kỹ thuật"),
    ("net_energy", "Mạng cấp điện", "network_edge", "Hạ tầng kỹ thuật"),
    ("net_lighting", "Mạng chiếu sáng", "network_edge", "Hạ tầng kỹ thuật"),
    ("net_telecom", "Mạng viễn thông", "network_edge", "Hạ tầng kỹ thuật"),
    ("net_water_nodes", "Nút cấp nước", "network_node", "Hạ tầng kỹ thuật"),
    ("net_drainage_nodes", "Nút thoát nước", "network_node", "Hạ tầng kỹ thuật"),
    ("net_energy_nodes", "Nút cấp điện", "network_node", "Hạ tầng kỹ thuật"),
    ("net_lighting_nodes", "Đèn chiếu sáng", "network_node", "Hạ tầng kỹ thuật"),
    ("net_telecom_nodes", "Nút viễn thông", "network_node", "Hạ tầng kỹ thuật"),
    ("smart_elements", "Thiết bị đô thị thông minh", "smart_element", "Đô thị thông minh"),
    # rasters last: the store writes layers in insertion order, and a raster written into a fresh file
    # before any GeoPackage table is lost when GDAL then creates the file (reported to the core)
    ("dem", "Địa hình (DEM)", None, "Địa hình"),
]
GROUP_ORDER = ["Đô thị thông minh", "Hạ tầng kỹ thuật", "Giao thông", "Quy hoạch", "Địa hình"]
HIDDEN = {"net_water_nodes", "net_drainage_nodes", "net_energy_nodes", "net_telecom_nodes", "net_water",
          "net_drainage", "net_energy", "net_telecom", "net_lighting", "net_lighting_nodes"}


def build_sample_project(out: str | Path | None = None, source: Path = DISTRICT) -> Path:
    """Import the sample sources into a new project (one layer per table, grouped) and save it."""
    import pyogrio

    from cim.project import PlanMetadata, Project
    from cim.project.edits import SetLayerVisibility
    from cim.project.importing import import_layer
    from cim.project.store import save_project
    from layers.render.defaults import default_style

    plan = json.loads((source / "plan.json").read_text(encoding="utf-8"))
    project = Project(crs=plan.get("crs", "EPSG:9208"), metadata=PlanMetadata.from_dict(plan))
    groups = {name: project.tree.add_group(name) for name in GROUP_ORDER}
    tables = {str(r[0]) for r in pyogrio.list_layers(source / "sources.gpkg")}
    for table, name, kind, group in LAYERS:
        if table == "dem":
            if (source / "dem.tif").exists():
                rec = import_layer(project, source / "dem.tif", name=name, parent_id=groups[group].id)
                rec.style = {"mode": "dem", "ramp": "terrain", "hillshade": True, "opacity": 0.55}
            continue
        if table not in tables:
            continue
        rec = import_layer(project, source / "sources.gpkg", layer=table, name=name, object_kind=kind,
                           parent_id=groups[group].id)
        geom = str(rec.data.geom_type.iloc[0]) if len(rec.data) else ""
        rec.style = default_style(table, kind, list(rec.data.columns), geom, "vi")
        # the tree shows the first imported at the bottom of each group: new layers go on top
        if table in HIDDEN:
            project.push(SetLayerVisibility(project, project.tree.find_layer(rec.id).id, False))
    project.undo_stack.clear()
    if out is None:
        out = Path(tempfile.mkdtemp(prefix="cimstudio_sample_")) / "district.cim.gpkg"
    return save_project(project, out)


if __name__ == "__main__":   # python -m app.sample OUT.cim.gpkg
    import sys

    print(build_sample_project(sys.argv[1] if len(sys.argv) > 1 else None))
