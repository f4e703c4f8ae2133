package export

import (
	"errors"
	"io"
	"iter"
	"testing"
)

// manyRows is n copies of the fixture's rows with their ids made unique.
func manyRows(n int) []ActionRow {
	base := ActionRows(fixture(), Filter{}, fixedNow)
	out := make([]ActionRow, 0, n)
	for i := 0; len(out) < n; i++ {
		r := base[i%len(base)]
		r.ActionID = int64(i + 1)
		out = append(out, r)
	}
	return out
}

// TestWriteCSVAllocatesNothingPerRow checks the CSV writer's hot path
// (issue 16): writing 10,000 rows allocates no more than writing 100,
// formula guards, quoting and times included.
func TestWriteCSVAllocatesNothingPerRow(t *testing.T) {
	small, large := manyRows(100), manyRows(10000)
	allocs := func(rows []ActionRow) float64 {
		return testing.AllocsPerRun(5, func() {
			if err := WriteCSV(io.Discard, rows); err != nil {
				t.Fatal(err)
			}
		})
	}
	if a, b := allocs(small), allocs(large); b > a+10 {
		t.Errorf("WriteCSV allocates %.0f times for 100 rows and %.0f for 10,000: something is made per row", a, b)
	}
}

// TestWriteStopsAtTheSourcesError checks that every action format returns
// an error the rows end with, so that a read failing half-way never
// leaves a short file looking complete (WriteFileAtomic then keeps the
// old one).
func TestWriteStopsAtTheSourcesError(t *testing.T) {
	boom := errors.New("read the actions: disk I/O error")
	rows := manyRows(3)
	failing := func(bool) iter.Seq2[ActionRow, error] {
		return func(yield func(ActionRow, error) bool) {
			for _, r := range rows[:2] {
				if !yield(r, nil) {
					return
				}
			}
			yield(ActionRow{}, boom)
		}
	}
	for _, format := range FormatNames(Actions) {
		_, err := Write(io.Discard, Job{Kind: Actions, Format: format, Assessment: fixture(), Source: failing, Now: fixedNow})
		if !errors.Is(err, boom) {
			t.Errorf("%s: Write returned %v, want the source's error", format, err)
		}
	}
}
