"""Rolling backups: one before each save when enabled, newest N kept, restore puts one back."""

import datetime as dt

import pytest

from cim.backup import backup_project, enable_autobackup, list_backups, restore_backup
from cim.errors import CimInputError
from cim.project.edits import SetMetadata
from cim.project.store import open_project, save_project


def _plan_id(path):
    return open_project(path).metadata.plan_id


def test_each_save_backs_up_the_previous_file_and_only_the_newest_are_kept(saved):
    enable_autobackup(saved, keep=3)
    for i in range(6):
        saved.push(SetMetadata(saved, "plan_id", f"QH-{i}"))
        save_project(saved)
    backups = list_backups(saved.path)
    assert len(backups) == 3
    assert [_plan_id(b.path) for b in backups] == ["QH-4", "QH-3", "QH-2"]
    assert backups[0].path.parent.name == "plan.cim.gpkg.backups"


def test_without_autobackup_a_save_makes_no_backup(saved):
    saved.push(SetMetadata(saved, "plan_id", "QH-1"))
    save_project(saved)
    assert list_backups(saved.path) == []


def test_a_minimum_interval_limits_backups_of_frequent_saves(saved, tmp_path):
    enable_autobackup(saved, keep=10, backup_dir=tmp_path / "bk", min_interval_s=3600)
    for i in range(3):
        saved.push(SetMetadata(saved, "plan_id", f"QH-{i}"))
        save_project(saved)
    assert len(list_backups(saved.path, tmp_path / "bk")) == 1


def test_restore_puts_a_backup_back_and_keeps_the_current_file_as_a_backup(saved):
    enable_autobackup(saved, keep=5)
    for i in range(3):
        saved.push(SetMetadata(saved, "plan_id", f"QH-{i}"))
        save_project(saved)
    oldest = list_backups(saved.path)[-1]
    assert _plan_id(oldest.path) == ""
    restore_backup(saved.path, oldest.path)
    assert _plan_id(saved.path) == ""
    assert _plan_id(list_backups(saved.path)[0].path) == "QH-2"
    restore_backup(saved.path)          # the newest: undo the restore
    assert _plan_id(saved.path) == "QH-2"


def test_backups_are_named_by_time_and_listed_newest_first(saved):
    t0 = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)
    a = backup_project(saved.path, now=t0)
    b = backup_project(saved.path, now=t0 + dt.timedelta(hours=1))
    assert a.name == "plan.20260301T080000_000000Z.cim.gpkg"
    assert [x.path for x in list_backups(saved.path)] == [b, a]


def test_restoring_without_backups_or_from_a_broken_file_is_explained(saved, tmp_path):
    with pytest.raises(CimInputError, match="no backups"):
        restore_backup(saved.path)
    bad = tmp_path / "bad.cim.gpkg"
    bad.write_bytes(b"not a geopackage" * 10)
    with pytest.raises(CimInputError, match="not a GeoPackage"):
        restore_backup(saved.path, bad)
    assert open_project(saved.path).layers
