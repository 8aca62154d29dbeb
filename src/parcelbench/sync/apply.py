"""Applying an HQ feed page on the bench with the bench's own import functions.

A page of reference lists, packs, holds and officer accounts is applied in ONE transaction
together with the cursor move (the store's functions join it), so a page is either fully applied
and recorded, or not at all and reported. An AED batch is a page of its own: the AED importer
writes a file in its own single transaction and the cursor moves right after; if the bench dies
between the two, the batch is imported again, which the importer counts as unchanged.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path
from typing import Any

from parcelbench.domain.feed import feed_checksum
from parcelbench.domain.records import Officer, Role
from parcelbench.store import Store
from parcelbench.store import sync as store_sync
from parcelbench.sync.transport import HqClient

HQ_ACTOR = "hq"
HQ_OFFICER = Officer(HQ_ACTOR, "Headquarters feed", Role.SUPERVISOR)


class FeedError(Exception):
    """A feed page this bench cannot apply; nothing of it was applied."""


def _temp_file(folder: Path, name: str, text: str) -> Path:
    path = folder / (Path(name).name or "feed-item")
    path.write_text(text, encoding="utf-8")
    return path


def _apply_lists(store: Store, body: dict[str, Any], *, shippers: bool) -> None:
    from parcelbench.store.lists import ListError
    from parcelbench.store.shippers import add_shipper
    from parcelbench.store.watchlist import add_watch

    for entry in body.get("entries", []):
        try:
            if shippers:
                add_shipper(store, actor=HQ_ACTOR, source="hq", **entry)
            else:
                add_watch(store, actor=HQ_ACTOR, source="hq", **entry)
        except ListError as exc:
            if str(exc).startswith(("already on the watchlist", "already a known shipper")):
                continue  # re-published or also listed locally: listed once is what counts
            raise


def _apply_item(store: Store, item: dict[str, Any], folder: Path) -> None:
    kind, body = item["kind"], item["body"]
    if kind == "rules":
        from parcelbench.services.risk import apply_hq_pack

        suffix = body.get("suffix") or ".toml"
        apply_hq_pack(store, _temp_file(folder, f"pack{suffix}", body["text"]), actor=HQ_ACTOR)
    elif kind == "holds":
        from parcelbench.services.holds import import_holds

        import_holds(store, _temp_file(folder, body["file"], body["text"]), HQ_OFFICER)
    elif kind == "watchlist":
        _apply_lists(store, body, shippers=False)
    elif kind == "shippers":
        _apply_lists(store, body, shippers=True)
    elif kind == "officers":
        from parcelbench.store.officers import save_officer

        for o in body["officers"]:
            officer = Officer(o["badge"], o["name"], Role(o["role"]), o["pin_hash"], o["active"])
            save_officer(store, officer, actor=HQ_ACTOR)
    else:
        raise FeedError(f"unknown feed kind {kind!r}; update ParcelBench")


def _describe(item: dict[str, Any]) -> str:
    return f"feed item {item['seq']} ({item['kind']} {item['name']})"


def _apply_aed(store: Store, client: HqClient, item: dict[str, Any], folder: Path) -> None:
    from parcelbench.aed.importer import import_files

    body = item["body"]
    path = folder / (Path(body["file"]).name or "batch.aed")
    with path.open("wb") as handle:
        client.download(f"/v1/blobs/{body['sha256']}/content", handle)
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while part := handle.read(1024 * 1024):
            digest.update(part)
    if digest.hexdigest() != body["sha256"]:
        from parcelbench.sync.transport import Transient

        raise Transient(f"{_describe(item)}: the AED file arrived damaged; fetching it again")
    report = import_files(store, [path], actor=HQ_ACTOR)
    refused = report.results[0].refused
    if refused:
        raise FeedError(f"{_describe(item)} cannot be applied: {refused}")
    with store.transaction() as conn:
        store_sync.move_cursor(conn, item["seq"], item["kind"], item["name"], item["checksum"])


def apply_page(store: Store, client: HqClient, items: list[dict[str, Any]]) -> int:
    """Apply one page; the number of items applied. Raises `FeedError` (nothing applied)."""
    for item in items:
        if feed_checksum(item["kind"], item["name"], item["body"]) != item["checksum"]:
            raise FeedError(f"{_describe(item)} does not match its checksum")
    with tempfile.TemporaryDirectory(prefix="parcelbench-feed-") as tmp:
        folder = Path(tmp)
        if len(items) == 1 and items[0]["kind"] == "aed":
            _apply_aed(store, client, items[0], folder)
            return 1
        current: dict[str, Any] | None = None
        try:
            with store.joined_transaction() as conn:
                for item in items:
                    current = item
                    if item["kind"] == "aed":
                        raise FeedError("an AED batch must be a page of its own")
                    _apply_item(store, item, folder)
                    store_sync.move_cursor(
                        conn, item["seq"], item["kind"], item["name"], item["checksum"]
                    )
        except FeedError:
            raise
        except Exception as exc:  # any refusal by the bench's own import functions
            where = _describe(current) if current else "feed page"
            raise FeedError(f"{where} cannot be applied: {exc}") from None
    return len(items)
