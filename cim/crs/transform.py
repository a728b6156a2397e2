"""Cached, vectorised coordinate transforms that pin EPSG:6960 for VN-2000 ↔ WGS 84.

Why pin. PROJ 9.5 knows two VN-2000 → WGS 84 transformations, both with a nominal accuracy of 1 m:
EPSG:6960 "VN-2000 to WGS 84 (2)" (Vietnam onshore) and EPSG:5194 "VN-2000 to WGS 84 (1)" (Total's
Mekong-delta blocks, 104.24–107.11 °E, 9.35–11.04 °N). ``Transformer.from_crs`` returns a transformer
that picks an operation *per point* at run time; inside the Mekong box it prefers the smaller area,
i.e. EPSG:5194, which is ~0.8 m off EPSG:6960 in Hồ Chí Minh City and Cần Thơ.

How. ``pyproj.transformer.TransformerGroup(src, dst, always_xy=True)`` lists the candidate operations;
:func:`get_transformer` keeps the one whose chain contains the EPSG:6960 step: in ``to_json_dict()``
that step carries ``{"authority": "EPSG", "code": 6960}`` (``INVERSE(EPSG)`` / ``DERIVED_FROM(EPSG)``
when PROJ runs it backwards or with normalised axes). Pairs that do not cross the VN-2000 datum, and
pairs of two hand-typed proj4 CRSs (bound CRSs: their own ``+towgs84`` is honoured, and judged by
CRS-03), use the plain ``Transformer.from_crs(src, dst, always_xy=True)``; so does a crossing for
which PROJ offers no chain through EPSG:6960 at all (none is known for WGS 84-based targets).

All functions take any CRS pyproj accepts ("EPSG:9208", 9208, WKT, ``pyproj.CRS``) and use
``always_xy=True``: x = easting/longitude, y = northing/latitude. pyproj and shapely are imported
inside the functions, so ``import cim.crs`` stays cheap.
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING, Any

from cim.errors import CimInputError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from pyproj import Transformer

EPSG_6960 = 6960
WGS84 = "EPSG:4326"


def _crs_key(crs: Any) -> str:
    """A hashable, exact key for the transformer cache."""
    if crs is None:
        raise CimInputError(None, "no coordinate reference system given (thiếu hệ tọa độ)",
                            hint="pass an EPSG code such as 'EPSG:9208' or a WKT string")
    if isinstance(crs, bool):
        raise TypeError("a CRS cannot be a bool")
    if isinstance(crs, int):
        return f"EPSG:{crs}"
    if isinstance(crs, str):
        return crs.strip()
    if hasattr(crs, "to_wkt"):
        return crs.to_wkt()
    if isinstance(crs, dict):
        import json

        return json.dumps(crs, sort_keys=True)
    return str(crs)


def _is_epsg(authority: Any) -> bool:
    # "EPSG", or PROJ's "INVERSE(EPSG)" / "DERIVED_FROM(EPSG)" for an operation used backwards or
    # with its axes normalised.
    return isinstance(authority, str) and (authority == "EPSG" or authority.endswith("(EPSG)"))


def uses_operation(transformer: Any, code: int) -> bool:
    """True when the transformer's operation chain contains the EPSG operation ``code`` (or its inverse)."""
    def walk(node: Any) -> bool:
        if isinstance(node, dict):
            idents = [node.get("id")] + list(node.get("ids") or [])
            if node.get("type") in ("Transformation", "CoordinateOperation") and any(
                    isinstance(i, dict) and i.get("code") == code and _is_epsg(i.get("authority"))
                    for i in idents):
                return True
            return any(walk(v) for k, v in node.items() if k not in ("source_crs", "target_crs"))
        if isinstance(node, list):
            return any(walk(v) for v in node)
        return False

    try:
        return walk(transformer.to_json_dict())
    except Exception:  # noqa: BLE001 - a transformer PROJ cannot describe as JSON uses no EPSG step
        return False


def _crosses_vn2000(src: Any, dst: Any) -> bool:
    from cim.crs import _inspect

    def plain_vn(c: Any) -> bool:
        return _inspect.has_vn2000_datum(c) and not _inspect.horizontal(c).is_bound

    return plain_vn(src) != plain_vn(dst)


