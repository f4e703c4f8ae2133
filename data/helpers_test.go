package data

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"wgll/criteria"
	"wgll/model"
)

var ctx = context.Background()

// fixedClock is a test clock that moves a second forward each call.
func fixedClock() func() time.Time {
	t := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

func openT(t testing.TB, path, user string) *Store {
	t.Helper()
	s, err := Open(path, Options{User: user, Now: fixedClock(), Create: true})
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newDB(t testing.TB) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "wgll.db")
}

// orgStatements returns statement ids of the built-in criteria for the
// organisation audience.
func orgStatements(t testing.TB) []string {
	t.Helper()
	c, err := criteria.Parse("builtin", criteria.BuiltinTOML())
	if err != nil {
		t.Fatalf("parse built-in criteria: %v", err)
	}
	var ids []string
	for _, m := range c.ForAudience(criteria.Organisation) {
		for _, s := range m.Statements {
			ids = append(ids, s.ID)
		}
	}
	if len(ids) < 3 {
		t.Fatalf("built-in criteria have only %d organisation statements", len(ids))
	}
	return ids
}

func createT(t testing.TB, s *Store) model.Header {
	t.Helper()
	h, err := s.CreateAssessment(ctx, model.Header{Organisation: "Northshire NHS Trust", Audience: criteria.Organisation, Period: "2026/27"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatalf("CreateAssessment: %v", err)
	}
	return h
}

func sha(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
