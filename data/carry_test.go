package data

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"wgll/criteria"
	"wgll/model"
)

// changedCriteria returns the built-in criteria with one measure renamed,
// one organisation statement retired and one added, as TOML, and the ids
// of the retired and added statements.
func changedCriteria(t *testing.T) (raw []byte, retired, added string) {
	t.Helper()
	c, err := criteria.Parse("builtin", criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	m := &c.Measures[len(c.Measures)-1]
	m.FormerNames = append(m.FormerNames, m.Name)
	m.Name = "Healthy communities"
	var kept []criteria.Statement
	for _, s := range m.Statements {
		if s.Audience == criteria.Organisation && retired == "" {
			retired = s.ID
			continue
		}
		kept = append(kept, s)
	}
	added = "ZZ-NEW1"
	kept = append(kept, criteria.Statement{ID: added, Audience: criteria.Organisation, Text: "A new statement for the new year.", Guidance: "Evidence.", Source: "test"})
	m.Statements = kept
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(c); err != nil {
		t.Fatal(err)
	}
	if _, err := criteria.Parse("changed", buf.Bytes()); err != nil {
		t.Fatalf("changed criteria do not validate: %v", err)
	}
	return buf.Bytes(), retired, added
}

func TestCarryForward(t *testing.T) {
	s := openT(t, newDB(t), "ann")
	ids := orgStatements(t)
	raw, retired, added := changedCriteria(t)
	h := createT(t, s)
	if _, err := s.SetScore(ctx, h.ID, ids[0], 3); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetScore(ctx, h.ID, retired, 2); err != nil {
		t.Fatal(err)
	}
	mustEv := func(sid, title string) {
		if _, err := s.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: sid, Title: title}); err != nil {
			t.Fatal(err)
		}
	}
	mustEv(ids[0], "Board minutes")
	mustEv(retired, "Retired evidence")
	mustAct := func(sid, title string, st model.ActionStatus) {
		if _, err := s.SaveAction(ctx, h.ID, model.Action{StatementID: sid, Title: title, Owner: "Cath", Status: st, Priority: model.PriorityHigh}); err != nil {
			t.Fatal(err)
		}
	}
	mustAct(ids[0], "Open one", model.StatusOpen)
	mustAct(ids[1], "Doing one", model.StatusInProgress)
	mustAct(ids[1], "Done one", model.StatusDone)
	mustAct(retired, "Retired action", model.StatusOpen)
	before, err := s.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}

	nh, report, err := s.CarryForward(ctx, h.ID, model.Header{Period: "2027/28", CareSetting: model.SettingAcute}, raw)
	if err != nil {
		t.Fatalf("CarryForward: %v", err)
	}
	if nh.CarriedFrom != h.ID || nh.Organisation != h.Organisation || nh.Period != "2027/28" || nh.CareSetting != model.SettingAcute {
		t.Errorf("new header = %+v", nh)
	}
	joined := strings.Join(report, "\n")
	for _, want := range []string{retired + " (healthy-populations) is not in the new criteria: score 2, one evidence item and one open action not carried over",
		added + " (healthy-populations) is new in these criteria", "measure renamed: "} {
		if !strings.Contains(joined, want) {
			t.Errorf("report lacks %q:\n%s", want, joined)
		}
	}
	a, err := s.Assessment(ctx, nh.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Responses) != 0 {
		t.Errorf("new assessment has %d responses, want none", len(a.Responses))
	}
	if a.Previous[ids[0]] != 3 {
		t.Errorf("Previous[%s] = %v, want 3 (last time)", ids[0], a.Previous[ids[0]])
	}
	if ev := a.Evidence[ids[0]]; len(ev) != 1 || !ev[0].NeedsReview || !ev[0].AddedAt.Equal(before.Evidence[ids[0]][0].AddedAt) || ev[0].AddedBy != "ann" {
		t.Errorf("carried evidence = %+v, want one item marked for review with its original date", ev)
	}
	if len(a.Evidence[retired]) != 0 || len(a.Actions[retired]) != 0 {
		t.Error("evidence or actions of a retired statement were carried")
	}
	var titles []string
	for _, sid := range []string{ids[0], ids[1]} {
		for _, x := range a.Actions[sid] {
			titles = append(titles, x.Title)
			if x.Owner != "Cath" || x.Priority != model.PriorityHigh {
				t.Errorf("carried action %q = %+v, want owner and priority kept", x.Title, x)
			}
		}
	}
	if strings.Join(titles, ",") != "Open one,Doing one" {
		t.Errorf("carried actions = %v, want the open and in-progress ones", titles)
	}
	if ms := a.Measures(); ms[len(ms)-1].Name != "Healthy communities" {
		t.Errorf("new assessment's last measure = %q, want the renamed one", ms[len(ms)-1].Name)
	}
	after, err := s.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := dump(after), dump(before); got != want {
		t.Errorf("the earlier assessment changed:\n got %s\nwant %s", got, want)
	}
}

func dump(a *model.Assessment) string {
	var b strings.Builder
	for _, r := range sortedResponses(a) {
		b.WriteString(r.StatementID + "=" + r.Score.String() + ";")
	}
	for _, e := range flatEvidence(a) {
		b.WriteString(e.Title + "|" + e.AddedAt.String() + "|" + boolText(e.NeedsReview) + ";")
	}
	for _, x := range flatActions(a) {
		b.WriteString(x.Title + "|" + string(x.Status) + ";")
	}
	return b.String()
}

func sortedResponses(a *model.Assessment) []model.Response {
	var out []model.Response
	for _, m := range a.Measures() {
		for _, st := range m.Statements {
			if r, ok := a.Responses[st.ID]; ok {
				out = append(out, r)
			}
		}
	}
	return out
}

func TestCarryForwardRefuses(t *testing.T) {
	s := openT(t, newDB(t), "ann")
	h := createT(t, s)
	tests := []struct {
		name string
		from int64
		h    model.Header
		crit []byte
		want string
	}{
		{"same period", h.ID, model.Header{Period: h.Period}, criteria.BuiltinTOML(), "is the same as assessment"},
		{"no period", h.ID, model.Header{}, criteria.BuiltinTOML(), "the period is empty"},
		{"other audience", h.ID, model.Header{Period: "2027/28", Audience: criteria.ICS}, criteria.BuiltinTOML(), "keeps the audience"},
		{"missing assessment", 99, model.Header{Period: "2027/28"}, criteria.BuiltinTOML(), "assessment 99"},
		{"bad criteria", h.ID, model.Header{Period: "2027/28"}, []byte("nonsense = ["), "criteria are not valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := s.CarryForward(ctx, tt.from, tt.h, tt.crit)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
	if _, _, err := s.CarryForward(ctx, h.ID, model.Header{Period: "2027/28"}, criteria.BuiltinTOML()); err != nil {
		t.Fatal(err)
	}
	_, _, err := s.CarryForward(ctx, h.ID, model.Header{Period: "2027/28"}, criteria.BuiltinTOML())
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "already has an assessment for 2027/28") {
		t.Errorf("second carry to the same period: %v", err)
	}
	hs, _ := s.Assessments(ctx)
	if len(hs) != 2 {
		t.Errorf("%d assessments after refusals, want 2", len(hs))
	}
}
