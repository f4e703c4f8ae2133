package export

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// fpdf compresses each page with a new zlib writer, which allocates over a
// megabyte; a 5,000-page report of a large workbook spent most of its time
// allocating and clearing them. So the PDF is written uncompressed and its
// page streams are compressed here afterwards with one reused writer.
//
// compressPages rewrites an uncompressed PDF as fpdf writes it: every
// object whose dictionary is exactly <</Length N>> (the page contents)
// gets its stream deflated, and the cross-reference table is rebuilt. Any
// other object is copied as it is. It returns an error, and the caller
// keeps the uncompressed file, if the input is not laid out as expected.
func compressPages(pdf []byte) ([]byte, error) {
	l, err := layoutOf(pdf)
	if err != nil {
		return nil, err
	}
	out := bytes.NewBuffer(make([]byte, 0, len(pdf)/3))
	if err := l.compressTo(out, pdf); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// pdfCompressor is the io.Writer fpdf's Output writes the document into:
// it writes the document to w with its pages compressed, straight from
// fpdf's own buffer, which Output hands over in one Write (a copy of the
// xl report's 490 MB of pages, and another of the compressed file, were
// held before). Anything handed over in parts is gathered first; close
// finishes it. A document not laid out as compressPages expects is
// written as it is.
type pdfCompressor struct {
	w       io.Writer
	pending []byte
	done    bool
}

func (c *pdfCompressor) Write(p []byte) (int, error) {
	if c.done {
		return 0, errors.New("write after the end of the PDF")
	}
	if len(c.pending) == 0 && bytes.HasSuffix(p, []byte("%%EOF\n")) {
		c.done = true
		return len(p), c.finish(p)
	}
	c.pending = append(c.pending, p...)
	return len(p), nil
}

// close writes what was gathered, if anything.
func (c *pdfCompressor) close() error {
	if c.done || len(c.pending) == 0 {
		return nil
	}
	c.done = true
	return c.finish(c.pending)
}

func (c *pdfCompressor) finish(pdf []byte) error {
	l, err := layoutOf(pdf)
	if err != nil {
		_, err := c.w.Write(pdf)
		return err
	}
	bw := bufio.NewWriterSize(c.w, 256<<10)
	if err := l.compressTo(bw, pdf); err != nil {
		return err
	}
	return bw.Flush()
}

// pdfLayout is where a PDF's objects are, as layoutOf found them.
type pdfLayout struct {
	n, xrefAt int
	// offsets holds each object's offset, by number; order is the
	// object numbers in file order.
	offsets, order []int
	trailer        []byte
}

// layoutOf reads the cross-reference table of pdf and checks every page
// stream's length, so that compressTo cannot fail halfway on a document
// laid out otherwise.
func layoutOf(pdf []byte) (*pdfLayout, error) {
	// The trailer: "startxref\n<offset>\n%%EOF\n".
	sx := bytes.LastIndex(pdf, []byte("startxref\n"))
	if sx < 0 {
		return nil, errors.New("no startxref")
	}
	rest := pdf[sx+len("startxref\n"):]
	end := bytes.IndexByte(rest, '\n')
	if end < 0 {
		return nil, errors.New("bad startxref")
	}
	xrefAt, err := strconv.Atoi(string(rest[:end]))
	if err != nil || xrefAt <= 0 || xrefAt >= sx {
		return nil, fmt.Errorf("bad xref offset %q", rest[:end])
	}
	xref := pdf[xrefAt:sx]
	if !bytes.HasPrefix(xref, []byte("xref\n0 ")) {
		return nil, errors.New("no xref table")
	}
	line := bytes.IndexByte(xref[len("xref\n"):], '\n')
	if line < 0 {
		return nil, errors.New("bad xref header")
	}
	n, err := strconv.Atoi(string(xref[len("xref\n0 ") : len("xref\n")+line]))
	if err != nil || n < 1 {
		return nil, errors.New("bad xref count")
	}
	entries := xref[len("xref\n")+line+1:]
	const entryLen = 20
	if len(entries) < n*entryLen {
		return nil, errors.New("short xref table")
	}
	l := &pdfLayout{n: n, xrefAt: xrefAt, offsets: make([]int, n), trailer: entries[n*entryLen:]}
	for i := 1; i < n; i++ {
		e := entries[i*entryLen : i*entryLen+10]
		if l.offsets[i], err = strconv.Atoi(string(e)); err != nil || l.offsets[i] <= 0 || l.offsets[i] >= xrefAt {
			return nil, fmt.Errorf("bad xref entry %d", i)
		}
	}
	// Objects in file order.
	l.order = make([]int, 0, n-1)
	for i := 1; i < n; i++ {
		l.order = append(l.order, i)
	}
	slices.SortFunc(l.order, func(a, b int) int { return l.offsets[a] - l.offsets[b] })
	if len(l.order) == 0 {
		return nil, errors.New("no objects")
	}
	for k := range l.order {
		if _, _, _, err := l.stream(pdf, k); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// stream is the k-th object in file order, and when it is a page stream
// fpdf wrote uncompressed its data and what follows the data in body
// (nil otherwise).
func (l *pdfLayout) stream(pdf []byte, k int) (body, data, tail []byte, err error) {
	obj := l.order[k]
	start, stop := l.offsets[obj], l.xrefAt
	if k+1 < len(l.order) {
		stop = l.offsets[l.order[k+1]]
	}
	body = pdf[start:stop]
	head := []byte(strconv.Itoa(obj) + " 0 obj\n<</Length ")
	if !bytes.HasPrefix(body, head) {
		return body, nil, nil, nil
	}
	rest := body[len(head):]
	closeAt := bytes.Index(rest, []byte(">>\nstream\n"))
	if closeAt < 0 {
		return body, nil, nil, nil
	}
	length, err := strconv.Atoi(string(rest[:closeAt]))
	if err != nil {
		// Another kind of stream (a font file, /Length1 ...).
		return body, nil, nil, nil
	}
	data = rest[closeAt+len(">>\nstream\n"):]
	if length > len(data) || !bytes.HasPrefix(data[length:], []byte("\nendstream\n")) {
		return nil, nil, nil, fmt.Errorf("object %d: stream length does not match", obj)
	}
	return body, data[:length], data[length:], nil
}

// compressTo writes pdf to w with its page streams deflated and its
// cross-reference table rebuilt.
func (l *pdfLayout) compressTo(w io.Writer, pdf []byte) error {
	cw := &countingWriter{w: w}
	cw.Write(pdf[:l.offsets[l.order[0]]])
	newOff := make([]int, l.n)
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	for k, obj := range l.order {
		body, data, tail, err := l.stream(pdf, k)
		if err != nil {
			return err
		}
		newOff[obj] = cw.n
		if tail == nil {
			cw.Write(body)
			continue
		}
		z.Reset()
		zw.Reset(&z)
		if _, err := zw.Write(data); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		fmt.Fprintf(cw, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", obj, z.Len())
		cw.Write(z.Bytes())
		cw.Write(tail)
		if cw.err != nil {
			return cw.err
		}
	}
	at := cw.n
	fmt.Fprintf(cw, "xref\n0 %d\n0000000000 65535 f \n", l.n)
	for i := 1; i < l.n; i++ {
		fmt.Fprintf(cw, "%010d 00000 n \n", newOff[i])
	}
	cw.Write(l.trailer)
	fmt.Fprintf(cw, "startxref\n%d\n%%%%EOF\n", at)
	return cw.err
}

// countingWriter counts what it writes and keeps the first error.
type countingWriter struct {
	w   io.Writer
	n   int
	err error
}

func (c *countingWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += n
	c.err = err
	return n, err
}