@functools.lru_cache(maxsize=128)
def _cached_transformer(src_key: str, dst_key: str, thread: int) -> Transformer:
    # ``thread`` is part of the key because the transformers TransformerGroup hands out are
    # ``TransformerUnsafe`` (pyproj): one PROJ context, not to be shared between threads.
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError
    from pyproj.transformer import TransformerGroup

    try:
        src, dst = CRS.from_user_input(src_key), CRS.from_user_input(dst_key)
    except CRSError as exc:
        raise CimInputError(None, f"unreadable coordinate reference system: {exc}",
                            hint="use an EPSG code (e.g. 'EPSG:9208') or WKT") from exc
    if _crosses_vn2000(src, dst):
        group = TransformerGroup(src, dst, always_xy=True)
        for candidate in group.transformers:
            if uses_operation(candidate, EPSG_6960):
                return candidate
        # No chain through EPSG:6960 (e.g. a destination datum PROJ reaches another way): fall
        # back to PROJ's own choice rather than refusing to transform.
    return Transformer.from_crs(src, dst, always_xy=True)


def get_transformer(src: Any, dst: Any) -> Transformer:
    """A cached ``pyproj.Transformer`` (always_xy) from ``src`` to ``dst``, pinned to EPSG:6960 across datums.

    Cached per thread: use the transformer in the thread that asked for it.
    """
    return _cached_transformer(_crs_key(src), _crs_key(dst), threading.get_ident())


def transform_xy(x: Any, y: Any, src: Any, dst: Any) -> tuple[np.ndarray, np.ndarray] | tuple[float, float]:
    """Transform coordinates (scalars or numpy arrays of one shape) from ``src`` to ``dst``.

    Arrays in, float64 arrays of the same shape out; scalars in, floats out. Points PROJ cannot
    transform come back as ``inf``.
    """
    import numpy as np

    xa = np.asarray(x, dtype="float64")
    ya = np.asarray(y, dtype="float64")
    if xa.shape != ya.shape:
        raise ValueError(f"x and y differ in shape: {xa.shape} vs {ya.shape}")
    t = get_transformer(src, dst)
    xo, yo = t.transform(xa, ya)
    xo = np.asarray(xo, dtype="float64").reshape(xa.shape)
    yo = np.asarray(yo, dtype="float64").reshape(ya.shape)
    if xa.ndim == 0:
        return float(xo), float(yo)
    return xo, yo


def to_wgs84(x: Any, y: Any, src: Any) -> tuple[np.ndarray, np.ndarray] | tuple[float, float]:
    """(longitude, latitude) on WGS 84 (EPSG:4326, degrees) of points in ``src``; VN-2000 via EPSG:6960."""
    return transform_xy(x, y, src, WGS84)


def reproject_geometries(geometries: Any, src: Any, dst: Any) -> Any:
    """Reproject a shapely geometry or array of geometries; z values (if any) are kept as they are.

    Vectorised through ``shapely.transform``: one PROJ call per dimensionality group, no Python loop
    over features. Missing geometries (None) stay None.
    """
    import numpy as np
    import shapely

    t = get_transformer(src, dst)

    def apply(coords: np.ndarray) -> np.ndarray:
        out = np.array(coords, dtype="float64", copy=True)
        if len(out):
            xo, yo = t.transform(out[:, 0], out[:, 1])
            out[:, 0], out[:, 1] = xo, yo
        return out

    return shapely.transform(geometries, apply, include_z=None)


def reproject_frame(gdf, src, dst):
    """A copy of a GeoDataFrame reprojected from ``src`` to ``dst`` with the catalogue's transformer
    (EPSG:6960 for VN-2000 ↔ WGS 84), keeping index, columns and Z values."""
    out = gdf.copy()
    geoms = reproject_geometries(gdf.geometry.values, src, dst)
    out[gdf.geometry.name] = geoms
    return out.set_geometry(gdf.geometry.name).set_crs(dst, allow_override=True)
