"""Applying an HQ feed page on the bench with the bench's own import functions.

Nothing is applied that the HQ key pinned at enrollment did not sign: a forged or damaged page
is refused whole and fetched again next round. An item HQ addressed to one facility (a
targeting list, a hold located or examined at another of its benches) is applied only there.
A page of reference lists, packs, holds and officer accounts is applied in ONE transaction
together with the cursor move (the store's functions join it). If the bench's importers refuse
an item, the page is applied again one item per transaction and the refused item is set aside
with its reason (`feed.refused`, reported to HQ) while the cursor moves past it: one bad item
never blocks the deactivations and packs behind it. An AED batch is a page of its own: the AED
importer writes a file in its own single transaction and the cursor moves right after; if the
bench dies between the two, the batch is imported again, which the importer counts as
unchanged.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parcelbench.domain.feed import SignatureError, feed_checksum, parse_public_key, verify_item
from parcelbench.domain.records import Officer, Role
from parcelbench.domain.settings import FACILITY_CODE, HQ_KEY
from parcelbench.store import DATABASE_ERRORS, VALUE_ERRORS, Store, settings
from parcelbench.store import sync as store_sync
from parcelbench.sync.transport import HqClient, HqError, Transient

HQ_ACTOR = "hq"
HQ_OFFICER = Officer(HQ_ACTOR, "Headquarters feed", Role.SUPERVISOR)


class FeedError(Exception):
    """A feed page this bench must not apply (not signed by HQ, or damaged); nothing of it was
    applied and the cursor stays, so the page is fetched again."""


@dataclass(slots=True)
class FeedOutcome:
    applied: int = 0  # items applied (withdrawn items moved past count here)
    refused: int = 0  # items set aside: this bench cannot apply them; HQ was told why


_SHA256 = re.compile(r"[0-9a-f]{64}")

#: Longest file name kept from a feed item (file systems refuse names over 255 bytes).
MAX_NAME = 100


def _inside(folder: Path, name: str, default: str) -> Path:
    """A path in `folder` named after a feed item's file name, never outside it.

    Only the last part of the name is kept, so `../x` or `/etc/x` land in `folder`; a name that
    is no file name at all (`..`, `.`, empty, a NUL in it) or too long becomes `default`, and
    the importers then judge the file by what it holds.
    """
    base = Path(name).name if isinstance(name, str) else ""
    try:
        size = len(base.encode("utf-8"))
    except UnicodeEncodeError:  # a lone surrogate: no file system takes it
        size = MAX_NAME + 1
    if base in ("", ".", "..") or "\x00" in base or size > MAX_NAME:
        base = default
    return folder / base


def _temp_file(folder: Path, name: str, text: str) -> Path:
    path = _inside(folder, name, "feed-item")
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


def _for_this_facility(store: Store, body: Any) -> bool:
    """An item HQ addressed to one facility (`body["facility"]`) is applied only by that
    facility's benches (the facility HQ enrolled the bench at); the rest move past it."""
    scope = body.get("facility") if isinstance(body, dict) else None
    return scope is None or scope == settings.get(store.conn, FACILITY_CODE)


def _apply_item(store: Store, item: dict[str, Any], folder: Path) -> None:
    kind, body = item["kind"], item["body"]
    if not _for_this_facility(store, body):
        return
    if kind == "rules":
        from parcelbench.services.risk import apply_hq_pack

        suffix = body.get("suffix") or ".toml"
        apply_hq_pack(store, _temp_file(folder, f"pack{suffix}", body["text"]), actor=HQ_ACTOR)
    elif kind == "holds":
        from parcelbench.services.holds import import_holds

        import_holds(store, _temp_file(folder, body["file"], body["text"]), HQ_OFFICER)
    elif kind == "hold_state":
        from parcelbench.store.holds import mark_elsewhere

        mark_elsewhere(
            store,
            item_id=body["item_id"],
            status=body["status"],
            at=body["at"],
            where=body["where"],
            actor=HQ_ACTOR,
        )
    elif kind == "seized_parties":
        from parcelbench.store.seizure_links import add_remote

        with store.transaction() as conn:
            add_remote(
                conn,
                seizure_number=body["seizure_number"],
                item_id=body["item_id"],
                facility=body["seized_at"],
                entities=body["entities"],
            )
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


#: Failures that are this bench's, not the item's (a full disk, a locked file, a network cut):
#: the item is tried again next round instead of being set aside.
NOT_THE_ITEMS_FAULT = (*DATABASE_ERRORS, OSError, HqError)
#: ... except the SQLite errors an item's own values cause (a list where text belongs, a
#: missing name): tried again, they would fail the same way every round and block the feed.
THE_ITEMS_VALUES = VALUE_ERRORS


def _bench_fault(exc: BaseException) -> bool:
    """True when `exc` is this bench's failure (retry next round), not the item's."""
    return isinstance(exc, NOT_THE_ITEMS_FAULT) and not isinstance(exc, THE_ITEMS_VALUES)


