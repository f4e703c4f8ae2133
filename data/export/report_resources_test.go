package export

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"wgll/criteria"
)

// TestReportAppendixListsResourcesOfTheGaps checks every format lists the
// resources of the largest gaps, in the gaps' order, and nothing else.
func TestReportAppendixListsResourcesOfTheGaps(t *testing.T) {
	a := fixture()
	var md, html bytes.Buffer
	if err := WriteReportMarkdown(&md, a, fixedNow); err != nil {
		t.Fatal(err)
	}
	if err := WriteReportHTML(&html, a, fixedNow); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"md": md.String(), "html": html.String()} {
		i := strings.Index(out, resourcesHeading)
		if i < 0 {
			t.Fatalf("%s report has no %q appendix", name, resourcesHeading)
		}
		app := out[i:]
		// SF-O1 (score 1) is the largest gap, WL-O2 (score 2) the next.
		dma, readiness := strings.Index(app, "Digital Maturity Assessment"), strings.Index(app, "NHS Digital Academy board readiness matrix")
		if dma < 0 || readiness < 0 || dma > readiness {
			t.Errorf("%s appendix lacks the gaps' resources in gap order:\n%s", name, app)
		}
		if strings.Contains(app, "javascript:alert(1)\"") || strings.Contains(app, "href=\"javascript") || strings.Contains(app, "<javascript") {
			t.Errorf("%s appendix makes a script URL a link:\n%s", name, app)
		}
		if strings.Contains(app, "<b>network</b>") {
			t.Errorf("%s appendix lets markup from the criteria through:\n%s", name, app)
		}
	}

	// With no resources anywhere the appendix says so once.
	b := fixture()
	for i := range b.Criteria.Measures {
		for j := range b.Criteria.Measures[i].Statements {
			b.Criteria.Measures[i].Statements[j].Resources = []criteria.Resource(nil)
		}
	}
	md.Reset()
	if err := WriteReportMarkdown(&md, b, fixedNow); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "The criteria list no resources for these statements.") {
		t.Errorf("no-resources appendix:\n%s", md.String()[strings.Index(md.String(), resourcesHeading):])
	}
}

// TestReportPDFListsResources reads the PDF back with pdftotext.
func TestReportPDFListsResources(t *testing.T) {
	var b bytes.Buffer
	if err := WriteReportPDF(&b, fixture(), ReportExtras{}, fixedNow); err != nil {
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
	// Table cells wrap; read the words as one line.
	text := strings.Join(strings.Fields(string(out)), " ")
	i := strings.Index(text, resourcesHeading)
	if i < 0 {
		t.Fatalf("PDF has no %q appendix:\n%s", resourcesHeading, text)
	}
	if !strings.Contains(text[i:], "NHS Digital Academy board readiness matrix") {
		t.Errorf("PDF appendix lacks a resource title:\n%s", text[i:])
	}
}
