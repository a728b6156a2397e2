"""Progress, cancel and log for long work, with no GUI dependency.

Long-running core functions take a ``feedback`` argument. The CLI passes a :class:`ConsoleFeedback`
(progress on stderr), tests pass :class:`Feedback` or a :class:`RecordingFeedback`, and the GUI
adapts it to a worker thread (``app/workers.py``).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from cim.errors import Canceled


class Feedback:
    """Thread-safe progress/cancel/log sink. The default does nothing but remember."""

    def __init__(self) -> None:
        self._canceled = threading.Event()
        self.progress = 0.0
        self._span = (0.0, 1.0)

    # cancel -------------------------------------------------------------
    def cancel(self) -> None:
        self._canceled.set()

    def is_canceled(self) -> bool:
        return self._canceled.is_set()

    def raise_if_canceled(self, what: str = "operation") -> None:
        if self._canceled.is_set():
            raise Canceled(what)

    # progress -----------------------------------------------------------
    def set_progress(self, fraction: float) -> None:
        """Report progress in [0, 1] of the current span (see :meth:`step`)."""
        lo, hi = self._span
        value = lo + (hi - lo) * min(max(fraction, 0.0), 1.0)
        self.progress = value
        self.on_progress(value)

    @contextmanager
    def step(self, start: float, end: float) -> Iterator[Feedback]:
        """Map the progress of a sub-task onto ``[start, end]`` of the current span."""
        lo, hi = self._span
        outer = self._span
        self._span = (lo + (hi - lo) * start, lo + (hi - lo) * end)
        try:
            yield self
        finally:
            self._span = outer

    def on_progress(self, value: float) -> None:  # override in adapters
        pass

    # log ----------------------------------------------------------------
    def log(self, message: str, level: str = "info") -> None:
        pass


class RecordingFeedback(Feedback):
    """Remembers every progress value and log line (useful in tests and reports)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: list[float] = []
        self.messages: list[tuple[str, str]] = []

    def on_progress(self, value: float) -> None:
        self.values.append(value)

    def log(self, message: str, level: str = "info") -> None:
        self.messages.append((level, message))


class ConsoleFeedback(Feedback):
    """Progress and log on stderr, for the CLI."""

    def __init__(self, stream=None, quiet: bool = False) -> None:
        super().__init__()
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self._last = -1

    def on_progress(self, value: float) -> None:
        pct = int(value * 100)
        if not self.quiet and pct != self._last and pct % 5 == 0:
            self._last = pct
            print(f"  {pct:3d} %", file=self.stream, flush=True)

    def log(self, message: str, level: str = "info") -> None:
        if not self.quiet or level in ("warning", "error"):
            print(f"[{level}] {message}", file=self.stream, flush=True)
