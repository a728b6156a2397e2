"""Plan revision review (seed 001: "lập, điều chỉnh" quy hoạch): compare a plan with its approved earlier
version — features matched by ``cim_id`` and, where ids differ, by geometry (IoU for polygons, distance
for points and lines); plots added/removed/changed with attribute diffs, network and smart-element
changes, check-verdict changes; a result layer, an HTML/PDF report and ``cimstudio diff-plan``.

- :mod:`cim.revision.matching` one-to-one feature matching (vectorised, STRtree)
- :mod:`cim.revision.diff`     the plan diff
- :mod:`cim.revision.inputs`   load a plan from a project file or a verified package
- :mod:`cim.revision.report`   HTML/PDF report with a change map
"""
