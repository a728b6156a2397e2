"""``verify``: is this appraisal package intact, signed, and does its verdict hold when re-run?

Order: safe structure (:mod:`cim.package.safezip`), the manifest and its Ed25519 signature, every
file's size and SHA-256 against the manifest (no file missing, none unexpected), then the rule pack is
re-run on the packaged project and its results compared with the packaged ones.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cim.feedback import Feedback
from cim.package.build import FORMAT, MANIFEST, META_FILES, PUBLIC_KEY, RESULTS, SIGNATURE, results_dict
from cim.package.safezip import (
    DEFAULT_LIMITS,
    Limits,
    UnsafeArchive,
    check_archive,
    open_archive,
    read_member,
)


@dataclass
class Finding:
    ok: bool
    what: str          # structure, signature, hash, checks
    en: str
    vi: str
    obj: str | None = None

    def text(self, lang: str = "en") -> str:
        msg = self.vi if lang == "vi" else self.en
        return f"{msg} [{self.obj}]" if self.obj else msg


@dataclass
class VerifyReport:
    path: Path
    findings: list[Finding] = field(default_factory=list)
    manifest: dict | None = None
    manifest_sha256: str | None = None   # SHA-256 of the manifest bytes: what the signature covers
    fingerprint: str | None = None
    checks_confirmed: bool | None = None
    bytes_hashed: int = 0
    hash_seconds: float = 0.0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.findings) and bool(self.findings)

    def fail(self, what, en, vi, obj=None) -> None:
        self.findings.append(Finding(False, what, en, vi, obj))

    def good(self, what, en, vi, obj=None) -> None:
        self.findings.append(Finding(True, what, en, vi, obj))

    def verdict(self) -> tuple[str, str]:
        if self.ok:
            return ("HỢP LỆ: gói thẩm định nguyên vẹn, chữ ký đúng, kết quả kiểm tra được xác nhận.",
                    "VALID: the package is intact, the signature is good and the check results are confirmed.")
        n = sum(not f.ok for f in self.findings)
        return (f"KHÔNG HỢP LỆ: {n} lỗi – không dùng gói này cho thẩm định.",
                f"NOT VALID: {n} problem(s) – do not use this package for appraisal.")


def verify_package(pkg: str | Path, *, rerun: Callable | None = None, require_rerun: bool = True,
                   trusted: set[str] | None = None, limits: Limits = DEFAULT_LIMITS,
                   feedback: Feedback | None = None) -> VerifyReport:
    """``rerun(project, pack_path, feedback)`` runs the packaged rule pack (a CheckRun or results dict)."""
    fb = feedback or Feedback()
    t0 = time.perf_counter()
    rep = VerifyReport(Path(pkg))
    try:
        with open_archive(pkg) as zf:
            infos = {i.filename: i for i in check_archive(pkg, zf, limits=limits)}
            manifest, blob = _read_manifest(pkg, zf, infos, rep)
            if manifest is None:
                return _done(rep, t0)
            _signature(pkg, zf, infos, blob, manifest, trusted, rep)
    except UnsafeArchive as exc:
        rep.fail("structure", f"refused: {exc.cause}", f"bị từ chối: {exc.cause}", exc.obj)
        return _done(rep, t0)
    with fb.step(0.0, 0.6):
        _hashes(Path(pkg), infos, manifest, rep, fb)
    if rep.ok and manifest.get("checks"):
        with fb.step(0.6, 1.0):
            _rerun(Path(pkg), manifest, rerun, require_rerun, limits, rep, fb)
    return _done(rep, t0)


def _done(rep: VerifyReport, t0: float) -> VerifyReport:
    rep.seconds = time.perf_counter() - t0
    return rep


def _read_manifest(pkg, zf, infos, rep: VerifyReport):
    for name in META_FILES:
        if name not in infos:
            rep.fail("structure", f"{name} is missing", f"thiếu tệp {name}", name)
    if MANIFEST not in infos:
        return None, None
    if infos[MANIFEST].file_size > 64 * 2**20:
        rep.fail("structure", "the manifest is implausibly large", "tệp kê khai quá lớn", MANIFEST)
        return None, None
    blob = read_member(pkg, zf, infos[MANIFEST])
    rep.manifest_sha256 = hashlib.sha256(blob).hexdigest()
    try:
        manifest = json.loads(blob.decode("utf-8"))
        assert isinstance(manifest, dict) and manifest.get("format") == FORMAT
        files = manifest["files"]
        assert all(isinstance(f["path"], str) and isinstance(f["size"], int) and isinstance(f["sha256"], str)
                   for f in files)
    except (ValueError, AssertionError, KeyError, TypeError):
        rep.fail("structure", "manifest.json is not a CIM Studio package manifest",
                 "manifest.json không phải tệp kê khai gói CIM Studio", MANIFEST)
        return None, None
    rep.manifest = manifest
    listed = {f["path"] for f in files}
    for name in sorted(set(infos) - listed - set(META_FILES)):
        rep.fail("structure", "unexpected file, not in the manifest", "tệp lạ, không có trong tệp kê khai", name)
    for name in sorted(listed - set(infos)):
        rep.fail("structure", "file listed in the manifest is missing", "thiếu tệp có trong tệp kê khai", name)
    if len(listed) != len(files):
        rep.fail("structure", "the manifest lists a file twice", "tệp kê khai liệt kê một tệp hai lần")
    return manifest, blob


def _signature(pkg, zf, infos, blob, manifest, trusted, rep: VerifyReport) -> None:
    from cim.package.keys import decode_signature, verify_signature

    if SIGNATURE not in infos or PUBLIC_KEY not in infos:
        return
    try:
        fp = verify_signature(read_member(pkg, zf, infos[PUBLIC_KEY]),
                              decode_signature(read_member(pkg, zf, infos[SIGNATURE])), blob)
    except ValueError as exc:
        rep.fail("signature", f"signature invalid: {exc}", "chữ ký số không hợp lệ: tệp kê khai đã bị thay đổi")
        return
    rep.fingerprint = fp
    if fp != manifest.get("signer", {}).get("fingerprint"):
        rep.fail("signature", "the public key is not the one the manifest names",
                 "khóa công khai không khớp với tệp kê khai")
    elif trusted is not None and fp not in trusted:
        rep.fail("signature", f"signed by an untrusted key {fp}", f"được ký bởi khóa không tin cậy {fp}")
    else:
        rep.good("signature", f"signature good ({fp})", f"chữ ký số đúng ({fp})")


def _hashes(pkg: Path, infos, manifest, rep: VerifyReport, fb) -> None:
    from cim.package.hashing import hash_members

    files = [f for f in manifest["files"] if f["path"] in infos]
    t = time.perf_counter()
    got = hash_members(pkg, [f["path"] for f in files], fb)
    rep.hash_seconds = time.perf_counter() - t
    bad = 0
    for f in files:
        sha, size = got[f["path"]]
        rep.bytes_hashed += size
        if sha is None:
            bad += 1
            rep.fail("hash", "the entry is damaged: its zip checksum (CRC-32) fails, the bytes were altered",
                     "tệp bị hỏng: mã kiểm tra CRC-32 trong gói không khớp, nội dung đã bị thay đổi", f["path"])
        elif size != f["size"] or sha != f["sha256"]:
            bad += 1
            rep.fail("hash", "content differs from the manifest (SHA-256/size)",
                     "nội dung khác với tệp kê khai (SHA-256/kích thước)", f["path"])
    for src in manifest.get("ifc_sources", []):
        entry = next((f for f in files if f["path"] == src.get("file")), None)
        if entry is not None and entry["sha256"] != src.get("sha256"):
            bad += 1
            rep.fail("hash", "IFC file differs from the hash recorded for it", "tệp IFC khác mã băm đã ghi",
                     src.get("file"))
    if not bad:
        rep.good("hash", f"{len(files)} file(s), {rep.bytes_hashed} bytes: every SHA-256 matches",
                 f"{len(files)} tệp: mọi mã SHA-256 đều khớp")


def _rerun(pkg: Path, manifest: dict, rerun, require: bool, limits, rep: VerifyReport, fb) -> None:
    from cim.project.store import open_project

    if rerun is None:
        if require:
            rep.fail("checks", "the rule pack could not be re-run (no check implementations available)",
                     "không chạy lại được bộ quy tắc (thiếu phần kiểm tra)")
        return
    from cim.package.safezip import safe_extract

    packs = [p["path"] for p in manifest.get("rule_packs", [])]
    models = [i["file"] for i in manifest.get("ifc_sources", []) if str(i.get("file") or "").startswith("project/")]
    wanted = {manifest["project_file"], RESULTS, *packs, *models}   # models the rules read travel along
    from cim.errors import CimError

    with tempfile.TemporaryDirectory(prefix="cimpkg-verify-") as tmp:
        root = safe_extract(pkg, Path(tmp) / "pkg", limits=limits, members=lambda n: n in wanted)
        try:
            packaged = json.loads((root / RESULTS).read_text(encoding="utf-8"))
            project = open_project(root / manifest["project_file"], feedback=fb)
            fresh = results_dict(rerun(project, root / packs[0] if packs else None, fb))
        except (CimError, ValueError, KeyError) as exc:
            rep.fail("checks", f"the rule pack could not be re-run: {exc}", f"không chạy lại được bộ quy tắc: {exc}")
            return
    diffs = compare_results(packaged, fresh)
    rep.checks_confirmed = not diffs
    if diffs:
        hash_only = [i.get("name") for i in manifest.get("ifc_sources", []) if not i.get("file")]
        why_en = why_vi = ""
        if hash_only:
            why_en = (f" (the IFC models {', '.join(map(str, hash_only))} travel as hashes only: rules that read "
                      "them, such as GEO-01, cannot be re-run from this package)")
            why_vi = (f" (mô hình IFC {', '.join(map(str, hash_only))} chỉ có mã băm trong gói: các quy tắc đọc "
                      "mô hình, như GEO-01, không chạy lại được từ gói này)")
        for d in diffs:
            rep.fail("checks", f"re-run differs: {d}{why_en}", f"chạy lại cho kết quả khác: {d}{why_vi}")
    else:
        v = packaged.get("verdict") or {}
        rep.good("checks", f"re-run confirms the verdict: {v.get('en', '?')}",
                 f"chạy lại xác nhận kết luận: {v.get('vi', '?')}")


def compare_results(packaged: dict, fresh: dict) -> list[str]:
    """Differences that matter between packaged and re-run results (not timings or software version)."""
    out = []
    for key in ("pack_id", "pack_version", "verdict", "counts", "inputs"):
        if packaged.get(key) != fresh.get(key):
            out.append(f"{key}: packaged {packaged.get(key)!r} ≠ re-run {fresh.get(key)!r}")
    old = {r.get("rule"): r for r in packaged.get("results", [])}
    new = {r.get("rule"): r for r in fresh.get("results", [])}
    for rule in sorted(set(old) | set(new), key=str):
        if old.get(rule) != new.get(rule):
            out.append(f"rule {rule}")
    if out and packaged.get("software_version") != fresh.get("software_version"):
        out.append(f"(packaged with {packaged.get('software_version')}, re-run with {fresh.get('software_version')})")
    return out
