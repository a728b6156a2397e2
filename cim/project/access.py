"""The one guard every write to a project goes through (application access control).

The role of a session is a property of the project, not of the caller:

- it is *granted* when the project is opened, from the project's role table (``cim_roles``) and the
  operating-system account running the process (``pwd``, not the ``USER``/``LOGNAME`` environment
  variables, which anyone can set); a table without assignments gives the whole project to its
  consultant; a ``*`` row is a ceiling for everyone (a reviewer copy extracted from a package);
- :func:`switch_role` may only move *down* from the granted role (a consultant can look at the project
  as a reviewer and come back; a reviewer cannot become a consultant from inside);
- :func:`check_command` decides by the command's class, never by its mutable ``category``: a reviewer
  may push exactly the review and view command classes listed in :data:`REVIEW_COMMANDS` (macros are
  checked child by child);
- :func:`require_write` / :func:`require_file_write` guard the writes that are not commands: saving
  data, restoring a backup, recovering unsaved edits, overwriting a project, storing check results.

This stops a reviewer using CIM Studio (app, command line, public API) from changing the project. It is
not file security: someone who can write the file with other tools, or run arbitrary Python inside the
process, is not stopped by it; the signed appraisal package is what protects the deliverable.
"""

from __future__ import annotations

import importlib
import sqlite3
from pathlib import Path

from cim.errors import PermissionDenied

ROLES = ("consultant", "reviewer", "appraiser", "citizen")
# which command categories each role may push (what the UI shows; the guard checks classes)
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "consultant": frozenset({"data", "metadata", "review", "view"}),
    "reviewer": frozenset({"review", "view"}),
    "appraiser": frozenset({"review", "view"}),
    "citizen": frozenset(),   # authors of imported public-consultation comments: nothing else (cim.consultation)
}
CEILING_USER = "*"          # a row of cim_roles that caps the role of everyone
# the command classes a reviewer or appraiser may push (exact classes, not subclasses)
REVIEW_COMMANDS = {
    "cim.review.commands": ("AddThread", "AddReply", "SetThreadStatus", "MergeThreads"),
    "cim.project.edits": ("SetLayerVisibility", "SetLayerStyle"),
}


def current_user() -> str:
    """The login name of the account running this process (not taken from the environment)."""
    import os

    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, AttributeError):   # no passwd entry (containers) or not POSIX
        return f"uid-{os.getuid()}" if hasattr(os, "getuid") else "unknown"


def may_edit(role: str) -> bool:
    return role == "consultant"


def _lower_or_equal(role: str, granted: str) -> bool:
    return ROLE_PERMISSIONS.get(role, frozenset()) <= ROLE_PERMISSIONS.get(granted, frozenset())


def effective_role(assignments: dict[str, str], user: str, ceiling: str | None = None) -> str:
    """The role ``user`` gets in a project with these assignments and this ceiling."""
    if user in assignments:
        role = assignments[user]
    elif not any(r != "citizen" for r in assignments.values()):
        # nobody has been given a role yet (citizens imported from a consultation are authors of
        # comments, not users): the project is its author's
        role = "consultant"
    else:
        role = "reviewer"
    if role not in ROLES:
        role = "reviewer"            # an unknown role in a damaged table gives the least rights
    if ceiling is not None and (ceiling not in ROLES or not _lower_or_equal(role, ceiling)):
        role = ceiling if ceiling in ROLES else "reviewer"
    return role


def _grant(project, role: str) -> None:
    """Set the role granted by how the project was opened (store and package opening only)."""
    project._granted_role = role
    project._session_role = role


def granted_role(project) -> str:
    return getattr(project, "_granted_role", "consultant")


