"""The shared widget room: Qt scaffolding that the plugin panels and the app both use, as QGIS has ``gui``
between ``core`` and ``app``. Plugins may not import ``app``; what they would have copied from it lives here.

- :mod:`plugins.gui.text` — ``tr`` (import it as ``_t`` so pyside6-lupdate finds the strings),
  ``ui_language``, ``num``.
- :mod:`plugins.gui.widgets` — ``Panel`` (the base of a plugin's dock panel), buttons, a button grid that fits a docked width, a wrapping status label,
  a form, a result table and its filling, a path field with its Browse… button, line and text fields,
  a dialog's OK/Cancel.
- :mod:`plugins.gui.files` — the file pickers (open, open several, save, folder): a path or ``None``.

It imports Qt, ``cim`` and ``layers``; never ``app`` or a particular plugin (contracts in ``pyproject.toml``).
"""

from plugins.gui.files import choose_folder, open_file, open_files, save_file
from plugins.gui.text import num, tr, ui_language
from plugins.gui.widgets import (
    Panel,
    PathField,
    button,
    button_grid,
    fill_table,
    form_layout,
    line_edit,
    ok_cancel,
    path_field,
    raise_dock,
    result_table,
    row,
    status_label,
    text_box,
)

__all__ = ["Panel", "PathField", "button", "button_grid", "choose_folder", "fill_table", "form_layout", "line_edit", "num",
           "ok_cancel", "open_file", "open_files", "path_field", "raise_dock", "result_table", "row", "save_file", "status_label",
           "text_box", "tr", "ui_language"]
