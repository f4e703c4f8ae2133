-- Schema 1: the first wgll workbook.
--
-- Every table and column is named for what it holds so that the file reads
-- plainly in the sqlite3 tool. Times are UTC text "YYYY-MM-DD HH:MM:SS.SSSZ";
-- dates are "YYYY-MM-DD" or "" for none. Later schemas add columns (evidence
-- effective and review-by dates, confidence, a per-statement target level)
-- and tables (blind workshop scores) with ALTER TABLE / CREATE TABLE, so
-- nothing here is constrained in a way that would force a table rebuild:
-- value checks live in Go, not in CHECK constraints.

CREATE TABLE assessments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation  TEXT    NOT NULL,
    audience      TEXT    NOT NULL,
    period        TEXT    NOT NULL,
    care_setting  TEXT    NOT NULL DEFAULT '',
    carried_from  INTEGER REFERENCES assessments (id) ON DELETE SET NULL,
    -- The exact criteria TOML the assessment was made with, byte for byte.
    criteria_toml TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

-- One row per statement that has ever been scored or reasoned about. A
-- cleared score is 0; the row stays so its version keeps counting.
CREATE TABLE responses (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    statement_id  TEXT    NOT NULL,
    score         INTEGER NOT NULL DEFAULT 0,
    rationale     TEXT    NOT NULL DEFAULT '',
    updated_by    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (assessment_id, statement_id)
);

-- AUTOINCREMENT so that an id is never reused: undoing a delete puts the
-- row back under its old id.
CREATE TABLE evidence (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    statement_id  TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    detail        TEXT    NOT NULL DEFAULT '',
    link          TEXT    NOT NULL DEFAULT '',
    added_by      TEXT    NOT NULL,
    added_at      TEXT    NOT NULL,
    needs_review  INTEGER NOT NULL DEFAULT 0,
    updated_by    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX evidence_by_statement ON evidence (assessment_id, statement_id, id);

CREATE TABLE actions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    statement_id  TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    owner         TEXT    NOT NULL DEFAULT '',
    due           TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL DEFAULT 'open',
    priority      TEXT    NOT NULL DEFAULT 'medium',
    created_by    TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    updated_by    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX actions_by_statement ON actions (assessment_id, statement_id, id);

-- The append-only change log. One store call (one transaction) is one edit
-- and may log several rows (one per field changed) under one edit_id; undo
-- reverses a whole edit. An insert or delete holds the whole row as JSON in
-- new_value or old_value. entity_version is the row's version after the
-- change, so an undo can tell whether someone changed the row since.
-- There is no foreign key to assessments: the log outlives what it records.
CREATE TABLE changes (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    edit_id        INTEGER NOT NULL,
    changed_at     TEXT    NOT NULL,
    changed_by     TEXT    NOT NULL,
    assessment_id  INTEGER NOT NULL,
    entity         TEXT    NOT NULL,
    entity_id      TEXT    NOT NULL,
    operation      TEXT    NOT NULL,
    field          TEXT    NOT NULL DEFAULT '',
    old_value      TEXT    NOT NULL DEFAULT '',
    new_value      TEXT    NOT NULL DEFAULT '',
    entity_version INTEGER NOT NULL DEFAULT 0,
    undo_of        INTEGER REFERENCES changes (id)
);
CREATE INDEX changes_by_user ON changes (changed_by, edit_id);
CREATE INDEX changes_by_undo_of ON changes (undo_of);
CREATE INDEX changes_by_edit ON changes (edit_id);

-- Unsaved text, autosaved while someone types; one per user and key.
CREATE TABLE drafts (
    user_name     TEXT    NOT NULL,
    draft_key     TEXT    NOT NULL,
    assessment_id INTEGER NOT NULL DEFAULT 0,
    label         TEXT    NOT NULL DEFAULT '',
    text          TEXT    NOT NULL,
    saved_at      TEXT    NOT NULL,
    PRIMARY KEY (user_name, draft_key)
);
