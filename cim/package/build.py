"""Build a signed appraisal package (``*.cimpkg``) from a saved project file.

Layout (every file listed in ``manifest.json`` with size and SHA-256)::

    manifest.json            plan id, project ids, CRS, software, files, IFC sources, rule packs, verdict
    manifest.json.sig        detached signature over the manifest bytes (base64): Ed25519, or the key of an
                             X.509 certificate from a PKCS#12 file (the manifest then records the chain)
    signer.pub               the signer's public key or certificate chain (PEM); fingerprint in the manifest
    project/<name>.cim.gpkg  the project as saved
    cityjson/<name>.city.json, ifc/*.ifc, rules/*.toml, checks/results.json (+ reports), review/comments.bcf
    tod/*                    TOD outputs given, else the study's CSV/JSON when the project has stations

The same project gives the same bytes apart from the manifest's creation time and the signature.
"""

from __future__ import annotations

import datetime as _dt
import json
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cim.errors import CimInputError
from cim.feedback import Feedback

FORMAT = "cimpkg"
FORMAT_VERSION = 1
MANIFEST, SIGNATURE, PUBLIC_KEY = "manifest.json", "manifest.json.sig", "signer.pub"
META_FILES = (MANIFEST, SIGNATURE, PUBLIC_KEY)
RESULTS = "checks/results.json"
BCF = "review/comments.bcf"


@dataclass
class PackageOptions:
    """What goes into a package besides the project file. Callables keep the package independent of
    the check runner, the report writer and plugins (the composition root passes them in)."""

    exclude_ifc: bool = False
    run_checks: Callable | None = None          # (project, pack_path, feedback) -> CheckRun or results dict
    rule_packs: Sequence[Path] = ()             # rule pack files (TOML) the checks use
    write_reports: Callable | None = None       # (run, project, out_dir) -> iterable of report files
    cityjson: bool = True
    tod_outputs: Sequence[Path] = ()            # given files; none given: the study's CSV/JSON (``auto_tod``)
    auto_tod: bool = True                       # add the TOD study outputs when the project has stations
    extra_files: Mapping[str, Path] = field(default_factory=dict)
    user: str | None = None
    key_dir: Path | None = None
    passphrase: str | None = None                # of the Ed25519 key or of the PKCS#12 file
    pkcs12: Path | None = None                   # sign with this X.509 certificate (.p12/.pfx) instead
    create_key: bool = False                     # create the Ed25519 key when the user has none (explicit)
    level: int = 1                               # deflate level (0 = store)
    created: str | None = None                   # fixed creation time (tests); default: now


@dataclass
class PackageResult:
    path: Path
    manifest: dict
    fingerprint: str
    bytes_hashed: int
    hash_seconds: float
    seconds: float


def build_package(project_path: str | Path, out: str | Path, options: PackageOptions | None = None, *,
                  feedback: Feedback | None = None) -> PackageResult:
    from cim.package.archive import write_archive
    from cim.package.hashing import hash_files
    from cim.package.keys import encode_signature
    from cim.project.store import open_project

    opts, fb = options or PackageOptions(), feedback or Feedback()
    t0 = time.perf_counter()
    project_path, out = Path(project_path).resolve(), Path(out)
    if not out.name.endswith(".cimpkg"):
        raise CimInputError(out, "an appraisal package must end in .cimpkg", hint="e.g. -o plan.cimpkg")
    with fb.step(0.0, 0.05):
        project = open_project(project_path, feedback=fb)
    key = signing_identity(opts, opts.user or project.user)
    with tempfile.TemporaryDirectory(prefix="cimpkg-") as tmp_s:
        tmp = Path(tmp_s)
        files: dict[str, Path | bytes] = {f"project/{project_path.name}": project_path}
        ifc = _ifc_sources(project, project_path, opts.exclude_ifc, files, fb)
        ifc += referenced_ifc(project, opts.exclude_ifc, files, fb)
        packs = _rule_packs(opts.rule_packs, files)
        verdict, run = None, None
        with fb.step(0.05, 0.45):
            if opts.run_checks is not None:
                verdict, run = _checks(project, opts, packs, files, tmp, fb)
        signed_pdfs = _sign_pdfs(opts, project, files, tmp) if opts.pkcs12 else []
        with fb.step(0.45, 0.57):
            if opts.cityjson:
                _cityjson(project, project_path, files, tmp, fb)
        _review(project, files)
        tod = list(opts.tod_outputs)
        if not tod and opts.auto_tod:
            from cim.package.tod import tod_outputs

            with fb.step(0.57, 0.6):
                tod = tod_outputs(project, run, tmp / "tod", fb)
        for p in tod:
            files[f"tod/{Path(p).name}"] = Path(p)
        for name, p in opts.extra_files.items():
            files[name] = Path(p)
        names = sorted(files)
        disk = [n for n in names if isinstance(files[n], Path)]
        th = time.perf_counter()
        with fb.step(0.6, 0.75):
            digests = dict(zip(disk, hash_files([files[n] for n in disk], fb)))
        hash_seconds = time.perf_counter() - th
        import hashlib

        entries = []
        for n in names:
            src = files[n]
            size = src.stat().st_size if isinstance(src, Path) else len(src)
            sha = digests[n] if isinstance(src, Path) else hashlib.sha256(src).hexdigest()
            entries.append({"path": n, "size": size, "sha256": sha})
        for src in ifc:
            if src.get("file"):
                got = next(e["sha256"] for e in entries if e["path"] == src["file"])
                if src["sha256"] and got != src["sha256"]:
                    raise CimInputError(src["name"], "the IFC file changed since it was imported into the project",
                                        obj=src["layer"], hint="import it again, or package with --exclude-ifc")
                src["sha256"] = got
        manifest = _manifest(project, project_path, entries, ifc, packs, verdict, key, opts)
        if signed_pdfs:
            manifest["signed_pdfs"] = signed_pdfs
        blob = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8") + b"\n"
        files[MANIFEST] = blob
        files[SIGNATURE] = encode_signature(key.sign(blob))
        files[PUBLIC_KEY] = key.public_file()
        with fb.step(0.75, 1.0):
            write_archive(out, files.items(), level=opts.level, feedback=fb)
    return PackageResult(out, manifest, key.fingerprint, sum(e["size"] for e in entries), hash_seconds,
                         time.perf_counter() - t0)


