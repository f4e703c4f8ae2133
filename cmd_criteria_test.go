package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"wgll/criteria"
	"wgll/data"
	"wgll/model"
)

func TestCriteriaList(t *testing.T) {
	code, out, errs := runWGLL(t, "criteria", "list")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"wgll-2021 (default)   What Good Looks Like, version wgll-2021.2: 7 measures, 95 statements",
		"v3-alpha              What Good Looks Like v3 (alpha), version wgll-v3-alpha.1: 7 measures, 73 statements",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("criteria list lacks %q:\n%s", want, out)
		}
	}
}

func TestCriteriaDumpByName(t *testing.T) {
	for _, tt := range []struct {
		args []string
		name string
	}{{[]string{"criteria", "dump"}, "wgll-2021"}, {[]string{"criteria", "dump", "wgll-2021"}, "wgll-2021"}, {[]string{"criteria", "dump", "v3-alpha"}, "v3-alpha"}} {
		code, out, errs := runWGLL(t, tt.args...)
		_, want, _ := criteria.BuiltinNamed(tt.name)
		if code != 0 || !bytes.Equal([]byte(out), want) {
			t.Errorf("wgll %s: exit %d (%s), output is not the %s file", strings.Join(tt.args, " "), code, errs, tt.name)
		}
	}
	code, _, errs := runWGLL(t, "criteria", "dump", "v4")
	if code != 2 || !strings.Contains(errs, `there is no built-in framework "v4"; use one of wgll-2021, v3-alpha`) {
		t.Errorf("dump v4: exit %d, %q", code, errs)
	}
	if code, _, _ := runWGLL(t, "criteria", "dump", "a", "b"); code != 2 {
		t.Errorf("dump with two names: exit %d, want 2", code)
	}
}

func TestCriteriaResources(t *testing.T) {
	code, out, errs := runWGLL(t, "criteria", "resources", "--measure", "safe-practice")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Safe practice (safe-practice)", "  SP-O8  ", "How it is measured: Data Security and Protection Toolkit", "      https://www.dsptoolkit.nhs.uk/", "Standard: GPG45"} {
		if !strings.Contains(out, want) {
			t.Errorf("resources lacks %q", want)
		}
	}
	if strings.Contains(out, "Well led") || strings.Contains(out, "WL-O1") {
		t.Error("--measure safe-practice listed other measures")
	}
	code, all, _ := runWGLL(t, "criteria", "resources")
	if code != 0 || strings.Count(all, "\n  ") < 95 || !strings.Contains(all, "Healthy populations (healthy-populations)") {
		t.Errorf("resources without --measure: exit %d, %d statements listed", code, strings.Count(all, "\n  "))
	}
	code, v3, _ := runWGLL(t, "criteria", "resources", "--criteria", "builtin:v3-alpha", "--measure", "Well led")
	if code != 0 || !strings.Contains(v3, "  WL1.3-O  ") || !strings.Contains(v3, "https://www.fedip.org/") {
		t.Errorf("v3-alpha Well led resources: exit %d:\n%s", code, v3)
	}
	code, _, errs = runWGLL(t, "criteria", "resources", "--measure", "nope")
	if code != 2 || !strings.Contains(errs, `no measure "nope"; use one of well-led, smart-foundations`) {
		t.Errorf("unknown measure: exit %d, %q", code, errs)
	}
	code, _, errs = runWGLL(t, "criteria", "resources", "--criteria", "builtin:v9")
	if code == 0 || !strings.Contains(errs, `no built-in framework "v9"`) {
		t.Errorf("unknown built-in: exit %d, %q", code, errs)
	}
}

