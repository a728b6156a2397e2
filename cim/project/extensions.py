"""The state other rooms keep on an open project: one typed, documented place (``project.ext``).

A :class:`~cim.project.document.Project` holds the plan (layers, tree, metadata, undo). Beside it, some
modules keep per-session state for a project: the comment threads, the roles, the accepted findings,
the database link… They used to set private ``project._cim_*`` attributes from outside the class; each now
has a field here, owned by the module named in its comment, which is the only one to read or set it (others
go through that module's functions, e.g. :func:`cim.review.model.review_book`). A field is ``None`` until
its owner fills it (the two dictionaries start empty). ``tests/cim/project/test_extensions.py`` keeps new ``_cim_*`` attributes out.

A new piece of state: add a field here with its owner and meaning, not an attribute on the project.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cim.backup.rolling import BackupPolicy
    from cim.checks.acceptance import Acceptance
    from cim.db.workcopy import DbLink
    from cim.project.file_state import FileState
    from cim.review.model import ReviewBook


@dataclass(slots=True)
class ProjectExtensions:
    """Per-session state of an open project kept by other modules (slots: a misspelt field fails)."""

    # cim.review.model.review_book: the comment threads (store hook: cim_comments tables)
    review_book: ReviewBook | None = None
    # cim.review.roles.role_assignments: user name -> role (store hook: cim_roles table)
    roles: dict[str, str] = field(default_factory=dict)
    # cim.review.storage / cim.project.access.restrict: the role every user is capped at (reviewer copy)
    role_ceiling: str | None = None
    # cim.checks.acceptance.acceptances: accepted findings by key (store hook: cim_check_acceptances)
    check_acceptances: dict[str, Acceptance] = field(default_factory=dict)
    # cim.project.layer_info_store: layer metadata rows read on open, applied once the layers are loaded
    layer_info_rows: dict[str, dict] | None = None
    # cim.project.file_state.remember: the file as this session last opened or saved it (lost-update guard)
    file_state: FileState | None = None
    # cim.backup.recovery: set only on the stand-in saved as a recovery file (the info table it writes)
    recovery_info: dict | None = None
    # cim.backup.rolling.enable_autobackup: back up the previous file before each save
    autobackup: BackupPolicy | None = None
    # cim.backup.hooks: time.monotonic() of the last rolling backup (throttles them)
    last_backup: float | None = None
    # cim.db.workcopy.set_link: the PostGIS database this file is a working copy of
    db_link: DbLink | None = None
