"""Rule packs as data: province overrides, user packs that extend the built-in one, clear errors."""

from __future__ import annotations

import pytest

from cim.checks.pack import fold, load_pack, pack_from_dict
from cim.errors import CimInputError


def test_province_overrides_apply_to_the_matching_province_in_any_spelling():
    pack = pack_from_dict({"pack": {"id": "p"}, "rules": [{
        "id": "R", "type": "near", "params": {"distance_m": 800},
        "province_overrides": {"Hồ Chí Minh": {"distance_m": 1000}}}]})
    rule = pack.rules[0]
    assert rule.params_for("Thành phố Hồ Chí Minh")["distance_m"] == 1000
    assert rule.params_for("ho chi minh")["distance_m"] == 1000
    assert rule.params_for("Phú Thọ")["distance_m"] == 800
    assert fold("Tỉnh Đắk Nông") == "dak nong"


def test_a_user_pack_extends_the_built_in_pack_with_its_own_rules_and_thresholds(tmp_path):
    from plugins.check_registry import check_registry

    reg = check_registry()
    user = tmp_path / "my_rules.toml"
    user.write_text('''
[pack]
id = "phu_tho"
version = "2026.1"
extends = "decree269"

[params."SMT-WASTE"]
min_per_km2 = 2.0

[[rules]]
id = "PT-01"
severity = "W"
title = { vi = "Trạm sạc gần bãi đỗ xe", en = "Chargers near car parks" }
type = "near"
[rules.params]
subject = { kind = "smart_element", where = [ { field = "type", op = "eq", value = "smart_parking" } ] }
target = { kind = "smart_element", where = [ { field = "type", op = "eq", value = "ev_charger" } ] }
distance_m = 50
''', encoding="utf-8")
    pack = reg.pack(str(user))
    ids = [r.id for r in pack.rules]
    assert "PT-01" in ids and "SEC-01" in ids
    assert pack.rule("SMT-WASTE").params["min_per_km2"] == 2.0
    assert pack.id == "decree269+phu_tho"
    assert len(reg.checks_for(pack)) == len(pack.rules)


def test_a_broken_pack_names_the_file_and_the_rule(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[pack]\nid = "x"\n[[rules]]\nid = "A"\nseverity = "Z"\ntype = "attribute"\n', encoding="utf-8")
    with pytest.raises(CimInputError, match="bad.toml.*A.*severity"):
        load_pack(bad)
    bad.write_text('[pack]\nid = "x"\n[[rules]]\nid = "A"\n', encoding="utf-8")
    with pytest.raises(CimInputError, match="neither"):
        load_pack(bad)


def test_the_built_in_pack_has_vietnamese_titles_with_diacritics_and_a_graded_basis():
    from tests.plugins.decree269.conftest import PLUGIN

    pack = load_pack(PLUGIN / "rules" / "decree269.toml")
    assert pack.rule("CRS-01").title.vi == "Hệ tọa độ quốc gia VN-2000"
    for r in pack.rules:
        assert r.title.vi and r.title.en and r.legal_basis.citation.vi, r.id
        assert r.legal_basis.grade in ("V", "P", "I"), r.id
        assert r.severity in ("E", "W", "I")
