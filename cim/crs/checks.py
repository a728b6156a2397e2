"""CRS checks for the appraisal rule pack: CRS-01, CRS-02 and CRS-03 as pure functions.

``check_layer_crs(crs, province)`` returns findings with Vietnamese and English messages that name
the CRS and say what to do. Citations (Decree 269/2025/NĐ-CP Art. 21.3(a) …) belong to the rule pack,
not to these messages.

* CRS-01 (error): no CRS, an unreadable one, or one not on the VN-2000 datum.
* CRS-02 (warning): a TM-3 projection (k = 0.9999, false easting 500 000 m) whose central meridian is
  not one of the plan province's allowed meridians (its own, or a legacy province merged into it in
  2025). UTM and geographic VN-2000 CRSs are not TM-3 and are not judged; without a province CRS-02 is
  not evaluated.
* CRS-03 (warning): a towgs84 shift that is not EPSG:6960 in the position-vector convention
  (see :mod:`cim.crs.proj_check`).

An unknown ``province`` raises :class:`cim.errors.CimInputError` (the plan metadata is wrong, not the
layer).
"""

from __future__ import annotations

from typing import Any

from cim.crs import proj_check
from cim.crs.catalogue import Province, format_meridian, get_province, legacy_provinces, zone_for_epsg
from cim.findings import Finding
from cim.text import Text

ERROR = "E"
WARNING = "W"


def _finding(rule: str, severity: str, message_vi: str, message_en: str) -> Finding:
    """A CRS-01/02/03 finding as the one :class:`cim.findings.Finding` (code = rule id)."""
    return Finding(severity, rule, Text(message_vi, message_en))


def _layer(layer: str | None) -> tuple[str, str]:
    if layer:
        return f"Lớp “{layer}”", f"Layer “{layer}”"
    return "Lớp dữ liệu", "The layer"


def _province_names(prov: Province) -> tuple[str, str]:
    en_kind = "city" if prov.kind == "thành phố" else "province"
    return f"{prov.kind} {prov.name}", f"{prov.name} {en_kind}"


def _suggest(prov: Province | None) -> tuple[str, str]:
    if prov is None:
        return ("mã TM-3 theo kinh tuyến trục của tỉnh, một trong EPSG:9205–9218, 5899, 5896–5898",
                "the TM-3 code of the province's central meridian, one of EPSG:9205–9218, 5899, 5896–5898")
    zone = zone_for_epsg(prov.zones.default)
    vi_name, en_name = _province_names(prov)
    return (f"EPSG:{zone.epsg} – {zone.name} cho {vi_name}", f"EPSG:{zone.epsg} – {zone.name} for {en_name}")


def _label(raw: Any, parsed: Any) -> str:
    zone = zone_for_epsg(raw) if isinstance(raw, int | str) and not isinstance(raw, bool) else None
    if zone is not None:
        return f"{zone.name} (EPSG:{zone.epsg})"
    if isinstance(raw, str) and proj_check.is_text_crs(raw) and raw.lstrip().startswith(("+", "proj")):
        text = " ".join(raw.split())
        return f"“{text[:117]}…”" if len(text) > 120 else f"“{text}”"
    from cim.crs import _inspect

    return _inspect.describe(parsed)


def _missing(layer: str | None, prov: Province | None) -> Finding:
    lv, le = _layer(layer)
    sv, se = _suggest(prov)
    return _finding(
        "CRS-01", ERROR,
        f"{lv} chưa khai báo hệ tọa độ. Hãy khai báo hệ tọa độ VN-2000 của dữ liệu, ví dụ {sv}.",
        f"{le} has no coordinate reference system. Declare the data's VN-2000 CRS, e.g. {se}.")


def _unreadable(raw: Any, layer: str | None, prov: Province | None) -> Finding:
    lv, le = _layer(layer)
    sv, se = _suggest(prov)
    text = " ".join(str(raw).split())[:120]
    return _finding(
        "CRS-01", ERROR,
        f"Không đọc được hệ tọa độ “{text}” của {lv[0].lower() + lv[1:]}. "
        f"Hãy khai báo bằng mã EPSG hoặc WKT, ví dụ {sv}.",
        f"The CRS “{text}” of {le[0].lower() + le[1:]} cannot be read. "
        f"Declare it as an EPSG code or WKT, e.g. {se}.")


