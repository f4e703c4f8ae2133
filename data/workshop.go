package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"wgll/model"
)

// This file is the workshop record: workshops, participants, rounds, blind
// votes and agreements. Every screen of a workshop is its own process on the
// workbook, so all the workshop's state lives here and each call is one
// IMMEDIATE transaction: a crashed screen loses nothing and a restarted one
// reads where the room is.
//
// Votes, reveals and rounds are not written to the change log: they are the
// workshop's own record, not edits to the assessment, and Undo must not
// reach them. Agreeing a score is an edit: it sets the score by the same
// path as SetScore (one change-log row, so Undo puts the old score back)
// and records the agreement beside it in the same transaction.

// maxReason is the longest reason a vote keeps, in bytes: a one-line
// reason, not an essay.
const maxReason = 280

const workshopColumns = `id, assessment_id, facilitator, rule, timebox_seconds, named_reveal, started_at, ended_at, statement_id`

func scanWorkshop(sc interface{ Scan(...any) error }) (model.Workshop, error) {
	var w model.Workshop
	var rule, started, ended string
	var secs int64
	var named int
	if err := sc.Scan(&w.ID, &w.AssessmentID, &w.Facilitator, &rule, &secs, &named, &started, &ended, &w.StatementID); err != nil {
		return w, err
	}
	w.Rule = model.DisagreementRule(rule)
	w.Timebox = time.Duration(secs) * time.Second
	w.NamedReveal = named != 0
	w.StartedAt, w.EndedAt = parseTime(started), parseTime(ended)
	return w, nil
}

func workshopByID(ctx context.Context, q querier, id int64) (model.Workshop, error) {
	w, err := scanWorkshop(q.QueryRowContext(ctx, `SELECT `+workshopColumns+` FROM workshops WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return w, refuse(fmt.Sprintf("workshop %d", id), ErrNotFound, "there is no such workshop; see wgll workshop list")
	}
	return w, err
}

// openWorkshop reads workshop id and refuses it if it has ended.
func (e *editTx) openWorkshop(id int64) (model.Workshop, error) {
	w, err := workshopByID(e.ctx, e.tx, id)
	if err != nil {
		return w, err
	}
	if !w.Open() {
		return w, refuse(fmt.Sprintf("workshop %d", id), ErrInvalid, "it has ended; start a new one with w in the app")
	}
	return w, nil
}

// currentRound is the number and revealed state of the latest round of
// the workshop's current statement.
func (e *editTx) currentRound(w model.Workshop) (int, bool, error) {
	var n int
	var revealed string
	err := e.tx.QueryRowContext(e.ctx, `SELECT round, revealed_at FROM workshop_rounds
		WHERE workshop_id = ? AND statement_id = ? ORDER BY round DESC LIMIT 1`, w.ID, w.StatementID).Scan(&n, &revealed)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, fmt.Errorf("workshop %d has no round open on %s", w.ID, w.StatementID)
	}
	return n, revealed != "", err
}

// moveTo puts the room on statement sid, opening its first round if the
// workshop has not been there before.
func (e *editTx) moveTo(w model.Workshop, sid string) error {
	if _, err := e.s.checkStatement(e.ctx, e.tx, w.AssessmentID, sid); err != nil {
		return err
	}
	if _, err := e.tx.ExecContext(e.ctx, `UPDATE workshops SET statement_id = ? WHERE id = ?`, sid, w.ID); err != nil {
		return err
	}
	_, err := e.tx.ExecContext(e.ctx, `INSERT OR IGNORE INTO workshop_rounds (workshop_id, statement_id, round, opened_at) VALUES (?, ?, 1, ?)`, w.ID, sid, e.now)
	return err
}

// StartWorkshop starts a workshop on the assessment at statementID, or, if
// the assessment already has one open, resumes it and moves the room to
// statementID. resumed says which; a resumed workshop keeps the options it
// was started with.
func (s *Store) StartWorkshop(ctx context.Context, assessmentID int64, statementID string, opt model.WorkshopOptions) (w model.Workshop, resumed bool, err error) {
	if err := s.need(RoleFacilitator, "start a workshop"); err != nil {
		return w, false, err
	}
	if opt.Rule == "" {
		opt.Rule = model.RuleDefault
	}
	if !opt.Rule.Valid() {
		return w, false, invalid("disagreement rule %q is not one of default, span, rand-ucla", opt.Rule)
	}
	if opt.Timebox < 0 {
		return w, false, invalid("a timebox cannot be negative")
	}
	err = s.edit(ctx, "start a workshop", func(e *editTx) error {
		if _, err := s.checkStatement(ctx, e.tx, assessmentID, statementID); err != nil {
			return err
		}
		// A signed-off assessment could not take the agreed scores, so
		// refuse the workshop at its start rather than at its first agreement.
		if err := e.unlocked(change{assessmentID: assessmentID, entity: "workshop"}); err != nil {
			return err
		}
		var id int64
		err := e.tx.QueryRowContext(ctx, `SELECT id FROM workshops WHERE assessment_id = ? AND ended_at = '' ORDER BY id DESC LIMIT 1`, assessmentID).Scan(&id)
		switch {
		case err == nil:
			resumed = true
		case errors.Is(err, sql.ErrNoRows):
			res, err := e.tx.ExecContext(ctx, `INSERT INTO workshops (assessment_id, facilitator, rule, timebox_seconds, named_reveal, started_at, statement_id)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, assessmentID, s.user, string(opt.Rule), int64(opt.Timebox/time.Second), boolInt(opt.NamedReveal), e.now, statementID)
			if err != nil {
				return err
			}
			if id, err = res.LastInsertId(); err != nil {
				return err
			}
		default:
			return err
		}
		if w, err = workshopByID(ctx, e.tx, id); err != nil {
			return err
		}
		if err := e.moveTo(w, statementID); err != nil {
			return err
		}
		w.StatementID = statementID
		return nil
	})
	return w, resumed, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// CurrentWorkshop is the open workshop a member or projector follows: the
