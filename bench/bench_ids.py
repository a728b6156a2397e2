"""IDS check of a 10,000-element model against 20 specifications: ``cim.ids.check`` vs bare ifctester.

    python -m bench.bench_ids [--elements 10000] [--specs 20]

Target (issue 4): ≤ 1.2 × bare ifctester (``ids.open`` + ``Ids.validate``) on the same inputs.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

HEAD = ('<?xml version="1.0" encoding="utf-8"?>\n<ids xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://standards.buildingsmart.org/IDS '
        'http://standards.buildingsmart.org/IDS/1.0/ids.xsd" xmlns="http://standards.buildingsmart.org/IDS">\n'
        '<info><title>bench</title></info>\n<specifications>\n')


def make_ids(n: int) -> str:
    specs = []
    for i in range(n):
        cls = ("IFCWALL", "IFCSENSOR")[i % 2]
        specs.append(
            f'<specification name="S{i}" ifcVersion="IFC4"><applicability maxOccurs="unbounded"><entity><name>'
            f'<simpleValue>{cls}</simpleValue></name></entity></applicability><requirements>'
            f'<property dataType="IFCLABEL"><propertySet><simpleValue>P{i % 5}</simpleValue></propertySet>'
            f'<baseName><simpleValue>V{i % 3}</simpleValue></baseName></property></requirements></specification>\n')
    return HEAD + "".join(specs) + "</specifications>\n</ids>\n"


def make_ifc(path: Path, n: int) -> None:
    import ifcopenshell
    import ifcopenshell.guid

    f = ifcopenshell.file(schema="IFC4")
    f.createIfcProject(ifcopenshell.guid.new(), None, "bench")
    elements = [f.create_entity(("IfcWall", "IfcSensor")[i % 10 == 0], ifcopenshell.guid.new(), Name=f"E{i}")
                for i in range(n)]
    for k in range(5):
        props = [f.createIfcPropertySingleValue(f"V{j}", None, f.createIfcLabel("x"), None) for j in range(2)]
        pset = f.createIfcPropertySet(ifcopenshell.guid.new(), None, f"P{k}", None, props)
        members = elements[k::2] if k < 4 else elements[::3]
        f.createIfcRelDefinesByProperties(ifcopenshell.guid.new(), None, None, None, members, pset)
    f.write(str(path))


def main(argv=None) -> dict:
    import ifcopenshell
    from ifctester import ids

    from cim.ids.check import check_ids, load_ids

    ap = argparse.ArgumentParser()
    ap.add_argument("--elements", type=int, default=10000)
    ap.add_argument("--specs", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=4)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        ifc_path, ids_path = Path(tmp) / "m.ifc", Path(tmp) / "b.ids"
        make_ifc(ifc_path, args.elements)
        ids_path.write_text(make_ids(args.specs))
        model = ifcopenshell.open(str(ifc_path))
        bare, ours, issues = [], [], 0
        def run_bare():
            doc = ids.open(str(ids_path), validate=True)
            doc.validate(model)

        def run_ours():
            return check_ids(model, load_ids(ids_path))

        for i in range(args.repeat):   # alternate the order so neither side always gets the warm caches
            for side in ((run_bare, bare), (run_ours, ours))[:: 1 if i % 2 == 0 else -1]:
                t = time.perf_counter()
                res = side[0]()
                side[1].append(time.perf_counter() - t)
                if res is not None:
                    issues = len(res.issues)
    out = {"elements": args.elements, "specifications": args.specs, "issues": issues, "bare_s": min(bare),
           "cim_s": min(ours), "ratio": min(ours) / min(bare)}
    for k, v in out.items():
        print(f"{k:16s} {v:.4g}" if isinstance(v, float) else f"{k:16s} {v}")
    return out


if __name__ == "__main__":
    main()
