"""Bench ⇄ HQ sync: push the outbox and photos, pull the feed, retry with backoff.

For the window (call from a worker thread, never the GUI thread):

    from parcelbench.sync import SyncLoop, state
    state(store) -> SyncState(online, pending, parked, last_sync, last_error, needs_enrollment)
    loop = SyncLoop(db_path, on_round=callback); loop.start(); …; loop.stop()
"""

from parcelbench.domain.outbox import SyncState
from parcelbench.store.sync import sync_state as state
from parcelbench.sync.engine import SyncReport, sync_once
from parcelbench.sync.loop import SyncLoop

__all__ = ["SyncLoop", "SyncReport", "SyncState", "state", "sync_once"]
