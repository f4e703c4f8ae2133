package export

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestCompressPages: the pages of a report are deflated, the rest kept, and
// the file reads the same.
func TestCompressPages(t *testing.T) {
	a := fixture()
	d := newPDF("t", "h", fixedNow)
	for _, s := range reportSections {
		s(d, buildReport(a, fixedNow))
	}
	var raw bytes.Buffer
	if err := d.f.Output(&raw); err != nil {
		t.Fatal(err)
	}
	c, err := compressPages(raw.Bytes())
	if err != nil {
		t.Fatalf("compressPages: %v", err)
	}
	if len(c) >= raw.Len() || bytes.Count(c, []byte("/FlateDecode")) <= bytes.Count(raw.Bytes(), []byte("/FlateDecode")) {
		t.Errorf("pages not compressed: %d bytes from %d", len(c), raw.Len())
	}
	if _, err := compressPages(raw.Bytes()[:raw.Len()-40]); err == nil {
		t.Error("a cut file did not fail")
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	dir := t.TempDir()
	text := func(b []byte) string {
		p := filepath.Join(dir, "x.pdf")
		os.WriteFile(p, b, 0o644)
		out, err := exec.Command(bin, "-raw", p, "-").CombinedOutput()
		if err != nil {
			t.Fatalf("pdftotext: %v %s", err, out)
		}
		return string(out)
	}
	if text(c) != text(raw.Bytes()) {
		t.Error("the compressed PDF reads differently")
	}
}

// TestReportPDFGolden keeps the text of the fixture's PDF report, as
// pdftotext reads it in content order, as a golden file: every section,
// the title block, the running header and the page numbers.
func TestReportPDFGolden(t *testing.T) {
	a, x := fixtureExtras()
	x.AssuredBy = "Dr A. Khan, CIO on 2026-03-10"
	var b bytes.Buffer
	if err := WriteReportPDF(&b, a, x, fixedNow); err != nil {
		t.Fatal(err)
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	p := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-raw", "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "report.pdf.txt", out)
}
