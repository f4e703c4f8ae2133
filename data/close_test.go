package data

import (
	"sync"
	"testing"
)

// TestUseAfterClose: the app's commands may still be running when the store
// is closed on quit; they must get an error, never a panic, and Close may be
// called again.
func TestUseAfterClose(t *testing.T) {
	path := newDB(t)
	workbookWithData(t, path)
	s := openT(t, path, "alice")
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				s.Drafts(ctx)
				s.Assessments(ctx)
				s.DataVersion(ctx)
			}
		}()
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if _, err := s.Drafts(ctx); err == nil {
		t.Error("Drafts after Close gave no error")
	}
	if _, err := s.SetScore(ctx, 1, "WL-O1", 3); err == nil {
		t.Error("SetScore after Close gave no error")
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
