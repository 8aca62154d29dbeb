"""The bench's visual language: level words, icons and colours, type sizes, light and dark.

Why words + icons + colours together: officers include colour-blind people and screenshots go
to grey-scale printers; "▲ DETAIN" reads in any of them, red alone does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP

from parcelbench.domain.risk import Level, Severity


@dataclass(frozen=True, slots=True)
class LevelStyle:
    word: str  # English; shown through QCoreApplication.translate("Level", word)
    icon: str
    colour: str  # background of the banner
    ink: str  # text on that background


LEVELS: dict[Level, LevelStyle] = {
    Level.CLEAR: LevelStyle(QT_TRANSLATE_NOOP("Level", "CLEAR"), "✓", "#1e7d32", "#ffffff"),
    Level.EXAMINE: LevelStyle(QT_TRANSLATE_NOOP("Level", "EXAMINE"), "●", "#f2a900", "#1a1a1a"),
    Level.DETAIN: LevelStyle(QT_TRANSLATE_NOOP("Level", "DETAIN"), "▲", "#c62828", "#ffffff"),
}
MISSING_AED = LevelStyle(QT_TRANSLATE_NOOP("Level", "NO AED"), "■", "#6a1b9a", "#ffffff")
# A payload shaped like a parcel id that fails its rules (a wrong check digit), and a code that
# is no parcel id at all (an order number's QR): said as such, whether read or typed.
INVALID_ID = LevelStyle(QT_TRANSLATE_NOOP("Level", "INVALID ID"), "✕", "#424242", "#ffffff")
NOT_A_PARCEL_ID = LevelStyle(
    QT_TRANSLATE_NOOP("Level", "NOT A PARCEL ID"), "✕", "#424242", "#ffffff"
)

SEVERITY_COLOURS: dict[Severity, str] = {
    Severity.CRITICAL: "#b71c1c",
    Severity.HIGH: "#d84315",
    Severity.MEDIUM: "#ef6c00",
    Severity.LOW: "#5d4037",
    Severity.INFO: "#546e7a",
}
DARK_SEVERITY_COLOURS: dict[Severity, str] = {  # the same hues, light enough for #121212
    Severity.CRITICAL: "#ff8a80",
    Severity.HIGH: "#ffab91",
    Severity.MEDIUM: "#ffcc80",
    Severity.LOW: "#d7ccc8",
    Severity.INFO: "#b0bec5",
}
HIGHLIGHT = "#fff176"  # matched text in the contents table
HOLD_STATUS_COLOURS = {"outstanding": "#ffcdd2", "located": "#fff9c4", "examined": "#c8e6c9"}

BASE_PT = 11
LARGE_PT = 14


def stylesheet(*, dark: bool = False, large: bool = False) -> str:
    """The application style sheet (body size, entry feedback states, the big labels)."""
    body = LARGE_PT if large else BASE_PT
    bg, fg, panel = ("#121212", "#eeeeee", "#1e1e1e") if dark else ("#fafafa", "#111111", "#ffffff")
    muted = "#777777" if dark else "#9e9e9e"  # what cannot be used now (menus while locked)
    return f"""
    QWidget {{ font-size: {body}pt; color: {fg}; background: {bg}; }}
    QWidget:disabled, QMenuBar:disabled, QMenuBar::item:disabled {{ color: {muted}; }}
    QFrame#card, QTableView, QListWidget {{ background: {panel}; }}
    QLabel#parcelId {{ font-size: {body + 15}pt; font-weight: 600; }}
    QLabel#levelBanner {{ font-size: {body + 15}pt; font-weight: 700; padding: 6px 12px; }}
    QLabel#entryFeedback[state="invalid"] {{ color: #c62828; font-weight: 600; }}
    QLabel#entryFeedback[state="valid"] {{ color: #1e7d32; }}
    QPushButton {{ padding: 6px 10px; }}
    """
