package criteria

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

//go:embed wgll.toml
var builtinTOML []byte

//go:embed wgll-v3-alpha.toml
var v3AlphaTOML []byte

// BuiltinName is the file name under which the default built-in criteria
// are parsed and any problem in them would be reported.
const BuiltinName = "wgll.toml"

// MaxFileSize is the largest criteria file accepted, in bytes. The built-in
// files are under 200 KB; anything near this limit is almost certainly the
// wrong file.
const MaxFileSize = 4 << 20

// maxBrackets bounds the '[' and '{' in a file. The TOML parser recurses on
// nested arrays and a stack overflow cannot be recovered from, so deeply
// nested input is refused before parsing. Counting every bracket, even
// inside strings, is a safe upper bound on the nesting.
const maxBrackets = 100_000

// BuiltinInfo describes one framework built into wgll.
type BuiltinInfo struct {
	// Name is what `--criteria builtin:NAME` and `wgll criteria dump NAME`
	// take, such as "wgll-2021" or "v3-alpha".
	Name string
	// File is the name problems in it would be reported under.
	File string
	// Default marks the framework used when none is chosen.
	Default bool
	// Summary says in one line what the framework is.
	Summary string
	toml    []byte
	// snapshot is the parsed form of toml (snapshot.go).
	snapshot []byte
}

// The built-in frameworks, default first.
var builtinList = []BuiltinInfo{
	{Name: "wgll-2021", File: BuiltinName, Default: true, toml: builtinTOML, snapshot: builtinSnapshot,
		Summary: "What Good Looks Like as published by NHSX in 2021, with the expectations of the 2025-26 refresh added"},
	{Name: "v3-alpha", File: "wgll-v3-alpha.toml", toml: v3AlphaTOML, snapshot: v3AlphaSnapshot,
		Summary: "What Good Looks Like v3 alpha (2026): the seven renamed pillars, one statement per success measure, mapped from wgll-2021"},
}

// BuiltinPrefix marks a built-in framework where a file path is expected:
// --criteria builtin:v3-alpha.
const BuiltinPrefix = "builtin:"

// parsedBuiltins reads each built-in framework the first time it is
// needed, once per process, from its snapshot when that matches its text
// (snapshot.go) and otherwise by parsing it: a command that never uses a
// framework should not pay for it.
var parsedBuiltins = func() map[string]func() *Criteria {
	out := map[string]func() *Criteria{}
	for _, b := range builtinList {
		out[b.Name] = sync.OnceValue(func() *Criteria {
			if c := decodeSnapshot(b.snapshot, b.toml); c != nil {
				return c
			}
			c, err := parse(b.File, b.toml)
			if err != nil {
				// The built-in files are checked by the package tests, so
				// this is a build mistake, not bad input.
				panic("criteria: the built-in " + b.File + " is invalid:\n" + err.Error())
			}
			return c
		})
	}
	return out
}()

// Warm reads the default built-in framework now, for a caller that will
// need it soon and has a core to spare: a command that only reads starts
// it beside the workbook's opening (main's openForReading), which takes
// longer than the 0.6 to 0.9 ms of reading the snapshot. The app does not:
// beside its start it took the second core from the workbook's opening,
// and started once the workbook was open it ran after the list had read
// the snapshot itself.
func Warm() { parsedBuiltins["wgll-2021"]() }

// builtinFor returns the parsed built-in framework whose text is exactly
// data, or nil. A workbook stores the criteria each assessment was made
// with, and almost always that is a built-in file byte for byte: reading
// it then costs a comparison and a copy instead of a parse.
func builtinFor(data []byte) *Criteria {
	for _, b := range builtinList {
		if len(b.toml) == len(data) && bytes.Equal(b.toml, data) {
			return parsedBuiltins[b.Name]()
		}
	}
	return nil
}

// Builtins lists the frameworks built into wgll, the default first.
func Builtins() []BuiltinInfo {
	out := slices.Clone(builtinList)
	for i := range out {
		out[i].toml = nil
	}
	return out
}

// BuiltinNames lists the names Builtins gives, for messages.
func BuiltinNames() []string {
	out := make([]string, len(builtinList))
	for i, b := range builtinList {
		out[i] = b.Name
	}
	return out
}

