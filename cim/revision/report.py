"""The plan revision report: a change map (matplotlib), summary, plot attribute diffs (FAR, use,
height), networks, smart elements per system, check-verdict changes, every change; HTML (self-contained)
and PDF (WeasyPrint). Vietnamese first, English beside it."""

from __future__ import annotations

import base64
import io
from pathlib import Path

from cim.revision.diff import FIELD_NAMES, PlanDiff, _fmt

COLOURS = {"added": "#2e7d32", "removed": "#c62828", "changed": "#ef6c00"}
CHANGE_VI = {"added": "thêm mới", "removed": "bỏ đi", "changed": "thay đổi"}
MAX_ROWS = 400

TEMPLATE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Rà soát điều chỉnh quy hoạch / Plan revision review</title>
<style>
@page { size: A4; margin: 15mm; }
body { font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 10pt; color: #222; }
h1 { font-size: 15pt; margin: 0 0 4pt 0; } h2 { font-size: 12pt; margin: 12pt 0 4pt 0; border-bottom: 1px solid #999; }
.en { color: #666; font-weight: normal; font-size: 90%; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; font-size: 9pt; }
th, td { border: 0.5pt solid #999; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #eef2f5; } td.n { text-align: right; }
.added { color: #2e7d32; } .removed { color: #c62828; } .changed { color: #ef6c00; }
img.map { width: 100%; max-width: 170mm; border: 0.5pt solid #999; }
</style></head><body>
<h1>Rà soát điều chỉnh quy hoạch <span class="en">/ Plan revision review</span></h1>
<p>Bản đã phê duyệt <span class="en">(approved)</span>: <b>{{ d.old_label }}</b> → bản điều chỉnh <span class="en">(revision)</span>: <b>{{ d.new_label }}</b></p>
<table><tr><th>Thêm mới <span class="en">added</span></th><th>Bỏ đi <span class="en">removed</span></th><th>Thay đổi <span class="en">changed</span></th>
<th>Lớp thêm <span class="en">layers added</span></th><th>Lớp bỏ <span class="en">layers removed</span></th></tr>
<tr><td class="n added">{{ counts.added }}</td><td class="n removed">{{ counts.removed }}</td><td class="n changed">{{ counts.changed }}</td>
<td>{{ d.layers_added | join(", ") or "—" }}</td><td>{{ d.layers_removed | join(", ") or "—" }}</td></tr></table>
{% if map %}<h2>Bản đồ thay đổi <span class="en">/ Change map</span></h2><img class="map" src="data:image/png;base64,{{ map }}">{% endif %}
<h2>Theo lớp dữ liệu <span class="en">/ By layer</span></h2>
<table><tr><th>Lớp <span class="en">layer</span></th><th>Trước <span class="en">before</span></th><th>Sau <span class="en">after</span></th>
<th>Thêm</th><th>Bỏ</th><th>Đổi</th><th>Chiều dài trước → sau (m) <span class="en">length</span></th></tr>
{% for l in d.layers if l.changes %}<tr><td>{{ l.layer }}</td><td class="n">{{ l.n_old }}</td><td class="n">{{ l.n_new }}</td>
<td class="n added">{{ l.count("added") }}</td><td class="n removed">{{ l.count("removed") }}</td><td class="n changed">{{ l.count("changed") }}</td>
<td class="n">{% if l.length_old_m %}{{ "%.0f" % l.length_old_m }} → {{ "%.0f" % l.length_new_m }}{% endif %}</td></tr>{% endfor %}</table>
<h2>Lô đất: chỉ tiêu thay đổi <span class="en">/ Plots: indicator changes</span></h2>
<table><tr><th>Mã <span class="en">id</span></th><th>Thay đổi <span class="en">change</span></th><th>Chỉ tiêu <span class="en">indicator</span></th><th>Trước → sau <span class="en">before → after</span></th></tr>
{% for c in plot_rows %}<tr><td>{{ c.id }}</td><td class="{{ c.change }}">{{ c.change_vi }}</td><td>{{ c.field }}</td><td>{{ c.values }}</td></tr>{% else %}<tr><td colspan="4">—</td></tr>{% endfor %}</table>
<h2>Phần tử thông minh theo hệ thống <span class="en">/ Smart elements by system</span></h2>
<table><tr><th>Hệ thống <span class="en">system</span></th><th>Thêm mới</th><th>Bỏ đi</th></tr>
{% for s, v in smart.items() %}<tr><td>{{ s }}</td><td class="n added">{{ v.added }}</td><td class="n removed">{{ v.removed }}</td></tr>{% else %}<tr><td colspan="3">—</td></tr>{% endfor %}</table>
<h2>Kết quả kiểm tra thay đổi <span class="en">/ Check verdict changes</span></h2>
{% if d.verdict %}<p>Kết luận <span class="en">verdict</span>: {{ d.verdict.old.vi }} → <b>{{ d.verdict.new.vi }}</b> <span class="en">({{ d.verdict.old.en }} → {{ d.verdict.new.en }})</span></p>{% endif %}
<table><tr><th>Quy tắc <span class="en">rule</span></th><th>Nội dung</th><th>Trước</th><th>Sau</th><th>Số lỗi trước → sau <span class="en">issues</span></th></tr>
{% for c in d.checks %}<tr><td>{{ c.rule }}</td><td>{{ c.title_vi }} <span class="en">{{ c.title_en }}</span></td><td>{{ c.old }}</td><td><b>{{ c.new }}</b></td><td class="n">{{ c.issues_old }} → {{ c.issues_new }}</td></tr>
{% else %}<tr><td colspan="5">{{ "Không có thay đổi / no change" if has_checks else "Không có kết quả kiểm tra của cả hai phiên bản / no check results for both versions" }}</td></tr>{% endfor %}</table>
<h2>Mọi thay đổi <span class="en">/ Every change</span> ({{ rows | length }}{% if truncated %} / {{ total }}{% endif %})</h2>
<table><tr><th>Lớp</th><th>Mã</th><th>Thay đổi</th><th>Chi tiết <span class="en">details</span></th></tr>
{% for r in rows %}<tr><td>{{ r.layer }}</td><td>{{ r.id }}</td><td class="{{ r.change }}">{{ r.change_vi }}</td><td>{{ r.details }}</td></tr>{% endfor %}</table>
</body></html>"""


def change_map_png(d: PlanDiff, base=None, *, dpi: int = 110) -> bytes:
    """The revision's plots in grey with every change coloured: added green, removed red, changed orange."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    frame = d.result_frame()
    fig, ax = plt.subplots(figsize=(7, 7), dpi=dpi)
    if base is not None and len(base):
        base.plot(ax=ax, color="#eeeeee", edgecolor="#bbbbbb", linewidth=0.3)
    for change, colour in COLOURS.items():
        part = frame[frame["change"] == change]
        if len(part):
            part.plot(ax=ax, color=colour, edgecolor=colour, linewidth=1.2, markersize=14, alpha=0.75,
                      label=f"{CHANGE_VI[change]} / {change} ({len(part)})")
    ax.set_axis_off()
    if len(frame):
        handles, labels = ax.get_legend_handles_labels()
        seen = dict(zip(labels, handles))          # one entry per change (mixed geometry types plot twice)
        ax.legend(list(seen.values()), list(seen), loc="lower left", fontsize=8, framealpha=0.9)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def render_html(d: PlanDiff, *, base=None, with_map: bool = True) -> str:
    import jinja2

    plot_rows = []
    for ld in d.of_kind("plot"):
        for c in ld.changes:
            if c.change != "changed":
                plot_rows.append({"id": c.id, "change": c.change, "change_vi": CHANGE_VI[c.change], "field": "",
                                  "values": ""})
            for f, (a, b) in c.fields.items():
                vi, en = FIELD_NAMES.get(f, (f, f))
                plot_rows.append({"id": c.id, "change": "changed", "change_vi": CHANGE_VI["changed"],
                                  "field": f"{vi} ({en})", "values": f"{_fmt(a)} → {_fmt(b)}"})
    frame = d.result_frame()
    rows = [{"layer": r.layer, "id": r.id, "change": r.change, "change_vi": CHANGE_VI[r.change], "details": r.details}
            for r in frame.drop(columns="geometry").head(MAX_ROWS).itertuples()]
    png = change_map_png(d, base) if with_map else b""
    env = jinja2.Environment(autoescape=True)
    return env.from_string(TEMPLATE).render(d=d, counts=d.counts(), map=base64.b64encode(png).decode() if png else "",
                                            plot_rows=plot_rows, smart=d.smart_by_system(), rows=rows,
                                            truncated=len(frame) > MAX_ROWS, total=len(frame),
                                            has_checks=bool(d.verdict))


def write_report(d: PlanDiff, *, html: str | Path | None = None, pdf: str | Path | None = None, base=None) -> list[Path]:
    from cim.report.html import write_html_pdf

    return write_html_pdf(render_html(d, base=base), html=html, pdf=pdf)
