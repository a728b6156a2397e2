"""Layer kinds contributed by plugins (``[[layer_types]]`` in plugin.toml) put into :mod:`layers.kinds`.

A plugin declares::

    [[layer_types]]
    kind = "survey_outlines"
    callable = "my_plugin.kinds:survey_outlines"      # no Qt: returns a layers.kinds.LayerKind

The callable is imported and called once, when the app (or a CLI command that draws) installs the
kinds; it may also register the kind's project-file serializer (:func:`cim.project.serializers.
register_serializer`) so projects holding such layers open and save. A kind that cannot be loaded is
reported and skipped; the app starts as usual and lists that kind's layers without drawing them.
"""

from __future__ import annotations

from layers.kinds import LayerKind, layer_kinds, register_layer_kind

_OWNER: dict[str, str] = {}     # kind → the contribution (plugin.kind) that registered it


def install_layer_kinds(plugins=None) -> list[str]:
    """Register every ``[[layer_types]]`` of ``plugins`` (default: the installed plugins); returns one
    readable problem per kind that could not be registered. Installing twice registers nothing new."""
    if plugins is None:
        from plugins.registry import default_registry

        plugins = default_registry()
    problems = []
    for c in plugins.layer_types():
        if c.kind in layer_kinds() and _OWNER.get(c.kind) == c.qualified_id:
            continue
        try:
            kind = plugins.resolve(c)()
        except Exception as exc:   # a broken plugin must not stop the others
            problems.append(f"Layer kind {c.qualified_id} could not be loaded: {exc}")
            continue
        if not isinstance(kind, LayerKind) or kind.name != c.kind:
            got = f"LayerKind {kind.name!r}" if isinstance(kind, LayerKind) else type(kind).__name__
            problems.append(f"Layer kind {c.qualified_id}: {c.callable} returned {got}, not a "
                            f"layers.kinds.LayerKind named {c.kind!r} — fix the callable or the kind in plugin.toml")
            continue
        if c.kind in layer_kinds():
            problems.append(f"Layer kind {c.qualified_id}: the kind {c.kind!r} is already registered "
                            "(built in or by another plugin); this one is ignored — give the kind another name")
            continue
        register_layer_kind(kind)
        _OWNER[c.kind] = c.qualified_id
    return problems
