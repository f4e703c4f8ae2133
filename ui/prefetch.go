package ui

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"wgll/model"
)

// Reading ahead at start (issue 16). Before the app draws anything, Bubble
// Tea sets the terminal up: it detects the colour profile (inside tmux it
// runs 'tmux info', about 20 ms), enters raw mode and queries the terminal.
// The list of assessments does not depend on any of that, so Prefetch
// reads it from the moment the app is made, while the terminal is being
// set up, and then reads the overview of the assessment the picker will
// highlight, which is what enter on the picker opens almost every time,
// and then that overview's action counts (counting the xl demo's 100,000
// actions takes 10 to 25 ms of a core).
//
// The counts are read countsAhead after the overview, once the picker's
// first frame is out: begun at once, they took a core from the first
// frame on a two-core machine and put it a frame later. A person takes
// longer than that to press enter, so the overview opens whole, counts and
// all, in one frame. Enter pressed sooner opens the overview at once,
// waiting for its counts, and they are read a frame later (afterFrame), so
// the overview's first frame is not held back by them either, and reach
// it without being counted twice.
//
// Each read ahead is used once, by the first read that wants it, and only
// while the workbook is still at the version it was read at (and the
// counts are of the same day); everything after that is read as it always
// was.

// prefetch holds what Prefetch read ahead.
type prefetch struct {
	// headers delivers the first list of assessments, once.
	headers chan headersMsg

	// overviewID is the assessment whose overview is read after the
	// list, or 0; done is closed when that read ends, and counted when the
	// read of its action counts after it ends. wanted is closed when the
	// overview is given out before its counts were read: they are read
	// then, without waiting out countsAhead.
	overviewID            int64
	done, counted, wanted chan struct{}

	mu sync.Mutex
	// overview is the overview read at data version version, or nil (not
	// read yet, failed, given out or dropped).
	overview *model.Assessment
	version  int64
	// claimed is set when the first open is of overviewID and waits for
	// it; dropped when the first open was of another assessment. handed
	// is set when the overview was given out waiting for its counts, and
	// taken once the app asked for them.
	claimed, dropped, handed, taken bool
	// counts is the action counts read for an overview given out before
	// they were ready, until the app takes them (countsCmd).
	counts *countsMsg
}

// Prefetch starts reading the list of assessments, and then the overview of
// the one the picker will highlight, before the program runs (see above).
// Call it once, after New and before running the program; an app that is
// never prefetched reads everything when its screens ask.
func (a *App) Prefetch() {
	if a.pre != nil || a.store == nil {
		return
	}
	a.pre = startPrefetch(a.store, a.now)
}

// startPrefetch starts reading ahead from s (see Prefetch).
func startPrefetch(s Store, now func() time.Time) *prefetch {
	p := &prefetch{headers: make(chan headersMsg, 1), done: make(chan struct{}), counted: make(chan struct{}), wanted: make(chan struct{})}
	go func() {
		defer close(p.counted)
		msg := loadHeadersCmd(s)().(headersMsg)
		if msg.err == nil && msg.single == nil && len(msg.items) > 1 && msg.items[0].header.Unreadable == "" {
			p.overviewID = msg.items[0].header.ID
		}
		p.headers <- msg // the channel's send orders overviewID before any read of it
		// The send makes the list's receiver runnable behind this
		// goroutine, on this processor; the overview's read after it
		// takes a core for milliseconds on xl, and the list waited for
		// it (3.5 ms between the send and the app's update, traced).
		// Yielding lets the list reach the screen first.
		runtime.Gosched()
		if p.overviewID == 0 {
			close(p.done)
			return
		}
		t := now()
		got, _ := loadCmd(context.Background(), s, p.overviewID, false, 0, "", t)().(loadedMsg)
		p.mu.Lock()
		if got.err == nil && !p.dropped {
			p.overview, p.version = got.a, got.version
		}
		p.mu.Unlock()
		close(p.done)
		if got.err != nil {
			return
		}
		select {
		case <-time.After(countsAhead):
		case <-p.wanted:
			time.Sleep(afterFrame)
		}
		counts, _ := countsCmd(context.Background(), s, p.overviewID, t)().(countsMsg)
		if counts.err != nil {
			return // counted again when the overview opens
		}
		p.mu.Lock()
		switch {
		case p.overview != nil: // not given out yet: it opens whole
			p.overview.SetActionCounts(counts.counts, counts.now)
			p.overview.StaleItems = counts.stale
		case p.handed:
			p.counts = &counts
		}
		p.mu.Unlock()
	}()
	return p
}

