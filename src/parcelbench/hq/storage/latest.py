"""Which inspection of a parcel counts: not amended, and the latest in the period.

Every figure counts a parcel once, by its latest record in the period (an amended record is
replaced by its amendment). Asking that of every row when the figures are made costs two index
probes per inspection; at an agency's volume the page would wait seconds. So each inspection
keeps the answer: `amended`, and `next_at`, when the parcel's next inspection that is not
amended (in time, then id order) was made, NULL while it is the latest. An amended record is
never anyone's next: an amendment made in the same millisecond as the record it corrects, with
an id that sorts first, would otherwise have that record as its next and neither would
count. A record counts for a period ending at `until`
when it is not amended and `next_at` is NULL or not before `until`. Ingest keeps both for the
parcels of each batch, parcel by parcel in turn (`Tx.lock_keys`); `refill` sets them for every
row (`hq rebuild`, and the migration that added them).
"""

from __future__ import annotations

from collections.abc import Sequence

from parcelbench.hq.storage.db import Tx

#: The namespace of a parcel's inspections in `turns` (`Tx.lock_keys`).
LOCK_SPACE = 2

#: The condition on `rm_inspections i` with parameters (since, until, until).
COUNTED = "i.at >= ? AND i.at < ? AND i.amended = 0 AND (i.next_at IS NULL OR i.next_at >= ?)"
#: Each inspection's next one of the same parcel, by a window over the parcel's rows (`{where}`
#: narrows them). Linear in the rows it covers, where a lookup per row is quadratic in a parcel
#: recorded thousands of times (a bench replaying one id must not stall ingest).
_NEXT_AT = (
    "UPDATE rm_inspections SET next_at = n.nxt FROM (SELECT uuid, lead(at) OVER "
    "(PARTITION BY item_id ORDER BY at, uuid) AS nxt FROM rm_inspections{where}) AS n "
    "WHERE rm_inspections.uuid = n.uuid AND (rm_inspections.next_at <> n.nxt "
    "OR (rm_inspections.next_at IS NULL) <> (n.nxt IS NULL))"
)
#: After new records of a parcel: only its rows from the one before the earliest new record
#: on can have a new next (parameters: item, item, earliest new time, earliest new time).
_FROM_EARLIEST_NEW = (
    " WHERE item_id = ? AND amended = 0 AND at >= coalesce((SELECT max(p.at) "
    "FROM rm_inspections p WHERE p.item_id = ? AND p.amended = 0 AND p.at < ?), ?)"
)


def hold(tx: Tx, item_ids: Sequence[str]) -> None:
    """Take these parcels' turn before their inspections are written."""
    tx.lock_keys(LOCK_SPACE, item_ids)


def mark(tx: Tx, records: Sequence[tuple[str, str]], amended: Sequence[str]) -> None:
    """After a batch of inspections (item id, time) was written: the records it amends, and
    `next_at` for the parcels that now have more than one record (one lookup for the batch),
    from the record before the batch's earliest of each parcel on (a parcel's new records
    are usually its latest, so this is a few rows however long its history)."""
    tx.many("UPDATE rm_inspections SET amended = 1 WHERE uuid = ?", [(u,) for u in amended])
    records = list(records)
    for start in range(0, len(amended), 900):  # the record before an amended one had it as next
        chunk = list(amended[start : start + 900])
        marks = ",".join("?" * len(chunk))
        records += [
            (str(r[0]), str(r[1]))
            for r in tx.rows(
                f"SELECT item_id, at FROM rm_inspections WHERE uuid IN ({marks})", chunk
            )
        ]
    earliest: dict[str, str] = {}
    for item_id, at in records:
        if item_id not in earliest or at < earliest[item_id]:
            earliest[item_id] = at
    items = sorted(earliest)
    repeated: list[str] = []
    for start in range(0, len(items), 900):
        chunk = items[start : start + 900]
        marks = ",".join("?" * len(chunk))
        repeated += [
            r[0]
            for r in tx.rows(
                f"SELECT item_id FROM rm_inspections WHERE item_id IN ({marks}) "
                "GROUP BY item_id HAVING count(*) > 1",
                chunk,
            )
        ]
    tx.many(
        _NEXT_AT.format(where=_FROM_EARLIEST_NEW),
        [(i, i, earliest[i], earliest[i]) for i in repeated],
    )


def refill(tx: Tx) -> None:
    """Both columns again for every inspection HQ holds."""
    tx.run("UPDATE rm_inspections SET amended = 0, next_at = NULL")
    tx.run(
        "UPDATE rm_inspections SET amended = 1 WHERE uuid IN "
        "(SELECT amends FROM rm_inspections WHERE amends IS NOT NULL)"
    )
    tx.run(_NEXT_AT.format(where=" WHERE amended = 0"))
