package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"wgll/criteria"
	"wgll/model"
)

// undoSchema3 turns a current workbook back into one of schema 2, as a
// wgll before checklists, workshops, users, targets and sign-off left it.
var undoSchema3 = []string{
	// Schema 7's criteria_texts, with each assessment's text put back.
	"ALTER TABLE assessments ADD COLUMN criteria_toml TEXT NOT NULL DEFAULT ''",
	"UPDATE assessments SET criteria_toml = (SELECT toml FROM criteria_texts WHERE id = criteria_id)",
	"DROP INDEX assessments_by_criteria", "ALTER TABLE assessments DROP COLUMN criteria_id", "DROP TABLE criteria_texts",
	"DROP INDEX actions_by_state", "DROP INDEX responses_scores",
	"DROP TRIGGER evidence_counted", "DROP TRIGGER evidence_uncounted", "DROP TRIGGER evidence_recounted",
	"DROP TRIGGER action_counted", "DROP TRIGGER action_uncounted", "DROP TRIGGER action_recounted",
	"DROP TABLE statement_counts", "DROP INDEX actions_live_due", "DROP INDEX evidence_stale",
	"DROP TRIGGER response_counted", "DROP TRIGGER response_uncounted", "DROP TRIGGER response_recounted",
	"DROP TABLE assessment_counts",
	"DROP TABLE IF EXISTS invites", "DROP TABLE IF EXISTS user_keys", "DROP TABLE IF EXISTS users",
	"DROP TABLE IF EXISTS workshop_actions", "DROP TABLE IF EXISTS workshop_agreements", "DROP TABLE IF EXISTS workshop_votes",
	"DROP TABLE IF EXISTS workshop_rounds", "DROP TABLE IF EXISTS workshop_participants", "DROP TABLE IF EXISTS workshops",
	"ALTER TABLE responses DROP COLUMN score_reason", "ALTER TABLE responses DROP COLUMN ticks",
	"DROP TABLE signoffs", "DROP TABLE targets",
	"ALTER TABLE evidence DROP COLUMN effective_date", "ALTER TABLE evidence DROP COLUMN review_by",
	"ALTER TABLE evidence DROP COLUMN confidence", "ALTER TABLE evidence DROP COLUMN owner",
	"ALTER TABLE evidence DROP COLUMN also_statements",
}

