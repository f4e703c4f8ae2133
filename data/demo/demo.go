// Package demo writes demonstration workbooks for a fictional trust: a small
// one that shows what a year of use looks like; a large one, a decade of
// periods with tens of thousands of evidence items and actions; and an xl
// one, an integrated care system's 42 members over a decade (430
// assessments, 100,000 evidence items and actions in the newest). The
// benchmarks measure the app against all three.
//
// All are generated from a fixed seed, so the same size and clock give the
// same content every time. The large and xl workbooks also have a fixed
// clock (LargeNow) and so always hold the same rows.
//
// A demo is built in a temporary file beside the target and published with
// a hard link, which fails if the target exists: Write never overwrites a
// file, even one that appeared while it was writing, and never leaves a
// half-written workbook behind.
package demo

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"wgll/criteria"
	"wgll/data"
	"wgll/model"
)

// Size says how much a demo workbook holds.
type Size string

// The demo sizes.
const (
	// Small is a trust's two organisation assessments and its system's ICS
	// assessment, with about forty evidence items and thirty actions.
	Small Size = "small"
	// Large is LargePeriods periods for each audience with every statement
	// scored and LargeItems evidence items and actions in the newest.
	Large Size = "large"
	// XL is an integrated care system's workbook: XLOrganisations member
	// organisations with LargePeriods periods each and the system's own
	// ICS periods, XLItems evidence items and actions in the newest.
	XL Size = "xl"
)

// ParseSize reads a --size value.
func ParseSize(s string) (Size, error) {
	switch Size(s) {
	case Small, Large, XL:
		return Size(s), nil
	}
	return "", fmt.Errorf("size %q is not small, large or xl", s)
}

// ErrExists says the demo was not written because the file already exists.
var ErrExists = errors.New("file already exists")

// Options says what demo to write.
type Options struct {
	// Size is Small (the default when empty), Large or XL.
	Size Size
	// User is the workbook user recorded as the author of the actions;
	// evidence and scores carry the names of the fictional people.
	User string
	// Now dates the small demo (its actions fall due around it, some
	// overdue); zero means the current time. The large and xl demos ignore
	// it and use LargeNow.
	Now time.Time
}

// Summary says what a demo workbook holds.
type Summary struct {
	Path        string
	Size        Size
	Assessments int
	// Responses counts scored statements (responses with a score).
	Responses int
	Evidence  int
	Actions   int
	// Owners counts the distinct action owners.
	Owners int
	// HotAssessment and HotStatement name the busiest statement: HotItems
	// evidence items and actions (large) or XLHotItems (xl); 0 and "" for
	// the small demo.
	HotAssessment int64
	HotStatement  string
}

// Write writes a demo workbook to path, which must not exist, and returns
// what it holds.
func Write(ctx context.Context, path string, opt Options) (Summary, error) {
	sum := Summary{Path: path, Size: opt.Size}
	if sum.Size == "" {
		sum.Size = Small
	}
	if _, err := ParseSize(string(sum.Size)); err != nil {
		return sum, fmt.Errorf("write the demo: %w", err)
	}
	if err := refuseExisting(path); err != nil {
		return sum, err
	}
	c := criteria.Builtin()
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	var p plan
	switch sum.Size {
	case Large:
		p = largePlan(c)
		now = LargeNow
	case XL:
		p = xlPlan(c)
		now = LargeNow
	default:
		p = smallPlan(c, now)
	}
	tmp, err := tempName(path)
	if err != nil {
		return sum, err
	}
	defer removeWorkbook(tmp)
	if err := writePlan(ctx, tmp, p, opt.User, now, &sum); err != nil {
		return sum, err
	}
	if err := publish(tmp, path); err != nil {
		return sum, err
	}
	return sum, nil
}

// refuseExisting fails with ErrExists when something is at path.
func refuseExisting(path string) error {
	_, err := os.Lstat(path)
	switch {
	case err == nil:
		return fmt.Errorf("%s already exists and the demo never overwrites a file; choose another with --db FILE or delete it first: %w", path, ErrExists)
	case errors.Is(err, fs.ErrNotExist):
		return nil
	default:
		return fmt.Errorf("check %s: %w", path, err)
	}
}

