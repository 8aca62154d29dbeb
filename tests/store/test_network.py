"""The counter-network in a real store file: seizures link later parcels; lists round-trip.

Why on disk: links are only worth something if they survive a restart and come from the same
SQL the bench runs; every list change must leave an audit row in the same transaction.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from parcelbench.domain.aed import AedItem, ContentPiece, Party
from parcelbench.domain.risk import NetworkLink
from parcelbench.domain.settings import PORT_CODE
from parcelbench.risk.entities import ADDRESS_MATCH_THRESHOLD
from parcelbench.risk.history import RiskHistory, WatchHit
from parcelbench.store import Store
from parcelbench.store.audit import entries, verify_chain
from parcelbench.store.history import StoreHistory
from parcelbench.store.lists import ListError, ListNotFound
from parcelbench.store.schema import MIGRATIONS, SCHEMA_VERSION
from parcelbench.store.seizure_links import mark_seizure, seized_entities, seizure_links
from parcelbench.store.settings import stored
from parcelbench.store.shippers import add_shipper, known_shipper, list_shippers, remove_shipper
from parcelbench.store.watchlist import add_watch, list_watch, remove_watch, watchlist_hits

SENDER = Party(
    name="Shenzhen Huaxin Trading Co., Ltd.",
    street="12 Nanshan Rd",
    city="Shenzhen",
    postcode="518000",
    country="CN",
    phone="+86 755 8888 1234",
    email="sales@huaxin.example",
)
DROP = Party(
    name="José Núñez",
    street="4410 Industrial Pkwy Unit 12",
    city="Reno",
    state="NV",
    postcode="89502",
    country="US",
    phone="775-555-0142",
    email="jose.nunez+shop@gmail.com",
)
NOBODY = Party(name="Maria Lopez", street="9 Elm St", city="Austin", postcode="73301", country="US")
OTHER_SENDER = Party(
    name="Guangzhou Bright Electronics Ltd",
    street="88 Tianhe Rd",
    city="Guangzhou",
    postcode="510000",
    country="CN",
)


def parcel(item_id: str, sender: Party, addressee: Party) -> AedItem:
    return AedItem(
        item_id=item_id,
        sender=sender,
        addressee=addressee,
        contents=(ContentPiece("phone case", 1),),
    )


A = parcel("RR473124829GB", SENDER, DROP)


def seize(store: Store, item: AedItem, number: str) -> int:
    with store.transaction() as conn:
        return mark_seizure(conn, seizure_number=number, item_id=item.item_id, item=item)


def audit_actions(store: Store) -> list[str]:
    return [e.action for e in entries(store.conn)]


# -- schema ------------------------------------------------------------------------------------


def test_migration_adds_the_network_tables(store: Store) -> None:
    tables = set(store.table_counts())
    assert {"seized_entities", "watchlist", "known_shippers", "settings"} <= tables
    assert store.schema_version == SCHEMA_VERSION >= 2


def test_a_version_1_database_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    raw = sqlite3.connect(path, isolation_level=None)
    raw.executescript(f"BEGIN;\n{MIGRATIONS[0]}\nPRAGMA user_version = 1;\nCOMMIT;")
    raw.close()
    with Store(path) as opened:
        assert opened.schema_version == SCHEMA_VERSION
        assert opened.table_counts()["seized_entities"] == 0
        assert stored(opened.conn, PORT_CODE) is None


def test_lookups_use_the_key_index(store: Store) -> None:
    plan = " ".join(
        str(row[-1])
        for row in store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT seizure_number, item_id FROM seized_entities "
            "WHERE kind = ? AND key = ? AND item_id != ?",
            ("phone", "+17755550142", "X"),
        )
    )
    assert "seized_entities_key" in plan


# -- marking a seizure -------------------------------------------------------------------------


def test_mark_seizure_stores_both_parties(store: Store) -> None:
    assert seize(store, A, "SZ-1") == 8
    rows = {(e.role, e.kind): e for e in seized_entities(store.conn, "SZ-1")}
    assert set(rows) == {
        (role, kind)
        for role in ("sender", "addressee")
        for kind in ("name", "address", "phone", "email")
    }
    address = rows[("addressee", "address")]
    assert address.key == "US|89502|4410|industrial|pkwy||12"
    assert address.display == "4410 Industrial Pkwy Unit 12, Reno, NV, 89502, US"
    assert address.item_id == A.item_id
    assert rows[("addressee", "phone")].key == "+17755550142"
    assert rows[("addressee", "email")].key == "josenunez@gmail.com"
    assert rows[("sender", "name")].display == SENDER.name


def test_marking_twice_is_harmless(store: Store) -> None:
    seize(store, A, "SZ-1")
    assert seize(store, A, "SZ-1") == 0
    assert store.table_counts()["seized_entities"] == 8


def test_mark_seizure_needs_the_callers_transaction(store: Store) -> None:
    with pytest.raises(RuntimeError, match="transaction"):
        mark_seizure(store.conn, seizure_number="SZ-1", item_id=A.item_id, item=A)
    assert store.table_counts()["seized_entities"] == 0


def test_a_rolled_back_seizure_leaves_no_network_entries(store: Store) -> None:
    with pytest.raises(ZeroDivisionError), store.transaction() as conn:
        mark_seizure(conn, seizure_number="SZ-1", item_id=A.item_id, item=A)
        1 / 0  # noqa: B018 - the seizure's own write fails after the marking
    assert store.table_counts()["seized_entities"] == 0


def test_a_party_with_nothing_linkable_stores_nothing(store: Store) -> None:
    blank = parcel("X1", Party(name="N/A", country="CN"), Party(name="Unknown", country="US"))
    assert seize(store, blank, "SZ-9") == 0


# -- links -------------------------------------------------------------------------------------


def test_a_differently_spelled_address_links_to_the_seizure(tmp_path: Path) -> None:
    path = tmp_path / "bench.sqlite"
    with Store(path) as store:
        seize(store, A, "SZ-2026-0001")
    b = parcel(
        "EE471108151FR",
        OTHER_SENDER,
        Party(
            name="Carlos Ruiz",
            street="4410 Industrial Parkway, Unit #12",
            city="RENO",
            postcode="89502-1234",
            country="US",
        ),
    )
    with Store(path) as store:  # after a restart
        links = seizure_links(store.conn, b)
    assert links == [NetworkLink("addressee address", "address", "SZ-2026-0001", A.item_id, 1.0)]


def test_a_typo_links_fuzzily(store: Store) -> None:
    seize(store, A, "SZ-1")
    b = parcel(
        "B1",
        OTHER_SENDER,
        replace(NOBODY, street="4410 Industral Pkwy Unit 12", city="Reno", postcode="89502"),
    )
    (link,) = seizure_links(store.conn, b)
    assert (link.entity, link.kind, link.seizure, link.item_id) == (
        "addressee address",
        "address",
        "SZ-1",
        A.item_id,
    )
    assert ADDRESS_MATCH_THRESHOLD <= link.similarity < 1.0


@pytest.mark.parametrize(
    "street",
    [
        "4410 Industrial Pkwy Unit 13",
        "4410 Industrial Pkwy",
        "4412 Industrial Pkwy Unit 12",
        "4410 Industral Pkwy Unit 21",
    ],
)
def test_no_link_for_another_unit_or_house_number(store: Store, street: str) -> None:
    seize(store, A, "SZ-1")
    b = parcel("B1", OTHER_SENDER, replace(NOBODY, street=street, city="Reno", postcode="89502"))
    assert seizure_links(store.conn, b) == []


def test_phone_email_and_name_links_cross_roles(store: Store) -> None:
    seize(store, A, "SZ-1")
    sender = replace(
        OTHER_SENDER,
        phone="+1 (775) 555-0142",  # the seized addressee's phone, now on a sender
        email="JoseNunez@googlemail.com",
    )
    addressee = replace(NOBODY, name="NUNEZ Jose")
    links = seizure_links(store.conn, parcel("B1", sender, addressee))
    assert {(link.entity, link.kind, link.seizure, link.item_id) for link in links} == {
        ("sender phone", "phone", "SZ-1", A.item_id),
        ("sender email", "email", "SZ-1", A.item_id),
        ("addressee name", "name", "SZ-1", A.item_id),
    }
    assert all(link.similarity == 1.0 for link in links)


def test_links_to_several_seizures_and_the_best_per_seizure(store: Store) -> None:
    seize(store, A, "SZ-1")
    second = parcel("RR2", OTHER_SENDER, replace(DROP, name="Ana Diaz", phone=None, email=None))
    seize(store, second, "SZ-2")
    links = seizure_links(store.conn, parcel("B1", NOBODY, DROP))
    address_links = [link for link in links if link.kind == "address"]
    assert [(link.seizure, link.item_id) for link in address_links] == [
        ("SZ-1", A.item_id),
        ("SZ-2", "RR2"),
    ]
    assert len({(link.entity, link.seizure) for link in links}) == len(links)


def test_a_parcel_never_links_to_its_own_seizure(store: Store) -> None:
    seize(store, A, "SZ-1")
    assert seizure_links(store.conn, A) == []


def test_no_history_no_links(store: Store) -> None:
    assert seizure_links(store.conn, A) == []


# -- watchlist ---------------------------------------------------------------------------------


def test_watchlist_round_trip_with_audit(store: Store) -> None:
    entry = add_watch(
        store,
        kind="address",
        value="4410 Industrial Parkway #12",
        country="us",
        postcode="89502",
        city="Reno",
        reason="drop address, HQ alert 2026-17",
        actor="B-1001",
    )
    assert entry.id == 1 and entry.active and entry.country == "US"
    assert entry.key == "US|89502|4410|industrial|pkwy||12"
    assert list_watch(store.conn) == [entry]
    phone = add_watch(store, kind="phone", value="+1 775 555 0142", reason="seller", actor="B-1")
    assert [e.id for e in list_watch(store.conn, kind="phone")] == [phone.id]

    removed = remove_watch(store, entry.id, actor="S-7")
    assert not removed.active and removed.removed_by == "S-7" and removed.removed_at
    assert list_watch(store.conn) == [phone]
    assert [e.id for e in list_watch(store.conn, include_removed=True)] == [1, 2]

    log = entries(store.conn)
    assert [(e.action, e.entity, e.actor) for e in log] == [
        ("watchlist.added", "watchlist:1", "B-1001"),
        ("watchlist.added", "watchlist:2", "B-1"),
        ("watchlist.removed", "watchlist:1", "S-7"),
    ]
    assert log[0].payload["reason"] == "drop address, HQ alert 2026-17"
    assert log[2].payload["active"] is False
    assert verify_chain(store.conn).ok


def test_watchlist_refusals_write_nothing(store: Store) -> None:
    add_watch(store, kind="email", value="jdoe@gmail.com", reason="r", actor="a")
    before = store.table_counts()
    with pytest.raises(ListError, match=r"already on the watchlist as #1"):
        add_watch(store, kind="email", value="J.Doe+x@gmail.com", reason="r", actor="a")
    with pytest.raises(ListError, match="not a usable address"):
        add_watch(
            store, kind="address", value="Industrial Pkwy", country="US", reason="r", actor="a"
        )
    with pytest.raises(ListError, match="not a usable phone"):
        add_watch(store, kind="phone", value="0755 8888 1234", reason="r", actor="a")
    with pytest.raises(ListError, match="needs a reason"):
        add_watch(store, kind="name", value="Jose Nunez", reason="  ", actor="a")
    with pytest.raises(ListError, match="unknown kind"):
        add_watch(store, kind="fax", value="1", reason="r", actor="a")
    with pytest.raises(ListNotFound, match="no active watchlist entry #99"):
        remove_watch(store, 99, actor="a")
    remove_watch(store, 1, actor="a")
    with pytest.raises(ListNotFound):
        remove_watch(store, 1, actor="a")
    after = store.table_counts()
    assert after["watchlist"] == before["watchlist"]
    assert after["audit_log"] == before["audit_log"] + 1  # only the one real removal


def test_watchlist_hits(store: Store) -> None:
    add_watch(
        store,
        kind="address",
        value="4410 Industral Parkway Unit 12",
        country="US",
        postcode="89502",
        reason="drop address",
        actor="a",
    )
    add_watch(store, kind="phone", value="+86 755 8888 1234", reason="precursor seller", actor="a")
    add_watch(store, kind="name", value="Jose Nunes", reason="courier of SZ-7", actor="a")
    add_watch(store, kind="email", value="someone@else.example", reason="x", actor="a")
    hits = watchlist_hits(store.conn, A)
    assert sorted(hits, key=lambda h: (h.role, h.kind)) == [
        WatchHit("addressee", "address", "4410 Industral Parkway Unit 12", "drop address"),
        WatchHit("addressee", "name", "Jose Nunes", "courier of SZ-7"),
        WatchHit("sender", "phone", "+86 755 8888 1234", "precursor seller"),
    ]
    assert watchlist_hits(store.conn, parcel("Z", OTHER_SENDER, NOBODY)) == []


def test_removed_entries_do_not_hit(store: Store) -> None:
    entry = add_watch(store, kind="name", value="José Núñez", reason="r", actor="a")
    assert watchlist_hits(store.conn, A)
    remove_watch(store, entry.id, actor="a")
    assert watchlist_hits(store.conn, A) == []


# -- known shippers ----------------------------------------------------------------------------


def test_known_shippers_round_trip_with_audit(store: Store) -> None:
    shipper = add_shipper(
        store,
        name="Shenzhen Huaxin Trading Limited",
        country="cn",
        street="12 Nanshan Road",
        city="Shenzhen",
        postcode="518000",
        programme="AEO",
        reference="CN-AEO-4471",
        actor="S-7",
    )
    assert shipper.country == "CN" and shipper.active
    assert shipper.label == "Shenzhen Huaxin Trading Limited (AEO CN-AEO-4471)"
    assert list_shippers(store.conn) == [shipper]
    assert known_shipper(store.conn, A) == shipper

    with pytest.raises(ListError, match="already a known shipper as #1"):
        add_shipper(
            store,
            name="SHENZHEN HUAXIN TRADING CO LTD",
            country="CN",
            street="12 Nanshan Rd",
            postcode="518000",
            programme="AEO",
            actor="a",
        )

    removed = remove_shipper(store, shipper.id, actor="S-8")
    assert not removed.active
    assert known_shipper(store.conn, A) is None
    assert list_shippers(store.conn) == []
    assert list_shippers(store.conn, include_removed=True) == [removed]
    with pytest.raises(ListNotFound):
        remove_shipper(store, shipper.id, actor="S-8")
    assert audit_actions(store) == ["shipper.added", "shipper.removed"]
    assert verify_chain(store.conn).ok


def test_a_known_shipper_needs_country_and_address_to_match(store: Store) -> None:
    add_shipper(
        store,
        name="Shenzhen Huaxin Trading",
        country="CN",
        street="12 Nanshan Rd",
        postcode="518000",
        programme="AEO",
        actor="a",
    )
    elsewhere = replace(SENDER, street="99 Futian Rd")
    assert known_shipper(store.conn, parcel("X", elsewhere, DROP)) is None
    wrong_country = replace(SENDER, country="HK")
    assert known_shipper(store.conn, parcel("X", wrong_country, DROP)) is None
    look_alike = replace(SENDER, name="Shenzhen Huaxin Tradings")
    assert known_shipper(store.conn, parcel("X", look_alike, DROP)) is None


def test_a_known_shipper_without_address_matches_on_name_and_country(store: Store) -> None:
    add_shipper(
        store, name="Guangzhou Bright Electronics", country="CN", programme="CTPAT", actor="a"
    )
    assert known_shipper(store.conn, parcel("X", OTHER_SENDER, NOBODY)) is not None
    assert known_shipper(store.conn, A) is None


def test_known_shipper_refusals(store: Store) -> None:
    with pytest.raises(ListError, match="usable shipper name"):
        add_shipper(store, name="N/A", country="CN", programme="AEO", actor="a")
    with pytest.raises(ListError, match="needs a country"):
        add_shipper(store, name="Acme", country=" ", programme="AEO", actor="a")
    with pytest.raises(ListError, match="programme"):
        add_shipper(store, name="Acme", country="CN", programme="", actor="a")
    with pytest.raises(ListError, match="not a usable address"):
        add_shipper(
            store, name="Acme", country="CN", street="Nanshan Rd", programme="AEO", actor="a"
        )
    assert store.table_counts()["known_shippers"] == 0
    assert store.table_counts()["audit_log"] == 0


# -- the engine's view -------------------------------------------------------------------------


def test_store_history_implements_the_protocol(store: Store) -> None:
    history: RiskHistory = StoreHistory(store.conn)
    seize(store, A, "SZ-1")
    b = parcel("B1", OTHER_SENDER, replace(DROP, name="Carlos Ruiz", phone=None, email=None))
    assert [link.seizure for link in history.seizure_links(b)] == ["SZ-1"]
    assert history.addressee_senders(b, 30, 20) == 0
    assert history.sender_parcels(b, 30, 20) == 0
    assert history.watchlist_hits(b) == []
    assert history.known_shipper(b) is None

    add_shipper(
        store,
        name="Guangzhou Bright Electronics",
        country="CN",
        programme="CTPAT",
        reference="C-1",
        actor="a",
    )
    assert history.known_shipper(b) == "Guangzhou Bright Electronics (CTPAT C-1)"


def test_store_history_sees_new_watchlist_names(tmp_path: Path) -> None:
    """The cached name list reloads after a change on this or another connection."""
    path = tmp_path / "bench.sqlite"
    with Store(path) as store, Store(path) as other:
        history = StoreHistory(store.conn)
        assert history.watchlist_hits(A) == []
        add_watch(store, kind="name", value="Jose Nunez", reason="here", actor="a")
        assert [h.reason for h in history.watchlist_hits(A)] == ["here"]
        add_watch(other, kind="name", value="Shenzhen Huaxin Trading", reason="there", actor="a")
        assert sorted(h.reason for h in history.watchlist_hits(A)) == ["here", "there"]
        remove_watch(other, 1, actor="a")
        assert [h.reason for h in history.watchlist_hits(A)] == ["there"]
