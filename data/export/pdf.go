package export

import (
	"errors"
	"io"
	"time"

	"wgll/model"
)

// errNoPDF is returned until the PDF writer lands; pdf is not yet in the
// format lists, so Write never reaches these.
var errNoPDF = errors.New("PDF is not available in this build")

// WriteReportPDF will write the board report as PDF.
func WriteReportPDF(w io.Writer, a *model.Assessment, x ReportExtras, now time.Time) error {
	return errNoPDF
}
func writeComparePDF(w io.Writer, v *compareView) error { return errNoPDF }
func writeTrendPDF(w io.Writer, d *trendDoc) error      { return errNoPDF }
