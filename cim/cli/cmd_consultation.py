"""``cimstudio consultation``: the offline public-consultation map, citizens' comments back into the project.

    consultation export PROJECT -o map.html     a self-contained HTML map (no server, no internet)
    consultation import PROJECT comments.json   the comments a citizen saved → review threads (saves)
    consultation summary PROJECT [--json]       citizens' comments by topic and area
"""

from __future__ import annotations

import json
from pathlib import Path

from cim.cli import EXIT_OK, add_actions, add_project_command, open_for_edit


def register(sub) -> None:
    actions = add_actions(sub, "consultation", "public consultation: offline HTML map of the plan, citizens' comments")
    e = add_project_command(actions, "export", cmd_export, "write the offline consultation map (one HTML file)")
    e.add_argument("-o", "--output", type=Path, required=True)
    e.add_argument("--title", default="")
    i = add_project_command(actions, "import", cmd_import,
                            "import a citizens' comments file into the review comments (saves)")
    i.add_argument("comments", type=Path, nargs="+")
    s = add_project_command(actions, "summary", cmd_summary, "citizens' comments by topic and area")
    s.add_argument("--json", action="store_true")


def cmd_export(args, ctx) -> int:
    from cim.consultation.html_map import export_consultation_map
    from cim.project.store import open_project

    out = export_consultation_map(open_project(args.project), args.output, title=args.title)
    print(f"{out} ({out.stat().st_size / 1e6:.1f} MB): mở bằng trình duyệt, không cần mạng / open in a browser, offline")
    return EXIT_OK


def cmd_import(args, ctx) -> int:
    from cim.consultation.comments import import_comments
    from cim.project.store import save_project

    project = open_for_edit(args.project, "import citizens' comments into the project")
    total = 0
    for f in args.comments:
        r = import_comments(project, f)
        total += len(r.threads)
        print(f"{f.name}: {len(r.threads)} góp ý / comment(s) imported; {r.skipped_no_consent} without consent and "
              f"{r.skipped_duplicate} duplicate(s) skipped; {r.redacted} ID number(s) removed")
    if total:
        save_project(project)
    return EXIT_OK


def cmd_summary(args, ctx) -> int:
    from cim.consultation.comments import summarise
    from cim.project.store import open_project

    s = summarise(open_project(args.project))
    if args.json:
        print(json.dumps(s, ensure_ascii=False, indent=1))
        return EXIT_OK
    print(f"{s['comments']} góp ý của người dân / citizens' comments ({s['open']} open)")
    for t in s["by_topic"].values():
        print(f"  {t['vi']} / {t['en']}: {t['count']}")
    for area, n in s["by_area"].items():
        print(f"  [{area}]: {n}")
    return EXIT_OK
