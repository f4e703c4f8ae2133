package model

import "testing"

func TestParseDateInput(t *testing.T) {
	for _, in := range []string{"2027-03-31", "31/03/2027", "31/3/2027", "31 Mar 2027", "31 mar 2027", "31 March 2027", " 31  Mar 2027 "} {
		d, err := ParseDateInput(in)
		if err != nil || FormatDate(d) != "2027-03-31" {
			t.Errorf("%q: %v %v", in, FormatDate(d), err)
		}
	}
	if d, err := ParseDateInput(""); err != nil || !d.IsZero() {
		t.Errorf("empty: %v %v", d, err)
	}
	for _, in := range []string{"31/02/2027", "soon", "2027-13-01", "03/31/2027"} {
		if _, err := ParseDateInput(in); err == nil {
			t.Errorf("%q read as a date", in)
		}
	}
}
