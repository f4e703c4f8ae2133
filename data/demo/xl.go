package demo

import (
	"math/rand/v2"
	"time"

	"wgll/criteria"
	"wgll/model"
)

// The xl workbook is an integrated care system's: XLOrganisations member
// organisations, each with LargePeriods periods, and the system's own ICS
// assessments for the same periods (430 assessments). The newest period of
// the trust (TrustName, which sorts first, so the picker highlights it) is
// the one the app and the exports open by default and carries the bulk:
// XLItems evidence items and XLItems actions, XLHotItems of each on one
// statement. Every other assessment carries OlderItems of each.
const (
	// XLOrganisations is the number of member organisations.
	XLOrganisations = 42
	// XLItems is the number of evidence items, and of actions, in the
	// newest assessment.
	XLItems = 100000
	// XLHotItems is how many evidence items and actions the busiest
	// statement of the newest assessment has.
	XLHotItems = 2500
)

// xlPlaces name the fictional member organisations other than the trust;
// every one sorts after TrustName, so the trust's newest assessment lists
// first in its period.
var xlPlaces = []string{
	"Oakmoor", "Orchard Vale", "Ouseford", "Pendleton", "Pinewood", "Portmere", "Queensbridge",
	"Ravensdale", "Redcliffe", "Ridgeway", "Rookham", "Saltmarsh", "Sandford", "Severnbank",
	"Southmoor", "Stonebridge", "Swaleside", "Tarnside", "Thornbury Vale", "Trentside", "Upton Moor",
	"Valebrook", "Wealdon", "Westbrook", "Whitcombe", "Willowmere", "Windrush", "Woodhaven",
	"Wrekin Vale", "Wyeside", "Yarrowdale", "Yewbank", "Ashcombe Fields", "Brackenridge",
	"Calderbrook", "Dunmere", "Elmstead", "Fernhollow", "Glenford", "Hawkridge", "Ivybridge Moor",
}

// xlKinds are the kinds of member organisation, by care setting.
var xlKinds = []struct {
	suffix  string
	setting model.CareSetting
}{
	{"NHS Foundation Trust", model.SettingAcute},
	{"Community Healthcare NHS Trust", model.SettingCommunity},
	{"Mental Health NHS Foundation Trust", model.SettingMentalHealth},
	{"Hospitals NHS Trust", model.SettingAcute},
	{"Ambulance Service NHS Trust", model.SettingAmbulance},
}

// xlOrganisation is the i-th member organisation; 0 is the trust. The
// places from "Ashcombe Fields" on sort before the trust, so they are
// prefixed to sort after it ("The ... "), keeping the trust first.
func xlOrganisation(i int) (string, model.CareSetting) {
	if i == 0 {
		return TrustName, model.SettingAcute
	}
	place := xlPlaces[(i-1)%len(xlPlaces)]
	k := xlKinds[(i-1)%len(xlKinds)]
	name := place + " " + k.suffix
	if place < "O" {
		name = "The " + name
	}
	return name, k.setting
}

// xlPlan is the xl demo: the ICS's own periods, then each member
// organisation's periods, oldest first, with the trust's newest last.
func xlPlan(c *criteria.Criteria) plan {
	r := rand.New(rand.NewPCG(42, 100000))
	var p plan
	longNote := makeLongNote()
	first := LargeNow.Year() - LargePeriods
	// orgs lists the assessments' owners in writing order: the system, the
	// other members, then the trust, so the trust's newest is written last.
	orgs := []int{-1}
	for i := 1; i < XLOrganisations; i++ {
		orgs = append(orgs, i)
	}
	orgs = append(orgs, 0)
	for _, o := range orgs {
		aud, org, setting := criteria.Organisation, "", model.SettingNone
		if o < 0 {
			aud, org, setting = criteria.ICS, SystemName, model.SettingICB
		} else {
			org, setting = xlOrganisation(o)
		}
		ms := measuresFor(c, aud)
		// Each organisation starts at its own level, between a level below
		// the national mean and about the mean.
		offset := -1 + float64((o+7)%9)/9
		for k := 0; k < LargePeriods; k++ {
			year := first + 1 + k
			created := time.Date(year, time.April, 6, 10, 0, 0, 0, time.UTC).Add(time.Duration(o+1) * time.Hour)
			newest := o == 0 && k == LargePeriods-1
			ap := assessmentPlan{carryFrom: -1, header: model.Header{
				Organisation: org, Audience: aud, Period: periodLabel(year), CareSetting: setting,
				CreatedAt: created, UpdatedAt: created.Add(days(180)),
			}}
			if k > 0 {
				ap.carryFrom = len(p.assessments) - 1
			}
			if newest {
				ap.header.UpdatedAt = LargeNow.Add(-time.Hour)
			}
			for mi, pm := range ms {
				mean := nationalMeans[aud][pm.pool] + offset + 0.12*float64(k)
				for si, st := range pm.m.Statements {
					s := around(r, mean)
					ap.responses = append(ap.responses, model.Response{
						StatementID: st.ID, Score: s, Rationale: rationale(pm.pool, int(s), si+k),
						UpdatedBy: demoPeople[(mi+si+k)%len(demoPeople)],
						UpdatedAt: created.Add(days(20 + mi*5 + si)), Version: int64(1 + r.IntN(3)),
					})
				}
			}
			n, hotN := OlderItems, 0
			if newest {
				n, hotN = XLItems, XLHotItems
				p.hotIndex = len(p.assessments)
				p.hot = ms[len(ms)/2].m.Statements[0].ID
			}
			span := ap.header.UpdatedAt.Sub(created)
			if newest {
				span = LargeNow.Sub(created)
			}
			ap.evidence = largeEvidence(r, ms, n, newest, p.hot, hotN, created, span, longNote)
			ap.actions = largeActions(r, ms, n, newest, p.hot, hotN, created, span)
			p.assessments = append(p.assessments, ap)
		}
	}
	return p
}
