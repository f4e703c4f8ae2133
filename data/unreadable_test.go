package data

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"wgll/criteria"
	"wgll/model"
)

// damagedWorkbook makes a workbook of three assessments and damages the
// stored criteria of the middle one with raw SQL (as a sync tool, a bad
// disk sector or another program can), returning the good ones and the bad
// one.
func damagedWorkbook(t testing.TB, damage string) (path string, good []model.Header, bad model.Header) {
	t.Helper()
	path = newDB(t)
	s, err := Open(path, Options{User: "maker", Now: fixedClock(), NoBackupOnOpen: true, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	ids := orgStatements(t)
	var hs []model.Header
	for _, p := range []string{"2024/25", "2025/26", "2026/27"} {
		h, err := s.CreateAssessment(ctx, model.Header{Organisation: "Northshire", Audience: criteria.Organisation, Period: p}, criteria.BuiltinTOML())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetScore(ctx, h.ID, ids[0], 3); err != nil {
			t.Fatal(err)
		}
		hs = append(hs, h)
	}
	s.Close()
	rawExec(t, path, damageCriteria(hs[1].ID, damage)...)
	return path, []model.Header{hs[0], hs[2]}, hs[1]
}

// damageCriteria gives assessment id criteria of its own, expr of the
// criteria it shares with the others (expr names them toml): the SQL
// another tool or a damaged page could leave.
func damageCriteria(id int64, expr string) []string {
	n := strconv.FormatInt(id, 10)
	return []string{
		"INSERT INTO criteria_texts (toml) SELECT " + expr + " FROM criteria_texts WHERE id = (SELECT criteria_id FROM assessments WHERE id = " + n + ")",
		"UPDATE assessments SET criteria_id = (SELECT max(id) FROM criteria_texts) WHERE id = " + n,
	}
}

func TestOneUnreadableAssessment(t *testing.T) {
	for name, damage := range map[string]string{
		"control character": "toml || char(1)",
		"invalid UTF-8":     "CAST(X'5B6672616D65776F726B5D0A6E616D65203D2022FF220A' AS TEXT)",
		"NULL criteria":     "NULL",
		"not TOML":          "'this is not a criteria file'",
	} {
		t.Run(name, func(t *testing.T) {
			var path string
			var good []model.Header
			var bad model.Header
			if damage == "NULL" {
				// NOT NULL stops an UPDATE; another tool can still
				// write it (writable_schema), so build it that way.
				path, good, bad = damagedWorkbookNull(t)
			} else {
				path, good, bad = damagedWorkbook(t, damage)
			}
			s := openT(t, path, "alice")
			hs, err := s.Assessments(ctx)
			if err != nil {
				t.Fatalf("one bad assessment stops the list: %v", err)
			}
			if len(hs) != 3 {
				t.Fatalf("listed %d assessments, want all 3", len(hs))
			}
			for _, h := range hs {
				switch h.ID {
				case bad.ID:
					if h.Unreadable == "" {
						t.Errorf("the damaged assessment is not marked unreadable: %+v", h)
					}
					for _, r := range h.Unreadable {
						if unicode.IsControl(r) || r == unicode.ReplacementChar && !strings.Contains(h.Unreadable, "\\x") {
							t.Errorf("reason holds a raw control or invalid byte: %q", h.Unreadable)
						}
					}
					if h.Period != bad.Period || h.Organisation != bad.Organisation {
						t.Errorf("the damaged assessment's header is not shown: %+v", h)
					}
				default:
					if h.Unreadable != "" || h.Statements == 0 || h.Assessed != 1 {
						t.Errorf("a good assessment is affected: %+v", h)
					}
				}
			}
			for _, g := range good {
				if _, err := s.Assessment(ctx, g.ID); err != nil {
					t.Errorf("good assessment %d does not load: %v", g.ID, err)
				}
			}
			_, err = s.Assessment(ctx, bad.ID)
			var ue *UnreadableError
			if !errors.Is(err, ErrUnreadable) || !errors.As(err, &ue) || ue.ID != bad.ID || ue.Reason == "" {
				t.Errorf("loading the damaged one: %v, want an UnreadableError", err)
			} else if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			if _, err := s.SetScore(ctx, bad.ID, orgStatements(t)[0], 2); !errors.Is(err, ErrUnreadable) {
				t.Errorf("editing the damaged one: %v, want ErrUnreadable", err)
			}
			// Trends and grids load only what can be read, and say what
			// they left out.
			as, skipped, err := s.LoadReadable(ctx, func(model.Header) bool { return true })
			if err != nil || len(as) != 2 || len(skipped) != 1 || skipped[0].ID != bad.ID {
				t.Errorf("LoadReadable: %d loaded, skipped %+v, %v", len(as), skipped, err)
			}
			rep, err := s.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK() || len(rep.Unreadable) != 1 || rep.Unreadable[0].ID != bad.ID || rep.Unreadable[0].Unreadable == "" {
				t.Errorf("check does not report the damaged assessment: %+v", rep)
			}
			if len(rep.Integrity) != 1 || rep.Integrity[0] != "ok" {
				t.Errorf("integrity: %v", rep.Integrity)
			}
			// The others still export.
			if _, err := s.ExportAssessmentsJSON(ctx, good[0].ID, good[1].ID); err != nil {
				t.Errorf("export of the good ones: %v", err)
			}
		})
	}
}

// damagedWorkbookNull leaves the middle assessment without criteria (no
// criteria_texts row), as another tool or a damaged page could.
func damagedWorkbookNull(t testing.TB) (string, []model.Header, model.Header) {
	t.Helper()
	path, good, bad := damagedWorkbook(t, "toml")
	rawExec(t, path, "UPDATE assessments SET criteria_id = NULL WHERE id = "+strconv.FormatInt(bad.ID, 10))
	return path, good, bad
}

func TestCheckOKWhenAllReadable(t *testing.T) {
	s := openT(t, newDB(t), "alice")
	createT(t, s)
	rep, err := s.Check(ctx)
	if err != nil || !rep.OK() || len(rep.Unreadable) != 0 {
		t.Errorf("healthy workbook: %+v %v", rep, err)
	}
}

// TestOddValuesInRowsStillLoad stores values of the wrong type in rows (a
// NULL where the schema says NOT NULL, text in a number column), as another
// tool or a damaged page can: the assessment still lists and loads, showing
// the odd value as empty or zero, instead of failing whole.
func TestOddValuesInRowsStillLoad(t *testing.T) {
	path := newDB(t)
	s := openT(t, path, "alice")
	ids := orgStatements(t)
	h := createT(t, s)
	if _, err := s.SetScore(ctx, h.ID, ids[0], 3); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: ids[0], Title: "Minutes", Detail: "d"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAction(ctx, h.ID, model.Action{StatementID: ids[0], Title: "Fix"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	rawExec(t, path,
		"PRAGMA writable_schema = ON",
		"UPDATE sqlite_schema SET sql = replace(replace(sql, 'NOT NULL', ''), 'DEFAULT 1', '') WHERE name IN ('evidence', 'actions', 'responses')",
		"PRAGMA writable_schema = OFF",
	)
	rawExec(t, path,
		"UPDATE evidence SET detail = NULL, version = 'seven'",
		"UPDATE actions SET owner = NULL, due = 42",
		"UPDATE responses SET score = 'three', rationale = X'00FF'",
		"UPDATE assessments SET updated_at = 17",
	)
	s = openT(t, path, "alice")
	hs, err := s.Assessments(ctx)
	if err != nil || len(hs) != 1 || hs[0].Unreadable != "" {
		t.Fatalf("list: %+v %v", hs, err)
	}
	a, err := s.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	ev := a.Evidence[ids[0]]
	if len(ev) != 1 || ev[0].Title != "Minutes" || ev[0].Detail != "" || len(a.Actions[ids[0]]) != 1 {
		t.Errorf("rows: %+v %+v", ev, a.Actions)
	}
	if a.Score(ids[0]) != 0 {
		t.Errorf("a score stored as text reads as %d, want 0 (not assessed)", a.Score(ids[0]))
	}
}
