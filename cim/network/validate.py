"""Use case: validate a network (DOMAIN.md §3, INF-05). Each finding is a :class:`cim.findings.Finding`
(code = the rule id, a point location, a message in Vietnamese and English); the rule texts and the
shared helpers live in :mod:`cim.network.rules`, the checks in :mod:`cim.network.checks`.

Rules: NET-DANGLE (a line end no other line meets, unless the node is a declared terminal),
NET-COMPONENT (a part not connected to the largest one), NET-DUPLICATE, NET-OVERLAP, NET-ZERO-LENGTH,
NET-SELF-LOOP, NET-UPHILL (a drain whose downstream invert is higher than its upstream invert),
NET-UPHILL-DEM (a drain without inverts running up the terrain), NET-CROSS-BUILDING (a pipe or cable
passing through a building), NET-ELEMENT-OFF (a smart element of this system farther than the
threshold from every line of it: a lamp off every lighting circuit, a flood sensor far from any drain),
NET-ELEMENT-NODE (a smart element naming a network node that does not exist).
"""

from __future__ import annotations

from cim.findings import Finding
from cim.network.model import Network, find_column
from cim.network.rules import (
    ELEMENT_DISTANCE_M,
    NOT_ON_NETWORK,
    RULES,
    SMART_TO_NETWORK,
    SOURCE_KINDS,
    TERMINAL_KINDS,
    UTILITIES,
    canonical_system,
    network_finding,
    sample_dem,
)


def issues_frame(issues: list[Finding], crs=None):
    """Network findings as a point GeoDataFrame (a layer the app can zoom to): code, severity, system,
    both messages, the node/edge/element it names."""
    import geopandas as gpd
    import numpy as np

    rows = [{"code": i.code, "severity": i.severity, "system": i.extra.get("system", ""),
             "message_vi": i.message.vi, "message_en": i.message.en, "node_id": i.extra.get("node_id"),
             "edge_id": i.extra.get("edge_id"), "element": i.objects[0] if i.objects else None} for i in issues]
    xy = np.array([i.bbox[:2] for i in issues], dtype=float).reshape(-1, 2)
    return gpd.GeoDataFrame(rows, geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs=crs)


def validate_network(net: Network, *, tolerance: float = 0.01, dem=None, buildings=None, smart_elements=None,
                     element_distance: float | dict | None = None, dem_tolerance_m: float = 0.1,
                     invert_tolerance_m: float = 0.0, overlaps: bool = True, boundary=None,
                     boundary_tolerance_m: float = 1.0, feedback=None) -> list[Finding]:
    """Every :class:`~cim.findings.Finding` on ``net`` (empty list = clean; ``code`` the NET-… rule,
    ``bbox`` the point, ``extra`` the system and node/edge ids). ``dem`` is a raster path, an open rasterio dataset
    or ``(array, affine, nodata)``; ``buildings``, ``smart_elements`` and ``boundary`` (the plan
    boundary: line ends on it or outside it continue beyond the plan and are not dangles) are
    GeoDataFrames in the network CRS."""
    from cim.feedback import Feedback
    from cim.network import checks

    fb = feedback or Feedback()
    system = canonical_system(net.system)
    out: list[Finding] = []
    steps = [
        lambda: checks.structural(net, system, tolerance, network_finding),
        lambda: checks.connectivity(net, system, network_finding, terminal_kinds=TERMINAL_KINDS, source_kinds=SOURCE_KINDS,
                                    boundary=boundary, boundary_tol=boundary_tolerance_m),
        lambda: checks.duplicates(net, system, tolerance, network_finding, overlaps=overlaps),
    ]
    if system == "drainage":
        steps.append(lambda: checks.uphill(net, system, dem, dem_tolerance_m, invert_tolerance_m, network_finding))
    if buildings is not None and system in UTILITIES:
        steps.append(lambda: checks.through_buildings(net, system, buildings, tolerance, network_finding))
    if smart_elements is not None:
        limits = dict(ELEMENT_DISTANCE_M)
        if isinstance(element_distance, dict):
            limits.update(element_distance)
        elif element_distance is not None:
            limits = {k: float(element_distance) for k in set(limits) | {system}}
        steps.append(lambda: checks.elements(net, system, smart_elements, limits.get(system, 10.0), network_finding,
                                             SMART_TO_NETWORK, NOT_ON_NETWORK))
    for k, step in enumerate(steps):
        fb.raise_if_canceled("validate network")
        out += step()
        fb.set_progress((k + 1) / len(steps))
    return out


__all__ = ["RULES", "UTILITIES", "canonical_system", "validate_network", "issues_frame", "sample_dem",
           "find_column"]
