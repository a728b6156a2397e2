"""Bad IFC input gets a message naming the file, the problem and what to do."""

from __future__ import annotations

import pytest

from cim.errors import CimInputError
from cim.ifc.opening import open_ifc


def test_a_truncated_ifc_is_rejected_with_a_clear_message(ifc_dir, tmp_path):
    data = (ifc_dir / "office.ifc").read_bytes()
    bad = tmp_path / "cut.ifc"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(CimInputError, match="truncated"):
        open_ifc(bad)


def test_a_file_that_is_not_step_is_rejected(tmp_path):
    bad = tmp_path / "x.ifc"
    bad.write_text("<ifcXML/>")
    with pytest.raises(CimInputError, match="not an IFC STEP file"):
        open_ifc(bad)


def test_an_unsupported_schema_names_the_schema_and_what_is_read(ifc_dir, tmp_path):
    text = (ifc_dir / "office.ifc").read_text().replace("FILE_SCHEMA(('IFC4'))", "FILE_SCHEMA(('IFC2X2_FINAL'))")
    bad = tmp_path / "old.ifc"
    bad.write_text(text)
    with pytest.raises(CimInputError, match="IFC2X2_FINAL") as exc:
        open_ifc(bad)
    assert "IFC4X3_ADD2" in str(exc.value)


def test_corrupt_entity_data_is_rejected_with_the_schema_named(ifc_dir, tmp_path):
    text = (ifc_dir / "office.ifc").read_text()
    head, _, tail = text.partition("DATA;")
    bad = tmp_path / "corrupt.ifc"
    bad.write_text(head + "DATA;\n#99999=IFCWALL('x,$,$,$,$,$,$,$,$);\n" + tail)
    with pytest.raises(CimInputError, match="cannot be read"):
        open_ifc(bad)


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(CimInputError, match="does not exist"):
        open_ifc(tmp_path / "nope.ifc")
