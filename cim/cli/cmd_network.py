"""``cimstudio network build|validate|route|walkshed``: infrastructure networks of a project."""

from __future__ import annotations

import json
from pathlib import Path

from cim.cli import EXIT_FINDINGS, EXIT_OK, add_actions, add_project_command, feedback_for, open_for_edit


def register(sub) -> None:
    actions = add_actions(sub, "network", "build, validate and analyse infrastructure networks")
    b = add_project_command(actions, "build", cmd_build, "build a network (nodes + edges layers) from a line layer")
    b.add_argument("--layer", required=True, help="line layer, e.g. roads or net_drainage")
    b.add_argument("--nodes", help="declared node layer (default: <layer>_nodes when it exists)")
    b.add_argument("--system", help="road, water, drainage, energy, lighting, telecom … (default: from the layer name)")
    b.add_argument("--name", help="name of the network layers (default: <layer>_network)")
    b.add_argument("--tolerance", type=float, default=0.01, help="snapping tolerance in metres (default 0.01)")
    b.add_argument("--no-crossings", action="store_true", help="do not node where lines cross")
    b.add_argument("--merge-chains", action="store_true", help="merge chains through degree-2 nodes")
    b.add_argument("--skip-invalid", action="store_true",
                   help="leave out null/empty geometries (listed in the report) instead of stopping")
    v = add_project_command(actions, "validate", cmd_validate, "check a network's topology (INF-05); exit 1 on errors")
    v.add_argument("network", help="network layer name (from `network build`)")
    v.add_argument("--dem", help="DEM raster file or raster layer (drainage slope)")
    v.add_argument("--buildings", help="building layer (pipes through buildings)")
    v.add_argument("--smart", help="smart-element layer (elements attached to the network)")
    v.add_argument("--boundary", help="plan boundary layer (line ends on it are not dangles)")
    v.add_argument("--element-distance", type=float, help="metres an element may stand from its network")
    v.add_argument("--tolerance", type=float, default=0.01)
    v.add_argument("--save-layer", help="store the findings as a point layer with this name")
    v.add_argument("--json", action="store_true")
    v.add_argument("--lang", choices=("vi", "en"), default="en")
    r = add_project_command(actions, "route", cmd_route, "shortest path between two points")
    r.add_argument("network")
    r.add_argument("--from", dest="origin", required=True, help="X,Y in the project CRS, or a node id")
    r.add_argument("--to", dest="destination", required=True, help="X,Y in the project CRS, or a node id")
    _mode_args(r)
    _snap_arg(r)
    r.add_argument("--save-layer", help="store the route as a line layer with this name")
    r.add_argument("--json", action="store_true")
    w = add_project_command(actions, "walkshed", cmd_walkshed, "walksheds / service areas from one or more points")
    w.add_argument("network")
    w.add_argument("--at", action="append", default=[], help="X,Y of a source (repeatable)")
    w.add_argument("--points-layer", help="point layer whose features are the sources (e.g. stations)")
    w.add_argument("--cutoff", type=float, default=800.0, help="metres (or seconds with --weight time)")
    _mode_args(w)
    w.add_argument("--method", choices=("buffer", "hull"), default="buffer")
    w.add_argument("--buffer", type=float, default=25.0, help="buffer of reached streets in metres (method buffer)")
    _snap_arg(w)
    w.add_argument("--save-layer", help="store the polygons as a layer with this name")
    w.add_argument("--json", action="store_true")


def _mode_args(p) -> None:
    p.add_argument("--mode", choices=("walk", "bicycle", "car", "bus", "any"), default="walk")
    p.add_argument("--weight", choices=("length", "time"), default="length")


def _snap_arg(p) -> None:
    p.add_argument("--max-snap", type=float, default=100.0, metavar="M",
                   help="warn when a point lies more than M metres from the nearest node open to the mode "
                        "(default 100); the result is still computed and saved, and the exit status is 1")


def _report_snaps(warnings: list, lang: str = "en") -> int:
    """Print far-snap warnings to stderr; the exit status for them (1 = findings, 0 = none)."""
    import sys

    for w in warnings:
        print(f"WARNING {w.message.get(lang)}", file=sys.stderr)
    return EXIT_FINDINGS if warnings else EXIT_OK


