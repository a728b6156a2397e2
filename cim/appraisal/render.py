"""The opinion as HTML (one self-contained page) and PDF (WeasyPrint, Noto/DejaVu Serif: Vietnamese
diacritics embedded), in the layout of provincial administrative letters (Decree 30/2020 style)."""

from __future__ import annotations

from pathlib import Path

from cim.appraisal.labels import L, level_text
from cim.appraisal.opinion import Opinion, date_line

TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ subject }}</title>
<style>
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: "Noto Serif", "DejaVu Serif", "Times New Roman", serif; font-size: 12.5pt; line-height: 1.35; }
table.head { width: 100%; border-collapse: collapse; }
table.head { font-size: 11.5pt; }
table.head td { vertical-align: top; text-align: center; padding: 0; }
.up { text-transform: uppercase; } .b { font-weight: bold; } .i { font-style: italic; }
.u { text-decoration: underline; } .small { font-size: 11pt; }
h2 { font-size: 12.5pt; margin: 12pt 0 4pt 0; }
p { margin: 3pt 0; text-align: justify; }
table.grid { width: 100%; border-collapse: collapse; font-size: 11pt; margin: 4pt 0; }
table.grid th, table.grid td { border: 0.6pt solid #000; padding: 2pt 4pt; vertical-align: top; }
table.grid th { background: #eee; }
.finding { margin: 5pt 0 5pt 0; page-break-inside: avoid; }
ul { margin: 2pt 0 2pt 14pt; padding: 0; } li { margin: 1pt 0; }
table.foot { width: 100%; margin-top: 14pt; } table.foot td { vertical-align: top; }
.sig { text-align: center; } .key { font-size: 8.5pt; color: #333; word-break: break-all; }
</style></head><body>
<table class="head"><tr>
 <td style="width:40%"><div class="up">{{ op.parent_body }}</div><div class="b up">{{ op.office }}</div>
  <div>―――――</div><div>{{ t.number }}: {{ op.number }}</div><div class="small">{{ subject }}</div></td>
 <td><div class="b" style="white-space:nowrap">{{ t.nation }}</div><div class="b u">{{ t.motto }}</div>
  <div class="i" style="margin-top:8pt">{{ dateline }}</div></td></tr></table>
<table style="margin:12pt auto 6pt auto"><tr><td style="vertical-align:top">{{ t.to }}:</td>
<td>{% for a in op.addressee %}{% if op.addressee | length > 1 %}- {% endif %}{{ a }}{{ ";" if not loop.last else "." }}<br>{% endfor %}</td></tr></table>
{% for b in op.bases %}<p class="i">- {{ t.basis }} {{ b }};</p>{% endfor %}
<p>{{ intro }}</p>
<h2>{{ t.s1 }}</h2>
<table class="grid">
<tr><th style="width:32%">{{ t.plan_id }}</th><td>{{ op.plan.plan_id }}</td></tr>
<tr><th>{{ t.plan_name }}</th><td>{{ plan_name }}</td></tr>
<tr><th>{{ t.level }}</th><td>{{ level }}</td></tr>
<tr><th>{{ t.where }}</th><td>{{ op.plan.commune }}, {{ op.plan.province }}</td></tr>
<tr><th>{{ t.producer }}</th><td>{{ op.plan.producer }}</td></tr>
<tr><th>{{ t.package }}</th><td>{{ op.package.file }}</td></tr>
<tr><th>{{ t.sha }}</th><td class="key">{{ op.package.sha256 }}</td></tr>
<tr><th>{{ t.signed_by }}</th><td class="key">{{ op.package.fingerprint }}</td></tr>
<tr><th>{{ t.verify }}</th><td>{{ verified }}</td></tr>
<tr><th>{{ t.verdict }}</th><td>{{ op.check_verdict[lang] }}</td></tr>
</table>
<h2>{{ t.s2 }}</h2>
<table class="grid"><tr><th>{{ t.no }}</th><th>{{ t.system }}</th><th>{{ t.lvl }}</th><th>{{ t.score }}</th><th>{{ t.missing }}</th></tr>
{% for s in op.systems %}<tr><td>{{ loop.index }}</td><td>{{ s.name_vi if lang == "vi" else s.name_en }}</td>
<td>{{ s.level_vi if lang == "vi" else s.level_en }}</td><td>{{ "%.0f" % (s.score * 100) }}%</td>
<td>{{ s.missing | join(", ") }}</td></tr>{% endfor %}
<tr><td></td><td class="b">{{ t.overall }}</td><td class="b">{{ op.overall_level_vi if lang == "vi" else op.overall_level_en }}</td>
<td class="b">{{ "%.0f" % (op.overall * 100) }}%</td><td></td></tr></table>
<h2>{{ t.s3 }}</h2>
{% for f in accepted %}<div class="finding"><p><b>{{ f.id }}. {{ f.finding.message.get(lang) }}</b>
 ({{ t.rule }} {{ f.rule }}, {{ t.sev[f.severity] }}){% if f.reason %} – {{ f.reason }}{% endif %}</p>
<ul>{% for m in f.issues %}<li>{{ m.get(lang) }}</li>{% endfor %}</ul>
{% if f.finding.legal_basis %}<p class="small i">{{ t.basis_of }}: {{ f.finding.legal_basis.citation.get(lang) }}</p>{% endif %}</div>
{% else %}<p>{{ t.none }}</p>{% endfor %}
{% if rejected %}<p class="b i">{{ t.s3b }}:</p><ul>{% for f in rejected %}
<li>{{ f.id }}. {{ f.finding.message.get(lang) }} ({{ f.rule }}) – {{ t.reason }}: {{ f.reason }}</li>{% endfor %}</ul>{% endif %}
<h2>{{ t.s4 }}</h2>
{% for r in op.recommendations %}<p>{{ loop.index }}. {{ r }}</p>{% endfor %}
<h2>{{ t.s5 }}</h2>
<p>{{ op.conclusion_vi if lang == "vi" else op.conclusion_en }}</p>
<table class="foot"><tr>
 <td style="width:50%" class="small"><b class="i">{{ t.cc }}:</b><br>{% for r in op.recipients %}- {{ r }};<br>{% endfor %}</td>
 <td class="sig"><div class="b">{{ op.signer_title | replace("\\n", "<br>") | safe }}</div>
  <div class="i" style="margin:18pt 0">{{ t.signed }}</div><div class="b">{{ op.signer_name }}</div>
  {% if signer_key %}<div class="key">{{ t.sig_key }}: {{ signer_key }}</div>{% endif %}</td></tr></table>
</body></html>
"""


def render_html(op: Opinion, lang: str = "vi", *, signer_key: str = "") -> str:
    import jinja2

    env = jinja2.Environment(autoescape=True)
    t = L[lang]
    return env.from_string(TEMPLATE).render(
        op=op, t=t, lang=lang, subject=op.subject_vi if lang == "vi" else op.subject_en,
        dateline=date_line(op.place, op.date, lang), intro=t["intro"].format(office=(op.office_name or op.office) if lang == "vi" else "Department"),
        plan_name=op.plan.get("name") if lang == "vi" else (op.plan.get("name_en") or op.plan.get("name")),
        level=level_text(op.plan, lang), accepted=op.accepted(), rejected=op.rejected(), signer_key=signer_key,
        verified=op.package.get("verified_vi" if lang == "vi" else "verified_en", ""))


def write_pdf(op: Opinion, path: str | Path, lang: str = "vi", *, signer_key: str = "") -> Path:
    import logging

    import weasyprint

    logging.getLogger("fontTools").setLevel(logging.WARNING)
    path = Path(path)
    weasyprint.HTML(string=render_html(op, lang, signer_key=signer_key)).write_pdf(path)
    return path
