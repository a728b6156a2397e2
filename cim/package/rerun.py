"""Re-run the checks of a package under the rules *installed on the appraiser's machine*.

The package ships the consultant's rule pack; it is read as data and compared with the installed pack
of the same id, rule by rule (content hash of every rule and parameter, :mod:`cim.checks.packdiff`).
The re-run always uses the installed pack, so the appraiser's thresholds and province overrides
decide; a verdict reached under a modified pack is never "confirmed".
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from cim.package.build import RESULTS, results_dict


def rerun_checks(pkg: Path, manifest: dict, rerun, require: bool, limits, rep, fb) -> None:
    from cim.errors import CimError

    if rerun is None:
        if require:
            rep.fail("checks", "the rule pack could not be re-run (no check implementations available)",
                     "không chạy lại được bộ quy tắc (thiếu phần kiểm tra)")
        else:
            rep.note("checks", "check results were not re-run: they are not confirmed",
                     "không chạy lại kiểm tra: kết quả kiểm tra chưa được xác nhận")
        return
    registry = getattr(rerun, "registry", None)
    packs = [p["path"] for p in manifest.get("rule_packs") or []]
    models = [i["file"] for i in manifest.get("ifc_sources") or [] if str(i.get("file") or "").startswith("project/")]
    wanted = {manifest["project_file"], RESULTS, *packs, *models}   # models the rules read travel along
    from cim.package.safezip import safe_extract
    from cim.project.store import open_project

    with tempfile.TemporaryDirectory(prefix="cimpkg-verify-") as tmp:
        root = safe_extract(pkg, Path(tmp) / "pkg", limits=limits, members=lambda n: n in wanted)
        try:
            packaged = json.loads((root / RESULTS).read_text(encoding="utf-8"))
            if not isinstance(packaged, dict):
                raise ValueError("checks/results.json is not an object")
            shipped = _shipped_pack(root, packs)
        except (CimError, ValueError, RecursionError) as exc:
            rep.fail("checks", f"the packaged rules or results cannot be read: {exc}",
                     f"không đọc được bộ quy tắc hoặc kết quả trong gói: {exc}")
            rep.checks_confirmed = False
            return
        pack_id = str(packaged.get("pack_id") or (shipped.id if shipped else ""))
        installed = _installed(rerun, registry, pack_id)
        if installed is None:
            rep.fail("rules", f"no rule pack {pack_id!r} is installed on this machine: the verdict cannot be "
                              "confirmed under the appraiser's rules",
                     f"máy thẩm định không cài bộ quy tắc {pack_id!r}: không xác nhận được kết luận theo "
                     "bộ quy tắc của cơ quan thẩm định", pack_id)
            rep.checks_confirmed = False
            return
        pack_diffs = _compare(shipped, installed, rep)
        try:
            project = open_project(root / manifest["project_file"], feedback=fb)
            run = rerun(project, installed, fb)
            fresh = results_dict(run)
        except (CimError, ValueError, KeyError) as exc:
            rep.fail("checks", f"the rule pack could not be re-run: {exc}", f"không chạy lại được bộ quy tắc: {exc}")
            rep.checks_confirmed = False
            return
    rep.rerun_verdict = fresh.get("verdict")
    diffs = compare_results(packaged, fresh)
    rep.checks_confirmed = not diffs and not pack_diffs
    if diffs:
        hash_only = [i.get("name") for i in manifest.get("ifc_sources") or [] if not i.get("file")]
        why_en = why_vi = ""
        if hash_only:
            why_en = (f" (the IFC models {', '.join(map(str, hash_only))} travel as hashes only: rules that read "
                      "them, such as GEO-01, cannot be re-run from this package)")
            why_vi = (f" (mô hình IFC {', '.join(map(str, hash_only))} chỉ có mã băm trong gói: các quy tắc đọc "
                      "mô hình, như GEO-01, không chạy lại được từ gói này)")
        for d in diffs:
            rep.fail("checks", f"re-run differs: {d}{why_en}", f"chạy lại cho kết quả khác: {d}{why_vi}")
        v = fresh.get("verdict") or {}
        rep.fail("checks", f"verdict under the appraiser's rules: {v.get('en', '?')}",
                 f"kết luận theo bộ quy tắc của cơ quan thẩm định: {v.get('vi', '?')}")
    elif pack_diffs:
        v = fresh.get("verdict") or {}
        rep.fail("checks", f"the re-run gives the same results, but under a modified rule pack the verdict is not "
                           f"confirmed ({v.get('en', '?')})",
                 f"chạy lại cho cùng kết quả nhưng bộ quy tắc trong gói đã bị sửa: kết luận không được xác nhận "
                 f"({v.get('vi', '?')})")
    else:
        v = packaged.get("verdict") or {}
        rep.good("checks", f"re-run with the appraiser's rule pack confirms the verdict: {v.get('en', '?')}",
                 f"chạy lại theo bộ quy tắc của cơ quan thẩm định xác nhận kết luận: {v.get('vi', '?')}")


def _shipped_pack(root: Path, packs: list[str]):
    """The consultant's pack as shipped (read as data, never run); ``extends`` packs merged."""
    from cim.checks.pack import load_pack

    loaded = [load_pack(root / p) for p in packs]
    if not loaded:
        return None
    pack = loaded[0]
    for other in loaded[1:]:
        pack = pack.extend(other, other.extra.get("params"))
    return pack


