package demo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"wgll/criteria"
	"wgll/data"
	"wgll/model"
)

// testNow is the clock the small demo is dated by in tests.
var testNow = time.Date(2026, time.October, 15, 14, 30, 0, 0, time.UTC)

// loadAll opens the workbook at path and loads every assessment in it.
func loadAll(t *testing.T, path string) []*model.Assessment {
	t.Helper()
	ctx := context.Background()
	st, err := data.Open(path, data.Options{User: "test", Now: func() time.Time { return testNow }, NoBackupOnOpen: true})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer st.Close()
	hs, err := st.Assessments(ctx)
	if err != nil {
		t.Fatalf("list assessments: %v", err)
	}
	var out []*model.Assessment
	for _, h := range hs {
		a, err := st.Assessment(ctx, h.ID)
		if err != nil {
			t.Fatalf("load assessment %d: %v", h.ID, err)
		}
		out = append(out, a)
	}
	return out
}

func count[T any](m map[string][]T) int {
	n := 0
	for _, l := range m {
		n += len(l)
	}
	return n
}

func find(as []*model.Assessment, aud criteria.Audience, period string) *model.Assessment {
	for _, a := range as {
		if a.Audience == aud && a.Period == period {
			return a
		}
	}
	return nil
}

func TestWriteSmall(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	sum, err := Write(context.Background(), path, Options{User: "tester", Now: testNow})
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	as := loadAll(t, path)
	prev := find(as, criteria.Organisation, "2025/26")
	cur := find(as, criteria.Organisation, "2026/27")
	ics := find(as, criteria.ICS, "2026/27")
	if len(as) != 3 || prev == nil || cur == nil || ics == nil {
		t.Fatalf("want the trust's 2025/26 and 2026/27 and the system's ICS 2026/27, got %d assessments", len(as))
	}
	if as[0].ID != cur.ID {
		t.Errorf("the newest trust assessment should list first, got %s %s", as[0].Organisation, as[0].Period)
	}

	evidence, actions, scored := 0, 0, 0
	statuses := map[model.ActionStatus]int{}
	overdue, needsReview := 0, 0
	for _, a := range as {
		evidence += count(a.Evidence)
		actions += count(a.Actions)
		for _, r := range a.Responses {
			if r.Score.Assessed() {
				scored++
			}
			if r.Score.Assessed() && len(r.Rationale) < 40 {
				t.Errorf("%s: rationale %q is too thin for a demo", r.StatementID, r.Rationale)
			}
		}
		for _, list := range a.Actions {
			for _, x := range list {
				statuses[x.Status]++
				if x.Overdue(testNow) {
					overdue++
				}
				if x.Owner == "" {
					t.Errorf("action %q has no owner", x.Title)
				}
			}
		}
		for _, list := range a.Evidence {
			for _, e := range list {
				if e.NeedsReview {
					needsReview++
				}
			}
		}
	}
	total := 0
	for _, m := range prev.Measures() {
		total += len(m.Statements)
	}

	checks := []struct {
		name      string
		got, want int
		ok        bool
	}{
		{"evidence counted by Write", sum.Evidence, evidence, sum.Evidence == evidence},
		{"actions counted by Write", sum.Actions, actions, sum.Actions == actions},
		{"scores counted by Write", sum.Responses, scored, sum.Responses == scored},
		{"about forty evidence items", evidence, 40, evidence >= 35 && evidence <= 50},
		{"about thirty actions", actions, 30, actions >= 25 && actions <= 40},
		{"2025/26 fully scored", len(prev.Responses), total, len(prev.Responses) == total},
		{"2026/27 part scored", len(cur.Responses), total, len(cur.Responses) > total/3 && len(cur.Responses) < total},
		{"2026/27 carried forward from 2025/26", int(cur.CarriedFrom), int(prev.ID), cur.CarriedFrom == prev.ID && len(cur.Previous) == total},
		{"some live actions overdue", overdue, 3, overdue >= 3},
		{"some evidence carried over for review", needsReview, 1, needsReview >= 1},
		{"ICS assessment scored", len(ics.Responses), 1, len(ics.Responses) > 0},
	}
	for _, s := range model.ActionStatuses {
		checks = append(checks, struct {
			name      string
			got, want int
			ok        bool
		}{"actions " + string(s), statuses[s], 1, statuses[s] >= 1})
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: got %d, want %d", c.name, c.got, c.want)
		}
	}
	if cur.CareSetting != model.SettingAcute || cur.Organisation != TrustName {
		t.Errorf("header = %+v, want the acute trust", cur.Header)
	}
}

