"""The study inputs of the TOD panel: corridor layer and line, station layer and a checklist of its
stations (in corridor order, with chainage), plot and road layers, walk and bicycle radii."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from layers.kinds import table_layers
from plugins.builtin.tod._qt.jobs import StudySpec
from plugins.gui import tr as _t

POINTS, LINES, POLYGONS = ("Point", "MultiPoint"), ("LineString", "MultiLineString"), ("Polygon", "MultiPolygon")



def _geom_types(rec) -> set:
    data = rec.data
    return set(data.geometry.iloc[:200].dropna().geom_type.unique().tolist()) if len(data) else set()


def candidates(project, kinds: tuple[str, ...], names: tuple[str, ...], types: tuple[str, ...]) -> tuple[list, list]:
    """(layers of the kind, other possible layers) — chosen by kind as the CLI does: a layer whose kind is
    one of ``kinds`` (or, without a kind, whose table is one of ``names``) comes first in that order; a
    layer without a kind but of the right geometry may be chosen by hand; a layer of another kind (plots
    as stations) never is."""
    recs = [r for r in table_layers(project) if _geom_types(r) & set(types)]
    rank = {k: i for i, k in enumerate(kinds)}
    first = sorted([r for r in recs if r.object_kind in rank], key=lambda r: rank[r.object_kind])
    named = [r for r in recs if r.object_kind is None and r.name in names]
    others = [r for r in recs if r.object_kind is None and r not in named]
    return first + named, others


class InputProblem(ValueError):
    """A study that cannot run as set up; the text is translated and says what to do."""


def chainage_text(m: float) -> str:
    """Vietnamese chainage notation: 1 234 m → Km1+234."""
    km, rest = divmod(int(round(m)), 1000)
    return f"Km{km}+{rest:03d}"


class StudyInputs(QWidget):
    changed = Signal()

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.corridor = QComboBox(objectName="tod_corridor_layer")
        self.corridor_line = QComboBox(objectName="tod_corridor_line")
        self.stations_layer = QComboBox(objectName="tod_station_layer")
        self.plots = QComboBox(objectName="tod_plot_layer")
        self.roads = QComboBox(objectName="tod_road_layer")
        for combo in (self.corridor, self.corridor_line, self.stations_layer, self.plots, self.roads):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        self.station_list = QListWidget(objectName="tod_stations")
        self.station_list.setMinimumHeight(96)      # five stations without scrolling
        self.radii = QLineEdit("400, 800, 1000", objectName="tod_radii")
        self.bike_radii = QLineEdit("1000, 2000, 3000", objectName="tod_bike_radii")
        self.radii.setToolTip(_t("TodPanel", "Walking distances in metres, separated by commas"))
        self.bike_radii.setToolTip(_t("TodPanel", "Cycling distances in metres; leave empty to skip"))
        self.status = QLabel(objectName="tod_inputs_status")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #8a4b00;")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)      # labels above the fields when docked narrow
        form.addRow(_t("TodPanel", "Corridor layer"), self.corridor)
        form.addRow(_t("TodPanel", "Corridor line"), self.corridor_line)
        form.addRow(_t("TodPanel", "Station layer"), self.stations_layer)
        form.addRow(_t("TodPanel", "Stations"), self.station_list)
        form.addRow(_t("TodPanel", "Plot layer"), self.plots)
        form.addRow(_t("TodPanel", "Pedestrian network"), self.roads)
        form.addRow(_t("TodPanel", "Walk radii (m)"), self.radii)
        form.addRow(_t("TodPanel", "Bicycle radii (m)"), self.bike_radii)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(form)
        lay.addWidget(self.status)
        self.corridor.currentIndexChanged.connect(self._corridor_changed)
        self.corridor_line.currentIndexChanged.connect(self._fill_stations)
        self.stations_layer.currentIndexChanged.connect(self._fill_stations)
        for w in (self.plots, self.roads):
            w.currentIndexChanged.connect(self.changed)
        self.station_list.itemChanged.connect(self.changed)
        self.refresh()

    # filling ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the project's layers, keeping the user's choices where they still exist."""
        p = self.session.project
        self._fill(self.corridor, candidates(p, ("corridor", "rail"), ("corridors", "rail"), LINES),
                   _t("TodPanel", "(no line layer: stations in layer order)"))
        self._fill(self.stations_layer, candidates(p, ("station",), ("stations",), POINTS + POLYGONS),
                   _t("TodPanel", "(no station layer)"))
        self._fill(self.plots, candidates(p, ("plot",), ("plots",), POLYGONS), _t("TodPanel", "(no plot layer)"))
        self._fill(self.roads, candidates(p, ("road",), ("roads",), LINES), _t("TodPanel", "(no road layer)"))
        self._corridor_changed()

    def _fill(self, combo: QComboBox, found: tuple[list, list], empty: str) -> None:
        """Layers of the kind first; without one, the "missing" entry is chosen and untyped layers of the
        right geometry follow it for the user to pick on purpose."""
        from cim.project.display_names import layer_label
        from plugins.gui import ui_language

        preferred, others = found
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        if not preferred:
            combo.addItem(empty, None)
        for r in [*preferred, *others]:
            combo.addItem(layer_label(r, ui_language()), r.id)
            combo.setItemData(combo.count() - 1, r.name, Qt.ToolTipRole)
        i = combo.findData(keep) if keep is not None else -1
        combo.setCurrentIndex(max(i, 0))
        combo.setEnabled(combo.count() > 1 or bool(preferred))
        combo.blockSignals(False)

    def _corridor_changed(self, *_a) -> None:
        lid = self.corridor.currentData()
        keep = self.corridor_line.currentData()
        self.corridor_line.blockSignals(True)
        self.corridor_line.clear()
        self.corridor_line.addItem(_t("TodPanel", "All lines"), None)
        rec = self.session.project.layers.get(lid) if lid else None
        if rec is not None:
            names = rec.data["name"].astype(str) if "name" in rec.data.columns else None
            for fid in rec.data.index:
                label = f"{names.loc[fid]} (#{fid})" if names is not None else f"#{fid}"
                self.corridor_line.addItem(label, int(fid))
        i = self.corridor_line.findData(keep) if keep is not None else 0
        self.corridor_line.setCurrentIndex(max(i, 0))
        self.corridor_line.setEnabled(self.corridor_line.count() > 2)
        self.corridor_line.blockSignals(False)
        self._fill_stations()

    def _corridor_fids(self):
        fid = self.corridor_line.currentData()
        return None if fid is None else (int(fid),)

    def _fill_stations(self, *_a) -> None:
        from cim.errors import CimError
        from cim.tod.stations import station_table

        p = self.session.project
        unticked = {self.station_list.item(i).data(Qt.UserRole) for i in range(self.station_list.count())
                    if self.station_list.item(i).checkState() != Qt.Checked}
        self.station_list.blockSignals(True)
        self.station_list.clear()
        self.status.clear()
        st = p.layers.get(self.stations_layer.currentData() or "")
        if st is None:
            self.status.setText(_t("TodPanel", "This project has no station layer: import the stations "
                                               "or draw them on the corridor, then run the study."))
        else:
            cor = p.layers.get(self.corridor.currentData() or "")
            cdata = cor.data if cor is not None else None
            fids = self._corridor_fids()
            if cdata is not None and fids is not None:
                cdata = cdata[cdata.index.isin(fids)]
            try:
                table = station_table(st.data, corridor=cdata, path=p.path, layer=st.name).stations
            except CimError as exc:
                self.status.setText(str(exc))
                table = None
            for row in (table.itertuples(index=False) if table is not None else ()):
                where = f" — {chainage_text(row.chainage_m)}" if row.chainage_m == row.chainage_m else ""
                item = QListWidgetItem(f"{row.name}{where}")
                item.setData(Qt.UserRole, row.station_id)
                item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Unchecked if row.station_id in unticked else Qt.Checked)
                self.station_list.addItem(item)
        self.station_list.blockSignals(False)
        self.changed.emit()

    # reading -------------------------------------------------------------------
    def ticked_station_ids(self) -> list[str]:
        return [self.station_list.item(i).data(Qt.UserRole) for i in range(self.station_list.count())
                if self.station_list.item(i).checkState() == Qt.Checked]

    def set_ticked(self, station_ids) -> None:
        ids = set(station_ids)
        for i in range(self.station_list.count()):
            it = self.station_list.item(i)
            it.setCheckState(Qt.Checked if it.data(Qt.UserRole) in ids else Qt.Unchecked)

    def spec(self) -> StudySpec:
        """The study the user set up; raises :class:`InputProblem` (translated) when it cannot run."""
        from cim.errors import CimInputError
        from cim.tod.params import parse_radii

        if self.stations_layer.currentData() is None:
            raise InputProblem(_t("TodPanel", "This project has no station layer: import the stations "
                                              "or draw them on the corridor, then run the study."))
        ticked = self.ticked_station_ids()
        if not ticked:
            raise InputProblem(_t("TodPanel", "No station is ticked: tick at least one station to study."))
        try:
            radii = parse_radii(self.radii.text())
        except CimInputError:
            raise InputProblem(_t("TodPanel", "Walk radii must be positive distances in metres separated by "
                                              "commas, e.g. 400, 800, 1000.")) from None
        bike = self.bike_radii.text().strip()
        try:
            bike_radii = parse_radii(bike) if bike else ()
        except CimInputError:
            raise InputProblem(_t("TodPanel", "Bicycle radii must be positive distances in metres separated "
                                              "by commas, e.g. 1000, 2000, 3000, or empty.")) from None
        return StudySpec(stations=self.stations_layer.currentData(), corridor=self.corridor.currentData(),
                         corridor_fids=self._corridor_fids(), plots=self.plots.currentData(),
                         roads=self.roads.currentData(),
                         station_ids=None if len(ticked) == self.station_list.count() else tuple(ticked),
                         radii=radii, bike_radii=bike_radii)
