"""cim_id: prefixes per kind, sequential and uuid-based ids, uniqueness."""

from __future__ import annotations

import pandas as pd

from cim.model import ids


def test_sequential_ids_carry_the_kind_prefix_and_six_digits():
    assert ids.format_id("plot", 123) == "PLT-000123"
    assert ids.format_id("building", 45) == "BLD-000045"
    assert ids.sequential_ids("smart_element", 3, start=9) == ["SME-000009", "SME-000010", "SME-000011"]


def test_new_ids_are_unique_well_formed_and_tell_their_kind():
    made = {ids.new_id("building") for _ in range(1000)}
    assert len(made) == 1000
    one = next(iter(made))
    assert one.startswith("BLD-") and ids.is_valid_id(one, "building") and not ids.is_valid_id(one, "plot")
    assert ids.kind_of_id(one) == "building"
    assert ids.kind_of_id("PLT-000001") == "plot" and ids.kind_of_id("XX-1") is None
    assert ids.parse_id("no id") is None and not ids.is_valid_id("")


def test_check_unique_names_each_repeated_id_once_and_ignores_empty_values():
    s = pd.Series(["PLT-1", "PLT-2", "PLT-1", None, "", "", "PLT-3", "PLT-3", "PLT-3"])
    assert ids.check_unique(s) == ["PLT-1", "PLT-3"]
    assert ids.check_unique(["A-1", "A-2"]) == []
