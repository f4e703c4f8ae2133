package demo

import (
	"sort"
	"time"

	"wgll/criteria"
	"wgll/data"
	"wgll/model"
)

// addTrust gives the small demo what the improvement plan and the trust
// rules need to show on first look: last year's assessment assured and
// approved (so it is locked), its evidence with owners, confidence and
// review-by dates, some of them past (so the carried copies are stale two
// ways), this year's evidence with a low-confidence item and one item
// linked to a second statement, and targets for this year (a default per
// measure and a few statements aimed higher) due at the end of the
// financial year.
func addTrust(c *criteria.Criteria, prev, cur *assessmentPlan, today time.Time) {
	prev.signOff = &model.SignOff{
		AssuredBy: "Amara Okafor, Chief Information Officer", AssuredOn: today.Add(-days(340)),
		ApprovedBy: model.ApprovalBoard, ApprovedOn: today.Add(-days(330)), MinuteRef: "TB/25/114",
		SignedBy: "Hannah Gill", SignedAt: today.Add(-days(330)).Add(10 * time.Hour),
	}
	confidences := []model.Confidence{model.ConfidenceHigh, model.ConfidenceMedium, model.ConfidenceHigh, model.ConfidenceLow}
	for i := range prev.evidence {
		e := &prev.evidence[i]
		e.Owner = demoPeople[(i+1)%len(demoPeople)]
		e.Confidence = confidences[i%len(confidences)]
		e.EffectiveDate = model.Day(e.AddedAt.Add(-days(20)))
		// Reviews fall due a year on; every third was due before today.
		e.ReviewBy = today.Add(days(30 + i*11))
		if i%3 == 0 {
			e.ReviewBy = today.Add(-days(10 + i))
		}
	}
	for i := range cur.evidence {
		e := &cur.evidence[i]
		e.Owner = demoPeople[(i+2)%len(demoPeople)]
		e.Confidence = confidences[(i+1)%len(confidences)]
		e.EffectiveDate = model.Day(e.AddedAt.Add(-days(7)))
		e.ReviewBy = today.Add(days(180 + i*7))
	}
	if len(cur.evidence) > 1 {
		// One board paper that shows two things.
		cur.evidence[0].Also = model.Links(cur.evidence[1].StatementID)
	}
	due := yearEnd(today)
	cur.measureTargets = map[string]model.Target{}
	var measures []string
	for _, r := range prev.responses {
		_, m, _ := c.Statement(r.StatementID)
		key := m.Key
		if _, ok := cur.measureTargets[key]; !ok {
			cur.measureTargets[key] = model.Target{Level: model.Score(3 + len(measures)%2), Due: due}
			measures = append(measures, key)
		}
	}
	cur.targets = map[string]model.Target{}
	n := 0
	for _, r := range cur.responses {
		if n < 3 && r.Score >= 3 {
			cur.targets[r.StatementID] = model.Target{Level: 5, Due: due}
			n++
		}
	}
}

// yearEnd is the 31 March that ends the financial year of day.
func yearEnd(day time.Time) time.Time {
	y := day.Year()
	if day.Month() > time.March {
		y++
	}
	return time.Date(y, time.March, 31, 0, 0, 0, 0, time.UTC)
}

// putTrust writes an assessment plan's targets and sign-off in its batch.
func putTrust(b *data.Batch, id int64, ap assessmentPlan) error {
	keys := make([]string, 0, len(ap.measureTargets))
	for k := range ap.measureTargets {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := b.PutMeasureTarget(id, k, ap.measureTargets[k]); err != nil {
			return err
		}
	}
	keys = keys[:0]
	for k := range ap.targets {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := b.PutTarget(id, k, ap.targets[k]); err != nil {
			return err
		}
	}
	if ap.signOff != nil {
		return b.PutSignOff(id, *ap.signOff)
	}
	return nil
}
