"""`python grab_screen.py OUT.png`: save the X screen named by $DISPLAY (QT_QPA_PLATFORM=xcb)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QGuiApplication

if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    screen = app.primaryScreen()
    if not screen.grabWindow(0).save(sys.argv[1]):
        sys.exit(f"cannot save {sys.argv[1]}")
