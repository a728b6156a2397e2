"""Use case: merge IFC buildings into a GIS building layer (one undoable macro) → :class:`MergeReport`."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from cim.commands import Command
from cim.errors import CimInputError
from cim.merge.matching import footprint_pairs, nearest
from cim.merge.report import MergeConflict, MergeLink, MergeReport


class ReplaceLayerData(Command):
    """Swap a layer's data (a vector frame, or an IFC model's footprints) for a new one; undo swaps back."""

    def __init__(self, project, layer_id: str, new, text: str) -> None:
        self.project, self.layer_id, self.new, self.text = project, layer_id, new, text
        rec = project.layer(layer_id)
        self.old = rec.data.buildings if rec.kind == "ifc" else rec.data

    def _set(self, frame) -> None:
        rec = self.project.layer(self.layer_id)
        if rec.kind == "ifc":
            rec.data.buildings = frame
        else:
            rec.data = frame
        self.project.mark_dirty(self.layer_id)
        self.project.features_changed.emit(self.layer_id, None)

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)


def _bbox(*geoms) -> tuple[float, float, float, float] | None:
    import shapely

    g = [x for x in geoms if x is not None and not x.is_empty]
    return tuple(float(v) for v in shapely.total_bounds(g)) if g else None


def merge_ifc_buildings(project, ifc_layers: list[str] | str, gis_layer: str, *, min_iou: float = 0.5,
                        good_iou: float = 0.9, height_tol_m: float = 1.5, height_tol_rel: float = 0.1,
                        offset_search_m: float = 60.0) -> MergeReport:
    """Link each IFC building to the GIS footprint it overlaps best (IoU ≥ ``min_iou``), record
    provenance on both sides and list the conflicts. Pushes one macro command."""
    import pandas as pd

    ifc_ids = [ifc_layers] if isinstance(ifc_layers, str) else list(ifc_layers)
    ifc_recs = [project.find_layer(i) for i in ifc_ids]
    gis = project.find_layer(gis_layer)
    for r in ifc_recs:
        if r.kind != "ifc":
            raise CimInputError(project.path, f"layer {r.name!r} is not an IFC model", obj=r.name)
    if gis.kind != "vector" or "cim_id" not in gis.data.columns:
        raise CimInputError(project.path, f"layer {gis.name!r} is not a building layer with cim_id",
                            obj=gis.name, hint="merge into the GIS buildings layer")
    frames = []
    for r in ifc_recs:
        b = r.data.buildings
        frames.append(pd.DataFrame({"layer": r.id, "row": b.index, "guid": b["ifc_guid"].to_numpy(),
                                    "height": b["height_m"].to_numpy(dtype=float), "geometry": b.geometry.to_numpy(),
                                    "file": Path(r.data.path).name}))
    ifc = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    has_geom = ifc["geometry"].map(lambda g: g is not None and not g.is_empty).to_numpy()
    ifc_geoms = ifc["geometry"].to_numpy()
    gis_geoms = gis.data.geometry.to_numpy()
    pairs = footprint_pairs(np.where(has_geom, ifc_geoms, None), gis_geoms)
    linked = pairs.best_iou >= min_iou
    report = MergeReport(", ".join(r.name for r in ifc_recs), gis.name, min_iou)
    gis_ids = gis.data["cim_id"].astype(str).to_numpy()
    gis_h = gis.data["height_m"].to_numpy(dtype=float) if "height_m" in gis.data else np.full(len(gis_ids), np.nan)
    near_idx, near_d = nearest(np.where(linked | ~has_geom, None, ifc_geoms), gis_geoms, offset_search_m)
    for k in range(len(ifc)):
        guid, g = ifc.at[k, "guid"], ifc_geoms[k]
        if not linked[k]:
            j = near_idx[k]
            if j >= 0:
                d = float(near_d[k])
                report.conflicts.append(MergeConflict(
                    "offset", guid, gis_ids[j], f"IFC building lies {d:.1f} m from GIS footprint {gis_ids[j]} "
                    f"(IoU {pairs.best_iou[k]:.2f}): check its georeferencing.",
                    f"Công trình IFC lệch {d:.1f} m so với footprint GIS {gis_ids[j]}: kiểm tra định vị.",
                    float(pairs.best_iou[k]), d, _bbox(g, gis_geoms[j])))
            else:
                report.conflicts.append(MergeConflict(
                    "unmatched_ifc", guid, "", "IFC building matches no GIS footprint.",
                    "Công trình IFC không khớp với footprint GIS nào.", float(pairs.best_iou[k]), None, _bbox(g)))
            continue
        j, iou = int(pairs.best_gis[k]), float(pairs.best_iou[k])
        h_i, h_g = float(ifc.at[k, "height"]), float(gis_h[j])
        prov = f"GIS {gis.name}:{gis_ids[j]} + IFC {ifc.at[k, 'file']}:{guid} (IoU {iou:.3f})"
        report.links.append(MergeLink(guid, gis_ids[j], iou, _num(h_i), _num(h_g), prov))
        if iou < good_iou:
            report.conflicts.append(MergeConflict(
                "footprint_mismatch", guid, gis_ids[j], f"Footprints overlap only with IoU {iou:.2f} (< {good_iou}).",
                f"Footprint chỉ trùng IoU {iou:.2f} (< {good_iou}).", iou, None, _bbox(g, gis_geoms[j])))
        if np.isfinite(h_i) and np.isfinite(h_g) and abs(h_i - h_g) > max(height_tol_m, height_tol_rel * h_g):
            report.conflicts.append(MergeConflict(
                "height_disagreement", guid, gis_ids[j], f"IFC height {h_i:.1f} m, GIS height {h_g:.1f} m.",
                f"Chiều cao IFC {h_i:.1f} m, GIS {h_g:.1f} m.", iou, None, _bbox(g)))
    best = pairs.best_gis[linked]
    uniq, counts = np.unique(best, return_counts=True)
    for j in uniq[counts > 1]:
        guids = ifc["guid"].to_numpy()[linked][best == j]
        report.conflicts.append(MergeConflict(
            "duplicate", ",".join(guids), gis_ids[j], f"{len(guids)} IFC buildings match GIS footprint {gis_ids[j]}.",
            f"{len(guids)} công trình IFC cùng khớp footprint {gis_ids[j]}.", None, None, _bbox(gis_geoms[j])))
    _unmatched_gis(report, gis, ifc, set(best.tolist()))
    _push(project, gis, ifc_recs, ifc, linked, pairs, gis_ids, report)
    return report


def _num(v: float) -> float | None:
    return float(v) if np.isfinite(v) else None


def _unmatched_gis(report: MergeReport, gis, ifc, matched: set[int]) -> None:
    """GIS buildings that name an imported IFC file in ``ifc_file`` but got no IFC building."""
    if "ifc_file" not in gis.data.columns or not len(ifc):
        return
    files = set(ifc["file"])
    names = gis.data["ifc_file"].fillna("").astype(str).map(lambda s: Path(s).name if s else "").to_numpy()
    want = np.isin(names, list(files))
    for j in np.flatnonzero(want):
        if j not in matched:
            cid = str(gis.data["cim_id"].iloc[j])
            report.conflicts.append(MergeConflict(
                "unmatched_gis", "", cid, f"GIS building {cid} names {names[j]} but no IFC building lies on it.",
                f"Công trình GIS {cid} ghi tệp {names[j]} nhưng không có công trình IFC nào trùng.",
                None, None, _bbox(gis.data.geometry.iloc[j])))


def _push(project, gis, ifc_recs, ifc, linked, pairs, gis_ids, report) -> None:
    new_gis = gis.data.copy()
    for col, default in (("ifc_guid", ""), ("ifc_file", ""), ("ifc_iou", np.nan), ("provenance", "")):
        if col not in new_gis.columns:
            new_gis[col] = default
    pos = np.flatnonzero(linked)
    j = pairs.best_gis[pos]
    rows = new_gis.index[j]
    new_gis.loc[rows, "ifc_guid"] = ifc["guid"].to_numpy()[pos]
    files = {r.id: r.data.path for r in ifc_recs}
    new_gis.loc[rows, "ifc_file"] = ifc["layer"].map(files).to_numpy()[pos]
    new_gis.loc[rows, "ifc_iou"] = pairs.best_iou[pos]
    new_gis.loc[rows, "provenance"] = [lk.provenance for lk in report.links]
    cim_of = dict(zip(ifc["guid"].to_numpy()[pos], gis_ids[j]))
    with project.undo_stack.macro(f"Merge IFC buildings into {gis.name}"):
        project.push(ReplaceLayerData(project, gis.id, new_gis, f"Link IFC buildings to {gis.name}"))
        for r in ifc_recs:
            b = r.data.buildings.copy()
            b["cim_id"] = b["ifc_guid"].map(cim_of).fillna("")
            b["merge_status"] = np.where(b["cim_id"] != "", "linked", "conflict")
            project.push(ReplaceLayerData(project, r.id, b, f"Link {r.name} to GIS"))
            for d in [x for x in project.layers.values() if x.source.get("ifc_layer") == r.id]:
                if "building_guid" in d.data.columns and "building_id" in d.data.columns:
                    nd = d.data.copy()
                    nd["building_id"] = nd["building_guid"].map(cim_of).fillna(nd["building_id"])
                    project.push(ReplaceLayerData(project, d.id, nd, f"Link {d.name} to buildings"))
