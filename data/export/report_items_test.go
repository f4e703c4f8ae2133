package export

import (
	"bytes"
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
