"""Cold start to the painted sample project: spawn ``cimstudio --screenshot`` (offscreen) and time
from process start until the first map render is on screen. Best of ``--repeat`` runs.

    python bench/bench_startup.py [--repeat 3] [--project PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def once(project: str | None, tmp: Path) -> tuple[float, float]:
    shot = tmp / "startup.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(tmp))
    args = [sys.executable, "-c", "import sys; from app.launcher import main; raise SystemExit(main(sys.argv[1:]))"]
    args += ([project] if project else []) + ["--screenshot", str(shot)]
    t = time.perf_counter()
    run = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    wall = time.perf_counter() - t
    m = re.search(r"painted_s=([\d.]+)", run.stdout)
    if run.returncode != 0 or not m:
        raise RuntimeError(f"startup failed: {run.stderr[-1500:]}")
    return wall, float(m.group(1))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--project", default=None)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as d:
        runs = [once(args.project, Path(d)) for _ in range(args.repeat)]
    wall = min(r[0] for r in runs)
    median = statistics.median(r[0] for r in runs)
    inside = min(r[1] for r in runs)
    print(f"startup  cold_start_to_painted_s={wall:.2f} median={median:.2f} (process spawn to first map frame; "
          f"{inside:.2f} s from run_gui) runs={[round(r[0], 2) for r in runs]}")
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "bench_startup.json").write_text(json.dumps({"cold_start_s": wall, "median_s": median, "from_run_gui_s": inside,
                                                        "runs": runs}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
