"""Long work of the panel through the main window's task runner (a worker with progress and Cancel).

Plugins may not import ``app`` (import-linter's rooms contract), so the runner comes from the window it
hands the panel: ``window.run_task`` when the window offers it, else its file operations' runner (which
also tracks running tasks, so tests and the close dialog can wait for them).

The network core touches pyproj (CRS checks, GeoDataFrames with a CRS). pyproj 3.7 crashes in threads
that Python did not create (QThreadPool threads; pyproj issue #1509), so the work itself runs in a
Python thread that the pool thread waits for; progress and Cancel go through the same Feedback."""

from __future__ import annotations


def in_python_thread(fn):
    """``fn(feedback)`` run in a ``threading.Thread`` (joined); its result returned, its error raised."""
    import threading

    def wrapped(feedback):
        out: dict = {}

        def target():
            try:
                out["result"] = fn(feedback)
            except BaseException as exc:  # handed to the caller's thread
                out["error"] = exc

        thread = threading.Thread(target=target, name="network-panel-work", daemon=True)
        thread.start()
        thread.join()
        if "error" in out:
            raise out["error"]
        return out.get("result")

    return wrapped


def run(window, title: str, fn, on_done, *, on_failed=None, show_errors: bool = True):
    runner = getattr(window, "run_task", None) or window.files._run
    return runner(title, in_python_thread(fn), on_done, on_failed=on_failed, show_errors=show_errors)
