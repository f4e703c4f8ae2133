//go:build unix

package data

import (
	"fmt"
	"os"
	"syscall"
	"time"
)

// canWrite reports whether this process may write to path (a file or a
// folder), asking the kernel without opening anything.
func canWrite(path string) bool {
	const wOK = 2
	return syscall.Access(path, wOK) == nil
}

// lockPartial takes an exclusive flock(2) on a backup's temporary copy for
// as long as f stays open, so that another process can tell a copy being
// written from one left by a killed backup (the kernel drops the lock with
// the process). flock locks are separate from the POSIX locks SQLite takes,
// so neither disturbs the other.
func lockPartial(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// partialAbandoned reports whether no process holds the lock of the
// temporary copy at path: its backup was killed. It opens the copy read-only
// and closes it again; nothing in this process has it open as a database.
func partialAbandoned(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return false
	}
	return true
}

// fileIdentity is the device, inode, size, and modification and change
// times of fi, and its change time; ok is false where the system does not
// give them (see identitySum).
func fileIdentity(fi os.FileInfo) (id string, changed time.Time, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return "", time.Time{}, false
	}
	if changed, ok = changeTime(st); !ok {
		return "", time.Time{}, false
	}
	return fmt.Sprintf("%d:%d %d %d %d", st.Dev, st.Ino, fi.Size(), fi.ModTime().UnixNano(), changed.UnixNano()), changed, true
}
