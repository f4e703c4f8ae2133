-- Schema 3: trusted evidence, targets and sign-off.
--
-- Evidence gains the date it shows things as they were (effective_date),
-- a review-by date, a confidence (high, medium, low or '' for unstated), an
-- owner, and the other statements the same item supports (also_statements,
-- statement ids separated by spaces). Kept as a column of the item rather
-- than a table of its own so that every change to the links is an ordinary
-- logged update of the item, which undo reverses, and a deleted item comes
-- back from the change log with its links.
ALTER TABLE evidence ADD COLUMN effective_date  TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence ADD COLUMN review_by       TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence ADD COLUMN confidence      TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence ADD COLUMN owner           TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence ADD COLUMN also_statements TEXT NOT NULL DEFAULT '';

-- A target level and date per statement (scope 'statement', key a statement
-- id) or a default per measure (scope 'measure', key a measure key). Like a
-- response, a cleared target keeps its row (level 0) so its version keeps
-- counting.
CREATE TABLE targets (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    scope         TEXT    NOT NULL,
    target_key    TEXT    NOT NULL,
    level         INTEGER NOT NULL DEFAULT 0,
    due           TEXT    NOT NULL DEFAULT '',
    updated_by    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (assessment_id, scope, target_key)
);

-- The sign-off of an assessment: a row here locks it. Unlocking deletes the
-- row; the change log keeps both, with the reason for unlocking.
CREATE TABLE signoffs (
    assessment_id INTEGER PRIMARY KEY REFERENCES assessments (id) ON DELETE CASCADE,
    assured_by    TEXT    NOT NULL,
    assured_on    TEXT    NOT NULL,
    approved_by   TEXT    NOT NULL DEFAULT '',
    approved_on   TEXT    NOT NULL DEFAULT '',
    minute_ref    TEXT    NOT NULL DEFAULT '',
    signed_by     TEXT    NOT NULL,
    signed_at     TEXT    NOT NULL
);
