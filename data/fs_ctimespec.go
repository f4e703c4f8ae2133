//go:build darwin || freebsd || netbsd

package data

import (
	"fmt"
	"os"
	"syscall"
	"time"
)

// fileIdentity is the device, inode, size, and modification and change
// times of fi, and its change time; ok is false where the system does not
// say (see identitySum).
func fileIdentity(fi os.FileInfo) (id string, changed time.Time, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return "", time.Time{}, false
	}
	changed = time.Unix(int64(st.Ctimespec.Sec), int64(st.Ctimespec.Nsec))
	return fmt.Sprintf("%d:%d %d %d %d", st.Dev, st.Ino, st.Size, fi.ModTime().UnixNano(), changed.UnixNano()), changed, true
}
