package data

import (
	"database/sql"
	"fmt"
	"strconv"
)

// scanner is what *sql.Row and *sql.Rows offer.
type scanner interface{ Scan(...any) error }

// scanLenient scans a row into *string, *int and *int64 destinations. The
// plain Scan is tried first; when it fails because a stored value has a
// type the schema does not give it (a NULL in a NOT NULL column, text in a
// number column: a file written by another tool or damaged in a way
// SQLite's checks do not see), the row is read again as raw values and each
// is taken as the nearest thing (NULL as "" or 0, a number as its text,
// text as the number it spells or 0), so that one odd value shows as odd
// instead of failing the whole list or load. Only *sql.Rows can be scanned
// twice; a *sql.Row is read raw at once.
func scanLenient(sc scanner, dest ...any) error {
	if _, ok := sc.(*sql.Rows); ok {
		if err := sc.Scan(dest...); err == nil {
			return nil
		}
	}
	raw := make([]any, len(dest))
	ptrs := make([]any, len(dest))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	if err := sc.Scan(ptrs...); err != nil {
		return err
	}
	for i, d := range dest {
		switch p := d.(type) {
		case *string:
			*p = asText(raw[i])
		case *int64:
			*p = asInt(raw[i])
		case *int:
			*p = int(asInt(raw[i]))
		default:
			return fmt.Errorf("scanLenient: cannot scan into %T", d)
		}
	}
	return nil
}

func asText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}

func asInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case float64:
		return int64(x)
	case bool:
		if x {
			return 1
		}
	case string:
		n, _ := strconv.ParseInt(x, 10, 64)
		return n
	case []byte:
		n, _ := strconv.ParseInt(string(x), 10, 64)
		return n
	}
	return 0
}
