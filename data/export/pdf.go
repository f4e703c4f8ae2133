package export

import (
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
)

// This file is the PDF layer shared by every PDF export: an A4 page with a
// running header and page numbers, the embedded Go fonts (which have the
// £ sign, accented letters, dashes, bullets and arrows the reports use),
// paragraphs and headings, and tables that repeat their header row on every
// page and wrap only at spaces. The report, compare and trend writers are
// lists of section functions on top of it (pdf_report.go).

// Page geometry in millimetres.
const (
	pdfPageW   = 210.0
	pdfPageH   = 297.0
	pdfMargin  = 15.0
	pdfTop     = 20.0 // below the running header
	pdfBottom  = 16.0 // above the page number
	pdfBodyW   = pdfPageW - 2*pdfMargin
	pdfCellPad = 1.2
	ptToMM     = 25.4 / 72
	// pdfEpsilon absorbs rounding when a word is measured against a
	// column made exactly as wide as it.
	pdfEpsilon = 0.01
	pdfFont    = "go"
)

// Text sizes in points.
const (
	pdfSizeTitle = 18.0
	pdfSizeH1    = 13.5
	pdfSizeH2    = 11.0
	pdfSizeBody  = 9.5
	pdfSizeTable = 8.5
	pdfSizeSmall = 7.5
)

// rgb is a colour.
type rgb struct{ r, g, b int }

var (
	pdfInk      = rgb{17, 17, 17}
	pdfGrey     = rgb{85, 85, 85}
	pdfRule     = rgb{170, 170, 170}
	pdfHeadFill = rgb{232, 232, 232}
	pdfBarFill  = rgb{74, 123, 183}
	// scoreFill matches the HTML report's heatmap colours, index 0 for not
	// assessed.
	scoreFill = []rgb{{242, 242, 242}, {244, 163, 163}, {248, 198, 143}, {251, 229, 154}, {197, 227, 160}, {143, 207, 156}}
)

// pdfDoc is a PDF being written.
type pdfDoc struct {
	f *fpdf.Fpdf
	// header is the running header of every page after the first.
	header string
	// widths caches measured word widths per font style and size.
	widths map[widthKey]float64
	// measure has f's fonts and no page: text is measured in it, because
	// each font change in f is written into the page, and measuring a
	// table's cells in f wrote one for each of them (11 MB into one page
	// of the xl report).
	measure *fpdf.Fpdf
	mStyle  string
	mSize   float64
	// The font last selected, on page curPage (a new page starts afresh).
	fontSet   bool
	curStyle  string
	curSize   float64
	curColour rgb
	curPage   int
	// pending are headings waiting for the block they head (heading).
	pending []pendingHeading
}

type widthKey struct {
	style string
	size  float64
	word  string
}

// newPDF starts an A4 portrait document whose pages carry header at the
// top and "Page N of M" at the foot.
func newPDF(title, header string, now time.Time) *pdfDoc {
	f := fpdf.New("P", "mm", "A4", "")
	d := &pdfDoc{f: f, header: pdfText(header), widths: map[widthKey]float64{}}
	d.measure = fpdf.New("P", "mm", "A4", "")
	for _, m := range []*fpdf.Fpdf{f, d.measure} {
		m.AddUTF8FontFromBytes(pdfFont, "", goregular.TTF)
		m.AddUTF8FontFromBytes(pdfFont, "B", gobold.TTF)
		m.AddUTF8FontFromBytes(pdfFont, "I", goitalic.TTF)
	}
	f.SetMargins(pdfMargin, pdfTop, pdfMargin)
	f.SetAutoPageBreak(false, 0)
	// Pages are compressed afterwards, faster (see compressPages).
	f.SetCompression(false)
	f.SetCellMargin(0)
	f.SetTitle(pdfText(title), true)
	f.SetCreator("wgll", true)
	f.SetProducer("wgll (go-pdf/fpdf)", true)
	f.SetLang("en-GB")
	// Fixed dates make the same workbook give the same file.
	f.SetCreationDate(now.UTC())
	f.SetModificationDate(now.UTC())
	f.AliasNbPages("{nb}")
	f.SetHeaderFuncMode(func() {
		if f.PageNo() > 1 && d.header != "" {
			d.font("", pdfSizeSmall, pdfGrey)
			f.Text(pdfMargin, 10, d.clip(d.header, pdfBodyW))
			f.SetDrawColor(pdfRule.r, pdfRule.g, pdfRule.b)
			f.SetLineWidth(0.2)
			f.Line(pdfMargin, 12, pdfPageW-pdfMargin, 12)
		}
		f.SetXY(pdfMargin, pdfTop)
	}, true)
	f.SetFooterFunc(func() {
		d.font("", pdfSizeSmall, pdfGrey)
		s := fmt.Sprintf("Page %d of {nb}", f.PageNo())
		f.Text(pdfPageW/2-d.f.GetStringWidth(s)/2, pdfPageH-8, s)
	})
	f.AddPage()
	return d
}

