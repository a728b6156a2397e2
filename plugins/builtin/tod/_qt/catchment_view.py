"""A station's catchments on the map: circles and walksheds per radius as canvas overlays with labels,
and the view zoomed to the largest ring. Overlays are temporary (not layers, not saved, not undoable)."""

from __future__ import annotations

import numpy as np

from plugins.builtin.tod._qt.text import kind_label
from plugins.gui import tr as _t

KEYS = ("tod.circle", "tod.walk", "tod.bike", "tod.station")
STYLE = {"circle": ("#546e7a", 1.5, 0), "walk": ("#2e7d32", 2.0, 45), "bike": ("#1565c0", 1.5, 20)}



def clear_catchments(canvas) -> None:
    for k in KEYS:
        canvas.overlays.clear(k)


def show_station_catchments(window, result, station: int, *, kinds=("circle", "walk")) -> tuple | None:
    """Draw the catchments of station row ``station`` of ``result`` and zoom to them; returns the bounds."""
    import shapely

    canvas = window.canvas
    clear_catchments(canvas)
    frame = result.catchments.frame
    mine = frame[frame["station"] == station]
    xy = result.stations.xy[station]
    name = str(result.stations.stations["name"].iat[station])
    for kind in kinds:
        part = mine[(mine["kind"] == kind)]
        ok = part[~(part.geometry.isna() | part.geometry.is_empty)]
        if not len(ok):
            continue
        colour, width, alpha = STYLE[kind]
        labels = []
        for r in ok.itertuples(index=False):
            if kind == "circle":
                labels.append((xy[0], xy[1] + r.radius_m, f"{r.radius_m:.0f} m"))
            else:
                top = shapely.bounds(r.geometry)
                text = _t("TodPanel", "%1 %2 m: %3 % of the circle").replace("%1", kind_label(kind)).replace(
                    "%2", f"{r.radius_m:.0f}").replace("%3", f"{100 * r.circle_ratio:.0f}")
                labels.append((float(top[2]), float(top[1]), text))
        canvas.overlays.set(f"tod.{kind}", np.asarray(ok.geometry.values, dtype=object), colour, width=width,
                            fill_alpha=alpha, labels=labels)
    canvas.overlays.set("tod.station", [shapely.Point(xy)], "#c62828", labels=[(xy[0], xy[1], name)])
    shown = mine[mine["kind"].isin(kinds)].geometry.dropna()
    bounds = tuple(shapely.total_bounds(np.asarray(shown.values, dtype=object)))
    if not np.all(np.isfinite(bounds)):
        return None
    window.zoom_to_bounds(bounds, margin=0.1)
    return bounds
