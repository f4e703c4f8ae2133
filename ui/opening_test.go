package ui

import (
	"context"
	"errors"
	"image/color"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// openingApp is an app made with Config.Open, before Init.
func openingApp(t *testing.T, open func() (Opened, error)) *harness {
	t.Helper()
	hs := &harness{t: t}
	hs.app = New(Config{Open: open, CriteriaTOML: []byte("# test"), NoColor: true,
		Now: func() time.Time { return time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC) }})
	hs.app.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
		return func() tea.Msg { hs.pending = append(hs.pending, msg); return nil }
	}
	hs.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	return hs
}

// TestOpenWhileStarting: with Config.Open the app draws nothing, in the
// normal screen, until the workbook is open; then it shows the list read
// ahead on the store it was given.
func TestOpenWhileStarting(t *testing.T) {
	f := newFakeStore()
	f.add("Trust", "2025/26")
	f.add("Trust", "2026/27")
	r := &readCounter{fakeStore: f}
	release := make(chan struct{})
	hs := openingApp(t, func() (Opened, error) {
		<-release
		return Opened{Store: r}, nil
	})
	init := hs.app.Init()
	v := hs.app.View()
	if v.Content != "" || v.AltScreen {
		t.Fatalf("before the workbook is open the app draws %q (alt screen %v), want nothing in the normal screen", v.Content, v.AltScreen)
	}
	close(release)
	hs.run(init)
	if hs.app.screen != screenPicker || !strings.Contains(hs.text(), "Assessments in this workbook") {
		t.Fatalf("after opening: screen %v\n%s", hs.app.screen, hs.text())
	}
	if v := hs.app.View(); !v.AltScreen {
		t.Error("the first screen is not in the alternate screen")
	}
	if n := r.lists.Load(); n != 1 {
		t.Errorf("the list was read %d times, want once (read ahead on opening)", n)
	}
	if hs.app.OpenErr() != nil {
		t.Errorf("OpenErr = %v after a good open", hs.app.OpenErr())
	}
}

// TestOpenFailsBeforeDrawing: a workbook that cannot be opened ends the
// program before anything is drawn, once the terminal has answered the
// start-up queries, and OpenErr says why.
func TestOpenFailsBeforeDrawing(t *testing.T) {
	refused := errors.New("/tmp/x.db: not a wgll workbook")
	hs := openingApp(t, func() (Opened, error) { return Opened{}, refused })
	cmd := hs.app.Init()
	// The open's result arrives before the terminal's answer.
	for _, c := range cmd().(tea.BatchMsg) {
		if c == nil {
			continue
		}
		if msg, ok := c().(storeOpenedMsg); ok {
			if quit := hs.app.updateOpening(msg); quit != nil {
				if _, isQuit := quitNow(quit); isQuit {
					t.Fatal("the program ended before the terminal answered its queries")
				}
			}
		}
	}
	if !errors.Is(hs.app.OpenErr(), refused) {
		t.Fatalf("OpenErr = %v, want the refusal", hs.app.OpenErr())
	}
	_, next := hs.app.Update(tea.BackgroundColorMsg{Color: color.Black})
	if _, isQuit := quitNow(next); !isQuit {
		t.Error("the terminal's answer did not end the program")
	}
	if v := hs.app.View(); v.Content != "" || v.AltScreen {
		t.Errorf("a refused workbook drew %q (alt screen %v)", v.Content, v.AltScreen)
	}
}

// quitNow runs cmd if it answers at once and reports whether it quits.
func quitNow(cmd tea.Cmd) (tea.Msg, bool) {
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		_, ok := msg.(tea.QuitMsg)
		return msg, ok
	case <-time.After(20 * time.Millisecond):
		return nil, false // a timer: not now
	}
}

// TestKeysTypedWhileOpeningAreKept: keys pressed before the first screen is
// up (the workbook still opening, then its list still being read) are
// given to that screen in order once it shows, not dropped: enter pressed
// at once opens the highlighted assessment, and the key after it moves on
// the overview. ctrl+c is never held.
func TestKeysTypedWhileOpeningAreKept(t *testing.T) {
	f := newFakeStore()
	f.add("Trust", "2025/26")
	f.add("Trust", "2026/27")
	release := make(chan struct{})
	hs := openingApp(t, func() (Opened, error) {
		<-release
		return Opened{Store: f}, nil
	})
	init := hs.app.Init()
	// Typed before the terminal was in raw mode, enter arrives as a line
	// feed (ctrl+j).
	hs.send(tea.KeyPressMsg{Code: 'j', Mod: tea.ModCtrl})
	hs.keys("j")
	if hs.app.screen != screenLoading {
		t.Fatalf("a key before the workbook was open moved the app to screen %v", hs.app.screen)
	}
	close(release)
	hs.run(init)
	if hs.app.screen != screenOverview || hs.app.a == nil {
		t.Fatalf("enter typed while opening was lost: screen %v\n%s", hs.app.screen, hs.text())
	}
	if got, want := hs.app.a.Header.ID, hs.app.sc.picker.items[0].header.ID; got != want {
		t.Errorf("enter opened assessment %d, want the highlighted one, %d", got, want)
	}
	if hs.app.measureIdx != 1 {
		t.Errorf("j typed after enter: overview on measure %d, want 1", hs.app.measureIdx)
	}
	if len(hs.app.typedAhead) != 0 {
		t.Errorf("%d keys still held after the first screen showed", len(hs.app.typedAhead))
	}

	hs2 := openingApp(t, func() (Opened, error) { select {} })
	hs2.app.Init()
	if _, cmd := hs2.app.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}); cmd == nil {
		t.Fatal("ctrl+c while opening did not end the program")
	} else if _, quit := quitNow(cmd); !quit {
		t.Fatal("ctrl+c while opening was held instead of ending the program")
	}
}

