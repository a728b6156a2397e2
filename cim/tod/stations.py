"""Corridors and stations: read them from layers (GIS lines, IFC4.3 IfcAlignment), create and edit them
as undoable commands.

A station is a point (or a platform polygon, read at its representative point) with an id
(``cim_id``, else the feature id) and a name. Walksheds start from the station's entrances when a
``station_entrances`` layer names them (``station_id`` = the station's ``cim_id``), else from the
station point itself. Stations carry their chainage along the corridor and their offset from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from cim.errors import CimInputError


@dataclass
class StationSet:
    """Stations (GeoDataFrame: ``station_id``, ``name``, ``chainage_m``, ``offset_m``, Point geometry)
    and the walk sources: ``sources`` (n, 2) coordinates and ``source_station`` (row of the station)."""

    stations: Any
    sources: np.ndarray
    source_station: np.ndarray

    def __len__(self) -> int:
        return len(self.stations)

    @property
    def xy(self) -> np.ndarray:
        import shapely

        return shapely.get_coordinates(self.stations.geometry.values)


def corridor_line(corridors, *, path=None):
    """One line for a corridor layer (parts merged where they touch); None for an empty/absent layer."""
    import shapely

    if corridors is None or len(corridors) == 0:
        return None
    geoms = shapely.force_2d(np.asarray(corridors.geometry.values, dtype=object))
    geoms = geoms[~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)]
    kinds = set(shapely.get_type_id(geoms).tolist())
    if not kinds <= {1, 5}:
        raise CimInputError(path, "a corridor layer must hold lines (the rail alignment)", obj="corridor",
                            hint="choose the rail or corridor line layer")
    return shapely.line_merge(shapely.union_all(geoms)) if len(geoms) else None


def station_table(stations, *, entrances=None, corridor=None, path=None, layer: str = "stations") -> StationSet:
    """Stations with ids, names, chainage and their walk sources (entrances, else the station point)."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    if stations is None or len(stations) == 0:
        raise CimInputError(path, "the station layer has no stations", obj=layer,
                            hint="draw stations on the corridor or import a station layer")
    geoms = shapely.force_2d(np.asarray(stations.geometry.values, dtype=object))
    bad = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if bad.any():
        from cim.project.feature_names import feature_list

        raise CimInputError(path, "station(s) without a position: "
                            + feature_list(layer, stations.index.to_numpy()[bad], "en"), obj=layer,
                            hint="give each station a point or delete it")
    pts = np.where(shapely.get_type_id(geoms) == 0, geoms, shapely.point_on_surface(geoms))
    ids = (stations["cim_id"].astype(str).to_numpy() if "cim_id" in stations.columns
           else stations.index.astype(str).to_numpy())
    names = stations["name"].astype(str).to_numpy() if "name" in stations.columns else ids
    line = corridor_line(corridor, path=path) if corridor is not None else None
    chain = shapely.line_locate_point(line, pts) if line is not None else np.full(len(pts), np.nan)
    offset = shapely.distance(line, pts) if line is not None else np.full(len(pts), np.nan)
    table = gpd.GeoDataFrame({"station_id": ids, "name": names, "chainage_m": chain, "offset_m": offset},
                             geometry=gpd.GeoSeries(pts, crs=stations.crs).values, crs=stations.crs)
    if line is not None:
        table = table.iloc[np.argsort(chain, kind="stable")].reset_index(drop=True)
    xy = shapely.get_coordinates(table.geometry.values)
    src_xy, src_st = xy, np.arange(len(table))
    if entrances is not None and len(entrances) and "station_id" in entrances.columns:
        e = entrances[~(entrances.geometry.isna() | entrances.geometry.is_empty)]
        row = pd.Index(table["station_id"]).get_indexer(e["station_id"].astype(str))
        ok = row >= 0
        has = np.zeros(len(table), dtype=bool)
        has[row[ok]] = True
        exy = shapely.get_coordinates(shapely.force_2d(e.geometry.values[ok]))
        src_xy = np.r_[exy, xy[~has]]
        src_st = np.r_[row[ok], np.flatnonzero(~has)]
    return StationSet(stations=table, sources=src_xy, source_station=src_st.astype(np.int64))


def select_stations(station_set: StationSet, station_ids, *, path=None) -> StationSet:
    """Only the stations whose ``station_id`` is in ``station_ids`` (corridor order kept), with their
    walk sources; a study of part of a corridor. Explains an empty choice."""
    st = station_set.stations
    keep = np.flatnonzero(st["station_id"].astype(str).isin([str(i) for i in station_ids]).to_numpy())
    if len(keep) == 0:
        raise CimInputError(path, "no station is chosen for the study", obj="stations",
                            hint="tick at least one station")
    new_row = np.full(len(st), -1, dtype=np.int64)
    new_row[keep] = np.arange(len(keep))
    src = new_row[station_set.source_station] >= 0
    return StationSet(stations=st.iloc[keep].reset_index(drop=True), sources=station_set.sources[src],
                      source_station=new_row[station_set.source_station[src]])


