"""Printed map sheets (A4–A0, PDF or PNG) composed from the core's sheet geometry and drawn with
matplotlib, Qt-free, so the CLI and the GUI's print dialog produce the same sheet from one renderer."""
