"""Province data: the 63 legacy provinces with their VN-2000 central meridians, the 34 provinces of 2025.

Pure data, no imports beyond the standard library. ``cim.crs.catalogue`` turns it into lookups.

Sources and how solid they are (labels as in ``DOMAIN.md``):

* Legacy central meridians: Circular 973/2001/TT-TCĐC, appendix (kinh tuyến trục cho từng tỉnh), with
  the later additions for Điện Biên, Đắk Nông and Hậu Giang (provinces split off in 2003–2004) [V].
  53 of the 63 are cross-checked in the tests against the EPSG "area of use" of the provincial TM-3 CRS
  (EPSG:9205–9218, 5899), which lists the provinces that use each meridian. The other ten use 105°00′
  (Hà Nội, Vĩnh Phúc, Hà Nam, Ninh Bình, Thanh Hóa, Đồng Tháp, Cần Thơ, Hậu Giang, Bạc Liêu) or 108°00′
  (Quảng Ngãi); EPSG has no provincial code for these two meridians and no area text naming them, so
  those ten rest on the Circular alone. They map to the national TM-3 zones EPSG:5897 (105°) and
  EPSG:5898 (108°), whose definition is identical (k = 0.9999, false easting 500 000 m).
* The 34 provinces: Resolution 202/2025/QH15 (12/6/2025, effective 1/7/2025) [V]; 11 kept their
  territory, 23 were formed by merging two or three legacy provinces.
* Default zone of a 2025 province [I]: the meridian of the legacy province whose name the new unit
  kept (always the first legacy component below). We know of no official central meridian for the
  merged units; keep the default configurable. Where the new administrative seat lies in another
  legacy province with a different meridian, a comment says so: those defaults are the least certain.
"""

from __future__ import annotations

# (name, kind, central meridian as (degrees, minutes)), in the order of Circular 973/2001's appendix.
# kind: "thành phố" = centrally-run city, "tỉnh" = province.
LEGACY_PROVINCES: tuple[tuple[str, str, tuple[int, int]], ...] = (
    ("Lai Châu", "tỉnh", (103, 0)),
    ("Điện Biên", "tỉnh", (103, 0)),
    ("Sơn La", "tỉnh", (104, 0)),
    ("Lào Cai", "tỉnh", (104, 45)),
    ("Yên Bái", "tỉnh", (104, 45)),
    ("Hà Giang", "tỉnh", (105, 30)),
    ("Tuyên Quang", "tỉnh", (106, 0)),
    ("Phú Thọ", "tỉnh", (104, 45)),
    ("Vĩnh Phúc", "tỉnh", (105, 0)),
    ("Cao Bằng", "tỉnh", (105, 45)),
    ("Lạng Sơn", "tỉnh", (107, 15)),
    ("Bắc Kạn", "tỉnh", (106, 30)),
    ("Thái Nguyên", "tỉnh", (106, 30)),
    ("Bắc Giang", "tỉnh", (107, 0)),
    ("Bắc Ninh", "tỉnh", (105, 30)),
    ("Quảng Ninh", "tỉnh", (107, 45)),
    ("Hải Phòng", "thành phố", (105, 45)),
    ("Hải Dương", "tỉnh", (105, 30)),
    ("Hưng Yên", "tỉnh", (105, 30)),
    ("Hà Nội", "thành phố", (105, 0)),
    ("Hòa Bình", "tỉnh", (106, 0)),
    ("Hà Nam", "tỉnh", (105, 0)),
    ("Nam Định", "tỉnh", (105, 30)),
    ("Thái Bình", "tỉnh", (105, 30)),
    ("Ninh Bình", "tỉnh", (105, 0)),
    ("Thanh Hóa", "tỉnh", (105, 0)),
    ("Nghệ An", "tỉnh", (104, 45)),
    ("Hà Tĩnh", "tỉnh", (105, 30)),
    ("Quảng Bình", "tỉnh", (106, 0)),
    ("Quảng Trị", "tỉnh", (106, 15)),
    # A province until 31/12/2024; Huế became a centrally-run city on 1/1/2025 (same territory).
    ("Thừa Thiên Huế", "tỉnh", (107, 0)),
    ("Đà Nẵng", "thành phố", (107, 45)),
    ("Quảng Nam", "tỉnh", (107, 45)),
    ("Quảng Ngãi", "tỉnh", (108, 0)),
    ("Bình Định", "tỉnh", (108, 15)),
    ("Kon Tum", "tỉnh", (107, 30)),
    ("Gia Lai", "tỉnh", (108, 30)),
    ("Đắk Lắk", "tỉnh", (108, 30)),
    ("Đắk Nông", "tỉnh", (108, 30)),
    ("Phú Yên", "tỉnh", (108, 30)),
    ("Khánh Hòa", "tỉnh", (108, 15)),
    ("Ninh Thuận", "tỉnh", (108, 15)),
    ("Bình Thuận", "tỉnh", (108, 30)),
    ("Lâm Đồng", "tỉnh", (107, 45)),
    ("Bình Dương", "tỉnh", (105, 45)),
    ("Bình Phước", "tỉnh", (106, 15)),
    ("Đồng Nai", "tỉnh", (107, 45)),
    ("Bà Rịa – Vũng Tàu", "tỉnh", (107, 45)),
    ("Tây Ninh", "tỉnh", (105, 30)),
    ("Long An", "tỉnh", (105, 45)),
    ("Tiền Giang", "tỉnh", (105, 45)),
    ("Bến Tre", "tỉnh", (105, 45)),
    ("Đồng Tháp", "tỉnh", (105, 0)),
    ("Vĩnh Long", "tỉnh", (105, 30)),
    ("Trà Vinh", "tỉnh", (105, 30)),
    ("An Giang", "tỉnh", (104, 45)),
    ("Kiên Giang", "tỉnh", (104, 30)),
    ("Cần Thơ", "thành phố", (105, 0)),
    ("Hậu Giang", "tỉnh", (105, 0)),
    ("Sóc Trăng", "tỉnh", (105, 30)),
    ("Bạc Liêu", "tỉnh", (105, 0)),
    ("Cà Mau", "tỉnh", (104, 30)),
    ("Hồ Chí Minh", "thành phố", (105, 45)),
)

