package data

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"wgll/model"
)

// Replaced is one assessment of this workbook that ImportReplace replaced
// with a corrected resubmission.
type Replaced struct {
	Header model.Header
	// Differences says what the file changed: "criteria", "care setting",
	// "scores", "evidence", "actions".
	Differences []string
}

// ReplaceResult says what ImportReplace did with one file.
type ReplaceResult struct {
	ImportResult
	Replaced []Replaced
	// Backup is the copy of the workbook taken before anything was
	// replaced; "" when nothing was.
	Backup string
}

// ImportReplace imports a file like Import, except that an assessment
// already here with different content is replaced by the file's (a
// corrected resubmission) instead of being reported as a conflict. The
// assessment keeps its id, so later periods carried forward from it stay
// linked; its scores, evidence and actions become the file's, with their
// authors and times. The whole workbook is copied next to itself first
// (FILE.before-replace-TIMESTAMP), and each replacement is one change-log
// entry naming the file and what differed. A signed-off assessment is
// refused: unlock it first.
func (s *Store) ImportReplace(ctx context.Context, path string) (ReplaceResult, error) {
	imp, err := s.Import(ctx, path)
	res := ReplaceResult{ImportResult: imp}
	if err != nil {
		return res, err
	}
	var todo []ImportConflict
	var kept []ImportConflict
	for _, c := range imp.Conflicts {
		if c.ExistingID == 0 {
			kept = append(kept, c) // the file itself is ambiguous
			continue
		}
		todo = append(todo, c)
	}
	res.Conflicts = kept
	if len(todo) == 0 {
		return res, nil
	}
	for _, c := range todo {
		if so, err := s.SignOffOf(ctx, c.ExistingID); err != nil {
			return res, err
		} else if so.Signed() {
			return res, refuse(fmt.Sprintf("assessment %d", c.ExistingID), ErrLocked, "%s; nothing was replaced", strings.TrimPrefix(so.LockedMessage(c.ExistingID), fmt.Sprintf("assessment %d ", c.ExistingID)))
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return res, fmt.Errorf("import %s: %w", path, err)
	}
	if abs == s.abs {
		return res, invalid("%s is this workbook; import another organisation's workbook or JSON file", path)
	}
	src, err := readImport(ctx, path, abs)
	if err != nil {
		return res, err
	}
	byKey := map[string]sourceAssessment{}
	for _, sa := range src {
		byKey[importKey(sa.a.Header)] = sa
	}
	backup := s.uniqueName(fmt.Sprintf("%s.before-replace-%s", s.abs, s.nowUTC().Format("20060102T150405Z")))
	if err := s.vacuumInto(ctx, backup); err != nil {
		return res, fmt.Errorf("back up %s before replacing from %s: %w; nothing was replaced", s.path, path, err)
	}
	res.Backup = backup
	err = s.edit(ctx, "replace from "+path, func(e *editTx) error {
		for _, c := range todo {
			sa, ok := byKey[importKey(c.Header)]
			if !ok {
				return fmt.Errorf("%s changed while it was read; nothing was replaced", path)
			}
			id := c.ExistingID
			if _, err := e.log(change{assessmentID: id, entity: "assessment", entityID: strconv.FormatInt(id, 10), op: "replace",
				field: strings.Join(c.Differences, ", "), new: "from " + path + "; backup: " + backup}); err != nil {
				return err
			}
			for _, q := range []string{
				`DELETE FROM responses WHERE assessment_id = ?`, `DELETE FROM evidence WHERE assessment_id = ?`,
				`DELETE FROM actions WHERE assessment_id = ?`, `DELETE FROM targets WHERE assessment_id = ?`,
			} {
				if _, err := e.tx.ExecContext(ctx, q, id); err != nil {
					return err
				}
			}
			textID, err := criteriaTextID(ctx, e.tx, string(sa.raw))
			if err != nil {
				return err
			}
			if _, err := e.tx.ExecContext(ctx, `UPDATE assessments SET criteria_id = ?, care_setting = ?, updated_at = ? WHERE id = ?`,
				textID, string(sa.a.CareSetting), e.now, id); err != nil {
				return err
			}
			if err := dropUnusedCriteriaTexts(ctx, e.tx); err != nil {
				return err
			}
			s.cmu.Lock()
			delete(s.crit, id)
			s.cmu.Unlock()
			b := &Batch{ctx: ctx, tx: e.tx, s: s}
			err = copyContent(b, id, sa.a, nil)
			b.close()
			if err != nil {
				return fmt.Errorf("replace %s: %w", c.Header.Title(), err)
			}
			h := c.Header
			h.ID = id
			res.Replaced = append(res.Replaced, Replaced{Header: h, Differences: c.Differences})
		}
		return nil
	})
	if err != nil {
		res.Replaced = nil
		return res, fmt.Errorf("replace from %s: %w; nothing was replaced (the backup %s is there all the same)", path, err, backup)
	}
	return res, nil
}
