"""Infrastructure-capacity flags (TOD-03): where catchment densities exceed the QCVN-like defaults of
:class:`cim.tod.params.CapacityDefaults` [I], the plan must carry a capacity check; the load it must
cover is estimated from per-capita demands [I] (water m³/day, peak power kW).
"""

from __future__ import annotations

import numpy as np

from cim.report.numbers import number, short
from cim.tod.params import TodParams

CHECKS = (("pop_density_pph", "pop_density_pph", "residents/ha", "mật độ dân cư"),
          ("job_density_jph", "job_density_jph", "jobs/ha", "mật độ việc làm"),
          ("far_gross", "far_gross", "FAR (gross)", "hệ số sử dụng đất gộp"))


def capacity_flags(indicators, params: TodParams | None = None):
    """One row per indicator row: the value, limit and over-flag of each density, the estimated demand,
    ``needs_capacity_check`` and a bilingual message naming what exceeds."""
    import pandas as pd

    p = params or TodParams()
    cap = p.capacity
    t = indicators
    out = pd.DataFrame({c: t[c].to_numpy() for c in ("station_id", "name", "kind", "radius_m")})
    over_any = np.zeros(len(t), dtype=bool)
    reasons_en: list[list[str]] = [[] for _ in range(len(t))]
    reasons_vi: list[list[str]] = [[] for _ in range(len(t))]
    for col, attr, unit, vi in CHECKS:
        v = t[col].to_numpy(dtype=float) if col in t.columns else np.full(len(t), np.nan)
        limit = float(getattr(cap, attr))
        over = np.isfinite(v) & (v > limit)
        out[col], out[f"{col}_limit"], out[f"{col}_over"] = v, limit, over
        over_any |= over
        for r in np.flatnonzero(over):
            reasons_en[r].append(f"{unit} {v[r]:.1f} > {limit:g}")
            reasons_vi[r].append(f"{vi} {number(v[r], 1)} > {short(limit)}")      # 251,3 > 250
    pop = np.nan_to_num(t["population"].to_numpy(dtype=float)) if "population" in t.columns else 0.0
    jobs = np.nan_to_num(t["jobs"].to_numpy(dtype=float)) if "jobs" in t.columns else 0.0
    out["water_demand_m3_day"] = (pop * cap.water_l_per_person_day + jobs * cap.water_l_per_job_day) / 1000.0
    out["power_demand_kw"] = pop * cap.power_kw_per_person + jobs * cap.power_kw_per_job
    out["needs_capacity_check"] = over_any
    out["message_en"] = ["above the QCVN-like defaults (" + ", ".join(r) + "): check water, drainage, power and "
                         "traffic capacity" if r else "" for r in reasons_en]
    out["message_vi"] = ["vượt ngưỡng tham chiếu QCVN (" + ", ".join(r) + "): cần kiểm tra khả năng đáp ứng hạ "
                         "tầng (cấp nước, thoát nước, điện, giao thông)" if r else "" for r in reasons_vi]
    return out
