"""A bounded mutation run (fixed seed) over the conformance corpus: every mutated file is either refused
with a CimInputError or imported and exported again as valid CityJSON — never a crash."""

from __future__ import annotations

import copy
import json
import random
import time
import warnings

from cim.cityjson.from_project import export_cityjson
from cim.cityjson.import_ import import_cityjson
from cim.errors import CimInputError
from cim.project import Project

VALUES = [None, 7, -1, 1e308, "x", [], {}, [[1]], True, "banana", 10 ** 30, [0, 1], {"type": "Solid"}, 0.5,
          [[[0]]], "+X", "https://www.opengis.net/def/crs/EPSG/0/99999"]


def _paths(o, p=()):
    yield p
    if isinstance(o, dict):
        for k, v in o.items():
            yield from _paths(v, p + (k,))
    elif isinstance(o, list):
        for i, v in enumerate(o[:5]):
            yield from _paths(v, p + (i,))


def test_mutated_conformance_files_are_refused_or_round_trip_never_crash(shared_data, tmp_path):
    rng = random.Random(29)
    docs = [json.loads(p.read_text()) for p in sorted((shared_data / "cityjson-conformance" / "v2_0").glob(
        "*/*.city.json"))]
    outcomes = {"round trip": 0, "refused": 0}
    start = time.monotonic()
    n = 0
    while n < 600 and time.monotonic() - start < 30:
        n += 1
        d = copy.deepcopy(rng.choice(docs))
        for _ in range(rng.randint(1, 3)):
            path = rng.choice([p for p in _paths(d) if p])
            parent = d
            for k in path[:-1]:
                parent = parent[k]
            if isinstance(parent, dict) and rng.random() < 0.3:
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = copy.deepcopy(rng.choice(VALUES))
        src = tmp_path / "m.city.json"
        src.write_text(json.dumps(d))
        project = Project(crs="EPSG:2355")
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            try:
                import_cityjson(project, src, crs="EPSG:2355")
            except CimInputError as exc:
                assert str(src) in str(exc) and "\n" not in str(exc)
                outcomes["refused"] += 1
                continue
            report = export_cityjson(project, tmp_path / "out.city.json")
        assert report.errors == [], (n, report.errors)
        outcomes["round trip"] += 1
    assert n >= 100 and outcomes["round trip"] > 10 and outcomes["refused"] > 50, outcomes
