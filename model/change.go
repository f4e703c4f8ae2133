package model

import (
	"fmt"
	"time"
)

// Change is one entry of the workbook's append-only change log: who changed
// what, when, and the value before and after. Undo replays a change backwards.
type Change struct {
	ID           int64
	At           time.Time
	User         string
	AssessmentID int64
	// Entity is "assessment", "response", "evidence" or "action".
	Entity string
	// EntityID is the statement id for a response, else the row id.
	EntityID string
	// Op is "insert", "update" or "delete".
	Op string
	// Field is the column changed by an update ("score", "title", ...), or
	// "" for an insert or delete (whose Old/New hold the whole row as JSON).
	Field string
	Old   string
	New   string
	// UndoOf is the id of the change this one undid, or 0.
	UndoOf int64
}

// Draft is text being typed that has not been saved yet. Drafts are written
// every couple of seconds while someone types so that a closed terminal
// loses nothing; the app offers them back on the next start.
type Draft struct {
	// Key names what is being edited, such as "rationale/3/WL-O1" or
	// "evidence/3/new"; one draft per key.
	Key          string
	AssessmentID int64
	User         string
	// Label says, for a person, what the draft was ("Rationale for WL-O1").
	Label   string
	Text    string
	SavedAt time.Time
}

// ConflictError says a save was overtaken: someone else changed the same
// field since the editor loaded it. Nothing was overwritten; Theirs holds the
// text now stored so both can be kept.
type ConflictError struct {
	What    string // "rationale for WL-O1", "evidence 12"
	Theirs  string
	By      string
	Version int64
}

func (e *ConflictError) Error() string {
	by := e.By
	if by == "" {
		by = "someone else"
	}
	return fmt.Sprintf("%s was changed by %s while you were editing; your text was kept as a draft", e.What, by)
}
