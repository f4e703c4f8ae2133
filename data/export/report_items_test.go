package export

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"wgll/model"
)

// TestReportOfSummaryNeedsItems: a summary holds counts, not items, so its
// report is refused without the sources that read them, rather than
// written with no actions and no evidence.
func TestReportOfSummaryNeedsItems(t *testing.T) {
	a := fixture()
	a.Counts = map[string]model.ItemCounts{} // a summary
	for _, f := range FormatNames(Report) {
		var b bytes.Buffer
		_, err := Write(&b, Job{Kind: Report, Format: f, Assessment: a, Now: fixedNow})
		if err == nil || !strings.Contains(err.Error(), "needs its actions, evidence and plan") {
			t.Errorf("%s: err = %v, want the summary refused", f, err)
		}
		if b.Len() != 0 {
			t.Errorf("%s: wrote %d bytes", f, b.Len())
		}
	}
}

// TestPDFCompressorTakesParts: a document handed over in parts is
// gathered and compressed whole at close, as one handed over at once;
// anything not laid out as fpdf writes it passes through unchanged.
func TestPDFCompressorTakesParts(t *testing.T) {
	d := newPDF("t", "h", fixedNow)
	for _, s := range reportSections {
		s(d, buildReport(fixture(), fixedNow))
	}
	var raw bytes.Buffer
	if err := d.f.Output(&raw); err != nil {
		t.Fatal(err)
	}
	whole, err := compressPages(raw.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var once, parts bytes.Buffer
	c := &pdfCompressor{w: &once}
	c.Write(raw.Bytes())
	if err := c.close(); err != nil {
		t.Fatal(err)
	}
	c = &pdfCompressor{w: &parts}
	for p := range slices.Chunk(raw.Bytes(), 4096) {
		if _, err := c.Write(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(once.Bytes(), whole) || !bytes.Equal(parts.Bytes(), whole) {
		t.Errorf("compressed %d bytes at once and %d in parts, want %d", once.Len(), parts.Len(), len(whole))
	}
	var odd bytes.Buffer
	c = &pdfCompressor{w: &odd}
	c.Write([]byte("not a PDF %%EOF\n"))
	if err := c.close(); err != nil || odd.String() != "not a PDF %%EOF\n" {
		t.Errorf("odd input became %q, %v", odd.String(), err)
	}
}

// TestReportWithoutItemsSaysSo: an assessment with no actions and no
// evidence says so in every format, with no empty table.
func TestReportWithoutItemsSaysSo(t *testing.T) {
	a := fixture()
	a.Actions, a.Evidence = map[string][]model.Action{}, map[string][]model.Evidence{}
	for _, f := range FormatNames(Report) {
		var b bytes.Buffer
		if _, err := Write(&b, Job{Kind: Report, Format: f, Assessment: a, Now: fixedNow}); err != nil {
			t.Fatal(err)
		}
		text := b.String()
		if f == "pdf" {
			bin, err := exec.LookPath("pdftotext")
			if err != nil {
				t.Skip("pdftotext (poppler-utils) is not installed")
			}
			p := filepath.Join(t.TempDir(), "r.pdf")
			os.WriteFile(p, b.Bytes(), 0o644)
			out, err := exec.Command(bin, "-raw", p, "-").CombinedOutput()
			if err != nil {
				t.Fatalf("pdftotext: %v %s", err, out)
			}
			text = string(out)
		}
		want := []string{"No evidence recorded yet."}
		if f != "md" { // the Markdown's action sentence says it
			want = append(want, "No actions recorded yet.")
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q", f, w)
			}
		}
		for _, head := range []string{"Days overdue", "Needs review"} {
			if strings.Contains(text, head) {
				t.Errorf("%s: an empty table (%q) was written", f, head)
			}
		}
	}
}
