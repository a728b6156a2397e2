"""Accepted findings: a finding the consultant decided to keep, with the reason, author and date.

An acceptance is keyed by :func:`issue_key` (rule, layer, the objects it names, the network sub-rule),
which stays the same when the same data is checked again, so a later run shows the finding as
accepted. Accepting and withdrawing are undoable commands of category ``"metadata"`` (consultants
only); the acceptances live in the project (``cim_check_acceptances``), written by the same atomic
save as everything else and read back on open. A finding whose objects or rule change gets a new key
and must be reviewed again.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass

from cim.commands import Command
from cim.errors import CimInputError

TABLE = "cim_check_acceptances"
DDL = (f"CREATE TABLE IF NOT EXISTS {TABLE} (key TEXT PRIMARY KEY, position INTEGER, rule TEXT NOT NULL, "
       "reason TEXT NOT NULL, author TEXT, date TEXT, data TEXT NOT NULL)")
#: evidence entries that tell two findings of one rule on the same objects apart
SUB_RULE_KEYS = ("net_rule", "code")


def issue_key(issue) -> str:
    """A stable identity of a finding: same rule, layer, objects (and sub-rule) → same key."""
    ids = sorted(str(o) for o in issue.objects) or sorted(str(f) for f in issue.fids)
    sub = next((str(issue.extra[k]) for k in SUB_RULE_KEYS if issue.extra.get(k)), "")
    if ids:
        basis = ",".join(ids)
    else:   # a project-level finding: its message is all that names it
        basis = "msg:" + hashlib.sha256(issue.message.en.encode("utf-8")).hexdigest()[:16]
    return f"{issue.code}|{issue.layer_id}|{sub}|{basis}"


@dataclass(frozen=True)
class Acceptance:
    key: str
    rule: str
    reason: str
    author: str
    date: str
    message_vi: str = ""
    message_en: str = ""
    object_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"key": self.key, "rule": self.rule, "reason": self.reason, "author": self.author,
                "date": self.date, "message_vi": self.message_vi, "message_en": self.message_en,
                "object_ids": list(self.object_ids)}

    @classmethod
    def from_dict(cls, d: dict) -> Acceptance:
        return cls(key=d["key"], rule=d["rule"], reason=d["reason"], author=d.get("author") or "",
                   date=d.get("date") or "", message_vi=d.get("message_vi") or "",
                   message_en=d.get("message_en") or "", object_ids=tuple(d.get("object_ids") or ()))


def acceptances(project) -> dict[str, Acceptance]:
    """The project's accepted findings by key (loaded on open)."""
    return project.ext.check_acceptances


def acceptance_for(project, issue) -> Acceptance | None:
    return acceptances(project).get(issue_key(issue))


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class AcceptIssue(Command):
    """Accept ``issue`` with a reason (replaces an earlier acceptance of the same finding)."""

    category = "metadata"

    def __init__(self, project, issue, reason: str, author: str | None = None) -> None:
        reason = (reason or "").strip()
        if not reason:
            raise CimInputError(project.path, "accepting a finding needs a reason", obj=issue.code,
                                hint="say why the finding is acceptable (e.g. the decision that allows it)")
        self.project = project
        key = issue_key(issue)
        self.new = Acceptance(key=key, rule=issue.code, reason=reason, author=author or project.user, date=_now(),
                              message_vi=issue.message.vi, message_en=issue.message.en,
                              object_ids=tuple(str(o) for o in issue.objects))
        self.old = acceptances(project).get(key)
        self.text = f"Accept {issue.code} finding"

    def redo(self) -> None:
        acceptances(self.project)[self.new.key] = self.new

    def undo(self) -> None:
        book = acceptances(self.project)
        if self.old is None:
            book.pop(self.new.key, None)
        else:
            book[self.new.key] = self.old


class WithdrawAcceptance(Command):
    """Take an acceptance back: the finding counts again."""

    category = "metadata"

    def __init__(self, project, key: str) -> None:
        self.project = project
        self.old = acceptances(project).get(key)
        if self.old is None:
            raise CimInputError(project.path, "this finding is not accepted", obj=key)
        self.key = key
        self.text = f"Withdraw acceptance of {self.old.rule} finding"

    def redo(self) -> None:
        acceptances(self.project).pop(self.key, None)

    def undo(self) -> None:
        acceptances(self.project)[self.key] = self.old


# ---------------------------------------------------------------------- store hooks
def write_acceptances(conn: sqlite3.Connection, project) -> None:
    """Store hook ("write"): the acceptances in the save transaction."""
    conn.execute(DDL)
    try:
        conn.execute(
            "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
            "VALUES (?, 'attributes', ?, 'CIM Studio accepted check findings', "
            "strftime('%Y-%m-%dT%H:%M:%fZ','now'))", (TABLE, TABLE))
    except sqlite3.OperationalError:   # not a GeoPackage (a bare SQLite file in a test)
        pass
    conn.execute(f"DELETE FROM {TABLE}")
    conn.executemany(f"INSERT INTO {TABLE} VALUES (?,?,?,?,?,?,?)",
                     [(a.key, pos, a.rule, a.reason, a.author, a.date, json.dumps(a.to_dict(), ensure_ascii=False))
                      for pos, a in enumerate(acceptances(project).values())])


def read_acceptances(conn: sqlite3.Connection, project) -> None:
    """Store hook ("open"): the acceptances of the file."""
    book = acceptances(project)
    book.clear()
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (TABLE,)).fetchone():
        return
    for (data,) in conn.execute(f"SELECT data FROM {TABLE} ORDER BY position"):
        a = Acceptance.from_dict(json.loads(data))
        book[a.key] = a


def register_hooks() -> None:
    from cim.project.store import register_hook

    register_hook("write", write_acceptances)
    register_hook("open", read_acceptances)
