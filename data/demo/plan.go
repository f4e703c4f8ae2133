package demo

import (
	"math/rand/v2"
	"strings"
	"time"

	"wgll/criteria"
	"wgll/model"
)

// plan is a whole demo workbook held in memory before it is written.
type plan struct {
	assessments []assessmentPlan
	// hot names the statement given exactly HotItems evidence items and
	// actions (large only), and the index of its assessment.
	hot      string
	hotIndex int
}

// assessmentPlan is one assessment and everything recorded against it.
type assessmentPlan struct {
	header model.Header
	// carryFrom is the index in plan.assessments of the assessment this
	// one was carried forward from, or -1. With carry set, it is made with
	// the store's CarryForward, which copies the earlier evidence and live
	// actions itself; without, only the header records the link and the
	// plan holds all of its content.
	carryFrom int
	carry     bool
	responses []model.Response
	evidence  []model.Evidence
	actions   []model.Action
	// targets, measureTargets and signOff are the plan's targets and the
	// sign-off that locks the assessment (see trust.go).
	targets        map[string]model.Target
	measureTargets map[string]model.Target
	signOff        *model.SignOff
}

// The people who record things in the demo workbooks.
var demoPeople = []string{"Amara Okafor", "James Patel", "Rhiannon Thomas", "Sam Williams", "Hannah Gill"}

// days is n days as a duration.
func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

// clamp keeps a score on the 1 to 5 scale.
func clamp(s int) model.Score {
	if s < 1 {
		s = 1
	}
	if s > 5 {
		s = 5
	}
	return model.Score(s)
}

// around draws a score near mean: rounding mean plus a small random step.
func around(r *rand.Rand, mean float64) model.Score {
	step := []float64{-1, -0.5, 0, 0, 0.5, 1}[r.IntN(6)]
	return clamp(int(mean + step + 0.5))
}

// measureStatements lists audience a's measures with their pool indexes.
type poolMeasure struct {
	m    criteria.Measure
	pool int
}

func measuresFor(c *criteria.Criteria, a criteria.Audience) []poolMeasure {
	var out []poolMeasure
	for i, m := range c.ForAudience(a) {
		if len(m.Statements) > 0 {
			out = append(out, poolMeasure{m: m, pool: poolIndex(m, i)})
		}
	}
	return out
}

