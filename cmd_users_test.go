package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

func writePub(t *testing.T, dir, name, comment string) (string, string) {
	t.Helper()
	s := newSigner(t)
	path := filepath.Join(dir, name)
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.PublicKey()))) + " " + comment + "\n"
	if err := os.WriteFile(path, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, gossh.FingerprintSHA256(s.PublicKey())
}

func TestUsersCommands(t *testing.T) {
	db, _ := seedWorkbook(t)
	dir := t.TempDir()
	annKey, annFP := writePub(t, dir, "ann.pub", "ann@laptop")
	bobKey, _ := writePub(t, dir, "bob.pub", "bob@desk")
	catKey, _ := writePub(t, dir, "cat.pub", "cat@desk")
	auth := filepath.Join(dir, "authorized_keys")
	b1, _ := os.ReadFile(bobKey)
	b2, _ := os.ReadFile(catKey)
	os.WriteFile(auth, append(append([]byte("# the team\n"), b1...), b2...), 0o600)

	steps := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"users", "add", "Ann Smith", "--role", "member", "--key", annKey}, 0, "Added Ann Smith as member with 1 key(s).\n  " + annFP, ""},
		{[]string{"users", "add", "Ann Smith", "--role", "member"}, 1, "", `already a user "Ann Smith"`},
		{[]string{"users", "add", "Dan", "--key", annKey}, 2, "", "say which role with --role"},
		{[]string{"users", "add", "Dan", "--role", "boss"}, 2, "", `unknown role "boss"`},
		{[]string{"users", "add", "Dan", "--role", "member", "--key", auth}, 1, "", "more than one key"},
		{[]string{"users", "import", auth, "--role", "observer"}, 0, "Imported 2 key(s); new users: bob, cat.", ""},
		{[]string{"users", "role", "bob", "facilitator"}, 0, "bob is now facilitator", ""},
		{[]string{"users", "role", "nobody", "member"}, 1, "", `no user "nobody"`},
		{[]string{"users", "remove", "cat"}, 0, "Removed cat.", ""},
		{[]string{"users", "invite", "Eve", "--role", "member"}, 0, "Invitation for Eve (member): ", ""},
		{[]string{"users", "list"}, 0, "Ann Smith  member       ssh-ed25519 " + annFP + "  ann@laptop", ""},
	}
	for _, s := range steps {
		code, out, errs := runWGLL(t, append(s.args, "--db", db)...)
		if code != s.code || !strings.Contains(out, s.stdout) || !strings.Contains(errs, s.stderr) {
			t.Errorf("wgll %s: exit %d, stdout %q, stderr %q; want exit %d, %q, %q", strings.Join(s.args, " "), code, out, errs, s.code, s.stdout, s.stderr)
		}
	}
	code, out, _ := runWGLL(t, "users", "list", "--db", db)
	if code != 0 || !strings.Contains(out, "bob        facilitator") || strings.Contains(out, "cat") {
		t.Errorf("users list:\n%s", out)
	}
	if code, _, errs := runWGLL(t, "users", "list", "--db", filepath.Join(dir, "none.db")); code != 1 || !strings.Contains(errs, "no workbook at") {
		t.Errorf("users list on a missing workbook: %d %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("a missing workbook was created")
	}
}
