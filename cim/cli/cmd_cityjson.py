"""CityJSON commands: export-cityjson, import-cityjson."""

from __future__ import annotations

from pathlib import Path

from cim.cli import EXIT_OK, EXIT_USAGE_OR_INPUT, add_project_command, feedback_for, open_for_edit


def register(sub) -> None:
    p = add_project_command(sub, "export-cityjson", cmd_export,
                            "export the project as CityJSON 2.0 (.city.json) or CityJSONSeq (.jsonl)")
    p.add_argument("output", type=Path)
    p.add_argument("--no-lod2", action="store_true", help="leave out LoD2 geometry from IFC models")

    p = add_project_command(sub, "import-cityjson", cmd_import,
                            "import a CityJSON 2.0 / CityJSONSeq file as layers")
    p.add_argument("file", type=Path)
    p.add_argument("--crs", help="CRS of the coordinates when the file has no referenceSystem, e.g. EPSG:9208")


def cmd_export(args, ctx) -> int:
    from cim.cityjson.from_project import export_cityjson
    from cim.ifc.model import register
    from cim.project.store import open_project

    register()
    fb = feedback_for(args)
    project = open_project(args.project, feedback=fb)
    report = export_cityjson(project, args.output, lod2=not args.no_lod2, feedback=fb)
    print(f"wrote {args.output}: {len(report.errors)} error(s), {len(report.warnings)} warning(s)")
    for e in report.errors[:20]:
        print(f"  error: {e.message.en}")
    return EXIT_OK if report.valid else EXIT_USAGE_OR_INPUT


def cmd_import(args, ctx) -> int:
    from cim.cityjson.import_ import import_cityjson
    from cim.ifc.model import register
    from cim.project.store import save_project

    register()
    fb = feedback_for(args)
    project = open_for_edit(args.project, "import CityJSON into the project", fb)
    records = import_cityjson(project, args.file, crs=args.crs, feedback=fb)
    for r in records:
        print(f"imported {r.name!r} ({len(r.data)} objects)")
    save_project(project, feedback=fb)
    return EXIT_OK
