package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"wgll/criteria"
	"wgll/model"
)

func TestConflictKeepsBothTexts(t *testing.T) {
	path := newDB(t)
	a := openT(t, path, "alice")
	b := openT(t, path, "bob")
	ids := orgStatements(t)
	h := createT(t, a)

	// Rationale: A loads, B saves, A saves.
	loaded, err := a.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	base := loaded.Responses[ids[0]].Version
	if _, err := b.SetRationale(ctx, h.ID, ids[0], "Bob's reasoning", base); err != nil {
		t.Fatal(err)
	}
	_, err = a.SetRationale(ctx, h.ID, ids[0], "Alice's reasoning", base)
	var ce *model.ConflictError
	if !errors.As(err, &ce) || ce.Theirs != "Bob's reasoning" || ce.By != "bob" || ce.Version != 1 {
		t.Fatalf("conflict: %v (%+v)", err, ce)
	}
	if err := a.SaveDraft(ctx, model.Draft{Key: "rationale/1/" + ids[0], AssessmentID: h.ID, Label: "Rationale", Text: "Alice's reasoning"}); err != nil {
		t.Fatal(err)
	}
	now, _ := a.Assessment(ctx, h.ID)
	drafts, _ := a.Drafts(ctx)
	if now.Responses[ids[0]].Rationale != "Bob's reasoning" || len(drafts) != 1 || drafts[0].Text != "Alice's reasoning" {
		t.Errorf("both texts not kept: stored %q, drafts %+v", now.Responses[ids[0]].Rationale, drafts)
	}
	// Saving what is already stored is no conflict; saving on the new
	// version succeeds.
	if _, err := a.SetRationale(ctx, h.ID, ids[0], "Bob's reasoning", base); err != nil {
		t.Errorf("same text over a stale version: %v", err)
	}
	if r, err := a.SetRationale(ctx, h.ID, ids[0], "Merged", ce.Version); err != nil || r.Version != 2 {
		t.Errorf("save on the current version: %+v %v", r, err)
	}
	// A score change also moves the version, so a rationale based on the
	// old version is a conflict only if the text differs.
	if _, err := b.SetScore(ctx, h.ID, ids[0], 4); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SetRationale(ctx, h.ID, ids[0], "Alice again", 2); !errors.As(err, &ce) || ce.Theirs != "Merged" || ce.By != "alice" {
		t.Errorf("rationale after a score change: %v %+v", err, ce)
	}

	// Evidence.
	ev, err := a.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: ids[1], Title: "Audit", Detail: "v1"})
	if err != nil {
		t.Fatal(err)
	}
	evB := ev
	evB.Detail = "bob's detail"
	if _, err := b.SaveEvidence(ctx, h.ID, evB); err != nil {
		t.Fatal(err)
	}
	ev.Detail = "alice's detail"
	if _, err := a.SaveEvidence(ctx, h.ID, ev); !errors.As(err, &ce) || !strings.Contains(ce.Theirs, "bob's detail") || ce.By != "bob" || ce.What != fmt.Sprintf("evidence %d", ev.ID) {
		t.Errorf("evidence conflict: %v %+v", err, ce)
	}
	if err := b.DeleteEvidence(ctx, h.ID, ev.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SaveEvidence(ctx, h.ID, ev); !errors.Is(err, ErrNotFound) {
		t.Errorf("saving deleted evidence: %v", err)
	}

	// Actions.
	ac, err := a.SaveAction(ctx, h.ID, model.Action{StatementID: ids[2], Title: "Plan"})
	if err != nil {
		t.Fatal(err)
	}
	acB := ac
	acB.Owner = "CIO"
	if _, err := b.SaveAction(ctx, h.ID, acB); err != nil {
		t.Fatal(err)
	}
	ac.Status = model.StatusDone
	if _, err := a.SaveAction(ctx, h.ID, ac); !errors.As(err, &ce) || !strings.Contains(ce.Theirs, "Owner: CIO") {
		t.Errorf("action conflict: %v %+v", err, ce)
	}
	final, _ := b.Assessment(ctx, h.ID)
	if got := final.Actions[ids[2]][0]; got.Owner != "CIO" || got.Status != model.StatusOpen {
		t.Errorf("a conflicting save overwrote the action: %+v", got)
	}
}

