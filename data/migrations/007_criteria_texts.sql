-- Schema 7: each distinct criteria text is stored once (issue 16).
--
-- Every assessment keeps the exact criteria TOML it was made with, and an
-- integrated care system's workbook holds hundreds of assessments made
-- with the same file: 430 copies of about 160 KB each were a third of the
-- file, and because the text sat in the middle of the assessments row,
-- reading any column after it (created_at, updated_at) walked the text's
-- overflow pages, so listing the assessments read every copy. The text now
-- lives in criteria_texts, one row per distinct text, and an assessment
-- names its row; what an assessment was made with is still exactly the
-- text it always was.
--
-- A row whose criteria were missing (NULL, in a damaged file) gets no
-- criteria_id, and is reported as having no criteria stored, as before.
-- AUTOINCREMENT so that an id is never reused: a process that parsed row
-- N keeps it parsed, and a later text must never arrive under N.
CREATE TABLE criteria_texts (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    toml TEXT    NOT NULL
);

INSERT INTO criteria_texts (toml)
    SELECT criteria_toml FROM assessments WHERE criteria_toml IS NOT NULL
    GROUP BY criteria_toml ORDER BY min(id);

-- No REFERENCES clause: the store keeps criteria_id pointing at a row
-- (dropping rows no assessment names), and a column with one could not be
-- dropped again.
ALTER TABLE assessments ADD COLUMN criteria_id INTEGER;

UPDATE assessments SET criteria_id = (SELECT c.id FROM criteria_texts c WHERE c.toml = assessments.criteria_toml);

ALTER TABLE assessments DROP COLUMN criteria_toml;

CREATE INDEX assessments_by_criteria ON assessments (criteria_id);

-- The actions compare matches across periods (closed ones, by statement
-- and title) are found in this index alone; only those that match are read
-- from the table (issue 16).
CREATE INDEX actions_by_state ON actions (assessment_id, statement_id, status, title);

