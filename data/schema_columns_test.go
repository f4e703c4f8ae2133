package data

import (
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "write data/schema_columns.txt anew from the migrations")

// TestSchemaColumnsFile checks that schema_columns.txt, which opening a
// current workbook checks its structure against, is what the migrations
// make at this build's schema.
func TestSchemaColumnsFile(t *testing.T) {
	expectedColumns.Lock()
	built, err := buildSchemaAt(ctx, latestVersion(embeddedMigrations))
	expectedColumns.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	want := formatSchemaColumns(built)
	if *update {
		if err := os.WriteFile("schema_columns.txt", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if schemaColumns != want {
		t.Fatalf("schema_columns.txt is not what the migrations make; run go test ./data -run SchemaColumnsFile -update")
	}
	if got := formatSchemaColumns(parseSchemaColumns(schemaColumns)); got != want {
		t.Fatalf("schema_columns.txt does not read back as written:\n%s", got)
	}
}
