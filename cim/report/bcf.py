"""BCF 2.1 export of check issues (one topic per E/W issue) for BIM tools.

Written directly as XML in a zip (``bcf.version``, ``<guid>/markup.bcf``, ``viewpoint.bcfv``,
``snapshot.png``). Topic GUIDs derive from the run digest and the issue, so the same run gives the
same file. Objects that come from an IFC (``ifc_guid``) are selected in the viewpoint; the camera
looks down on the issue's location in map coordinates.
"""

from __future__ import annotations

import base64
import uuid
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

NS = uuid.UUID("5b0f6d8e-3a1c-4f43-9d2e-c1a5b7e9d269")
DATE = "2026-01-01T00:00:00Z"


def _ifc_guids(project, issue) -> list[str]:
    rec = project.layers.get(issue.layer_id) if project is not None else None
    if rec is None or rec.kind != "vector" or "ifc_guid" not in rec.data.columns or not issue.fids:
        return []
    vals = rec.data["ifc_guid"].reindex(list(issue.fids)).dropna().astype(str)
    return [v for v in vals if v]


def _markup(guid: str, issue, title: str, date: str) -> str:
    labels = "".join(f"<Labels>{escape(x)}</Labels>" for x in (issue.code, issue.severity))
    basis = f"\n{issue.legal_basis.label('vi')} / {issue.legal_basis.label('en')}" if issue.legal_basis else ""
    desc = escape(f"{issue.message.vi}\n{issue.message.en}\nObjects: {', '.join(issue.objects[:50])}{basis}")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Markup>\n <Topic Guid="{guid}" TopicType="Issue" '
            f'TopicStatus="Open">\n  <Title>{escape(title)}</Title>\n  <Priority>'
            f'{"High" if issue.severity == "E" else "Normal"}</Priority>\n  {labels}\n'
            f'  <CreationDate>{date}</CreationDate>\n  <CreationAuthor>CIM Studio</CreationAuthor>\n'
            f'  <Description>{desc}</Description>\n </Topic>\n'
            f' <Viewpoints Guid="{guid}"><Viewpoint>viewpoint.bcfv</Viewpoint><Snapshot>snapshot.png</Snapshot></Viewpoints>\n'
            f'</Markup>\n')


def _viewpoint(guid: str, issue, guids: list[str]) -> str:
    x0, y0, x1, y1 = issue.bbox or (0, 0, 0, 0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    sel = "".join(f'<Component IfcGuid="{escape(g)}"/>' for g in guids)
    comps = f"<Components><Selection>{sel}</Selection><Visibility DefaultVisibility=\"true\"/></Components>" if sel else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<VisualizationInfo Guid="{guid}">{comps}'
            f'<OrthogonalCamera><CameraViewPoint><X>{cx:.3f}</X><Y>{cy:.3f}</Y><Z>300</Z></CameraViewPoint>'
            f'<CameraDirection><X>0</X><Y>0</Y><Z>-1</Z></CameraDirection><CameraUpVector><X>0</X><Y>1</Y><Z>0</Z>'
            f'</CameraUpVector><ViewToWorldScale>{max(x1 - x0, y1 - y0, 100):.1f}</ViewToWorldScale>'
            f'</OrthogonalCamera></VisualizationInfo>\n')


def write_bcf(run, path: str | Path, *, project=None, severities=("E", "W"), maps=None) -> Path:
    """Write the issues of ``run`` as a BCF 2.1 zip; ``maps`` optionally renders snapshots
    (a :class:`cim.report.maps.MapRenderer`). Returns the path."""
    path = Path(path)
    digest = run.digest()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        def put(name: str, data) -> None:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
        put("bcf.version", '<?xml version="1.0" encoding="UTF-8"?>\n<Version VersionId="2.1">'
                           '<DetailedVersion>2.1</DetailedVersion></Version>\n')
        put("project.bcfp", '<?xml version="1.0" encoding="UTF-8"?>\n<ProjectExtension><Project ProjectId="'
            f'{uuid.uuid5(NS, run.pack_id + (project.metadata.plan_id if project else ""))}"><Name>'
            f'{escape(project.metadata.name if project else "")}</Name></Project></ProjectExtension>\n')
        for r in run.results:
            for k, issue in enumerate(r.findings()):
                if issue.severity not in severities:
                    continue
                guid = str(uuid.uuid5(NS, f"{digest}:{r.rule}:{k}"))
                title = f"{r.rule} {r.title.vi}: {issue.message.vi}"[:250]
                put(f"{guid}/markup.bcf", _markup(guid, issue, title, DATE))
                put(f"{guid}/viewpoint.bcfv", _viewpoint(guid, issue, _ifc_guids(project, issue)))
                png = maps.render(issue) if maps is not None and issue.bbox else None
                if png:
                    put(f"{guid}/snapshot.png", base64.b64decode(png))
    return path
