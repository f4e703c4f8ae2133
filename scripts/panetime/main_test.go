package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// tmuxServer starts a tmux server of the test's own with an idle session.
func tmuxServer(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	// One server per test: the last test's, killed as it ended, may still be
	// going when the next starts on the same name.
	sock := fmt.Sprintf("panetime-test-%d-%s", os.Getpid(), t.Name())
	if out, err := exec.Command("tmux", "-L", sock, "-f", "/dev/null", "new-session", "-d", "-s", "idle", "-x", "100", "-y", "30", "sleep 100000").CombinedOutput(); err != nil {
		t.Fatalf("start tmux: %v: %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", sock, "kill-server").Run() })
	return sock
}

// TestMeasure: the time runs until the text shows (a program that shows
// it after 200 ms takes at least that), enter is pressed when the first
// text shows (the second text shows only after a line is read), and a
// text that never shows is an error naming it.
func TestMeasure(t *testing.T) {
	sock := tmuxServer(t)
	d, err := measure(options{sock: sock, session: "idle", until: "ready now", limit: 10 * time.Second,
		prog: []string{"sh", "-c", "sleep 0.2; echo ready now; sleep 0.5"}})
	if err != nil {
		t.Fatal(err)
	}
	if d < 200*time.Millisecond || d > 5*time.Second {
		t.Errorf("measured %v for a program that shows the text after 200 ms", d)
	}

	d, err = measure(options{sock: sock, session: "idle", enterAt: "first", until: "second", limit: 10 * time.Second,
		prog: []string{"sh", "-c", "echo first; read x; echo second; sleep 0.5"}})
	if err != nil {
		t.Fatalf("with enter: %v", err)
	}
	if d <= 0 || d > 5*time.Second {
		t.Errorf("measured %v until the text after enter", d)
	}

	_, err = measure(options{sock: sock, session: "idle", until: "never", limit: 300 * time.Millisecond,
		prog: []string{"sh", "-c", "echo something else; sleep 1"}})
	if err == nil || !strings.Contains(err.Error(), `"never" did not show`) {
		t.Errorf("a text that never shows: error %v, want one naming it", err)
	}
}

// TestScript: each press is timed until its text shows, in order, one
// line each; a line that is neither step is an error naming it.
func TestScript(t *testing.T) {
	sock := tmuxServer(t)
	counter := `n=0; while read x; do n=$((n+1)); echo "lines: $n"; done`
	if out, err := exec.Command("tmux", "-L", sock, "new-window", "-d", "-t", "idle", "-n", "counter", "sh", "-c", counter).CombinedOutput(); err != nil {
		t.Fatalf("open the counter: %v: %s", err, out)
	}
	steps := "press idle:counter Enter lines: 1\nsleep 0.01\npress idle:counter Enter lines: 2\n"
	var out strings.Builder
	if err := script(options{sock: sock, session: "idle", limit: 10 * time.Second}, strings.NewReader(steps), &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Fields(out.String())
	if len(lines) != 2 {
		t.Fatalf("printed %q, want two times", out.String())
	}
	for _, l := range lines {
		var ns int64
		if _, err := fmt.Sscan(l, &ns); err != nil || ns <= 0 || ns > int64(5*time.Second) {
			t.Errorf("time %q is not a press's nanoseconds", l)
		}
	}

	err := script(options{sock: sock, session: "idle", limit: time.Second}, strings.NewReader("jump idle:counter\n"), io.Discard)
	if err == nil || !strings.Contains(err.Error(), `line 1: "jump idle:counter" is neither`) {
		t.Errorf("a bad step: error %v, want one naming its line", err)
	}
}
