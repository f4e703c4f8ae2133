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

	"wgll/criteria"
	"wgll/data"
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
	goBuild(t, bin)
	return bin
}

// goBuild builds wgll to bin as the README builds the binary people run:
// pure Go, statically linked (CGO_ENABLED=0).
func goBuild(tb testing.TB, bin string) {
	tb.Helper()
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("CGO_ENABLED=0 go build: %v\n%s", err, out)
	}
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
	// After the program ends, leave the alternate screen (a killed program
	// cannot) and clear it so the exit line is easy to find.
	shell := strings.Join(q, " ") + `; s=$?; printf '\033[?1049l\033[2J\033[H'; echo "EXITED $s"; sleep 600`
	cmd := exec.Command("tmux", "-L", sock, "new-session", "-d", "-s", "w",
		"-x", fmt.Sprint(cols), "-y", fmt.Sprint(rows), "env NO_COLOR=1 TERM=xterm-256color sh -c "+e2eQuote(shell))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("start tmux: %v\n%s", err, out)
	}
	tm := &tmuxTerm{t: t, sock: sock}
	t.Cleanup(func() {
		// The programs end on the SIGHUP of their terminal closing, and go
		// on writing beside the workbook as they do (its log folded in, a
		// backup under way): the test's folders are removed only once they
		// have gone, or the removal fails with "directory not empty".
		running := tm.programs()
		exec.Command("tmux", "-L", sock, "kill-server").Run()
		waitGone(running, 10*time.Second)
	})
	return tm
}

// programs lists the processes the terminal runs: each pane's shell and
// the shell's children (Linux's /proc; none elsewhere).
func (tm *tmuxTerm) programs() []int {
	out, err := exec.Command("tmux", "-L", tm.sock, "list-panes", "-a", "-F", "#{pane_pid}").Output()
	if err != nil {
		return nil
	}
	var pids []int
	shells := map[int]bool{}
	for _, f := range strings.Fields(string(out)) {
		var pid int
		if _, err := fmt.Sscan(f, &pid); err == nil {
			pids = append(pids, pid)
			shells[pid] = true
		}
	}
	return append(pids, childrenOf(shells)...)
}

// childrenOf lists the processes whose parent is one of parents, through
// /proc so that the tests need no pgrep (none where there is no /proc).
func childrenOf(parents map[int]bool) []int {
	var pids []int
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, st := range stats {
		b, err := os.ReadFile(st)
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces and parentheses.
		rest := string(b)
		i := strings.LastIndexByte(rest, ')')
		if i < 0 {
			continue
		}
		var state string
		var ppid, pid int
		if _, err := fmt.Sscan(rest[i+1:], &state, &ppid); err != nil || !parents[ppid] {
			continue
		}
		if _, err := fmt.Sscan(rest, &pid); err == nil {
			pids = append(pids, pid)
		}
	}
	return pids
}

