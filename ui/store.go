package ui

import (
	"context"
	"time"

	"wgll/model"
)

// Store is what the app needs from the workbook file. It is declared here,
// where it is used, so that the app can be tested with a fake and never
// imports the SQLite package; *data.Store satisfies it.
type Store interface {
	Path() string
	User() string
	Assessments(ctx context.Context) ([]model.Header, error)
	CreateAssessment(ctx context.Context, h model.Header, criteriaTOML []byte) (model.Header, error)
	Assessment(ctx context.Context, id int64) (*model.Assessment, error)
	// The screens read only what they show (issue 16): an assessment's
	// scores and per-statement counts (AssessmentOverview leaves the action
	// counts to ActionCounts, the slow part on a large assessment), one
	// statement's evidence and actions when it opens, and other periods'
	// scores and counts for compare and trend. See model.ItemCounts.
	AssessmentOverview(ctx context.Context, id int64, statementID string) (*model.Assessment, error)
	AssessmentSummary(ctx context.Context, id int64, now time.Time, statementID string) (*model.Assessment, error)
	ActionCounts(ctx context.Context, id int64, now time.Time) (map[string]model.ItemCounts, error)
	StaleItems(ctx context.Context, id int64) ([]model.Evidence, error)
	StatementItems(ctx context.Context, assessmentID int64, statementID string) ([]model.Evidence, []model.Action, error)
	Summaries(ctx context.Context, ids []int64, now time.Time) ([]*model.Assessment, error)
	// Scores reads assessments' scores only (no rationale, target or
	// count), for the ICS view, which shows the means of hundreds.
	Scores(ctx context.Context, ids []int64) ([]*model.Assessment, error)
	// Search finds the first hits of / in SQL (model.SearchQuery) and
	// PlanSupport reads the plan's evidence counts and live actions for
	// its gaps only (model.BuildPlanFrom): neither reads the whole
	// assessment (issue 16).
	Search(ctx context.Context, q model.SearchQuery) (model.SearchResult, error)
	PlanSupport(ctx context.Context, id int64, sids []string, now time.Time) (map[string]model.PlanSupport, error)
	CompareSummaries(ctx context.Context, fromID, toID int64, now time.Time) (from, to *model.Assessment, err error)
	SetScore(ctx context.Context, assessmentID int64, statementID string, score model.Score) (model.Response, error)
	SetRationale(ctx context.Context, assessmentID int64, statementID, text string, baseVersion int64) (model.Response, error)
	// SetTick ticks or clears one element of a statement's checklist;
	// SetScoreReason says why the score differs from the checklist's
	// suggestion. Both are logged edits that Undo reverses.
	SetTick(ctx context.Context, assessmentID int64, statementID string, level, element int, on bool) (model.Response, error)
	SetScoreReason(ctx context.Context, assessmentID int64, statementID, reason string, baseVersion int64) (model.Response, error)
	SaveEvidence(ctx context.Context, assessmentID int64, e model.Evidence) (model.Evidence, error)
	DeleteEvidence(ctx context.Context, assessmentID, id int64) error
	SaveAction(ctx context.Context, assessmentID int64, a model.Action) (model.Action, error)
	DeleteAction(ctx context.Context, assessmentID, id int64) error
	Undo(ctx context.Context) (model.Change, error)
	SaveDraft(ctx context.Context, d model.Draft) error
	Drafts(ctx context.Context) ([]model.Draft, error)
	DiscardDraft(ctx context.Context, key string) error
	DataVersion(ctx context.Context) (int64, error)
	// CarryForward starts a new period's assessment from assessment fromID
	// (h gives the period and care setting) and reports, one line each,
	// what the new criteria could not match.
	CarryForward(ctx context.Context, fromID int64, h model.Header, criteriaTOML []byte) (model.Header, []string, error)
}
