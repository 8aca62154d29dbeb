"""How the user can run this program again, for the commands we suggest they type next.

Why: after `./run demo` the command is `.venv/bin/parcelbench`, not on PATH, so a suggested
`parcelbench aed show …` fails as written. We print `parcelbench` only when PATH finds this
same program, else the path it was started as (relative when it lies under the current folder).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

PROGRAM = "parcelbench"


def _as_typed(path: str) -> str:
    """`path` relative to the current folder when it lies inside it, else absolute; quoted."""
    full = Path(path).absolute()
    try:
        shown = full.relative_to(Path.cwd())
    except ValueError:
        return shlex.quote(str(full))
    text = str(shown)
    # a bare name would be looked up on PATH, not in this folder
    return shlex.quote(text if os.sep in text else f".{os.sep}{text}")


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _on_path_or_typed(path: str) -> str:
    """The bare name when PATH finds this very file under it, else the path as typed."""
    name = Path(path).name
    found = shutil.which(name)
    return name if found and _same_file(found, path) else _as_typed(path)


def command_name(argv0: str | None = None) -> str:
    """`parcelbench` when PATH finds this program, else the way it was started."""
    started = argv0 if argv0 is not None else sys.argv[0]
    if Path(started).name == "__main__.py":  # python -m parcelbench
        return f"{_on_path_or_typed(sys.executable)} -m {PROGRAM}"
    if not started or not Path(started).exists():
        return PROGRAM  # embedded: nothing better to offer
    return _on_path_or_typed(started)
