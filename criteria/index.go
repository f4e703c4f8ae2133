package criteria

import (
	"strconv"
	"strings"
)

// BurntSushi/toml reports no position for decoded keys, so the loader keeps
// its own small index of where things are in the source: the line of every
// table header, and of every key inside each table. Arrays of tables are
// listed in file order, so the Nth decoded [[measure]] is the Nth [[measure]]
// header. The index is only consulted for files that already parsed as TOML;
// on anything else it must merely not panic and not loop.

// tableLines records where one table is and where its keys are.
type tableLines struct {
	// line is the header line, or 0 for a table with no header of its own.
	line int
	// keys maps the first segment of each key defined in the table (or of
	// each sub-table header below it) to the line of its first definition.
	keys map[string]int
}

func newTableLines(line int) *tableLines {
	return &tableLines{line: line, keys: map[string]int{}}
}

func (t *tableLines) addKey(key string, line int) {
	if _, ok := t.keys[key]; !ok {
		t.keys[key] = line
	}
}

// measureLines is a [[measure]] table with its [[measure.statement]] tables.
type measureLines struct {
	tableLines
	statements []*statementLines
}

// statementLines is a [[measure.statement]] table with its resource and
// checklist level tables.
type statementLines struct {
	tableLines
	resources []*tableLines
	levels    []*tableLines
}

// lineIndex says where the parts of a criteria file are.
type lineIndex struct {
	top       *tableLines
	framework *tableLines
	scales    []*tableLines
	measures  []*measureLines
	mappings  []*tableLines
}

// placeKind names the table a place is in.
type placeKind int

const (
	inTop placeKind = iota
	inFramework
	inScale
	inMeasure
	inStatement
	inResource
	inChecklist
	inMapping
)

// place is a key (or, with key "", the header) of one table in the file:
// scale i, measure i, statement j of measure i, resource or checklist
// level k of that statement, or mapping entry i.
type place struct {
	kind    placeKind
	i, j, k int
	key     string
}

// line returns the most specific line known for p, falling back to the
// table header, the key that holds the table, and finally line 1. A nil
// index knows no lines and returns 0.
func (ix *lineIndex) line(p place) int {
	if ix == nil {
		return 0
	}
	var t *tableLines
	parent := place{kind: inTop}
	switch p.kind {
	case inTop:
		if n, ok := ix.top.keys[p.key]; ok {
			return n
		}
		return 1
	case inFramework:
		t, parent.key = ix.framework, "framework"
	case inScale:
		parent.key = "scale"
		if p.i >= 0 && p.i < len(ix.scales) {
			t = ix.scales[p.i]
		}
	case inMeasure:
		parent.key = "measure"
		if p.i >= 0 && p.i < len(ix.measures) {
			t = &ix.measures[p.i].tableLines
		}
	case inStatement:
		parent = place{kind: inMeasure, i: p.i, key: "statement"}
		if st := ix.statement(p.i, p.j); st != nil {
			t = &st.tableLines
		}
	case inResource, inChecklist:
		key := map[placeKind]string{inResource: "resource", inChecklist: "level"}[p.kind]
		parent = place{kind: inStatement, i: p.i, j: p.j, key: key}
		if st := ix.statement(p.i, p.j); st != nil {
			list := st.resources
			if p.kind == inChecklist {
				list = st.levels
			}
			if p.k >= 0 && p.k < len(list) {
				t = list[p.k]
			}
		}
	case inMapping:
		parent.key = "mapping"
		if p.i >= 0 && p.i < len(ix.mappings) {
			t = ix.mappings[p.i]
		}
	}
	if t != nil {
		if n, ok := t.keys[p.key]; ok && p.key != "" {
			return n
		}
		if t.line > 0 {
			return t.line
		}
	}
	return ix.line(parent)
}

