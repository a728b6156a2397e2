"""The merge report: what was linked, with which IoU, and every conflict (with a zoom box)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

CONFLICT_KINDS = ("footprint_mismatch", "offset", "height_disagreement", "duplicate", "unmatched_ifc",
                  "unmatched_gis")


@dataclass
class MergeLink:
    ifc_guid: str
    gis_cim_id: str
    iou: float
    ifc_height_m: float | None = None
    gis_height_m: float | None = None
    provenance: str = ""


@dataclass
class MergeConflict:
    kind: str
    ifc_guid: str = ""
    gis_cim_id: str = ""
    en: str = ""
    vi: str = ""
    iou: float | None = None
    distance_m: float | None = None
    bbox: tuple[float, float, float, float] | None = None   # zoom-to-conflict, project CRS


@dataclass
class MergeReport:
    ifc_layer: str
    gis_layer: str
    min_iou: float
    links: list[MergeLink] = field(default_factory=list)
    conflicts: list[MergeConflict] = field(default_factory=list)

    def conflicts_of(self, kind: str) -> list[MergeConflict]:
        return [c for c in self.conflicts if c.kind == kind]

    def summary(self) -> dict:
        counts = {k: len(self.conflicts_of(k)) for k in CONFLICT_KINDS}
        return {"links": len(self.links), "conflicts": len(self.conflicts), **counts}

    def to_dict(self) -> dict:
        return {"ifc_layer": self.ifc_layer, "gis_layer": self.gis_layer, "min_iou": self.min_iou,
                "summary": self.summary(), "links": [asdict(x) for x in self.links],
                "conflicts": [asdict(x) for x in self.conflicts]}

    def to_json(self, path: str | Path | None = None) -> str:
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2, default=float)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    @classmethod
    def from_dict(cls, d: dict) -> MergeReport:
        return cls(d["ifc_layer"], d["gis_layer"], d["min_iou"], [MergeLink(**x) for x in d["links"]],
                   [MergeConflict(**{**x, "bbox": tuple(x["bbox"]) if x.get("bbox") else None})
                    for x in d["conflicts"]])