// smallPlan is the small demo: the trust's two organisation assessments
// (2025/26, complete; 2026/27, carried forward and part way through) and
// the system's ICS assessment, dated around now.
func smallPlan(c *criteria.Criteria, now time.Time) plan {
	r := rand.New(rand.NewPCG(2025, 2026))
	now = now.UTC().Truncate(time.Second)
	today := model.Day(now)
	var p plan

	// 2025/26: every statement scored, close to the national acute means.
	prev := assessmentPlan{carryFrom: -1, header: model.Header{
		Organisation: TrustName, Audience: criteria.Organisation, Period: "2025/26",
		CareSetting: model.SettingAcute, CreatedAt: now.Add(-days(400)), UpdatedAt: now.Add(-days(330)),
	}}
	// 2026/27: carried forward; about two in three statements re-scored.
	cur := assessmentPlan{carryFrom: 0, carry: true, header: model.Header{
		Organisation: TrustName, Audience: criteria.Organisation, Period: "2026/27",
		CareSetting: model.SettingAcute, CreatedAt: now.Add(-days(35)), UpdatedAt: now.Add(-days(1)),
	}}
	for mi, pm := range measuresFor(c, criteria.Organisation) {
		mean := nationalMeans[criteria.Organisation][pm.pool]
		for si, st := range pm.m.Statements {
			old := around(r, mean)
			by := demoPeople[(mi+si)%len(demoPeople)]
			prev.responses = append(prev.responses, model.Response{
				StatementID: st.ID, Score: old, Rationale: rationale(pm.pool, int(old), si),
				UpdatedBy: by, UpdatedAt: prev.header.CreatedAt.Add(days(10 + mi*3 + si)), Version: 1,
			})
			if r.IntN(3) > 0 { // re-scored this year, mostly the same or one better
				next := clamp(int(old) + []int{0, 0, 1, 1, -1}[r.IntN(5)])
				cur.responses = append(cur.responses, model.Response{
					StatementID: st.ID, Score: next, Rationale: rationale(pm.pool, int(next), si+1),
					UpdatedBy: by, UpdatedAt: now.Add(-days(30 - mi*3 - si%3)), Version: 1,
				})
			}
			// Evidence: last year's on two statements of each measure
			// (carrying forward copies them into this year for review),
			// and this year's new items on a third.
			pool := evidencePool[pm.pool]
			if si == 0 || si == 3 {
				e := pool[si%len(pool)]
				prev.evidence = append(prev.evidence, model.Evidence{
					StatementID: st.ID, Title: e.title, Link: e.link,
					Detail:  "Reviewed at the board workshop; accepted as showing the statement is met in the areas it covers.",
					AddedBy: by, AddedAt: prev.header.CreatedAt.Add(days(12 + mi*3 + si)),
				})
			}
			if si == 2 {
				e := pool[(si+3)%len(pool)]
				cur.evidence = append(cur.evidence, model.Evidence{
					StatementID: st.ID, Title: e.title, Link: e.link,
					Detail:  "Presented to the Digital Programme Board this year.",
					AddedBy: by, AddedAt: now.Add(-days(25 - mi)),
				})
			}
			// Actions where the score is low: one per statement scored 1
			// or 2 last year, at most two per measure.
			if old <= 2 && si < 4 {
				a := actionPool[pm.pool][si%len(actionPool[pm.pool])]
				cur.actions = append(cur.actions, smallAction(st.ID, a.title, a.owner, len(cur.actions), today, now))
			}
			// Last year's plan: one action per measure, mostly finished.
			if si == 0 {
				a := actionPool[pm.pool][(mi+4)%len(actionPool[pm.pool])]
				x := smallAction(st.ID, a.title, a.owner, mi, today.Add(-days(365)), now.Add(-days(365)))
				x.Status = []model.ActionStatus{model.StatusDone, model.StatusInProgress, model.StatusDropped, model.StatusDone}[mi%4]
				prev.actions = append(prev.actions, x)
			}
		}
	}
	// Make sure the list shows every status and priority, with some overdue.
	for len(cur.actions) < 24 {
		pm := measuresFor(c, criteria.Organisation)[len(cur.actions)%7%len(measuresFor(c, criteria.Organisation))]
		st := pm.m.Statements[len(cur.actions)%len(pm.m.Statements)]
		a := actionPool[pm.pool][(len(cur.actions)+2)%len(actionPool[pm.pool])]
		cur.actions = append(cur.actions, smallAction(st.ID, a.title, a.owner, len(cur.actions), today, now))
	}

	// The system's first ICS assessment, a few weeks in.
	ics := assessmentPlan{carryFrom: -1, header: model.Header{
		Organisation: SystemName, Audience: criteria.ICS, Period: "2026/27",
		CareSetting: model.SettingICB, CreatedAt: now.Add(-days(20)), UpdatedAt: now.Add(-days(2)),
	}}
	for mi, pm := range measuresFor(c, criteria.ICS) {
		mean := nationalMeans[criteria.ICS][pm.pool]
		for si, st := range pm.m.Statements {
			if si >= 4 {
				continue // not reached yet
			}
			s := around(r, mean)
			ics.responses = append(ics.responses, model.Response{
				StatementID: st.ID, Score: s, Rationale: rationale(pm.pool, int(s), si),
				UpdatedBy: demoPeople[(mi+si+2)%len(demoPeople)], UpdatedAt: now.Add(-days(15 - si)), Version: 1,
			})
			if si == 0 {
				e := evidencePool[pm.pool][(mi+5)%len(evidencePool[pm.pool])]
				ics.evidence = append(ics.evidence, model.Evidence{
					StatementID: st.ID, Title: e.title, Link: e.link,
					AddedBy: demoPeople[mi%len(demoPeople)], AddedAt: now.Add(-days(14)),
				})
			}
			if si == 1 && mi%2 == 0 {
				a := actionPool[pm.pool][(mi+1)%len(actionPool[pm.pool])]
				ics.actions = append(ics.actions, smallAction(st.ID, a.title, "ICS "+a.owner, mi, today, now))
			}
		}
	}
	addTrust(c, &prev, &cur, today)
	p.assessments = []assessmentPlan{prev, cur, ics}
	p.hotIndex = -1
	return p
}

