"""Who signed a package, read without trusting it: for "trust this signer" (CLI and GUI), which
shows the fingerprint first and pins exactly the certificate or key whose signature is good."""

from __future__ import annotations

from pathlib import Path

from cim.errors import CimInputError


def package_signer(pkg: str | Path):
    """The package's :class:`~cim.package.trust.SignerInfo` (verified signature, any trust status) and the
    bytes to pin: ``(info, certificate or None, public key PEM or None)``."""
    from cim.package.trust import INVALID, TrustStore
    from cim.package.verify import verify_package

    rep = verify_package(pkg, rerun=None, require_rerun=False, trust_store=TrustStore(_EMPTY))
    if rep.unreadable is not None:
        raise rep.unreadable
    info = rep.signer
    if info is None or info.status == INVALID or not rep.intact:
        problems = "; ".join(f.text("en") for f in rep.problems)
        raise CimInputError(pkg, f"the package did not verify, its signer cannot be trusted ({problems})",
                            hint="ask the consultant for a new package")
    if info.algorithm == "X.509":
        return info, info.chain[0], None
    import zipfile

    with zipfile.ZipFile(pkg) as zf:
        return info, None, zf.read("signer.pub")


_EMPTY = Path("/nonexistent/cimstudio-empty-trust-store")


def trust_package_signer(pkg: str | Path, store, *, expected: str | None = None):
    """Pin the signer of ``pkg`` in ``store``; with ``expected``, only when the fingerprint matches it."""
    info, cert, pub = package_signer(pkg)
    if expected is None:
        who = ", ".join(x for x in (info.name, info.organisation) if x)
        raise CimInputError(pkg, f"the package is signed by {info.fingerprint}" + (f" ({who})" if who else ""),
                            hint="compare this fingerprint with the one the consultant gave you (by phone or "
                                 "letter), then repeat with --fingerprint FINGERPRINT")
    if expected.lower().removeprefix("sha256:") != info.fingerprint.lower().removeprefix("sha256:"):
        raise CimInputError(pkg, f"the package is signed by {info.fingerprint}, not by the fingerprint given",
                            hint="do not trust it; check with the consultant")
    if cert is not None:
        return [store.add_cert(cert, "signer")]
    return [store.add_key(pub, source=pkg)]
