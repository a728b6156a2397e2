"""Benchmark (issue 8): package + sign + verify of a large project; verify with the re-run on the sample.

    python bench/bench_package.py [--size-mb 1024] [--keep DIR] [--skip-sample]

Figures printed (goals from the issue):
- hashing: SHA-256 of the project file, 1 MiB chunks (goal ≥ 200 MB/s)
- package: build + sign of a ``--size-mb`` project (60 % incompressible orthophoto-like blobs, 40 % DEM-like
  floats, one vector layer), with its hashing share
- verify: structure + signature + every hash straight from the zip (no re-run: synthetic data)
- sample: ``verify`` of the packaged sample district including the re-run of Decree 269 (goal ≤ 20 s)
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
REPO = Path(__file__).resolve().parents[1]


def make_big_project(folder: Path, size_mb: int) -> Path:
    import numpy as np

    from cim.project import LayerRecord, Project
    from cim.project.edits import AddLayer, SetMetadata
    from cim.project.store import save_project
    from cim.testing import make_plots

    p = Project(crs="EPSG:9208")
    p.push(AddLayer(p, LayerRecord("Lô đất", "vector", make_plots(20000), crs="EPSG:9208", object_kind="plot")))
    p.push(SetMetadata(p, "plan_id", "QH-BENCH-0001"))
    path = save_project(p, folder / "big.cim.gpkg")
    rng = np.random.default_rng(0)
    chunk = 128 * 2**20
    target = size_mb * 2**20 - path.stat().st_size
    conn = sqlite3.connect(path)
    with conn:
        i = 0
        while target > 0:
            n = min(chunk, target)
            if i % 5 < 3:       # orthophoto-like: already compressed, random bytes
                data = rng.bytes(n)
            else:               # DEM-like: smooth float32 surface
                x = np.linspace(0, 40, n // 4, dtype=np.float32)
                data = (np.sin(x) * 50 + 200 + rng.normal(0, 0.01, n // 4).astype(np.float32)).tobytes()
            conn.execute("INSERT INTO cim_resources VALUES (?, 'application/octet-stream', '', ?, ?)",
                         (f"bench_{i}", len(data), sqlite3.Binary(data)))
            target -= n
            i += 1
    conn.close()
    return path


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--skip-sample", action="store_true")
    args = ap.parse_args(argv)

    from cim.package.build import PackageOptions, build_package
    from cim.package.hashing import hash_files
    from cim.package.verify import verify_package

    out: dict = {"cpus": os.cpu_count(), "load_avg": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(dir=args.keep) as tmp_s:
        tmp = Path(tmp_s)
        t = time.perf_counter()
        proj = make_big_project(tmp, args.size_mb)
        size = proj.stat().st_size
        out["generate_s"] = time.perf_counter() - t
        out["project_mb"] = size / 2**20
        hash_files([proj])                       # warm the page cache
        t = time.perf_counter()
        hash_files([proj])
        dt = time.perf_counter() - t
        out["hash_mb_s"] = size / 2**20 / dt
        opts = PackageOptions(cityjson=False, key_dir=tmp / "keys", user="bench", passphrase="bench-passphrase",
                              create_key=True)
        t = time.perf_counter()
        res = build_package(proj, tmp / "big.cimpkg", opts)
        out["package_s"] = time.perf_counter() - t
        out["package_hash_mb_s"] = res.bytes_hashed / 2**20 / res.hash_seconds
        out["package_mb"] = res.path.stat().st_size / 2**20
        t = time.perf_counter()
        rep = verify_package(res.path, require_rerun=False)
        out["verify_s"] = time.perf_counter() - t
        out["verify_ok"] = rep.intact      # integrity (the bench key is not in a trust store)
        out["verify_hash_mb_s"] = rep.bytes_hashed / 2**20 / rep.hash_seconds
        if not args.skip_sample:
            out.update(bench_sample(tmp))
    for k, v in out.items():
        print(f"{k:22s} {v:.2f}" if isinstance(v, float) else f"{k:22s} {v}")
    dest = REPO / "bench" / "out"
    dest.mkdir(exist_ok=True)
    (dest / "bench_package.json").write_text(json.dumps(out, indent=1))
    return out


def bench_sample(tmp: Path) -> dict:
    from cim.package.build import PackageOptions, build_package
    from cim.package.checks import pack_files, registry_runner, report_writer
    from cim.package.verify import verify_package

    sample = REPO / "sample_data" / "district.cim.gpkg"
    from plugins.check_registry import installed_check_registry

    reg = installed_check_registry()
    opts = PackageOptions(run_checks=registry_runner(reg, "decree269"), rule_packs=pack_files(reg, "decree269"),
                          write_reports=report_writer(reg, "decree269"), key_dir=tmp / "keys", user="bench",
                          passphrase="bench-passphrase", create_key=True)
    t = time.perf_counter()
    res = build_package(sample, tmp / "district.cimpkg", opts)
    out = {"sample_package_s": time.perf_counter() - t}
    t = time.perf_counter()
    rep = verify_package(res.path, rerun=registry_runner(reg))
    out["sample_verify_rerun_s"] = time.perf_counter() - t
    out["sample_verify_ok"] = rep.intact and bool(rep.checks_confirmed)
    return out


if __name__ == "__main__":
    main()
