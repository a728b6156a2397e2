"""SEC-01: personal data in attributes — phone numbers, CCCD/CMND numbers, names with a personal title.

An ID number is a CCCD — 12 digits whose first three are a province code (:data:`CCCD_PROVINCE_CODES`)
— or a 9-digit CMND the text labels as such; the pack's ``id_card`` pattern (12 or 9 digits standing alone)
only pre-selects the values :func:`is_id_card` then decides on.

Vectorised: each text column is matched once with one combined RE2 pattern (pyarrow), on the rows in
scope; only the matching values are classified in Python (to name the kind of data found). The
personal data itself is never copied into the message, only the field and the kind.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources

from layers.kinds import has_table

KINDS = {"phone": ("số điện thoại", "phone number"), "id_card": ("số CCCD/CMND", "ID-card number"),
         "person": ("họ tên cá nhân", "personal name")}

#: The first three digits of a CCCD (personal identification number) → the province or centrally-run
#: city where the citizen's birth was registered: the 63 pre-2025 provinces, from ``cccd_provinces.toml``
#: beside this module (which names the source).
CCCD_PROVINCE_CODES: dict[str, str] = tomllib.loads(
    resources.files(__package__).joinpath("cccd_provinces.toml").read_text(encoding="utf-8"))
#: a run of exactly 12 digits that is not part of a longer number nor an international phone (+…)
_TWELVE = re.compile(r"(?<![\d+])(\d{12})(?!\d)")
#: an old 9-digit CMND, only when the text says it is one
_CMND = re.compile(r"(?i)(?:CMND|CMT|ch[ứu]ng minh(?: nh[âa]n d[âa]n)?)\D{0,15}(?<![\d+])\d{9}(?!\d)")


def is_id_card(text: str) -> bool:
    """Whether ``text`` holds a CCCD (12 digits opening with a province code) or a labelled CMND.
    Phone numbers (+358…, +84…) and other long digit runs are not ID numbers."""
    if any(m.group(1)[:3] in CCCD_PROVINCE_CODES for m in _TWELVE.finditer(text)):
        return True
    return bool(_CMND.search(text))
DEFAULT_EXCLUDE = ("Hai Bà Trưng", "Bà Triệu", "Bà Huyện Thanh Quan", "Bà Rịa", "Ông Ích Khiêm", "Bà Chiểu",
                   "Bà Đen", "Ông Tạ", "Anh Dũng")


def _text_columns(df, skip) -> list[str]:
    import pandas as pd

    geom = df.geometry.name if hasattr(df, "geometry") else None
    return [c for c in df.columns if c != geom and c not in skip and
            (df[c].dtype == object or isinstance(df[c].dtype, pd.StringDtype))]


def sec01(ctx, feedback):
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    p = ctx.params
    pats = {k: p.get(k) for k in KINDS if p.get(k)}
    combined = "|".join(f"(?:{v})" for v in pats.values())
    compiled = {k: re.compile(v) for k, v in pats.items()}
    exclude = tuple(p.get("person_exclude", DEFAULT_EXCLUDE))
    skip = set(p.get("skip_fields", []))
    out = []
    for rec in ctx.project.ordered_layers():
        if not has_table(rec):
            continue
        ctx.inputs.add(rec.id)
        df = rec.data
        scope = ctx.scope_mask(rec)
        rows = np.arange(len(df)) if scope is None else np.flatnonzero(scope)
        if not len(rows):
            continue
        found: dict[int, dict[str, set]] = {}
        for col in _text_columns(df, skip):
            s = df[col].iloc[rows] if scope is not None else df[col]
            arr = pa.array(s.astype("string"), type=pa.string(), from_pandas=True)
            hit = pc.match_substring_regex(arr, combined).to_numpy(zero_copy_only=False)
            hit = np.asarray(hit, dtype=object)
            idx = np.flatnonzero(hit == True)  # noqa: E712 (nulls are None)
            for k in idx:
                text = str(s.iat[k])
                kinds = {name for name, rx in compiled.items() if rx.search(text)}
                if "id_card" in kinds and not is_id_card(text):
                    kinds.discard("id_card")
                if "person" in kinds and any(e in text for e in exclude) and \
                        not compiled["person"].search(_strip(text, exclude)):
                    kinds.discard("person")
                if kinds:
                    entry = found.setdefault(int(rows[k]), {})
                    for kind in kinds:
                        entry.setdefault(kind, set()).add(col)
        if not found:
            continue
        mask = np.zeros(len(df), dtype=bool)
        mask[list(found)] = True
        vi = np.full(len(df), "", dtype=object)
        en = np.full(len(df), "", dtype=object)
        fields = np.full(len(df), "", dtype=object)
        for pos, kinds in found.items():
            vi[pos] = "; ".join(f"{KINDS[k][0]} ở trường {', '.join(sorted(c))}" for k, c in sorted(kinds.items()))
            en[pos] = "; ".join(f"{KINDS[k][1]} in field {', '.join(sorted(c))}" for k, c in sorted(kinds.items()))
            fields[pos] = ",".join(sorted({c for cs in kinds.values() for c in cs}))
        out += ctx.issues_for(rec, mask, "{layer} {id}: chứa dữ liệu cá nhân — {what_vi}. Hãy xóa hoặc ẩn danh.",
                              "{layer} {id}: holds personal data — {what_en}. Remove or anonymise it.",
                              values={"what_vi": vi, "what_en": en, "fields": fields})
    return out


sec01.local = True


def _strip(text: str, exclude) -> str:
    for e in exclude:
        text = text.replace(e, " ")
    return text
