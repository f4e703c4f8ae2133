package export

// The board report's actions and evidence read as they are written
// (issue 16). The report of the xl demo's newest assessment, with 100,000
// actions and 100,000 evidence items, loaded the whole assessment and a
// row for each: 315 MB for the Markdown, 2.6 GB for the PDF. A report of a
// summary (model.Assessment.Summarised) takes its items from a
// ReportItems that data.Store.ExportReport reads from the workbook, a
// row at a time; a whole assessment's come from its lists.

import (
	"iter"
	"time"

	"wgll/model"
)

// EvidenceSource yields statement sid's evidence items in the order the
// workbook keeps them (by id), read afresh at each call. An error ends
// the items; it is yielded once, with a zero item.
type EvidenceSource func(sid string) iter.Seq2[model.Evidence, error]

// ReportItems is what the board report lists item by item: every action
// in export order (ActionRows' order, unfiltered), and the evidence of
// each statement.
type ReportItems struct {
	Actions  RowSource
	Evidence EvidenceSource
}

// wholeItems is the ReportItems of a whole assessment, from its lists.
func wholeItems(a *model.Assessment, now time.Time) ReportItems {
	return ReportItems{
		Actions: SliceRows(ActionRows(a, Filter{}, now)),
		Evidence: func(sid string) iter.Seq2[model.Evidence, error] {
			return func(yield func(model.Evidence, error) bool) {
				for _, e := range a.Evidence[sid] {
					if !yield(e, nil) {
						return
					}
				}
			}
		},
	}
}

// evidenceLines is the evidence index: each statement's items, in
// framework order.
func (r *report) evidenceLines() iter.Seq2[evidenceLine, error] {
	return func(yield func(evidenceLine, error) bool) {
		for _, s := range r.evidenceOf {
			for e, err := range r.evidence(s.StatementID) {
				if err != nil {
					yield(evidenceLine{}, err)
					return
				}
				if !yield(evidenceLine{Measure: s.Measure, StatementID: s.StatementID, Statement: s.Statement, Item: e}, nil) {
					return
				}
			}
		}
	}
}

// fail keeps the first error reading the report's items.
func (r *report) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

// htmlAction is an action row as the HTML report's template ranges over
// them: First opens a measure's table, Close shuts the one before.
type htmlAction struct {
	ActionRow
	First, Close bool
}

// HTMLActions yields the actions for the HTML template, which cannot be
// handed an error: the first is kept (fail) and ends the rows.
// ActionsWritten is then how many it yielded.
func (r *report) HTMLActions() iter.Seq[htmlAction] {
	return func(yield func(htmlAction) bool) {
		r.htmlActions = 0
		prev := ""
		for a, err := range r.actions(true) {
			if err != nil {
				r.fail(err)
				return
			}
			first := r.htmlActions == 0 || a.MeasureKey != prev
			r.htmlActions++
			if !yield(htmlAction{ActionRow: a, First: first, Close: first && r.htmlActions > 1}) {
				return
			}
			prev = a.MeasureKey
		}
	}
}

// ActionsWritten is how many actions HTMLActions yielded.
func (r *report) ActionsWritten() int { return r.htmlActions }

// htmlEvidence is an evidence item as the HTML template ranges over them:
// First opens the table.
type htmlEvidence struct {
	evidenceLine
	First bool
}

// HTMLEvidence yields the evidence index for the HTML template; see
// HTMLActions.
func (r *report) HTMLEvidence() iter.Seq[htmlEvidence] {
	return func(yield func(htmlEvidence) bool) {
		r.htmlEvidence = 0
		for e, err := range r.evidenceLines() {
			if err != nil {
				r.fail(err)
				return
			}
			r.htmlEvidence++
			if !yield(htmlEvidence{evidenceLine: e, First: r.htmlEvidence == 1}) {
				return
			}
		}
	}
}

// EvidenceWritten is how many items HTMLEvidence yielded.
func (r *report) EvidenceWritten() int { return r.htmlEvidence }
