"""Zip-bomb limits for every entry and for the sum, refused compression methods and damaged deflate
streams (packages and BCF files): generated archives, small on disk."""

from __future__ import annotations

import hashlib
import zipfile

import pytest

from cim.errors import CimInputError
from cim.package.safezip import Limits, UnsafeArchive, check_archive, open_archive, read_member, safe_extract


def _zip(path, entries, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return path


def test_small_entries_are_limited_too(tmp_path):
    """The bomb of the issue: many entries of at most 1 MiB, each compressing 1000:1."""
    bomb = _zip(tmp_path / "b.zip", [(f"e{i}.bin", b"\0" * 2**20) for i in range(20)])
    assert bomb.stat().st_size < 100_000
    with zipfile.ZipFile(bomb) as zf, pytest.raises(UnsafeArchive, match="zip bomb") as err:
        check_archive(bomb, zf)
    assert "e0.bin" in str(err.value) and str(bomb) in str(err.value)


def test_the_sum_is_limited_when_every_entry_passes(tmp_path):
    """Each entry stays under the ratio by the small-entry allowance; together they are a bomb."""
    limits = Limits()
    size = int(limits.ratio_floor * limits.max_ratio * 0.9)
    bomb = _zip(tmp_path / "s.zip", [(f"e{i}.bin", b"\0" * size) for i in range(60)])
    with zipfile.ZipFile(bomb) as zf:
        for info in zf.infolist():
            assert info.file_size / max(info.compress_size, limits.ratio_floor) <= limits.max_ratio
        with pytest.raises(UnsafeArchive, match="overall"):
            check_archive(bomb, zf)


def test_total_expanded_size_is_limited(tmp_path):
    data = bytes(range(256)) * 400
    arc = _zip(tmp_path / "t.zip", [(f"e{i}.bin", data) for i in range(5)], zipfile.ZIP_STORED)
    with zipfile.ZipFile(arc) as zf, pytest.raises(UnsafeArchive, match="more than"):
        check_archive(arc, zf, limits=Limits(max_total_size=300_000))


def test_small_text_files_still_open(tmp_path):
    arc = _zip(tmp_path / "ok.zip", [("a.txt", "Lô đất số 4 " * 200), ("b.txt", b"x")])
    with zipfile.ZipFile(arc) as zf:
        assert len(check_archive(arc, zf)) == 2


@pytest.mark.parametrize(("method", "name"), [(zipfile.ZIP_LZMA, "LZMA"), (zipfile.ZIP_BZIP2, "bzip2")])
def test_lzma_and_bzip2_entries_are_refused_cleanly(tmp_path, method, name):
    arc = _zip(tmp_path / "m.zip", [("manifest.json", b"{}")], method)
    with zipfile.ZipFile(arc) as zf:
        with pytest.raises(UnsafeArchive, match=name):
            check_archive(arc, zf)
        with pytest.raises(UnsafeArchive, match=name):
            read_member(arc, zf, zf.infolist()[0])


def _corrupt_deflate(tmp_path):
    arc = _zip(tmp_path / "c.zip", [("data.txt", "".join(f"dòng {i} " for i in range(3000)))])
    raw = bytearray(arc.read_bytes())
    with zipfile.ZipFile(arc) as zf:
        info = zf.infolist()[0]
    start = info.header_offset + 30 + len(info.filename.encode())
    for k in range(start + 10, start + 40):       # scramble the deflate stream, keep the headers
        raw[k] ^= 0x5A
    arc.write_bytes(bytes(raw))
    return arc


def test_a_damaged_deflate_stream_is_a_clean_error(tmp_path):
    arc = _corrupt_deflate(tmp_path)
    with open_archive(arc) as zf:
        infos = check_archive(arc, zf)
        with pytest.raises(UnsafeArchive, match="damaged") as err:
            read_member(arc, zf, infos[0])
    assert "data.txt" in str(err.value)
    with pytest.raises(UnsafeArchive, match="damaged"):
        safe_extract(arc, tmp_path / "out")
    assert not (tmp_path / "out").exists() and not list(tmp_path.glob(".out.*"))


# BCF -----------------------------------------------------------------------------------------------
def _bcf_with(tmp_path, extra):
    from cim.project import Project
    from cim.review.bcf_export import export_bcf
    from cim.review.commands import add_comment

    p = Project()
    add_comment(p, title="Góp ý")
    good = export_bcf(p, tmp_path / "good.bcf")
    out = tmp_path / "bomb.bcf"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        topic = next(n.split("/")[0] for n in zin.namelist() if n.endswith("markup.bcf"))
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        for name, data in extra(topic):
            zout.writestr(name, data)
    return out


def test_a_bcf_bomb_cannot_grow_a_project(tmp_path, capsys):
    """A BCF of a few hundred KB that would add 300 MB of 'snapshots' to the project is refused by the
    CLI (exit 2, one message), and the project file keeps its bytes."""
    from cim.cli import main

    bcf = _bcf_with(tmp_path, lambda topic: [(f"{topic}/snap{i}.png", b"\0" * 30 * 2**20) for i in range(10)])
    assert bcf.stat().st_size < 2 * 2**20
    proj = tmp_path / "p.cim.gpkg"
    assert main(["-q", "new", str(proj)]) == 0
    before = hashlib.sha256(proj.read_bytes()).hexdigest()
    assert main(["-q", "comments", "import-bcf", str(proj), str(bcf)]) == 2
    err = capsys.readouterr().err
    assert "bomb.bcf" in err and "zip bomb" in err and len(err.strip().splitlines()) == 1
    assert hashlib.sha256(proj.read_bytes()).hexdigest() == before


def test_a_bcf_above_the_total_limit_is_refused_even_when_it_does_not_compress(tmp_path, monkeypatch):
    import os

    from cim.review import bcf_import

    monkeypatch.setattr(bcf_import, "BCF_MAX_TOTAL", 2 * 2**20)
    bcf = _bcf_with(tmp_path, lambda topic: [(f"{topic}/snap{i}.png", os.urandom(2**20)) for i in range(3)])
    with pytest.raises(CimInputError, match="more than"):
        bcf_import.read_bcf(bcf)


def test_a_header_claiming_a_zip_version_python_cannot_read_is_a_clean_refusal(tmp_path):
    """Found by the BCF fuzzing: NotImplementedError('zip file version 8.4') from zipfile."""
    arc = _zip(tmp_path / "v.bcf", [("bcf.version", b"<Version/>")])
    data = bytearray(arc.read_bytes())
    data[data.rfind(b"PK\x01\x02") + 6] = 84          # "version needed to extract" = 8.4
    arc.write_bytes(bytes(data))
    with pytest.raises(UnsafeArchive, match="not a readable zip"):
        open_archive(arc)
