"""The check registry of the installed plugins, built from the plugin registry (the GUI's composition root;
the checks panel and the package wizard share it).

Rule packs are read when the registry is built (small TOML files); a Python check is imported only when
a rule that needs it runs, through the plugin registry (which also puts a third-party plugin on the path).
"""

from __future__ import annotations

from cim.checks.registry import CheckRegistry


class PluginCheck:
    """A ``[[checks]]`` contribution resolved on first use."""

    def __init__(self, plugins, contribution) -> None:
        self.plugins, self.contribution = plugins, contribution
        self._fn = None

    def _resolve(self):
        if self._fn is None:
            self._fn = self.plugins.resolve(self.contribution)
        return self._fn

    def __call__(self, ctx, feedback):
        return self._resolve()(ctx, feedback)

    @property
    def local(self) -> bool:
        return bool(getattr(self._resolve(), "local", False))


_INSTALLED: CheckRegistry | None = None


def installed_check_registry() -> CheckRegistry:
    """The registry of the installed plugins, built once per process."""
    global _INSTALLED
    if _INSTALLED is None:
        _INSTALLED = check_registry()
    return _INSTALLED


def check_registry(plugins=None) -> CheckRegistry:
    """Checks and rule packs of every plugin in ``plugins`` (default: the installed ones)."""
    if plugins is None:
        from plugins.registry import default_registry

        plugins = default_registry()
    reg = CheckRegistry()
    for c in plugins.checks():
        reg.add_impl(c.qualified_id, PluginCheck(plugins, c))
    for rp in plugins.rule_packs():
        pack = reg.add_pack(rp.path)
        reg.packs.setdefault(rp.qualified_id, pack)
    return reg


def pack_choices(reg: CheckRegistry) -> list[tuple[str, object]]:
    """``(pack id, RulePack)`` once per pack (a pack is registered under its id and plugin.id)."""
    seen, out = set(), []
    for key, pack in reg.packs.items():
        if id(pack) not in seen:
            seen.add(id(pack))
            out.append((pack.id if reg.packs.get(pack.id) is pack else key, pack))
    return out
