// Package data is the wgll workbook: one SQLite file holding assessments,
// their responses, evidence and actions, an append-only change log and the
// drafts of unsaved text.
//
// Every edit is one IMMEDIATE transaction committed at once, with its change
// log rows in the same transaction, so what a caller was told is saved
// survives a killed process or a power cut. Files that are not workbooks,
// are damaged or come from a newer wgll are refused before anything is
// written to them.
package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"wgll/criteria"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// ApplicationID is written to PRAGMA application_id: "WGLL" in ASCII. It is
// what tells a wgll workbook from any other SQLite file.
const ApplicationID = 0x57474C4C

// busyTimeout is how long a write waits for another process's transaction
// to finish before giving up. Edits are tiny, so ten seconds only runs out
// when something is badly wrong.
const busyTimeout = 10 * time.Second

// timeLayout is how times are stored: UTC, millisecond precision, readable
// by sqlite3's date functions.
const timeLayout = "2006-01-02 15:04:05.000Z07:00"

// Options configures a Store.
type Options struct {
	// User is recorded in the change log and owns drafts; main fills it
	// from --user, WGLL_USER or the operating-system account.
	User string
	// Now is the clock; nil means time.Now. Tests fix it.
	Now func() time.Time
	// NoBackupOnOpen skips the rotating backup taken on open (the backup
	// before a migration is always taken): for commands that only read, and
	// for the app, which calls RotateBackup once its first screen is up.
	NoBackupOnOpen bool
	// Role limits what this Store may write (see users.go): an observer
	// writes nothing, a member no users or assessments. Empty means the
	// person at the host, whom the operating system already lets write the
	// file, so nothing is refused; 'wgll serve' always sets it.
	Role Role
	// OnCommit, when set, is called after every committed edit of this
	// Store (with its write lock held, so it must not block or call the
	// Store): 'wgll serve' uses it to tell the other sessions at once
	// rather than at their next poll.
	OnCommit func()
	// Create makes a new workbook when the file is missing (or is a blank
	// SQLite file with no tables): for the app and the commands that add
	// to a workbook. Without it such a file is refused (ErrNoWorkbook,
	// ErrNotWorkbook) and nothing is written, so a command that only reads
	// never makes a workbook by mistake. A zero-byte file is refused
	// either way: it is far likelier a failed copy than a new workbook.
	Create bool
	// CheckedCache is a folder in which the check on opening remembers
	// the workbooks whose bytes passed it, so that an unchanged workbook
	// is not checked again (checked.go); empty, every open checks. main
	// sets it to wgll's folder in the user's cache.
	CheckedCache string
}

// Store is an open workbook. Its methods are safe for concurrent use.
type Store struct {
	path     string
	abs      string
	user     string
	now      func() time.Time
	db       *sql.DB
	warnings []string
	role     Role
	onCommit func()

	// w is the one connection every write goes through, and the one whose
	// PRAGMA data_version DataVersion reads. A connection's data_version
	// does not move for its own commits, so it moves only when another
	// process (or another Store) commits. wmu serialises its use. It is
	// opened when first needed (writer), so a command that only reads
	// opens one connection fewer (each parses the whole schema, 0.5 ms).
	wmu sync.Mutex
	w   *sql.Conn
	// closed is set by Close (under wmu), which may be called more than once.
	closed bool
	// counted: Open counted this Store in openHere, and Close uncounts it.
	counted bool

	// crit caches parsed criteria by assessment, and critText by their
	// criteria_texts row: most assessments of a workbook share one criteria
	// file, which is then parsed once.
	// pre is what inspecting the file found before it was opened; the
	// rotating backup compares its stamp with the last backup's.
	pre preState

	cmu      sync.Mutex
	crit     map[int64]*criteria.Criteria
	critText map[int64]*criteria.Criteria
}

