"""Attribute conditions of generic rules: ``{ field = "far", op = "gt", value = 0 }``, vectorised.

Operators: ``eq ne in not_in empty not_empty gt ge lt le between regex true false exists``.
A field the layer does not have reads as empty (so ``not_empty`` fails and ``empty`` holds).
"""

from __future__ import annotations

from cim.errors import CimInputError

OPS = ("eq", "ne", "in", "not_in", "empty", "not_empty", "gt", "ge", "lt", "le", "between", "regex",
       "true", "false", "exists")
_LABEL = {"eq": ("= {v}", "= {v}"), "ne": ("≠ {v}", "≠ {v}"), "in": ("thuộc {v}", "in {v}"),
          "not_in": ("không thuộc {v}", "not in {v}"), "empty": ("để trống", "empty"),
          "not_empty": ("được khai báo", "filled in"), "gt": ("> {v}", "> {v}"), "ge": ("≥ {v}", "≥ {v}"),
          "lt": ("< {v}", "< {v}"), "le": ("≤ {v}", "≤ {v}"), "between": ("trong khoảng {v}", "between {v}"),
          "regex": ("khớp mẫu {v}", "matches {v}"), "true": ("= có", "is true"), "false": ("= không", "is false"),
          "exists": ("có trường", "exists")}


def describe(cond: dict, lang: str = "vi") -> str:
    vi, en = _LABEL.get(cond.get("op", "eq"), ("{v}", "{v}"))
    v = cond.get("value", "")
    return f"{cond.get('field')} " + (en if lang == "en" else vi).format(v=v)


def describe_failure(cond: dict, lang: str = "vi") -> str:
    """What is wrong when ``cond`` fails: "thiếu interface_target" / "interface_target missing"."""
    f, op = cond.get("field"), cond.get("op", "eq")
    if op in ("not_empty", "exists"):
        return f"thiếu {f}" if lang == "vi" else f"{f} missing"
    return (f"{f} phải {describe(cond, 'vi')[len(f) + 1:]}" if lang == "vi"
            else f"{f} must be {describe(cond, 'en')[len(f) + 1:]}")


def _column(df, name: str):
    import pandas as pd

    if name in df.columns:
        return df[name]
    return pd.Series(pd.NA, index=df.index, dtype="object")


def _empty(s):
    import numpy as np

    if s.dtype == bool:
        return np.zeros(len(s), dtype=bool)
    na = s.isna().to_numpy()
    if s.dtype == object or str(s.dtype) in ("string", "str"):
        blank = (s.astype("string").str.strip() == "").fillna(True).to_numpy()
        return na | blank
    return na


def condition_mask(df, cond: dict, *, rule_id: str = ""):
    """Boolean numpy array: the rows of ``df`` that satisfy ``cond``."""
    import numpy as np
    import pandas as pd

    op = cond.get("op", "eq")
    name = cond.get("field")
    if op not in OPS or not name:
        raise CimInputError(None, f"condition {cond!r} needs a field and an op among {', '.join(OPS)}",
                            obj=rule_id, hint="fix the rule pack")
    if op == "exists":
        return np.full(len(df), name in df.columns)
    s = _column(df, name)
    v = cond.get("value")
    if op == "empty":
        return _empty(s)
    if op == "not_empty":
        return ~_empty(s)
    if op in ("true", "false"):
        truth = s.map(_truthy) if s.dtype == object else s.fillna(False).astype(bool)
        m = truth.fillna(False).to_numpy().astype(bool)
        return m if op == "true" else ~m & ~s.isna().to_numpy()
    if op in ("in", "not_in"):
        vals = [str(x) for x in (v if isinstance(v, list | tuple) else [v])]
        m = s.astype("string").isin(vals).fillna(False).to_numpy()
        return m if op == "in" else ~m & ~_empty(s)
    if op == "regex":
        m = s.astype("string").str.contains(str(v), regex=True).fillna(False).to_numpy()
        return m.astype(bool)
    if op in ("eq", "ne") and (isinstance(v, bool) or not isinstance(v, int | float)):
        if isinstance(v, bool):
            m = (s.map(_truthy) == v).fillna(False).to_numpy().astype(bool)
        else:
            m = (s.astype("string") == str(v)).fillna(False).to_numpy().astype(bool)
        return m if op == "eq" else ~m
    num = pd.to_numeric(s, errors="coerce").to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        if op == "between":
            lo, hi = v
            return (num >= float(lo)) & (num <= float(hi))
        f = float(v)
        return {"eq": num == f, "ne": num != f, "gt": num > f, "ge": num >= f, "lt": num < f,
                "le": num <= f}[op]


def _truthy(x):
    if x is None or x != x:
        return None
    if isinstance(x, str):
        return x.strip().lower() in ("1", "true", "yes", "y", "có", "co", "x", "t")
    return bool(x)


def all_of(df, conds: list[dict], *, rule_id: str = ""):
    import numpy as np

    m = np.ones(len(df), dtype=bool)
    for c in conds or []:
        m &= condition_mask(df, c, rule_id=rule_id)
    return m
