"""Review edits as commands of category ``"review"``: reviewers and appraisers may push them,
and they are undone and redone like every other edit."""

from __future__ import annotations

import copy

from cim.commands import Command
from cim.errors import CimInputError
from cim.review.model import STATUSES, Anchor, Comment, Thread, Viewpoint, now_utc, review_book


class AddThread(Command):
    category = "review"

    def __init__(self, project, thread: Thread) -> None:
        self.project, self.thread = project, thread
        self.text = f"Comment: {thread.title}"

    def redo(self) -> None:
        review_book(self.project).threads[self.thread.id] = self.thread

    def undo(self) -> None:
        review_book(self.project).threads.pop(self.thread.id, None)


class AddReply(Command):
    category = "review"

    def __init__(self, project, thread_id: str, comment: Comment) -> None:
        self.project, self.comment = project, comment
        self.thread = review_book(project).get(thread_id)
        self.old_modified = (self.thread.modified, self.thread.modified_author)
        self.text = f"Reply to {self.thread.title}"

    def redo(self) -> None:
        self.thread.comments.append(self.comment)
        self.thread.modified, self.thread.modified_author = self.comment.date, self.comment.author

    def undo(self) -> None:
        self.thread.comments.remove(self.comment)
        self.thread.modified, self.thread.modified_author = self.old_modified


class SetThreadStatus(Command):
    category = "review"

    def __init__(self, project, thread_id: str, status: str, author: str) -> None:
        if status not in STATUSES:
            raise CimInputError(project.path, f"unknown comment status {status!r}",
                                hint="use one of " + ", ".join(STATUSES))
        self.project, self.status, self.author = project, status, author
        self.thread = review_book(project).get(thread_id)
        self.old = (self.thread.status, self.thread.modified, self.thread.modified_author)
        self.when = now_utc()
        self.text = f"Mark {self.thread.title} {status}"

    def redo(self) -> None:
        self.thread.status, self.thread.modified, self.thread.modified_author = self.status, self.when, self.author

    def undo(self) -> None:
        self.thread.status, self.thread.modified, self.thread.modified_author = self.old


class MergeThreads(Command):
    """Bring threads from elsewhere (a BCF file) into the project: new threads are added; for known
    ones, new comments are appended and title, status and viewpoint are taken over."""

    category = "review"

    def __init__(self, project, threads: list[Thread]) -> None:
        self.project, self.incoming = project, threads
        self.before: dict[str, Thread | None] = {}
        self.text = f"Import {len(threads)} comment thread(s)"

    def redo(self) -> None:
        book = review_book(self.project)
        self.before = {t.id: copy.deepcopy(book.threads.get(t.id)) for t in self.incoming}
        for t in self.incoming:
            mine = book.threads.get(t.id)
            if mine is None:
                book.threads[t.id] = copy.deepcopy(t)
                continue
            known = {c.id for c in mine.comments}
            mine.comments.extend(copy.deepcopy(c) for c in t.comments if c.id not in known)
            for attr in ("title", "status", "modified", "modified_author", "description", "labels",
                         "viewpoint", "snapshot"):
                value = getattr(t, attr)
                if value not in (None, "", []):
                    setattr(mine, attr, copy.deepcopy(value))

    def undo(self) -> None:
        book = review_book(self.project)
        for tid, old in self.before.items():
            if old is None:
                book.threads.pop(tid, None)
            else:
                book.threads[tid] = old


# use cases ---------------------------------------------------------------------------------------
def add_comment(project, *, title: str, text: str = "", anchor: Anchor | None = None,
                viewpoint: Viewpoint | None = None, snapshot: bytes | None = None,
                author: str | None = None, labels: list[str] | None = None) -> Thread:
    """Open a thread on ``anchor`` (default: the whole project). Returns the new thread."""
    if not title.strip():
        raise CimInputError(project.path, "a comment needs a title", hint="say in a few words what is wrong")
    thread = Thread(title=title, author=author or project.user, anchor=anchor or Anchor(),
                    description=text, viewpoint=viewpoint, snapshot=snapshot, labels=list(labels or []))
    project.push(AddThread(project, thread))
    return thread


def reply(project, thread_id: str, text: str, *, author: str | None = None,
          viewpoint: Viewpoint | None = None, snapshot: bytes | None = None) -> Comment:
    comment = Comment(author=author or project.user, text=text, viewpoint=viewpoint, snapshot=snapshot)
    project.push(AddReply(project, thread_id, comment))
    return comment


def set_status(project, thread_id: str, status: str, *, author: str | None = None) -> None:
    project.push(SetThreadStatus(project, thread_id, status, author or project.user))


def resolve(project, thread_id: str, *, author: str | None = None) -> None:
    set_status(project, thread_id, "resolved", author=author)