// Builtin returns the default built-in What Good Looks Like criteria
// (wgll-2021). The file is parsed once; each call returns a fresh copy the
// caller may change.
func Builtin() *Criteria { return parsedBuiltins["wgll-2021"]().Clone() }

// BuiltinTOML returns the exact text of the default built-in criteria
// file, for `wgll criteria dump` and for storing with an assessment.
func BuiltinTOML() []byte { return bytes.Clone(builtinTOML) }

// BuiltinNamed returns the built-in framework called name (see Builtins)
// with its exact TOML text, both copies the caller may change. An unknown
// name is an error that lists the known ones.
func BuiltinNamed(name string) (*Criteria, []byte, error) {
	for _, b := range builtinList {
		if b.Name == name {
			return parsedBuiltins[b.Name]().Clone(), bytes.Clone(b.toml), nil
		}
	}
	return nil, nil, fmt.Errorf("there is no built-in framework %q; use one of %s (wgll criteria list names them)", name, strings.Join(BuiltinNames(), ", "))
}

// Resolve reads the criteria named by spec, as --criteria takes it: ""
// for the default built-in framework, "builtin:NAME" for another built-in
// one, anything else a file path. It returns the exact TOML text as well,
// to be stored with an assessment.
func Resolve(spec string) (*Criteria, []byte, error) {
	switch {
	case spec == "":
		return BuiltinNamed(builtinList[0].Name)
	case strings.HasPrefix(spec, BuiltinPrefix):
		return BuiltinNamed(strings.TrimPrefix(spec, BuiltinPrefix))
	}
	return LoadFile(spec)
}

// ResolveTOML is Resolve for a caller that needs only the text, such as
// the app, which stores it with each new assessment: a built-in framework
// is not parsed (the package tests check every one), a file is read and
// validated as Resolve does.
func ResolveTOML(spec string) ([]byte, error) {
	name := builtinList[0].Name
	switch {
	case spec == "":
	case strings.HasPrefix(spec, BuiltinPrefix):
		name = strings.TrimPrefix(spec, BuiltinPrefix)
	default:
		_, raw, err := LoadFile(spec)
		return raw, err
	}
	for _, b := range builtinList {
		if b.Name == name {
			return bytes.Clone(b.toml), nil
		}
	}
	_, _, err := BuiltinNamed(name)
	return nil, err
}

// LoadFile reads and validates the criteria file at path. It returns the
// raw bytes as well, because an assessment stores the exact TOML text it
// was made with. Problems in the file come back as a *ValidationError.
func LoadFile(path string) (*Criteria, []byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read criteria file: %w", err)
	}
	if info.IsDir() {
		return nil, nil, fmt.Errorf("read criteria file: %s is a folder; give the path of a .toml criteria file", path)
	}
	if info.Size() > MaxFileSize {
		return nil, nil, fmt.Errorf("read criteria file: %s is %d bytes, more than the %d allowed; check this is a criteria file", path, info.Size(), MaxFileSize)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read criteria file: %w", err)
	}
	c, err := Parse(path, data)
	if err != nil {
		return nil, nil, err
	}
	return c, data, nil
}

// Parse reads criteria from TOML text and validates them. filename is used
// only in messages. Every problem found is returned in one
// *ValidationError, each placed at the line where it can be fixed. The
// exact text of a built-in framework is parsed once per process and copied
// after that.
func Parse(filename string, data []byte) (*Criteria, error) {
	if c := builtinFor(data); c != nil {
		return c.Clone(), nil
	}
	return parse(filename, data)
}