def signing_identity(opts: PackageOptions, user: str):
    """The X.509 identity of ``opts.pkcs12`` (refused when expired or not for signing), else ``user``'s
    Ed25519 key (created only when ``opts.create_key`` says so; a missing key is never silently replaced)."""
    if opts.pkcs12:
        from cim.package.identity import load_pkcs12
        from cim.package.trust import certificate_problem

        ident = load_pkcs12(opts.pkcs12, opts.passphrase, opts.user)
        problem = certificate_problem([ident.cert, *ident.chain])
        if problem is not None:
            raise CimInputError(opts.pkcs12, problem[0], hint="sign with a valid signing certificate")
        return ident
    from cim.package.keys import create_key, key_path, load_key

    if opts.create_key and not key_path(user, opts.key_dir).exists():
        return create_key(user, opts.passphrase or "", opts.key_dir)
    return load_key(user, opts.passphrase, opts.key_dir)


def _sign_pdfs(opts: PackageOptions, project, files: dict, tmp: Path) -> list[str]:
    """PAdES-sign every PDF report with the PKCS#12 identity (readers show who signed it)."""
    from cim.package.pades import sign_pdf

    out = []
    for name in sorted(n for n in files if n.lower().endswith(".pdf") and isinstance(files[n], Path)):
        files[name] = sign_pdf(files[name], tmp / f"signed-{len(out)}-{Path(name).name}", opts.pkcs12,
                               opts.passphrase, reason=f"Hồ sơ thẩm định {project.metadata.plan_id or ''}".strip(),
                               location=project.metadata.province or "")
        out.append(name)
    return out


def referenced_ifc(project, exclude: bool, files: dict, fb: Feedback) -> list[dict]:
    """IFC models that buildings name in ``ifc_file`` travel as ``project/<name>``, next to the packaged
    project file, so the re-run of the rules (GEO-01) finds them on the appraiser's machine."""
    from cim.ifc.references import is_portable, referenced_models, resolve

    out = []
    for rec, name in referenced_models(project):
        src = resolve(project, rec, name)
        item = {"layer": rec.name, "name": name, "sha256": "", "file": None,
                "size": src.stat().st_size if src is not None else None}
        target = f"project/{name.replace(chr(92), '/')}"
        if src is None:
            fb.log(f"IFC model {name!r} named by layer {rec.name!r} not found: it cannot travel with the package",
                   "warning")
        elif not is_portable(name):
            fb.log(f"IFC model {name!r} of layer {rec.name!r} is named by an absolute or outside path: only its hash "
                   "is packaged (name it relative to the project folder)", "warning")
            item["sha256"] = _sha256(src)
        elif not exclude and target not in files:
            files[target] = src
            item["file"] = target
        elif exclude:
            item["sha256"] = _sha256(src)
        out.append(item)
    return out