def switch_role(project, role: str) -> None:
    """Run the session as ``role``, which may not have more rights than the granted role. History the
    new role may not push is dropped from the undo stack: undoing a consultant's geometry edit would be a
    geometry edit by a reviewer."""
    from cim.errors import CimInputError

    if role not in ROLES:
        raise CimInputError(project.path, f"unknown role {role!r}", hint="use one of " + ", ".join(ROLES))
    granted = granted_role(project)
    if not _lower_or_equal(role, granted):
        raise PermissionDenied(
            f"The role '{granted}' granted by this project cannot become '{role}' from inside the session. "
            f"Vai trò '{granted}' của dự án này không thể tự nâng lên '{role}'.")
    project._session_role = role
    stack = project.undo_stack
    if not may_edit(role) and any(not _review_command(c) for c in stack._commands):
        stack.clear()


def restrict(project, role: str) -> None:
    """Lower the granted role for good (a reviewer copy): saved as the ``*`` ceiling of the project."""
    switch_role(project, role)
    project._granted_role = role
    project.ext.role_ceiling = role


def mark_reviewer_copy(path: str | Path, role: str) -> None:
    """Cap every user of the project file at ``path`` to ``role`` (a copy extracted for review)."""
    if role not in ROLES:
        raise ValueError(role)
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute("CREATE TABLE IF NOT EXISTS cim_roles (user TEXT PRIMARY KEY, role TEXT NOT NULL)")
            conn.execute("INSERT OR REPLACE INTO cim_roles VALUES (?, ?)", (CEILING_USER, role))
    finally:
        conn.close()


def _review_classes() -> tuple[type, ...]:
    out = []
    for mod, names in REVIEW_COMMANDS.items():
        m = importlib.import_module(mod)
        out.extend(getattr(m, n) for n in names)
    return tuple(out)


def _review_command(command) -> bool:
    from cim.commands import MacroCommand

    if type(command) is MacroCommand:
        return all(_review_command(c) for c in command.children)
    return type(command) in _review_classes()


def check_command(project, command) -> None:
    """The undo stack's guard: refuse a command the session's role may not run."""
    role = project.role
    if may_edit(role) or ("review" in ROLE_PERMISSIONS.get(role, ()) and _review_command(command)):
        return
    raise PermissionDenied(
        f"The role '{role}' may not '{command.text}'"
        + (": only comments and the view may be changed. " if role in ("reviewer", "appraiser") else ". ") +
        f"Vai trò '{role}' không được phép chỉnh sửa dữ liệu; chỉ được góp ý.")


def require_write(project, action: str) -> None:
    """Refuse ``action`` (a data write outside commands) unless the session may edit data."""
    role = project.role
    if not may_edit(role):
        raise PermissionDenied(f"{_where(project.path)}the role '{role}' may not {action}. "
                               f"Vai trò '{role}' không được phép thực hiện thao tác này.")


def read_file_roles(path: str | Path) -> tuple[dict[str, str], str | None] | None:
    """(assignments, ceiling) stored in a project file, or None when it is not a readable project."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            rows = list(conn.execute("SELECT user, role FROM cim_roles")) if "cim_roles" in names else []
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    assignments = {str(u): str(r) for u, r in rows if u != CEILING_USER}
    ceiling = next((str(r) for u, r in rows if u == CEILING_USER), None)
    return assignments, ceiling


def role_of_file(path: str | Path, user: str | None = None) -> str | None:
    """The role this account gets in the project file at ``path`` (None when it is no project)."""
    from cim.project import document

    found = read_file_roles(path)
    if found is None:
        return None
    return effective_role(found[0], user or document._current_user(), found[1])


def require_file_write(path: str | Path, action: str) -> None:
    """Refuse ``action`` on the project file at ``path`` unless this account may edit it."""
    role = role_of_file(path)
    if role is not None and not may_edit(role):
        raise PermissionDenied(f"{_where(path)}the role '{role}' may not {action}. "
                               f"Vai trò '{role}' không được phép thực hiện thao tác này.")


def _where(path) -> str:
    return f"{path}: " if path else ""
