package export

import (
	"bytes"
	"context"
	"errors"
	"iter"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"wgll/model"
)

// TestReadCountsEachItemOnce: Job.Read ends at the number of actions (the
// action list) or of actions and evidence items (the board report) in
// every format, though the XLSX and the PDF read the actions twice, once
// to fit their columns.
func TestReadCountsEachItemOnce(t *testing.T) {
	a := fixture()
	var actions, evidence int64
	for _, xs := range a.Actions {
		actions += int64(len(xs))
	}
	for _, es := range a.Evidence {
		evidence += int64(len(es))
	}
	if actions == 0 || evidence == 0 {
		t.Fatal("the fixture needs actions and evidence")
	}
	items := wholeItems(a, fixedNow)
	plan := model.BuildPlan(a, fixedNow)
	summary := *a
	summary.Counts = map[string]model.ItemCounts{} // read as the app holds it
	for _, f := range FormatNames(Actions) {
		var n atomic.Int64
		if _, err := Write(&bytes.Buffer{}, Job{Kind: Actions, Format: f, Assessment: a, Source: items.Actions, Now: fixedNow, Read: &n}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if n.Load() != actions {
			t.Errorf("action list as %s: read %d, want %d", f, n.Load(), actions)
		}
	}
	for _, f := range FormatNames(Report) {
		var n atomic.Int64
		j := Job{Kind: Report, Format: f, Assessment: &summary, Source: items.Actions, Evidence: items.Evidence, Plan: &plan, Now: fixedNow, Read: &n}
		if _, err := Write(&bytes.Buffer{}, j); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if n.Load() != actions+evidence {
			t.Errorf("report as %s: read %d, want %d actions and evidence items", f, n.Load(), actions+evidence)
		}
	}
	// Without a counter nothing is counted, and the rows are the same.
	var with, without bytes.Buffer
	var n atomic.Int64
	Write(&with, Job{Kind: Actions, Format: "csv", Assessment: a, Now: fixedNow, Read: &n})
	Write(&without, Job{Kind: Actions, Format: "csv", Assessment: a, Now: fixedNow})
	if !bytes.Equal(with.Bytes(), without.Bytes()) || n.Load() != actions {
		t.Errorf("counting changed the CSV, or the whole assessment's rows were not counted (%d)", n.Load())
	}
}

// TestWriteFileContextStops: an export whose context is cancelled part-way
// (the app quitting, or esc) stops at its next write, even with every row
// read, and leaves neither the file nor its temporary file behind, and a
// file already there untouched.
func TestWriteFileContextStops(t *testing.T) {
	a := fixture()
	rows := ActionRows(a, Filter{}, fixedNow)
	for len(rows) < 20000 {
		rows = append(rows, rows...)
	}
	for _, f := range []string{"csv", "md", "xlsx"} {
		t.Run(f, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "actions."+f)
			if err := os.WriteFile(path, []byte("last year's"), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			src := func(ordered bool) iter.Seq2[ActionRow, error] {
				return func(yield func(ActionRow, error) bool) {
					for i, r := range rows {
						if ordered && i == len(rows)/2 {
							cancel() // mid-way through what is written
						}
						if !yield(r, nil) {
							return
						}
					}
				}
			}
			_, err := WriteFileContext(ctx, path, Job{Kind: Actions, Format: f, Assessment: a, Source: src, Now: fixedNow})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want it cancelled", err)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("left behind: %v", entries)
			}
			if b, _ := os.ReadFile(path); string(b) != "last year's" {
				t.Errorf("the file already there became %d bytes", len(b))
			}
		})
	}
}
