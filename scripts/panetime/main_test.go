package main

import (
	"fmt"
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
	sock := fmt.Sprintf("panetime-test-%d", os.Getpid())
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
