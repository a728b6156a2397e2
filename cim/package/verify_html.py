"""The verification report as HTML (``cimstudio verify --html``): the verdict first — green for a
valid package from a trusted signer, orange for an unknown signer (never a plain pass), red otherwise —
then who signed, the rule-pack comparison and every finding, in Vietnamese and English."""

from __future__ import annotations

from pathlib import Path

TEMPLATE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Xác thực hồ sơ / Package verification — {{ name }}</title>
<style>
body { font-family: sans-serif; margin: 2em; max-width: 60em; }
.verdict { padding: .8em 1em; border-radius: 4px; color: white; font-weight: bold; }
.valid { background: #2e7d32; } .unknown_signer { background: #e65100; } .invalid { background: #c62828; }
td, th { padding: .2em .6em; text-align: left; vertical-align: top; } .ok { color: #2e7d32; } .fail { color: #c62828; }
.fp { font-family: monospace; }
</style></head><body>
<h1>Xác thực hồ sơ thẩm định / Package verification</h1>
<p>{{ name }}</p>
<div class="verdict {{ status }}" id="verdict"><p>{{ vi }}</p><p>{{ en }}</p></div>
<h2>Người ký / Signer</h2>
{% if signer %}<table>
<tr><th>Trạng thái / Status</th><td id="signer-status">{{ signer.status }}</td></tr>
<tr><th>Tên / Name</th><td>{{ signer.name }}</td></tr>
<tr><th>Tổ chức / Organisation</th><td>{{ signer.organisation }}</td></tr>
<tr><th>Số hiệu / Serial</th><td class="fp">{{ signer.serial }}</td></tr>
<tr><th>Nơi cấp / Issuer</th><td>{{ signer.issuer }}</td></tr>
<tr><th>Dấu vân tay / Fingerprint</th><td class="fp">{{ signer.fingerprint }}</td></tr>
</table>{% else %}<p>—</p>{% endif %}
{% if diffs %}<h2>Bộ quy tắc khác bộ cài trên máy thẩm định / Rule pack differs from the installed one</h2>
<table>{% for d in diffs %}<tr><td>{{ d.rule }}</td><td>{{ d.change }}</td><td>{{ d.details | join("; ") }}</td></tr>{% endfor %}</table>{% endif %}
<h2>Kết quả kiểm tra / Findings</h2>
<table>{% for f in findings %}<tr><td class="{{ 'fail' if f.severity == 'E' else 'ok' }}">{{ '✘' if f.severity == 'E' else '✔' }}</td>
<td>{{ f.code }}</td><td>{{ f.text('vi') }}<br>{{ f.text('en') }}</td></tr>{% endfor %}
{% for f in notes %}<tr><td>–</td><td>{{ f.code }}</td><td>{{ f.text('vi') }}<br>{{ f.text('en') }}</td></tr>{% endfor %}</table>
{% if manifest_sha256 %}<p class="fp">manifest.json SHA-256: {{ manifest_sha256 }}</p>{% endif %}
</body></html>
"""


def render_verify_html(rep) -> str:
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    vi, en = rep.verdict()
    return env.from_string(TEMPLATE).render(name=Path(rep.path).name, status=rep.status, vi=vi, en=en,
                                            signer=rep.signer, diffs=rep.pack_diffs, findings=rep.findings,
                                            notes=rep.notes, manifest_sha256=rep.manifest_sha256)


def write_verify_html(rep, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(render_verify_html(rep), encoding="utf-8")
    return path
