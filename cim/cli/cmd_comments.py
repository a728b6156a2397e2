"""``cimstudio comments``: list, add, reply, resolve, export-bcf, import-bcf."""

from __future__ import annotations

import json
from pathlib import Path

from cim.cli import EXIT_OK, add_actions, add_project_command


def register(sub) -> None:
    csub = add_actions(sub, "comments", "review comments of a project; BCF exchange with BIM tools")

    c = add_project_command(csub, "list", cmd_list, "the comment threads")
    c.add_argument("--status", choices=("open", "resolved", "wont_fix"))
    c.add_argument("--json", action="store_true")

    c = add_project_command(csub, "add", cmd_add, "open a comment thread (saved into the project)")
    c.add_argument("--title", required=True)
    c.add_argument("--text", default="")
    c.add_argument("--layer", help="anchor: layer name or id (with --fid)")
    c.add_argument("--fid", type=int)
    c.add_argument("--ifc", metavar="GLOBALID", help="anchor: an IFC GlobalId")
    c.add_argument("--at", nargs=2, type=float, metavar=("X", "Y"), help="anchor: a map location (project CRS)")
    c.add_argument("--rule", help="anchor: a check rule id (with --object)")
    c.add_argument("--object", help="the object id of the check issue")
    c.add_argument("--author")

    for name, helptext in (("reply", "reply to a thread"), ("resolve", "mark a thread resolved"),
                           ("wontfix", "mark a thread won't fix"), ("reopen", "open a thread again")):
        c = add_project_command(csub, name, cmd_status, helptext)
        c.add_argument("thread")
        if name == "reply":
            c.add_argument("text")
        c.add_argument("--author")
        c.set_defaults(action=name)

    c = add_project_command(csub, "export-bcf", cmd_export, "write the threads as BCF (2.1 or 3.0)")
    c.add_argument("output", type=Path)
    c.add_argument("--bcf-version", choices=("2.1", "3.0"), default="2.1")

    c = add_project_command(csub, "import-bcf", cmd_import,
                            "merge the topics of a BCF file into the project (and save it)")
    c.add_argument("bcf", type=Path)


def cmd_list(args, ctx) -> int:
    from cim.project.store import open_project
    from cim.review import review_book

    threads = review_book(open_project(args.project)).filter(status=args.status)
    if args.json:
        print(json.dumps([t.to_dict() for t in threads], ensure_ascii=False, indent=2))
        return EXIT_OK
    for t in threads:
        print(f"{t.id}  {t.status:9s} {t.anchor.kind:9s} {t.author}: {t.title} ({len(t.comments)} reply/replies)")
    print(f"{len(threads)} thread(s)")
    return EXIT_OK


def cmd_add(args, ctx) -> int:
    from cim.project.store import open_project, save_project
    from cim.review import Anchor
    from cim.review.commands import add_comment

    project = open_project(args.project)
    if args.layer is not None:
        anchor = Anchor.feature(project.find_layer(args.layer).id, args.fid if args.fid is not None else 0)
    elif args.ifc:
        anchor = Anchor.ifc(args.ifc)
    elif args.at:
        anchor = Anchor.location(*args.at)
    elif args.rule:
        anchor = Anchor.issue(args.rule, args.object)
    else:
        anchor = Anchor()
    t = add_comment(project, title=args.title, text=args.text, anchor=anchor, author=args.author)
    save_project(project)
    print(t.id)
    return EXIT_OK


def cmd_status(args, ctx) -> int:
    from cim.project.store import open_project, save_project
    from cim.review.commands import reply, set_status

    project = open_project(args.project)
    if args.action == "reply":
        reply(project, args.thread, args.text, author=args.author)
    else:
        status = {"resolve": "resolved", "wontfix": "wont_fix", "reopen": "open"}[args.action]
        set_status(project, args.thread, status, author=args.author)
    save_project(project)
    return EXIT_OK


def cmd_export(args, ctx) -> int:
    from cim.project.store import open_project
    from cim.review import review_book
    from cim.review.bcf_export import export_bcf

    project = open_project(args.project)
    export_bcf(project, args.output, version=args.bcf_version)
    print(f"{args.output}: {len(review_book(project))} topic(s), BCF {args.bcf_version}")
    return EXIT_OK


def cmd_import(args, ctx) -> int:
    from cim.project.store import open_project, save_project
    from cim.review.bcf_import import import_bcf

    project = open_project(args.project)
    n = import_bcf(project, args.bcf)
    save_project(project)
    print(f"{args.project}: {n} topic(s) merged from {args.bcf}")
    return EXIT_OK
