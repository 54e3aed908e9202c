"""Schema history. A shipped migration is never edited: add a new one instead."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sqlite_utils import Database, Migrations

migrations = Migrations("gbapp")
KNOWN: list[str] = []  # names of every migration this version of gbapp knows, in order


def migration(fn: Callable[[Database], None]) -> Callable[[Database], None]:
    """Register *fn* as the next migration (run in one transaction with its record)."""
    KNOWN.append(fn.__name__)
    return migrations()(fn)


def run_script(db: Database, script: str) -> None:
    """Run several statements inside the current transaction.

    sqlite3's executescript() would COMMIT first and break the migration's atomicity.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement[:60]!r}")


@migration
def m001_initial(db: Database) -> None:
    run_script(db, 
        """
        CREATE TABLE plans (
            id INTEGER PRIMARY KEY,
            number TEXT,
            doc_type TEXT,
            issuer TEXT,
            place TEXT,
            issued_on TEXT,
            effective_on TEXT,
            signer TEXT,
            signer_authority TEXT,
            signer_title TEXT,
            title TEXT,
            domain_field TEXT,
            year INTEGER,
            status TEXT NOT NULL DEFAULT 'draft',
            recipients TEXT NOT NULL DEFAULT '[]',
            truncated INTEGER NOT NULL DEFAULT 0,
            source_file TEXT,
            created_at TEXT NOT NULL DEFAULT (datetime('now')),
            updated_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        CREATE UNIQUE INDEX plans_number ON plans(number) WHERE number IS NOT NULL;

        CREATE TABLE legal_bases (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            doc_type TEXT NOT NULL DEFAULT '',
            number TEXT NOT NULL DEFAULT '',
            issued_on TEXT,
            issuer TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX legal_bases_plan ON legal_bases(plan_id, position);

        CREATE TABLE agencies (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            short_name TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT '',
            level TEXT NOT NULL DEFAULT 'tinh',
            parent_id INTEGER REFERENCES agencies(id) ON DELETE SET NULL,
            valid_from TEXT,
            valid_to TEXT,
            successor_id INTEGER REFERENCES agencies(id) ON DELETE SET NULL,
            active INTEGER NOT NULL DEFAULT 1,
            note TEXT NOT NULL DEFAULT '',
            search TEXT NOT NULL DEFAULT ''
        );
        CREATE UNIQUE INDEX agencies_name ON agencies(name);

        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
            parent_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            depth INTEGER NOT NULL DEFAULT 0,
            kind TEXT NOT NULL,
            label TEXT NOT NULL,
            ref TEXT NOT NULL,
            sort_path TEXT NOT NULL,
            source_label TEXT,
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            is_activity INTEGER NOT NULL DEFAULT 0,
            tf_text TEXT NOT NULL DEFAULT '',
            tf_start TEXT,
            tf_end TEXT,
            tf_recurring INTEGER NOT NULL DEFAULT 0,
            output TEXT NOT NULL DEFAULT '',
            budget REAL,
            budget_source TEXT NOT NULL DEFAULT '',
            -- denormalised for instant filtering and sorting of large plans (kept by the store)
            lead_agency_id INTEGER REFERENCES agencies(id) ON DELETE SET NULL,
            progress_status TEXT,
            completed_on TEXT,
            search TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX items_parent ON items(plan_id, parent_id, position);
        CREATE INDEX items_order ON items(plan_id, sort_path);
        CREATE INDEX items_activity_due ON items(plan_id, is_activity, tf_end);
        CREATE INDEX items_lead ON items(lead_agency_id);

        CREATE TABLE assignments (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            agency_id INTEGER NOT NULL REFERENCES agencies(id),
            role TEXT NOT NULL CHECK (role IN ('chu_tri', 'phoi_hop')),
            is_sample INTEGER NOT NULL DEFAULT 0,
            UNIQUE (item_id, agency_id)
        );
        CREATE INDEX assignments_agency ON assignments(agency_id, role);

        CREATE TABLE periods (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'year',
            start_on TEXT,
            end_on TEXT,
            due_on TEXT
        );

        CREATE TABLE progress_reports (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            agency_id INTEGER NOT NULL REFERENCES agencies(id),
            period_id INTEGER NOT NULL REFERENCES periods(id) ON DELETE CASCADE,
            status TEXT NOT NULL DEFAULT 'chua_trien_khai',
            percent INTEGER CHECK (percent IS NULL OR percent BETWEEN 0 AND 100),
            result TEXT NOT NULL DEFAULT '',
            sessions INTEGER,
            participants INTEGER,
            men INTEGER,
            women INTEGER,
            evidence TEXT NOT NULL DEFAULT '',
            difficulties TEXT NOT NULL DEFAULT '',
            proposals TEXT NOT NULL DEFAULT '',
            spending REAL,
            completed_on TEXT,
            is_sample INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL DEFAULT (datetime('now')),
            UNIQUE (item_id, agency_id, period_id)
        );
        CREATE INDEX progress_period ON progress_reports(period_id, agency_id);

        CREATE TABLE indicators (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            unit TEXT NOT NULL DEFAULT '%',
            direction TEXT NOT NULL DEFAULT '>=' CHECK (direction IN ('>=', '<=')),
            baseline REAL,
            baseline_year INTEGER,
            source TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE indicator_targets (
            indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
            year INTEGER NOT NULL,
            value REAL NOT NULL,
            PRIMARY KEY (indicator_id, year)
        );
        CREATE TABLE indicator_values (
            id INTEGER PRIMARY KEY,
            indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
            year INTEGER NOT NULL,
            value REAL,
            men REAL,
            women REAL,
            note TEXT NOT NULL DEFAULT '',
            is_sample INTEGER NOT NULL DEFAULT 0,
            UNIQUE (indicator_id, year)
        );
        CREATE TABLE item_indicators (
            item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
            PRIMARY KEY (item_id, indicator_id)
        );

        CREATE TABLE change_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now')),
            action TEXT NOT NULL,
            entity TEXT NOT NULL DEFAULT '',
            entity_id INTEGER,
            summary TEXT NOT NULL DEFAULT ''
        );

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """
    )


