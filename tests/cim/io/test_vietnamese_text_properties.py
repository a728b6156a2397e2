"""Properties of the Vietnamese text handling, over generated text."""

import string

import geopandas as gpd
import pyogrio
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cim.io import encoding as enc
from cim.io.vector import read_vector

LETTERS = sorted(enc.VIETNAMESE_LETTERS)
TCVN3_LOWER = sorted(set(enc._TCVN3_BYTES.values()))
_TO_TCVN3 = {v: chr(k) for k, v in enc._TCVN3_BYTES.items()}

vietnamese_text = st.text(alphabet=st.sampled_from(LETTERS + list(string.ascii_letters + " ")),
                          min_size=1, max_size=40).filter(lambda s: not s.isascii() and s.strip() == s)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(vietnamese_text, min_size=1, max_size=5), keep_cpg=st.booleans())
def test_any_vietnamese_text_survives_a_cp1258_shapefile_with_or_without_cpg(tmp_path_factory, names, keep_cpg):
    folder = tmp_path_factory.mktemp("cp1258")
    gdf = gpd.GeoDataFrame({"ten": names}, geometry=[shapely.Point(i, 0) for i in range(len(names))],
                           crs="EPSG:9208")
    pyogrio.write_dataframe(gdf, folder / "t.shp", encoding="cp1258")
    if not keep_cpg:
        (folder / "t.cpg").unlink()
    assert read_vector(folder / "t.shp").gdf["ten"].tolist() == names


@given(st.text(alphabet=st.sampled_from(TCVN3_LOWER + list(string.ascii_lowercase + " ")), max_size=60))
def test_tcvn3_conversion_inverts_the_tcvn3_table(text):
    as_read = "".join(_TO_TCVN3.get(ch, ch) for ch in text)
    assert enc.tcvn3_to_unicode(as_read) == text


@given(st.lists(vietnamese_text, min_size=1, max_size=20))
def test_real_unicode_vietnamese_is_never_taken_for_tcvn3(values):
    assert enc.tcvn3_evidence(values) == "none"
