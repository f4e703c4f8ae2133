//go:build darwin || freebsd || netbsd

package data

import (
	"syscall"
	"time"
)

// changeTime is the file's status change time (ctime).
func changeTime(st *syscall.Stat_t) (time.Time, bool) {
	return time.Unix(int64(st.Ctimespec.Sec), int64(st.Ctimespec.Nsec)), true
}