// TestEarlyLineFeedIsEnter: a line feed (ctrl+j, what enter typed before
// raw mode becomes) read in the program's first moments is that enter
// even when the list is already on screen, as it can be on a small
// workbook opened beside the terminal's set-up; one read later is left to
// the screens, which bind nothing to it.
func TestEarlyLineFeedIsEnter(t *testing.T) {
	f := newFakeStore()
	f.add("Trust", "2025/26")
	f.add("Trust", "2026/27")
	hs := newHarness(t, f, 100, 30)
	if hs.app.screen != screenPicker {
		t.Fatalf("screen %v, want the picker up", hs.app.screen)
	}
	hs.send(tea.KeyPressMsg{Code: 'j', Mod: tea.ModCtrl})
	if hs.app.screen != screenOverview {
		t.Fatalf("a line feed at start with the list up: screen %v, want the overview it opens\n%s", hs.app.screen, hs.text())
	}

	hs = newHarness(t, f, 100, 30)
	hs.app.startedAt = time.Now().Add(-2 * earlyKeys)
	hs.send(tea.KeyPressMsg{Code: 'j', Mod: tea.ModCtrl})
	if hs.app.screen != screenPicker {
		t.Errorf("a line feed long after the start opened screen %v; it is bound to nothing", hs.app.screen)
	}
}

// TestOpenedBringsTheList: the open's result carries the first list of
// assessments, read as soon as the store was open, so the one update that
// takes it puts the picker up; nothing more has to go through Bubble Tea
// before the first frame can show it.
func TestOpenedBringsTheList(t *testing.T) {
	f := newFakeStore()
	f.add("Trust", "2025/26")
	f.add("Trust", "2026/27")
	r := &readCounter{fakeStore: f}
	hs := openingApp(t, func() (Opened, error) { return Opened{Store: r}, nil })
	var opened tea.Msg
	for _, c := range hs.app.Init()().(tea.BatchMsg) {
		if c == nil {
			continue
		}
		if msg, ok := c().(storeOpenedMsg); ok {
			opened = msg
		}
	}
	if opened == nil {
		t.Fatal("Init's commands gave no storeOpenedMsg")
	}
	hs.app.Update(opened)
	if hs.app.screen != screenPicker || !strings.Contains(hs.text(), "2026/27") {
		t.Fatalf("after the open's one message: screen %v\n%s", hs.app.screen, hs.text())
	}
	if n := r.lists.Load(); n != 1 {
		t.Errorf("the list was read %d times, want once", n)
	}
}

// versionedStore lists through AssessmentsAt, as data.Store does, and
// counts how it was asked.
type versionedStore struct {
	*fakeStore
	listsAt, versions atomic.Int32
}

func (v *versionedStore) AssessmentsAt(ctx context.Context) (int64, []model.Header, error) {
	v.listsAt.Add(1)
	hs, err := v.fakeStore.Assessments(ctx)
	return 77, hs, err
}

func (v *versionedStore) DataVersion(ctx context.Context) (int64, error) {
	v.versions.Add(1)
	return v.fakeStore.DataVersion(ctx)
}

// TestListReadWithItsVersion: a store that reads the data version with
// the list (data.Store.AssessmentsAt) is asked for both at once, and the
// version the app keeps is the one read with the list.
func TestListReadWithItsVersion(t *testing.T) {
	f := newFakeStore()
	f.add("Trust", "2025/26")
	f.add("Trust", "2026/27")
	v := &versionedStore{fakeStore: f}
	msg := loadHeadersCmd(v)().(headersMsg)
	if msg.err != nil || len(msg.items) != 2 {
		t.Fatalf("list: %v, %d items", msg.err, len(msg.items))
	}
	if msg.version != 77 || v.listsAt.Load() != 1 || v.versions.Load() != 0 {
		t.Errorf("version %d, AssessmentsAt asked %d times, DataVersion %d: want 77, 1, 0", msg.version, v.listsAt.Load(), v.versions.Load())
	}
}
