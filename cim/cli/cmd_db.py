"""``cimstudio db …``: the shared provincial database (PostgreSQL + PostGIS).

init · push · pull · status · conflicts · log · diff · role. The database is a ``postgresql://…``
URL, a libpq string or a service name (``--db``, else ``$CIM_DB``, else the working copy's own);
passwords come from ``~/.pgpass`` / libpq, never from the command line or the project file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from cim.cli import EXIT_FINDINGS, EXIT_OK, feedback_for


def register(sub) -> None:
    db = sub.add_parser("db", help="shared database (PostGIS): init, push, pull, status, conflicts, log, diff")
    dsub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)

    def add(name, help_, handler):
        p = dsub.add_parser(name, help=help_)
        p.add_argument("--db", help="postgresql://user@host/dbname, or a service name from pg_service.conf "
                                    "(default: $CIM_DB, or the working copy's database)")
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.set_defaults(handler=handler)
        return p

    add("init", "create the CIM schema, roles and VN-2000 TM-3 codes in a database", cmd_init)
    p = add("push", "publish a project or push a working copy's edits (one transaction)", cmd_push)
    p.add_argument("project", type=Path)
    p.add_argument("-m", "--message", default="", help="what this revision is")
    p.add_argument("--resolve", choices=("mine", "theirs", "merge"),
                   help="on conflicts: resolve every one this way, save, and push again")
    p = add("pull", "check out a working copy (all, some layers, a bounding box or one commune)", cmd_pull)
    p.add_argument("output", type=Path, help="the working copy *.cim.gpkg to write")
    p.add_argument("--layer", action="append", help="only this layer (repeatable)")
    p.add_argument("--bbox", nargs=4, type=float, metavar=("XMIN", "YMIN", "XMAX", "YMAX"),
                   help="only features intersecting this box (layer CRS)")
    p.add_argument("--commune", help="only features in this commune (cim_id or name of a boundary feature)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p = add("status", "the database's layers and revisions; with a working copy, its local edits", cmd_status)
    p.add_argument("project", type=Path, nargs="?")
    p = add("conflicts", "show conflicts of a working copy (theirs / mine / base) and resolve them", cmd_conflicts)
    p.add_argument("project", type=Path)
    p.add_argument("--resolve", action="append", default=[], metavar="CIM_ID=mine|theirs|merge",
                   help="resolve one feature (repeatable); ALL=mine resolves every conflict")
    p = add("log", "revisions, or the history of one feature or layer", cmd_log)
    p.add_argument("--feature", help="cim_id of a feature")
    p.add_argument("--layer")
    p.add_argument("-n", type=int, default=50)
    p = add("diff", "what changed between two revisions", cmd_diff)
    p.add_argument("rev1", type=int)
    p.add_argument("rev2", type=int)
    p = add("role", "give a database user a role: consultant, reviewer or appraiser", cmd_role)
    p.add_argument("user")
    p.add_argument("role", choices=("consultant", "reviewer", "appraiser"))


def _target(args, project=None) -> str:
    from cim.db.workcopy import link_of
    from cim.errors import CimInputError

    target = args.db or os.environ.get("CIM_DB") or (link_of(project).dsn if project and link_of(project) else None)
    if not target:
        raise CimInputError(None, "no database given", hint="pass --db postgresql://… or a service name, or set CIM_DB")
    return target


def _open(path: Path):
    import cim.db.workcopy  # noqa: F401  (registers the store hooks)
    from cim.project.store import open_project

    return open_project(path)


def cmd_init(args, ctx) -> int:
    from cim.db.connect import connect
    from cim.db.schema import init_database

    with connect(_target(args)) as conn:
        out = init_database(conn)
    print(f"CIM schema ready; VN-2000 TM-3 codes added: {out['srids_added'] or 'none (present)'}")
    return EXIT_OK


def _print_conflicts(views, as_json: bool) -> None:
    if as_json:
        print(json.dumps([v.to_dict() for v in views], ensure_ascii=False, default=str, indent=1))
        return
    for v in views:
        c = v.conflict
        their = "deleted" if c.their_version is None else f"v{c.their_version}"
        print(f"CONFLICT {c.layer} {c.cim_id}: base v{c.base_version}, theirs {their}")
        for side in ("theirs", "mine"):
            for k, (b, new) in v.changed(side).items():
                shown = (new.wkt[:60] if k == "geometry" and new is not None else new)
                base = (b.wkt[:60] if k == "geometry" and b is not None else b)
                print(f"  {side:6} {k}: {base!r} -> {shown!r}")


def cmd_push(args, ctx) -> int:
    from cim.db.conflicts import ResolveConflicts, describe
    from cim.db.connect import connect, public_dsn
    from cim.db.sync import push
    from cim.project.access import require_write
    from cim.project.store import save_project

    project = _open(args.project)
    require_write(project, "push the project's data to the shared database")
    target = _target(args, project)
    fb = feedback_for(args)
    with connect(target, app_user=project.user, application="cimstudio-push") as conn:
        res = push(conn, project, dsn=public_dsn(target), message=args.message, feedback=fb)
        if res.conflicts and args.resolve:
            views = describe(conn, project, res.conflicts)
            project.push(ResolveConflicts(project, views, {v.conflict.cim_id: args.resolve for v in views}))
            res = push(conn, project, dsn=public_dsn(target), message=args.message, feedback=fb)
        if res.conflicts:
            _print_conflicts(describe(conn, project, res.conflicts), args.json)
            print(f"{len(res.conflicts)} conflict(s): nothing was pushed. Resolve with "
                  f"`cimstudio db conflicts {args.project} --resolve CIM_ID=mine|theirs|merge` "
                  "or `db push --resolve …` / Xung đột: chưa đẩy gì lên CSDL.")
            return EXIT_FINDINGS
    save_project(project)
    held = [{"table": c.table, "key": c.key} for c in res.table_conflicts]
    if args.json:
        print(json.dumps({"rev": res.rev, "inserted": res.inserted, "updated": res.updated,
                          "deleted": res.deleted, "held_back": held}, ensure_ascii=False))
    elif res.rev is None:
        print("nothing to push / không có thay đổi")
    else:
        print(f"revision {res.rev}: {res.inserted} added, {res.updated} changed, {res.deleted} deleted")
    if held and not args.json:
        print(f"{len(held)} project row(s) changed in the database since the pull were not overwritten: "
              + ", ".join(f"{h['table']}[{h['key']}]" for h in held)
              + ". Pull a fresh working copy and redo these changes there / Một số dòng của dự án đã bị người "
                "khác sửa trong CSDL: chưa ghi đè, hãy lấy bản làm việc mới.")
    return EXIT_FINDINGS if held else EXIT_OK


def cmd_pull(args, ctx) -> int:
    from cim.db.connect import connect, public_dsn
    from cim.db.pull import pull
    from cim.errors import CimInputError
    from cim.project.access import require_file_write

    if args.output.exists() and not args.force:
        raise CimInputError(args.output, "the file exists already", hint="use --force to overwrite it")
    require_file_write(args.output, "overwrite the project with a pulled working copy")
    target = _target(args)
    with connect(target) as conn:
        out = pull(conn, args.output, dsn=public_dsn(target), layers=args.layer,
                   bbox=tuple(args.bbox) if args.bbox else None, commune=args.commune, feedback=feedback_for(args))
    print(f"working copy {out}")
    return EXIT_OK


def cmd_status(args, ctx) -> int:
    from cim.db.connect import connect
    from cim.db.status import status

    project = _open(args.project) if args.project else None
    with connect(_target(args, project)) as conn:
        info = status(conn, project)
    if args.json:
        print(json.dumps(info, ensure_ascii=False, default=str, indent=1))
        return EXIT_OK
    print(f"revision {info['last_rev']} ({info['revisions']} revisions)")
    for lay in info["layers"]:
        line = f"  {lay['name']}: {lay['features']} features"
        if "local" in lay:
            loc = lay["local"]
            line += (f"; local: {loc['inserted']} added, {loc['updated']} changed, {loc['deleted']} deleted; "
                     f"{lay['behind']} changed in the database since pull")
        print(line)
    return EXIT_OK


def cmd_conflicts(args, ctx) -> int:
    from cim.db.conflicts import ResolveConflicts, describe
    from cim.db.connect import connect
    from cim.db.status import find_conflicts
    from cim.errors import CimInputError
    from cim.project.access import require_write
    from cim.project.store import save_project

    project = _open(args.project)
    if args.resolve:
        require_write(project, "resolve database conflicts in the project")
    with connect(_target(args, project)) as conn:
        views = describe(conn, project, find_conflicts(conn, project))
    if not args.resolve:
        _print_conflicts(views, args.json)
        if not args.json:
            print(f"{len(views)} conflict(s)")
        return EXIT_FINDINGS if views else EXIT_OK
    choices = {}
    for item in args.resolve:
        key, _, val = item.partition("=")
        if not val:
            raise CimInputError(None, f"--resolve {item!r} is not CIM_ID=mine|theirs|merge")
        if key == "ALL":
            choices.update({v.conflict.cim_id: val for v in views})
        else:
            choices[key] = val
    unknown = set(choices) - {v.conflict.cim_id for v in views}
    if unknown:
        raise CimInputError(args.project, f"no conflict on {', '.join(sorted(unknown))}",
                            hint="list them with `cimstudio db conflicts PROJECT`")
    project.push(ResolveConflicts(project, views, choices))
    save_project(project)
    print(f"resolved {len(choices)} conflict(s); push again with `cimstudio db push {args.project}`")
    return EXIT_OK


def cmd_log(args, ctx) -> int:
    from cim.db.connect import connect
    from cim.db.history import log

    with connect(_target(args)) as conn:
        rows = log(conn, limit=args.n, layer=args.layer, cim_id=args.feature)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, default=str, indent=1))
        return EXIT_OK
    for r in rows:
        who = r["app_user"] or r["db_user"]
        who = f"{who} ({r['db_user']})" if r["app_user"] and r["app_user"] != r["db_user"] else who
        if "message" in r:
            print(f"r{r['rev']}  {r['at']:%Y-%m-%d %H:%M:%S}  {who}  +{r['inserted']} ~{r['updated']} "
                  f"-{r['deleted']}  {r['message'] or ''}")
        else:
            print(f"r{r['rev']}  {r['at']:%Y-%m-%d %H:%M:%S}  {who}  {r['op']:6} {r['layer']} {r['cim_id']} "
                  f"v{r['version']}")
    return EXIT_OK


def cmd_diff(args, ctx) -> int:
    from cim.db.connect import connect
    from cim.db.history import diff

    with connect(_target(args)) as conn:
        rows = diff(conn, args.rev1, args.rev2)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, default=str, indent=1))
        return EXIT_OK
    for r in rows:
        print(f"{r['change']:8} {r['layer']} {r['cim_id']}  by {', '.join(r['users'])}")
        for k in r["fields"]:
            b, a = r["before"][k], r["after"][k]
            if k == "geom":
                b, a = "(geometry)", "(changed geometry)"
            print(f"    {k}: {b!r} -> {a!r}")
    print(f"{len(rows)} feature(s) changed between r{min(args.rev1, args.rev2)} and r{max(args.rev1, args.rev2)}")
    return EXIT_OK


def cmd_role(args, ctx) -> int:
    from cim.db.connect import connect
    from cim.db.roles import add_member

    with connect(_target(args)) as conn:
        add_member(conn, args.user, args.role)
    print(f"{args.user} is now a {args.role} (set a password with ALTER ROLE … PASSWORD; keep it in ~/.pgpass)")
    return EXIT_OK
