"""Hostile packages are refused with a clear message, and nothing is written outside the target."""

import os
import zipfile

import pytest

from cim.errors import CimInputError
from cim.package.opening import open_package
from cim.package.safezip import Limits, UnsafeArchive, check_archive, safe_extract
from cim.package.verify import verify_package

from .conftest import runner
from .hostile import HOSTILE

MESSAGES = {"zip_slip": "zip-slip", "absolute_path": "absolute", "windows_path": "backslash",
            "drive_path": "absolute", "symlink": "symbolic link", "zip_bomb": "zip bomb",
            "duplicate_names": "twice", "case_duplicates": "twice", "encrypted_entry": "encrypted",
            "unexpected_file": "unexpected file", "control_characters": "control characters",
            "not_a_zip": "not a readable zip"}


def _snapshot(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_package_is_refused_by_verify_and_by_open_and_writes_nothing(kind, package, tmp_path):
    bad = tmp_path / "in" / f"{kind}.cimpkg"
    bad.parent.mkdir()
    HOSTILE[kind](package, bad)
    before = _snapshot(tmp_path)
    rep = verify_package(bad, rerun=runner())
    assert not rep.ok
    assert any(MESSAGES[kind] in f.message.en for f in rep.problems), [f.text() for f in rep.findings]
    with pytest.raises(CimInputError, match=MESSAGES[kind]):
        open_package(bad, tmp_path / "review", rerun=runner())
    assert _snapshot(tmp_path) == before, "opening a hostile package wrote files"
    assert not (tmp_path / "outside_evil.txt").exists() and not os.path.exists("/tmp/absolute_evil.txt")


@pytest.mark.parametrize("kind", ["zip_slip", "symlink", "zip_bomb", "absolute_path", "duplicate_names"])
def test_safe_extract_refuses_hostile_archives_even_without_a_manifest(kind, package, tmp_path):
    bad = tmp_path / f"{kind}.zip"
    HOSTILE[kind](package, bad)
    before = _snapshot(tmp_path)
    with pytest.raises(UnsafeArchive, match=MESSAGES[kind]):
        safe_extract(bad, tmp_path / "target")
    assert _snapshot(tmp_path) == before


def test_size_limits_refuse_an_archive_that_would_unpack_too_large(package):
    with zipfile.ZipFile(package) as zf, pytest.raises(UnsafeArchive, match="more than 1000 bytes"):
        check_archive(package, zf, limits=Limits(max_total_size=1000))
    with zipfile.ZipFile(package) as zf, pytest.raises(UnsafeArchive, match="would unpack to"):
        check_archive(package, zf, limits=Limits(max_entry_size=1000))


def test_a_good_package_opens_for_review_in_the_reviewer_role(package, tmp_path):
    from cim.review import review_book

    project, report = open_package(package, tmp_path / "review", rerun=runner())
    assert report.ok and project.role == "reviewer"
    assert [t.title for t in review_book(project)] == ["Lô 5 vượt hệ số sử dụng đất"]
    assert (tmp_path / "review" / "manifest.json").is_file()
    assert not list(tmp_path.glob(".review.*"))


def test_opening_into_an_existing_folder_is_refused(package, tmp_path):
    (tmp_path / "review").mkdir()
    with pytest.raises(CimInputError, match="exists already"):
        open_package(package, tmp_path / "review", rerun=runner())


def test_open_verified_opens_what_verify_accepted_and_refuses_a_failed_report(package, tmp_path):
    import hashlib

    from cim.package.opening import open_verified

    report = verify_package(package, rerun=runner())
    with zipfile.ZipFile(package) as zf:
        assert report.manifest_sha256 == hashlib.sha256(zf.read("manifest.json")).hexdigest()
    project = open_verified(package, report, tmp_path / "review")
    assert project.role == "reviewer" and project.path.parent == (tmp_path / "review" / "project").resolve()
    bad = tmp_path / "bad.cimpkg"
    data = bytearray(package.read_bytes())
    data[len(data) // 3] ^= 0xFF
    bad.write_bytes(bytes(data))
    failed = verify_package(bad, rerun=runner())
    assert not failed.ok       # a flipped byte is a finding that names the file, not a BadZipFile
    assert [f.objects[0] for f in failed.problems] == ["project/plan.cim.gpkg"]
    assert "damaged" in failed.findings[-1].message.en or "differs" in failed.findings[-1].message.en
    with pytest.raises(CimInputError, match="not verified"):
        open_verified(bad, failed, tmp_path / "review2")
    with pytest.raises(CimInputError, match="not verified"):
        open_verified(bad, report, tmp_path / "review3")     # a report of another file
    assert not (tmp_path / "review2").exists() and not (tmp_path / "review3").exists()


def test_a_package_changed_between_verification_and_opening_is_caught_and_nothing_stays(package, tmp_path):
    from cim.package.opening import open_verified

    report = verify_package(package, rerun=runner())
    assert report.ok
    swapped = tmp_path / "swapped.cimpkg"
    with zipfile.ZipFile(package) as zin, zipfile.ZipFile(swapped, "w") as zout:
        for info in zin.infolist():       # a well-formed zip whose project file is not the verified one
            data = zin.read(info)
            zout.writestr(info, data + b"\0" if info.filename.startswith("project/") else data)
    os.replace(swapped, package)
    with pytest.raises(CimInputError, match="changed after it was verified"):
        open_verified(package, report, tmp_path / "review")
    assert not (tmp_path / "review").exists()
