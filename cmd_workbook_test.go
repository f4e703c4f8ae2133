package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"wgll/criteria"
	"wgll/data"
	"wgll/model"
)

// TestZeroByteWorkbookRefusedByEveryCommand: an empty file (a failed copy)
// is refused by the reading commands and the writing ones alike, with one
// line, and stays as it is.
func TestZeroByteWorkbookRefusedByEveryCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(db, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "in.json")
	os.WriteFile(src, []byte(`{"format":"wgll-assessments/1","assessments":[]}`), 0o644)
	for _, args := range [][]string{
		{"check", "--db", db},
		{"list", "--db", db},
		{"history", "--db", db},
		{"report", "--db", db},
		{"import", src, "--db", db},
		{"backup", "--db", db, filepath.Join(dir, "copy.db")},
	} {
		code, out, errs := runWGLL(t, args...)
		if code == 0 || !strings.Contains(errs, "empty (0 bytes)") || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("wgll %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errs)
		}
		if fi, err := os.Stat(db); err != nil || fi.Size() != 0 {
			t.Fatalf("wgll %s changed the empty file: %v %v", args[0], fi, err)
		}
	}
}

// TestReadingCommandsCreateNothing: the commands that only read refuse a
// missing workbook and leave no file behind.
func TestReadingCommandsCreateNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "none.db")
	for _, cmd := range []string{"check", "list", "history", "report"} {
		code, _, errs := runWGLL(t, cmd, "--db", db)
		if code == 0 || !strings.Contains(errs, "no workbook at") {
			t.Errorf("wgll %s on a missing file: exit %d, %s", cmd, code, errs)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("wgll %s on a missing file left %d files", cmd, len(entries))
		}
	}
}

// TestRefusedImportCreatesNothing: importing a file that cannot be read
// into a workbook that does not exist yet leaves no workbook behind.
func TestRefusedImportCreatesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ics.db")
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("not json at all"), 0o644)
	code, _, errs := runWGLL(t, "import", bad, "--db", db)
	if code == 0 || !strings.Contains(errs, "bad.json") {
		t.Fatalf("import of a bad file: exit %d, %s", code, errs)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("a refused import left %v in the folder, want only bad.json", names)
	}
	// A good file then creates the workbook and imports.
	good := filepath.Join(dir, "good.json")
	os.WriteFile(good, []byte(`{"format":"wgll-assessments/1","assessments":[]}`), 0o644)
	if code, _, errs := runWGLL(t, "import", good, "--db", db); code != 0 {
		t.Fatalf("import of a good file: exit %d %s", code, errs)
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("the workbook was not created: %v", err)
	}
}

