package data

import (
	"context"
	"crypto/sha256"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one schema step: applying it takes a workbook from schema
// version-1 to version.
type migration struct {
	version int
	name    string
	// sql is a test's migration; file names an embedded one, read when it
	// is needed (text), not as the program starts.
	sql  string
	file string
}

// text is the migration's SQL.
func (m migration) text() string {
	if m.file == "" {
		return m.sql
	}
	b, err := migrationFiles.ReadFile(m.file)
	if err != nil {
		panic(fmt.Sprintf("read migration %s: %v", m.file, err))
	}
	return string(b)
}

// migrations are the embedded migrations, in order. Tests may substitute
// their own list to exercise upgrades.
var migrations = embeddedMigrations

// embeddedMigrations are the migrations built into wgll.
var embeddedMigrations = loadMigrations()

// loadMigrations lists migrations/NNN_name.sql (each is read when it is
// needed: migration.text). The numbers must run 1, 2,
// 3... without gaps: a gap is a programming error caught by every test.
func loadMigrations() []migration {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		panic(fmt.Sprintf("read embedded migrations: %v", err))
	}
	var out []migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic(fmt.Sprintf("migration %s is not named NNN_name.sql", e.Name()))
		}
		out = append(out, migration{version: v, name: name, file: path.Join("migrations", e.Name())})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			panic(fmt.Sprintf("migrations must be numbered 1, 2, 3...; found %03d_%s at position %d", m.version, m.name, i+1))
		}
	}
	return out
}

// latestVersion is the schema version this build writes.
func latestVersion(list []migration) int {
	if len(list) == 0 {
		return 0
	}
	return list[len(list)-1].version
}

// SchemaVersion is the schema version this build of wgll reads and writes.
func SchemaVersion() int { return latestVersion(migrations) }

// SchemaFingerprint names this build's schema exactly: its version and a
// hash of its migrations' text. Two builds whose migrations differ but
// number the same (branches that each add a schema 3) get different
// fingerprints, so a cache of workbooks built by one is never read by the
// other.
func SchemaFingerprint() string {
	h := sha256.New()
	for _, m := range migrations {
		fmt.Fprintf(h, "%d %s\n%s\n", m.version, m.name, m.text())
	}
	return fmt.Sprintf("%d-%x", SchemaVersion(), h.Sum(nil)[:4])
}

// migrate brings the workbook up to the newest schema in list. Each
// migration runs in its own IMMEDIATE transaction that also sets
// user_version (and application_id), so a migration killed part-way leaves
// the file wholly at the old version or wholly at the new one. Another
// process migrating at the same moment is harmless: the version is re-read
// inside the transaction. An existing workbook is copied next to itself
// (FILE.backup-vN-TIMESTAMP) before its first migration.
func (s *Store) migrate(ctx context.Context, list []migration, pre preState) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if _, err := s.writer(ctx); err != nil {
		return err
	}
	current, err := s.userVersion(ctx)
	if err != nil {
		return s.openErr(err)
	}
	latest := latestVersion(list)
	if current > latest {
		return refuse(s.path, ErrNewerSchema, "made by a newer wgll (schema %d, this build reads up to %d); upgrade wgll", current, latest)
	}
	if current == latest {
		return nil
	}
	if current > 0 {
		out := s.uniqueName(fmt.Sprintf("%s.backup-v%d-%s", s.abs, current, s.nowUTC().Format("20060102T150405Z")))
		if err := s.vacuumInto(ctx, out); err != nil {
			return fmt.Errorf("back up %s before upgrading it from schema %d: %w; nothing was changed", s.path, current, err)
		}
	}
	for _, m := range list {
		if m.version <= current {
			continue
		}
		if err := s.applyMigration(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) userVersion(ctx context.Context) (int, error) {
	var v int
	err := s.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

func (s *Store) applyMigration(ctx context.Context, m migration) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return s.translate(fmt.Sprintf("upgrade %s to schema %d", s.path, m.version), err)
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return s.translate(fmt.Sprintf("upgrade %s to schema %d", s.path, m.version), err)
	}
	if v >= m.version {
		return nil // another process got there first
	}
	if v != m.version-1 {
		return fmt.Errorf("upgrade %s to schema %d: the file is at schema %d, expected %d; restore it from a backup", s.path, m.version, v, m.version-1)
	}
	for _, stmt := range []string{
		m.text(),
		fmt.Sprintf("PRAGMA user_version = %d", m.version),
		fmt.Sprintf("PRAGMA application_id = %d", int32(ApplicationID)),
	} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return s.translate(fmt.Sprintf("upgrade %s to schema %d (%s)", s.path, m.version, m.name), err)
		}
	}
	if err := tx.Commit(); err != nil {
		return s.translate(fmt.Sprintf("upgrade %s to schema %d (%s)", s.path, m.version, m.name), err)
	}
	return nil
}