// output finishes the document into w, its pages compressed by
// compressPages (or left uncompressed if that cannot be done).
func (d *pdfDoc) output(w io.Writer, what string) error {
	d.flushHeadings(0)
	c := &pdfCompressor{w: w}
	err := d.f.Output(c)
	if err == nil {
		err = c.close()
	}
	if err != nil {
		return fmt.Errorf("write PDF %s: %w", what, err)
	}
	return nil
}

// pdfText makes text safe to lay out: valid UTF-8, one kind of line break,
// tabs and other control characters as spaces.
func pdfText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\r', r == '\u2028', r == '\u2029':
			return '\n'
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, r == '\u00ad':
			return ' '
		}
		return r
	}, s)
}

// font selects the text style, size and colour. fpdf writes a font change
// into the page each time it is asked, so only changes are passed on: in a
// 20,000-row table this halves the work.
func (d *pdfDoc) font(style string, size float64, c rgb) {
	if d.fontSet && style == d.curStyle && size == d.curSize && c == d.curColour && d.curPage == d.f.PageNo() {
		return
	}
	d.f.SetFont(pdfFont, style, size)
	d.f.SetTextColor(c.r, c.g, c.b)
	d.fontSet, d.curStyle, d.curSize, d.curColour, d.curPage = true, style, size, c, d.f.PageNo()
}

// lineH is the line height for a text size, in millimetres.
func lineH(size float64) float64 { return size * ptToMM * 1.3 }

func (d *pdfDoc) y() float64 { return d.f.GetY() }

// room reports whether h millimetres fit above the foot of the page.
func (d *pdfDoc) room(h float64) bool { return d.y()+h <= pdfPageH-pdfBottom }

// ensure starts a new page unless h millimetres fit on this one.
func (d *pdfDoc) ensure(h float64) {
	if !d.room(h) {
		d.f.AddPage()
	}
}

// width measures s in the given style and size, caching per word.
func (d *pdfDoc) width(style string, size float64, s string) float64 {
	k := widthKey{style, size, s}
	if w, ok := d.widths[k]; ok {
		return w
	}
	if d.mSize != size || d.mStyle != style {
		d.measure.SetFont(pdfFont, style, size)
		d.mStyle, d.mSize = style, size
	}
	w := d.measure.GetStringWidth(s)
	if len(d.widths) < 1<<16 {
		d.widths[k] = w
	}
	return w
}

// wrap breaks text into lines no wider than w in the given font, at spaces
// only, keeping the text's own line breaks. A word wider than a whole line
// is the one thing broken, between characters, since it cannot fit any
// other way.
func (d *pdfDoc) wrap(text string, style string, size float64, w float64) []string {
	var out []string
	space := d.width(style, size, " ")
	for _, para := range strings.Split(text, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		var line strings.Builder
		lineW := 0.0
		for _, word := range words {
			ww := d.width(style, size, word)
			if ww > w+pdfEpsilon {
				// Too long for any line: finish the current line, then
				// break the word where it must.
				if line.Len() > 0 {
					out = append(out, line.String())
					line.Reset()
					lineW = 0
				}
				parts := d.breakWord(word, style, size, w)
				out = append(out, parts[:len(parts)-1]...)
				word = parts[len(parts)-1]
				ww = d.width(style, size, word)
			}
			switch {
			case line.Len() == 0:
				line.WriteString(word)
				lineW = ww
			case lineW+space+ww <= w+pdfEpsilon:
				line.WriteByte(' ')
				line.WriteString(word)
				lineW += space + ww
			default:
				out = append(out, line.String())
				line.Reset()
				line.WriteString(word)
				lineW = ww
			}
		}
		out = append(out, line.String())
	}
	return out
}

