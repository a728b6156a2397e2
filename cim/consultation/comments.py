"""Citizens' comments back into the project: validated, screened for ID-card numbers (Decree 13/2023: not
kept), placed in the project CRS, added as review threads by citizen authors (role ``citizen``: may do
nothing in the project), in one undo step; and summarised by topic and by area (the plot they fall on)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cim.consultation import TOPICS
from cim.errors import CimInputError

FORMAT = "cimstudio-consultation-comments"
# CCCD (12 digits) or CMND (9 digits) standing alone, also written with spaces/dots between groups
ID_NUMBER = re.compile(r"(?<!\d)(?:\d[ .]?){11}\d(?!\d)|(?<!\d)(?:\d[ .]?){8}\d(?!\d)")
REDACTED = "[đã xóa số định danh]"
MAX_TEXT = 4000


def strip_id_numbers(text: str) -> tuple[str, int]:
    """``text`` with CCCD/CMND-like numbers replaced, and how many there were."""
    return ID_NUMBER.subn(REDACTED, text or "")


@dataclass
class ImportResult:
    threads: list = field(default_factory=list)
    skipped_no_consent: int = 0
    skipped_duplicate: int = 0
    redacted: int = 0
    outside: int = 0


def read_comments(path: str | Path, plan_id: str) -> dict:
    from cim.io.json_file import read_json_object

    path, data = read_json_object(path, not_json_hint="import the file the consultation map saved")
    if data.get("format") != FORMAT or not isinstance(data.get("comments"), list):
        raise CimInputError(path, "not a comments file of a CIM Studio consultation map")
    if plan_id and data.get("plan_id") != plan_id:
        raise CimInputError(path, f"the comments are about plan {data.get('plan_id')!r}, not {plan_id!r}",
                            hint="open the project the consultation map was made from")
    return data


def import_comments(project, path: str | Path) -> ImportResult:
    """Add the comments of ``path`` as review threads (one undo step); refuses a file of another plan."""
    import numpy as np

    from cim.commands import MacroCommand
    from cim.crs.transform import transform_xy
    from cim.review import Anchor, review_book
    from cim.review.commands import AddThread
    from cim.review.model import Comment, Thread
    from cim.review.roles import AssignRole, role_assignments

    data = read_comments(path, project.metadata.plan_id)
    res = ImportResult()
    seen = {lab.split(":", 1)[1] for t in review_book(project).threads.values() for lab in t.labels
            if lab.startswith("consultation:")}
    rows = []
    for c in data["comments"]:
        if not isinstance(c, dict):
            continue
        if c.get("consent") is not True:
            res.skipped_no_consent += 1
            continue
        cid = str(c.get("id", ""))[:64]
        if not cid or cid in seen:
            res.skipped_duplicate += 1
            continue
        try:
            lon, lat = float(c["lon"]), float(c["lat"])
        except (KeyError, TypeError, ValueError):
            raise CimInputError(path, f"comment {cid} has no valid location") from None
        seen.add(cid)
        rows.append((cid, c, lon, lat))
    if not rows:
        return res
    x, y = transform_xy(np.array([r[2] for r in rows]), np.array([r[3] for r in rows]), "EPSG:4326", project.crs)
    children, roles = [], role_assignments(project)
    for (cid, c, _lon, _lat), xx, yy in zip(rows, np.atleast_1d(x), np.atleast_1d(y)):
        text, n1 = strip_id_numbers(str(c.get("text", ""))[:MAX_TEXT])
        name, n2 = strip_id_numbers(str(c.get("name", "")).strip()[:80])
        res.redacted += n1 + n2
        topic = c.get("topic") if c.get("topic") in TOPICS else "other"
        author = f"citizen:{name or 'an danh-' + cid[:6]}"
        title = f"Góp ý của người dân – {TOPICS[topic][0]}"
        thread = Thread(title=title, author=author, anchor=Anchor.location(float(xx), float(yy)), description=text,
                        labels=["citizen", f"topic:{topic}", f"consultation:{cid}"])
        if c.get("created"):
            thread.created = str(c["created"])[:32]
        thread.comments.append(Comment(author=author, text=text))
        children.append(AddThread(project, thread))
        if author not in roles:
            children.append(AssignRole(project, author, "citizen"))
        res.threads.append(thread)
    project.push(MacroCommand(f"Import {len(res.threads)} citizen comment(s)", children, category="review"))
    return res


def summarise(project) -> dict:
    """Citizens' threads by topic and by area (the land-use category and code of the plot under them)."""
    import geopandas as gpd
    import shapely

    from cim.review import review_book

    threads = [t for t in review_book(project).threads.values() if "citizen" in t.labels]
    by_topic: dict[str, int] = {}
    for t in threads:
        topic = next((lab.split(":", 1)[1] for lab in t.labels if lab.startswith("topic:")), "other")
        by_topic[topic] = by_topic.get(topic, 0) + 1
    by_area: dict[str, int] = {}
    plots = next((r.data for r in project.layers_of_kind("plot") if r.kind == "vector"), None)
    if threads and plots is not None and len(plots):
        pts = gpd.GeoDataFrame({"i": range(len(threads))},
                               geometry=shapely.points([t.anchor.x for t in threads], [t.anchor.y for t in threads]),
                               crs=plots.crs)
        cols = [c for c in ("category", "code") if c in plots.columns]
        hit = gpd.sjoin(pts, plots[cols + ["geometry"]], how="left", predicate="within").drop_duplicates("i")
        for v in hit.get("category", hit.index.to_series()).fillna("(ngoài ranh giới / outside)").astype(str):
            by_area[v] = by_area.get(v, 0) + 1
    return {"comments": len(threads), "by_topic": {k: {"vi": TOPICS[k][0], "en": TOPICS[k][1], "count": n}
                                                   for k, n in sorted(by_topic.items(), key=lambda kv: -kv[1])},
            "by_area": dict(sorted(by_area.items(), key=lambda kv: -kv[1])),
            "open": sum(1 for t in threads if t.status == "open")}
