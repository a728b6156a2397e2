"""``cimstudio backup``: list, create, restore backups; recover or discard unsaved edits after a crash."""

from __future__ import annotations

from pathlib import Path

from cim.cli import EXIT_OK, add_actions, add_project_command


def register(sub) -> None:
    actions = add_actions(sub, "backup", "rolling backups of a project and crash recovery")
    c = add_project_command(actions, "list", cmd_list, "the backups of a project (newest first) and any unsaved edits")
    c.add_argument("--dir", type=Path, help="backup folder (default: <project>.backups beside it)")
    c = add_project_command(actions, "create", cmd_create, "back up the project file now")
    c.add_argument("--keep", type=int, default=10, help="how many backups to keep (default 10)")
    c.add_argument("--dir", type=Path)
    c = add_project_command(actions, "restore", cmd_restore,
                            "put a backup back in place of the project (the current file is backed up)")
    c.add_argument("backup", type=Path, nargs="?", help="the backup file (default: the newest)")
    c.add_argument("--dir", type=Path)
    c = add_project_command(actions, "recover", cmd_recover,
                            "apply the unsaved edits of a crashed session and save the project")
    c.add_argument("--force", action="store_true", help="recover even if the project file changed since")
    add_project_command(actions, "discard", cmd_discard, "throw away the unsaved edits of a crashed session")


def cmd_list(args, ctx) -> int:
    from cim.backup import find_recovery, list_backups

    backups = list_backups(args.project, args.dir)
    for b in backups:
        print(f"{b.time:%Y-%m-%d %H:%M:%S} UTC  {b.size:>12d}  {b.path}")
    print(f"{len(backups)} backup(s)")
    found = find_recovery(args.project)
    if found is not None:
        vi, en = found.describe()
        print(f"{vi}\n{en} (cimstudio backup recover {args.project})" + (" [stale]" if found.stale else ""))
    return EXIT_OK


def cmd_create(args, ctx) -> int:
    from cim.backup import backup_project

    print(backup_project(args.project, keep=args.keep, backup_dir=args.dir))
    return EXIT_OK


def cmd_restore(args, ctx) -> int:
    from cim.backup import restore_backup

    restore_backup(args.project, args.backup, backup_dir=args.dir)
    print(f"{args.project}: restored from {args.backup or 'the newest backup'}")
    return EXIT_OK


def cmd_recover(args, ctx) -> int:
    from cim.backup import find_recovery, recover
    from cim.project.store import save_project

    found = find_recovery(args.project)
    project = recover(args.project, allow_stale=args.force)
    save_project(project)
    edits = found.edits if found is not None else []
    print(f"{args.project}: {len(edits)} unsaved edit(s) recovered and saved / đã khôi phục và lưu")
    for text in edits:
        print(f"  {text}")
    return EXIT_OK


def cmd_discard(args, ctx) -> int:
    from cim.backup import discard_recovery

    discard_recovery(args.project)
    return EXIT_OK