// most recently started one still open. ok is false when none is open.
func (s *Store) CurrentWorkshop(ctx context.Context) (w model.Workshop, ok bool, err error) {
	w, err = scanWorkshop(s.db.QueryRowContext(ctx, `SELECT `+workshopColumns+` FROM workshops WHERE ended_at = '' ORDER BY started_at DESC, id DESC LIMIT 1`))
	if errors.Is(err, sql.ErrNoRows) {
		return w, false, nil
	}
	if err != nil {
		return w, false, fmt.Errorf("find the open workshop: %w", err)
	}
	return w, true, nil
}

// Workshop reads workshop id.
func (s *Store) Workshop(ctx context.Context, id int64) (model.Workshop, error) {
	w, err := workshopByID(ctx, s.db, id)
	if err != nil {
		var fe *fileError
		if errors.As(err, &fe) {
			return w, err
		}
		return w, fmt.Errorf("read workshop %d: %w", id, err)
	}
	return w, nil
}

// Workshops lists every workshop in the workbook, newest first.
func (s *Store) Workshops(ctx context.Context) ([]model.WorkshopListing, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT w.id, w.assessment_id, w.facilitator, w.rule, w.timebox_seconds, w.named_reveal, w.started_at, w.ended_at, w.statement_id,
		a.organisation, a.period,
		(SELECT count(*) FROM workshop_participants p WHERE p.workshop_id = w.id),
		(SELECT count(DISTINCT statement_id) FROM workshop_agreements g WHERE g.workshop_id = w.id)
		FROM workshops w JOIN assessments a ON a.id = w.assessment_id ORDER BY w.started_at DESC, w.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list the workshops: %w", err)
	}
	defer rows.Close()
	var out []model.WorkshopListing
	for rows.Next() {
		var l model.WorkshopListing
		var rule, started, ended string
		var secs int64
		var named int
		if err := rows.Scan(&l.ID, &l.AssessmentID, &l.Facilitator, &rule, &secs, &named, &started, &ended, &l.StatementID,
			&l.Organisation, &l.Period, &l.Participants, &l.Agreed); err != nil {
			return nil, fmt.Errorf("list the workshops: %w", err)
		}
		l.Rule, l.Timebox, l.NamedReveal = model.DisagreementRule(rule), time.Duration(secs)*time.Second, named != 0
		l.StartedAt, l.EndedAt = parseTime(started), parseTime(ended)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list the workshops: %w", err)
	}
	return out, nil
}

