"""Draft an appraisal opinion from a *verified* appraisal package: the plan metadata and the consultant's
signature from the manifest, the integration level per smart system and the findings from the packaged
check results (checked against the manifest hashes again when read)."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from pathlib import Path

from cim.appraisal.opinion import Opinion, OpinionItem, SystemLevel
from cim.errors import CimInputError
from cim.findings import Finding, LegalBasis
from cim.text import Text

LEVELS = ("chung", "phan_khu", "chi_tiet")
LEVEL_VI = {"chung": "quy hoạch chung", "phan_khu": "quy hoạch phân khu", "chi_tiet": "quy hoạch chi tiết"}
MAX_ISSUES = 8          # issue lines quoted per finding (the rest are counted)


def _package_members(pkg: Path, report) -> tuple[dict, dict]:
    """The manifest and the check results, re-read and re-hashed against what verify accepted."""
    import zipfile

    from cim.package.build import MANIFEST, RESULTS

    with zipfile.ZipFile(pkg) as zf:
        blob = zf.read(MANIFEST)
        if report.manifest_sha256 and hashlib.sha256(blob).hexdigest() != report.manifest_sha256:
            raise CimInputError(pkg, "the package changed on disk after it was verified", hint="verify it again")
        manifest = json.loads(blob)
        entry = next((f for f in manifest.get("files", []) if f["path"] == RESULTS), None)
        if entry is None:
            raise CimInputError(pkg, "the package holds no check results",
                                hint="ask the consultant for a package built with the checks")
        data = zf.read(RESULTS)
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise CimInputError(pkg, "the check results do not match the signed manifest", obj=RESULTS)
    return manifest, json.loads(data)


def _systems(integration: dict) -> list[SystemLevel]:
    from cim.model.taxonomy import element_types

    names = element_types()

    def vi(codes):
        return [names[c].name_vi if c in names else c for c in codes]
    out = []
    for code, s in (integration.get("systems") or {}).items():
        out.append(SystemLevel(code, s["name"]["vi"], s["name"]["en"], float(s.get("score", 0.0)),
                               s.get("level", {}).get("vi", ""), s.get("level", {}).get("en", ""),
                               vi(s.get("types_present", [])), vi(s.get("types_missing", []))))
    return out


def _findings(results: dict, severities: str) -> list[OpinionItem]:
    """One item per failed rule: its findings (read with :meth:`Finding.from_dict`, which also reads results
    packaged before Finding was the one type) summed up under the rule's title and legal basis."""
    out = []
    for r in results.get("results", []):
        if r.get("status") != "fail" or r.get("severity") not in severities:
            continue
        found = [Finding.from_dict({"severity": r["severity"], **i}) for i in r.get("issues", [])]
        found = [f for f in found if f.severity in severities]
        if not found:
            continue
        lines = [f.message for f in found[:MAX_ISSUES]]
        if len(found) > MAX_ISSUES:
            lines.append(Text(f"… và {len(found) - MAX_ISSUES} nội dung khác", f"… and {len(found) - MAX_ISSUES} more"))
        ids = tuple(sorted({o for f in found for o in f.objects}))
        item = Finding(r["severity"], r["rule"], Text.of(r["title"]), ids, legal_basis=LegalBasis.from_dict(r.get("legal_basis")))
        out.append(OpinionItem(f"F{len(out) + 1:02d}", item, lines))
    return out


def recommendations_for(op: Opinion) -> list[str]:
    """Kiến nghị drafted from the accepted findings and the weak systems (the appraiser edits them)."""
    out = []
    must = [f"{f.id} ({f.rule})" for f in op.accepted() if f.severity == "E"]
    should = [f"{f.id} ({f.rule})" for f in op.accepted() if f.severity != "E"]
    if must:
        out.append(f"Chỉnh sửa, bổ sung bắt buộc các nội dung nêu tại mục III: {', '.join(must)}.")
    if should:
        out.append(f"Xem xét, hoàn thiện các nội dung khuyến nghị nêu tại mục III: {', '.join(should)}.")
    for s in op.systems:
        if s.score < 0.5 and s.missing:
            out.append(f"Bổ sung nội dung {s.name_vi[0].lower() + s.name_vi[1:]}: "
                       f"{', '.join(m[0].lower() + m[1:] for m in s.missing)}.")
    out.append("Cập nhật mô hình thông tin đô thị (CIM) và gửi lại hồ sơ thẩm định đã ký số cho Sở Xây dựng.")
    return out


