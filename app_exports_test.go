package main

import (
	"context"
	"testing"
	"time"
)

// TestAppExportsStopAndWait: when the program ends, every export still
// running is cancelled and waited for, so it can remove its temporary
// file before the process ends; one that does not stop is given up on
// after the grace.
func TestAppExportsStopAndWait(t *testing.T) {
	var x appExports
	ended := make(chan struct{})
	ctx1, end1 := x.begin(context.Background())
	ctx2, end2 := x.begin(context.Background())
	end2() // finished before the end
	go func() {
		<-ctx1.Done()
		time.Sleep(20 * time.Millisecond) // clearing up
		close(ended)
		end1()
	}()
	if !x.stop(5 * time.Second) {
		t.Fatal("stop gave up on an export that ended")
	}
	select {
	case <-ended:
	default:
		t.Fatal("stop returned before the export had cleared up")
	}
	if ctx2.Err() == nil {
		t.Error("an ended export's context should be released")
	}

	var y appExports
	ctx3, end3 := y.begin(context.Background())
	defer end3()
	if y.stop(30 * time.Millisecond) {
		t.Error("stop said an export that never ended had ended")
	}
	if ctx3.Err() == nil {
		t.Error("stop did not cancel the export")
	}
}
