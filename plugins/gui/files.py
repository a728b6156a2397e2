"""File pickers: each returns the chosen path as ``str`` (a list for several), or ``None`` when canceled."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog


def open_file(parent, title: str, file_filter: str = "", start: str = "") -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, start, file_filter)
    return path or None


def open_files(parent, title: str, file_filter: str = "", start: str = "") -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, start, file_filter)
    return list(paths)


def save_file(parent, title: str, suggested: str = "", file_filter: str = "") -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path or None


def choose_folder(parent, title: str, start: str = "") -> str | None:
    return QFileDialog.getExistingDirectory(parent, title, start) or None
