package main

import (
	"fmt"
	"os"
	"testing"
)

// TestMain gives the tests, and the binaries they run, a cache folder of
// their own (os.UserCacheDir reads XDG_CACHE_HOME), so that the check on
// opening remembers nothing in the user's cache (checkedCache).
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "wgll-test-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
