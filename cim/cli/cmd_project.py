"""Project commands: new, import, info, export-layer."""

from __future__ import annotations

import json
from pathlib import Path

from cim.cli import EXIT_OK, add_project_command, feedback_for, open_for_edit


def register(sub) -> None:
    p = add_project_command(sub, "new", cmd_new, "create an empty project file", project_help="the new *.cim.gpkg file")
    p.add_argument("--crs", default="EPSG:9208", help="project CRS (default EPSG:9208, VN-2000 / TM-3 104-45)")
    p.add_argument("--province", help="province of the plan (sets the default CRS from the VN-2000 catalogue)")
    p.add_argument("--meta", action="append", default=[], metavar="KEY=VALUE",
                   help="plan metadata, e.g. --meta plan_id=QH-PT-2026-0001 (repeatable)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p = add_project_command(sub, "import", cmd_import, "import vector or raster files as layers into a project")
    p.add_argument("files", type=Path, nargs="+")
    p.add_argument("--layer", help="layer inside a multi-layer source (GeoPackage, DXF …)")
    p.add_argument("--name", help="name of the new layer (single file)")
    p.add_argument("--crs", help="CRS to assume when a file has none, e.g. EPSG:9208")
    p.add_argument("--encoding", help="attribute encoding when the file does not say (e.g. cp1258)")
    p.add_argument("--kind", help="city-object kind of the layer (plot, building, road …)")
    p = add_project_command(sub, "info", cmd_info, "layers, feature counts, CRS and metadata of a project")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = add_project_command(sub, "export-layer", cmd_export_layer,
                            "write one layer of a project to a file (format from the extension)")
    p.add_argument("layer", help="layer name or id")
    p.add_argument("output", type=Path, help="e.g. out.gpkg, out.shp, out.geojson, out.fgb, out.kml")


def cmd_new(args, ctx) -> int:
    from cim.errors import CimInputError
    from cim.project import PlanMetadata, Project
    from cim.project.access import require_file_write
    from cim.project.store import save_project

    if args.project.exists() and not args.force:
        raise CimInputError(args.project, "the file exists already", hint="use --force to overwrite it")
    require_file_write(args.project, "overwrite the project with a new one")
    crs = args.crs
    md = PlanMetadata()
    if args.province:
        from cim.crs import province_zones

        zones = province_zones(args.province)
        crs = f"EPSG:{zones.default}" if args.crs == "EPSG:9208" else args.crs
        md.province = args.province
    for item in args.meta:
        if "=" not in item:
            raise CimInputError(None, f"--meta {item!r} is not KEY=VALUE", hint="e.g. --meta plan_id=QH-1")
        key, value = item.split("=", 1)
        try:
            md.set(key.strip(), value.strip())
        except CimInputError as exc:
            raise CimInputError(args.project, f"--meta {item!r}: {exc.cause}", obj=exc.obj, hint=exc.hint) from None
    project = Project(crs=crs, metadata=md)
    if args.project.exists():
        args.project.unlink()
    save_project(project, args.project)
    print(f"created {args.project} ({crs})")
    return EXIT_OK


def cmd_import(args, ctx) -> int:
    from cim.errors import CimInputError
    from cim.project.importing import import_layer
    from cim.project.store import save_project

    fb = feedback_for(args)
    project = open_for_edit(args.project, "import layers into the project", fb)
    if args.name and len(args.files) > 1:
        raise CimInputError(None, "--name can only be used with a single file")
    n = len(args.files)
    for i, path in enumerate(args.files):
        reader = ctx.reader_for(path) if ctx.reader_for else None
        kind, func = reader if reader else (None, None)
        with fb.step(i / n, (i + 1) / n):
            rec = import_layer(project, path, layer=args.layer, name=args.name, crs_if_missing=args.crs,
                               encoding=args.encoding, object_kind=args.kind, reader=func, kind=kind, feedback=fb)
        count = rec.feature_count()
        print(f"imported {path.name} → layer {rec.name!r}" + (f" ({count} features)" if count is not None else ""))
    save_project(project, feedback=fb)
    return EXIT_OK


def cmd_info(args, ctx) -> int:
    from cim.project.store import open_project

    project = open_project(args.project, feedback=feedback_for(args))
    layers = []
    for rec in project.ordered_layers():
        entry = {"id": rec.id, "name": rec.name, "kind": rec.kind, "object_kind": rec.object_kind,
                 "crs": rec.crs, "features": rec.feature_count(), "visible": project.tree.is_visible(rec.id)}
        if rec.kind == "vector" and len(rec.data):
            entry["geometry_type"] = str(rec.data.geom_type.iloc[0])
            entry["bounds"] = [round(v, 3) for v in rec.data.total_bounds.tolist()]
        layers.append(entry)
    md = project.metadata.to_dict()
    if args.json:
        print(json.dumps({"project": str(args.project), "crs": project.crs, "metadata": md, "layers": layers,
                          "missing_metadata": project.metadata.missing()}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Project  {args.project}")
    print(f"CRS      {project.crs}")
    for key, value in md.items():
        if key != "extra" and value not in ("", None):
            print(f"  {key:15s} {value}")
    missing = project.metadata.missing()
    if missing:
        print(f"  missing metadata: {', '.join(missing)}")
    print(f"Layers ({len(layers)}):")
    for e in layers:
        count = "" if e["features"] is None else f"{e['features']:>9,d} "
        print(f"  {e['name']:<28s} {e['kind']:<7s} {count}{e.get('geometry_type', '')}")
    return EXIT_OK


def cmd_export_layer(args, ctx) -> int:
    from cim.errors import CimInputError
    from cim.project.store import open_project

    project = open_project(args.project, feedback=feedback_for(args))
    rec = project.find_layer(args.layer)
    if rec.kind == "vector":
        from cim.io.vector import write_vector

        write_vector(rec.data, args.output)
    elif rec.kind == "raster":
        if args.output.suffix.lower() not in (".tif", ".tiff"):
            raise CimInputError(args.output, "a raster layer is exported as GeoTIFF", hint="use a .tif name")
        args.output.write_bytes(rec.data.tiff_bytes())
    else:
        raise CimInputError(args.output, f"layers of kind {rec.kind!r} cannot be exported here")
    print(f"wrote {args.output}")
    return EXIT_OK
