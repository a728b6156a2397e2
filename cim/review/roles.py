"""Who has which role in a project (consultant, reviewer, appraiser), kept in the project file.

The role of the session decides which commands the project's undo stack accepts; the guard is
:mod:`cim.project.access`. On open, the role comes from the assignment of the operating-system account
running CIM Studio; a project without assignments belongs to its consultant; a user the project does
not list gets the least-privileged role that may still comment (reviewer); a ``*`` ceiling (a reviewer
copy from a package) caps everyone.

This is access control inside the application, not protection against someone editing the SQLite
file directly: that is what the signed appraisal package is for.
"""

from __future__ import annotations

from cim.commands import Command
from cim.errors import CimInputError, PermissionDenied
from cim.project.access import CEILING_USER, ROLE_PERMISSIONS, ROLES, effective_role, restrict, switch_role

__all__ = ["AssignRole", "assign_role", "effective_role", "require", "restrict", "role_assignments",
           "role_for_user", "switch_role"]

DEFAULT_UNLISTED_ROLE = "reviewer"


def role_assignments(project) -> dict[str, str]:
    """user name -> role, as stored in the project (``cim_roles``)."""
    return project.ext.roles


def role_for_user(assignments: dict[str, str], user: str) -> str:
    return effective_role(assignments, user)


class AssignRole(Command):
    """Give ``user`` a role (or take it away with ``role=None``). Only consultants may do it."""

    category = "metadata"

    def __init__(self, project, user: str, role: str | None) -> None:
        if role is not None and role not in ROLES:
            raise CimInputError(project.path, f"unknown role {role!r}", hint="use one of " + ", ".join(ROLES))
        if not user.strip() or user.strip() == CEILING_USER:
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


def require(project, category: str, action: str) -> None:
    """Refuse ``action`` when the session's role may not push ``category`` commands."""
    if category not in ROLE_PERMISSIONS.get(project.role, frozenset()):
        raise PermissionDenied(f"The role '{project.role}' may not {action}. "
                               f"Vai trò '{project.role}' không được phép thực hiện thao tác này.")

