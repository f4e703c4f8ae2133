package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wgll/data"
	"wgll/data/export"
	"wgll/model"
)

// runWGLLIn is runWGLL with stdin, for the commands that ask.
func runWGLLIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// demoDB writes the small demo to a temporary workbook: assessment 1 is
// last year's (signed off), 2 this year's (with targets), 3 the ICS's.
// demoStore opens a copy of the small demo, for the app's exporter.
func demoStore(t *testing.T) *data.Store {
	t.Helper()
	st, err := data.Open(demoDB(t), data.Options{User: "x", NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func demoDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errs := runWGLL(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	return db
}

// wholeAssessments reads assessments ids of workbook db whole, evidence
// and actions included: what a command that reads less must match.
func wholeAssessments(t *testing.T, db string, ids ...int64) []*model.Assessment {
	t.Helper()
	st, err := data.Open(db, data.Options{NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var out []*model.Assessment
	for _, id := range ids {
		a, err := st.Assessment(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

func TestPlanCommands(t *testing.T) {
	db := demoDB(t)
	out := filepath.Join(filepath.Dir(db), "plan.json")
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout []string
		stderr string
	}{
		{"plan as text", []string{"plan"}, "", 0, []string{"Improvement plan: Northfield Valley", "Gaps are ranked by (1) gap to target", "NO ACTION YET", "Readiness"}, ""},
		{"plan of the signed-off year shows its sign-off", []string{"plan", "--assessment", "1"}, "", 0, []string{"Assured by Amara Okafor"}, ""},
		{"plan as JSON to a file", []string{"plan", "--out", out}, "", 0, []string{"wrote the plan ("}, ""},
		{"plan xlsx needs --out", []string{"plan", "--format", "xlsx"}, "", 2, nil, "needs --out FILE"},
		{"plan pdf needs --out", []string{"plan", "--format", "pdf"}, "", 2, nil, "--format pdf needs --out FILE"},
		{"plan unknown format", []string{"plan", "--format", "docx"}, "", 2, nil, `unknown format "docx"`},
		{"target a statement", []string{"target", "WL-O3", "5", "--by", "2027-03-31"}, "", 0, []string{"target of WL-O3: 5 by 2027-03-31"}, ""},
		{"target a measure", []string{"target", "--measure", "well-led", "4"}, "", 0, []string{"target of measure well-led (default): 4"}, ""},
		{"target off the scale", []string{"target", "WL-O3", "7"}, "", 2, nil, "LEVEL must be 1 to 5"},
		{"target unknown statement", []string{"target", "XX-1", "3"}, "", 1, nil, `statement "XX-1" is not one of`},
		{"target on a signed-off year is refused", []string{"target", "--assessment", "1", "WL-O3", "4"}, "", 1, nil, "signed off (Assured by Amara Okafor, Chief Information Officer"},
		{"unlock needs a reason", []string{"assessment", "unlock", "1"}, "", 2, nil, "unlocking needs a reason"},
		{"unlock", []string{"assessment", "unlock", "1", "--reason", "correct a score"}, "", 0, []string{"assessment 1 unlocked"}, ""},
		{"now it can change", []string{"target", "--assessment", "1", "WL-O3", "4"}, "", 0, []string{"target of WL-O3: 4"}, ""},
		{"sign off needs --by", []string{"assessment", "signoff", "1"}, "", 2, nil, "--by NAME"},
		{"approval needs a minute", []string{"assessment", "signoff", "1", "--by", "B. Jones, Deputy CIO", "--approved-by", "committee", "--approved-on", "2026-05-01"}, "", 2, nil, "minute reference"},
		{"sign off again", []string{"assessment", "signoff", "1", "--by", "B. Jones, Deputy CIO", "--on", "2026-04-30"}, "", 0, []string{"signed off and locked: Assured by B. Jones, Deputy CIO on 2026-04-30"}, ""},
		{"history has both", []string{"history", "--limit", "5"}, "", 0, []string{"signoff 1 unlock", "correct a score"}, ""},
		{"rename", []string{"assessment", "rename", "2", "--period", "2026-27"}, "", 0, []string{"assessment 2 is now Northfield Valley NHS Foundation Trust · 2026-27"}, ""},
		{"rename needs a field", []string{"assessment", "rename", "2"}, "", 2, nil, "--organisation NAME, --period P"},
		{"delete a locked assessment", []string{"assessment", "delete", "1", "--yes"}, "", 1, nil, "signed off"},
		{"delete answered no", []string{"assessment", "delete", "3"}, "n\n", 1, nil, "assessment 3 was not deleted"},
		{"delete answered yes", []string{"assessment", "delete", "3"}, "y\n", 0, []string{"deleted assessment 3", ".before-delete-3-"}, "Delete assessment 3, Northfield and Riverside"},
		{"stale evidence with owners", []string{"evidence", "stale"}, "", 0, []string{"OWNER", "carried, not confirmed", "Amara Okafor", "stale items"}, ""},
		{"stale evidence of everything", []string{"evidence", "stale", "--all"}, "", 0, []string{"ASSESSMENT"}, ""},
		{"evidence delete asks naming statements", []string{"evidence", "delete", "999"}, "", 1, nil, "evidence 999"},
		{"heatmap by organisation for a period", []string{"heatmap", "--by", "organisation", "--period", "2025/26", "--rollup", "median"}, "", 0, []string{"2025/26", "ICS median", "Spread per measure", "Other periods: 2026-27"}, ""},
		{"heatmap unknown period", []string{"heatmap", "--by", "organisation", "--period", "1999"}, "", 1, nil, `no organisation assessments for period "1999"`},
		{"heatmap bad rollup", []string{"heatmap", "--by", "organisation", "--rollup", "max"}, "", 2, nil, "mean, median or min"},
		{"heatmap of gaps", []string{"heatmap", "--show", "gap"}, "", 0, []string{"gap to target per statement", "-2", "! marks a statement with stale evidence"}, ""},
		{"heatmap bad show", []string{"heatmap", "--show", "colour"}, "", 2, nil, "--show must be score, target or gap"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runWGLLIn(t, tc.stdin, append(tc.args, "--db", db, "--user", "tester")...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, stdout, stderr)
			}
			for _, want := range tc.stdout {
				if !strings.Contains(stdout, want) {
					t.Errorf("stdout lacks %q:\n%s", want, stdout)
				}
			}
			if !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, stderr)
			}
		})
	}
	var doc struct {
		Schema string `json:"schema"`
		Gaps   []struct {
			Rank     int  `json:"rank"`
			NoAction bool `json:"no_action"`
		} `json:"gaps"`
	}
	b, err := os.ReadFile(out)
	if err != nil || json.Unmarshal(b, &doc) != nil || doc.Schema != "wgll.plan/v1" || len(doc.Gaps) == 0 || doc.Gaps[0].Rank != 1 {
		t.Errorf("plan.json: %v %+v", err, doc)
	}
}

func TestEvidenceConfirmLinkDelete(t *testing.T) {
	db := demoDB(t)
	code, stdout, _ := runWGLL(t, "evidence", "stale", "--db", db)
	if code != 0 {
		t.Fatal(stdout)
	}
	// The first stale item of this year's assessment: its ID starts the
	// line after the header.
	var id string
	lines := strings.Split(stdout, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "ID ") && i+1 < len(lines) {
			id = strings.Fields(lines[i+1])[0]
			break
		}
	}
	steps := []struct {
		args  []string
		stdin string
		code  int
		want  string
	}{
		{[]string{"evidence", "link", id, "WL-O2"}, "", 0, "now supports"},
		{[]string{"evidence", "link", id, "NOPE"}, "", 1, "NOPE"},
		{[]string{"evidence", "confirm", id, "--review-by", "2099-01-01"}, "", 0, "confirmed (review by 2099-01-01)"},
		{[]string{"evidence", "confirm", id, "--review-by", "tomorrow"}, "", 2, "YYYY-MM-DD"},
		{[]string{"evidence", "delete", id}, "no\n", 1, "was not deleted"},
		{[]string{"evidence", "delete", id}, "yes\n", 0, "deleted evidence " + id + " from"},
	}
	for _, s := range steps {
		code, out, errs := runWGLLIn(t, s.stdin, append(s.args, "--db", db)...)
		if code != s.code || !strings.Contains(out+errs, s.want) {
			t.Errorf("%v: exit %d, want %d with %q\n%s%s", s.args, code, s.code, s.want, out, errs)
		}
		if s.args[1] == "delete" && !strings.Contains(errs, "It supports 2 statements") {
			t.Errorf("delete did not name both statements: %s", errs)
		}
	}
}

func TestImportReplaceCommand(t *testing.T) {
	dir := t.TempDir()
	member := filepath.Join(dir, "member.db")
	ics := filepath.Join(dir, "ics.db")
	runWGLL(t, "demo", "--db", member)
	if code, _, errs := runWGLL(t, "import", member, "--db", ics); code != 0 {
		t.Fatal(errs)
	}
	// The member corrects a score and resubmits.
	st, err := data.Open(member, data.Options{User: "member", NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.Assessment(context.Background(), 2)
	if err != nil {
		t.Fatal(err)
	}
	sid := a.Measures()[0].Statements[0].ID
	if _, err := st.SetScore(context.Background(), 2, sid, a.Score(sid)%5+1); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if code, out, _ := runWGLL(t, "import", member, "--db", ics); code != 1 || !strings.Contains(out, "CONFLICT") {
		t.Fatalf("plain import of the correction: %d %s", code, out)
	}
	code, out, errs := runWGLL(t, "import", "--replace", member, "--db", ics)
	if code != 0 || !strings.Contains(out, "1 replaced") || !strings.Contains(out, "scores changed") || !strings.Contains(out, "the workbook as it was is in") {
		t.Fatalf("import --replace: %d %s %s", code, out, errs)
	}
	if code, out, _ := runWGLL(t, "history", "--db", ics, "--limit", "1"); code != 0 || !strings.Contains(out, "replace") {
		t.Errorf("history after replace: %s", out)
	}
}

// TestICSHeatmapShowsPublishedScores: with the DMA results imported, each
// member's published scores are listed beside the grid; a member matching
// no provider says so rather than borrowing another's.
func TestICSHeatmapShowsPublishedScores(t *testing.T) {
	db := demoDB(t)
	steps := [][]string{
		{"benchmark", "import", filepath.Join("data", "benchmark", "testdata", "dma-2025-results.xlsx")},
		{"assessment", "rename", "2", "--organisation", "Leeds Teaching Hospitals NHS Trust"},
	}
	for _, s := range steps {
		if code, out, errs := runWGLL(t, append(s, "--db", db)...); code != 0 {
			t.Fatalf("%v: %s %s", s, out, errs)
		}
	}
	code, out, errs := runWGLL(t, "heatmap", "--by", "organisation", "--period", "2026/27", "--db", db)
	if code != 0 || !strings.Contains(out, "Published DMA 2025 scores") || !strings.Contains(out, "Leeds Teaching Hospitals NHS Trust  3.50") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = runWGLL(t, "heatmap", "--by", "organisation", "--period", "2025/26", "--db", db)
	if code != 0 || !strings.Contains(out, "Northfield Valley NHS Foundation Trust (no single match)") {
		t.Errorf("an unmatched member:\n%s", out)
	}
}

// TestAppExportWritesThePlan: the app's exporter writes the plan in each
// of its formats.
func TestAppExportWritesThePlan(t *testing.T) {
	st := demoStore(t)
	a, err := st.Assessment(context.Background(), 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"text", "md", "csv", "json", "xlsx", "pdf"} {
		out := filepath.Join(t.TempDir(), "plan."+f)
		if _, err := appExport(context.Background(), st, export.Job{Kind: export.Plan, Format: f, Assessment: a, Now: time.Now()}, out); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		b, _ := os.ReadFile(out)
		if len(b) == 0 || (f != "xlsx" && f != "pdf" && !strings.Contains(string(b), "WL-O")) {
			t.Errorf("%s: %d bytes", f, len(b))
		}
	}
	if _, err := appExport(context.Background(), st, export.Job{Kind: export.Plan, Format: "docx", Assessment: a, Now: time.Now()}, filepath.Join(t.TempDir(), "p.docx")); err == nil {
		t.Error("a plan in an unknown format was written")
	}
}

// TestAppExportOfASummary: the app hands its exporter the summary it holds;
// appExport reads what each kind needs with it (the plan its gaps'
// support), and writes what a whole assessment's export would.
func TestAppExportOfASummary(t *testing.T) {
	st := demoStore(t)
	ctx, now := context.Background(), time.Now()
	whole, err := st.Assessment(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := st.AssessmentSummary(ctx, 2, now, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []export.Kind{export.Plan, export.Actions, export.Report} {
		var got [2]string
		for i, a := range []*model.Assessment{whole, sum} {
			out := filepath.Join(t.TempDir(), "out.md")
			if _, err := appExport(ctx, st, export.Job{Kind: kind, Format: "md", Assessment: a, Now: now}, out); err != nil {
				t.Fatalf("%s of %s: %v", kind, []string{"the whole", "a summary"}[i], err)
			}
			b, _ := os.ReadFile(out)
			got[i] = string(b)
		}
		if got[0] != got[1] || !strings.Contains(got[1], "WL-O") {
			t.Errorf("%s: the summary's export differs from the whole's:\n%s\n---\n%s", kind, got[0], got[1])
		}
	}
}

// TestPlanCommandReadsGapsOnly: 'wgll plan' builds the plan from the
// assessment's summary and its gaps' support (as the app's plan screen
// does), never the whole assessment, and writes exactly what the plan of
// the whole assessment would be, in every text format.
func TestPlanCommandReadsGapsOnly(t *testing.T) {
	db := demoDB(t)
	whole := wholeAssessments(t, db, 2)[0]
	for _, f := range []string{"text", "md", "csv", "json"} {
		code, out, errs := runWGLL(t, "plan", "--db", db, "--assessment", "2", "--format", f)
		if code != 0 {
			t.Fatalf("plan --format %s: %s", f, errs)
		}
		var want bytes.Buffer
		if _, err := export.WritePlan(&want, f, whole, time.Now()); err != nil {
			t.Fatal(err)
		}
		if out != want.String() {
			t.Errorf("plan --format %s differs from the plan of the whole assessment:\n got %.300q\nwant %.300q", f, out, want.String())
		}
		if f == "text" && !strings.Contains(out, "gaps to close") {
			t.Errorf("the demo's plan has no gaps:\n%s", out)
		}
	}
}