// Open opens the workbook at path. A missing file becomes a new workbook
// only with Options.Create (its folder must exist); the new workbook is
// made under a temporary name and linked into place whole, so no other
// process ever sees it half made. An existing file is inspected read-only
// first and refused, without a byte written, when it is not a wgll
// workbook, is empty (zero bytes) or damaged, was made by a newer wgll or
// cannot be written. An older workbook is backed up next to
// itself and migrated; a workbook that changed since its last rotating
// backup gets a new one in the .wgll-backups folder beside it.
func Open(path string, opt Options) (*Store, error) {
	ctx := context.Background()
	if strings.TrimSpace(path) == "" {
		return nil, refuse("(no file)", ErrInvalid, "no workbook file given; pass --db FILE")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("resolve workbook path %s: %w", path, err)
	}
	user := strings.TrimSpace(opt.User)
	if user == "" {
		user = "unknown"
	}
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	// Another process opening, checkpointing or closing the same file at
	// this moment can make any step of opening (the inspection, the first
	// pragmas, the migration check) answer SQLITE_BUSY or BUSY_RECOVERY at
	// once, whatever busy_timeout says: SQLite does not call the busy
	// handler for every lock it takes while a connection starts. Every step
	// only reads or is a transaction of its own, so opening starts again
	// from the top, for as long as an edit would wait for the lock.
	if opt.Role != "" {
		if _, err := ParseRole(string(opt.Role)); err != nil {
			return nil, err
		}
	}
	deadline := time.Now().Add(busyTimeout)
	for attempt := 0; ; attempt++ {
		s, err := openOnce(ctx, path, abs, user, now, opt)
		if err == nil || !isBusy(err) {
			return s, err
		}
		if time.Now().After(deadline) {
			return nil, refuse(path, ErrBusy, "another program has held the workbook locked for %s (%v); close it, or try again", busyTimeout, err)
		}
		time.Sleep(openBackoff(attempt))
	}
}

// openBackoff is how long Open waits before attempt+1: a few milliseconds
// at first (the other process's step is short), growing to 100 ms, with
// jitter so that two processes retrying together fall out of step.
func openBackoff(attempt int) time.Duration {
	d := 2 * time.Millisecond << min(attempt, 6)
	d = min(d, 100*time.Millisecond)
	return d/2 + rand.N(d)
}

// isBusy reports whether err is SQLite's BUSY (with its extended codes
// BUSY_RECOVERY, BUSY_SNAPSHOT, BUSY_TIMEOUT) or LOCKED, or the file
// changing under the inspection.
func isBusy(err error) bool {
	c := sqliteCode(err)
	return c == codeBusy || c == codeLocked || errors.Is(err, errFileChanged)
}

func openOnce(ctx context.Context, path, abs, user string, now func() time.Time, opt Options) (*Store, error) {
	s := &Store{path: path, abs: abs, user: user, now: now, role: opt.Role, onCommit: opt.OnCommit, crit: map[int64]*criteria.Criteria{}, critText: map[int64]*criteria.Criteria{}}
	pre, err := inspect(ctx, path, abs, opt.Create, opt.CheckedCache)
	if err != nil {
		return nil, err
	}
	if !pre.exists {
		if err := createWorkbook(ctx, path, abs); err != nil {
			return nil, err
		}
		if pre, err = inspect(ctx, path, abs, false, opt.CheckedCache); err != nil {
			return nil, err
		}
		pre.hasData = false // new: nothing to back up
	}
	if err := s.open(ctx, pre, opt); err != nil {
		s.Close()
		return nil, err
	}
	markOpen(s.abs, 1)
	s.counted = true
	return s, nil
}

// openHere counts the Stores of this process open on each workbook, so that
// nothing opens such a file with package os (see ReadImport).
var openHere = struct {
	sync.Mutex
	n map[string]int
}{n: map[string]int{}}

func markOpen(abs string, d int) {
	openHere.Lock()
	defer openHere.Unlock()
	if openHere.n[abs] += d; openHere.n[abs] <= 0 {
		delete(openHere.n, abs)
	}
}

