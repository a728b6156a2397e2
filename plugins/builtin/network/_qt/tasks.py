"""Long work of the panel through the main window's task runner (a worker with progress and Cancel).

Plugins may not import ``app`` (import-linter's rooms contract), so the runner comes from the window it
hands the panel: ``window.run_task`` when the window offers it, else its file operations' runner (which
also tracks running tasks, so tests and the close dialog can wait for them)."""

from __future__ import annotations


def run(window, title: str, fn, on_done, *, on_failed=None, show_errors: bool = True):
    runner = getattr(window, "run_task", None) or window.files._run
    return runner(title, fn, on_done, on_failed=on_failed, show_errors=show_errors)
