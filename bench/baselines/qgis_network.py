"""Baseline: QGIS network analysis measured like CIM Studio — graph built once, then one search per point.

    /usr/bin/python3 qgis_network.py FILE.gpkg LAYER COST_M X,Y[,X,Y...]

Two figures (Debian's python3-qgis, run with the system Python):
- ``api``: ``QgsVectorLayerDirector`` + ``QgsGraphBuilder`` build the graph once (planar distances,
  start points tied in), then ``QgsGraphAnalyzer.dijkstra`` per point; reached vertices = cost ≤ COST_M.
- ``processing``: ``native:serviceareafrompoint`` per point, as a user runs it (it rebuilds its graph
  on every call, so its per-point time includes a graph build).
"""
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.append("/usr/share/qgis/python/plugins")
from qgis.analysis import (  # noqa: E402
    QgsGraphAnalyzer,
    QgsGraphBuilder,
    QgsNetworkDistanceStrategy,
    QgsVectorLayerDirector,
)
from qgis.core import QgsApplication, QgsPointXY, QgsVectorLayer  # noqa: E402

QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()

path, layer_name, cost, coords = sys.argv[1:5]
cost = float(cost)
xy = [float(v) for v in coords.split(",")]
points = [QgsPointXY(x, y) for x, y in zip(xy[0::2], xy[1::2])]
layer = QgsVectorLayer(f"{path}|layername={layer_name}", "edges", "ogr")
assert layer.isValid(), f"QGIS cannot open {path}"

t = time.perf_counter()
director = QgsVectorLayerDirector(layer, -1, "", "", "", QgsVectorLayerDirector.DirectionBoth)
director.addStrategy(QgsNetworkDistanceStrategy())
builder = QgsGraphBuilder(layer.crs(), True, 0.0, "NONE")
tied = director.makeGraph(builder, points)
graph = builder.graph()
build = time.perf_counter() - t
reached = []
t = time.perf_counter()
for p in tied:
    _, costs = QgsGraphAnalyzer.dijkstra(graph, graph.findVertex(p), 0)
    reached.append(sum(1 for c in costs if 0 <= c <= cost))
search = time.perf_counter() - t
print(f"qgis_api vertices={graph.vertexCount()} build_s={build:.3f} per_point_s={search / len(points):.4f} "
      f"reached_mean={sum(reached) / len(reached):.1f}", flush=True)

from processing.core.Processing import Processing  # noqa: E402

Processing.initialize()
import processing  # noqa: E402

t = time.perf_counter()
for p in points:
    processing.run("native:serviceareafrompoint", {
        "INPUT": f"{path}|layername={layer_name}", "STRATEGY": 0,
        "START_POINT": f"{p.x()},{p.y()} [{layer.crs().authid()}]", "TRAVEL_COST2": cost, "OUTPUT_LINES": "memory:"})
dt = time.perf_counter() - t
print(f"qgis_processing points={len(points)} per_point_s={dt / len(points):.3f}", flush=True)
