"""HQ's schema: forward migrations, one text for both engines.

`{pk}` and `{bytes}` are the only words the engines spell differently; everything else is the
SQL both understand. A migration is never edited once released; a change is a new entry.
"""

from __future__ import annotations

GENESIS_HASH = "0" * 64

MIGRATIONS: list[str] = [
    # 1: benches and their tokens, events, audit rows, blobs, the feed.
    f"""
    CREATE TABLE benches (
        bench_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        facility TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        enrolled_at TEXT NOT NULL,
        revoked_at TEXT,
        last_sync TEXT,
        pending BIGINT,
        parked BIGINT,
        queued_total BIGINT,
        chain_seq BIGINT NOT NULL DEFAULT 0,
        chain_head TEXT NOT NULL DEFAULT '{GENESIS_HASH}',
        chain_ok INTEGER NOT NULL DEFAULT 1,
        chain_error TEXT
    );
    CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        bench_id TEXT NOT NULL REFERENCES benches(bench_id),
        seq BIGINT NOT NULL,
        kind TEXT NOT NULL,
        created_at TEXT NOT NULL,
        payload TEXT NOT NULL,
        received_at TEXT NOT NULL
    );
    CREATE INDEX events_bench ON events(bench_id, seq);
    CREATE INDEX events_kind ON events(kind, received_at);
    CREATE TABLE audit_rows (
        bench_id TEXT NOT NULL REFERENCES benches(bench_id),
        seq BIGINT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (bench_id, seq)
    );
    CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        size BIGINT NOT NULL,
        received BIGINT NOT NULL DEFAULT 0,
        complete INTEGER NOT NULL DEFAULT 0,
        bench_id TEXT,
        created_at TEXT NOT NULL
    );
    CREATE TABLE blob_chunks (
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        pos BIGINT NOT NULL,
        data {{bytes}} NOT NULL,
        PRIMARY KEY (sha256, pos)
    );
    CREATE TABLE feed (
        seq {{pk}},
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        body TEXT NOT NULL,
        checksum TEXT NOT NULL,
        published_at TEXT NOT NULL,
        published_by TEXT NOT NULL
    );
    """,
    # 2: HQ staff who may read the HQ page (HTTP Basic); like bench tokens, only a key's hash.
    """
    CREATE TABLE operators (
        name TEXT PRIMARY KEY,
        key_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
    );
    """,
    # 3: trust. HQ's Ed25519 signing key (one row; benches pin its public half at enrollment)
    # and each feed item's signature; an item HQ withdrew (served as a signed "withdrawn" item
    # so every bench moves past it); each event's audit row (seq and hash) as the event names
    # it, so HQ checks the record it keeps against the chain it follows. A bench enrolled again
    # (`hq enroll --replaces OLD`) names the enrollment whose audit chain it carries on. A
    # bench's photo upload is its own until it is whole and verified (uploads, upload_chunks):
    # no bench sees or restarts another's; a photo is a bench's once it sent every byte of it
    # (blob_holders), even when another bench's copy is what HQ keeps.
    """
    CREATE TABLE signing_key (
        id INTEGER PRIMARY KEY,
        private_key TEXT NOT NULL,
        public_key TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    ALTER TABLE feed ADD COLUMN signature TEXT;
    ALTER TABLE feed ADD COLUMN withdrawn_at TEXT;
    ALTER TABLE feed ADD COLUMN withdrawn_reason TEXT;
    ALTER TABLE events ADD COLUMN audit_seq BIGINT;
    ALTER TABLE events ADD COLUMN audit_hash TEXT;
    CREATE INDEX events_audit ON events(bench_id, audit_seq);
    ALTER TABLE benches ADD COLUMN replaces TEXT;
    CREATE TABLE uploads (
        bench_id TEXT NOT NULL REFERENCES benches(bench_id),
        sha256 TEXT NOT NULL,
        size BIGINT NOT NULL,
        received BIGINT NOT NULL DEFAULT 0,
        started_at TEXT NOT NULL,
        PRIMARY KEY (bench_id, sha256)
    );
    CREATE TABLE upload_chunks (
        bench_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        pos BIGINT NOT NULL,
        data {bytes} NOT NULL,
        PRIMARY KEY (bench_id, sha256, pos)
    );
    CREATE TABLE blob_holders (
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        bench_id TEXT NOT NULL REFERENCES benches(bench_id),
        PRIMARY KEY (sha256, bench_id)
    );
    INSERT INTO blob_holders (sha256, bench_id)
        SELECT sha256, bench_id FROM blobs WHERE bench_id IS NOT NULL AND complete = 1;
    """,
    # 4: facility-wide identity and HQ's query tables. A facility's port (CBP port code), set
    # by the first enrollment that names it; each bench of a port its own two-digit segment of
    # the seizure number, kept by a bench enrolled again in its place and never given to
    # another (the numbers a revoked bench issued stay its own). Query tables kept from the
    # event log at ingest (`hq.storage.read_models`, rebuildable with `hq rebuild`): every
    # seizure number HQ holds and the bench that issued it (a second bench sending the same
    # number is refused), inspections with their verdict, holds per facility (targeted, where
    # and when located and examined), seized parties (the counter-network), the parties of the
    # AED HQ published (indexed when published: HQ's own link search), and arrivals (one row
    # per scan).
    # Targets HQ sets (`hq target set`): one value per measure and scope (an origin post, a
    # facility, or "all"), who set it and when; progress is computed from the query tables.
    # Decisions back to the posts: one message per inspection in the postal operator's terms,
    # numbered once (`seq`, the operators' cursor; never renumbered, so `hq rebuild` adds what
    # is missing and keeps the rest), an amendment's message naming the one it corrects; and
    # the postal operators who pull them, each with its own token (only its hash) and posts.
    """
    CREATE TABLE facilities (
        code TEXT PRIMARY KEY,
        port TEXT,
        created_at TEXT NOT NULL
    );
    INSERT INTO facilities (code, created_at)
        SELECT facility, min(enrolled_at) FROM benches GROUP BY facility;
    ALTER TABLE benches ADD COLUMN port TEXT;
    ALTER TABLE benches ADD COLUMN segment INTEGER;
    CREATE UNIQUE INDEX benches_segment ON benches(port, segment)
        WHERE revoked_at IS NULL AND segment IS NOT NULL;
    CREATE TABLE rm_seizures (
        seizure_number TEXT PRIMARY KEY,
        bench_id TEXT NOT NULL,
        facility TEXT NOT NULL,
        item_id TEXT NOT NULL,
        inspection_uuid TEXT NOT NULL,
        category TEXT NOT NULL,
        at TEXT NOT NULL,
        event_id TEXT NOT NULL
    );
    CREATE INDEX rm_seizures_at ON rm_seizures(at);
    CREATE TABLE rm_inspections (
        uuid TEXT PRIMARY KEY,
        bench_id TEXT NOT NULL,
        facility TEXT NOT NULL,
        item_id TEXT NOT NULL,
        origin TEXT NOT NULL,
        mail_class TEXT NOT NULL,
        outcome TEXT NOT NULL,
        selection TEXT NOT NULL,
        noncompliance INTEGER NOT NULL,
        verdict TEXT NOT NULL,
        at TEXT NOT NULL,
        amends TEXT,
        event_id TEXT NOT NULL,
        officer TEXT NOT NULL
    );
    CREATE INDEX rm_inspections_at ON rm_inspections(at);
    CREATE INDEX rm_inspections_amends ON rm_inspections(amends);
    CREATE INDEX rm_inspections_item ON rm_inspections(item_id, at);
    CREATE TABLE rm_arrivals (
        bench_id TEXT NOT NULL,
        scan_id BIGINT NOT NULL,
        item_id TEXT NOT NULL,
        facility TEXT NOT NULL,
        at TEXT NOT NULL,
        origin TEXT NOT NULL,
        mail_class TEXT NOT NULL,
        aed_present INTEGER NOT NULL,
        aed_on_time INTEGER NOT NULL,
        aed_completeness REAL,
        PRIMARY KEY (bench_id, scan_id)
    );
    CREATE INDEX rm_arrivals_at ON rm_arrivals(at);
    CREATE INDEX rm_arrivals_item ON rm_arrivals(item_id, at);
    CREATE TABLE rm_holds (
        facility TEXT NOT NULL,
        item_id TEXT NOT NULL,
        targeted_on TEXT NOT NULL,
        reason TEXT NOT NULL,
        source TEXT NOT NULL,
        status TEXT NOT NULL,
        located_at TEXT,
        located_by TEXT,
        examined_at TEXT,
        examined_by TEXT,
        inspection_uuid TEXT,
        PRIMARY KEY (facility, item_id, targeted_on)
    );
    CREATE INDEX rm_holds_targeted ON rm_holds(targeted_on);
    CREATE TABLE rm_seized_parties (
        seizure_number TEXT NOT NULL,
        facility TEXT NOT NULL,
        bench_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        role TEXT NOT NULL,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        block TEXT,
        display TEXT NOT NULL,
        PRIMARY KEY (seizure_number, role, kind, key)
    );
    CREATE INDEX rm_seized_parties_key ON rm_seized_parties(kind, key);
    CREATE TABLE rm_aed_parties (
        item_id TEXT NOT NULL,
        origin TEXT NOT NULL,
        role TEXT NOT NULL,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        display TEXT NOT NULL,
        PRIMARY KEY (item_id, role, kind, key)
    );
    CREATE INDEX rm_aed_parties_key ON rm_aed_parties(kind, key);
    CREATE TABLE targets (
        metric TEXT NOT NULL,
        scope TEXT NOT NULL,
        target REAL NOT NULL,
        set_at TEXT NOT NULL,
        set_by TEXT NOT NULL,
        PRIMARY KEY (metric, scope)
    );
    CREATE TABLE rm_decisions (
        seq {pk},
        inspection_uuid TEXT NOT NULL UNIQUE,
        item_id TEXT NOT NULL,
        origin TEXT NOT NULL,
        facility TEXT NOT NULL,
        code TEXT NOT NULL,
        decision TEXT NOT NULL,
        reason TEXT,
        at TEXT NOT NULL,
        corrects BIGINT
    );
    CREATE INDEX rm_decisions_origin ON rm_decisions(origin, seq);
    CREATE TABLE postal_operators (
        name TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        posts TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
    );
    """,
    # 5: figures that stay fast at an agency's volume. Each inspection knows whether it was
    # amended and when the parcel's next inspection was made (`next_at`; NULL while it is the
    # latest), so "the latest record of each parcel in the period" is a range scan, not two
    # probes per row. Arrivals keep, besides every scan, each parcel's first arrival anywhere
    # (`rm_first_arrivals`) and the counts per day, facility, origin post and mail class
    # (`rm_arrival_days`), kept in step at ingest (`hq.storage.arrival_counts`): a month of a
    # million scans is a few thousand rows to add up. `turns`: one row per parcel whose
    # requests must take turns (`Tx.lock_keys` locks it; PostgreSQL only). The AED parties HQ
    # indexed keep their address block, so HQ's link search matches addresses fuzzily as the
    # benches do (`hq.storage.links`).
    """
    ALTER TABLE rm_inspections ADD COLUMN amended INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE rm_inspections ADD COLUMN next_at TEXT;
    CREATE TABLE rm_first_arrivals (
        item_id TEXT PRIMARY KEY,
        bench_id TEXT NOT NULL,
        scan_id BIGINT NOT NULL,
        facility TEXT NOT NULL,
        at TEXT NOT NULL,
        origin TEXT NOT NULL,
        mail_class TEXT NOT NULL,
        aed_present INTEGER NOT NULL,
        aed_on_time INTEGER NOT NULL,
        aed_completeness REAL
    );
    CREATE TABLE rm_arrival_days (
        day TEXT NOT NULL,
        facility TEXT NOT NULL,
        origin TEXT NOT NULL,
        mail_class TEXT NOT NULL,
        arrived BIGINT NOT NULL,
        with_aed BIGINT NOT NULL,
        on_time BIGINT NOT NULL,
        completeness_sum REAL NOT NULL,
        completeness_n BIGINT NOT NULL,
        PRIMARY KEY (day, facility, origin, mail_class)
    );
    ALTER TABLE rm_aed_parties ADD COLUMN block TEXT;
    CREATE INDEX rm_aed_parties_block ON rm_aed_parties(block);
    CREATE INDEX rm_seized_parties_block ON rm_seized_parties(block);
    CREATE TABLE turns (
        space INTEGER NOT NULL,
        key TEXT NOT NULL,
        PRIMARY KEY (space, key)
    )
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
#: The migration that made the query tables: it fills them from the events HQ held already.
READ_MODELS_FROM = 4
#: The migration that made the inspections' latest state and the arrival counts (`latest`,
#: `arrival_counts`): it computes them for what HQ held.
COUNTED_FROM = 5

DIALECT_WORDS = {
    "sqlite": {"pk": "INTEGER PRIMARY KEY AUTOINCREMENT", "bytes": "BLOB"},
    "postgresql": {"pk": "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "bytes": "BYTEA"},
}


def statements(script: str, dialect: str) -> list[str]:
    """One migration as separate statements in the engine's words (no `;` inside literals)."""
    text = script.format(**DIALECT_WORDS[dialect])
    return [s.strip() for s in text.split(";") if s.strip()]