// JoinWorkshop adds name to the workshop's participants (joining again is
// harmless: a restarted member screen rejoins).
func (s *Store) JoinWorkshop(ctx context.Context, workshopID int64, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return invalid("a participant needs a name; pass --as NAME")
	}
	if err := s.asSelf(name, "join as "+name); err != nil {
		return err
	}
	return s.edit(ctx, "join workshop", func(e *editTx) error {
		if _, err := e.openWorkshop(workshopID); err != nil {
			return err
		}
		return e.join(workshopID, name)
	})
}

// asSelf refuses a member connected through 'wgll serve' (a Store with a
// role below facilitator) voting or joining under another name than their
// own; a facilitator may (ballot mode casts "Voter 3"), and so may the
// person at the host, whom the operating system already lets write the
// file.
func (s *Store) asSelf(name, what string) error {
	if s.role == "" || s.role.rank() >= RoleFacilitator.rank() || name == s.user {
		return nil
	}
	if err := s.mayWrite(what); err != nil {
		return err
	}
	return &fileError{path: what, kind: ErrForbidden, msg: fmt.Sprintf("refused: %s can vote only as themselves", s.user)}
}

func (e *editTx) join(workshopID int64, name string) error {
	_, err := e.tx.ExecContext(e.ctx, `INSERT OR IGNORE INTO workshop_participants (workshop_id, name, joined_at) VALUES (?, ?, ?)`, workshopID, name, e.now)
	return err
}

// CastVote records name's vote on statementID in round: a level of the
// scale or model.DontKnow, with an optional one-line reason. A vote may be
// changed (cast again) until the round is revealed. statementID and round
// are what the voter's screen showed: if the facilitator has moved on since,
// the vote is refused rather than counted against the wrong statement.
func (s *Store) CastVote(ctx context.Context, workshopID int64, statementID string, round int, name string, level int, reason string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return invalid("a vote needs the voter's name; pass --as NAME")
	}
	if err := s.asSelf(name, "vote as "+name); err != nil {
		return err
	}
	reason = strings.Join(strings.Fields(reason), " ")
	if len(reason) > maxReason {
		return invalid("the reason is %d characters; keep it to one line of %d", len(reason), maxReason)
	}
	return s.edit(ctx, "cast a vote", func(e *editTx) error {
		w, err := e.openWorkshop(workshopID)
		if err != nil {
			return err
		}
		c, err := s.checkStatement(ctx, e.tx, w.AssessmentID, w.StatementID)
		if err != nil {
			return err
		}
		if max := c.MaxLevel(); level < model.DontKnow || level > max {
			return invalid("vote %d is not 1 to %d, or 0 for don't know", level, max)
		}
		cur, revealed, err := e.currentRound(w)
		if err != nil {
			return err
		}
		if w.StatementID != statementID || cur != round {
			return refuse("vote", ErrInvalid, "the room has moved on to %s round %d; your vote was not counted, vote again", w.StatementID, cur)
		}
		if revealed {
			return refuse("vote", ErrInvalid, "round %d of %s has been revealed, so votes are closed; wait for another round", cur, w.StatementID)
		}
		if err := e.join(workshopID, name); err != nil {
			return err
		}
		_, err = e.tx.ExecContext(ctx, `INSERT INTO workshop_votes (workshop_id, statement_id, round, participant, level, reason, cast_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (workshop_id, statement_id, round, participant) DO UPDATE SET level = excluded.level, reason = excluded.reason, cast_at = excluded.cast_at`,
			workshopID, statementID, round, name, level, reason, e.now)
		return err
	})
}

