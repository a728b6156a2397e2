"""File › Print layout…: choose paper, orientation, scale, resolution and format, see a preview of the
sheet, export it. The sheet is drawn by the same Qt-free renderer as ``cimstudio print``
(``layers.sheet``): the preview is that renderer at a low resolution, in a worker thread."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from plugins.gui import tr as _t

PREVIEW_DPI = 30
SCALES = (2000, 5000, 10000)



class PrintDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("print_dialog")
        self.window_ = window
        self.setWindowTitle(_t("PrintDialog", "Print layout"))
        self._tmp = tempfile.TemporaryDirectory(prefix="cim-print-")
        self._task = None
        self._pending = False
        self.last_result = None
        self.last_error = ""
        self.paper = QComboBox(objectName="print_paper")
        for p in ("A4", "A3", "A2", "A1", "A0"):
            self.paper.addItem(p, p)
        self.paper.setCurrentIndex(1)
        self.orientation = QComboBox(objectName="print_orientation")
        self.orientation.addItem(_t("PrintDialog", "Landscape"), "landscape")
        self.orientation.addItem(_t("PrintDialog", "Portrait"), "portrait")
        self.scale = QComboBox(objectName="print_scale")
        self.scale.addItem(_t("PrintDialog", "Fit the layers"), 0)
        for s in SCALES:
            self.scale.addItem(f"1:{s:,}".replace(",", "."), s)
        self.scale.addItem(_t("PrintDialog", "Custom…"), -1)
        md_scale = window.session.project.metadata.scale
        self.scale.setCurrentIndex(self.scale.findData(md_scale) if md_scale in SCALES else 0)
        self.custom = QSpinBox(objectName="print_custom_scale")
        self.custom.setRange(100, 1_000_000)
        self.custom.setSingleStep(500)
        self.custom.setPrefix("1:")
        self.custom.setValue(int(md_scale) if md_scale else 2500)
        self.dpi = QSpinBox(objectName="print_dpi")
        self.dpi.setRange(72, 1200)
        self.dpi.setValue(300)
        self.dpi.setSuffix(" dpi")
        self.fmt = QComboBox(objectName="print_format")
        self.fmt.addItem("PDF", "pdf")
        self.fmt.addItem("PNG", "png")
        self.use_view = QCheckBox(_t("PrintDialog", "Centre on the current map view"), objectName="print_use_view")
        form = QFormLayout()
        form.addRow(_t("PrintDialog", "Paper"), self.paper)
        form.addRow(_t("PrintDialog", "Orientation"), self.orientation)
        scale_row = QWidget()
        hl = QHBoxLayout(scale_row)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.addWidget(self.scale, 1)
        hl.addWidget(self.custom)
        form.addRow(_t("PrintDialog", "Scale"), scale_row)
        form.addRow(_t("PrintDialog", "Resolution"), self.dpi)
        form.addRow(_t("PrintDialog", "Format"), self.fmt)
        form.addRow("", self.use_view)
        self.preview = QLabel(objectName="print_preview")
        self.preview.setAlignment(Qt.AlignCenter)
        self.preview.setMinimumSize(420, 300)
        self.preview.setStyleSheet("QLabel { background: #6b6b6b; }")
        self.status = QLabel(objectName="print_status")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.export_button = buttons.addButton(_t("PrintDialog", "Export…"), QDialogButtonBox.AcceptRole)
        self.export_button.setObjectName("print_export")
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.export_dialog)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        left.addWidget(self.status)
        top = QHBoxLayout()
        top.addLayout(left)
        top.addWidget(self.preview, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top, 1)
        lay.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh_preview)
        for w in (self.paper, self.orientation, self.scale, self.fmt):
            w.currentIndexChanged.connect(self._changed)
        self.custom.valueChanged.connect(self._changed)
        self.use_view.toggled.connect(self._changed)
        self._changed()
        self.resize(980, 560)

    # options ------------------------------------------------------------------
    def options(self) -> dict:
        """What the sheet is asked to be (keyword arguments of ``layers.sheet.api.print_sheet``)."""
        s = self.scale.currentData()
        scale = self.custom.value() if s == -1 else (s or None)
        centre = None
        if self.use_view.isChecked():
            vp = self.window_.canvas.vp
            centre = (vp.cx, vp.cy)
        return {"paper": self.paper.currentData(), "orientation": self.orientation.currentData(), "scale": scale,
                "dpi": self.dpi.value(), "fmt": self.fmt.currentData(), "centre": centre,
                "language": self.window_.ui_language()}

    def _changed(self, *_args) -> None:
        self.custom.setEnabled(self.scale.currentData() == -1)
        self._timer.start()

    # preview -------------------------------------------------------------------
    def refresh_preview(self) -> None:
        if self._task is not None:
            self._pending = True
            return
        opts = dict(self.options(), dpi=PREVIEW_DPI, fmt="png")
        out = Path(self._tmp.name) / "preview.png"
        project = self.window_.session.project
        self.status.setText(_t("PrintDialog", "Drawing the preview…"))

        def work(feedback):
            from layers.sheet.api import print_sheet

            return print_sheet(project, out, feedback=feedback, **opts)

        self._task = self.window_.start_task(work)
        self._task.signals.done.connect(self._preview_done)
        self._task.signals.failed.connect(self._preview_failed)

    def _next(self) -> None:
        self._task = None
        if self._pending:
            self._pending = False
            self.refresh_preview()

    def _preview_done(self, result) -> None:
        self.last_result = result
        pm = QPixmap(str(result.path))
        self.preview.setPixmap(pm.scaled(self.preview.size(), Qt.KeepAspectRatio, Qt.SmoothTransformation))
        scale = f"1:{result.scale:,.0f}".replace(",", ".")
        self.status.setText(_t("PrintDialog", "%1 %2 at %3").replace("%1", result.layout.paper)
                            .replace("%2", self.orientation.currentText().lower()).replace("%3", scale))
        self._next()

    def _preview_failed(self, exc, _tb) -> None:
        self.last_error = self.window_.readable_error(exc)
        self.status.setText(self.last_error)
        self._next()

    def is_idle(self) -> bool:
        return self._task is None and not self._timer.isActive()

    # export ---------------------------------------------------------------------
    def export_dialog(self) -> None:
        fmt = self.fmt.currentData()
        pattern = _t("PrintDialog", "PDF sheet (*.pdf)") if fmt == "pdf" else _t("PrintDialog", "PNG image (*.png)")
        project = self.window_.session.project
        stem = project.path.name.replace(".cim.gpkg", "") if project.path else "sheet"
        start = str((project.path.parent if project.path else Path.home()) / f"{stem}_{self.paper.currentData()}.{fmt}")
        path, _ = QFileDialog.getSaveFileName(self, _t("PrintDialog", "Export the sheet"), start, pattern)
        if path:
            if not path.lower().endswith("." + fmt):
                path += "." + fmt
            self.export(path)

    def export(self, path: str | Path):
        """Draw the sheet to ``path`` in a worker with progress; returns the task."""
        opts = self.options()
        project = self.window_.session.project

        def work(feedback):
            from layers.sheet.api import print_sheet

            return print_sheet(project, path, feedback=feedback, **opts)

        def done(result) -> None:
            self.last_result = result
            self.window_.report(_t("PrintDialog", "Sheet written to %1").replace("%1", str(result.path)))

        return self.window_.run_task(_t("PrintDialog", "Printing the sheet"), work, done)

    def done(self, r: int) -> None:
        self._timer.stop()
        super().done(r)
