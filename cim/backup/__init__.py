"""Backups and crash recovery (Decree 269 Art. 21.3(b): periodic backup with recovery).

- :mod:`cim.backup.rolling`   timestamped copies of the project file, keep N, restore
- :mod:`cim.backup.recovery`  autosave of unsaved edits to a recovery file; find and recover on next start
- :mod:`cim.backup.hooks`     store hooks: back up before each save (when enabled), drop recovery after
"""

from cim.backup.recovery import Autosaver, discard_recovery, find_recovery, recover, write_recovery
from cim.backup.rolling import backup_project, enable_autobackup, list_backups, restore_backup

__all__ = ["Autosaver", "backup_project", "discard_recovery", "enable_autobackup", "find_recovery",
           "list_backups", "recover", "restore_backup", "write_recovery"]