func isOpenHere(abs string) bool {
	openHere.Lock()
	defer openHere.Unlock()
	return openHere.n[abs] > 0
}

// createWorkbook makes a new, empty workbook at abs, which was missing: it
// is built in a locked temporary file beside it (see createPartial), closed
// (which folds its WAL into it), flushed and hard-linked into place. When
// another process creates the same workbook at the same moment, the link
// finds its file there, and that one is used.
func createWorkbook(ctx context.Context, path, abs string) error {
	dir := filepath.Dir(abs)
	removeAbandonedPartials(dir) // left by a creation that was killed
	f, err := createPartial(dir, "."+filepath.Base(abs)+".*.partial")
	if err != nil {
		return fmt.Errorf("create the workbook %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		for _, p := range []string{tmp + "-wal", tmp + "-shm", tmp} {
			os.Remove(p)
		}
		f.Close()
	}()
	n := &Store{path: path, abs: tmp, user: "", now: time.Now, crit: map[int64]*criteria.Criteria{}, critText: map[int64]*criteria.Criteria{}}
	if err := n.open(ctx, preState{}, Options{NoBackupOnOpen: true}); err != nil {
		n.Close()
		return err
	}
	if err := n.Close(); err != nil {
		return err
	}
	if fi, err := os.Stat(tmp + "-wal"); err == nil && fi.Size() > 0 {
		return fmt.Errorf("create the workbook %s: its first write-ahead log could not be folded in; try again", path)
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	if err := os.Link(tmp, abs); err != nil {
		if _, serr := os.Lstat(abs); serr == nil {
			return nil // created by another process at the same moment
		}
		// No hard links here (some network or FAT drives).
		if err := os.Rename(tmp, abs); err != nil {
			return fmt.Errorf("create the workbook %s: %w", path, err)
		}
	}
	syncDir(dir)
	return nil
}

func (s *Store) open(ctx context.Context, pre preState, opt Options) error {
	db, err := sql.Open("sqlite", dsn(s.abs, false))
	if err != nil {
		return fmt.Errorf("open %s: %w", s.path, err)
	}
	s.db = db
	db.SetMaxOpenConns(maxOpenConns)
	db.SetMaxIdleConns(maxIdleConns)
	db.SetConnMaxIdleTime(time.Minute)
	// The first connection, which the reads that follow reuse. It reads
	// what the inspection would have when the inspection took the version
	// remembered with the file's bytes: a file that is not what was
	// remembered (the sum is a CRC, not proof) has its entry forgotten and
	// is inspected afresh.
	var mode string
	var appID int64
	var version int
	if err := db.QueryRowContext(ctx, "SELECT * FROM pragma_journal_mode, pragma_application_id, pragma_user_version").Scan(&mode, &appID, &version); err != nil {
		return s.openErr(err)
	}
	if pre.remembered && (uint32(appID) != ApplicationID || version != pre.version) {
		forgetChecked(opt.CheckedCache, s.abs)
		return errFileChanged
	}
	if !strings.EqualFold(mode, "wal") {
		s.warnings = append(s.warnings, fmt.Sprintf("%s could not be switched to write-ahead logging (journal mode %q); sharing it between two people may be slow", s.path, mode))
	}
	// The inspection read the schema version; a workbook already at this
	// build's needs no migration, and no writer until it is written to.
	if pre.version != latestVersion(migrations) {
		if err := s.migrate(ctx, migrations, pre); err != nil {
			return err
		}
	}
	s.pre = pre
	if !opt.NoBackupOnOpen && pre.hasData {
		if err := s.rotateBackup(ctx, pre); err != nil {
			s.warnings = append(s.warnings, "could not take the backup made on opening: "+err.Error())
		}
	}
	if fs := networkFS(filepath.Dir(s.abs)); fs != "" {
		s.warnings = append(s.warnings, fmt.Sprintf("%s is on a network drive (%s): SQLite's locking is unreliable there, so two people editing it at once can damage it; copy it to a local disk, or make sure only one person has it open", s.path, fs))
	}
	return nil
}

func (s *Store) openErr(err error) error {
	switch sqliteCode(err) {
	case codeNotADB:
		return refuse(s.path, ErrNotWorkbook, "not a wgll workbook (not an SQLite file); choose another file with --db")
	case codeCorrupt:
		return refuse(s.path, ErrCorrupt, "the workbook is damaged (%v); restore it from a backup in %s", err, backupDir(s.abs))
	case codeReadOnly:
		return refuse(s.path, ErrReadOnly, "cannot be written; make the file and its folder writable")
	}
	return fmt.Errorf("open %s: %w", s.path, err)
}

// The pool's size bounds the memory SQLite holds outside the Go heap
// (issue 16): each connection keeps its own page cache, schema and prepared
// statements. The writer is one connection; reads beside it are the screens'
// loads running behind one another (the overview, then its action counts
// and stale items), so browsing xl never had more than two readers open at
// once, and a third kept idle would hold a page cache for nothing. The open
// limit is a backstop for a burst of reads (an export beside the screens).
const (
	maxOpenConns = 8
	maxIdleConns = 2
)

// cacheKiB is each connection's page cache, PRAGMA cache_size(-cacheKiB):
// SQLite's default of 2,000 KiB per connection made its caches (with the
// sorter, which may use as much) 20 to 24 MB of the 70 to 78 MB peak
// browsing the xl workbook. The screens read screen-sized amounts and the
// file's pages stay in the operating system's cache, so a smaller cache
// costs a pread per page missed, not a disk read: opening the busiest xl
// statement and the screens' reads measured the same at 512 KiB.
const cacheKiB = 512

// dsn is the modernc.org/sqlite data source name for a workbook. The
// pragmas run on every new connection of the pool (a PRAGMA run with Exec
// would reach only one of them):
//   - busy_timeout: wait for another writer instead of failing at once;
//   - foreign_keys: enforce the REFERENCES clauses;
//   - journal_mode(WAL): readers run beside one writer;
//   - synchronous(FULL): in WAL mode NORMAL can lose the last commits on a
//     power cut; months of board evidence matter more than write speed;
//   - _txlock=immediate: BEGIN takes the write lock up front, so a
//     read-then-write transaction waits for busy_timeout instead of failing
//     with "database is locked";
//   - cache_size: a bounded page cache per connection (cacheKiB);
//   - no mmap_size: the screens read screen-sized amounts (data/summary.go),
//     so memory-mapping the file no longer pays, and every page it touched
//     counted as the process's resident memory (178 MB on the xl demo
//     against 35 MB read through SQLite's own small page cache);
//   - _time_format=sqlite: no monotonic clock suffix if a time.Time is ever
//     bound (the store itself binds formatted UTC text).
//
// readOnly gives the inspection connection: mode=ro and, when no WAL file
// exists, immutable=1, so that looking at a file creates no -wal or -shm
// side file and takes no lock.
func dsn(abs string, readOnly bool) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // Windows drive letters: file:///C:/...
	}
	q := url.Values{}
	// Even the inspection waits for a lock rather than failing at once.
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	if readOnly {
		q.Set("mode", "ro")
		if _, err := os.Lstat(abs + "-wal"); errors.Is(err, os.ErrNotExist) {
			q.Set("immutable", "1")
		}
	} else {
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(FULL)")
		q.Add("_pragma", fmt.Sprintf("cache_size(%d)", -cacheKiB))
		q.Set("_txlock", "immediate")
	}
	q.Set("_time_format", "sqlite")
	u.RawQuery = q.Encode()
	return u.String()
}

