"""Run an IDS 1.0 file against IFC models with ifctester and turn failures into findings
(:class:`cim.findings.Finding`, code ``IDS``; ``extra`` holds the specification and the IFC element)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from cim.errors import CimInputError
from cim.feedback import Feedback
from cim.findings import Finding
from cim.text import Text

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "ids"


def shipped_ids(name: str = "smart_building_decree269.ids") -> Path:
    """A shipped IDS file (``resources/ids/``)."""
    return SHIPPED / name


def ids_finding(severity: str, spec: str, title_vi: str, reason: str, ifc_file: str, ifc_guid: str = "",
                ifc_class: str = "", element_name: str = "") -> Finding:
    """One failed requirement (on one element, when ``ifc_guid`` names it) as a Finding."""
    why = f" — {reason}" if reason else ""
    return Finding(severity, "IDS", Text(title_vi + why, f"IDS: {spec}{why}"), (ifc_guid,) if ifc_guid else (),
                   ifc_file, extra={"specification": spec, "ifc_guid": ifc_guid, "ifc_class": ifc_class,
                                    "element_name": element_name, "reason": reason})


@dataclass
class SpecResult:
    name: str
    passed: bool
    applicable: int
    failed: int
    required: bool


@dataclass
class IdsResult:
    ids_file: str
    ifc_file: str
    specifications: list[SpecResult] = field(default_factory=list)
    issues: list[Finding] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(s.passed for s in self.specifications)

    def to_dict(self) -> dict:
        return {"ids_file": self.ids_file, "ifc_file": self.ifc_file, "passed": self.passed,
                "specifications": [asdict(s) for s in self.specifications],
                "issues": [i.to_dict() for i in self.issues]}


def load_ids(path: str | Path, *, validate: bool = True):
    """Open an IDS file; an invalid one raises :class:`CimInputError` naming the XSD problem."""
    from ifctester import ids

    path = Path(path)
    if not path.is_file():
        raise CimInputError(path, "the IDS file does not exist")
    try:
        return ids.open(str(path), validate=validate)
    except Exception as exc:  # XMLSchemaValidationError, ParseError …
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CimInputError(path, f"not a valid IDS 1.0 file: {msg} / tệp IDS không hợp lệ",
                            hint="check it against the IDS 1.0 XSD") from exc


def check_ids(ifc, ids_doc, *, ifc_file: str = "", ids_file: str = "", feedback: Feedback | None = None) -> IdsResult:
    """Validate ``ifc`` (an ``ifcopenshell.file``) against ``ids_doc`` (from :func:`load_ids`)."""
    feedback = feedback or Feedback()
    ids_doc.validate(ifc)
    result = IdsResult(ids_file, ifc_file)
    for spec in ids_doc.specifications:
        required = spec.minOccurs != 0
        result.specifications.append(SpecResult(spec.name, bool(spec.status), len(spec.applicable_entities),
                                                len(spec.failed_entities), required))
        severity = "E" if required else "W"
        for facet in spec.requirements:
            for failure in facet.failures:
                el = failure["element"] if isinstance(failure, dict) else failure.element
                reason = failure["reason"] if isinstance(failure, dict) else failure.reason
                result.issues.append(ids_finding(
                    severity, spec.name, f"IDS: {spec.name} (yêu cầu thông tin không đạt)", str(reason), ifc_file,
                    getattr(el, "GlobalId", "") or "", el.is_a(), getattr(el, "Name", "") or ""))
        if not spec.status and not spec.failed_entities:
            what = "no element is applicable" if required else "a prohibited element is present"
            result.issues.append(ids_finding(severity, spec.name, f"IDS: {spec.name}", what, ifc_file))
    feedback.set_progress(1.0)
    return result


NOT_CHECKED = ("the IDS check was not run", "chưa kiểm tra IDS được")


def _check_file_here(path: str | Path, ids_path: str, *, ifc_file: str = "",
                     feedback: Feedback | None = None) -> IdsResult:
    """(runs in the child process) open ``path``, check it against ``ids_path``; a picklable result."""
    from cim.ifc.opening import open_ifc

    src = open_ifc(path)
    return check_ids(src.file, load_ids(ids_path), ifc_file=ifc_file or str(path), ids_file=str(ids_path),
                     feedback=feedback)


def check_ifc_file(path: str | Path, ids_path: str | Path, *, ifc_file: str = "",
                   feedback: Feedback | None = None) -> IdsResult:
    """Check one IFC file against an IDS file. The IFC is parsed and checked in a child process with the
    IFC time and memory limits (:mod:`cim.ifc.isolated`): a file that crashes ifcopenshell natively or
    hangs is one :class:`CimInputError` naming it."""
    from cim.ifc.isolated import run_isolated

    return run_isolated("cim.ids.check:_check_file_here", path, str(ids_path), ifc_file=ifc_file,
                        feedback=feedback, outcome=NOT_CHECKED)


def check_project_ids(project, ids_path: str | Path, *, feedback: Feedback | None = None) -> list[IdsResult]:
    """Check every IFC layer of ``project`` (each model in a child process, :func:`check_ifc_file`); findings
    name the CIM object (``cim_id``) of the element's building first when the merge linked it, then the
    element's GUID, and carry the IFC layer id."""
    feedback = feedback or Feedback()
    load_ids(ids_path)        # a bad IDS file is reported before any model is read
    layers = [r for r in project.ordered_layers() if r.kind == "ifc"]
    results = []
    for k, rec in enumerate(layers):
        feedback.raise_if_canceled("IDS check")
        model = rec.data
        with feedback.step(k / len(layers), (k + 1) / len(layers)):
            res = check_ifc_file(model.path, ids_path, ifc_file=model.path, feedback=feedback)
        b = model.buildings
        cim_of_bldg = dict(zip(b["ifc_guid"], b["cim_id"])) if "cim_id" in b.columns else {}
        bldg_of_el = {e["guid"]: e.get("building_guid", "") for e in model.elements}
        for n, issue in enumerate(res.issues):
            guid = issue.extra["ifc_guid"]
            cim = str(cim_of_bldg.get(guid if guid in cim_of_bldg else bldg_of_el.get(guid, ""), "") or "")
            res.issues[n] = replace(issue, objects=((cim,) if cim else ()) + issue.objects, layer_id=rec.id)
        results.append(res)
        feedback.set_progress((k + 1) / len(layers))
    return results