def _xy(text: str):
    from cim.errors import CimInputError

    parts = [s.strip() for s in text.split(",")]
    try:
        if len(parts) == 1:
            return int(parts[0])
        x, y = (float(v) for v in parts)
    except ValueError:
        raise CimInputError(None, f"{text!r} is neither X,Y nor a node id", hint="e.g. --from 565120.5,2359870") from None
    return (x, y)


def _open_network(args, fb):
    """The project (writable when ``--save-layer`` adds a layer) and its built network ``args.network``."""
    from cim.network import layers
    from cim.project.store import open_project

    project = open_project(args.project, feedback=fb)
    if args.save_layer:
        from cim.project.access import require_write

        require_write(project, "add layers to the project")
    return project, layers.load_network(project, args.network)


def _vector(project, name):
    return None if name is None else project.find_layer(name).data


def _system_of(layer: str) -> str:
    from cim.network.validate import canonical_system

    s = canonical_system(layer)
    return "road" if s in ("road", "roads", "streets") else s


def cmd_build(args, ctx) -> int:
    from cim.network import layers
    from cim.network.topology import build_network
    from cim.project.store import save_project

    fb = feedback_for(args)
    project = open_for_edit(args.project, "build a network in the project", fb)
    rec = project.find_layer(args.layer)
    nodes_name = args.nodes
    if nodes_name is None and any(r.name == f"{rec.name}_nodes" for r in project.layers.values()):
        nodes_name = f"{rec.name}_nodes"
    nodes = _vector(project, nodes_name)
    system = _system_of(args.system or rec.name)
    with fb.step(0.0, 0.8):
        net = build_network(rec.data, system=system, tolerance=args.tolerance, node_crossings=not args.no_crossings,
                            merge_chains=args.merge_chains, nodes_gdf=nodes, layer=rec.name,
                            nodes_layer=nodes_name or "nodes", path=args.project, skip_invalid=args.skip_invalid,
                            feedback=fb)
    name = args.name or f"{rec.name}_network"
    layers.add_to_project(project, net, name, params={"built_from": rec.name, "nodes_from": nodes_name,
                                                      "tolerance": args.tolerance})
    save_project(project, feedback=fb)
    rep = net.report
    print(f"built {system} network {name!r}: {net.n_nodes:,} nodes, {net.n_edges:,} edges from "
          f"{rep.get('features', 0):,} feature(s) of {rec.name!r}")
    for key in ("multipart_features", "flattened_z", "noded_crossings", "noded_vertices", "merged_chains",
                "isolated_declared_nodes", "declared_nodes_sharing_a_position"):
        if rep.get(key):
            print(f"  {key.replace('_', ' ')}: {rep[key]}")
    for s in rep.get("skipped", []):
        from cim.project.feature_names import feature_name

        print(f"  skipped {feature_name(rec, s['fid'], 'en')}: {s['reason']}")
    return EXIT_OK


def cmd_validate(args, ctx) -> int:
    from cim.network.validate import issues_frame, validate_network
    from cim.project.store import save_project

    fb = feedback_for(args)
    project, net = _open_network(args, fb)
    issues = validate_network(net, tolerance=args.tolerance, dem=_dem(project, args.dem),
                              buildings=_vector(project, args.buildings), smart_elements=_vector(project, args.smart),
                              boundary=_vector(project, args.boundary), element_distance=args.element_distance,
                              feedback=fb)
    from cim.network.checks import components

    errors = sum(i.severity == "E" for i in issues)
    parts = components(net)[0]
    if args.save_layer:
        _save_layer(project, args.save_layer, issues_frame(issues, net.crs), "network_issue", "Point")
        save_project(project, feedback=fb)
    if args.json:
        print(json.dumps({"network": args.network, "errors": errors, "components": parts,
                          "findings": [i.to_dict() for i in issues]},
                         ensure_ascii=False, indent=2, default=str))
    else:
        for i in issues:
            x, y = i.bbox[:2]
            print(f"{'ERROR' if i.severity == 'E' else 'WARNING':7s} {i.code:18s} ({x:.1f}, {y:.1f}) "
                  f"{i.message.get(args.lang)}")
        print(f"{errors} error(s), {len(issues) - errors} warning(s) in network {args.network!r} "
              f"({net.n_nodes:,} nodes, {net.n_edges:,} edges, {parts} connected part(s))")
    return EXIT_FINDINGS if errors else EXIT_OK


