package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"wgll/data"
	"wgll/model"
	"wgll/ui"
	"wgll/ui/workshop"
)

// The workshop commands: a member's voting screen and the room's projector
// (each its own process on the shared workbook), and the record of past
// workshops. The facilitator starts a workshop with w in the app.

func newWorkshopCmd(e *env) *cobra.Command {
	return groupCmd("workshop", "run a board workshop: blind votes, reveal, agreed scores",
		`A board workshop scores statements together: the facilitator starts it with w
in the app (on the overview or a measure, from the highlighted statement);
each member votes blind from their own terminal with 'wgll workshop join'; the
room watches 'wgll workshop show' on the projector. Votes are revealed all at
once; the room agrees a score, which is recorded with how it was reached.
The workbook file holds every vote, with its voter's name and reason.`,
		newWorkshopJoinCmd(e), newWorkshopShowCmd(e), newWorkshopListCmd(e), newWorkshopRecordCmd(e))
}

func newWorkshopJoinCmd(e *env) *cobra.Command {
	var as string
	c := &cobra.Command{
		Use:   "join",
		Short: "vote in the open workshop from this terminal",
		Long: `Joins the workshop open in the workbook (waiting for one if none is) and shows
the statement the facilitator is on, in full with its level descriptors.
Press 1 to 5 to vote, 0 for "don't know", enter to add a one-line reason; you
can change your vote until the facilitator reveals them all. Your name is
--as NAME, else --user, WGLL_USER or your account name. Works over ssh:
'ssh host wgll workshop join --db FILE'.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runWorkshopJoin(e, as) },
	}
	c.Flags().StringVar(&as, "as", "", "your `NAME` in the workshop (default: --user, WGLL_USER or your account)")
	return c
}

func newWorkshopShowCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "show",
		Short: "the room's screen: the statement, who has voted, the revealed votes",
		Long: `Shows the open workshop for the room (on the projector): the statement and
its descriptors large and in full, who has voted (never how), the timer, and
after the reveal the distribution. It never shows a vote before the reveal,
a reason, a note or a draft. q quits.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runWorkshopShow(e) },
	}
}

func newWorkshopListCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "list the workbook's workshops",
		Long:  `Lists every workshop in the workbook, newest first: its ID, organisation and period, facilitator, when it ran, how many joined and how many statements were agreed.`,
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return runWorkshopList(e) },
	}
}

type recordOptions struct {
	id     int64
	format string
}

