package criteria

import (
	"bytes"
	"flag"
	"os"
	"reflect"
	"testing"
)

var update = flag.Bool("update", false, "write the built-in frameworks' snapshots anew")

// TestBuiltinSnapshots checks that every built-in framework's snapshot is
// its TOML parsed, and that the snapshot is what the framework is read
// from; with -update it writes the snapshots.
func TestBuiltinSnapshots(t *testing.T) {
	for _, b := range builtinList {
		c, err := parse(b.File, b.toml)
		if err != nil {
			t.Fatal(err)
		}
		want, err := encodeSnapshot(b.toml, c)
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(b.File+".gob", want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got := decodeSnapshot(b.snapshot, b.toml)
		if got == nil || !reflect.DeepEqual(got, c) {
			t.Fatalf("%s.gob is not %s parsed; run go test ./criteria -run BuiltinSnapshots -update", b.File, b.File)
		}
		if !reflect.DeepEqual(parsedBuiltins[b.Name](), c) {
			t.Errorf("%s reads differently from its parse", b.Name)
		}
	}
}

// TestSnapshotOfOtherText is never used for a text it was not made from:
// one changed byte, and the text is parsed instead.
func TestSnapshotOfOtherText(t *testing.T) {
	c, err := parse(BuiltinName, builtinTOML)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := encodeSnapshot(builtinTOML, c)
	if err != nil {
		t.Fatal(err)
	}
	changed := bytes.Replace(builtinTOML, []byte("What Good Looks Like"), []byte("What Good Looks Lime"), 1)
	if decodeSnapshot(snap, changed) != nil {
		t.Error("a snapshot was used for a text it was not made from")
	}
	if decodeSnapshot(snap[:len(snap)/2], builtinTOML) != nil || decodeSnapshot(nil, builtinTOML) != nil {
		t.Error("a cut or missing snapshot was used")
	}
	if decodeSnapshot(snap, builtinTOML) == nil {
		t.Error("the snapshot of the text itself was not used")
	}
}
