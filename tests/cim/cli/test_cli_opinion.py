"""``cimstudio opinion``: draft from a package, decide, export signed DOCX/PDF, verify; bad input exits 2."""

import json

import pytest

from app.launcher import main  # the cimstudio CLI: rule packs come from plugins
from tests.cim.appraisal.conftest import sample_package, verified  # noqa: F401  (session fixtures)

pytestmark = pytest.mark.slow


def test_draft_decide_export_verify_through_the_cli(sample_package, tmp_path, capsys, monkeypatch):  # noqa: F811
    import zipfile

    with zipfile.ZipFile(sample_package) as zf:          # the consultant's key, trusted by the appraiser
        consultant = json.loads(zf.read("manifest.json"))["signer"]["fingerprint"]
    op = tmp_path / "o.opinion.json"
    assert main(["-q", "opinion", "draft", str(sample_package), "-o", str(op), "--no-rerun", "--trusted", consultant,
                 "--number", "7/SXD-QHKT", "--date", "2026-03-02", "--signer-name", "Trần Thị Bình"]) == 0
    out = capsys.readouterr().out
    assert "PLN-02" in out and "integration" in out
    assert main(["opinion", "decide", str(op), "TOD-02", "reject"]) == 2
    err = capsys.readouterr().err
    assert "needs the appraiser's reason" in err and "Traceback" not in err
    assert main(["opinion", "decide", str(op), "TOD-02", "reject", "--reason", "Đất cây xanh"]) == 0
    data = json.loads(op.read_text(encoding="utf-8"))
    assert next(f for f in data["findings"] if f["finding"]["code"] == "TOD-02")["decision"] == "rejected"
    docx, pdf = tmp_path / "o.docx", tmp_path / "o.pdf"
    monkeypatch.setenv("CIMSTUDIO_PASSPHRASE", "mật khẩu người thẩm định")
    assert main(["keys", "create", "--user", "tham_dinh", "--key-dir", str(tmp_path / "k")]) == 0
    assert main(["opinion", "export", str(op), "--docx", str(docx), "--pdf", str(pdf), "--sign-as", "tham_dinh",
                 "--key-dir", str(tmp_path / "k")]) == 0
    capsys.readouterr()
    assert main(["opinion", "verify", str(pdf)]) == 3                 # good signature, key not trusted yet
    assert "UNKNOWN SIGNER" in capsys.readouterr().out
    (pub,) = (tmp_path / "k").glob("*.pub")
    assert main(["trust", "add", str(pub)]) == 0
    capsys.readouterr()
    assert main(["opinion", "verify", str(pdf)]) == 0
    assert "HỢP LỆ, người ký tin cậy" in capsys.readouterr().out
    docx.write_bytes(docx.read_bytes() + b"x")
    assert main(["opinion", "verify", str(docx)]) == 1
    assert "INVALID" in capsys.readouterr().out
    assert main(["opinion", "export", str(tmp_path / "missing.json"), "--pdf", str(pdf)]) == 2
