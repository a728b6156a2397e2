"""Render the report model as self-contained HTML (inline CSS, SVG charts, base64 PNG maps) and
as PDF from the same HTML (WeasyPrint, DejaVu Sans embedded); without WeasyPrint a plain PDF is
written with matplotlib (DejaVu Sans embedded as TrueType)."""

from __future__ import annotations

from pathlib import Path

from cim.checks.base import STATUS_NAMES

LEVEL_NAMES = {1: "nền tảng", 2: "liên kết", 3: "đổi mới quản trị"}


def render_html(report: dict, *, max_issues: int = 60, pdf: bool = False) -> str:
    """The report as HTML. ``pdf=True``: the variant WeasyPrint lays out fast (block layout, PNG charts,
    details only for rules with findings — the others are in the summary table)."""
    import jinja2

    from cim.report.charts import integration_chart, severity_chart

    env = jinja2.Environment(loader=jinja2.PackageLoader("cim.report", "templates"),
                             autoescape=jinja2.select_autoescape(["html"]))
    systems = report["integration"].get("systems", {})
    fmt = "png" if pdf else "svg"
    charts = {"integration": integration_chart(systems, fmt=fmt) if systems else "",
              "severity": severity_chart(report["counts"], fmt=fmt)}
    status_names = {k: {"vi": v[0], "en": v[1]} for k, v in STATUS_NAMES.items()}
    return env.get_template("report.html").render(r=report, charts=charts, status_names=status_names,
                                                  level_names=LEVEL_NAMES, max_issues=max_issues, pdf=pdf)


def write_html(report: dict, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(render_html(report), encoding="utf-8")
    return path


def write_pdf(report: dict, path: str | Path, *, html: str | None = None) -> Path:
    """``html``: a ready ``render_html(report, pdf=True)`` text, else it is rendered here."""
    path = Path(path)
    try:
        import weasyprint
    except ImportError:  # pragma: no cover - exercised where WeasyPrint is missing
        return _write_pdf_matplotlib(report, path)
    weasyprint.HTML(string=html or render_html(report, pdf=True)).write_pdf(path)
    return path


def write_html_pdf(text: str, *, html: str | Path | None = None, pdf: str | Path | None = None) -> list[Path]:
    """Write a rendered HTML document as ``html`` and/or laid out as ``pdf`` (WeasyPrint); the files written."""
    from cim.io.atomic import atomic_path, atomic_write_text

    out = []
    if html:
        atomic_write_text(Path(html), text)
        out.append(Path(html))
    if pdf:
        import weasyprint

        with atomic_path(Path(pdf)) as tmp:
            weasyprint.HTML(string=text).write_pdf(tmp)
        out.append(Path(pdf))
    return out


def _write_pdf_matplotlib(report: dict, path: Path) -> Path:
    """A plain text PDF (summary, rules, issues) when WeasyPrint is not installed."""
    import textwrap

    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    plt.rcParams.update({"font.family": "DejaVu Sans", "pdf.fonttype": 42})
    lines = [report["title"]["vi"], report["plan"]["name"] or "", "",
             f"Kết luận: {report['verdict']['vi']} — lỗi {report['counts']['E']}, cảnh báo {report['counts']['W']}", ""]
    for rule in report["rules"]:
        lines.append(f"{rule['id']}  {rule['title']['vi']}  [{rule['status_name']['vi']}]")
        for i in rule["issues"][:20]:
            lines += textwrap.wrap(f"   – {i['vi']}", 110)
    with PdfPages(path) as pdf:
        for start in range(0, len(lines), 60):
            fig = plt.figure(figsize=(8.27, 11.69))
            fig.text(0.05, 0.97, "\n".join(lines[start:start + 60]), va="top", fontsize=7.5)
            pdf.savefig(fig)
            plt.close(fig)
    return path
