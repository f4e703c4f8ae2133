package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"wgll/model"
)

// planFixture is the export fixture with targets, trust fields and a
// sign-off, and hostile text where a user could put it.
func planFixture() *model.Assessment {
	a := fixture()
	a.MeasureTargets = map[string]model.Target{"well-led": {Level: 4, Due: day("2026-12-31")}, "smart-foundations": {Level: 3, Due: day("2026-06-30")}}
	a.Targets = map[string]model.Target{"EP-O2": {Level: 3}, "SF-O2": {Level: 5}}
	a.PutEvidence(model.Evidence{ID: 9, StatementID: "SF-O2", Title: "=HYPERLINK(\"x\")", Confidence: model.ConfidenceLow, Also: "WL-O2"})
	a.PutAction(model.Action{ID: 7, StatementID: "WL-O2", Title: "\x1b]52;c;aGk=\x07Brief the board\u202e", Owner: "=cmd|' /C calc'!A0", Due: day("2026-02-01"), Status: model.StatusOpen})
	a.SignOff = model.SignOff{AssuredBy: "Dr A. Khan, CIO", AssuredOn: day("2026-03-10"), ApprovedBy: model.ApprovalBoard, ApprovedOn: day("2026-03-12"), MinuteRef: "B/26/031"}
	return a
}

func TestPlanGoldens(t *testing.T) {
	a := planFixture()
	for _, f := range PlanFormats {
		t.Run(f, func(t *testing.T) {
			var b bytes.Buffer
			warns, err := WritePlan(&b, f, a, fixedNow)
			if err != nil || len(warns) > 0 {
				t.Fatalf("WritePlan: %v %q", err, warns)
			}
			out := b.Bytes()
			if f == "pdf" {
				// A4 pages of text from the board report's engine; its own
				// tests check the layout.
				if !bytes.HasPrefix(out, []byte("%PDF-")) || len(out) < 2000 {
					t.Errorf("not a PDF: %d bytes", len(out))
				}
				return
			}
			if f == "xlsx" {
				var d bytes.Buffer
				if err := dumpXLSX(&d, out); err != nil {
					t.Fatal(err)
				}
				out = d.Bytes()
			}
			golden(t, "plan."+f+map[bool]string{true: ".txt"}[f == "xlsx"], out)
		})
	}
	if _, err := WritePlan(&bytes.Buffer{}, "docx", a, fixedNow); err == nil || !strings.Contains(err.Error(), "text, md, csv, xlsx, json, pdf") {
		t.Errorf("unknown format: %v", err)
	}
}

// TestPlanOutputsAgree reads the CSV and JSON plans back: they rank the
// same gaps in the same order, flag the same gap with no action, and no
// cell could run as a formula or draw on a terminal.
func TestPlanOutputsAgree(t *testing.T) {
	a := planFixture()
	p := model.BuildPlan(a, fixedNow)
	var want []string
	for _, it := range p.Items {
		want = append(want, it.StatementID)
	}
	// All three gaps are 2 and all have weak evidence; WL-O2 and SF-O1 have
	// one overdue action each and SF-O2 none; WL-O2 comes first in the
	// framework.
	if got := strings.Join(want, " "); got != "WL-O2 SF-O1 SF-O2" {
		t.Errorf("ranking %s, want WL-O2 SF-O1 SF-O2", got)
	}
	var cb bytes.Buffer
	if _, err := WritePlan(&cb, "csv", a, fixedNow); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(cb.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var csvOrder []string
	flagged := map[string]bool{}
	for _, r := range recs[1:] {
		if len(csvOrder) == 0 || csvOrder[len(csvOrder)-1] != r[1] {
			csvOrder = append(csvOrder, r[1])
		}
		if r[12] == NoActionFlag {
			flagged[r[1]] = true
		}
		for _, c := range r {
			if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
				t.Errorf("CSV cell %q could run as a formula", c)
			}
		}
	}
	var jb bytes.Buffer
	if _, err := WritePlan(&jb, "json", a, fixedNow); err != nil {
		t.Fatal(err)
	}
	var doc planJSON
	if err := json.Unmarshal(jb.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var jsonOrder []string
	for _, g := range doc.Gaps {
		jsonOrder = append(jsonOrder, g.StatementID)
		if g.NoAction != flagged[g.StatementID] {
			t.Errorf("%s: JSON no_action %v, CSV flag %v", g.StatementID, g.NoAction, flagged[g.StatementID])
		}
	}
	if fmt.Sprint(csvOrder) != fmt.Sprint(want) || fmt.Sprint(jsonOrder) != fmt.Sprint(want) {
		t.Errorf("orders differ: model %v, CSV %v, JSON %v", want, csvOrder, jsonOrder)
	}
	if doc.SignOff == nil || doc.SignOff.MinuteRef != "B/26/031" || doc.Schema != PlanJSONSchema {
		t.Errorf("JSON header %+v", doc)
	}
	var tb bytes.Buffer
	if _, err := WritePlan(&tb, "text", a, fixedNow); err != nil {
		t.Fatal(err)
	}
	if s := tb.String(); strings.ContainsAny(s, "\x1b\x07\u202e") || !strings.Contains(s, "Assured by Dr A. Khan, CIO") || !strings.Contains(s, NoActionFlag) {
		t.Errorf("text plan:\n%s", s)
	}
}

// TestReportIncludesPlanAndSignOff: the board report names the recorded
// sign-off and carries the plan; without targets it has no plan section.
func TestReportIncludesPlanAndSignOff(t *testing.T) {
	var b bytes.Buffer
	if err := WriteReportMarkdown(&b, planFixture(), fixedNow); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{"**Assured by:** Dr A. Khan, CIO on 2026-03-10; approved by the board", "## Improvement plan", "**NO ACTION YET**", "Readiness (gaps with an open action"} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	b.Reset()
	if err := WriteReportMarkdown(&b, fixture(), fixedNow); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "Improvement plan") || strings.Contains(b.String(), "Assured by") {
		t.Error("a report without targets or sign-off has a plan or sign-off line")
	}
}
