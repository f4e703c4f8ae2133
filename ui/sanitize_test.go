package ui

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Board paper 7", "Board paper 7"},
		{"newline kept", "a\nb", "a\nb"},
		{"tab expanded", "a\tb", "a    b"},
		{"carriage return dropped", "a\r\nb", "a\nb"},
		{"bell dropped", "a\ab", "ab"},
		{"NUL and DEL dropped", "a\x00b\x7fc", "abc"},
		{"CSI clear screen dropped whole", "a\x1b[2Jb", "ab"},
		{"CSI with params", "\x1b[1;31mred\x1b[0m", "red"},
		{"OSC 52 clipboard dropped whole", "x\x1b]52;c;ZXZpbA==\x07y", "xy"},
		{"OSC 0 title with ST", "x\x1b]0;pwned\x1b\\y", "xy"},
		{"unterminated OSC dropped to end", "x\x1b]0;pwned", "x"},
		{"DCS dropped", "x\x1bPq#0;2;0;0;0\x1b\\y", "xy"},
		{"two-byte escape", "x\x1b7y\x1b(Bz", "xyz"},
		{"lone ESC at end", "x\x1b", "x"},
		{"8-bit CSI", "x\u009b2Jy", "xy"},
		{"8-bit OSC", "x\u009d0;t\u009cy", "xy"},
		{"C1 dropped", "a\u0085b", "ab"},
		{"RLO dropped", "abc\u202edef", "abcdef"},
		{"isolates dropped", "\u2066a\u2069", "a"},
		{"marks dropped", "\u200ea\u200f\u061c", "a"},
		{"zero width dropped", "a\u200bb\u200cc\u200dd\u2060e\ufefff", "abcdef"},
		{"unicode kept", "Café – ✓ 日本", "Café – ✓ 日本"},
		{"invalid utf8 replaced", "a\xffb", "a\ufffdb"},
		{"raw 0x9b byte replaced", "a\x9bb", "a\ufffdb"},
		{"CSI broken by newline keeps newline", "a\x1b[2\nb", "a\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// checkClean fails if s holds anything Sanitize must remove.
func checkClean(t testing.TB, in, s string) {
	t.Helper()
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\n') || c == 0x7f {
			t.Fatalf("Sanitize(%q) = %q: control byte %#x at %d", in, s, c, i)
		}
	}
	for _, r := range s {
		if (r >= 0x80 && r <= 0x9f) || invisible(r) {
			t.Fatalf("Sanitize(%q) = %q: rune %U left in", in, s, r)
		}
	}
	if !utf8.ValidString(s) {
		t.Fatalf("Sanitize(%q) = %q: invalid UTF-8", in, s)
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[2J", "\x1b]52;c;ZXZpbA==\x07", "\x1b]0;pwned\x07", "\r\a", "\u202e", "\x9b\xc2\x9b", "a\tb\x1bPx\x1b\\", "\u200b\ufeff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Sanitize(in)
		checkClean(t, in, out)
		if again := Sanitize(out); again != out {
			t.Fatalf("Sanitize is not idempotent on %q: %q then %q", in, out, again)
		}
		if strings.Count(out, "\n") > strings.Count(in, "\n") {
			t.Fatalf("Sanitize(%q) added newlines", in)
		}
	})
}