def cmd_route(args, ctx) -> int:
    from cim.network.analysis import shortest_path
    from cim.project.store import save_project

    fb = feedback_for(args)
    project, net = _open_network(args, fb)
    path = shortest_path(net, _xy(args.origin), _xy(args.destination), mode=args.mode, weight=args.weight,
                         max_snap_m=args.max_snap)
    a = path.attrs
    if args.save_layer:
        _save_layer(project, args.save_layer, path, "route", "LineString")
        save_project(project, feedback=fb)
    if args.json:
        print(json.dumps({"cost": a["cost"], "length_m": a["length"], "mode": a["mode"], "weight": a["weight"],
                          "edges": path["edge_id"].tolist(), "nodes": a["nodes"]}, indent=2))
    else:
        unit = "s" if args.weight == "time" else "m"
        print(f"{args.mode} route: {a['length']:.1f} m, cost {a['cost']:.1f} {unit}, {len(path)} edge(s)")
    return _report_snaps(a["warnings"])


def cmd_walkshed(args, ctx) -> int:
    import numpy as np
    import shapely

    from cim.errors import CimInputError
    from cim.network.analysis import walksheds
    from cim.project.store import save_project

    fb = feedback_for(args)
    project, net = _open_network(args, fb)
    pts, names = [], []
    for a in args.at:
        xy = _xy(a)
        if isinstance(xy, int):
            raise CimInputError(None, f"--at {a!r}: give X,Y", hint="e.g. --at 565120.5,2359870")
        pts.append(xy)
        names.append(a)
    if args.points_layer:
        src = project.find_layer(args.points_layer).data
        pts += [tuple(p) for p in shapely.get_coordinates(src.geometry.values)]
        label = src["name"] if "name" in src.columns else src.index.astype(str)
        names += [str(v) for v in label]
    if not pts:
        raise CimInputError(None, "no source point", hint="give --at X,Y or --points-layer stations")
    sheds = walksheds(net, np.array(pts), args.cutoff, mode=args.mode, weight=args.weight, method=args.method,
                      buffer_m=args.buffer, names=names, max_snap_m=args.max_snap)
    if args.save_layer:
        _save_layer(project, args.save_layer, sheds, "walkshed", "Polygon")
        save_project(project, feedback=fb)
    table = sheds.drop(columns="geometry")
    if args.json:
        print(table.to_json(orient="records", force_ascii=False, indent=2))
    else:
        for r in table.itertuples():
            print(f"{r.name}: {r.nodes} nodes reached, {r.area_m2 / 1e4:.1f} ha, walkshed/circle "
                  f"{r.circle_ratio:.2f} (snapped {r.snap_m:.1f} m{', TOO FAR' if r.far_snap else ''})")
    return _report_snaps(sheds.attrs["warnings"])


def _save_layer(project, name: str, gdf, object_kind: str, geometry_type: str) -> None:
    import numpy as np

    from cim.project import LayerRecord
    from cim.project.edits import AddLayer, RemoveLayer

    gdf = gdf.copy()
    gdf.index = np.arange(1, len(gdf) + 1, dtype=np.int64)
    gdf.index.name = "fid"
    for col in gdf.columns:
        if gdf[col].dtype == object and col != gdf.geometry.name:
            gdf[col] = gdf[col].astype(str)
    with project.undo_stack.macro(f"Save {name}"):
        for old in [r for r in list(project.layers.values()) if r.name == name]:
            project.push(RemoveLayer(project, old.id))
        project.push(AddLayer(project, LayerRecord(name=name, kind="vector", data=gdf, crs=project.crs,
                                                   object_kind=object_kind, source={"geometry_type": geometry_type})))


def _dem(project, ref):
    if ref is None:
        return None
    if Path(ref).exists():
        return ref
    rec = project.find_layer(ref)
    data = rec.data
    if hasattr(data, "tiff_bytes"):
        from rasterio.io import MemoryFile

        with MemoryFile(data.tiff_bytes()) as mem, mem.open() as ds:
            return ds.read(1).astype(float), ds.transform, ds.nodata
    return data
