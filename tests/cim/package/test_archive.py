"""Deterministic zips: same entries → same bytes; big incompressible files are stored, others deflated."""

import os
import zipfile

from cim.package.archive import write_archive


def test_the_same_entries_give_the_same_bytes_whatever_the_order_or_file_times(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("lô đất " * 1000, encoding="utf-8")
    x = write_archive(tmp_path / "x.zip", [("b/a.txt", a), ("a.json", b"{}")]).read_bytes()
    os.utime(a, (1, 1))
    y = write_archive(tmp_path / "y.zip", [("a.json", b"{}"), ("b/a.txt", a)]).read_bytes()
    assert x == y
    with zipfile.ZipFile(tmp_path / "x.zip") as zf:
        assert zf.namelist() == ["a.json", "b/a.txt"]
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_large_incompressible_file_is_stored_and_a_compressible_one_deflated(tmp_path):
    noise = tmp_path / "ortho.bin"
    noise.write_bytes(os.urandom(9 * 2**20))
    text = tmp_path / "plots.csv"
    text.write_bytes(b"PLT-000001,2.5,7,true\n" * 500_000)
    write_archive(tmp_path / "z.zip", [("ortho.bin", noise), ("plots.csv", text)])
    with zipfile.ZipFile(tmp_path / "z.zip") as zf:
        assert zf.getinfo("ortho.bin").compress_type == zipfile.ZIP_STORED
        assert zf.getinfo("plots.csv").compress_type == zipfile.ZIP_DEFLATED
