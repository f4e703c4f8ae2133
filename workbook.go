package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"wgll/criteria"
	"wgll/data"
	"wgll/model"
)

// openExisting opens the workbook for a command that changes an existing
// file (taking the rotating backup first if it changed since the last);
// unlike the app it never creates one.
func openExisting(e *env) (*data.Store, error) {
	return openExistingWith(e, data.Options{})
}

// openForReading opens an existing workbook for a command that only reads
// it, so no backup is taken and nothing waits for one. Almost every such
// command reads an assessment's criteria next, almost always the default
// framework byte for byte, so its snapshot is read beside the opening.
func openForReading(e *env) (*data.Store, error) {
	go criteria.Warm()
	return openExistingWith(e, data.Options{NoBackupOnOpen: true})
}

func openExistingWith(e *env, opt data.Options) (*data.Store, error) {
	path := e.g.dbPath(e)
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no workbook at %s; run 'wgll --db %s' to create one, or 'wgll demo --db %s' for a demo", path, path, path)
		}
		return nil, fmt.Errorf("open workbook: %w", err)
	}
	return openStoreWith(e, opt)
}

// openStore opens (creating if needed) the workbook and prints any warning
// about where it lives.
func openStore(e *env) (*data.Store, error) {
	return openStoreWith(e, data.Options{Create: true})
}

func openStoreWith(e *env, opt data.Options) (*data.Store, error) {
	opt.User, opt.Now = e.g.userName(e), e.now
	opt.CheckedCache = checkedCache()
	st, err := data.Open(e.g.dbPath(e), opt)
	if err != nil {
		return nil, err
	}
	for _, w := range st.Warnings() {
		fmt.Fprintf(e.stderr, "wgll: warning: %s\n", w)
	}
	return st, nil
}

// assessmentFlag is the --assessment ID flag shared by reporting commands.
type assessmentFlag struct{ id int64 }

func (a *assessmentFlag) String() string { return strconv.FormatInt(a.id, 10) }

// Type names the flag's value in help.
func (a *assessmentFlag) Type() string { return "ID" }

func (a *assessmentFlag) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return fmt.Errorf("assessment must be a positive number (see the ID column of 'wgll list')")
	}
	a.id = n
	return nil
}

// newestIfZero turns id 0 into the newest readable assessment's id.
func newestIfZero(e *env, st *data.Store, id int64) (int64, error) {
	if id != 0 {
		return id, nil
	}
	hs, err := st.Headers(e.ctx)
	if err != nil {
		return 0, err
	}
	return newestIn(st, hs)
}

// newestIn is the newest readable assessment of hs, the workbook's list.
func newestIn(st *data.Store, hs []model.Header) (int64, error) {
	if len(hs) == 0 {
		return 0, fmt.Errorf("%s has no assessments yet; run 'wgll --db %s' to start one", st.Path(), st.Path())
	}
	for _, h := range hs {
		if h.Unreadable == "" {
			return h.ID, nil
		}
	}
	return hs[0].ID, nil // all damaged: loading it says why
}

// checkedCache is the folder in the user's cache (os.UserCacheDir) in which
// the check on opening remembers the workbooks that passed it
// (data.Options.CheckedCache), or "" when there is none.
func checkedCache() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "wgll", "checked")
}