def _not_vn2000(label: str, parsed: Any, layer: str | None, prov: Province | None) -> Finding:
    from cim.crs import _inspect

    lv, le = _layer(layer)
    sv, se = _suggest(prov)
    geod = _inspect.unbound(_inspect.horizontal(parsed)).geodetic_crs
    datum = geod.datum.name if geod is not None and geod.datum is not None else "?"
    extra_vi = extra_en = ""
    if _inspect.has_hn72_datum(parsed):
        extra_vi = " HN-72 là hệ tọa độ cũ đã được VN-2000 thay thế."
        extra_en = " HN-72 is the older datum VN-2000 replaced."
    elif datum.lower().startswith("unknown based on wgs 84") and _inspect.bound_helmert(parsed) is None:
        extra_vi = " Chuỗi này chỉ nêu ellipsoid WGS 84, không nêu datum nên không thể coi là VN-2000."
        extra_en = " It names only the WGS 84 ellipsoid, no datum, so it cannot be taken as VN-2000."
    elif _inspect.bound_helmert(parsed) is not None:
        extra_vi = " Tham số towgs84 của nó không phải phép chuyển VN-2000 → WGS 84."
        extra_en = " Its towgs84 is not a VN-2000 → WGS 84 shift."
    return _finding(
        "CRS-01", ERROR,
        f"Hệ tọa độ {label} của {lv[0].lower() + lv[1:]} không thuộc hệ quy chiếu VN-2000 "
        f"(datum: {datum}).{extra_vi} Hãy tính chuyển dữ liệu sang VN-2000, ví dụ {sv}; "
        "không chỉ gán lại mã EPSG vì tọa độ sẽ bị sai lệch.",
        f"The CRS {label} of {le[0].lower() + le[1:]} is not on the VN-2000 datum (datum: {datum})."
        f"{extra_en} Reproject the data to VN-2000, e.g. {se}; do not merely relabel the EPSG code, "
        "the coordinates would be wrong.")


def _allowed_text(prov: Province) -> tuple[str, str]:
    by_code: dict[int, list[str]] = {}
    for old in legacy_provinces():
        if old.name in prov.legacy:
            by_code.setdefault(old.epsg, []).append(old.name)
    vi, en = [], []
    for code in prov.zones.allowed:
        zone = zone_for_epsg(code)
        names = by_code.get(code, [])
        who_vi = ", ".join(n if n == prov.legacy[0] else f"{n} cũ" for n in names)
        who_en = ", ".join(n if n == prov.legacy[0] else f"former {n}" for n in names)
        vi.append(f"{zone.meridian_dm} (EPSG:{code}, {who_vi})")
        en.append(f"{zone.meridian_dm} (EPSG:{code}, {who_en})")
    return "; ".join(vi), "; ".join(en)


def _wrong_meridian(label: str, meridian: float, layer: str | None, prov: Province) -> Finding:
    lv, le = _layer(layer)
    pv, pe = _province_names(prov)
    av, ae = _allowed_text(prov)
    default = zone_for_epsg(prov.zones.default)
    m = format_meridian(meridian)
    alt_vi = " hoặc kinh tuyến trục của tỉnh cũ chứa khu vực quy hoạch" if prov.merged else ""
    alt_en = " or the meridian of the legacy province the plan area lies in" if prov.merged else ""
    return _finding(
        "CRS-02", WARNING,
        f"{lv} dùng hệ tọa độ {label}, múi chiếu TM-3 kinh tuyến trục {m}, không thuộc các kinh tuyến "
        f"trục cho phép của {pv}: {av}. Hãy dùng EPSG:{default.epsg} – {default.name}{alt_vi}, "
        "và kiểm tra lại tỉnh/thành phố khai báo trong đồ án.",
        f"{le} uses the CRS {label}, a TM-3 projection with central meridian {m}, which is not allowed "
        f"for {pe}: {ae}. Use EPSG:{default.epsg} – {default.name}{alt_en}, "
        "and check the province declared for the plan.")


