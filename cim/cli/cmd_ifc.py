"""IFC commands: import-ifc, georef, merge."""

from __future__ import annotations

import json
from pathlib import Path

from cim.cli import EXIT_FINDINGS, EXIT_OK, add_project_command, feedback_for, open_for_edit


def register(sub) -> None:
    p = add_project_command(sub, "import-ifc", cmd_import_ifc,
                            "import IFC models (buildings, smart devices, alignments) into a project")
    p.add_argument("files", type=Path, nargs="+")
    p.add_argument("--cache", type=Path, help="geometry cache folder (default: .cimcache beside the project)")
    p.add_argument("--empty-scale", choices=("derive", "literal"), default="derive",
                   help="when IfcMapConversion.Scale is empty: derive it from the units (default) or take 1")
    p.add_argument("--name", help="layer name (single file)")
    p.add_argument("--place", metavar="E,N[,ROT]",
                   help="for a model without georeferencing: put its origin at E,N of the project CRS, x axis "
                        "turned ROT degrees anticlockwise from grid east (required for such a model)")

    p = sub.add_parser("georef", help="show (or correct) the georeferencing of an IFC file")
    p.add_argument("file", type=Path)
    p.add_argument("--empty-scale", choices=("derive", "literal"), default="derive")
    p.add_argument("--place", nargs="+", type=float, metavar="E N [H]",
                   help="place the model origin at these map coordinates")
    p.add_argument("--rotation", type=float, default=0.0, help="x axis, degrees anticlockwise from grid east")
    p.add_argument("--crs", help="CRS of the placement, e.g. EPSG:9208")
    p.add_argument("--write", type=Path, help="write a corrected copy here (never over the source)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_georef)

    p = add_project_command(sub, "merge", cmd_merge,
                            "merge IFC buildings into a GIS building layer (IoU matching)")
    p.add_argument("--gis", default="buildings", help="GIS building layer (name or id)")
    p.add_argument("--ifc", nargs="*", help="IFC layers (default: all)")
    p.add_argument("--min-iou", type=float, default=0.5)
    p.add_argument("--report", type=Path, help="write the merge report as JSON")


def _cache_for(project_path: Path, cache: Path | None) -> Path:
    return cache or project_path.resolve().parent / ".cimcache"


def cmd_import_ifc(args, ctx) -> int:
    from cim.errors import CimInputError
    from cim.ifc.importer import import_ifc
    from cim.ifc.isolated import warm_up
    from cim.ifc.model import register
    from cim.project.store import save_project

    warm_up()                     # the reader's child-process server loads while the project opens
    register()
    if args.name and len(args.files) > 1:
        raise CimInputError(None, "--name can only be used with a single file")
    place = None
    if args.place:
        from cim.ifc.place import parse_place

        place = parse_place(args.place)
    fb = feedback_for(args)
    project = open_for_edit(args.project, "import IFC models into the project", fb)
    n = len(args.files)
    for i, path in enumerate(args.files):
        with fb.step(i / n, (i + 1) / n):
            res = import_ifc(project, path, cache_dir=_cache_for(args.project, args.cache), name=args.name,
                             empty_scale=args.empty_scale, place=place, feedback=fb)
        model = res.model
        print(f"imported {path.name} ({model.declared_schema}) → {len(model.buildings)} building(s), "
              + ", ".join(f"{r.name!r} ({len(r.data) if r.kind == 'vector' else 'model'})" for r in res.layers))
        for w in res.warnings:
            print(f"  [{w.severity}] {w.code}: {w.message.en}")
    save_project(project, feedback=fb)
    return EXIT_OK


def cmd_georef(args, ctx) -> int:
    from cim.ifc.georef_inspect import inspect_georef

    rep = inspect_georef(args.file, empty_scale=args.empty_scale)
    g = rep["georef"]
    origin = g.map_from_local_units([[0.0, 0.0, 0.0]])[0].tolist()
    out = {"file": str(args.file), "schema": rep["schema"], "opened_as": rep["opened_as"],
           "georef": g.to_dict(), "origin_map": origin, "logeoref": rep["logeoref"],
           "findings": [w.to_dict() for w in rep["findings"]]}
    if args.place:
        from cim.ifc.place import placed_georef, write_georeferenced_copy

        e, n, *h = args.place
        new = placed_georef(g, eastings=e, northings=n, height=h[0] if h else 0.0, rotation_deg=args.rotation,
                            crs=args.crs)
        out["placed"] = new.to_dict()
        if args.write:
            write_georeferenced_copy(args.file, args.write, new)
            out["written"] = str(args.write)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    else:
        upgraded = rep["opened_as"] != rep["schema"]
        print(f"{args.file.name}: {rep['schema']}" + (f" (opened as {rep['opened_as']})" if upgraded else ""))
        print(f"  source      {g.source}   CRS {g.crs_name or '—'}   LoGeoRef {rep['logeoref']['level']}")
        print(f"  E/N/H       {g.eastings:.3f} {g.northings:.3f} {g.height:.3f}   rotation {g.rotation_deg:.4f}°")
        print(f"  scale       {g.scale:g} (declared {g.scale_declared}, length unit {g.length_unit_m:g} m)")
        print(f"  origin →    {origin[0]:.3f} {origin[1]:.3f} {origin[2]:.3f}")
        for w in rep["findings"]:
            print(f"  [{w.severity}] {w.code}: {w.message.en}")
        if "written" in out:
            print(f"wrote {out['written']}")
    return EXIT_FINDINGS if any(w.severity == "E" for w in rep["findings"]) else EXIT_OK


def cmd_merge(args, ctx) -> int:
    from cim.ifc.model import register
    from cim.merge.apply import merge_ifc_buildings
    from cim.project.store import save_project

    register()
    fb = feedback_for(args)
    project = open_for_edit(args.project, "merge IFC buildings into the project", fb)
    ifc = args.ifc or [r.id for r in project.ordered_layers() if r.kind == "ifc"]
    report = merge_ifc_buildings(project, ifc, args.gis, min_iou=args.min_iou)
    if args.report:
        report.to_json(args.report)
    s = report.summary()
    print(f"linked {s['links']} IFC building(s); {s['conflicts']} conflict(s)")
    for c in report.conflicts:
        print(f"  {c.kind:20s} {c.ifc_guid or '-':24s} {c.gis_cim_id or '-':12s} {c.en}")
    save_project(project, feedback=fb)
    return EXIT_FINDINGS if report.conflicts else EXIT_OK
