"""Run as a separate process by the tests: edit one attribute of a working copy and save it
(``python tests/cim/db/edit_worker.py WC LAYER CIM_ID FIELD VALUE``) — a second user at work."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    import cim.db.workcopy  # noqa: F401  (store hooks)
    from cim.project.feature_edits import ChangeAttribute
    from cim.project.store import open_project, save_project

    path, layer, cim_id, field, value = argv
    project = open_project(path)
    rec = project.layer_by_name(layer)
    fid = rec.data.index[rec.data["cim_id"] == cim_id][0]
    project.push(ChangeAttribute(project, rec.id, int(fid), field, value))
    save_project(project)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
