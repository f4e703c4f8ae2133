package workshop

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"wgll/criteria"
	"wgll/data"
	"wgll/model"
)

// The screens are tested against a real workbook in a temporary folder:
// each "process" (facilitator, member, projector) is its own data.Store on
// the same file, as in a workshop, so what is tested is what the room gets.
// The clock is fixed, so goldens are stable.

var ctx = context.Background()

// t0 is the store's fixed clock; screens' clocks run a little later.
var t0 = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

// testTOML is the test criteria, read before the first test changes
// directory.
var testTOML []byte

type room struct {
	t     *testing.T
	path  string
	chair *data.Store
	a     *model.Assessment
	// stores are the members' stores by name.
	stores map[string]*data.Store
}

func newRoom(t *testing.T) *room {
	t.Helper()
	if testTOML == nil {
		var err error
		if testTOML, err = os.ReadFile("testdata/criteria.toml"); err != nil {
			t.Fatal(err)
		}
	}
	toml := testTOML
	// A relative path of fixed length, so the screens that show it lay out
	// the same on every machine; goldens write it as WORKBOOK.DB.
	dir := filepath.Join("testdata", fmt.Sprintf("tmp-%016x", rand.Uint64()))
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "wgll.db")
	r := &room{t: t, path: path, stores: map[string]*data.Store{}}
	r.chair = r.open("chair")
	h, err := r.chair.CreateAssessment(ctx, model.Header{Organisation: "Northshire NHS Trust", Audience: criteria.Organisation, Period: "2026/27"}, toml)
	if err != nil {
		t.Fatal(err)
	}
	if r.a, err = r.chair.Assessment(ctx, h.ID); err != nil {
		t.Fatal(err)
	}
	r.a.Previous = map[string]model.Score{"WL-O1": 2}
	return r
}

func (r *room) open(user string) *data.Store {
	r.t.Helper()
	s, err := data.Open(r.path, data.Options{Create: true, User: user, Now: func() time.Time { return t0 }, NoBackupOnOpen: true})
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(func() { s.Close() })
	return s
}

func (r *room) member(name string) *data.Store {
	if s, ok := r.stores[name]; ok {
		return s
	}
	s := r.open(name)
	r.stores[name] = s
	return s
}

// start starts a workshop with the default options at WL-O1.
func (r *room) start(opt model.WorkshopOptions) model.Workshop {
	r.t.Helper()
	if opt.Timebox == 0 {
		opt.Timebox = 5 * time.Minute
	}
	w, _, err := r.chair.StartWorkshop(ctx, r.a.ID, "WL-O1", opt)
	if err != nil {
		r.t.Fatal(err)
	}
	return w
}

func (r *room) vote(w model.Workshop, name string, level int, reason string) {
	r.t.Helper()
	s := r.member(name)
	snap, err := s.WorkshopSnapshot(ctx, w.ID)
	if err != nil {
		r.t.Fatal(err)
	}
	if err := s.CastVote(ctx, w.ID, snap.Workshop.StatementID, snap.Round.Number, name, level, reason); err != nil {
		r.t.Fatal(err)
	}
}

func (r *room) must(err error) {
	r.t.Helper()
	if err != nil {
		r.t.Fatal(err)
	}
}

// harness drives one screen's model synchronously: commands run at once,
// timers are collected instead of waited for, and poll() delivers them.
type harness struct {
	t       *testing.T
	m       tea.Model
	pending []tea.Msg
}

func newHarness(t *testing.T, m tea.Model, w, h int) *harness {
	hs := &harness{t: t, m: m}
	after := func(d time.Duration, msg tea.Msg) tea.Cmd {
		return func() tea.Msg { hs.pending = append(hs.pending, msg); return nil }
	}
	switch m := m.(type) {
	case *Member:
		m.after = after
	case *Projector:
		m.after = after
	case *Facilitator:
		m.after = after
	}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(m.Init())
	return hs
}

func (hs *harness) run(cmd tea.Cmd) {
	hs.t.Helper()
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			hs.run(c)
		}
	default:
		if strings.Contains(strings.ToLower(sprintT(msg)), "backgroundcolor") {
			return
		}
		hs.send(msg)
	}
}

func (hs *harness) send(msg tea.Msg) {
	hs.t.Helper()
	_, cmd := hs.m.Update(msg)
	hs.run(cmd)
}

// poll delivers the pending poll ticks (not the status timers), as if a
// quarter second had passed.
func (hs *harness) poll() {
	hs.t.Helper()
	p := hs.pending
	hs.pending = nil
	for _, msg := range p {
		if _, ok := msg.(pollMsg); ok {
			hs.send(msg)
		} else {
			hs.pending = append(hs.pending, msg)
		}
	}
}

// clearStatus delivers the pending status timers.
func (hs *harness) clearStatus() {
	p := hs.pending
	hs.pending = nil
	for _, msg := range p {
		if _, ok := msg.(statusClearMsg); ok {
			hs.send(msg)
		} else {
			hs.pending = append(hs.pending, msg)
		}
	}
}

func (hs *harness) keys(ks ...string) {
	hs.t.Helper()
	for _, k := range ks {
		hs.send(keyMsg(k))
	}
}

func (hs *harness) typeText(s string) {
	for _, r := range s {
		hs.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

func (hs *harness) view() string {
	switch m := hs.m.(type) {
	case *Member:
		return m.render()
	case *Projector:
		return m.render()
	case *Facilitator:
		return m.Render()
	}
	return ""
}

func sprintT(v any) string { return fmt.Sprintf("%T", v) }