// tempName picks an unused name beside path for building the workbook.
func tempName(path string) (string, error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".demo-*")
	if err != nil {
		return "", fmt.Errorf("create a temporary file beside %s: %w", path, err)
	}
	name := f.Name()
	f.Close()
	// The store initialises an empty file as a new workbook, but removing
	// it lets the store create the file with its own permissions.
	if err := os.Remove(name); err != nil {
		return "", fmt.Errorf("prepare temporary file %s: %w", name, err)
	}
	return name, nil
}

// removeWorkbook deletes a workbook file and SQLite's side files.
func removeWorkbook(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

// writePlan writes p into a new workbook at path and fills in sum. Each
// assessment is one transaction: an assessment carried forward is made by
// the store's CarryForward, as a user's would be, and its own content is
// then added in bulk.
func writePlan(ctx context.Context, path string, p plan, user string, now time.Time, sum *Summary) error {
	clock := now
	st, err := data.Open(path, data.Options{User: user, Now: func() time.Time { return clock }, NoBackupOnOpen: true, Create: true})
	if err != nil {
		return fmt.Errorf("create the demo workbook: %w", err)
	}
	toml := criteria.BuiltinTOML()
	owners := map[string]bool{}
	ids := make([]int64, len(p.assessments))
	for i, ap := range p.assessments {
		h := ap.header
		if ap.carryFrom >= 0 {
			h.CarriedFrom = ids[ap.carryFrom]
		}
		if ap.carry {
			clock = h.CreatedAt
			h, _, err = st.CarryForward(ctx, h.CarriedFrom, model.Header{Period: h.Period, CareSetting: h.CareSetting}, toml)
			clock = now
			if err != nil {
				break
			}
		}
		err = st.Bulk(ctx, func(b *data.Batch) error {
			if !ap.carry {
				var err error
				if h, err = b.AddAssessment(h, toml); err != nil {
					return err
				}
			}
			for _, r := range ap.responses {
				if err := b.PutResponse(h.ID, r); err != nil {
					return err
				}
			}
			for _, e := range ap.evidence {
				if _, err := b.AddEvidence(h.ID, e); err != nil {
					return err
				}
			}
			for _, a := range ap.actions {
				if _, err := b.AddAction(h.ID, a); err != nil {
					return err
				}
			}
			return putTrust(b, h.ID, ap)
		})
		if err != nil {
			break
		}
		ids[i] = h.ID
		if i == p.hotIndex {
			sum.HotAssessment, sum.HotStatement = h.ID, p.hot
		}
	}
	if err == nil {
		err = tally(ctx, st, p, sum, owners)
	}
	if cerr := st.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write the demo workbook: %w", err)
	}
	// Closing the last connection checkpoints and removes the WAL; a WAL
	// left behind would hold rows the main file lacks.
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return fmt.Errorf("write the demo workbook: SQLite left %s-wal unmerged; try again", path)
	}
	return nil
}

// tally counts what the workbook holds. When the store carried an
// assessment forward it reads the workbook back, so the summary includes
// what was copied; otherwise the plan is exactly what was written.
func tally(ctx context.Context, st *data.Store, p plan, sum *Summary, owners map[string]bool) error {
	carried := false
	for _, ap := range p.assessments {
		carried = carried || ap.carry
	}
	if !carried {
		for _, ap := range p.assessments {
			sum.Assessments++
			for _, r := range ap.responses {
				if r.Score.Assessed() {
					sum.Responses++
				}
			}
			sum.Evidence += len(ap.evidence)
			sum.Actions += len(ap.actions)
			for _, x := range ap.actions {
				owners[x.Owner] = true
			}
		}
		sum.Owners = len(owners)
		return nil
	}
	hs, err := st.Assessments(ctx)
	if err != nil {
		return err
	}
	for _, h := range hs {
		a, err := st.Assessment(ctx, h.ID)
		if err != nil {
			return err
		}
		sum.Assessments++
		for _, r := range a.Responses {
			if r.Score.Assessed() {
				sum.Responses++
			}
		}
		for _, list := range a.Evidence {
			sum.Evidence += len(list)
		}
		for _, list := range a.Actions {
			sum.Actions += len(list)
			for _, x := range list {
				owners[x.Owner] = true
			}
		}
	}
	sum.Owners = len(owners)
	return nil
}

// publish moves the finished workbook from tmp to path without ever
// replacing a file at path. A hard link fails if path exists; on file
// systems without hard links it falls back to a checked rename.
func publish(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil {
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s appeared while the demo was being written; it was left as it was: %w", path, ErrExists)
	}
	if err := refuseExisting(path); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("move the demo workbook to %s: %w", path, err)
	}
	return nil
}
