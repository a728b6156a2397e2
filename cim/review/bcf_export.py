"""Write a project's comment threads as BCF 2.1 or 3.0 (buildingSMART BCF-XML) for BIM tools.

The XML comes from the bcf-client schema classes; the zip is written deterministically by
:mod:`cim.package.archive`. A thread is a topic (title, description, author, dates, status, labels),
its replies are BCF comments, viewpoints are cameras (a map extent is a top-down orthogonal camera)
with their PNG snapshot. What BCF has no field for (the anchor; the exact map extent) travels as
``cimstudio:`` reference links that other tools keep and show but need not understand.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from urllib.parse import urlencode

VERSIONS = ("2.1", "3.0")
STATUS_TO_BCF = {"open": "Open", "resolved": "Resolved", "wont_fix": "WontFix"}
TOPIC_TYPES = ("Comment", "Issue")
MAP_CAMERA_HEIGHT = 1000.0          # metres above the map for a top-down camera
_NS = uuid.UUID("5d3c7a52-9a0e-4b8e-bf1e-3c0c1d6c2b11")


def viewpoint_guid(owner_id: str) -> str:
    """Deterministic viewpoint guid for a thread or comment id (same project → same BCF bytes)."""
    return str(uuid.uuid5(_NS, owner_id + "/viewpoint"))


def anchor_link(anchor) -> str:
    return "cimstudio:anchor?" + urlencode(anchor.to_dict())


def viewpoint_link(guid: str, vp) -> str:
    return "cimstudio:viewpoint?" + urlencode({"guid": guid, "kind": vp.kind,
                                               "extent": ",".join(repr(v) for v in vp.extent)})


def export_bcf(project, path: str | Path, *, version: str = "2.1", threads=None) -> Path:
    """Write the project's threads (or ``threads``) to ``path`` as BCF ``version``."""
    from cim.package.archive import write_archive

    return write_archive(path, bcf_entries(project, version=version, threads=threads), level=6)


def bcf_entries(project, *, version: str = "2.1", threads=None) -> list[tuple[str, bytes]]:
    from bcf.xml_parser import XmlParserSerializer

    from cim.errors import CimInputError
    from cim.review.model import review_book

    if version not in VERSIONS:
        raise CimInputError(None, f"BCF version {version!r} is not supported", hint="use 2.1 or 3.0")
    mdl = _model(version)
    xml = XmlParserSerializer()
    threads = list(review_book(project) if threads is None else threads)
    project_id = str(uuid.uuid5(_NS, project.metadata.plan_id or str(project.path or "project")))
    name = project.metadata.name or project.metadata.plan_id or "CIM Studio project"
    files: list[tuple[str, bytes]] = [("bcf.version", _ser(xml, mdl.Version(version_id=version)))]
    if version == "2.1":
        files.append(("project.bcfp", _ser(xml, mdl.ProjectExtension(
            project=mdl.Project(name=name, project_id=project_id), extension_schema=""))))
    else:
        files.append(("project.bcfp", _ser(xml, mdl.ProjectInfo(project=mdl.Project(name=name,
                                                                                  project_id=project_id)))))
        files.append(("extensions.xml", _ser(xml, _extensions(mdl, threads))))
    for i, t in enumerate(threads):
        files.extend(_topic_files(xml, mdl, version, t, i))
    return files


def _model(version: str):
    if version == "2.1":
        import bcf.v2.model as mdl
    else:
        import bcf.v3.model as mdl
    return mdl


def _ser(xml, obj) -> bytes:
    return xml.serialize(obj).encode("utf-8")


def _extensions(mdl, threads):
    labels = sorted({lab for t in threads for lab in t.labels})
    users = sorted({t.author for t in threads} | {c.author for t in threads for c in t.comments})
    return mdl.Extensions(
        topic_types=mdl.ExtensionsTopicTypes(topic_type=list(TOPIC_TYPES)),
        topic_statuses=mdl.ExtensionsTopicStatuses(topic_status=list(STATUS_TO_BCF.values())),
        topic_labels=mdl.ExtensionsTopicLabels(topic_label=labels) if labels else None,
        users=mdl.ExtensionsUsers(user=users) if users else None)


def _dt(value: str | None):
    from xsdata.models.datatype import XmlDateTime

    return XmlDateTime.from_string(value) if value else None


