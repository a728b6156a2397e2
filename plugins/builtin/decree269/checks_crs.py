"""CRS-01/02/03: the project's and every layer's CRS against the VN-2000 catalogue (``cim.crs``)."""

from __future__ import annotations

from cim.checks.base import CheckSkipped


def _layer_crs(rec):
    if rec.crs:
        return rec.crs
    data = rec.data
    crs = getattr(data, "crs", None)
    return crs.to_string() if hasattr(crs, "to_string") else crs


def _findings(ctx, rule: str) -> list:
    from cim.crs.checks import check_layer_crs
    from cim.errors import CimInputError

    ctx.read("crs")
    ctx.read("metadata")
    province = ctx.province or None
    try:
        if province:
            check_layer_crs(None, province=province)
    except CimInputError:
        province = None           # an unknown province is META-01's business, not the layer's
    if rule == "CRS-02" and not province:
        raise CheckSkipped("Chưa khai báo tỉnh của đồ án: không thể kiểm tra kinh tuyến trục.",
                           "The plan's province is not declared: the central meridian cannot be checked.")
    out = []
    targets = [(None, ctx.project.crs, "(dự án)", "(project)")]
    for rec in ctx.project.ordered_layers():
        if rec.kind in ("vector", "raster"):
            ctx.inputs.add(rec.id)
            targets.append((rec, _layer_crs(rec), rec.name, rec.name))
    seen = set()
    for rec, crs, _name_vi, name_en in targets:
        for f in check_layer_crs(crs, province=province, layer=name_en):
            if f.code != rule or (rec is None and (f.code, f.message.en) in seen):
                continue
            seen.add((f.code, f.message.en))
            out.append(ctx.project_issue(f.message.vi, f.message.en, layer=rec, evidence={"crs": str(crs)}))
    return out


def crs01(ctx, feedback):
    return _findings(ctx, "CRS-01")


def crs02(ctx, feedback):
    return _findings(ctx, "CRS-02")


def crs03(ctx, feedback):
    return _findings(ctx, "CRS-03")
