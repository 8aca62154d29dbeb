"""Outside text on the real window shows literally: no markup rendered, no order reversed.

A barcode or an AED field may hold ``<h1 style='color:green'>CLEAR</h1>``; a name may hold a
right-to-left override. The card must show the characters that were sent, never a formatted
"CLEAR", and never a name displayed in another order than it was written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from parcelbench.aed.importer import import_files
from parcelbench.aed.writers import write_jsonl
from parcelbench.services.holds import import_holds
from parcelbench.store import Store
from parcelbench.ui.main_window import MainWindow
from tests.accounts import account
from tests.conftest import make_item
from tests.ui.conftest import burst, log_in, sighting

HOSTILE = "<h1 style='color:green'>CLEAR</h1>"
BOLD = "<b>Boss</b>"
HOSTILE_ID = "RR287043775IN"
REVERSED = "\u202eyelsnarB"  # displays as "Bransley" reversed into place: an override


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A bench whose one parcel carries markup in every outside field, and a hold on it."""
    path = tmp_path / "bench.sqlite"
    item = make_item(item_id=HOSTILE_ID, comments=HOSTILE)
    item["sender"] = dict(item["sender"], name=HOSTILE, business=BOLD)
    item["addressee"] = dict(item["addressee"], name=f"{BOLD} {REVERSED}", street=HOSTILE)
    item["contents"] = [dict(item["contents"][0], description=f"{HOSTILE} fentanyl {BOLD}")]
    aed = tmp_path / "aed.jsonl"
    with aed.open("w", encoding="utf-8") as out:
        write_jsonl([item], out)
    holds = tmp_path / "holds.csv"
    holds.write_text(
        f'item_id,reason,source,targeted_on\n{HOSTILE_ID},"{BOLD} {HOSTILE}",HQ,2026-11-20\n',
        encoding="utf-8",
    )
    with Store(path) as store:
        assert not import_files(store, [aed]).refused
        account(store, "O1001", "Kim Nguyen", "officer", "40718253")
        boss = account(store, "S2001", "Sam Okafor", "supervisor", "63920574")
        import_holds(store, holds, boss)
    return path


def _rendered(label: QLabel) -> str:
    """What a label puts on screen, as characters."""
    if label.textFormat() == Qt.TextFormat.PlainText:
        return label.text()
    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText()


def _show(qtbot: QtBot, window: MainWindow, raw: str) -> None:
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    with qtbot.waitSignal(window.parcel_shown, timeout=10_000):
        window.wedge.scanned.emit(burst(raw))


def test_a_scanned_markup_payload_shows_as_its_characters(qtbot: QtBot, window: MainWindow) -> None:
    _show(qtbot, window, HOSTILE)
    card = window.card
    assert card.id_label.textFormat() == Qt.TextFormat.PlainText
    assert card.id_label.text() == HOSTILE
    assert "NOT A PARCEL ID" in card.banner.text()
    camera = window.camera
    camera._on_event(camera.generation, sighting(HOSTILE))  # the camera's own last-read line
    assert camera.last_read.textFormat() == Qt.TextFormat.PlainText
    assert "<h1" in camera.last_read.text()


def test_markup_in_aed_fields_and_a_hold_reason_shows_literally(
    qtbot: QtBot, window: MainWindow
) -> None:
    _show(qtbot, window, HOSTILE_ID)
    card = window.card
    assert "DETAIN" in card.banner.text()  # the fentanyl in the description still counts
    parties, flags = _rendered(card.parties), _rendered(card.flags)
    assert f"From {HOSTILE} ({BOLD})" in parties
    assert f"To {BOLD}" in parties and HOSTILE in parties
    assert f"{BOLD} {HOSTILE}" in flags  # the hold reason
    assert "TARGETED FOR EXAMINATION" in flags  # the fixed markup still renders as such
    assert "<b>TARGETED" not in flags
    description = card.contents.index(0, 0).data()
    assert description == f"{HOSTILE} fentanyl {BOLD}"
    tooltip = QTextDocument()
    tooltip.setHtml(card.contents.index(0, 0).data(Qt.ItemDataRole.ToolTipRole))
    assert tooltip.toPlainText().startswith("flagged: “")


def test_a_right_to_left_override_cannot_reorder_a_name(qtbot: QtBot, window: MainWindow) -> None:
    _show(qtbot, window, HOSTILE_ID)
    parties = _rendered(window.card.parties)
    assert "[RLO]yelsnarB" in parties
    assert "\u202e" not in parties
    flags = _rendered(window.card.flags)
    assert "Disguised letters or hidden direction controls" in flags
    assert "\u202e" not in flags


def test_no_label_on_the_card_is_rich_text_but_the_fixed_markup_ones(
    qtbot: QtBot, window: MainWindow
) -> None:
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.officer is not None, timeout=10_000)
    card = window.card
    for raw in (HOSTILE, HOSTILE_ID):  # a payload that is no id, then the hostile parcel
        with qtbot.waitSignal(window.parcel_shown, timeout=10_000):
            window.wedge.scanned.emit(burst(raw))
        for label in card.findChildren(QLabel):
            if label is card.flags or label is card.parties:
                assert label.textFormat() == Qt.TextFormat.RichText
                assert "<h1" not in label.text() and "<b>Boss" not in label.text()
            else:
                assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    fixed = (card.flags, card.parties)
    rich = [
        (label.objectName(), label.text()[:40])
        for label in window.findChildren(QLabel)  # the whole window, not only the card
        if label.textFormat() != Qt.TextFormat.PlainText
        and label not in fixed
        and label.buddy() is None  # a form's row title ("Badge"), made by QFormLayout
    ]
    assert rich == []
