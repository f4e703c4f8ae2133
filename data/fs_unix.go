//go:build unix

package data

import (
	"os"
	"syscall"
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
