"""Attribute conditions of generic rules: ``{ field = "far", op = "gt", value = 0 }``, vectorised.

Operators: ``eq ne in not_in empty not_empty gt ge lt le between regex true false exists``.
A field the layer does not have reads as empty (so ``not_empty`` fails and ``empty`` holds). A missing
value (None, NaN, ``pd.NA``, NaT) never satisfies a comparison, ``true``/``false``, ``in`` or ``regex``; it
satisfies ``ne``/``not_in`` only for a present value, and ``empty`` always.

``regex`` patterns come from rule packs, which may come from someone else's package: they run in the
``regex`` engine with a time limit (:data:`REGEX_TIMEOUT_S` per condition), so a catastrophic pattern such
as ``(a+)+b`` ends in a clear error (the rule is "could not be evaluated") instead of a hang.
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
        truth = _truth(s)
        return truth == (1 if op == "true" else 0)
    if op in ("in", "not_in"):
        vals = [str(x) for x in (v if isinstance(v, list | tuple) else [v])]
        m = s.astype("string").isin(vals).fillna(False).to_numpy()
        return m if op == "in" else ~m & ~_empty(s)
    if op == "regex":
        return regex_mask(s, str(v), rule_id=rule_id)
    if op in ("eq", "ne") and (isinstance(v, bool) or not isinstance(v, int | float)):
        if isinstance(v, bool):
            m = _truth(s) == int(v)
        else:
            m = (s.astype("string") == str(v)).fillna(False).to_numpy().astype(bool)
        return m if op == "eq" else ~m & ~_missing(s)
    num = pd.to_numeric(s, errors="coerce").astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    num[_missing(s)] = np.nan          # NaT reads as a huge negative integer otherwise
    with np.errstate(invalid="ignore"):
        if op == "between":
            lo, hi = v
            return (num >= float(lo)) & (num <= float(hi))
        f = float(v)
        return {"eq": num == f, "ne": (num != f) & ~np.isnan(num), "gt": num > f, "ge": num >= f,
                "lt": num < f, "le": num <= f}[op]


REGEX_TIMEOUT_S = 2.0
_TRUE = frozenset(("1", "true", "yes", "y", "có", "co", "x", "t", "đúng", "dung"))
_FALSE = frozenset(("0", "false", "no", "n", "không", "khong", "f", "sai"))


def _missing(s):
    import pandas as pd

    return pd.isna(s).to_numpy(dtype=bool)


def _truthy(x):
    """1 (true), 0 (false) or -1 (missing or not a yes/no value)."""
    import pandas as pd

    if x is None or (not isinstance(x, list | tuple | dict) and pd.isna(x)):
        return -1
    if isinstance(x, str):
        t = x.strip().lower()
        return 1 if t in _TRUE else 0 if t in _FALSE else -1
    try:
        return 1 if bool(x) else 0
    except (TypeError, ValueError):
        return -1


def _truth(s):
    """Per row 1/0/-1 (see :func:`_truthy`), over the distinct values only."""
    import numpy as np
    import pandas as pd

    obj = s.astype(object).to_numpy()
    try:
        codes, uniq = pd.factorize(obj, use_na_sentinel=True)
    except TypeError:                      # unhashable cells (lists): one by one
        return np.fromiter((_truthy(x) for x in obj), dtype=np.int8, count=len(obj))
    table = np.array([_truthy(u) for u in uniq] + [-1], dtype=np.int8)
    return table[codes]


def regex_mask(s, pattern: str, *, rule_id: str = "", timeout: float = REGEX_TIMEOUT_S):
    """Rows whose text contains ``pattern``; the matching of all distinct values together may take at
    most ``timeout`` seconds (the ``regex`` engine stops a runaway backtrack)."""
    import time

    import numpy as np
    import pandas as pd
    import regex

    try:
        rx = regex.compile(pattern)
    except (regex.error, TypeError, ValueError) as exc:
        raise CimInputError(None, f"the regular expression {pattern!r} is not valid ({exc})", obj=rule_id,
                            hint="fix the rule pack") from None
    text = s.astype("string")
    codes, uniq = pd.factorize(text, use_na_sentinel=True)
    deadline = time.monotonic() + timeout
    hits = np.zeros(len(uniq) + 1, dtype=bool)
    for k, u in enumerate(uniq):
        left = deadline - time.monotonic()
        try:
            if left <= 0:
                raise TimeoutError
            hits[k] = rx.search(str(u), timeout=left) is not None
        except TimeoutError:
            raise CimInputError(None, f"the regular expression {pattern!r} takes too long to match "
                                      f"(over {timeout:g} s): it backtracks catastrophically", obj=rule_id,
                                hint="simplify the pattern (no nested repetition such as (a+)+)") from None
    return hits[codes]


def all_of(df, conds: list[dict], *, rule_id: str = ""):
    import numpy as np

    m = np.ones(len(df), dtype=bool)
    for c in conds or []:
        m &= condition_mask(df, c, rule_id=rule_id)
    return m
