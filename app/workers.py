"""Long work off the UI thread: a :class:`cim.feedback.Feedback` adapted to Qt signals, a QRunnable
running ``fn(feedback)``, and a progress dialog whose Cancel calls ``feedback.cancel()``.

Errors come back as readable sentences (``str()`` of the core's errors); tracebacks go to the log only.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from app.python_thread import call_in_python_thread
from cim.errors import Canceled, CimError
from cim.feedback import Feedback


class TaskSignals(QObject):
    progress = Signal(float)
    log = Signal(str, str)            # level, message
    done = Signal(object)             # result
    failed = Signal(object, str)      # exception, traceback text
    finished = Signal()               # after done or failed


class QtFeedback(Feedback):
    """Progress and log reach the UI thread through queued Qt signals; cancel is thread-safe."""

    def __init__(self, signals: TaskSignals) -> None:
        super().__init__()
        self.signals = signals

    def on_progress(self, value: float) -> None:
        self.signals.progress.emit(float(value))

    def log(self, message: str, level: str = "info") -> None:
        self.signals.log.emit(level, str(message))


class Task(QRunnable):
    def __init__(self, fn: Callable[[Feedback], object]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = TaskSignals()
        self.feedback = QtFeedback(self.signals)
        self.result = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = call_in_python_thread(self.fn, self.feedback)
            self.signals.done.emit(self.result)
        except BaseException as exc:  # reported to the UI thread, never raised in the pool
            self.error = exc
            self.signals.failed.emit(exc, traceback.format_exc())
        finally:
            self.signals.finished.emit()

    def cancel(self) -> None:
        self.feedback.cancel()


def readable_error(exc: BaseException) -> str:
    """What to show a planner: the core's sentence, or a plain one for unexpected errors."""
    if isinstance(exc, CimError):
        from app.error_texts import error_text

        return error_text(exc)
    text = QCoreApplication.translate("Workers", "Something went wrong that CIM Studio did not expect")
    return f"{text}: {type(exc).__name__}: {exc}"


_POOL: QThreadPool | None = None


def pool() -> QThreadPool:
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(2)
    return _POOL


def run_task(parent, title: str, fn: Callable[[Feedback], object], on_done: Callable[[object], None],
             *, session=None, show_errors: bool = True, on_failed: Callable | None = None,
             tracked: set | None = None) -> Task:
    """Run ``fn(feedback)`` in the pool with a modal progress dialog; ``on_done(result)`` on success.
    Canceling shows nothing (the core guarantees nothing changed); errors show a message box.
    ``tracked`` holds the task while it runs (added and wired before it starts, so a task that ends at
    once is still removed)."""
    task = Task(fn)
    if tracked is not None:
        tracked.add(task)
        task.signals.finished.connect(lambda: tracked.discard(task))
    dlg = QProgressDialog(title, QCoreApplication.translate("Workers", "Cancel"), 0, 1000, parent)
    dlg.setObjectName("task_progress")
    dlg.setWindowTitle(QCoreApplication.translate("Workers", "Working…"))
    dlg.setWindowModality(Qt.WindowModal)
    dlg.setMinimumDuration(300)
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)
    dlg.canceled.connect(task.cancel)
    task.signals.progress.connect(lambda v: dlg.setValue(int(v * 1000)))
    if session is not None:
        task.signals.log.connect(lambda level, msg: session.message.emit(level, msg))

    def failed(exc, tb):
        if session is not None:
            session.message.emit("debug", tb)
        if isinstance(exc, Canceled):
            if session is not None:
                session.message.emit("info", str(exc))
        elif show_errors and session is not None:
            session.message.emit("error", readable_error(exc))   # the window shows it
        elif show_errors:
            QMessageBox.warning(parent, title, readable_error(exc))
        if on_failed is not None:
            on_failed(exc)

    def finish():
        dlg.reset()
        dlg.hide()
        dlg.deleteLater()

    task.signals.done.connect(on_done)
    task.signals.failed.connect(failed)
    task.signals.finished.connect(finish)
    task.dialog = dlg
    pool().start(task)
    return task
