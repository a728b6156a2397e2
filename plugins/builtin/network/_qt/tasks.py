"""Long work of the panel through the main window's task runner (a worker with progress and Cancel).

Plugins never import ``app`` (import-linter's rooms contract): the runner is ``window.run_task``, which
also tracks running tasks (tests and the close dialog wait for them) and runs the work in a Python
thread (pyproj 3.7 crashes in Qt pool threads, see ``app/python_thread.py``)."""

from __future__ import annotations


def run(window, title: str, fn, on_done, *, on_failed=None, show_errors: bool = True):
    return window.run_task(title, fn, on_done, on_failed=on_failed, show_errors=show_errors)
