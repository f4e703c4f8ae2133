package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"wgll/criteria"
	"wgll/data"
	"wgll/data/export"
	"wgll/model"
)

// workbookWithActions writes a workbook whose one assessment has n
// actions spread over the organisation statements, inserted in one SQL
// statement so that a large n takes no time to make.
func workbookWithActions(t testing.TB, n int) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "wb.db")
	st, err := data.Open(path, data.Options{User: "tester", NoBackupOnOpen: true, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	h, err := st.CreateAssessment(ctx, model.Header{Organisation: "Northshire NHS Trust", Audience: criteria.Organisation, Period: "2026/27"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	var ids []string
	for _, m := range criteria.Builtin().ForAudience(criteria.Organisation) {
		for _, s := range m.Statements {
			ids = append(ids, s.ID)
		}
	}
	list, _ := json.Marshal(ids)
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
		INSERT INTO actions (assessment_id, statement_id, title, owner, due, status, priority, created_by, created_at, updated_by, updated_at)
		SELECT ?, json_extract(?, '$[' || (i % ?) || ']'), 'Action ' || i || ': agree the plan, then "do" it', 'Owner ' || (i % 40),
			CASE WHEN i % 9 = 0 THEN '' ELSE printf('2026-%02d-%02d', i % 12 + 1, i % 28 + 1) END,
			CASE i % 4 WHEN 0 THEN 'open' WHEN 1 THEN 'in-progress' WHEN 2 THEN 'done' ELSE 'dropped' END,
			'medium', 'tester', '2026-01-12 09:15:30.123Z', 'tester', '2026-02-12 10:00:00.000Z'
		FROM k`, n, h.ID, string(list), len(ids))
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// heapSampler is standard output that records the live heap (after a
// collection) at every write: the high-water mark of what an export
// holds while it writes.
type heapSampler struct {
	writes int
	peak   uint64
	bytes  int
}

func (h *heapSampler) Write(p []byte) (int, error) {
	h.writes++
	h.bytes += len(p)
	h.peak = max(h.peak, liveHeap())
	return len(p), nil
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestExportActionsMemoryDoesNotGrowWithTheActions checks issue 16's
// streaming: what the CSV, JSON and Markdown exports hold while they write
// (sampled at each 64 KB the writer flushes) is the same for 30,000 actions as for 1,000. Loading the assessment
// and building every row first held about 500 bytes more per action.
func TestExportActionsMemoryDoesNotGrowWithTheActions(t *testing.T) {
	small, large := workbookWithActions(t, 1000), workbookWithActions(t, 30000)
	for _, format := range []string{"csv", "json", "md"} {
		growth := func(path string) uint64 {
			out := &heapSampler{}
			var stderr bytes.Buffer
			base := liveHeap()
			if code := run(context.Background(), []string{"export", "actions", "--db", path, "--format", format}, strings.NewReader(""), out, &stderr); code != 0 {
				t.Fatalf("export %s exited %d: %s", format, code, stderr.String())
			}
			if out.writes < 4 {
				t.Fatalf("export %s wrote only %d times (%d bytes); the sampler saw nothing", format, out.writes, out.bytes)
			}
			if out.peak < base {
				return 0
			}
			return out.peak - base
		}
		g1, g30 := growth(small), growth(large)
		t.Logf("%s: live heap while writing grew %d KB for 1,000 actions, %d KB for 30,000", format, g1>>10, g30>>10)
		if g30 > g1+2<<20 {
			t.Errorf("%s: the export held %d KB more for 30,000 actions than for 1,000 (%d KB against %d KB): rows are being gathered, not streamed",
				format, (g30-g1)>>10, g30>>10, g1>>10)
		}
	}
}

// TestExportActionsCountsWhatItWrites checks the command's own count and
// the XLSX written from the stream: "wrote N actions" is the number of
// rows in the file, with and without a filter.
func TestExportActionsCountsWhatItWrites(t *testing.T) {
	path := workbookWithActions(t, 600)
	for _, tt := range []struct {
		args []string
		want int
	}{
		{nil, 600},
		{[]string{"--status", "open"}, 150},
		{[]string{"--owner", "OWNER 7"}, 15},
		{[]string{"--status", "done", "--owner", "nobody"}, 0},
	} {
		out := filepath.Join(t.TempDir(), "a.xlsx")
		var stdout, stderr bytes.Buffer
		args := append([]string{"export", "actions", "--db", path, "--out", out}, tt.args...)
		if code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("%v exited %d: %s", tt.args, code, stderr.String())
		}
		if want := fmt.Sprintf("wrote %d %s to %s\n", tt.want, plural(tt.want, "action", "actions"), out); stdout.String() != want {
			t.Errorf("%v printed %q, want %q", tt.args, stdout.String(), want)
		}
		if got := xlsxDataRows(t, out); got != tt.want {
			t.Errorf("%v: the Actions sheet has %d rows, want %d", tt.args, got, tt.want)
		}
	}
}

// xlsxDataRows counts the rows under the header of the Actions sheet.
func xlsxDataRows(t *testing.T, path string) int {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Actions")
	if err != nil {
		t.Fatal(err)
	}
	return len(rows) - 1
}

// TestAppExportStreamsTheActionList checks the app's export of the action
// list from the summary it holds: it streams from the store and writes
// what 'wgll export actions' writes.
func TestAppExportStreamsTheActionList(t *testing.T) {
	path, _ := exportWorkbook(t)
	ctx := context.Background()
	st, err := data.Open(path, data.Options{User: "tester", NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id, _, err := st.NewestReadable(ctx)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)
	sum, err := st.AssessmentSummary(ctx, id, now, "")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, format := range []string{"csv", "md", "json", "xlsx"} {
		app := filepath.Join(dir, "app."+format)
		if _, err := appExport(ctx, st, export.Job{Kind: export.Actions, Format: format, Assessment: sum, Now: now}, app); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if format == "xlsx" {
			if n := xlsxDataRows(t, app); n != 3 {
				t.Errorf("the app's XLSX has %d actions, want 3", n)
			}
			continue
		}
		whole, err := st.AssessmentActions(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if _, err := export.Write(&want, export.Job{Kind: export.Actions, Format: format, Assessment: whole, Now: now}); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(app)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want.String() {
			t.Errorf("the app's %s differs from the whole assessment's:\n%s\nwant\n%s", format, got, want.String())
		}
	}
}
