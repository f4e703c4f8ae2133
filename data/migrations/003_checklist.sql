-- Schema 3: level checklists.
--
-- A statement's criteria may list, per level, the elements that must be
-- met. The elements a board ticks are kept on the response as text,
-- "LEVEL.ELEMENT" pairs separated by spaces ("2.1 2.2 3.1"), element
-- numbers counting from 1 within the level; the criteria stored with the
-- assessment never change, so the numbers keep pointing at the same
-- elements. score_reason says why the board's score differs from the one
-- the ticks suggest. Both are logged and undone like the other response
-- fields.

ALTER TABLE responses ADD COLUMN ticks TEXT NOT NULL DEFAULT '';
ALTER TABLE responses ADD COLUMN score_reason TEXT NOT NULL DEFAULT '';