// MoveWorkshop puts the room on statementID (the facilitator's ] and [).
func (s *Store) MoveWorkshop(ctx context.Context, workshopID int64, statementID string) error {
	if err := s.need(RoleFacilitator, "move the workshop to "+statementID); err != nil {
		return err
	}
	return s.edit(ctx, "move the workshop to "+statementID, func(e *editTx) error {
		w, err := e.openWorkshop(workshopID)
		if err != nil {
			return err
		}
		return e.moveTo(w, statementID)
	})
}

// RevealRound reveals the current round's votes to everyone at once. It
// refuses a round nobody has voted in; revealing twice changes nothing.
func (s *Store) RevealRound(ctx context.Context, workshopID int64) error {
	if err := s.need(RoleFacilitator, "reveal the votes"); err != nil {
		return err
	}
	return s.edit(ctx, "reveal the votes", func(e *editTx) error {
		w, err := e.openWorkshop(workshopID)
		if err != nil {
			return err
		}
		n, revealed, err := e.currentRound(w)
		if err != nil || revealed {
			return err
		}
		var votes int
		if err := e.tx.QueryRowContext(e.ctx, `SELECT count(*) FROM workshop_votes WHERE workshop_id = ? AND statement_id = ? AND round = ?`, w.ID, w.StatementID, n).Scan(&votes); err != nil {
			return err
		}
		if votes == 0 {
			return refuse("reveal", ErrInvalid, "nobody has voted on %s yet; wait for the votes", w.StatementID)
		}
		_, err = e.tx.ExecContext(e.ctx, `UPDATE workshop_rounds SET revealed_at = ? WHERE workshop_id = ? AND statement_id = ? AND round = ?`, e.now, w.ID, w.StatementID, n)
		return err
	})
}

// NewRound opens another round on the current statement: the screens start
// again with no votes, and the earlier rounds are kept for the minutes. The
// current round must have been revealed.
func (s *Store) NewRound(ctx context.Context, workshopID int64) error {
	if err := s.need(RoleFacilitator, "start another round"); err != nil {
		return err
	}
	return s.edit(ctx, "start another round", func(e *editTx) error {
		w, err := e.openWorkshop(workshopID)
		if err != nil {
			return err
		}
		n, revealed, err := e.currentRound(w)
		if err != nil {
			return err
		}
		if !revealed {
			return refuse("another round", ErrInvalid, "round %d has not been revealed yet; reveal it first (r)", n)
		}
		_, err = e.tx.ExecContext(e.ctx, `INSERT INTO workshop_rounds (workshop_id, statement_id, round, opened_at) VALUES (?, ?, ?, ?)`, w.ID, w.StatementID, n+1, e.now)
		return err
	})
}

