"""Benchmark: ``cimstudio verify`` of the sample district package with the re-run of the rule pack, as a
fresh CLI process (goal ≤ 20 s), and what the certificate checks add (goal ≤ 100 ms).

    python -m bench.bench_verify

The package is built once from ``sample_data/district.cim.gpkg`` (Decree-269 pack, no maps), signed
with an X.509 certificate of a throwaway test CA (``cim.package.testpki``) whose CA the temporary
trust store holds; the same project is also packaged with an Ed25519 key (baseline for the signature
step). Figures go to ``bench/out/bench_verify.json`` with the load average (the machine may be shared).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PW = "bench-passphrase"


def main() -> dict:
    from cim.package.build import PackageOptions, build_package
    from cim.package.checks import pack_files, registry_runner
    from cim.package.testpki import issue, make_ca
    from cim.package.trust import TrustStore
    from cim.package.verify import verify_package
    from plugins.check_registry import check_registry

    tmp = Path(tempfile.mkdtemp(prefix="bench-verify-"))
    env = {**os.environ, "CIMSTUDIO_TRUST_DIR": str(tmp / "trust"), "CIMSTUDIO_KEY_DIR": str(tmp / "keys"),
           "PYTHONPATH": str(REPO)}
    os.environ.update({k: env[k] for k in ("CIMSTUDIO_TRUST_DIR", "CIMSTUDIO_KEY_DIR")})
    reg = check_registry()
    ca = make_ca()
    p12 = issue(ca, "Nguyễn Văn An", "Công ty CP Tư vấn (benchmark)").write_p12(tmp / "an.p12", PW)
    TrustStore().add_cert(ca.cert, "ca")
    sample = REPO / "sample_data" / "district.cim.gpkg"
    base = dict(run_checks=registry_runner(reg, "decree269"), rule_packs=pack_files(reg, "decree269"),
                cityjson=False, auto_tod=False, passphrase=PW)
    t = time.perf_counter()
    x509_pkg = build_package(sample, tmp / "x509.cimpkg", PackageOptions(**base, pkcs12=p12)).path
    print(f"built the X.509-signed sample package in {time.perf_counter() - t:.1f} s")
    ed_res = build_package(sample, tmp / "ed25519.cimpkg", PackageOptions(**base, user="bench", create_key=True))
    TrustStore().add_key(_pub(ed_res.path))
    # in process: the signature step, X.509 chain + trust store vs Ed25519 pin
    sig = {}
    for label, pkg in (("x509", x509_pkg), ("ed25519", ed_res.path)):
        times = []
        for _ in range(15):
            rep = verify_package(pkg, rerun=None, require_rerun=False)
            times.append(rep.signature_seconds)
        assert rep.ok, [f.text() for f in rep.findings]
        sig[label] = statistics.median(times)
        print(f"signature step ({label}): median {sig[label] * 1000:.1f} ms over {len(times)} runs")
    added = sig["x509"] - sig["ed25519"]
    print(f"certificate checks add {added * 1000:.1f} ms (goal ≤ 100 ms)")
    # a fresh CLI process: verify with the re-run of the Decree-269 pack
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "app.launcher", "-q", "verify", str(x509_pkg), "--json"], env=env,
                       capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - t
    out = json.loads(r.stdout)
    print(f"cimstudio verify (fresh process, re-run): exit {r.returncode}, {wall:.2f} s wall "
          f"({out['seconds']:.2f} s inside verify) — status {out['status']}, checks confirmed {out['checks_confirmed']}"
          f" (goal ≤ 20 s)")
    res = {"cli_verify_wall_s": wall, "verify_inside_s": out["seconds"], "exit": r.returncode,
           "status": out["status"], "checks_confirmed": out["checks_confirmed"],
           "signature_x509_ms": sig["x509"] * 1000, "signature_ed25519_ms": sig["ed25519"] * 1000,
           "certificate_checks_added_ms": added * 1000, "load_avg": os.getloadavg()[0], "cpus": os.cpu_count()}
    dest = REPO / "bench" / "out"
    dest.mkdir(exist_ok=True)
    (dest / "bench_verify.json").write_text(json.dumps(res, indent=1))
    return res


def _pub(pkg: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(pkg) as zf:
        return zf.read("signer.pub")


if __name__ == "__main__":
    r = main()
    raise SystemExit(0 if r["exit"] == 0 and r["cli_verify_wall_s"] <= 20 and r["certificate_checks_added_ms"] <= 100
                     else 1)
