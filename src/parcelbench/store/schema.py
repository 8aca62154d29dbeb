"""The schema, as an ordered list of forward migrations keyed by `PRAGMA user_version`.

A migration is never edited once released; a change is a new entry at the end. Opening an older
database applies the missing steps in one transaction each; a database newer than this code is
refused rather than guessed at.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: the foundation schema
    """
    CREATE TABLE aed_imports (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        format TEXT NOT NULL,
        sha256 TEXT,
        actor TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        imported INTEGER NOT NULL DEFAULT 0,
        superseded INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE aed_rejections (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES aed_imports(id),
        line INTEGER NOT NULL,
        item_id TEXT,
        field TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE INDEX aed_rejections_import ON aed_rejections(import_id);
    CREATE TABLE aed_parties (
        id INTEGER PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('sender', 'addressee')),
        name TEXT NOT NULL,
        business TEXT,
        street TEXT,
        city TEXT,
        postcode TEXT,
        state TEXT,
        country TEXT NOT NULL,
        phone TEXT,
        email TEXT,
        tax_id TEXT
    );
    CREATE TABLE aed_items (
        id INTEGER PRIMARY KEY,
        item_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        is_current INTEGER NOT NULL,
        sent_at TEXT,
        mail_class TEXT,
        category TEXT,
        category_explanation TEXT,
        gross_weight_kg REAL,
        total_value TEXT,
        currency TEXT,
        postal_charges TEXT,
        invoice_no TEXT,
        licence_nos TEXT,
        certificate_nos TEXT,
        comments TEXT,
        sender_id INTEGER NOT NULL REFERENCES aed_parties(id),
        addressee_id INTEGER NOT NULL REFERENCES aed_parties(id),
        import_id INTEGER REFERENCES aed_imports(id),
        imported_at TEXT NOT NULL,
        superseded_at TEXT,
        UNIQUE (item_id, version)
    );
    CREATE TABLE aed_contents (
        item_row INTEGER NOT NULL REFERENCES aed_items(id),
        line_no INTEGER NOT NULL,
        description TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        net_weight_kg REAL,
        value TEXT,
        currency TEXT,
        hs_code TEXT,
        origin_country TEXT,
        PRIMARY KEY (item_row, line_no)
    ) WITHOUT ROWID;

    CREATE TABLE officers (
        badge TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('officer', 'supervisor', 'custodian')),
        pin_hash TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE scans (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        raw TEXT NOT NULL,
        item_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        valid INTEGER NOT NULL,
        source TEXT NOT NULL,
        symbology TEXT,
        officer_badge TEXT
    );
    CREATE INDEX scans_item ON scans(item_id);
    CREATE TABLE inspections (
        uuid TEXT PRIMARY KEY,
        item_id TEXT NOT NULL,
        aed_version INTEGER,
        outcome TEXT NOT NULL,
        officer_badge TEXT NOT NULL,
        at TEXT NOT NULL,
        targeted INTEGER NOT NULL,
        agency TEXT,
        reason TEXT,
        noncompliance TEXT NOT NULL DEFAULT '[]',
        notes TEXT,
        amends TEXT REFERENCES inspections(uuid),
        risk TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX inspections_item ON inspections(item_id);
    CREATE INDEX inspections_at ON inspections(at);
    CREATE TABLE seizures (
        seizure_number TEXT PRIMARY KEY,
        inspection_uuid TEXT NOT NULL REFERENCES inspections(uuid),
        category TEXT NOT NULL,
        description TEXT NOT NULL,
        quantity REAL NOT NULL,
        unit TEXT NOT NULL,
        weight_g REAL NOT NULL,
        at TEXT NOT NULL,
        field_test TEXT,
        field_test_result TEXT,
        evidence_bags TEXT NOT NULL DEFAULT '[]',
        witness TEXT,
        status TEXT NOT NULL DEFAULT 'pending'
    );
    CREATE TABLE photos (
        sha256 TEXT NOT NULL,
        inspection_uuid TEXT NOT NULL REFERENCES inspections(uuid),
        size INTEGER NOT NULL,
        taken_at TEXT NOT NULL,
        caption TEXT,
        PRIMARY KEY (sha256, inspection_uuid)
    );
    CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
    );
    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        sent_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        parked_reason TEXT
    );
    CREATE INDEX outbox_pending ON outbox(seq) WHERE sent_at IS NULL;
    CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE rule_packs (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        body TEXT NOT NULL,
        loaded_at TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 0,
        UNIQUE (name, version)
    );
    """,
    # 2: the counter-network (entity keys of seized parcels), watchlist, known shippers, settings.
    # seized_entities has no foreign key to seizures: HQ will also push the entities of other
    # benches' seizures, which this bench holds no seizure row for. Keys are the normalised forms
    # of parcelbench.risk.entities; the text as entered is kept beside each key so the keys can be
    # recomputed if the normalisation rules change.
    """
    CREATE TABLE seized_entities (
        id INTEGER PRIMARY KEY,
        seizure_number TEXT NOT NULL,
        item_id TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('sender', 'addressee')),
        kind TEXT NOT NULL CHECK (kind IN ('name', 'address', 'phone', 'email')),
        key TEXT NOT NULL,
        block TEXT,
        display TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (seizure_number, role, kind, key)
    );
    CREATE INDEX seized_entities_key ON seized_entities(kind, key);
    CREATE INDEX seized_entities_block ON seized_entities(kind, block);
    CREATE TABLE watchlist (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('name', 'address', 'phone', 'email')),
        value TEXT NOT NULL,
        country TEXT,
        city TEXT,
        postcode TEXT,
        key TEXT NOT NULL,
        block TEXT,
        reason TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT 'local',
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        removed_by TEXT,
        removed_at TEXT
    );
    CREATE INDEX watchlist_key ON watchlist(kind, key);
    CREATE INDEX watchlist_block ON watchlist(kind, block);
    CREATE TABLE known_shippers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        street TEXT,
        city TEXT,
        postcode TEXT,
        country TEXT NOT NULL,
        name_key TEXT NOT NULL,
        address_key TEXT,
        programme TEXT NOT NULL,
        reference TEXT,
        source TEXT NOT NULL DEFAULT 'local',
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        removed_by TEXT,
        removed_at TEXT
    );
    CREATE INDEX known_shippers_name ON known_shippers(name_key);
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 3: the volume index (parcelbench.store.volume): one row per current AED item version with
    # its day and hashed sender / addressee-address keys, filled after each import from the
    # rows past volume_state.indexed_upto (so databases imported before it catch up the same way).
    """
    CREATE TABLE aed_volume (
        item_row INTEGER PRIMARY KEY REFERENCES aed_items(id),
        day INTEGER NOT NULL,
        sender_key INTEGER,
        addressee_key INTEGER
    );
    CREATE INDEX aed_volume_addressee ON aed_volume(addressee_key, day, sender_key)
        WHERE addressee_key IS NOT NULL;
    CREATE INDEX aed_volume_sender ON aed_volume(sender_key, day)
        WHERE sender_key IS NOT NULL;
    CREATE TABLE volume_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        indexed_upto INTEGER NOT NULL
    );
    INSERT INTO volume_state (id, indexed_upto) VALUES (1, 0);
    """,
    # 4: holds (parcelbench.store.holds): parcels targeted for examination, imported in batches.
    # At most one active (not yet examined) hold per item id, enforced by the partial unique
    # index; an examined hold stays as history, and a later targeting of the same id is a new
    # row. The CHECKs tie the status to its timestamps and to the inspection that examined it,
    # so "examined" cannot be written without naming a real inspection.
    """
    CREATE TABLE hold_imports (
        id INTEGER PRIMARY KEY,
        file TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('csv', 'jsonl')),
        sha256 TEXT NOT NULL,
        actor TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        rows INTEGER NOT NULL,
        added INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        unchanged INTEGER NOT NULL,
        examined_on_import INTEGER NOT NULL
    );
    CREATE TABLE holds (
        id INTEGER PRIMARY KEY,
        item_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        source TEXT NOT NULL,
        targeted_on TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        import_id INTEGER NOT NULL REFERENCES hold_imports(id),
        updated_at TEXT,
        updated_import_id INTEGER REFERENCES hold_imports(id),
        status TEXT NOT NULL DEFAULT 'outstanding'
            CHECK (status IN ('outstanding', 'located', 'examined')),
        located_at TEXT,
        examined_at TEXT,
        inspection_uuid TEXT REFERENCES inspections(uuid),
        CHECK ((status = 'outstanding') = (located_at IS NULL)),
        CHECK ((status = 'examined') = (examined_at IS NOT NULL)),
        CHECK ((status = 'examined') = (inspection_uuid IS NOT NULL))
    );
    CREATE UNIQUE INDEX holds_active_item ON holds(item_id) WHERE status != 'examined';
    CREATE INDEX holds_item ON holds(item_id);
    CREATE INDEX holds_status ON holds(status, targeted_on);
    CREATE INDEX holds_inspection ON holds(inspection_uuid) WHERE inspection_uuid IS NOT NULL;
    """,
    # 5: special operations (parcelbench.store.operations): a supervisor starts and ends one; at
    # most one runs at a time; its counts come from the inspections recorded while it ran.
    """
    CREATE TABLE operations (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        starts_on TEXT NOT NULL,
        ends_on TEXT NOT NULL,
        targeted_rate REAL NOT NULL CHECK (targeted_rate BETWEEN 0 AND 1),
        random_rate REAL NOT NULL CHECK (random_rate BETWEEN 0 AND 1),
        started_by TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_by TEXT,
        ended_at TEXT,
        CHECK ((ended_by IS NULL) = (ended_at IS NULL))
    );
    CREATE UNIQUE INDEX operations_one_running ON operations((1)) WHERE ended_at IS NULL;
    """,
    # 6: seizure approval and custody (parcelbench.store.seizures). A review is a supervisor's
    # decision on a seizure (approved, or returned to the officer with a comment) or the
    # officer's resubmission; seizures.status follows the newest review. A custody transfer is
    # one line of the chain-of-custody table the seizure report prints. The indexes keep the
    # approval queue and the period summaries fast on a bench with 100,000s of inspections.
    """
    CREATE TABLE seizure_reviews (
        id INTEGER PRIMARY KEY,
        seizure_number TEXT NOT NULL REFERENCES seizures(seizure_number),
        decision TEXT NOT NULL CHECK (decision IN ('approved', 'returned', 'resubmitted')),
        comment TEXT,
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        CHECK (decision != 'returned' OR length(trim(coalesce(comment, ''))) > 0)
    );
    CREATE INDEX seizure_reviews_number ON seizure_reviews(seizure_number, id);
    CREATE INDEX seizures_status ON seizures(status, at);
    CREATE INDEX seizures_inspection ON seizures(inspection_uuid);
    CREATE INDEX photos_inspection ON photos(inspection_uuid);
    CREATE INDEX inspections_amends ON inspections(amends) WHERE amends IS NOT NULL;
    CREATE TABLE custody_transfers (
        id INTEGER PRIMARY KEY,
        seizure_number TEXT NOT NULL REFERENCES seizures(seizure_number),
        released_by TEXT NOT NULL,
        received_by TEXT NOT NULL,
        at TEXT NOT NULL,
        purpose TEXT NOT NULL,
        recorded_by TEXT NOT NULL
    );
    CREATE INDEX custody_transfers_number ON custody_transfers(seizure_number, id);
    """,
    # 7: HQ sync (parcelbench.store.sync): which photos HQ holds, and the feed items applied (the
    # cursor itself is sync_state 'cursor', moved in the same transaction as each page). HQ
    # address and token live in sync_state; parked events use outbox.parked_reason.
    """
    CREATE INDEX IF NOT EXISTS outbox_parked ON outbox(seq) WHERE parked_reason IS NOT NULL;
    CREATE TABLE IF NOT EXISTS sync_blobs (
        sha256 TEXT PRIMARY KEY,
        uploaded_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS feed_applied (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        checksum TEXT NOT NULL,
        applied_at TEXT NOT NULL
    );
    """,
    # 8: AED search (parcelbench.store.aed.search). An FTS5 index with the trigram tokenizer, so
    # any substring of three characters or more is an index lookup, case-insensitive. One text
    # per current item version: both parties' names and businesses, both streets and e-mails,
    # then every content description, one per line (a query term never holds a line break, so
    # no match spans two fields). The index keeps no copy of the text: its content is the view
    # aed_search_text over AED rows that never change once written. The import adds each batch's
    # current rows through the view and removes a row it supersedes before demoting it (FTS5
    # reads the text to remove through the view, which shows current rows only). A database made
    # before this index is indexed here, once ('rebuild' reads the view; run again, it only
    # rebuilds the same index, hence IF NOT EXISTS as in 7). A change to the view's text needs
    # a migration that rebuilds the index: a row leaves it by the text the view gives now.
    # columnsize=0: no per-row token counts, as nothing ranks hits by relevance.
    """
    CREATE VIEW IF NOT EXISTS aed_search_text AS
    SELECT i.id AS id,
        s.name || coalesce(char(10) || s.business, '')
        || char(10) || a.name || coalesce(char(10) || a.business, '')
        || coalesce(char(10) || s.street, '') || coalesce(char(10) || a.street, '')
        || coalesce(char(10) || s.email, '') || coalesce(char(10) || a.email, '')
        || coalesce(char(10) || (SELECT group_concat(c.description, char(10))
                                 FROM aed_contents c WHERE c.item_row = i.id), '') AS body
    FROM aed_items i
    JOIN aed_parties s ON s.id = i.sender_id
    JOIN aed_parties a ON a.id = i.addressee_id
    WHERE i.is_current = 1;
    CREATE VIRTUAL TABLE IF NOT EXISTS aed_search USING fts5(
        body,
        tokenize = 'trigram',
        content = 'aed_search_text',
        content_rowid = 'id',
        columnsize = 0
    );
    INSERT INTO aed_search (aed_search) VALUES ('rebuild');
    """,
    # 9: what sync set aside so it never blocks what comes after: feed items this bench could
    # not apply (the cursor moved past them in the same transaction; HQ hears of each through a
    # feed.refused event) and photos it could not send (damaged or missing on this bench, or
    # refused by HQ), each with the reason, until a supervisor sends them again. IF NOT EXISTS
    # as in 7: a database rebuilt from an older version runs this again.
    """
    CREATE TABLE IF NOT EXISTS feed_refused (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        checksum TEXT NOT NULL,
        reason TEXT NOT NULL,
        refused_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS sync_blobs_parked (
        sha256 TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        parked_at TEXT NOT NULL
    );
    """,
    # 10: the exam as officers run it (parcelbench.domain.exam). Each inspection says why the
    # parcel was examined (`selection`; NULL on records made before) and how (`exam`: methods,
    # field tests, findings, the supervisor who allowed a release over a critical flag, the
    # return reason, the disposal's witness and certificate, a detention notice). A seizure line
    # names the substance, the lab sample and its seals. A laboratory's result and a partner
    # agency's answer to a referral come later: written beside the evidence, never into it.
    # The random-exam draws keep what was drawn at each scan, so the record can be checked.
    """
    ALTER TABLE inspections ADD COLUMN selection TEXT;
    ALTER TABLE inspections ADD COLUMN exam TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE seizures ADD COLUMN substance TEXT;
    ALTER TABLE seizures ADD COLUMN lab_sample TEXT;
    ALTER TABLE seizures ADD COLUMN seals TEXT NOT NULL DEFAULT '[]';
    CREATE TABLE lab_results (
        id INTEGER PRIMARY KEY,
        seizure_number TEXT NOT NULL REFERENCES seizures(seizure_number),
        lab_sample TEXT NOT NULL,
        result TEXT NOT NULL,
        substance TEXT,
        laboratory TEXT NOT NULL,
        report_ref TEXT,
        recorded_by TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX lab_results_seizure ON lab_results(seizure_number, id);
    CREATE TABLE referral_answers (
        inspection_uuid TEXT PRIMARY KEY REFERENCES inspections(uuid),
        agency TEXT NOT NULL,
        answer TEXT NOT NULL,
        finding INTEGER NOT NULL,
        closed_by TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE TABLE random_draws (
        id INTEGER PRIMARY KEY,
        item_id TEXT NOT NULL,
        drawn_at TEXT NOT NULL,
        fraction REAL NOT NULL,
        rate REAL NOT NULL,
        picked INTEGER NOT NULL
    );
    CREATE INDEX random_draws_item ON random_draws(item_id, id);
    CREATE TABLE bench_secret (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 11: arrivals for HQ. Each scan of a valid id keeps what it knew of the parcel's AED:
    # there or not, on time (no later than the parcel's arrival at the facility) and how
    # complete (`domain.arrival`); sync sends the scans after its cursor to HQ as arrivals.
    # NULL on scans made before. A hold located or examined at another bench of the facility
    # (HQ's feed says so) keeps where, by whom and with what outcome (`elsewhere`): examined
    # there, it has no inspection here (the table is rebuilt for that CHECK; SQLite cannot
    # change a constraint in place). A seized party from HQ's feed keeps the facility where it
    # was seized (NULL: this bench's own).
    """
    ALTER TABLE scans ADD COLUMN aed_present INTEGER;
    ALTER TABLE scans ADD COLUMN aed_on_time INTEGER;
    ALTER TABLE scans ADD COLUMN aed_completeness REAL;
    ALTER TABLE seized_entities ADD COLUMN facility TEXT;
    CREATE TABLE holds_new (
        id INTEGER PRIMARY KEY,
        item_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        source TEXT NOT NULL,
        targeted_on TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        import_id INTEGER NOT NULL REFERENCES hold_imports(id),
        updated_at TEXT,
        updated_import_id INTEGER REFERENCES hold_imports(id),
        status TEXT NOT NULL DEFAULT 'outstanding'
            CHECK (status IN ('outstanding', 'located', 'examined')),
        located_at TEXT,
        examined_at TEXT,
        inspection_uuid TEXT REFERENCES inspections(uuid),
        elsewhere TEXT,
        CHECK ((status = 'outstanding') = (located_at IS NULL)),
        CHECK ((status = 'examined') = (examined_at IS NOT NULL)),
        CHECK ((status = 'examined') = (inspection_uuid IS NOT NULL)
            OR (status = 'examined' AND inspection_uuid IS NULL AND elsewhere IS NOT NULL))
    );
    INSERT INTO holds_new (id, item_id, reason, source, targeted_on, imported_at, import_id,
        updated_at, updated_import_id, status, located_at, examined_at, inspection_uuid)
        SELECT id, item_id, reason, source, targeted_on, imported_at, import_id, updated_at,
        updated_import_id, status, located_at, examined_at, inspection_uuid FROM holds;
    DROP TABLE holds;
    ALTER TABLE holds_new RENAME TO holds;
    CREATE UNIQUE INDEX holds_active_item ON holds(item_id) WHERE status != 'examined';
    CREATE INDEX holds_item ON holds(item_id);
    CREATE INDEX holds_status ON holds(status, targeted_on);
    CREATE INDEX holds_inspection ON holds(inspection_uuid) WHERE inspection_uuid IS NOT NULL;
    """,
    # 12: the search index (8) gathers 4 MiB of new terms in memory before it writes them out
    # as a segment (FTS5's 'hashsize'; 1 MiB by default). A 2,000-item batch of the AED import
    # holds about that much, so at 1 MiB each batch became two small segments, and merging them
    # is most of what indexing costs: 15 % less CPU for the index on a million-item import
    # (measured), fewer segments for a search to read, and at most 4 MiB more memory while a
    # transaction writes to the index. A setting of the index, kept in its own config table.
    """
    INSERT INTO aed_search (aed_search, rank) VALUES ('hashsize', 4194304);
    """,
    # 13: what a re-score of the stored AED found, kept (store.risk_scores). One row per run;
    # the parcels it did not clear, with the version it assessed, so a later correction of the
    # AED shows the score is stale. Only the last run's parcels are kept: it replaces the one
    # before, as the active pack replaced the pack before.
    """
    CREATE TABLE risk_rescores (
        id INTEGER PRIMARY KEY,
        rulepack TEXT NOT NULL,
        actor TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        items INTEGER NOT NULL,
        levels TEXT NOT NULL
    );
    CREATE TABLE risk_scores (
        item_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        rescore_id INTEGER NOT NULL REFERENCES risk_rescores(id),
        level TEXT NOT NULL CHECK (level IN ('examine', 'detain')),
        score INTEGER NOT NULL,
        rules TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX risk_scores_level ON risk_scores(level, score);
    """,
    # 14: how far the search index (8) has caught up with the AED rows (store.search_index): a
    # big import may leave its rows to be indexed after it commits. Everything held is indexed
    # at this point (8 rebuilt it, and every import since kept it in step).
    """
    CREATE TABLE search_index_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        indexed_upto INTEGER NOT NULL
    );
    INSERT INTO search_index_state (id, indexed_upto) SELECT 1, coalesce(max(id), 0) FROM aed_items;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
