"""Comment threads and what they point at (anchors, viewpoints). Plain data, no I/O."""

from __future__ import annotations

import datetime as _dt
import uuid
from dataclasses import dataclass, field

STATUSES = ("open", "resolved", "wont_fix")
STATUS_LABELS = {"open": ("Mở", "Open"), "resolved": ("Đã giải quyết", "Resolved"),
                 "wont_fix": ("Không sửa", "Won't fix")}
ANCHOR_KINDS = ("feature", "ifc", "location", "issue", "project")


def now_utc() -> str:
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class Anchor:
    """What a thread is about: a GIS feature (``layer_id`` + ``fid``), an IFC element (``global_id``),
    a map location (``x``, ``y`` in the project CRS), a check issue (``rule_id`` + ``object_id``),
    or the whole project."""

    kind: str = "project"
    layer_id: str | None = None
    fid: int | None = None
    global_id: str | None = None
    x: float | None = None
    y: float | None = None
    rule_id: str | None = None
    object_id: str | None = None

    @classmethod
    def feature(cls, layer_id: str, fid: int) -> Anchor:
        return cls("feature", layer_id=layer_id, fid=int(fid))

    @classmethod
    def ifc(cls, global_id: str) -> Anchor:
        return cls("ifc", global_id=global_id)

    @classmethod
    def location(cls, x: float, y: float) -> Anchor:
        return cls("location", x=float(x), y=float(y))

    @classmethod
    def issue(cls, rule_id: str, object_id: str | None = None) -> Anchor:
        return cls("issue", rule_id=rule_id, object_id=object_id)

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}

    @classmethod
    def from_dict(cls, d: dict) -> Anchor:
        a = cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})
        if a.kind not in ANCHOR_KINDS:
            raise ValueError(f"unknown anchor kind {a.kind!r}")
        if a.fid is not None:
            a.fid = int(a.fid)
        for k in ("x", "y"):
            if getattr(a, k) is not None:
                setattr(a, k, float(getattr(a, k)))
        return a


@dataclass
class Viewpoint:
    """A 2D map extent (``kind="map"``, ``extent`` = xmin, ymin, xmax, ymax in the project CRS) or a
    3D camera (``kind="camera"``: ``position``, ``direction``, ``up``, ``fov`` degrees for a perspective
    camera or ``scale`` for an orthogonal one)."""

    kind: str = "map"
    extent: tuple[float, float, float, float] | None = None
    position: tuple[float, float, float] | None = None
    direction: tuple[float, float, float] | None = None
    up: tuple[float, float, float] | None = None
    fov: float | None = None
    scale: float | None = None
    selection: tuple[str, ...] = ()   # IFC GlobalIds selected in the view

    def to_dict(self) -> dict:
        d = {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items()
             if v is not None and v != ()}
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Viewpoint:
        vp = cls(kind=d.get("kind", "map"))
        for k in ("extent", "position", "direction", "up"):
            if d.get(k) is not None:
                setattr(vp, k, tuple(float(v) for v in d[k]))
        for k in ("fov", "scale"):
            if d.get(k) is not None:
                setattr(vp, k, float(d[k]))
        vp.selection = tuple(d.get("selection", ()))
        return vp


@dataclass
class Comment:
    author: str
    text: str
    date: str = field(default_factory=now_utc)
    id: str = field(default_factory=new_id)
    viewpoint: Viewpoint | None = None
    snapshot: bytes | None = None     # PNG

    def to_dict(self) -> dict:
        d = {"id": self.id, "author": self.author, "date": self.date, "text": self.text}
        if self.viewpoint is not None:
            d["viewpoint"] = self.viewpoint.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict, snapshot: bytes | None = None) -> Comment:
        vp = Viewpoint.from_dict(d["viewpoint"]) if d.get("viewpoint") else None
        return cls(author=d["author"], text=d["text"], date=d["date"], id=d["id"], viewpoint=vp,
                   snapshot=snapshot)


@dataclass
class Thread:
    """A topic: a title, what it is about, a status and the comments (the first is the opening one)."""

    title: str
    author: str
    anchor: Anchor = field(default_factory=Anchor)
    status: str = "open"
    created: str = field(default_factory=now_utc)
    modified: str | None = None
    modified_author: str | None = None
    id: str = field(default_factory=new_id)
    description: str = ""
    labels: list[str] = field(default_factory=list)
    viewpoint: Viewpoint | None = None
    snapshot: bytes | None = None
    comments: list[Comment] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = {"id": self.id, "title": self.title, "author": self.author, "status": self.status,
             "created": self.created, "modified": self.modified, "modified_author": self.modified_author,
             "description": self.description, "labels": list(self.labels), "anchor": self.anchor.to_dict(),
             "comments": [c.to_dict() for c in self.comments]}
        if self.viewpoint is not None:
            d["viewpoint"] = self.viewpoint.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict, snapshots: dict[str, bytes] | None = None) -> Thread:
        snapshots = snapshots or {}
        if d.get("status", "open") not in STATUSES:
            raise ValueError(f"unknown status {d.get('status')!r}")
        return cls(title=d["title"], author=d["author"], anchor=Anchor.from_dict(d.get("anchor") or {}),
                   status=d.get("status", "open"), created=d["created"], modified=d.get("modified"),
                   modified_author=d.get("modified_author"), id=d["id"], description=d.get("description", ""),
                   labels=list(d.get("labels", [])),
                   viewpoint=Viewpoint.from_dict(d["viewpoint"]) if d.get("viewpoint") else None,
                   snapshot=snapshots.get(d["id"]),
                   comments=[Comment.from_dict(c, snapshots.get(c["id"])) for c in d.get("comments", [])])

    def snapshots(self) -> dict[str, bytes]:
        """Snapshot PNGs keyed by thread or comment id."""
        out = {self.id: self.snapshot} if self.snapshot else {}
        out.update({c.id: c.snapshot for c in self.comments if c.snapshot})
        return out


class ReviewBook:
    """The threads of a project, in creation order."""

    def __init__(self) -> None:
        self.threads: dict[str, Thread] = {}

    def __len__(self) -> int:
        return len(self.threads)

    def __iter__(self):
        return iter(self.threads.values())

    def get(self, thread_id: str) -> Thread:
        from cim.errors import CimInputError

        try:
            return self.threads[thread_id]
        except KeyError:
            raise CimInputError(None, f"no comment thread with id {thread_id!r}",
                                hint="list them with `cimstudio comments list`") from None

    def filter(self, *, status: str | None = None, anchor_kind: str | None = None,
               layer_id: str | None = None) -> list[Thread]:
        return [t for t in self if (status is None or t.status == status)
                and (anchor_kind is None or t.anchor.kind == anchor_kind)
                and (layer_id is None or t.anchor.layer_id == layer_id)]


def review_book(project) -> ReviewBook:
    """The project's comment threads (created empty on first use; loaded by the store on open)."""
    book = project.ext.review_book
    if book is None:
        book = ReviewBook()
        project.ext.review_book = book
    return book
