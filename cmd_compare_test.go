package main

import (
	"bytes"
	"testing"
	"time"

	"wgll/data/export"
	"wgll/model"
)

// TestCompareReadsSummaries: 'wgll compare' reads what the compare screen
// reads (both summaries with only the actions the comparison matches), not
// every evidence item and action of both (on the xl demo 1.9 s and 171 MB,
// now 0.09 s and 38 MB), and writes exactly the comparison of the whole
// assessments, in every format.
func TestCompareReadsSummaries(t *testing.T) {
	db := demoDB(t)
	as := wholeAssessments(t, db, 1, 2)
	from, to := as[0], as[1]
	now := time.Now()
	c := model.Compare(from, to, now)
	for _, f := range []string{"text", "md", "html"} {
		code, out, errs := runWGLL(t, "compare", "1", "2", "--db", db, "--format", f)
		if code != 0 {
			t.Fatalf("compare --format %s: %s", f, errs)
		}
		var want bytes.Buffer
		if _, err := export.Write(&want, export.Job{Kind: export.Compare, Format: f, Comparison: &c, Now: now}); err != nil {
			t.Fatal(err)
		}
		if out != want.String() {
			t.Errorf("compare --format %s differs from the comparison of the whole assessments:\n got %.400q\nwant %.400q", f, out, want.String())
		}
	}
}
