"""Headings and fixed phrases of the opinion in Vietnamese (the document) and English (its translation)."""

L = {
    "vi": {"nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "motto": "Độc lập - Tự do - Hạnh phúc",
           "number": "Số", "to": "Kính gửi", "basis": "Căn cứ",
           "intro": "{office} có ý kiến thẩm định như sau:",
           "s1": "I. THÔNG TIN ĐỒ ÁN VÀ HỒ SƠ", "s2": "II. MỨC ĐỘ LỒNG GHÉP NỘI DUNG ĐÔ THỊ THÔNG MINH",
           "s3": "III. CÁC NỘI DUNG CẦN CHỈNH SỬA, BỔ SUNG", "s3b": "Các nội dung kiểm tra không yêu cầu chỉnh sửa",
           "s4": "IV. KIẾN NGHỊ", "s5": "V. KẾT LUẬN",
           "plan_id": "Mã đồ án", "plan_name": "Tên đồ án", "level": "Cấp độ, tỷ lệ", "where": "Địa điểm",
           "producer": "Đơn vị lập", "package": "Hồ sơ điện tử", "sha": "Mã băm SHA-256",
           "signed_by": "Chữ ký số của đơn vị tư vấn", "verify": "Kết quả xác thực", "verdict": "Kết quả kiểm tra tự động",
           "no": "TT", "system": "Hệ thống", "lvl": "Mức độ", "score": "Tỷ lệ", "missing": "Còn thiếu",
           "overall": "Toàn đồ án", "rule": "Quy tắc", "basis_of": "Căn cứ", "objects": "Đối tượng",
           "reason": "Lý do", "none": "Không có.", "cc": "Nơi nhận", "signed": "(Đã ký số)",
           "sig_key": "Khóa ký của người thẩm định", "sev": {"E": "Bắt buộc", "W": "Khuyến nghị", "I": "Thông tin"}},
    "en": {"nation": "SOCIALIST REPUBLIC OF VIET NAM", "motto": "Independence - Freedom - Happiness",
           "number": "No.", "to": "To", "basis": "Pursuant to",
           "intro": "The {office} gives the following appraisal opinion:",
           "s1": "I. PLAN AND PACKAGE", "s2": "II. INTEGRATION OF SMART-CITY CONTENT",
           "s3": "III. ITEMS TO CORRECT OR COMPLETE", "s3b": "Findings the appraiser set aside",
           "s4": "IV. RECOMMENDATIONS", "s5": "V. CONCLUSION",
           "plan_id": "Plan id", "plan_name": "Plan name", "level": "Level, scale", "where": "Location",
           "producer": "Producer", "package": "Electronic package", "sha": "SHA-256",
           "signed_by": "Consultant's signature key", "verify": "Verification", "verdict": "Automatic check verdict",
           "no": "No.", "system": "System", "lvl": "Level", "score": "Share", "missing": "Missing",
           "overall": "Whole plan", "rule": "Rule", "basis_of": "Basis", "objects": "Objects",
           "reason": "Reason", "none": "None.", "cc": "Copies to", "signed": "(Digitally signed)",
           "sig_key": "Appraiser's signing key", "sev": {"E": "Mandatory", "W": "Recommended", "I": "Information"}},
}
LEVEL_NAMES = {"chung": ("Quy hoạch chung", "General plan"), "phan_khu": ("Quy hoạch phân khu", "Zoning plan"),
               "chi_tiet": ("Quy hoạch chi tiết", "Detailed plan")}


def level_text(plan: dict, lang: str) -> str:
    name = LEVEL_NAMES.get(plan.get("level", ""), (plan.get("level", ""), plan.get("level", "")))[lang == "en"]
    return f"{name}, {'tỷ lệ' if lang == 'vi' else 'scale'} 1/{plan.get('scale') or '…'}"
