package data

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// The backup scheme:
//
//   - Rotating backups: on Open, a workbook that has changed since its last
//     rotating backup (judged by the size and modification time of the file
//     and its -wal, read with stat, so the check costs nothing) is copied to
//     .wgll-backups/NAME.YYYYMMDDTHHMMSSZ.db in its folder. The newest
//     KeepBackups are kept; older ones are removed. .wgll-backups/NAME.stamp
//     records what was backed up last.
//   - Before a migration: NAME.backup-vN-YYYYMMDDTHHMMSSZ next to the
//     workbook, never removed by wgll.
//   - On demand: Backup(out), for `wgll backup OUT`.
//
// Every copy is made with VACUUM INTO (a consistent snapshot even while
// others write) into a temporary file that is synced and then linked into
// place, so a copy either exists whole or not at all and never replaces an
// existing file. The temporary file is locked while it is written, and the
// next copy into the same folder removes any that a killed process left.

// KeepBackups is how many rotating backups are kept per workbook.
const KeepBackups = 3

// backupDir is the folder holding the rotating backups of the workbook abs.
func backupDir(abs string) string { return filepath.Join(filepath.Dir(abs), ".wgll-backups") }

// Backup writes a consistent copy of the workbook to out, even while this
// or another process is writing. It refuses to overwrite an existing file.
func (s *Store) Backup(ctx context.Context, out string) error {
	if _, err := os.Lstat(out); err == nil {
		return refuse(out, ErrExists, "already exists; choose a new file name for the backup")
	}
	if err := s.vacuumInto(ctx, out); err != nil {
		return fmt.Errorf("back up %s to %s: %w", s.path, out, err)
	}
	return nil
}

// vacuumInto copies the workbook to out through a temporary file.
func (s *Store) vacuumInto(ctx context.Context, out string) error {
	dir := filepath.Dir(out)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return refuse(out, ErrNoFolder, "folder %s does not exist; create it first", dir)
	}
	removeAbandonedPartials(dir)
	f, err := createPartial(dir, "."+filepath.Base(out)+".*.partial")
	if err != nil {
		return fmt.Errorf("create a temporary file in %s: %w", dir, err)
	}
	tmp := f.Name()
	defer func() {
		// Removed before it is unlocked, so no one sees it abandoned.
		os.Remove(tmp)
		f.Close()
	}()
	// VACUUM INTO wants a missing or empty file; the empty temporary file
	// reserves a unique name.
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return s.translate("copy the workbook", err)
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	if err := os.Link(tmp, out); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return refuse(out, ErrExists, "already exists; choose a new file name for the backup")
		}
		// No hard links here (some network or FAT drives): check and rename.
		if _, serr := os.Lstat(out); serr == nil {
			return refuse(out, ErrExists, "already exists; choose a new file name for the backup")
		}
		if err := os.Rename(tmp, out); err != nil {
			return fmt.Errorf("move the backup into place at %s: %w", out, err)
		}
	}
	syncDir(dir)
	return nil
}

func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("open backup %s to flush it: %w", name, err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("flush backup %s to disk: %w", name, err)
	}
	return nil
}

// syncDir makes a rename or link in dir durable; best effort, since not
// every system can sync a folder.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// uniqueName returns name, or name-2, name-3... if it is taken.
func (s *Store) uniqueName(name string) string {
	ext := ""
	base := name
	if strings.HasSuffix(name, ".db") {
		base, ext = strings.TrimSuffix(name, ".db"), ".db"
	}
	out := name
	for i := 2; ; i++ {
		if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
			return out
		}
		out = fmt.Sprintf("%s-%d%s", base, i, ext)
	}
}

// RotateBackup takes the rotating backup of the workbook as it was when
// opened, unless it has not changed since the last one: what Open does
// unless Options.NoBackupOnOpen is set, for a caller that would rather not
// wait for the copy (the app runs it beside its first screen). It is safe
// while other methods run.
func (s *Store) RotateBackup(ctx context.Context) error {
	if !s.pre.hasData {
		return nil
	}
	return s.rotateBackup(ctx, s.pre)
}

