"""Stable unique text ids of CIM objects: ``<PREFIX>-<rest>``, one prefix per kind.

Generated data uses sequential ids (``PLT-000123``); objects a user creates get uuid-based ids
(``PLT-3f9c…``) so that two people editing copies of a project never mint the same id.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable

from cim.model.taxonomy import Kind, get_kind, kinds

#: What a well-formed id looks like: an upper-case prefix, a dash, letters/digits.
ID_PATTERN = re.compile(r"^(?P<prefix>[A-Z]{2,4})-(?P<rest>[0-9A-Za-z]+)$")


def prefix_of(kind: str | Kind) -> str:
    """The id prefix of a kind (``plot`` → ``PLT``)."""
    return get_kind(kind).prefix


def new_id(kind: str | Kind) -> str:
    """A fresh uuid-based id for a user-created object, e.g. ``BLD-4f0c8e0e5a0b4c4f9d7e3b7f1c2a9e61``."""
    return f"{prefix_of(kind)}-{uuid.uuid4().hex}"


def format_id(kind: str | Kind, number: int, width: int = 6) -> str:
    """A sequential id: ``format_id("plot", 123)`` → ``PLT-000123``."""
    return f"{prefix_of(kind)}-{int(number):0{width}d}"


def sequential_ids(kind: str | Kind, n: int, start: int = 1, width: int = 6) -> list[str]:
    """``n`` sequential ids starting at ``start``."""
    p = prefix_of(kind)
    return [f"{p}-{i:0{width}d}" for i in range(start, start + n)]


def parse_id(cim_id: str) -> tuple[str, str] | None:
    """``(prefix, rest)`` of a well-formed id, or ``None``."""
    m = ID_PATTERN.match(str(cim_id))
    return (m["prefix"], m["rest"]) if m else None


def kind_of_id(cim_id: str) -> str | None:
    """The kind whose prefix the id carries, or ``None``."""
    parsed = parse_id(cim_id)
    if parsed is None:
        return None
    for k in kinds().values():
        if k.prefix == parsed[0]:
            return k.code
    return None


def is_valid_id(cim_id: str, kind: str | Kind | None = None) -> bool:
    """Whether ``cim_id`` is well formed (and, given ``kind``, carries that kind's prefix)."""
    parsed = parse_id(cim_id)
    if parsed is None:
        return False
    return kind is None or parsed[0] == prefix_of(kind)


def check_unique(ids: Iterable[str]) -> list[str]:
    """The id values that occur more than once (sorted; empty values ignored). Empty list = unique.

    Vectorised over a pandas Series (any iterable is accepted).
    """
    import pandas as pd

    s = ids if isinstance(ids, pd.Series) else pd.Series(list(ids), dtype="object")
    s = s[s.notna()]
    s = s[s.astype(str) != ""]
    return sorted(s[s.duplicated(keep=False)].astype(str).unique().tolist())
