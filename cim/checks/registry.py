"""The check registry, fed by plugins: Python check implementations, standalone checks, rule packs.

``cim`` never imports ``plugins``: the composition root (the launcher, a test, the GUI) resolves the
plugins' ``[[checks]]`` and ``[[rule_packs]]`` and hands the resolved objects to
:func:`registry_from` (or :meth:`CheckRegistry.add_impl` / :meth:`add_pack`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from cim.checks.base import Check
from cim.checks.pack import RulePack, RuleSpec, load_pack
from cim.errors import CimInputError


@dataclass
class RuleCheck:
    """A rule of a pack bound to its implementation: satisfies the :class:`Check` protocol."""

    spec: RuleSpec
    impl: Callable | None = None     # Python check; None = generic engine rule
    part_impls: dict | None = None   # Python parts of an ``all_of`` rule, by check reference

    # what the Check protocol asks, read from the rule's spec
    id = property(lambda self: self.spec.id, doc="The rule id (str).")
    title = property(lambda self: self.spec.title, doc="The rule's title (Text).")
    severity = property(lambda self: self.spec.severity, doc="E, W or I.")
    legal_basis = property(lambda self: self.spec.legal_basis, doc="The rule's legal basis (LegalBasis).")

    @property
    def local(self) -> bool:
        """Per-object: an incremental re-check may evaluate only the changed objects."""
        from cim.checks.engine import LOCAL_TYPES

        if self.impl is None:
            return self.spec.type in LOCAL_TYPES
        return bool(getattr(self.impl, "local", False))

    @property
    def retarget(self) -> bool:
        """After an edit of a target layer only, the check can re-evaluate the subjects near the
        changed targets (share rules)."""
        return self.impl is None and self.spec.type == "share"

    def run(self, ctx, feedback):
        if self.impl is None:
            from cim.checks.engine import run_generic

            return run_generic(ctx, feedback)
        return self.impl(ctx, feedback)


class CheckRegistry:
    def __init__(self) -> None:
        self.impls: dict[str, Callable] = {}       # qualified check id -> function(ctx, feedback)
        self.checks: dict[str, Check] = {}         # standalone Check objects by id
        self.packs: dict[str, RulePack] = {}

    def add_impl(self, qualified_id: str, obj) -> None:
        if hasattr(obj, "run") and hasattr(obj, "id") and hasattr(obj, "title"):
            self.checks[obj.id] = obj
        else:
            self.impls[qualified_id] = obj

    def add_pack(self, pack: RulePack | str | Path, pack_id: str | None = None) -> RulePack:
        if not isinstance(pack, RulePack):
            pack = load_pack(pack)
        self.packs[pack_id or pack.id] = pack
        if pack_id and pack_id != pack.id:
            self.packs.setdefault(pack.id, pack)
        return pack

    def pack(self, name: str | Path) -> RulePack:
        """A registered pack by id (``decree269`` or ``plugin.decree269``), or a pack file path;
        a file pack with ``extends = "<id>"`` is merged onto that pack."""
        if str(name) in self.packs:
            return self.packs[str(name)]
        for key, p in self.packs.items():
            if key.endswith("." + str(name)):
                return p
        path = Path(name)
        if path.suffix.lower() == ".toml" and path.exists():
            user = load_pack(path)
            base = user.extra.get("extends")
            if base:
                return self.pack(base).extend(user, user.extra.get("params"))
            return user
        known = ", ".join(sorted(self.packs)) or "none"
        raise CimInputError(None, f"no rule pack {str(name)!r}", hint=f"known packs: {known}; or give a .toml file")

    def installed(self, pack_id: str) -> RulePack | None:
        """The registered pack with this id (``decree269`` or ``plugin.decree269``), never a file:
        an id read from someone else's package must not name a path on this machine."""
        key = str(pack_id)
        if key in self.packs:
            return self.packs[key]
        for k, p in self.packs.items():
            if k.endswith("." + key):
                return p
        return None

    def impl_for(self, check_ref: str) -> Callable:
        if check_ref in self.impls:
            return self.impls[check_ref]
        for key, fn in self.impls.items():
            if key.split(".", 1)[-1] == check_ref or key.endswith("." + check_ref):
                return fn
        raise CimInputError(None, f"no plugin provides the check {check_ref!r}",
                            hint="install or enable the plugin that declares it in its plugin.toml [[checks]]")

    def checks_for(self, pack: RulePack, *, only: Iterable[str] | None = None) -> list[Check]:
        """The pack's rules bound to their implementations (plus the standalone plugin checks)."""
        wanted = set(only) if only else None
        out: list[Check] = []
        for spec in pack.rules:
            if wanted and spec.id not in wanted:
                continue
            parts = {p["check"]: self.impl_for(p["check"]) for p in spec.params.get("parts") or []
                     if isinstance(p, dict) and p.get("check")}
            out.append(RuleCheck(spec, None if spec.type else self.impl_for(spec.check), parts))
        for cid, chk in sorted(self.checks.items()):
            if not wanted or cid in wanted:
                out.append(chk)
        return out


def registry_from(checks: Mapping[str, object] = (), packs: Mapping[str, str | Path] = ()) -> CheckRegistry:
    """A registry from resolved plugin contributions: ``{qualified id: object}``, ``{pack id: path}``."""
    reg = CheckRegistry()
    for qid, obj in dict(checks).items():
        reg.add_impl(qid, obj)
    for pid, path in dict(packs).items():
        pack = load_pack(path)
        reg.add_pack(pack)
        reg.packs.setdefault(pid, pack)
    return reg


def context_registry(extras: Mapping | None) -> CheckRegistry:
    """The check registry the composition root put in ``CliContext.extras["check_registry"]`` (an object
    or a factory). ``cim`` cannot read plugins itself: ``cimstudio`` (app/launcher.py) builds the registry
    from the plugin registry — the one discovery path the app uses too — and the plugin-less
    ``cimstudio-cli`` has none, which is a clear input error, not an empty registry."""
    provider = (extras or {}).get("check_registry")
    if provider is None:
        raise CimInputError(None, "no rule packs are available: cimstudio-cli runs without plugins",
                            hint="run the same command with 'cimstudio' (the rule packs come from plugins)")
    return provider() if callable(provider) else provider
