"""A map render in the thread pool: snapshots in, an RGBA numpy image out; canceled when superseded."""

from __future__ import annotations

import threading
import time

import numpy as np
from PySide6.QtCore import QObject, QRunnable, Signal

from app.python_thread import call_in_python_thread
from layers.render.colors import pack, parse_color
from layers.render.map import render_map
from layers.render.snapshot import subset
from layers.render.style import ResolvedStyle
from layers.render.vector import RenderCanceled

HIGHLIGHT = ResolvedStyle(fill=np.array([pack(parse_color("#ffe600a0"))], np.uint32),
                          stroke=np.array([pack(parse_color("#e6a800"))], np.uint32), width=2.0, size=11.0)


class JobSignals(QObject):
    done = Signal(int, object, object)      # job id, image (H, W, 4) uint8, viewport
    partial = Signal(int, object, object)


class RenderJob(QRunnable):
    def __init__(self, job_id: int, cache, inputs, viewport, view_crs, selection: dict, background="#f4f1ea"):
        super().__init__()
        self.job_id, self.cache, self.inputs, self.viewport = job_id, cache, inputs, viewport
        self.view_crs, self.selection, self.background = view_crs, selection, background
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.elapsed = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    def canceled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        call_in_python_thread(self._render, name="cim-render")   # reprojection uses pyproj: see python_thread

    def _render(self) -> None:
        t0 = time.perf_counter()
        try:
            snaps = []
            for inp in self.inputs:
                if self.canceled():
                    return
                snap = self.cache.snapshot(inp)
                if snap is not None:
                    snaps.append(snap)
            for snap in list(snaps):
                fids = self.selection.get(snap.layer_id)
                if fids is not None and len(fids) and hasattr(snap, "index_of"):
                    snaps.append(subset(snap, snap.index_of(fids), HIGHLIGHT, layer_id=snap.layer_id + ":sel"))

            def progress(img, n):
                if time.perf_counter() - t0 > 0.15 and n < len(snaps) and not self.canceled():
                    self._emit(self.signals.partial, img.copy())

            img = render_map(snaps, self.viewport, background=self.background, view_crs=None,
                             cancel=self.canceled, on_progress=progress)
        except RenderCanceled:
            return
        self.elapsed = time.perf_counter() - t0
        if not self.canceled():
            self._emit(self.signals.done, img)

    def _emit(self, signal, img) -> None:
        try:
            signal.emit(self.job_id, img, self.viewport)
        except RuntimeError:   # the canvas was closed while this job ran
            pass
