"""Fuzz the HQ feed applier with properly signed, hostile items.

Items are signed with a test Ed25519 key pinned on the bench, so damaged BODIES get past the
signature and reach the bench's importers. `apply_page` must then apply each item, set it
aside (a `feed_refused` row, the cursor past it) or raise `FeedError` with nothing applied;
never raise anything else, never half-apply an item, never write outside its temp folder.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from parcelbench.domain.feed import feed_checksum, public_key_text, sign_item
from parcelbench.domain.settings import HQ_KEY
from parcelbench.resources import resource
from parcelbench.store import Store, settings
from parcelbench.sync.apply import FeedError, FeedOutcome, apply_page
from tests.conftest import TEST_DATA
from tests.fuzz.common import fuzz, json_values, mutated, no_hang

KEY = Ed25519PrivateKey.generate()
OTHER_KEY = Ed25519PrivateKey.generate()
SEQ = itertools.count(1)
PACK_TEXT = Path(resource("rules", "default.toml")).read_text(encoding="utf-8")
PACK_VERSIONS = itertools.count(1)
#: What setting an item aside may change; every other table must be as it was.
BOOKKEEPING = {"feed_refused", "sync_state", "audit_log", "outbox"}

VALID_BODIES: dict[str, dict[str, Any]] = {
    "rules": {"text": PACK_TEXT, "suffix": ".toml"},
    "holds": {
        "file": "holds.csv",
        "format": "csv",
        "text": "item_id,reason,source,targeted_on\n"
        "RR473124829GB,pill press parts,HQ targeting,2026-11-20\n",
    },
    "watchlist": {"entries": [{"kind": "phone", "value": "+1 775 555 0142", "reason": "case 17"}]},
    "shippers": {
        "entries": [
            {"name": "Acme Parts Ltd", "country": "GB", "programme": "AEO", "city": "Leeds"}
        ]
    },
    "officers": {
        "officers": [
            {
                "badge": "O7001",
                "name": "Fuzz Officer",
                "role": "officer",
                "pin_hash": None,
                "active": True,
            }
        ]
    },
    "withdrawn": {"reason": "published by mistake"},
}

#: File names as a hostile or careless HQ could write them.
names = st.one_of(
    st.sampled_from(
        (
            "holds.csv",
            "../holds.csv",
            "../../etc/cron.d/x",
            "/etc/passwd",
            "..",
            ".",
            "",
            "a/../../b.csv",
            "x" * 300 + ".csv",
            "nul\x00.csv",
            "..\\..\\w.csv",
            "~/.bashrc",
            "pack.toml",
            "holds.jsonl",
        )
    ),
    st.text(max_size=40),
)


class DummyClient:
    """Stands in for `HqClient`: only `download` is used, for AED batches."""

    def __init__(self, data: bytes = b"") -> None:
        self.data = data
        self.paths: list[str] = []

    def download(self, path: str, into: Any, chunk: int = 1 << 20) -> int:
        self.paths.append(path)
        into.write(self.data)
        return len(self.data)


def signed(
    kind: Any, name: Any, body: Any, *, key: Ed25519PrivateKey = KEY, seq: int | None = None
) -> dict[str, Any]:
    """A feed item as HQ publishes it, signed over the text of its fields (as a bench checks)."""
    seq = next(SEQ) if seq is None else seq
    published_at = "2026-11-20T08:00:00Z"
    checksum = feed_checksum(kind, name, body)
    return {
        "seq": seq,
        "kind": kind,
        "name": name,
        "body": body,
        "checksum": checksum,
        "published_at": published_at,
        "signature": sign_item(key, seq, str(kind), str(name), checksum, published_at),
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(tmp_path_factory.mktemp("feed") / "bench.sqlite") as opened:
        settings.save(opened, {HQ_KEY: public_key_text(KEY)})
        yield opened


@pytest.fixture(scope="module")
def temp_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The only folder the applier may write in: its temp folders are made here."""
    root = tmp_path_factory.mktemp("feed-temp")
    saved = tempfile.tempdir
    tempfile.tempdir = str(root)
    try:
        yield root
    finally:
        tempfile.tempdir = saved


