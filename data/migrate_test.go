package data

import (
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"wgll/model"
)

// withMigrations makes this build read up to the schema of list for the
// rest of the test.
func withMigrations(t *testing.T, list []migration) {
	t.Helper()
	saved := migrations
	migrations = list
	t.Cleanup(func() { migrations = saved })
}

func rawInt(t *testing.T, path, query string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow(query).Scan(&v); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return v
}

func TestMigrationsAreNumberedFromOne(t *testing.T) {
	list := loadMigrations()
	if len(list) == 0 || SchemaVersion() != len(list) {
		t.Fatalf("migrations %d, schema version %d", len(list), SchemaVersion())
	}
	for i, m := range list {
		if m.version != i+1 || strings.TrimSpace(m.text()) == "" {
			t.Errorf("migration %d: %+v", i, m.version)
		}
	}
}

func TestUpgradeTakesBackupFirst(t *testing.T) {
	path := newDB(t)
	workbookWithData(t, path)
	v1 := loadMigrations()
	withMigrations(t, append(append([]migration(nil), v1...), migration{
		version: len(v1) + 1, name: "evidence_confidence",
		sql: `ALTER TABLE evidence ADD COLUMN weight TEXT NOT NULL DEFAULT '';
		      CREATE TABLE workshop_scores (assessment_id INTEGER NOT NULL, statement_id TEXT NOT NULL, participant TEXT NOT NULL, score INTEGER NOT NULL);`,
	}))
	s := openT(t, path, "alice")
	rep, err := s.Check(ctx)
	if err != nil || rep.SchemaVersion != len(v1)+1 || rep.Evidence != 40 || !rep.OK() {
		t.Fatalf("after upgrade: %+v %v", rep, err)
	}
	// The old data still works through the store.
	list, _ := s.Assessments(ctx)
	if _, err := s.SaveEvidence(ctx, list[0].ID, model.Evidence{StatementID: orgStatements(t)[0], Title: "after upgrade"}); err != nil {
		t.Fatal(err)
	}
	backups, _ := filepath.Glob(fmt.Sprintf("%s.backup-v%d-*", path, len(v1)))
	if len(backups) != 1 {
		t.Fatalf("pre-migration backups: %v", backups)
	}
	if v := rawInt(t, backups[0], "PRAGMA user_version"); v != len(v1) {
		t.Errorf("backup is at schema %d, want %d", v, len(v1))
	}
	if n := rawInt(t, backups[0], "SELECT count(*) FROM evidence"); n != 40 {
		t.Errorf("backup holds %d evidence rows, want 40", n)
	}
	s.Close()
	// Reopening at the new schema migrates nothing and backs up nothing more.
	openT(t, path, "alice").Close()
	if again, _ := filepath.Glob(path + ".backup-v*"); len(again) != 1 {
		t.Errorf("backups after reopening: %v", again)
	}
}

func TestFailedMigrationLeavesFileWhollyOld(t *testing.T) {
	path := newDB(t)
	workbookWithData(t, path)
	v1 := loadMigrations()
	withMigrations(t, append(append([]migration(nil), v1...), migration{
		version: len(v1) + 1, name: "broken",
		sql: `ALTER TABLE evidence ADD COLUMN weight TEXT NOT NULL DEFAULT '';
		      INSERT INTO evidence (id) VALUES ('this violates NOT NULL');`,
	}))
	_, err := Open(path, Options{User: "alice", NoBackupOnOpen: true})
	if err == nil || !strings.Contains(err.Error(), "upgrade") {
		t.Fatalf("broken migration: %v", err)
	}
	if v := rawInt(t, path, "PRAGMA user_version"); v != len(v1) {
		t.Errorf("schema after a failed migration: %d", v)
	}
	if n := rawInt(t, path, "SELECT count(*) FROM pragma_table_info('evidence') WHERE name = 'weight'"); n != 0 {
		t.Errorf("a failed migration left its first statement applied")
	}
	// The current build still opens it.
	withMigrations(t, v1)
	s := openT(t, path, "alice")
	if rep, err := s.Check(ctx); err != nil || !rep.OK() || rep.Evidence != 40 {
		t.Errorf("after failed migration: %+v %v", rep, err)
	}
}

func TestNewerSchemaAfterInspection(t *testing.T) {
	// A workbook upgraded by a newer wgll between inspection and migration
	// is refused by migrate itself.
	path := newDB(t)
	workbookWithData(t, path)
	s := openT(t, path, "alice")
	err := s.migrate(ctx, migrations[:0], preState{})
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "this build reads up to 0") {
		t.Errorf("migrate to an older list: %v", err)
	}
}
