"""ID-01, ID-02, FMT-01, META-01, PLN-01: the plan's identity, metadata, level/scale and file formats."""

from __future__ import annotations

import re
from pathlib import Path

from cim.checks.base import CheckSkipped
from layers.kinds import has_table


def id01(ctx, feedback):
    ctx.read("metadata")
    md = ctx.project.metadata
    pid = (md.plan_id or "").strip()
    if not pid:
        return [ctx.project_issue("Đồ án chưa có mã định danh (plan_id) trong siêu dữ liệu.",
                                  "The plan has no identifier (plan_id) in its metadata.")]
    out = []
    pattern = ctx.params.get("pattern") or ""
    if pattern and not re.fullmatch(pattern, pid):
        out.append(ctx.project_issue(f"Mã đồ án “{pid}” không đúng mẫu {pattern}.",
                                     f"Plan id '{pid}' does not match the pattern {pattern}.", evidence={"plan_id": pid}))
    for sel in ctx.select("boundary"):
        df = sel.rec.data
        if "plan_id" in df.columns:
            vals = df["plan_id"].astype("string").fillna("").str.strip()
            bad = ((vals != "") & (vals != pid)).to_numpy()
            out += ctx.issues_for(sel.rec, bad, "Ranh giới {id} mang mã đồ án “{other}” khác “" + pid + "”",
                                  "Boundary {id} carries plan id '{other}', not '" + pid + "'",
                                  values={"other": vals.to_numpy(dtype=object)})
    ctx.record(plan_id=pid)
    return out


def id02(ctx, feedback):
    import numpy as np

    p = ctx.params
    sels = [s for k in p.get("project_kinds", []) for s in ctx.select(k)]
    sels += [s for name in p.get("project_layers", []) for s in ctx.select("", layer=name)]
    ref_fields = p.get("reference_fields", ["project_id"])
    referencing = [(s, f) for s in ctx.select("plot") + ctx.select("building") for f in ref_fields
                   if f in s.rec.data.columns]
    if not sels and not any(s.rec.data[f].notna().any() for s, f in referencing):
        raise CheckSkipped("Dữ liệu không có dự án đầu tư phát triển nào.", "The data holds no development project.")
    out, known = [], set()
    for sel in sels:
        df = sel.rec.data
        field = next((f for f in p.get("id_fields", ["project_id", "cim_id"]) if f in df.columns), None)
        vals = df[field].astype("string").fillna("").str.strip() if field else None
        if vals is None:
            out.append(ctx.project_issue(f"Lớp “{sel.rec.name}” không có trường mã dự án.",
                                         f"Layer '{sel.rec.name}' has no project id field.", layer=sel.rec))
            continue
        empty = (vals == "").to_numpy()
        dup = vals.duplicated(keep=False).to_numpy() & ~empty
        out += ctx.issues_for(sel.rec, empty, "Dự án {id} chưa có mã định danh", "Project {id} has no identifier")
        out += ctx.issues_for(sel.rec, dup, "Mã dự án {value} bị trùng", "Project id {value} is not unique",
                              values={"value": vals.to_numpy(dtype=object)})
        known |= set(vals[~empty])
    for sel, f in referencing:
        vals = sel.rec.data[f].astype("string").fillna("").str.strip()
        bad = ((vals != "") & ~vals.isin(known)).to_numpy()
        if sels:
            shown = np.full(len(vals), "", dtype=object)      # the values of the flagged rows only
            shown[bad] = vals[bad].to_numpy(dtype=object)
            out += ctx.issues_for(sel.rec, bad, "{id} tham chiếu dự án {value} không có trong danh mục dự án",
                                  "{id} refers to project {value}, which is not in the project list",
                                  values={"value": shown})
    ctx.record(projects=len(known))
    return out


def fmt01(ctx, feedback):
    allowed = tuple(e.lower() for e in ctx.params.get("open_extensions", []))
    out = []
    seen = set()

    def bad(name: str) -> bool:
        n = name.lower()
        return bool(Path(n).suffix) and not n.endswith(allowed)
    for rec in ctx.project.ordered_layers():
        ctx.inputs.add(rec.id)
        path = str((rec.source or {}).get("path") or "")
        if path and bad(path) and path not in seen:
            seen.add(path)
            out.append(ctx.project_issue(
                f"Lớp “{rec.name}” lấy từ tệp định dạng không mở: {Path(path).name}. Hãy giao nộp ở GPKG/GeoJSON/CityJSON/IFC/CSV.",
                f"Layer '{rec.name}' comes from a file in a non-open format: {Path(path).name}. Deliver GPKG/GeoJSON/CityJSON/IFC/CSV.",
                layer=rec, evidence={"path": path}))
        if has_table(rec) and "ifc_file" in rec.data.columns:
            files = rec.data["ifc_file"].astype("string").fillna("").str.strip()
            names = sorted(set(files[files != ""]))
            for name in names:
                if bad(name) and name not in seen:
                    seen.add(name)
                    mask = (files == name).to_numpy()
                    out += ctx.issues_for(rec, mask, "{id}: mô hình “" + name + "” không ở định dạng IFC mở",
                                          "{id}: model '" + name + "' is not in the open IFC format")
    return out


def meta01(ctx, feedback):
    from cim.project.metadata import METADATA_LABELS

    ctx.read("metadata")
    ctx.read("crs")
    md = ctx.project.metadata
    missing = md.missing()
    out = []
    if missing:
        vi = ", ".join(METADATA_LABELS.get(m, (m, m))[0] for m in missing)
        en = ", ".join(METADATA_LABELS.get(m, (m, m))[1] for m in missing)
        out.append(ctx.project_issue(f"Siêu dữ liệu còn thiếu: {vi}.", f"Metadata missing: {en}.",
                                     evidence={"missing": missing}))
    if not (ctx.project.crs or "").strip():
        out.append(ctx.project_issue("Dự án chưa khai báo hệ tọa độ.", "The project declares no CRS."))
    if md.level and md.level not in ("chung", "phan_khu", "chi_tiet"):
        out.append(ctx.project_issue(f"Cấp độ quy hoạch “{md.level}” không hợp lệ (chung, phan_khu, chi_tiet).",
                                     f"Plan level '{md.level}' is not one of chung, phan_khu, chi_tiet."))
    ctx.record(missing=missing)
    return out


def pln01(ctx, feedback):
    ctx.read("metadata")
    md = ctx.project.metadata
    if not md.level or not md.scale:
        raise CheckSkipped("Chưa khai báo cấp độ hoặc tỷ lệ quy hoạch (xem META-01).",
                           "Plan level or scale not declared (see META-01).")
    scales = ctx.params.get("scales", {})
    rng = scales.get(md.level)
    if rng is None:
        raise CheckSkipped(f"Cấp độ “{md.level}” không có trong bảng tỷ lệ.", f"Level '{md.level}' has no scale range.")
    lo, hi = rng
    ctx.record(level=md.level, scale=md.scale, allowed=[lo, hi])
    if lo <= int(md.scale) <= hi:
        return []
    rng_txt = f"1/{lo:,}".replace(",", " ") + ("" if lo == hi else f"–1/{hi:,}".replace(",", " "))
    return [ctx.project_issue(f"Tỷ lệ 1/{md.scale} không phù hợp cấp độ “{md.level}” (cần {rng_txt}).",
                              f"Scale 1:{md.scale} does not fit plan level '{md.level}' (expected {rng_txt}).",
                              evidence={"level": md.level, "scale": md.scale})]
