"""The written appraisal opinion drafted from the verified sample package, decided, exported as DOCX and
PDF (parsed back), and signed by the appraiser."""

import json
import subprocess
import zipfile

import pytest

from cim.appraisal.draft import draft_opinion, refresh_conclusion
from cim.appraisal.export import export_opinion
from cim.appraisal.opinion import Opinion, load_opinion
from cim.appraisal.signing import verify_signed_file
from cim.errors import CimInputError
from cim.package.keys import create_key

from .conftest import PASSPHRASE

pytestmark = pytest.mark.slow


def _pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def test_the_draft_carries_plan_package_systems_and_the_sample_defects_as_findings(opinion, verified, sample_package):
    assert opinion.plan["plan_id"] == "QH-PT-2026-0001" and opinion.parent_body == "UBND TỈNH PHÚ THỌ"
    assert opinion.package["fingerprint"] == verified.fingerprint and len(opinion.package["sha256"]) == 64
    assert len(opinion.systems) == 10 and 0 < opinion.overall < 1
    waste = next(s for s in opinion.systems if s.system == "smart_waste")
    assert waste.score == 0 and "Thùng rác có cảm biến" in waste.missing
    rules = {f.rule for f in opinion.findings}
    assert {"SEC-01", "PLN-02", "GEO-01", "INF-02", "INF-03"} <= rules          # defects.json D01–D05…
    assert all(f.decision == "accepted" for f in opinion.findings)
    pln = opinion.finding("PLN-02")
    assert pln.severity == "E" and "PLT-000102" in pln.finding.objects and pln.finding.legal_basis.citation.vi
    assert opinion.needs_correction() and "chưa đủ điều kiện" in opinion.conclusion_vi


def test_rejecting_needs_a_reason_and_the_conclusion_follows_the_decisions(opinion):
    with pytest.raises(CimInputError, match="needs the appraiser's reason"):
        opinion.decide("TOD-02", "rejected")
    f = opinion.decide("TOD-02", "rejected", "Lô OM-81 là đất cây xanh, không tính FAR")
    assert f.decision == "rejected" and f not in opinion.accepted()
    for e in [x for x in opinion.findings if x.severity == "E"]:
        opinion.decide(e.id, "rejected", "Đã được đơn vị tư vấn giải trình")
    refresh_conclusion(opinion)
    assert not opinion.needs_correction() and "cơ bản đáp ứng" in opinion.conclusion_vi
    assert not any("bắt buộc" in r for r in opinion.recommendations)


