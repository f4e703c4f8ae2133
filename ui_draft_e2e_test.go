package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wgll/data"
)

// The draft promise of issue 15, through the real binary in tmux: when
// the terminal closes (SIGHUP) or the process is told to stop (SIGTERM)
// at most two seconds of typing are lost, however the typing went.

// typeChunks types n numbered chunks, one every gap, and returns each
// chunk with when it was sent.
func typeChunks(tm *tmuxTerm, n int, gap time.Duration) (chunks []string, sent []time.Time) {
	for i := range n {
		c := fmt.Sprintf("k%03d.", i)
		if err := exec.Command("tmux", "-L", tm.sock, "send-keys", "-t", "w", "-l", c).Run(); err != nil {
			tm.t.Fatalf("send-keys: %v", err)
		}
		chunks, sent = append(chunks, c), append(sent, time.Now())
		time.Sleep(gap)
	}
	return chunks, sent
}

// storedDraft is director's rationale draft of WL-O1 in db, "" if none.
func storedDraft(t *testing.T, db string) string {
	t.Helper()
	st, err := data.Open(db, data.Options{User: "director"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ds, err := st.Drafts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if strings.HasPrefix(d.Key, "rationale/") && strings.HasSuffix(d.Key, "/WL-O1") {
			return d.Text
		}
	}
	return ""
}

func TestEndToEndDraftFlushedOnSignal(t *testing.T) {
	bin := buildBinary(t)
	tests := []struct {
		name string
		// chunks typed gap apart, then wait before the signal.
		chunks int
		gap    time.Duration
		wait   time.Duration
	}{
		{"0s after the last key", 30, 100 * time.Millisecond, 0},
		{"0.3s after the last key", 30, 100 * time.Millisecond, 300 * time.Millisecond},
		{"1s after the last key", 30, 100 * time.Millisecond, time.Second},
		{"during ten seconds of typing", 100, 100 * time.Millisecond, 0},
	}
	for _, sig := range []string{"HUP", "TERM"} {
		for _, tt := range tests {
			t.Run(sig+" "+tt.name, func(t *testing.T) {
				db := filepath.Join(t.TempDir(), "board.db")
				if code, _, errs := runWGLL(t, "demo", "--db", db); code != 0 {
					t.Fatalf("demo: %s", errs)
				}
				tm := startTerm(t, 100, 30, bin, "--db", db, "--user", "director")
				tm.waitFor("Assessments in this workbook")
				tm.keys("Enter")
				tm.waitFor("Heatmap")
				tm.keys("Enter", "Enter")
				tm.waitFor("WL-O1  score")
				tm.keys("Enter")
				tm.waitFor("esc/ctrl+s save")
				chunks, sent := typeChunks(tm, tt.chunks, tt.gap)
				time.Sleep(tt.wait)
				killedAt := time.Now()
				if out, err := exec.Command("kill", "-"+sig, fmt.Sprint(tm.pid())).CombinedOutput(); err != nil {
					t.Fatalf("kill -%s: %v %s", sig, err, out)
				}
				tm.waitFor("EXITED")
				draft := storedDraft(t, db)
				// The typing lost is from the first chunk missing from the
				// draft to the signal.
				kept := 0
				for kept < len(chunks) && strings.Contains(draft, chunks[kept]) {
					kept++
				}
				if kept < len(chunks) {
					lost := killedAt.Sub(sent[kept])
					if lost > 2*time.Second {
						t.Fatalf("lost %v of typing (%d of %d chunks kept); draft %q", lost.Round(time.Millisecond), kept, len(chunks), draft)
					}
					t.Logf("lost %v of typing (%d of %d chunks kept)", lost.Round(time.Millisecond), kept, len(chunks))
				}
			})
		}
	}
}

// TestEndToEndNoFileUntilSaved starts the app in an empty folder: nothing
// is written there until the first assessment form is saved.
func TestEndToEndNoFileUntilSaved(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	tm := startTerm(t, 100, 30, "sh", "-c", "cd "+e2eQuote(dir)+" && exec "+e2eQuote(bin)+" --user director")
	tm.waitFor("New assessment", "Organisation")
	tm.typeText("Northshire Hospitals")
	tm.keys("Tab", "Tab", "Escape")
	time.Sleep(1500 * time.Millisecond) // past a poll and a draft tick
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Fatalf("files written before anything was saved: %v", ents)
	}
	tm.keys("C-s")
	tm.waitFor("Heatmap")
	if _, err := os.Stat(filepath.Join(dir, "wgll.db")); err != nil {
		t.Fatalf("saving the form did not create the workbook: %v", err)
	}
	tm.keys("q")
	tm.waitFor("EXITED 0")
}