// Path is the workbook file as given to Open.
func (s *Store) Path() string { return s.path }

// User is the name recorded against this Store's changes.
func (s *Store) User() string { return s.user }

// Warnings are things the user should know about the workbook that do not
// stop it opening, such as its being on a network drive.
func (s *Store) Warnings() []string { return append([]string(nil), s.warnings...) }

// writer is the write connection, opened on first use; the caller holds
// wmu. A closed store has none: its error says so, as opening's say what
// is wrong with the file (openErr), for the caller to prefix with what it
// was doing.
func (s *Store) writer(ctx context.Context) (*sql.Conn, error) {
	if s.closed {
		return nil, fmt.Errorf("the workbook %s is closed", s.path)
	}
	if s.w == nil {
		w, err := s.db.Conn(ctx)
		if err != nil {
			return nil, s.openErr(err)
		}
		s.w = w
	}
	return s.w, nil
}

// Close releases the workbook. It is safe to call more than once.
func (s *Store) Close() error {
	var errs []error
	s.wmu.Lock()
	if s.w != nil {
		errs = append(errs, s.w.Close())
		s.w = nil
	}
	if !s.closed && s.db != nil {
		if s.counted {
			markOpen(s.abs, -1)
		}
		// s.db stays set: the app's commands may still be running when it
		// closes the store on quit, and database/sql answers them with
		// "sql: database is closed" rather than a nil pointer.
		errs = append(errs, s.db.Close())
		s.closed = true
		s.awaitReads()
	}
	s.wmu.Unlock()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

// closeReadsWait bounds how long Close waits for reads still running.
const closeReadsWait = time.Second

// awaitReads waits, for up to closeReadsWait, for the reads still running
// as the store closes to end. database/sql's Close closes only the idle
// connections; one still reading is closed when it is given back, and a
// process that ended first (the app quitting while the overview's action
// counts were being read) never closed it, so SQLite left the -wal and
// -shm files beside the workbook and the next open took its rotating
// backup again. The screens' reads take milliseconds.
func (s *Store) awaitReads() {
	deadline := time.Now().Add(closeReadsWait)
	for s.db.Stats().OpenConnections > 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
}

func (s *Store) nowUTC() time.Time { return s.now().UTC() }

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

func parseTime(v string) time.Time {
	if v == "" {
		return time.Time{}
	}
	if t, ok := parseStoredTime(v); ok {
		return t
	}
	t, err := time.Parse(timeLayout, v)
	if err != nil {
		// Written by hand in sqlite3, perhaps; read what we can.
		for _, l := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02"} {
			if t, err = time.Parse(l, v); err == nil {
				break
			}
		}
	}
	return t.UTC()
}

