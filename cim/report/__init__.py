"""Appraisal reports of a check run: self-contained HTML, PDF (Vietnamese fonts embedded), JSON, BCF.

Importing ``cim.report`` is cheap; jinja2, matplotlib and weasyprint load inside the functions.

- :mod:`cim.report.build`   the report model (summary, integration, maturity, rules, issues) from a run
- :mod:`cim.report.maps`    small map extracts per issue, rendered headless with matplotlib
- :mod:`cim.report.charts`  inline SVG charts
- :mod:`cim.report.html`    HTML (jinja2, inline CSS and images: opens offline) and PDF
- :mod:`cim.report.bcf`     BCF 2.1 topics of the issues for BIM tools
"""
