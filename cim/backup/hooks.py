"""Store hooks: a rolling backup of the previous file before each save (when enabled), the recovery
file removed after a clean save, the recovery information written inside the recovery file."""

from __future__ import annotations

import time

from cim.project.store import register_hook


def before_replace(target, project) -> None:
    from cim.backup.rolling import backup_project, policy_for

    if project.ext.recovery_info is not None or not target.exists():
        return
    policy = policy_for(project)
    if policy is None:
        return
    last = project.ext.last_backup
    if last is not None and time.monotonic() - last < policy.min_interval_s:
        return
    backup_project(target, keep=policy.keep, backup_dir=policy.backup_dir)
    project.ext.last_backup = time.monotonic()


def after_save(target, project) -> None:
    from cim.backup.recovery import discard_recovery

    if project.ext.recovery_info is None:
        discard_recovery(target)


def write(conn, project) -> None:
    from cim.backup.recovery import write_info_table

    write_info_table(conn, project)


register_hook("before_replace", before_replace)
register_hook("after_save", after_save)
register_hook("write", write)
