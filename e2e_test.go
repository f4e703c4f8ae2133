package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The tests in this file build the real binary and drive it in a real
// terminal (tmux), the way a person would.

// buildBinary compiles wgll once into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (.ci/run installs it: apt-get install -y tmux)")
	}
	bin := filepath.Join(t.TempDir(), "wgll")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// term is one tmux session running the binary.
type tmuxTerm struct {
	t    *testing.T
	sock string
}

func startTerm(t *testing.T, cols, rows int, args ...string) *tmuxTerm {
	t.Helper()
	sock := fmt.Sprintf("wgll-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())
	var q []string
	for _, a := range args {
		q = append(q, "'"+strings.ReplaceAll(a, "'", `'\''`)+"'")
	}
	shell := strings.Join(q, " ") + `; echo "EXITED $?"; sleep 600`
	cmd := exec.Command("tmux", "-L", sock, "new-session", "-d", "-s", "w",
		"-x", fmt.Sprint(cols), "-y", fmt.Sprint(rows), "env NO_COLOR=1 TERM=xterm-256color sh -c "+e2eQuote(shell))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("start tmux: %v\n%s", err, out)
	}
	tm := &tmuxTerm{t: t, sock: sock}
	t.Cleanup(func() { exec.Command("tmux", "-L", sock, "kill-server").Run() })
	return tm
}

func e2eQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// screen returns what the terminal shows now.
func (tm *tmuxTerm) screen() string {
	out, err := exec.Command("tmux", "-L", tm.sock, "capture-pane", "-p", "-t", "w").Output()
	if err != nil {
		tm.t.Fatalf("capture-pane: %v", err)
	}
	return string(out)
}

// waitFor waits until the screen shows every one of want, or fails.
func (tm *tmuxTerm) waitFor(want ...string) string {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := tm.screen()
		ok := true
		for _, w := range want {
			if !strings.Contains(s, w) {
				ok = false
			}
		}
		if ok {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("screen never showed %q; it shows:\n%s", want, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// keys sends tmux key names (Enter, Tab, C-s, ...) one after another.
func (tm *tmuxTerm) keys(keys ...string) {
	for _, k := range keys {
		if err := exec.Command("tmux", "-L", tm.sock, "send-keys", "-t", "w", k).Run(); err != nil {
			tm.t.Fatalf("send-keys %q: %v", k, err)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// typeText sends literal text.
func (tm *tmuxTerm) typeText(s string) {
	if err := exec.Command("tmux", "-L", tm.sock, "send-keys", "-t", "w", "-l", s).Run(); err != nil {
		tm.t.Fatalf("send-keys -l: %v", err)
	}
	time.Sleep(50 * time.Millisecond)
}

func TestEndToEndWorkbook(t *testing.T) {
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "board.db")

	tm := startTerm(t, 80, 24, bin, "--db", db, "--user", "tester")
	tm.waitFor("New assessment", "Organisation")
	tm.typeText("Northfield Test Trust")
	tm.keys("Enter", "Enter", "Enter", "Enter")
	tm.waitFor("Heatmap", "Well led", "0/6")

	// Score the first statement of Well led with one keystroke.
	tm.keys("Enter")
	tm.waitFor("WL-O1", "WL-O6")
	tm.keys("4")
	tm.waitFor("WL-O1 scored 4")
	tm.keys("k", "Enter")
	tm.waitFor("WL-O1  score  4")

	// Add evidence.
	tm.keys("e")
	tm.waitFor("Title")
	tm.typeText("Board terms of reference v4")
	tm.keys("C-s")
	tm.waitFor("Evidence (1)")

	// Add an action with an owner and a due date.
	tm.keys("a")
	tm.waitFor("Owner")
	tm.typeText("Refresh the digital strategy")
	tm.keys("Tab")
	tm.typeText("Chief Information Officer")
	tm.keys("Tab")
	tm.typeText("2027-03-31")
	tm.keys("C-s")
	tm.waitFor("Actions (1)")

	tm.keys("q")
	tm.waitFor("EXITED 0")

	// Reopen: everything is still there.
	tm2 := startTerm(t, 80, 24, bin, "--db", db, "--user", "tester")
	tm2.waitFor("Northfield Test Trust", "Well led", "1/6")
	tm2.keys("Enter", "Enter")
	tm2.waitFor("WL-O1  score  4", "Evidence (1)", "Actions (1)")
	tm2.keys("Tab")
	tm2.waitFor("Board terms of reference v4")
	tm2.keys("Tab")
	tm2.waitFor("Refresh the digital strategy", "Chief Information Officer")
	tm2.keys("q")
	tm2.waitFor("EXITED 0")

	// And the command line sees the same workbook.
	code, out, errs := runWGLL(t, "heatmap", "--db", db)
	if code != 0 || !strings.Contains(out, "Northfield Test Trust") || !strings.Contains(out, "4.0") {
		t.Fatalf("heatmap after reopen: exit %d\n%s%s", code, out, errs)
	}
}
