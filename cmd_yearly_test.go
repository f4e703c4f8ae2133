package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"wgll/criteria"
	"wgll/data"
	"wgll/model"
)

// yearlyWorkbook writes a workbook for org with a 2025/26 assessment and a
// 2026/27 one carried forward from it, scored so that the first statement
// improves (2→3) and the second regresses (4→2), and returns its path and
// the statement ids.
func yearlyWorkbook(t *testing.T, dir, org string) (string, []string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(dir, strings.ReplaceAll(strings.ToLower(org), " ", "-")+".db")
	st, err := data.Open(path, data.Options{User: "tester", NoBackupOnOpen: true, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c := criteria.Builtin()
	var ids []string
	for _, m := range c.ForAudience(criteria.Organisation) {
		for _, s := range m.Statements {
			ids = append(ids, s.ID)
		}
	}
	h, err := st.CreateAssessment(ctx, model.Header{Organisation: org, Audience: criteria.Organisation, Period: "2025/26", CareSetting: model.SettingAcute}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.SetScore(ctx, h.ID, ids[0], 2))
	must(st.SetScore(ctx, h.ID, ids[1], 4))
	must(st.SaveAction(ctx, h.ID, model.Action{StatementID: ids[0], Title: "Board training", Owner: "Dev"}))
	must(st.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: ids[0], Title: "Minutes"}))
	nh, _, err := st.CarryForward(ctx, h.ID, model.Header{Period: "2026/27"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	must(st.SetScore(ctx, nh.ID, ids[0], 3))
	must(st.SetScore(ctx, nh.ID, ids[1], 2))
	a, err := st.Assessment(ctx, nh.ID)
	if err != nil {
		t.Fatal(err)
	}
	x := a.Actions[ids[0]][0]
	x.Status = model.StatusDone
	must(st.SaveAction(ctx, nh.ID, x))
	return path, ids
}

func TestCompareCommand(t *testing.T) {
	db, ids := yearlyWorkbook(t, t.TempDir(), "Northshire NHS Trust")
	c := criteria.Builtin()
	_, m0, _ := c.Statement(ids[0])
	_, m1, _ := c.Statement(ids[1])
	tests := []struct {
		name   string
		args   []string
		code   int
		want   []string
		stderr string
	}{
		{"by period labels", []string{"compare", "--db", db, "2025/26", "2026/27"}, 0,
			[]string{"Regressed:\n  " + ids[1] + " ", "4→2", "Improved:\n  " + ids[0], "Actions completed:\n  " + ids[0], "Board training (Dev)",
				"Summary:\nBetween 2025/26 and 2026/27 the overall mean ", "One statement regressed: " + ids[1] + " (4→2). One statement improved: " + ids[0] + " (2→3).",
				"One action was completed since 2025/26."}, ""},
		{"by ids, markdown", []string{"compare", "--db", db, "--format", "md", "1", "2"}, 0,
			[]string{"# Northshire NHS Trust (Organisation): 2026/27 compared with 2025/26", "| Measure | 2025/26 | 2026/27 |", "## Summary",
				"like for like over the two statements scored in both periods"}, ""},
		{"unknown period", []string{"compare", "--db", db, "2019/20", "2"}, 1, nil, `no assessment for period "2019/20"`},
		{"one argument", []string{"compare", "--db", db, "1"}, 2, nil, "give two assessments"},
		{"bad format", []string{"compare", "--db", db, "--format", "docx", "1", "2"}, 2, nil, "use one of: text, md, html, pdf"},
		{"pdf needs a file", []string{"compare", "--db", db, "--format", "pdf", "1", "2"}, 2, nil, "--format pdf needs --out FILE"},
	}
	if m0.Key == m1.Key {
		tests[0].want = append(tests[0].want, m0.Name+" ")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errb := runWGLL(t, tt.args...)
			if code != tt.code || !strings.Contains(errb, tt.stderr) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, errb, tt.code, tt.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestNewCommand(t *testing.T) {
	db, _ := yearlyWorkbook(t, t.TempDir(), "Northshire NHS Trust")
	code, out, errb := runWGLL(t, "new", "--db", db, "--from", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	if !strings.Contains(out, "Started assessment 3, Northshire NHS Trust · 2027/28, from assessment 2: 1 evidence items carried (marked for review), 0 open actions carried, 2 last-time scores.") {
		t.Errorf("output = %q", out)
	}
	code, _, errb = runWGLL(t, "new", "--db", db, "--from", "2")
	if code != 1 || !strings.Contains(errb, "already has an assessment for 2027/28") {
		t.Errorf("second new: exit %d, %q", code, errb)
	}
	if code, _, errb := runWGLL(t, "new", "--db", db); code != 2 || !strings.Contains(errb, "--from ID is required") {
		t.Errorf("no --from: exit %d, %q", code, errb)
	}
	if got := model.NextPeriod("2099/00"); got != "2100/01" {
		t.Errorf("model.NextPeriod(2099/00) = %q", got)
	}
}

func TestImportAndOrganisationHeatmap(t *testing.T) {
	dir := t.TempDir()
	north, _ := yearlyWorkbook(t, dir, "Northshire NHS Trust")
	south, _ := yearlyWorkbook(t, dir, "Southshire NHS Trust")
	ics := filepath.Join(dir, "ics.db")
	st, err := data.Open(ics, data.Options{User: "ics", NoBackupOnOpen: true, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, errb := runWGLL(t, "import", "--db", ics, north, south)
	if code != 0 || !strings.Contains(out, north+": 2 added, 0 already here, 0 conflicts") || !strings.Contains(out, south+": 2 added") {
		t.Fatalf("first import: exit %d\n%s%s", code, out, errb)
	}
	code, out, _ = runWGLL(t, "import", "--db", ics, north)
	if code != 0 || !strings.Contains(out, "0 added, 2 already here, 0 conflicts") {
		t.Errorf("second import: exit %d\n%s", code, out)
	}
	code, out, _ = runWGLL(t, "heatmap", "--db", ics, "--by", "organisation")
	if code != 0 || !strings.Contains(out, "2026/27") || !strings.Contains(out, "Northshire NHS Trust") || !strings.Contains(out, "ICS mean") {
		t.Errorf("heatmap --by organisation: exit %d\n%s", code, out)
	}
	code, out, _ = runWGLL(t, "heatmap", "--db", ics, "--by", "period", "--organisation", "southshire nhs trust")
	if code != 0 || !strings.Contains(out, "2025/26") || !strings.Contains(out, "2026/27") || !strings.Contains(out, "trend") {
		t.Errorf("heatmap --by period: exit %d\n%s", code, out)
	}
	if code, _, errb := runWGLL(t, "heatmap", "--db", ics, "--by", "year"); code != 2 || !strings.Contains(errb, "--by must be") {
		t.Errorf("bad --by: exit %d %q", code, errb)
	}
	// A changed source is a conflict: reported, exit 1, nothing overwritten.
	s2, err := data.Open(north, data.Options{User: "org", NoBackupOnOpen: true, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	c := criteria.Builtin()
	first := c.ForAudience(criteria.Organisation)[0].Statements[0].ID
	if _, err := s2.SetScore(context.Background(), 1, first, 5); err != nil {
		t.Fatal(err)
	}
	s2.Close()
	code, out, errb = runWGLL(t, "import", "--db", ics, north)
	if code != 1 || !strings.Contains(out, "CONFLICT   Northshire NHS Trust · 2025/26 (organisation) differs from assessment 1 here in scores; not imported") || !strings.Contains(errb, "1 conflicting assessments were not imported") {
		t.Errorf("conflicting import: exit %d\n%s%s", code, out, errb)
	}
}

func TestBenchmarkCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.db")
	st, err := data.Open(db, data.Options{User: "x", NoBackupOnOpen: true, Create: true, Now: func() time.Time { return time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	// Before any import: the built-in figures.
	code, out, errb := runWGLL(t, "benchmark", "show", "--db", db, "--setting", "acute")
	if code != 0 || !strings.Contains(out, "DMA scale") || !regexp.MustCompile(`(?m)^Well Led +2\.83$`).MatchString(out) || !strings.Contains(out, "Acute (134)") {
		t.Fatalf("built-in show: exit %d\n%s%s", code, out, errb)
	}
	code, out, errb = runWGLL(t, "benchmark", "import", "--db", db, "data/benchmark/testdata/dma-2025-results.xlsx")
	if code != 0 || !strings.Contains(out, "Imported the 2025 DMA results: 327 provider entries, 42 ICSs, 6 care settings") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errb)
	}
	code, out, errb = runWGLL(t, "benchmark", "show", "--db", db, "--provider", "salisbury", "--setting", "icb")
	if code != 0 || !strings.Contains(out, "SALISBURY NHS FOUNDATION TRUST (Acute)") || !strings.Contains(out, "ICB (42)") || !regexp.MustCompile(`(?m)^Well Led +2\.45 +2\.80$`).MatchString(out) {
		t.Errorf("provider show: exit %d\n%s%s", code, out, errb)
	}
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"benchmark"}, 2, "say one of: import, show"},
		{[]string{"benchmark", "shwo"}, 2, `did you mean "show"?`},
		{[]string{"benchmark", "show", "--db", db, "--setting", "dental"}, 2, "--setting must be one of"},
		{[]string{"benchmark", "show", "--db", db, "--provider", "nowhere at all"}, 1, "no provider's name contains"},
		{[]string{"benchmark", "import", "--db", db, "main.go"}, 1, "open DMA results main.go"},
	}
	for _, tt := range tests {
		code, _, errb := runWGLL(t, tt.args...)
		if code != tt.code || !strings.Contains(errb, tt.stderr) {
			t.Errorf("%v: exit %d %q; want %d %q", tt.args, code, errb, tt.code, tt.stderr)
		}
	}
}
