package data

import (
	"testing"
	"time"
)

func TestParseStoredTime(t *testing.T) {
	ref := time.Date(2026, 11, 22, 8, 0, 1, 123*int(time.Millisecond), time.UTC)
	for _, v := range []string{
		formatTime(ref),
		formatTime(time.Date(2024, 2, 29, 23, 59, 59, 999*int(time.Millisecond), time.UTC)),
		"2026-04-31 10:00:00.000Z", // no such day: the slow path decides
		"2026-11-22 08:00:01Z",
		"2026-11-22T08:00:01.123456789Z",
		"2026-11-22",
		"2026-13-01 00:00:00.000Z",
		"garbage that is 24 long!",
		"",
	} {
		want, _ := time.Parse(timeLayout, v)
		if fast, ok := parseStoredTime(v); ok && !fast.Equal(want) {
			t.Errorf("parseStoredTime(%q) = %v, time.Parse says %v", v, fast, want)
		}
	}
	if got, ok := parseStoredTime(formatTime(ref)); !ok || !got.Equal(ref) {
		t.Errorf("round trip of %v gave %v, %v", ref, got, ok)
	}
	if got := parseTime("2026-11-22T08:00:01.5Z"); !got.Equal(time.Date(2026, 11, 22, 8, 0, 1, 500*int(time.Millisecond), time.UTC)) {
		t.Errorf("slow path: %v", got)
	}
}