// statement returns the lines of statement j of measure i, or nil.
func (ix *lineIndex) statement(i, j int) *statementLines {
	if i < 0 || i >= len(ix.measures) {
		return nil
	}
	if st := ix.measures[i].statements; j >= 0 && j < len(st) {
		return st[j]
	}
	return nil
}

// indexLines scans TOML source for table headers and keys.
func indexLines(src string) *lineIndex {
	ix := &lineIndex{top: newTableLines(0), framework: newTableLines(0)}
	sc := &scanner{s: strings.TrimPrefix(src, "\ufeff"), line: 1}
	cur := ix.top
	for sc.i < len(sc.s) {
		start := sc.i
		switch c := sc.s[sc.i]; c {
		case ' ', '\t', '\r':
			sc.i++
		case '\n':
			sc.line++
			sc.i++
		case '#':
			sc.skipToEOL()
		case '[':
			line := sc.line
			sc.i++
			array := sc.i < len(sc.s) && sc.s[sc.i] == '['
			if array {
				sc.i++
			}
			cur = ix.header(sc.key(), array, line)
			sc.skipToEOL()
		default:
			line := sc.line
			path := sc.key()
			if len(path) > 0 {
				cur.addKey(path[0], line)
			}
			sc.skipSpace()
			if sc.i < len(sc.s) && sc.s[sc.i] == '=' {
				sc.i++
				sc.skipValue()
			}
			sc.skipToEOL()
		}
		if sc.i == start {
			sc.i++ // never stall on input the scanner does not understand
		}
	}
	return ix
}

// header records a table header and returns the table that the keys below
// it belong to.
func (ix *lineIndex) header(path []string, array bool, line int) *tableLines {
	if len(path) == 0 {
		return newTableLines(line)
	}
	var last *measureLines
	var lastSt *statementLines
	if len(ix.measures) > 0 {
		last = ix.measures[len(ix.measures)-1]
		if n := len(last.statements); n > 0 {
			lastSt = last.statements[n-1]
		}
	}
	switch {
	case len(path) == 1 && path[0] == "framework" && !array:
		if ix.framework.line == 0 {
			ix.framework.line = line
		}
		ix.top.addKey("framework", line)
		return ix.framework
	case len(path) == 1 && path[0] == "scale" && array:
		t := newTableLines(line)
		ix.scales = append(ix.scales, t)
		ix.top.addKey("scale", line)
		return t
	case len(path) == 1 && path[0] == "measure" && array:
		m := &measureLines{tableLines: *newTableLines(line)}
		ix.measures = append(ix.measures, m)
		ix.top.addKey("measure", line)
		return &m.tableLines
	case len(path) == 2 && path[0] == "measure" && path[1] == "statement" && array && last != nil:
		st := &statementLines{tableLines: *newTableLines(line)}
		last.statements = append(last.statements, st)
		last.addKey("statement", line)
		return &st.tableLines
	case len(path) == 3 && path[0] == "measure" && path[1] == "statement" && (path[2] == "resource" || path[2] == "level") && array && lastSt != nil:
		t := newTableLines(line)
		if path[2] == "resource" {
			lastSt.resources = append(lastSt.resources, t)
		} else {
			lastSt.levels = append(lastSt.levels, t)
		}
		lastSt.addKey(path[2], line)
		return t
	case len(path) == 1 && path[0] == "mapping" && array:
		t := newTableLines(line)
		ix.mappings = append(ix.mappings, t)
		ix.top.addKey("mapping", line)
		return t
	}
	// Any other table: note its name as a key of the table that holds it,
	// so that an unknown table is reported at its header.
	owner, key := ix.top, path[0]
	switch {
	case path[0] == "framework" && len(path) > 1:
		owner, key = ix.framework, path[1]
	case path[0] == "scale" && len(path) > 1 && len(ix.scales) > 0:
		owner, key = ix.scales[len(ix.scales)-1], path[1]
	case path[0] == "measure" && len(path) > 2 && path[1] == "statement" && lastSt != nil:
		owner, key = &lastSt.tableLines, path[2]
	case path[0] == "measure" && len(path) > 1 && last != nil:
		owner, key = &last.tableLines, path[1]
	}
	owner.addKey(key, line)
	return newTableLines(line)
}

