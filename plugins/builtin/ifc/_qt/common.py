"""Small helpers shared by the IFC panels: translation, the project's IFC layers, workers, warning text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication


def _t(ctx: str, text: str) -> str:
    return QCoreApplication.translate(ctx, text)


def ifc_layers(project) -> list:
    """The project's IFC model layers, in layer-tree order."""
    return [r for r in project.ordered_layers() if r.kind == "ifc"]


def building_layers(project) -> list:
    """Vector layers the merge can link IFC buildings to (GIS footprints with ``cim_id``)."""
    return [r for r in project.ordered_layers() if r.kind == "vector" and r.object_kind == "building"
            and "cim_id" in r.data.columns]


def plan_boundary(project):
    """The union of the project's plan-boundary polygons (project CRS), or None."""
    import shapely

    geoms = [g for r in project.ordered_layers() if r.kind == "vector" and r.object_kind == "boundary"
             for g in r.data.geometry.to_numpy() if g is not None]
    return shapely.union_all(geoms) if geoms else None


def cache_dir(project) -> Path | None:
    """The IFC geometry cache beside the project file (as the CLI uses), none for an unsaved project."""
    return Path(project.path).resolve().parent / ".cimcache" if project.path else None


def finding_text(w) -> str:
    """A georeferencing finding (dict or dataclass with en/vi) in the UI language."""
    from app.i18n import current_language

    get = w.get if isinstance(w, dict) else lambda k, d=None: getattr(w, k, d)
    vi, en = get("vi"), get("en")
    return (vi or en) if current_language() == "vi" else (en or vi or "")


def severity_of(w) -> str:
    return (w.get("severity") if isinstance(w, dict) else getattr(w, "severity", None)) or "warning"


def code_of(w) -> str:
    return (w.get("code") if isinstance(w, dict) else getattr(w, "code", "")) or ""


def in_python_thread(fn):
    """Run ``fn(feedback)`` in a thread Python created, joined by the pool thread that calls it.

    pyproj ≥ 3.7 keeps its PROJ context in Python thread-local storage, which crashes (SIGSEGV) the
    second time a QThreadPool thread (not created by Python) builds a CRS (pyproj issue #1509,
    fixed upstream by pull request #1539). Cancel still works: the feedback object is shared."""
    import threading

    def run(feedback):
        box: dict = {}

        def target():
            try:
                box["result"] = fn(feedback)
            except BaseException as exc:  # handed back to the pool thread, which reports it
                box["error"] = exc

        t = threading.Thread(target=target, name="cim-ifc-task", daemon=True)
        t.start()
        t.join()
        if "error" in box:
            raise box["error"]
        return box.get("result")
    return run


def run_ifc_task(window, title: str, fn, on_done, on_failed=None):
    """``app.workers.run_task`` with the task kept alive in ``window.files.tasks`` (the app and the
    tests wait on that set), so a running import keeps the window from closing mid-way."""
    from app.workers import run_task

    task = run_task(window, title, in_python_thread(fn), on_done, session=window.session, on_failed=on_failed)
    tasks = getattr(getattr(window, "files", None), "tasks", None)
    if tasks is not None:
        tasks.add(task)
        task.signals.finished.connect(lambda: tasks.discard(task))
    return task
