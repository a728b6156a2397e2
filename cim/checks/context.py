"""What a check sees: the project, its parameters, shared caches, the incremental scope.

Layers are selected by *kind* (``LayerRecord.object_kind``, or the default layer name of the kind,
e.g. ``net_lighting_nodes`` → network_node of system lighting). Geometry arrays, bounds and STRtrees
are cached per layer in a :class:`RunCache` shared by the checks of one run (and kept by an
incremental session between runs, patched or dropped when features change).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cim.checks.base import CheckSkipped
from cim.findings import Finding
from cim.text import Text

MAX_OBJECT_ISSUES = 10_000   # per check and layer; the rest go into one grouped issue


@dataclass
class Selection:
    """A layer and, when the kind's system is a column value, the rows of that system."""

    rec: Any
    system: str | None = None
    layer_system: str | None = None

    @property
    def id(self) -> str:
        return self.rec.id


class RunCache:
    """Per-layer derived data (geometry arrays, bounds, STRtrees, cim_id arrays), keyed by layer id.

    An entry made with a ``patch`` function survives an edit of some features of its layer: the
    session calls :meth:`patch_layer` and each such entry is brought up to date for the changed rows
    in place (vectorised over those rows); entries without one (STRtrees, unions) are dropped.
    """

    def __init__(self) -> None:
        self.data: dict[tuple, Any] = {}
        self.patchers: dict[tuple, Any] = {}

    def get(self, key: tuple, make, patch=None):
        """The cached value, made on first use. ``patch(value, rec, pos) -> value`` updates it for the
        rows ``pos`` (positions) of the changed layer ``rec`` (None: drop it instead)."""
        try:
            return self.data[key]
        except KeyError:
            value = self.data[key] = make()
            if patch is not None:
                self.patchers[key] = patch
            return value

    def _keys_of(self, layer_id: str) -> list:
        return [k for k in self.data if isinstance(k, tuple) and layer_id in k[1:]]

    def drop_layer(self, layer_id: str) -> None:
        """Forget a changed layer's derived data; its ids and fids before the change are kept under
        ``("before", layer_id)`` for checks that must know what an edit replaced (ID-03)."""
        if ("ids", layer_id) in self.data and ("fids", layer_id) in self.data:
            self.data["before:" + layer_id] = (self.data[("fids", layer_id)], self.data[("ids", layer_id)])
        if ("geoms", layer_id) in self.data and ("fids", layer_id) in self.data:
            self.data["before_geoms:" + layer_id] = (self.data[("fids", layer_id)], self.data[("geoms", layer_id)])
        for key in self._keys_of(layer_id):
            del self.data[key]
            self.patchers.pop(key, None)

    def patch_layer(self, rec, fids) -> bool:
        """Bring the layer's derived data up to date after ``fids`` changed (attributes or geometry).
        Rows added, removed or renumbered: everything is dropped instead (returns False)."""
        import numpy as np

        lid = rec.id
        old = self.data.get(("fids", lid))
        now = rec.data.index.to_numpy()
        if old is None or len(old) != len(now) or not np.array_equal(old, now):
            self.drop_layer(lid)
            return False
        f = np.fromiter(fids, dtype=np.int64, count=len(fids))
        pos = np.flatnonzero(np.isin(old, f))
        if len(pos) != len(np.unique(f)):
            self.drop_layer(lid)
            return False
        if ("ids", lid) in self.data:          # what the edit replaced (copies: the arrays are patched)
            self.data["before:" + lid] = (old[pos], self.data[("ids", lid)][pos].copy())
        if ("geoms", lid) in self.data:
            self.data["before_geoms:" + lid] = (old[pos], self.data[("geoms", lid)][pos].copy())
        for key in self._keys_of(lid):
            patch = self.patchers.get(key)
            value = None if patch is None else patch(self.data[key], rec, pos)
            if value is None:                  # no patch, or the patch cannot bring it up to date
                del self.data[key]
                self.patchers.pop(key, None)
            else:
                self.data[key] = value
        return True

    def before(self, layer_id: str):
        """``(fids, ids)`` of a layer as the last run saw it (all rows, or the changed ones), or None."""
        return self.data.get("before:" + layer_id)

    def before_geoms(self, layer_id: str):
        """``(fids, geometries)`` of a layer as the last run saw it (all rows, or the changed ones), or None."""
        return self.data.get("before_geoms:" + layer_id)


def _patch_geoms(g, rec, pos):
    import numpy as np

    g[pos] = np.asarray(rec.data.geometry.array[pos], dtype=object)
    return g


def _patch_bounds(b, rec, pos):
    import numpy as np
    import shapely

    b[pos] = shapely.bounds(np.asarray(rec.data.geometry.array[pos], dtype=object))
    return b


def _keep(value, rec, pos):
    return value


