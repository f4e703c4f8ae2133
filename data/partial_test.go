package data

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wgll/model"
)

// envBackupTo makes TestHelperBackup a process that opens the workbook in
// envDB and backs it up to the file named here, as 'wgll backup' does.
const envBackupTo = "WGLL_HELPER_BACKUP_TO"

func TestHelperBackup(t *testing.T) {
	out := os.Getenv(envBackupTo)
	if out == "" {
		t.Skip("runs only as a backup process started by TestKilledBackupLeavesNothing")
	}
	s, err := Open(os.Getenv(envDB), Options{User: "backup", NoBackupOnOpen: true})
	if err != nil {
		fmt.Printf("ERR %v\n", err)
		os.Exit(3)
	}
	fmt.Println("BACKING UP")
	if err := s.Backup(ctx, out); err != nil {
		fmt.Printf("ERR %v\n", err)
		os.Exit(3)
	}
	fmt.Println("DONE")
	os.Exit(0)
}

// bigWorkbook makes a workbook of n evidence items of 16 KB each (3,000:
// 48 MB, so that a backup of it takes long enough to be killed part-way;
// 600: larger than quickCheckLimit).
func bigWorkbook(t *testing.T, path string, n int) {
	t.Helper()
	s := openT(t, path, "maker")
	ids := orgStatements(t)
	h := createT(t, s)
	detail := strings.Repeat("evidence detail ", 1000)
	err := s.Bulk(ctx, func(b *Batch) error {
		for i := range n {
			if _, err := b.AddEvidence(h.ID, model.Evidence{StatementID: ids[i%len(ids)], Title: fmt.Sprint("e", i), Detail: detail}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

func partials(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, ".*.partial"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestKilledBackupLeavesNothing kills 'wgll backup' processes while they
// copy, which leaves their hidden temporary copies behind, and then checks
// that the next backup into that folder removes them, whatever name it
// writes, but never a temporary copy that a running backup is still
// writing.
func TestKilledBackupLeavesNothing(t *testing.T) {
	path := newDB(t)
	bigWorkbook(t, path, 3000)
	outDir := t.TempDir()
	kills := 3
	for i := 0; i < kills; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBackup$", "-test.count=1")
		cmd.Env = append(os.Environ(), envDB+"="+path, envBackupTo+"="+filepath.Join(outDir, fmt.Sprintf("copy-%d.db", i)))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		for sc.Scan() && !strings.Contains(sc.Text(), "BACKING UP") {
		}
		// Kill it once its temporary copy exists and is being written.
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if ps := partials(t, outDir); len(ps) > i {
				if fi, err := os.Stat(ps[0]); err == nil && fi.Size() > 0 {
					break
				}
			}
			time.Sleep(time.Millisecond)
		}
		cmd.Process.Kill()
		cmd.Wait()
	}
	// A killed copy is removed once it has been left alone a moment
	// (a copy written by an older wgll, without a lock, is kept while it
	// is being written).
	time.Sleep(partialQuiet + 100*time.Millisecond)
	left := partials(t, outDir)
	if len(left) == 0 {
		t.Fatalf("no temporary copy was left by %d killed backups; the workbook is too small to kill a backup part-way", kills)
	}
	if list, _ := filepath.Glob(filepath.Join(outDir, "copy-*.db")); len(list) != 0 {
		t.Logf("some backups finished before the kill: %v", list)
	}

	// Another backup is writing its own temporary copy right now.
	live := filepath.Join(outDir, ".other.db.123456.partial")
	f, err := os.Create(live)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := lockPartial(f); err != nil {
		t.Fatal(err)
	}
	// Old enough to be removed if only its age counted: its lock keeps it.
	hourAgo := time.Now().Add(-time.Hour)
	os.Chtimes(live, hourAgo, hourAgo)

	s := openT(t, path, "alice")
	if err := s.Backup(ctx, filepath.Join(outDir, "good.db")); err != nil {
		t.Fatal(err)
	}
	got := partials(t, outDir)
	if len(got) != 1 || got[0] != live {
		t.Errorf("after the next backup the folder holds temporary copies %v; want only the live one %s (left by the kills: %v)", got, live, left)
	}
	c, err := Open(filepath.Join(outDir, "good.db"), Options{NoBackupOnOpen: true})
	if err != nil {
		t.Fatalf("the backup: %v", err)
	}
	c.Close()
}
