"""Read BCF 2.1 / 3.0 files (from CIM Studio or any BIM tool) back into comment threads.

The zip is opened with the same checks as appraisal packages (:mod:`cim.package.safezip`); XML with
a DOCTYPE (entity tricks) is refused. Threads, comments, statuses, viewpoints and snapshots come from
the standard BCF fields; the ``cimstudio:`` reference links restore anchors and exact map extents.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from urllib.parse import parse_qsl

from cim.errors import CimInputError


class UnsafeXml(CimInputError):
    pass


STATUS_FROM_BCF = {"open": "open", "reopened": "open", "active": "open", "inprogress": "open", "new": "open",
                   "assigned": "open", "resolved": "resolved", "closed": "resolved", "done": "resolved",
                   "fixed": "resolved", "wontfix": "wont_fix", "rejected": "wont_fix", "declined": "wont_fix",
                   "notanissue": "wont_fix", "khongsua": "wont_fix"}


# A BCF file is comments: markup XML, viewpoints and PNG snapshots. What it may add to a project is
# bounded (reviewers may import BCF), so a small zip bomb cannot grow a project by a gigabyte.
BCF_MAX_TOTAL = 256 * 2**20
BCF_MAX_ENTRY = 32 * 2**20


def _bcf_limits():
    from cim.package.safezip import Limits

    return Limits(max_entries=20_000, max_entry_size=BCF_MAX_ENTRY, max_total_size=BCF_MAX_TOTAL)


def import_bcf(project, path: str | Path) -> int:
    """Merge the threads of a BCF file into the project (one undoable ``review`` command).

    Returns the number of threads read."""
    from cim.review.commands import MergeThreads

    threads = read_bcf(path)
    project.push(MergeThreads(project, threads))
    return len(threads)


def read_bcf(path: str | Path) -> list:
    from bcf.xml_parser import XmlParserSerializer

    from cim.package.safezip import check_archive, open_archive, read_member

    BCF_LIMITS = _bcf_limits()
    path = Path(path)
    with open_archive(path) as zf:
        infos = check_archive(path, zf, limits=BCF_LIMITS, allow_dirs=True)
        members = {i.filename: i for i in infos}
        if "bcf.version" not in members:
            raise CimInputError(path, "not a BCF file (no bcf.version)", hint="export it again as BCF 2.1 or 3.0")

        def read(name: str) -> bytes | None:
            info = members.get(name)
            return read_member(path, zf, info) if info else None

        xml = XmlParserSerializer()
        version = _version(path, xml, read("bcf.version"))
        mdl = _model(version)
        topic_dirs = sorted({n.split("/")[0] for n in members if n.endswith("/markup.bcf") and n.count("/") == 1})
        threads = []
        for topic_dir in topic_dirs:
            markup = _parse(path, xml, read(f"{topic_dir}/markup.bcf"), mdl.Markup, f"{topic_dir}/markup.bcf")
            try:
                thread = _thread(path, xml, mdl, version, markup, topic_dir, read)
                index = int(markup.topic.index) if markup.topic.index is not None else 1 << 30
            except (AttributeError, TypeError, ValueError, KeyError, OverflowError) as exc:
                # wrong types the schema let through: a date as text, a scale that is not a number …
                raise CimInputError(path, f"invalid BCF topic ({type(exc).__name__}: {str(exc)[:160]})",
                                    obj=f"{topic_dir}/markup.bcf",
                                    hint="export the BCF again from the BIM tool") from exc
            threads.append((index, thread))
    threads.sort(key=lambda it: (it[0], it[1].created or ""))
    return [t for _, t in threads]


def _model(version: str):
    if version.startswith("2."):
        import bcf.v2.model as mdl
    else:
        import bcf.v3.model as mdl
    return mdl


def _parse(path, xml, data: bytes, cls, name: str):
    if b"<!doctype" in data.lower() or b"<!entity" in data.lower():
        raise UnsafeXml(path, "the BCF file contains an XML DOCTYPE/ENTITY, which is refused", obj=name,
                            hint="BCF files never need one; ask for a new export")
    import warnings

    try:
        with warnings.catch_warnings():       # xsdata warns on every value it cannot convert
            warnings.simplefilter("ignore")
            return xml.parse(data, cls)
    except Exception as exc:   # xsdata raises ParserError, lxml XMLSyntaxError, ValueError …
        raise CimInputError(path, f"invalid BCF XML ({exc})", obj=name,
                            hint="export the BCF again from the BIM tool") from exc


def _version(path, xml, data: bytes) -> str:
    import bcf.v2.model as m2
    import bcf.v3.model as m3

    for cls in (m3.Version, m2.Version):
        try:
            vid = _parse(path, xml, data, cls, "bcf.version").version_id
        except UnsafeXml:
            raise
        except CimInputError:
            continue
        if vid in ("2.0", "2.1", "3.0"):
            return vid
    raise CimInputError(path, "unsupported BCF version", obj="bcf.version", hint="use BCF 2.1 or 3.0")


def _date(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):          # xsdata leaves a date it cannot parse as text
        d = _dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    else:
        d = value.to_datetime()
    if d.tzinfo is None:
        d = d.replace(tzinfo=_dt.UTC)
    return d.astimezone(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _status(value: str | None) -> str:
    key = "".join(ch for ch in (value or "open").lower() if ch.isalnum())
    return STATUS_FROM_BCF.get(key, "open")


def _links(links: list[str]) -> tuple[dict, dict[str, dict]]:
    anchor, views = {}, {}
    for link in links:
        if link.startswith("cimstudio:anchor?"):
            anchor = dict(parse_qsl(link.split("?", 1)[1]))
        elif link.startswith("cimstudio:viewpoint?"):
            q = dict(parse_qsl(link.split("?", 1)[1]))
            views[q.get("guid", "")] = q
    return anchor, views


def _thread(path, xml, mdl, version: str, markup, topic_dir: str, read):
    from cim.review.model import Anchor, Comment, Thread

    t = markup.topic
    if version.startswith("2."):
        links, labels = list(t.reference_link), list(t.labels)
        comments, vps = list(markup.comment), list(markup.viewpoints)
    else:
        links = list(t.reference_links.reference_link) if t.reference_links else []
        labels = list(t.labels.label) if t.labels else []
        comments = list(t.comments.comment) if t.comments else []
        vps = list(t.viewpoints.view_point) if t.viewpoints else []
    anchor_d, view_links = _links(links)
    try:
        anchor = Anchor.from_dict(anchor_d) if anchor_d else Anchor()
    except (TypeError, ValueError):
        anchor = Anchor()
    views = {}
    for vp in vps:
        visinfo = None
        if vp.viewpoint and (data := read(f"{topic_dir}/{vp.viewpoint}")) is not None:
            visinfo = _parse(path, xml, data, mdl.VisualizationInfo, f"{topic_dir}/{vp.viewpoint}")
        snap = read(f"{topic_dir}/{vp.snapshot}") if vp.snapshot else None
        views[vp.guid] = (_viewpoint(visinfo, view_links.get(vp.guid)), snap)
    used = {c.viewpoint.guid for c in comments if c.viewpoint is not None}
    topic_vp = next((g for g in (v.guid for v in vps) if g not in used), None)
    out = []
    for c in comments:
        vp, snap = views.get(c.viewpoint.guid, (None, None)) if c.viewpoint is not None else (None, None)
        out.append(Comment(author=c.author, text=c.comment or "", date=_date(c.date), id=c.guid,
                           viewpoint=vp, snapshot=snap))
    vp, snap = views.get(topic_vp, (None, None)) if topic_vp else (None, None)
    return Thread(title=t.title, author=t.creation_author, anchor=anchor, status=_status(t.topic_status),
                  created=_date(t.creation_date), modified=_date(t.modified_date),
                  modified_author=t.modified_author, id=t.guid, description=t.description or "",
                  labels=labels, viewpoint=vp, snapshot=snap, comments=out)


def _viewpoint(visinfo, link: dict | None):
    from cim.review.model import Viewpoint

    if visinfo is None:
        return None
    selection = ()
    if visinfo.components is not None and visinfo.components.selection is not None:
        selection = tuple(c.ifc_guid for c in visinfo.components.selection.component if c.ifc_guid)
    if link and link.get("extent"):
        return Viewpoint(kind="map", extent=tuple(float(v) for v in link["extent"].split(",")),
                         selection=selection)
    ortho, persp = visinfo.orthogonal_camera, visinfo.perspective_camera
    cam = ortho or persp
    if cam is None:
        return Viewpoint(kind="camera", selection=selection) if selection else None
    pos = (float(cam.camera_view_point.x), float(cam.camera_view_point.y), float(cam.camera_view_point.z))
    d = (float(cam.camera_direction.x), float(cam.camera_direction.y), float(cam.camera_direction.z))
    up = (float(cam.camera_up_vector.x), float(cam.camera_up_vector.y), float(cam.camera_up_vector.z))
    if ortho is not None:
        scale = float(ortho.view_to_world_scale)        # a number, or the topic is refused
    if ortho is not None and d == (0.0, 0.0, -1.0) and up == (0.0, 1.0, 0.0):
        h = scale
        w = h * float(getattr(ortho, "aspect_ratio", None) or 1.0)
        return Viewpoint(kind="map", extent=(pos[0] - w / 2, pos[1] - h / 2, pos[0] + w / 2, pos[1] + h / 2),
                         selection=selection)
    if ortho is not None:
        return Viewpoint(kind="camera", position=pos, direction=d, up=up, scale=scale, selection=selection)
    return Viewpoint(kind="camera", position=pos, direction=d, up=up, fov=float(persp.field_of_view),
                     selection=selection)
