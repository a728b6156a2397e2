"""Plugin panels: a [[panels]] contribution becomes a dock; a broken one is reported, not fatal."""

import pytest

pytestmark = pytest.mark.gui


class _Panel:
    def __init__(self, qualified_id, title="Thử", callable_="x:y"):
        from plugins.contributions import Text

        self.qualified_id, self.title, self.callable = qualified_id, Text("Bảng thử", "Test panel"), callable_


class _Registry:
    def __init__(self, factories):
        self.factories = factories

    def panels(self):
        return [_Panel(k) for k in self.factories]

    def resolve(self, panel):
        return self.factories[panel.qualified_id]


def test_a_contributed_panel_becomes_a_dock_and_a_broken_one_is_logged(qtbot):
    from PySide6.QtWidgets import QLabel

    from app.main_window import MainWindow
    from app.plugin_panels import add_plugin_panels

    window = MainWindow()
    qtbot.addWidget(window)
    messages = []
    window.session.message.connect(lambda level, text: messages.append((level, text)))

    def broken(_window):
        raise RuntimeError("hỏng")

    docks = add_plugin_panels(window, _Registry({"demo.ok": lambda w: QLabel("xin chào"), "demo.bad": broken}))
    assert [d.objectName() for d in docks] == ["dock_plugin_demo.ok"]
    assert docks[0].widget().text() == "xin chào"
    assert any(level == "warning" and "demo.bad" in text for level, text in messages)