func parse(filename string, data []byte) (*Criteria, error) {
	fail := func(line int, format string, args ...any) error {
		return newValidationError([]Problem{{File: filename, Line: line, Msg: fmt.Sprintf(format, args...)}})
	}
	if len(data) > MaxFileSize {
		return nil, fail(0, "the file is %d bytes, more than the %d allowed; check this is a criteria file", len(data), MaxFileSize)
	}
	if n := bytes.Count(data, []byte("[")) + bytes.Count(data, []byte("{")); n > maxBrackets {
		return nil, fail(0, "the file has %d '[' and '{' characters, more than the %d allowed; check this is a criteria file", n, maxBrackets)
	}
	src := string(data)
	raw, err := decodeTOML(src)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line := max(pe.Position.Line, 1)
			return nil, fail(line, "TOML syntax error: %s; fix the TOML on this line", strings.TrimRight(pe.Message, ". "))
		}
		return nil, fail(1, "cannot read the file as TOML: %v; check it is a TOML text file", err)
	}
	ix := indexLines(src)
	d := &decoder{file: filename, ix: ix, bad: map[place]bool{}}
	c := d.criteria(raw)
	problems := append(d.problems, validate(c, filename, ix, d.bad)...)
	if err := newValidationError(problems); err != nil {
		return nil, err
	}
	return c, nil
}

// decodeTOML parses TOML into plain maps. The parser is third-party code
// reading untrusted input, so a panic in it becomes an error rather than
// ending the program.
func decodeTOML(src string) (raw map[string]any, err error) {
	defer func() {
		if r := recover(); r != nil {
			raw, err = nil, fmt.Errorf("the TOML parser failed: %v", r)
		}
	}()
	if _, err := toml.Decode(src, &raw); err != nil {
		return nil, err
	}
	return raw, nil
}

// decoder turns the parsed TOML maps into a Criteria, reporting unknown
// keys and values of the wrong type. Decoding into maps rather than
// straight into the structs lets every problem be reported at once, each
// at its own line.
type decoder struct {
	file     string
	ix       *lineIndex
	problems []Problem
	// bad holds the places already reported as the wrong type, so that
	// validate does not also call them empty.
	bad map[place]bool
}

var (
	topKeys       = []string{"framework", "scale", "measure", "mapping"}
	frameworkKeys = []string{"name", "version", "note", "not_assessed", "maps_from"}
	levelKeys     = []string{"level", "label", "descriptor"}
	measureKeys   = []string{"key", "name", "former_names", "success_measure", "statement"}
	statementKeys = []string{"id", "audience", "text", "guidance", "source", "resource", "level"}
	resourceKeys  = []string{"title", "kind", "url", "note"}
	checklistKeys = []string{"level", "elements"}
	mappingKeys   = []string{"from", "to", "change"}
)