def _installed(rerun, registry, pack_id: str):
    if registry is None or not pack_id:
        return None
    ref = getattr(rerun, "pack_ref", None)
    if ref is not None:                    # the appraiser named their pack (``verify --pack``)
        return registry.pack(str(ref))
    pack = registry.installed(pack_id)
    if pack is None and "+" in pack_id:    # a user pack extending an installed one: compare with the base
        pack = registry.installed(pack_id.split("+", 1)[0])
    return pack


def _compare(shipped, installed, rep) -> list[dict]:
    from cim.checks.packdiff import compare_packs, describe_difference, pack_digest

    if shipped is None:
        rep.fail("rules", "the package holds no rule pack to compare with the installed one",
                 "gói không chứa bộ quy tắc để đối chiếu với bộ cài trên máy thẩm định")
        return [{"rule": "(pack)", "change": "only_installed", "details": []}]
    diffs = compare_packs(shipped, installed)
    rep.pack_diffs = diffs
    digest = pack_digest(installed)
    rep.installed_pack = {"id": installed.id, "version": installed.version, "sha256": digest}
    if not diffs:
        rep.good("rules", f"the shipped rule pack is identical to the installed {installed.id} {installed.version} "
                          f"(every rule and parameter; SHA-256 {digest[:16]}…)",
                 f"bộ quy tắc trong gói trùng khớp với bộ {installed.id} {installed.version} cài trên máy thẩm định "
                 f"(mọi quy tắc và tham số; SHA-256 {digest[:16]}…)")
        return diffs
    rep.fail("rules", f"the shipped rule pack {shipped.id} {shipped.version} differs from the installed "
                      f"{installed.id} {installed.version} in {len(diffs)} rule(s); the re-run uses the installed one",
             f"bộ quy tắc trong gói {shipped.id} {shipped.version} khác bộ {installed.id} {installed.version} cài trên "
             f"máy thẩm định ở {len(diffs)} quy tắc; chạy lại theo bộ cài trên máy thẩm định")
    for d in diffs:
        vi, en = describe_difference(d)
        rep.fail("rules", en, vi, d["rule"])
    return diffs


def compare_results(packaged: dict, fresh: dict) -> list[str]:
    """Differences that matter between packaged and re-run results (not timings or software version)."""
    out = []
    for key in ("pack_id", "pack_version", "verdict", "counts", "inputs"):
        if packaged.get(key) != fresh.get(key):
            out.append(f"{key}: packaged {packaged.get(key)!r} ≠ re-run {fresh.get(key)!r}")
    old = {r.get("rule"): r for r in packaged.get("results") or [] if isinstance(r, dict)}
    new = {r.get("rule"): r for r in fresh.get("results") or [] if isinstance(r, dict)}
    for rule in sorted(set(old) | set(new), key=str):
        if old.get(rule) != new.get(rule):
            out.append(f"rule {rule}")
    if out and packaged.get("software_version") != fresh.get("software_version"):
        out.append(f"(packaged with {packaged.get('software_version')}, re-run with {fresh.get('software_version')})")
    return out
