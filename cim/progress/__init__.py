"""Periodic progress reports (seed 001: "Định kỳ vào ngày 20 của tháng cuối Quý … gửi báo cáo về Sở Xây
dựng"; seed 003: monthly / quarterly / six-monthly / annual): per commune and a provincial roll-up over
several projects or packages — smart elements planned vs built per system, integration level and its
change since the last report, open findings and comments, charts; HTML/PDF/XLSX, and a JSON snapshot
that the next report compares with.

- :mod:`cim.progress.collect` the figures of one plan, the period, the report
- :mod:`cim.progress.outputs` HTML/PDF (charts with matplotlib) and XLSX (openpyxl)
"""
