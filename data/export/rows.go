package export

import (
	"iter"
	"time"

	"wgll/model"
)

// RowSource is an action list read as it is written (issue 16): each call
// yields the rows afresh, in export order (ActionRows' order) when
// ordered is set and in any order otherwise, which is cheaper for a pass
// that only measures them (the XLSX column widths). An error ends the
// rows; it is yielded once, with a zero row. data.Store.ExportActions
// reads one straight from the workbook, so that no export holds the whole
// list: 100,000 actions took 400 MB as rows in memory.
type RowSource func(ordered bool) iter.Seq2[ActionRow, error]

// SliceRows is a RowSource of rows already in memory, in export order.
func SliceRows(rows []ActionRow) RowSource {
	return func(bool) iter.Seq2[ActionRow, error] {
		return func(yield func(ActionRow, error) bool) {
			for _, r := range rows {
				if !yield(r, nil) {
					return
				}
			}
		}
	}
}

// measureHeading heads an action row's measure in every format: statements
// missing from the criteria have none.
func measureHeading(name string) string {
	if name == "" {
		return "Statements not in the criteria"
	}
	return name
}

// StatementInfo is what an action row shows of its statement, from the
// assessment's criteria: its measure's key, name and place in framework
// order (Order; the number of measures for a statement missing from the
// criteria, which sorts last), and its text.
type StatementInfo struct {
	MeasureKey, Measure, Statement string
	Order                          int
}

// StatementInfos looks up, once per assessment, what ActionRows shows of
// each statement of a's criteria, keyed by statement id; Unknown is the
// Order of a statement missing from them.
func StatementInfos(a *model.Assessment) (infos map[string]StatementInfo, unknown int) {
	infos = map[string]StatementInfo{}
	if a.Criteria == nil {
		return infos, 0
	}
	for i, m := range a.Criteria.Measures {
		for _, s := range m.Statements {
			if _, dup := infos[s.ID]; !dup {
				infos[s.ID] = StatementInfo{MeasureKey: m.Key, Measure: m.Name, Statement: s.Text, Order: i}
			}
		}
	}
	return infos, len(a.Criteria.Measures)
}

// Keeps reports whether f keeps action x of a statement under the measure
// with key measureKey ("" for a statement missing from the criteria).
func (f Filter) Keeps(x model.Action, measureKey string, now time.Time) bool {
	return f.keeps(x, measureKey, now)
}
