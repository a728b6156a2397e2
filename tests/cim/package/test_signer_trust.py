"""Signer identity and trust (issue 12), with a real test PKI generated per test run (no private key
is committed): X.509 signing from PKCS#12, the appraiser's trust store, trusted / unknown / invalid."""

import base64
import json
import zipfile

import pytest

from app.launcher import main  # the cimstudio CLI: rule packs come from plugins
from cim.errors import CimInputError
from cim.package.build import build_package
from cim.package.keys import create_key, encode_signature
from cim.package.opening import open_package
from cim.package.testpki import issue, make_ca
from cim.package.trust import TrustStore
from cim.package.verify import verify_package

from .conftest import options, rewrite, runner

P12_PASS = "mật khẩu p12 thử"


@pytest.fixture(scope="module")
def pki():
    ca = make_ca()
    return {"ca": ca, "good": issue(ca, "Nguyễn Văn An", "Công ty CP Tư vấn Quy hoạch Phú Thọ"),
            "expired": issue(ca, "Trần Thị Hết Hạn", "Công ty Cũ", days=(-400, -5)),
            "wrong": issue(ca, "Lê Sai Mục Đích", "Công ty Khác", signing=False),
            "server": issue(ca, "máy chủ", "Công ty Khác", eku="server"),
            "other_ca": make_ca("CA lạ", "Tổ chức lạ")}


def _signed(workspace, pki, who="good", name="x509.cimpkg"):
    p12 = pki[who].write_p12(workspace["root"] / f"{who}.p12", P12_PASS)
    return build_package(workspace["project"], workspace["root"] / name,
                         options(workspace, pkcs12=p12, passphrase=P12_PASS)).path


def _resign(pkg, dst, issued, edit=None):
    """Re-sign the manifest with ``issued``'s key and chain (bypassing the build's own checks)."""
    from cryptography.hazmat.primitives import serialization as s

    from cim.package.identity import cert_fingerprint, sign_with

    with zipfile.ZipFile(pkg) as zf:
        m = json.loads(zf.read("manifest.json"))
    chain = [issued.cert, *issued.chain]
    m["signer"] = {"algorithm": "X.509", "fingerprint": cert_fingerprint(issued.cert), "user": "x",
                   "chain": [base64.b64encode(c.public_bytes(s.Encoding.DER)).decode() for c in chain]}
    if edit:
        edit(m)
    blob = json.dumps(m, ensure_ascii=False, indent=1, sort_keys=True).encode() + b"\n"
    pem = b"".join(c.public_bytes(s.Encoding.PEM) for c in chain)
    return rewrite(pkg, dst, lambda n, d: {"manifest.json": blob, "signer.pub": pem,
                                           "manifest.json.sig": encode_signature(sign_with(issued.key, blob))}.get(n, d))


def test_a_package_signed_by_a_trusted_ca_chain_is_trusted_with_the_signers_name(workspace, pki):
    pkg = _signed(workspace, pki)
    store = TrustStore()
    store.add_cert(pki["ca"].cert, "ca")
    rep = verify_package(pkg, rerun=runner())
    assert rep.ok and rep.status == "valid", [f.text() for f in rep.findings]
    s = rep.signer
    assert (s.status, s.via, s.name, s.organisation) == ("trusted", "ca", "Nguyễn Văn An",
                                                         "Công ty CP Tư vấn Quy hoạch Phú Thọ")
    assert s.serial == format(pki["good"].cert.serial_number, "X") and "CA Thử nghiệm" in s.issuer
    vi, en = rep.verdict()
    assert en.startswith("VALID") and "Nguyễn Văn An" in en and "Nguyễn Văn An" in vi
    with zipfile.ZipFile(pkg) as zf:
        m = json.loads(zf.read("manifest.json"))
    assert m["signer"]["algorithm"] == "X.509" and len(m["signer"]["chain"]) == 2


def test_the_same_package_without_the_ca_in_the_store_is_unknown_never_a_pass(workspace, pki, tmp_path):
    pkg = _signed(workspace, pki)
    rep = verify_package(pkg, rerun=runner())
    assert rep.intact and not rep.ok and rep.status == "unknown_signer"
    assert rep.verdict()[1].startswith("UNKNOWN SIGNER") and rep.signer.fingerprint in rep.verdict()[1]
    with pytest.raises(CimInputError):
        open_package(pkg, tmp_path / "open")
    assert not (tmp_path / "open").exists()
    TrustStore().add_cert(pki["other_ca"].cert, "ca")       # another CA does not help
    assert verify_package(pkg, rerun=runner()).status == "unknown_signer"
    TrustStore().add_cert(pki["good"].cert, "signer")       # pinning this very certificate does
    rep = verify_package(pkg, rerun=runner())
    assert rep.status == "valid" and rep.signer.via == "pinned"


