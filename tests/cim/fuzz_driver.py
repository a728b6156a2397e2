"""Seeded mutation fuzzing of one input format within a time budget (run by test_fuzz_formats.py).

    python tests/cim/fuzz_driver.py FORMAT SEED BUDGET_SECONDS WORKDIR [MAX_CASES]

Builds valid seed files, mutates them (bit flips, byte sets, truncation, duplicated or deleted chunks;
for JSON: wrong types, deletions, deep nesting, huge numbers; for STEP: references, entity types,
duplicated lines; for zips: the entries inside), and feeds each mutant to the reader the app uses.
Outcomes: ``accepted``, ``refused`` (a CimError: the one-line message), ``traceback`` (any other
exception: a bug, saved under WORKDIR/failures). Before each case its name goes to WORKDIR/current,
so that a native crash or a hang (the parent's timeout) names the case. Prints the counts as JSON.
"""

from __future__ import annotations

import copy
import io
import json
import random
import sys
import time
import traceback
import zipfile
from collections import Counter
from pathlib import Path

SCALARS = [None, True, 0, -1, 1.5, 2**70, "x", "", [], {}, [[[]]], {"a": {}}, "2026-13-45T99:99:99Z", "NaN"]


# mutations ---------------------------------------------------------------------------------------
def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    if not b:
        return bytes(b)
    op = rng.choice(["flip", "flip", "set", "truncate", "dup", "delete", "insert"])
    if op == "flip":
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
    elif op == "set":
        i = rng.randrange(len(b))
        b[i:i + 4] = bytes(rng.choice([0, 0xFF, 0x7F, 0x80]) for _ in range(4))
    elif op == "truncate":
        del b[rng.randrange(len(b)):]
    elif op == "dup":
        i, n = rng.randrange(len(b)), rng.randint(1, 512)
        b[i:i] = b[i:i + n]
    elif op == "delete":
        i = rng.randrange(len(b))
        del b[i:i + rng.randint(1, 512)]
    else:
        i = rng.randrange(len(b))
        b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(b)


def _nodes(obj, path=()):
    yield path, obj
    if len(path) > 30:
        return
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _nodes(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj[:50]):
            yield from _nodes(v, path + (i,))


def mutate_json(rng: random.Random, data: bytes) -> bytes:
    try:
        doc = json.loads(data)
    except ValueError:
        return mutate_bytes(rng, data)
    doc = copy.deepcopy(doc)
    for _ in range(rng.randint(1, 3)):
        nodes = [p for p, _ in _nodes(doc) if p]
        if not nodes:
            break
        path = rng.choice(nodes)
        parent = doc
        for k in path[:-1]:
            parent = parent[k]
        key = path[-1]
        op = rng.choice(["type", "type", "delete", "deep", "huge"])
        if op == "type":
            parent[key] = copy.deepcopy(rng.choice(SCALARS))
        elif op == "delete":
            if isinstance(parent, dict):
                parent.pop(key, None)
            else:
                parent.pop(key)
        elif op == "deep":
            v = parent[key]
            for _ in range(rng.choice([50, 3000, 100_000])):
                v = [v]
            parent[key] = v
        else:
            parent[key] = rng.choice([10**400, -(10**30), 1e308, 2**63])
    try:
        return json.dumps(doc, ensure_ascii=False).encode()
    except (ValueError, RecursionError):      # too deep for json.dumps: deep nesting as text
        return b"[" * 100_000


