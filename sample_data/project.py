"""Build the bundled sample project ``sample_data/district.cim.gpkg`` from the generated sources.

    python -m sample_data.project [--src DIR] [--out FILE]

Every layer goes through the same import path a user's file takes (``cim.project.importing``), the
layers are grouped as a planner would group them, and the plan metadata comes from ``plan.json``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SRC = HERE / "district"
DEFAULT_OUT = HERE / "district.cim.gpkg"

# tree groups, top to bottom, with their layers top to bottom
GROUPS: list[tuple[str, list[str]]] = [
    ("Đô thị thông minh", ["smart_elements"]),
    ("Giao thông", ["stations", "station_entrances", "station_platforms", "rail", "corridors", "roads"]),
    ("Hạ tầng kỹ thuật", ["net_water_nodes", "net_water", "net_drainage_nodes", "net_drainage",
                          "net_energy_nodes", "net_energy", "net_lighting_nodes", "net_lighting",
                          "net_telecom_nodes", "net_telecom"]),
    ("Quy hoạch", ["boundary", "buildings", "water_bodies", "plots"]),
    ("Địa hình", ["dem"]),
]
# Data responsibility per layer (seed 001 task 13; META-02). Synthetic, like everything here: the agencies
# follow seed 001's assignment (Sở Xây dựng: lighting, water, drainage, planning; Công an: traffic;
# Sở Công thương: energy; Sở Nông nghiệp và Môi trường: terrain, water bodies), the dates are chosen so
# every layer is current on the plan's decision date (2026-01-15).
_LICENCE = "CC-BY-4.0 (dữ liệu mẫu tổng hợp / synthetic sample data)"
_SXD = "Sở Xây dựng tỉnh Phú Thọ (giả định)"
_TV = "Đơn vị tư vấn lập quy hoạch (giả định)"
LAYER_INFO: dict[str, tuple[str, str, str, str]] = {   # layer -> provider, cycle, source date, quality
    "smart_elements": (_SXD, "monthly", "2026-01-05", "checked"),
    "stations": ("Cục Đường sắt Việt Nam (giả định)", "asNeeded", "2025-09-30", "verified"),
    "station_entrances": ("Cục Đường sắt Việt Nam (giả định)", "asNeeded", "2025-09-30", "verified"),
    "station_platforms": ("Cục Đường sắt Việt Nam (giả định)", "asNeeded", "2025-09-30", "verified"),
    "rail": ("Cục Đường sắt Việt Nam (giả định)", "asNeeded", "2025-09-30", "verified"),
    "corridors": (_TV, "asNeeded", "2025-11-10", "checked"),
    "roads": ("Công an tỉnh Phú Thọ – dữ liệu giao thông (giả định)", "annually", "2025-06-30", "verified"),
    "net_water_nodes": (_SXD, "quarterly", "2025-11-20", "checked"),
    "net_water": (_SXD, "quarterly", "2025-11-20", "checked"),
    "net_drainage_nodes": (_SXD, "quarterly", "2025-11-20", "checked"),
    "net_drainage": (_SXD, "quarterly", "2025-11-20", "checked"),
    "net_energy_nodes": ("Sở Công Thương tỉnh Phú Thọ (giả định)", "quarterly", "2025-12-15", "checked"),
    "net_energy": ("Sở Công Thương tỉnh Phú Thọ (giả định)", "quarterly", "2025-12-15", "checked"),
    "net_lighting_nodes": (_SXD, "quarterly", "2025-11-20", "checked"),
    "net_lighting": (_SXD, "quarterly", "2025-11-20", "checked"),
    "net_telecom_nodes": ("Sở Khoa học và Công nghệ tỉnh Phú Thọ (giả định)", "biannually", "2025-10-01", "provisional"),
    "net_telecom": ("Sở Khoa học và Công nghệ tỉnh Phú Thọ (giả định)", "biannually", "2025-10-01", "provisional"),
    "boundary": (_TV, "asNeeded", "2025-11-10", "verified"),
    "buildings": (_TV, "annually", "2025-11-10", "checked"),
    "water_bodies": ("Sở Nông nghiệp và Môi trường tỉnh Phú Thọ (giả định)", "annually", "2025-08-01", "verified"),
    "plots": (_TV, "asNeeded", "2025-12-20", "checked"),
    "dem": ("Sở Nông nghiệp và Môi trường tỉnh Phú Thọ (giả định)", "notPlanned", "2024-06-01", "verified"),
}


def apply_sample_layer_info(project) -> None:
    """Give every sample layer its data responsibility (plain assignment: part of building the sample)."""
    for rec in project.layers.values():
        provider, cycle, date, quality = LAYER_INFO[rec.name]
        rec.info = {"provider": provider, "update_cycle": cycle, "source_date": date, "quality": quality,
                    "licence": _LICENCE}


HIDDEN = {"net_water_nodes", "net_drainage_nodes", "net_energy_nodes", "net_lighting_nodes",
          "net_telecom_nodes", "net_water", "net_energy", "net_telecom", "corridors", "station_platforms"}


def build_sample_project(src: Path = DEFAULT_SRC, out: Path = DEFAULT_OUT, feedback=None) -> Path:
    from cim.model.taxonomy import kind_for_layer
    from cim.project import PlanMetadata, Project
    from cim.project.edits import SetLayerVisibility
    from cim.project.importing import import_layer
    from cim.project.store import save_project

    plan = json.loads((src / "plan.json").read_text(encoding="utf-8"))
    project = Project(crs=plan.get("crs", "EPSG:9208"), metadata=PlanMetadata.from_dict(plan))
    sources = src / "sources.gpkg"
    for group_name, names in GROUPS:
        group = project.tree.add_group(group_name)
        for name in reversed(names):          # each import goes on top of its group
            if name == "dem":
                rec = import_layer(project, src / "dem.tif", name="dem", parent_id=group.id, layer_id="lyr_dem")
                rec.style = {"type": "dem", "ramp": "terrain", "hillshade": True}
                continue
            found = kind_for_layer(name)
            rec = import_layer(project, sources, layer=name, name=name, parent_id=group.id,
                               layer_id=f"lyr_{name}", object_kind=found[0].code if found else None,
                               feedback=feedback)
            if found and found[1]:
                rec.source["system"] = found[1]
            if name in HIDDEN:
                project.push(SetLayerVisibility(project, project.tree.find_layer(rec.id).id, False))
    apply_sample_layer_info(project)
    out.unlink(missing_ok=True)
    return save_project(project, out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sample_data.project", description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    path = build_sample_project(args.src, args.out)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
