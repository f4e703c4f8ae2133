//go:build linux

package data

import "syscall"

// Filesystem magic numbers (statfs f_type) of network file systems, on
// which SQLite's file locking and WAL shared memory cannot be trusted.
var networkMagic = map[uint32]string{
	0x6969:     "NFS",
	0x517B:     "SMB",
	0xFF534D42: "CIFS",
	0xFE534D42: "SMB2",
	0x01021997: "9P (a Windows drive seen from WSL, or a VM share)",
	0x5346414F: "AFS",
}

// networkFS names the network file system dir is on, or "" if it is local
// (or cannot be told).
func networkFS(dir string) string {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return ""
	}
	return networkMagic[uint32(st.Type)]
}
