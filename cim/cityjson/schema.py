"""The official CityJSON 2.0.2 JSON schemas (``resources/cityjson/schemas/2.0.2``, cityjson/specs tag
2.0.2, CC BY 4.0, copied unmodified) loaded into a ``referencing.Registry`` and applied with
``jsonschema``'s Draft 7 validator.

The root schema lists every City Object type in one ``oneOf``; applied as it is, each object's
geometry would be checked against all 34 alternatives. Each alternative fixes ``type`` to a constant,
so they are mutually exclusive: we validate the root with its ``CityObjects`` emptied, then each City
Object against exactly the alternative its ``type`` names (``cityobjects.schema.json#/<type>``, or
``#/ExtensionObject`` for ``+Types``). The result is the same verdict at a fraction of the cost.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "resources" / "cityjson" / "schemas" / "2.0.2"
BASE = "https://www.cityjson.org/schemas/2.0.2/"
ROOTS = {"CityJSON": "cityjson.schema.json", "CityJSONFeature": "cityjsonfeature.schema.json"}
#: the longest text of one schema message (instances can be whole geometries)
MAX_MESSAGE = 160


@cache
def registry():
    """Every schema file registered under its ``$id`` and under its file name (Draft 7 resources)."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    reg = Registry()
    for f in sorted(SCHEMA_DIR.glob("*.schema.json")):
        contents = json.loads(f.read_text(encoding="utf-8"))
        res = Resource.from_contents(contents, default_specification=DRAFT7)
        reg = reg.with_resource(contents.get("$id", BASE + f.name), res).with_resource(f.name, res)
    return reg.crawl()


@cache
def object_types() -> frozenset[str]:
    """The City Object types the schema defines (``Building``, ``PlantCover`` …)."""
    doc = json.loads((SCHEMA_DIR / "cityobjects.schema.json").read_text(encoding="utf-8"))
    return frozenset(k for k in doc if not k.startswith(("_", "$")) and k not in ("title", "ExtensionObject"))


@cache
def _validator(ref: str):
    from jsonschema import Draft7Validator

    return Draft7Validator({"$ref": ref}, registry=registry(), format_checker=Draft7Validator.FORMAT_CHECKER)


@cache
def _root_validator(kind: str):
    from jsonschema import Draft7Validator

    root = json.loads((SCHEMA_DIR / ROOTS[kind]).read_text(encoding="utf-8"))
    root = dict(root, properties=dict(root["properties"], CityObjects={"type": "object"}))
    return Draft7Validator(root, registry=registry(), format_checker=Draft7Validator.FORMAT_CHECKER)


def _where(err) -> str:
    return "/".join(str(p) for p in err.absolute_path) or "(root)"


def _type_mismatch(e) -> bool:
    return e.validator == "const" and list(e.relative_path)[-1:] == ["type"]


def _specific(err):
    """Inside a ``oneOf``/``anyOf`` over typed alternatives (geometries, surfaces), the error of the
    one alternative whose ``type`` matches the instance; the error itself when none or several do."""
    while err.context:
        groups: dict = {}
        for e in err.context:
            groups.setdefault(e.relative_schema_path[0], []).append(e)
        typed = [g for g in groups.values() if not any(_type_mismatch(e) for e in g)]
        if len(typed) != 1 or len(typed[0]) == len(err.context):
            return err
        err = min(typed[0], key=lambda e: -len(e.absolute_path))
    return err


_JSON_TYPES = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"), (list, "array"),
               (dict, "object"), (type(None), "null"))


def _json_type(v) -> str:
    return next(name for t, name in _JSON_TYPES if isinstance(v, t))


def _message(err) -> str:
    """One short sentence: the instance itself is left out when it is an array or object."""
    err = _specific(err)
    text = err.message
    if err.validator == "type":
        text = f"must be of type {err.validator_value!r}, not {_json_type(err.instance)}"
    elif err.validator in ("oneOf", "anyOf") and isinstance(err.instance, dict | list):
        kind = err.instance.get("type") if isinstance(err.instance, dict) else None
        text = f"{_json_type(err.instance)}{f' of type {kind!r}' if isinstance(kind, str) else ''} " \
               "matches none of the forms the schema allows"
    if len(text) > MAX_MESSAGE:
        text = text[:MAX_MESSAGE] + "…"
    return f"{_where(err)}: {text}"


def schema_errors(doc: dict, *, feature: bool = False, limit: int = 50) -> list[str]:
    """Messages of everything the official schema rejects in ``doc`` (a parsed JSON object)."""
    kind = "CityJSONFeature" if feature else "CityJSON"
    out = [f"schema: {_message(e)}" for e in sorted(_root_validator(kind).iter_errors(doc), key=_where)]
    objs = doc.get("CityObjects")
    if not isinstance(objs, dict):
        return out
    types = object_types()
    for oid, o in objs.items():
        if len(out) >= limit:
            break
        t = o.get("type") if isinstance(o, dict) else None
        if not isinstance(t, str):
            out.append(f"CityObject {oid!r}: 'type' must be a string, not {_json_type(t)}")
            continue
        if t.startswith("+"):
            ref = BASE + "cityobjects.schema.json#/ExtensionObject"
        elif t in types:
            ref = BASE + f"cityobjects.schema.json#/{t}"
        else:
            out.append(f"CityObject {oid!r}: unknown type {t!r}")
            continue
        errs = list(_validator(ref).iter_errors(o))
        if errs:
            out.append(f"CityObject {oid!r} ({t}): schema: {_message(min(errs, key=_where))}")
    return out[:limit]
