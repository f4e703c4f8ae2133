package ui

import (
	"context"
	"errors"
	"sync"

	"wgll/model"
)

// LazyStore is a Store for a workbook file that does not exist yet. It
// reads as an empty workbook and opens (creating) the file through open
// only on the first write, so the app started in an empty folder leaves
// nothing behind until the first assessment is saved.
type LazyStore struct {
	path, user string
	open       func() (Store, error)

	mu sync.Mutex
	st Store
}

// NewLazyStore returns a store for path that calls open on the first write.
func NewLazyStore(path, user string, open func() (Store, error)) *LazyStore {
	return &LazyStore{path: path, user: user, open: open}
}

// errNoWorkbook answers a read of something that cannot exist yet.
var errNoWorkbook = errors.New("the workbook is empty: nothing has been saved yet")

// Opened is the store once the file has been opened, else nil.
func (l *LazyStore) Opened() Store {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.st
}

// Close closes the store if the file was opened.
func (l *LazyStore) Close() error {
	if c, ok := l.Opened().(interface{ Close() error }); ok {
		return c.Close()
	}
	return nil
}

// writer opens the file if need be.
func (l *LazyStore) writer() (Store, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.st == nil {
		st, err := l.open()
		if err != nil {
			return nil, err
		}
		l.st = st
	}
	return l.st, nil
}

// Path is the file the workbook will be written to.
func (l *LazyStore) Path() string {
	if st := l.Opened(); st != nil {
		return st.Path()
	}
	return l.path
}

// User is who edits.
func (l *LazyStore) User() string {
	if st := l.Opened(); st != nil {
		return st.User()
	}
	return l.user
}

// Assessments lists nothing until the file exists.
func (l *LazyStore) Assessments(ctx context.Context) ([]model.Header, error) {
	if st := l.Opened(); st != nil {
		return st.Assessments(ctx)
	}
	return nil, nil
}

// Assessment reads an assessment once the file exists.
func (l *LazyStore) Assessment(ctx context.Context, id int64) (*model.Assessment, error) {
	if st := l.Opened(); st != nil {
		return st.Assessment(ctx, id)
	}
	return nil, errNoWorkbook
}

// Drafts are none until the file exists.
func (l *LazyStore) Drafts(ctx context.Context) ([]model.Draft, error) {
	if st := l.Opened(); st != nil {
		return st.Drafts(ctx)
	}
	return nil, nil
}

// DataVersion is 0 until the file exists.
func (l *LazyStore) DataVersion(ctx context.Context) (int64, error) {
	if st := l.Opened(); st != nil {
		return st.DataVersion(ctx)
	}
	return 0, nil
}

// Undo has nothing to undo until the file exists.
func (l *LazyStore) Undo(ctx context.Context) (model.Change, error) {
	if st := l.Opened(); st != nil {
		return st.Undo(ctx)
	}
	return model.Change{}, errors.New("nothing to undo")
}

// DiscardDraft has nothing to discard until the file exists.
func (l *LazyStore) DiscardDraft(ctx context.Context, key string) error {
	if st := l.Opened(); st != nil {
		return st.DiscardDraft(ctx, key)
	}
	return nil
}

// CreateAssessment creates the file, then the assessment.
func (l *LazyStore) CreateAssessment(ctx context.Context, h model.Header, criteriaTOML []byte) (model.Header, error) {
	st, err := l.writer()
	if err != nil {
		return model.Header{}, err
	}
	return st.CreateAssessment(ctx, h, criteriaTOML)
}

// SetScore writes, opening the file first if need be.
func (l *LazyStore) SetScore(ctx context.Context, aid int64, sid string, score model.Score) (model.Response, error) {
	st, err := l.writer()
	if err != nil {
		return model.Response{}, err
	}
	return st.SetScore(ctx, aid, sid, score)
}

// SetRationale writes, opening the file first if need be.
func (l *LazyStore) SetRationale(ctx context.Context, aid int64, sid, text string, base int64) (model.Response, error) {
	st, err := l.writer()
	if err != nil {
		return model.Response{}, err
	}
	return st.SetRationale(ctx, aid, sid, text, base)
}

// SaveEvidence writes, opening the file first if need be.
func (l *LazyStore) SaveEvidence(ctx context.Context, aid int64, e model.Evidence) (model.Evidence, error) {
	st, err := l.writer()
	if err != nil {
		return model.Evidence{}, err
	}
	return st.SaveEvidence(ctx, aid, e)
}

// DeleteEvidence writes, opening the file first if need be.
func (l *LazyStore) DeleteEvidence(ctx context.Context, aid, id int64) error {
	st, err := l.writer()
	if err != nil {
		return err
	}
	return st.DeleteEvidence(ctx, aid, id)
}

// SaveAction writes, opening the file first if need be.
func (l *LazyStore) SaveAction(ctx context.Context, aid int64, x model.Action) (model.Action, error) {
	st, err := l.writer()
	if err != nil {
		return model.Action{}, err
	}
	return st.SaveAction(ctx, aid, x)
}

// DeleteAction writes, opening the file first if need be.
func (l *LazyStore) DeleteAction(ctx context.Context, aid, id int64) error {
	st, err := l.writer()
	if err != nil {
		return err
	}
	return st.DeleteAction(ctx, aid, id)
}

// SaveDraft writes, opening the file first if need be.
func (l *LazyStore) SaveDraft(ctx context.Context, d model.Draft) error {
	st, err := l.writer()
	if err != nil {
		return err
	}
	return st.SaveDraft(ctx, d)
}

// CarryForward writes, opening the file first if need be.
func (l *LazyStore) CarryForward(ctx context.Context, fromID int64, h model.Header, criteriaTOML []byte) (model.Header, []string, error) {
	st, err := l.writer()
	if err != nil {
		return model.Header{}, nil, err
	}
	return st.CarryForward(ctx, fromID, h, criteriaTOML)
}

// SetTick writes, opening the file first if need be.
func (l *LazyStore) SetTick(ctx context.Context, aid int64, sid string, level, element int, on bool) (model.Response, error) {
	st, err := l.writer()
	if err != nil {
		return model.Response{}, err
	}
	return st.SetTick(ctx, aid, sid, level, element, on)
}

// SetScoreReason writes, opening the file first if need be.
func (l *LazyStore) SetScoreReason(ctx context.Context, aid int64, sid, reason string, base int64) (model.Response, error) {
	st, err := l.writer()
	if err != nil {
		return model.Response{}, err
	}
	return st.SetScoreReason(ctx, aid, sid, reason, base)
}
