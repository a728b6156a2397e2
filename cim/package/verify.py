"""``verify``: is this appraisal package intact, signed, and does its verdict hold when re-run?

Order: safe structure (:mod:`cim.package.safezip`), the manifest and its Ed25519 signature, every
file's size and SHA-256 against the manifest (no file missing, none unexpected), then the rule pack is
re-run on the packaged project and its results compared with the packaged ones.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cim.errors import CimInputError
from cim.feedback import Feedback
from cim.findings import Finding
from cim.package.build import MANIFEST, META_FILES, PUBLIC_KEY, SIGNATURE
from cim.package.safezip import (
    DEFAULT_LIMITS,
    Limits,
    UnsafeArchive,
    check_archive,
    open_archive,
    read_member,
)


def _step(severity: str, what: str, en: str, vi: str, obj: str | None) -> Finding:
    from cim.text import Text

    return Finding(severity, what, Text(vi, en), (obj,) if obj else ())


@dataclass
class VerifyReport:
    path: Path
    #: one Finding per verification step: ``E`` a step that failed, ``I`` one that passed (what was
    #: verified); ``code`` the step (structure, signature, hash, rules, checks, pdf), ``objects`` the member
    findings: list[Finding] = field(default_factory=list)
    manifest: dict | None = None
    manifest_sha256: str | None = None   # SHA-256 of the manifest bytes: what the signature covers
    fingerprint: str | None = None
    #: True: re-run under the appraiser's identical pack gave the packaged results; False: not;
    #: None: not re-run (``--no-rerun``) or no check results in the package — never "confirmed"
    checks_confirmed: bool | None = None
    rerun_verdict: dict | None = None
    signer: object | None = None          # cim.package.trust.SignerInfo: who signed and the trust verdict
    signature_seconds: float = 0.0
    pdf_signatures: list = field(default_factory=list)   # PAdES signatures of packaged PDF reports
    pack_diffs: list = field(default_factory=list)    # shipped vs installed rule pack, rule by rule
    installed_pack: dict | None = None
    notes: list[Finding] = field(default_factory=list)   # I: neither good nor bad — what was not done
    #: the package cannot be read as a package at all (manifest not a manifest, archive damaged): also a
    #: finding; the CLI exits 2 with this one message
    unreadable: CimInputError | None = None
    bytes_hashed: int = 0
    hash_seconds: float = 0.0
    seconds: float = 0.0

    @property
    def intact(self) -> bool:
        """Every check passed (structure, signature maths, hashes, re-run) — the signer aside."""
        return not self.problems and bool(self.findings)

    @property
    def problems(self) -> list[Finding]:
        """The steps that failed (severity E)."""
        return [f for f in self.findings if f.severity == "E"]

    @property
    def ok(self) -> bool:
        """Intact *and* signed by a signer the appraiser's trust store knows."""
        return self.intact and self.signer is not None and self.signer.status == "trusted"

    @property
    def status(self) -> str:
        """``valid`` (intact, trusted signer), ``unknown_signer`` (intact, good signature, unknown
        signer — never a plain pass) or ``invalid``."""
        if self.ok:
            return "valid"
        if self.intact and self.signer is not None and self.signer.status == "unknown":
            return "unknown_signer"
        return "invalid"

    def fail(self, what, en, vi, obj=None) -> None:
        self.findings.append(_step("E", what, en, vi, obj))

    def good(self, what, en, vi, obj=None) -> None:
        self.findings.append(_step("I", what, en, vi, obj))

    def note(self, what, en, vi, obj=None) -> None:
        self.notes.append(_step("I", what, en, vi, obj))

    def verdict(self) -> tuple[str, str]:
        if self.status == "unknown_signer":
            s = self.signer
            return (f"CHƯA TIN CẬY: gói nguyên vẹn và chữ ký đúng về kỹ thuật, nhưng người ký chưa có trong kho tin cậy "
                    f"({s.label('vi')}). Chỉ dùng sau khi xác minh dấu vân tay với người ký.",
                    f"UNKNOWN SIGNER: the package is intact and the signature is mathematically good, but the signer "
                    f"is not in your trust store ({s.label('en')}). Do not rely on it before checking this "
                    f"fingerprint with the signer.")
        if self.ok:
            who_vi, who_en = self.signer.label("vi"), self.signer.label("en")
            if self.checks_confirmed:
                return (f"HỢP LỆ: gói thẩm định nguyên vẹn, chữ ký đúng ({who_vi}), kết quả kiểm tra được xác nhận "
                        "bằng bộ quy tắc của cơ quan thẩm định.",
                        f"VALID: the package is intact, the signature is good ({who_en}) and the check results are "
                        "confirmed under the appraiser's rule pack.")
            if (self.manifest or {}).get("checks"):
                return (f"HỢP LỆ về tính nguyên vẹn và chữ ký ({who_vi}); kết quả kiểm tra CHƯA được xác nhận "
                        "(không chạy lại).",
                        f"VALID as to integrity and signature ({who_en}); the check results are NOT confirmed "
                        "(not re-run).")
            return (f"HỢP LỆ về tính nguyên vẹn và chữ ký ({who_vi}); gói không có kết quả kiểm tra.",
                    f"VALID as to integrity and signature ({who_en}); the package holds no check results.")
        n = len(self.problems)
        return (f"KHÔNG HỢP LỆ: {n} lỗi – không dùng gói này cho thẩm định.",
                f"NOT VALID: {n} problem(s) – do not use this package for appraisal.")