def _alignments_here(path, *, feedback=None) -> tuple[list[dict], int | None]:
    """(runs in the child process) the IfcAlignment rows of ``path`` (map coordinates) and its EPSG code."""
    from cim.ifc.georef import read_georef
    from cim.ifc.infra import alignment_rows
    from cim.ifc.opening import open_ifc

    src = open_ifc(path)
    g = read_georef(src.file)
    rows = alignment_rows(src.file, g)
    if not rows:
        raise CimInputError(path, "the IFC file holds no IfcAlignment", obj=src.declared_schema,
                            hint="export the alignment as IFC4.3, or import the corridor as a GIS line layer")
    return rows, g.epsg


def corridor_from_ifc(path, *, target_crs: str | None = None, feedback=None):
    """Corridor lines from the IfcAlignment entities of an IFC4.3 file (map coordinates, 2D). The file is
    parsed in a child process with the IFC time and memory limits (:mod:`cim.ifc.isolated`)."""
    import geopandas as gpd
    import shapely

    from cim.ifc.isolated import run_isolated

    rows, epsg = run_isolated("cim.tod.stations:_alignments_here", path, feedback=feedback,
                              outcome=("no corridor was read", "không đọc được tuyến"))
    crs = f"EPSG:{epsg}" if epsg else target_crs
    geoms = [shapely.force_2d(shapely.linestrings(r.pop("coords"))) for r in rows]
    gdf = gpd.GeoDataFrame(rows, geometry=geoms, crs=crs)
    if target_crs and crs and crs != target_crs:
        gdf = gdf.to_crs(target_crs)
    return gdf


def points_on_corridor(line, chainages_m, *, names=None, crs=None, prefix: str = "STN"):
    """Station points at the given chainages (m) along a corridor line (for drawing stations)."""
    import geopandas as gpd
    import shapely

    ch = np.asarray(chainages_m, dtype=float)
    if line is None or len(ch) == 0:
        raise CimInputError(None, "stations need a corridor line and at least one chainage",
                            hint="choose the corridor first")
    if (ch < 0).any() or (ch > line.length + 1e-6).any():
        raise CimInputError(None, f"chainages must lie between 0 and {line.length:.0f} m (the corridor length)")
    pts = shapely.line_interpolate_point(line, ch)
    n = len(ch)
    names = list(names) if names is not None else [f"Ga {i + 1}" for i in range(n)]
    return gpd.GeoDataFrame({"cim_id": [f"{prefix}-{i + 1:03d}" for i in range(n)], "name": names,
                             "status": ["planned"] * n}, geometry=pts, crs=crs)


# ---------------------------------------------------------------- commands

def _vector_record(project, gdf, name: str, object_kind: str):
    from cim.project.layer import LayerRecord

    gdf = gdf.reset_index(drop=True)
    gdf.index = np.arange(1, len(gdf) + 1, dtype=np.int64)
    gdf.index.name = "fid"
    return LayerRecord(name=name, kind="vector", data=gdf, crs=project.crs, object_kind=object_kind)


def import_corridor(project, corridor_gdf, stations_gdf=None, *, name: str = "TOD corridor"):
    """Add a corridor layer (and a station layer) to the project as one undoable step; returns the records."""
    from cim.project.edits import AddLayer

    if corridor_gdf is None or len(corridor_gdf) == 0:
        raise CimInputError(project.path, "the corridor layer is empty", obj=name,
                            hint="choose a line layer with the rail alignment")
    corridor_line(corridor_gdf, path=project.path)     # validates geometry types
    records = [_vector_record(project, corridor_gdf, name, "corridor")]
    if stations_gdf is not None:
        station_table(stations_gdf, path=project.path)   # validates positions
        records.append(_vector_record(project, stations_gdf, f"{name} — stations", "station"))
    with project.undo_stack.macro(f"Import corridor {name}"):
        for rec in records:
            project.push(AddLayer(project, rec))
    return records


def add_station(project, layer_id: str, xy, *, name: str, cim_id: str | None = None, **attrs):
    """Draw one station at ``xy`` (an AddFeatures command); returns its feature id."""
    import geopandas as gpd
    import shapely

    from cim.project.feature_edits import AddFeatures

    rec = project.layer(layer_id)
    row = {c: None for c in rec.data.columns if c != rec.data.geometry.name}
    row.update({k: v for k, v in {"name": name, "cim_id": cim_id, **attrs}.items() if k in row})
    gdf = gpd.GeoDataFrame([row], geometry=[shapely.Point(*xy)], crs=rec.data.crs)
    cmd = project.push(AddFeatures(project, layer_id, gdf))
    return int(cmd.fids[0])


def move_station(project, layer_id: str, fid: int, xy) -> None:
    """Move a station (a ChangeGeometry command)."""
    import shapely

    from cim.project.feature_edits import ChangeGeometry

    project.push(ChangeGeometry(project, layer_id, fid, shapely.Point(*xy)))
