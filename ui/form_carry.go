package ui

import (
	"time"

	"wgll/model"
)

// newCarryForm asks for the new period of assessment from carried forward;
// group is its organisation's assessments, whose periods are taken.
// fws are the frameworks the new period may use, the default first; a
// refreshed framework's mapping says which statement continues which.
func newCarryForm(from model.Header, group []model.Header, now time.Time, fws []Framework) *form {
	settings, display := settingChoices()
	f := &form{kind: formCarry, title: "Carry forward " + oneLine(from.Title()), fields: []field{
		newTextField("period", "New period", "e.g. 2027/28", nextPeriod(from.Period, now), true),
		newChoiceField("setting", "Care setting", settings, display, string(from.CareSetting)),
	}, info: []string{"Organisation " + oneLine(from.Organisation) + " · audience " + from.Audience.Title() + " (as before)."}}
	if ff, ok := frameworkField(fws); ok {
		f.fields = append(f.fields, ff)
	}
	f.frameworks = fws
	f.submit = func(f *form) (action, error) {
		v := f.values()
		h := model.Header{Period: v["period"], CareSetting: model.CareSetting(v["setting"])}
		if err := checkPeriod(h.Period); err != nil {
			return nil, err
		}
		for _, g := range group {
			if g.Period == h.Period {
				return nil, errField("period", "%s already has an assessment: choose another period", oneLine(g.Period))
			}
		}
		return actCarry{from: from, h: h, toml: chosenTOML(f.frameworks, v, nil)}, nil
	}
	return f.ready()
}
