package main

import (
	"bytes"
	"context"
	"database/sql"
	"strings"
	"testing"
)

// workbookWithItems is workbookWithActions with as many evidence items,
// spread over the same statements.
func workbookWithItems(t testing.TB, n int) string {
	t.Helper()
	path := workbookWithActions(t, n)
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.Exec(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
		INSERT INTO evidence (assessment_id, statement_id, title, detail, link, added_by, added_at, updated_by, updated_at)
		SELECT a.assessment_id, a.statement_id, 'Evidence ' || i || ': board minutes | <b>March</b>', 'Detail of item ' || i,
			'https://example.org/e/' || i, 'tester', '2026-01-12 09:15:30.123Z', 'tester', '2026-01-12 09:15:30.123Z'
		FROM k JOIN actions a ON a.id = k.i`, n)
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReportMemoryDoesNotGrowWithTheItems checks that the board report
// streams (issue 16): what the Markdown and HTML reports hold while they
// write is the same for 10,000 actions and 10,000 evidence items as for
// 1,000 of each. Loading the whole assessment held about a kilobyte more
// per action and item.
func TestReportMemoryDoesNotGrowWithTheItems(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two workbooks and collects at every write")
	}
	small, large := workbookWithItems(t, 1000), workbookWithItems(t, 10000)
	for _, format := range []string{"md", "html"} {
		growth := func(path string) (uint64, int) {
			out := &heapSampler{}
			var stderr bytes.Buffer
			base := liveHeap()
			if code := run(context.Background(), []string{"report", "--db", path, "--format", format}, strings.NewReader(""), out, &stderr); code != 0 {
				t.Fatalf("report %s exited %d: %s", format, code, stderr.String())
			}
			if out.writes < 4 {
				t.Fatalf("report %s wrote only %d times (%d bytes); the sampler saw nothing", format, out.writes, out.bytes)
			}
			if out.peak < base {
				return 0, out.bytes
			}
			return out.peak - base, out.bytes
		}
		g1, n1 := growth(small)
		g10, n10 := growth(large)
		t.Logf("%s: live heap while writing grew %d KB for 1,000 items (%d KB written), %d KB for 10,000 (%d KB)", format, g1>>10, n1>>10, g10>>10, n10>>10)
		if n10 < 8*n1 {
			t.Fatalf("%s: the larger report is %d bytes against %d: the items are not in it", format, n10, n1)
		}
		if g10 > g1+2<<20 {
			t.Errorf("%s: the report held %d KB more for 10,000 items than for 1,000 (%d KB against %d KB): items are being gathered, not streamed",
				format, (g10-g1)>>10, g10>>10, g1>>10)
		}
	}
}
