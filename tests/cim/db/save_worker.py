"""A second desktop session, as a separate process: open the project file, wait for a go signal
(a file appearing), change one attribute of one feature, save.
``python save_worker.py PROJECT CIM_ID FIELD VALUE GO_FILE READY_FILE``"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    from cim.errors import CimError
    from cim.project.feature_edits import ChangeAttribute
    from cim.project.store import open_project, save_project

    path, cim_id, field, value, go, ready = argv
    project = open_project(path)
    Path(ready).touch()
    while not Path(go).exists():
        time.sleep(0.05)
    rec = project.layer_by_name("plots")
    fid = int(rec.data.index[rec.data["cim_id"] == cim_id][0])
    project.push(ChangeAttribute(project, rec.id, fid, field, float(value)))
    try:
        save_project(project)
    except CimError as exc:
        print(exc)
        return 3
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
