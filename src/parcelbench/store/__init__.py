"""The workstation's SQLite store. No SQL is written anywhere else in ParcelBench."""

from parcelbench.store.db import NoDatabase, Store, StoreError
from parcelbench.store.paths import default_db_path, resolve_db_path

__all__ = ["NoDatabase", "Store", "StoreError", "default_db_path", "resolve_db_path"]
