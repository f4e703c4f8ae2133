package export

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wgll/criteria"
	"wgll/model"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// fixedNow is the moment every fixture export is made.
var fixedNow = time.Date(2026, 3, 15, 10, 30, 0, 0, time.UTC)

func day(s string) time.Time {
	t, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

// longText is a realistic, long action title.
var longText = "Replace the ageing data-centre cooling and UPS at the main site, including the generator transfer switch, " +
	"so that the electronic patient record stays available through a power cut; the business case (£1.2m over three years) " +
	"goes to the Finance & Performance Committee in May, with options for a co-location partner shared with the ICS."

func fixtureCriteria() *criteria.Criteria {
	o, i := criteria.Organisation, criteria.ICS
	return &criteria.Criteria{
		Framework: criteria.Framework{Name: "What Good Looks Like", Version: "2026.1", Note: "Summarises the official framework in this project's words.", NotAssessed: "Not assessed"},
		Scale: []criteria.Level{
			{Level: 1, Label: "Not started"}, {Level: 2, Label: "Planning"}, {Level: 3, Label: "Developing"},
			{Level: 4, Label: "Established"}, {Level: 5, Label: "Optimised"},
		},
		Measures: []criteria.Measure{
			{Key: "well-led", Name: "Well led", Statements: []criteria.Statement{
				{ID: "WL-O1", Audience: o, Text: "The board owns a digital and data strategy with a funded delivery plan."},
				{ID: "WL-O2", Audience: o, Text: "Board members build their digital literacy & challenge digital risks."},
				{ID: "WL-I1", Audience: i, Text: "The ICS has one system-wide digital strategy."},
				{ID: "WL-O3", Audience: o, Text: "A named executive is accountable for digital, data and cyber security."},
			}},
			{Key: "smart-foundations", Name: "Ensure smart foundations", Statements: []criteria.Statement{
				{ID: "SF-O1", Audience: o, Text: "Infrastructure is reliable, modern and resilient."},
				{ID: "SF-O2", Audience: o, Text: "Cyber security meets the Data Security and Protection Toolkit standard."},
			}},
			{Key: "empower-people", Name: "Empower people", FormerNames: []string{"Empower citizens"}, Statements: []criteria.Statement{
				{ID: "EP-O1", Audience: o, Text: "Patients can see and add to their record online."},
				{ID: "EP-O2", Audience: o, Text: "Services are co-designed with the people who use them."},
			}},
		},
	}
}

// fixture is the fixed workbook every golden file is made from: £ signs,
// accented names, a pipe and a newline in a title, and a long text.
func fixture() *model.Assessment {
	created := time.Date(2026, 1, 12, 9, 15, 30, 123456789, time.UTC)
	a := model.NewAssessment(model.Header{
		ID: 3, Organisation: "St Ælfric's & Mercia NHS Foundation Trust", Audience: criteria.Organisation,
		Period: "2026/27", CareSetting: model.SettingAcute, CreatedAt: created, UpdatedAt: created,
	}, fixtureCriteria())
	rationales := map[string]string{
		"WL-O1": "Strategy approved by the board in March; £3.4m capital committed over five years.\nDelivery plan reviewed quarterly by the Finance & Performance Committee.",
		"WL-O2": "Only two of eleven board members have had digital training | see the <b>skills audit</b>; *no* development plan yet.\n\n- Next step: a board session in June.",
		"SF-O1": "=HYPERLINK(\"x\") Core switches are end-of-life (Cisco 6500, installed 2011); two outages this year.",
	}
	for id, sc := range map[string]model.Score{"WL-O1": 4, "WL-O2": 2, "SF-O1": 1, "SF-O2": 3, "EP-O1": 5, "WL-I1": 1} {
		a.PutResponse(model.Response{StatementID: id, Score: sc, Rationale: rationales[id], UpdatedBy: "amira", UpdatedAt: created, Version: 1})
	}
	// A rationale typed before any score is agreed is still reported.
	a.PutResponse(model.Response{StatementID: "EP-O2", Rationale: "Patient panel meets in April; score to be agreed then.", UpdatedBy: "Chloé Dubois", UpdatedAt: created, Version: 1})
	a.PutEvidence(model.Evidence{ID: 1, StatementID: "WL-O1", Title: "Board paper 2026-03, item 7",
		Detail: "Strategy approved; £3.4m capital over five years.", Link: "https://example.nhs.uk/board/2026-03?item=7&part=2",
		AddedBy: "Zoë Ångström", AddedAt: created})
	a.PutEvidence(model.Evidence{ID: 2, StatementID: "SF-O1", Title: "Network resilience review",
		Link: `S:\IT\Infrastructure\network-review.docx`, AddedBy: "Chloé Dubois", AddedAt: created.Add(48 * time.Hour), NeedsReview: true})
	a.PutEvidence(model.Evidence{ID: 3, StatementID: "EP-O1", Title: "NHS App integration go-live note",
		Link: "javascript:alert(1)", AddedBy: "amira", AddedAt: created.Add(72 * time.Hour)})
	upd := created.Add(30 * 24 * time.Hour)
	for _, x := range []model.Action{
		{ID: 1, StatementID: "SF-O1", Title: "Replace core switches (£240k capital bid)", Owner: "Zoë Ångström", Due: day("2026-01-31"), Status: model.StatusOpen, Priority: model.PriorityHigh},
		{ID: 2, StatementID: "WL-O2", Title: "Board development session on digital: ask Chloé Dubois to facilitate", Owner: "Chief Digital Officer", Due: day("2026-06-30"), Status: model.StatusInProgress, Priority: model.PriorityMedium},
		{ID: 3, StatementID: "WL-O2", Title: "Refresh the strategy:\nalign with the ICS plan | five-year view", Owner: "Siobhán O'Neill", Status: model.StatusOpen, Priority: model.PriorityLow},
		{ID: 4, StatementID: "EP-O2", Title: "Patient panel for the portal pilot", Owner: "Chloé Dubois", Due: day("2025-12-01"), Status: model.StatusDone, Priority: model.PriorityMedium},
		{ID: 5, StatementID: "SF-O2", Title: longText, Owner: "Estates", Due: day("2026-09-30"), Status: model.StatusDropped, Priority: model.PriorityLow},
		{ID: 6, StatementID: "WL-O1", Title: "Publish the board's digital dashboard", Owner: "zoë ångström ", Due: day("2026-03-01"), Status: model.StatusInProgress, Priority: model.PriorityHigh},
	} {
		x.CreatedAt, x.UpdatedAt, x.Version = created.Add(time.Duration(x.ID)*time.Hour), upd, 1
		a.PutAction(x)
	}
	return a
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test ./data/export -update to create it): %v", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file; run with -update if the change is intended.\n--- got ---\n%s", name, clip(string(got)))
	}
}

func clip(s string) string {
	if len(s) > 4000 {
		return s[:4000] + "\n…"
	}
	return s
}

// unguard undoes SafeCell for a cell that SafeCell changed.
func unguard(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r\x00", rune(s[1])) {
		return s[1:]
	}
	return s
}