// Agree records the room's agreed score for the current statement from the
// current (revealed) round: score 0 takes the suggested score (the median
// as model.MedianRounding says), any other score is the level the
// facilitator chose. The statement's score is set through the scoring path
// with its change-log row, so Undo puts the old score back; the agreement
// keeps the round's tally, who voted, who agreed, the dissent and the time.
// Only the current round counts: earlier rounds are never averaged in.
func (s *Store) Agree(ctx context.Context, workshopID int64, score model.Score, dissent string) (model.Agreement, error) {
	if err := s.need(RoleFacilitator, "agree the score"); err != nil {
		return model.Agreement{}, err
	}
	var out model.Agreement
	dissent = strings.TrimSpace(dissent)
	err := s.edit(ctx, "agree the score", func(e *editTx) error {
		w, err := e.openWorkshop(workshopID)
		if err != nil {
			return err
		}
		n, revealed, err := e.currentRound(w)
		if err != nil {
			return err
		}
		if !revealed {
			return refuse("agree", ErrInvalid, "the votes on %s have not been revealed; reveal them first (r)", w.StatementID)
		}
		c, err := s.checkStatement(ctx, e.tx, w.AssessmentID, w.StatementID)
		if err != nil {
			return err
		}
		votes, err := roundVotes(ctx, e.tx, w.ID, w.StatementID, n)
		if err != nil {
			return err
		}
		r := model.Round{Votes: votes}
		tally := model.NewTally(r.Levels(), c.MaxLevel(), w.Rule)
		if score == model.NotAssessed {
			if !tally.Suggested.Assessed() {
				return refuse("agree", ErrInvalid, "nobody scored %s (every vote was don't know); press 1 to %d to agree a level", w.StatementID, tally.Max)
			}
			score = tally.Suggested
		}
		if _, err := e.setScore(w.AssessmentID, w.StatementID, score); err != nil {
			return err
		}
		var voters []string
		for _, v := range votes {
			voters = append(voters, v.Participant)
		}
		dist, _ := json.Marshal(tally.Counts)
		vj, _ := json.Marshal(voters)
		out = model.Agreement{WorkshopID: w.ID, StatementID: w.StatementID, Score: score, Round: n, Tally: tally, Suggested: score == tally.Suggested,
			AgreedBy: s.user, Voters: voters, Dissent: dissent, AgreedAt: parseTime(e.now)}
		_, err = e.tx.ExecContext(ctx, `INSERT INTO workshop_agreements
			(workshop_id, statement_id, round, score, suggested, distribution, median, low, high, disagree, rule_applied, agreed_by, voters, dissent, agreed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			w.ID, w.StatementID, n, int(score), boolInt(out.Suggested), string(dist), tally.Median, int(tally.Low), int(tally.High),
			boolInt(tally.Disagree), string(tally.Rule), s.user, string(vj), dissent, e.now)
		return err
	})
	return out, err
}

// SetDissent replaces the dissent minuted with the latest agreement on
// statementID in the workshop.
func (s *Store) SetDissent(ctx context.Context, workshopID int64, statementID, dissent string) error {
	if err := s.need(RoleFacilitator, "minute the dissent on "+statementID); err != nil {
		return err
	}
	dissent = strings.TrimSpace(dissent)
	return s.edit(ctx, "minute the dissent on "+statementID, func(e *editTx) error {
		res, err := e.tx.ExecContext(ctx, `UPDATE workshop_agreements SET dissent = ? WHERE id =
			(SELECT max(id) FROM workshop_agreements WHERE workshop_id = ? AND statement_id = ?)`, dissent, workshopID, statementID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return refuse("dissent", ErrInvalid, "%s has no agreed score in this workshop yet; agree one first (enter)", statementID)
		}
		return nil
	})
}

// EndWorkshop ends the workshop: members' and projectors' screens say so
// and nothing more can be voted or agreed in it. Its record stays.
func (s *Store) EndWorkshop(ctx context.Context, workshopID int64) error {
	if err := s.need(RoleFacilitator, "end the workshop"); err != nil {
		return err
	}
	return s.edit(ctx, "end the workshop", func(e *editTx) error {
		if _, err := e.openWorkshop(workshopID); err != nil {
			return err
		}
		_, err := e.tx.ExecContext(ctx, `UPDATE workshops SET ended_at = ? WHERE id = ?`, e.now, workshopID)
		return err
	})
}

// AddWorkshopActions saves the actions captured in a measure's summary as
// ordinary high-priority actions on their statements, marked as coming
// from the workshop, in one edit (one undo takes them all back).
func (s *Store) AddWorkshopActions(ctx context.Context, workshopID int64, measureKey string, actions []model.Action) ([]model.Action, error) {
	if err := s.need(RoleFacilitator, "save the workshop's actions"); err != nil {
		return nil, err
	}
	var out []model.Action
	for i := range actions {
		actions[i].Priority = model.PriorityHigh
		a, err := normalizeAction(actions[i])
		if err != nil {
			return nil, err
		}
		actions[i] = a
	}
	err := s.edit(ctx, "save the workshop's actions", func(e *editTx) error {
		w, err := e.openWorkshop(workshopID)
		if err != nil {
			return err
		}
		out = out[:0]
		for _, a := range actions {
			if _, err := s.checkStatement(ctx, e.tx, w.AssessmentID, a.StatementID); err != nil {
				return err
			}
			saved, err := e.insertAction(w.AssessmentID, a)
			if err != nil {
				return err
			}
			if _, err := e.tx.ExecContext(ctx, `INSERT INTO workshop_actions (action_id, workshop_id, measure_key) VALUES (?, ?, ?)`, saved.ID, w.ID, measureKey); err != nil {
				return err
			}
			out = append(out, saved)
		}
		return nil
	})
	return out, err
}

func roundVotes(ctx context.Context, q querier, workshopID int64, sid string, round int) ([]model.Vote, error) {
	rows, err := q.QueryContext(ctx, `SELECT statement_id, round, participant, level, reason, cast_at FROM workshop_votes
		WHERE workshop_id = ? AND statement_id = ? AND round = ? ORDER BY participant`, workshopID, sid, round)
	if err != nil {
		return nil, err
	}
	return scanVotes(rows)
}

func scanVotes(rows *sql.Rows) ([]model.Vote, error) {
	defer rows.Close()
	var out []model.Vote
	for rows.Next() {
		var v model.Vote
		var at string
		if err := rows.Scan(&v.StatementID, &v.Round, &v.Participant, &v.Level, &v.Reason, &at); err != nil {
			return nil, err
		}
		v.CastAt = parseTime(at)
		out = append(out, v)
	}
	return out, rows.Err()
}

// rounds reads the workshop's rounds (of statement sid, or of every
// statement when sid is ""), each with its votes, in statement-visit and
// round order.
func rounds(ctx context.Context, q querier, workshopID int64, sid string) ([]model.Round, error) {
	rows, err := q.QueryContext(ctx, `SELECT statement_id, round, opened_at, revealed_at FROM workshop_rounds
		WHERE workshop_id = ? AND (? = '' OR statement_id = ?) ORDER BY opened_at, statement_id, round`, workshopID, sid, sid)
	if err != nil {
		return nil, err
	}
	var out []model.Round
	for rows.Next() {
		var r model.Round
		var opened, revealed string
		if err := rows.Scan(&r.StatementID, &r.Number, &opened, &revealed); err != nil {
			rows.Close()
			return nil, err
		}
		r.OpenedAt, r.RevealedAt = parseTime(opened), parseTime(revealed)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	vrows, err := q.QueryContext(ctx, `SELECT statement_id, round, participant, level, reason, cast_at FROM workshop_votes
		WHERE workshop_id = ? AND (? = '' OR statement_id = ?) ORDER BY participant`, workshopID, sid, sid)
	if err != nil {
		return nil, err
	}
	votes, err := scanVotes(vrows)
	if err != nil {
		return nil, err
	}
	idx := map[string]int{}
	for i, r := range out {
		idx[fmt.Sprintf("%s/%d", r.StatementID, r.Number)] = i
	}
	for _, v := range votes {
		if i, ok := idx[fmt.Sprintf("%s/%d", v.StatementID, v.Round)]; ok {
			out[i].Votes = append(out[i].Votes, v)
		}
	}
	return out, nil
}

const agreementColumns = `g.workshop_id, g.statement_id, g.round, g.score, g.suggested, g.distribution, g.median, g.low, g.high, g.disagree, g.rule_applied, g.agreed_by, g.voters, g.dissent, g.agreed_at`

// agreements reads the latest agreement per statement of the workshop.
func agreements(ctx context.Context, q querier, workshopID int64) (map[string]model.Agreement, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+agreementColumns+` FROM workshop_agreements g WHERE g.workshop_id = ? ORDER BY g.id`, workshopID)
	if err != nil {
		return nil, err
	}
	return scanAgreements(rows)
}

// loadAgreements fills a.Agreements with the latest agreement per
// statement over all the assessment's workshops, and a.PreviousAgreements
// with those of the assessment it was carried from (each nil if none).
func loadAgreements(ctx context.Context, q querier, a *model.Assessment) error {
	var err error
	if a.Agreements, err = agreementsOf(ctx, q, a.ID); err != nil || a.CarriedFrom == 0 {
		return err
	}
	a.PreviousAgreements, err = agreementsOf(ctx, q, a.CarriedFrom)
	return err
}

// agreementsOf is the latest agreement per statement over assessment id's
// workshops, or nil.
func agreementsOf(ctx context.Context, q querier, id int64) (map[string]model.Agreement, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+agreementColumns+` FROM workshop_agreements g
		JOIN workshops w ON w.id = g.workshop_id WHERE w.assessment_id = ? ORDER BY g.id`, id)
	if err != nil {
		return nil, err
	}
	m, err := scanAgreements(rows)
	if err != nil || len(m) == 0 {
		return nil, err
	}
	return m, nil
}

// scanAgreements reads agreement rows in id order, keeping the latest per
// statement.
func scanAgreements(rows *sql.Rows) (map[string]model.Agreement, error) {
	defer rows.Close()
	out := map[string]model.Agreement{}
	for rows.Next() {
		var a model.Agreement
		var score, suggested, low, high, disagree int
		var dist, rule, voters, at string
		if err := rows.Scan(&a.WorkshopID, &a.StatementID, &a.Round, &score, &suggested, &dist, &a.Tally.Median, &low, &high, &disagree, &rule, &a.AgreedBy, &voters, &a.Dissent, &at); err != nil {
			return nil, err
		}
		a.Score, a.Suggested = model.Score(score), suggested != 0
		if err := json.Unmarshal([]byte(dist), &a.Tally.Counts); err != nil || len(a.Tally.Counts) == 0 {
			return nil, fmt.Errorf("the agreement on %s has a damaged distribution %q", a.StatementID, dist)
		}
		_ = json.Unmarshal([]byte(voters), &a.Voters)
		a.Tally.Max = len(a.Tally.Counts) - 1
		a.Tally.DontKnow = a.Tally.Counts[0]
		for _, c := range a.Tally.Counts[1:] {
			a.Tally.Voters += c
		}
		a.Tally.Low, a.Tally.High, a.Tally.Disagree, a.Tally.Rule = model.Score(low), model.Score(high), disagree != 0, model.DisagreementRule(rule)
		a.Tally.Suggested = model.Score(int(a.Tally.Median))
		a.AgreedAt = parseTime(at)
		out[a.StatementID] = a
	}
	return out, rows.Err()
}

// WorkshopSnapshot reads the workshop as every screen needs it, in one
// read transaction: where the room is, who has joined, the current
// statement's rounds and votes, and the agreements so far. It holds every
// vote; a member's or the projector's screen draws from
// Snapshot.Blind, never from this.
func (s *Store) WorkshopSnapshot(ctx context.Context, workshopID int64) (model.Snapshot, error) {
	var snap model.Snapshot
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return snap, fmt.Errorf("read workshop %d: %w", workshopID, err)
	}
	defer tx.Rollback()
	fail := func(err error) (model.Snapshot, error) {
		var fe *fileError
		if errors.As(err, &fe) {
			return model.Snapshot{}, err
		}
		return model.Snapshot{}, fmt.Errorf("read workshop %d: %w", workshopID, err)
	}
	if snap.Workshop, err = workshopByID(ctx, tx, workshopID); err != nil {
		return fail(err)
	}
	if snap.Participants, err = participants(ctx, tx, workshopID); err != nil {
		return fail(err)
	}
	rs, err := rounds(ctx, tx, workshopID, snap.Workshop.StatementID)
	if err != nil {
		return fail(err)
	}
	if len(rs) > 0 {
		snap.StatementOpenedAt = rs[0].OpenedAt
		snap.Round = rs[len(rs)-1]
		snap.Earlier = rs[:len(rs)-1]
	}
	if snap.Agreements, err = agreements(ctx, tx, workshopID); err != nil {
		return fail(err)
	}
	return snap, nil
}

func participants(ctx context.Context, q querier, workshopID int64) ([]model.Participant, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, joined_at FROM workshop_participants WHERE workshop_id = ? ORDER BY joined_at, name`, workshopID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Participant
	for rows.Next() {
		var p model.Participant
		var at string
		if err := rows.Scan(&p.Name, &at); err != nil {
			return nil, err
		}
		p.JoinedAt = parseTime(at)
		out = append(out, p)
	}
	return out, rows.Err()
}

// WorkshopRecord reads the minutes of workshop id: per statement the room
// took, in the order it took them, every round's votes and tally, the
// agreement and the actions captured.
func (s *Store) WorkshopRecord(ctx context.Context, workshopID int64) (model.WorkshopRecord, error) {
	var rec model.WorkshopRecord
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return rec, fmt.Errorf("read the record of workshop %d: %w", workshopID, err)
	}
	defer tx.Rollback()
	wrap := func(err error) error {
		var fe *fileError
		if errors.As(err, &fe) {
			return err
		}
		return fmt.Errorf("read the record of workshop %d: %w", workshopID, err)
	}
	if rec.Workshop, err = workshopByID(ctx, tx, workshopID); err != nil {
		return rec, wrap(err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT organisation, period FROM assessments WHERE id = ?`, rec.Workshop.AssessmentID).Scan(&rec.Organisation, &rec.Period); err != nil {
		return rec, wrap(err)
	}
	c, _, err := s.criteriaOf(ctx, tx, rec.Workshop.AssessmentID)
	if err != nil {
		return rec, wrap(err)
	}
	if rec.Participants, err = participants(ctx, tx, workshopID); err != nil {
		return rec, wrap(err)
	}
	rs, err := rounds(ctx, tx, workshopID, "")
	if err != nil {
		return rec, wrap(err)
	}
	ags, err := agreements(ctx, tx, workshopID)
	if err != nil {
		return rec, wrap(err)
	}
	acts, err := workshopActions(ctx, tx, workshopID)
	if err != nil {
		return rec, wrap(err)
	}
	at := map[string]int{}
	for _, r := range rs {
		i, ok := at[r.StatementID]
		if !ok {
			st, m, _ := c.Statement(r.StatementID)
			rec.Statements = append(rec.Statements, model.StatementRecord{StatementID: r.StatementID, Text: st.Text, MeasureKey: m.Key})
			i = len(rec.Statements) - 1
			at[r.StatementID] = i
		}
		sr := &rec.Statements[i]
		sr.Rounds = append(sr.Rounds, r)
		sr.Tallies = append(sr.Tallies, model.NewTally(r.Levels(), c.MaxLevel(), rec.Workshop.Rule))
	}
	for i := range rec.Statements {
		sr := &rec.Statements[i]
		if a, ok := ags[sr.StatementID]; ok {
			sr.Agreement = &a
		}
		sr.Actions = acts[sr.StatementID]
	}
	return rec, nil
}

func workshopActions(ctx context.Context, q querier, workshopID int64) (map[string][]model.Action, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+prefixed("a.", actionColumns)+` FROM actions a JOIN workshop_actions w ON w.action_id = a.id
		WHERE w.workshop_id = ? ORDER BY a.id`, workshopID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]model.Action{}
	for rows.Next() {
		r, err := scanAction(rows)
		if err != nil {
			return nil, err
		}
		out[r.StatementID] = append(out[r.StatementID], r.Action)
	}
	return out, rows.Err()
}

// prefixed qualifies each column of a column list with a table alias.
func prefixed(alias, cols string) string {
	parts := strings.Split(cols, ",")
	for i, p := range parts {
		parts[i] = alias + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}
