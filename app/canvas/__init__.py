"""The 2D map canvas: rendering jobs off the UI thread, navigation and editing tools."""
