"""OpenStreetMap ways (as read by pyrosm/osmnx/GDAL: ``highway``, ``oneway``, ``bridge``, ``tunnel``,
``maxspeed``, ``foot``, ``bicycle``, a JSON ``tags`` column …) → the CIM ``roads`` schema.

``oneway=-1`` ways are reversed so that every one-way street is digitised in its travel direction;
``layer`` (from the column or the ``tags`` JSON) keeps grade separation exact; ``tunnel=building_passage``
is at grade.
"""

from __future__ import annotations

import json

import numpy as np

ARTERIAL = {"motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link"}
COLLECTOR = {"secondary", "secondary_link", "tertiary", "tertiary_link"}
FOOT_ONLY = {"footway", "path", "pedestrian", "steps", "cycleway", "track", "bridleway", "corridor", "trail"}
NO_FOOT = {"motorway", "motorway_link", "trunk", "trunk_link"}


def _col(gdf, name):
    import pandas as pd

    return gdf[name].astype("string").str.strip().str.lower() if name in gdf.columns else pd.Series(
        pd.NA, index=gdf.index, dtype="string")


def _tag(gdf, key: str):
    import pandas as pd

    if key in gdf.columns:
        return gdf[key]
    if "tags" not in gdf.columns:
        return pd.Series(pd.NA, index=gdf.index)

    def get(t):
        if isinstance(t, dict):
            return t.get(key)
        if isinstance(t, str) and key in t:
            try:
                return json.loads(t).get(key)
            except ValueError:
                return None
        return None

    return gdf["tags"].map(get)


def roads_from_osm(ways):
    """A roads layer (class, lanes, oneway, speed_kmh, grade, layer, mode flags, osm_id) from OSM ways."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    hw = _col(ways, "highway").fillna("road")
    cls = np.where(hw.isin(ARTERIAL), "arterial", np.where(hw.isin(COLLECTOR), "collector",
                                                           np.where(hw.isin(FOOT_ONLY), "pedestrian", "local")))
    ow = _col(ways, "oneway")
    reverse = (ow == "-1").fillna(False).to_numpy(bool)
    oneway = (ow.isin(["yes", "true", "1", "-1"]) | hw.isin(["motorway", "motorway_link"])).fillna(False).to_numpy(bool)
    bridge = _col(ways, "bridge").fillna("no")
    tunnel = _col(ways, "tunnel").fillna("no")
    is_bridge = ~bridge.isin(["no", "false", "0"]).to_numpy(bool)
    is_tunnel = ~tunnel.isin(["no", "false", "0", "building_passage"]).to_numpy(bool)
    grade = np.where(is_bridge, "bridge", np.where(is_tunnel, "tunnel", "at_grade"))
    layer = pd.to_numeric(_tag(ways, "layer"), errors="coerce").to_numpy(float)
    layer = np.where(np.isfinite(layer), layer, np.where(is_bridge, 1, np.where(is_tunnel, -1, 0))).astype("int64")
    speed = pd.to_numeric(_col(ways, "maxspeed").str.extract(r"(\d+)")[0], errors="coerce").to_numpy(float)
    lanes = pd.to_numeric(_col(ways, "lanes").str.extract(r"(\d+)")[0], errors="coerce").to_numpy(float)
    lanes = np.where(np.isfinite(lanes), lanes, np.where(cls == "pedestrian", 0, 2)).astype("int64")
    foot_no = _col(ways, "foot").isin(["no", "private"]).fillna(False).to_numpy(bool)
    bike_no = _col(ways, "bicycle").isin(["no", "private"]).fillna(False).to_numpy(bool)
    car_no = (_col(ways, "motor_vehicle").isin(["no", "private"]) | _col(ways, "motorcar").isin(["no", "private"])
              | _col(ways, "access").isin(["no", "private"])).fillna(False).to_numpy(bool)
    car = ~hw.isin(FOOT_ONLY).to_numpy(bool) & ~car_no
    geoms = np.asarray(ways.geometry.values, dtype=object).copy()
    geoms[reverse] = shapely.reverse(geoms[reverse])
    osm_id = ways["id"].to_numpy() if "id" in ways.columns else ways.index.to_numpy()
    return gpd.GeoDataFrame({
        "cim_id": [f"OSM-{i}" for i in osm_id], "name": ways["name"].to_numpy() if "name" in ways.columns else None,
        "class": cls, "highway": hw.to_numpy(dtype=object), "lanes": lanes, "oneway": oneway, "speed_kmh": speed,
        "grade": grade, "layer": layer, "pedestrian": ~hw.isin(NO_FOOT).to_numpy(bool) & ~foot_no,
        "bicycle": ~hw.isin(NO_FOOT | {"steps", "footway", "pedestrian"}).to_numpy(bool) & ~bike_no,
        "car": car, "bus": car & np.isin(cls, ["arterial", "collector"]), "osm_id": osm_id,
    }, geometry=gpd.GeoSeries(geoms, crs=ways.crs).values, crs=ways.crs, index=ways.index)
