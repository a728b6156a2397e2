"""The findings of a check run as a table: one row per finding, and a filter proxy (severity, system,
rule, accepted, free text without diacritics)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStyle

from cim.checks.acceptance import Acceptance, acceptances, issue_key
from cim.checks.base import CheckResult
from cim.checks.pack import fold
from cim.findings import Finding

SEVERITY_ORDER = {"E": 0, "W": 1, "I": 2}
SEVERITY_COLOURS = {"E": "#c62828", "W": "#b26a00", "I": "#1565c0"}
ACCEPTED_COLOUR = "#6d7b74"
FINDING_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2


def _t(ctx: str, text: str) -> str:
    return QCoreApplication.translate(ctx, text)


def severity_name(code: str) -> str:
    return {"E": _t("ChecksPanel", "Error"), "W": _t("ChecksPanel", "Warning"), "I": _t("ChecksPanel", "Info")}.get(code, code)


def ui_language() -> str:
    app = QCoreApplication.instance()
    lang = app.property("cim_language") if app is not None else None
    return str(lang or "vi")


def system_name(code: str, lang: str) -> str:
    """The smart system's (or the network's) name in ``lang``; the code when the taxonomy has none."""
    if not code:
        return ""
    from cim.model.taxonomy import smart_systems

    systems = smart_systems()
    s = systems.get(code) or next((v for v in systems.values() if getattr(v, "network", None) == code), None)
    if s is None:
        return code
    return s.name_en if lang.startswith("en") else s.name_vi


@dataclass
class FindingRow:
    """One row of the table: a :class:`cim.findings.Finding` with the check result it belongs to, its
    acceptance key, the smart system and the acceptance (a view of the finding, not another record)."""

    finding: Finding
    result: CheckResult
    key: str
    system: str
    accepted: Acceptance | None = None

    @property
    def objects(self) -> str:
        ids = list(self.finding.objects[:3])
        more = len(self.finding.objects) - len(ids)
        text = ", ".join(ids) + (f" +{more}" if more > 0 else "")
        layer = self.finding.layer
        return f"{layer}: {text}" if layer and text else (layer or text)


def findings_of(run, project) -> list[FindingRow]:
    """Every issue of ``run`` with its acceptance in ``project`` (if any), errors first."""
    book = acceptances(project)
    out = []
    for r in run.results:
        for i in r.issues:
            key = issue_key(i)
            out.append(FindingRow(i, r, key, r.system or str(i.extra.get("system") or ""), book.get(key)))
    out.sort(key=lambda f: (SEVERITY_ORDER.get(f.finding.severity, 3), f.finding.code))
    return out


class FindingsModel(QAbstractTableModel):
    COLUMNS = ("severity", "rule", "message", "objects", "system", "title", "accepted")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.findings: list[FindingRow] = []
        self.lang = ui_language()
        style = QApplication.style()
        self._icons = {"E": style.standardIcon(QStyle.SP_MessageBoxCritical),
                       "W": style.standardIcon(QStyle.SP_MessageBoxWarning),
                       "I": style.standardIcon(QStyle.SP_MessageBoxInformation),
                       "ok": style.standardIcon(QStyle.SP_DialogApplyButton)}

    def set_findings(self, findings: list[FindingRow]) -> None:
        self.beginResetModel()
        self.lang = ui_language()
        self.findings = list(findings)
        self.endResetModel()

    def refresh_acceptances(self, project) -> None:
        book = acceptances(project)
        for f in self.findings:
            f.accepted = book.get(f.key)
        if self.findings:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.findings) - 1, len(self.COLUMNS) - 1))

    def counts(self) -> dict[str, int]:
        out = {"E": 0, "W": 0, "I": 0, "accepted": 0}
        for f in self.findings:
            if f.accepted is not None:
                out["accepted"] += 1
            else:
                out[f.finding.severity] = out.get(f.finding.severity, 0) + 1
        return out

    # Qt model ----------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return {"severity": _t("ChecksPanel", "Severity"), "rule": _t("ChecksPanel", "Rule"), "message": _t("ChecksPanel", "Message"),
                    "objects": _t("ChecksPanel", "Layer / objects"), "system": _t("ChecksPanel", "System"), "title": _t("ChecksPanel", "Title"),
                    "accepted": _t("ChecksPanel", "Accepted")}[self.COLUMNS[section]]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        f = self.findings[index.row()]
        col = self.COLUMNS[index.column()]
        if role == FINDING_ROLE:
            return f
        if role == Qt.DisplayRole:
            return self._text(f, col)
        if role == SORT_ROLE:
            if col == "severity":
                return SEVERITY_ORDER.get(f.finding.severity, 3)
            return self._text(f, col)
        if role == Qt.ToolTipRole:
            if col == "accepted" and f.accepted is not None:
                return _t("ChecksPanel", "Accepted by %1 on %2: %3").replace("%1", f.accepted.author) \
                    .replace("%2", f.accepted.date[:10]).replace("%3", f.accepted.reason)
            if col in ("message", "title", "objects"):
                return self._text(f, col)
            if col == "rule":
                return f.result.legal_basis.label(self.lang)
        if role == Qt.DecorationRole and col == "severity":
            return self._icons["ok"] if f.accepted is not None else self._icons.get(f.finding.severity)
        if role == Qt.ForegroundRole:
            if f.accepted is not None:
                return QColor(ACCEPTED_COLOUR)
            if col == "severity":
                return QColor(SEVERITY_COLOURS.get(f.finding.severity, "#000000"))
        return None

    def _text(self, f: FindingRow, col: str) -> str:
        if col == "severity":
            return severity_name(f.finding.severity)
        if col == "rule":
            return f.finding.code
        if col == "title":
            return f.result.title.get(self.lang)
        if col == "system":
            return system_name(f.system, self.lang)
        if col == "objects":
            return f.objects
        if col == "message":
            return f.finding.message.get(self.lang)
        if col == "accepted":
            return f.accepted.reason if f.accepted is not None else ""
        return ""


class FindingsFilter(QSortFilterProxyModel):
    """Rows matching every set filter: severity code, system code, rule id, accepted shown, text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.severity = ""
        self.system = ""
        self.rule = ""
        self.text = ""
        self.show_accepted = True
        self.setSortRole(SORT_ROLE)

    def set_filters(self, *, severity=None, system=None, rule=None, text=None, show_accepted=None) -> None:
        self.beginFilterChange()
        for name, value in (("severity", severity), ("system", system), ("rule", rule), ("text", text),
                            ("show_accepted", show_accepted)):
            if value is not None:
                setattr(self, name, fold(value) if name == "text" else value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def refilter(self) -> None:
        """Acceptances changed: rows may show or hide."""
        self.set_filters()

    def filterAcceptsRow(self, row: int, parent) -> bool:
        f: FindingRow = self.sourceModel().findings[row]
        if self.severity and f.finding.severity != self.severity:
            return False
        if self.system and f.system != self.system:
            return False
        if self.rule and f.finding.code != self.rule:
            return False
        if not self.show_accepted and f.accepted is not None:
            return False
        if self.text:
            m = self.sourceModel()
            hay = " ".join(m._text(f, c) for c in m.COLUMNS) + " " + " ".join(f.finding.objects)
            return self.text in fold(hay)
        return True


def summary_html(run, counts: dict, *, shown: int, total: int, stored: bool, stale: bool) -> str:
    """The verdict of the run and the open findings per severity (accepted ones counted apart)."""
    c = counts
    crashed = any(r.status == "error" for r in run.results)      # not evaluated: never green
    colour = SEVERITY_COLOURS["E"] if c["E"] or crashed else SEVERITY_COLOURS["W"] if c["W"] else "#2e7d32"
    parts = [f"<b style='color:{colour}'>{run.verdict().get(ui_language())}</b>"]
    for code, text in (("E", _t("ChecksPanel", "%1 errors")), ("W", _t("ChecksPanel", "%1 warnings")), ("I", _t("ChecksPanel", "%1 info"))):
        parts.append(f"<span style='color:{SEVERITY_COLOURS[code]}'>{text.replace('%1', str(c[code]))}</span>")
    parts.append(f"<span style='color:{ACCEPTED_COLOUR}'>" + _t("ChecksPanel", "%1 accepted").replace("%1", str(c["accepted"]))
                 + "</span>")
    text = " · ".join(parts)
    if shown != total:
        text += "<br>" + _t("ChecksPanel", "Showing %1 of %2 findings").replace("%1", str(shown)).replace("%2", str(total))
    if stored:
        text += "<br><i>" + _t("ChecksPanel", "Last run stored in the project (%1).").replace("%1", (run.started or "")[:10]) + "</i>"
    if stale:
        text += ("<br><i style='color:#b26a00'>" + _t("ChecksPanel", "The data changed since this run: run the checks again.")
                 + "</i>")
    return text
