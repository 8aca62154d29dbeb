"""Every string an officer reads goes through Qt's translation (a pseudo-translation shows it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from parcelbench.ui.main_window import MainWindow
from tests.ui.conftest import burst, log_in


class Brackets(QTranslator):
    """Wraps every translated text in ⟪ ⟫: what did not go through tr() stays bare."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return f"⟪{source}⟫"

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def pseudo() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = Brackets()
    assert app.installTranslator(translator)
    yield
    app.removeTranslator(translator)


def test_the_bench_window_speaks_through_tr(qtbot: QtBot, db: Path, pseudo: None) -> None:
    win = MainWindow(db, facility="Test IMF")
    qtbot.addWidget(win)
    win.show()
    try:
        assert win.windowTitle().startswith("⟪ParcelBench")
        log_in(qtbot, win)
        qtbot.waitUntil(lambda: win.officer is not None, timeout=10_000)
        with qtbot.waitSignal(win.parcel_shown, timeout=10_000):
            win.wedge.scanned.emit(burst("LX123456785CN"))
        qtbot.waitUntil(lambda: win.status_label.text() != "", timeout=10_000)
        texts = {
            "title": win.windowTitle(),
            "status": win.status_label.text(),
            "aed": win.card.aed_label.text(),
            "parties": win.card.parties.text(),
            "menus": " ".join(a.text() for a in win.menuBar().actions()),
        }
        assert "⟪DETAIN⟫⟪ · score" in win.card.banner.text()  # icon, word and score
        for name, text in texts.items():
            assert text.strip().startswith("⟪"), (name, text)
        for button in win.findChildren(QPushButton):
            if button.isVisible() and button.text():
                assert "⟪" in button.text(), button.text()
    finally:
        win.shutdown()
