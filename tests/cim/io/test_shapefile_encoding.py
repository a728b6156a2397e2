"""DBF text in every shape Vietnamese shapefiles come in: UTF-8, Windows-1258, TCVN3, with or without .cpg."""

import geopandas as gpd
import pyogrio
import pytest
import shapely

from cim.errors import CimInputError
from cim.io import encoding as enc
from cim.io.vector import read_vector

VI = "Đường Hùng Vương – phường Nông Trang"
VI_TCVN3 = "Đường Hùng Vương - phường Nông Trang"   # TCVN3 fonts have no en dash
_UNICODE_TO_TCVN3 = {v: chr(k) for k, v in enc._TCVN3_BYTES.items()}


def _frame(names, column="name"):
    n = len(names)
    return gpd.GeoDataFrame({column: names, "so": list(range(n))},
                            geometry=shapely.box(range(n), 0, [i + 1 for i in range(n)], 1), crs="EPSG:9208")


def _write(path, names, encoding, column="name"):
    pyogrio.write_dataframe(_frame(names, column), path, encoding=encoding)
    return path


def _tcvn3_latin1(text: str) -> str:
    """The TCVN3 bytes of ``text`` as Latin-1 characters (what a .VnTime document holds)."""
    return "".join(_UNICODE_TO_TCVN3.get(ch, ch) for ch in text)


def test_cp1258_dbf_with_cpg_reads_with_every_diacritic_and_no_lost_last_letter(tmp_path):
    path = _write(tmp_path / "duong.shp", [VI, "Phố Hòa Phong"], "cp1258")
    assert (tmp_path / "duong.cpg").read_text().strip().upper() == "CP1258"
    # GDAL's own CP1258 decoding drops the last character of each string; ours must not
    assert pyogrio.read_dataframe(path)["nam"].iloc[0].endswith("Tran")
    r = read_vector(path)
    assert r.gdf["name"].tolist() == [VI, "Phố Hòa Phong"]
    assert r.source["encoding"] == "cp1258 (.cpg)"
    assert r.warnings == []


def test_cp1258_dbf_without_cpg_is_recognised_as_vietnamese_windows_text(tmp_path):
    path = _write(tmp_path / "duong.shp", [VI, "Phố Hòa Phong"], "cp1258")
    (tmp_path / "duong.cpg").unlink()
    assert (tmp_path / "duong.dbf").read_bytes()[29] == 0          # no language driver either
    r = read_vector(path)
    assert r.gdf["name"].tolist() == [VI, "Phố Hòa Phong"]
    assert r.source["encoding"] == "cp1258 (guessed)"
    assert any("cp1258" in w and ".cpg" in w for w in r.warnings)


def test_utf8_dbf_without_cpg_reads_as_utf8(tmp_path):
    path = _write(tmp_path / "duong.shp", [VI], "UTF-8")
    (tmp_path / "duong.cpg").unlink()
    r = read_vector(path)
    assert r.gdf["name"].tolist() == [VI] and r.source["encoding"] == "utf-8 (guessed)"


def test_vietnamese_field_names_in_cp1258_are_decoded_too(tmp_path):
    path = _write(tmp_path / "duong.shp", [VI], "cp1258", column="Tên")
    (tmp_path / "duong.cpg").unlink()
    assert read_vector(path).gdf["Tên"].tolist() == [VI]


def test_the_dbf_language_driver_byte_names_the_code_page_when_there_is_no_cpg(tmp_path):
    path = _write(tmp_path / "pho.shp", ["Улица Ленина", "Проспект Мира"], "cp1251")
    (tmp_path / "pho.cpg").unlink()
    dbf = tmp_path / "pho.dbf"
    data = bytearray(dbf.read_bytes())
    data[29] = 0xC9                                                  # LDID 201 = Windows-1251
    dbf.write_bytes(bytes(data))
    r = read_vector(path)
    assert r.gdf["name"].tolist() == ["Улица Ленина", "Проспект Мира"]
    assert r.source["encoding"] == "cp1251 (DBF language driver 0xC9)"


def test_a_non_utf8_dbf_without_cpg_that_is_not_vietnamese_asks_for_a_cpg(tmp_path):
    path = _write(tmp_path / "pho.shp", ["Улица Ленина", "Проспект Мира"], "cp1251")
    (tmp_path / "pho.cpg").unlink()
    with pytest.raises(CimInputError) as err:
        read_vector(path)
    text = str(err.value)
    assert "pho.shp" in text and "pho.dbf" in text and ".cpg" in text and "encoding=" in text


