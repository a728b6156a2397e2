"""``cimstudio trust add|list|remove`` (the appraiser's trust store) and ``cimstudio keys create|show``
(the consultant's Ed25519 signing key, encrypted with a passphrase).

Passphrases are never taken from the command line (it shows in process lists and shell history):
they are typed when asked, or — for automation — read from the environment variable named by
``--passphrase-env`` (default ``CIMSTUDIO_PASSPHRASE`` when it is set).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from cim.cli import EXIT_OK, EXIT_USAGE_OR_INPUT

PASSPHRASE_ENV = "CIMSTUDIO_PASSPHRASE"


def add_passphrase_option(p) -> None:
    p.add_argument("--passphrase-env", metavar="VAR",
                   help=f"read the passphrase from this environment variable (default: {PASSPHRASE_ENV} when set; "
                        "otherwise it is asked for)")


def passphrase(args, what: str, *, confirm: bool = False) -> str:
    """The passphrase from the named environment variable, else typed at a prompt."""
    from cim.errors import CimInputError

    var = getattr(args, "passphrase_env", None) or (PASSPHRASE_ENV if PASSPHRASE_ENV in os.environ else None)
    if var:
        value = os.environ.get(var)
        if not value:
            raise CimInputError(None, f"the environment variable {var} holding the passphrase is not set or empty",
                                hint=f"export {var}=… before running the command")
        return value
    if not sys.stdin.isatty():
        raise CimInputError(None, f"a passphrase is needed for {what} and there is no terminal to ask it on",
                            hint=f"set --passphrase-env VAR (or {PASSPHRASE_ENV}) for automation")
    import getpass

    first = getpass.getpass(f"Mật khẩu / passphrase ({what}): ")
    if confirm and getpass.getpass("Nhập lại / repeat: ") != first:
        raise CimInputError(None, "the two passphrases differ", hint="try again")
    return first


def register(sub) -> None:
    t = sub.add_parser("trust", help="the appraiser's trust store: CA certificates and pinned signers")
    tsub = t.add_subparsers(dest="trust_command", metavar="ACTION")
    p = tsub.add_parser("add", help="trust a CA certificate, a signer certificate, a .pub key, or a package's signer")
    p.add_argument("file", type=Path, help="a .pem/.cer/.crt certificate, an Ed25519 .pub key, or a .cimpkg package")
    p.add_argument("--as", dest="kind", choices=("ca", "signer"), help="force the kind of a certificate")
    p.add_argument("--fingerprint", help="with a package: the fingerprint the signer gave you (must match)")
    p.set_defaults(handler=cmd_trust_add)
    p = tsub.add_parser("list", help="list the trusted CAs, signers and keys")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_trust_list)
    p = tsub.add_parser("remove", help="stop trusting an entry (by fingerprint, at least 8 hex digits)")
    p.add_argument("fingerprint")
    p.set_defaults(handler=cmd_trust_remove)
    t.set_defaults(handler=lambda a, c: (t.print_help(), EXIT_USAGE_OR_INPUT)[1])

    k = sub.add_parser("keys", help="the consultant's Ed25519 signing key (encrypted with a passphrase)")
    ksub = k.add_subparsers(dest="keys_command", metavar="ACTION")
    p = ksub.add_parser("create", help="create your signing key once (never replaces an existing one)")
    p.add_argument("--user", help="signing user (default: the login name)")
    p.add_argument("--key-dir", type=Path, help="folder of the signing keys (default: user config folder)")
    add_passphrase_option(p)
    p.set_defaults(handler=cmd_keys_create)
    p = ksub.add_parser("show", help="print your public key file and fingerprint (to give to appraisers)")
    p.add_argument("--user")
    p.add_argument("--key-dir", type=Path)
    p.set_defaults(handler=cmd_keys_show)
    k.set_defaults(handler=lambda a, c: (k.print_help(), EXIT_USAGE_OR_INPUT)[1])


def _user(args) -> str:
    import getpass

    return args.user or getpass.getuser()


def _print_entry(e) -> None:
    who = ", ".join(x for x in (e.name, e.organisation) if x)
    extra = f"  serial {e.serial}  issuer {e.issuer}  until {e.not_after}" if e.serial else ""
    print(f"{e.kind:6s} {e.fingerprint}  {who}{extra}")


def cmd_trust_add(args, ctx) -> int:
    from cim.errors import CimInputError
    from cim.package.trust import TrustStore

    store = TrustStore()
    if args.file.suffix.lower() == ".cimpkg":
        from cim.package.signer_of import trust_package_signer

        entries = trust_package_signer(args.file, store, expected=args.fingerprint)
    else:
        if args.fingerprint:
            raise CimInputError(args.file, "--fingerprint is for packages", hint="compare the fingerprint printed below")
        entries = store.add_file(args.file, args.kind)
    for e in entries:
        print("Đã tin cậy / trusted:", end=" ")
        _print_entry(e)
    print(f"Kho tin cậy / trust store: {store.folder}")
    return EXIT_OK


def cmd_trust_list(args, ctx) -> int:
    from cim.package.trust import TrustStore

    store = TrustStore()
    entries = store.entries()
    if args.json:
        print(json.dumps({"folder": str(store.folder), "entries": [e.to_dict() for e in entries]},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Kho tin cậy / trust store: {store.folder}")
    if not entries:
        print("(trống / empty)")
    for e in entries:
        _print_entry(e)
    return EXIT_OK


def cmd_trust_remove(args, ctx) -> int:
    from cim.errors import CimInputError
    from cim.package.trust import TrustStore

    gone = TrustStore().remove(args.fingerprint)
    if not gone:
        raise CimInputError(None, f"no trusted entry has the fingerprint {args.fingerprint}",
                            hint="see: cimstudio trust list")
    for e in gone:
        print("Đã bỏ / removed:", end=" ")
        _print_entry(e)
    return EXIT_OK


def cmd_keys_create(args, ctx) -> int:
    from cim.package.keys import create_key

    user = _user(args)
    key = create_key(user, passphrase(args, f"new key of {user}", confirm=True), args.key_dir)
    print(f"{key.path}.pub")
    print(f"Dấu vân tay / fingerprint: {key.fingerprint}")
    print("Give the .pub file and this fingerprint to the appraisal office (cimstudio trust add FILE.pub).")
    return EXIT_OK


def cmd_keys_show(args, ctx) -> int:
    from cim.errors import CimInputError
    from cim.package.keys import key_path, public_key_fingerprint

    pub = key_path(_user(args), args.key_dir).with_suffix(".ed25519.pub")
    if not pub.is_file():
        raise CimInputError(pub, "no signing key for this user", hint="create it once with: cimstudio keys create")
    print(pub)
    print(f"Dấu vân tay / fingerprint: {public_key_fingerprint(pub.read_bytes())}")
    return EXIT_OK
