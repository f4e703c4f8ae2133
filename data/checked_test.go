package data

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"wgll/model"
)

// openCounted opens path read-only as the commands do and says whether
// the check on opening ran.
func openCounted(t *testing.T, path string) (checked bool, err error) {
	t.Helper()
	before := checksRun.Load()
	s, err := Open(path, Options{User: "reader", NoBackupOnOpen: true, CheckedCache: cacheOf(path)})
	if err == nil {
		s.Close()
	}
	return checksRun.Load() > before, err
}

// editThroughWgll adds an evidence item to the workbook at path, which
// changes its bytes.
func editThroughWgll(t *testing.T, path string) {
	t.Helper()
	s := openT(t, path, "editor")
	defer s.Close()
	hs, err := s.Assessments(ctx)
	if err != nil || len(hs) == 0 {
		t.Fatal(hs, err)
	}
	if _, err := s.SaveEvidence(ctx, hs[0].ID, model.Evidence{StatementID: orgStatements(t)[0], Title: "one more"}); err != nil {
		t.Fatal(err)
	}
}

// cacheOf is the test's cache folder for the workbook at path.
func cacheOf(path string) string { return filepath.Join(filepath.Dir(path), "cache") }

// TestCheckOnOpeningIsRemembered: an unchanged workbook is checked once,
// not on every open; any change, even one that keeps the file's size and
// modification time, is checked again, and damage is still refused.
func TestCheckOnOpeningIsRemembered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wb.db")
	workbookWithData(t, path)
	if checked, err := openCounted(t, path); err != nil {
		t.Fatal(err)
	} else if !checked {
		// workbookWithData's own open checked the new file; a close may
		// have changed it since (the WAL checkpointed into it).
		t.Log("the first open found the bytes already checked")
	}
	if checked, err := openCounted(t, path); err != nil || checked {
		t.Fatalf("the unchanged workbook was checked again (%v, %v)", checked, err)
	}

	// An edit through wgll changes the bytes: checked again, then not.
	editThroughWgll(t, path)
	if checked, err := openCounted(t, path); err != nil || !checked {
		t.Fatalf("the edited workbook was not checked (%v, %v)", checked, err)
	}
	if checked, err := openCounted(t, path); err != nil || checked {
		t.Fatalf("the workbook checked after the edit was checked again (%v, %v)", checked, err)
	}

	// A change that keeps the size and the modification time (one byte
	// of the last page): the sum is of the bytes, so the check runs.
	fi, b := statAndRead(t, path)
	same := func(b []byte) {
		t.Helper()
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		setModTime(t, path, fi.ModTime())
		if fj, _ := os.Stat(path); fj.Size() != fi.Size() || !fj.ModTime().Equal(fi.ModTime()) {
			t.Fatal("the change moved the size or time")
		}
	}
	b[len(b)-1] ^= 0x01
	same(b)
	if checked, _ := openCounted(t, path); !checked {
		t.Error("a changed byte (same size and time) was not checked")
	}
	// Damage of the same size and time is refused.
	for i := 4096 + 100; i < len(b); i += 7 {
		b[i] ^= 0x5a
	}
	same(b)
	if _, err := openCounted(t, path); !errors.Is(err, ErrCorrupt) {
		t.Errorf("damaged bytes of the same size and time: err %v, want ErrCorrupt", err)
	}
}

