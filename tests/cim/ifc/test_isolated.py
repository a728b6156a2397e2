"""Untrusted IFC is parsed and tessellated in a child process with a time and a memory limit: a native
crash, a hang, runaway memory or an unforeseen error is one clear CimInputError naming the file, and
the calling process (app or CLI) lives on."""

from __future__ import annotations

import shutil
import signal
import time

import pytest

from cim.errors import Canceled, CimInputError
from cim.feedback import Feedback
from cim.ifc.importer import analyse_ifc
from cim.ifc.isolated import run_isolated


@pytest.fixture
def hostile(shared_data, tmp_path):
    def get(case: str):
        dst = tmp_path / f"{case}.ifc"
        shutil.copyfile(shared_data / "hostile-inputs" / case / "in.ifc", dst)
        return dst
    return get


def test_a_file_that_crashes_ifcopenshell_natively_is_a_clear_error(hostile):
    path = hostile("ifc-00083-crash_sig8")
    with pytest.raises(CimInputError, match="SIGFPE") as err:
        analyse_ifc(path, target_crs="EPSG:9208")
    assert str(path) in str(err.value)


def test_a_file_that_takes_minutes_is_stopped_by_the_time_limit(hostile, monkeypatch):
    monkeypatch.setenv("CIMSTUDIO_IFC_TIMEOUT", "3")
    path = hostile("ifc-00339-hang")
    start = time.monotonic()
    with pytest.raises(CimInputError, match="longer than 3 s") as err:
        analyse_ifc(path, target_crs="EPSG:9208")
    assert time.monotonic() - start < 20 and str(path) in str(err.value)


def test_the_default_time_limit_grows_with_the_file_and_stops_the_94_s_file(hostile, monkeypatch):
    from cim.ifc.isolated import time_limit

    monkeypatch.delenv("CIMSTUDIO_IFC_TIMEOUT", raising=False)
    assert 30 < time_limit(hostile("ifc-00339-hang")) < 40


def test_an_unforeseen_python_error_in_the_reader_names_the_file(hostile):
    path = hostile("ifc-00064-traceback")
    with pytest.raises(CimInputError, match="cannot be read") as err:
        analyse_ifc(path, target_crs="EPSG:9208")
    assert str(path) in str(err.value) and "Traceback" not in str(err.value)


def test_memory_beyond_the_limit_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("CIMSTUDIO_IFC_MEMORY_MB", "200")
    path = tmp_path / "big.ifc"
    path.write_text("ISO-10303-21;")
    with pytest.raises(CimInputError, match="memory") as err:
        run_isolated("cim.testing:reader_allocating", path, mb=2000)
    assert str(path) in str(err.value)
    assert run_isolated("cim.testing:reader_allocating", path, mb=50) == 50 * 2**20   # within the limit


@pytest.mark.parametrize("signum", [signal.SIGSEGV, signal.SIGABRT, signal.SIGFPE])
def test_a_signal_in_the_child_is_reported_by_name(tmp_path, signum):
    path = tmp_path / "m.ifc"
    path.write_text("x")
    with pytest.raises(CimInputError, match=signal.Signals(signum).name):
        run_isolated("cim.testing:reader_killed_by", path, signum=int(signum))


def test_cancel_kills_the_child_at_once(tmp_path):
    import threading

    path = tmp_path / "slow.ifc"
    path.write_text("x")
    fb = Feedback()
    threading.Timer(1.0, fb.cancel).start()
    start = time.monotonic()
    with pytest.raises(Canceled):
        run_isolated("cim.testing:reader_sleeping", path, seconds=60, feedback=fb)
    assert time.monotonic() - start < 10


def test_progress_reaches_the_callers_feedback(tmp_path):
    from cim.feedback import RecordingFeedback

    path = tmp_path / "p.ifc"
    path.write_text("x")
    fb = RecordingFeedback()
    run_isolated("cim.testing:reader_sleeping", path, seconds=0.5, feedback=fb)
    assert fb.values and max(fb.values) > 0.5


def test_an_unforeseen_error_in_a_helper_is_wrapped(tmp_path):
    path = tmp_path / "e.ifc"
    path.write_text("x")
    with pytest.raises(CimInputError, match="AttributeError"):
        run_isolated("cim.testing:reader_failing", path)


def test_the_georeferencing_is_read_in_the_limited_child_process(shared_data, monkeypatch, capsys):
    """With a time limit no reader can meet, georef and inspect stop cleanly: they run in the limited child."""
    from cim.cli import main
    from cim.ifc.georef_inspect import inspect_georef

    path = shared_data / "ifc-georef" / "geographic-referencing.ifc"
    monkeypatch.setenv("CIMSTUDIO_IFC_TIMEOUT", "0.001")
    with pytest.raises(CimInputError) as err:
        inspect_georef(path)
    assert str(path) in str(err.value)
    assert main(["-q", "georef", str(path)]) == 2
    out = capsys.readouterr().err
    assert str(path) in out and "Traceback" not in out


def test_the_isolated_georef_report_equals_the_in_process_one(shared_data):
    from cim.ifc.georef_inspect import inspect_georef, read_georef_report

    path = shared_data / "ifc-georef" / "geographic-referencing.ifc"
    child, here = inspect_georef(path), read_georef_report(path)
    assert child["georef"].to_dict() == here["georef"].to_dict() and child["findings"] == here["findings"]
    assert child["logeoref"] == here["logeoref"] == {"level": 50, "met": child["logeoref"]["met"]}
