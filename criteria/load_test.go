package criteria

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// base is a small valid file. Line numbers used by the tests below:
//
//	1 [framework]   4 [[scale]]  9 [[scale]]   14 [[measure]]  18 [[measure.statement]]
//	2 name          5 level     10 level       15 key          19 id
//	                6 label     11 label       16 name         20 audience
//	                7 descriptor 12 descriptor                 21 text
const base = `[framework]
name = "Test"

[[scale]]
level = 1
label = "Low"
descriptor = "Little is done."

[[scale]]
level = 2
label = "High"
descriptor = "Much is done."

[[measure]]
key = "m1"
name = "Measure one"

[[measure.statement]]
id = "M-O1"
audience = "organisation"
text = "We do it."
`

// edit replaces old, which must occur exactly once in base, with new.
func edit(t *testing.T, old, new string) string {
	t.Helper()
	if n := strings.Count(base, old); n != 1 {
		t.Fatalf("edit: %q occurs %d times in base", old, n)
	}
	return strings.Replace(base, old, new, 1)
}

func TestParseBase(t *testing.T) {
	c, err := Parse("x.toml", []byte(base))
	if err != nil {
		t.Fatalf("Parse(base) = %v", err)
	}
	want := &Criteria{
		Framework: Framework{Name: "Test"},
		Scale:     []Level{{1, "Low", "Little is done."}, {2, "High", "Much is done."}},
		Measures: []Measure{{Key: "m1", Name: "Measure one", Statements: []Statement{
			{ID: "M-O1", Audience: Organisation, Text: "We do it."},
		}}},
	}
	if !reflect.DeepEqual(c, want) {
		t.Fatalf("Parse(base) = %+v, want %+v", c, want)
	}
}

