"""The signed appraisal package (``*.cimpkg``): build, sign, verify, open safely.

- :mod:`cim.package.build`     manifest, hashes, signature (Ed25519 key or X.509 from PKCS#12), deterministic zip
- :mod:`cim.package.verify`    structure, hashes, signer and trust verdict, PDF signatures, re-run of the checks
- :mod:`cim.package.rerun`     the re-run under the appraiser's installed rule pack, compared rule by rule
- :mod:`cim.package.trust`     the appraiser's trust store; chains, dates and key usage via cryptography
- :mod:`cim.package.identity`  PKCS#12 signing identities; :mod:`cim.package.keys` encrypted Ed25519 keys
- :mod:`cim.package.pades`     PAdES signatures of the PDF reports (pyHanko)
- :mod:`cim.package.safezip`   refusing hostile archives (zip-slip, bombs, symlinks, duplicates …)
- :mod:`cim.package.opening`   open a package for review (verify, extract, reviewer role)
"""