def test_the_caller_can_name_the_encoding(tmp_path):
    path = _write(tmp_path / "pho.shp", ["Улица Ленина"], "cp1251")
    (tmp_path / "pho.cpg").unlink()
    r = read_vector(path, encoding="cp1251")
    assert r.gdf["name"].tolist() == ["Улица Ленина"] and r.source["encoding"] == "cp1251 (given)"


def test_an_unknown_encoding_name_is_an_input_error(tmp_path):
    path = _write(tmp_path / "duong.shp", [VI], "UTF-8")
    with pytest.raises(CimInputError, match="duong.shp.*unknown text encoding"):
        read_vector(path, encoding="vni-windows-99")


def test_tcvn3_dbf_without_cpg_is_detected_and_converted_to_unicode(tmp_path):
    names = [VI_TCVN3, "Phố Hòa Phong", "Cây xanh đô thị"]
    path = _write(tmp_path / "abc.shp", [_tcvn3_latin1(n) for n in names], "latin1")
    (tmp_path / "abc.cpg").unlink()
    assert "§­êng".encode("latin-1") in (tmp_path / "abc.dbf").read_bytes()
    r = read_vector(path)
    assert r.gdf["name"].tolist() == names
    assert r.source["encoding"] == "tcvn3 (guessed)"


def test_tcvn3_text_behind_a_western_cpg_is_converted_with_a_warning(tmp_path):
    names = [VI_TCVN3, "Cây xanh đô thị"]
    path = _write(tmp_path / "abc.shp", [_tcvn3_latin1(n) for n in names], "cp1252")
    r = read_vector(path)
    assert r.gdf["name"].tolist() == names
    assert any("TCVN3" in w and "'name'" in w for w in r.warnings)


def test_tcvn3_mojibake_stored_in_a_utf8_geopackage_is_converted(tmp_path):
    names = [VI_TCVN3, "Cây xanh đô thị"]
    path = tmp_path / "abc.gpkg"
    pyogrio.write_dataframe(_frame([_tcvn3_latin1(n) for n in names]), path)
    assert read_vector(path).gdf["name"].tolist() == names


def test_western_european_text_is_not_mistaken_for_tcvn3(tmp_path):
    names = ["Café de la Gare", "Crème brûlée", "½ lô, 25°C", "© 2024 Sở Xây dựng"]
    path = tmp_path / "fr.gpkg"
    pyogrio.write_dataframe(_frame(names), path)
    r = read_vector(path)
    assert r.gdf["name"].tolist() == names and not any("TCVN3" in w for w in r.warnings)


@pytest.mark.parametrize("text,codec", [("1258", "cp1258"), ("UTF-8", "utf-8"), ("65001", "utf-8"),
                                        ("ANSI 1251", "cp1251"), ("88591", "iso8859-1"),
                                        ("windows-1258", "cp1258"), ("ABC", "tcvn3"), ("nonsense", None)])
def test_cpg_texts_map_to_python_codecs(text, codec):
    assert enc.normalize_codec(text) == codec


def test_tcvn3_evidence_needs_symbols_inside_words():
    assert enc.tcvn3_evidence([_tcvn3_latin1(VI_TCVN3)]) == "strong"
    assert enc.tcvn3_evidence([VI]) == "none"                       # real Unicode Vietnamese
    assert enc.tcvn3_evidence(["Crème brûlée", "½ lô"]) == "none"
    assert enc.tcvn3_to_unicode(_tcvn3_latin1(VI_TCVN3)) == VI_TCVN3


def test_sniffing_prefers_utf8_then_tcvn3_then_cp1258():
    assert enc.sniff_codec([VI.encode("utf-8")]).codec == "utf-8"
    assert enc.sniff_codec([_tcvn3_latin1(VI_TCVN3).encode("latin-1")]).codec == "tcvn3"
    cp1258 = b"\xd0\xfd\xf5\xccng H\xf9ng V\xfd\xf5ng"                 # "Đường Hùng Vương"
    assert enc.sniff_codec([cp1258]).codec == "cp1258"
    assert enc.sniff_codec(["Улица".encode("cp1251")]).codec is None


def test_a_single_cp1258_letter_is_not_mistaken_for_cut_utf8(tmp_path):
    """Found by hypothesis: "Â" is the lone byte 0xC2 in CP1258, the start of a UTF-8 pair."""
    path = _write(tmp_path / "a.shp", ["Â"], "cp1258")
    (tmp_path / "a.cpg").unlink()
    assert read_vector(path).gdf["name"].tolist() == ["Â"]


def test_a_wrong_encoding_given_by_the_caller_is_an_input_error(tmp_path):
    path = _write(tmp_path / "duong.shp", [VI], "cp1258")
    with pytest.raises(CimInputError) as err:
        read_vector(path, encoding="UTF-8")
    assert "duong.shp" in str(err.value) and "encoding=" in str(err.value)
