"""``cimstudio tod``: station catchments, TOD indicators, scorecard and scenarios of a project."""

from __future__ import annotations

from pathlib import Path

from cim.cli import EXIT_OK, add_project_command, feedback_for


def register(sub) -> None:
    p = add_project_command(sub, "tod", cmd_tod, "TOD station areas: catchments, indicators, scorecard, scenarios")
    p.add_argument("--corridor", help="corridor / rail line layer (chainage order of the stations)")
    p.add_argument("--stations", help="station layer (default: the layer of kind 'station')")
    p.add_argument("--plots", help="plot layer (default: the layer of kind 'plot')")
    p.add_argument("--roads", help="road layer the pedestrian network is built from (default: kind 'road')")
    p.add_argument("--radii", default="400,800,1000", help="walk rings in metres (default 400,800,1000)")
    p.add_argument("--bike-radii", default="1000,2000,3000",
                   help="bicycle catchments in metres (default 1000,2000,3000; 'none' to skip)")
    p.add_argument("--scenario", action="append", default=[], metavar="RULE",
                   help='scenario rule, e.g. "far*1.5 within 500" (repeatable: one scenario each)')
    p.add_argument("--csv", type=Path, help="indicator table (one row per station × catchment × scenario)")
    p.add_argument("--excel", action="store_true",
                   help="write --csv for Excel: UTF-8 with BOM, station names, rounded numbers, headers and "
                        "separators in the --lang language")
    p.add_argument("--json", type=Path, help="everything as JSON: catchments, indicators, scorecard, capacity")
    p.add_argument("--charts", type=Path, help="folder for PNG charts")
    p.add_argument("--html", type=Path, help="the TOD report section as an HTML fragment")
    p.add_argument("--lang", choices=("vi", "en"), default="en")
    p.add_argument("--save", action="store_true",
                   help="add the catchment and scenario layers to the project and save it")


def cmd_tod(args, ctx) -> int:
    import json

    import pandas as pd

    from cim.project.store import open_project, save_project
    from cim.tod import outputs, scenarios
    from cim.tod.params import TodParams, parse_radii
    from cim.tod.study import project_inputs, run_study

    fb = feedback_for(args)
    bike = () if str(args.bike_radii).strip().lower() in ("", "none", "0") else parse_radii(args.bike_radii)
    params = TodParams(radii=parse_radii(args.radii), bike_radii=bike)
    rules = [scenarios.parse_rule(r) for r in args.scenario]      # fail early on a bad rule
    project = open_project(args.project, feedback=fb)
    if args.save:
        from cim.project.access import require_write

        require_write(project, "add the catchment layers to the project")
    with fb.step(0.0, 0.3):
        stations, data = project_inputs(project, stations=args.stations, corridor=args.corridor, plots=args.plots,
                                        roads=args.roads, feedback=fb)
    with fb.step(0.3, 0.8):
        base = run_study(stations, data, params, feedback=fb)
    results = {"base": base}
    for rule in rules:
        if data.plots is None:
            from cim.errors import CimInputError

            raise CimInputError(args.project, "a scenario needs a plot layer", hint="import plots or name --plots")
        plots = scenarios.apply_rule_frame(data.plots, stations.xy, rule)
        sdata = type(data)(plots=plots, buildings=data.buildings, elements=data.elements, net=data.net)
        results[rule.text] = run_study(stations, sdata, params, label=rule.text, catchments=base.catchments)
    table = pd.concat([r.indicators.assign(scenario=lab) for lab, r in results.items()], ignore_index=True)
    comparison = scenarios.compare(results) if len(results) > 1 else None
    if args.csv and args.excel:
        outputs.write_excel_csv(table, args.csv, args.lang)
    elif args.csv:
        table.to_csv(args.csv, index=False, encoding="utf-8")
    if args.json:
        extra = {"scenarios": {lab: outputs.records(r.indicators) for lab, r in results.items() if lab != "base"}}
        if comparison is not None:
            extra["comparison"] = outputs.records(comparison)
        outputs.write_json(base, args.json, extra=extra)
    charts = {}
    if args.charts:
        args.charts.mkdir(parents=True, exist_ok=True)
        for metric in ("circle_ratio", "gfa_m2", "pop_density_pph", "mix_entropy"):
            charts[metric] = outputs.chart_indicator(base.indicators, metric, args.charts / f"tod_{metric}.png",
                                                     lang=args.lang)
        charts["scorecard"] = outputs.chart_scorecard(base.scorecard, args.charts / "tod_scorecard.png", lang=args.lang)
        if comparison is not None:
            charts["scenarios"] = outputs.chart_scenarios(comparison, "gfa_m2", args.charts / "tod_scenarios_gfa.png",
                                                         lang=args.lang)
    if args.html:
        from cim.tod.report import report_section

        sec = report_section(base, lang=args.lang, scenarios=comparison, charts={k: str(v) for k, v in charts.items()})
        args.html.write_text(sec["html"], encoding="utf-8")
    if args.save:
        outputs.add_catchment_layers(project, base)
        if rules:
            plots_rec = project.find_layer(args.plots) if args.plots else project.layers_of_kind("plot")[0]
            for rule in rules:
                rec = scenarios.copy_as_scenario(project, plots_rec.id, rule.text)
                scenarios.apply_rule(project, rec.id, stations.xy, rule)
        save_project(project, feedback=fb)
    _print_summary(base, results, args.lang)
    if not (args.csv or args.json):
        print(json.dumps({"stations": len(stations), "messages": [m[args.lang] for m in base.messages]},
                         ensure_ascii=False))
    return EXIT_OK


def _print_summary(base, results, lang: str) -> None:
    t = base.indicators
    walk = t[t["kind"] == "walk"]
    show = walk if len(walk) else t[t["kind"] == "circle"]
    head = "station / ga" if lang == "vi" else "station"
    print(f"{head:28s} {'ring':>6s} {'ratio':>6s} {'GFA m²':>12s} {'res/ha':>7s} {'jobs/ha':>7s} {'mix':>5s}")
    for r in show.itertuples(index=False):
        print(f"{str(r.name)[:28]:28s} {r.radius_m:6.0f} {r.circle_ratio:6.2f} {r.gfa_m2:12,.0f} "
              f"{r.pop_density_pph:7.1f} {r.job_density_jph:7.1f} {r.mix_entropy:5.2f}")
    for m in base.messages:
        print(f"note: {m[lang]}")
    for lab in list(results)[1:]:
        d = results[lab].indicators["gfa_m2"].sum() - t["gfa_m2"].sum()
        print(f"scenario {lab!r}: GFA {d:+,.0f} m² over all catchments")
