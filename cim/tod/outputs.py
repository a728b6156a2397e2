"""Outputs of a TOD study: catchment layers (added by commands), CSV/JSON tables and matplotlib charts."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

KIND_NAMES = {"circle": ("vòng bán kính", "rings"), "walk": ("vùng đi bộ", "walksheds"),
              "bike": ("vùng xe đạp", "bicycle catchments")}


def catchment_records(project, result, *, prefix: str = "TOD"):
    """One LayerRecord per catchment kind (object kind ``tod_catchment``), not yet in the project."""
    from cim.project.layer import LayerRecord

    frame = result.catchments.frame
    records = []
    for kind in ("circle", "walk", "bike"):
        part = frame[frame["kind"] == kind].reset_index(drop=True)
        if not len(part):
            continue
        part.index = np.arange(1, len(part) + 1, dtype=np.int64)
        part.index.name = "fid"
        vi, en = KIND_NAMES[kind]
        records.append(LayerRecord(name=f"{prefix} {en} / {vi}", kind="vector", data=part, crs=project.crs,
                                   object_kind="tod_catchment",
                                   source={"tod": kind, "scenario": result.label, "radii": sorted(
                                       set(part["radius_m"].tolist()))}))
    return records


def add_catchment_layers(project, result, *, prefix: str = "TOD"):
    """Add the catchment layers to the project as one undo step; returns the records."""
    from cim.project.edits import AddLayer

    records = catchment_records(project, result, prefix=prefix)
    with project.undo_stack.macro(f"Add {prefix} catchments"):
        for rec in records:
            project.push(AddLayer(project, rec))
    return records


def _clean(v):
    if isinstance(v, (float, np.floating)):
        return None if not math.isfinite(float(v)) else float(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.bool_):
        return bool(v)
    return v


def records(frame) -> list[dict]:
    """DataFrame rows as JSON-safe dicts (NaN → null, numpy scalars → Python)."""
    cols = [c for c in frame.columns if c != "geometry"]
    return [{c: _clean(v) for c, v in zip(cols, row, strict=True)} for row in frame[cols].itertuples(index=False)]


def result_dict(result) -> dict:
    st = result.stations.stations
    return {
        "scenario": result.label,
        "params": result.params.to_dict(),
        "stations": records(st.drop(columns=st.geometry.name).assign(x=st.geometry.x, y=st.geometry.y)),
        "catchments": records(result.catchments.frame.drop(columns="geometry")),
        "indicators": records(result.indicators),
        "scorecard": records(result.scorecard),
        "capacity": records(result.capacity),
        "messages": result.messages,
    }


def write_csv(result, path) -> Path:
    path = Path(path)
    result.indicators.to_csv(path, index=False, encoding="utf-8")
    return path


def excel_table(table, lang: str = "vi"):
    """The indicator table as a reader opens it in Excel: station names and catchments in words (no
    internal ids), the report's column headers, numbers rounded as the report shows them."""
    from cim.report.numbers import ring_label
    from cim.tod.report import SUMMARY_COLUMNS

    vi = lang == "vi"
    out = table.copy()
    cols = {"name": "Nhà ga" if vi else "Station"}
    out.insert(0, "_ring", [ring_label(k, r, lang) for k, r in zip(out["kind"], out["radius_m"], strict=True)])
    cols["_ring"] = "Vùng" if vi else "Catchment"
    keep = ["name", "_ring"]
    if "scenario" in out.columns:
        out["scenario"] = out["scenario"].replace({"base": "cơ sở" if vi else "baseline"})
        cols["scenario"] = "Kịch bản" if vi else "Scenario"
        keep.append("scenario")
    for col, en, vi_name, decimals in SUMMARY_COLUMNS:
        if col in out.columns:
            values = out[col].astype(float)
            out[col] = (values * 100).round(0) if decimals < 0 else values.round(max(decimals, 0))
            cols[col] = (vi_name if vi else en) + (" (%)" if decimals < 0 else "")
            keep.append(col)
    return out[keep].rename(columns=cols)


def write_excel_csv(table, path, lang: str = "vi") -> Path:
    """CSV that Excel opens right: UTF-8 with a BOM (Vietnamese letters intact), and for Vietnamese the
    list separator and decimal comma Excel expects in that locale (``;`` and ``1548412,5``)."""
    path = Path(path)
    vi = lang == "vi"
    excel_table(table, lang).to_csv(path, index=False, encoding="utf-8-sig", sep=";" if vi else ",",
                                    decimal="," if vi else ".")
    return path