func TestUndoRepeatableAndHistory(t *testing.T) {
	path := newDB(t)
	a := openT(t, path, "alice")
	b := openT(t, path, "bob")
	ids := orgStatements(t)
	h := createT(t, a)

	type step struct {
		name  string
		do    func() error
		state string // the state after this step, as snapshot gives it
	}
	var ev model.Evidence
	var ac model.Action
	snapshot := func() string {
		x, err := a.Assessment(ctx, h.ID)
		if err != nil {
			return "assessment gone: " + err.Error()
		}
		out := ""
		for _, id := range ids[:3] {
			r := x.Responses[id]
			out += fmt.Sprintf("[%s %d %q]", id, r.Score, r.Rationale)
			for _, e := range x.Evidence[id] {
				out += fmt.Sprintf("(ev %d %q %q %q)", e.ID, e.Title, e.Detail, e.Link)
			}
			for _, c := range x.Actions[id] {
				out += fmt.Sprintf("(ac %d %q %s %s %s)", c.ID, c.Title, c.Status, c.Priority, model.FormatDate(c.Due))
			}
		}
		return out
	}
	steps := []step{
		{"score 3", func() error { _, err := a.SetScore(ctx, h.ID, ids[0], 3); return err }, ""},
		{"score 4", func() error { _, err := a.SetScore(ctx, h.ID, ids[0], 4); return err }, ""},
		{"rationale", func() error { _, err := a.SetRationale(ctx, h.ID, ids[0], "because", 2); return err }, ""},
		{"add evidence", func() error {
			var err error
			ev, err = a.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: ids[1], Title: "t1", Detail: "d1"})
			return err
		}, ""},
		{"edit evidence, two fields", func() error {
			ev.Title, ev.Link = "t2", "L"
			var err error
			ev, err = a.SaveEvidence(ctx, h.ID, ev)
			return err
		}, ""},
		{"add action", func() error {
			var err error
			ac, err = a.SaveAction(ctx, h.ID, model.Action{StatementID: ids[2], Title: "do it", Due: time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC)})
			return err
		}, ""},
		{"edit action", func() error {
			ac.Status, ac.Priority, ac.Due = model.StatusDone, model.PriorityLow, time.Time{}
			var err error
			ac, err = a.SaveAction(ctx, h.ID, ac)
			return err
		}, ""},
		{"delete evidence", func() error { return a.DeleteEvidence(ctx, h.ID, ev.ID) }, ""},
		{"delete action", func() error { return a.DeleteAction(ctx, h.ID, ac.ID) }, ""},
	}
	states := []string{snapshot()}
	for i := range steps {
		if err := steps[i].do(); err != nil {
			t.Fatalf("%s: %v", steps[i].name, err)
		}
		// Bob's edits elsewhere must not get in the way of Alice's undo.
		if _, err := b.SetScore(ctx, h.ID, ids[3], model.Score(i%5+1)); err != nil {
			t.Fatal(err)
		}
		states = append(states, snapshot())
	}
	for i := len(steps) - 1; i >= 0; i-- {
		c, err := a.Undo(ctx)
		if err != nil {
			t.Fatalf("undo %s: %v", steps[i].name, err)
		}
		if c.UndoOf == 0 || c.User != "alice" {
			t.Errorf("undo %s logged %+v", steps[i].name, c)
		}
		if got := snapshot(); got != states[i] {
			t.Errorf("after undoing %s:\n got %s\nwant %s", steps[i].name, got, states[i])
		}
	}
	// Last of all, the assessment Alice created: Bob's scores are in it, so
	// undoing its creation would delete his work, and is refused.
	if _, err := a.Undo(ctx); !errors.Is(err, ErrUndoOvertaken) {
		t.Fatalf("undo create of an assessment bob scored: %v", err)
	}
	if list, _ := a.Assessments(ctx); len(list) != 1 {
		t.Errorf("assessment removed by a refused undo")
	}
	c := openT(t, path, "carol")
	if _, err := c.Undo(ctx); !errors.Is(err, ErrNothingToUndo) || !strings.Contains(err.Error(), "carol has no change left to undo") {
		t.Errorf("undo with nothing to undo: %v", err)
	}
	h2, err := c.CreateAssessment(ctx, model.Header{Organisation: "Org", Audience: "ics", Period: "2030"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	if u, err := c.Undo(ctx); err != nil || u.Op != "delete" || u.Entity != "assessment" {
		t.Fatalf("undo create of an empty assessment: %+v %v", u, err)
	}
	if _, err := c.Assessment(ctx, h2.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("undone assessment still there: %v", err)
	}
	if _, err := c.Undo(ctx); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("second undo: %v", err)
	}

	hist, err := a.History(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(hist); i++ {
		if hist[i].ID >= hist[i-1].ID {
			t.Fatalf("history not newest first at %d: %+v then %+v", i, hist[i-1], hist[i])
		}
	}
	limited, _ := a.History(ctx, 3)
	if len(limited) != 3 || limited[0] != hist[0] {
		t.Errorf("History(3) = %+v", limited)
	}
	byID := map[int64]model.Change{}
	for _, c := range hist {
		byID[c.ID] = c
	}
	for _, c := range hist {
		if c.UndoOf != 0 {
			orig := byID[c.UndoOf]
			if orig.Entity != c.Entity || orig.EntityID != c.EntityID || (orig.Op == "update" && (orig.Old != c.New || orig.New != c.Old)) {
				t.Errorf("undo %+v does not reverse %+v", c, orig)
			}
		}
	}
}

func TestUndoRefusesToOverwriteOthers(t *testing.T) {
	path := newDB(t)
	a := openT(t, path, "alice")
	b := openT(t, path, "bob")
	ids := orgStatements(t)
	h := createT(t, a)
	if _, err := a.SetScore(ctx, h.ID, ids[0], 2); err != nil {
		t.Fatal(err)
	}
	if _, err := b.SetScore(ctx, h.ID, ids[0], 5); err != nil {
		t.Fatal(err)
	}
	_, err := a.Undo(ctx)
	if !errors.Is(err, ErrUndoOvertaken) || !strings.Contains(err.Error(), "changed by bob since") {
		t.Fatalf("undo over bob's change: %v", err)
	}
	x, _ := a.Assessment(ctx, h.ID)
	if x.Score(ids[0]) != 5 {
		t.Errorf("bob's score was overwritten: %d", x.Score(ids[0]))
	}
	// Bob can undo his own change; then Alice's undo goes through.
	if _, err := b.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Undo(ctx); err != nil {
		t.Fatalf("alice's undo after bob's: %v", err)
	}
	x, _ = a.Assessment(ctx, h.ID)
	if x.Score(ids[0]) != 0 {
		t.Errorf("score after both undos: %d", x.Score(ids[0]))
	}
	// The assessment has a response row now, so undoing its creation
	// would delete others' work.
	if _, err := a.Undo(ctx); !errors.Is(err, ErrUndoOvertaken) {
		t.Errorf("undo create of a used assessment: %v", err)
	}
}

func TestDraftsCRUD(t *testing.T) {
	path := newDB(t)
	a := openT(t, path, "alice")
	b := openT(t, path, "bob")
	if err := a.SaveDraft(ctx, model.Draft{Key: "rationale/1/X", AssessmentID: 1, Label: "Rationale for X", Text: "one"}); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveDraft(ctx, model.Draft{Key: "evidence/1/new", Text: "two"}); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveDraft(ctx, model.Draft{Key: "rationale/1/X", AssessmentID: 1, Label: "Rationale for X", Text: "one, longer"}); err != nil {
		t.Fatal(err)
	}
	if err := b.SaveDraft(ctx, model.Draft{Key: "rationale/1/X", Text: "bob's"}); err != nil {
		t.Fatal(err)
	}
	ds, err := a.Drafts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].Key != "rationale/1/X" || ds[0].Text != "one, longer" || ds[0].User != "alice" || ds[0].AssessmentID != 1 || ds[0].SavedAt.IsZero() || ds[1].Text != "two" {
		t.Fatalf("alice's drafts: %+v", ds)
	}
	if err := a.DiscardDraft(ctx, "rationale/1/X"); err != nil {
		t.Fatal(err)
	}
	if err := a.DiscardDraft(ctx, "never there"); err != nil {
		t.Errorf("discarding a missing draft: %v", err)
	}
	ds, _ = a.Drafts(ctx)
	bs, _ := b.Drafts(ctx)
	if len(ds) != 1 || ds[0].Key != "evidence/1/new" || len(bs) != 1 || bs[0].Text != "bob's" {
		t.Errorf("after discard: alice %+v bob %+v", ds, bs)
	}
}

