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

-- The action counts the screens show (by statement, state and due date)
-- and the actions compare matches across periods (by statement, state and
-- title) are read from this index alone, without the rows (issue 16).
CREATE INDEX actions_by_state ON actions (assessment_id, statement_id, status, due);

-- Scores alone (the picker's progress, the ICS grids, trends and the
-- previous period's scores) are read from this index, not from the rows
-- with their rationale.
CREATE INDEX responses_scores ON responses (assessment_id, statement_id, score);
