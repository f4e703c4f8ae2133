package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
)

// quickCheckLimit is the largest workbook whose every page is checked
// (PRAGMA quick_check) each time it is opened; a check of 8 MiB takes a few
// tens of milliseconds, and start-up must stay instant on a large workbook.
const quickCheckLimit = 8 << 20

// integrityCheckLimit is the largest workbook that gets SQLite's full
// integrity check on opening instead: it also compares every index with its
// table, which quick_check does not, and a damaged index passes quick_check
// and then fails the first list that reads through it. Up to 2 MiB (most
// real workbooks) it costs a few tens of milliseconds.
const integrityCheckLimit = 2 << 20

// preState is what inspect learnt about the file before it was opened for
// writing.
type preState struct {
	exists bool
	// hasData: the file is already a wgll workbook (schema 1 or later).
	hasData bool
	version int
	// stamp identifies the file's contents cheaply (sizes and modification
	// times of the file and its WAL) for the rotating backup.
	stamp string
	// remembered: the version is the one remembered with the file's sum
	// (checkedBefore) and was not read from the file; Store.open confirms
	// it with its first query.
	remembered bool
}

// inspect decides whether path may be opened for writing. It never writes:
// it looks at the folder and file with stat and access(2), and reads an
// existing file through a read-only (and, when no WAL file exists,
// immutable) SQLite connection, which creates no side file and takes no
// lock. The file is never opened with package os, since closing such a
// descriptor would drop the POSIX locks SQLite holds on it in this process.
//
// create says whether a missing or blank file may become a new workbook.
func inspect(ctx context.Context, path, abs string, create bool, cache string) (preState, error) {
	var pre preState
	dir := filepath.Dir(abs)
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return pre, refuse(path, ErrNoFolder, "folder %s does not exist; create it first or choose another --db file", dir)
	}
	fi, err := os.Stat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		if !create {
			return pre, refuse(path, ErrNoWorkbook, "no workbook here; check the file name, or start a new workbook in the app")
		}
		if !canWrite(dir) {
			return pre, refuse(path, ErrReadOnly, "cannot create the workbook because folder %s is not writable; choose a folder you can write to", dir)
		}
		return pre, nil
	}
	if err != nil {
		return pre, fmt.Errorf("look at %s: %w", path, err)
	}
	pre.exists = true
	if !fi.Mode().IsRegular() {
		return pre, refuse(path, ErrNotWorkbook, "not a wgll workbook (not a regular file); choose another file with --db")
	}
	if fi.Mode().Perm()&0o222 == 0 || !canWrite(abs) {
		return pre, refuse(path, ErrReadOnly, "the file is read-only; make it writable (chmod u+w %s) or work on a copy", path)
	}
	if !canWrite(dir) {
		return pre, refuse(path, ErrReadOnly, "folder %s is not writable, and SQLite must create %s-wal beside the workbook; make the folder writable or move the file", dir, filepath.Base(abs))
	}
	pre.stamp = stamp(abs)
	if fi.Size() == 0 {
		// Never made by wgll, which creates a workbook whole under another
		// name: a copy or a sync that failed, most likely.
		return pre, refuse(path, ErrCorrupt, "the file is empty (0 bytes), not a workbook: perhaps a copy or sync that failed; restore it from a backup (see %s), or delete it to start afresh", backupDir(abs))
	}

	// A workbook of up to quickCheckLimit gets SQLite's check of its pages
	// on opening. Once the same bytes, summed with their WAL, have passed
	// every check below, the sum is remembered with the schema version
	// read (checked.go), and an open that finds them again takes that
	// version without reading the file through SQLite at all: the
	// inspection's connection, which parses the schema, and its queries
	// took 1.3 ms of every command's 16 and of the app's start on the
	// small demo (traced in fresh processes). The sum is remembered only
	// if neither file changed from before it was taken until the checks
	// passed, and is used only if the file's stamp did not move while it
	// was taken.
	check := ""
	switch {
	case fi.Size() <= integrityCheckLimit:
		check = "PRAGMA integrity_check(3)"
	case fi.Size() <= quickCheckLimit:
		check = "PRAGMA quick_check(3)"
	}
	// A larger workbook, whose pages are not checked, is remembered by
	// the files' identity instead (identitySum), taken with stat. Summing
	// opens the files with package os, so it is skipped for a workbook
	// this process already has open: closing that descriptor would drop
	// the locks SQLite holds on it here (see openHere).
	var sum string
	summed, settled := false, false
	switch {
	case cache == "":
	case check == "":
		sum, settled, summed = identitySum(abs, time.Now())
	case !isOpenHere(abs):
		var err error
		sum, err = contentSum(abs, check)
		summed, settled = err == nil, true
	}
	if summed {
		if v, ok := checkedBefore(cache, abs, sum); ok && v > 0 && v <= latestVersion(migrations) && stamp(abs) == pre.stamp {
			pre.version, pre.hasData, pre.remembered = v, true, true
			return pre, nil
		}
	}

	_, walErr := os.Lstat(abs + "-wal")
	noWAL := errors.Is(walErr, fs.ErrNotExist) // so the inspection reads the file alone
	inspectionsRead.Add(1)
	db, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return pre, fmt.Errorf("open %s to inspect it: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	classify := func(err error) error {
		if stamp(abs) != pre.stamp {
			// The inspection reads without locks when there is no WAL
			// file; another process that opened and wrote the file
			// meanwhile may have shown it pages half written. Look again.
			return errFileChanged
		}
		switch sqliteCode(err) {
		case codeNotADB:
			return refuse(path, ErrNotWorkbook, "not a wgll workbook (not an SQLite file); choose another file with --db")
		case codeCorrupt:
			return refuse(path, ErrCorrupt, "the workbook is damaged or truncated; restore it from a backup (see %s)", backupDir(abs))
		}
		return fmt.Errorf("%s: cannot read it: %w", path, err)
	}
	var tables int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return pre, classify(err)
	}
	var appID int64
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return pre, classify(err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&pre.version); err != nil {
		return pre, classify(err)
	}
	switch {
	case appID == 0 && tables == 0 && pre.version == 0:
		if !create {
			return pre, refuse(path, ErrNotWorkbook, "a blank SQLite file, not yet a wgll workbook; open it in the app to make it one")
		}
		return pre, nil // a blank SQLite file: initialise it
	case uint32(appID) != ApplicationID:
		return pre, refuse(path, ErrNotWorkbook, "not a wgll workbook (an SQLite database of another program); choose another file with --db")
	case pre.version > latestVersion(migrations):
		return pre, refuse(path, ErrNewerSchema, "made by a newer wgll (schema %d, this build reads up to %d); upgrade wgll", pre.version, latestVersion(migrations))
	}
	// A file cut short (a copy or sync that stopped part-way) can pass
	// quick_check when the missing part is the tail of a long value, and
	// then fail the first read of it with a short read: its size must be
	// whole pages, and, when there is no WAL to hold later pages, as many
	// as its header says.
	var pageSize, pageCount int64
	if err := db.QueryRowContext(ctx, "PRAGMA page_size").Scan(&pageSize); err != nil {
		return pre, classify(err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pageCount); err != nil {
		return pre, classify(err)
	}
	if pageSize > 0 && (fi.Size()%pageSize != 0 || noWAL && pageCount*pageSize > fi.Size()) {
		if stamp(abs) != pre.stamp {
			return pre, errFileChanged
		}
		return pre, refuse(path, ErrCorrupt, "the workbook is truncated (%d bytes, expected %d); restore it from a backup (see %s)", fi.Size(), pageCount*pageSize, backupDir(abs))
	}
	pre.hasData = pre.version > 0
	if pre.hasData {
		structureChecks.Add(1)
		problem, err := schemaProblem(ctx, db, pre.version)
		if err != nil {
			return pre, classify(err)
		}
		if problem != "" {
			if stamp(abs) != pre.stamp {
				return pre, errFileChanged
			}
			return pre, refuse(path, ErrCorrupt, "the workbook's structure is damaged (%s); restore it from a backup (see %s)", plainLine(problem, 120), backupDir(abs))
		}
	}
	if check == "" {
		// A large workbook is not read whole on every start: damage in it
		// surfaces as a clear error from the first read that meets it
		// (Store.translate), and 'wgll check' runs the full check.
		if summed && settled && pre.hasData {
			if again, _, ok := identitySum(abs, time.Now()); ok && again == sum {
				rememberChecked(cache, abs, sum, pre.version)
			}
		}
		return pre, nil
	}
	checksRun.Add(1)
	rows, err := db.QueryContext(ctx, check)
	if err != nil {
		return pre, classify(err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return pre, classify(err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return pre, classify(err)
	}
	if len(problems) > 0 {
		if stamp(abs) != pre.stamp {
			return pre, errFileChanged
		}
		return pre, refuse(path, ErrCorrupt, "the workbook is damaged (%s); restore it from a backup (see %s)", oneLine(problems[0], 120), backupDir(abs))
	}
	if summed && settled && pre.hasData && stamp(abs) == pre.stamp {
		rememberChecked(cache, abs, sum, pre.version)
	}
	return pre, nil
}

// structureChecks counts the checks of a workbook's tables and columns
// inspect runs, and inspectionsRead the files it reads through SQLite, for
// the tests.
var structureChecks, inspectionsRead atomic.Int64

// errFileChanged: the file changed while it was being inspected; Open
// looks again, as it does when the file is busy.
var errFileChanged = errors.New("the workbook changed while it was being inspected")

// stamp is "size mtime" of the file and of its WAL, which changes whenever
// the workbook's content can have changed. Taken with stat, not open. An
// empty WAL holds nothing, and counts as none: opening a workbook makes
// one, and a process that ends without closing the workbook (killed, or
// its terminal closed) leaves it behind, which made the next open copy the
// whole file again for its rotating backup (1.5 s of CPU and 150 MB of disk
// on the xl demo) though nothing in it had changed.
func stamp(abs string) string {
	out := ""
	for _, p := range []string{abs, abs + "-wal"} {
		fi, err := os.Stat(p)
		if err != nil || p != abs && fi.Size() == 0 {
			out += "- "
			continue
		}
		out += fmt.Sprintf("%d@%d ", fi.Size(), fi.ModTime().UnixNano())
	}
	return out
}

// oneLine folds SQLite's multi-line reports into one short line.
func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "*** in database main ***", "")), " ")
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "..."
	}
	return s
}
