package data

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"modernc.org/sqlite"

	"wgll/model"
)

// Sentinel errors. Every error the store returns for one of these conditions
// wraps the sentinel (test with errors.Is) and its text says what to do.
var (
	// ErrNoWorkbook: there is no file, and the caller did not ask to
	// create one (Options.Create).
	ErrNoWorkbook = errors.New("no workbook")
	// ErrNotWorkbook: the file is not an SQLite file, or is another
	// program's SQLite database.
	ErrNotWorkbook = errors.New("not a wgll workbook")
	// ErrCorrupt: the file is a damaged or truncated workbook.
	ErrCorrupt = errors.New("workbook is damaged")
	// ErrNewerSchema: the file was written by a newer wgll.
	ErrNewerSchema = errors.New("workbook made by a newer wgll")
	// ErrReadOnly: the file or its folder cannot be written.
	ErrReadOnly = errors.New("workbook is read-only")
	// ErrNoFolder: the folder the workbook should be in does not exist.
	ErrNoFolder = errors.New("folder does not exist")
	// ErrDiskFull: the disk (or the file's size limit) is full; the edit
	// was not saved.
	ErrDiskFull = errors.New("disk is full")
	// ErrNothingToUndo: the user has no change left to undo.
	ErrNothingToUndo = errors.New("nothing to undo")
	// ErrUndoOvertaken: the change to undo has since been changed by
	// someone else, so undoing it would overwrite their work.
	ErrUndoOvertaken = errors.New("cannot undo: changed since by someone else")
	// ErrNotFound: the assessment, evidence or action does not exist
	// (perhaps someone else deleted it). It is model's, so the app can
	// tell it without importing the store.
	ErrNotFound = model.ErrNotFound
	// ErrInvalid: a value given to the store is not acceptable.
	ErrInvalid = errors.New("invalid value")
	// ErrBusy: another process held the workbook locked for longer than
	// an open or an edit waits.
	ErrBusy = errors.New("workbook is busy")
	// ErrUnreadable: one assessment's stored content cannot be read (its
	// criteria are damaged); the rest of the workbook can. The error is an
	// *UnreadableError.
	ErrUnreadable = errors.New("assessment cannot be read")
	// ErrExists: Backup will not overwrite an existing file.
	ErrExists = errors.New("file already exists")
)

// UnreadableError is what loading or editing an assessment whose stored
// criteria cannot be parsed returns; it unwraps to ErrUnreadable. Reason is
// the same text as the assessment's Header.Unreadable: one line, with no
// control character or invalid byte from the file.
type UnreadableError struct {
	ID     int64
	Reason string
	// Backups is the folder of the workbook's rotating backups, where an
	// intact copy may be.
	Backups string
}

func (e *UnreadableError) Error() string {
	return fmt.Sprintf("assessment %d cannot be read (%s); the other assessments are unaffected; restore it from a backup (see %s)", e.ID, e.Reason, e.Backups)
}

// Unwrap makes errors.Is(err, ErrUnreadable) true.
func (e *UnreadableError) Unwrap() error { return ErrUnreadable }

// plainLine makes text from a damaged file or a parser's report of it safe
// to print and to show: one line, at most max characters, every control
// character, invalid byte, bidi control and zero-width character written as
// an escape (\x01, \u202e) rather than passed on.
func plainLine(s string, max int) string {
	var b strings.Builder
	n, i := 0, 0
	for i < len(s) && n < max {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			if r < 0x100 {
				fmt.Fprintf(&b, "\\x%02x", r)
			} else {
				fmt.Fprintf(&b, "\\u%04x", r)
			}
		default:
			b.WriteRune(r)
		}
		i += size
		n++
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	if i < len(s) {
		out += "..."
	}
	return out
}

// fileError is a one-line refusal about a file: "PATH: what is wrong; what
// to do". It unwraps to its sentinel.
type fileError struct {
	path string
	msg  string
	kind error
}

func (e *fileError) Error() string { return e.path + ": " + e.msg }
func (e *fileError) Unwrap() error { return e.kind }

func refuse(path string, kind error, format string, args ...any) error {
	return &fileError{path: path, msg: fmt.Sprintf(format, args...), kind: kind}
}

// invalid returns an ErrInvalid with a message saying what is wrong.
func invalid(format string, args ...any) error {
	return &fileError{path: "invalid", msg: fmt.Sprintf(format, args...), kind: ErrInvalid}
}

// SQLite primary result codes the store translates.
const (
	codeBusy     = 5
	codeLocked   = 6
	codeReadOnly = 8
	codeCorrupt  = 11
	codeFull     = 13
	codeNotADB   = 26
)

// sqliteCode returns the primary SQLite result code inside err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// translate turns low-level SQLite failures of a write into errors a person
// can act on, keeping the original as the cause.
func (s *Store) translate(what string, err error) error {
	if err == nil {
		return nil
	}
	switch sqliteCode(err) {
	case codeFull:
		return fmt.Errorf("%s: nothing was saved because the disk is full; free some space and try again (%w: %v)", what, ErrDiskFull, err)
	case codeReadOnly:
		return fmt.Errorf("%s: nothing was saved because %s cannot be written; check its permissions (%w: %v)", what, s.path, ErrReadOnly, err)
	case codeCorrupt, codeNotADB:
		return fmt.Errorf("%s: %s is damaged; restore it from a backup in %s (%w: %v)", what, s.path, backupDir(s.abs), ErrCorrupt, err)
	}
	if strings.Contains(err.Error(), "database or disk is full") {
		return fmt.Errorf("%s: nothing was saved because the disk is full; free some space and try again (%w: %v)", what, ErrDiskFull, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}
