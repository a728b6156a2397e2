"""Placing an IFC model by hand (anchor, rotation, CRS) as an undoable command, and writing the
corrected ``IfcMapConversion`` into a NEW IFC file (never over the source)."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

from cim.commands import Command
from cim.errors import CimInputError
from cim.ifc.georef import Georef, epsg_of, georef_finding


def placed_georef(old: Georef, *, eastings: float, northings: float, height: float = 0.0,
                  rotation_deg: float = 0.0, crs: str | None = None, scale: float | None = None) -> Georef:
    """A georeferencing that puts the model's origin at (E, N, H), its x axis ``rotation_deg``
    anticlockwise from grid east. ``scale`` defaults to project length unit ÷ metre (explicit)."""
    rot = math.radians(rotation_deg)
    crs = crs or old.crs_name
    return replace(old, source="placed by hand", eastings=float(eastings), northings=float(northings),
                   height=float(height), xaa=math.cos(rot), xao=math.sin(rot),
                   scale_declared=float(scale) if scale is not None else old.length_unit_m,
                   factors=(1.0, 1.0, 1.0), crs_name=crs, epsg=epsg_of(crs), map_unit_m=1.0, warnings=[])


def parse_place(text: str) -> tuple[float, float, float]:
    """``"E,N[,rotation°]"`` → (E, N, rotation); :class:`CimInputError` when it is not that."""
    parts = [p.strip() for p in str(text).split(",")]
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) not in (2, 3) or not all(math.isfinite(v) for v in values):
        raise CimInputError(None, f"--place {text!r} is not E,N or E,N,rotation (numbers, rotation in degrees "
                                  "anticlockwise from grid east)", hint="e.g. --place 564980.5,2359410,12.5")
    return values[0], values[1], values[2] if len(values) == 3 else 0.0


class MissingGeoref(CimInputError):
    """A model without georeferencing was imported without saying where it goes."""


def placement_at_import(path, g: Georef, place: tuple[float, ...] | None, crs: str | None) -> Georef:
    """``g`` when the model is georeferenced; else the placement the user gave (origin at E, N of the
    project CRS, x axis turned by the rotation). A model with no georeferencing and no placement is
    refused: putting it at (0, 0) of the project CRS would put it kilometres away, silently."""
    if g.present:
        return g
    if place is None:
        raise MissingGeoref(path, "the model has no georeferencing (no IfcMapConversion, no ePSet_MapConversion), "
                                  "so CIM Studio cannot know where it stands / mô hình IFC chưa được định vị, "
                                  "không biết đặt ở đâu",
                            hint="say where its origin goes in the project CRS: --place E,N[,rotation°] "
                                 "(or georeference the file first: cimstudio georef FILE --place E N --write NEW.ifc)")
    e, n, *rest = place
    rot = float(rest[0]) if rest else 0.0
    new = placed_georef(g, eastings=e, northings=n, rotation_deg=rot, crs=crs)
    new.warnings.append(georef_finding(
        "PLACED_AT_IMPORT", f"The model had no georeferencing; its origin was placed at E {e:.3f}, N {n:.3f} "
        f"(rotation {rot:g}°) of {crs or 'the project CRS'} as asked at import.",
        f"Mô hình chưa được định vị; gốc toạ độ được đặt tại E {e:.3f}, N {n:.3f} (xoay {rot:g}°) "
        f"theo {crs or 'hệ toạ độ của dự án'} khi nhập.", severity="I"))
    return new


class PlaceIfcModel(Command):
    """Set an ``ifc`` layer's georeferencing; moves its footprints and the layers derived from it."""

    def __init__(self, project, layer_id: str, georef: Georef) -> None:
        self.project, self.layer_id, self.new = project, layer_id, georef
        rec = project.layer(layer_id)
        if rec.kind != "ifc":
            raise CimInputError(project.path, f"layer {rec.name!r} is not an IFC model", obj=rec.name)
        self.old = rec.data.georef
        self.text = f"Place IFC model {rec.name}"
        self._frames: dict[str, tuple] = {}

    def _derived(self):
        return [r for r in self.project.layers.values() if r.source.get("ifc_layer") == self.layer_id]

    def _move(self, gdf, src: Georef, dst: Georef):
        """Footprints (in the layer CRS) → model metres with ``src`` → map with ``dst`` → layer CRS.
        A georeferencing's map CRS is its EPSG code, else the layer's (as :func:`analyse_ifc` assumes)."""
        import shapely

        layer_crs = gdf.crs.to_string() if gdf.crs is not None else self.project.crs
        src_crs, dst_crs = _map_crs(src, layer_crs), _map_crs(dst, layer_crs)

        def fn(xy):
            import numpy as np

            x, y = _reproject(xy[:, 0], xy[:, 1], layer_crs, src_crs)
            local = src.metres_from_map(np.column_stack([x, y, np.zeros(len(xy))]))
            enh = dst.map_from_metres(local)
            return np.column_stack(_reproject(enh[:, 0], enh[:, 1], dst_crs, layer_crs))

        out = gdf.copy()
        out.geometry = shapely.transform(gdf.geometry.to_numpy(), fn)
        return out

    def redo(self) -> None:
        rec = self.project.layer(self.layer_id)
        if not self._frames:
            self._frames[rec.id] = (rec.data.buildings, self._move(rec.data.buildings, self.old, self.new))
            for d in self._derived():
                self._frames[d.id] = (d.data, self._move(d.data, self.old, self.new))
        rec.data.georef = self.new
        self._apply(1)

    def undo(self) -> None:
        self.project.layer(self.layer_id).data.georef = self.old
        self._apply(0)

    def _apply(self, which: int) -> None:
        for lid, frames in self._frames.items():
            rec = self.project.layer(lid)
            if rec.kind == "ifc":
                rec.data.buildings = frames[which]
            else:
                rec.data = frames[which]
            self.project.mark_dirty(lid)
            self.project.features_changed.emit(lid, None)
        self.project.layer_changed.emit(self.layer_id)


