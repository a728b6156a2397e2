"""The CIM Studio CityJSON Extension (``cim_smart.ext.json`` beside this module): ``+SmartElement``
City Objects and the ``+cimSmartBuilding`` attribute of buildings."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

EXTENSION_FILE = Path(__file__).with_name("cim_smart.ext.json")
EXTENSION_NAME = "CIM_Smart"


@cache
def extension_schema() -> dict:
    return json.loads(EXTENSION_FILE.read_text(encoding="utf-8"))


def extension_url() -> str:
    return extension_schema()["url"]


def declaration() -> dict:
    """What an exported file puts in its root ``extensions`` member."""
    ext = extension_schema()
    return {EXTENSION_NAME: {"url": ext["url"], "version": ext["version"]}}


def known_extensions() -> dict[str, dict]:
    """Extension schemas available offline, by URL and by name, with ``$ref`` parts removed
    (they point into the core CityJSON schema, checked by :mod:`cim.cityjson.validate` itself)."""
    ext = _without_refs(extension_schema())
    return {ext["url"]: ext, EXTENSION_NAME: ext}


def _without_refs(ext: dict) -> dict:
    out = dict(ext)
    objs = {}
    for name, spec in ext.get("extraCityObjects", {}).items():
        parts = [p for p in spec.get("allOf", [spec]) if "$ref" not in p]
        objs[name] = {"allOf": parts} if len(parts) != 1 else parts[0]
    out["extraCityObjects"] = objs
    return out
