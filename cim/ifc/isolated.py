"""Run the parsing and tessellation of an untrusted IFC file in a child process.

ifcopenshell is C++: a malformed file can kill the process natively (SIGFPE, SIGSEGV), take minutes or
allocate without bound. The app and the CLI must survive that with unsaved work intact, so the work
runs in a child process (``forkserver`` on Linux: the server preloads the heavy modules once, each
job forks from it in milliseconds; ``spawn`` elsewhere) with

- a time limit (``CIMSTUDIO_IFC_TIMEOUT`` seconds, default 30 s + 20 s per MB of the file),
- a memory limit (``resource.setrlimit(RLIMIT_AS)`` in the child: ``CIMSTUDIO_IFC_MEMORY_MB`` more than
  the child uses when it starts, default 4096 MB),

and its death — a signal, the time limit, the memory limit — becomes one :class:`CimInputError` that
names the file. A Python exception in the child that is not already a clear :class:`CimError` (a damaged
file the readers did not foresee: an entity of the wrong type, a missing reference) becomes one too.
Progress and log lines are forwarded to the caller's feedback; cancel kills the child.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import time
import traceback
from pathlib import Path

from cim.errors import Canceled, CimError, CimInputError
from cim.feedback import Feedback

TIMEOUT_ENV = "CIMSTUDIO_IFC_TIMEOUT"
MEMORY_ENV = "CIMSTUDIO_IFC_MEMORY_MB"
ISOLATE_ENV = "CIMSTUDIO_IFC_IN_PROCESS"      # "1": no child process (debugging only)
PRELOAD = ["ifcopenshell", "ifcopenshell.geom", "ifcopenshell.util.element", "geopandas", "shapely", "pyproj",
           "cim.ifc.importer", "cim.ifc.buildings", "cim.ifc.devices", "cim.ifc.geometry", "cim.ifc.georef",
           "cim.ifc.georef_checks", "cim.ifc.infra", "cim.ifc.model", "cim.ifc.opening", "cim.ifc.structure"]
HINT = "open the model in its authoring tool and export it again as IFC"
_CTX = None


def time_limit(path: Path) -> float:
    if os.environ.get(TIMEOUT_ENV):
        return float(os.environ[TIMEOUT_ENV])
    size = path.stat().st_size if path.is_file() else 0
    return 30.0 + 20.0 * size / 2**20


def memory_limit_mb() -> int:
    return int(os.environ.get(MEMORY_ENV) or 4096)


def _context():
    global _CTX
    if _CTX is None:
        import multiprocessing as mp

        if sys.platform.startswith("linux"):
            _CTX = mp.get_context("forkserver")
            _CTX.set_forkserver_preload(PRELOAD)
        else:
            _CTX = mp.get_context("spawn")
    return _CTX


def warm_up() -> None:
    """Start the child-process server now (it preloads ifcopenshell and friends in parallel with the
    caller), so the first IFC import does not wait for it."""
    if os.environ.get(ISOLATE_ENV) == "1" or not sys.platform.startswith("linux"):
        return
    try:
        from multiprocessing import forkserver

        _context()
        forkserver.ensure_running()
    except (OSError, RuntimeError, ValueError):
        pass                 # the first import starts it then


IMPORTED = ("nothing was imported", "không có gì được nhập")


def run_isolated(func: str, path: str | Path, *args, feedback: Feedback | None = None,
                 outcome: tuple[str, str] = IMPORTED, **kwargs):
    """``module:function`` called with ``(path, *args, feedback=…, **kwargs)`` in a child process;
    returns its (picklable) result or raises a clear error naming ``path``. ``outcome`` (en, vi) says
    in that error what did not happen (default: nothing was imported)."""
    feedback = feedback or Feedback()
    path = Path(path)
    if os.environ.get(ISOLATE_ENV) == "1":
        return _resolve(func)(path, *args, feedback=feedback, **kwargs)
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    limit_s, mem_mb = time_limit(path), memory_limit_mb()
    proc = ctx.Process(target=_child, args=(child, func, path, args, kwargs, mem_mb), daemon=True,
                       name=f"cimstudio-ifc-{path.name}")
    proc.start()
    child.close()
    start = time.monotonic()
    try:
        while True:
            if feedback.is_canceled():
                _kill(proc)
                raise Canceled("IFC import")
            if time.monotonic() - start > limit_s:
                _kill(proc)
                raise CimInputError(path, f"reading the IFC file took longer than {limit_s:.3g} s and was stopped; "
                                    f"{outcome[0]} / đọc tệp IFC quá {limit_s:.3g} giây nên đã dừng, {outcome[1]}",
                                    hint=f"the file may be damaged ({HINT}); to allow more time set "
                                         f"{TIMEOUT_ENV}=<seconds>")
            # never wait past the limit for a message: a child that answers after it is too late
            if parent.poll(min(0.05, max(0.0, limit_s - (time.monotonic() - start)))):
                try:
                    msg = parent.recv()
                except (EOFError, OSError):
                    proc.join(5)
                    raise _death(path, proc, mem_mb, outcome) from None
                kind = msg[0]
                if kind == "progress":
                    feedback.set_progress(msg[1])
                elif kind == "log":
                    feedback.log(msg[1], msg[2])
                elif kind == "ok":
                    proc.join(5)
                    return msg[1]
                elif kind == "error":
                    proc.join(5)
                    raise _rebuild(path, msg[1])
            elif not proc.is_alive() and not parent.poll(0):
                proc.join(5)
                raise _death(path, proc, mem_mb, outcome)
    finally:
        parent.close()
        if proc.is_alive():
            _kill(proc)


def _kill(proc) -> None:
    try:
        proc.kill()
    except (OSError, AttributeError):
        pass
    proc.join(5)


def _death(path: Path, proc, mem_mb: int, outcome: tuple[str, str] = IMPORTED) -> CimInputError:
    code = proc.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        memory = " or ran out of its memory limit" if name in ("SIGKILL", "SIGABRT", "SIGSEGV", "SIGBUS") else ""
        return CimInputError(path, f"the IFC reader crashed on this file ({name}){memory}; {outcome[0]} "
                             f"/ trình đọc IFC bị lỗi với tệp này, {outcome[1]}",
                             hint=f"the file is probably damaged: {HINT}"
                                  + (f" (memory limit {mem_mb} MB: {MEMORY_ENV})" if memory else ""))
    return CimInputError(path, f"the IFC reader stopped unexpectedly (exit status {code}); {outcome[0]} "
                         f"/ trình đọc IFC dừng bất thường, {outcome[1]}", hint=HINT)


def _rebuild(path: Path, payload: dict) -> CimError:
    kind = payload["kind"]
    if kind == "canceled":
        return Canceled("IFC import")
    if kind == "memory":
        return CimInputError(path, f"reading the IFC file needed more than the memory limit "
                             f"({payload['limit']} MB) / tệp IFC cần quá nhiều bộ nhớ",
                             hint=f"the file may be damaged ({HINT}); to allow more set {MEMORY_ENV}=<MB>")
    if kind == "cim":
        cls = getattr(importlib.import_module(payload["module"]), payload["cls"], CimInputError)
        if not (isinstance(cls, type) and issubclass(cls, CimInputError)):
            cls = CimInputError
        try:
            return cls(payload["path"], payload["cause"], obj=payload["obj"], hint=payload["hint"])
        except TypeError:
            return CimInputError(payload["path"], payload["cause"], obj=payload["obj"], hint=payload["hint"])
    if kind == "cim_other":
        return CimInputError(path, payload["text"])
    return CimInputError(path, f"the IFC file cannot be read: {payload['text']} / tệp IFC bị hỏng hoặc "
                         "không đọc được", hint=HINT)


# child ------------------------------------------------------------------------------------------
class _PipeFeedback(Feedback):
    def __init__(self, conn) -> None:
        super().__init__()
        self.conn = conn
        self._last = -1.0

    def on_progress(self, value: float) -> None:
        if value - self._last >= 0.01 or value >= 1.0:
            self._last = value
            self.conn.send(("progress", value))

    def log(self, message: str, level: str = "info") -> None:
        self.conn.send(("log", message, level))


def _resolve(func: str):
    module, name = func.split(":")
    return getattr(importlib.import_module(module), name)


def _limit_memory(mem_mb: int) -> None:
    try:
        import resource
    except ImportError:       # not POSIX: the time limit still applies
        return
    used = 0
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    used = int(line.split()[1]) * 1024
    except OSError:
        pass
    limit = used + mem_mb * 2**20
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _child(conn, func: str, path: Path, args: tuple, kwargs: dict, mem_mb: int) -> None:  # pragma: no cover
    # (runs in the child process; covered by the tests through run_isolated)
    signal.signal(signal.SIGINT, signal.SIG_IGN)        # Ctrl-C is the parent's to handle
    try:
        _limit_memory(mem_mb)
        result = _resolve(func)(path, *args, feedback=_PipeFeedback(conn), **kwargs)
        conn.send(("ok", result))
    except MemoryError:
        conn.send(("error", {"kind": "memory", "limit": mem_mb}))
    except Canceled:
        conn.send(("error", {"kind": "canceled"}))
    except CimInputError as exc:
        conn.send(("error", {"kind": "cim", "module": type(exc).__module__, "cls": type(exc).__qualname__,
                             "path": exc.path, "cause": exc.cause, "obj": exc.obj, "hint": exc.hint}))
    except CimError as exc:
        conn.send(("error", {"kind": "cim_other", "text": str(exc)}))
    except BaseException as exc:      # noqa: BLE001  an unforeseen failure on a damaged file
        text = f"{type(exc).__name__}: {str(exc).strip()[:200]}"
        try:
            conn.send(("log", "".join(traceback.format_exception(exc))[-4000:], "debug"))
            conn.send(("error", {"kind": "other", "text": text}))
        except BaseException:  # noqa: BLE001
            pass
    finally:
        conn.close()
