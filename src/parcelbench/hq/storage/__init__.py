"""HQ's own database (SQLite or PostgreSQL): the only place in `parcelbench.hq` that holds SQL.

This is not the bench's store: it has its own schema and migrations, written once for both
engines, so moving HQ from one machine's SQLite file to a PostgreSQL server changes no code.
"""

from parcelbench.hq.storage import read_models  # registers the query tables' first fill
from parcelbench.hq.storage.db import Database, HqDbError, NoHqDatabase, open_database

__all__ = ["Database", "HqDbError", "NoHqDatabase", "open_database", "read_models"]