def _topic_files(xml, mdl, version: str, t, index: int) -> list[tuple[str, bytes]]:
    files: list[tuple[str, bytes]] = []
    vps, links = [], [anchor_link(t.anchor)]
    owners = [(t.id, t.viewpoint, t.snapshot)] + [(c.id, c.viewpoint, c.snapshot) for c in t.comments]
    vp_of: dict[str, str] = {}
    for owner, vp, snap in owners:
        if vp is None and snap is None:
            continue
        guid = viewpoint_guid(owner)
        vp_of[owner] = guid
        png = f"{guid}.png" if snap else None
        vps.append(mdl.ViewPoint(viewpoint=f"{guid}.bcfv", snapshot=png, guid=guid, index=len(vps)))
        files.append((f"{t.id}/{guid}.bcfv", _ser(xml, _visinfo(mdl, version, guid, vp))))
        if snap:
            files.append((f"{t.id}/{png}", snap))
        if vp is not None and vp.kind == "map" and vp.extent:
            links.append(viewpoint_link(guid, vp))
    comments = [mdl.Comment(date=_dt(c.date), author=c.author, comment=c.text, guid=c.id,
                            viewpoint=mdl.CommentViewpoint(guid=vp_of[c.id]) if c.id in vp_of else None)
                for c in t.comments]
    common = dict(title=t.title, description=t.description or None, creation_date=_dt(t.created),
                  creation_author=t.author, modified_date=_dt(t.modified), modified_author=t.modified_author,
                  guid=t.id, index=index, topic_type="Issue" if t.anchor.kind == "issue" else "Comment",
                  topic_status=STATUS_TO_BCF[t.status])
    if version == "2.1":
        topic = mdl.Topic(reference_link=links, labels=list(t.labels), **common)
        markup = mdl.Markup(topic=topic, comment=comments, viewpoints=vps)
    else:
        topic = mdl.Topic(reference_links=mdl.TopicReferenceLinks(reference_link=links),
                          labels=mdl.TopicLabels(label=list(t.labels)) if t.labels else None,
                          comments=mdl.TopicComments(comment=comments) if comments else None,
                          viewpoints=mdl.TopicViewpoints(view_point=vps) if vps else None, **common)
        markup = mdl.Markup(topic=topic)
    files.insert(0, (f"{t.id}/markup.bcf", _ser(xml, markup)))
    return files


def _visinfo(mdl, version: str, guid: str, vp):
    def point(v):
        return mdl.Point(x=v[0], y=v[1], z=v[2])

    def direction(v):
        return mdl.Direction(x=v[0], y=v[1], z=v[2])

    kw = {}
    if vp is not None and vp.kind == "map" and vp.extent:
        x0, y0, x1, y1 = vp.extent
        cam = dict(camera_view_point=point(((x0 + x1) / 2, (y0 + y1) / 2, MAP_CAMERA_HEIGHT)),
                   camera_direction=direction((0.0, 0.0, -1.0)), camera_up_vector=direction((0.0, 1.0, 0.0)),
                   view_to_world_scale=abs(y1 - y0))
        if version == "3.0":
            cam["aspect_ratio"] = abs(x1 - x0) / max(abs(y1 - y0), 1e-9)
        kw["orthogonal_camera"] = mdl.OrthogonalCamera(**cam)
    elif vp is not None and vp.kind == "camera" and vp.position:
        cam = dict(camera_view_point=point(vp.position), camera_direction=direction(vp.direction or (0, 1, 0)),
                   camera_up_vector=direction(vp.up or (0, 0, 1)))
        if vp.fov is not None or vp.scale is None:
            if version == "3.0":
                cam["aspect_ratio"] = 1.0
            kw["perspective_camera"] = mdl.PerspectiveCamera(field_of_view=vp.fov or 60.0, **cam)
        else:
            if version == "3.0":
                cam["aspect_ratio"] = 1.0
            kw["orthogonal_camera"] = mdl.OrthogonalCamera(view_to_world_scale=vp.scale, **cam)
    if vp is not None and vp.selection:
        sel = mdl.ComponentSelection(component=[mdl.Component(ifc_guid=g) for g in vp.selection])
        if version == "2.1":
            kw["components"] = mdl.Components(selection=sel, visibility=mdl.ComponentVisibility(
                default_visibility=True))
        else:
            kw["components"] = mdl.Components(selection=sel)
    return mdl.VisualizationInfo(guid=guid, **kw)
