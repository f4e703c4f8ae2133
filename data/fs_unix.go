//go:build unix

package data

import "syscall"

// canWrite reports whether this process may write to path (a file or a
// folder), asking the kernel without opening anything.
func canWrite(path string) bool {
	const wOK = 2
	return syscall.Access(path, wOK) == nil
}
