"""Benchmark: network topology on a generated 1,000,000-edge road network and 25 × 800 m walksheds,
with QGIS's service-area algorithm and pandana as baselines in the same run.

    python bench/bench_network.py [--edges 1000000] [--qgis-points 2] [--pandana-edges 4000]

- CIM Studio: read the roads GeoPackage, build the topology, build the walk graph once, then 25
  walksheds of 800 m (Dijkstra only, and with polygons).
- QGIS (``native:serviceareafrompoint`` via ``../shared/baselines/qgis_service_area.py``, Debian's
  ``python3-qgis`` under ``/usr/bin/python3``) on the *built* edges (the same network) from the first
  ``--qgis-points`` stations; QGIS rebuilds its graph for every point, so the per-point time is
  extrapolated to 25 points (said so in the output).
- pandana (``Network`` = contraction hierarchies, ``precompute(800)``, ``nodes_in_range``) in a
  subprocess with a time limit: its preprocessing is superlinear on grid-like networks (3,600 nodes
  take ~8 s), so it runs on a generated network of ``--pandana-edges`` edges, where CIM Studio is
  timed as well.
Figures go to stdout and ``bench/out/bench_network.json``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = Path(__file__).resolve().parents[2] / "shared"
sys.path.insert(0, str(REPO))


def _t(fn, *a, **kw):
    t = time.perf_counter()
    out = fn(*a, **kw)
    return out, time.perf_counter() - t


def cim_run(gpkg: Path, cutoff: float) -> tuple[dict, object, object]:
    import numpy as np
    import pyogrio

    from cim.network import analysis
    from cim.network.topology import build_network

    fig = {}
    roads, fig["read_s"] = _t(pyogrio.read_dataframe, gpkg, layer="roads", use_arrow=True)
    st = pyogrio.read_dataframe(gpkg, layer="stations")
    pts = np.column_stack([st.geometry.x, st.geometry.y])
    net, fig["build_s"] = _t(build_network, roads, layer="roads")
    fig.update(features=len(roads), nodes=net.n_nodes, edges=net.n_edges)
    _, fig["graph_s"] = _t(net.graph, "walk", "length")
    _, fig["snap_s"] = _t(analysis.to_nodes, net, pts, "walk")
    dist, fig["walksheds_dijkstra_s"] = _t(analysis.reached, net, pts, cutoff)
    sheds, fig["walksheds_polygons_s"] = _t(analysis.walksheds, net, pts, cutoff)
    fig["reached_nodes_mean"] = float(np.isfinite(dist).sum(axis=1).mean())
    fig["walkshed_area_ha_mean"] = float(sheds["area_m2"].mean() / 1e4)
    return fig, net, pts


def qgis_run(net, pts, out: Path, cutoff: float, n_points: int) -> dict:
    import pyogrio

    script = SHARED / "baselines" / "qgis_service_area.py"
    if not Path("/usr/bin/python3").exists() or not script.exists():
        return {"skipped": f"needs /usr/bin/python3 with python3-qgis and {script}"}
    edges = net.edges[["edge_id", "length", "geometry"]]
    path = out / "network_edges.gpkg"
    path.unlink(missing_ok=True)
    _, write_s = _t(pyogrio.write_dataframe, edges, path, layer="edges", driver="GPKG", use_arrow=True)
    coords = ",".join(f"{x:.3f},{y:.3f}" for x, y in pts[:n_points])
    t = time.perf_counter()
    proc = subprocess.run(["/usr/bin/python3", str(script), str(path), "edges", str(cutoff), coords, "EPSG:9208"],
                          capture_output=True, text=True, timeout=3600)
    wall = time.perf_counter() - t
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("qgis_service_area")]
    if proc.returncode or not line:
        return {"failed": proc.stderr[-2000:], "returncode": proc.returncode}
    vals = dict(kv.split("=") for kv in line[0].split()[1:])
    per_point = float(vals["per_point_s"])
    return {"edges": len(edges), "points_run": n_points, "total_s": float(vals["total_s"]),
            "per_point_s": per_point, "extrapolated_25_s": per_point * len(pts), "process_wall_s": wall,
            "write_edges_gpkg_s": write_s}


PANDANA_CODE = r"""
import json, sys, time
import numpy as np, pandas as pd, pandana, pyogrio
sys.path.insert(0, sys.argv[3])
from cim.network.topology import build_network
roads = pyogrio.read_dataframe(sys.argv[1], layer="roads"); st = pyogrio.read_dataframe(sys.argv[1], layer="stations")
net = build_network(roads); cutoff = float(sys.argv[2]); xy = net.xy
e = pd.DataFrame({"a": net.iu, "b": net.iv, "w": net.edges["length"].to_numpy()})
t = time.perf_counter()
pn = pandana.Network(pd.Series(xy[:, 0]), pd.Series(xy[:, 1]), e["a"], e["b"], e[["w"]], twoway=True)
ch = time.perf_counter() - t
t = time.perf_counter(); pn.precompute(cutoff); pre = time.perf_counter() - t
ids = pn.get_node_ids(st.geometry.x, st.geometry.y).to_numpy()
t = time.perf_counter(); r = pn.nodes_in_range(ids, cutoff); q = time.perf_counter() - t
pn.set(pd.Series(1.0, index=pd.Index(ids)), name="stations")
t = time.perf_counter(); pn.aggregate(cutoff, type="count", name="stations"); agg = time.perf_counter() - t
print(json.dumps({"nodes": int(net.n_nodes), "edges": int(net.n_edges), "contraction_s": ch, "precompute_s": pre,
                  "nodes_in_range_25_s": q, "aggregate_all_nodes_s": agg,
                  "reached_nodes_mean": float(r.groupby("source").size().mean())}))
