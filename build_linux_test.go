package main

import (
	"debug/elf"
	"testing"
)

// TestBinaryIsStatic: the binary the README builds (CGO_ENABLED=0 go
// build) needs no C library and no dynamic loader, so it runs on any Linux
// of its architecture, and starts without loading one (1 to 3 ms of every
// command and of the app's start, measured).
func TestBinaryIsStatic(t *testing.T) {
	bin := buildBinary(t)
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Fatal("the binary asks for a dynamic loader (PT_INTERP): something in it needs cgo")
		}
	}
	if libs, err := f.ImportedLibraries(); err != nil || len(libs) > 0 {
		t.Fatalf("the binary links %v (%v), want no shared library", libs, err)
	}
}
