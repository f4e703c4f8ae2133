package model

import (
	"fmt"
	"strings"
	"time"
)

// dateInputLayouts are the forms a person may type a date in: ISO, the
// day-first numeric form used in the UK, and the day, short month and
// year of board papers. Each is shown back as DateLayout.
var dateInputLayouts = []string{DateLayout, "2/1/2006", "2 Jan 2006", "2 January 2006"}

// ParseDateInput reads a date a person typed: 2027-03-31, 31/03/2027 or
// 31 Mar 2027 (a full month name also reads). Empty means no date. The
// error says which forms are accepted. Stored dates are read with the
// stricter ParseDate.
func ParseDateInput(s string) (time.Time, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return time.Time{}, nil
	}
	for _, l := range dateInputLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	// Month names in any case: "31 mar 2027".
	if f := strings.Fields(s); len(f) == 3 && len(f[1]) >= 3 {
		m := strings.ToUpper(f[1][:1]) + strings.ToLower(f[1][1:])
		for _, l := range dateInputLayouts[2:] {
			if t, err := time.Parse(l, f[0]+" "+m+" "+f[2]); err == nil {
				return t, nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date: write it as 2027-03-31, 31/03/2027 or 31 Mar 2027", s)
}
