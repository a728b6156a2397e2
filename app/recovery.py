"""Crash safety in the app: unsaved edits are autosaved to the project's recovery file, and opening a
project that has one asks "Recover unsaved edits?" (Recover / Discard / Keep for later).

The core does the work (:mod:`cim.backup.recovery`): an :class:`~cim.backup.Autosaver` writes after an
edit (at most once per interval) and a timer here catches the edits made since, every N seconds
(setting ``backup/autosave_seconds``, default 60, 0 = off). Only the changed layers are written (tens of
milliseconds on the sample district), so it runs on the UI thread: a write in a worker would read
layers that the next edit is changing. A clean save removes the file (store hook); so does choosing
"Discard" when asked to save; a crash, or closing without being asked, leaves it for the next start.

Tests answer the prompt through ``window.recovery_answer`` ("recover", "discard", "keep" or a callable
taking the :class:`~cim.backup.recovery.RecoveryInfo`); ``window.never_ask`` alone means "keep".
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QMessageBox

from plugins.gui import tr as _t

SETTING = "backup/autosave_seconds"
DEFAULT_SECONDS = 60
ANSWERS = ("recover", "discard", "keep")



def autosave_seconds() -> int:
    try:
        return max(0, int(QSettings().value(SETTING, DEFAULT_SECONDS)))
    except (TypeError, ValueError):
        return DEFAULT_SECONDS


def _local_time(iso: str) -> str:
    try:
        return _dt.datetime.fromisoformat(iso).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso


class RecoveryGuard(QObject):
    """One per main window: follows the session's project (``project_replaced``)."""

    def __init__(self, window, files) -> None:
        super().__init__(window)
        self.window, self.session, self.files = window, window.session, files
        self.project = None            # the project being watched
        self.autosaver = None
        self.version = 0               # edits seen
        self.flushed = 0               # edits written
        self.last_prompt = None        # what was asked last (tests, status)
        self._from_recovery = None     # the project object recover() built: do not ask again
        self.hold = False              # "Keep for later": no autosave, it would overwrite the kept edits
        self.timer = QTimer(self)
        self.timer.setObjectName("autosave_timer")
        self.timer.timeout.connect(self.tick)
        self.session.project_replaced.connect(self._project_replaced)
        QTimer.singleShot(0, self._project_replaced)     # the project the window was built with

    # following the project -------------------------------------------------------------------
    def _project_replaced(self) -> None:
        project = self.session.project
        if project is self.project:
            return
        self._stop()
        self.project, self.hold = project, False
        project.undo_stack.changed.connect(self._bump)
        if project is not self._from_recovery and project.path is not None:
            from cim.backup import find_recovery

            found = find_recovery(project.path)
            if found is not None:
                self.hold = True       # until the user decides
                QTimer.singleShot(0, lambda p=project, f=found: self._offer(p, f))
                return
        self._start()

    def _start(self) -> None:
        from cim.backup import Autosaver

        seconds = autosave_seconds()
        if self.project is None or seconds <= 0 or self.autosaver is not None:
            return
        self.autosaver = Autosaver(self.project, interval_s=float(seconds))
        self.flushed = self.version
        self.timer.start(seconds * 1000)

    def _stop(self) -> None:
        self.timer.stop()
        if self.autosaver is not None:
            self.autosaver.detach()
            self.autosaver = None
        if self.project is not None:
            self.project.undo_stack.changed.disconnect(self._bump)

    def _bump(self) -> None:
        self.version += 1
        if self.autosaver is None and not self.hold:     # edits again after "Discard" (e.g. the open was canceled)
            self._start()
            self.flushed = self.version - 1

    def tick(self) -> None:
        """Write the edits made since the last write (the Autosaver writes at most once per interval)."""
        if self.autosaver is None or self.version == self.flushed:
            return
        self.flushed = self.version
        self.flush()

    def flush(self):
        from cim.errors import CimError

        if self.autosaver is None:
            return None
        try:
            return self.autosaver.flush()
        except (CimError, OSError) as exc:
            self.session.message.emit("warning", _t("Recovery", "Unsaved edits could not be autosaved: %1").replace("%1", str(exc)))
            return None

    def set_interval(self, seconds: int) -> None:
        """Change the autosave interval (0 = off) and apply it to the open project."""
        QSettings().setValue(SETTING, int(seconds))
        if self.autosaver is not None:
            self.timer.stop()
            self.autosaver.detach()
            self.autosaver = None
        self._start()

    def discard_current(self) -> None:
        """The user chose to throw the unsaved edits away: no recovery file, no more autosave of them."""
        from cim.backup import discard_recovery

        project = self.project
        if self.autosaver is not None:
            self.timer.stop()
            self.autosaver.detach()
            self.autosaver = None
        if project is not None and project.path is not None:
            discard_recovery(project.path)

    # the prompt ------------------------------------------------------------------------------------
    def _offer(self, project, found) -> None:
        if project is not self.session.project:
            return
        answer = self._ask(project, found)
        self.last_prompt = (str(project.path), answer)
        if answer == "recover":
            self._recover(project, found)
        elif answer == "discard":
            from cim.backup import discard_recovery

            discard_recovery(project.path)
            self.session.message.emit("info", _t("Recovery", "Unsaved edits of %1 were discarded").replace("%1", project.path.name))
            self.hold = False
            self._start()
        else:
            self.session.message.emit("warning", _t("Recovery", "Unsaved edits of %1 are kept for later. Autosave is paused for this project until they are "
                "recovered or discarded (reopen the project to decide).").replace("%1", project.path.name))

    def _ask(self, project, found) -> str:
        injected = getattr(self.window, "recovery_answer", None)
        if callable(injected):
            injected = injected(found)
        if injected in ANSWERS:
            return injected
        if getattr(self.window, "never_ask", False):
            return "keep"
        box = QMessageBox(QMessageBox.Question, _t("Recovery", "Recover unsaved edits?"), self.question_text(project, found),
                          parent=self.window)
        box.setObjectName("recovery_prompt")
        box.setDetailedText("\n".join(found.edits))
        recover = box.addButton(_t("Recovery", "Recover"), QMessageBox.AcceptRole)
        discard = box.addButton(_t("Recovery", "Discard"), QMessageBox.DestructiveRole)
        keep = box.addButton(_t("Recovery", "Keep for later"), QMessageBox.RejectRole)
        box.setDefaultButton(recover)
        box.setEscapeButton(keep)
        box.exec()
        clicked = box.clickedButton()
        return "recover" if clicked is recover else "discard" if clicked is discard else "keep"

    @staticmethod
    def question_text(project, found) -> str:
        text = _t("Recovery", "CIM Studio closed before %1 unsaved edit(s) of %2 were saved (last autosave %3). "
                  "Recover them? The recovered project is not saved until you save it.")
        text = text.replace("%1", str(len(found.edits))).replace("%2", project.path.name)
        text = text.replace("%3", _local_time(found.created))
        if found.stale:
            text += "\n\n" + _t("Recovery", "Warning: the project file was changed after these edits were recorded. "
                                "Recovering replaces the file's current state with the recovered one.")
        return text

    def _recover(self, project, found) -> None:
        from cim.backup import recover

        path = project.path

        def done(recovered):
            self._from_recovery = recovered
            self.session.set_project(recovered)
            self.session.message.emit("info", _t("Recovery", "Recovered %1 unsaved edit(s) of %2. Save the project to keep them.")
                                      .replace("%1", str(len(found.edits))).replace("%2", path.name))

        self.files._run(_t("Recovery", "Recovering unsaved edits of %1…").replace("%1", path.name),
                        lambda fb: recover(path, allow_stale=found.stale, feedback=fb), done)
