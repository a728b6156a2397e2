"""The project document and its GeoPackage file. Heavy libraries load lazily."""

from cim.project.document import ROLES, Project
from cim.project.layer import LayerRecord, new_layer_id
from cim.project.metadata import PlanMetadata

__all__ = ["Project", "LayerRecord", "PlanMetadata", "ROLES", "new_layer_id"]
