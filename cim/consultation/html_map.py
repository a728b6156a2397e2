"""The offline public-consultation map: one HTML file with Leaflet (resources/leaflet, inlined), the plan's
layers as GeoJSON in WGS 84 (pinned VN-2000 → WGS 84 transform, EPSG:6960) and a comment form."""

from __future__ import annotations

import json
from pathlib import Path

from cim.consultation import CONSENT_EN, CONSENT_VI, TOPICS
from cim.errors import CimInputError

LEAFLET = Path(__file__).resolve().parents[2] / "resources" / "leaflet"
PAGE = Path(__file__).with_name("page.html")
CATEGORY_COLOURS = {"residential": "#f6c35b", "mixed_use": "#e08a4c", "commercial": "#e06666", "public_service": "#c27ba0",
                    "education": "#b4a7d6", "health": "#d5a6bd", "green_space": "#93c47d", "water": "#9fc5e8",
                    "transport": "#cccccc", "technical_infrastructure": "#a0a0a0", "industrial": "#b7b7b7"}
# (object kind, label, stroke, fill, properties kept): what a citizen sees, no personal data
LAYERS = (("boundary", "Ranh giới quy hoạch", "#c62828", "#ffffff", ()),
          ("plot", "Lô đất (chức năng, chỉ tiêu)", "#666666", "#f6c35b", ("code", "category", "far", "density", "height_max_m", "floors_max")),
          ("road", "Đường giao thông", "#555555", "#555555", ("name", "road_class", "width_m")),
          ("station", "Nhà ga", "#b71c1c", "#e53935", ("name",)),
          ("smart_element", "Thiết bị đô thị thông minh", "#0d47a1", "#1e88e5", ("type", "system", "status")))


POPUP_NAMES = {"code": "Ký hiệu lô", "category": "Chức năng sử dụng đất", "far": "Hệ số sử dụng đất",
               "density": "Mật độ xây dựng (%)", "height_max_m": "Chiều cao tối đa (m)", "floors_max": "Số tầng tối đa",
               "name": "Tên", "road_class": "Cấp đường", "width_m": "Bề rộng (m)", "type": "Loại thiết bị",
               "system": "Hệ thống", "status": "Hiện trạng"}
STATUS_VI = {"existing": "hiện có", "planned": "quy hoạch mới"}


def _frame(rec, keep, crs):
    import numpy as np
    import shapely

    from cim.crs.transform import reproject_frame

    cols = [c for c in keep if c in rec.data.columns]
    gdf = rec.data[cols + ["geometry"]].copy()
    gdf = reproject_frame(gdf if gdf.crs else gdf.set_crs(crs), gdf.crs or crs, "EPSG:4326")
    gdf["geometry"] = shapely.transform(gdf.geometry.to_numpy(), lambda c: np.round(c, 6))
    return gdf


def build_page(project, *, title: str = "") -> str:
    from cim.model.taxonomy import element_types, landuse_categories, smart_systems

    md = project.metadata
    if not md.plan_id:
        raise CimInputError(project.path, "the plan has no id (plan_id)", hint="set it in the plan metadata first")
    cats = {c: v.name_vi for c, v in landuse_categories().items()}
    types = {c: v.name_vi for c, v in element_types().items()}
    systems = {c: v.name_vi for c, v in smart_systems().items()}
    layers = []
    for kind, label, stroke, fill, keep in LAYERS:
        for rec in project.layers_of_kind(kind):
            if rec.kind != "vector" or not len(rec.data):
                continue
            gdf = _frame(rec, keep, project.crs)
            style = {"stroke": stroke, "fill": fill, "width": 2 if kind in ("boundary", "road") else 1,
                     "fill_opacity": 0.0 if kind == "boundary" else 0.6, "radius": 6 if kind == "station" else 4}
            if kind == "plot" and "category" in gdf.columns:
                gdf["category"] = gdf["category"].map(lambda v: cats.get(v, v))
                style.update(by=POPUP_NAMES["category"], colours={cats.get(k, k): v for k, v in CATEGORY_COLOURS.items()})
            for col, names in (("type", types), ("system", systems), ("status", STATUS_VI)):
                if kind == "smart_element" and col in gdf.columns:
                    gdf[col] = gdf[col].map(lambda v, names=names: names.get(v, v))
            gdf = gdf.rename(columns=POPUP_NAMES)
            layers.append({"label": label if len(project.layers_of_kind(kind)) == 1 else f"{label}: {rec.label}",
                           "style": style, "geojson": json.loads(gdf.to_json(drop_id=True, na="null"))})
    if not layers:
        raise CimInputError(project.path, "the plan has no layer a citizen could read (boundary, plots, roads …)")
    data = {"plan_id": md.plan_id, "layers": layers, "topics": {k: list(v) for k, v in TOPICS.items()},
            "consent": CONSENT_VI, "legend": [[cats.get(k, k), v] for k, v in CATEGORY_COLOURS.items()]}
    page = PAGE.read_text(encoding="utf-8")
    blob = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    from html import escape

    for key, value in (("__TITLE__", escape(title or md.name or md.plan_id)), ("__PLAN_ID__", escape(md.plan_id)),
                       ("__CONSENT_VI__", escape(CONSENT_VI)), ("__CONSENT_EN__", escape(CONSENT_EN))):
        page = page.replace(key, value)
    page = page.replace("__LEAFLET_CSS__", (LEAFLET / "leaflet.css").read_text(encoding="utf-8"))
    page = page.replace("__DATA__", blob)
    return page.replace("__LEAFLET_JS__", (LEAFLET / "leaflet.js").read_text(encoding="utf-8").replace("</script", "<\\/script"))


def export_consultation_map(project, out: str | Path, *, title: str = "") -> Path:
    out = Path(out)
    out.write_text(build_page(project, title=title), encoding="utf-8")
    return out