def _ids_of(rec, pos=None):
    """cim_id of the rows ``pos`` (all when None) as objects; ``layer#fid`` where it is missing."""
    import numpy as np

    df = rec.data if pos is None else rec.data.iloc[pos]
    if "cim_id" in df.columns:
        col = df["cim_id"]
        vals = col.astype(object).to_numpy()
        missing = (col.isna() | (col.astype("string").str.strip() == "")).fillna(True).to_numpy()
        if missing.any():
            vals = vals.copy()
            vals[missing] = [f"{rec.name}#{f}" for f in df.index.to_numpy()[missing]]
        return vals
    return np.array([f"{rec.name}#{f}" for f in df.index.to_numpy()], dtype=object)


def _patch_ids(ids, rec, pos):
    if not ids.flags.writeable:
        ids = ids.copy()
    ids[pos] = _ids_of(rec, pos)
    return ids


def _kind_of(rec) -> tuple[str | None, str | None]:
    if rec.object_kind:
        try:
            from cim.model.taxonomy import kind_for_layer

            found = kind_for_layer(rec.name)
        except Exception:  # taxonomy unavailable: fall back to the declared kind only
            found = None
        system = found[1] if found and found[0].code == rec.object_kind else None
        return rec.object_kind, system
    try:
        from cim.model.taxonomy import kind_for_layer

        found = kind_for_layer(rec.name)
    except Exception:
        return None, None
    return (found[0].code, found[1]) if found else (None, None)


