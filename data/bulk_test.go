package data

import (
	"errors"
	"testing"
	"time"

	"wgll/criteria"
	"wgll/model"
)

func TestBulkWritesInOneTransaction(t *testing.T) {
	s := openT(t, newDB(t), "loader")
	ids := orgStatements(t)
	due := time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)
	added := time.Date(2025, 6, 1, 9, 30, 0, 0, time.UTC)
	var h model.Header
	err := s.Bulk(ctx, func(b *Batch) error {
		var err error
		h, err = b.AddAssessment(model.Header{Organisation: " Northshire NHS Trust ", Audience: criteria.Organisation, Period: "2026/27", CreatedAt: added}, criteria.BuiltinTOML())
		if err != nil {
			return err
		}
		if err := b.PutResponse(h.ID, model.Response{StatementID: ids[0], Score: 3, Rationale: "first"}); err != nil {
			return err
		}
		if err := b.PutResponse(h.ID, model.Response{StatementID: ids[0], Score: 4, Rationale: "replaced", Version: 2}); err != nil {
			return err
		}
		if _, err := b.AddEvidence(h.ID, model.Evidence{StatementID: ids[1], Title: "Board paper", AddedBy: "Amara", AddedAt: added, NeedsReview: true}); err != nil {
			return err
		}
		_, err = b.AddAction(h.ID, model.Action{StatementID: ids[2], Title: "Recruit a CCIO", Owner: "CEO", Due: due, Status: model.StatusInProgress})
		return err
	})
	if err != nil {
		t.Fatalf("Bulk: %v", err)
	}
	a, err := s.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	r := a.Responses[ids[0]]
	e := a.Evidence[ids[1]]
	x := a.Actions[ids[2]]
	switch {
	case a.Organisation != "Northshire NHS Trust" || !a.CreatedAt.Equal(added):
		t.Errorf("header = %+v", a.Header)
	case r.Score != 4 || r.Rationale != "replaced" || r.Version != 2 || r.UpdatedBy != "loader":
		t.Errorf("response = %+v, want the replacement by the store's user", r)
	case len(e) != 1 || e[0].AddedBy != "Amara" || !e[0].AddedAt.Equal(added) || !e[0].NeedsReview || e[0].Version != 1:
		t.Errorf("evidence = %+v", e)
	case len(x) != 1 || !x[0].Due.Equal(due) || x[0].Status != model.StatusInProgress || x[0].Priority != model.PriorityMedium:
		t.Errorf("action = %+v", x)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM changes`).Scan(&n); err != nil || n != 0 {
		t.Errorf("change log rows = %d (%v); bulk loads are not edits and log nothing", n, err)
	}
}

func TestBulkRefusesAndRollsBack(t *testing.T) {
	ids := orgStatements(t)
	good := model.Header{Organisation: "Trust", Audience: criteria.Organisation, Period: "2026/27"}
	tests := []struct {
		name string
		fn   func(b *Batch, id int64) error
		is   error
	}{
		{"empty organisation", func(b *Batch, _ int64) error {
			_, err := b.AddAssessment(model.Header{Audience: criteria.Organisation, Period: "2026/27"}, criteria.BuiltinTOML())
			return err
		}, ErrInvalid},
		{"bad criteria", func(b *Batch, _ int64) error {
			_, err := b.AddAssessment(good, []byte("[[measure]]\nkey = 1\n"))
			return err
		}, ErrInvalid},
		{"carried from nowhere", func(b *Batch, _ int64) error {
			h := good
			h.CarriedFrom = 999
			_, err := b.AddAssessment(h, criteria.BuiltinTOML())
			return err
		}, ErrNotFound},
		{"unknown statement", func(b *Batch, id int64) error {
			return b.PutResponse(id, model.Response{StatementID: "NOPE-1", Score: 2})
		}, ErrInvalid},
		{"score out of range", func(b *Batch, id int64) error {
			return b.PutResponse(id, model.Response{StatementID: ids[0], Score: 6})
		}, ErrInvalid},
		{"evidence without title", func(b *Batch, id int64) error {
			_, err := b.AddEvidence(id, model.Evidence{StatementID: ids[0], Title: "  "})
			return err
		}, ErrInvalid},
		{"bad status", func(b *Batch, id int64) error {
			_, err := b.AddAction(id, model.Action{StatementID: ids[0], Title: "x", Status: "finished"})
			return err
		}, ErrInvalid},
		{"bad priority", func(b *Batch, id int64) error {
			_, err := b.AddAction(id, model.Action{StatementID: ids[0], Title: "x", Priority: "urgent"})
			return err
		}, ErrInvalid},
		{"missing assessment", func(b *Batch, id int64) error {
			_, err := b.AddAction(id+100, model.Action{StatementID: ids[0], Title: "x"})
			return err
		}, ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openT(t, newDB(t), "loader")
			h := createT(t, s)
			err := s.Bulk(ctx, func(b *Batch) error {
				// A row that must vanish with the failed batch.
				if _, err := b.AddEvidence(h.ID, model.Evidence{StatementID: ids[0], Title: "kept only on success"}); err != nil {
					t.Fatalf("AddEvidence: %v", err)
				}
				return tt.fn(b, h.ID)
			})
			if !errors.Is(err, tt.is) {
				t.Fatalf("err = %v, want %v", err, tt.is)
			}
			a, err := s.Assessment(ctx, h.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Evidence[ids[0]]) != 0 {
				t.Errorf("a failed batch left %d rows behind", len(a.Evidence[ids[0]]))
			}
		})
	}
}

func TestBulkOnClosedStore(t *testing.T) {
	s := openT(t, newDB(t), "loader")
	s.Close()
	if err := s.Bulk(ctx, func(*Batch) error { return nil }); err == nil {
		t.Fatal("Bulk on a closed store succeeded")
	}
}