// TestListAndCheckShowUnreadable: an assessment whose stored criteria are
// damaged is listed as unreadable among the others, and check reports it
// and fails.
func TestListAndCheckShowUnreadable(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.db")
	st, err := data.Open(db, data.Options{User: "t", NoBackupOnOpen: true, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	var bad int64
	for _, p := range []string{"2025/26", "2026/27"} {
		h, err := st.CreateAssessment(t.Context(), model.Header{Organisation: "Northshire", Audience: criteria.Organisation, Period: p}, criteria.BuiltinTOML())
		if err != nil {
			t.Fatal(err)
		}
		bad = h.ID
	}
	st.Close()
	damageCriteria(t, db, bad, "toml || char(27) || ']0;pwned' || char(7)")

	code, out, errs := runWGLL(t, "list", "--db", db)
	if code != 0 || !strings.Contains(out, "2025/26") || !strings.Contains(out, "2026/27") || !strings.Contains(out, "UNREADABLE") {
		t.Errorf("list: exit %d\n%s\n%s", code, out, errs)
	}
	if strings.ContainsAny(out+errs, "\x1b\x07") {
		t.Errorf("list printed a control byte from the file: %q", out+errs)
	}
	code, out, errs = runWGLL(t, "check", "--db", db)
	if code == 0 || !strings.Contains(out, "integrity:      ok") || !strings.Contains(out, "unreadable") || !strings.Contains(out, "assessment "+strconv.FormatInt(bad, 10)) {
		t.Errorf("check: exit %d\n%s\n%s", code, out, errs)
	}
	if strings.ContainsAny(out+errs, "\x1b\x07") {
		t.Errorf("check printed a control byte from the file: %q", out+errs)
	}
}

// rawSQL runs SQL on a workbook through a plain connection, as another
// tool would.
func rawSQL(t *testing.T, db string, stmts ...string) {
	t.Helper()
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, s := range stmts {
		if _, err := conn.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestReportsLeaveOutUnreadable: a damaged earlier period does not stop
// the board report (its trend leaves that period out) or the organisation
// heatmap grid, and the newest readable assessment is the default.
func TestReportsLeaveOutUnreadable(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.db")
	st, err := data.Open(db, data.Options{User: "t", NoBackupOnOpen: true, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, p := range []string{"2024/25", "2025/26", "2026/27"} {
		h, err := st.CreateAssessment(t.Context(), model.Header{Organisation: "Northshire", Audience: criteria.Organisation, Period: p}, criteria.BuiltinTOML())
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, h.ID)
	}
	st.Close()
	for _, id := range []int64{ids[0], ids[2]} { // the oldest and the newest
		damageCriteria(t, db, id, "toml || char(1)")
	}
	for _, args := range [][]string{
		{"report", "--db", db},
		{"report", "--db", db, "--assessment", strconv.FormatInt(ids[1], 10)},
		{"heatmap", "--db", db, "--by", "organisation"},
		{"heatmap", "--db", db, "--by", "period", "--assessment", strconv.FormatInt(ids[1], 10)},
	} {
		code, out, errs := runWGLL(t, args...)
		if code != 0 || !strings.Contains(out, "2025/26") {
			t.Errorf("wgll %s: exit %d\nstdout: %.300s\nstderr: %s", strings.Join(args, " "), code, out, errs)
		}
		if args[0] == "heatmap" && !strings.Contains(errs, "left out: it cannot be read") {
			t.Errorf("wgll %s does not say it left the damaged assessment out: %q", strings.Join(args, " "), errs)
		}
	}
	// Asking for the damaged one by id says why, on one line.
	code, _, errs := runWGLL(t, "report", "--db", db, "--assessment", strconv.FormatInt(ids[2], 10))
	if code == 0 || !strings.Contains(errs, "cannot be read") || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
		t.Errorf("report of the damaged one: exit %d, %s", code, errs)
	}
}

// damageCriteria gives assessment id criteria of its own, expr of the
// criteria it shares with the others (expr names them toml), as another
// tool or a damaged page could.
func damageCriteria(t *testing.T, db string, id int64, expr string) {
	t.Helper()
	n := strconv.FormatInt(id, 10)
	rawSQL(t, db, "INSERT INTO criteria_texts (toml) SELECT "+expr+" FROM criteria_texts WHERE id = (SELECT criteria_id FROM assessments WHERE id = "+n+")")
	rawSQL(t, db, "UPDATE assessments SET criteria_id = (SELECT max(id) FROM criteria_texts) WHERE id = "+n)
}

// TestCheckRecount: a tally of evidence and actions that disagrees with the
// items (a tool dropped a trigger) makes 'wgll check' fail with the fix in
// one line and change nothing; 'wgll check --recount' puts it right.
func TestCheckRecount(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.db")
	if code, _, errs := runWGLL(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	rawSQL(t, db, "UPDATE statement_counts SET evidence = evidence + 5 WHERE (assessment_id, statement_id) = (SELECT assessment_id, statement_id FROM statement_counts LIMIT 1)")
	code, out, errs := runWGLL(t, "check", "--db", db)
	if code != 1 || !strings.Contains(out, "miscounted:     1") || !strings.Contains(errs, "wgll check --recount") || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
		t.Fatalf("check of a wrong tally: exit %d\n%s\n%s", code, out, errs)
	}
	if code, out, errs := runWGLL(t, "check", "--db", db, "--recount"); code != 0 || !strings.Contains(out, "1 statements' tallies put right") || !strings.Contains(out, "miscounted:     0") {
		t.Fatalf("check --recount: exit %d\n%s\n%s", code, out, errs)
	}
	if code, _, errs := runWGLL(t, "check", "--db", db); code != 0 {
		t.Fatalf("check after --recount: exit %d %s", code, errs)
	}
}
