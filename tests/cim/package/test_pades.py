"""The PDF appraisal report is PAdES-signed with the PKCS#12 identity (pyHanko) and verify validates it;
a modified PDF does not validate. The HTML verification report never shows an unknown signer as a pass."""

import zipfile

import pytest

from app.launcher import main  # the cimstudio CLI: rule packs come from plugins
from cim.package.build import build_package
from cim.package.pades import validate_pdf
from cim.package.testpki import issue, make_ca
from cim.package.trust import TrustStore
from cim.package.verify import verify_package

from .conftest import options, runner

PW = "mật khẩu p12 thử"


def write_pdf_report(run, project, out_dir):
    from weasyprint import HTML

    out = out_dir / "report.pdf"
    v = run.verdict()
    HTML(string=f"<h1>Báo cáo kiểm tra</h1><p>Kết luận: {v.vi} / {v.en}</p>").write_pdf(out)
    return [out]


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    from .conftest import RULES, make_project

    root = tmp_path_factory.mktemp("pades")
    ca = make_ca()
    p12 = issue(ca, "Nguyễn Văn An", "Công ty CP Tư vấn").write_p12(root / "an.p12", PW)
    proj = make_project(root / "c")
    rules = root / "c" / "test_far.toml"
    rules.write_text(RULES, encoding="utf-8")
    ws = {"project": proj, "rules": rules, "keys": root / "keys", "root": root}
    pkg = build_package(proj, root / "plan.cimpkg", options(ws, pkcs12=p12, passphrase=PW,
                                                           write_reports=write_pdf_report)).path
    with zipfile.ZipFile(pkg) as zf:
        pdf = zf.read("checks/report.pdf")
    return {"pkg": pkg, "pdf": pdf, "ca": ca, "root": root, "rules": rules}


def test_the_packaged_pdf_report_carries_a_valid_pades_signature(signed):
    (sig,) = validate_pdf(signed["pdf"], "report.pdf", trust_roots=[signed["ca"].cert])
    assert sig.ok and sig.trusted and "Nguyễn Văn An" in sig.signer
    (untrusted,) = validate_pdf(signed["pdf"], "report.pdf")
    assert untrusted.ok and not untrusted.trusted
    with zipfile.ZipFile(signed["pkg"]) as zf:
        import json

        assert json.loads(zf.read("manifest.json"))["signed_pdfs"] == ["checks/report.pdf"]


def test_verify_validates_the_pdf_signature_inside_the_package(signed):
    TrustStore().add_cert(signed["ca"].cert, "ca")
    rep = verify_package(signed["pkg"], rerun=runner())
    assert rep.ok, [f.text() for f in rep.findings]
    assert [s.ok and s.trusted for s in rep.pdf_signatures] == [True]
    assert any(f.code == "pdf" and f.severity == "I" and "PAdES" in f.message.en for f in rep.findings)


@pytest.mark.parametrize("where", [0.3, 0.6, 0.9])
def test_a_modified_pdf_does_not_validate(signed, where):
    data = bytearray(signed["pdf"])
    i = data.find(b"stream", int(len(data) * where) // 2) + 10        # inside the signed content
    data[i] ^= 0x20
    results = validate_pdf(bytes(data), "report.pdf", trust_roots=[signed["ca"].cert])
    assert results and not any(r.ok for r in results)


def test_an_appended_revision_is_not_covered_by_the_signature(signed):
    from io import BytesIO

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(BytesIO(signed["pdf"]), strict=False)
    w.root["/CIMTampered"] = generic.NameObject("/Yes")
    w.update_root()
    buf = BytesIO()
    w.write(buf)
    (r,) = validate_pdf(buf.getvalue(), "report.pdf", trust_roots=[signed["ca"].cert])
    assert r.intact and not r.covers_all and not r.ok


def test_the_cli_verifies_a_signed_pdf_report(signed, tmp_path, capsys):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(signed["pdf"])
    assert main(["verify", str(pdf)]) == 3                    # valid, signer unknown here
    TrustStore().add_cert(signed["ca"].cert, "ca")
    assert main(["verify", str(pdf)]) == 0
    assert "PAdES signature valid" in capsys.readouterr().out
    bad = tmp_path / "bad.pdf"
    data = bytearray(signed["pdf"])
    data[data.find(b"stream") + 12] ^= 0x20
    bad.write_bytes(bytes(data))
    assert main(["verify", str(bad)]) == 1
    from weasyprint import HTML

    plain = tmp_path / "plain.pdf"
    HTML(string="<p>Báo cáo chưa ký</p>").write_pdf(plain)
    assert main(["verify", str(plain)]) == 2 and "no digital signature" in capsys.readouterr().err


def test_the_html_report_shows_an_unknown_signer_in_orange_never_as_a_pass(signed, tmp_path):
    out = tmp_path / "verify.html"
    rc = main(["-q", "verify", str(signed["pkg"]), "--pack", str(signed["rules"]), "--html", str(out)])
    assert rc == 3
    html = out.read_text(encoding="utf-8")
    assert 'class="verdict unknown_signer"' in html and "UNKNOWN SIGNER" in html and "Nguyễn Văn An" in html
    assert "VALID: the package" not in html
    TrustStore().add_cert(signed["ca"].cert, "ca")
    assert main(["-q", "verify", str(signed["pkg"]), "--pack", str(signed["rules"]), "--html", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert 'class="verdict valid"' in html and "trusted" in html
