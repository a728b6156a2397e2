"""Layer kinds: the one place that knows what a layer record's ``kind`` means for the app.

A project layer (:class:`cim.project.layer.LayerRecord`) has a ``kind`` — ``"vector"``, ``"raster"``,
``"ifc"`` or a plugin's — and ``data``. :func:`layer_kind` gives its :class:`LayerKind`: how the 2D map
draws it, what identify shows, its default style, its swatch in the layer tree, its part in the 3D
scene, and what the app may do with it (attribute table, edit tools). The app, the renderers and the
plugins ask this registry instead of comparing kind strings (as napari picks a view per layer type).

No Qt here; heavy libraries are imported inside functions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DRAW_PATHS = ("features", "raster", "none")
ICONS = ("features", "raster", "model")
SCENE_ROLES = ("terrain", "features", "model", None)


def _no_features(rec):
    return None


def _plain_attributes(rec, row, columns) -> dict:
    return {c: row[c] for c in columns}


def _generic_default_style(rec, language: str = "vi") -> dict:
    from layers.render.defaults import default_style

    frame = layer_kind(rec).features(rec)
    geom = str(frame.geom_type.iloc[0]) if frame is not None and len(frame) else ""
    cols = list(frame.columns) if frame is not None else []
    return default_style(rec.name, rec.object_kind, cols, geom, language)


@dataclass(frozen=True)
class LayerKind:
    """The parts of one layer kind.

    ``features(rec)``: the GeoDataFrame the 2D map draws, picks and identifies (None: no features).
    ``draw``: the 2D render path — ``"features"`` (snapshots of ``features(rec)``), ``"raster"``
    (``rec.data`` is a :class:`cim.io.raster.RasterData`) or ``"none"`` (not drawn).
    ``table``: ``rec.data`` is the layer's own editable GeoDataFrame — attribute table, edit tools,
    geometry fixes, styles and labels by field, what plugins mean by "a vector layer".
    ``geometry``: the legend's geometry (``"raster"``, ``"model"``); None: from the features.
    ``default_style(rec, language)``: the style of a layer that has none.
    ``identify(rec, row, columns)``: the attributes identify shows for one feature.
    ``values``: identify reads a value at the clicked point (``rec.data.sample``).
    ``icon``: the layer-tree swatch — ``"features"`` (by geometry and style), ``"raster"``, ``"model"``.
    ``scene3d``: the part in the 3D scene — ``"terrain"`` (a one-band raster is the ground),
    ``"features"`` (LoD1 blocks, lines, points), ``"model"`` (a placed IFC mesh) or None.
    ``style_options``: extra style panel controls (``"hillshade"``); ``default_ramp``: the colour ramp.
    ``preload(rec)``: reads what must not be read on the UI thread (called by the loader thread).
    """

    name: str
    draw: str = "none"
    features: Callable[[Any], Any] = _no_features
    table: bool = False
    geometry: str | None = None
    default_style: Callable[..., dict] = _generic_default_style
    identify: Callable[[Any, Any, Any], dict] = _plain_attributes
    values: bool = False
    icon: str = "model"
    scene3d: str | None = None
    style_options: frozenset = field(default_factory=frozenset)
    default_ramp: str = "YlOrRd"
    preload: Callable[[Any], None] | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise ValueError("a layer kind's name is a non-empty string")
        for attr, allowed in (("draw", DRAW_PATHS), ("icon", ICONS), ("scene3d", SCENE_ROLES)):
            if getattr(self, attr) not in allowed:
                raise ValueError(f"layer kind {self.name!r}: {attr} must be one of {allowed}, "
                                 f"not {getattr(self, attr)!r}")
        if self.draw == "features" and self.features is _no_features:
            raise ValueError(f"layer kind {self.name!r} draws features but gives no features(rec)")


# -- the built-in kinds --------------------------------------------------------------------------

def _vector_features(rec):
    return rec.data


def _ifc_features(rec):
    return getattr(rec.data, "buildings", None)


def _ifc_style(rec, language: str = "vi") -> dict:
    return {"fill": "#b39ddbcc", "stroke": "#5e35b1", "width": 1.5}   # BIM footprints stand out from GIS buildings


def _ifc_identify(rec, row, columns) -> dict:
    """The columns, with the property sets spelled out as ``Pset.Property``."""
    attrs = {c: row[c] for c in columns}
    if isinstance(attrs.get("psets"), str):
        try:
            psets = json.loads(attrs.pop("psets") or "{}")
        except ValueError:
            return attrs
        for pset, props in (psets or {}).items():
            if isinstance(props, dict):
                for name, value in props.items():
                    if name != "id":
                        attrs[f"{pset}.{name}"] = value
    return attrs


def _raster_preload(rec) -> None:
    if hasattr(rec.data, "info"):
        rec.data.info()       # rasterio opens the file here, in the loader thread


VECTOR = LayerKind("vector", draw="features", features=_vector_features, table=True, icon="features",
                   scene3d="features")
RASTER = LayerKind("raster", draw="raster", geometry="raster", values=True, icon="raster", scene3d="terrain",
                   style_options=frozenset({"hillshade"}), default_ramp="terrain", preload=_raster_preload)
IFC = LayerKind("ifc", draw="features", features=_ifc_features, geometry="model", default_style=_ifc_style,
                identify=_ifc_identify, icon="model", scene3d="model")

_KINDS: dict[str, LayerKind] = {k.name: k for k in (VECTOR, RASTER, IFC)}


def register_layer_kind(kind: LayerKind, *, replace: bool = False) -> None:
    """Add ``kind`` (a plugin's layer kind); registering another one under a taken name needs ``replace``."""
    if not isinstance(kind, LayerKind):
        raise TypeError(f"a layer kind is a layers.kinds.LayerKind, not {type(kind).__name__}")
    old = _KINDS.get(kind.name)
    if old is not None and old is not kind and not replace:
        raise ValueError(f"layer kind {kind.name!r} is already registered; pass replace=True to override it")
    _KINDS[kind.name] = kind


def unregister_layer_kind(name: str) -> None:
    """Remove a plugin's kind (the built-in ones stay)."""
    if name in ("vector", "raster", "ifc"):
        raise ValueError(f"the built-in layer kind {name!r} cannot be removed")
    _KINDS.pop(name, None)


def layer_kinds() -> dict[str, LayerKind]:
    """A copy of the registry, name → kind."""
    return dict(_KINDS)


def layer_kind(rec_or_name) -> LayerKind:
    """The kind of a record (or a kind name). A kind nobody registered (a plugin's, not installed)
    is not drawn and has no features: the app lists it as a model block and leaves its data alone."""
    name = rec_or_name if isinstance(rec_or_name, str) else getattr(rec_or_name, "kind", "")
    kind = _KINDS.get(name)
    return kind if kind is not None else LayerKind(name or "unknown")


# -- questions the app asks about a record ----------------------------------------------------------

def feature_frame(rec):
    """The GeoDataFrame of features the map shows for ``rec`` (IFC: building footprints), or None."""
    return layer_kind(rec).features(rec)


def has_features(rec) -> bool:
    return feature_frame(rec) is not None


def has_table(rec) -> bool:
    """``rec.data`` is the layer's own GeoDataFrame (attribute table, editing, styles by field)."""
    return rec is not None and layer_kind(rec).table


def table_layers(project) -> list:
    """The project's layers with a feature table, in the tree's order."""
    return [r for r in project.ordered_layers() if layer_kind(r).table]


def is_drawn(rec) -> bool:
    return layer_kind(rec).draw != "none"


def geometry_kind(rec) -> str:
    """"polygon", "line", "point" (from the features, else the declared geometry type), or the kind's
    own ("raster", "model")."""
    kind = layer_kind(rec)
    if kind.geometry is not None:
        return kind.geometry
    frame = kind.features(rec)
    gt = ""
    if frame is not None and len(frame):
        gt = str(frame.geom_type.dropna().iloc[0]) if frame.geom_type.notna().any() else ""
    gt = (gt or str((rec.source or {}).get("geometry_type", ""))).lower()
    return "point" if "point" in gt else "line" if "line" in gt else "polygon"


def layer_style(rec, language: str = "vi") -> dict:
    """The layer's style, or its kind's default when it has none."""
    if rec.style:
        return rec.style
    return layer_kind(rec).default_style(rec, language)


def identify_attributes(rec, row, columns) -> dict:
    return layer_kind(rec).identify(rec, row, columns)
