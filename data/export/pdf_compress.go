package export

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
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
	offsets := make([]int, n)
	for i := 1; i < n; i++ {
		e := entries[i*entryLen : i*entryLen+10]
		if offsets[i], err = strconv.Atoi(string(e)); err != nil || offsets[i] <= 0 || offsets[i] >= xrefAt {
			return nil, fmt.Errorf("bad xref entry %d", i)
		}
	}
	trailer := entries[n*entryLen:]
	// Objects in file order.
	order := make([]int, 0, n-1)
	for i := 1; i < n; i++ {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })

	out := bytes.NewBuffer(make([]byte, 0, len(pdf)/3))
	out.Write(pdf[:offsets[order[0]]])
	newOff := make([]int, n)
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	for k, obj := range order {
		start, stop := offsets[obj], xrefAt
		if k+1 < len(order) {
			stop = offsets[order[k+1]]
		}
		body := pdf[start:stop]
		newOff[obj] = out.Len()
		head := []byte(strconv.Itoa(obj) + " 0 obj\n<</Length ")
		if !bytes.HasPrefix(body, head) {
			out.Write(body)
			continue
		}
		rest := body[len(head):]
		close := bytes.Index(rest, []byte(">>\nstream\n"))
		if close < 0 {
			out.Write(body)
			continue
		}
		length, err := strconv.Atoi(string(rest[:close]))
		if err != nil {
			// Another kind of stream (a font file, /Length1 ...).
			out.Write(body)
			continue
		}
		data := rest[close+len(">>\nstream\n"):]
		if length > len(data) || !bytes.HasPrefix(data[length:], []byte("\nendstream\n")) {
			return nil, fmt.Errorf("object %d: stream length does not match", obj)
		}
		z.Reset()
		zw.Reset(&z)
		if _, err := zw.Write(data[:length]); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		fmt.Fprintf(out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", obj, z.Len())
		out.Write(z.Bytes())
		out.Write(data[length:])
	}
	at := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", n)
	for i := 1; i < n; i++ {
		fmt.Fprintf(out, "%010d 00000 n \n", newOff[i])
	}
	out.Write(trailer)
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", at)
	return out.Bytes(), nil
}