// TestCheckedFileIsOnlyACache: a missing, foreign or oversized record of
// the checked bytes means the check runs, and one that cannot be written
// (a file where the cache folder should be) changes nothing else.
func TestCheckedFileIsOnlyACache(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wb.db")
	workbookWithData(t, path)
	openCounted(t, path)
	rec := checkedFile(cacheOf(path), path)
	good, err := os.ReadFile(rec)
	if err != nil {
		t.Fatalf("no record of the checked bytes: %v", err)
	}
	for name, content := range map[string][]byte{
		"foreign":   []byte("PRAGMA integrity_check(3) 1:00000000 -"),
		"oversized": append(append([]byte{}, good...), make([]byte, 300)...),
		"empty":     {},
	} {
		if err := os.WriteFile(rec, content, 0o644); err != nil {
			t.Fatal(err)
		}
		if checked, err := openCounted(t, path); err != nil || !checked {
			t.Errorf("%s record: checked %v, err %v; want the check run", name, checked, err)
		}
	}
	os.RemoveAll(cacheOf(path))
	if err := os.WriteFile(cacheOf(path), []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if checked, err := openCounted(t, path); err != nil || !checked {
			t.Errorf("with no cache folder: checked %v, err %v; want the check run every time", checked, err)
		}
	}
	// Without a cache folder nothing is remembered, and nothing is
	// written beside the workbook.
	before := checksRun.Load()
	for range 2 {
		s, err := Open(path, Options{User: "reader", NoBackupOnOpen: true})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	if n := checksRun.Load() - before; n != 2 {
		t.Errorf("without a cache two opens checked %d times, want 2", n)
	}
	if _, err := os.Stat(backupDir(path)); err == nil {
		t.Error("a folder was made beside the workbook")
	}
}

// TestContentSumSkipsALargeWAL: a WAL larger than any workbook that is
// checked is not read to sum it (the check runs instead).
func TestContentSumSkipsALargeWAL(t *testing.T) {
	p := filepath.Join(t.TempDir(), "wb.db")
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := contentSum(p, "c"); err != nil {
		t.Fatalf("no WAL: %v", err)
	}
	if err := os.WriteFile(p+"-wal", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(p+"-wal", quickCheckLimit+1); err != nil {
		t.Fatal(err)
	}
	if _, err := contentSum(p, "c"); !errors.Is(err, errWALTooBig) {
		t.Errorf("a WAL of %d bytes: err %v, want errWALTooBig", quickCheckLimit+1, err)
	}
}

// TestStructureCheckIsRemembered: the check of the tables and columns
// runs with the check of the pages, and is skipped with it when the same
// bytes passed both before; it runs again once the bytes change.
func TestStructureCheckIsRemembered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wb.db")
	workbookWithData(t, path)
	opened := func() (structure, pages bool) {
		t.Helper()
		before := structureChecks.Load()
		pages, err := openCounted(t, path)
		if err != nil {
			t.Fatal(err)
		}
		return structureChecks.Load() > before, pages
	}
	opened() // checks what workbookWithData's close left
	if structure, pages := opened(); structure || pages {
		t.Fatalf("the unchanged workbook was checked again: structure %v, pages %v", structure, pages)
	}
	editThroughWgll(t, path)
	if structure, pages := opened(); !structure || !pages {
		t.Fatalf("the edited workbook was not checked: structure %v, pages %v", structure, pages)
	}
}

// TestInspectionIsRemembered: a workbook whose bytes passed every check
// before is opened without reading it through SQLite first, at the schema
// version remembered with them. A remembered entry that is not one (an
// older wgll's, without the version; a version this build cannot read; a
// version of another file's bytes; anything else) is ignored and the file
// inspected afresh, and the workbook still opens; so is one that says
// another version than the file's, which the store's first query reads.
func TestInspectionIsRemembered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wb.db")
	workbookWithData(t, path)
	opened := func() (read bool) {
		t.Helper()
		before := inspectionsRead.Load()
		if _, err := openCounted(t, path); err != nil {
			t.Fatal(err)
		}
		return inspectionsRead.Load() > before
	}
	opened() // checks what workbookWithData's close left
	if opened() {
		t.Fatal("the unchanged workbook was read through SQLite again")
	}
	entry := checkedFile(cacheOf(path), path)
	good, err := os.ReadFile(entry)
	if err != nil {
		t.Fatal(err)
	}
	sum, version, ok := strings.Cut(string(good), "\nversion ")
	if !ok || version != strconv.Itoa(latestVersion(migrations)) {
		t.Fatalf("the remembered entry is %q", good)
	}
	for _, bad := range []string{
		sum, // an older wgll's: no version
		sum + "\nversion " + strconv.Itoa(latestVersion(migrations)+1),
		sum + "\nversion " + strconv.Itoa(latestVersion(migrations)-1), // not the file's: Store.open sees it
		sum + "\nversion 0",
		sum + "\nversion -3",
		sum + "\nversion seven",
		"PRAGMA integrity_check(3) 4096:00000000 -\nversion " + version,
		strings.Repeat("x", 300),
	} {
		if err := os.WriteFile(entry, []byte(bad), 0o600); err != nil {
			t.Fatal(err)
		}
		if !opened() {
			t.Errorf("the entry %.60q was taken for the workbook's", bad)
		}
		if got, _ := os.ReadFile(entry); string(got) != string(good) {
			t.Errorf("after %.60q the entry is %q, not %q", bad, got, good)
		}
		if opened() {
			t.Errorf("after %.60q the workbook was not remembered again", bad)
		}
	}
}

