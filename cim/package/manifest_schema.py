"""The JSON Schema of ``manifest.json``: a manifest of the wrong shape is refused with one clear
message (validated with ``jsonschema``, never by hand), before anything reads its fields."""

from __future__ import annotations

_STR = {"type": "string"}
_HEX64 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
_HEX64_OR_EMPTY = {"type": "string", "pattern": "^([0-9a-f]{64})?$"}

SCHEMA = {
    "type": "object",
    "required": ["format", "files", "project_file", "signer"],
    "properties": {
        "format": {"const": "cimpkg"},
        "format_version": {"type": "integer"},
        "created": _STR,
        "plan_id": {"type": ["string", "null"]},
        "project_ids": {"type": "array", "items": _STR},
        "project_file": {"type": "string", "pattern": "^project/[^/\\\\]+$"},
        "files": {"type": "array", "items": {
            "type": "object", "required": ["path", "size", "sha256"],
            "properties": {"path": {"type": "string", "minLength": 1}, "size": {"type": "integer", "minimum": 0},
                           "sha256": _HEX64}}},
        "ifc_sources": {"type": "array", "items": {
            "type": "object",
            "properties": {"file": {"type": ["string", "null"]}, "sha256": _HEX64_OR_EMPTY,
                           "name": {"type": ["string", "null"]}, "layer": {"type": ["string", "null"]}}}},
        "rule_packs": {"type": "array", "items": {
            "type": "object", "required": ["path"],
            "properties": {"id": _STR, "version": _STR, "path": {"type": "string", "pattern": "^rules/[^/\\\\]+$"}}}},
        "signed_pdfs": {"type": "array", "items": _STR},
        "layer_metadata": {"type": "array", "items": {
            "type": "object", "required": ["layer", "layer_id"],
            "additionalProperties": _STR}},
        "checks": {"type": ["object", "null"],
                   "properties": {"results": _STR, "verdict": {"type": ["object", "null"]}}},
        "signer": {"type": "object",
                   "properties": {"algorithm": _STR, "fingerprint": _STR, "user": _STR,
                                  "chain": {"type": "array", "items": _STR}}},
    },
}


def manifest_problem(manifest) -> str | None:
    """None when ``manifest`` has the right shape, else where and what is wrong (one line)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(SCHEMA)
    err = jsonschema.exceptions.best_match(validator.iter_errors(manifest))
    if err is None:
        return None
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err.absolute_path).lstrip(".")
    msg = err.message if len(err.message) <= 160 else err.message[:157] + "…"
    return f"{where or 'the top level'}: {msg}"
