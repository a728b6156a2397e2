"""The TOD section of the appraisal report: a dict (for JSON/PDF engines) and an HTML fragment.

``report_section(result)`` returns ``{"id", "title", "summary", "stations", "scorecard", "capacity",
"scenarios", "messages", "method", "html"}``; the report engineer embeds ``html`` as it is (no
``<html>``/``<body>``, no scripts, classes prefixed ``tod-``) and may add chart images by path.
"""

from __future__ import annotations

from html import escape

TEXT = {
    "title": {"en": "Transit-oriented development (TOD) station areas", "vi": "Khu vực phát triển theo định hướng "
              "giao thông công cộng (TOD) quanh nhà ga"},
    "method": {"en": "Catchments: Euclidean rings and walksheds on the pedestrian network (reached streets "
                     "buffered {buf:g} m); indicators area-weighted over plots; thresholds marked [I] are "
                     "study parameters, not legal limits.",
               "vi": "Vùng ảnh hưởng: vòng bán kính và vùng đi bộ trên mạng đường đi bộ (đệm {buf:g} m quanh các "
                     "đoạn đường tới được); chỉ tiêu tính theo tỷ lệ diện tích lô đất; ngưỡng [I] là tham số nghiên "
                     "cứu, không phải quy định pháp lý."},
    "station": {"en": "Station", "vi": "Nhà ga"},
    "ring": {"en": "Catchment", "vi": "Vùng"},
    "needs": {"en": "needs data", "vi": "cần dữ liệu"},
    "capacity": {"en": "Infrastructure capacity (TOD-03)", "vi": "Khả năng đáp ứng hạ tầng (TOD-03)"},
    "score": {"en": "ITDP-style scorecard (points / maximum the data supports / 100)",
              "vi": "Bảng điểm kiểu ITDP (điểm / tối đa theo dữ liệu hiện có / 100)"},
    "messages": {"en": "Notes", "vi": "Ghi chú"},
}
# column, English, Vietnamese, decimals (a negative count: a share shown as a percentage)
SUMMARY_COLUMNS = (("circle_ratio", "walkshed ÷ circle", "vùng đi bộ ÷ vòng tròn", 2),
                   ("gfa_m2", "GFA (m²)", "Tổng diện tích sàn (m²)", 0),
                   ("far_gross", "FAR (gross)", "HSSDĐ gộp", 2),
                   ("pop_density_pph", "residents/ha", "người/ha", 0),
                   ("job_density_jph", "jobs/ha", "việc làm/ha", 0),
                   ("mix_entropy", "land-use mix", "đa dạng chức năng", 2),
                   ("intersection_density_km2", "intersections/km²", "giao lộ/km²", 0),
                   ("block_length_max_m", "longest block (m)", "ô phố dài nhất (m)", 0),
                   ("access_park_share", "near a park", "gần công viên", -1),
                   ("n_bus_stop", "bus stops", "điểm dừng buýt", 0),
                   ("n_ev_charger", "EV chargers", "trạm sạc", 0))
SCORE_HEAD = {"en": ("points", "maximum (data)", "maximum"), "vi": ("điểm", "tối đa (theo dữ liệu)", "tối đa")}


def _fmt(v, decimals: int, lang: str) -> str:
    from cim.report.numbers import number

    if isinstance(v, str):
        return escape(v)
    return number(v, 0, lang, percent=True) if decimals < 0 else number(v, decimals, lang)


def report_section(result, *, lang: str = "en", scenarios=None, charts: dict | None = None) -> dict:
    """The TOD section for the appraisal report (see the module docstring)."""
    from cim.tod.outputs import records
    from cim.tod.scorecard import score_summary

    t = result.indicators
    kind = "walk" if (t["kind"] == "walk").any() else "circle"
    rows = t[t["kind"] == kind]
    summary = score_summary(result.scorecard).groupby("station_id")[["points", "max_scored", "max_points"]].sum()
    section = {
        "id": "tod", "title": TEXT["title"][lang], "lang": lang,
        "method": TEXT["method"][lang].format(buf=result.params.buffer_m),
        "summary": records(rows[["station_id", "name", "kind", "radius_m"] +
                                [c for c, *_ in SUMMARY_COLUMNS if c in rows.columns]]),
        "scores": [{"station_id": s, **{k: float(v) for k, v in r.items()}} for s, r in summary.iterrows()],
        "scorecard": records(result.scorecard),
        "capacity": records(result.capacity[result.capacity["needs_capacity_check"]]),
        "scenarios": records(scenarios) if scenarios is not None else [],
        "messages": [m.get(lang, m.get("en", "")) for m in result.messages],
        "charts": dict(charts or {}),
    }
    section["html"] = section_html(section, lang=lang)
    return section


def _table(head: list[str], body: list[list[str]]) -> str:
    h = "".join(f"<th>{escape(x)}</th>" for x in head)
    b = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in body)
    return f'<table class="tod-table"><thead><tr>{h}</tr></thead><tbody>{b}</tbody></table>'


def section_html(section: dict, *, lang: str = "en") -> str:
    cols = [c for c in SUMMARY_COLUMNS if section["summary"] and c[0] in section["summary"][0]]
    head = [TEXT["station"][lang], TEXT["ring"][lang]] + [c[1] if lang == "en" else c[2] for c in cols]
    from cim.report.numbers import number, ring_label

    body = [[escape(str(r["name"])), escape(ring_label(r["kind"], r["radius_m"], lang))] +
            [_fmt(r.get(c[0]), c[3], lang) for c in cols] for r in section["summary"]]
    parts = [f'<section class="tod-section" id="tod"><h2>{escape(section["title"])}</h2>',
             f'<p class="tod-method">{escape(section["method"])}</p>', _table(head, body)]
    score_body = [[escape(str(s["station_id"])), number(s["points"], 0, lang), number(s["max_scored"], 0, lang),
                   number(s["max_points"], 0, lang)] for s in section["scores"]]
    parts += [f"<h3>{escape(TEXT['score'][lang])}</h3>",
              _table([TEXT["station"][lang], *SCORE_HEAD["vi" if lang == "vi" else "en"]], score_body)]
    if section["capacity"]:
        key = "message_vi" if lang == "vi" else "message_en"
        cap = [[escape(str(r["name"])), escape(ring_label(r["kind"], r["radius_m"], lang)), escape(r[key])]
               for r in section["capacity"]]
        parts += [f"<h3>{escape(TEXT['capacity'][lang])}</h3>", _table([TEXT["station"][lang],
                                                                         TEXT["ring"][lang], ""], cap)]
    from cim.tod.outputs import metric_label

    for name, path in section["charts"].items():
        caption = {"scorecard": TEXT["score"][lang]}.get(name) or metric_label(name, lang)
        parts.append(f'<figure class="tod-chart"><img src="{escape(str(path))}" alt="{escape(caption)}">'
                     f"<figcaption>{escape(caption)}</figcaption></figure>")
    if section["messages"]:
        items = "".join(f"<li>{escape(m)}</li>" for m in section["messages"])
        parts.append(f"<h3>{escape(TEXT['messages'][lang])}</h3><ul class=\"tod-messages\">{items}</ul>")
    parts.append("</section>")
    return "\n".join(parts)
