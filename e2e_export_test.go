package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"wgll/data/demo"
)

// exportFromApp opens the highlighted assessment and asks the export
// dialog for the board report (its format moved right times from the PDF
// it starts on) written to path.
func exportFromApp(tm *tmuxTerm, right int, path string) {
	tm.waitFor("Assessments in this workbook")
	tm.keys("Enter")
	tm.waitFor("Heatmap for the")
	tm.keys("x", "Right", "Tab")
	for range right {
		tm.keys("Right")
	}
	tm.keys("Tab", "C-u")
	tm.typeText(path)
	tm.keys("Enter")
}

// TestEndToEndExportFromTheApp: the app's export dialog writes the board
// report where it was asked to, and says so.
func TestEndToEndExportFromTheApp(t *testing.T) {
	bin := buildBinary(t)
	db := demoDB(t)
	out := filepath.Join(t.TempDir(), "board.md")
	tm := startTerm(t, 120, 30, bin, "--db", db)
	exportFromApp(tm, 1, out)
	tm.waitFor("Wrote the board report (md) to " + out)
	b, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(b), "Northfield Valley NHS Foundation Trust") {
		t.Errorf("the report was not written (%v):\n%.300s", err, b)
	}
	tm.keys("q")
	tm.waitFor("EXITED 0")
}

// TestEndToEndLongExportCancelled: the PDF report of the large demo takes
// seconds; meanwhile the status line says how far it has got, esc cancels
// it, and quitting asks and then cancels it. Neither leaves a file, nor
// the hidden temporary file the export writes first (found: quitting
// during an export left .NAME.pdf.tmp-NNN in the folder, since the
// process ended under it).
func TestEndToEndLongExportCancelled(t *testing.T) {
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "large.db")
	if err := demo.CopyCached(context.Background(), demo.Large, db); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "board.pdf")
	left := func() []string {
		entries, _ := os.ReadDir(dir)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}
	tm := startTerm(t, 120, 30, bin, "--db", db)
	exportFromApp(tm, 0, out)
	tm.waitFor("Writing the board report (pdf)", "esc cancel ·")
	tm.keys("Escape")
	tm.waitFor("Cancelled: the board report (pdf) was not written", "Heatmap for the")

	tm.keys("x", "C-s") // the same choices again
	tm.waitFor("items read", "esc cancel ·")
	tm.keys("q")
	tm.waitFor("Quit while the board report (pdf) is being written?")
	tm.keys("y")
	tm.waitFor("EXITED 0")
	if names := left(); len(names) != 0 {
		t.Errorf("cancelled exports left %v in the folder", names)
	}
}

// TestInterruptedReportLeavesNothing: ctrl+c (SIGINT) while 'wgll report'
// writes a PDF stops it with status 130 and a line that says so, and
// leaves neither the file nor its temporary file (found: the process
// ended at once and left .r.pdf.tmp-NNN in the folder).
func TestInterruptedReportLeavesNothing(t *testing.T) {
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "large.db")
	if err := demo.CopyCached(context.Background(), demo.Large, db); err != nil {
		t.Fatal(err)
	}
	// ctrl+c, the terminal closing (SIGHUP: the report ended at once, and
	// left its temporary file) and a stop from outside.
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGHUP, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(bin, "report", "--db", db, "--format", "pdf", "--out", filepath.Join(dir, "r.pdf"))
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			// Once the temporary file is there, the report is being written.
			writing := func() bool {
				entries, _ := os.ReadDir(dir)
				return len(entries) > 0
			}
			deadline := time.Now().Add(30 * time.Second)
			for !writing() {
				select {
				case err := <-exited:
					t.Fatalf("the report ended (%v) before it was seen writing; stderr: %s", err, stderr.String())
				case <-time.After(2 * time.Millisecond):
				}
				if time.Now().After(deadline) {
					t.Fatal("the report never started writing")
				}
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			var err error
			select {
			case err = <-exited:
			case <-time.After(30 * time.Second):
				t.Fatalf("the report did not stop on %v", sig)
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != exitInterrupted {
				t.Errorf("exit %v, want status %d", err, exitInterrupted)
			}
			if !strings.Contains(stderr.String(), "wgll: interrupted before it finished") || strings.Count(strings.TrimSpace(stderr.String()), "\n") != 0 {
				t.Errorf("stderr %q, want one line saying it was interrupted", stderr.String())
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("the interrupted report left %v", entries)
			}
		})
	}
}
