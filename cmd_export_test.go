package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"wgll/criteria"
	"wgll/data"
	"wgll/data/export"
	"wgll/model"
)

// exportWorkbook writes a workbook with one assessment holding three
// actions (one overdue, one with a formula for a title, one done) and
// returns its path and the assessment.
func exportWorkbook(t *testing.T) (string, *model.Assessment) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "wb.db")
	st, err := data.Open(path, data.Options{User: "tester", NoBackupOnOpen: true, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h, err := st.CreateAssessment(ctx, model.Header{Organisation: "Mercia & Ælfric NHS Trust", Audience: criteria.Organisation, Period: "2026/27"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	ms := criteria.Builtin().ForAudience(criteria.Organisation)
	s1, s2 := ms[0].Statements[0].ID, ms[1].Statements[0].ID
	if _, err := st.SetScore(ctx, h.ID, s1, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: s1, Title: "Board paper <b>7</b>", Link: "https://example.org/p7"}); err != nil {
		t.Fatal(err)
	}
	for _, x := range []model.Action{
		{StatementID: s1, Title: "Agree the strategy (£40k)", Owner: "Zoë", Due: time.Date(2020, 1, 31, 0, 0, 0, 0, time.UTC), Status: model.StatusOpen, Priority: model.PriorityHigh},
		{StatementID: s2, Title: "=HYPERLINK(\"http://evil\")", Owner: "Sam", Status: model.StatusInProgress, Priority: model.PriorityLow},
		{StatementID: s2, Title: "Patch the servers", Owner: "zoë", Status: model.StatusDone, Priority: model.PriorityMedium},
	} {
		if _, err := st.SaveAction(ctx, h.ID, x); err != nil {
			t.Fatal(err)
		}
	}
	a, err := st.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	return path, a
}

func TestExportAndReportCommands(t *testing.T) {
	db, a := exportWorkbook(t)
	dir := t.TempDir()
	existing := filepath.Join(dir, "kept.csv")
	os.WriteFile(existing, []byte("old"), 0o644)
	key := a.Measures()[0].Key
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr string
		file   string // a file that must exist afterwards
	}{
		{name: "no subject", args: []string{"export"}, code: 2, stderr: "say one of: actions, report, assessments"},
		{name: "unknown subject", args: []string{"export", "owners"}, code: 2, stderr: "use one of: actions, report"},
		{name: "csv to stdout", args: []string{"export", "actions", "--db", db}, stdout: []string{"\uFEFFAction ID,", "Agree the strategy (£40k)", `"'=HYPERLINK(""http://evil"")"`, "Patch the servers"}},
		{name: "status filter", args: []string{"export", "actions", "--db", db, "--status", "done"}, stdout: []string{"Patch the servers"}},
		{name: "owner filter", args: []string{"export", "actions", "--db", db, "--owner", "ZOË", "--format", "json"}, stdout: []string{`"schema": "wgll.actions/v1"`, `"owner": "Zoë"`, `"owner": "zoë"`}},
		{name: "overdue", args: []string{"export", "actions", "--db", db, "--overdue", "--format", "md"}, stdout: []string{"| Agree the strategy (£40k) |"}},
		{name: "measure", args: []string{"export", "actions", "--db", db, "--measure", key, "--format", "md"}, stdout: []string{"Agree the strategy"}},
		{name: "unknown measure", args: []string{"export", "actions", "--db", db, "--measure", "nope"}, code: 2, stderr: "no measure with key \"nope\"; use one of: " + key},
		{name: "unknown format", args: []string{"export", "actions", "--db", db, "--format", "pdf"}, code: 2, stderr: "use one of: csv, xlsx, md, json"},
		{name: "unknown status", args: []string{"export", "actions", "--db", db, "--status", "closed"}, code: 2, stderr: "open, in-progress, done, dropped"},
		{name: "xlsx needs out", args: []string{"export", "actions", "--db", db, "--format", "xlsx"}, code: 2, stderr: "--out FILE"},
		{name: "xlsx to file", args: []string{"export", "actions", "--db", db, "--out", filepath.Join(dir, "a.xlsx")}, stdout: []string{"wrote 3 actions to"}, file: filepath.Join(dir, "a.xlsx")},
		{name: "no match", args: []string{"export", "actions", "--db", db, "--owner", "nobody"}, stdout: []string{"Action ID"}, stderr: "no actions match"},
		{name: "missing workbook", args: []string{"export", "actions", "--db", filepath.Join(dir, "none.db")}, code: 1, stderr: "no workbook at"},
		{name: "bad assessment", args: []string{"export", "actions", "--db", db, "--assessment", "99"}, code: 1, stderr: "99"},
		{name: "unwritable out", args: []string{"export", "actions", "--db", db, "--out", filepath.Join(existing, "x.csv")}, code: 1, stderr: "cannot create a file"},
		{name: "report md", args: []string{"report", "--db", db}, stdout: []string{"# Digital maturity board report: Mercia &amp; Ælfric NHS Trust", "## Heatmap", "## The largest gaps", "## Evidence index"}},
		{name: "report html", args: []string{"report", "--db", db, "--format", "html"}, stdout: []string{"<!DOCTYPE html>", "&lt;b&gt;7&lt;/b&gt;"}},
		{name: "report html by extension", args: []string{"report", "--db", db, "--out", filepath.Join(dir, "r.html")}, stdout: []string{"wrote the board report"}, file: filepath.Join(dir, "r.html")},
		{name: "export report", args: []string{"export", "report", "--db", db, "--format", "md"}, stdout: []string{"## Measures"}},
		{name: "report unknown format", args: []string{"report", "--db", db, "--format", "docx"}, code: 2, stderr: "use one of: md, html, pdf"},
		{name: "report pdf needs a file", args: []string{"report", "--db", db, "--format", "pdf"}, code: 2, stderr: "--format pdf needs --out FILE"},
		{name: "report help lists pdf", args: []string{"report", "--help"}, stdout: []string{"md (default), html or pdf"}},
		{name: "report help", args: []string{"help", "report"}, stdout: []string{"wgll report [flags]", "--format FORMAT"}},
		{name: "export help", args: []string{"help", "export", "actions"}, stdout: []string{"--overdue"}},
		{name: "export actions --help", args: []string{"export", "actions", "--help"}, stdout: []string{"--overdue", "--status LIST"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runWGLL(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errs)
			}
			for _, want := range tt.stdout {
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
			if !strings.Contains(errs, tt.stderr) {
				t.Errorf("stderr %q does not contain %q", errs, tt.stderr)
			}
			if tt.file != "" {
				if _, err := os.Stat(tt.file); err != nil {
					t.Errorf("%s not written: %v", tt.file, err)
				}
			}
		})
	}
	if b, _ := os.ReadFile(existing); string(b) != "old" {
		t.Errorf("a failed export changed %s", existing)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestExportCSVFileReadsBack(t *testing.T) {
	db, _ := exportWorkbook(t)
	out := filepath.Join(t.TempDir(), "actions.csv")
	if code, _, errs := runWGLL(t, "export", "actions", "--db", db, "--out", out, "--status", "open,in-progress"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("got %d records, want header and 2 live actions", len(recs))
	}
	if got := recs[1][5]; got != "Agree the strategy (£40k)" {
		t.Errorf("first action = %q; want the overdue one first (measure order)", got)
	}
	if got := recs[1][12]; got == "0" {
		t.Errorf("overdue action shows 0 days overdue")
	}
}

// TestAppExport is the app's export path: every kind and format through
// the one list and export.WriteFile.
func TestAppExport(t *testing.T) {
	_, a := exportWorkbook(t)
	dir := t.TempDir()
	now := time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		what, format, file string
		wantErr            string
	}{
		{"actions", "csv", "a.csv", ""},
		{"actions", "xlsx", "a.xlsx", ""},
		{"actions", "md", "a.md", ""},
		{"actions", "json", "a.json", ""},
		{"report", "md", "r.md", ""},
		{"report", "html", "r.html", ""},
		{"report", "pdf", "r.pdf", ""},
		{"compare", "pdf", "c.pdf", "nothing to compare"},
		{"report", "xlsx", "r.xlsx", "use one of: md, html, pdf"},
		{"actions", "pdf", "a.pdf", "use one of: csv, xlsx, md, json"},
		{"owners", "csv", "o.csv", `unknown export "owners"`},
		{"actions", "csv", "", "give a file name"},
	}
	for _, tt := range tests {
		t.Run(tt.what+"/"+tt.format, func(t *testing.T) {
			path := ""
			if tt.file != "" {
				path = filepath.Join(dir, tt.file)
			}
			_, err := appExport(context.Background(), nil, export.Job{Kind: export.Kind(tt.what), Format: tt.format, Assessment: a, Now: now}, path)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				if path != "" {
					if _, err := os.Stat(path); err == nil {
						t.Errorf("%s written despite the error", path)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(path)
			if err != nil || len(b) == 0 {
				t.Fatalf("read %s: %v (%d bytes)", path, err, len(b))
			}
			switch tt.format {
			case "json":
				var doc struct{ Actions []json.RawMessage }
				if err := json.Unmarshal(b, &doc); err != nil || len(doc.Actions) != 3 {
					t.Errorf("JSON has %d actions (%v), want 3", len(doc.Actions), err)
				}
			case "xlsx":
				f, err := excelize.OpenReader(bytes.NewReader(b))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				rows, _ := f.GetRows("Actions")
				if len(rows) != 4 {
					t.Errorf("XLSX has %d rows, want header and 3 actions", len(rows))
				}
			case "html":
				if strings.Contains(string(b), "<script") {
					t.Errorf("HTML report has a script")
				}
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := appExport(ctx, nil, export.Job{Kind: export.Actions, Format: "csv", Assessment: a, Now: now}, filepath.Join(dir, "c.csv")); err == nil {
		t.Errorf("a cancelled export succeeded")
	}
}
