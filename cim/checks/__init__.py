"""Checks: the protocol, rule packs as data, a generic rule engine, the runner, stored results.

Importing ``cim.checks`` is cheap; numpy, shapely and pandas load inside the functions.

- :mod:`cim.checks.base`          Check protocol, CheckResult, CheckSkipped (a check returns cim.findings.Finding)
- :mod:`cim.checks.pack`          rule packs (TOML): rules, texts vi/en, legal basis, parameters, overrides
- :mod:`cim.checks.engine`        generic rules without Python (attribute, near, inside, count_per_area, share)
- :mod:`cim.checks.registry`      the registry plugins feed (implementations, checks, packs)
- :mod:`cim.checks.runner`        run checks → CheckRun (pack id/version, software version, input hashes)
- :mod:`cim.checks.session`       incremental re-checks of changed objects
- :mod:`cim.checks.results_store` runs in the project file (cim_check_runs / _results / _issues)
- :mod:`cim.checks.integration`   integration level per smart system; maturity self-assessment
"""

from cim.checks.base import Check, CheckResult, CheckSkipped, Finding, LegalBasis, Text
from cim.checks.pack import RulePack, RuleSpec, load_pack
from cim.checks.registry import CheckRegistry, RuleCheck, registry_from
from cim.checks.runner import CheckRun, run_checks

__all__ = ["Check", "CheckRegistry", "CheckResult", "CheckRun", "CheckSkipped", "Finding", "LegalBasis",
           "RuleCheck", "RulePack", "RuleSpec", "Text", "load_pack", "registry_from", "run_checks"]