// waitGone waits, up to limit, until none of pids is running.
func waitGone(pids []int, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for _, pid := range pids {
		for time.Now().Before(deadline) {
			b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
			if err != nil {
				break // gone
			}
			if i := strings.LastIndexByte(string(b), ')'); i >= 0 && strings.HasPrefix(strings.TrimSpace(string(b[i+1:])), "Z") {
				break // ended, not yet reaped
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
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
	// Organisation, audience, period, care setting, framework (the default).
	tm.keys("Enter", "Enter", "Enter", "Enter", "Enter")
	wellLed := len(criteria.Builtin().ForAudience(criteria.Organisation)[0].Statements)
	tm.waitFor("Heatmap", "Well led", fmt.Sprintf("0/%d", wellLed))

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
	tm2.waitFor("Northfield Test Trust", "Well led", fmt.Sprintf("1/%d", wellLed))
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

// pid returns the process id of the program running in the pane.
func (tm *tmuxTerm) pid() int {
	tm.t.Helper()
	out, err := exec.Command("tmux", "-L", tm.sock, "list-panes", "-t", "w", "-F", "#{pane_pid}").Output()
	if err != nil {
		tm.t.Fatalf("list-panes: %v", err)
	}
	var shell int
	fmt.Sscan(string(out), &shell)
	// The pane runs sh -c "wgll ...; echo EXITED"; wgll is its child.
	if pids := childrenOf(map[int]bool{shell: true}); len(pids) > 0 {
		return pids[0]
	}
	tm.t.Fatalf("no child process under the pane's shell %d", shell)
	return 0
}

// TestEndToEndDraftSurvivesClosedTerminal types a rationale, kills the app
// the way a closed terminal window (SIGHUP) or a crash (SIGKILL) would, and
// checks that the next start offers the text back.
func TestEndToEndDraftSurvivesClosedTerminal(t *testing.T) {
	bin := buildBinary(t)
	for _, sig := range []string{"HUP", "KILL"} {
		t.Run(sig, func(t *testing.T) {
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
			// One word, so that wrapping never splits it on the screen.
			text := " unsaved-draft-before-SIG" + sig
			tm.typeText(text)
			tm.waitFor(text)
			time.Sleep(2500 * time.Millisecond) // the draft is saved within two seconds
			if out, err := exec.Command("kill", "-"+sig, fmt.Sprint(tm.pid())).CombinedOutput(); err != nil {
				t.Fatalf("kill -%s: %v %s", sig, err, out)
			}
			tm.waitFor("EXITED")

			// The draft is offered back when the assessment opens again.
			tm2 := startTerm(t, 100, 30, bin, "--db", db, "--user", "director")
			tm2.waitFor("Assessments in this workbook")
			tm2.keys("Enter")
			tm2.waitFor("Unsaved draft found", "Rationale for WL-O1")
			tm2.keys("r")
			tm2.waitFor("WL-O1  score")
			tm2.keys("Escape") // esc saves the rationale
			tm2.waitFor("Saved rationale for WL-O1")
			tm2.keys("q")
			tm2.waitFor("EXITED 0")

			st, err := data.Open(db, data.Options{User: "check"})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			a, err := st.Assessment(context.Background(), 2)
			if err != nil {
				t.Fatal(err)
			}
			if got := a.Responses["WL-O1"].Rationale; !strings.HasSuffix(got, text) {
				t.Fatalf("rationale after restoring the draft: %q, want it to end with %q", got, text)
			}
		})
	}
}

// TestEndToEndLiveView has two people on one workbook: what one scores
// appears on the other's screen without a keystroke.
func TestEndToEndLiveView(t *testing.T) {
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "board.db")
	if code, _, errs := runWGLLBin(t, bin, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	secretary := startTerm(t, 100, 30, bin, "--db", db, "--user", "secretary")
	secretary.waitFor("Assessments in this workbook")
	secretary.keys("Enter", "Enter")
	secretary.waitFor("WL-O1", "WL-O6")

	director := startTerm(t, 100, 30, bin, "--db", db, "--user", "director")
	director.waitFor("Assessments in this workbook")
	director.keys("Enter", "Enter", "j", "j", "j", "j", "j")
	director.waitFor("WL-O6")
	director.keys("5")
	director.waitFor("WL-O6 scored 5")

	// The secretary's screen shows the new score within a second or so.
	s := secretary.waitFor("WL-O6   5")
	if !strings.Contains(s, "WL-O1") {
		t.Fatalf("secretary's screen lost its place:\n%s", s)
	}
}

func runWGLLBin(t *testing.T, bin string, args ...string) (int, string, string) {
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		return 1, "", string(out)
	}
	return 0, string(out), ""
}

// TestAppRefusesInOneLineBeforeDrawing opens a file that is not a
// workbook in a real terminal: the app opens the workbook while Bubble Tea
// starts, and must still refuse it in one line, exit 1, and never switch
// the terminal to the alternate screen (what the terminal received is
// recorded with tmux's pipe-pane).
func TestAppRefusesInOneLineBeforeDrawing(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(bad, []byte("these are my notes, not a workbook\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	raw := filepath.Join(dir, "raw.log")
	sock := fmt.Sprintf("wgll-e2e-refuse-%d", os.Getpid())
	t.Cleanup(func() { exec.Command("tmux", "-L", sock, "kill-server").Run() })
	shell := "sleep 0.5; " + e2eQuote(bin) + " --db " + e2eQuote(bad) + `; echo "EXITED $?"; sleep 600`
	if out, err := exec.Command("tmux", "-L", sock, "new-session", "-d", "-s", "w", "-x", "300", "-y", "30",
		"env TERM=xterm-256color sh -c "+e2eQuote(shell)).CombinedOutput(); err != nil {
		t.Fatalf("start tmux: %v\n%s", err, out)
	}
	if out, err := exec.Command("tmux", "-L", sock, "pipe-pane", "-o", "-t", "w", "cat > "+e2eQuote(raw)).CombinedOutput(); err != nil {
		t.Fatalf("pipe-pane: %v\n%s", err, out)
	}
	tm := &tmuxTerm{t: t, sock: sock}
	screen := tm.waitFor("EXITED")
	if !strings.Contains(screen, "EXITED 1") || !strings.Contains(screen, "not a wgll workbook") {
		t.Fatalf("want a one-line refusal and exit 1; the screen shows:\n%s", screen)
	}
	time.Sleep(200 * time.Millisecond)
	got, err := os.ReadFile(raw)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(got), "\x1b[?1049h") {
		t.Errorf("the terminal was switched to the alternate screen before the refusal:\n%q", got)
	}
	if n := strings.Count(strings.TrimSpace(strings.Split(screen, "EXITED")[0]), "\n"); n != 0 {
		t.Errorf("the refusal took %d lines:\n%s", n+1, screen)
	}
}

// TestKeysTypedBeforeTheFirstScreen: enter and a key after it, typed the
// moment wgll starts (before the terminal is in raw mode, so the enter
// arrives as a line feed), are kept and given to the screens as they show:
// the highlighted assessment opens, on its second measure.
func TestKeysTypedBeforeTheFirstScreen(t *testing.T) {
	bin := buildBinary(t)
	db := demoDB(t)
	tm := startTerm(t, 100, 30, bin, "--db", db)
	tm.keys("Enter", "j")
	screen := tm.waitFor("Heatmap for the")
	if !strings.Contains(screen, "Northfield Valley NHS Foundation Trust · 2026/27") {
		t.Errorf("enter typed at start opened another assessment than the highlighted one:\n%s", screen)
	}
	// j moved the overview to the second measure: enter opens it.
	tm.keys("Enter")
	tm.waitFor("› Ensure smart foundations", "SF-O1")
}

// TestAppBackupAfterFirstScreens: the app takes the rotating backup of a
// workbook that changed since the last one, not while its first screens
// are being drawn but once they are up (backupDelay), and a session quit
// before then takes it on the way out.
func TestAppBackupAfterFirstScreens(t *testing.T) {
	bin := buildBinary(t)
	backups := func(db string) []string {
		m, _ := filepath.Glob(filepath.Join(filepath.Dir(db), ".wgll-backups", filepath.Base(db)+".*.db"))
		return m
	}

	db := demoDB(t)
	tm := startTerm(t, 100, 30, bin, "--db", db)
	tm.waitFor("Assessments in this workbook")
	if b := backups(db); len(b) != 0 {
		t.Errorf("the backup was taken with the first screen: %v", b)
	}
	deadline := time.Now().Add(backupDelay + 10*time.Second)
	for len(backups(db)) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no rotating backup %s after the first screen", backupDelay+10*time.Second)
		}
		time.Sleep(100 * time.Millisecond)
	}
	tm.keys("q")
	tm.waitFor("EXITED 0")

	db2 := demoDB(t)
	tm2 := startTerm(t, 100, 30, bin, "--db", db2)
	tm2.waitFor("Assessments in this workbook")
	tm2.keys("q")
	tm2.waitFor("EXITED 0")
	if b := backups(db2); len(b) != 1 {
		t.Errorf("a session quit at once left %d rotating backups, want 1 (taken on the way out)", len(b))
	}
}

// TestEndToEndUndoCarryForward: u straight after carrying a period forward
// removes the new period, and the app goes back to the list (found: it
// kept showing the removed period, with "✗ read assessment: load
// assessment 4: not found").
func TestEndToEndUndoCarryForward(t *testing.T) {
	bin := buildBinary(t)
	db := demoDB(t)
	tm := startTerm(t, 120, 30, bin, "--db", db)
	tm.waitFor("Assessments in this workbook")
	tm.keys("Enter")
	tm.waitFor("Heatmap for the")
	tm.keys("n")
	tm.waitFor("carry forward from 2026/27")
	tm.keys("Enter")
	tm.waitFor("New period")
	tm.keys("C-s")
	tm.waitFor("Northfield Valley NHS Foundation Trust · 2027/28", "Started 2027/28 from 2026/27")
	tm.keys("u")
	screen := tm.waitFor("Assessments in this workbook", "Northfield Valley NHS Foundation Trust · 2027/28 is no longer in the workbook")
	if strings.Contains(screen, "✗") || strings.Contains(screen, "2027/28 · Organisation") {
		t.Errorf("after undoing the carry:\n%s", screen)
	}
	tm.keys("q")
	tm.waitFor("EXITED 0")
}