// TestNoSumOfAWorkbookOpenHere: a second Store on a workbook this process
// has open never sums it (summing opens and closes the file with package
// os, which would drop the first Store's locks on it): it is inspected
// through SQLite, and the first Store goes on writing.
func TestNoSumOfAWorkbookOpenHere(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wb.db")
	workbookWithData(t, path)
	if _, err := openCounted(t, path); err != nil { // remembers its bytes
		t.Fatal(err)
	}
	first, err := Open(path, Options{User: "first", NoBackupOnOpen: true, CheckedCache: cacheOf(path)})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	sumsBefore, readBefore := contentSums.Load(), inspectionsRead.Load()
	second, err := Open(path, Options{User: "second", NoBackupOnOpen: true, CheckedCache: cacheOf(path)})
	if err != nil {
		t.Fatal(err)
	}
	second.Close()
	if n := contentSums.Load() - sumsBefore; n != 0 {
		t.Errorf("the workbook open here was summed %d times", n)
	}
	if inspectionsRead.Load() == readBefore {
		t.Error("the second open was not inspected through SQLite")
	}
	hs, err := first.Assessments(ctx)
	if err != nil || len(hs) == 0 {
		t.Fatal(hs, err)
	}
	if _, err := first.SaveEvidence(ctx, hs[0].ID, model.Evidence{StatementID: orgStatements(t)[0], Title: "after the second"}); err != nil {
		t.Fatal(err)
	}
}

// TestLargeInspectionIsRemembered: a workbook too large to sum is
// remembered by its files' identity once it has been left alone for
// settleTime, and opened without reading it through SQLite first; a copy
// of it in its place (cp -p keeps the size and modification time), an
// edit through wgll, a touch and a file just written are all inspected
// afresh. A workbook too large to sum is never opened with package os.
func TestLargeInspectionIsRemembered(t *testing.T) {
	if _, _, ok := identitySum(os.Args[0], time.Now()); !ok {
		t.Skip("this system gives no change time; a large workbook is inspected on every open")
	}
	path := filepath.Join(t.TempDir(), "wb.db")
	bigWorkbook(t, path, 600)
	if fi, err := os.Stat(path); err != nil || fi.Size() <= quickCheckLimit {
		t.Fatalf("the workbook is not larger than %d bytes (%v)", quickCheckLimit, err)
	}
	defer func(d time.Duration) { settleTime = d }(settleTime)
	opened := func() (read bool) {
		t.Helper()
		before, sums := inspectionsRead.Load(), contentSums.Load()
		if _, err := openCounted(t, path); err != nil {
			t.Fatal(err)
		}
		if contentSums.Load() != sums {
			t.Error("the large workbook was summed")
		}
		return inspectionsRead.Load() > before
	}

	settleTime = time.Hour // just written: not remembered
	opened()
	if !opened() {
		t.Fatal("a workbook changed within settleTime was remembered")
	}
	settleTime = 0
	opened()
	if opened() {
		t.Fatal("the unchanged large workbook was read through SQLite again")
	}
	if got, err := os.ReadFile(checkedFile(cacheOf(path), path)); err != nil || !strings.HasPrefix(string(got), "stat ") {
		t.Fatalf("the remembered entry is %q (%v)", got, err)
	}

	// A copy put in its place, with the same size and modification time
	// (as cp -p makes), then the same file touched back to that time.
	fi, b := statAndRead(t, path)
	tmp := path + ".copy"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		t.Fatal(err)
	}
	setModTime(t, tmp, fi.ModTime())
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	if !opened() {
		t.Error("a copy in the workbook's place was taken for it")
	}
	if opened() {
		t.Error("the copy was not remembered in turn")
	}

	setModTime(t, path, fi.ModTime())
	if !opened() {
		t.Error("a workbook touched back to its modification time was taken for itself")
	}

	editThroughWgll(t, path)
	if !opened() {
		t.Error("the edited workbook was not inspected")
	}
	if opened() {
		t.Error("the edited workbook was not remembered")
	}
}

// setModTime sets path's access and modification times to m.
func setModTime(t *testing.T, path string, m time.Time) {
	t.Helper()
	if err := os.Chtimes(path, m, m); err != nil {
		t.Fatal(err)
	}
}

// statAndRead is the file at path's information and bytes.
func statAndRead(t *testing.T, path string) (os.FileInfo, []byte) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi, b
}