def _refuse(store: Store, item: dict[str, Any], reason: str) -> None:
    with store.transaction() as conn:
        store_sync.refuse_feed_item(
            conn, item["seq"], item["kind"], item["name"], item["checksum"], reason
        )


def _apply_aed(store: Store, client: HqClient, item: dict[str, Any], folder: Path) -> bool:
    """True if applied, False if set aside (the file is refused by this bench's importer)."""
    from parcelbench.aed.importer import import_files

    body = item["body"]
    if not isinstance(body.get("file"), str) or not _SHA256.fullmatch(str(body.get("sha256"))):
        _refuse(store, item, "the AED batch does not name its file and SHA-256 as HQ writes them")
        return False
    path = _inside(folder, body["file"], "batch.aed")
    with path.open("wb") as handle:
        client.download(f"/v1/blobs/{body['sha256']}/content", handle)
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while part := handle.read(1024 * 1024):
            digest.update(part)
    if digest.hexdigest() != body["sha256"]:
        raise Transient(f"{_describe(item)}: the AED file arrived damaged; fetching it again")
    report = import_files(store, [path], actor=HQ_ACTOR)
    refused = report.results[0].refused
    if refused:
        _refuse(store, item, f"the AED file is refused: {refused}")
        return False
    with store.transaction() as conn:
        store_sync.move_cursor(conn, item["seq"], item["kind"], item["name"], item["checksum"])
    return True


#: Each feed item's fields and their types, as HQ writes them (`seq` is a whole number).
ITEM_FIELDS: dict[str, type] = {
    "seq": int,
    "kind": str,
    "name": str,
    "body": dict,
    "checksum": str,
    "published_at": str,
    "signature": str,
}


def _check_shape(items: Any) -> None:
    """`FeedError` unless the page is a list of items with HQ's fields and types: a signature
    covers the fields' text, not their types, and a name that is not text could not even be
    recorded as set aside."""
    if not isinstance(items, list):
        raise FeedError("the feed page is not a list of items; nothing of it was applied")
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            raise FeedError(f"feed item #{n + 1} of the page is not an object; nothing applied")
        for key, kind in ITEM_FIELDS.items():
            value = item.get(key)
            if not isinstance(value, kind) or isinstance(value, bool):
                raise FeedError(
                    f"feed item {item.get('seq')!r}: {key!r} is missing or not "
                    f"{kind.__name__}; nothing of this page was applied"
                )


def _verify(store: Store, items: list[dict[str, Any]]) -> None:
    """Every item signed by the HQ key pinned at enrollment and whole, or `FeedError`."""
    _check_shape(items)
    pinned = settings.get(store.conn, HQ_KEY)
    if not pinned:
        raise FeedError(
            "this bench has no HQ key pinned, so it applies nothing from the feed: enroll it "
            "again with the enrollment file from `hq enroll` (parcelbench sync --enroll FILE)"
        )
    try:
        key = parse_public_key(pinned)
        for item in items:
            verify_item(item, key)
    except SignatureError as exc:
        raise FeedError(f"{exc}; nothing of this page was applied") from None
    for item in items:
        if feed_checksum(item["kind"], item["name"], item["body"]) != item["checksum"]:
            raise FeedError(f"{_describe(item)} does not match its checksum")


def _apply_one(store: Store, conn: Any, item: dict[str, Any], folder: Path) -> None:
    """One item and the cursor move past it, in the caller's (joined) transaction."""
    if item["kind"] != "withdrawn":  # withdrawn at HQ: nothing to apply, only to move past
        _apply_item(store, item, folder)
    store_sync.move_cursor(conn, item["seq"], item["kind"], item["name"], item["checksum"])


def apply_page(store: Store, client: HqClient, items: list[dict[str, Any]]) -> FeedOutcome:
    """Apply one page: what was applied, and what was set aside as this bench cannot apply it.

    Raises `FeedError` (nothing applied) when the page is not what HQ signed, and lets the
    bench's own failures (disk, network) through: those are tried again next round.
    """
    _verify(store, items)
    outcome = FeedOutcome()
    with tempfile.TemporaryDirectory(prefix="parcelbench-feed-") as tmp:
        folder = Path(tmp)
        if len(items) == 1 and items[0]["kind"] == "aed":
            if _apply_aed(store, client, items[0], folder):
                outcome.applied += 1
            else:
                outcome.refused += 1
            return outcome
        if any(item["kind"] == "aed" for item in items):
            raise FeedError("an AED batch must be a page of its own")
        try:
            with store.joined_transaction() as conn:
                for item in items:
                    _apply_one(store, conn, item, folder)
            outcome.applied = len(items)
            return outcome
        except Exception as exc:  # one item refused: find it, one item at a time
            if _bench_fault(exc):
                raise
        for item in items:
            try:
                with store.joined_transaction() as conn:
                    _apply_one(store, conn, item, folder)
                outcome.applied += 1
            except Exception as exc:  # any refusal by the bench's importers
                if _bench_fault(exc):
                    raise
                _refuse(store, item, str(exc) or type(exc).__name__)
                outcome.refused += 1
    return outcome