func TestWriteRefusesExisting(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T, path string) // creates something at path
	}{
		{"a workbook-sized file", func(t *testing.T, path string) { writeFile(t, path, strings.Repeat("precious board evidence\n", 400)) }},
		{"an empty file", func(t *testing.T, path string) { writeFile(t, path, "") }},
		{"a folder", func(t *testing.T, path string) {
			if err := os.Mkdir(path, 0o755); err != nil {
				t.Fatal(err)
			}
		}},
		{"a dangling symlink", func(t *testing.T, path string) {
			if err := os.Symlink(filepath.Join(filepath.Dir(path), "nowhere"), path); err != nil {
				t.Skip("no symlinks here:", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "wgll.db")
			tt.make(t, path)
			before := snapshot(t, dir)
			_, err := Write(context.Background(), path, Options{Now: testNow})
			if !errors.Is(err, ErrExists) {
				t.Fatalf("Write over %s: err = %v, want ErrExists", tt.name, err)
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "--db") {
				t.Errorf("error %q should name the file and say how to choose another", err)
			}
			if after := snapshot(t, dir); after != before {
				t.Errorf("the folder changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// TestPublishRace covers a file that appears while the demo is being
// written: the finished demo must not replace it.
func TestPublishRace(t *testing.T) {
	dir := t.TempDir()
	tmp, path := filepath.Join(dir, "built.db"), filepath.Join(dir, "target.db")
	writeFile(t, tmp, "demo")
	writeFile(t, path, "theirs")
	if err := publish(tmp, path); !errors.Is(err, ErrExists) {
		t.Fatalf("publish over a new file: err = %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "theirs" {
		t.Errorf("the file that appeared was changed to %q", b)
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in      string
		want    Size
		wantErr bool
	}{
		{"small", Small, false},
		{"large", Large, false},
		{"xl", XL, false},
		{"", "", true},
		{"huge", "", true},
		{"Small", "", true},
	}
	for _, tt := range tests {
		got, err := ParseSize(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("ParseSize(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestSmallIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	var sums []string
	for _, name := range []string{"a.db", "b.db"} {
		path := filepath.Join(dir, name)
		if _, err := Write(context.Background(), path, Options{User: "tester", Now: testNow}); err != nil {
			t.Fatalf("Write: %v", err)
		}
		sums = append(sums, checksum(t, loadAll(t, path)))
	}
	if sums[0] != sums[1] {
		t.Errorf("two small demos with the same clock differ: %s vs %s", sums[0], sums[1])
	}
}

func TestWriteLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("writes two 20 MB workbooks; run without -short")
	}
	dir := t.TempDir()
	var sums []string
	var as []*model.Assessment
	var sum Summary
	for _, name := range []string{"a.db", "b.db"} {
		path := filepath.Join(dir, name)
		start := time.Now()
		s, err := Write(context.Background(), path, Options{Size: Large, User: "tester"})
		if err != nil {
			t.Fatalf("Write large: %v", err)
		}
		t.Logf("wrote %s in %v", name, time.Since(start))
		sum = s
		as = loadAll(t, path)
		sums = append(sums, checksum(t, as))
	}
	if sums[0] != sums[1] {
		t.Fatalf("two large demos differ: %s vs %s", sums[0], sums[1])
	}

	perAudience := map[criteria.Audience]int{}
	evidence, actions, long := 0, 0, 0
	owners := map[string]bool{}
	for _, a := range as {
		perAudience[a.Audience]++
		for _, m := range a.Measures() {
			for _, s := range m.Statements {
				if !a.Score(s.ID).Assessed() {
					t.Errorf("%s %s: %s not scored", a.Audience, a.Period, s.ID)
				}
			}
		}
		evidence += count(a.Evidence)
		actions += count(a.Actions)
		for _, list := range a.Evidence {
			for _, e := range list {
				if len(e.Detail) == LongNote {
					long++
				}
			}
		}
		for _, list := range a.Actions {
			for _, x := range list {
				owners[x.Owner] = true
			}
		}
	}
	newest := as[0]
	hot := sum.HotStatement
	checks := []struct {
		name      string
		got, want int
	}{
		{"organisation periods", perAudience[criteria.Organisation], LargePeriods},
		{"ICS periods", perAudience[criteria.ICS], LargePeriods},
		{"evidence in the newest", count(newest.Evidence), LargeItems},
		{"actions in the newest", count(newest.Actions), LargeItems},
		{"evidence in all", evidence, LargeItems + (2*LargePeriods-1)*OlderItems},
		{"actions in all", actions, LargeItems + (2*LargePeriods-1)*OlderItems},
		{"hot statement evidence", len(newest.Evidence[hot]), HotItems},
		{"hot statement actions", len(newest.Actions[hot]), HotItems},
		{"owners", len(owners), LargeOwners},
		{"5 KB notes", long, evidence / 10},
		{"hot assessment is the newest", int(sum.HotAssessment), int(newest.ID)},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %d, want %d", c.name, c.got, c.want)
		}
	}
	for sid, list := range newest.Evidence {
		if sid != hot && len(list) >= HotItems {
			t.Errorf("%s has %d evidence items; only %s should be the busiest", sid, len(list), hot)
		}
	}
}

// checksum hashes everything the store gives back for the assessments,
// except the criteria (the same built-in file in every one).
func checksum(t *testing.T, as []*model.Assessment) string {
	t.Helper()
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, a := range as {
		c := *a
		c.Criteria = nil
		keys := make([]string, 0, len(c.Responses))
		for k := range c.Responses {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if err := enc.Encode(struct {
			A    model.Assessment
			Keys []string
		}{c, keys}); err != nil {
			t.Fatal(err)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot describes every entry of dir with its size and content hash.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		b.WriteString(p + " " + fi.Mode().String())
		if fi.Mode().IsRegular() {
			raw, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(raw)
			b.WriteString(" " + hex.EncodeToString(sum[:8]))
		}
		b.WriteString("\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