def _sha256(path: Path) -> str:
    from cim.package.hashing import sha256_file

    return sha256_file(path)


def _ifc_sources(project, project_path: Path, exclude: bool, files: dict, fb: Feedback) -> list[dict]:
    out, used = [], set()
    for rec in project.ordered_layers():
        if rec.kind != "ifc" or not rec.source.get("path"):
            continue
        src = Path(rec.source["path"])
        src = src if src.is_absolute() else project_path.parent / src
        item = {"layer": rec.name, "name": src.name, "sha256": rec.source.get("sha256") or "", "file": None,
                "source": str(src)}
        if not exclude and src.is_file():
            name = f"ifc/{src.name}"
            if name in used:
                name = f"ifc/{(item['sha256'] or rec.id)[:8]}-{src.name}"
            used.add(name)
            files[name] = src
            item["file"] = name
        elif not exclude:
            fb.log(f"IFC source {src} of layer {rec.name!r} not found: only its hash is packaged", "warning")
        item["size"] = src.stat().st_size if src.is_file() else None
        out.append(item)
    for item in out:
        item.pop("source")   # no absolute paths in the package
    return out


def _rule_packs(paths: Iterable[Path], files: dict) -> list[dict]:
    import tomllib

    out = []
    for p in paths:
        p = Path(p)
        head = tomllib.loads(p.read_text(encoding="utf-8")).get("pack", {})
        name = f"rules/{p.name}"
        files[name] = p
        out.append({"id": head.get("id", p.stem), "version": str(head.get("version", "")), "path": name})
    return out


def results_dict(run) -> dict:
    """A check run as deterministic JSON-able data (no run id, start time or timings)."""
    if isinstance(run, Mapping):
        d = dict(run)
        for k in ("run_id", "started", "seconds"):
            d.pop(k, None)
        return d
    return {**run.reproducible_dict(), "digest": run.digest(), "counts": run.counts(),
            "statuses": run.status_counts(), "verdict": run.verdict().to_dict(), "extra": run.extra}


def _checks(project, opts: PackageOptions, packs: list[dict], files: dict, tmp: Path, fb: Feedback):
    pack_path = Path(opts.rule_packs[0]) if opts.rule_packs else None
    run = opts.run_checks(project, pack_path, fb)
    data = results_dict(run)
    files[RESULTS] = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str).encode("utf-8")
    if opts.write_reports is not None:
        out_dir = tmp / "reports"
        out_dir.mkdir()
        for p in opts.write_reports(run, project, out_dir) or ():
            files[f"checks/{Path(p).name}"] = Path(p)
    return {"results": RESULTS, "verdict": data.get("verdict"), "counts": data.get("counts"),
            "digest": data.get("digest"), "pack": packs[0]["id"] if packs else None}, run


def _cityjson(project, project_path: Path, files: dict, tmp: Path, fb: Feedback) -> None:
    from cim.cityjson.from_project import export_cityjson

    stem = project_path.name.removesuffix(".cim.gpkg").removesuffix(".gpkg")
    path = tmp / f"{stem}.city.json"
    export_cityjson(project, path, feedback=fb)
    files[f"cityjson/{path.name}"] = path


def _review(project, files: dict) -> None:
    from cim.review.bcf_export import bcf_entries
    from cim.review.model import review_book

    if not len(review_book(project)):
        return
    import io
    import zipfile

    from cim.package.archive import zip_info

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in sorted(bcf_entries(project, version="2.1")):
            zf.writestr(zip_info(name, len(data), 6), data)
    files[BCF] = buf.getvalue()


def project_ids(project) -> list[str]:
    ids: set[str] = set()
    for rec in project.layers.values():
        if rec.kind == "vector" and "project_id" in getattr(rec.data, "columns", ()):
            col = rec.data["project_id"].dropna().astype(str).str.strip()
            ids |= set(col[col != ""])
    return sorted(ids)


def _layer_metadata(project) -> list[dict]:
    from cim.project.layer_info import info_table

    return info_table(project)


def _manifest(project, project_path: Path, entries, ifc, packs, verdict, key, opts) -> dict:
    from cim import __version__

    created = opts.created or _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "created": created,
            "software": {"name": "CIM Studio", "version": __version__},
            "plan_id": project.metadata.plan_id, "plan": project.metadata.to_dict(),
            "project_ids": project_ids(project), "crs": project.crs, "layer_metadata": _layer_metadata(project),
            "project_file": f"project/{project_path.name}", "files": entries, "ifc_sources": ifc,
            "rule_packs": packs, "checks": verdict,
            "signer": key.signer_entry()}
