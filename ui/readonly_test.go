package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"wgll/model"

	"github.com/charmbracelet/x/exp/golden"
)

// icsMember opens the ICS view and, from it, Riverside Community Trust
// 2026/27 (the second row at the 2026/27 period).
func icsMember(t *testing.T, w, h int) (*harness, *planFake) {
	t.Helper()
	p := planStore(t, true)
	hs := planHarness(t, p, w, h)
	hs.keys("G", "enter", "esc", "i")
	if hs.app.screen != screenICS {
		t.Fatalf("i did not open the ICS view:\n%s", hs.text())
	}
	for hs.app.sc.ics.cursor < 5 {
		g, _ := hs.app.sc.ics.grid(hs.app)
		if g.Rows[hs.app.sc.ics.cursor].Header.Organisation == "Riverside Community Trust" {
			break
		}
		hs.keys("down")
	}
	hs.keys("enter")
	if hs.app.screen != screenOverview || hs.app.a.Organisation != "Riverside Community Trust" {
		t.Fatalf("enter did not open the member:\n%s", hs.text())
	}
	return hs, p
}

// TestICSMemberOpensReadOnly: every write key is refused with one line,
// nothing reaches the store, and esc goes back to the ICS view.
func TestICSMemberOpensReadOnly(t *testing.T) {
	tests := []struct {
		name string
		keys []string
	}{
		{"undo", []string{"u"}},
		{"sign off", []string{"S"}},
		{"new period", []string{"n"}},
		{"workshop", []string{"w"}},
		{"score on the measure", []string{"enter", "3"}},
		{"clear on the measure", []string{"enter", "0"}},
		{"evidence on the measure", []string{"enter", "e"}},
		{"action on the measure", []string{"enter", "a"}},
		{"score on the statement", []string{"enter", "enter", "2"}},
		{"clear on the statement", []string{"enter", "enter", "0"}},
		{"reason", []string{"enter", "enter", "w"}},
		{"rationale edit", []string{"enter", "enter", "enter"}},
		{"rationale edit with r", []string{"enter", "enter", "r"}},
		{"add evidence", []string{"enter", "enter", "e"}},
		{"add action", []string{"enter", "enter", "a"}},
		{"tick", []string{"enter", "enter", "tab", "tab", "tab", "space"}},
		{"confirm evidence", []string{"enter", "enter", "tab", "c"}},
		{"link evidence", []string{"enter", "enter", "tab", "l"}},
		{"delete evidence", []string{"enter", "enter", "tab", "d"}},
		{"sign off from the plan", []string{"p", "S"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs, p := icsMember(t, 80, 24)
			if !strings.Contains(hs.text(), "read-only") {
				t.Fatalf("the member does not say it is read-only:\n%s", hs.text())
			}
			// Reads (a statement's items load as it opens) are fine; a
			// write bumps the fake's data version.
			before, calls := p.version, len(p.calls)
			hs.keys(tt.keys...)
			if p.version != before {
				t.Errorf("%v wrote to the store: %v", tt.keys, p.calls[calls:])
			}
			if len(hs.app.dialogs) != 0 || hs.app.editing() {
				t.Errorf("%v opened a dialog or the editor:\n%s", tt.keys, hs.text())
			}
			if !strings.Contains(hs.text(), "Not changed ("+readOnlyNote+")") {
				t.Errorf("%v was not refused on the status line:\n%s", tt.keys, hs.text())
			}
		})
	}
}

// TestICSMemberItemsReadOnly: an item can be viewed, not edited or deleted.
func TestICSMemberItemsReadOnly(t *testing.T) {
	hs, p := icsMember(t, 80, 24)
	// Give the member an action to look at; the statement reads it as
	// it opens.
	if _, err := p.SaveAction(context.Background(), hs.app.a.ID, model.Action{StatementID: "WL-O1", Title: "Appoint a CCIO",
		Due: time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC), Status: model.StatusOpen}); err != nil {
		t.Fatal(err)
	}
	hs.keys("enter", "enter", "tab", "tab")
	before, calls := p.version, len(p.calls)
	for _, k := range []string{"s", "d"} {
		hs.keys(k)
		if !strings.Contains(hs.text(), "Not changed") || len(hs.app.dialogs) != 0 {
			t.Errorf("%s on an action was not refused:\n%s", k, hs.text())
		}
	}
	hs.keys("enter") // view it: reading is allowed
	if len(hs.app.dialogs) != 1 {
		t.Fatalf("enter did not show the action:\n%s", hs.text())
	}
	hs.keys("enter") // enter again would edit
	if len(hs.app.dialogs) != 0 || !strings.Contains(hs.text(), "Not changed") {
		t.Errorf("editing from the view was not refused:\n%s", hs.text())
	}
	if p.version != before {
		t.Errorf("writes reached the store: %v", p.calls[calls:])
	}
}

// TestICSMemberEscReturns: esc from the member's overview is the ICS view,
// and opening it afterwards from the picker is editable again.
func TestICSMemberEscReturns(t *testing.T) {
	hs, _ := icsMember(t, 80, 24)
	hs.keys("enter", "enter", "esc", "esc")
	if hs.app.screen != screenOverview {
		t.Fatalf("esc esc did not come back to the overview: %d", hs.app.screen)
	}
	hs.keys("esc")
	if hs.app.screen != screenICS || hs.app.readOnly {
		t.Fatalf("esc did not return to the ICS view: screen %d, read-only %v", hs.app.screen, hs.app.readOnly)
	}
	hs.keys("esc") // the picker
	if hs.app.screen != screenPicker {
		t.Fatalf("esc from the ICS view: screen %d", hs.app.screen)
	}
	hs.keys("enter")
	if hs.app.screen != screenOverview || hs.app.readOnly || strings.Contains(hs.text(), "read-only") {
		t.Errorf("an assessment opened from the picker is read-only:\n%s", hs.text())
	}
}

// TestGoldenICSMemberReadOnly pins the read-only overview at 80x24.
func TestGoldenICSMemberReadOnly(t *testing.T) {
	hs, _ := icsMember(t, 80, 24)
	hs.fire(func(m tea.Msg) bool { _, ok := m.(statusClearMsg); return ok })
	v := hs.text()
	if lines := strings.Split(v, "\n"); !strings.Contains(lines[0], readOnlyNote) || !strings.Contains(lines[len(lines)-2], readOnlyNote) {
		t.Errorf("the title and the status line do not say %q:\n%s", readOnlyNote, v)
	}
	golden.RequireEqual(t, hs.view())
}

// TestICSMemberHelpOffersNoWrites: the help line of a read-only measure
// does not offer scoring, evidence, actions or undo.
func TestICSMemberHelpOffersNoWrites(t *testing.T) {
	hs, _ := icsMember(t, 160, 45)
	hs.keys("enter")
	help := hs.app.helpLine()
	for _, bad := range []string{"score", "undo", "evidence", "action", "clear"} {
		if strings.Contains(help, bad) {
			t.Errorf("read-only help line offers %q: %s", bad, help)
		}
	}
	if !strings.Contains(help, "open") {
		t.Errorf("help line lost the keys that read: %s", help)
	}
}