// firstHeadersCmd is the app's first read of the list of assessments:
// what Prefetch read, when it did, and otherwise a read of its own.
func (a *App) firstHeadersCmd() tea.Cmd {
	if a.pre == nil {
		return loadHeadersCmd(a.store)
	}
	ch := a.pre.headers
	return func() tea.Msg { return <-ch }
}

// openCmd reads assessment id to open it (loadCmd, under c): the overview
// Prefetch read of it, when that is of id and the workbook is still at the
// version it was read at, and otherwise a read of its own. The prefetched
// overview is given out once, and opening any assessment drops it.
func (a *App) openCmd(c context.Context, id int64) tea.Cmd {
	read := loadCmd(c, a.store, id, false, a.saves, "", a.now())
	p := a.pre
	if p == nil {
		return read
	}
	// overviewID was set before the list was delivered, and the list was
	// on screen before anything could be opened.
	p.mu.Lock()
	mine := !p.claimed && !p.dropped && p.overviewID == id
	if mine {
		p.claimed = true
	} else {
		p.dropped, p.overview = true, nil
	}
	p.mu.Unlock()
	if !mine {
		return read
	}
	s, saves, today := a.store, a.saves, a.now()
	return func() tea.Msg {
		select {
		case <-p.done:
		case <-c.Done():
			return loadedMsg{err: fmt.Errorf("read assessment: %w", c.Err())}
		}
		p.mu.Lock()
		x, v := p.overview, p.version
		p.overview, p.dropped = nil, true
		fresh := x != nil && v != 0 && version(s) == v && (x.ActionsPending || sameDay(x.CountedAt, today))
		handed := fresh && x.ActionsPending
		p.handed = handed
		p.mu.Unlock()
		if handed {
			close(p.wanted) // its counts are read now, not countsAhead after it
		}
		if !fresh {
			return read()
		}
		return loadedMsg{a: x, saves: saves, version: v}
	}
}

// countsAhead is how long after the overview read ahead its action
// counts are read: long enough for the picker's first frame to be drawn
// (a frame is 8 ms, and the first frame waits for the terminal's set-up
// too), short against the quarter of a second or more a person takes to
// read the picker and press enter.
const countsAhead = 50 * time.Millisecond

// afterFrame is how long the action counts wait behind the overview that
// opened without them: a frame, so that the overview is drawn before the
// counting takes a core.
const afterFrame = time.Second / FPS

// countsCmd counts the actions of assessment aid, opened on the day of
// now, a frame after the overview (afterFrame): with the counts read ahead
// for it (Prefetch) when it is the overview read ahead, given out before
// its counts were ready, and the workbook is still at the version it was
// read at; otherwise by counting them.
func (p *prefetch) countsCmd(s Store, aid int64, now time.Time) tea.Cmd {
	counted := countsCmd(context.Background(), s, aid, now)
	count := func() tea.Msg {
		time.Sleep(afterFrame)
		return counted()
	}
	if p == nil || aid != p.overviewID {
		return count
	}
	p.mu.Lock()
	mine := p.handed && !p.taken
	p.taken = true
	p.mu.Unlock()
	if !mine {
		return count
	}
	return func() tea.Msg {
		<-p.counted
		p.mu.Lock()
		got, v := p.counts, p.version
		p.counts = nil
		p.mu.Unlock()
		if got == nil || version(s) != v || !sameDay(got.now, now) {
			return counted()
		}
		return *got
	}
}

// sameDay reports whether a and b fall on the same local day: overdue
// counts taken on one day are out of date on the next.
func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}