// smallAction makes the i-th action of the small demo: statuses and
// priorities cycle so every one appears, and due dates run from three
// months ago to four months ahead so several live actions are overdue.
func smallAction(statement, title, owner string, i int, today, now time.Time) model.Action {
	status := []model.ActionStatus{model.StatusOpen, model.StatusInProgress, model.StatusOpen, model.StatusDone, model.StatusInProgress, model.StatusDropped}[i%6]
	due := today.Add(days(-90 + (i*37)%210))
	if i%7 == 5 {
		due = time.Time{} // no due date agreed yet
	}
	created := now.Add(-days(30 - i%20))
	return model.Action{
		StatementID: statement, Title: title, Owner: owner, Due: due, Status: status,
		Priority:  model.Priorities[(i/2)%len(model.Priorities)],
		CreatedAt: created, UpdatedAt: created.Add(days(i % 5)),
	}
}

// Large workbook shape. The newest organisation assessment is the one the
// app and the exports open by default, so it carries the bulk: LargeItems
// evidence items and LargeItems actions, HotItems of each on one statement.
// The nineteen older assessments carry OlderItems of each, as a decade of
// earlier periods would.
const (
	// LargePeriods is the number of periods for each audience.
	LargePeriods = 10
	// LargeItems is the number of evidence items, and of actions, in the
	// newest organisation assessment.
	LargeItems = 20000
	// HotItems is how many evidence items and actions the busiest
	// statement has.
	HotItems = 500
	// OlderItems is the number of evidence items, and of actions, in each
	// older assessment.
	OlderItems = 50
	// LargeOwners is the number of distinct action owners.
	LargeOwners = 200
	// LongNote is the length of the long evidence notes, one item in ten.
	LongNote = 5 * 1024
)

// LargeNow is the fixed clock of the large workbook, so that every run
// writes the same bytes and benchmark figures are comparable.
var LargeNow = time.Date(2026, time.November, 2, 9, 0, 0, 0, time.UTC)

// largePlan is the large demo: LargePeriods periods for each audience with
// every statement scored, written in date order with the newest
// organisation assessment last.
func largePlan(c *criteria.Criteria) plan {
	r := rand.New(rand.NewPCG(6, 20000))
	var p plan
	longNote := makeLongNote()
	// The last period starts in LargeNow's year: 2017/18 to 2026/27.
	first := LargeNow.Year() - LargePeriods
	for _, aud := range []criteria.Audience{criteria.ICS, criteria.Organisation} {
		org, setting := TrustName, model.SettingAcute
		if aud == criteria.ICS {
			org, setting = SystemName, model.SettingICB
		}
		ms := measuresFor(c, aud)
		for k := 0; k < LargePeriods; k++ {
			year := first + 1 + k
			created := time.Date(year, time.April, 6, 10, 0, 0, 0, time.UTC)
			if aud == criteria.ICS {
				created = created.Add(-days(3))
			}
			newest := aud == criteria.Organisation && k == LargePeriods-1
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
			// Scores climb from about one below the national mean by
			// about a tenth of a level a year, with noise.
			for mi, pm := range ms {
				mean := nationalMeans[aud][pm.pool] - 1 + 0.12*float64(k)
				for si, st := range pm.m.Statements {
					s := around(r, mean)
					ap.responses = append(ap.responses, model.Response{
						StatementID: st.ID, Score: s, Rationale: rationale(pm.pool, int(s), si+k),
						UpdatedBy: demoPeople[(mi+si+k)%len(demoPeople)],
						UpdatedAt: created.Add(days(20 + mi*5 + si)), Version: int64(1 + r.IntN(3)),
					})
				}
			}
			n := OlderItems
			if newest {
				n = LargeItems
				p.hotIndex = len(p.assessments)
				hm := ms[len(ms)/2]
				p.hot = hm.m.Statements[0].ID
			}
			span := ap.header.UpdatedAt.Sub(created)
			if newest {
				span = LargeNow.Sub(created)
			}
			ap.evidence = largeEvidence(r, ms, n, newest, p.hot, HotItems, created, span, longNote)
			ap.actions = largeActions(r, ms, n, newest, p.hot, HotItems, created, span)
			p.assessments = append(p.assessments, ap)
		}
	}
	return p
}

