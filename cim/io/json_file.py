"""Reading a small JSON document the user hands us (opinion drafts, earlier reports, citizens' comments):
one clear error naming the file for a missing file, text that is not JSON, nesting too deep to be honest
data, or a document that is not a JSON object."""

from __future__ import annotations

import json
from pathlib import Path

from cim.errors import CimInputError


def read_json_object(path: str | Path, *, not_json_hint: str | None = None) -> tuple[Path, dict]:
    """``(path, data)`` for a file holding one JSON object; ``CimInputError`` naming the file otherwise."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CimInputError(path, "file not found") from None
    except RecursionError:
        raise CimInputError(path, "not a JSON file (nested too deeply)", hint=not_json_hint) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise CimInputError(path, f"not a JSON file ({exc})", hint=not_json_hint) from None
    if not isinstance(data, dict):
        raise CimInputError(path, f"expected a JSON object, found {type(data).__name__}", hint=not_json_hint)
    return path, data
