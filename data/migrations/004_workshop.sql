-- Schema 3: board workshops (blind votes, reveal, agreement).
--
-- A workshop is one sitting of a board on one assessment. Each statement
-- the room takes has one or more rounds; each round has at most one vote
-- per participant (1 to 5, or 0 for "don't know"), changeable until the
-- facilitator reveals the round. Agreeing sets the statement's score
-- through the usual scoring path (with its change-log row, so undo works)
-- and records here what it was agreed from.
--
-- The votes are blind on screen only: this file holds every vote, with its
-- voter's name and reason, for the minutes. Times are UTC text as in
-- schema 1; "" means not yet (not ended, not revealed).

CREATE TABLE workshops (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    assessment_id   INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    facilitator     TEXT    NOT NULL,
    -- The disagreement rule in force: 'default', 'span' or 'rand-ucla'.
    rule            TEXT    NOT NULL,
    timebox_seconds INTEGER NOT NULL DEFAULT 0,
    named_reveal    INTEGER NOT NULL DEFAULT 0,
    started_at      TEXT    NOT NULL,
    ended_at        TEXT    NOT NULL DEFAULT '',
    -- The statement the room is on now.
    statement_id    TEXT    NOT NULL
);
CREATE INDEX workshops_by_assessment ON workshops (assessment_id, id);

CREATE TABLE workshop_participants (
    workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    joined_at   TEXT    NOT NULL,
    PRIMARY KEY (workshop_id, name)
);

CREATE TABLE workshop_rounds (
    workshop_id  INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    statement_id TEXT    NOT NULL,
    round        INTEGER NOT NULL,
    opened_at    TEXT    NOT NULL,
    revealed_at  TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (workshop_id, statement_id, round)
);

CREATE TABLE workshop_votes (
    workshop_id  INTEGER NOT NULL,
    statement_id TEXT    NOT NULL,
    round        INTEGER NOT NULL,
    participant  TEXT    NOT NULL,
    -- 1 to the scale's top level, or 0 for "don't know".
    level        INTEGER NOT NULL,
    reason       TEXT    NOT NULL DEFAULT '',
    cast_at      TEXT    NOT NULL,
    PRIMARY KEY (workshop_id, statement_id, round, participant),
    FOREIGN KEY (workshop_id, statement_id, round)
        REFERENCES workshop_rounds (workshop_id, statement_id, round) ON DELETE CASCADE
);

-- One row per agreement; agreeing a statement again adds a row and the
-- latest stands. distribution is the vote count per level as JSON
-- ([don't know, 1, 2, 3, 4, 5]); voters the names of those who voted in
-- the round, as JSON.
CREATE TABLE workshop_agreements (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id   INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    statement_id  TEXT    NOT NULL,
    round         INTEGER NOT NULL,
    score         INTEGER NOT NULL,
    suggested     INTEGER NOT NULL DEFAULT 0,
    distribution  TEXT    NOT NULL,
    median        REAL    NOT NULL DEFAULT 0,
    low           INTEGER NOT NULL DEFAULT 0,
    high          INTEGER NOT NULL DEFAULT 0,
    disagree      INTEGER NOT NULL DEFAULT 0,
    rule_applied  TEXT    NOT NULL DEFAULT '',
    agreed_by     TEXT    NOT NULL,
    voters        TEXT    NOT NULL DEFAULT '[]',
    dissent       TEXT    NOT NULL DEFAULT '',
    agreed_at     TEXT    NOT NULL
);
CREATE INDEX workshop_agreements_by_statement ON workshop_agreements (workshop_id, statement_id, id);

-- Actions captured in a workshop's measure summary: ordinary actions,
-- marked here as coming from the workshop.
CREATE TABLE workshop_actions (
    action_id   INTEGER PRIMARY KEY REFERENCES actions (id) ON DELETE CASCADE,
    workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    measure_key TEXT    NOT NULL DEFAULT ''
);