// rotateBackup takes the rotating backup made on open, unless the file has
// not changed since the last one.
func (s *Store) rotateBackup(ctx context.Context, pre preState) error {
	dir := backupDir(s.abs)
	base := filepath.Base(s.abs)
	stampFile := filepath.Join(dir, base+".stamp")
	if b, err := os.ReadFile(stampFile); err == nil && string(b) == pre.stamp {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create backup folder %s: %w", dir, err)
	}
	out := s.uniqueName(filepath.Join(dir, base+"."+s.nowUTC().Format("20060102T150405Z")+".db"))
	if err := s.vacuumInto(ctx, out); err != nil {
		return err
	}
	if err := os.WriteFile(stampFile+".tmp", []byte(pre.stamp), 0o644); err == nil {
		os.Rename(stampFile+".tmp", stampFile)
	}
	return pruneBackups(dir, base)
}

// partialName is the name of a temporary copy os.CreateTemp made for
// vacuumInto: ".OUT.DIGITS.partial".
var partialName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\..+\.[0-9]+\.partial$`) })

// partialQuiet is how long a temporary copy must have gone unwritten
// before an unlocked one is removed: a copy being written by an older wgll,
// which takes no lock, is written to all the time.
const partialQuiet = 2 * time.Second

// createPartial makes the temporary copy and locks it (lockPartial) for as
// long as the returned file is open. Between creating and locking, another
// process's removeAbandonedPartials may take the file for abandoned; then
// the lock fails or the name no longer leads to it, and a new one is made.
func createPartial(dir, pattern string) (*os.File, error) {
	for attempt := 0; ; attempt++ {
		f, err := os.CreateTemp(dir, pattern)
		if err != nil {
			return nil, err
		}
		lerr := lockPartial(f)
		mine, serr := f.Stat()
		named, nerr := os.Stat(f.Name())
		if lerr == nil && serr == nil && nerr == nil && os.SameFile(mine, named) {
			return f, nil
		}
		f.Close()
		if attempt == 4 {
			return nil, fmt.Errorf("could not lock a temporary copy in %s (%v)", dir, errors.Join(lerr, serr, nerr))
		}
	}
}

// removeAbandonedPartials deletes the temporary copies in dir left by
// backups that were killed part-way: those no process holds locked (see
// lockPartial) and that have not been written for partialQuiet. It runs
// before every copy, so the next backup into a folder cleans up after a
// killed one whatever its name.
func removeAbandonedPartials(dir string) {
	matches, _ := filepath.Glob(filepath.Join(globEscape(dir), ".*.partial"))
	for _, m := range matches {
		fi, err := os.Lstat(m)
		if err != nil || !fi.Mode().IsRegular() || !partialName().MatchString(filepath.Base(m)) || time.Since(fi.ModTime()) < partialQuiet {
			continue
		}
		if partialAbandoned(m) {
			os.Remove(m)
		}
	}
}

// Backups lists the rotating backups of the workbook, oldest first.
func (s *Store) Backups() ([]string, error) {
	return listBackups(backupDir(s.abs), filepath.Base(s.abs))
}

func listBackups(dir, base string) ([]string, error) {
	matches, err := filepath.Glob(filepath.Join(dir, globEscape(base)+".*.db"))
	if err != nil {
		return nil, fmt.Errorf("list backups in %s: %w", dir, err)
	}
	type entry struct {
		name string
		mod  int64
	}
	var es []entry
	for _, m := range matches {
		if fi, err := os.Stat(m); err == nil {
			es = append(es, entry{m, fi.ModTime().UnixNano()})
		}
	}
	sort.Slice(es, func(i, j int) bool {
		if es[i].mod != es[j].mod {
			return es[i].mod < es[j].mod
		}
		return es[i].name < es[j].name
	})
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.name
	}
	return out, nil
}

func pruneBackups(dir, base string) error {
	list, err := listBackups(dir, base)
	if err != nil {
		return err
	}
	for len(list) > KeepBackups {
		if err := os.Remove(list[0]); err != nil {
			return fmt.Errorf("remove old backup %s: %w", list[0], err)
		}
		list = list[1:]
	}
	return nil
}

// globEscape quotes the glob metacharacters of a file name.
func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(s)
}
