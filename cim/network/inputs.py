"""Checking and normalising the line layers a network is built from.

Nothing is dropped silently: null or empty geometries stop the build with a message naming the
features (or, with ``skip_invalid=True``, are listed in the build report); multi-part lines are split
into their parts (provenance keeps the part number); Z or M values are flattened to 2D and reported;
non-line geometries, a missing or geographic CRS, or layers in different CRSs stop the build.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from cim.errors import CimInputError


@dataclass
class Lines:
    geoms: np.ndarray          # single-part 2D LineStrings
    row: np.ndarray            # position of the source row in the input frame
    part: np.ndarray           # part number inside a multi-part source feature (0 for single lines)
    report: dict = field(default_factory=dict)


def _fids(gdf, mask) -> list:
    return gdf.index.to_numpy()[mask].tolist()


def _show(ids: list, n: int = 8, layer: str | None = None) -> str:
    """Feature ids as every message names them: ``Mạng cấp nước #3, #7`` (see cim.project.feature_names)."""
    from cim.project.feature_names import feature_list

    return feature_list(layer or "", ids, "en", limit=n)


def check_crs(frames: dict, *, path=None) -> str | None:
    """The one CRS shared by the named frames; explains mixed, missing or geographic CRSs."""
    crss = {name: f.crs for name, f in frames.items() if f is not None}
    missing = [n for n, c in crss.items() if c is None]
    if missing:
        raise CimInputError(path, f"layer(s) {', '.join(missing)} have no coordinate reference system",
                            obj=missing[0], hint="assign the CRS they were drawn in (e.g. EPSG:9208) and retry")
    distinct = {c.to_string() for c in crss.values()}
    if len(distinct) > 1:
        listing = "; ".join(f"{n}: {c.to_string()}" for n, c in crss.items())
        raise CimInputError(path, f"the layers are in different coordinate reference systems ({listing})",
                            obj=next(iter(crss)), hint="reproject them to the project CRS before building")
    if not crss:
        return None
    crs = next(iter(crss.values()))
    if crs.is_geographic:
        raise CimInputError(path, f"the CRS {crs.to_string()} is geographic (degrees): lengths and snapping "
                            "tolerances need metres", obj=next(iter(crss)),
                            hint="reproject to a projected CRS such as VN-2000 / TM-3 (EPSG:9208) or UTM")
    return crs.to_string()


def prepare_lines(gdf, *, layer: str = "lines", path=None, skip_invalid: bool = False) -> Lines:
    """Single-part 2D lines with their source row and part; raise on what cannot be used."""
    import shapely

    geoms = np.asarray(gdf.geometry.values, dtype=object)
    report: dict = {"layer": layer, "features": int(len(gdf))}
    missing = shapely.is_missing(geoms)
    empty = ~missing & shapely.is_empty(geoms)
    bad = missing | empty
    if bad.any():
        msg = []
        if missing.any():
            msg.append(f"{int(missing.sum())} feature(s) without geometry ({_show(_fids(gdf, missing), layer=layer)})")
        if empty.any():
            msg.append(f"{int(empty.sum())} feature(s) with an empty line ({_show(_fids(gdf, empty), layer=layer)})")
        if not skip_invalid:
            raise CimInputError(path, "; ".join(msg), obj=layer,
                                hint="delete or redraw them, or build with --skip-invalid to leave them out "
                                     "(they are then listed in the build report)")
        report["skipped"] = ([{"fid": f, "reason": "no geometry"} for f in _fids(gdf, missing)]
                             + [{"fid": f, "reason": "empty geometry"} for f in _fids(gdf, empty)])
    types = shapely.get_type_id(geoms)
    lineish = np.isin(types, [1, 2, 5])   # LineString, LinearRing, MultiLineString
    wrong = ~bad & ~lineish
    if wrong.any():
        kinds = sorted(set(shapely.get_type_id(geoms[wrong]).tolist()))
        names = {0: "Point", 3: "Polygon", 4: "MultiPoint", 6: "MultiPolygon", 7: "GeometryCollection"}
        raise CimInputError(path, f"{int(wrong.sum())} feature(s) are not lines "
                            f"({', '.join(names.get(k, str(k)) for k in kinds)}; {_show(_fids(gdf, wrong), layer=layer)})",
                            obj=layer, hint="a network is built from LineString layers; choose the line layer "
                                            "or convert polygons to centre lines first")
    use = np.flatnonzero(~bad)
    g = geoms[use]
    has_z = shapely.has_z(g)
    if has_z.any():
        report["flattened_z"] = int(has_z.sum())
        g = shapely.force_2d(g)
    multi = shapely.get_type_id(g) == 5
    parts, part_idx = shapely.get_parts(g, return_index=True)
    if multi.any():
        report["multipart_features"] = int(multi.sum())
        report["multipart_fids"] = gdf.index.to_numpy()[use[multi]][:100].tolist()
    # part number within each feature
    starts = np.r_[0, np.flatnonzero(np.diff(part_idx)) + 1]
    counts = np.diff(np.r_[starts, len(part_idx)])
    part_no = np.arange(len(part_idx)) - np.repeat(starts, counts)
    rings = shapely.get_type_id(parts) == 2
    if rings.any():
        parts[rings] = shapely.linestrings(shapely.get_coordinates(parts[rings]),
                                           indices=np.repeat(np.arange(rings.sum()),
                                                             shapely.get_num_coordinates(parts[rings])))
    empty_part = shapely.is_empty(parts)
    if empty_part.any():   # an empty member of a multi-line: name it, do not lose the feature silently
        fids = gdf.index.to_numpy()[use[part_idx[empty_part]]].tolist()
        if not skip_invalid:
            raise CimInputError(path, f"{int(empty_part.sum())} empty part(s) inside multi-part lines "
                                f"({_show(fids, layer=layer)})", obj=layer,
                                hint="remove the empty parts, or build with --skip-invalid")
        report.setdefault("skipped", []).extend({"fid": f, "reason": "empty part"} for f in fids)
        parts, part_idx, part_no = parts[~empty_part], part_idx[~empty_part], part_no[~empty_part]
    report["lines"] = int(len(parts))
    return Lines(geoms=parts, row=use[part_idx], part=part_no.astype(np.int64), report=report)


def grade_levels(gdf, row: np.ndarray) -> np.ndarray:
    """Vertical level per line (see :func:`cim.network.access.levels`: ``layer``, ``grade``, OSM bridge/tunnel)."""
    from cim.network.access import levels

    return levels(gdf)[row] if len(row) else np.zeros(0, dtype=np.int64)
