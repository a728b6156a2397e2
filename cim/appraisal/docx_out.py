"""The opinion as a Word document (python-docx): A4, Times New Roman 13 pt as provincial departments
write (Decree 30/2020/NĐ-CP layout: header table, Quốc hiệu/Tiêu ngữ, number, subject, addressees,
bases, body, recipients and signature block)."""

from __future__ import annotations

from pathlib import Path

from cim.appraisal.labels import L, level_text
from cim.appraisal.opinion import Opinion, date_line

FONT = "Times New Roman"


def _run(par, text: str, *, bold=False, italic=False, underline=False, size: float | None = None):
    from docx.shared import Pt

    r = par.add_run(text)
    r.bold, r.italic, r.underline = bold, italic, underline
    if size:
        r.font.size = Pt(size)
    return r


def _para(cell_or_doc, text: str = "", *, align=None, space_after: float = 2, **kw):
    from docx.shared import Pt

    p = cell_or_doc.add_paragraph()
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    if text:
        _run(p, text, **kw)
    return p


def _grid(doc, header: list[str] | None, rows: list[list[str]], widths_cm: list[float]):
    from docx.shared import Cm, Pt

    t = doc.add_table(rows=0, cols=len(widths_cm))
    t.style = "Table Grid"
    for i, row in enumerate(([header] if header else []) + rows):
        cells = t.add_row().cells
        for c, text, w in zip(cells, row, widths_cm):
            c.width = Cm(w)
            c.paragraphs[0].paragraph_format.space_after = Pt(0)
            _run(c.paragraphs[0], str(text), bold=bool(header) and i == 0, size=11)
    return t


def write_docx(op: Opinion, path: str | Path, lang: str = "vi", *, signer_key: str = "") -> Path:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH as A
    from docx.shared import Cm, Pt

    t = L[lang]
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Cm(3.0), Cm(1.5), Cm(2.0), Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    core = doc.core_properties
    core.title = op.subject_vi if lang == "vi" else op.subject_en
    core.author = op.signer_name or op.office
    core.subject = op.plan.get("plan_id", "")
    core.keywords = f"{op.number}; {op.package.get('sha256', '')}"

    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(10.0)
    left.paragraphs[0].alignment = A.CENTER
    _run(left.paragraphs[0], op.parent_body.upper(), size=12.5)
    _para(left, op.office.upper(), align=A.CENTER, bold=True, size=12.5)
    _para(left, f"{t['number']}: {op.number}", align=A.CENTER, size=13)
    _para(left, op.subject_vi if lang == "vi" else op.subject_en, align=A.CENTER, size=12)
    right.paragraphs[0].alignment = A.CENTER
    _run(right.paragraphs[0], t["nation"], bold=True, size=12.5)
    _para(right, t["motto"], align=A.CENTER, bold=True, underline=True, size=13)
    _para(right, date_line(op.place, op.date, lang), align=A.CENTER, italic=True, size=13)

    p = _para(doc, align=A.CENTER, space_after=6)
    p.paragraph_format.space_before = Pt(12)
    _run(p, f"{t['to']}: ")
    for i, a in enumerate(op.addressee):
        _run(p, ("\n- " if len(op.addressee) > 1 else "") + a + (";" if i < len(op.addressee) - 1 else "."))
    for b in op.bases:
        _para(doc, f"- {t['basis']} {b};", italic=True, align=A.JUSTIFY)
    _para(doc, t["intro"].format(office=(op.office_name or op.office) if lang == "vi" else "Department"),
          align=A.JUSTIFY)

    _para(doc, t["s1"], bold=True, space_after=4)
    plan = op.plan
    _grid(doc, None, [[t["plan_id"], plan.get("plan_id", "")],
                      [t["plan_name"], plan.get("name") if lang == "vi" else (plan.get("name_en") or plan.get("name", ""))],
                      [t["level"], level_text(plan, lang)],
                      [t["where"], f"{plan.get('commune', '')}, {plan.get('province', '')}"],
                      [t["producer"], plan.get("producer", "")], [t["package"], op.package.get("file", "")],
                      [t["sha"], op.package.get("sha256", "")], [t["signed_by"], op.package.get("fingerprint", "")],
                      [t["verify"], op.package.get("verified_vi" if lang == "vi" else "verified_en", "")],
                      [t["verdict"], op.check_verdict.get(lang, "")]], [5.0, 11.5])

    _para(doc, t["s2"], bold=True, space_after=4).paragraph_format.space_before = Pt(8)
    rows = [[str(i), s.name_vi if lang == "vi" else s.name_en, s.level_vi if lang == "vi" else s.level_en,
             f"{s.score * 100:.0f}%", ", ".join(s.missing)] for i, s in enumerate(op.systems, 1)]
    rows.append(["", t["overall"], op.overall_level_vi if lang == "vi" else op.overall_level_en,
                 f"{op.overall * 100:.0f}%", ""])
    _grid(doc, [t["no"], t["system"], t["lvl"], t["score"], t["missing"]], rows, [1.0, 5.0, 2.5, 1.8, 6.2])

    _para(doc, t["s3"], bold=True, space_after=4).paragraph_format.space_before = Pt(8)
    if not op.accepted():
        _para(doc, t["none"])
    for f in op.accepted():
        p = _para(doc, align=A.JUSTIFY)
        _run(p, f"{f.id}. {f.finding.message.get(lang)}", bold=True)
        _run(p, f" ({t['rule']} {f.rule}, {t['sev'][f.severity]})" + (f" – {f.reason}" if f.reason else ""))
        for m in f.issues:
            _para(doc, f"+ {m.get(lang)}", size=12, align=A.JUSTIFY)
        if f.finding.legal_basis:
            _para(doc, f"{t['basis_of']}: {f.finding.legal_basis.citation.get(lang)}", italic=True, size=11)
    if op.rejected():
        _para(doc, t["s3b"] + ":", bold=True, italic=True)
        for f in op.rejected():
            _para(doc, f"- {f.id}. {f.finding.message.get(lang)} ({f.rule}) – {t['reason']}: {f.reason}",
                  align=A.JUSTIFY)

    _para(doc, t["s4"], bold=True, space_after=4).paragraph_format.space_before = Pt(8)
    for i, r in enumerate(op.recommendations, 1):
        _para(doc, f"{i}. {r}", align=A.JUSTIFY)
    _para(doc, t["s5"], bold=True, space_after=4).paragraph_format.space_before = Pt(8)
    _para(doc, op.conclusion_vi if lang == "vi" else op.conclusion_en, align=A.JUSTIFY)

    foot = doc.add_table(rows=1, cols=2)
    cc, sig = foot.rows[0].cells
    cc.width, sig.width = Cm(8.0), Cm(8.5)
    _run(cc.paragraphs[0], f"{t['cc']}:", bold=True, italic=True, size=12)
    for r in op.recipients:
        _para(cc, f"- {r};", size=11, space_after=0)
    sig.paragraphs[0].alignment = A.CENTER
    for i, line in enumerate(op.signer_title.split("\n")):
        (sig.paragraphs[0] if i == 0 else _para(sig, align=A.CENTER, space_after=0))
        _run(sig.paragraphs[-1], line, bold=True, size=13)
    _para(sig, t["signed"], align=A.CENTER, italic=True, size=12).paragraph_format.space_before = Pt(24)
    _para(sig, op.signer_name, align=A.CENTER, bold=True, size=13).paragraph_format.space_before = Pt(24)
    if signer_key:
        _para(sig, f"{t['sig_key']}: {signer_key}", align=A.CENTER, size=8)
    path = Path(path)
    doc.save(path)
    return path
