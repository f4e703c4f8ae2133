package demo

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"wgll/criteria"
	"wgll/data"
	"wgll/model"
)

// TestSmallShowsThePlan checks that every plan and trust feature has
// something to show in the small demo on first look.
func TestSmallShowsThePlan(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	if _, err := Write(context.Background(), path, Options{User: "tester", Now: testNow}); err != nil {
		t.Fatal(err)
	}
	as := loadAll(t, path)
	prev := find(as, criteria.Organisation, "2025/26")
	cur := find(as, criteria.Organisation, "2026/27")
	if !prev.SignOff.Signed() || !prev.SignOff.Approved() || cur.SignOff.Signed() {
		t.Errorf("sign-offs: earlier %+v, current %+v", prev.SignOff, cur.SignOff)
	}
	stale := cur.StaleEvidence(testNow)
	var overdue, carried, low, linked int
	for _, it := range stale {
		if it.Reason == model.StaleBoth || it.Reason == model.StaleOverdue {
			overdue++
		}
		if it.Reason == model.StaleCarried || it.Reason == model.StaleBoth {
			carried++
		}
	}
	for _, list := range cur.Evidence {
		for _, e := range list {
			if e.Confidence == model.ConfidenceLow {
				low++
			}
			if e.Also != "" {
				linked++
			}
			if e.Owner == "" {
				t.Errorf("evidence %d has no owner", e.ID)
			}
		}
	}
	if overdue == 0 || carried == 0 || low == 0 || linked != 1 {
		t.Errorf("stale past review-by %d, carried %d, low confidence %d, linked %d: want some of each and one linked", overdue, carried, low, linked)
	}
	p := model.BuildPlan(cur, testNow)
	if len(p.Items) < 5 || p.NoAction() == 0 || p.NoAction() == len(p.Items) || len(p.Unscored) == 0 {
		t.Errorf("plan: %d gaps, %d without action, %d unscored", len(p.Items), p.NoAction(), len(p.Unscored))
	}
	covered := 0
	for _, r := range p.Readiness {
		covered += r.Covered
	}
	if covered == 0 {
		t.Error("no gap has an action due before its target date")
	}
	// The earlier period is locked.
	st, err := data.Open(path, data.Options{User: "tester", NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sid := cur.Measures()[0].Statements[0].ID
	if _, err := st.SetScore(context.Background(), prev.ID, sid, 1); !errors.Is(err, data.ErrLocked) {
		t.Errorf("scoring the signed-off period: %v", err)
	}
}
