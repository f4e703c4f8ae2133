//go:build !linux

package data

// networkFS cannot tell network drives on this system; it reports none.
func networkFS(dir string) string { return "" }
