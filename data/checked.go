package data

// The check on opening, remembered (issue 16). A workbook of up to
// quickCheckLimit gets SQLite's integrity or quick check every time it is
// opened: 1.2 ms for the small demo when the file is in the page cache,
// 3 ms in a fresh process, on every command and every start of the app,
// most of them on a file no one has changed since the last check passed.
// The check is a function of the file's bytes, so once it passes the
// bytes are remembered, as a checksum of the file and its WAL, in the
// user's cache (Options.CheckedCache; nothing is written beside the
// workbook), with the schema version they were read at; an open that
// finds the same bytes skips the check, and the rest of the inspection
// with it (inspect). Any change to either file, by wgll or anything else,
// changes the checksum and the next open checks again.

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// checksRun counts the checks inspect runs, and contentSums the sums it
// takes, for the tests.
var checksRun, contentSums atomic.Int64

// castagnoli is the CRC-32C table, computed by the CPU where it can; made
// on the first sum, not as the program starts (the app opens its workbook
// beside the terminal's set-up, and everything before main holds that).
var castagnoli = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

// contentSum identifies what check, run on the bytes of the workbook at
// abs and of its WAL, would report on: the check's name, each file's size
// and CRC-32C. It reads both whole: the caller keeps this to workbooks of
// at most quickCheckLimit, and a larger WAL is not summed.
func contentSum(abs, check string) (string, error) {
	contentSums.Add(1)
	// A WAL can grow far beyond its workbook while a reader holds it
	// open; reading a large one whole would cost more than the check.
	if fi, err := os.Stat(abs + "-wal"); err == nil && fi.Size() > quickCheckLimit {
		return "", errWALTooBig
	}
	sum := check
	for _, p := range []string{abs, abs + "-wal"} {
		f, err := os.Open(p)
		if errors.Is(err, os.ErrNotExist) && p != abs {
			sum += " -"
			continue
		}
		if err != nil {
			return "", err
		}
		h := crc32.New(castagnoli())
		n, err := io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", err
		}
		sum += fmt.Sprintf(" %d:%08x", n, h.Sum32())
	}
	return sum, nil
}

// settleTime is how long a workbook and its WAL must have been left alone
// before identitySum's identity of them is remembered: a file's times are
// kept to a clock tick of some milliseconds (to the second on some file
// systems), so a write in the same tick as the inspection, keeping the
// size, could leave the identity as it was. A variable for the tests.
var settleTime = 2 * time.Second

// identitySum identifies the bytes of a workbook larger than
// quickCheckLimit, and of its WAL, by what the kernel keeps of each file:
// device, inode, size, and modification and change times. Such a workbook
// is not read whole (its pages are not checked on opening), so what its
// entry stands for is the inspection's reading of its header, version and
// structure, 2.3 ms of every command and every start of the app on the xl
// demo. A copy (even cp -p) is another inode with a new change time, and
// every write moves the change time, which no program can set back. ok is
// false where the system gives no change time; settled, when neither file
// changed in the last settleTime, says the identity may be remembered.
func identitySum(abs string, now time.Time) (sum string, settled, ok bool) {
	sum, settled = "stat", true
	for _, p := range []string{abs, abs + "-wal"} {
		fi, err := os.Stat(p)
		if p != abs && (errors.Is(err, os.ErrNotExist) || err == nil && fi.Size() == 0) {
			sum += " -" // an empty WAL holds nothing, as in stamp
			continue
		}
		if err != nil {
			return "", false, false
		}
		id, changed, ok := fileIdentity(fi)
		if !ok {
			return "", false, false
		}
		sum += " " + id
		settled = settled && now.Sub(changed) >= settleTime
	}
	return sum, settled, true
}

// errWALTooBig: the WAL is larger than a workbook that is checked.
var errWALTooBig = errors.New("the WAL is too large to sum")

// checkedFile is where, in cache, the sum of the bytes of the workbook at
// abs that last passed the check is kept: a file named by a hash of the
// path.
func checkedFile(cache, abs string) string {
	h := sha256.Sum256([]byte(abs))
	return filepath.Join(cache, hex.EncodeToString(h[:16]))
}

// checkedBefore reports whether sum is that of the bytes that last passed
// the checks, and the schema version they were read at.
func checkedBefore(cache, abs, sum string) (version int, ok bool) {
	f, err := os.Open(checkedFile(cache, abs))
	if err != nil {
		return 0, false
	}
	defer f.Close()
	b := make([]byte, 256) // a sum is under 100 bytes; anything longer is not one
	n, _ := io.ReadFull(f, b)
	if n == 0 || n == len(b) {
		return 0, false
	}
	got, v, found := strings.Cut(string(b[:n]), versionMark)
	if !found || got != sum {
		return 0, false
	}
	version, err = strconv.Atoi(v)
	return version, err == nil
}

// versionMark separates a remembered sum from the schema version read with
// it.
const versionMark = "\nversion "

// forgetChecked drops what is remembered of the workbook at abs.
func forgetChecked(cache, abs string) {
	if cache != "" {
		os.Remove(checkedFile(cache, abs))
	}
}

// rememberChecked keeps sum as the bytes that passed the checks, read at
// schema version. It is a cache: if it cannot be written, the next open
// checks again.
func rememberChecked(cache, abs, sum string, version int) {
	if os.MkdirAll(cache, 0o700) != nil {
		return
	}
	f, err := os.CreateTemp(cache, ".checked.*")
	if err != nil {
		return
	}
	_, werr := f.WriteString(sum + versionMark + strconv.Itoa(version))
	cerr := f.Close()
	if werr != nil || cerr != nil || os.Rename(f.Name(), checkedFile(cache, abs)) != nil {
		os.Remove(f.Name())
	}
}
