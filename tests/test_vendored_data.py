"""The test suite runs on a fresh clone with nothing beside it: third-party data is vendored, with sources."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
THIRD_PARTY = REPO / "tests" / "data" / "third_party"


def test_every_vendored_folder_names_its_source_and_licence():
    folders = sorted(p for p in THIRD_PARTY.iterdir() if p.is_dir())
    assert {p.name for p in folders} >= {"ids-testcases", "ifc-georef", "cityjson-conformance",
                                         "cityjson-schemas", "hostile-inputs"}
    for folder in folders:
        doc = folder / "README.md" if (folder / "README.md").exists() else folder / "INDEX.md"
        assert doc.exists(), f"{folder.name}: no README.md/INDEX.md naming the source"
        if folder.name != "hostile-inputs":
            assert re.search(r"(?i)licen[cs]e|CC BY", doc.read_text(encoding="utf-8")), folder.name


def test_no_code_or_test_looks_for_data_beside_the_repository():
    pattern = re.compile(r"""\.\./shared|parent\s*/\s*["']shared["']|CIM_SHARED_DATA""")
    offenders = []
    for top in ("app", "cim", "layers", "plugins", "tests", "sample_data"):
        for path in (REPO / top).rglob("*.py"):
            if path == Path(__file__).resolve():
                continue
            if pattern.search(path.read_text(encoding="utf-8", errors="replace")):
                offenders.append(str(path.relative_to(REPO)))
    assert offenders == []
