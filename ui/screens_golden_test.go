package ui

import (
	"errors"
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"wgll/model"
)

// TestGoldenEveryScreen pins every screen and dialog at the three sizes
// the app is read at: a laptop (80x24), a larger terminal (100x30) and a
// projector (160x45). Regenerate with go test ./ui -run TestGoldenEveryScreen -update.
func TestGoldenEveryScreen(t *testing.T) {
	type fixture func(t *testing.T) *fakeStore
	one := func(t *testing.T) *fakeStore {
		f, _ := seeded(t)
		longCriteria(f)
		return f
	}
	two := func(t *testing.T) *fakeStore {
		f := one(t)
		f.add("Southdale Community Trust", "2026/27")
		return f
	}
	empty := func(t *testing.T) *fakeStore { return newFakeStore() }
	years := func(t *testing.T) *fakeStore { return threeYears(t) }
	tests := []struct {
		name string
		fix  fixture
		keys []string
	}{
		{"setup", empty, nil},
		{"picker", two, nil},
		{"overview", one, nil},
		{"measure", one, []string{"enter"}},
		{"statement", one, []string{"enter", "enter"}},
		{"statement_evidence", one, []string{"enter", "enter", "tab"}},
		{"statement_actions", one, []string{"enter", "enter", "tab", "tab"}},
		{"statement_all_levels", one, []string{"enter", "enter", "v"}},
		{"rationale_editor", one, []string{"enter", "enter", "enter"}},
		{"evidence_form", one, []string{"enter", "enter", "e"}},
		{"action_form", one, []string{"enter", "enter", "a"}},
		{"evidence_view", one, []string{"enter", "enter", "tab", "enter"}},
		{"action_view", one, []string{"enter", "enter", "tab", "tab", "enter"}},
		{"confirm_delete", one, []string{"enter", "enter", "tab", "d"}},
		{"discard_changes", one, []string{"enter", "enter", "e", "M", "esc"}},
		{"help", one, []string{"?"}},
		{"search", one, []string{"/", "b", "o", "a", "r", "d"}},
		{"export_unavailable", one, []string{"x"}},
		{"compare", years, []string{"G", "enter", "c", "enter"}},
		{"trend", years, []string{"G", "enter", "t"}},
	}
	for _, size := range [][2]int{{80, 24}, {100, 30}, {160, 45}} {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s_%dx%d", tt.name, size[0], size[1]), func(t *testing.T) {
				hs := newHarness(t, tt.fix(t), size[0], size[1])
				hs.keys(tt.keys...)
				golden.RequireEqual(t, hs.view())
			})
		}
	}
}

// TestGoldenQuitWarning pins the warning shown when the draft cannot be
// written on quit.
func TestGoldenQuitWarning(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter", "enter", "enter")
	hs.typeText(" more")
	f.draftErr = errors.New("write draft: database or disk is full")
	hs.keys("ctrl+c")
	golden.RequireEqual(t, hs.view())
}

// TestGoldenDraftOffer pins the draft offered back on opening.
func TestGoldenDraftOffer(t *testing.T) {
	f, a := seeded(t)
	f.drafts["evidence/1/WL-O1/new"] = model.Draft{Key: "evidence/1/WL-O1/new", AssessmentID: a.ID, Label: "Evidence for WL-O1",
		Text: `{"title":"Minutes of March","detail":"Shows the vote","link":""}`, SavedAt: f.now}
	hs := newHarness(t, f, 80, 24)
	golden.RequireEqual(t, hs.view())
}
