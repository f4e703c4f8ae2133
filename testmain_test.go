package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMain gives the tests, and the binaries they run, a cache folder of
// their own (os.UserCacheDir reads XDG_CACHE_HOME), so that the check on
// opening remembers nothing in the user's cache (checkedCache); Go's build
// cache stays where it was.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "wgll-test-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// Go's build cache is in the user's cache folder too: the binaries
	// the end-to-end tests build keep using it, or each run of the tests
	// would compile wgll and every module from nothing (50 s).
	if os.Getenv("GOCACHE") == "" {
		if out, err := exec.Command("go", "env", "GOCACHE").Output(); err == nil {
			os.Setenv("GOCACHE", strings.TrimSpace(string(out)))
		}
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
