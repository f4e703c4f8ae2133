package demo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"wgll/criteria"
	"wgll/data"
)

// TestXLPlanIsDeterministic builds the xl plan twice and compares a hash of
// everything in it: the same seed and clock must give the same workbook.
func TestXLPlanIsDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("hashes two plans of 200,000 rows; run without -short")
	}
	c := criteria.Builtin()
	var sums []string
	for range 2 {
		p := xlPlan(c)
		h := sha256.New()
		enc := json.NewEncoder(h)
		for _, ap := range p.assessments {
			if err := enc.Encode(struct {
				H any
				R any
				E any
				A any
				C int
			}{ap.header, ap.responses, ap.evidence, ap.actions, ap.carryFrom}); err != nil {
				t.Fatal(err)
			}
		}
		sums = append(sums, hex.EncodeToString(h.Sum(nil)))
	}
	if sums[0] != sums[1] {
		t.Errorf("two xl plans differ: %s vs %s", sums[0], sums[1])
	}
}

// TestWriteXL writes the xl workbook and checks its shape: 42 members and
// the system, ten periods each, the trust's newest listed first with the
// bulk of the rows and the busiest statement.
func TestWriteXL(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 150 MB workbook; run without -short")
	}
	path := filepath.Join(t.TempDir(), "xl.db")
	sum, err := Write(context.Background(), path, Options{Size: XL, User: "tester"})
	if err != nil {
		t.Fatalf("Write xl: %v", err)
	}
	others := (XLOrganisations+1)*LargePeriods - 1
	if sum.Assessments != others+1 || sum.Evidence != XLItems+others*OlderItems || sum.Actions != XLItems+others*OlderItems {
		t.Errorf("summary = %+v, want %d assessments and %d evidence items and actions", sum, others+1, XLItems+others*OlderItems)
	}
	st := openTest(t, path)
	hs, err := st.Assessments(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	orgs := map[string]int{}
	for _, h := range hs {
		orgs[h.Organisation]++
	}
	if len(hs) != others+1 || len(orgs) != XLOrganisations+1 {
		t.Errorf("%d assessments of %d organisations, want %d of %d", len(hs), len(orgs), others+1, XLOrganisations+1)
	}
	for org, n := range orgs {
		if n != LargePeriods {
			t.Errorf("%s has %d periods, want %d", org, n, LargePeriods)
		}
	}
	if hs[0].Organisation != TrustName || hs[0].ID != sum.HotAssessment {
		t.Fatalf("the picker lists %s (id %d) first, want the trust's newest (id %d)", hs[0].Organisation, hs[0].ID, sum.HotAssessment)
	}
	a, err := st.Assessment(context.Background(), hs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if n, m := count(a.Evidence), count(a.Actions); n != XLItems || m != XLItems {
		t.Errorf("the newest holds %d evidence items and %d actions, want %d each", n, m, XLItems)
	}
	if n, m := len(a.Evidence[sum.HotStatement]), len(a.Actions[sum.HotStatement]); n != XLHotItems || m != XLHotItems {
		t.Errorf("the busiest statement %s holds %d and %d, want %d each", sum.HotStatement, n, m, XLHotItems)
	}
}

func openTest(t *testing.T, path string) *data.Store {
	t.Helper()
	st, err := data.Open(path, data.Options{User: "test", Now: func() time.Time { return testNow }, NoBackupOnOpen: true})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