// breakWord cuts a word wider than w into pieces that fit, preferring to
// cut after a slash, hyphen or other punctuation near the end of a piece.
func (d *pdfDoc) breakWord(word, style string, size, w float64) []string {
	var parts []string
	for word != "" {
		cut, width, lastPunct := 0, 0.0, -1
		for i, r := range word {
			rw := d.width(style, size, string(r))
			if width+rw > w && i > 0 {
				break
			}
			width += rw
			cut = i + utf8.RuneLen(r)
			if unicode.IsPunct(r) {
				lastPunct = cut
			}
		}
		if cut < len(word) && lastPunct > cut/2 {
			cut = lastPunct
		}
		parts = append(parts, word[:cut])
		word = word[cut:]
	}
	return parts
}

// clip shortens one line of text to fit w, ending it with an ellipsis.
func (d *pdfDoc) clip(s string, w float64) string {
	s = strings.Join(strings.Fields(s), " ")
	if d.f.GetStringWidth(s) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && d.f.GetStringWidth(string(rs)+"…") > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

// heading holds a section heading until what follows it is drawn, so a
// heading is never left alone at the foot of a page: the next paragraph,
// table or list calls flushHeadings with the height of its first lines,
// and the heading goes on whichever page those lines start on.
func (d *pdfDoc) heading(text string, size float64) {
	d.pending = append(d.pending, pendingHeading{text: text, size: size})
}

// lead holds a short paragraph that introduces what follows (a table's
// note) with the pending headings, so heading, note and the first rows
// of the table start on the same page.
func (d *pdfDoc) lead(text, style string, size float64, c rgb) {
	d.pending = append(d.pending, pendingHeading{text: text, size: size, para: true, style: style, colour: c})
}

// pendingHeading is a heading, or a lead paragraph, waiting for the block
// it introduces.
type pendingHeading struct {
	text   string
	size   float64
	para   bool
	style  string
	colour rgb
}

// headingHeight is the height the pending headings and leads take when
// drawn.
func (d *pdfDoc) headingHeight() float64 {
	total := 0.0
	for _, p := range d.pending {
		if p.para {
			d.font(p.style, p.size, p.colour)
			total += float64(len(d.wrap(pdfText(p.text), p.style, p.size, pdfBodyW)))*lineH(p.size) + lineH(p.size)*0.35
			continue
		}
		d.font("B", p.size, pdfInk)
		total += p.size*0.45 + float64(len(d.wrap(pdfText(p.text), "B", p.size, pdfBodyW)))*lineH(p.size) + 2
	}
	return total
}

// flushHeadings draws the pending headings, first starting a new page
// unless they and next millimetres of what follows fit on this one.
func (d *pdfDoc) flushHeadings(next float64) {
	if len(d.pending) == 0 {
		return
	}
	if h := d.headingHeight() + next; h <= pdfPageH-pdfTop-pdfBottom {
		d.ensure(h)
	}
	held := d.pending
	d.pending = nil
	for _, p := range held {
		if p.para {
			d.para(p.text, p.style, p.size, p.colour, 0)
			continue
		}
		d.drawHeading(p.text, p.size)
	}
}

// drawHeading writes one heading where the page is now.
func (d *pdfDoc) drawHeading(text string, size float64) {
	h := lineH(size)
	if d.y() > pdfTop+1 {
		d.f.Ln(size * 0.45)
	}
	d.font("B", size, pdfInk)
	for _, l := range d.wrap(pdfText(text), "B", size, pdfBodyW) {
		d.f.Text(pdfMargin, d.y()+h*0.78, l)
		d.f.SetY(d.y() + h)
	}
	if size >= pdfSizeH1 {
		d.f.SetDrawColor(pdfRule.r, pdfRule.g, pdfRule.b)
		d.f.SetLineWidth(0.3)
		d.f.Line(pdfMargin, d.y()+0.5, pdfPageW-pdfMargin, d.y()+0.5)
		d.f.SetY(d.y() + 2)
	} else {
		d.f.SetY(d.y() + 0.8)
	}
}

// para writes a paragraph in style ("", "B" or "I") and colour c, wrapped
// to the body width and indented by indent millimetres.
func (d *pdfDoc) para(text, style string, size float64, c rgb, indent float64) {
	d.font(style, size, c)
	h := lineH(size)
	lines := d.wrap(pdfText(text), style, size, pdfBodyW-indent)
	// A heading above keeps the paragraph's first two lines with it.
	d.flushHeadings(float64(min(len(lines), 2)) * h)
	d.font(style, size, c)
	for _, l := range lines {
		d.ensure(h)
		d.f.Text(pdfMargin+indent, d.y()+h*0.78, l)
		d.f.SetY(d.y() + h)
	}
	d.f.SetY(d.y() + h*0.35)
}

// pdfCol is one column of a table.
type pdfCol struct {
	Head string
	// Right aligns the column to the right, as numbers are; Center
	// centres it (the heatmap's digits).
	Right  bool
	Center bool
	// NoWrap columns (dates, numbers, states) are as wide as their widest
	// cell and never wrap.
	NoWrap bool
	// Weight shares the width left over by NoWrap columns among the others.
	Weight float64
	// Bold sets the column in bold (statement ids).
	Bold bool
}

// pdfCell is one cell: its text, and optionally a fill colour and a link.
type pdfCell struct {
	Text string
	Fill *rgb
	Bold bool
	Link string
}

// tableStyle says how a table is set.
type tableStyle struct {
	size float64
	// minW is the narrowest a column may be, in millimetres.
	minW float64
	// heading, when set, is a sub-heading written just above the table
	// and kept on its page.
	heading string
}

// colFit chooses a table's column widths from its rows, added one at a
// time (add), so that a table read from the workbook is measured without
// being held: NoWrap columns as wide as their widest text, every other
// column at least as wide as its longest word (up to a third of the page)
// and sharing what is left by weight.
type colFit struct {
	d    *pdfDoc
	cols []pdfCol
	st   tableStyle
	mins []float64
	// rows is how many rows were added.
	rows int
}

func (d *pdfDoc) newFit(cols []pdfCol, st tableStyle) *colFit {
	if st.size == 0 {
		st.size = pdfSizeTable
	}
	f := &colFit{d: d, cols: cols, st: st, mins: make([]float64, len(cols))}
	pad := 2 * pdfCellPad
	for i, c := range cols {
		for _, word := range strings.Fields(c.Head) {
			f.mins[i] = max(f.mins[i], d.width("B", st.size, word)+pad)
		}
	}
	return f
}

// add measures row r.
func (f *colFit) add(r []pdfCell) {
	d, cols, st, pad := f.d, f.cols, f.st, 2*pdfCellPad
	f.rows++
	for i, cell := range r {
		if i >= len(cols) {
			break
		}
		style := ""
		if cell.Bold || cols[i].Bold {
			style = "B"
		}
		if cols[i].NoWrap {
			f.mins[i] = max(f.mins[i], d.width(style, st.size, cell.Text)+pad)
			continue
		}
		for _, word := range strings.Fields(cell.Text) {
			f.mins[i] = max(f.mins[i], min(d.width(style, st.size, word)+pad, pdfBodyW/3))
		}
	}
}

// widths is the column widths for the rows added.
func (f *colFit) widths() []float64 {
	cols, st := f.cols, f.st
	ws := make([]float64, len(cols))
	mins := slices.Clone(f.mins)
	fixed, weights := 0.0, 0.0
	for i, c := range cols {
		mins[i] = max(mins[i], st.minW)
		if c.NoWrap {
			ws[i] = mins[i]
			fixed += ws[i]
		} else {
			weights += max(c.Weight, 0.01)
		}
	}
	left := pdfBodyW - fixed
	// Give each wrapping column its share, but never less than its
	// longest word; take what that costs from the others in proportion.
	for range 4 {
		short, given := 0.0, 0.0
		for i, c := range cols {
			if c.NoWrap {
				continue
			}
			ws[i] = max(mins[i], left*max(c.Weight, 0.01)/weights)
			given += ws[i]
			if ws[i] == mins[i] {
				short += ws[i]
			}
		}
		if given <= left+0.01 {
			break
		}
		// Scale the columns above their minimum down.
		over := given - left
		flexible := given - short
		if flexible <= 0 {
			break
		}
		for i, c := range cols {
			if !c.NoWrap && ws[i] > mins[i] {
				ws[i] -= over * ws[i] / flexible
				ws[i] = max(ws[i], mins[i])
			}
		}
		sum := 0.0
		for i := range ws {
			sum += ws[i]
		}
		if sum <= pdfBodyW+0.01 {
			break
		}
	}
	return ws
}

// shortTable is the most rows a table kept on one page has: a short table
// moves to a new page whole rather than leave its header and a row behind.
const shortTable = 20

// table writes a table that starts a new page when a row does not fit,
// repeating the header row at the top of every page it spans. A row taller
// than a page is continued on the next page, its cells split between
// lines, never inside one.
func (d *pdfDoc) table(cols []pdfCol, rows [][]pdfCell, st tableStyle) {
	fit := d.newFit(cols, st)
	for _, r := range rows {
		fit.add(r)
	}
	t := d.beginTable(fit, rows)
	for _, r := range rows {
		t.row(r)
	}
	t.end()
}

// tableOf is table of rows read as they are drawn: rows is read twice,
// once to fit the columns and once to draw them, and never held. It
// draws nothing when there are no rows, and returns how many it found.
func (d *pdfDoc) tableOf(cols []pdfCol, rows iter.Seq[[]pdfCell], st tableStyle) int {
	fit := d.newFit(cols, st)
	var short [][]pdfCell
	for r := range rows {
		fit.add(r)
		if fit.rows <= shortTable {
			short = append(short, r)
		}
	}
	switch {
	case fit.rows == 0:
	case fit.rows <= shortTable:
		d.table(cols, short, st)
	default:
		t := d.beginTable(fit, nil)
		for r := range rows {
			t.row(r)
		}
		t.end()
	}
	return fit.rows
}

// pdfTable is a table being drawn, a row at a time.
type pdfTable struct {
	d         *pdfDoc
	cols      []pdfCol
	st        tableStyle
	ws        []float64
	headLines [][]string
	headH     float64
	lh, pad   float64
	// first is set while the page has no header row yet.
	first bool
}

// beginTable writes the table's heading, if any, and readies its rows,
// the columns as fit measured them. short holds every row of a table of
// at most shortTable rows, nil for a longer one.
func (d *pdfDoc) beginTable(fit *colFit, short [][]pdfCell) *pdfTable {
	cols, st := fit.cols, fit.st
	t := &pdfTable{d: d, cols: cols, st: st, ws: fit.widths(), lh: lineH(st.size), pad: pdfCellPad, first: true}
	ws, lh, pad := t.ws, t.lh, t.pad
	t.headLines = make([][]string, len(cols))
	for i, c := range cols {
		t.headLines[i] = d.wrap(c.Head, "B", st.size, ws[i]-2*pad)
		t.headH = max(t.headH, float64(len(t.headLines[i]))*lh+2*pad)
	}
	// A short table (a dozen rows or so) is kept on one page: it moves to
	// a new page whole rather than leave its header and a row behind.
	if fit.rows <= shortTable {
		total := t.headH
		for _, r := range short {
			n := 1
			for i := range cols {
				if i < len(r) && !cols[i].NoWrap {
					style := ""
					if r[i].Bold || cols[i].Bold {
						style = "B"
					}
					n = max(n, len(d.wrap(r[i].Text, style, st.size, ws[i]-2*pad)))
				}
			}
			total += float64(n)*lh + 2*pad
		}
		if st.heading != "" {
			d.heading(st.heading, pdfSizeH2)
		}
		total += d.headingHeight()
		if !d.room(total) && total <= (pdfPageH-pdfTop-pdfBottom)/2 {
			d.f.AddPage()
		}
	} else if st.heading != "" {
		d.heading(st.heading, pdfSizeH2)
	}
	// Headings above keep the table's header and first rows with them.
	d.flushHeadings(t.headH + 3*(lh+2*pad))
	return t
}

// drawHead draws the header row at the top of the table's part on this
// page.
func (t *pdfTable) drawHead() {
	d, ws, lh, pad := t.d, t.ws, t.lh, t.pad
	y := d.y()
	x := pdfMargin
	d.f.SetFillColor(pdfHeadFill.r, pdfHeadFill.g, pdfHeadFill.b)
	d.f.SetDrawColor(pdfRule.r, pdfRule.g, pdfRule.b)
	d.f.SetLineWidth(0.15)
	d.font("B", t.st.size, pdfInk)
	for i, c := range t.cols {
		d.f.Rect(x, y, ws[i], t.headH, "FD")
		for j, l := range t.headLines[i] {
			d.textIn(l, "B", t.st.size, x, ws[i], y+pad+float64(j)*lh+lh*0.78, c.align())
		}
		x += ws[i]
	}
	d.f.SetY(y + t.headH)
}

// row draws row r; the header goes on a page only with at least one row
// under it.
func (t *pdfTable) row(r []pdfCell) {
	d, cols, st, ws, lh, pad, headH := t.d, t.cols, t.st, t.ws, t.lh, t.pad, t.headH
	lines := make([][]string, len(cols))
	styles := make([]string, len(cols))
	n := 1
	for i := range cols {
		if i >= len(r) {
			continue
		}
		styles[i] = ""
		if r[i].Bold || cols[i].Bold {
			styles[i] = "B"
		}
		if cols[i].NoWrap {
			lines[i] = []string{r[i].Text}
		} else {
			lines[i] = d.wrap(r[i].Text, styles[i], st.size, ws[i]-2*pad)
		}
		n = max(n, len(lines[i]))
	}
	full := int((pdfPageH - pdfBottom - pdfTop - headH - 2*pad) / lh)
	for start := 0; start < n; {
		avail := pdfPageH - pdfBottom - d.y() - 2*pad
		if t.first {
			avail -= headH
		}
		fit := int(avail / lh)
		rest := n - start
		fresh := d.y() <= pdfTop+0.01
		// A row that does not fit moves to a new page whole, if a page
		// can hold it; a longer one fills this page first, unless too
		// little of it would show here.
		if !fresh && fit < rest && (rest <= full || fit < 3) {
			d.f.AddPage()
			t.first = true
			continue
		}
		fit = max(fit, 1)
		if t.first {
			t.drawHead()
			t.first = false
		}
		take := min(rest, fit)
		h := float64(take)*lh + 2*pad
		y := d.y()
		x := pdfMargin
		d.f.SetDrawColor(pdfRule.r, pdfRule.g, pdfRule.b)
		d.f.SetLineWidth(0.15)
		for i, c := range cols {
			style := "D"
			if i < len(r) && r[i].Fill != nil {
				f := r[i].Fill
				d.f.SetFillColor(f.r, f.g, f.b)
				style = "FD"
			}
			d.f.Rect(x, y, ws[i], h, style)
			if i < len(r) {
				d.font(styles[i], st.size, pdfInk)
				for j := start; j < start+take && j < len(lines[i]); j++ {
					d.textIn(lines[i][j], styles[i], st.size, x, ws[i], y+pad+float64(j-start)*lh+lh*0.78, c.align())
				}
				if r[i].Link != "" && start == 0 {
					d.f.LinkString(x, y, ws[i], h, r[i].Link)
				}
			}
			x += ws[i]
		}
		d.f.SetY(y + h)
		start += take
		if start < n {
			d.f.AddPage()
			t.first = true
		}
	}
}

// end closes the table.
func (t *pdfTable) end() { t.d.f.SetY(t.d.y() + 2) }

func (c pdfCol) align() byte {
	switch {
	case c.Right:
		return 'R'
	case c.Center:
		return 'C'
	}
	return 'L'
}

// textIn writes one line in a cell at x of width w, aligned 'L', 'R' or
// 'C'.
func (d *pdfDoc) textIn(s, style string, size, x, w, baseline float64, align byte) {
	if s == "" {
		return
	}
	switch align {
	case 'R':
		x += w - pdfCellPad - d.width(style, size, s)
	case 'C':
		x += (w - d.width(style, size, s)) / 2
	default:
		x += pdfCellPad
	}
	d.f.Text(x, baseline, s)
}

// facts writes label and value pairs as two columns without borders.
func (d *pdfDoc) facts(pairs [][2]string) {
	labelW := 0.0
	d.font("B", pdfSizeBody, pdfInk)
	for _, p := range pairs {
		labelW = max(labelW, d.width("B", pdfSizeBody, p[0]))
	}
	labelW += 4
	lh := lineH(pdfSizeBody)
	d.flushHeadings(lh)
	for _, p := range pairs {
		d.font("", pdfSizeBody, pdfInk)
		lines := d.wrap(pdfText(p[1]), "", pdfSizeBody, pdfBodyW-labelW)
		d.ensure(float64(len(lines)) * lh)
		d.font("B", pdfSizeBody, pdfInk)
		d.f.Text(pdfMargin, d.y()+lh*0.78, p[0])
		d.font("", pdfSizeBody, pdfInk)
		for _, l := range lines {
			d.f.Text(pdfMargin+labelW, d.y()+lh*0.78, l)
			d.f.SetY(d.y() + lh)
		}
	}
	d.f.SetY(d.y() + lh*0.5)
}
