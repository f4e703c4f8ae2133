package data

import (
	"bytes"
	"errors"
	"fmt"
	"iter"
	"strings"
	"testing"
	"time"

	"wgll/data/export"
	"wgll/model"
)

// reportWorkbook is streamWorkbook's first assessment with scores,
// rationales, a target and evidence items with hostile text, some under
// statements not in the criteria, some linked to other statements.
func reportWorkbook(t *testing.T) (*Store, model.Header) {
	t.Helper()
	s, a, _ := streamWorkbook(t, false)
	sids := orgStatements(t)
	var first model.Response
	for i, sid := range sids[:12] {
		r, err := s.SetScore(ctx, a.ID, sid, model.Score(1+i%5))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = r
		}
	}
	if _, err := s.SetRationale(ctx, a.ID, sids[0], "Because | we <b>said</b>\nso", first.Version); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetTarget(ctx, a.ID, sids[1], model.Target{Level: 5, Due: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	// One measure with more actions than a PDF table keeps on one page
	// (shortTable), drawn as they are read.
	for i := range 45 {
		x := model.Action{StatementID: sids[2+i%2], Title: fmt.Sprintf("Step %d of the plan, with words enough to wrap in a narrow column", i),
			Owner: "Owner " + strings.Repeat("x", i%7), Status: model.StatusOpen, Priority: model.PriorityHigh}
		if i%3 != 0 {
			x.Due = time.Date(2026, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
		}
		if _, err := s.SaveAction(ctx, a.ID, x); err != nil {
			t.Fatal(err)
		}
	}
	titles := []string{"Board minutes | March", "<script>x</script>", "=HYPERLINK(\"http://evil\")", "two\nlines", "Zoë's audit"}
	links := []string{"https://example.org/a b", "javascript:alert(1)", "", "file:///etc/passwd"}
	for i := range 30 {
		sid := sids[i*5%len(sids)]
		ev := model.Evidence{StatementID: sid, Title: titles[i%len(titles)], Detail: strings.Repeat("detail ", i%3), Link: links[i%len(links)],
			NeedsReview: i%4 == 0}
		if i%6 == 0 {
			ev.Also = model.LinksOf(sids[(i+1)%len(sids)])
		}
		if _, err := s.SaveEvidence(ctx, a.ID, ev); err != nil {
			t.Fatal(err)
		}
	}
	return s, a
}

// TestExportReportMatchesWhole: the board report read as it is written
// (ExportReport: a summary, the plan's support, and the actions and
// evidence streamed) is byte for byte the report of the whole assessment,
// in every format.
func TestExportReportMatchesWhole(t *testing.T) {
	s, h := reportWorkbook(t)
	now := time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC)
	whole, err := s.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range export.FormatNames(export.Report) {
		t.Run(format, func(t *testing.T) {
			x, err := s.ReportExtras(ctx, whole)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if _, err := export.Write(&want, export.Job{Kind: export.Report, Format: format, Assessment: whole, Extras: x, Now: now}); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			err = s.ExportReport(ctx, h.ID, now, func(rd ReportRead) error {
				if !rd.Assessment.Summarised() {
					t.Error("ExportReport read the assessment whole")
				}
				if n := len(rd.Assessment.Evidence) + len(rd.Assessment.Actions); n != 0 {
					t.Errorf("the summary holds %d statements' items", n)
				}
				x, err := s.ReportExtras(ctx, rd.Assessment)
				if err != nil {
					return err
				}
				_, err = export.Write(&got, export.Job{Kind: export.Report, Format: format, Assessment: rd.Assessment,
					Source: rd.Items.Actions, Evidence: rd.Items.Evidence, Plan: &rd.Plan, Extras: x, Now: now})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			g, w := got.Bytes(), want.Bytes()
			if format == "pdf" {
				// fpdf writes its fonts in map order: the pages, which come
				// first, and the length must match.
				g, w = pagesOf(g), pagesOf(w)
			}
			if want.Len() < 1000 || got.Len() != want.Len() || !bytes.Equal(g, w) {
				t.Errorf("the streamed %s report (%d bytes) differs from the whole one (%d bytes)%s", format, got.Len(), want.Len(), firstDiff(got.String(), want.String()))
			}
		})
	}
}

// pagesOf is a PDF up to its first font object.
func pagesOf(pdf []byte) []byte {
	if i := bytes.Index(pdf, []byte("/Type /Font")); i >= 0 {
		return pdf[:i]
	}
	return pdf
}

// firstDiff shows where two texts first differ.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-80)
	return fmt.Sprintf(" at byte %d:\ngot  %q\nwant %q", i, got[lo:min(len(got), i+80)], want[lo:min(len(want), i+80)])
}

// TestExportReportReadError: an error reading the actions or the evidence
// part-way ends every format's report with that error.
func TestExportReportReadError(t *testing.T) {
	s, h := reportWorkbook(t)
	now := time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC)
	boom := errors.New("disk on fire")
	for _, format := range export.FormatNames(export.Report) {
		for _, broken := range []string{"actions", "evidence"} {
			t.Run(format+"/"+broken, func(t *testing.T) {
				err := s.ExportReport(ctx, h.ID, now, func(rd ReportRead) error {
					items := rd.Items
					if broken == "actions" {
						src := items.Actions
						items.Actions = func(ordered bool) iter.Seq2[export.ActionRow, error] {
							return func(yield func(export.ActionRow, error) bool) {
								n := 0
								for r, err := range src(ordered) {
									if n == 3 {
										yield(export.ActionRow{}, boom)
										return
									}
									n++
									if !yield(r, err) {
										return
									}
								}
							}
						}
					} else {
						items.Evidence = func(string) iter.Seq2[model.Evidence, error] {
							return func(yield func(model.Evidence, error) bool) { yield(model.Evidence{}, boom) }
						}
					}
					_, err := export.Write(&bytes.Buffer{}, export.Job{Kind: export.Report, Format: format, Assessment: rd.Assessment,
						Source: items.Actions, Evidence: items.Evidence, Plan: &rd.Plan, Now: now})
					return err
				})
				if !errors.Is(err, boom) {
					t.Errorf("err = %v, want the read error", err)
				}
			})
		}
	}
}
