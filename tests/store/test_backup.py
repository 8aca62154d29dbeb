"""A copy of a live bench database holds every committed row, WAL included, and is separate."""

from __future__ import annotations

from pathlib import Path

import pytest

from parcelbench.store import Store, StoreError
from parcelbench.store.backup import copy_database
from tests.accounts import account
from tests.conftest import dump


def test_the_copy_holds_what_was_committed_and_changes_nothing_of_the_original(
    tmp_path: Path,
) -> None:
    with Store(tmp_path / "bench.sqlite") as store:
        account(store, "O1001", "Kim Nguyen", "officer", "40718253")
        assert (tmp_path / "bench.sqlite-wal").stat().st_size > 0  # the row is in the WAL
        before = dump(store.path)
        copy = copy_database(store, tmp_path / "copy" / "bench.sqlite")
        with Store(copy) as copied:
            account(copied, "O1002", "Lee Park", "officer", "40718253")
            badges = [r[0] for r in copied.conn.execute("SELECT badge FROM officers")]
        assert badges == ["O1001", "O1002"]
        assert dump(store.path) == before  # the copy is its own file
        with pytest.raises(StoreError, match="only written to a new file"):
            copy_database(store, copy)
