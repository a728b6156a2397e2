"""IFC models that city objects refer to by name (the ``ifc_file`` column of a building layer).

A reference is a file name relative to a base folder: the ``base_dirs`` given, the project's folder,
the folder of the layer's source file, and the project's ``ifc_dir`` metadata — in that order. The
rule GEO-01 and the appraisal package resolve references the same way, so a package that carries the
models next to its project file re-runs the rule with the same result on any machine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

REFERENCE_COLUMN = "ifc_file"


def candidates(project, rec, name: str, base_dirs: Iterable[str | Path] = ()) -> list[Path]:
    p = Path(name)
    if p.is_absolute():
        return [p]
    bases = [Path(b) for b in base_dirs]
    if project.path:
        bases.append(Path(project.path).parent)
    src = (rec.source or {}).get("path")
    if src:
        bases.append(Path(src).parent)
    extra = project.metadata.extra.get("ifc_dir")
    if extra:
        bases.append(Path(extra))
    return [b / p for b in bases]


def resolve(project, rec, name: str, base_dirs: Iterable[str | Path] = ()) -> Path | None:
    return next((c for c in candidates(project, rec, name, base_dirs) if c.is_file()), None)


def referenced_models(project) -> Iterator[tuple[object, str]]:
    """(layer record, reference) for every distinct non-empty reference of every vector layer."""
    for rec in project.ordered_layers():
        if rec.kind != "vector" or REFERENCE_COLUMN not in rec.data.columns:
            continue
        col = rec.data[REFERENCE_COLUMN].astype("string").fillna("").str.strip()
        for name in sorted(set(col[col != ""])):
            yield rec, name


def is_portable(name: str) -> bool:
    """A relative reference that stays inside its base folder (it can travel next to the project)."""
    p = PurePosixPath(name.replace("\\", "/"))
    return not p.is_absolute() and ".." not in p.parts and ":" not in name and bool(p.parts)