def test_a_forged_package_re_signed_with_a_fresh_key_is_unknown_signer(workspace, pki, tmp_path):
    pkg = _signed(workspace, pki)
    TrustStore().add_cert(pki["ca"].cert, "ca")
    with zipfile.ZipFile(pkg) as zf:
        m = json.loads(zf.read("manifest.json"))
    m["checks"]["verdict"] = {"vi": "Đạt", "en": "Passed"}        # "Không đạt" turned into "Đạt"
    forger = create_key("ke_gian", "mat-khau-ke-gian", tmp_path / "forger")
    m["signer"] = forger.signer_entry()
    blob = json.dumps(m, ensure_ascii=False, indent=1, sort_keys=True).encode() + b"\n"
    forged = rewrite(pkg, tmp_path / "forged.cimpkg", lambda n, d: {
        "manifest.json": blob, "manifest.json.sig": encode_signature(forger.sign(blob)),
        "signer.pub": forger.public_pem}.get(n, d))
    rep = verify_package(forged, rerun=None, require_rerun=False)
    assert rep.status == "unknown_signer" and not rep.ok
    # the same forgery with a self-made certificate bearing the consultant's name: unknown as well
    fake_ca = make_ca("CA Thử nghiệm CIM Studio", "Tổ chức chứng thực thử nghiệm")   # same names, other key
    fake = issue(fake_ca, "Nguyễn Văn An", "Công ty CP Tư vấn Quy hoạch Phú Thọ")
    rep = verify_package(_resign(pkg, tmp_path / "forged2.cimpkg", fake), rerun=None, require_rerun=False)
    assert rep.status == "unknown_signer" and rep.signer.name == "Nguyễn Văn An" and not rep.ok


@pytest.mark.parametrize("who,msg", [("expired", "expired on"), ("wrong", "may not be used to sign"),
                                     ("server", "may not be used to sign")])
def test_an_expired_or_wrong_usage_certificate_is_refused_with_a_clear_message(workspace, pki, who, msg, tmp_path):
    with pytest.raises(CimInputError, match=msg):
        _signed(workspace, pki, who)
    TrustStore().add_cert(pki["ca"].cert, "ca")
    good = _signed(workspace, pki)
    rep = verify_package(_resign(good, tmp_path / f"{who}.cimpkg", pki[who]), rerun=None, require_rerun=False)
    assert rep.status == "invalid" and rep.signer.status == "invalid"
    assert any(msg in f.message.en for f in rep.problems), [f.message.en for f in rep.findings]


def test_a_wrong_pkcs12_passphrase_is_one_clear_error(workspace, pki):
    p12 = pki["good"].write_p12(workspace["root"] / "g.p12", P12_PASS)
    with pytest.raises(CimInputError, match="passphrase is wrong"):
        build_package(workspace["project"], workspace["root"] / "w.cimpkg",
                      options(workspace, pkcs12=p12, passphrase="sai"))


def test_the_trust_cli_adds_lists_and_removes_and_verify_exits_by_verdict(workspace, pki, tmp_path, capsys,
                                                                          monkeypatch):
    p12 = pki["good"].write_p12(tmp_path / "tu_van.p12", P12_PASS)
    monkeypatch.setenv("TU_VAN_PASS", P12_PASS)
    rules = workspace["rules"]
    out = tmp_path / "plan.cimpkg"
    assert main(["-q", "package", str(workspace["project"]), "-o", str(out), "--pack", str(rules), "--no-cityjson",
                 "--no-reports", "--p12", str(p12), "--passphrase-env", "TU_VAN_PASS"]) == 0
    assert "Nguyễn Văn An" in capsys.readouterr().out
    assert main(["-q", "verify", str(out), "--pack", str(rules)]) == 3            # unknown signer
    assert "UNKNOWN SIGNER" in capsys.readouterr().out
    ca_pem = tmp_path / "ca.pem"
    ca_pem.write_bytes(pki["ca"].pem())
    assert main(["trust", "add", str(ca_pem)]) == 0
    capsys.readouterr()
    assert main(["trust", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [e["kind"] for e in listed["entries"]] == ["ca"]
    assert main(["trust", "list"]) == 0
    text = capsys.readouterr().out
    assert "ca " in text and "CA Thử nghiệm CIM Studio" in text
    assert main(["-q", "verify", str(out), "--pack", str(rules), "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["status"] == "valid" and rep["signer"]["name"] == "Nguyễn Văn An" and rep["signer"]["via"] == "ca"
    fp = TrustStore().entries()[0].fingerprint
    assert main(["trust", "remove", fp[:20]]) == 0
    assert main(["-q", "verify", str(out), "--pack", str(rules)]) == 3
    capsys.readouterr()
    # trusting the signer of a package needs the fingerprint the consultant gave
    assert main(["trust", "add", str(out)]) == 2
    err = capsys.readouterr().err
    leaf_fp = rep["signer"]["fingerprint"]
    assert leaf_fp in err and "--fingerprint" in err
    assert main(["trust", "add", str(out), "--fingerprint", "SHA256:" + "ab" * 32]) == 2
    assert main(["trust", "add", str(out), "--fingerprint", leaf_fp]) == 0
    assert main(["-q", "verify", str(out), "--pack", str(rules)]) == 0


def test_keys_create_needs_a_passphrase_and_never_replaces(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("K_PASS", "mat-khau-du-dai")
    argv = ["keys", "create", "--user", "Nguyễn Văn An", "--key-dir", str(tmp_path / "k"), "--passphrase-env", "K_PASS"]
    assert main(argv) == 0
    assert "SHA256:" in capsys.readouterr().out
    assert main(argv) == 2 and "never replaced" in capsys.readouterr().err
    monkeypatch.delenv("K_PASS")
    assert main(argv[:-2] + ["--user", "khac"]) == 2      # no terminal, no variable: a clear error