// scanner walks TOML source by bytes, counting lines.
type scanner struct {
	s    string
	i    int
	line int
}

func (sc *scanner) skipSpace() {
	for sc.i < len(sc.s) && (sc.s[sc.i] == ' ' || sc.s[sc.i] == '\t') {
		sc.i++
	}
}

func (sc *scanner) skipToEOL() {
	for sc.i < len(sc.s) && sc.s[sc.i] != '\n' {
		sc.i++
	}
}

// key reads a dotted key made of bare and quoted parts.
func (sc *scanner) key() []string {
	var path []string
	for {
		sc.skipSpace()
		if sc.i >= len(sc.s) {
			return path
		}
		start := sc.i
		switch c := sc.s[sc.i]; {
		case c == '"':
			sc.skipString()
			raw := sc.s[start:sc.i]
			if u, err := strconv.Unquote(raw); err == nil {
				path = append(path, u)
			} else {
				path = append(path, strings.Trim(raw, `"`))
			}
		case c == '\'':
			sc.skipString()
			path = append(path, strings.Trim(sc.s[start:sc.i], "'"))
		case isBareKeyByte(c):
			for sc.i < len(sc.s) && isBareKeyByte(sc.s[sc.i]) {
				sc.i++
			}
			path = append(path, sc.s[start:sc.i])
		default:
			return path
		}
		sc.skipSpace()
		if sc.i >= len(sc.s) || sc.s[sc.i] != '.' {
			return path
		}
		sc.i++
	}
}

func isBareKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// skipValue moves past one value: a string, an array or inline table (which
// may span lines), or a bare word such as a number.
func (sc *scanner) skipValue() {
	sc.skipSpace()
	if sc.i >= len(sc.s) {
		return
	}
	switch sc.s[sc.i] {
	case '"', '\'':
		sc.skipString()
	case '[', '{':
		sc.skipNested()
	default:
		for sc.i < len(sc.s) && sc.s[sc.i] != '\n' && sc.s[sc.i] != '#' {
			sc.i++
		}
	}
}

// skipNested moves past brackets and braces, with strings and comments
// inside them.
func (sc *scanner) skipNested() {
	depth := 0
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth <= 0 {
				sc.i++
				return
			}
		case '"', '\'':
			sc.skipString()
			continue
		case '#':
			sc.skipToEOL()
			continue
		case '\n':
			sc.line++
		}
		sc.i++
	}
}

// skipString moves past a basic, literal or multi-line string starting at
// sc.i. A single-line string stops at the end of the line if unterminated.
func (sc *scanner) skipString() {
	q := sc.s[sc.i]
	triple := string([]byte{q, q, q})
	if strings.HasPrefix(sc.s[sc.i:], triple) {
		sc.i += 3
		for sc.i < len(sc.s) {
			switch c := sc.s[sc.i]; {
			case c == '\\' && q == '"':
				sc.i++
				if sc.i < len(sc.s) && sc.s[sc.i] == '\n' {
					sc.line++
				}
			case c == '\n':
				sc.line++
			case c == q && strings.HasPrefix(sc.s[sc.i:], triple):
				sc.i += 3
				// Up to two more quotes belong to the content.
				for n := 0; n < 2 && sc.i < len(sc.s) && sc.s[sc.i] == q; n++ {
					sc.i++
				}
				return
			}
			sc.i++
		}
		return
	}
	sc.i++
	for sc.i < len(sc.s) {
		switch c := sc.s[sc.i]; {
		case c == '\n':
			return
		case c == '\\' && q == '"':
			sc.i++
			if sc.i < len(sc.s) && sc.s[sc.i] == '\n' {
				return
			}
		case c == q:
			sc.i++
			return
		}
		sc.i++
	}
}
