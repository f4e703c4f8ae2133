package criteria

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/gob"
)

// Each built-in framework is parsed from its TOML once per process, and
// parsing 160 KB of TOML takes about 7 ms: most of what a command such as
// 'wgll heatmap' does, and a visible part of the app's start. So the
// parsed form of each built-in file is kept beside it as a snapshot
// (encoding/gob, about 0.5 ms to read), named for the SHA-256 of the exact
// text it was made from. A snapshot that does not match its text byte for
// byte is never used: the text is parsed instead, and TestBuiltinSnapshots
// fails until 'go test ./criteria -run BuiltinSnapshots -update' writes
// it anew. The TOML stays the one source; the snapshot is derived from it.

//go:embed wgll.toml.gob
var builtinSnapshot []byte

//go:embed wgll-v3-alpha.toml.gob
var v3AlphaSnapshot []byte

// snapshot is what a snapshot file holds.
type snapshot struct {
	// TOML is the SHA-256 of the text the criteria were parsed from.
	TOML     [32]byte
	Criteria *Criteria
}

// encodeSnapshot makes the snapshot of c, parsed from text.
func encodeSnapshot(text []byte, c *Criteria) ([]byte, error) {
	var buf bytes.Buffer
	err := gob.NewEncoder(&buf).Encode(snapshot{TOML: sha256.Sum256(text), Criteria: c})
	return buf.Bytes(), err
}

// decodeSnapshot returns the criteria of snap when it was made from text
// exactly, or nil.
func decodeSnapshot(snap, text []byte) *Criteria {
	if len(snap) == 0 {
		return nil
	}
	var s snapshot
	if err := gob.NewDecoder(bytes.NewReader(snap)).Decode(&s); err != nil || s.Criteria == nil || s.TOML != sha256.Sum256(text) {
		return nil
	}
	return s.Criteria
}