def test_the_opinion_file_round_trips_and_a_damaged_one_is_refused(opinion, tmp_path):
    opinion.decide("F02", "rejected", "Trùng mã do dữ liệu mẫu")
    path = opinion.save(tmp_path / "o.opinion.json")
    again = load_opinion(path)
    assert again == opinion
    (tmp_path / "bad.json").write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(CimInputError, match="not an appraisal opinion"):
        load_opinion(tmp_path / "bad.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["findings"][0]["decision"] = "maybe"
    (tmp_path / "bad2.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CimInputError, match="unknown decision"):
        load_opinion(tmp_path / "bad2.json")


def test_an_unverified_or_tampered_package_cannot_be_appraised(sample_package, tmp_path):
    from cim.package.verify import verify_package

    bad = tmp_path / "bad.cimpkg"
    with zipfile.ZipFile(sample_package) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "checks/results.json":
                data = data.replace(b'"Kh\\u00f4ng \\u0111\\u1ea1t"', b'"\\u0110\\u1ea1t"').replace(b"Not passed", b"Passed")
            zout.writestr(info, data)
    rep = verify_package(bad, require_rerun=False)
    assert not rep.ok
    with pytest.raises(CimInputError, match="only a verified package"):
        draft_opinion(bad, rep)


def test_docx_export_has_the_administrative_layout_and_the_findings(opinion, tmp_path):
    import docx

    opinion.decide("TOD-02", "rejected", "Lô OM-81 là đất cây xanh")
    refresh_conclusion(opinion)
    create_key("tham_dinh", PASSPHRASE, tmp_path / "k")
    out = export_opinion(opinion, docx=tmp_path / "o.docx", sign_as="tham_dinh", key_dir=tmp_path / "k",
                         passphrase=PASSPHRASE)
    d = docx.Document(out[0])
    head = d.tables[0].rows[0].cells
    assert "UBND TỈNH PHÚ THỌ" in head[0].text and "SỞ XÂY DỰNG" in head[0].text and "Số: 215/SXD-QHKT" in head[0].text
    assert "V/v ý kiến thẩm định" in head[0].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in head[1].text and "Độc lập - Tự do - Hạnh phúc" in head[1].text
    assert "Phú Thọ, ngày 10 tháng 02 năm 2026" in head[1].text
    text = "\n".join(p.text for p in d.paragraphs)
    for heading in ("Kính gửi", "Căn cứ Nghị định số 269/2025/NĐ-CP", "II. MỨC ĐỘ LỒNG GHÉP", "III. CÁC NỘI DUNG CẦN CHỈNH SỬA",
                    "IV. KIẾN NGHỊ", "V. KẾT LUẬN"):
        assert heading in text, heading
    assert "PLN-02" in text and "Lô OM-54 chồng lấn" not in text or "PLT-000102" in text
    assert "TOD-02" in text and "Lý do: Lô OM-81 là đất cây xanh" in text
    systems = d.tables[2]
    assert systems.rows[0].cells[1].text == "Hệ thống" and len(systems.rows) == 12
    assert systems.rows[-1].cells[1].text == "Toàn đồ án" and systems.rows[-1].cells[3].text.endswith("%")
    foot = d.tables[-1].rows[0].cells
    assert "Nơi nhận" in foot[0].text and "Lưu: VT, QHKT" in foot[0].text
    assert "PHÓ GIÁM ĐỐC" in foot[1].text and "Nguyễn Văn An" in foot[1].text and "SHA256:" in foot[1].text
    assert verify_signed_file(out[0])["signer"] == "tham_dinh"


def test_pdf_export_in_vietnamese_and_english_reads_back_and_its_signature_catches_changes(opinion, tmp_path):
    create_key("tham_dinh", PASSPHRASE, tmp_path / "k")
    files = export_opinion(opinion, pdf=tmp_path / "o.pdf", sign_as="tham_dinh", key_dir=tmp_path / "k",
                           passphrase=PASSPHRASE)
    text = _pdf_text(files[0])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT" in text and "Số: 215/SXD-QHKT" in text
    assert "MỨC ĐỘ LỒNG GHÉP NỘI DUNG ĐÔ THỊ THÔNG MINH" in text and "Quản lý chất thải rắn thông minh" in text
    assert "KẾT LUẬN" in text and "Nguyễn Văn An" in text and "(Đã ký số)" in text
    sig = verify_signed_file(files[0])
    assert sig["fingerprint"][:30] in text.replace(" ", "")
    en = export_opinion(opinion, pdf=tmp_path / "o_en.pdf", lang="en")
    text_en = _pdf_text(en[0])
    assert "SOCIALIST REPUBLIC OF VIET NAM" in text_en and "IV. RECOMMENDATIONS" in text_en
    data = bytearray(files[0].read_bytes())
    data[len(data) // 2] ^= 1
    files[0].write_bytes(bytes(data))
    bad = verify_signed_file(files[0])
    assert bad["status"] == "invalid" and "changed after it was signed" in bad["reason_en"]
    sig_file = files[0].with_name("o.pdf.sig")
    sig_file.write_text("{}", encoding="utf-8")
    bad = verify_signed_file(files[0])
    assert bad["status"] == "invalid" and "not a CIM Studio signature" in bad["reason_en"]
    sig_file.unlink()
    with pytest.raises(CimInputError, match="not signed"):
        verify_signed_file(files[0])


def test_a_swapped_key_a_mislabelled_key_and_an_untrusted_key_are_refused(opinion, tmp_path):
    from cim.appraisal.signing import sign_file

    f = export_opinion(opinion, pdf=tmp_path / "o.pdf")[0]
    create_key("tham_dinh", PASSPHRASE, tmp_path / "k")
    sig_path = sign_file(f, "tham_dinh", tmp_path / "k", PASSPHRASE)
    good = json.loads(sig_path.read_text(encoding="utf-8"))
    ok = verify_signed_file(f, trusted={good["fingerprint"]})
    assert ok["signer"] == "tham_dinh" and ok["status"] == "trusted" and ok["kind"] == "Ed25519"
    assert verify_signed_file(f, trusted={"SHA256:" + "1" * 64})["status"] == "unknown"
    assert verify_signed_file(f)["status"] == "unknown"          # a good signature, but nobody trusts the key
    other = create_key("ke_gia_mao", PASSPHRASE, tmp_path / "k")
    swapped = dict(good, public_key=other.public_pem.decode(), fingerprint=other.fingerprint)
    sig_path.write_text(json.dumps(swapped), encoding="utf-8")
    bad = verify_signed_file(f)
    assert bad["status"] == "invalid" and "signature is not valid" in bad["reason_en"]
    sig_path.write_text(json.dumps(dict(good, fingerprint=other.fingerprint)), encoding="utf-8")
    bad = verify_signed_file(f)
    assert bad["status"] == "invalid" and "names another key" in bad["reason_en"]


def test_opinion_type_is_plain_data():
    assert Opinion(plan={}, package={}).to_dict()["format"] == "cimstudio-appraisal-opinion"
