"""OpenStreetMap ways (as read by pyrosm/osmnx/GDAL: ``highway``, ``oneway``, ``bridge``, ``tunnel``,
``maxspeed``, ``foot``, ``bicycle``, a JSON ``tags`` column …) → the CIM ``roads`` schema.

Access per mode and levels come from :mod:`cim.network.access` (the routing engines' OSM access model),
so a network built from raw OSM ways and one built from this conversion give the same answers.
``oneway=-1`` ways are reversed so that every one-way street is digitised in its travel direction;
``tunnel=building_passage`` is at grade.
"""

from __future__ import annotations

import numpy as np

ARTERIAL = {"motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link"}
COLLECTOR = {"secondary", "secondary_link", "tertiary", "tertiary_link"}
FOOT_ONLY = {"footway", "path", "pedestrian", "steps", "cycleway", "track", "bridleway", "corridor", "trail",
             "platform", "pier", "elevator"}


def road_class(highway):
    """CIM road class (arterial, collector, local, pedestrian) of OSM ``highway`` values (a pandas Series)."""
    import pandas as pd

    hw = highway.astype("string").str.strip().str.lower()
    out = np.where(hw.isin(ARTERIAL).fillna(False), "arterial",
                   np.where(hw.isin(COLLECTOR).fillna(False), "collector",
                            np.where(hw.isin(FOOT_ONLY).fillna(False), "pedestrian", "local")))
    return pd.Series(out, index=highway.index, dtype=object)


def roads_from_osm(ways):
    """A roads layer (class, lanes, oneway, speed_kmh, grade, layer, mode flags, osm_id) from OSM ways."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    from cim.network.access import levels, osm_allowed, osm_direction, tag

    hw = tag(ways, "highway").fillna("road")
    cls = road_class(hw).to_numpy(dtype=object)
    car_dir = osm_direction(ways, "car")
    reverse = car_dir < 0
    oneway = car_dir != 0
    bridge = tag(ways, "bridge").fillna("no")
    tunnel = tag(ways, "tunnel").fillna("no")
    is_bridge = ~bridge.isin(["no", "false", "0"]).to_numpy(bool)
    is_tunnel = ~tunnel.isin(["no", "false", "0", "building_passage"]).to_numpy(bool)
    grade = np.where(is_bridge, "bridge", np.where(is_tunnel, "tunnel", "at_grade"))
    layer = levels(ways)
    speed = pd.to_numeric(tag(ways, "maxspeed").str.extract(r"(\d+)")[0], errors="coerce").to_numpy(float)
    lanes = pd.to_numeric(tag(ways, "lanes").str.extract(r"(\d+)")[0], errors="coerce").to_numpy(float)
    lanes = np.where(np.isfinite(lanes), lanes, np.where(cls == "pedestrian", 0, 2)).astype("int64")
    geoms = np.asarray(ways.geometry.values, dtype=object).copy()
    geoms[reverse] = shapely.reverse(geoms[reverse])
    osm_id = ways["id"].to_numpy() if "id" in ways.columns else ways.index.to_numpy()
    return gpd.GeoDataFrame({
        "cim_id": [f"OSM-{i}" for i in osm_id], "name": ways["name"].to_numpy() if "name" in ways.columns else None,
        "class": cls, "highway": hw.to_numpy(dtype=object), "lanes": lanes, "oneway": oneway,
        "speed_kmh": speed, "grade": grade, "layer": layer,
        "pedestrian": osm_allowed(ways, "walk"), "bicycle": osm_allowed(ways, "bicycle"),
        "car": osm_allowed(ways, "car"), "bus": osm_allowed(ways, "bus"), "osm_id": osm_id,
    }, geometry=gpd.GeoSeries(geoms, crs=ways.crs).values, crs=ways.crs, index=ways.index)