// periodLabel is the financial year starting in year: 2026 -> "2026/27".
func periodLabel(year int) string {
	return time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006") + "/" +
		time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC).Format("06")
}

// spread places n items on the statements of ms: when hot is set, exactly
// hotN on it and the rest round-robin over the others.
func spread(ms []poolMeasure, n int, withHot bool, hot string, hotN int) []struct {
	st   criteria.Statement
	pool int
} {
	type slot = struct {
		st   criteria.Statement
		pool int
	}
	var all, others []slot
	for _, pm := range ms {
		for _, st := range pm.m.Statements {
			all = append(all, slot{st, pm.pool})
			if !withHot || st.ID != hot {
				others = append(others, slot{st, pm.pool})
			}
		}
	}
	out := make([]slot, 0, n)
	hotSlot := -1
	for i, s := range all {
		if s.st.ID == hot {
			hotSlot = i
		}
	}
	if withHot && hotSlot >= 0 {
		for i := 0; i < hotN && i < n; i++ {
			out = append(out, all[hotSlot])
		}
	}
	for i := 0; len(out) < n; i++ {
		out = append(out, others[i%len(others)])
	}
	return out
}

func largeEvidence(r *rand.Rand, ms []poolMeasure, n int, withHot bool, hot string, hotN int, from time.Time, span time.Duration, longNote string) []model.Evidence {
	out := make([]model.Evidence, 0, n)
	for i, s := range spread(ms, n, withHot, hot, hotN) {
		pool := evidencePool[s.pool]
		e := pool[r.IntN(len(pool))]
		added := from.Add(time.Duration(r.Int64N(int64(span)))).Truncate(time.Second)
		detail := "Summary agreed at the quarterly review; the full paper is on the intranet."
		if i%10 == 0 {
			detail = longNote
		}
		out = append(out, model.Evidence{
			StatementID: s.st.ID, Title: e.title + ", " + quarter(added), Link: e.link, Detail: detail,
			AddedBy: demoPeople[r.IntN(len(demoPeople))], AddedAt: added,
			NeedsReview: r.IntN(20) == 0, Version: 1,
		})
	}
	return out
}

func largeActions(r *rand.Rand, ms []poolMeasure, n int, withHot bool, hot string, hotN int, from time.Time, span time.Duration) []model.Action {
	out := make([]model.Action, 0, n)
	statuses := []model.ActionStatus{model.StatusOpen, model.StatusOpen, model.StatusInProgress, model.StatusInProgress, model.StatusDone, model.StatusDone, model.StatusDropped}
	for i, s := range spread(ms, n, withHot, hot, hotN) {
		pool := actionPool[s.pool]
		a := pool[r.IntN(len(pool))]
		created := from.Add(time.Duration(r.Int64N(int64(span)))).Truncate(time.Second)
		x := model.Action{
			StatementID: s.st.ID, Title: a.title, Owner: largeOwner((i * 37) % LargeOwners),
			Status: statuses[r.IntN(len(statuses))], Priority: model.Priorities[r.IntN(len(model.Priorities))],
			CreatedAt: created, UpdatedAt: created.Add(days(r.IntN(60))), Version: int64(1 + r.IntN(4)),
		}
		if r.IntN(10) > 0 {
			x.Due = model.Day(created.Add(days(30 + r.IntN(300))))
		}
		out = append(out, x)
	}
	return out
}

// quarter names the financial quarter of t: "Q2 2025/26".
func quarter(t time.Time) string {
	y, q := t.Year(), (int(t.Month())-4+12)%12/3+1
	if t.Month() < time.April {
		y--
	}
	return "Q" + string(rune('0'+q)) + " " + periodLabel(y)
}

// makeLongNote builds a LongNote-byte evidence note from whole sentences.
func makeLongNote() string {
	var b strings.Builder
	for i := 0; b.Len() < LongNote; i++ {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(noteParagraphs[i%len(noteParagraphs)])
	}
	// Cut to size on a full stop so the note reads as finished text.
	return b.String()[:LongNote-1] + "."
}
