//go:build !unix

package data

import (
	"os"
	"time"
)

// canWrite cannot ask the system here; the permission bits decide.
func canWrite(path string) bool { return true }

// lockPartial cannot lock here; partialAbandoned goes by age instead.
func lockPartial(f *os.File) error { return nil }

// partialAbandoned: without locks, a temporary copy untouched for ten
// minutes is taken to be left by a killed backup.
func partialAbandoned(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && time.Since(fi.ModTime()) > 10*time.Minute
}

// fileIdentity: no inode or change time here, so a large workbook is
// inspected on every open (identitySum).
func fileIdentity(os.FileInfo) (string, time.Time, bool) { return "", time.Time{}, false }
