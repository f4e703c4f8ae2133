package ui

import (
	"os"
	"testing"
)

// TestMain runs the tests without the search's wait for the next
// keystroke: the harness runs each command to its end before the next key.
func TestMain(m *testing.M) {
	searchDelay = 0
	os.Exit(m.Run())
}