func newWorkshopRecordCmd(e *env) *cobra.Command {
	var o recordOptions
	c := &cobra.Command{
		Use:   "record",
		Short: "print a workshop's minutes (Markdown or JSON)",
		Long: `Prints the minutes of a workshop (the newest, or --workshop ID): date,
facilitator, participants, the disagreement rule, and per statement every
round's distribution, the agreed score, the dissent minuted and the actions
captured. --format json holds every vote with its voter, reason and time.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runWorkshopRecord(e, o) },
	}
	c.Flags().Int64Var(&o.id, "workshop", 0, "workshop `ID` (default: the newest; see 'wgll workshop list')")
	c.Flags().StringVar(&o.format, "format", "md", "`FORMAT`: md or json")
	return c
}

func runWorkshopJoin(e *env, as string) error {
	name := strings.TrimSpace(as)
	if name == "" {
		name = e.g.userName(e)
	}
	if ui.Sanitize(name) != name || strings.ContainsAny(name, "\n\t") {
		return usagef("workshop join: --as %q has control characters; use a plain name", name)
	}
	if err := needTerminal(e); err != nil {
		return err
	}
	st, err := openExistingWith(e, data.Options{NoBackupOnOpen: true})
	if err != nil {
		return err
	}
	defer st.Close()
	m := workshop.NewMember(workshop.MemberConfig{Store: st, Name: name, Now: e.now, NoColor: e.getenv("NO_COLOR") != ""})
	if _, err := tea.NewProgram(m, tea.WithContext(e.ctx), tea.WithFPS(ui.FPS)).Run(); err != nil {
		return fmt.Errorf("run the member's screen: %w", err)
	}
	return nil
}

func runWorkshopShow(e *env) error {
	if err := needTerminal(e); err != nil {
		return err
	}
	st, err := openExistingWith(e, data.Options{NoBackupOnOpen: true})
	if err != nil {
		return err
	}
	defer st.Close()
	p := workshop.NewProjector(workshop.ProjectorConfig{Store: st, Now: e.now, NoColor: e.getenv("NO_COLOR") != ""})
	if _, err := tea.NewProgram(p, tea.WithContext(e.ctx), tea.WithFPS(ui.FPS)).Run(); err != nil {
		return fmt.Errorf("run the projector's screen: %w", err)
	}
	return nil
}

func runWorkshopList(e *env) error {
	st, err := openForReading(e)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.Workshops(e.ctx)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintf(e.stdout, "%s has no workshops yet; start one with w in the app\n", st.Path())
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tORGANISATION\tPERIOD\tFACILITATOR\tSTARTED\tENDED\tJOINED\tAGREED")
	for _, w := range list {
		ended := "open"
		if !w.Open() {
			ended = w.EndedAt.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%d\t%d\n", w.ID, oneLine(w.Organisation), oneLine(w.Period), oneLine(w.Facilitator),
			w.StartedAt.Local().Format("2006-01-02 15:04"), ended, w.Participants, w.Agreed)
	}
	return tw.Flush()
}

func runWorkshopRecord(e *env, o recordOptions) error {
	if o.format != "md" && o.format != "json" {
		return usagef("workshop record: --format must be md or json, not %q", o.format)
	}
	if o.id < 0 {
		return usagef("workshop record: --workshop must be a positive number (see 'wgll workshop list')")
	}
	st, err := openForReading(e)
	if err != nil {
		return err
	}
	defer st.Close()
	id := o.id
	if id == 0 {
		list, err := st.Workshops(e.ctx)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return fmt.Errorf("%s has no workshops yet; start one with w in the app", st.Path())
		}
		id = list[0].ID
	}
	rec, err := st.WorkshopRecord(e.ctx, id)
	if err != nil {
		return err
	}
	a, err := st.Assessment(e.ctx, rec.Workshop.AssessmentID)
	if err != nil {
		return err
	}
	rec = rec.Minutes()
	if o.format == "json" {
		return writeRecordJSON(e.stdout, rec)
	}
	return writeRecordMarkdown(e.stdout, rec, a)
}

// recordJSON is the JSON form of a workshop's minutes. Its field names are
// part of wgll's interface: add fields, never rename them.
type recordJSON struct {
	Workshop     int64             `json:"workshop"`
	Organisation string            `json:"organisation"`
	Period       string            `json:"period"`
	Facilitator  string            `json:"facilitator"`
	StartedAt    string            `json:"started_at"`
	EndedAt      string            `json:"ended_at,omitempty"`
	Rule         string            `json:"rule"`
	RuleText     string            `json:"rule_text"`
	Rounding     string            `json:"rounding"`
	TimeboxSecs  int64             `json:"timebox_seconds"`
	NamedReveal  bool              `json:"named_reveal"`
	Participants []string          `json:"participants"`
	Statements   []statementRecord `json:"statements"`
}

type statementRecord struct {
	ID        string         `json:"id"`
	Text      string         `json:"text"`
	Measure   string         `json:"measure"`
	Rounds    []roundRecord  `json:"rounds"`
	Agreement *agreementJSON `json:"agreement,omitempty"`
	Actions   []actionJSON   `json:"actions,omitempty"`
}

type roundRecord struct {
	Round      int        `json:"round"`
	OpenedAt   string     `json:"opened_at"`
	RevealedAt string     `json:"revealed_at,omitempty"`
	Counts     []int      `json:"counts"`
	Median     float64    `json:"median"`
	Disagree   bool       `json:"disagree"`
	RuleUsed   string     `json:"rule_applied"`
	Votes      []voteJSON `json:"votes"`
	// Withheld counts the votes of a round not yet revealed in an open
	// workshop, which the minutes do not show.
	Withheld int `json:"withheld,omitempty"`
}

type voteJSON struct {
	Participant string `json:"participant"`
	// Level is 1 to 5, or 0 for "don't know".
	Level  int    `json:"level"`
	Reason string `json:"reason,omitempty"`
	CastAt string `json:"cast_at"`
}

type agreementJSON struct {
	Score     int      `json:"score"`
	Round     int      `json:"round"`
	Suggested bool     `json:"suggested"`
	Counts    []int    `json:"counts"`
	AgreedBy  string   `json:"agreed_by"`
	Voters    []string `json:"voters"`
	Dissent   string   `json:"dissent,omitempty"`
	AgreedAt  string   `json:"agreed_at"`
}

type actionJSON struct {
	Title string `json:"title"`
	Owner string `json:"owner"`
	Due   string `json:"due,omitempty"`
}

func jsonTime(t interface{ IsZero() bool }, s string) string {
	if t.IsZero() {
		return ""
	}
	return s
}

func writeRecordJSON(w io.Writer, rec model.WorkshopRecord) error {
	const layout = "2006-01-02T15:04:05.000Z07:00"
	out := recordJSON{
		Workshop: rec.Workshop.ID, Organisation: rec.Organisation, Period: rec.Period, Facilitator: rec.Workshop.Facilitator,
		StartedAt: rec.Workshop.StartedAt.UTC().Format(layout), EndedAt: jsonTime(rec.Workshop.EndedAt, rec.Workshop.EndedAt.UTC().Format(layout)),
		Rule: string(rec.Workshop.Rule), RuleText: rec.Workshop.Rule.Describe(), Rounding: model.MedianRounding,
		TimeboxSecs: int64(rec.Workshop.Timebox.Seconds()), NamedReveal: rec.Workshop.NamedReveal,
		Participants: []string{}, Statements: []statementRecord{},
	}
	for _, p := range rec.Participants {
		out.Participants = append(out.Participants, p.Name)
	}
	for _, s := range rec.Statements {
		sr := statementRecord{ID: s.StatementID, Text: s.Text, Measure: s.MeasureKey, Rounds: []roundRecord{}}
		for i, r := range s.Rounds {
			t := s.Tallies[i]
			rr := roundRecord{Round: r.Number, OpenedAt: r.OpenedAt.UTC().Format(layout), RevealedAt: jsonTime(r.RevealedAt, r.RevealedAt.UTC().Format(layout)),
				Counts: t.Counts, Median: t.Median, Disagree: t.Disagree, RuleUsed: string(t.Rule), Votes: []voteJSON{}, Withheld: r.Withheld()}
			for _, v := range r.Votes {
				rr.Votes = append(rr.Votes, voteJSON{Participant: v.Participant, Level: v.Level, Reason: v.Reason, CastAt: v.CastAt.UTC().Format(layout)})
			}
			sr.Rounds = append(sr.Rounds, rr)
		}
		if ag := s.Agreement; ag != nil {
			sr.Agreement = &agreementJSON{Score: int(ag.Score), Round: ag.Round, Suggested: ag.Suggested, Counts: ag.Tally.Counts,
				AgreedBy: ag.AgreedBy, Voters: ag.Voters, Dissent: ag.Dissent, AgreedAt: ag.AgreedAt.UTC().Format(layout)}
		}
		for _, a := range s.Actions {
			sr.Actions = append(sr.Actions, actionJSON{Title: a.Title, Owner: a.Owner, Due: model.FormatDate(a.Due)})
		}
		out.Statements = append(out.Statements, sr)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeRecordMarkdown writes the minutes a board secretary files: no
// individual votes unless the workshop revealed names, since the room saw
// only the distribution.
func writeRecordMarkdown(w io.Writer, rec model.WorkshopRecord, a *model.Assessment) error {
	c := a.Criteria
	md := func(s string) string { return strings.ReplaceAll(oneLine(s), "|", "\\|") }
	var b strings.Builder
	ws := rec.Workshop
	fmt.Fprintf(&b, "# Workshop %d: %s, %s\n\n", ws.ID, md(rec.Organisation), md(rec.Period))
	fmt.Fprintf(&b, "- Date: %s", ws.StartedAt.Local().Format("Monday 2 January 2006, 15:04"))
	if !ws.EndedAt.IsZero() {
		fmt.Fprintf(&b, " to %s", ws.EndedAt.Local().Format("15:04"))
	} else {
		b.WriteString(" (still open)")
	}
	fmt.Fprintf(&b, "\n- Facilitator: %s\n", md(ws.Facilitator))
	var names []string
	for _, p := range rec.Participants {
		names = append(names, md(p.Name))
	}
	fmt.Fprintf(&b, "- Participants (%d): %s\n", len(names), strings.Join(names, ", "))
	box := "none"
	if ws.Timebox > 0 {
		box = fmt.Sprintf("%d minutes per statement", int(ws.Timebox.Minutes()))
	}
	fmt.Fprintf(&b, "- Timebox: %s\n- Rule: %s\n- %s\n", box, ws.Rule.Describe(), model.MedianRounding)
	fmt.Fprintf(&b, "- Votes were cast blind and revealed all at once; names beside votes: %s.\n", map[bool]string{true: "yes", false: "no"}[ws.NamedReveal])
	for _, s := range rec.Statements {
		fmt.Fprintf(&b, "\n## %s: %s\n\n", md(s.StatementID), md(s.Text))
		b.WriteString("| Round | " + levelHeads(c) + " Don't know | Median | Range | Disagreement |\n")
		b.WriteString("|---|" + strings.Repeat("---|", c.MaxLevel()) + "---|---|---|---|\n")
		for i, r := range s.Rounds {
			t := s.Tallies[i]
			if n := r.Withheld(); n > 0 || (!r.Revealed() && ws.Open()) {
				votes := fmt.Sprintf("%d votes", n)
				if n == 1 {
					votes = "1 vote"
				}
				fmt.Fprintf(&b, "| %d | not revealed yet: %s cast, shown after the reveal |%s\n", r.Number, votes, strings.Repeat(" |", c.MaxLevel()+3))
				continue
			}
			state := ""
			if !r.Revealed() {
				state = " (not revealed)"
			}
			cells := ""
			for l := 1; l < len(t.Counts); l++ {
				cells += strconv.Itoa(t.Counts[l]) + " | "
			}
			dis := "no"
			if t.Disagree {
				dis = "yes (" + string(t.Rule) + ")"
			}
			fmt.Fprintf(&b, "| %d%s | %s%d | %s | %s | %s |\n", r.Number, state, cells, t.DontKnow, t.MedianText(), t.RangeText(), dis)
			if ws.NamedReveal && r.Revealed() {
				for _, v := range r.Votes {
					reason := ""
					if v.Reason != "" {
						reason = ": " + md(v.Reason)
					}
					fmt.Fprintf(&b, "\n- %s voted %s%s", md(v.Participant), v.LevelText(), reason)
				}
				b.WriteString("\n\n")
			}
		}
		if ag := s.Agreement; ag != nil {
			how := "the suggested score"
			if !ag.Suggested {
				how = "chosen by the facilitator"
			}
			l, _ := c.Level(int(ag.Score))
			fmt.Fprintf(&b, "\n**Agreed: %d %s** (round %d, %s), by %s at %s with %s voting.\n", int(ag.Score), md(l.Label), ag.Round, how,
				md(ag.AgreedBy), ag.AgreedAt.Local().Format("15:04"), joinClean(ag.Voters))
			if ag.Dissent != "" {
				fmt.Fprintf(&b, "\nDissent: %s\n", md(ag.Dissent))
			}
		} else {
			b.WriteString("\nNot agreed in this workshop.\n")
		}
		if len(s.Actions) > 0 {
			b.WriteString("\nActions:\n\n")
			for _, x := range s.Actions {
				fmt.Fprintf(&b, "- %s (owner %s, due %s, high priority)\n", md(x.Title), orNone(md(x.Owner)), orNone(model.FormatDate(x.Due)))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func levelHeads(c interface{ MaxLevel() int }) string {
	var b strings.Builder
	for l := 1; l <= c.MaxLevel(); l++ {
		fmt.Fprintf(&b, " %d |", l)
	}
	return strings.TrimPrefix(b.String(), " ")
}

func joinClean(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = oneLine(n)
	}
	if len(out) == 0 {
		return "nobody"
	}
	return strings.Join(out, ", ")
}

// orNone is s, or "none" when it is empty.
func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