# (name, kind, legacy components): Resolution 202/2025/QH15. The first component is the legacy
# province whose name the new unit kept; its meridian is the default zone [I].
PROVINCES_2025: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # The 11 that kept their territory.
    ("Hà Nội", "thành phố", ("Hà Nội",)),
    ("Huế", "thành phố", ("Thừa Thiên Huế",)),
    ("Lai Châu", "tỉnh", ("Lai Châu",)),
    ("Điện Biên", "tỉnh", ("Điện Biên",)),
    ("Sơn La", "tỉnh", ("Sơn La",)),
    ("Lạng Sơn", "tỉnh", ("Lạng Sơn",)),
    ("Quảng Ninh", "tỉnh", ("Quảng Ninh",)),
    ("Thanh Hóa", "tỉnh", ("Thanh Hóa",)),
    ("Nghệ An", "tỉnh", ("Nghệ An",)),
    ("Hà Tĩnh", "tỉnh", ("Hà Tĩnh",)),
    ("Cao Bằng", "tỉnh", ("Cao Bằng",)),
    # The 23 merged units.
    ("Tuyên Quang", "tỉnh", ("Tuyên Quang", "Hà Giang")),
    ("Lào Cai", "tỉnh", ("Lào Cai", "Yên Bái")),  # seat in former Yên Bái (same 104°45′)
    ("Thái Nguyên", "tỉnh", ("Thái Nguyên", "Bắc Kạn")),
    ("Phú Thọ", "tỉnh", ("Phú Thọ", "Vĩnh Phúc", "Hòa Bình")),
    ("Bắc Ninh", "tỉnh", ("Bắc Ninh", "Bắc Giang")),  # seat in former Bắc Giang (107°00′) [P]
    ("Hưng Yên", "tỉnh", ("Hưng Yên", "Thái Bình")),
    ("Hải Phòng", "thành phố", ("Hải Phòng", "Hải Dương")),
    ("Ninh Bình", "tỉnh", ("Ninh Bình", "Hà Nam", "Nam Định")),
    ("Quảng Trị", "tỉnh", ("Quảng Trị", "Quảng Bình")),  # seat Đồng Hới, former Quảng Bình (106°00′) [P]
    ("Đà Nẵng", "thành phố", ("Đà Nẵng", "Quảng Nam")),
    ("Quảng Ngãi", "tỉnh", ("Quảng Ngãi", "Kon Tum")),
    ("Gia Lai", "tỉnh", ("Gia Lai", "Bình Định")),  # seat Quy Nhơn, former Bình Định (108°15′) [P]
    ("Khánh Hòa", "tỉnh", ("Khánh Hòa", "Ninh Thuận")),
    ("Lâm Đồng", "tỉnh", ("Lâm Đồng", "Đắk Nông", "Bình Thuận")),
    ("Đắk Lắk", "tỉnh", ("Đắk Lắk", "Phú Yên")),
    ("Hồ Chí Minh", "thành phố", ("Hồ Chí Minh", "Bình Dương", "Bà Rịa – Vũng Tàu")),
    ("Đồng Nai", "tỉnh", ("Đồng Nai", "Bình Phước")),
    ("Tây Ninh", "tỉnh", ("Tây Ninh", "Long An")),  # seat Tân An, former Long An (105°45′) [P]
    ("Cần Thơ", "thành phố", ("Cần Thơ", "Sóc Trăng", "Hậu Giang")),
    ("Vĩnh Long", "tỉnh", ("Vĩnh Long", "Bến Tre", "Trà Vinh")),
    ("Đồng Tháp", "tỉnh", ("Đồng Tháp", "Tiền Giang")),  # seat Mỹ Tho, former Tiền Giang (105°45′) [P]
    ("Cà Mau", "tỉnh", ("Cà Mau", "Bạc Liêu")),
    ("An Giang", "tỉnh", ("An Giang", "Kiên Giang")),  # seat Rạch Giá, former Kiên Giang (104°30′) [P]
)

# Other spellings people type (folded by the catalogue: case, diacritics, spaces and the
# "tỉnh"/"thành phố"/"TP." prefixes never matter). Each maps to a legacy province name.
ALIASES: dict[str, str] = {
    "HCM": "Hồ Chí Minh",
    "HCMC": "Hồ Chí Minh",
    "TPHCM": "Hồ Chí Minh",
    "Sài Gòn": "Hồ Chí Minh",
    "Huế": "Thừa Thiên Huế",
    "Thừa Thiên - Huế": "Thừa Thiên Huế",
    "BRVT": "Bà Rịa – Vũng Tàu",
    "Bắc Cạn": "Bắc Kạn",
    "Đắc Lắc": "Đắk Lắk",
    "Đăk Lăk": "Đắk Lắk",
    "Đắc Nông": "Đắk Nông",
    "Đăk Nông": "Đắk Nông",
    "Kontum": "Kon Tum",
}
