"""The figures of a progress report: per plan (commune) and rolled up over the province."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from cim.errors import CimInputError

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
FORMAT = "cimstudio-progress-report"


@dataclass
class Period:
    code: str            # 2026-Q1, 2026-03, 2026-H1, 2026
    label_vi: str
    label_en: str
    start: str
    end: str
    due: str             # when the report is due at the Department of Construction


def parse_period(code: str) -> Period:
    """``2026-Q1`` (quarterly, due the 20th of the quarter's last month — seed 001), ``2026-03`` (monthly),
    ``2026-H1``/``2026-H2`` (six-monthly), ``2026`` (annual)."""
    import calendar

    code = code.strip().upper()
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", code):
        y, q = int(m[1]), int(m[2])
        last = 3 * q
        return Period(code, f"Quý {ROMAN[q]}/{y}", f"Q{q} {y}", f"{y}-{last - 2:02d}-01",
                      f"{y}-{last:02d}-{calendar.monthrange(y, last)[1]:02d}", f"{y}-{last:02d}-20")
    if m := re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", code):
        y, mo = int(m[1]), int(m[2])
        end = f"{y}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"
        return Period(code, f"Tháng {mo}/{y}", f"{_dt.date(y, mo, 1):%B} {y}", f"{y}-{mo:02d}-01", end, end)
    if m := re.fullmatch(r"(\d{4})-H([12])", code):
        y, h = int(m[1]), int(m[2])
        return Period(code, f"6 tháng {'đầu' if h == 1 else 'cuối'} năm {y}", f"H{h} {y}",
                      f"{y}-{1 if h == 1 else 7:02d}-01", f"{y}-{6 if h == 1 else 12:02d}-{30 if h == 1 else 31}",
                      f"{y}-{6 if h == 1 else 12:02d}-20")
    if re.fullmatch(r"\d{4}", code):
        return Period(code, f"Năm {code}", code, f"{code}-01-01", f"{code}-12-31", f"{code}-12-20")
    raise CimInputError(None, f"period {code!r} is not understood",
                        hint="use 2026-Q1 (quarter), 2026-03 (month), 2026-H1 (six months) or 2026 (year)")


@dataclass
class PlanProgress:
    source: str
    plan_id: str
    plan_name: str
    commune: str
    province: str
    systems: dict = field(default_factory=dict)    # code -> {name_vi, name_en, planned, built}
    integration: float | None = None
    integration_level_vi: str = ""
    integration_level_en: str = ""
    findings: dict = field(default_factory=dict)   # severity -> open issues
    open_comments: int = 0
    previous_integration: float | None = None      # from the last report (same plan id)
    previous_built: dict = field(default_factory=dict)

    @property
    def planned(self) -> int:
        return sum(s["planned"] for s in self.systems.values())

    @property
    def built(self) -> int:
        return sum(s["built"] for s in self.systems.values())


@dataclass
class ProgressReport:
    period: Period
    province: str
    plans: list[PlanProgress]
    created: str = ""
    previous_period: str = ""

    def rollup(self) -> dict:
        """Per system over every plan: planned, built, built before (previous report)."""
        out: dict[str, dict] = {}
        for p in self.plans:
            for code, s in p.systems.items():
                row = out.setdefault(code, {"name_vi": s["name_vi"], "name_en": s["name_en"], "planned": 0,
                                            "built": 0, "built_before": 0})
                row["planned"] += s["planned"]
                row["built"] += s["built"]
                row["built_before"] += p.previous_built.get(code, 0)
        return out

    def to_dict(self) -> dict:
        return {"format": FORMAT, "version": 1, "period": asdict(self.period), "province": self.province,
                "created": self.created, "previous_period": self.previous_period,
                "plans": [asdict(p) for p in self.plans]}


def smart_inventory(project) -> dict:
    """``{system: {name_vi, name_en, planned, built}}``: every smart element the plan holds (planned), and
    those whose status is ``existing`` (built), per smart system (vectorised group-by)."""
    import pandas as pd

    from cim.model.taxonomy import smart_systems

    systems = smart_systems()
    frames = [r.data[["system", "status"]] for r in project.layers_of_kind("smart_element")
              if r.kind == "vector" and {"system", "status"} <= set(r.data.columns)]
    out = {c: {"name_vi": s.name_vi, "name_en": s.name_en, "planned": 0, "built": 0} for c, s in systems.items()}
    if frames:
        df = pd.concat(frames, ignore_index=True)
        df["built"] = df["status"].astype("string").str.strip().str.lower().eq("existing").fillna(False)
        g = df.groupby(df["system"].astype("string").fillna(""))["built"].agg(["size", "sum"])
        for code, row in g.iterrows():
            if code in out:
                out[code]["planned"], out[code]["built"] = int(row["size"]), int(row["sum"])
    return out


def plan_progress(path: str | Path, *, workdir=None, feedback=None) -> PlanProgress:
    from cim.review import review_book
    from cim.revision.inputs import load_plan

    v = load_plan(path, workdir=workdir, feedback=feedback)
    md = v.project.metadata
    p = PlanProgress(Path(path).name, md.plan_id, md.name, md.commune, md.province, smart_inventory(v.project))
    res = v.results or {}
    integ = (res.get("extra") or {}).get("integration") or {}
    if integ:
        p.integration = float(integ.get("overall", 0.0))
        p.integration_level_vi = (integ.get("overall_level") or {}).get("vi", "")
        p.integration_level_en = (integ.get("overall_level") or {}).get("en", "")
    for r in res.get("results", []):
        if r.get("status") == "fail":
            for i in r.get("issues", []):
                sev = i.get("severity") or r.get("severity", "W")
                p.findings[sev] = p.findings.get(sev, 0) + 1
    p.open_comments = len(review_book(v.project).filter(status="open"))
    return p


def load_previous(path: str | Path) -> dict:
    from cim.io.json_file import read_json_object

    path, data = read_json_object(path)
    if data.get("format") != FORMAT:
        raise CimInputError(path, "not a progress report snapshot", hint="give the .json written by the last report")
    return data


def build_report(paths, period: str, *, previous: str | Path | None = None, province: str = "",
                 workdir=None, feedback=None) -> ProgressReport:
    if not paths:
        raise CimInputError(None, "no plan to report on", hint="give one or more *.cim.gpkg or *.cimpkg")
    per = parse_period(period)
    plans = [plan_progress(p, workdir=workdir, feedback=feedback) for p in paths]
    rep = ProgressReport(per, province or next((p.province for p in plans if p.province), ""), plans,
                         created=_dt.date.today().isoformat())
    if previous:
        prev = load_previous(previous)
        rep.previous_period = (prev.get("period") or {}).get("code", "")
        by_id = {p.get("plan_id"): p for p in prev.get("plans", [])}
        for p in plans:
            old = by_id.get(p.plan_id)
            if old:
                p.previous_integration = old.get("integration")
                p.previous_built = {k: v.get("built", 0) for k, v in (old.get("systems") or {}).items()}
    return rep