@migration
def m002_item_search_index(db: Database) -> None:
    # Trigram full-text index over the folded (diacritic-free, lower-case) search column, so that
    # search-as-you-type finds substrings among 100,000 activities without a table scan.
    run_script(db, 
        """
        CREATE VIRTUAL TABLE items_fts USING fts5(
            search, content='items', content_rowid='id', tokenize='trigram'
        );
        INSERT INTO items_fts(rowid, search) SELECT id, search FROM items;
        CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
            INSERT INTO items_fts(rowid, search) VALUES (new.id, new.search);
        END;
        CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
            INSERT INTO items_fts(items_fts, rowid, search) VALUES ('delete', old.id, old.search);
        END;
        CREATE TRIGGER items_fts_update AFTER UPDATE OF search ON items BEGIN
            INSERT INTO items_fts(items_fts, rowid, search) VALUES ('delete', old.id, old.search);
            INSERT INTO items_fts(rowid, search) VALUES (new.id, new.search);
        END;
        """
    )



@migration
def m003_sort_keys_and_parent_index(db: Database) -> None:
    # Sorting 100,000 titles through a Python collation took seconds; a stored key sorts in SQL.
    # The child-count subquery needs parent_id alone (items_parent leads with plan_id).
    run_script(db, """
        ALTER TABLE items ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
        ALTER TABLE agencies ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
        UPDATE items SET title_key = vi_key(title);
        UPDATE agencies SET name_key = vi_key(name);
        CREATE INDEX items_parent_id ON items(parent_id);
        CREATE INDEX items_title_key ON items(plan_id, title_key);
    """)


@migration
def m004_covering_sort_indexes(db: Database) -> None:
    # Sorting 100,000 activities by lead or status read every wide row (~350 ms); these
    # indexes hold what those sorts need, so the sort reads the index alone (~60 ms). Time
    # frame and title sorts become index scans that stop after one page.
    run_script(db, """
        DROP INDEX items_title_key;
        CREATE INDEX items_sort_title ON items(plan_id, is_activity, title_key, sort_path);
        CREATE INDEX items_sort_tf ON items(plan_id, is_activity, tf_text, sort_path);
        CREATE INDEX items_sort_lead ON items(plan_id, is_activity, lead_agency_id, sort_path);
        CREATE INDEX items_sort_status
            ON items(plan_id, is_activity, progress_status, tf_end, completed_on, sort_path);
    """)


@migration
def m005_programme_last_year(db: Database) -> None:
    # A multi-year programme's last year ("giai đoạn 2026 - 2030"): recurring work typed in
    # the activity form runs to it, as it does at import (NULL: a yearly plan).
    run_script(db, "ALTER TABLE plans ADD COLUMN year_to INTEGER;")