def _map_crs(g: Georef, layer_crs: str | None) -> str | None:
    return f"EPSG:{g.epsg}" if g.epsg else layer_crs


def _same_crs(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    from pyproj import CRS

    return CRS.from_user_input(a) == CRS.from_user_input(b)


def _reproject(x, y, src: str | None, dst: str | None):
    if _same_crs(src, dst):
        return x, y
    from cim.crs.transform import transform_xy

    return transform_xy(x, y, src, dst)


def write_georeferenced_copy(source: str | Path, target: str | Path, georef: Georef, *,
                             feedback=None) -> Path:
    """Write ``source`` with ``georef`` as its only map conversion into ``target`` (a new file).

    IFC4/IFC4.3: ``IfcMapConversion`` + ``IfcProjectedCRS`` with an explicit ``Scale``;
    IFC2X3: ``ePSet_MapConversion`` / ``ePSet_ProjectedCRS`` on IfcProject.

    The source is parsed and the copy written in a child process with the IFC time and memory limits
    (:mod:`cim.ifc.isolated`); the copy appears whole or not at all."""
    from cim.ifc.isolated import run_isolated

    source, target = Path(source), Path(target)
    if target.exists() and target.resolve() == source.resolve():
        raise CimInputError(target, "the corrected model must go into a new file, never over the source",
                            hint="choose another file name, e.g. *_georef.ifc")
    from cim.io.atomic import atomic_path

    with atomic_path(target, suffix=".ifc", mkdir=True) as tmp:      # removed if the child dies
        run_isolated("cim.ifc.place:_write_copy_here", source, str(tmp), georef, feedback=feedback,
                     outcome=("no corrected copy was written", "chưa ghi được bản sửa"))
    return target


def _write_copy_here(source: Path, target: str, georef: Georef, *, feedback=None) -> None:
    """(runs in the child process) the work of :func:`write_georeferenced_copy`; ``target`` is the
    temporary file the caller renames into place."""
    import ifcopenshell.api

    from cim.ifc.opening import open_ifc

    src = open_ifc(source)
    f = src.file
    crs = georef.crs_name or "EPSG:9208"
    if f.schema == "IFC2X3":
        project = f.by_type("IfcProject")[0]
        import ifcopenshell.util.element as el

        for name, props in (("ePSet_MapConversion", {
                "Eastings": georef.eastings, "Northings": georef.northings, "OrthogonalHeight": georef.height,
                "XAxisAbscissa": georef.xaa, "XAxisOrdinate": georef.xao, "Scale": georef.scale}),
                ("ePSet_ProjectedCRS", {"Name": crs, "MapUnit": "METRE"})):
            existing = el.get_pset(project, name)
            pset = f.by_id(existing["id"]) if existing else ifcopenshell.api.run(
                "pset.add_pset", f, product=project, name=name)
            ifcopenshell.api.run("pset.edit_pset", f, pset=pset, properties=props)
    else:
        for op in list(f.by_type("IfcCoordinateOperation")):
            f.remove(op)
        for c in list(f.by_type("IfcProjectedCRS")):
            if not f.get_inverse(c):
                f.remove(c)
        ifcopenshell.api.run("georeference.add_georeferencing", f, name=crs)
        conv = f.by_type("IfcMapConversion")[0]
        conv.Eastings, conv.Northings, conv.OrthogonalHeight = georef.eastings, georef.northings, georef.height
        conv.XAxisAbscissa, conv.XAxisOrdinate, conv.Scale = georef.xaa, georef.xao, georef.scale
        pcrs = f.by_type("IfcProjectedCRS")[0]
        pcrs.Name = crs
        pcrs.MapUnit = f.createIfcSIUnit(None, "LENGTHUNIT", None, "METRE")
    f.write(target)
