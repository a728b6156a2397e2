"""Editing the plan metadata (META-01): values checked the same way from the CLI and the dialog, and one
undoable command (category ``metadata``, so a reviewer's edit is refused like any other)."""

from __future__ import annotations

import datetime as _dt
import re

from cim.commands.base import Command
from cim.errors import CimInputError
from cim.project.metadata import METADATA_LABELS, PLAN_LEVELS, PlanMetadata

_LEVEL_ALIASES = {
    "chung": "chung", "quy hoach chung": "chung", "general": "chung", "general plan": "chung",
    "phan_khu": "phan_khu", "phan khu": "phan_khu", "quy hoach phan khu": "phan_khu", "zoning": "phan_khu",
    "zoning plan": "phan_khu",
    "chi_tiet": "chi_tiet", "chi tiet": "chi_tiet", "quy hoach chi tiet": "chi_tiet", "detailed": "chi_tiet",
    "detailed plan": "chi_tiet",
}


def _fold(text: str) -> str:
    from cim.crs import fold_name

    return fold_name(text)


def parse_value(key: str, value, *, path=None):
    """The stored value for ``key`` from what a user typed; raises ``CimInputError`` saying what is wrong.

    ``scale``: a positive whole number (``2000``, ``1:2000``, ``1/2.000``, ``2 000``); ``level``: chung,
    phan_khu or chi_tiet (or their Vietnamese/English names); ``decision_date``: a date (``2026-01-15`` or
    ``15/01/2026``, stored ISO); ``province``: a Vietnamese province (spelled any common way). An empty
    value clears the field.
    """
    key = key.strip()
    if key not in PlanMetadata.field_names():
        known = ", ".join(PlanMetadata.field_names())
        raise CimInputError(path, f"unknown metadata field {key!r}", hint=f"use one of {known}")
    text = "" if value is None else str(value).strip()
    if text == "":
        return None if key == "scale" else ""
    label = METADATA_LABELS[key][1].lower()
    if key == "scale":
        t = re.sub(r"^1\s*[:/]\s*", "", text)
        if re.fullmatch(r"\d{1,3}([ .,\u202f]\d{3})+", t):      # thousands grouped: 2.000, 2 000, 2,000
            t = re.sub(r"\D", "", t)
        if not t.isdigit() or int(t) <= 0:
            raise CimInputError(path, f"{label} must be a whole number, not {text!r}",
                                hint="give the denominator, e.g. scale=2000 for 1/2 000")
        return int(t)
    if key == "level":
        code = {_fold(k): v for k, v in _LEVEL_ALIASES.items()}.get(_fold(text))
        if code is None:
            raise CimInputError(path, f"plan level {text!r} is not one of {', '.join(PLAN_LEVELS)}",
                                hint="level=chung, phan_khu or chi_tiet")
        return code
    if key == "decision_date":
        for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
            try:
                return _dt.datetime.strptime(text, fmt).date().isoformat()
            except ValueError:
                continue
        raise CimInputError(path, f"decision date {text!r} is not a date", hint="e.g. decision_date=2026-01-15")
    if key == "province":
        from cim.crs import find_legacy_province, find_province

        prov = find_province(text)
        if prov is None:
            raise CimInputError(path, f"unknown province {text!r}", hint="e.g. province=\"Phú Thọ\"")
        legacy = find_legacy_province(text)
        if legacy is not None and _fold(legacy.name) != _fold(prov.name):
            return legacy.name          # a pre-2025 province is kept as written in older plans
        return prov.name
    return text


def parse_assignments(items, *, path=None) -> dict:
    """``["scale=2000", "name=…"]`` → ``{"scale": 2000, "name": "…"}``, every value checked; the first
    bad item raises (nothing is applied)."""
    out: dict = {}
    for item in items:
        if "=" not in item:
            raise CimInputError(path, f"{item!r} is not KEY=VALUE", hint="e.g. --set plan_id=QH-PT-2026-0001")
        key, value = item.split("=", 1)
        out[key.strip()] = parse_value(key, value, path=path)
    return out


class SetPlanMetadata(Command):
    """Several metadata fields in one undo step."""

    category = "metadata"

    def __init__(self, project, changes: dict) -> None:
        self.project = project
        self.new = {k: v for k, v in changes.items() if project.metadata.get(k) != v}
        self.old = {k: project.metadata.get(k) for k in self.new}
        self.text = "Set plan metadata: " + ", ".join(self.new)

    def _apply(self, values: dict) -> None:
        for k, v in values.items():
            self.project.metadata.set(k, v)
        self.project.metadata_changed.emit()

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


def set_plan_metadata(project, changes: dict) -> SetPlanMetadata | None:
    """Push the changed fields as one command (None when nothing changes). Raises ``PermissionDenied`` for
    a role that may not edit metadata."""
    cmd = SetPlanMetadata(project, changes)
    if not cmd.new:
        return None
    project.push(cmd)
    return cmd
