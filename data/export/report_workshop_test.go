package export

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wgll/model"
)

// The board report's workshop section says how each agreed score was
// reached, notes a score changed since, escapes a hostile dissent, and is
// left out when no workshop agreed anything.
func TestReportWorkshopSection(t *testing.T) {
	a := fixture()
	var md, html bytes.Buffer
	if err := WriteReportMarkdown(&md, a, fixedNow); err != nil {
		t.Fatal(err)
	}
	if err := WriteReportHTML(&html, a, fixedNow); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(md.String(), "How the scores were agreed") || strings.Contains(html.String(), "How the scores were agreed") {
		t.Error("a workshop section without any agreement")
	}
	at := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	a.Agreements = map[string]model.Agreement{
		"WL-O1": {WorkshopID: 2, StatementID: "WL-O1", Score: 4, Round: 2, Suggested: true, AgreedAt: at,
			Tally: model.NewTally([]int{4, 4, 5, 0}, 5, model.RuleDefault), Dissent: "<script>x</script> \x1b[2Jbob: 5"},
		"WL-O2": {WorkshopID: 2, StatementID: "WL-O2", Score: 3, Round: 1, AgreedAt: at,
			Tally: model.NewTally([]int{1, 3, 4}, 5, model.RuleDefault)},
	}
	md.Reset()
	html.Reset()
	if err := WriteReportMarkdown(&md, a, fixedNow); err != nil {
		t.Fatal(err)
	}
	if err := WriteReportHTML(&html, a, fixedNow); err != nil {
		t.Fatal(err)
	}
	m := md.String()
	for _, want := range []string{"## How the scores were agreed", "| **WL-O1**", "| 4 | workshop 2, 2026-11-30, round 2 | 1:0 2:0 3:0 4:2 5:1 ?:1 | 4 | 4 to 5 | no |",
		"3 (changed since to 2)", "round 1, chosen over the median", "| yes |", "a half rounds down"} {
		if !strings.Contains(m, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, m)
		}
	}
	if strings.Index(m, "How the scores were agreed") > strings.Index(m, "The largest gaps") {
		t.Error("the workshop section is not before the gaps")
	}
	h := html.String()
	if !strings.Contains(h, "<h2>How the scores were agreed</h2>") || strings.Contains(h, "<script>x") || !strings.Contains(h, "&lt;script&gt;x") {
		t.Errorf("HTML section missing or unescaped")
	}
	if strings.Contains(m, "\x1b") {
		t.Error("an escape reached the Markdown")
	}
	var pdf bytes.Buffer
	if err := WriteReportPDF(&pdf, a, ReportExtras{}, fixedNow); err != nil {
		t.Fatalf("PDF with a workshop section: %v", err)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		path := filepath.Join(t.TempDir(), "r.pdf")
		if err := os.WriteFile(path, pdf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", path, "-").Output()
		if err != nil || !strings.Contains(string(out), "How the scores were agreed") || !strings.Contains(string(out), "workshop 2,") {
			t.Errorf("the PDF lacks the workshop section (%v):\n%s", err, out)
		}
	}
}
