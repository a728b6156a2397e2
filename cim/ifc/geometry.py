"""Triangulated geometry of an IFC model via ``ifcopenshell.geom.iterator`` on all cores, with a disk cache.

The cache is one ``.npz`` per (file SHA-256, geometry settings) under a folder the caller passes;
inside it every element is keyed by its GlobalId, so a cache entry is addressed by
file SHA-256 + settings + GlobalId. Meshes are in metres, in the model's engineering coordinates
(``use-world-coords``); georeferencing is applied later, vectorised, by :mod:`cim.ifc.georef`.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cim.errors import CimInputError
from cim.feedback import Feedback

DEFAULT_SETTINGS: dict[str, object] = {"use-world-coords": True, "weld-vertices": True}
CACHE_VERSION = 1
#: beyond this many metres from the origin a coordinate cannot be a position on Earth
MAX_COORDINATE_M = 1.0e8
#: beyond this, map coordinates are probably baked into the geometry (float32 rendering suffers)
LARGE_COORDINATE_M = 1.0e5


@dataclass
class MeshSet:
    """The meshes of many elements, concatenated. ``faces`` index into ``verts`` globally."""

    guids: np.ndarray          # (n,) str
    classes: np.ndarray        # (n,) str
    ids: np.ndarray            # (n,) int64 STEP ids
    verts: np.ndarray          # (V, 3) float64
    faces: np.ndarray          # (F, 3) int64
    vert_offsets: np.ndarray   # (n + 1,)
    face_offsets: np.ndarray   # (n + 1,)

    def __len__(self) -> int:
        return len(self.guids)

    def index_of(self, guid: str) -> int:
        hits = np.flatnonzero(self.guids == guid)
        if not len(hits):
            raise KeyError(guid)
        return int(hits[0])

    def mesh(self, guid: str) -> tuple[np.ndarray, np.ndarray]:
        i = self.index_of(guid)
        v0, v1 = self.vert_offsets[i], self.vert_offsets[i + 1]
        f0, f1 = self.face_offsets[i], self.face_offsets[i + 1]
        return self.verts[v0:v1], self.faces[f0:f1] - v0

    def element_of_vertex(self) -> np.ndarray:
        return np.repeat(np.arange(len(self)), np.diff(self.vert_offsets))

    def element_of_face(self) -> np.ndarray:
        return np.repeat(np.arange(len(self)), np.diff(self.face_offsets))

    def save(self, path: Path) -> None:
        from cim.io.atomic import atomic_path

        with atomic_path(path, suffix=".npz") as tmp:
            np.savez(tmp, guids=self.guids.astype("U22"), classes=self.classes.astype("U64"), ids=self.ids,
                     verts=self.verts, faces=self.faces, vert_offsets=self.vert_offsets,
                     face_offsets=self.face_offsets)

    @classmethod
    def load(cls, path: Path) -> MeshSet:
        with np.load(path, allow_pickle=False) as z:
            return cls(**{k: z[k] for k in ("guids", "classes", "ids", "verts", "faces", "vert_offsets",
                                             "face_offsets")})

    @classmethod
    def empty(cls) -> MeshSet:
        z = np.zeros(1, dtype=np.int64)
        return cls(np.array([], dtype="U22"), np.array([], dtype="U64"), np.array([], dtype=np.int64),
                   np.zeros((0, 3)), np.zeros((0, 3), dtype=np.int64), z, z.copy())


def settings_key(settings: dict | None = None) -> str:
    s = dict(DEFAULT_SETTINGS, **(settings or {}))
    return hashlib.sha256(json.dumps([CACHE_VERSION, sorted(s.items())], default=str).encode()).hexdigest()[:16]


def make_settings(settings: dict | None = None):
    import ifcopenshell.geom

    s = ifcopenshell.geom.settings()
    for k, v in dict(DEFAULT_SETTINGS, **(settings or {})).items():
        s.set(k, v)
    return s


def triangulate(ifc, *, settings: dict | None = None, threads: int | None = None,
                feedback: Feedback | None = None, path: str | Path | None = None) -> MeshSet:
    """Triangulate every product with a body representation, on ``threads`` cores (default: all)."""
    import ifcopenshell.geom

    feedback = feedback or Feedback()
    threads = threads or os.cpu_count() or 1
    it = ifcopenshell.geom.iterator(make_settings(settings), ifc, threads)
    if not it.initialize():
        return MeshSet.empty()
    guids, classes, ids, vbufs, fbufs = [], [], [], [], []
    n = 0
    while True:
        shape = it.get()
        geom = shape.geometry
        guids.append(shape.guid)
        classes.append(shape.type)
        ids.append(shape.id)
        vbufs.append(geom.verts_buffer)
        fbufs.append(geom.faces_buffer)
        n += 1
        if n % 256 == 0:
            feedback.raise_if_canceled("IFC geometry")
            feedback.set_progress(it.progress() / 100.0)
        if not it.next():
            break
    feedback.raise_if_canceled("IFC geometry")
    mesh = _assemble(guids, classes, ids, vbufs, fbufs)
    _check_coordinates(mesh, path, feedback)
    feedback.set_progress(1.0)
    return mesh


def _assemble(guids, classes, ids, vbufs, fbufs) -> MeshSet:
    vcount = np.fromiter((len(b) // 24 for b in vbufs), dtype=np.int64, count=len(vbufs))
    fcount = np.fromiter((len(b) // 12 for b in fbufs), dtype=np.int64, count=len(fbufs))
    verts = np.frombuffer(b"".join(vbufs), dtype=np.float64).reshape(-1, 3)
    faces = np.frombuffer(b"".join(fbufs), dtype=np.int32).reshape(-1, 3).astype(np.int64)
    vert_offsets = np.concatenate([[0], np.cumsum(vcount)])
    face_offsets = np.concatenate([[0], np.cumsum(fcount)])
    faces += np.repeat(vert_offsets[:-1], fcount)[:, None]
    return MeshSet(np.array(guids, dtype="U22"), np.array(classes, dtype="U64"),
                   np.array(ids, dtype=np.int64), verts, faces, vert_offsets, face_offsets)


def _check_coordinates(mesh: MeshSet, path, feedback: Feedback) -> None:
    if not len(mesh.verts):
        return
    biggest = float(np.abs(mesh.verts).max())
    if not np.isfinite(biggest) or biggest > MAX_COORDINATE_M:
        raise CimInputError(path, f"the model has coordinates {biggest:.3g} m from its origin, which cannot "
                                  "be a position on Earth / toạ độ quá lớn, không hợp lệ",
                            hint="check the length unit and the placements in the authoring tool")
    if biggest > LARGE_COORDINATE_M:
        feedback.log(f"{path}: coordinates up to {biggest:,.0f} m from the origin: map coordinates seem to be "
                     "stored in the geometry (precision loss in float32 viewers)", "warning")


def cached_triangulate(ifc, sha256: str, cache_dir: str | Path | None, *, settings: dict | None = None,
                       threads: int | None = None, feedback: Feedback | None = None,
                       path: str | Path | None = None) -> tuple[MeshSet, bool]:
    """Like :func:`triangulate`, reading/writing ``cache_dir``. Returns ``(meshes, from_cache)``.

    ``ifc`` may be a zero-argument callable returning the file: it is then parsed only on a cache miss.
    """
    if callable(ifc) and not hasattr(ifc, "by_type"):
        loader = ifc
    else:
        def loader():
            return ifc
    if cache_dir is None:
        ifc = loader()
        return triangulate(ifc, settings=settings, threads=threads, feedback=feedback, path=path), False
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    entry = cache_entry(cache_dir, sha256, settings)
    found = load_cached(cache_dir, sha256, settings)
    if found is not None:
        return found, True
    mesh = triangulate(loader(), settings=settings, threads=threads, feedback=feedback, path=path)
    mesh.save(entry)
    return mesh, False


def cache_entry(cache_dir: str | Path, sha256: str, settings: dict | None = None) -> Path:
    return Path(cache_dir) / f"{sha256}-{settings_key(settings)}.npz"


def load_cached(cache_dir: str | Path, sha256: str, settings: dict | None = None) -> MeshSet | None:
    """The cached meshes of (file SHA-256, settings), or None on a miss (a damaged entry is removed).
    Reading the cache never parses the IFC: safe in the caller's process."""
    entry = cache_entry(cache_dir, sha256, settings)
    if not entry.exists():
        return None
    try:
        return MeshSet.load(entry)
    except Exception:  # damaged cache entry: rebuild it
        entry.unlink(missing_ok=True)
        return None