def mutate_step(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    body = [i for i, ln in enumerate(lines) if ln.startswith(b"#")]
    if not body or rng.random() < 0.2:
        return mutate_bytes(rng, data)
    import re

    for _ in range(rng.randint(1, 6)):
        i = rng.choice(body)
        ln = lines[i]
        op = rng.choice(["ref", "type", "dup", "del", "num", "selfref", "args"])
        if op == "ref":
            refs = re.findall(rb"#\d+", ln.split(b"=", 1)[-1])
            if refs:
                ln = ln.replace(rng.choice(refs), b"#" + str(rng.randint(1, 4000)).encode(), 1)
        elif op == "type":
            other = lines[rng.choice(body)].split(b"=", 1)[-1].split(b"(", 1)[0]
            head, _, rest = ln.partition(b"=")
            ln = head + b"=" + other + b"(" + rest.split(b"(", 1)[-1]
        elif op == "dup":
            lines.insert(i, ln)
        elif op == "del":
            ln = b""
        elif op == "num":
            ln = re.sub(rb"-?\d+\.\d*", lambda _m: rng.choice([b"1.E308", b"-0.", b"0.", b"1.E-320"]), ln, count=2)
        elif op == "selfref":
            head = ln.split(b"=", 1)[0].strip()
            ln = re.sub(rb"#\d+", head, ln.split(b"=", 1)[-1], count=1) if b"=" in ln else ln
            ln = head + b"=" + ln
        else:
            ln = ln.replace(b",", b",$,", 1) if rng.random() < 0.5 else ln.replace(b",", b"", 1)
        lines[i] = ln
    return b"\n".join(lines)


def mutate_zip(rng: random.Random, data: bytes, inner) -> bytes:
    if rng.random() < 0.3:
        return mutate_bytes(rng, data)
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        infos = zin.infolist()
        victim = rng.choice(infos)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in infos:
                raw = zin.read(info)
                if info is victim:
                    raw = inner(rng, raw, info.filename)
                zout.writestr(info, raw)
    return out.getvalue()


def mutate_xml(rng: random.Random, data: bytes) -> bytes:
    import re

    op = rng.choice(["num", "text", "date", "bytes", "drop"])
    if op == "num":
        return re.sub(rb">-?\d+(\.\d+)?<", lambda _m: rng.choice([b">abc<", b">1e999<", b"><", b">-0<"]), data,
                      count=rng.randint(1, 5))
    if op == "date":
        return re.sub(rb"\d{4}-\d{2}-\d{2}T", b"2026-13-99T", data, count=1)
    if op == "text":
        return data.replace(b"<Title>", b"<Title><x>" * rng.randint(1, 3), 1)
    if op == "drop":
        tags = re.findall(rb"<([A-Za-z]+)[ >]", data)
        if tags:
            t = rng.choice(tags)
            return re.sub(rb"<" + t + rb"[ >].*?</" + t + rb">", b"", data, count=1, flags=re.S)
    return mutate_bytes(rng, data)


# formats -----------------------------------------------------------------------------------------
def seeds_ifc(work: Path) -> list[tuple[str, bytes]]:
    repo = Path(__file__).resolve().parents[2]
    return [(p.name, p.read_bytes()) for p in sorted((repo / "sample_data/district/ifc").glob("*.ifc"))]


def read_ifc(path: Path) -> None:
    from cim.ifc.importer import analyse_ifc

    analyse_ifc(path, target_crs="EPSG:9208", cache_dir=None)


def seeds_cityjson(work: Path) -> list[tuple[str, bytes]]:
    repo = Path(__file__).resolve().parents[2]
    conf = repo / "tests/data/third_party/cityjson-conformance/v2_0"
    files = sorted(p for p in conf.rglob("*.city.json") if p.stat().st_size < 200_000)[:4]
    return [(p.name, p.read_bytes()) for p in files]


def read_cityjson(path: Path) -> None:
    from cim.cityjson.import_ import import_cityjson
    from cim.project import Project

    import_cityjson(Project(crs="EPSG:9208"), path, crs="EPSG:9208")


def seeds_bcf(work: Path) -> list[tuple[str, bytes]]:
    import struct
    import zlib

    from cim.project import Project
    from cim.review import Anchor, Viewpoint
    from cim.review.bcf_export import export_bcf
    from cim.review.commands import add_comment, reply

    def png() -> bytes:
        def chunk(t, d):
            return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(b"\0" + b"\xff\0\0" * 2 + b"\0" + b"\0\xff\0" * 2)) + chunk(b"IEND", b""))

    p = Project(crs="EPSG:9208")
    t = add_comment(p, title="Lô 3 thiếu chỉ tiêu", anchor=Anchor.location(560010.0, 2358010.0),
                    viewpoint=Viewpoint("map", extent=(560000.0, 2358000.0, 560050.0, 2358040.0)), snapshot=png())
    reply(p, t.id, "Đã bổ sung", viewpoint=Viewpoint("camera", position=(1.0, 2.0, 3.0), direction=(0.0, 0.0, -1.0),
                                                    up=(0.0, 1.0, 0.0), scale=20.0))
    add_comment(p, title="Cây xanh", viewpoint=Viewpoint("camera", position=(1.0, 2.0, 30.0),
                                                         direction=(1.0, 0.0, 0.0), up=(0.0, 0.0, 1.0), fov=60.0))
    out = []
    for v in ("2.1", "3.0"):
        f = export_bcf(p, work / f"seed{v}.bcf", version=v)
        out.append((f.name, f.read_bytes()))
    return out


def read_bcf(path: Path) -> None:
    from cim.review.bcf_import import read_bcf as read

    read(path)


def seeds_package(work: Path) -> list[tuple[str, bytes]]:
    from cim.package.build import PackageOptions, build_package
    from cim.project import LayerRecord, Project
    from cim.project.edits import AddLayer
    from cim.project.store import save_project
    from cim.review.commands import add_comment
    from cim.testing import make_plots

    p = Project(crs="EPSG:9208")
    p.push(AddLayer(p, LayerRecord("Lô đất", "vector", make_plots(6), crs="EPSG:9208", object_kind="plot")))
    add_comment(p, title="Góp ý")
    (work / "src").mkdir(exist_ok=True)
    proj = save_project(p, work / "src" / "plan.cim.gpkg")
    out = work / "seed.cimpkg"
    build_package(proj, out, PackageOptions(cityjson=False, auto_tod=False, key_dir=work / "keys", user="tu_van",
                                            created="2026-12-06T00:00:00Z", passphrase="mật khẩu thử nghiệm 2026",
                                            create_key=True))
    return [(out.name, out.read_bytes())]


