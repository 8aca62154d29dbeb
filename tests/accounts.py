"""Accounts for test fixtures, written as HQ's feed writes them (no signed-in supervisor).

Why not `services.officers.add_officer`: that is a supervisor's act, checked in the service
(tests/services/test_officers.py shows it); a fixture needs accounts in place before any test
of what those accounts may do.
"""

from __future__ import annotations

import os
from pathlib import Path

from parcelbench.domain.pins import hash_pin
from parcelbench.domain.records import Officer, Role
from parcelbench.store import Store
from parcelbench.store.officers import save_officer


def account(store: Store, badge: str, name: str, role: Role | str, pin: str) -> Officer:
    officer = Officer(badge.strip().upper(), name, Role(role), hash_pin(pin))
    save_officer(store, officer, actor="test")
    return officer


def pin_file(folder: Path, pin: str) -> Path:
    """A file holding `pin` on its first line, readable by its owner only (`--pin-file`)."""
    path = folder / f"pin-{pin}.txt"
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(pin + "\n")
    return path
