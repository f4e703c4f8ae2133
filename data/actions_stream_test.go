package data

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"wgll/criteria"
	"wgll/data/export"
	"wgll/model"
)

// streamWorkbook writes two assessments whose actions are stored
// interleaved, a of them for every 3 of b, so that the export reads a
// through actions_by_statement and b along the table (see rangeDensity),
// with hostile text, every kind of due date (real, none, impossible,
// malformed), unknown states and statements, and hand-written times. With
// negative set, a also gets an action with a negative id, which the
// one-integer sort key cannot hold.
func streamWorkbook(t *testing.T, negative bool) (s *Store, a, b model.Header) {
	t.Helper()
	s = openT(t, newDB(t), "tester")
	a = createT(t, s)
	b, err := s.CreateAssessment(ctx, model.Header{Organisation: "Southshire = ICS", Audience: criteria.Organisation, Period: "2027/28"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	sids := append(orgStatements(t), "ZZ-GONE", "")
	titles := []string{
		"Agree the strategy (£40k)", `=HYPERLINK("http://evil","x")`, "+1 more", "-minus", "@sum", "\ttabbed", "\rcr",
		"say \"hi\", then go", "two\nlines\r\nhere", " leading space", "trailing space ", "Zoë's <b>plan</b> | pipe",
		"\x00nul", "\u2028sep", strings.Repeat("long ", 200),
	}
	owners := []string{"Zoë", "zoë ", " ZOË", "Sam", "", "=cmd|' /C calc'!A0", "Ålesund, Norway"}
	dues := []string{"2020-01-31", "", "2026-02-30", "2026-5-7", "soon", "2026-03-15", "2026-03-14", "2027-12-31", "0001-01-01", "2026-03-14 ", "2024-02-29"}
	statuses := []string{"open", "in-progress", "done", "dropped", "open", "in-progress", "blocked"}
	priorities := []string{"high", "medium", "low", "urgent"}
	times := []string{"2026-01-12 09:15:30.123Z", "2026-01-12 09:15", "2026-01-12T09:15:30.5+01:00", "", "garbage"}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	ins := func(id any, aid int64, i int) {
		t.Helper()
		_, err := tx.ExecContext(ctx, `INSERT INTO actions (id, assessment_id, statement_id, title, owner, due, status, priority, created_by, created_at, updated_by, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'tester', ?, 'tester', ?)`,
			id, aid, sids[i*7%len(sids)], titles[i%len(titles)], owners[i*3%len(owners)], dues[i*5%len(dues)],
			statuses[i%len(statuses)], priorities[i*11%len(priorities)], times[i%len(times)], times[(i+2)%len(times)])
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range 240 {
		if i%4 == 0 {
			ins(nil, a.ID, i)
		} else {
			ins(nil, b.ID, i)
		}
	}
	if negative {
		ins(-7, a.ID, 1)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return s, a, b
}

// streamed collects what ExportActions yields for assessment id.
func streamed(t *testing.T, s *Store, id int64, opt ActionExport, ordered bool) []export.ActionRow {
	t.Helper()
	var out []export.ActionRow
	err := s.ExportActions(ctx, id, opt, func(_ *model.Assessment, rows export.RowSource) error {
		for r, err := range rows(ordered) {
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("ExportActions: %v", err)
	}
	return out
}

// exported writes rows as format through export.Write, from the whole
// assessment loaded as before (source nil) or streamed.
func exported(t *testing.T, a *model.Assessment, format string, f export.Filter, source export.RowSource) string {
	t.Helper()
	var buf bytes.Buffer
	j := export.Job{Kind: export.Actions, Format: format, Assessment: a, Filter: f, Source: source, Now: streamNow}
	if _, err := export.Write(&buf, j); err != nil {
		t.Fatalf("write %s: %v", format, err)
	}
	return buf.String()
}

var streamNow = time.Date(2026, 3, 15, 23, 59, 0, 0, time.UTC)

var streamFilters = []export.Filter{
	{},
	{Statuses: []model.ActionStatus{model.StatusOpen, model.StatusInProgress}},
	{Statuses: []model.ActionStatus{"blocked"}},
	{Owner: " zoë"},
	{Measure: "well-led"},
	{Measure: "no-such-measure"},
	{Overdue: true},
	{Statuses: []model.ActionStatus{model.StatusOpen}, Owner: "ZOË", Overdue: true},
}

// TestExportActionsStreamsWhatActionRowsBuilds checks that the streamed
// action list is, row for row and byte for byte in every format, what
// export.ActionRows builds from the whole assessment: the same filters,
// the same order (measure, due date with undated and impossible dates
// last, id), the same hostile text and formula guards (XLSX: the same
// file, measured in its first pass and written in its second), through
// both the index and the range read, and with the sort key that a
// negative id needs.
func TestExportActionsStreamsWhatActionRowsBuilds(t *testing.T) {
	for _, negative := range []bool{false, true} {
		s, a, b := streamWorkbook(t, negative)
		for _, h := range []model.Header{a, b} {
			whole, err := s.AssessmentActions(ctx, h.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range streamFilters {
				name := fmt.Sprintf("negative=%v/%s/%+v", negative, h.Organisation, f)
				want := export.ActionRows(whole, f, streamNow)
				got := streamed(t, s, h.ID, ActionExport{Filter: f, Now: streamNow}, true)
				if len(got) != len(want) {
					t.Fatalf("%s: %d rows streamed, ActionRows has %d", name, len(got), len(want))
				}
				if f.Measure == "" && len(f.Statuses) == 0 && f.Owner == "" && !f.Overdue && len(want) < 50 {
					t.Fatalf("%s: the fixture has only %d actions", name, len(want))
				}
				for i := range want {
					if g, w := fmt.Sprintf("%+v", got[i]), fmt.Sprintf("%+v", rowFields(want[i])); g != w {
						t.Fatalf("%s: row %d is\n%s\nwant\n%s", name, i, g, w)
					}
				}
				unordered := streamed(t, s, h.ID, ActionExport{Filter: f, Now: streamNow}, false)
				key := func(r export.ActionRow) int64 { return r.ActionID }
				if !slices.Equal(sortedIDs(unordered, key), sortedIDs(got, key)) {
					t.Errorf("%s: the unordered pass yields other rows", name)
				}
				for _, format := range []string{"csv", "json", "md", "xlsx"} {
					var src export.RowSource
					err := s.ExportActions(ctx, h.ID, ActionExport{Filter: f, Now: streamNow}, func(_ *model.Assessment, rows export.RowSource) error {
						src = rows
						if g, w := exported(t, whole, format, export.Filter{}, src), exported(t, whole, format, f, nil); g != w {
							t.Errorf("%s: streamed %s differs from the in-memory export:\n%s\nwant\n%s", name, format, clipText(g), clipText(w))
						}
						return nil
					})
					if err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
}

// rowFields is r as the store streams it: without ActionRows' private
// sort position.
func rowFields(r export.ActionRow) export.ActionRow {
	return export.RowOf(export.ActionRow{AssessmentID: r.AssessmentID, Assessment: r.Assessment, Organisation: r.Organisation, Period: r.Period,
		MeasureKey: r.MeasureKey, Measure: r.Measure, StatementID: r.StatementID, Statement: r.Statement},
		model.Action{ID: r.ActionID, StatementID: r.StatementID, Title: r.Action, Owner: r.Owner, Due: r.Due, Status: r.Status, Priority: r.Priority,
			CreatedAt: r.Created, UpdatedAt: r.Updated}, streamNow)
}

func sortedIDs(rows []export.ActionRow, key func(export.ActionRow) int64) []int64 {
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = key(r)
	}
	slices.Sort(ids)
	return ids
}

func clipText(s string) string {
	if len(s) > 1500 {
		return s[:1500] + "…"
	}
	return s
}

// TestExportActionsSummaryCountsMatchTheWholeAssessment checks that the
// XLSX export's Summary sheet, made from the counts ExportActions reads
// with Counts set, shows what the whole assessment shows.
func TestExportActionsSummaryCountsMatchTheWholeAssessment(t *testing.T) {
	s, a, _ := streamWorkbook(t, false)
	// The store's counts (countActions, as the app's screens show them)
	// take a hand-written due date such as 2026-02-30 or "2026-03-14 " for
	// a date, where the whole assessment reads no date: this compares
	// workbooks wgll itself wrote.
	if _, err := s.db.ExecContext(ctx, `UPDATE actions SET due = '' WHERE date(due) IS NOT due OR due = '0001-01-01'`); err != nil {
		t.Fatal(err)
	}
	sids := orgStatements(t)
	if _, err := s.SetScore(ctx, a.ID, sids[0], 3); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveEvidence(ctx, a.ID, model.Evidence{StatementID: sids[0], Title: "Board paper"}); err != nil {
		t.Fatal(err)
	}
	whole, err := s.Assessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	err = s.ExportActions(ctx, a.ID, ActionExport{Now: streamNow, Counts: true}, func(sum *model.Assessment, _ export.RowSource) error {
		if g, w := fmt.Sprint(sum.AllStats(streamNow)), fmt.Sprint(whole.AllStats(streamNow)); g != w {
			t.Errorf("summary figures\n%s\nwant\n%s", g, w)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestExportActionsErrors checks that a missing assessment is an error
// that says so.
func TestExportActionsErrors(t *testing.T) {
	s := openT(t, newDB(t), "tester")
	err := s.ExportActions(ctx, 99, ActionExport{}, func(*model.Assessment, export.RowSource) error {
		t.Error("write ran for a missing assessment")
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "assessment 99") {
		t.Errorf("got %v, want an error naming assessment 99", err)
	}
	if _, ok, err := s.NewestReadable(ctx); ok || err != nil {
		t.Errorf("NewestReadable of an empty workbook = %v, %v; want none", ok, err)
	}
	h := createT(t, s)
	if id, ok, err := s.NewestReadable(ctx); !ok || err != nil || id != h.ID {
		t.Errorf("NewestReadable = %d, %v, %v; want %d", id, ok, err, h.ID)
	}
}
