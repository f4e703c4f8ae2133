package ui

import (
	"github.com/charmbracelet/x/ansi"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tabWidth is how many spaces a tab in stored text becomes when drawn.
const tabWidth = 4

// Sanitize makes a stored string safe to draw on a terminal. Text in the
// workbook may have been pasted from email or written by another program, so
// before anything reaches the screen it loses:
//
//   - C0 control characters except newline (a tab becomes spaces, a carriage
//     return is dropped), DEL, and C1 control characters (U+0080 to U+009F);
//   - whole escape sequences (CSI such as "\x1b[2J", OSC such as the
//     clipboard-writing OSC 52 or the title-setting OSC 0, DCS, SOS, PM and
//     APC strings, and two-byte escapes), not just their ESC byte, so no
//     half-sequence is left to be misread;
//   - bidirectional controls (U+202A to U+202E, U+2066 to U+2069, U+200E,
//     U+200F, U+061C), which can make text read differently from how it is
//     stored;
//   - zero-width characters (U+200B to U+200D, U+2060, U+FEFF), which hide
//     text.
//
// Invalid UTF-8 bytes become U+FFFD. Everything else is kept as it is.
func Sanitize(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			b.WriteRune(utf8.RuneError)
			i++
			continue
		}
		switch {
		case r == '\n':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteString(strings.Repeat(" ", tabWidth))
		case r == 0x1b:
			i = skipEscape(s, i+1)
			continue
		case r == 0x9b: // 8-bit CSI
			i = skipCSI(s, i+size)
			continue
		case r == 0x9d, r == 0x90, r == 0x98, r == 0x9e, r == 0x9f: // 8-bit OSC, DCS, SOS, PM, APC
			i = skipString(s, i+size)
			continue
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
			// other controls (including \r and BEL) are dropped
		case invisible(r):
			// bidi and zero-width characters are dropped
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isPlain reports whether s is printable ASCII and newlines only, the common
// case that needs no copy.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 && c != '\n') || c >= 0x7f {
			return false
		}
	}
	return true
}

// invisible reports whether r is a bidi control or a zero-width character.
func invisible(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
		r == 0x200e, r == 0x200f, r == 0x061c,
		r >= 0x200b && r <= 0x200d, r == 0x2060, r == 0xfeff:
		return true
	}
	return false
}

// skipEscape returns the index just past the escape sequence whose ESC byte
// ended just before i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	// nF escapes: intermediates 0x20-0x2F then one final byte 0x30-0x7E.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipCSI returns the index past a control sequence's parameter,
// intermediate and final bytes starting at i. A byte that cannot be part of
// the sequence ends it and is left for normal processing.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x20 && c <= 0x3f:
			i++
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		default:
			return i
		}
	}
	return i
}

// skipString returns the index past a control string (OSC, DCS, SOS, PM,
// APC) starting at i: it ends at BEL, ESC \ or the 8-bit ST. An unterminated
// string runs to the end of s and is dropped whole.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i + 1
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
		i++
	}
	return i
}

// oneLine sanitises s and folds its newlines into spaces, for a cell or a
// list row that has one line to show.
func oneLine(s string) string {
	s = Sanitize(s)
	if strings.IndexByte(s, '\n') < 0 {
		return s
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// oneLineMax is oneLine for a cell at most width columns wide: it reads only
// the start of s, so that a 5 KB note costs no more to draw in a list row
// than a short one. Escape sequences cut in half by the clip are removed by
// Sanitize like any other.
func oneLineMax(s string, width int) string {
	return oneLine(clipBytes(s, width))
}

// clipBytes cuts s, at a rune boundary, to what can fill width columns:
// two bytes a column covers accented Latin and CJK (three bytes, two
// columns), and the slack a little that Sanitize drops.
func clipBytes(s string, width int) string {
	limit := 2*width + 32
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// truncate cuts sanitised text s to width columns, ending it with … when
// cut. Text made only of narrow runes, most of what a board types and the
// app's own separators, takes a fast path with one column a rune; anything
// else (wide, combining or emoji) is measured by ansi.Truncate.
func truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	n, cut := 0, -1
	for i, r := range s {
		if !narrow(r) {
			return ansi.Truncate(s, width, "…")
		}
		if n == width-1 {
			cut = i
		}
		n++
	}
	if n <= width {
		return s
	}
	return s[:cut] + "…"
}

// narrow reports whether r surely takes one column: Latin, Greek, Cyrillic
// and other scripts below U+1100 without combining marks, and the
// punctuation, arrows and box drawing the app draws with (each measured one
// column by ansi.StringWidth; TestNarrowAgreesWithAnsi checks).
func narrow(r rune) bool {
	switch {
	case r >= ' ' && r < 0x7f:
		return true
	case r < ' ' || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r):
		return false // controls and format characters (soft hyphen) take none
	case r < 0x300:
		return true
	case r < 0x1100:
		return !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Me, r)
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e: // punctuation: — · … ‹ ›
		return true
	case r >= 0x20a0 && r <= 0x20cf: // currency: €
		return true
	case r >= 0x2190 && r <= 0x22ff: // arrows and mathematical operators
		return true
	case r >= 0x2500 && r <= 0x25fc: // box drawing, blocks, shapes: ─ █ ▲ ▶
		return true
	}
	return false
}

// fitsWidth reports, cheaply, whether a styled line surely fits width
// columns: it skips the app's own SGR sequences (ESC [ ... m) and counts
// one column a narrow rune. false means "measure it properly", not "too
// wide".
func fitsWidth(s string, width int) bool {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j + 1
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !narrow(r) {
			return false
		}
		n++
		if n > width {
			return false
		}
		i += size
	}
	return true
}
