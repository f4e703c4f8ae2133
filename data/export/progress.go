package export

import (
	"iter"
	"sync/atomic"

	"wgll/model"
)

// A long export says how far it has got (issue 16): the board report of
// the xl demo's newest assessment reads 200,000 items and takes seconds
// (the PDF, tens of seconds). Job.Read counts each action and evidence
// item as a format reads it to write it, for the status line of the app
// and the progress line of the commands.

// progressRows counts into n the rows of src's ordered passes, the ones a
// format writes from: a format that first measures its columns (the XLSX
// and the PDF read the rows unordered for that) would otherwise count
// every row twice.
func progressRows(src RowSource, n *atomic.Int64) RowSource {
	if n == nil || src == nil {
		return src
	}
	return func(ordered bool) iter.Seq2[ActionRow, error] {
		seq := src(ordered)
		if !ordered {
			return seq
		}
		return func(yield func(ActionRow, error) bool) {
			for r, err := range seq {
				if err == nil {
					n.Add(1)
				}
				if !yield(r, err) {
					return
				}
			}
		}
	}
}

// progressEvidence counts into n each evidence item src yields.
func progressEvidence(src EvidenceSource, n *atomic.Int64) EvidenceSource {
	if n == nil || src == nil {
		return src
	}
	return func(sid string) iter.Seq2[model.Evidence, error] {
		return func(yield func(model.Evidence, error) bool) {
			for e, err := range src(sid) {
				if err == nil {
					n.Add(1)
				}
				if !yield(e, err) {
					return
				}
			}
		}
	}
}
