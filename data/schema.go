package data

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// expectedColumns caches, per schema version, the columns of every table
// that the migrations up to that version make.
var expectedColumns = struct {
	sync.Mutex
	byVersion map[int]map[string]map[string]bool
}{byVersion: map[int]map[string]map[string]bool{}}

// columnsOf reads the tables and their columns through q.
func columnsOf(ctx context.Context, q querier) (map[string]map[string]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]map[string]bool{}
	for rows.Next() {
		var t, c string
		if err := rows.Scan(&t, &c); err != nil {
			return nil, err
		}
		if out[t] == nil {
			out[t] = map[string]bool{}
		}
		out[t][c] = true
	}
	return out, rows.Err()
}

// schemaColumns is what the migrations make at this build's schema, one
// "table column" per line, so that opening a current workbook checks its
// structure without building the schema in memory first (4 ms of every
// start). TestSchemaColumnsFile checks that it is what the migrations
// make; 'go test ./data -run SchemaColumnsFile -update' writes it anew.
//
//go:embed schema_columns.txt
var schemaColumns string

// parseSchemaColumns reads schemaColumns' format.
func parseSchemaColumns(text string) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for line := range strings.Lines(text) {
		t, c, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok {
			continue
		}
		if out[t] == nil {
			out[t] = map[string]bool{}
		}
		out[t][c] = true
	}
	return out
}

// formatSchemaColumns writes cols in schemaColumns' format, sorted.
func formatSchemaColumns(cols map[string]map[string]bool) string {
	var lines []string
	for t, cs := range cols {
		for c := range cs {
			lines = append(lines, t+" "+c+"\n")
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "")
}

// schemaAt is what the migrations up to version make: at this build's
// version, schemaColumns; at an older one (a workbook about to be
// upgraded), built once per version in a database in memory.
func schemaAt(ctx context.Context, version int) (map[string]map[string]bool, error) {
	expectedColumns.Lock()
	defer expectedColumns.Unlock()
	if m, ok := expectedColumns.byVersion[version]; ok {
		return m, nil
	}
	if version == latestVersion(migrations) && sameMigrations() {
		m := parseSchemaColumns(schemaColumns)
		expectedColumns.byVersion[version] = m
		return m, nil
	}
	return buildSchemaAt(ctx, version)
}

// sameMigrations reports whether migrations are the embedded ones that
// schemaColumns was written from (tests may substitute their own).
func sameMigrations() bool {
	return len(migrations) == len(embeddedMigrations) && (len(migrations) == 0 || &migrations[0] == &embeddedMigrations[0])
}

// buildSchemaAt builds what the migrations up to version make in a
// database in memory; the caller holds expectedColumns.
func buildSchemaAt(ctx context.Context, version int) (map[string]map[string]bool, error) {
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: one in-memory database
	for _, m := range migrations {
		if m.version > version {
			break
		}
		if _, err := db.ExecContext(ctx, m.text()); err != nil {
			return nil, fmt.Errorf("migration %03d_%s: %w", m.version, m.name, err)
		}
	}
	cols, err := columnsOf(ctx, db)
	if err != nil {
		return nil, err
	}
	expectedColumns.byVersion[version] = cols
	return cols, nil
}

// schemaProblem compares the tables of a workbook at version with what the
// migrations make and names the first table or column missing, or returns
// "". A damaged page of the schema can rename a column while leaving the
// file otherwise sound; wgll would then fail at the first query that uses
// it, so such a file is refused on opening instead. Extra tables and
// columns (added by another tool) are allowed.
func schemaProblem(ctx context.Context, q querier, version int) (string, error) {
	want, err := schemaAt(ctx, version)
	if err != nil {
		return "", err
	}
	have, err := columnsOf(ctx, q)
	if err != nil {
		return "", err
	}
	tables := make([]string, 0, len(want))
	for t := range want {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	for _, t := range tables {
		if have[t] == nil {
			return "table " + t + " is missing", nil
		}
		var missing []string
		for c := range want[t] {
			if !have[t][c] {
				missing = append(missing, c)
			}
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			return fmt.Sprintf("table %s has no column %s", t, strings.Join(missing, ", ")), nil
		}
	}
	return "", nil
}
