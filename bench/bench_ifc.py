"""IFC geometry import vs a bare ``ifcopenshell.geom.iterator`` run (same settings, all cores), and
reopening from the geometry cache.

    python -m bench.bench_ifc [--walls 150] [--storeys 8]

Targets (issue 4): import throughput ≥ 0.9 × bare iterator; cached reopen ≥ 20 × faster than the first import.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path


def bare_iterator(ifc, threads: int) -> int:
    import ifcopenshell.geom

    from cim.ifc.geometry import make_settings

    it = ifcopenshell.geom.iterator(make_settings(), ifc, threads)
    n = 0
    if it.initialize():
        while True:
            shape = it.get()
            g = shape.geometry
            g.verts_buffer, g.faces_buffer  # noqa: B018 - the same data the import reads
            n += 1
            if not it.next():
                break
    return n


def main(argv=None) -> dict:
    import ifcopenshell

    from cim.ifc.geometry import cached_triangulate, triangulate
    from cim.ifc.model import IfcModel  # noqa: F401  (registers nothing heavy; keeps import cost fair)
    from cim.ifc.opening import file_sha256
    from cim.ifc.synthetic import Georef, build_building_ifc

    ap = argparse.ArgumentParser()
    ap.add_argument("--walls", type=int, default=150, help="interior walls per storey")
    ap.add_argument("--storeys", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=4)
    args = ap.parse_args(argv)
    threads = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.ifc"
        build_building_ifc(path, storeys=args.storeys, walls_per_storey=args.walls, footprint=(
            (0, 0), (80, 0), (80, 60), (0, 60)), georef=Georef(561000, 2355000))
        ifc = ifcopenshell.open(str(path))
        bare, ours = [], []
        for i in range(args.repeat):   # alternate the order: neither side always runs second
            for side in ("bare", "ours")[:: 1 if i % 2 == 0 else -1]:
                t = time.perf_counter()
                if side == "bare":
                    n = bare_iterator(ifc, threads)
                    bare.append(time.perf_counter() - t)
                else:
                    mesh = triangulate(ifc, threads=threads)
                    ours.append(time.perf_counter() - t)
        assert len(mesh) == n
        cache = Path(tmp) / "cache"
        t = time.perf_counter()
        first, hit = cached_triangulate(lambda: ifcopenshell.open(str(path)), file_sha256(path), cache, threads=threads)
        t_first = time.perf_counter() - t
        assert not hit
        reopen = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            again, hit = cached_triangulate(lambda: ifcopenshell.open(str(path)), file_sha256(path), cache)
            reopen.append(time.perf_counter() - t)
            assert hit and len(again) == len(first)
    res = {"elements": n, "threads": threads, "bare_s": min(bare), "import_s": min(ours),
           "throughput_ratio": min(bare) / min(ours), "first_import_with_parse_s": t_first,
           "cached_reopen_s": min(reopen), "reopen_speedup": t_first / min(reopen)}
    for k, v in res.items():
        print(f"{k:28s} {v:.4g}" if isinstance(v, float) else f"{k:28s} {v}")
    return res


if __name__ == "__main__":
    main()