def read_package(path: Path) -> None:
    from cim.errors import CimInputError
    from cim.package.verify import verify_package

    report = verify_package(path, rerun=None, require_rerun=False)
    if not report.ok:                    # findings: the package is refused with its reasons
        raise CimInputError(path, "the package did not verify")


def seeds_vector(work: Path) -> list[tuple[str, bytes]]:
    import pyogrio

    from cim.testing import make_plots

    gdf = make_plots(5)
    pyogrio.write_dataframe(gdf, work / "seed.shp", encoding="UTF-8")
    pyogrio.write_dataframe(gdf, work / "seed.geojson")
    shp = {ext: (work / f"seed{ext}").read_bytes() for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg")
           if (work / f"seed{ext}").exists()}
    return [("seed.shp", json.dumps({k: v.hex() for k, v in shp.items()}).encode()),
            ("seed.geojson", (work / "seed.geojson").read_bytes())]


def read_vector(path: Path) -> None:
    from cim.project import Project
    from cim.project.importing import import_layer

    import_layer(Project(crs="EPSG:9208"), path, crs_if_missing="EPSG:9208")


def mutate(fmt: str, rng: random.Random, name: str, data: bytes, work: Path, i: int) -> Path:
    if fmt == "ifc":
        out = work / f"case{i}.ifc"
        out.write_bytes(mutate_step(rng, data))
    elif fmt == "cityjson":
        out = work / f"case{i}.city.json"
        out.write_bytes(mutate_json(rng, data) if rng.random() < 0.7 else mutate_bytes(rng, data))
    elif fmt == "bcf":
        out = work / f"case{i}.bcf"
        out.write_bytes(mutate_zip(rng, data, lambda r, raw, n: mutate_xml(r, raw) if n.endswith(
            (".bcf", ".bcfv", "version")) else mutate_bytes(r, raw)))
    elif fmt == "package":
        out = work / f"case{i}.cimpkg"
        out.write_bytes(mutate_zip(rng, data, lambda r, raw, n: mutate_json(r, raw) if n.endswith(".json")
                                   else mutate_bytes(r, raw)))
    elif name.endswith(".geojson"):
        out = work / f"case{i}.geojson"
        out.write_bytes(mutate_json(rng, data) if rng.random() < 0.6 else mutate_bytes(rng, data))
    else:
        parts = {k: bytes.fromhex(v) for k, v in json.loads(data).items()}
        victim = rng.choice(sorted(parts))
        parts[victim] = mutate_bytes(rng, parts[victim])
        for ext, raw in parts.items():
            (work / f"case{i}{ext}").write_bytes(raw)
        out = work / f"case{i}.shp"
    return out


FORMATS = {"ifc": (seeds_ifc, read_ifc), "cityjson": (seeds_cityjson, read_cityjson),
           "bcf": (seeds_bcf, read_bcf), "package": (seeds_package, read_package),
           "vector": (seeds_vector, read_vector)}


def main(argv: list[str]) -> int:
    from cim.errors import CimError

    fmt, seed, budget, work = argv[0], int(argv[1]), float(argv[2]), Path(argv[3])
    max_cases = int(argv[4]) if len(argv) > 4 else 10**9
    work.mkdir(parents=True, exist_ok=True)
    (work / "failures").mkdir(exist_ok=True)
    make_seeds, read = FORMATS[fmt]
    seeds = make_seeds(work)
    rng = random.Random(seed)
    counts: Counter = Counter()
    failures = []
    start = time.monotonic()
    i = 0
    (work / "cases").mkdir(exist_ok=True)
    while time.monotonic() - start < budget and i < max_cases:
        i += 1
        name, data = seeds[i % len(seeds)]
        case = mutate(fmt, rng, name, data, work / "cases", i)
        (work / "current").write_text(f"{fmt} case {i} from {name}: {case}")
        try:
            read(case)
            counts["accepted"] += 1
        except CimError:
            counts["refused"] += 1
        except Exception as exc:        # noqa: BLE001  a traceback the user would see
            counts["traceback"] += 1
            keep = work / "failures" / case.name
            keep.write_bytes(case.read_bytes())
            failures.append({"case": str(keep), "error": f"{type(exc).__name__}: {str(exc)[:200]}",
                             "where": traceback.format_exc()[-1500:]})
        for p in (work / "cases").glob(f"case{i}.*"):
            p.unlink()
    print(json.dumps({"format": fmt, "seed": seed, "cases": i, **counts, "failures": failures[:20],
                      "seconds": round(time.monotonic() - start, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
