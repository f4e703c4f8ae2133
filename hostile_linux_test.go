package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/creack/pty"
	_ "modernc.org/sqlite"
)

// hostile is text that would take over a terminal if it reached one: it
// clears the screen, writes the clipboard (OSC 52), sets the title (OSC 0),
// returns the carriage, rings the bell, reverses the text (U+202E) and hides
// a character (U+200B). C1 controls (U+009B, an 8-bit CSI) are in it too.
const hostile = "A\x1b[2JB\x1b]52;c;ZXZpbA==\x07C\x1b]0;pwned\x07D\rE\aF\u202eG\u200bH\u009b31mI"

// hostileTOML is hostile written as TOML basic-string escapes. Criteria
// holding control characters are refused when loaded, so it goes only into
// a criteria file given to 'wgll criteria check'.
const hostileTOML = `A\u001b[2JB\u001b]52;c;ZXZpbA==\u0007C\u001b]0;pwned\u0007D\rE\u0007F\u202eG`

// hostileWorkbook writes the demo workbook and then puts hostile text into
// every stored text field a command could print, straight through SQL, as
// a file edited by another tool or imported from another organisation would.
func hostileWorkbook(t *testing.T, dir string) string {
	t.Helper()
	db := filepath.Join(dir, "hostile.db")
	if code, _, errs := runWGLL(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fields := map[string][]string{
		"assessments": {"organisation", "period", "care_setting"},
		"responses":   {"rationale", "updated_by"},
		"evidence":    {"title", "detail", "link", "added_by", "updated_by", "owner"},
		"signoffs":    {"assured_by", "minute_ref", "signed_by"},
		"actions":     {"title", "owner", "created_by", "updated_by"},
		"changes":     {"changed_by", "entity", "entity_id", "operation", "field", "old_value", "new_value"},
	}
	for table, cols := range fields {
		for _, c := range cols {
			if _, err := conn.Exec("UPDATE "+table+" SET "+c+" = "+c+" || ?", hostile); err != nil {
				t.Fatalf("update %s.%s: %v", table, c, err)
			}
		}
	}
	// A workshop whose every name, reason and dissent is hostile.
	var sid string
	if err := conn.QueryRow("SELECT statement_id FROM responses WHERE assessment_id = 1 LIMIT 1").Scan(&sid); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"INSERT INTO workshops (assessment_id, facilitator, rule, started_at, statement_id) VALUES (1, ?1, 'default', '2026-12-01 10:00:00.000Z', ?2)",
		"INSERT INTO workshop_participants (workshop_id, name, joined_at) VALUES (1, ?1, '2026-12-01 10:00:00.000Z')",
		"INSERT INTO workshop_rounds (workshop_id, statement_id, round, opened_at, revealed_at) VALUES (1, ?2, 1, '2026-12-01 10:00:00.000Z', '2026-12-01 10:01:00.000Z')",
		"INSERT INTO workshop_votes (workshop_id, statement_id, round, participant, level, reason, cast_at) VALUES (1, ?2, 1, ?1, 3, ?1, '2026-12-01 10:00:30.000Z')",
		"INSERT INTO workshop_agreements (workshop_id, statement_id, round, score, distribution, agreed_by, voters, dissent, agreed_at) VALUES (1, ?2, 1, 3, '[0,0,0,1,0,0]', ?1, '[]', ?1, '2026-12-01 10:02:00.000Z')",
		"UPDATE workshops SET named_reveal = 1",
	} {
		if _, err := conn.Exec(q, hostile, sid); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// A user with a hostile name and key comment, for 'wgll users list'.
	if _, err := conn.Exec(`INSERT INTO users (name, role, added_by, added_at, updated_by, updated_at) VALUES (?, 'member', 'x', '', 'x', '');
		INSERT INTO user_keys (fingerprint, user_name, public_key, comment, added_by, added_at) VALUES ('SHA256:x', ?, 'ssh-ed25519 AAAA', ?, 'x', '')`,
		hostile, hostile, hostile); err != nil {
		t.Fatalf("insert a user: %v", err)
	}
	return db
}

// hostileCommands is how the terminal test runs each command of wgll. It
// must name every command: a new command fails the test until it is added
// here, so none can forget to sanitise what it prints. A command that draws
// the app instead of printing says why it is left out.
func hostileCommands(dir, db string) map[string][][]string {
	out := filepath.Join(dir, "out")
	evilJSON := filepath.Join(dir, "evil\x1b]0;title\x07.json")
	evilTOML := filepath.Join(dir, "evil\x1b[2J.toml")
	return map[string][][]string{
		// A server that runs until stopped: serve_test.go checks what it
		// prints on starting, with a hostile workbook name.
		"wgll serve":                 nil,
		"wgll users":                 {{"users"}},
		"wgll users add":             {{"users", "add", "x\x1b]0;t\x07", "--role", "member", "--db", db}, {"users", "add", "ann", "--role", "member", "--key", evilJSON, "--db", db}},
		"wgll users list":            {{"users", "list", "--db", db}},
		"wgll users remove":          {{"users", "remove", "x\x1b]0;t\x07", "--db", db}},
		"wgll users role":            {{"users", "role", "x\x1b]0;t\x07", "member", "--db", db}, {"users", "role", "ann", "x\x1b]0;t\x07", "--db", db}},
		"wgll users import":          {{"users", "import", evilJSON, "--role", "member", "--db", db}},
		"wgll users invite":          {{"users", "invite", "x\x1b]0;t\x07", "--role", "member", "--db", db}},
		"wgll":                       nil, // the app: every screen is checked by ui's hostile-text tests
		"wgll open":                  nil, // the app, as above
		"wgll list":                  {{"list", "--db", db}},
		"wgll history":               {{"history", "--db", db}},
		"wgll backup":                {{"backup", filepath.Join(out, "copy.db"), "--db", db}},
		"wgll check":                 {{"check", "--db", db}},
		"wgll demo":                  {{"demo", "--db", filepath.Join(dir, "demo\x1b]0;t\x07.db")}},
		"wgll new":                   {{"new", "--from", "1", "--period", "2030/31", "--db", db}},
		"wgll import":                {{"import", evilJSON, "--db", filepath.Join(dir, "other.db")}, {"import", evilJSON, "--db", db}},
		"wgll export":                {{"export", "--db", db}},
		"wgll export actions":        {{"export", "actions", "--db", db}, {"export", "actions", "--format", "md", "--db", db}, {"export", "actions", "--format", "json", "--db", db}},
		"wgll export report":         {{"export", "report", "--db", db}},
		"wgll export assessments":    {{"export", "assessments", "--db", db}},
		"wgll report":                {{"report", "--db", db}, {"report", "--format", "html", "--db", db}},
		"wgll heatmap":               {{"heatmap", "--db", db}, {"heatmap", "--by", "period", "--db", db}, {"heatmap", "--by", "organisation", "--db", db}},
		"wgll compare":               {{"compare", "1", "2", "--db", db}, {"compare", "1", "2", "--format", "md", "--db", db}, {"compare", "1", "3", "--db", db}},
		"wgll criteria":              {{"criteria"}},
		"wgll criteria dump":         {{"criteria", "dump"}, {"criteria", "dump", "v\x1b]0;t\x07"}},
		"wgll criteria check":        {{"criteria", "check", evilTOML}},
		"wgll criteria list":         {{"criteria", "list"}},
		"wgll criteria resources":    {{"criteria", "resources", "--criteria", evilTOML}, {"criteria", "resources", "--measure", "m\x1b[2J"}, {"criteria", "resources", "--criteria", "builtin:x\x1b]0;t\x07"}},
		"wgll benchmark":             {{"benchmark"}},
		"wgll benchmark import":      {{"benchmark", "import", evilJSON, "--db", db}},
		"wgll benchmark show":        {{"benchmark", "show", "--db", db}, {"benchmark", "show", "--provider", "x\x1b]0;t\x07", "--db", db}},
		"wgll version":               {{"version"}},
		"wgll help":                  {{"help", "list"}, {"help", "no\x1b]0;t\x07pe"}},
		"wgll completion":            {{"completion"}},
		"wgll completion bash":       {{"completion", "bash"}},
		"wgll completion zsh":        {{"completion", "zsh"}},
		"wgll completion fish":       {{"completion", "fish"}},
		"wgll completion powershell": {{"completion", "powershell"}},
		"wgll workshop":              {{"workshop"}},
		"wgll workshop join":         nil, // a screen: ui/workshop's hostile-text tests check it
		"wgll workshop show":         nil, // a screen, as above
		"wgll workshop list":         {{"workshop", "list", "--db", db}},
		"wgll workshop record":       {{"workshop", "record", "--db", db}, {"workshop", "record", "--format", "json", "--db", db}},
		"wgll plan":                  {{"plan", "--db", db}, {"plan", "--format", "md", "--db", db}, {"plan", "--assessment", "1", "--db", db}},
		"wgll target":                {{"target", "--assessment", "1", "WL-O1", "3", "--db", db}, {"target", "WL-O1", "4", "--db", db}},
		"wgll assessment":            {{"assessment"}},
		"wgll assessment signoff":    {{"assessment", "signoff", "1", "--by", "x\x1b]0;t\x07", "--db", db}},
		"wgll assessment unlock":     {{"assessment", "unlock", "1", "--reason", "r\x1b]0;t\x07", "--db", db}},
		"wgll assessment rename":     {{"assessment", "rename", "2", "--period", "p\x1b]0;t\x07", "--db", db}},
		"wgll assessment delete":     {{"assessment", "delete", "3", "--db", db}},
		"wgll evidence":              {{"evidence"}},
		"wgll evidence stale":        {{"evidence", "stale", "--all", "--db", db}, {"evidence", "stale", "--db", db}},
		"wgll evidence confirm":      {{"evidence", "confirm", "1", "--db", db}, {"evidence", "confirm", "20", "--review-by", "2099-01-01", "--db", db}},
		"wgll evidence link":         {{"evidence", "link", "20", "WL-O2", "--db", db}},
		"wgll evidence unlink":       {{"evidence", "unlink", "20", "WL-O2", "--db", db}},
		"wgll evidence delete":       {{"evidence", "delete", "20", "--db", db}},
	}
}

// controlFromData finds the first byte sequence in terminal output that no
// sanitised text could contain: ESC, BEL, C0 controls other than newline
// (a CR only as the terminal's own CR LF), C1 controls, bidi and zero-width
// characters.
func controlFromData(b []byte) (string, bool) {
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	for i, r := range s {
		bad := r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r >= 0x200b && r <= 0x200f || r == 0xfeff
		if r == utf8.RuneError {
			continue
		}
		if bad {
			lo, hi := max(0, i-40), min(len(s), i+40)
			return s[lo:hi], true
		}
	}
	return "", false
}

// Every command, run with hostile text in every stored field and in the
// names of the files it is given, writes nothing to a terminal that could
// act on it.
func TestNoCommandLetsDataControlTheTerminal(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("WGLL_DB", "")
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	db := hostileWorkbook(t, dir)
	// A whole-assessment JSON whose text is hostile and that conflicts with
	// what the workbook holds, so import refuses it and names it.
	code, doc, errs := runWGLL(t, "export", "assessments", "--db", db)
	if code != 0 {
		t.Fatalf("export assessments: %s", errs)
	}
	var parsed map[string]any
	if err := json.Unmarshal([]byte(doc), &parsed); err != nil {
		t.Fatalf("export JSON: %v", err)
	}
	conflicting := strings.Replace(doc, `"rationale": "`, `"rationale": "changed `, 1)
	if err := os.WriteFile(filepath.Join(dir, "evil\x1b]0;title\x07.json"), []byte(conflicting), 0o644); err != nil {
		t.Fatal(err)
	}
	badTOML := "[framework]\nname = \"x\"\n[[measure]]\nkey = \"" + hostileTOML + "\"\nbogus\x1b]0;t\x07 = 1\n"
	if err := os.WriteFile(filepath.Join(dir, "evil\x1b[2J.toml"), []byte(badTOML), 0o644); err != nil {
		t.Fatal(err)
	}

	table := hostileCommands(dir, db)
	for _, c := range allCommands() {
		if !c.Runnable() || c.Hidden {
			continue
		}
		if _, ok := table[c.CommandPath()]; !ok {
			t.Errorf("%q is not in hostileCommands: add how to run it with hostile data, so what it prints to a terminal is checked", c.CommandPath())
		}
	}
	for name, runs := range table {
		for _, args := range runs {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				out, code := runInPTY(t, args)
				if bad, found := controlFromData(out); found {
					t.Errorf("%s (exit %d) wrote a control sequence to the terminal near %q", name, code, bad)
				}
			})
		}
	}
}

// runInPTY runs one wgll invocation in-process with standard output and
// error on a pseudo-terminal, and returns everything the terminal got.
func runInPTY(t *testing.T, args []string) ([]byte, int) {
	t.Helper()
	master, slave, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer master.Close()
	var got bytes.Buffer
	done := make(chan struct{})
	go func() {
		io.Copy(&got, master)
		close(done)
	}()
	code := run(context.Background(), args, strings.NewReader(""), slave, slave)
	slave.Close()
	<-done
	return got.Bytes(), code
}