def _towgs(label: str, f: proj_check.TowgsDiagnosis, layer: str | None, prov: Province | None) -> Finding:
    lv, le = _layer(layer)
    lvl, lel = lv[0].lower() + lv[1:], le[0].lower() + le[1:]
    sv, se = _suggest(prov)
    fix_vi = (f"Hãy dùng mã EPSG hoặc WKT thay cho chuỗi tự gõ, ví dụ {sv}; "
              f"hoặc sửa thành +towgs84={f.expected} (EPSG:6960).")
    fix_en = (f"Use an EPSG code or WKT instead of a hand-typed string, e.g. {se}; "
              f"or correct it to +towgs84={f.expected} (EPSG:6960).")
    err, err_vi = f"{f.error_m:.2f}", f"{f.error_m:.2f}".replace(".", ",")
    if f.kind == proj_check.UNFLIPPED:
        vi = (f"Hệ tọa độ {label} của {lvl} ghi towgs84 với ba góc xoay giữ nguyên dấu công bố của "
              "EPSG:6960 (quy ước Coordinate Frame), trong khi towgs84 dùng quy ước Position Vector: "
              f"vị trí lệch khoảng {err_vi} m ở Hà Nội.")
        en = (f"The CRS {label} of {lel} carries towgs84 with EPSG:6960's published rotation signs "
              "(coordinate-frame convention), but towgs84 is read as position vector: positions are "
              f"off by about {err} m near Hà Nội.")
    elif f.kind == proj_check.THREE_PARAMETER:
        vi = (f"Hệ tọa độ {label} của {lvl} chỉ dùng 3 tham số dịch chuyển (towgs84 gần đúng): lệch "
              f"khoảng {err_vi} m so với phép chuyển 7 tham số EPSG:6960 ở Hà Nội.")
        en = (f"The CRS {label} of {lel} uses a 3-parameter (translation-only) towgs84, an "
              f"approximation {err} m off the 7-parameter EPSG:6960 near Hà Nội.")
    elif f.kind == proj_check.NOT_EPSG_6960:
        vi = (f"Tham số towgs84 của hệ tọa độ {label} ({lvl}) không khớp EPSG:6960 theo quy ước nào: "
              f"lệch khoảng {err_vi} m ở Hà Nội.")
        en = (f"The towgs84 of the CRS {label} ({lel}) matches EPSG:6960 in neither convention: "
              f"about {err} m off near Hà Nội.")
    else:
        vi = f"Tham số towgs84 của hệ tọa độ {label} ({lvl}) không hợp lệ: cần 3 hoặc 7 số."
        en = f"The towgs84 of the CRS {label} ({lel}) is malformed: it needs 3 or 7 numbers."
    return _finding("CRS-03", WARNING, f"{vi} {fix_vi}", f"{en} {fix_en}")


def check_layer_crs(crs: Any, province: str | Province | None = None, *,
                    layer: str | None = None) -> list[Finding]:
    """CRS-01/02/03 findings for one layer's CRS (any pyproj input, or None); empty list when fine.

    ``province``: the plan's province, 2025 or legacy name in any spelling (a legacy name stands for
    the 2025 province that absorbed it). ``layer``: the layer's name, used in the messages.
    """
    from pyproj.exceptions import CRSError

    from cim.crs import _inspect

    prov = get_province(province) if province is not None else None
    if crs is None or (isinstance(crs, str) and not crs.strip()):
        return [_missing(layer, prov)]
    try:
        parsed = _inspect.to_crs(crs)
    except (CRSError, TypeError, ValueError):
        return [_unreadable(crs, layer, prov)]
    label = _label(crs, parsed)
    if not _inspect.is_vn2000_crs(parsed):
        return [_not_vn2000(label, parsed, layer, prov)]
    findings: list[Finding] = []
    if prov is not None:
        tm = _inspect.transverse_mercator(parsed)
        allowed = {round(m * 60) for m in prov.zones.meridians}
        if tm is not None and tm.is_tm3 and round(tm.central_meridian * 60) not in allowed:
            findings.append(_wrong_meridian(label, tm.central_meridian, layer, prov))
    towgs = proj_check.check_towgs84(crs)
    if towgs is not None:
        findings.append(_towgs(label, towgs, layer, prov))
    return findings
