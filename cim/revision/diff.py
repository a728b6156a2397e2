"""The difference between an approved plan and its revision, layer by layer (matched by layer name)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from cim.feedback import Feedback
from cim.revision.matching import match_features

# the attributes whose change the appraisal reads first, per object kind (FAR, use, height …)
KEY_FIELDS = {"plot": ("far", "category", "landuse_code", "density", "height_max_m", "floors_max", "buildable"),
              "building": ("use", "floors", "height_m", "gfa_m2", "smart"),
              "smart_element": ("type", "system", "status", "interface_target", "open_standard")}
FIELD_NAMES = {"far": ("Hệ số sử dụng đất", "FAR"), "category": ("Chức năng sử dụng đất", "Land use"),
               "landuse_code": ("Mã loại đất", "Land-use code"), "density": ("Mật độ xây dựng", "Coverage"),
               "height_max_m": ("Chiều cao tối đa", "Max height"), "floors_max": ("Số tầng tối đa", "Max floors"),
               "type": ("Loại", "Type"), "status": ("Hiện trạng", "Status"), "height_m": ("Chiều cao", "Height"),
               "use": ("Công năng", "Use"), "floors": ("Số tầng", "Floors")}
SKIP = {"geometry", "fid"}


@dataclass
class FeatureChange:
    change: str                    # added, removed, changed
    id: str
    old_id: str = ""
    match: str = ""                # id / geometry (how the old and new feature were paired)
    fields: dict = field(default_factory=dict)    # field -> [old, new]
    geometry_changed: bool = False
    system: str = ""

    def details(self) -> str:
        parts = [f"{k}: {_fmt(a)} → {_fmt(b)}" for k, (a, b) in self.fields.items()]
        if self.geometry_changed:
            parts.append("geometry")
        if self.match == "geometry" and self.old_id and self.old_id != self.id:
            parts.append(f"id {self.old_id} → {self.id}")
        return "; ".join(parts)


@dataclass
class LayerDiff:
    layer: str
    object_kind: str | None
    system: str | None
    n_old: int
    n_new: int
    changes: list[FeatureChange] = field(default_factory=list)
    unchanged: int = 0
    length_old_m: float = 0.0
    length_new_m: float = 0.0
    frame: object = None           # GeoDataFrame: id, change, details, geometry (new; old for removed)

    def count(self, change: str) -> int:
        return sum(1 for c in self.changes if c.change == change)

    def field_changes(self, name: str) -> list[FeatureChange]:
        return [c for c in self.changes if name in c.fields]


@dataclass
class PlanDiff:
    old_label: str
    new_label: str
    layers: list[LayerDiff] = field(default_factory=list)
    layers_added: list[str] = field(default_factory=list)
    layers_removed: list[str] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)        # rule, old, new (status), issues old/new
    verdict: dict = field(default_factory=dict)             # {"old": {vi,en}, "new": {vi,en}}

    def layer(self, name: str) -> LayerDiff:
        return next(d for d in self.layers if d.layer == name)

    def of_kind(self, kind: str) -> list[LayerDiff]:
        return [d for d in self.layers if d.object_kind == kind]

    def smart_by_system(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for d in self.of_kind("smart_element"):
            for c in d.changes:
                if c.change in ("added", "removed"):
                    row = out.setdefault(c.system or "?", {"added": 0, "removed": 0})
                    row[c.change] += 1
        return out

    def result_frame(self):
        """All changes as one GeoDataFrame (the temporary result layer): layer, id, change, details."""
        import geopandas as gpd
        import pandas as pd

        frames = [d.frame for d in self.layers if d.frame is not None and len(d.frame)]
        if not frames:
            return gpd.GeoDataFrame({"layer": [], "id": [], "change": [], "details": []}, geometry=[])
        return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs=frames[0].crs)

    def counts(self) -> dict[str, int]:
        return {k: sum(d.count(k) for d in self.layers) for k in ("added", "removed", "changed")}


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:g}"
    return "∅" if v is None else str(v)


def _plain(v):
    if v is None:
        return None
    try:
        import pandas as pd

        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v.item() if hasattr(v, "item") else v


def _differs(a, b) -> np.ndarray:
    """Element-wise 'values differ' for two aligned Series, NA equal to NA, numbers with a tolerance."""
    import pandas as pd

    na_a, na_b = a.isna().to_numpy(), b.isna().to_numpy()
    if pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b) and not pd.api.types.is_bool_dtype(a):
        x = a.to_numpy(dtype=float, na_value=np.nan)
        y = b.to_numpy(dtype=float, na_value=np.nan)
        ne = ~np.isclose(x, y, rtol=1e-9, atol=1e-9)
    else:
        ne = (a.astype("string").fillna("") != b.astype("string").fillna("")).to_numpy(dtype=bool)
    return (ne & ~(na_a & na_b)) | (na_a != na_b)


def diff_layer(name: str, old_rec, new_rec, *, min_iou: float = 0.5, tolerance: float = 1.0) -> LayerDiff:
    import geopandas as gpd
    import shapely

    o, n = old_rec.data.reset_index(drop=True), new_rec.data.reset_index(drop=True)
    kind = new_rec.object_kind or old_rec.object_kind
    d = LayerDiff(name, kind, (new_rec.source or {}).get("system"), len(o), len(n))
    m = match_features(o, n, min_iou=min_iou, tolerance=tolerance)
    io, in_ = m["old"], m["new"]
    ids_o = o["cim_id"].astype("string").fillna("").to_numpy(dtype=object) if "cim_id" in o else np.full(len(o), "", object)
    ids_n = n["cim_id"].astype("string").fillna("").to_numpy(dtype=object) if "cim_id" in n else np.full(len(n), "", object)
    sys_o = o["system"].astype("string").fillna("").to_numpy(dtype=object) if "system" in o else np.full(len(o), "", object)
    sys_n = n["system"].astype("string").fillna("").to_numpy(dtype=object) if "system" in n else np.full(len(n), "", object)
    common = [c for c in n.columns if c in o.columns and c not in SKIP and c != "cim_id"]
    a, b = o.iloc[io].reset_index(drop=True), n.iloc[in_].reset_index(drop=True)
    diff_cols = {c: _differs(a[c], b[c]) for c in common}
    geo = ~shapely.equals_exact(a.geometry.to_numpy(), b.geometry.to_numpy(), tolerance=0.01)
    id_changed = ids_o[io] != ids_n[in_]
    any_change = geo | id_changed
    for c in common:
        any_change = any_change | diff_cols[c]
    for k in np.flatnonzero(any_change):
        fields = {c: [_plain(a[c].iloc[k]), _plain(b[c].iloc[k])] for c in common if diff_cols[c][k]}
        d.changes.append(FeatureChange("changed", str(ids_n[in_[k]]), str(ids_o[io[k]]), str(m["how"][k]), fields,
                                       bool(geo[k]), str(sys_n[in_[k]])))
    d.unchanged = int((~any_change).sum())
    added = np.setdiff1d(np.arange(len(n)), in_)
    removed = np.setdiff1d(np.arange(len(o)), io)
    d.changes += [FeatureChange("added", str(ids_n[i]), system=str(sys_n[i])) for i in added]
    d.changes += [FeatureChange("removed", str(ids_o[i]), str(ids_o[i]), system=str(sys_o[i])) for i in removed]
    if (shapely.get_type_id(n.geometry.to_numpy()) == 1).any() or (shapely.get_type_id(o.geometry.to_numpy()) == 1).any():
        d.length_old_m = float(shapely.length(o.geometry.to_numpy()).sum())
        d.length_new_m = float(shapely.length(n.geometry.to_numpy()).sum())
    changed_pos = np.flatnonzero(any_change)
    geoms = np.concatenate([b.geometry.to_numpy()[changed_pos], n.geometry.to_numpy()[added],
                            o.geometry.to_numpy()[removed]])
    d.frame = gpd.GeoDataFrame({"layer": name, "id": [c.id for c in d.changes],
                                "change": [c.change for c in d.changes],
                                "details": [c.details() for c in d.changes]},
                               geometry=list(geoms), crs=new_rec.data.crs)
    return d


def check_changes(old: dict | None, new: dict | None) -> list[dict]:
    """Per rule: status and number of issues before and after (only the rules whose verdict moved)."""
    if not old or not new:
        return []
    a = {r["rule"]: r for r in old.get("results", [])}
    b = {r["rule"]: r for r in new.get("results", [])}
    out = []
    for rule in sorted(set(a) | set(b)):
        ra, rb = a.get(rule, {}), b.get(rule, {})
        sa, sb = ra.get("status", "—"), rb.get("status", "—")
        na, nb = len(ra.get("issues", [])), len(rb.get("issues", []))
        if (sa, na) != (sb, nb):
            title = (rb or ra).get("title", {})
            out.append({"rule": rule, "old": sa, "new": sb, "issues_old": na, "issues_new": nb,
                        "title_vi": title.get("vi", ""), "title_en": title.get("en", "")})
    return out


def diff_plans(old, new, *, old_results: dict | None = None, new_results: dict | None = None,
               old_label: str = "", new_label: str = "", min_iou: float = 0.5, tolerance: float = 1.0,
               feedback: Feedback | None = None) -> PlanDiff:
    """Compare two projects' vector layers (paired by layer name) and, given, their check results."""
    fb = feedback or Feedback()
    pd_ = PlanDiff(old_label or old.metadata.version or "old", new_label or new.metadata.version or "new")
    olds = {r.name: r for r in old.layers.values() if r.kind == "vector"}
    news = {r.name: r for r in new.ordered_layers() if r.kind == "vector"}
    pd_.layers_added = [n for n in news if n not in olds]
    pd_.layers_removed = [n for n in olds if n not in news]
    names = [n for n in news if n in olds]
    for i, name in enumerate(names):
        fb.raise_if_canceled("plan comparison")
        pd_.layers.append(diff_layer(name, olds[name], news[name], min_iou=min_iou, tolerance=tolerance))
        fb.set_progress((i + 1) / max(len(names), 1))
    pd_.checks = check_changes(old_results, new_results)
    if old_results and new_results:
        pd_.verdict = {"old": old_results.get("verdict", {}), "new": new_results.get("verdict", {})}
    return pd_
