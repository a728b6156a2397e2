"""The ``ifc`` layer kind: an IFC source referenced by path + SHA-256, its cached georeferencing and
its building footprints as a vector table in the project GeoPackage.

In the project file an ``ifc`` layer is one feature table (the building footprints, readable by
QGIS/GDAL) plus one ``cim_resources`` entry of the same name (zlib JSON: path, hash, schema,
georeferencing, warnings, LoGeoRef, the element table). Meshes are not stored in the project: they
live in the geometry cache (:mod:`cim.ifc.geometry`) and are rebuilt from the source on a miss.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from cim.errors import CimInputError, ProjectFileError
from cim.feedback import Feedback
from cim.findings import Finding
from cim.ifc.georef import Georef

KIND = "ifc"


@dataclass(eq=False)
class IfcModel:
    path: str
    sha256: str
    declared_schema: str
    schema: str
    georef: Georef
    buildings: object                       # GeoDataFrame: footprints in the layer CRS
    logeoref: dict = field(default_factory=dict)
    warnings: list[Finding] = field(default_factory=list)
    elements: list[dict] = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    cache_dir: str | None = None
    _mesh: object = None

    def meta(self) -> dict:
        return {"path": self.path, "sha256": self.sha256, "declared_schema": self.declared_schema,
                "schema": self.schema, "georef": self.georef.to_dict(), "logeoref": self.logeoref,
                "warnings": [w.to_dict() for w in self.warnings], "elements": self.elements, "settings": self.settings,
                "cache_dir": self.cache_dir}

    def meshes(self, cache_dir: str | Path | None = None, feedback: Feedback | None = None):
        """Triangulated geometry, from the cache when possible. On a miss the IFC is parsed and
        tessellated in a child process with the IFC time and memory limits (:mod:`cim.ifc.isolated`):
        the source may have been replaced by a file that crashes ifcopenshell, or the cache was made on
        another machine; its death is a :class:`CimInputError` naming the file. That error is kept on
        the model: the 3D view redrawn does not start (and wait for) a doomed child again."""
        if self._mesh is not None:
            return self._mesh
        failed = vars(self).get("_mesh_error")
        if failed is not None:
            raise failed
        from cim.ifc.geometry import load_cached

        folder = cache_dir or self.cache_dir
        mesh = load_cached(folder, self.sha256, self.settings) if folder else None
        if mesh is None:
            from cim.ifc.isolated import run_isolated

            try:
                mesh = run_isolated("cim.ifc.model:_meshes_here", self.path, self.sha256,
                                    str(folder) if folder else None, self.settings, feedback=feedback,
                                    outcome=("its 3D geometry was not built", "chưa dựng được hình 3D"))
            except CimInputError as exc:
                self._mesh_error = exc
                raise
        self._mesh = mesh
        return self._mesh

    def building_of_elements(self, feedback: Feedback | None = None) -> dict[int, str]:
        """STEP id → building GlobalId of every product of the source (read in a child process)."""
        from cim.ifc.isolated import run_isolated

        return run_isolated("cim.ifc.model:_building_of_here", self.path, self.sha256, feedback=feedback,
                            outcome=("its buildings were not read", "chưa đọc được công trình"))


def _open_same(path, sha256: str):
    """(child) the parsed source, refused when it is not the file that was imported."""
    from cim.ifc.opening import open_ifc

    src = open_ifc(path)
    if src.sha256 != sha256:
        raise CimInputError(path, "the IFC file changed since it was imported (SHA-256 differs)",
                            hint="import it again to refresh the model")
    return src.file


def _meshes_here(path, sha256: str, cache_dir: str | None, settings: dict, *, feedback: Feedback | None = None):
    """(runs in the child process) the meshes of ``path``, written to the cache when there is one."""
    from cim.ifc.geometry import cached_triangulate

    mesh, _ = cached_triangulate(lambda: _open_same(path, sha256), sha256, cache_dir, settings=settings,
                                 feedback=feedback, path=path)
    return mesh


def _building_of_here(path, sha256: str, *, feedback: Feedback | None = None) -> dict[int, str]:
    """(runs in the child process) :attr:`cim.ifc.structure.Structure.building_of` of ``path``."""
    from cim.ifc.structure import read_structure

    return dict(read_structure(_open_same(path, sha256)).building_of)


class IfcSerializer:
    def write(self, gpkg: Path, table: str, record, feedback: Feedback) -> None:
        import pyogrio

        model: IfcModel = record.data
        gdf = model.buildings
        frame = gdf.reset_index(drop=True)
        frame.index.name = "fid"
        frame = frame.reset_index()
        frame["fid"] = frame["fid"] + 1
        kwargs = {"geometry_type": "Unknown"} if len(frame) == 0 else {}
        pyogrio.write_dataframe(frame, gpkg, layer=table, driver="GPKG", promote_to_multi=False, **kwargs)
        blob = zlib.compress(json.dumps(model.meta(), ensure_ascii=False, default=_json_default).encode())
        from cim.project import tables

        tables.store_resource(gpkg, table, "application/json+zlib", blob)
        feedback.set_progress(1.0)

    def read(self, gpkg: Path, row: dict, feedback: Feedback) -> IfcModel:
        import pyogrio

        from cim.project import tables

        table = row["table_name"]
        conn = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
        try:
            meta = json.loads(zlib.decompress(tables.read_resource(conn, table)))
        except KeyError:
            raise ProjectFileError(gpkg, f"the IFC layer {row['name']!r} has lost its metadata",
                                   hint="import the IFC file again") from None
        finally:
            conn.close()
        gdf = pyogrio.read_dataframe(gpkg, layer=table, fid_as_index=True)
        if gdf.crs is None and row.get("crs"):
            gdf = gdf.set_crs(row["crs"], allow_override=True)
        meta["georef"] = Georef.from_dict(meta["georef"])
        meta["warnings"] = [Finding.from_dict(w) for w in meta.get("warnings") or ()]
        feedback.set_progress(1.0)
        return IfcModel(buildings=gdf, **meta)


def _json_default(o):
    import numpy as np

    if isinstance(o, np.generic):
        return o.item()
    if isinstance(o, np.ndarray):
        return o.tolist()
    return str(o)


def register() -> None:
    """Make the project store know the ``ifc`` layer kind (idempotent)."""
    from cim.project.serializers import register_serializer

    register_serializer(KIND, IfcSerializer())


register()
