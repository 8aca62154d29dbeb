"""The workstation's SQLite store. No SQL is written anywhere else in ParcelBench."""

from parcelbench.paths import default_db_path, resolve_db_path
from parcelbench.store.db import (
    DATABASE_ERRORS,
    VALUE_ERRORS,
    DiskFull,
    NoDatabase,
    Store,
    StoreError,
)

__all__ = [
    "DATABASE_ERRORS",
    "VALUE_ERRORS",
    "DiskFull",
    "NoDatabase",
    "Store",
    "StoreError",
    "default_db_path",
    "resolve_db_path",
]
