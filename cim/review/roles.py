"""Who has which role in a project (consultant, reviewer, appraiser), kept in the project file.

The role of the session decides which command categories the project's undo stack accepts
(``cim.project.document.ROLE_PERMISSIONS``). On open, the role comes from the assignment of the
current user; a project without assignments belongs to its consultant; a user the project does not
list gets the least-privileged role that may still comment (reviewer).

This is access control inside the application, not protection against someone editing the SQLite
file directly: that is what the signed appraisal package is for.
"""

from __future__ import annotations

from cim.commands import Command
from cim.errors import CimInputError, PermissionDenied
from cim.project.document import ROLE_PERMISSIONS, ROLES

DEFAULT_UNLISTED_ROLE = "reviewer"


def role_assignments(project) -> dict[str, str]:
    """user name -> role, as stored in the project (``cim_roles``)."""
    roles = getattr(project, "_cim_roles", None)
    if roles is None:
        roles = {}
        project._cim_roles = roles
    return roles


def role_for_user(assignments: dict[str, str], user: str) -> str:
    if not assignments:
        return "consultant"
    return assignments.get(user, DEFAULT_UNLISTED_ROLE)


class AssignRole(Command):
    """Give ``user`` a role (or take it away with ``role=None``). Only consultants may do it."""

    category = "metadata"

    def __init__(self, project, user: str, role: str | None) -> None:
        if role is not None and role not in ROLES:
            raise CimInputError(project.path, f"unknown role {role!r}", hint="use one of " + ", ".join(ROLES))
        if not user.strip():
            raise CimInputError(project.path, "a role needs a user name")
        self.project, self.user, self.new = project, user, role
        self.old = role_assignments(project).get(user)
        self.text = f"Role of {user}: {role or 'none'}"

    def _apply(self, role: str | None) -> None:
        roles = role_assignments(self.project)
        if role is None:
            roles.pop(self.user, None)
        else:
            roles[self.user] = role

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


def assign_role(project, user: str, role: str | None) -> None:
    project.push(AssignRole(project, user, role))


def switch_role(project, role: str) -> None:
    """Run the session as ``role``. History the new role may not push is dropped from the undo
    stack: undoing a consultant's geometry edit would be a geometry edit by a reviewer."""
    if role not in ROLES:
        raise CimInputError(project.path, f"unknown role {role!r}", hint="use one of " + ", ".join(ROLES))
    project.role = role
    allowed = ROLE_PERMISSIONS[role]
    stack = project.undo_stack
    if any(_categories(c) - allowed for c in stack._commands):
        stack.clear()


def require(project, category: str, action: str) -> None:
    """Refuse ``action`` when the session's role may not push ``category`` commands."""
    if category not in ROLE_PERMISSIONS.get(project.role, frozenset()):
        raise PermissionDenied(f"The role '{project.role}' may not {action}. "
                               f"Vai trò '{project.role}' không được phép thực hiện thao tác này.")


def _categories(command) -> set[str]:
    cats = {command.category}
    for child in getattr(command, "children", ()):
        cats |= _categories(child)
    return cats