@migration
def m006_word_search_index(db: Database) -> None:
    # Search matches the starts of words instead of any three letters. Building the trigram
    # index took 0.25-0.4 s of a 10,000-activity import and a fifth of the file; a word index
    # with entries for the 3- to 6-letter starts of words takes 0.1 s and answers a word typed
    # so far in 1-3 ms on 100,000 activities (trigrams: 2-9 ms). The search column keeps words
    # only, one space apart (domain.text.search_words): SQL and the index agree on where a
    # word starts.
    from .items import search_text

    run_script(db, """
        DROP TRIGGER items_fts_insert;
        DROP TRIGGER items_fts_delete;
        DROP TRIGGER items_fts_update;
        DROP TABLE items_fts;
    """)
    rows = db.execute("SELECT id, ref, title, text, tf_text, output FROM items").fetchall()
    db.conn.executemany("UPDATE items SET search = ? WHERE id = ?",
                        [(search_text(*row[1:]), row[0]) for row in rows])
    run_script(db, """
        CREATE VIRTUAL TABLE items_fts USING fts5(
            search, content='items', content_rowid='id', tokenize='unicode61 remove_diacritics 0',
            prefix='3 4 5 6'
        );
        INSERT INTO items_fts(rowid, search) SELECT id, search FROM items;
        CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
            INSERT INTO items_fts(rowid, search) VALUES (new.id, new.search);
        END;
        CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
            INSERT INTO items_fts(items_fts, rowid, search) VALUES ('delete', old.id, old.search);
        END;
        CREATE TRIGGER items_fts_update AFTER UPDATE OF search ON items BEGIN
            INSERT INTO items_fts(items_fts, rowid, search) VALUES ('delete', old.id, old.search);
            INSERT INTO items_fts(rowid, search) VALUES (new.id, new.search);
        END;
    """)


@migration
def m007_legal_basis_verb(db: Database) -> None:
    # How the plan cites each document ("Căn cứ Quyết định…" or "Thực hiện Quyết định…"): a
    # re-issued plan guessed it from the type, and a Quyết định cited with "Căn cứ" came out
    # as "Thực hiện". '' (older rows, typed bases): chosen by the type as before.
    run_script(db, "ALTER TABLE legal_bases ADD COLUMN verb TEXT NOT NULL DEFAULT '';")


@migration
def m008_database_identity(db: Database) -> None:
    # The database's own identity, made once and copied with the file: its backups are found
    # by it (store.backup.folders_of), so a file on a USB stick whose drive letter changes, or
    # moved to another folder, keeps its backups. OR IGNORE: a file restored from a backup of
    # an older gbapp was given the identity of the backups it came from (store.backup.restore).
    run_script(db, "INSERT OR IGNORE INTO settings (key, value) "
                   "VALUES ('db.id', lower(hex(randomblob(8))));")


@migration
def m009_latest_lead_word_and_recurring_rounds(db: Database) -> None:
    # An activity's status is its lead's latest report (a "Hoàn thành" of the first quarter
    # corrected to "Đang thực hiện" in the second is not done), as the documents read it; it
    # was the earliest "done". And the activities page shows a recurring activity done in an
    # earlier year of its run as this year's round still to do, which reads tf_recurring:
    # the status sort's covering index takes it in (without, ~60 ms became ~350 ms). The list
    # of who has not reported reads the lead's report of each period: the period's index
    # holds what it reads (progress.SETTLED_SQL; rows: +0.3-0.5 s on 100,000 activities).
    from .progress import refresh_statuses

    refresh_statuses(db)
    run_script(db, """
        DROP INDEX items_sort_status;
        CREATE INDEX items_sort_status ON items(plan_id, is_activity, progress_status, tf_end,
                                                completed_on, tf_recurring, sort_path);
        DROP INDEX progress_period;
        CREATE INDEX progress_period
            ON progress_reports(period_id, agency_id, item_id, status, completed_on);
    """)


@migration
def m010_recurring_round_due(db: Database) -> None:
    # A recurring activity of a programme ("hằng năm", 2021 - 2030) is due at the end of this
    # year's round, not on the programme's last day: the activities page shows, filters and
    # sorts by that due and its status is overdue after it (activities.DUE_SQL). The round is
    # kept within the activity's run, which reads tf_start ("hằng năm, từ năm 2027" is not due
    # in 2025): the status sort's covering index takes it in, and the due sort reads the same
    # index (no index is in the order of a due that depends on today).
    run_script(db, """
        DROP INDEX items_sort_status;
        CREATE INDEX items_sort_status ON items(plan_id, is_activity, progress_status, tf_end,
                                                completed_on, tf_recurring, tf_start, sort_path);
    """)
