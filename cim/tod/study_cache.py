"""The TOD study of a check run, kept in parts between incremental re-checks (issue 17).

Each part lives in the check run's :class:`~cim.checks.context.RunCache` under a key naming the layers
it read, so an edit of one of them drops it (``drop_layer``) and an edit of another leaves it alone:

- stations, street network and catchments: the station, entrance, corridor/rail and road layers; their
  parts per station are also kept under the station layers alone, so after a road edit only the stations
  near the streets that changed are searched again (:func:`cim.tod.catchments.redo_near`), and the plot
  overlay and the buildings are redone only for the catchments whose polygon changed;
- the plot overlay (catchment × plot pairs and the share of each plot inside): the plot layer and
  the catchments. An edit of some plots *patches* it: their pairs are removed and overlaid again, the
  pairs re-sorted (catchment, row) so every sum adds in the order of a fresh run;
- buildings inside each catchment: the building and IFC layers and the catchments;
- the plots near the stations (the access region): a mask patched for the edited plots;
- walking access to parks/schools/health: kept across plot edits, reused while the destination plots
  (the same rows, with the very same geometry objects) and the building points are the same;
- what the street network gives each catchment (intersections, blocks): the catchment layers;
- intermodal and smart elements inside each catchment: the element layers and the catchments.

The indicators, scorecard and capacity flags are then recomputed from these parts (cheap aggregates),
so a re-check after a plot edit gives exactly the study a full run gives.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np

from cim.tod.overlay import Direct, polygon_overlay

#: layer kinds the stations, network and catchments are read from
CATCHMENT_KINDS = ("station", "station_entrance", "corridor", "rail", "road")


@dataclass
class _Pairs:
    catch: np.ndarray              # the catchment polygons the pairs were made with (identity checked)
    ci: np.ndarray
    rows: np.ndarray
    share: np.ndarray
    n: int                         # rows of the plot layer
    dirty: set = field(default_factory=set)


def _changed_objects(a: np.ndarray, b: np.ndarray) -> np.ndarray | None:
    """Positions where ``b`` holds another object than ``a`` (None: not the same length)."""
    if len(a) != len(b):
        return None
    return np.flatnonzero([x is not y for x, y in zip(a.tolist(), b.tolist(), strict=True)]).astype(np.int64)


class StudyMemo(Direct):
    """:class:`~cim.tod.overlay.Direct` whose results are kept in a run cache (see the module doc)."""

    def __init__(self, cache, project, params) -> None:
        from cim.checks.context import _kind_of

        self.cache = cache
        self.project = project
        self.params = params
        self.tag = json.dumps(params.to_dict(), sort_keys=True, default=str)
        groups: dict[str, list[str]] = {"catch": [], "building": [], "element": [], "station": []}
        for rec in project.ordered_layers():
            kind = "ifc" if rec.kind == "ifc" else _kind_of(rec)[0] if rec.kind == "vector" else None
            if kind in CATCHMENT_KINDS:
                groups["catch"].append(rec.id)
                if kind != "road":
                    groups["station"].append(rec.id)
            elif kind in ("building", "ifc"):
                groups["building"].append(rec.id)
            elif kind == "smart_element":
                groups["element"].append(rec.id)
        self.catch_lids, self.bld_lids, self.elem_lids = groups["catch"], groups["building"], groups["element"]
        self.station_lids = groups["station"]       # the catchment layers but the roads
        self.plot_lid: str | None = None

    # ------------------------------------------------------------------ stations and catchments
    def catchments(self, feedback=None):
        """(StationSet, street network, Catchments), built once while their layers are unchanged. After
        an edit of the roads (a row moved, added or removed) the network is built again and only the
        stations near the edges that changed are searched again (:func:`cim.tod.catchments.redo_near`):
        the parts are kept under a key that names the station layers, not the roads."""
        def make():
            from cim.tod.catchments import assemble_catchments, catchment_parts, changed_edges, redo_near
            from cim.tod.study import project_inputs, road_network

            kept = self.cache.data.get(parts_key)
            if kept is None:
                stations, data = project_inputs(self.project, feedback=feedback)
                net, parts = data.net, catchment_parts(stations, data.net, self.params, feedback=feedback)
            else:
                stations, old, parts = kept
                net = road_network(self.project, feedback=feedback)
                if old is None or net is None:
                    parts = catchment_parts(stations, net, self.params, feedback=feedback)
                else:
                    parts = redo_near(parts, stations, net, changed_edges(old, net), self.params,
                                      feedback=feedback)
            self.cache.data[parts_key] = (stations, net, parts)
            return stations, net, assemble_catchments(parts)
        parts_key = ("tod_catchment_parts", *self.station_lids, self.tag)
        return self.cache.get(("tod_catchments", *self.catch_lids, self.tag), make)

    def bind(self, data) -> None:
        """Name the plot layer the study reads (``data.plots`` is that layer's frame)."""
        from cim.checks.context import _keep

        self.plot_lid = next((r.id for r in self.project.layers.values()
                              if data.plots is not None and r.data is data.plots), None)
        if self.plot_lid is not None:      # the fids an edit is patched against (else it drops all)
            self.cache.get(("fids", self.plot_lid), lambda: data.plots.index.to_numpy(), patch=_keep)

    # ------------------------------------------------------------------ overlays
    def bounds(self, frame) -> np.ndarray:
        from cim.checks.context import _patch_bounds

        if not self._is_plots(frame):
            return super().bounds(frame)
        return self.cache.get(("bounds", self.plot_lid), lambda: super(StudyMemo, self).bounds(frame),
                              patch=_patch_bounds)

    def plot_pairs(self, catch, boxes, plots) -> tuple:
        if self.plot_lid is None:
            return super().plot_pairs(catch, boxes, plots)
        # the key does not name the roads: a road edit changes some catchments, found by identity below
        key = ("tod_plot_pairs", self.plot_lid, *self.station_lids, self.tag)
        entry = self.cache.data.get(key)
        redo = _changed_objects(entry.catch, catch) if entry is not None and entry.n == len(plots) else None
        if redo is not None and len(redo) and len(redo) < len(catch):
            self._redo_catchments(entry, redo, catch, boxes, plots)
        if redo is None or len(redo) == len(catch) and len(catch):
            ci, rows, share = super().plot_pairs(catch, boxes, plots)
            entry = _Pairs(catch, ci, rows, share, len(plots))
            lid = self.plot_lid

            def patch(e, rec, pos):        # lazily: the changed rows are overlaid again on next use
                if rec.id != lid:
                    return None
                e.dirty.update(int(p) for p in pos)
                return e
            self.cache.data[key], self.cache.patchers[key] = entry, patch
        elif entry.dirty:
            pos = np.array(sorted(entry.dirty), dtype=np.int64)
            keep = ~np.isin(entry.rows, pos)
            ci, gi, share = polygon_overlay(catch, np.asarray(plots.geometry.values[pos], dtype=object))
            self._merge(entry, keep, ci, pos[gi], share)
            entry.dirty = set()
        return entry.ci, entry.rows, entry.share

    def _redo_catchments(self, entry: _Pairs, redo: np.ndarray, catch, boxes, plots) -> None:
        """Overlay the changed catchments ``redo`` (positions) with every plot near them again."""
        import shapely

        from cim.tod.overlay import box_mask

        cand = np.flatnonzero(box_mask(self.bounds(plots), shapely.bounds(catch[redo])))
        ci, gi, share = polygon_overlay(catch[redo], np.asarray(plots.geometry.values[cand], dtype=object))
        self._merge(entry, ~np.isin(entry.ci, redo), redo[ci], cand[gi], share)
        entry.catch = catch

    @staticmethod
    def _merge(entry: _Pairs, keep, ci, rows, share) -> None:
        """The kept pairs ``keep`` and new ones, sorted (catchment, row) as a fresh overlay gives them."""
        ci, rows, share = np.r_[entry.ci[keep], ci], np.r_[entry.rows[keep], rows], np.r_[entry.share[keep], share]
        order = np.lexsort((rows, ci))
        entry.ci, entry.rows, entry.share = ci[order], rows[order], share[order]

    def buildings(self, catch, boxes, buildings) -> tuple:
        """Kept while the building layers are unchanged; after a road edit only the catchments that changed
        (other polygon objects) look for their buildings again, if the station boxes are the same."""
        key = ("tod_buildings", *self.bld_lids, *self.station_lids, self.tag)
        kept = self.cache.data.get(key)
        if kept is not None and not np.array_equal(kept[1], boxes):     # other boxes, the same buildings?
            from cim.tod.overlay import building_candidates

            if not np.array_equal(building_candidates(buildings, boxes)[2], kept[3]):
                kept = None
        redo = _changed_objects(kept[0], catch) if kept is not None else None
        if redo is None or len(redo) == len(catch) and len(catch):
            value = super().buildings(catch, boxes, buildings)
        elif len(redo):
            from cim.tod.overlay import points_in

            cxy, ci, bi, gfa, est = kept[2]
            nci, nbi = points_in(catch[redo], cxy)     # the same points (tree): each catchment's hits in order
            keep = ~np.isin(ci, redo)
            ci, bi = np.r_[ci[keep], redo[nci]], np.r_[bi[keep], nbi]
            order = np.argsort(ci, kind="stable")
            value = (cxy, ci[order], bi[order], gfa, est)
        else:
            value = kept[2]
        if kept is None:
            from cim.tod.overlay import building_candidates

            cand = building_candidates(buildings, boxes)[2]
        else:
            cand = kept[3]
        self.cache.data[key] = (catch, np.array(boxes, dtype=float), value, cand)
        return value

    def network(self, make):
        return self.cache.get(("tod_network", *self.catch_lids, self.tag), make)

    def elements(self, catch, boxes, elements) -> tuple:
        key = ("tod_elements", *self.elem_lids, *self.catch_lids, self.tag)
        return self.cache.get(key, lambda: super(StudyMemo, self).elements(catch, boxes, elements))

    def near_rows(self, frame, boxes) -> np.ndarray:
        if not self._is_plots(frame):
            return super().near_rows(frame, boxes)
        key = ("tod_near_plots", self.plot_lid, *self.catch_lids, self.tag)
        kept = self.cache.data.get(key)
        if kept is None or not np.array_equal(kept[0], boxes) or len(kept[1]) != len(frame):
            from cim.tod.overlay import box_mask

            mask = box_mask(self.bounds(frame), boxes)

            def patch(value, rec, pos):
                import shapely

                if rec.id != self.plot_lid:
                    return None
                geoms = np.asarray(rec.data.geometry.array[pos], dtype=object)
                value[1][pos] = box_mask(shapely.bounds(geoms), value[0])
                return value
            kept = self.cache.data[key] = (np.array(boxes, dtype=float), mask)
            self.cache.patchers[key] = patch
        return np.flatnonzero(kept[1])

    def access(self, net, xy, dest, rows=None, **kw) -> dict:
        if rows is None or self.plot_lid is None:
            return super().access(net, xy, dest, **kw)
        key = ("tod_access", self.plot_lid, *self.bld_lids, *self.catch_lids, self.tag)
        inputs = (np.array(xy, dtype=float), kw, {k: np.asarray(r) for k, r in rows.items()})
        kept = self.cache.data.get(key)
        if kept is not None and _same_access_inputs(kept[0], inputs) and _same_dest_geoms(kept, rows, dest):
            return kept[1]
        flags = super().access(net, xy, dest, reps=self._entry_points(dest), **kw)

        def patch(value, rec, pos):      # edited plots: their geometries are compared on next use
            if rec.id != self.plot_lid:
                return None
            value[2].update(int(p) for p in pos)
            return value
        self.cache.data[key], self.cache.patchers[key] = (inputs, flags, set(), dict(dest)), patch
        return flags

    def _entry_points(self, dest: dict) -> dict:
        """:func:`cim.tod.access.entry_points` of each destination, kept per polygon object (a road edit
        searches the walks again, the points inside the same polygons are the same)."""
        from cim.tod.access import entry_points

        kept = self.cache.data.setdefault(("tod_entry_points", self.tag), {})
        out = {}
        for name, geoms in dest.items():
            if geoms is None or not len(geoms):
                continue
            old = kept.get(name)
            redo = _changed_objects(old[0], geoms) if old is not None and len(old[1]) == len(old[0]) else None
            part = entry_points(geoms[redo]) if redo is not None and len(redo) else None
            if redo is None or part is not None and len(part) != len(redo):     # an empty polygon: no point
                rep = entry_points(geoms)
            else:
                rep = old[1].copy()
                if part is not None:
                    rep[redo] = part
            kept[name] = (geoms, rep)
            out[name] = rep
        return out

    def _is_plots(self, frame) -> bool:
        return self.plot_lid is not None and self.project.layers[self.plot_lid].data is frame


def _same_dest_geoms(kept, rows: dict, dest: dict) -> bool:
    """No destination plot edited since, or only its attributes: the very same geometry object (a cell
    edit leaves the geometry column alone; the kept arrays hold the old objects alive)."""
    edited = np.fromiter(kept[2], dtype=np.int64, count=len(kept[2]))
    if not len(edited):
        return True
    for name, r in rows.items():
        hit = np.flatnonzero(np.isin(r, edited))
        old, new = kept[3].get(name), dest.get(name)
        if len(hit) and (old is None or new is None or any(a is not b for a, b in zip(
                old[hit].tolist(), new[hit].tolist(), strict=True))):
            return False
    return True


def _same_access_inputs(a, b) -> bool:
    """Same building points, options and destination rows."""
    (xa, ka, ra), (xb, kb, rb) = a, b
    if xa.shape != xb.shape or not np.array_equal(xa, xb) or set(ka) != set(kb) or set(ra) != set(rb):
        return False
    for k in ka:
        va, vb = ka[k], kb[k]
        if isinstance(va, np.ndarray) or isinstance(vb, np.ndarray):
            if not (isinstance(va, np.ndarray) and isinstance(vb, np.ndarray) and np.array_equal(va, vb)):
                return False
        elif va != vb:
            return False
    return all(np.array_equal(ra[k], rb[k]) for k in ra)


def cached_check_study(project, params, cache, *, feedback=None):
    """:func:`cim.tod.checking.run_check_study` from the parts kept in ``cache``."""
    from cim.tod.checking import CheckStudy
    from cim.tod.study import project_inputs, run_study

    memo = StudyMemo(cache, project, params)
    stations, net, catch = memo.catchments(feedback)
    _, data = project_inputs(project, network=net, station_set=stations, feedback=feedback)
    memo.bind(data)
    return CheckStudy(run_study(stations, data, params, catchments=catch, own_catchments=True, memo=memo,
                                feedback=feedback), data)