func TestParseProblems(t *testing.T) {
	tenLevels := base
	for n := 3; n <= 10; n++ {
		tenLevels = strings.Replace(tenLevels, "\n[[measure]]", "\n[[scale]]\nlevel = "+string(rune('0'+n%10))+"\nlabel = \"L\"\ndescriptor = \"D\"\n\n[[measure]]", 1)
	}
	tenLevels = strings.Replace(tenLevels, "level = 0", "level = 10", 1)

	tests := []struct {
		name string
		src  string
		want string
	}{
		{"syntax error", edit(t, `name = "Test"`, `name = "Test`),
			`x.toml:2: TOML syntax error: strings cannot contain newlines; fix the TOML on this line`},
		{"syntax error later", edit(t, "level = 2", "level = = 2"),
			`x.toml:10: TOML syntax error: expected value but found '=' instead; fix the TOML on this line`},
		{"toml duplicate key", edit(t, `text = "We do it."`, "text = \"a\"\ntext = \"b\""),
			`x.toml:22: TOML syntax error: Key 'measure.statement.text' has already been defined; fix the TOML on this line`},
		{"level of wrong type", edit(t, "level = 2", `level = "2"`),
			`x.toml:10: scale entry 2: level must be a whole number such as level = 2, not text`},
		{"text of wrong type", edit(t, `text = "We do it."`, "text = 5"),
			`x.toml:21: statement M-O1: text must be text in quotes, not a whole number; write text = "..."`},
		{"former names of wrong type", edit(t, `name = "Measure one"`, `name = "Measure one"`+"\nformer_names = \"Old\""),
			`x.toml:17: measure m1: former_names must be a list of text such as former_names = ["Old name"], not text`},
		{"former names with a number", edit(t, `name = "Measure one"`, `name = "Measure one"`+"\nformer_names = [\"Old\", 2]"),
			`x.toml:17: measure m1: former_names must be a list of text such as former_names = ["Old name"], not a list`},
		{"framework as array", edit(t, "[framework]", "[[framework]]"),
			`x.toml:1: framework must be a table; write it as a [framework] section with name = "...", not a list`},
		{"measure as number", strings.Replace(base[:strings.Index(base, "[[measure]]")], "[framework]", "measure = 5\n[framework]", 1),
			`x.toml:1: measure must be a list of [[measure]] tables, not a whole number`},
		{"statement as table", edit(t, "[[measure.statement]]", "[measure.statement]"),
			`x.toml:18: measure m1: statement must be a list of [[measure.statement]] tables, not a table`},
		{"unknown top-level table", base + "\n[extra]\nx = 1\n",
			`x.toml:23: unknown key "extra" in the top level; the keys allowed there are framework, scale, measure and mapping, so check the spelling or remove it`},
		{"unknown statement key", base + "colour = \"red\"\n",
			`x.toml:22: unknown key "colour" in statement M-O1; the keys allowed there are id, audience, text, guidance, source, resource and level, so check the spelling or remove it`},
		{"unknown framework key", edit(t, `name = "Test"`, `nmae = "Test"`),
			"x.toml:1: framework: name is empty; write the framework's title, such as name = \"What Good Looks Like\"\n" +
				`x.toml:2: unknown key "nmae" in [framework]; the keys allowed there are name, version, note, not_assessed and maps_from, so check the spelling or remove it`},
		{"unknown scale key", edit(t, `label = "High"`, `lable = "High"`),
			"x.toml:9: scale level 2: label is empty; write a short name for the level, such as label = \"Developing\"\n" +
				`x.toml:11: unknown key "lable" in scale level 2; the keys allowed there are level, label and descriptor, so check the spelling or remove it`},
		{"unknown measure sub-table", base + "\n[measure.meta]\nowner = \"x\"\n",
			`x.toml:23: unknown key "meta" in measure m1; the keys allowed there are key, name, former_names, success_measure and statement, so check the spelling or remove it`},
		{"misspelt statement table", edit(t, "[[measure.statement]]", "[[measure.statements]]"),
			"x.toml:14: measure m1 has no statements; add at least one [[measure.statement]] after it, with id, audience and text\n" +
				`x.toml:18: unknown key "statements" in measure m1; the keys allowed there are key, name, former_names, success_measure and statement, so check the spelling or remove it`},
		{"missing statement id", edit(t, `id = "M-O1"`, "# no id"),
			`x.toml:18: statement 1 of measure m1: id is missing; add a stable id such as id = "WL-O1"`},
		{"statement id with a space", edit(t, `id = "M-O1"`, `id = "M O1"`),
			`x.toml:19: statement 1 of measure m1: id "M O1" contains a space; use at most 64 ASCII letters, digits, "-", "_" or "."`},
		{"statement id with a slash", edit(t, `id = "M-O1"`, `id = "M/O1"`),
			`x.toml:19: statement 1 of measure m1: id "M/O1" contains '/'; use at most 64 ASCII letters, digits, "-", "_" or "."`},
		{"statement id too long", edit(t, `id = "M-O1"`, `id = "`+strings.Repeat("a", 65)+`"`),
			`x.toml:19: statement 1 of measure m1: id "` + strings.Repeat("a", 65) + `" is 65 characters long; use at most 64 ASCII letters, digits, "-", "_" or "."`},
		{"duplicate statement id", base + "\n[[measure.statement]]\nid = \"M-O1\"\naudience = \"ics\"\ntext = \"Again.\"\n",
			`x.toml:24: statement id M-O1 is used twice (first at line 19); give each statement its own id`},
		{"duplicate measure key", base + "\n[[measure]]\nkey = \"m1\"\nname = \"Two\"\n\n[[measure.statement]]\nid = \"M-O2\"\naudience = \"ics\"\ntext = \"T.\"\n",
			`x.toml:24: measure key "m1" is used twice (first at line 15); give each measure its own key`},
		{"missing measure key", edit(t, `key = "m1"`, "# no key"),
			`x.toml:14: measure 1: key is missing; add a stable key such as key = "well-led"`},
		{"measure key with a space", edit(t, `key = "m1"`, `key = "m 1"`),
			`x.toml:15: measure 1: key "m 1" contains a space; use at most 64 ASCII letters, digits, "-", "_" or "."`},
		{"empty measure name", edit(t, `name = "Measure one"`, `name = " "`),
			`x.toml:16: measure m1: name is empty; write the name a board will see, such as name = "Well led"`},
		{"measure with no statements", base + "\n[[measure]]\nkey = \"m2\"\nname = \"Two\"\n",
			`x.toml:23: measure m2 has no statements; add at least one [[measure.statement]] after it, with id, audience and text`},
		{"unknown audience", edit(t, `audience = "organisation"`, `audience = "board"`),
			`x.toml:20: statement M-O1: audience "board" is not known; use "organisation" or "ics"`},
		{"missing audience", edit(t, `audience = "organisation"`, "# audience"),
			`x.toml:18: statement M-O1: audience is missing; add audience = "organisation" or audience = "ics"`},
		{"empty text", edit(t, `text = "We do it."`, `text = "   "`),
			`x.toml:21: statement M-O1: text is empty; write the statement a board will score`},
		{"control character in text", edit(t, `text = "We do it."`, `text = "We \u001b[2J do it."`),
			`x.toml:21: statement M-O1: text contains the control or invisible character U+001B; remove it`},
		{"bidi override in guidance", edit(t, `text = "We do it."`, `text = "We do it."`+"\nguidance = \"a\u202eb\""),
			`x.toml:22: statement M-O1: guidance contains the control or invisible character U+202E; remove it`},
		{"line break in a name", edit(t, `name = "Measure one"`, `name = "Measure\none"`),
			`x.toml:16: measure m1: name must be on one line; remove the line break`},
		{"scale gap", edit(t, "level = 2", "level = 3"),
			`x.toml:10: scale level 2 is missing: levels must run 1, 2, 3 and so on with no gaps; add a [[scale]] with level = 2 or renumber the levels`},
		{"scale not from 1", strings.Replace(edit(t, "level = 2", "level = 3"), "level = 1", "level = 2", 1),
			`x.toml:5: scale level 1 is missing: levels must run 1, 2, 3 and so on with no gaps; add a [[scale]] with level = 1 or renumber the levels`},
		{"scale level twice", edit(t, "level = 2", "level = 1"),
			`x.toml:10: scale level 1 is used twice (first at line 5); number the levels 1, 2, 3 and so on, once each`},
		{"scale level zero", edit(t, "level = 2", "level = 0"),
			`x.toml:10: scale entry 2: level is missing; add level = 2 (levels are numbered from 1)`},
		{"scale level missing", edit(t, "level = 2", "# level"),
			`x.toml:9: scale entry 2: level is missing; add level = 2 (levels are numbered from 1)`},
		{"scale level out of range", edit(t, "level = 2", "level = 12"),
			`x.toml:10: scale entry 2: level 12 is out of range; number the levels from 1 up to at most 9`},
		{"scale too long", tenLevels,
			"x.toml:49: the scale has 10 levels; remove some so that it has at most 9 (the keys 1 to 9 enter a score)\n" +
				`x.toml:50: scale entry 10: level 10 is out of range; number the levels from 1 up to at most 9`},
		{"scale of one level", strings.Replace(base, "[[scale]]\nlevel = 2\nlabel = \"High\"\ndescriptor = \"Much is done.\"\n", "", 1),
			`x.toml:4: the scale has only 1 level; add [[scale]] tables so that it has at least 2, numbered from 1`},
		{"no scale", base[:strings.Index(base, "[[scale]]")] + base[strings.Index(base, "[[measure]]"):],
			`x.toml:1: there is no scale; add [[scale]] tables numbered from level = 1, each with level, label and descriptor`},
		{"empty label and descriptor", edit(t, "label = \"High\"\ndescriptor = \"Much is done.\"", "label = \"\"\ndescriptor = \"\""),
			"x.toml:11: scale level 2: label is empty; write a short name for the level, such as label = \"Developing\"\n" +
				`x.toml:12: scale level 2: descriptor is empty; write one line saying what must be true to score this level`},
		{"no framework", base[strings.Index(base, "[[scale]]"):],
			`x.toml:1: the [framework] table is missing; add [framework] with name = "What Good Looks Like" (and version, note and not_assessed)`},
		{"no measures", base[:strings.Index(base, "[[measure]]")],
			`x.toml:1: there are no measures; add at least one [[measure]] table with key and name, followed by its [[measure.statement]] tables`},
		{"empty file", "",
			"x.toml:1: the [framework] table is missing; add [framework] with name = \"What Good Looks Like\" (and version, note and not_assessed)\n" +
				"x.toml:1: there is no scale; add [[scale]] tables numbered from level = 1, each with level, label and descriptor\n" +
				`x.toml:1: there are no measures; add at least one [[measure]] table with key and name, followed by its [[measure.statement]] tables`},
		{"inline statements", base[:strings.Index(base, "[[measure.statement]]")] + "statement = [\n  {id = \"A\", audience = \"x\", text = \"t\"},\n]\n",
			`x.toml:18: statement A: audience "x" is not known; use "organisation" or "ics"`},
		{"inline measures", "measure = [{key = \"k\", name = \"\", statement = [{id = \"A\", audience = \"ics\", text = \"t\"}]}]\n" + base[:strings.Index(base, "[[measure]]")],
			`x.toml:1: measure k: name is empty; write the name a board will see, such as name = "Well led"`},
		{"multi-line strings keep lines right", edit(t, `name = "Measure one"`, "name = \"Measure one\"\nsuccess_measure = \"\"\"\nOne \\\n[[measure]]\n'''\n\"\"\"") + "guidance = '''\nx\n'''\nbad = 1\n",
			`x.toml:30: unknown key "bad" in statement M-O1; the keys allowed there are id, audience, text, guidance, source, resource and level, so check the spelling or remove it`},
		{"multi-line array keeps lines right", edit(t, `name = "Measure one"`, "name = \"Measure one\"\nformer_names = [\n  \"a\", # [[x]]\n  \"b ]\",\n]") + "colour = 1\n",
			`x.toml:26: unknown key "colour" in statement M-O1; the keys allowed there are id, audience, text, guidance, source, resource and level, so check the spelling or remove it`},
		{"byte order mark", "\ufeff" + edit(t, `key = "m1"`, `key = ""`),
			`x.toml:15: measure 1: key is missing; add a stable key such as key = "well-led"`},
		{"byte order mark before a header", "\ufeff" + strings.Replace(base, `name = "Test"`, `name = ""`, 1),
			`x.toml:2: framework: name is empty; write the framework's title, such as name = "What Good Looks Like"`},
		{"crlf line endings", strings.ReplaceAll(edit(t, `audience = "organisation"`, `audience = "board"`), "\n", "\r\n"),
			`x.toml:20: statement M-O1: audience "board" is not known; use "organisation" or "ics"`},
		{"quoted keys", edit(t, "[[measure.statement]]", `[["measure" . 'statement']]`) + "\"colour\" = 1\n",
			`x.toml:22: unknown key "colour" in statement M-O1; the keys allowed there are id, audience, text, guidance, source, resource and level, so check the spelling or remove it`},
		{"dotted framework keys", strings.Replace(base, "[framework]\nname = \"Test\"", "framework.name = \"\"\nframework.extra = 1", 1),
			"x.toml:1: unknown key \"extra\" in [framework]; the keys allowed there are name, version, note, not_assessed and maps_from, so check the spelling or remove it\n" +
				`x.toml:1: framework: name is empty; write the framework's title, such as name = "What Good Looks Like"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("x.toml", []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse succeeded, want:\n%s\nsource:\n%s", tt.want, tt.src)
			}
			if c != nil {
				t.Errorf("Parse returned criteria with an error")
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error %T is not a *ValidationError", err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error:\n%s\nwant:\n%s", got, tt.want)
			}
			for i := 1; i < len(ve.Problems); i++ {
				if ve.Problems[i].Line < ve.Problems[i-1].Line {
					t.Errorf("problems not sorted by line: %v", ve.Problems)
				}
			}
		})
	}
}

func TestValidationErrorCapsOutput(t *testing.T) {
	var src strings.Builder
	src.WriteString(base)
	for range 60 {
		src.WriteString("\n[[measure.statement]]\nid = \"M-O1\"\naudience = \"ics\"\ntext = \"t\"\n")
	}
	_, err := Parse("x.toml", []byte(src.String()))
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 60 {
		t.Fatalf("got %v, want 60 problems", err)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxShownProblems+1 || lines[len(lines)-1] != "x.toml: and 10 more problems; fix the ones above first" {
		t.Fatalf("Error() has %d lines ending %q", len(lines), lines[len(lines)-1])
	}
}

func TestParseRefusesHugeOrDeepInput(t *testing.T) {
	tests := []struct {
		name string
		src  []byte
		want string
	}{
		{"deep nesting", []byte("a = " + strings.Repeat("[", maxBrackets+1)),
			"x.toml: the file has 100001 '[' and '{' characters, more than the 100000 allowed; check this is a criteria file"},
		{"too big", bytes.Repeat([]byte("#"), MaxFileSize+1),
			"x.toml: the file is 4194305 bytes, more than the 4194304 allowed; check this is a criteria file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.toml", tt.src)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("Parse = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	good := func() *Criteria {
		c, err := Parse("x.toml", []byte(base))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if err := good().Validate(); err != nil {
		t.Fatalf("Validate(base) = %v", err)
	}
	tests := []struct {
		name   string
		change func(c *Criteria)
		want   string
	}{
		{"empty framework name", func(c *Criteria) { c.Framework.Name = "" },
			`framework: name is empty; write the framework's title, such as name = "What Good Looks Like"`},
		{"duplicate id", func(c *Criteria) {
			c.Measures[0].Statements = append(c.Measures[0].Statements, c.Measures[0].Statements[0])
		}, "statement id M-O1 is used twice; give each statement its own id"},
		{"no measures", func(c *Criteria) { c.Measures = nil },
			"there are no measures; add at least one [[measure]] table with key and name, followed by its [[measure.statement]] tables"},
		{"bad audience", func(c *Criteria) { c.Measures[0].Statements[0].Audience = "ICS" },
			`statement M-O1: audience "ICS" is not known; use "organisation" or "ics"`},
		{"invalid UTF-8", func(c *Criteria) { c.Measures[0].Statements[0].Text = "a\xffb" },
			"statement M-O1: text is not valid UTF-8; save the file as UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good()
			tt.change(c)
			err := c.Validate()
			if err == nil || err.Error() != tt.want {
				t.Fatalf("Validate = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestLoadFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wgll.toml")
	if err := os.WriteFile(path, BuiltinTOML(), 0o644); err != nil {
		t.Fatal(err)
	}
	c, raw, err := LoadFile(path)
	if err != nil {
		t.Fatalf("LoadFile = %v", err)
	}
	if !bytes.Equal(raw, BuiltinTOML()) {
		t.Error("LoadFile did not return the file's exact bytes")
	}
	if !reflect.DeepEqual(c, Builtin()) {
		t.Error("LoadFile(built-in copy) differs from Builtin()")
	}
	again, err := Parse(path, raw)
	if err != nil || !reflect.DeepEqual(again, c) {
		t.Errorf("Parse(raw) = %v; criteria equal: %v", err, reflect.DeepEqual(again, c))
	}
}

func TestLoadFileErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	if err := os.WriteFile(bad, []byte(edit(t, "level = 2", "level = 1")), 0o644); err != nil {
		t.Fatal(err)
	}
	_, raw, err := LoadFile(bad)
	var ve *ValidationError
	if !errors.As(err, &ve) || raw != nil {
		t.Fatalf("LoadFile(bad) = %v, %d bytes; want a *ValidationError and no bytes", err, len(raw))
	}
	if want := bad + ":10: scale level 1 is used twice (first at line 5); number the levels 1, 2, 3 and so on, once each"; err.Error() != want {
		t.Errorf("LoadFile(bad) = %q, want %q", err, want)
	}

	if _, _, err := LoadFile(filepath.Join(dir, "missing.toml")); !errors.Is(err, fs.ErrNotExist) || !strings.HasPrefix(err.Error(), "read criteria file: ") {
		t.Errorf("LoadFile(missing) = %v, want a wrapped fs.ErrNotExist", err)
	}
	if _, _, err := LoadFile(dir); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("LoadFile(folder) = %v, want an 'is a folder' error", err)
	}
}

// TestResolveTOML gives the same text as Resolve for every spec, and the
// same error for a name that is not built in and a file that is not valid.
func TestResolveTOML(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.toml")
	if err := os.WriteFile(bad, []byte("[framework]\nname = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, spec := range []string{"", "builtin:wgll-2021", "builtin:v3-alpha", "builtin:nope", bad} {
		_, want, wantErr := Resolve(spec)
		got, err := ResolveTOML(spec)
		if !bytes.Equal(got, want) || (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
			t.Errorf("ResolveTOML(%q) = %d bytes, %v; Resolve gives %d bytes, %v", spec, len(got), err, len(want), wantErr)
		}
	}
}

// TestParseBuiltinTextIsACopy parses a built-in framework's exact text
// twice: the two are equal, and changing one leaves the other as it was.
func TestParseBuiltinTextIsACopy(t *testing.T) {
	a, err := Parse("a", BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("b", BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	a.Measures[0].Statements[0].Text = "changed"
	a.Measures[0].Name = "changed"
	if b.Measures[0].Statements[0].Text == "changed" || b.Measures[0].Name == "changed" || Builtin().Measures[0].Name == "changed" {
		t.Error("changing one parse of the built-in text changed another")
	}
}
