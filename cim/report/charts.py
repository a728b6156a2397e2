"""Charts as inline SVG (matplotlib, Agg-free SVG backend): no external assets."""

from __future__ import annotations

import io

COLORS = {"E": "#c0392b", "W": "#d68910", "I": "#2e86c1"}


def _out(fig, fmt: str) -> str:
    if fmt == "png":
        import base64

        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
        return f'<img alt="chart" src="data:image/png;base64,{base64.b64encode(buf.getvalue()).decode()}">'
    return _svg(fig)


def _finish(plt, fig, ax, fmt: str) -> str:
    """Open the top and right of the axes, render the figure, close it."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    try:
        return _out(fig, fmt)
    finally:
        plt.close(fig)


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buf.getvalue()
    return text[text.index("<svg"):]


def _setup():
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "svg.fonttype": "path",
                         "svg.hashsalt": "cimstudio"})
    return plt


def integration_chart(systems: dict, lang: str = "vi", fmt: str = "svg") -> str:
    """Horizontal bars: integration score per smart system (0–100 %)."""
    plt = _setup()
    names = [s["name"][lang] for s in systems.values()]
    scores = [s["score"] * 100 for s in systems.values()]
    fig, ax = plt.subplots(figsize=(6.4, 0.32 * len(names) + 0.8))
    colors = ["#1e8449" if v >= 80 else "#d68910" if v >= 50 else "#c0392b" for v in scores]
    y = range(len(names))[::-1]
    ax.barh(list(y), scores, color=colors, height=0.6)
    ax.set_yticks(list(y), names)
    ax.set_xlim(0, 100)
    ax.set_xlabel("Mức độ tích hợp (%)" if lang == "vi" else "Integration level (%)")
    for yy, v in zip(y, scores):
        ax.text(min(v + 1.5, 92), yy, f"{v:.0f}%", va="center", fontsize=8)
    return _finish(plt, fig, ax, fmt)


def severity_chart(counts: dict, lang: str = "vi", fmt: str = "svg") -> str:
    plt = _setup()
    labels = {"E": ("Lỗi", "Errors"), "W": ("Cảnh báo", "Warnings"), "I": ("Thông tin", "Info")}
    keys = ["E", "W", "I"]
    fig, ax = plt.subplots(figsize=(3.2, 1.8))
    vals = [counts.get(k, 0) for k in keys]
    ax.bar([labels[k][0 if lang == "vi" else 1] for k in keys], vals, color=[COLORS[k] for k in keys])
    for i, v in enumerate(vals):
        ax.text(i, v, str(v), ha="center", va="bottom", fontsize=8)
    ax.set_ylim(0, max(vals + [1]) * 1.25)
    return _finish(plt, fig, ax, fmt)
