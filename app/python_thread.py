"""Run Python work from Qt pool threads inside a thread that Python created.

pyproj ≥ 3.7 keeps its PROJ context in Python thread-local storage and crashes the process (SIGSEGV)
when a thread that Python did not create — a QThreadPool worker — builds a CRS after another one did
(pyproj issue #1509, fixed upstream by pull request #1539, not released for 3.7.2). Every QRunnable of
the app therefore runs its body through :func:`call_in_python_thread`: the pool thread starts a
``threading.Thread``, waits for it and gets its result or exception back. Cancel is unaffected (it
goes through the shared feedback object).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def call_in_python_thread(fn: Callable[..., Any], *args, name: str = "cim-worker", **kwargs) -> Any:
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = fn(*args, **kwargs)
        except BaseException as exc:  # handed back to the calling thread, which raises it
            box["error"] = exc

    t = threading.Thread(target=target, name=name, daemon=True)
    t.start()
    t.join()
    if "error" in box:
        raise box["error"]
    return box.get("result")
