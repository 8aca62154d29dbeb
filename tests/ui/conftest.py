"""Window tests keep their preferences (QSettings) in a temporary folder, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> None:
    QCoreApplication.setOrganizationName("ParcelBench-tests")
    QCoreApplication.setApplicationName("ParcelBench")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(tmp_path / "settings"))