def write_json(result, path, *, extra: dict | None = None) -> Path:
    path = Path(path)
    data = result_dict(result) | (extra or {})
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=_clean), encoding="utf-8")
    return path


# ---------------------------------------------------------------- charts (matplotlib, no pyplot state)

def _figure(width=7.0, height=3.6):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=110)
    FigureCanvasAgg(fig)
    return fig


def metric_label(metric: str, lang: str = "en") -> str:
    """An indicator as the report names it (``Tổng diện tích sàn (m²)``), not its column name."""
    from cim.tod.report import SUMMARY_COLUMNS

    for col, en, vi, _ in SUMMARY_COLUMNS:
        if col == metric:
            return vi if lang == "vi" else en
    return metric


def chart_indicator(indicators, metric: str, path, *, kind: str = "walk", title: str | None = None,
                    lang: str = "en") -> Path:
    """Grouped bars: one group per station, one bar per ring (PNG or SVG by the file suffix)."""
    t = indicators[indicators["kind"] == kind]
    if not len(t):
        t = indicators[indicators["kind"] == "circle"]
    names = list(dict.fromkeys(t["name"]))
    radii = sorted(set(t["radius_m"]))
    fig = _figure(max(5.0, 1.0 + 0.9 * len(names)))
    ax = fig.add_subplot()
    w = 0.8 / max(len(radii), 1)
    x = np.arange(len(names))
    for i, r in enumerate(radii):
        v = t[t["radius_m"] == r].set_index("name")[metric].reindex(names).to_numpy(dtype=float)
        ax.bar(x + (i - (len(radii) - 1) / 2) * w, np.nan_to_num(v), w, label=f"{r:.0f} m")
    from cim.report.numbers import RING

    shown = t["kind"].iat[0] if len(t) else kind
    ring = RING.get(shown, (shown, shown))[1 if lang == "vi" else 0]
    ax.set_xticks(x, names, rotation=30 if len(names) > 6 else 0, ha="right" if len(names) > 6 else "center")
    ax.set_ylabel(metric_label(metric, lang))
    ax.set_title(title or f"{metric_label(metric, lang)} — {ring}")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    return Path(path)


def chart_scenarios(table, metric: str, path, *, title: str | None = None, lang: str = "en") -> Path:
    """Side-by-side bars of the scenarios of :func:`cim.tod.scenarios.compare` for one metric."""
    t = table[table["metric"] == metric]
    labels = [c for c in t.columns if c not in ("station_id", "name", "kind", "radius_m", "metric")
              and not str(c).startswith("Δ")]
    cats = [f"{n} {k} {r:.0f}" for n, k, r in zip(t["name"], t["kind"], t["radius_m"], strict=True)]
    fig = _figure(max(5.0, 1.0 + 0.6 * len(cats)))
    ax = fig.add_subplot()
    w = 0.8 / max(len(labels), 1)
    x = np.arange(len(cats))
    for i, lab in enumerate(labels):
        ax.bar(x + (i - (len(labels) - 1) / 2) * w, np.nan_to_num(t[lab].to_numpy(dtype=float)), w, label=str(lab))
    ax.set_xticks(x, cats, rotation=45, ha="right", fontsize=7)
    ax.set_ylabel(metric_label(metric, lang))
    ax.set_title(title or f"{metric_label(metric, lang)}: " + ("các kịch bản" if lang == "vi" else "scenarios"))
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    return Path(path)


def chart_scorecard(card, path, *, lang: str = "en") -> Path:
    """Stacked points per principle and station, with the maximum the data allows as an outline."""
    from cim.tod.scorecard import PRINCIPLES, score_summary

    s = score_summary(card)
    stations = list(dict.fromkeys(s["station_id"]))
    fig = _figure(max(5.0, 1.0 + 0.9 * len(stations)))
    ax = fig.add_subplot()
    bottom = np.zeros(len(stations))
    for pr in PRINCIPLES:
        v = s[s["principle"] == pr].set_index("station_id")["points"].reindex(stations).fillna(0).to_numpy()
        ax.bar(stations, v, bottom=bottom, label=pr)
        bottom += v
    mx = s.groupby("station_id")["max_scored"].sum().reindex(stations).to_numpy()
    vi = lang == "vi"
    ax.bar(stations, mx, fill=False, edgecolor="black", linestyle="--",
           label="tối đa theo dữ liệu" if vi else "max with data")
    ax.set_ylabel("điểm (trên 100)" if vi else "points (of 100)")
    ax.set_title("Bảng điểm kiểu ITDP" if vi else "ITDP-style scorecard")
    ax.legend(fontsize=7, ncol=3)
    fig.tight_layout()
    fig.savefig(path)
    return Path(path)
