"""Georeferencing of an IFC model: read it, decide the unit scale deliberately, transform points.

Sources, in order: ``IfcMapConversion`` (incl. IFC4.3 ``IfcMapConversionScaled``) with
``IfcProjectedCRS``; ``IfcRigidOperation``; the IFC2X3 property sets ``ePSet_MapConversion`` /
``ePSet_ProjectedCRS`` on IfcProject, else on IfcSite.

**The unit-scale trap.** ``map = Scale · R(θ) · local + (E, N)`` with ``local`` in the project
length unit. When ``Scale`` is empty the IFC spec says 1.0, but a model in millimetres with map
unit metre then lands 1000× too far from the origin. CIM Studio's decision (``empty_scale="derive"``,
the default): when ``Scale`` is empty, derive it as *project length unit ÷ map unit* and warn
(``SCALE_DERIVED``). ``empty_scale="literal"`` applies the spec's 1.0 (what ifcopenshell does).
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field

from cim.findings import Finding, severity_of
from cim.text import Text

_EPSG_RE = re.compile(r"EPSG\s*[:/]?\s*(\d{4,6})", re.I)


def georef_finding(code: str, en: str, vi: str, severity: str = "W") -> Finding:
    """A georeferencing :class:`~cim.findings.Finding` (``code`` such as ``SCALE_DERIVED``, ``NO_GEOREF``)."""
    return Finding(severity_of(severity), code, Text(vi, en))


@dataclass
class Georef:
    """The parameters of the local → map operation, and how they were found."""

    source: str = "none"                 # IfcMapConversion | IfcMapConversionScaled | IfcRigidOperation | ePSet (IfcProject) …
    eastings: float = 0.0
    northings: float = 0.0
    height: float = 0.0
    xaa: float = 1.0
    xao: float = 0.0
    scale_declared: float | None = None
    factors: tuple[float, float, float] = (1.0, 1.0, 1.0)
    crs_name: str | None = None
    epsg: int | None = None
    map_unit_m: float | None = None      # None: MapUnit not given (taken as metre)
    length_unit_m: float = 1.0           # project length unit in metres
    empty_scale: str = "derive"
    true_north: tuple[float, float] | None = None
    warnings: list[Finding] = field(default_factory=list)

    @property
    def present(self) -> bool:
        return self.source != "none"

    @property
    def scale(self) -> float:
        """Effective Scale (local unit → map unit)."""
        if self.scale_declared is not None:
            return float(self.scale_declared)
        if self.empty_scale == "literal":
            return 1.0
        return self.length_unit_m / (self.map_unit_m or 1.0)

    @property
    def rotation_deg(self) -> float:
        return math.degrees(math.atan2(self.xao, self.xaa))

    def _similarity(self) -> tuple[float, float, float, tuple[float, float, float]]:
        """Scale per metre, cos and sin of the rotation, per-axis factors of the map conversion."""
        n = math.hypot(self.xaa, self.xao) or 1.0
        return self.scale / self.length_unit_m, self.xaa / n, self.xao / n, tuple(self.factors)

    def map_from_metres(self, xyz):
        """Vectorised: points in metres (as ``ifcopenshell.geom`` returns them) → map coordinates."""
        import numpy as np

        p = np.asarray(xyz, dtype=np.float64).reshape(-1, 3)
        k, c, s, (fx, fy, fz) = self._similarity()
        x, y = p[:, 0] * (k * fx), p[:, 1] * (k * fy)
        out = np.empty_like(p)
        out[:, 0] = self.eastings + c * x - s * y
        out[:, 1] = self.northings + s * x + c * y
        out[:, 2] = self.height + p[:, 2] * (k * fz)
        return out

    def map_from_local_units(self, xyz):
        """Points in the project length unit (as written in the IFC file) → map coordinates."""
        import numpy as np

        return self.map_from_metres(np.asarray(xyz, dtype=np.float64) * self.length_unit_m)

    def metres_from_map(self, enh):
        """The inverse of :meth:`map_from_metres`."""
        import numpy as np

        p = np.asarray(enh, dtype=np.float64).reshape(-1, 3)
        k, c, s, (fx, fy, fz) = self._similarity()
        dx, dy = p[:, 0] - self.eastings, p[:, 1] - self.northings
        out = np.empty_like(p)
        out[:, 0] = (c * dx + s * dy) / (k * fx)
        out[:, 1] = (-s * dx + c * dy) / (k * fy)
        out[:, 2] = (p[:, 2] - self.height) / (k * fz)
        return out

    def to_dict(self) -> dict:
        d = asdict(self)
        d["warnings"] = [w.to_dict() for w in self.warnings]
        d["scale_effective"] = self.scale
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Georef:
        d = dict(d)
        d.pop("scale_effective", None)
        d["warnings"] = [Finding.from_dict(w) for w in d.get("warnings", [])]
        d["factors"] = tuple(d.get("factors", (1.0, 1.0, 1.0)))
        if d.get("true_north") is not None:
            d["true_north"] = tuple(d["true_north"])
        return cls(**d)


def epsg_of(name: str | None) -> int | None:
    m = _EPSG_RE.search(name or "")
    return int(m.group(1)) if m else None


def length_unit_metres(ifc) -> float:
    import ifcopenshell.util.unit as unit

    try:
        return float(unit.calculate_unit_scale(ifc, "LENGTHUNIT"))
    except Exception:
        return 1.0


def _unit_metres(u) -> float | None:
    if u is None:
        return None
    import ifcopenshell.util.unit as unit

    try:
        if u.is_a("IfcSIUnit"):
            return float(unit.get_prefix_multiplier(u.Prefix)) if u.Prefix else 1.0
        if u.is_a("IfcConversionBasedUnit"):
            return float(u.ConversionFactor.ValueComponent.wrappedValue) * (_unit_metres(
                u.ConversionFactor.UnitComponent) or 1.0)
    except Exception:
        return None
    return None


_EPSET_UNITS = {"METRE": 1.0, "MILLIMETRE": 0.001, "CENTIMETRE": 0.01, "FOOT": 0.3048, "US_SURVEY_FOOT": 1200 / 3937}


def read_georef(ifc, *, empty_scale: str = "derive") -> Georef:
    """Read the georeferencing of ``ifc`` (an ``ifcopenshell.file``). Never raises for missing data:
    what is missing or suspicious is in :attr:`Georef.warnings` (see :mod:`cim.ifc.georef_checks`)."""
    if empty_scale not in ("derive", "literal"):
        raise ValueError("empty_scale must be 'derive' or 'literal'")
    g = Georef(length_unit_m=length_unit_metres(ifc), empty_scale=empty_scale)
    g.true_north = _true_north(ifc)
    ops = [] if ifc.schema == "IFC2X3" else list(ifc.by_type("IfcCoordinateOperation"))
    if ops:
        op = ops[0]
        if len(ops) > 1:
            g.warnings.append(georef_finding(
                "SEVERAL_OPERATIONS", f"{len(ops)} coordinate operations in the file; the first one "
                f"(#{op.id()}) is used.", f"Tệp có {len(ops)} phép chuyển đổi toạ độ; dùng phép đầu tiên."))
        _from_operation(g, op)
    else:
        _from_epsets(g, ifc)
    if g.present and g.scale_declared is None and g.length_unit_m != (g.map_unit_m or 1.0):
        derived = g.length_unit_m / (g.map_unit_m or 1.0)
        if empty_scale == "derive":
            g.warnings.append(georef_finding(
                "SCALE_DERIVED",
                f"Scale is empty while the model is in {_unit_name(g.length_unit_m)} and the map unit is "
                f"{_unit_name(g.map_unit_m or 1.0)}; read literally (Scale = 1) the model would land "
                f"{1 / derived:g}× too far from the origin. CIM Studio uses Scale = {derived:g} "
                "(project length unit ÷ map unit).",
                f"Thuộc tính Scale để trống trong khi mô hình dùng đơn vị {_unit_name(g.length_unit_m)}, "
                f"bản đồ dùng {_unit_name(g.map_unit_m or 1.0)}; nếu hiểu Scale = 1, mô hình sẽ lệch "
                f"{1 / derived:g} lần. CIM Studio dùng Scale = {derived:g}."))
        else:
            g.warnings.append(georef_finding(
                "SCALE_LITERAL",
                f"Scale is empty and taken as 1 (the IFC default) although the model is in "
                f"{_unit_name(g.length_unit_m)}: positions are scaled {1 / derived:g}× from the origin.",
                f"Scale để trống được hiểu là 1; vị trí bị phóng {1 / derived:g} lần so với gốc.",
                severity="E"))
    return g


def _unit_name(m: float) -> str:
    names = {1.0: "metres", 0.001: "millimetres", 0.01: "centimetres", 0.3048: "feet"}
    return names.get(round(m, 6), f"units of {m:g} m")


def _from_operation(g: Georef, op) -> None:
    g.source = op.is_a()
    crs = getattr(op, "TargetCRS", None)
    if crs is not None:
        g.crs_name = crs.Name
        g.epsg = epsg_of(crs.Name)
        if crs.is_a("IfcProjectedCRS"):
            g.map_unit_m = _unit_metres(crs.MapUnit)
    if op.is_a("IfcMapConversion"):
        g.eastings, g.northings = float(op.Eastings or 0.0), float(op.Northings or 0.0)
        g.height = float(op.OrthogonalHeight or 0.0)
        xaa, xao = op.XAxisAbscissa, op.XAxisOrdinate
        g.xaa, g.xao = (1.0, 0.0) if not xaa and not xao else (float(xaa or 0.0), float(xao or 0.0))
        g.scale_declared = float(op.Scale) if op.Scale is not None else None
        if op.is_a("IfcMapConversionScaled"):
            g.factors = (float(op.FactorX), float(op.FactorY), float(op.FactorZ))
    elif op.is_a("IfcRigidOperation"):
        g.eastings = float(op.FirstCoordinate.wrappedValue)
        g.northings = float(op.SecondCoordinate.wrappedValue)
        g.height = float(op.Height or 0.0)
        g.scale_declared = 1.0


def _from_epsets(g: Georef, ifc) -> None:
    import ifcopenshell.util.element as el

    for cls in ("IfcProject", "IfcSite"):
        for obj in ifc.by_type(cls):
            conv = el.get_pset(obj, "ePSet_MapConversion")
            if not conv:
                continue
            crs = el.get_pset(obj, "ePSet_ProjectedCRS") or {}
            g.source = f"ePSet_MapConversion ({cls})"
            g.eastings = float(conv.get("Eastings") or 0.0)
            g.northings = float(conv.get("Northings") or 0.0)
            g.height = float(conv.get("OrthogonalHeight") or 0.0)
            xaa, xao = conv.get("XAxisAbscissa"), conv.get("XAxisOrdinate")
            g.xaa, g.xao = (1.0, 0.0) if not xaa and not xao else (float(xaa or 0.0), float(xao or 0.0))
            g.scale_declared = float(conv["Scale"]) if conv.get("Scale") is not None else None
            g.crs_name = crs.get("Name")
            g.epsg = epsg_of(g.crs_name)
            unit = str(crs.get("MapUnit") or "").upper().replace(" ", "_")
            g.map_unit_m = _EPSET_UNITS.get(unit)
            return


def _true_north(ifc) -> tuple[float, float] | None:
    for ctx in ifc.by_type("IfcGeometricRepresentationContext"):
        if ctx.is_a("IfcGeometricRepresentationSubContext"):
            continue
        tn = getattr(ctx, "TrueNorth", None)
        if tn is not None:
            r = tn.DirectionRatios
            return float(r[0]), float(r[1])
    return None