def apply_checked(
    store: Store, root: Path, items: list[dict[str, Any]], client: DummyClient | None = None
) -> FeedOutcome | None:
    """Apply a page; check the documented outcomes. None when `FeedError` refused the page."""
    before = store.table_counts()
    refused_before = before["feed_refused"]
    try:
        with no_hang(30):
            outcome = apply_page(store, client or DummyClient(), items)  # type: ignore[arg-type]
    except FeedError as exc:
        assert str(exc)
        assert store.table_counts() == before, "a refused page changed the database"
        outcome = None
    else:
        assert outcome.applied + outcome.refused == len(items)
        after = store.table_counts()
        assert after["feed_refused"] == refused_before + outcome.refused
        if outcome.applied == 0:  # all set aside: nothing but the bookkeeping moved
            changed = {t for t in after if after[t] != before[t]}
            assert changed <= BOOKKEEPING, changed
    assert not store.conn.in_transaction
    assert list(root.iterdir()) == [], "the applier left or wrote files outside its temp folder"
    return outcome


@st.composite
def damaged_bodies(draw: st.DrawFn, kind: str) -> Any:
    """A valid body of `kind` with keys removed or values replaced by any JSON value, or its
    text (a pack, a holds file) damaged byte by byte."""
    body = copy.deepcopy(VALID_BODIES.get(kind, VALID_BODIES["withdrawn"]))
    for _ in range(draw(st.integers(0, 3))):
        op = draw(st.sampled_from(("replace", "drop", "text", "nested", "name")))
        keys = sorted(body)
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        if op == "replace":
            body[key] = draw(json_values)
        elif op == "drop":
            del body[key]
        elif op == "text" and isinstance(body.get("text"), str):
            raw = draw(mutated(body["text"].encode(), max_edits=4))
            body["text"] = raw.decode("utf-8", "replace")
        elif op == "nested" and isinstance(body.get(key), list) and body[key]:
            entry = body[key][0]
            if isinstance(entry, dict) and entry:
                entry[draw(st.sampled_from(sorted(entry)))] = draw(json_values)
        elif op == "name" and "file" in body:
            body["file"] = draw(names)
    if draw(st.integers(0, 9)) == 0:
        return draw(json_values)  # not even an object
    return body


KINDS = ("rules", "holds", "watchlist", "shippers", "officers", "withdrawn")
kinds = st.sampled_from(KINDS) | st.text(max_size=10)


