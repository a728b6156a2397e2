"""Every runtime dependency in pyproject.toml is imported by runtime code (app, cim, layers, plugins);
a library only the tests use belongs in the ``test`` extras (issue 16: networkx and fiona were not)."""

import ast
import re
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# loaded by another library rather than imported by name
INDIRECT = {"pyarrow": "pyogrio's Arrow I/O (use_arrow)", "duckdb-extension-spatial": "duckdb LOAD spatial"}
# declared by the PostGIS work (cim/db) but imported nowhere yet; that session decides (use or drop)
PENDING = {"duckdb"}


def _dist(req: str) -> str:
    return re.split(r"[<>=!~\[; ]", req, maxsplit=1)[0].lower()


def _runtime_imports() -> set[str]:
    top = set()
    for room in ("app", "cim", "layers", "plugins"):
        for path in (REPO / room).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    top.update(a.name.split(".")[0] for a in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    top.add(node.module.split(".")[0])
    return top


def test_every_runtime_dependency_is_imported_by_runtime_code():
    deps = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    dists_of = packages_distributions()
    imported = {d.lower() for mod in _runtime_imports() for d in dists_of.get(mod, [])}
    unused = [d for d in map(_dist, deps) if d not in imported and d not in INDIRECT and d not in PENDING]
    assert unused == [], f"runtime dependencies no runtime module imports (move them to the test extras): {unused}"


def test_networkx_and_fiona_are_not_runtime_dependencies():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_dist(d) for d in project["dependencies"]}
    assert "networkx" not in runtime and "fiona" not in runtime
    assert "networkx" in {_dist(d) for d in project["optional-dependencies"]["test"]}
