"""Benchmark: HTML + PDF report of the sample district (target ≤ 10 s), after one check run.

    python -m bench.bench_report [--out DIR]

Builds the sample project from ``sample_data/district``, runs the Decree-269 pack (timed separately),
then times the report model with its map extracts, the HTML and the PDF.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv=None) -> dict:
    from cim.checks.runner import run_checks
    from cim.report.build import build_report
    from cim.report.html import render_html, write_pdf
    from plugins.check_registry import check_registry
    from tests.plugins.decree269.conftest import build_sample_project

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path(tempfile.mkdtemp(prefix="cim_report_")))
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    project = build_sample_project((REPO / "sample_data" / "district").resolve(), args.out / "district.cim.gpkg")
    reg = check_registry()
    pack = reg.pack("decree269")
    t = time.perf_counter()
    run = run_checks(project, reg.checks_for(pack), pack=pack)
    t_run = time.perf_counter() - t
    t = time.perf_counter()
    model = build_report(run, project, pack=pack)
    t_model = time.perf_counter() - t
    t = time.perf_counter()
    html = render_html(model)
    (args.out / "report.html").write_text(html, encoding="utf-8")
    t_html = time.perf_counter() - t
    t = time.perf_counter()
    write_pdf(model, args.out / "report.pdf", html=render_html(model, pdf=True))
    t_pdf = time.perf_counter() - t
    total = t_model + t_html + t_pdf
    print(f"check run: {t_run:.2f} s ({len(run.results)} rules, {sum(run.counts().values())} issues)")
    print(f"report model + {model['maps_drawn']} map extracts: {t_model:.2f} s; HTML: {t_html:.2f} s; PDF: {t_pdf:.2f} s")
    print(f"HTML + PDF report: {total:.2f} s (target ≤ 10 s) → {args.out}")
    return {"run_s": t_run, "report_s": total}


if __name__ == "__main__":
    main()