@st.composite
def hostile_items(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(kinds)
    return signed(kind, draw(names), draw(damaged_bodies(kind)))


@fuzz()
@given(st.lists(hostile_items(), min_size=1, max_size=3))
def test_signed_hostile_items_are_applied_set_aside_or_refused(
    store: Store, temp_root: Path, items: list[dict[str, Any]]
) -> None:
    apply_checked(store, temp_root, items)


@fuzz(scale=0.5)
@given(st.sampled_from(KINDS[:-1]), names)
def test_valid_items_under_any_name_are_applied(
    store: Store, temp_root: Path, kind: str, name: str
) -> None:
    """The documented result: a valid body applies whatever its name (a watchlist or shipper
    entry already listed counts as applied)."""
    body = copy.deepcopy(VALID_BODIES[kind])
    if kind == "holds":
        body["file"] = name if name.endswith(".csv") else "holds.csv"
    if kind == "rules":  # a version of its own: the module's bench may hold this one with
        # other rules already (a hostile item that still loads), which it rightly refuses
        body["text"] = re.sub(
            r'(?m)^version = ".*"$',
            f'version = "2099.{next(PACK_VERSIONS)}"',
            body["text"],
            count=1,
        )
    outcome = apply_checked(store, temp_root, [signed(kind, name, body)])
    assert outcome is not None and outcome.applied == 1, store.conn.execute(
        "SELECT reason FROM feed_refused ORDER BY seq DESC LIMIT 1"
    ).fetchone()


#: Ways to break a signed item after signing it.
TAMPERS = ("seq", "kind", "name", "published_at", "checksum", "body", "signature", "drop", "key")


@fuzz()
@given(st.sampled_from(KINDS), st.sampled_from(TAMPERS), json_values, st.data())
def test_tampered_or_foreign_items_refuse_the_whole_page(
    store: Store, temp_root: Path, kind: str, tamper: str, value: Any, data: st.DataObject
) -> None:
    good = signed(kind, f"{kind}.csv", copy.deepcopy(VALID_BODIES[kind]))
    bad = signed(kind, f"{kind}.csv", copy.deepcopy(VALID_BODIES[kind]))
    if tamper == "key":
        bad = signed(kind, f"{kind}.csv", bad["body"], key=OTHER_KEY, seq=bad["seq"])
    elif tamper == "drop":
        del bad[data.draw(st.sampled_from(sorted(bad)))]
    elif tamper == "body":
        bad["body"] = {**bad["body"], "extra": value}
    elif tamper == "signature":
        bad["signature"] = data.draw(
            st.sampled_from(("", "AAAA", "!!", good["signature"])) | json_values
        )
    elif tamper == "seq":
        bad["seq"] = data.draw(st.sampled_from((bad["seq"] + 1, str(bad["seq"]), None, 1.5)))
    else:
        original = bad[tamper]
        bad[tamper] = value if value != original and str(value) != original else original + "x"
    page = data.draw(st.permutations([good, bad]))
    assert apply_checked(store, temp_root, page) is None


def _aed_item(data: bytes, name: Any = "batch.jsonl", **changes: Any) -> dict[str, Any]:
    body = {"file": name, "format": "jsonl", "sha256": hashlib.sha256(data).hexdigest()}
    body["size"] = len(data)
    body.update(changes)
    return signed("aed", name, body)


GOOD_AED = {fmt: (TEST_DATA / f"good.{fmt}").read_bytes() for fmt in ("xml", "jsonl", "csv")}


@fuzz(scale=0.5)
@given(st.sampled_from(sorted(GOOD_AED)), st.data())
def test_aed_batches_of_damaged_files_are_imported_or_set_aside(
    store: Store, temp_root: Path, fmt: str, data: st.DataObject
) -> None:
    content = data.draw(mutated(GOOD_AED[fmt]) | st.binary(max_size=512))
    name = data.draw(names)
    apply_checked(store, temp_root, [_aed_item(content, name)], DummyClient(content))


@fuzz(scale=0.5)
@given(st.sampled_from(("file", "sha256", "format", "size")), json_values | st.just(...))
def test_aed_batch_bodies_with_missing_or_wrong_fields_are_set_aside(
    store: Store, temp_root: Path, key: str, value: Any
) -> None:
    content = GOOD_AED["jsonl"]
    item = _aed_item(content)
    body = dict(item["body"])
    if value is ...:
        del body[key]
    else:
        body[key] = value
    item = signed("aed", item["name"], body)
    client = DummyClient(content)
    outcome = apply_checked(store, temp_root, [item], client)
    assert all(p.startswith("/v1/blobs/") and ".." not in p for p in client.paths)
    if outcome is not None and key in ("file", "sha256") and outcome.applied:
        assert isinstance(body.get("file"), str) and body.get("sha256") == item["body"]["sha256"]


def test_a_valid_aed_batch_under_a_traversing_name_lands_in_the_temp_folder(
    store: Store, temp_root: Path
) -> None:
    content = GOOD_AED["xml"]
    for name in ("../../batch.xml", "/tmp/batch.xml", "..", "."):
        outcome = apply_checked(store, temp_root, [_aed_item(content, name)], DummyClient(content))
        assert outcome == FeedOutcome(applied=1, refused=0), name