func TestDataVersionSeesOtherCommitsOnly(t *testing.T) {
	path := newDB(t)
	a := openT(t, path, "alice")
	b := openT(t, path, "bob")
	ids := orgStatements(t)
	h := createT(t, a)
	v0, err := a.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.SetScore(ctx, h.ID, ids[0], 3); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveDraft(ctx, model.Draft{Key: "k", Text: "t"}); err != nil {
		t.Fatal(err)
	}
	if v, _ := a.DataVersion(ctx); v != v0 {
		t.Errorf("own commits moved data_version %d -> %d", v0, v)
	}
	if _, err := b.SetScore(ctx, h.ID, ids[1], 2); err != nil {
		t.Fatal(err)
	}
	v1, _ := a.DataVersion(ctx)
	if v1 == v0 {
		t.Errorf("another Store's commit did not move data_version")
	}
	x, _ := a.Assessment(ctx, h.ID)
	if x.Score(ids[1]) != 2 {
		t.Errorf("bob's commit not visible to alice")
	}
}

func TestBackupWhileWriting(t *testing.T) {
	path := newDB(t)
	a := openT(t, path, "alice")
	b := openT(t, path, "bob")
	ids := orgStatements(t)
	h := createT(t, a)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	var writeErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := b.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: ids[i%len(ids)], Title: fmt.Sprintf("e%d", i)}); err != nil {
				writeErr = err
				return
			}
		}
	}()
	dir := t.TempDir()
	var outs []string
	for i := 0; i < 5; i++ {
		out := filepath.Join(dir, fmt.Sprintf("copy%d.db", i))
		if err := a.Backup(ctx, out); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, out)
		time.Sleep(20 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	if writeErr != nil {
		t.Fatalf("writer: %v", writeErr)
	}
	for _, out := range outs {
		c, err := Open(out, Options{User: "checker", NoBackupOnOpen: true})
		if err != nil {
			t.Fatalf("open backup: %v", err)
		}
		rep, err := c.Check(ctx)
		if err != nil || !rep.OK() || rep.Assessments != 1 {
			t.Errorf("backup %s: %+v %v", out, rep, err)
		}
		// Consistent: every evidence row has its change-log row.
		var orphans int
		c.db.QueryRow(`SELECT count(*) FROM evidence e WHERE NOT EXISTS
			(SELECT 1 FROM changes c WHERE c.entity = 'evidence' AND c.entity_id = CAST(e.id AS TEXT))`).Scan(&orphans)
		if orphans != 0 {
			t.Errorf("backup %s has %d evidence rows without their log entry", out, orphans)
		}
		c.Close()
	}
	sum := sha(t, outs[0])
	if err := a.Backup(ctx, outs[0]); !errors.Is(err, ErrExists) {
		t.Errorf("backup over an existing file: %v", err)
	}
	if sha(t, outs[0]) != sum {
		t.Errorf("existing file changed by a refused backup")
	}
	if err := a.Backup(ctx, filepath.Join(dir, "no", "such", "x.db")); !errors.Is(err, ErrNoFolder) {
		t.Errorf("backup into a missing folder: %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*partial"))
	if len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestRotatingBackups(t *testing.T) {
	path := newDB(t)
	ids := orgStatements(t)
	open := func() *Store {
		s, err := Open(path, Options{User: "alice", Create: true})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := open()
	h := createT(t, s)
	s.Close()
	for i := 0; i < 5; i++ {
		s = open()
		if _, err := s.SetScore(ctx, h.ID, ids[0], model.Score(i+1)); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	s = open()
	list, err := s.Backups()
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != KeepBackups {
		t.Fatalf("%d rotating backups, want %d: %v", len(list), KeepBackups, list)
	}
	// Opening without changing anything takes no new backup.
	for i := 0; i < 2; i++ {
		s = open()
		s.Close()
	}
	again, _ := (&Store{abs: path}).Backups()
	if fmt.Sprint(again) != fmt.Sprint(list) {
		t.Errorf("unchanged workbook backed up again: %v -> %v", list, again)
	}
	// The newest backup holds the state before the last session's edit
	// (score 5 was set after it was taken? no: it was taken on the open
	// after score 5), and is a workbook in its own right.
	c, err := Open(list[len(list)-1], Options{NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	x, err := c.Assessment(ctx, h.ID)
	if err != nil || x.Score(ids[0]) != 5 {
		t.Errorf("newest backup: score %v, %v", x.Score(ids[0]), err)
	}
	if _, err := os.Stat(filepath.Join(backupDir(path), "wgll.db.stamp")); err != nil {
		t.Errorf("no stamp: %v", err)
	}
}

func TestStalePartialBackupsRemoved(t *testing.T) {
	path := newDB(t)
	workbookWithData(t, path)
	dir := backupDir(path)
	os.MkdirAll(dir, 0o755)
	stale := filepath.Join(dir, ".wgll.db.20260101T000000Z.db.123.partial")
	fresh := filepath.Join(dir, ".wgll.db.20260101T000001Z.db.456.partial")
	os.WriteFile(stale, []byte("half"), 0o644)
	os.WriteFile(fresh, []byte("half"), 0o644)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(stale, old, old)
	s := openT(t, path, "alice")
	s.Close()
	if _, err := os.Stat(stale); err == nil {
		t.Errorf("stale partial backup kept")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a recent partial (perhaps another process's backup in progress) was removed")
	}
	if list, _ := s.Backups(); len(list) != 1 {
		t.Errorf("backups after first open: %v", list)
	}
}
