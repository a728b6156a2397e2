"""Relations between city objects, as data (``relations.toml``), and the check that every reference
resolves (ID-03).

A relation says: the ``source_field`` of a ``source_kind`` object holds the ``cim_id`` of a
``target_kind`` object. Empty references (null or "") are not dangling: whether a reference is
mandatory is a separate rule.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from cim.model.taxonomy import kind_for_layer


@dataclass(frozen=True)
class Relation:
    """``source_kind.source_field`` → ``target_kind.target_field``.

    ``same_system``: the target must be in the layer of the same technical system (network edges
    point at nodes of their own network); otherwise any layer of the target kind will do.
    """

    name: str
    source_kind: str
    source_field: str
    target_kind: str
    target_field: str = "cim_id"
    same_system: bool = False
    label_vi: str = ""
    label_en: str = ""


#: The relations, in the order of ``relations.toml`` beside this module (one table each, by name).
RELATIONS: tuple[Relation, ...] = tuple(
    Relation(name=name, **d) for name, d in
    tomllib.loads(resources.files(__package__).joinpath("relations.toml").read_text(encoding="utf-8")).items())

DANGLING_COLUMNS = ("layer", "kind", "object_id", "field", "value", "target_kind", "relation")


def relations_from(kind: str) -> tuple[Relation, ...]:
    """The relations whose source is ``kind``."""
    return tuple(r for r in RELATIONS if r.source_kind == kind)


def find_dangling_references(layers: Mapping[str, object],
                             relations: tuple[Relation, ...] = RELATIONS):
    """Every reference that names an object that does not exist.

    ``layers`` maps default layer names (``plots``, ``net_water_nodes`` …; see
    :func:`cim.model.taxonomy.layer_name`) to DataFrames with a ``cim_id`` column; layers whose name
    is not a default layer name are ignored. Returns a DataFrame with the columns
    ``layer, kind, object_id, field, value, target_kind, relation`` (one row per dangling reference,
    sorted by layer and object id). Vectorised: one ``isin`` per (relation, layer).
    """
    import pandas as pd

    typed: list[tuple[str, str, str | None, object]] = []
    for name, df in layers.items():
        found = kind_for_layer(name)
        if found is not None:
            typed.append((name, found[0].code, found[1], df))

    def targets(kind: str, field: str, system: str | None, same_system: bool):
        parts = [df[field] for _, k, s, df in typed
                 if k == kind and field in df.columns and (not same_system or s == system)]
        if not parts:
            return pd.Index([], dtype="object")
        vals = pd.concat(parts, ignore_index=True)
        return pd.Index(vals[vals.notna()].astype(str).unique())

    frames = []
    for rel in relations:
        for name, kind, system, df in typed:
            if kind != rel.source_kind or rel.source_field not in df.columns:
                continue
            refs = df[rel.source_field]
            present = refs.notna() & (refs.astype("string").str.strip().fillna("") != "")
            known = targets(rel.target_kind, rel.target_field, system, rel.same_system)
            bad = present & ~refs.astype("string").isin(known)
            if not bad.any():
                continue
            ids = df["cim_id"][bad] if "cim_id" in df.columns else pd.Series(df.index[bad], index=df.index[bad])
            frames.append(pd.DataFrame({
                "layer": name, "kind": kind, "object_id": ids.astype(str).to_numpy(),
                "field": rel.source_field, "value": refs[bad].astype(str).to_numpy(),
                "target_kind": rel.target_kind, "relation": rel.name}))
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in DANGLING_COLUMNS})
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["layer", "object_id", "field"], kind="stable").reset_index(drop=True)
