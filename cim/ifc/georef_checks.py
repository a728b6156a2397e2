"""Checks on an IFC model's georeferencing (rule GEO-01): CRS present and on VN-2000, grid vs true
north, inside the plan boundary, and the LoGeoRef level (10–50, Clemen & Görne 2019)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from cim.findings import Finding
from cim.ifc.georef import Georef, georef_finding

VN2000_EPSG = frozenset({4756, 3405, 3406, 5896, 5897, 5898, 5899, *range(9205, 9219)})


@dataclass
class LoGeoRef:
    level: int                 # highest level met: 0, 10, 20, 30, 40, 50
    met: dict[int, bool]

    def to_dict(self) -> dict:
        return {"level": self.level, "met": {str(k): v for k, v in self.met.items()}}


def is_vn2000_epsg(code: int | None) -> bool:
    if code is None:
        return False
    try:
        from cim.crs import is_vn2000

        return bool(is_vn2000(f"EPSG:{code}"))
    except Exception:  # the catalogue is optional here; fall back on the EPSG list of DOMAIN.md §4
        return code in VN2000_EPSG


def logeoref(ifc) -> LoGeoRef:
    """LoGeoRef 10: postal address; 20: site lat/long; 30: site placement offset from the origin;
    40: world coordinate system or true north in the context; 50: map conversion with a projected CRS."""
    met = {10: False, 20: False, 30: False, 40: False, 50: False}
    for cls in ("IfcSite", "IfcBuilding"):
        for obj in ifc.by_type(cls):
            if getattr(obj, "SiteAddress", None) or getattr(obj, "BuildingAddress", None):
                met[10] = True
    for site in ifc.by_type("IfcSite"):
        if site.RefLatitude and site.RefLongitude:
            met[20] = True
        pl = site.ObjectPlacement
        try:
            loc = pl.RelativePlacement.Location.Coordinates
            if any(abs(v) > 0 for v in loc):
                met[30] = True
        except AttributeError:
            pass
    for ctx in ifc.by_type("IfcGeometricRepresentationContext"):
        if ctx.is_a("IfcGeometricRepresentationSubContext"):
            continue
        wcs = getattr(ctx, "WorldCoordinateSystem", None)
        try:
            if any(abs(v) > 0 for v in wcs.Location.Coordinates) or ctx.TrueNorth is not None:
                met[40] = True
        except AttributeError:
            pass
    if ifc.schema != "IFC2X3":
        for op in ifc.by_type("IfcMapConversion"):
            if op.TargetCRS is not None:
                met[50] = True
    else:
        import ifcopenshell.util.element as el

        for obj in ifc.by_type("IfcProject") + ifc.by_type("IfcSite"):
            if el.get_pset(obj, "ePSet_MapConversion") and el.get_pset(obj, "ePSet_ProjectedCRS"):
                met[50] = True
    level = max([k for k, v in met.items() if v], default=0)
    return LoGeoRef(level, met)


def check_georef(g: Georef, *, footprint=None, plan_boundary=None) -> list[Finding]:
    """Findings on ``g`` beyond those found while reading it. ``footprint`` and ``plan_boundary`` are
    shapely geometries in the map CRS (the model's footprint after georeferencing, the plan area)."""
    out: list[Finding] = list(g.warnings)
    if not g.present:
        out.append(georef_finding(
            "NO_GEOREF", "The model has no georeferencing (no IfcMapConversion, no ePSet_MapConversion): "
            "place it by hand (anchor point, rotation, CRS).",
            "Mô hình chưa được định vị (không có IfcMapConversion/ePSet_MapConversion): hãy định vị thủ công.",
            severity="E"))
        return out
    if g.crs_name is None or g.epsg is None:
        out.append(georef_finding(
            "NO_CRS", f"The map conversion names no EPSG CRS ({g.crs_name or 'none'}).",
            f"Phép chuyển đổi không nêu hệ toạ độ EPSG ({g.crs_name or 'không có'}).", severity="E"))
    elif not is_vn2000_epsg(g.epsg):
        out.append(georef_finding(
            "CRS_NOT_VN2000", f"EPSG:{g.epsg} is not a VN-2000 CRS (Decree 269 Art. 21.3(a)): "
            "transform it to the project's VN-2000 TM-3 zone.",
            f"EPSG:{g.epsg} không thuộc hệ VN-2000 (Điều 21.3(a) Nghị định 269).", severity="E"))
    out.extend(_north(g))
    if plan_boundary is not None and footprint is not None and not footprint.is_empty:
        if not plan_boundary.intersects(footprint):
            out.append(georef_finding(
                "OUTSIDE_PLAN", "The georeferenced model lies outside the plan boundary.",
                "Mô hình sau định vị nằm ngoài ranh giới quy hoạch.", severity="E"))
        elif not plan_boundary.buffer(1.0).contains(footprint):
            out.append(georef_finding("PARTLY_OUTSIDE_PLAN", "The model lies partly outside the plan boundary.",
                                     "Mô hình nằm một phần ngoài ranh giới quy hoạch."))
    return out


def grid_convergence_deg(g: Georef) -> float | None:
    """Angle from true north to grid north at the model's origin, or None when the CRS is unknown."""
    if g.epsg is None:
        return None
    try:
        from pyproj import CRS, Proj

        crs = CRS.from_epsg(g.epsg)
        if not crs.is_projected:
            return None
        lon, lat = _to_lonlat(crs, g.eastings, g.northings)
        return float(Proj(crs).get_factors(lon, lat).meridian_convergence)
    except Exception:
        return None


def _to_lonlat(crs, e, n):
    from pyproj import Transformer

    t = Transformer.from_crs(crs, crs.geodetic_crs, always_xy=True)
    return t.transform(e, n)


def _north(g: Georef) -> list[Finding]:
    """True north (context) vs the rotation of the map conversion (grid north), allowing for convergence."""
    if g.true_north is None:
        return []
    tx, ty = g.true_north
    if tx == 0 and ty == 0:
        return []
    tn_local = math.degrees(math.atan2(-tx, ty))                 # anticlockwise from local +y
    grid_local = -g.rotation_deg                                 # grid north seen in local coordinates
    conv = grid_convergence_deg(g) or 0.0
    diff = (tn_local - grid_local - conv + 180.0) % 360.0 - 180.0
    if abs(diff) <= 1.0:
        return []
    if abs(g.rotation_deg) < 1e-6:
        text = (f"True north is turned {tn_local:.2f}° in the model but the map conversion has no rotation: "
                "grid north and true north may have been confused.",
                f"Hướng bắc thực xoay {tn_local:.2f}° nhưng phép chuyển đổi không xoay: có thể nhầm bắc lưới và bắc thực.")
    else:
        text = (f"True north ({tn_local:.2f}°) and the map conversion's grid north ({grid_local:.2f}°) differ by "
                f"{diff:.2f}° beyond the grid convergence ({conv:.2f}°).",
                f"Bắc thực ({tn_local:.2f}°) và bắc lưới ({grid_local:.2f}°) lệch {diff:.2f}°.")
    return [georef_finding("NORTH_MISMATCH", *text)]
