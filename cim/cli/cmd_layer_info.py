"""``cimstudio layer-info PROJECT [LAYER] [--set FIELD=VALUE …]``: each layer's data responsibility
(provider, update cycle, source date, quality level, licence — ISO 19115 subset; META-02)."""

from __future__ import annotations

import json

from cim.cli import EXIT_OK, add_project_command


def register(sub) -> None:
    p = add_project_command(sub, "layer-info", cmd_layer_info, "show or set each layer's data responsibility "
                            "(provider, update cycle, source date, quality, licence)")
    p.add_argument("layer", nargs="?", help="layer name or id (all layers when omitted)")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                   help="e.g. --set provider='Sở Xây dựng' --set update_cycle=quarterly (repeatable; saves the project)")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def cmd_layer_info(args, ctx) -> int:
    from cim.errors import CimInputError
    from cim.project.layer_info import INFO_FIELDS, SetLayerInfo, info_table, layer_info, validate_info
    from cim.project.store import open_project, save_project

    project = open_project(args.project)
    if args.set:
        from cim.project.access import require_write

        require_write(project, "change the layers' data responsibility")
        if not args.layer:
            raise CimInputError(args.project, "--set needs the layer to change", hint="cimstudio layer-info P.cim.gpkg plots --set …")
        rec = project.find_layer(args.layer)
        values = layer_info(rec).to_dict()
        for item in args.set:
            if "=" not in item:
                raise CimInputError(None, f"--set {item!r} is not FIELD=VALUE", hint="e.g. --set update_cycle=annually")
            key, value = item.split("=", 1)
            values[key.strip()] = value.strip()
        project.push(SetLayerInfo(project, rec.id, validate_info(values, obj=rec.name)))
        save_project(project)
    rows = info_table(project)
    if args.layer:
        rec = project.find_layer(args.layer)
        rows = [r for r in rows if r["layer_id"] == rec.id]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    for r in rows:
        print(f"{r['layer']}:")
        for f, (vi, en, _iso) in INFO_FIELDS.items():
            print(f"  {vi} / {en}: {r.get(f, '—')}")
    return EXIT_OK
