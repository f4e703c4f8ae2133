package data

import (
	"bufio"
	"fmt"
	"testing"
	"time"
)

// TestDataVersionSeesAnotherProcess is the live view's premise: a Store
// that is open and idle sees another process's commits through DataVersion,
// whether the other process opened the workbook before or after this
// Store's first look at the version.
func TestDataVersionSeesAnotherProcess(t *testing.T) {
	for _, firstLook := range []string{"before", "after"} {
		t.Run("first look "+firstLook+" the writer opens", func(t *testing.T) {
			path := newDB(t)
			workbookWithData(t, path)
			s := openT(t, path, "watcher")
			defer s.Close()
			hs, err := s.Assessments(ctx)
			if err != nil || len(hs) == 0 {
				t.Fatalf("assessments: %v %v", hs, err)
			}
			var v0 int64
			look := func() {
				if v0, err = s.DataVersion(ctx); err != nil {
					t.Fatal(err)
				}
			}
			if firstLook == "before" {
				look()
			}
			cmd := helperCmd(envDB+"="+path, envMode+"=crash", envAssessment+"="+fmt.Sprint(hs[0].ID), envStart+"=0", envWho+"=1")
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer func() { cmd.Process.Kill(); cmd.Wait() }()
			sc := bufio.NewScanner(out)
			if !sc.Scan() {
				t.Fatalf("the writer committed nothing")
			}
			if firstLook == "after" {
				look()
			}
			for i := 0; i < 3 && sc.Scan(); i++ {
			}
			deadline := time.Now().Add(2 * time.Second)
			for {
				v, err := s.DataVersion(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if v != v0 {
					return
				}
				if time.Now().After(deadline) {
					t.Fatalf("data version still %d after another process committed %q", v, sc.Text())
				}
				time.Sleep(50 * time.Millisecond)
			}
		})
	}
}