def verify_package(pkg: str | Path, *, rerun: Callable | None = None, require_rerun: bool = True,
                   trusted: set[str] | None = None, limits: Limits = DEFAULT_LIMITS,
                   feedback: Feedback | None = None, trust_store=None) -> VerifyReport:
    """``rerun`` from :func:`cim.package.checks.registry_runner`: the checks are re-run with the rule
    pack installed in its registry (the appraiser's), compared rule by rule with the shipped one.

    A package whose manifest is not a manifest (not JSON, nested too deep, fields of the wrong type)
    or whose archive cannot be read raises :class:`~cim.errors.CimInputError`; everything else is a
    finding of the report."""
    from cim.package.rerun import rerun_checks

    fb = feedback or Feedback()
    t0 = time.perf_counter()
    rep = VerifyReport(Path(pkg))
    try:
        with open_archive(pkg) as zf:
            infos = {i.filename: i for i in check_archive(pkg, zf, limits=limits)}
            manifest, blob = _read_manifest(pkg, zf, infos, rep)
            if manifest is None:
                return _done(rep, t0)
            t_sig = time.perf_counter()
            _signature(pkg, zf, infos, blob, manifest, trusted, trust_store, rep)
            rep.signature_seconds = time.perf_counter() - t_sig
    except UnsafeArchive as exc:
        rep.fail("structure", f"refused: {exc.cause}", f"bị từ chối: {exc.cause}", exc.obj)
        return _done(rep, t0)
    with fb.step(0.0, 0.6):
        try:
            _hashes(Path(pkg), infos, manifest, rep, fb)
        except CimInputError as exc:           # the archive is damaged: an entry cannot be read
            rep.unreadable = exc
            rep.fail("hash", exc.cause, f"gói bị hỏng, không đọc được tệp: {exc.cause}", exc.obj)
            return _done(rep, t0)
    if rep.intact:
        from cim.package.pades import check_package_pdfs
        from cim.package.trust import TrustStore

        check_package_pdfs(Path(pkg), manifest, rep, trust_store if trust_store is not None else TrustStore())
    if rep.intact and manifest.get("checks"):
        with fb.step(0.6, 1.0):
            rerun_checks(Path(pkg), manifest, rerun, require_rerun, limits, rep, fb)
    elif rep.intact:
        rep.note("checks", "the package holds no check results", "gói không có kết quả kiểm tra")
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
    from cim.package.manifest_schema import manifest_problem

    try:
        manifest = json.loads(blob.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        why = "it is nested too deeply" if isinstance(exc, RecursionError) else f"it is not JSON ({exc})"
        return _unreadable(pkg, rep, f"manifest.json cannot be read: {why}",
                           "không đọc được manifest.json (không phải JSON hợp lệ)")
    problem = manifest_problem(manifest)
    if problem:
        return _unreadable(pkg, rep, f"manifest.json is not a CIM Studio package manifest ({problem})",
                           f"manifest.json không phải tệp kê khai gói CIM Studio ({problem})")
    files = manifest["files"]
    rep.manifest = manifest
    listed = {f["path"] for f in files}
    for name in sorted(set(infos) - listed - set(META_FILES)):
        rep.fail("structure", "unexpected file, not in the manifest", "tệp lạ, không có trong tệp kê khai", name)
    for name in sorted(listed - set(infos)):
        rep.fail("structure", "file listed in the manifest is missing", "thiếu tệp có trong tệp kê khai", name)
    if len(listed) != len(files):
        rep.fail("structure", "the manifest lists a file twice", "tệp kê khai liệt kê một tệp hai lần")
    if manifest["project_file"] not in listed:     # what is opened must be what was verified
        rep.fail("structure", "the project file the manifest names is not one of the package's verified files",
                 "tệp dự án nêu trong tệp kê khai không phải một tệp đã kiểm tra của gói", manifest["project_file"])
    for p in manifest.get("rule_packs") or []:
        if p["path"] not in listed:
            rep.fail("structure", "the rule pack the manifest names is not in the package",
                     "bộ quy tắc nêu trong tệp kê khai không có trong gói", p["path"])
    return manifest, blob


def _unreadable(pkg, rep: VerifyReport, en: str, vi: str):
    rep.unreadable = CimInputError(pkg, en, obj=MANIFEST,
                                   hint="this is not a package CIM Studio wrote; ask the consultant for a new one")
    rep.fail("structure", en, vi, MANIFEST)
    return None, None


def _signature(pkg, zf, infos, blob, manifest, trusted, store, rep: VerifyReport) -> None:
    from cim.package.keys import decode_signature, verify_signature
    from cim.package.trust import INVALID, SignerInfo, TrustStore

    if SIGNATURE not in infos or PUBLIC_KEY not in infos:
        return
    store = store if store is not None else TrustStore()
    signer = manifest["signer"]
    public = read_member(pkg, zf, infos[PUBLIC_KEY])
    try:
        sig = decode_signature(read_member(pkg, zf, infos[SIGNATURE]))
        if signer.get("algorithm") == "X.509":
            info = _x509(signer, public, sig, blob, trusted, store)
        else:
            fp = verify_signature(public, sig, blob)
            if fp != signer.get("fingerprint"):
                raise ValueError("the public key is not the one the manifest names")
            info = store.evaluate_key(fp, trusted, signer.get("user", ""))
    except ValueError as exc:
        rep.signer = SignerInfo(INVALID, str(signer.get("algorithm", "")), reason_en=f"signature invalid: {exc}",
                                reason_vi="chữ ký số không hợp lệ: tệp kê khai hoặc khóa đã bị thay đổi")
        rep.fail("signature", rep.signer.reason_en, rep.signer.reason_vi)
        return
    rep.signer = info
    rep.fingerprint = info.fingerprint
    if info.status == INVALID:
        rep.fail("signature", info.reason_en, info.reason_vi)
    elif trusted is not None and info.fingerprint not in trusted:      # --trusted: only these signers
        rep.fail("signature", f"signed by an untrusted key {info.fingerprint}",
                 f"được ký bởi khóa không tin cậy {info.fingerprint}")
    else:
        rep.good("signature", f"signature good ({info.fingerprint}); {info.label('en')}",
                 f"chữ ký số đúng ({info.fingerprint}); {info.label('vi')}")


def _x509(signer: dict, public: bytes, sig: bytes, blob: bytes, trusted, store):
    """Verify an X.509 signature: the chain recorded in the (signed) manifest, the same chain in
    signer.pub, the signature by the leaf's key; then the trust store's verdict on the chain."""
    from cryptography.hazmat.primitives import serialization as s

    from cim.package.identity import cert_fingerprint, verify_with
    from cim.package.trust import chain_from_manifest, load_certificates

    try:
        chain = chain_from_manifest(signer)
        shipped = load_certificates(public)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"the signer's certificate chain cannot be read ({exc})") from None
    if not chain:
        raise ValueError("the manifest records no certificate chain")
    if [c.public_bytes(s.Encoding.DER) for c in shipped] != [c.public_bytes(s.Encoding.DER) for c in chain]:
        raise ValueError("signer.pub does not hold the certificate chain the manifest records")
    verify_with(chain[0].public_key(), sig, blob)
    if cert_fingerprint(chain[0]) != signer.get("fingerprint"):
        raise ValueError("the certificate is not the one the manifest names")
    return store.evaluate_chain(chain, trusted)


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
    for src in manifest.get("ifc_sources") or []:
        entry = next((f for f in files if f["path"] == src.get("file")), None)
        if entry is not None and entry["sha256"] != src.get("sha256"):
            bad += 1
            rep.fail("hash", "IFC file differs from the hash recorded for it", "tệp IFC khác mã băm đã ghi",
                     src.get("file"))
    if not bad:
        rep.good("hash", f"{len(files)} file(s), {rep.bytes_hashed} bytes: every SHA-256 matches",
                 f"{len(files)} tệp: mọi mã SHA-256 đều khớp")
