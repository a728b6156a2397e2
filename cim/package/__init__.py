"""The signed appraisal package (``*.cimpkg``): build, sign, verify, open safely.

- :mod:`cim.package.build`    manifest, hashes, Ed25519 signature, deterministic zip
- :mod:`cim.package.verify`   structure, hashes, signature, re-run of the rule pack
- :mod:`cim.package.safezip`  refusing hostile archives (zip-slip, bombs, symlinks, duplicates …)
- :mod:`cim.package.keys`     per-user key pairs outside the project
- :mod:`cim.package.opening`  open a package for review (verify, extract, reviewer role)
"""
