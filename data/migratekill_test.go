package data

import (
	"bufio"
	"database/sql"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"testing"
	"time"
)

// envOpener switches TestHelperOpener into a child process that opens the
// workbook it names (migrating it) and reports when Open returned.
const envOpener = "WGLL_HELPER_OPEN"

func TestHelperOpener(t *testing.T) {
	path := os.Getenv(envOpener)
	if path == "" {
		t.Skip("runs only as a child process started by TestMigrationKilledPartWay")
	}
	s, err := Open(path, Options{User: "opener", NoBackupOnOpen: true})
	if err != nil {
		fmt.Printf("ERR %v\n", err)
		os.Exit(3)
	}
	fmt.Println("OPENED")
	s.Close()
	os.Exit(0)
}

// downgrade turns a current workbook into one of schema 1, as an older
// wgll left it, so that the next Open migrates it.
func downgrade(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range append(append([]string(nil), undoSchema3...),
		"DROP TABLE benchmark_provider_overall", "DROP TABLE benchmark_provider_scores",
		"DROP TABLE benchmark_means", "DROP TABLE benchmark_imports", "PRAGMA user_version = 1",
	) {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func schemaOf(t *testing.T, path string) (version, benchmarkTables, checklistColumns int) {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'benchmark_%' AND type = 'table'").Scan(&benchmarkTables); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT count(*) FROM pragma_table_info('responses') WHERE name IN ('ticks', 'score_reason')").Scan(&checklistColumns); err != nil {
		t.Fatal(err)
	}
	return version, benchmarkTables, checklistColumns
}

// TestMigrationKilledPartWay kills a process while it upgrades an old
// workbook (taking the backup first, then migrating) at random moments:
// afterwards the file is wholly at one schema (1; 2 with the benchmark
// tables; 3 with the checklist columns as well), never between two, and it
// opens with its data.
func TestMigrationKilledPartWay(t *testing.T) {
	rounds := 40
	if testing.Short() {
		rounds = 8
	}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	seen := map[int]int{}
	for round := 0; round < rounds; round++ {
		path := newDB(t)
		workbookWithData(t, path)
		downgrade(t, path)
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperOpener$", "-test.count=1")
		cmd.Env = append(os.Environ(), envOpener+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Intn(40000)) * time.Microsecond)
		cmd.Process.Kill()
		rest, _ := bufio.NewReader(out).ReadString('\n')
		cmd.Wait()
		if len(rest) > 3 && rest[:3] == "ERR" {
			t.Fatalf("round %d: the opener failed: %s", round, rest)
		}
		v, tables, cols := schemaOf(t, path)
		switch {
		// Each migration is its own transaction: a kill between two of
		// them leaves a whole earlier schema, which the next Open finishes.
		case v == 1 && tables == 0 && cols == 0, v == 2 && tables == 4 && cols == 0,
			v >= 3 && v <= SchemaVersion() && tables == 4 && cols == 2 && (schema3Tables(t, path) == 2) == (v >= 6):
			seen[v]++
		default:
			t.Fatalf("round %d: half-migrated file: schema %d with %d of 4 benchmark tables and %d of 2 checklist columns", round, v, tables, cols)
		}
		s := openT(t, path, "after")
		hs, err := s.Assessments(ctx)
		if err != nil || len(hs) != 1 {
			t.Fatalf("round %d: after the kill: %v assessments, %v", round, len(hs), err)
		}
		a, err := s.Assessment(ctx, hs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, list := range a.Evidence {
			n += len(list)
		}
		if n != 40 {
			t.Fatalf("round %d: %d evidence items after the kill, want 40", round, n)
		}
		r, err := s.Check(ctx)
		if err != nil || !r.OK() {
			t.Fatalf("round %d: integrity %v, %v", round, r.Integrity, err)
		}
		s.Close()
	}
	t.Logf("after %d kills: %d files still schema 1, %d at schema 2, %d migrated", rounds, seen[1], seen[2], seen[3])
}