def conclusion_for(op: Opinion) -> tuple[str, str]:
    pct = f"{op.overall * 100:.0f}%"
    name = op.plan.get("name") or op.plan.get("plan_id", "")
    if op.needs_correction():
        n = sum(1 for f in op.accepted() if f.severity == "E")
        return (f"Mức độ lồng ghép nội dung đô thị thông minh của đồ án “{name}”: {op.overall_level_vi.lower()} "
                f"({pct}). Đồ án chưa đủ điều kiện trình phê duyệt: còn {n} nội dung bắt buộc phải chỉnh sửa. "
                "Đề nghị đơn vị tư vấn chỉnh sửa, bổ sung theo các nội dung nêu trên.",
                f"Integration of smart-city content in the plan '{op.plan.get('name_en') or name}': "
                f"{op.overall_level_en.lower()} ({pct}). The plan is not ready for approval: {n} mandatory "
                "item(s) must be corrected. The consultant is asked to correct and complete it as set out above.")
    return (f"Mức độ lồng ghép nội dung đô thị thông minh của đồ án “{name}”: {op.overall_level_vi.lower()} "
            f"({pct}). Đồ án cơ bản đáp ứng yêu cầu lồng ghép nội dung đô thị thông minh theo Nghị định "
            "269/2025/NĐ-CP; đề nghị tiếp thu các kiến nghị nêu trên trước khi trình phê duyệt.",
            f"Integration of smart-city content in the plan '{op.plan.get('name_en') or name}': "
            f"{op.overall_level_en.lower()} ({pct}). The plan broadly meets the integration requirements of "
            "Decree 269/2025/NĐ-CP; the recommendations above should be taken up before approval.")


def refresh_conclusion(op: Opinion) -> Opinion:
    """Re-draft the recommendations and the conclusion after decisions changed."""
    op.recommendations = recommendations_for(op)
    op.conclusion_vi, op.conclusion_en = conclusion_for(op)
    return op


def draft_opinion(pkg: str | Path, report, *, office: str = "SỞ XÂY DỰNG", parent_body: str = "",
                  number: str = "", date: str = "", signer_name: str = "", severities: str = "EW") -> Opinion:
    """An opinion drafted from the package ``pkg`` that :func:`cim.package.verify.verify_package`
    accepted (``report``); refuses a package that did not verify."""
    pkg = Path(pkg)
    if report is None or not report.ok:
        why = "; ".join(f.text("en") for f in (report.problems if report else [])) or "not verified"
        raise CimInputError(pkg, f"only a verified package can be appraised ({why})",
                            hint="verify the package first: cimstudio package verify PACKAGE")
    manifest, results = _package_members(pkg, report)
    plan = dict(manifest.get("plan") or {})
    plan["name_en"] = (plan.get("extra") or {}).get("name_en", "")
    province = plan.get("province", "")
    integ = (results.get("extra") or {}).get("integration") or {}
    level = LEVEL_VI.get(plan.get("level", ""), "quy hoạch")
    op = Opinion(
        plan=plan,
        package={"file": pkg.name, "sha256": hashlib.sha256(pkg.read_bytes()).hexdigest(),
                 "fingerprint": report.fingerprint or "", "created": manifest.get("created", ""),
                 "producer": plan.get("producer", ""), "verified_vi": report.verdict()[0],
                 "verified_en": report.verdict()[1], "checks_confirmed": report.checks_confirmed},
        parent_body=parent_body or (f"UBND TỈNH {province.upper()}" if province else "UBND TỈNH"),
        office=office, office_name=office[:1] + office[1:].lower().replace("xây", "Xây", 1), number=number or "…/SXD-QHKT", place=province or "…",
        date=date or _dt.date.today().isoformat(),
        subject_vi=f"V/v ý kiến thẩm định mức độ lồng ghép nội dung đô thị thông minh trong đồ án {level} "
                   f"“{plan.get('name', '')}”",
        subject_en=f"Appraisal opinion on the integration of smart-city content in the plan "
                   f"'{plan.get('name_en') or plan.get('name', '')}'",
        addressee=[f"Ủy ban nhân dân {plan['commune']}" if plan.get("commune") else "Ủy ban nhân dân xã, phường",
                   plan.get("producer") or "Đơn vị tư vấn lập quy hoạch"],
        bases=["Nghị định số 269/2025/NĐ-CP ngày 14/10/2025 của Chính phủ về phát triển đô thị thông minh",
               "Văn bản số 14402/BXD-QHKT ngày 02/12/2025 của Bộ Xây dựng về nội dung quy hoạch đô thị thông minh",
               f"hồ sơ thẩm định điện tử {pkg.name} (mã đồ án {plan.get('plan_id', '')}), "
               f"ký số bởi đơn vị tư vấn, khóa {(report.fingerprint or '')[:23]}…, đã xác thực toàn vẹn",
               f"kết quả kiểm tra theo bộ quy tắc {results.get('pack_id', '')} phiên bản {results.get('pack_version', '')}"],
        systems=_systems(integ), overall=float(integ.get("overall", 0.0)),
        overall_level_vi=(integ.get("overall_level") or {}).get("vi", ""),
        overall_level_en=(integ.get("overall_level") or {}).get("en", ""),
        findings=_findings(results, severities),
        recipients=["Như trên", f"UBND tỉnh {province} (để b/c)" if province else "UBND tỉnh (để b/c)",
                    "Sở Khoa học và Công nghệ (để phối hợp)", "Lưu: VT, QHKT"],
        signer_name=signer_name, check_verdict=results.get("verdict") or {})
    return refresh_conclusion(op)