func (d *decoder) add(p place, format string, args ...any) {
	d.problems = append(d.problems, Problem{File: d.file, Line: d.ix.line(p), Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) criteria(raw map[string]any) *Criteria {
	c := &Criteria{}
	if v, ok := raw["framework"]; !ok {
		d.wrongType(place{kind: inTop, key: "framework"}, "the [framework] table is missing; add [framework] with name = \"What Good Looks Like\" (and version, note and not_assessed)")
	} else {
		if m, ok := v.(map[string]any); ok {
			c.Framework = d.framework(m)
		} else {
			d.wrongType(place{kind: inTop, key: "framework"}, "framework must be a table; write it as a [framework] section with name = \"...\", not %s", tomlType(v))
		}
	}
	if v, ok := raw["scale"]; ok {
		if tables, ok := asTables(v); ok {
			for i, t := range tables {
				c.Scale = append(c.Scale, d.level(i, t))
			}
		} else {
			d.wrongType(place{kind: inTop, key: "scale"}, "scale must be a list of [[scale]] tables, each with level, label and descriptor, not %s", tomlType(v))
		}
	}
	if v, ok := raw["measure"]; ok {
		if tables, ok := asTables(v); ok {
			for i, t := range tables {
				c.Measures = append(c.Measures, d.measure(i, t))
			}
		} else {
			d.wrongType(place{kind: inTop, key: "measure"}, "measure must be a list of [[measure]] tables, not %s", tomlType(v))
		}
	}
	if v, ok := raw["mapping"]; ok {
		if tables, ok := asTables(v); ok {
			for i, t := range tables {
				c.Mapping = append(c.Mapping, d.mapping(i, t))
			}
		} else {
			d.wrongType(place{kind: inTop, key: "mapping"}, "mapping must be a list of [[mapping]] tables, each with from, to and change, not %s", tomlType(v))
		}
	}
	d.unknown(raw, topKeys, func(k string) place { return place{kind: inTop, key: k} }, "the top level")
	return c
}

func (d *decoder) framework(m map[string]any) Framework {
	at := func(k string) place { return place{kind: inFramework, key: k} }
	const what = "framework"
	f := Framework{
		Name:        d.str(m, at("name"), what),
		Version:     d.str(m, at("version"), what),
		Note:        d.str(m, at("note"), what),
		NotAssessed: d.str(m, at("not_assessed"), what),
		MapsFrom:    d.str(m, at("maps_from"), what),
	}
	d.unknown(m, frameworkKeys, at, "[framework]")
	return f
}

func (d *decoder) level(i int, m map[string]any) Level {
	at := func(k string) place { return place{kind: inScale, i: i, key: k} }
	var l Level
	if v, ok := m["level"]; ok {
		n, isInt := v.(int64)
		switch {
		case !isInt:
			d.wrongType(at("level"), "%s: level must be a whole number such as level = %d, not %s", levelWhat(i, 0), i+1, tomlType(v))
		case n < math.MinInt32 || n > math.MaxInt32:
			d.wrongType(at("level"), "%s: level %d is out of range; number the levels from 1 up to at most %d", levelWhat(i, 0), n, MaxLevels)
		default:
			l.Level = int(n)
		}
	}
	what := levelWhat(i, l.Level)
	l.Label = d.str(m, at("label"), what)
	l.Descriptor = d.str(m, at("descriptor"), what)
	d.unknown(m, levelKeys, at, what)
	return l
}

func (d *decoder) measure(i int, m map[string]any) Measure {
	at := func(k string) place { return place{kind: inMeasure, i: i, key: k} }
	var ms Measure
	ms.Key = d.str(m, at("key"), measureWhat(i, ""))
	what := measureWhat(i, ms.Key)
	ms.Name = d.str(m, at("name"), what)
	ms.SuccessMeasure = d.str(m, at("success_measure"), what)
	if v, ok := m["former_names"]; ok {
		ms.FormerNames = d.strList(v, at("former_names"), what)
	}
	if v, ok := m["statement"]; ok {
		if tables, ok := asTables(v); ok {
			for j, t := range tables {
				ms.Statements = append(ms.Statements, d.statement(i, j, what, t))
			}
		} else {
			d.wrongType(at("statement"), "%s: statement must be a list of [[measure.statement]] tables, not %s", what, tomlType(v))
		}
	}
	d.unknown(m, measureKeys, at, what)
	return ms
}

func (d *decoder) statement(i, j int, measure string, m map[string]any) Statement {
	at := func(k string) place { return place{kind: inStatement, i: i, j: j, key: k} }
	var s Statement
	s.ID = d.str(m, at("id"), statementWhat(j, measure, ""))
	what := statementWhat(j, measure, s.ID)
	s.Audience = Audience(d.str(m, at("audience"), what))
	s.Text = d.str(m, at("text"), what)
	s.Guidance = d.str(m, at("guidance"), what)
	s.Source = d.str(m, at("source"), what)
	if v, ok := m["resource"]; ok {
		if tables, ok := asTables(v); ok {
			for k, t := range tables {
				s.Resources = append(s.Resources, d.resource(i, j, k, what, t))
			}
		} else {
			d.wrongType(at("resource"), "%s: resource must be a list of [[measure.statement.resource]] tables, each with title, kind, url and note, not %s", what, tomlType(v))
		}
	}
	if v, ok := m["level"]; ok {
		if tables, ok := asTables(v); ok {
			for k, t := range tables {
				s.Checklist = append(s.Checklist, d.checklistLevel(i, j, k, what, t))
			}
		} else {
			d.wrongType(at("level"), "%s: level must be a list of [[measure.statement.level]] tables, each with level and elements, not %s", what, tomlType(v))
		}
	}
	d.unknown(m, statementKeys, at, what)
	return s
}

func (d *decoder) resource(i, j, k int, statement string, m map[string]any) Resource {
	at := func(key string) place { return place{kind: inResource, i: i, j: j, k: k, key: key} }
	what := resourceWhat(k, statement)
	r := Resource{
		Title: d.str(m, at("title"), what),
		Kind:  ResourceKind(d.str(m, at("kind"), what)),
		URL:   d.str(m, at("url"), what),
		Note:  d.str(m, at("note"), what),
	}
	d.unknown(m, resourceKeys, at, what)
	return r
}

func (d *decoder) checklistLevel(i, j, k int, statement string, m map[string]any) LevelElements {
	at := func(key string) place { return place{kind: inChecklist, i: i, j: j, k: k, key: key} }
	var l LevelElements
	if v, ok := m["level"]; ok {
		n, isInt := v.(int64)
		switch {
		case !isInt:
			d.wrongType(at("level"), "%s: checklist level must be a whole number such as level = 2, not %s", statement, tomlType(v))
		case n < math.MinInt32 || n > math.MaxInt32:
			d.wrongType(at("level"), "%s: checklist level %d is outside the scale; use a level the [[scale]] defines", statement, n)
		default:
			l.Level = int(n)
		}
	}
	what := checklistWhat(k, l.Level, statement)
	if v, ok := m["elements"]; ok {
		l.Elements = d.strList(v, at("elements"), what)
	}
	d.unknown(m, checklistKeys, at, what)
	return l
}

func (d *decoder) mapping(i int, m map[string]any) MapEntry {
	at := func(key string) place { return place{kind: inMapping, i: i, key: key} }
	what := fmt.Sprintf("mapping %d", i+1)
	e := MapEntry{
		From:   d.str(m, at("from"), what),
		To:     d.str(m, at("to"), what),
		Change: ChangeKind(d.str(m, at("change"), what)),
	}
	d.unknown(m, mappingKeys, at, what)
	return e
}

// str returns the string at p.key in m, or "" when it is absent or not a
// string (which is reported).
func (d *decoder) str(m map[string]any, p place, what string) string {
	v, ok := m[p.key]
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		d.wrongType(p, "%s: %s must be text in quotes, not %s; write %s = \"...\"", what, p.key, tomlType(v), p.key)
		return ""
	}
	return s
}

// strList returns a list of strings such as former_names.
func (d *decoder) strList(v any, p place, what string) []string {
	items, ok := v.([]any)
	if ok {
		out := make([]string, 0, len(items))
		for _, it := range items {
			s, isStr := it.(string)
			if !isStr {
				ok = false
				break
			}
			out = append(out, s)
		}
		if ok {
			return out
		}
	}
	d.wrongType(p, "%s: %s must be a list of text such as %s = [\"Old name\"], not %s", what, p.key, p.key, tomlType(v))
	return nil
}

func (d *decoder) wrongType(p place, format string, args ...any) {
	d.bad[p] = true
	d.add(p, format, args...)
}

// unknown reports the keys of m that are not in allowed.
func (d *decoder) unknown(m map[string]any, allowed []string, at func(string) place, where string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		if !slices.Contains(allowed, k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		d.add(at(k), "unknown key %q in %s; the keys allowed there are %s, so check the spelling or remove it", k, where, joinKeys(allowed))
	}
}

// asTables accepts both forms of an array of tables: [[name]] sections and
// an inline array of inline tables.
func asTables(v any) ([]map[string]any, bool) {
	switch v := v.(type) {
	case []map[string]any:
		return v, true
	case []any:
		out := make([]map[string]any, 0, len(v))
		for _, it := range v {
			m, ok := it.(map[string]any)
			if !ok {
				return nil, false
			}
			out = append(out, m)
		}
		return out, true
	}
	return nil, false
}

// tomlType names the TOML type of a decoded value for messages.
func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case int64:
		return "a whole number"
	case float64:
		return "a decimal number"
	case bool:
		return "true or false"
	case map[string]any:
		return "a table"
	case []map[string]any, []any:
		return "a list"
	}
	return "a date or time"
}

func joinKeys(keys []string) string {
	var b bytes.Buffer
	for i, k := range keys {
		switch {
		case i == 0:
		case i == len(keys)-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(k)
	}
	return b.String()
}