// schema3Tables counts the tables the plan's migration adds that the file
// has.
func schema3Tables(t *testing.T, path string) int {
	return rawInt(t, path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('targets', 'signoffs')")
}

func date(s string) time.Time { d, _ := model.ParseDate(s); return d }

// TestPlanMigrationFromSchemaOneAndTwo upgrades files left by the wgll of
// schema 1 and of schema 2: the data survives, the new columns and tables
// are there and work, and the old evidence reads with empty trust fields.
func TestPlanMigrationFromSchemaOneAndTwo(t *testing.T) {
	for _, from := range []int{1, 2} {
		t.Run(map[int]string{1: "schema 1", 2: "schema 2"}[from], func(t *testing.T) {
			path := newDB(t)
			workbookWithData(t, path)
			if from == 1 {
				downgrade(t, path)
			} else {
				rawExec(t, path, append(append([]string(nil), undoSchema3...), "PRAGMA user_version = 2")...)
			}
			if v := rawInt(t, path, "PRAGMA user_version"); v != from {
				t.Fatalf("fixture at schema %d", v)
			}
			s := openT(t, path, "alice")
			if v := rawInt(t, path, "PRAGMA user_version"); v != SchemaVersion() || schema3Tables(t, path) != 2 {
				t.Fatalf("after opening: schema %d, %d new tables", v, schema3Tables(t, path))
			}
			hs, _ := s.Assessments(ctx)
			a, err := s.Assessment(ctx, hs[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, list := range a.Evidence {
				for _, e := range list {
					n++
					if e.Owner != "" || e.Confidence != "" || !e.ReviewBy.IsZero() || e.Also != "" {
						t.Errorf("old evidence %d has trust fields %+v", e.ID, e)
					}
				}
			}
			if n != 40 {
				t.Errorf("%d evidence items after upgrade, want 40", n)
			}
			sid := orgStatements(t)[0]
			if _, err := s.SetTarget(ctx, a.ID, sid, model.Target{Level: 4}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.SaveEvidence(ctx, a.ID, model.Evidence{StatementID: sid, Title: "new", Confidence: model.ConfidenceHigh, Owner: "Ann"}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.SignOff(ctx, a.ID, model.SignOff{AssuredBy: "A. Khan, CIO", AssuredOn: date("2026-11-01")}); err != nil {
				t.Fatal(err)
			}
			backups, _ := filepath.Glob(path + ".backup-v*")
			if len(backups) != 1 {
				t.Errorf("backups before the upgrade: %v", backups)
			}
		})
	}
}

// TestImportOlderWorkbook imports a member's workbook still at schema 2,
// read without upgrading it.
func TestImportOlderWorkbook(t *testing.T) {
	member := newDB(t)
	workbookWithData(t, member)
	rawExec(t, member, append(append([]string(nil), undoSchema3...), "PRAGMA user_version = 2")...)
	s := openT(t, filepath.Join(t.TempDir(), "ics.db"), "ics")
	res, err := s.Import(ctx, member)
	if err != nil || len(res.Added) != 1 {
		t.Fatalf("import a schema 2 workbook: %+v %v", res, err)
	}
	if v := rawInt(t, member, "PRAGMA user_version"); v != 2 {
		t.Errorf("the imported file was changed to schema %d", v)
	}
}

// TestSignOffLocksEveryWrite signs an assessment off and tries each kind of
// write: each is refused with ErrLocked, naming who assured it and how to
// unlock, and changes nothing. After unlocking with a reason every write
// works again, and the change log holds both the sign-off and the reason.
func TestSignOffLocksEveryWrite(t *testing.T) {
	path := newDB(t)
	s := openT(t, path, "secretary")
	h := createT(t, s)
	sids := orgStatements(t)
	ev, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: sids[0], Title: "paper", NeedsReview: true})
	if err != nil {
		t.Fatal(err)
	}
	act, err := s.SaveAction(ctx, h.ID, model.Action{StatementID: sids[0], Title: "do it"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetScore(ctx, h.ID, sids[0], 2); err != nil {
		t.Fatal(err)
	}
	so := model.SignOff{AssuredBy: "A. Khan, CIO", AssuredOn: date("2026-11-20"), ApprovedBy: model.ApprovalBoard, ApprovedOn: date("2026-11-21"), MinuteRef: "B/26/031"}
	if _, err := s.SignOff(ctx, h.ID, so); err != nil {
		t.Fatal(err)
	}
	writes := []struct {
		name string
		do   func() error
	}{
		{"score", func() error { _, err := s.SetScore(ctx, h.ID, sids[1], 3); return err }},
		{"rationale", func() error {
			a, _ := s.Assessment(ctx, h.ID)
			_, err := s.SetRationale(ctx, h.ID, sids[0], "why", a.Responses[sids[0]].Version)
			return err
		}},
		{"add evidence", func() error {
			_, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: sids[0], Title: "more"})
			return err
		}},
		{"edit evidence", func() error {
			ev2 := ev
			ev2.Title = "changed"
			_, err := s.SaveEvidence(ctx, h.ID, ev2)
			return err
		}},
		{"delete evidence", func() error { return s.DeleteEvidence(ctx, h.ID, ev.ID) }},
		{"confirm evidence", func() error { _, err := s.ConfirmEvidence(ctx, h.ID, ev.ID, time.Time{}); return err }},
		{"link evidence", func() error { _, err := s.LinkEvidence(ctx, h.ID, ev.ID, sids[1]); return err }},
		{"add action", func() error {
			_, err := s.SaveAction(ctx, h.ID, model.Action{StatementID: sids[0], Title: "x"})
			return err
		}},
		{"delete action", func() error { return s.DeleteAction(ctx, h.ID, act.ID) }},
		{"target", func() error { _, err := s.SetTarget(ctx, h.ID, sids[0], model.Target{Level: 4}); return err }},
		{"measure target", func() error {
			_, err := s.SetMeasureTarget(ctx, h.ID, "well-led", model.Target{Level: 4})
			return err
		}},
		{"rename", func() error { _, err := s.RenameAssessment(ctx, h.ID, "Other Trust", ""); return err }},
		{"delete assessment", func() error { _, err := s.DeleteAssessment(ctx, h.ID); return err }},
		{"undo", func() error { _, err := s.Undo(ctx); return err }},
		{"sign off again", func() error { _, err := s.SignOff(ctx, h.ID, so); return err }},
	}
	before := tableCounts(t, path)
	for _, w := range writes {
		t.Run(w.name, func(t *testing.T) {
			err := w.do()
			if !errors.Is(err, ErrLocked) {
				t.Fatalf("err = %v, want ErrLocked", err)
			}
			if w.name != "sign off again" && (!strings.Contains(err.Error(), "A. Khan, CIO") || !strings.Contains(err.Error(), "wgll assessment unlock") || !strings.Contains(err.Error(), "secretary")) {
				t.Errorf("message does not say who signed off and how to unlock: %v", err)
			}
			if after := tableCounts(t, path); after != before {
				t.Errorf("a refused write changed the workbook: %s -> %s", before, after)
			}
		})
	}
	if backups, _ := filepath.Glob(path + ".before-delete-*"); len(backups) != 0 {
		t.Errorf("a refused delete left a backup: %v", backups)
	}
	a, _ := s.Assessment(ctx, h.ID)
	if !a.SignOff.Signed() || a.SignOff.MinuteRef != "B/26/031" || a.SignOff.SignedBy != "secretary" {
		t.Errorf("loaded sign-off %+v", a.SignOff)
	}
	if _, err := s.Unlock(ctx, h.ID, "  "); !errors.Is(err, ErrInvalid) {
		t.Errorf("unlock without a reason: %v", err)
	}
	if _, err := s.Unlock(ctx, h.ID, "corrected the score of "+sids[1]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Unlock(ctx, h.ID, "again"); !errors.Is(err, ErrInvalid) {
		t.Errorf("unlocking an unlocked assessment: %v", err)
	}
	if _, err := s.SetScore(ctx, h.ID, sids[1], 3); err != nil {
		t.Errorf("score after unlocking: %v", err)
	}
	hist, _ := s.History(ctx, 3)
	var signed, unlocked bool
	for _, c := range hist {
		signed = signed || (c.Entity == "signoff" && c.Op == "insert" && strings.Contains(c.New, "A. Khan"))
		unlocked = unlocked || (c.Entity == "signoff" && c.Field == "unlock" && strings.Contains(c.New, "corrected the score"))
	}
	if !signed || !unlocked {
		t.Errorf("change log lacks the sign-off (%v) or the unlock reason (%v): %+v", signed, unlocked, hist)
	}
	// Undo takes back the score, not the unlock.
	if c, err := s.Undo(ctx); err != nil || c.Entity != "response" {
		t.Errorf("undo after unlock: %+v %v", c, err)
	}
}

// tableCounts summarises what the workbook holds, to show a refused write
// changed nothing.
func tableCounts(t *testing.T, path string) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT count(*) FROM changes", "SELECT count(*) FROM evidence", "SELECT count(*) FROM actions",
		"SELECT count(*) FROM targets", "SELECT total(score) FROM responses", "SELECT count(*) FROM assessments",
		"SELECT count(*) FROM evidence WHERE title = 'paper' AND needs_review = 1 AND also_statements = ''",
	} {
		fmt.Fprintf(&b, " %d", rawInt(t, path, q))
	}
	return b.String()
}

func TestSignOffValidation(t *testing.T) {
	s := openT(t, newDB(t), "u")
	h := createT(t, s)
	tests := []struct {
		name string
		so   model.SignOff
		want error
	}{
		{"nobody", model.SignOff{AssuredOn: date("2026-11-01")}, ErrInvalid},
		{"approval without minute", model.SignOff{AssuredBy: "A", AssuredOn: date("2026-11-01"), ApprovedBy: model.ApprovalCommittee, ApprovedOn: date("2026-11-02")}, ErrInvalid},
		{"unknown assessment", model.SignOff{AssuredBy: "A", AssuredOn: date("2026-11-01")}, ErrNotFound},
	}
	for _, tc := range tests {
		id := h.ID
		if tc.want == ErrNotFound {
			id = 999
		}
		if _, err := s.SignOff(ctx, id, tc.so); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestTargetsSetClearAndUndo(t *testing.T) {
	s := openT(t, newDB(t), "u")
	h := createT(t, s)
	sid := orgStatements(t)[0]
	tests := []struct {
		name    string
		set     func() error
		want    model.Target
		measure bool
		err     error
	}{
		{"measure default", func() error {
			_, err := s.SetMeasureTarget(ctx, h.ID, "well-led", model.Target{Level: 3, Due: date("2027-03-31")})
			return err
		}, model.Target{Level: 3, Due: date("2027-03-31")}, true, nil},
		{"statement's own", func() error { _, err := s.SetTarget(ctx, h.ID, sid, model.Target{Level: 5}); return err }, model.Target{Level: 5}, false, nil},
		{"level off the scale", func() error { _, err := s.SetTarget(ctx, h.ID, sid, model.Target{Level: 9}); return err }, model.Target{Level: 5}, false, ErrInvalid},
		{"unknown statement", func() error { _, err := s.SetTarget(ctx, h.ID, "NOPE", model.Target{Level: 2}); return err }, model.Target{Level: 5}, false, ErrInvalid},
		{"unknown measure", func() error { _, err := s.SetMeasureTarget(ctx, h.ID, "nope", model.Target{Level: 2}); return err }, model.Target{Level: 5}, false, ErrInvalid},
		{"clearing falls back to the measure", func() error { _, err := s.SetTarget(ctx, h.ID, sid, model.Target{}); return err }, model.Target{Level: 3, Due: date("2027-03-31")}, true, nil},
	}
	for _, tc := range tests {
		err := tc.set()
		if !errors.Is(err, tc.err) {
			t.Fatalf("%s: %v, want %v", tc.name, err, tc.err)
		}
		a, _ := s.Assessment(ctx, h.ID)
		got, fromMeasure, _ := a.TargetFor(sid)
		if got != tc.want || fromMeasure != tc.measure {
			t.Errorf("%s: target %v (measure %v), want %v (%v)", tc.name, got, fromMeasure, tc.want, tc.measure)
		}
	}
	// A wrong measure key is answered with the right ones (found: 'wgll
	// target --measure support-workforce' said only that it was wrong).
	if _, err := s.SetMeasureTarget(ctx, h.ID, "support-workforce", model.Target{Level: 2}); err == nil ||
		!strings.Contains(err.Error(), "use one of: well-led, smart-foundations, safe-practice, support-people, empower-people") {
		t.Errorf("unknown measure: %v", err)
	}
	if _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	a, _ := s.Assessment(ctx, h.ID)
	if got, fromMeasure, _ := a.TargetFor(sid); got != (model.Target{Level: 5}) || fromMeasure {
		t.Errorf("after undoing the clear: %v (measure %v)", got, fromMeasure)
	}
}

func TestEvidenceTrustFields(t *testing.T) {
	s := openT(t, newDB(t), "u")
	h := createT(t, s)
	sids := orgStatements(t)
	in := model.Evidence{StatementID: sids[0], Title: "Board paper", EffectiveDate: date("2026-03-31"), ReviewBy: date("2027-03-31"),
		Confidence: model.ConfidenceMedium, Owner: " Ann ", Also: model.LinksOf(sids[1], sids[0], sids[2], sids[1])}
	ev, err := s.SaveEvidence(ctx, h.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Owner != "Ann" || ev.Also != model.LinksOf(sids[1], sids[2]) || !ev.EffectiveDate.Equal(in.EffectiveDate) || ev.Confidence != model.ConfidenceMedium {
		t.Errorf("stored %+v", ev)
	}
	bad := []struct {
		name string
		e    model.Evidence
	}{
		{"confidence", model.Evidence{StatementID: sids[0], Title: "x", Confidence: "certain"}},
		{"link to an unknown statement", model.Evidence{StatementID: sids[0], Title: "x", Also: "NOPE"}},
		{"review-by out of range", model.Evidence{StatementID: sids[0], Title: "x", ReviewBy: time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC)}},
	}
	for _, b := range bad {
		if _, err := s.SaveEvidence(ctx, h.ID, b.e); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v", b.name, err)
		}
	}
	a, _ := s.Assessment(ctx, h.ID)
	if got := a.EvidenceFor(sids[2]); len(got) != 1 || got[0].ID != ev.ID {
		t.Errorf("evidence for the linked statement: %+v", got)
	}
	// Unlink, undo the unlink, then delete and undo the delete: the links
	// and trust fields come back each time.
	if ev, err = s.UnlinkEvidence(ctx, h.ID, ev.ID, sids[1]); err != nil || ev.Also != model.Links(sids[2]) {
		t.Fatalf("unlink: %+v %v", ev, err)
	}
	if _, err := s.UnlinkEvidence(ctx, h.ID, ev.ID, sids[0]); !errors.Is(err, ErrInvalid) {
		t.Errorf("unlinking the own statement: %v", err)
	}
	if _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteEvidence(ctx, h.ID, ev.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	a, _ = s.Assessment(ctx, h.ID)
	back := a.Evidence[sids[0]][0]
	if back.Also != model.LinksOf(sids[1], sids[2]) || back.Owner != "Ann" || !back.ReviewBy.Equal(date("2027-03-31")) || back.Confidence != model.ConfidenceMedium {
		t.Errorf("after undoing the delete: %+v", back)
	}
}

func TestConfirmEvidence(t *testing.T) {
	s := openT(t, newDB(t), "u") // the store's day is 2026-11-22
	h := createT(t, s)
	sid := orgStatements(t)[0]
	tests := []struct {
		name     string
		e        model.Evidence
		reviewBy time.Time
		err      error
		stale    bool
	}{
		{"carried, confirmed", model.Evidence{NeedsReview: true}, time.Time{}, nil, false},
		{"carried and overdue, confirmed with a new date", model.Evidence{NeedsReview: true, ReviewBy: date("2026-01-01")}, date("2027-06-30"), nil, false},
		{"overdue without a new date is refused", model.Evidence{ReviewBy: date("2026-01-01")}, time.Time{}, ErrInvalid, true},
		{"a new date that has passed is refused", model.Evidence{NeedsReview: true}, date("2026-11-01"), ErrInvalid, true},
	}
	for _, tc := range tests {
		tc.e.StatementID, tc.e.Title = sid, tc.name
		ev, err := s.SaveEvidence(ctx, h.ID, tc.e)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.ConfirmEvidence(ctx, h.ID, ev.ID, tc.reviewBy)
		if !errors.Is(err, tc.err) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.err)
		}
		if err != nil {
			got = ev
		}
		if stale := got.Stale(date("2026-11-22")); stale != tc.stale {
			t.Errorf("%s: stale %v after confirming, want %v", tc.name, stale, tc.stale)
		}
	}
	list, err := s.StaleEvidence(ctx, h.ID)
	if err != nil || len(list) != 2 {
		t.Errorf("stale listing: %d items, %v", len(list), err)
	}
	// The listing reads only the candidates (evidence_stale), and gives
	// what the whole assessment gives, items whole, in the same order.
	if _, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: orgStatements(t)[1], Title: "sound", Owner: "CIO"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: sid, Title: "past review", Owner: "CCIO", Detail: "minutes", ReviewBy: date("2026-02-01")}); err != nil {
		t.Fatal(err)
	}
	whole, err := s.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := whole.StaleEvidence(date("2026-11-22"))
	list, err = s.StaleEvidence(ctx, h.ID)
	if err != nil || len(list) != len(want) || len(want) != 3 {
		t.Fatalf("stale listing: %d items (%v), the whole assessment's %d", len(list), err, len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(list[i].StaleItem, want[i]) {
			t.Errorf("stale item %d: %+v, want %+v", i, list[i].StaleItem, want[i])
		}
	}
}

func TestRenameAndDeleteAssessment(t *testing.T) {
	path := newDB(t)
	s := openT(t, path, "u")
	h := createT(t, s)
	other, err := s.CreateAssessment(ctx, model.Header{Organisation: "Northshire NHS Trust", Audience: criteria.Organisation, Period: "2025/26"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RenameAssessment(ctx, other.ID, "", " 2026/27 "); !errors.Is(err, ErrInvalid) {
		t.Errorf("renaming onto another assessment: %v", err)
	}
	got, err := s.RenameAssessment(ctx, h.ID, "Northshire Hospitals", "2026-27")
	if err != nil || got.Organisation != "Northshire Hospitals" || got.Period != "2026-27" {
		t.Fatalf("rename: %+v %v", got, err)
	}
	if _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	a, _ := s.Assessment(ctx, h.ID)
	if a.Organisation != "Northshire NHS Trust" || a.Period != "2026/27" {
		t.Errorf("after undoing the rename: %s", a.Title())
	}
	if _, err := s.SetScore(ctx, h.ID, orgStatements(t)[0], 3); err != nil {
		t.Fatal(err)
	}
	del, err := s.DeleteAssessment(ctx, h.ID)
	if err != nil || del.Responses != 1 || !strings.Contains(del.Backup, ".before-delete-") {
		t.Fatalf("delete: %+v %v", del, err)
	}
	if _, err := os.Stat(del.Backup); err != nil {
		t.Fatalf("backup: %v", err)
	}
	if n := rawInt(t, del.Backup, "SELECT count(*) FROM assessments"); n != 2 {
		t.Errorf("backup holds %d assessments, want both", n)
	}
	if _, err := s.Assessment(ctx, h.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted assessment still loads: %v", err)
	}
	if _, err := s.DeleteAssessment(ctx, h.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting again: %v", err)
	}
}

func TestImportReplace(t *testing.T) {
	dir := t.TempDir()
	ics := openT(t, filepath.Join(dir, "ics.db"), "ics")
	memberPath := filepath.Join(dir, "member.db")
	member := openT(t, memberPath, "member")
	mh := createT(t, member)
	sids := orgStatements(t)
	member.SetScore(ctx, mh.ID, sids[0], 2)
	member.Close()
	if _, err := ics.Import(ctx, memberPath); err != nil {
		t.Fatal(err)
	}
	// The member corrects its score and resubmits.
	member = openT(t, memberPath, "member")
	member.SetScore(ctx, mh.ID, sids[0], 4)
	member.SaveEvidence(ctx, mh.ID, model.Evidence{StatementID: sids[0], Title: "new paper", Owner: "Ann"})
	member.Close()
	plain, err := ics.Import(ctx, memberPath)
	if err != nil || len(plain.Conflicts) != 1 {
		t.Fatalf("plain import of the resubmission: %+v %v", plain, err)
	}
	hs, _ := ics.Assessments(ctx)
	id := hs[0].ID
	if _, err := ics.SignOff(ctx, id, model.SignOff{AssuredBy: "B", AssuredOn: date("2026-11-01")}); err != nil {
		t.Fatal(err)
	}
	if _, err := ics.ImportReplace(ctx, memberPath); !errors.Is(err, ErrLocked) {
		t.Errorf("replacing a signed-off assessment: %v", err)
	}
	if _, err := ics.Unlock(ctx, id, "resubmission"); err != nil {
		t.Fatal(err)
	}
	res, err := ics.ImportReplace(ctx, memberPath)
	if err != nil || len(res.Replaced) != 1 || res.Backup == "" {
		t.Fatalf("replace: %+v %v", res, err)
	}
	if d := strings.Join(res.Replaced[0].Differences, ","); d != "scores,evidence" {
		t.Errorf("differences %q", d)
	}
	a, _ := ics.Assessment(ctx, id)
	if a.Score(sids[0]) != 4 || len(a.Evidence[sids[0]]) != 1 || a.Evidence[sids[0]][0].Owner != "Ann" {
		t.Errorf("after replace: score %d, evidence %+v", a.Score(sids[0]), a.Evidence)
	}
	if n := rawInt(t, res.Backup, "SELECT total(score) FROM responses"); n != 2 {
		t.Errorf("backup holds score total %d, want the old 2", n)
	}
	hist, _ := ics.History(ctx, 1)
	if len(hist) != 1 || hist[0].Op != "replace" || !strings.Contains(hist[0].New, "member.db") {
		t.Errorf("change log: %+v", hist)
	}
	again, err := ics.ImportReplace(ctx, memberPath)
	if err != nil || len(again.Replaced) != 0 || len(again.Unchanged) != 1 || again.Backup != "" {
		t.Errorf("replacing again: %+v %v", again, err)
	}
}
