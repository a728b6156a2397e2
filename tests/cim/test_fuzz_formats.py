"""Bounded, seeded mutation fuzzing per input format (IFC, CityJSON, BCF, package, shapefile/GeoJSON):
no traceback, no native crash, no hang. Each format runs in its own process (tests/cim/fuzz_driver.py)
for ``CIM_FUZZ_BUDGET`` seconds (default 15) and at most the cases seen to pass with the default seed;
the seed is fixed, so a failure reproduces."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("fuzz_driver.py")
BUDGET = float(os.environ.get("CIM_FUZZ_BUDGET", "15"))
SEED = int(os.environ.get("CIM_FUZZ_SEED", "20261206"))
MIN_CASES = {"ifc": 5, "cityjson": 30, "bcf": 50, "package": 30, "vector": 30}
# with the default seed, the first MAX_CASES cases were seen to pass: a fast machine does not run
# cases nobody has run (set CIM_FUZZ_MAX=0 and another CIM_FUZZ_SEED to explore further)
MAX_CASES = {"ifc": 90, "cityjson": 1200, "bcf": 2000, "package": 1600, "vector": 550}
EXPLORE = os.environ.get("CIM_FUZZ_MAX") == "0"


FORMATS = sorted(MIN_CASES)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_fuzzed_inputs_give_clear_errors_only(fmt, tmp_path, record_property):
    env = {**os.environ, "PYTHONPATH": str(REPO), "CIMSTUDIO_IFC_TIMEOUT": "10"}
    work = tmp_path / fmt
    try:
        limit = 10**9 if EXPLORE else MAX_CASES[fmt]
        r = subprocess.run([sys.executable, str(DRIVER), fmt, str(SEED), str(BUDGET), str(work), str(limit)], env=env,
                           capture_output=True, text=True, timeout=BUDGET + 240)
    except subprocess.TimeoutExpired:
        current = (work / "current").read_text() if (work / "current").exists() else "?"
        pytest.fail(f"{fmt}: hang on {current}")
    current = (work / "current").read_text() if (work / "current").exists() else "?"
    assert r.returncode == 0, f"{fmt}: the fuzzing process died (exit {r.returncode}) on {current}\n{r.stderr[-3000:]}"
    out = json.loads(r.stdout.strip().splitlines()[-1])
    record_property("fuzz", out)
    print(f"\nfuzz {fmt}: {out['cases']} cases, {out.get('accepted', 0)} accepted, {out.get('refused', 0)} refused "
          f"with a message, {out.get('traceback', 0)} tracebacks in {out['seconds']} s")
    assert out.get("traceback", 0) == 0, json.dumps(out["failures"], ensure_ascii=False, indent=1)[:4000]
    assert out["cases"] >= MIN_CASES[fmt]