-- Scores alone (the picker's progress, the ICS grids, trends and the
-- previous period's scores) are read from this index, not from the rows
-- with their rationale.
CREATE INDEX responses_scores ON responses (assessment_id, statement_id, score);

-- Each statement's evidence and actions by state, kept by triggers as
-- items are added, moved, changed and removed, so that opening an
-- assessment reads one row per statement rather than counting 100,000
-- items (issue 16). It is a tally of the evidence and actions tables and
-- nothing else: 'wgll check' recounts it, and a workbook with a wrong
-- tally is put right by recounting (Store.Recount).
CREATE TABLE statement_counts (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    statement_id  TEXT    NOT NULL,
    evidence      INTEGER NOT NULL DEFAULT 0,
    open          INTEGER NOT NULL DEFAULT 0,
    in_progress   INTEGER NOT NULL DEFAULT 0,
    done          INTEGER NOT NULL DEFAULT 0,
    dropped       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (assessment_id, statement_id)
) WITHOUT ROWID;

INSERT INTO statement_counts (assessment_id, statement_id, evidence)
    SELECT assessment_id, statement_id, count(*) FROM evidence GROUP BY assessment_id, statement_id;
INSERT INTO statement_counts (assessment_id, statement_id, open, in_progress, done, dropped)
    SELECT assessment_id, statement_id, total(status = 'open'), total(status = 'in-progress'),
        total(status = 'done'), total(status = 'dropped')
    FROM actions WHERE true GROUP BY assessment_id, statement_id
    ON CONFLICT (assessment_id, statement_id) DO UPDATE SET open = excluded.open,
        in_progress = excluded.in_progress, done = excluded.done, dropped = excluded.dropped;

CREATE TRIGGER evidence_counted AFTER INSERT ON evidence BEGIN
    INSERT INTO statement_counts (assessment_id, statement_id, evidence) VALUES (NEW.assessment_id, NEW.statement_id, 1)
        ON CONFLICT (assessment_id, statement_id) DO UPDATE SET evidence = evidence + 1;
END;
CREATE TRIGGER evidence_uncounted AFTER DELETE ON evidence BEGIN
    UPDATE statement_counts SET evidence = evidence - 1
        WHERE assessment_id = OLD.assessment_id AND statement_id = OLD.statement_id;
END;
CREATE TRIGGER evidence_recounted AFTER UPDATE OF assessment_id, statement_id ON evidence
    WHEN OLD.assessment_id IS NOT NEW.assessment_id OR OLD.statement_id IS NOT NEW.statement_id BEGIN
    UPDATE statement_counts SET evidence = evidence - 1
        WHERE assessment_id = OLD.assessment_id AND statement_id = OLD.statement_id;
    INSERT INTO statement_counts (assessment_id, statement_id, evidence) VALUES (NEW.assessment_id, NEW.statement_id, 1)
        ON CONFLICT (assessment_id, statement_id) DO UPDATE SET evidence = evidence + 1;
END;

CREATE TRIGGER action_counted AFTER INSERT ON actions BEGIN
    INSERT INTO statement_counts (assessment_id, statement_id, open, in_progress, done, dropped)
        VALUES (NEW.assessment_id, NEW.statement_id, NEW.status = 'open', NEW.status = 'in-progress',
            NEW.status = 'done', NEW.status = 'dropped')
        ON CONFLICT (assessment_id, statement_id) DO UPDATE SET open = open + excluded.open,
            in_progress = in_progress + excluded.in_progress, done = done + excluded.done,
            dropped = dropped + excluded.dropped;
END;
CREATE TRIGGER action_uncounted AFTER DELETE ON actions BEGIN
    UPDATE statement_counts SET open = open - (OLD.status = 'open'), in_progress = in_progress - (OLD.status = 'in-progress'),
            done = done - (OLD.status = 'done'), dropped = dropped - (OLD.status = 'dropped')
        WHERE assessment_id = OLD.assessment_id AND statement_id = OLD.statement_id;
END;
CREATE TRIGGER action_recounted AFTER UPDATE OF assessment_id, statement_id, status ON actions
    WHEN OLD.assessment_id IS NOT NEW.assessment_id OR OLD.statement_id IS NOT NEW.statement_id
        OR OLD.status IS NOT NEW.status BEGIN
    UPDATE statement_counts SET open = open - (OLD.status = 'open'), in_progress = in_progress - (OLD.status = 'in-progress'),
            done = done - (OLD.status = 'done'), dropped = dropped - (OLD.status = 'dropped')
        WHERE assessment_id = OLD.assessment_id AND statement_id = OLD.statement_id;
    INSERT INTO statement_counts (assessment_id, statement_id, open, in_progress, done, dropped)
        VALUES (NEW.assessment_id, NEW.statement_id, NEW.status = 'open', NEW.status = 'in-progress',
            NEW.status = 'done', NEW.status = 'dropped')
        ON CONFLICT (assessment_id, statement_id) DO UPDATE SET open = open + excluded.open,
            in_progress = in_progress + excluded.in_progress, done = done + excluded.done,
            dropped = dropped + excluded.dropped;
END;

-- The live actions with a due date, for counting the overdue ones (those
-- due before today), which no stored tally can hold.
CREATE INDEX actions_live_due ON actions (assessment_id, due, statement_id)
    WHERE status IN ('open', 'in-progress') AND due <> '';

-- The evidence that is or can become stale, read behind the overview.
CREATE INDEX evidence_stale ON evidence (assessment_id, id, statement_id, also_statements, needs_review, review_by)
    WHERE needs_review <> 0 OR review_by <> '';

-- How many statements of each assessment are scored, kept the same way:
-- the list of assessments shows it for every assessment.
CREATE TABLE assessment_counts (
    assessment_id INTEGER PRIMARY KEY REFERENCES assessments (id) ON DELETE CASCADE,
    scored        INTEGER NOT NULL DEFAULT 0
);

INSERT INTO assessment_counts (assessment_id, scored)
    SELECT assessment_id, count(*) FROM responses WHERE score > 0 GROUP BY assessment_id;

CREATE TRIGGER response_counted AFTER INSERT ON responses WHEN NEW.score > 0 BEGIN
    INSERT INTO assessment_counts (assessment_id, scored) VALUES (NEW.assessment_id, 1)
        ON CONFLICT (assessment_id) DO UPDATE SET scored = scored + 1;
END;
CREATE TRIGGER response_uncounted AFTER DELETE ON responses WHEN OLD.score > 0 BEGIN
    UPDATE assessment_counts SET scored = scored - 1 WHERE assessment_id = OLD.assessment_id;
END;
CREATE TRIGGER response_recounted AFTER UPDATE OF assessment_id, score ON responses
    WHEN OLD.assessment_id IS NOT NEW.assessment_id OR (OLD.score > 0) IS NOT (NEW.score > 0) BEGIN
    UPDATE assessment_counts SET scored = scored - 1 WHERE assessment_id = OLD.assessment_id AND OLD.score > 0;
    INSERT INTO assessment_counts (assessment_id, scored) SELECT NEW.assessment_id, 1 WHERE NEW.score > 0
        ON CONFLICT (assessment_id) DO UPDATE SET scored = scored + 1;
END;