"""


def pandana_run(gpkg: Path, cutoff: float, timeout: float) -> dict:
    try:
        proc = subprocess.run([sys.executable, "-c", PANDANA_CODE, str(gpkg), str(cutoff), str(REPO)],
                              capture_output=True, text=True, timeout=timeout, env={"OMP_NUM_THREADS": "2",
                                                                                    "PATH": "/usr/bin:/bin"})
    except subprocess.TimeoutExpired:
        return {"timed_out_after_s": timeout}
    last = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    return json.loads(last[-1]) if last else {"failed": proc.stderr[-2000:]}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--edges", type=int, default=1_000_000)
    ap.add_argument("--cutoff", type=float, default=800.0)
    ap.add_argument("--qgis-points", type=int, default=2)
    ap.add_argument("--pandana-edges", type=int, default=4000)
    ap.add_argument("--pandana-timeout", type=float, default=600.0)
    ap.add_argument("--out", type=Path, default=HERE / "out")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from gen_network import generate

    args.out.mkdir(parents=True, exist_ok=True)
    big = args.out / f"roads_{args.edges}.gpkg"
    report: dict = {"edges_requested": args.edges, "cutoff_m": args.cutoff}
    if not big.exists():
        _, report["generate_s"] = _t(generate, big, args.edges)
    cim, net, pts = cim_run(big, args.cutoff)
    report["cim"] = cim
    print(json.dumps({"cim": cim}, indent=2), flush=True)
    report["qgis"] = qgis_run(net, pts, args.out, args.cutoff, args.qgis_points)
    print(json.dumps({"qgis": report["qgis"]}, indent=2), flush=True)
    small = args.out / f"roads_{args.pandana_edges}.gpkg"
    if not small.exists():
        generate(small, args.pandana_edges)
    report["cim_small"], *_ = cim_run(small, args.cutoff)
    report["pandana_small"] = pandana_run(small, args.cutoff, args.pandana_timeout)
    print(json.dumps({"cim_small": report["cim_small"], "pandana_small": report["pandana_small"]}, indent=2))
    (args.out / "bench_network.json").write_text(json.dumps(report, indent=2))
    c, q = report["cim"], report["qgis"]
    print(f"\nTopology of {c['edges']:,} edges: {c['build_s']:.1f} s (read {c['read_s']:.1f} s)")
    print(f"25 × {args.cutoff:.0f} m walksheds: Dijkstra {c['walksheds_dijkstra_s']:.2f} s, with polygons "
          f"{c['walksheds_polygons_s']:.2f} s (graph built once in {c['graph_s']:.2f} s)")
    if "per_point_s" in q:
        print(f"QGIS service area: {q['per_point_s']:.1f} s per point on the same network "
              f"(ran {q['points_run']}, extrapolated to 25: {q['extrapolated_25_s']:.0f} s) → CIM Studio "
              f"{q['extrapolated_25_s'] / c['walksheds_polygons_s']:.0f}× faster")


if __name__ == "__main__":
    main()
