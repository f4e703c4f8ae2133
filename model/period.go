package model

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The rules in this file decide which assessments belong together and in
// which order their periods run. The app, the command line, the store and
// every export call them, so "the same organisation" and "the next period"
// mean one thing everywhere.

// SameOrganisation reports whether two organisation names name the same
// organisation: case, surrounding space and runs of inner space are ignored,
// so " St Mary's  NHS FT" and "st mary's nhs ft" match. Nothing else is
// guessed: "St Mary's" and "St Marys" are different organisations.
func SameOrganisation(p, q string) bool {
	return strings.EqualFold(OrganisationKey(p), OrganisationKey(q))
}

// OrganisationKey is name in the form SameOrganisation compares, for use
// as a map key: lower case, single spaces, trimmed.
func OrganisationKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// SameGroup reports whether two assessments are periods of one series: the
// same organisation and the same audience. Trends and comparisons are made
// within a group.
func SameGroup(x, y Header) bool {
	return x.Audience == y.Audience && SameOrganisation(x.Organisation, y.Organisation)
}

// ComparePeriods orders period labels, earliest first. Labels are compared
// as text after trimming, which puts financial years ("2025/26") and
// calendar years ("2025") in time order; it returns -1, 0 or +1.
func ComparePeriods(p, q string) int {
	return cmp.Compare(strings.TrimSpace(p), strings.TrimSpace(q))
}

// CompareHeaders orders assessments by period (ComparePeriods), then by
// creation time, then by id, so that the order is total and the same on
// every screen and in every report.
func CompareHeaders(x, y Header) int {
	if c := ComparePeriods(x.Period, y.Period); c != 0 {
		return c
	}
	if c := x.CreatedAt.Compare(y.CreatedAt); c != 0 {
		return c
	}
	return cmp.Compare(x.ID, y.ID)
}

// NextPeriod is the label of the period after p: "2026/27" becomes
// "2027/28" and "2026" becomes "2027". It returns "" for any other label,
// for which there is no safe guess; callers then ask, or fall back to
// FinancialYear.
func NextPeriod(p string) string {
	p = strings.TrimSpace(p)
	if y, ok := financialYearStart(p); ok {
		return fmt.Sprintf("%d/%02d", y+1, (y+2)%100)
	}
	if len(p) == 4 {
		if y, err := strconv.Atoi(p); err == nil && y > 0 {
			return strconv.Itoa(y + 1)
		}
	}
	return ""
}

// financialYearStart reads "YYYY/YY" (the second year following the
// first) and returns the first year.
func financialYearStart(p string) (int, bool) {
	if len(p) != 7 || p[4] != '/' {
		return 0, false
	}
	y, err1 := strconv.Atoi(p[:4])
	z, err2 := strconv.Atoi(p[5:])
	if err1 != nil || err2 != nil || y <= 0 || z < 0 || p[5] == '+' || p[5] == '-' || (y+1)%100 != z {
		return 0, false
	}
	return y, true
}

// FinancialYear is the NHS financial year (April to March) containing t,
// written "2026/27".
func FinancialYear(t time.Time) string {
	y := t.Year()
	if t.Month() < time.April {
		y--
	}
	return fmt.Sprintf("%d/%02d", y, (y+1)%100)
}
