"""``cimstudio print``: a map sheet (A4–A0, PDF or PNG) with title block, legend, scale bar, north arrow
and the VN-2000 grid. The renderer is handed over by the composition root (``ctx.extras["print_sheet"]``,
``layers.sheet.api.print_sheet``): the core knows the command, not the drawing."""

from __future__ import annotations

from pathlib import Path

from cim.cli import EXIT_OK, add_project_command, feedback_for


def register(sub) -> None:
    p = add_project_command(sub, "print", cmd_print, "print a map sheet of a project to PDF or PNG")
    p.add_argument("-o", "--output", type=Path, required=True, help="the sheet file, e.g. sheet.pdf or sheet.png")
    p.add_argument("--format", dest="fmt", choices=("pdf", "png"), help="default: from the output name")
    p.add_argument("--paper", default="A3", help="A4, A3, A2, A1 or A0 (default A3)")
    p.add_argument("--orientation", default="landscape", choices=("landscape", "portrait"))
    p.add_argument("--scale", help="denominator of the map scale, e.g. 2000, 5000, 10000 "
                                   "(default: the round scale at which the visible layers fit)")
    p.add_argument("--dpi", default="300", help="resolution of the map and of a PNG (default 300)")
    p.add_argument("--centre", "--center", dest="centre", metavar="X,Y",
                   help="map centre in the project CRS (default: the centre of the visible layers)")
    p.add_argument("--lang", default="vi", choices=("vi", "en"), help="language of the sheet (default vi)")
    p.add_argument("--date", help="the date printed in the title block (default today)")


def cmd_print(args, ctx) -> int:
    from cim.errors import CimInputError
    from cim.project.store import open_project

    printer = (ctx.extras or {}).get("print_sheet") if ctx is not None else None
    if printer is None:
        raise CimInputError(args.output, "this command line has no map renderer",
                            hint="run `cimstudio print …` (python -m app.launcher print …)")
    centre = None
    if args.centre:
        try:
            x, y = (float(v) for v in args.centre.replace(";", ",").split(","))
        except ValueError:
            raise CimInputError(args.output, f"--centre {args.centre!r} is not X,Y",
                                hint="e.g. --centre 565150,2359620 (project CRS)") from None
        centre = (x, y)
    fb = feedback_for(args)
    project = open_project(args.project, feedback=fb)
    result = printer(project, args.output, paper=args.paper, orientation=args.orientation, scale=args.scale,
                     dpi=args.dpi, fmt=args.fmt, centre=centre, language=args.lang, date=args.date, feedback=fb)
    size = f", {result.pixels[0]}×{result.pixels[1]} px" if result.pixels else ""
    scale = f"{result.scale:,.0f}".replace(",", " ")
    print(f"wrote {args.output} ({result.layout.paper} {result.layout.orientation}, 1:{scale}{size})")
    return EXIT_OK
