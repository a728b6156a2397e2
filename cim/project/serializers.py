"""How each kind of layer is written into and read from the project GeoPackage.

Other kinds (IFC models, networks …) add theirs with :func:`register_serializer`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Protocol

from cim.errors import ProjectFileError
from cim.feedback import Feedback
from cim.project import tables


class LayerSerializer(Protocol):
    def write(self, gpkg: Path, table: str, record, feedback: Feedback) -> str | None: ...

    def read(self, gpkg: Path, row: dict, feedback: Feedback): ...


class VectorSerializer:
    def write(self, gpkg: Path, table: str, record, feedback: Feedback) -> None:
        import pyogrio

        gdf = record.data
        frame = gdf.reset_index(names="fid") if len(gdf) else gdf.reset_index(names="fid")
        kwargs = {}
        if len(gdf) == 0:
            kwargs["geometry_type"] = record.source.get("geometry_type") or "Unknown"
        pyogrio.write_dataframe(frame, gpkg, layer=table, driver="GPKG", use_arrow=_has_arrow(),
                                promote_to_multi=False, **kwargs)
        feedback.set_progress(1.0)

    def read(self, gpkg: Path, row: dict, feedback: Feedback):
        import pyogrio

        try:
            gdf = pyogrio.read_dataframe(gpkg, layer=row["table_name"], fid_as_index=True,
                                         use_arrow=_has_arrow())
        except Exception as exc:  # GDAL raises its own types; name the layer and file
            raise ProjectFileError(gpkg, f"cannot read layer table {row['table_name']!r}: {exc}",
                                   obj=row["name"], hint="restore the project from a backup") from exc
        gdf.index = gdf.index.astype("int64")
        gdf.index.name = "fid"
        if gdf.crs is None and row.get("crs"):
            gdf = gdf.set_crs(row["crs"], allow_override=True)
        feedback.set_progress(1.0)
        return gdf


class RasterSerializer:
    """Rasters are embedded as GeoTIFF bytes in ``cim_resources`` so the project stays one file."""

    def write(self, gpkg: Path, table: str, record, feedback: Feedback) -> None:
        tables.store_resource(gpkg, table, "image/tiff", record.data.tiff_bytes())

    def read(self, gpkg: Path, row: dict, feedback: Feedback):
        from cim.io.raster import RasterData

        conn = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
        try:
            data = tables.read_resource(conn, row["table_name"])
        except KeyError:
            raise ProjectFileError(gpkg, f"the raster {row['name']!r} is missing from the project",
                                   hint="import it again") from None
        finally:
            conn.close()
        return RasterData.from_bytes(data)


_SERIALIZERS: dict[str, LayerSerializer] = {"vector": VectorSerializer(), "raster": RasterSerializer()}


def register_serializer(kind: str, serializer: LayerSerializer) -> None:
    _SERIALIZERS[kind] = serializer


# kinds whose serializer lives in a module loaded only when such a layer is met
_LAZY: dict[str, str] = {"ifc": "cim.ifc.model"}


def serializer_for(kind: str) -> LayerSerializer:
    if kind not in _SERIALIZERS and kind in _LAZY:
        import importlib

        importlib.import_module(_LAZY[kind])   # registers itself
    try:
        return _SERIALIZERS[kind]
    except KeyError:
        raise ProjectFileError(None, f"no serializer for layer kind {kind!r}",
                               hint="install the plugin that provides this layer kind") from None


_ARROW: bool | None = None


def _has_arrow() -> bool:
    global _ARROW
    if _ARROW is None:
        try:
            import pyarrow  # noqa: F401
            _ARROW = True
        except ImportError:
            _ARROW = False
    return _ARROW
