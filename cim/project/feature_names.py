"""One way to name a feature in every message: the layer as the user calls it and the feature id the
attribute table shows in its row header — "Lô đất #12" / "Plots #12" — never "fid 12" in one place and
"#12" in another, never an internal network hash."""

from __future__ import annotations

from collections.abc import Iterable

from cim.project.display_names import default_display_name, layer_label


def layer_title(layer, lang: str = "vi") -> str:
    """A layer record (its display name) or a table name (its standard name, or itself)."""
    if layer is None:
        return ""
    if isinstance(layer, str):
        return default_display_name(layer, None, lang) or layer
    return layer_label(layer, lang)


def feature_name(layer, fid, lang: str = "vi") -> str:
    """``Lô đất #12``: the layer's name and the feature id of the attribute table."""
    return f"{layer_title(layer, lang)} #{_fid(fid)}"


def feature_list(layer, fids: Iterable, lang: str = "vi", limit: int = 8) -> str:
    """``Lô đất #1, #4, #9 … (23 in all)`` (Vietnamese: ``… (tổng 23)``)."""
    ids = [_fid(f) for f in fids]
    head = ", ".join(f"#{i}" for i in ids[:limit])
    more = ""
    if len(ids) > limit:
        more = f" … (tổng {len(ids)})" if not lang.lower().startswith("en") else f" … ({len(ids)} in all)"
    return f"{layer_title(layer, lang)} {head}{more}".strip()


def point_text(x: float, y: float) -> str:
    """A place for a message when no feature names it (a network node): rounded VN-2000 metres."""
    return f"(X {x:.1f}; Y {y:.1f})"


def _fid(fid) -> str:
    try:
        return str(int(fid))
    except (TypeError, ValueError):
        return str(fid)
