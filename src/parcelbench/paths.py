"""Where the workstation's database lives: `--db`, then `PARCELBENCH_DB`, then the data folder.

The data folder is the user's (platformdirs) unless `PARCELBENCH_DATA_DIR` names another: a
per-machine install (installer/windows) sets it to one folder outside Program Files that every
officer's account on the bench PC shares, so the bench has one evidence database, not one per
Windows user.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "ParcelBench"
DB_ENV = "PARCELBENCH_DB"
DATA_DIR_ENV = "PARCELBENCH_DATA_DIR"


def data_dir() -> Path:
    """The folder of the database, its photos and logs: `$PARCELBENCH_DATA_DIR`, else the
    user's data folder."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "parcelbench.sqlite"


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database to use: an explicit path wins, then the environment, then the default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return default_db_path()
