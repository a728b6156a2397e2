"""A read-only table model over a pandas DataFrame: chosen columns, translated headers, numbers formatted
for planners; ``Qt.UserRole`` gives the raw value (what the core computed), ``Qt.ToolTipRole`` the notes."""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QLocale, Qt

# decimals per column; columns not listed are shown as text
DECIMALS = {"radius_m": 0, "area_ha": 1, "circle_ratio": 2, "gfa_m2": 0, "far_gross": 2, "far_net": 2,
            "population": 0, "pop_density_pph": 1, "jobs": 0, "job_density_jph": 1, "jobs_housing_ratio": 2,
            "mix_entropy": 2, "intersection_density_km2": 1, "block_length_mean_m": 0, "plots": 0,
            "plots_without_far": 0, "buildings": 0, "n_smart_elements": 0, "value": 2, "base": 2,
            "scenario": 2, "delta": 2, "delta_pct": 1}


def format_number(v, decimals: int) -> str:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    if not math.isfinite(f):
        return "—"
    return QLocale().toString(f, "f", decimals)     # the UI language's separators: 1.548.412,5 in Vietnamese


class FrameTableModel(QAbstractTableModel):
    """``columns``: {column: header}; ``display``: {column: fn(value) -> text} for text columns;
    ``decimals``: {column: n} overriding :data:`DECIMALS` (e.g. per row metric in the scenario table)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.frame = None
        self.columns: list[str] = []
        self.headers: list[str] = []
        self.display: dict = {}
        self.row_decimals = None           # fn(row) -> decimals for numeric cells of that row, or None
        self.tooltip_column: str | None = None

    def set_frame(self, frame, columns: dict[str, str], *, display: dict | None = None,
                  row_decimals=None, tooltip_column: str | None = None) -> None:
        self.beginResetModel()
        self.frame = frame.reset_index(drop=True) if frame is not None else None
        cols = [c for c in columns if frame is not None and c in frame.columns]
        self.columns, self.headers = cols, [columns[c] for c in cols]
        self.display = display or {}
        self.row_decimals = row_decimals
        self.tooltip_column = tooltip_column
        self.endResetModel()

    def clear(self) -> None:
        self.set_frame(None, {})

    # Qt model API -------------------------------------------------------------
    def rowCount(self, parent=None) -> int:
        return 0 if (parent is not None and parent.isValid()) or self.frame is None else len(self.frame)

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        return super().headerData(section, orientation, role)

    def raw(self, row: int, column: str):
        return self.frame[column].iat[row]

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or self.frame is None:
            return None
        col = self.columns[index.column()]
        v = self.frame[col].iat[index.row()]
        if role == Qt.UserRole:
            return v
        if role == Qt.DisplayRole:
            if col in self.display:
                return self.display[col](v)
            dec = self.row_decimals(index.row()) if self.row_decimals is not None else None
            if col in DECIMALS or dec is not None:
                return format_number(v, DECIMALS.get(col, 2) if dec is None else dec)
            return "" if v is None else str(v)
        if role == Qt.TextAlignmentRole:
            numeric = col in DECIMALS and col not in self.display
            return int((Qt.AlignRight if numeric else Qt.AlignLeft) | Qt.AlignVCenter)
        if role == Qt.ToolTipRole and self.tooltip_column and self.tooltip_column in self.frame.columns:
            tip = self.frame[self.tooltip_column].iat[index.row()]
            return self.display.get(self.tooltip_column, str)(tip) or None
        return None
