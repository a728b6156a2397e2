"""The core's English step names and progress log lines in the interface language.

The core names its commands in English ("Add 3 feature(s) to plots") and logs in English — the CLI, logs
and changelog read that way, and ``cim`` knows nothing of Qt. The undo history, the Edit menu and the
log dock show them in the UI language: each pattern below is an English template with ``%1 %2 …`` for
what varies, marked for lupdate; a core text that matches is shown through its translated template,
anything else (a plugin's own text, a message already in Vietnamese) as it is.
"""

from __future__ import annotations

import functools
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

N = QT_TRANSLATE_NOOP
CONTEXT = "Commands"

TEMPLATES = (
    N("Commands", "Add %1 feature(s) to %2"),
    N("Commands", "Delete %1 feature(s) from %2"),
    N("Commands", "Change geometry of %1 #%2"),
    N("Commands", "Fix geometry of %1 feature(s) in %2"),
    N("Commands", "Edit %1 of %2 #%3"),
    N("Commands", "Add layer %1"),
    N("Commands", "Add group %1"),
    N("Commands", "Remove layer %1"),
    N("Commands", "Rename layer %1 → %2"),
    N("Commands", "Show %1"),
    N("Commands", "Hide %1"),
    N("Commands", "Style %1"),
    N("Commands", "Set layer metadata of %1"),
    N("Commands", "Set %1"),
    N("Commands", "Set plan metadata: %1"),
    N("Commands", "Accept %1 finding"),
    N("Commands", "Withdraw acceptance of %1 finding"),
    N("Commands", "Comment: %1"),
    N("Commands", "Reply to %1"),
    N("Commands", "Mark %1 %2"),
    N("Commands", "Import %1 comment thread(s)"),
    N("Commands", "Role of %1: %2"),
    N("Commands", "Connect %1 to %2"),
    N("Commands", "Build network %1"),
    N("Commands", "Save %1"),
    N("Commands", "Split edge %1 of %2"),
    N("Commands", "Add edge to %1"),
    N("Commands", "Merge edges at node %1 of %2"),
    N("Commands", "Move node %1 of %2"),
    N("Commands", "Move edge %1 of %2"),
    N("Commands", "Set %1 of %2 feature(s) in %3"),
    N("Commands", "Scenario rule: %1"),
    N("Commands", "Add %1 catchments"),
    N("Commands", "Import corridor %1"),
    N("Commands", "Merge IFC buildings into %1"),
    N("Commands", "Import CityJSON %1"),
    N("Commands", "Place IFC model %1"),
    N("Commands", "Import IFC %1"),
)


LOG_CONTEXT = "CoreLog"
LOG_TEMPLATES = (
    N("CoreLog", "%1: %2 line(s) from %3 feature(s)"),
    N("CoreLog", "network %1: %2 nodes, %3 edges (from %4 cut edges)"),
    N("CoreLog", "%1 plot(s) in catchments have no FAR: left out of GFA"),
    N("CoreLog", "the plot layer has no FAR field: GFA and FAR are not computed"),
    N("CoreLog", "%1: %2 invalid geometr(y/ies) kept and reported (first: %3 — %4)"),
    N("CoreLog", "%1: DXF keeps only geometry and %2; dropped %3"),
    N("CoreLog", "%1: coordinates up to %2 m from the origin: map coordinates seem to be stored in the "
                 "geometry (precision loss in float32 viewers)"),
    N("CoreLog", "check %1 failed: %2"),
    N("CoreLog", "TOD section left out: %1"),
    N("CoreLog", "TOD outputs left out of the package: %1"),
    N("CoreLog", "LoD2 of %1 skipped: %2"),
    N("CoreLog", "IFC model %1 named by layer %2 not found: it cannot travel with the package"),
    N("CoreLog", "IFC source %1 of layer %2 not found: only its hash is packaged"),
)


@functools.lru_cache(maxsize=4)
def _patterns(templates: tuple[str, ...]) -> tuple[tuple[re.Pattern, str], ...]:
    """Longest templates first, so "Set %1 of %2 feature(s) in %3" wins over "Set %1"."""
    out = []
    for template in sorted(templates, key=len, reverse=True):
        parts = re.split(r"(%\d)", template)
        rx = "".join("(.+?)" if re.fullmatch(r"%\d", p) else re.escape(p) for p in parts)
        out.append((re.compile(f"^{rx}$", re.DOTALL), template))
    return tuple(out)


def _shown(text: str, context: str, templates: tuple[str, ...], names: dict[str, str] | None = None) -> str:
    if not text:
        return text
    for rx, template in _patterns(templates):
        m = rx.match(text)
        if m is None:
            continue
        shown = QCoreApplication.translate(context, template)
        for i, value in enumerate(m.groups(), 1):
            shown = shown.replace(f"%{i}", (names or {}).get(value, value))
        return shown
    return text


def layer_names(project) -> dict[str, str]:
    """Table name → the name the layer tree shows, for the project's layers."""
    from app.i18n import layer_name

    if project is None:
        return {}
    return {rec.name: layer_name(rec) for rec in project.ordered_layers()}


def command_text(text: str, project=None) -> str:
    """``text`` of a core command as the interface shows it; with ``project``, a layer's table name
    (``plots``) in the text reads as the layer tree names it (*Lô đất*)."""
    return _shown(text, CONTEXT, TEMPLATES, layer_names(project))


def log_text(text: str) -> str:
    """A core progress/log line as the log dock shows it."""
    return _shown(text, LOG_CONTEXT, LOG_TEMPLATES)