class CheckContext:
    """Read-only access to the project for one check."""

    def __init__(self, project, *, rule=None, params: dict | None = None, cache: RunCache | None = None,
                 scope: dict[str, Any] | None = None, pack=None, lang: str = "vi") -> None:
        self.project = project
        self.rule = rule
        self.params = params or {}
        self.cache = cache or RunCache()
        self.scope = scope            # {layer_id: fids} when re-checking changed objects only
        self.pack = pack
        self.lang = lang
        self.evidence: dict = {}
        self.inputs: set[str] = set()
        self.subjects: set[str] = set()   # layers evaluated per object (see scope_mask)
        self.touched: dict[str, set] = {}  # objects outside the scope a scoped run re-evaluated
        self._masks: dict[str, Any] = {}   # scope masks by layer id

    # ----------------------------------------------------------------- selection
    @property
    def province(self) -> str:
        return self.project.metadata.province or ""

    def read(self, what: str) -> None:
        """Record a non-layer input ("metadata", "crs") for incremental re-checks."""
        self.inputs.add(what)

    def select(self, kind: str, system: str | None = None, layer: str | None = None) -> list[Selection]:
        out = []
        for rec in self.project.ordered_layers():
            if rec.kind != "vector":
                continue
            if layer and rec.name != layer and rec.id != layer:
                continue
            k, s = _kind_of(rec)
            if not layer and k != kind:
                continue
            if system and s and s != system:
                continue
            if system and not s and "system" not in rec.data.columns:
                continue
            self.inputs.add(rec.id)
            out.append(Selection(rec, system=system if system and not s else None, layer_system=s))
        return out

    def rasters(self, name_contains: str = "") -> list:
        out = [r for r in self.project.ordered_layers() if r.kind == "raster" and name_contains in r.name.lower()]
        self.inputs.update(r.id for r in out)
        return out

    def require(self, kind: str, system: str | None = None) -> list[Selection]:
        sel = self.select(kind, system)
        if not sel:
            raise CheckSkipped(f"Dự án không có lớp dữ liệu loại “{kind}”{' (' + system + ')' if system else ''}.",
                               f"The project has no layer of kind '{kind}'{' (' + system + ')' if system else ''}.")
        return sel

    # ----------------------------------------------------------------- cached arrays
    def rows(self, sel: Selection):
        """Boolean mask of the rows of the selection (all True unless a system column filters)."""
        import numpy as np

        df = sel.rec.data
        if sel.system:
            def of(frame):
                return (frame["system"].astype("string") == sel.system).fillna(False).to_numpy()

            def patch(m, rec, pos):
                m[pos] = of(rec.data.iloc[pos])
                return m
            return self.cache.get(("rows", sel.id, sel.system), lambda: of(df), patch=patch)
        return np.ones(len(df), dtype=bool)

    def geoms(self, rec):
        import numpy as np

        return self.cache.get(("geoms", rec.id), lambda: np.array(rec.data.geometry.array, dtype=object),
                              patch=_patch_geoms)

    def bounds(self, rec):
        import shapely

        return self.cache.get(("bounds", rec.id), lambda: shapely.bounds(self.geoms(rec)), patch=_patch_bounds)

    def tree(self, rec, mask=None, tag: str = ""):
        """An STRtree over the layer's geometries (or the masked ones; ``tag`` names the mask)."""
        import numpy as np
        import shapely

        def make():
            g = self.geoms(rec)
            idx = np.arange(len(g)) if mask is None else np.flatnonzero(mask)
            return shapely.STRtree(g[idx]), idx
        return self.cache.get(("tree", rec.id, tag), make)

    def fids(self, rec):
        return self.cache.get(("fids", rec.id), lambda: rec.data.index.to_numpy(), patch=_keep)

    def ids(self, rec):
        """The cim_id of each row as an object array (``layer#fid`` when the layer has no cim_id)."""
        return self.cache.get(("ids", rec.id), lambda: _ids_of(rec), patch=_patch_ids)

    def scope_mask(self, rec):
        """Rows to evaluate: None for all, or (incremental re-check) only the changed fids of the
        layers in scope — a layer outside the scope gets an all-False mask."""
        import numpy as np

        self.subjects.add(rec.id)
        if self.scope is None:
            return None
        mask = self._masks.get(rec.id)
        if mask is None or len(mask) != len(rec.data):
            fids = self.scope.get(rec.id)
            mask = self._masks[rec.id] = (np.zeros(len(rec.data), dtype=bool) if fids is None else np.isin(
                self.fids(rec), np.fromiter(fids, dtype=np.int64, count=len(fids))))
        return mask.copy()

    def touch(self, rec, fids) -> None:
        """A scoped run re-evaluated these objects too (their old issues are replaced)."""
        if self.scope is not None:
            self.touched.setdefault(rec.id, set()).update(int(f) for f in fids)

    # ----------------------------------------------------------------- issues
    def issues_for(self, rec, mask, message_vi: str, message_en: str, *, severity: str | None = None,
                   values: dict | None = None) -> list[Finding]:
        """One issue per selected row. ``message_*`` are format strings over ``{id}``, ``{fid}``,
        ``{layer}`` and the ``values`` (per-row arrays or scalars), which are also kept as evidence."""
        import numpy as np
        import shapely

        rule, sev = self.rule.id, severity or self.rule.severity
        pos = np.flatnonzero(mask)
        if not len(pos):
            return []
        geoms, ids, fids, bounds = self.geoms(rec), self.ids(rec), self.fids(rec), self.bounds(rec)
        arrays = {k: v for k, v in (values or {}).items() if isinstance(v, np.ndarray)}
        scalars = {k: _plain(v) for k, v in (values or {}).items() if not isinstance(v, np.ndarray)}
        head, rest = pos[:MAX_OBJECT_ISSUES], pos[MAX_OBJECT_ISSUES:]
        wkt = shapely.to_wkt(shapely.point_on_surface(geoms[head]), rounding_precision=2).tolist()
        cols = {c: _plain_column(v[head]) for c, v in arrays.items()}     # Python values, once per column
        hb = bounds[head]
        boxes = [None if b[0] != b[0] else tuple(b) for b in hb.tolist()]   # NaN: no geometry
        out = []
        from cim.project.display_names import layer_label
        from cim.report.numbers import vi_format

        label_vi, label_en = layer_label(rec, "vi"), layer_label(rec, "en")    # "Công trình", not "buildings"
        for k, (oid, fid) in enumerate(zip(ids[head].tolist(), fids[head].tolist(), strict=True)):
            ev = {**scalars, **{c: v[k] for c, v in cols.items()}}
            vals = {"id": oid, "fid": fid, **ev}
            out.append(Finding(sev, rule, Text(vi_format(message_vi, layer=label_vi, **vals),
                                               message_en.format(layer=label_en, **vals)),
                               objects=(str(oid),), location=wkt[k] or "", layer=rec.name, layer_id=rec.id,
                               fids=(int(fid),), bbox=boxes[k], extra=ev))
        if len(rest):
            b = bounds[rest]
            out.append(Finding(sev, rule, Text(f"… và {len(rest)} đối tượng khác của lớp “{rec.name}” cùng lỗi này",
                                               f"… and {len(rest)} more objects of layer '{rec.name}' with this problem"),
                               objects=tuple(str(x) for x in ids[rest]), layer=rec.name, layer_id=rec.id,
                               fids=tuple(int(f) for f in fids[rest]),
                               bbox=(float(np.nanmin(b[:, 0])), float(np.nanmin(b[:, 1])),
                                     float(np.nanmax(b[:, 2])), float(np.nanmax(b[:, 3]))),
                               extra={"grouped": True}))
        return out

    def project_issue(self, message_vi: str, message_en: str, *, severity: str | None = None,
                      evidence: dict | None = None, bbox=None, location: str = "", layer=None,
                      fids=(), object_ids=()) -> Finding:
        return Finding(severity or self.rule.severity, self.rule.id, Text(message_vi, message_en),
                       objects=tuple(str(o) for o in object_ids), location=location,
                       layer=layer.name if layer is not None else "", layer_id=layer.id if layer is not None else "",
                       fids=tuple(int(f) for f in fids),
                       bbox=tuple(float(v) for v in bbox) if bbox is not None else None, extra=evidence or {})

    def record(self, **evidence) -> None:
        """Evidence kept with the result even when the check passes (shares, counts, thresholds)."""
        self.evidence.update({k: _plain(v) for k, v in evidence.items()})


def _plain_column(a) -> list:
    """:func:`_plain` over an array, vectorised for numeric dtypes."""
    import numpy as np

    if a.dtype.kind == "f":
        return [round(x, 6) for x in a.astype(np.float64).tolist()]
    if a.dtype.kind in "iub":
        return a.tolist()
    return [_plain(x) for x in a.tolist()]


def _plain(v):
    """numpy scalars → Python values, floats rounded: stored results must compare exactly."""
    import numpy as np

    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float):
        return round(v, 6)
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    return v
