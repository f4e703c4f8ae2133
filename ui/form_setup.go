package ui

import (
	"regexp"
	"strconv"
	"time"

	"wgll/criteria"
	"wgll/model"
)

// periodPattern is a financial-year period such as 2026/27.
var periodPattern = regexp.MustCompile(`^(\d{4})/(\d{2})$`)

// financialYear is the NHS financial year containing t (model.FinancialYear).
func financialYear(t time.Time) string { return model.FinancialYear(t) }

// newSetupForm asks for what a new assessment needs; fws are the
// frameworks it may be made with, the default first.
func newSetupForm(now time.Time, fws []Framework) *form {
	return newSetupFormFrom(model.Header{Audience: criteria.Organisation, Period: financialYear(now)}, fws)
}

// newSetupFormFrom asks for a new assessment, starting from the values of
// h (an organisation's next period, say).
func newSetupFormFrom(h model.Header, fws []Framework) *form {
	auds := make([]string, len(criteria.Audiences))
	audDisplay := make([]string, len(criteria.Audiences))
	for i, a := range criteria.Audiences {
		auds[i], audDisplay[i] = string(a), a.Title()
	}
	settings, settingDisplay := settingChoices()
	f := &form{kind: formSetup, title: "New assessment", submit: submitSetup, fields: []field{
		newTextField("organisation", "Organisation", "e.g. Northshire Hospitals NHS FT", h.Organisation, true),
		newChoiceField("audience", "Audience", auds, audDisplay, string(h.Audience)),
		newTextField("period", "Period", "e.g. 2026/27", h.Period, true),
		newChoiceField("setting", "Care setting", settings, settingDisplay, string(h.CareSetting)),
	}}
	if ff, ok := frameworkField(fws); ok {
		f.fields = append(f.fields, ff)
	}
	f.frameworks = fws
	return f.ready()
}

// settingChoices are the care settings a form offers, "(none)" first.
func settingChoices() (values, display []string) {
	values = []string{string(model.SettingNone)}
	display = []string{"(none)"}
	for _, s := range model.CareSettings {
		values = append(values, string(s))
		display = append(display, string(s))
	}
	return values, display
}

// nextPeriod is the period after p (model.NextPeriod); a label with no
// next one gives the financial year of now.
func nextPeriod(p string, now time.Time) string {
	if n := model.NextPeriod(p); n != "" {
		return n
	}
	return financialYear(now)
}

// checkPeriod says what is wrong with a period label, if anything.
func checkPeriod(p string) error {
	if p == "" {
		return errField("period", "period is required: type a label such as %s", financialYear(time.Now()))
	}
	if m := periodPattern.FindStringSubmatch(p); m != nil {
		y, _ := strconv.Atoi(m[1])
		z, _ := strconv.Atoi(m[2])
		if (y+1)%100 != z {
			return errField("period", "period %s does not run into the next year: write it as %d/%02d", p, y, (y+1)%100)
		}
	}
	return nil
}

// header validates the setup form and returns the new assessment's header.
func (f *form) header() (model.Header, error) {
	v := f.values()
	h := model.Header{
		Organisation: v["organisation"],
		Audience:     criteria.Audience(v["audience"]),
		Period:       v["period"],
		CareSetting:  model.CareSetting(v["setting"]),
	}
	if h.Organisation == "" {
		return h, errField("organisation", "organisation is required: type the organisation's name")
	}
	return h, checkPeriod(h.Period)
}

func submitSetup(f *form) (action, error) {
	h, err := f.header()
	if err != nil {
		return nil, err
	}
	return actCreate{h: h, toml: chosenTOML(f.frameworks, f.values(), nil)}, nil
}