// parseStoredTime reads the one form the store writes, "2006-01-02
// 15:04:05.000Z" in UTC, without time.Parse's general machinery: loading a
// large assessment reads tens of thousands of them. ok is false for any
// other form, which parseTime then reads the slow way.
func parseStoredTime(v string) (time.Time, bool) {
	if len(v) != 24 || v[4] != '-' || v[7] != '-' || v[10] != ' ' || v[13] != ':' || v[16] != ':' || v[19] != '.' || v[23] != 'Z' {
		return time.Time{}, false
	}
	num := func(i, n int) (int, bool) {
		x := 0
		for _, c := range []byte(v[i : i+n]) {
			if c < '0' || c > '9' {
				return 0, false
			}
			x = x*10 + int(c-'0')
		}
		return x, true
	}
	var f [7]int
	for k, p := range [7][2]int{{0, 4}, {5, 2}, {8, 2}, {11, 2}, {14, 2}, {17, 2}, {20, 3}} {
		var ok bool
		if f[k], ok = num(p[0], p[1]); !ok {
			return time.Time{}, false
		}
	}
	if f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[5] > 59 {
		return time.Time{}, false
	}
	t := time.Date(f[0], time.Month(f[1]), f[2], f[3], f[4], f[5], f[6]*int(time.Millisecond), time.UTC)
	if t.Day() != f[2] { // 31 April and the like: not a date the store wrote
		return time.Time{}, false
	}
	return t, true
}
