package ui

import (
	"context"
	"fmt"
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
// highlight, which is what enter on the picker opens almost every time.
// Each is used once, by the first read that wants it, and only while the
// workbook is still at the version it was read at; everything after that
// is read as it always was.

// prefetch holds what Prefetch read ahead.
type prefetch struct {
	// headers delivers the first list of assessments, once.
	headers chan headersMsg

	// overviewID is the assessment whose overview is read after the
	// list, or 0; done is closed when that read ends.
	overviewID int64
	done       chan struct{}

	mu sync.Mutex
	// overview is the overview read at data version version, or nil (not
	// read yet, failed, given out or dropped).
	overview *model.Assessment
	version  int64
	// claimed is set when the first open is of overviewID and waits for
	// it; dropped when the first open was of another assessment.
	claimed, dropped bool
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
	p := &prefetch{headers: make(chan headersMsg, 1), done: make(chan struct{})}
	go func() {
		msg := loadHeadersCmd(s)().(headersMsg)
		if msg.err == nil && msg.single == nil && len(msg.items) > 1 && msg.items[0].header.Unreadable == "" {
			p.overviewID = msg.items[0].header.ID
		}
		p.headers <- msg // the channel's send orders overviewID before any read of it
		if p.overviewID == 0 {
			close(p.done)
			return
		}
		got, _ := loadCmd(context.Background(), s, p.overviewID, false, 0, "", now())().(loadedMsg)
		p.mu.Lock()
		if got.err == nil && !p.dropped {
			p.overview, p.version = got.a, got.version
		}
		p.mu.Unlock()
		close(p.done)
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
	s, saves := a.store, a.saves
	return func() tea.Msg {
		select {
		case <-p.done:
		case <-c.Done():
			return loadedMsg{err: fmt.Errorf("read assessment: %w", c.Err())}
		}
		p.mu.Lock()
		x, v := p.overview, p.version
		p.overview, p.dropped = nil, true
		p.mu.Unlock()
		if x == nil || v == 0 || version(s) != v {
			return read()
		}
		return loadedMsg{a: x, saves: saves, version: v}
	}
}
