"""A user's JSON file: missing, not JSON, too deep, or not an object gives one error naming the file."""

import pytest

from cim.errors import CimInputError
from cim.io.json_file import read_json_object


def test_an_object_is_read(tmp_path):
    f = tmp_path / "góp ý.json"
    f.write_text('{"format": "x", "n": 1}', encoding="utf-8")
    assert read_json_object(f) == (f, {"format": "x", "n": 1})


@pytest.mark.parametrize("content, words", [
    (None, "file not found"),
    (b"{not json", "not a JSON file"),
    (b"\xff\xfe\x00garbage", "not a JSON file"),
    (b"[" * 100_000 + b"]" * 100_000, "not a JSON file"),
    (b"[1, 2]", "expected a JSON object, found list"),
])
def test_bad_files_name_the_file_and_say_what_is_wrong(tmp_path, content, words):
    f = tmp_path / "in.json"
    if content is not None:
        f.write_bytes(content)
    with pytest.raises(CimInputError) as err:
        read_json_object(f, not_json_hint="export it again")
    assert str(f) in str(err.value) and words in str(err.value)
