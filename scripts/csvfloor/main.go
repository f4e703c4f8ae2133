// Command csvfloor is the floor that wgll's CSV export is measured against
// beside sqlite3 (issue 16): the least a Go program on wgll's stack must do
// to write the same rows, with nothing else. It opens the workbook read-only
// through database/sql and modernc.org/sqlite, runs the query it is given
// (scripts/bench gives it the CSV's, in wgll's order) and writes every row
// as CSV to standard output, as 'sqlite3 -csv -header' does.
//
//	csvfloor FILE SQL
//
// scripts/bench builds it twice: as it is, and with a file added (through
// go build -overlay, never written into the tree) that imports every
// package wgll imports from outside the standard library. Go runs every
// linked package's initialisation before main, so the second is the floor
// of any one binary that holds wgll's libraries: its terminal interface,
// SSH server, XLSX and PDF writers.
package main

import (
	"bufio"
	"database/sql"
	"encoding/csv"
	"fmt"
	"net/url"
	"os"

	_ "modernc.org/sqlite"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: csvfloor FILE SQL")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "csvfloor:", err)
		os.Exit(1)
	}
}

func run(file, query string) error {
	db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: file, RawQuery: "mode=ro"}).String())
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.Query(query)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	w := csv.NewWriter(out)
	if err := w.Write(cols); err != nil {
		return err
	}
	vals := make([]sql.RawBytes, len(cols))
	dest := make([]any, len(cols))
	for i := range vals {
		dest[i] = &vals[i]
	}
	rec := make([]string, len(cols))
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		for i, v := range vals {
			rec[i] = string(v)
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return out.Flush()
}
