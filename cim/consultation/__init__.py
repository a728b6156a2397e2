"""Public consultation (seed 002: "Người dân phải được tham gia ngay từ đầu"; seed 004: "tham gia góp ý,
giám sát"): a self-contained offline HTML map of the plan (Leaflet inlined, layers as WGS 84 GeoJSON via
the pinned VN-2000 transform) where a citizen reads the plan in Vietnamese and writes comments with a
location and a consent line; the comments come back as a JSON file that the consultant imports into the
review comments under a citizen role, summarised by topic and area. Personal data per Decree 13/2023:
consent required, no ID-card numbers kept (refused in the page, stripped again on import).

- :mod:`cim.consultation.html_map`  the offline map (export)
- :mod:`cim.consultation.comments`  import, personal-data screening, summary
"""

TOPICS = {
    "traffic": ("Giao thông, đi lại", "Traffic and mobility"),
    "green": ("Cây xanh, mặt nước, môi trường", "Green space, water, environment"),
    "housing": ("Nhà ở, sử dụng đất", "Housing and land use"),
    "services": ("Trường học, y tế, dịch vụ công", "Schools, health, public services"),
    "infrastructure": ("Hạ tầng kỹ thuật (điện, nước, thoát nước)", "Utilities (power, water, drainage)"),
    "smart": ("Đô thị thông minh, dữ liệu", "Smart city and data"),
    "other": ("Khác", "Other"),
}
CONSENT_VI = ("Tôi đồng ý để cơ quan lập quy hoạch xử lý nội dung góp ý và vị trí tôi đánh dấu, chỉ cho mục "
              "đích lấy ý kiến về đồ án quy hoạch này, theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân. "
              "Tôi không ghi số CCCD/CMND hay số định danh cá nhân.")
CONSENT_EN = ("I agree that the planning authority processes my comment and the location I marked, only to consult "
              "on this plan, under Decree 13/2023/NĐ-CP on personal data protection. I write no ID-card number.")