// criteria check reports each new kind of bad input at FILE:LINE with a
// non-zero exit, and passes a file that uses them well.
func TestCriteriaCheckKnowledge(t *testing.T) {
	dir := t.TempDir()
	_, raw, _ := criteria.BuiltinNamed("v3-alpha")
	good := filepath.Join(dir, "v3.toml")
	if err := os.WriteFile(good, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runWGLL(t, "criteria", "check", good)
	if code != 0 || !strings.Contains(out, "ok: 7 measures, 73 statements, scale 1-5, 158 resources, 73 checklists, 95 mapping entries") {
		t.Fatalf("check v3: exit %d, %q %q", code, out, errs)
	}
	text := string(raw)
	firstElements := regexp.MustCompile(`(?s)elements = \[.*?\]`).FindString(text)
	lineOf := func(s string) int { return strings.Count(text[:strings.Index(text, s)], "\n") + 1 }
	for _, tt := range []struct {
		name, old, new, want string
	}{
		{"unknown kind", `kind = "measurement"`, `kind = "podcast"`, `kind "podcast" is not known`},
		{"bad url", `url = "https://www.england.nhs.uk/digitaltechnology/connecteddigitalsystems/digital-maturity-assessment/"`, `url = "file:///etc/passwd"`, `does not start with https:// or http://`},
		{"level outside the scale", "level = 5\nelements", "level = 6\nelements", `checklist level 6 is outside the scale; use a level from 1 to 5`},
		{"empty elements", firstElements, "elements = []", `has no elements; list what must be met`},
		{"mapping to an unknown id", `to = "WL1.1-O"`, `to = "WL9.9-O"`, `to = "WL9.9-O" is not a statement id in this file`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			line := lineOf(tt.old)
			bad := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".toml")
			if err := os.WriteFile(bad, []byte(strings.Replace(text, tt.old, tt.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, errs := runWGLL(t, "criteria", "check", bad)
			wantLine := bad + ":" + strconv.Itoa(line) + ":"
			if code != 1 || !strings.Contains(errs, wantLine) || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit 1 with %q and %q", code, errs, wantLine, tt.want)
			}
		})
	}
}

// wgll new --criteria builtin:v3-alpha carries a wgll-2021 assessment
// across the refresh through the mapping.
func TestNewWithBuiltinV3Alpha(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	st, err := data.Open(db, data.Options{User: "tester", NoBackupOnOpen: true, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	h, err := st.CreateAssessment(ctx, model.Header{Organisation: "Northfield Trust", Audience: criteria.Organisation, Period: "2025/26"}, criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetScore(ctx, h.ID, "SF-O3", 3); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, errs := runWGLL(t, "new", "--db", db, "--from", "1", "--criteria", "builtin:v3-alpha")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "statements matched through the mapping from wgll-2021.2: 13 comparable, 25 reworded") {
		t.Errorf("new did not report the mapping:\n%s", out)
	}
	st, err = data.Open(db, data.Options{User: "tester", NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := st.Assessment(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if a.Criteria.Framework.Version != "wgll-v3-alpha.1" || a.Previous["SF2.1-O"] != 3 {
		t.Errorf("new assessment: version %q, last time %v", a.Criteria.Framework.Version, a.Previous)
	}
	// compare marks what is not like for like across the refresh.
	if _, err := st.SetScore(ctx, 1, "WL-O2", 2); err != nil {
		t.Fatal(err)
	}
	for id, sc := range map[string]model.Score{"SF2.1-O": 4, "WL1.2-O": 3} {
		if _, err := st.SetScore(ctx, 2, id, sc); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs = runWGLL(t, "compare", "1", "2", "--db", db)
	if code != 0 {
		t.Fatalf("compare: exit %d: %s", code, errs)
	}
	for _, want := range []string{"SF2.1-O  3→4 ", "WL1.2-O  2→3 ", "(reworded from WL-O2, WL-O3, WL-O9; not like for like)", "like for like over the one statement scored in both periods; one statement reworded between the periods is left out of it"} {
		if !strings.Contains(out, want) {
			t.Errorf("compare lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "reworded from") != 1 {
		t.Errorf("only WL1.2-O is reworded here:\n%s", out)
	}
	if code, _, errs := runWGLL(t, "new", "--db", db, "--from", "1", "--period", "2027/28", "--criteria", "builtin:nope"); code == 0 || !strings.Contains(errs, `no built-in framework "nope"`) {
		t.Errorf("unknown built-in: exit %d, %q", code, errs)
	}
}
