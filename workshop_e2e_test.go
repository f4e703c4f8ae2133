package main

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"wgll/criteria"
	"wgll/data"
	"wgll/model"
)

// workshopE2EWorkbook makes a workbook with one new assessment on the
// built-in criteria.
func workshopE2EWorkbook(t testing.TB) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "board.db")
	st, err := data.Open(db, data.Options{User: "setup", NoBackupOnOpen: true, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.CreateAssessment(context.Background(), model.Header{Organisation: "Northfield Test Trust", Audience: criteria.Organisation, Period: "2026/27"}, criteria.BuiltinTOML()); err != nil {
		t.Fatal(err)
	}
	return db
}

// noneOf fails if screen shows any of bad.
func noneOf(t *testing.T, who, screen string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(screen, b) {
			t.Errorf("%s's screen shows %q before the reveal:\n%s", who, b, screen)
		}
	}
}

// TestEndToEndWorkshop drives a facilitator (the app), two members and a
// projector, each its own wgll process in its own terminal, on one
// workbook: nothing shows another's vote before the reveal, everyone sees
// the distribution after it, a second round is kept, the agreed score is in
// the file as sqlite3 reads it, and the JSON minutes hold every vote.
func TestEndToEndWorkshop(t *testing.T) {
	bin := buildBinary(t)
	db := workshopE2EWorkbook(t)

	chair := startTerm(t, 100, 30, bin, "--db", db, "--user", "chair")
	chair.waitFor("Heatmap", "Well led")
	chair.keys("w")
	chair.waitFor("Start a workshop from WL-O1", "Timebox per statement: 5 minutes")
	chair.keys("Enter")
	chair.waitFor("Workshop started", "Voted (0): nobody yet")

	ann := startTerm(t, 80, 24, bin, "workshop", "join", "--db", db, "--as", "ann")
	bob := startTerm(t, 100, 30, bin, "workshop", "join", "--db", db, "--as", "bob")
	room := startTerm(t, 160, 45, bin, "workshop", "show", "--db", db)
	ann.waitFor("WL-O1", "Your vote: press 1 to 5")
	bob.waitFor("WL-O1", "Your vote: press 1 to 5")
	room.waitFor("Round 1: vote now", "Waiting for (2): ")

	// Round one: ann 2 with a reason, bob 4.
	ann.keys("2")
	ann.waitFor("your vote: 2 — waiting for the others")
	ann.keys("Enter")
	ann.typeText("ANNREASON no CCIO")
	ann.keys("Enter")
	ann.waitFor("Your reason: ANNREASON no CCIO")
	bob.keys("4")
	bob.waitFor("your vote: 4 — waiting for the others")
	chair.waitFor("Voted (2): ann, bob")
	room.waitFor("Voted (2): ann, bob")

	// ann's terminal dies; a new one rejoins with her vote and reason.
	exec.Command("tmux", "-L", ann.sock, "kill-server").Run()
	ann = startTerm(t, 80, 24, bin, "workshop", "join", "--db", db, "--as", "ann")
	ann.waitFor("your vote: 2 — waiting for the others", "Your reason: ANNREASON no CCIO")

	// Before the reveal: captured screens show no one else's vote.
	noneOf(t, "ann", ann.screen(), "your vote: 4", "median", "Revealed")
	noneOf(t, "bob", bob.screen(), "your vote: 2", "ANNREASON", "median", "Revealed")
	noneOf(t, "the projector", room.screen(), "ANNREASON", "median", "Revealed", "your vote")
	noneOf(t, "the facilitator", chair.screen(), "ANNREASON", "median")

	chair.keys("r")
	for who, tm := range map[string]*tmuxTerm{"chair": chair, "ann": ann, "bob": bob, "room": room} {
		s := tm.waitFor("median 3", "range 2 to 4", "DISAGREEMENT")
		if who == "room" || who == "bob" {
			noneOf(t, who+" (after the reveal)", s, "ANNREASON")
		}
	}

	// Round two: everyone votes again; round one is kept.
	chair.keys("v")
	ann.waitFor("Your vote: press 1 to 5")
	bob.waitFor("Your vote: press 1 to 5")
	room.waitFor("Round 2: vote now")
	ann.keys("3")
	bob.keys("3")
	chair.waitFor("Voted (2): ann, bob", "Round 1: 1:0 2:1 3:0 4:1 5:0")
	chair.keys("r")
	chair.waitFor("median 3", "no disagreement")
	room.waitFor("median 3", "no disagreement")
	chair.keys("Enter")
	chair.waitFor("agreed: 3 Established (round 2)")
	room.waitFor("Agreed: 3 Established")
	ann.waitFor("Agreed: 3 Established")

	out, err := exec.Command("sqlite3", db, "SELECT score FROM responses WHERE statement_id = 'WL-O1'").Output()
	if err != nil {
		t.Fatalf("sqlite3: %v", err)
	}
	if strings.TrimSpace(string(out)) != "3" {
		t.Errorf("sqlite3 reads WL-O1's score as %q, want 3", out)
	}
	out, err = exec.Command("sqlite3", db, "SELECT count(*) FROM workshop_rounds WHERE statement_id = 'WL-O1'").Output()
	if err != nil || strings.TrimSpace(string(out)) != "2" {
		t.Errorf("rounds kept: %q %v", out, err)
	}

	// esc leaves the workshop open; the app is back on the overview.
	chair.keys("Escape")
	chair.waitFor("Heatmap", "w resumes it")

	code, js, errs := runWGLLBin(t, bin, "workshop", "record", "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("workshop record: %s", errs)
	}
	var rec recordJSON
	if err := json.Unmarshal([]byte(js), &rec); err != nil {
		t.Fatalf("record JSON: %v\n%s", err, js)
	}
	if len(rec.Statements) != 1 || len(rec.Statements[0].Rounds) != 2 {
		t.Fatalf("record = %s", js)
	}
	var votes []string
	for _, r := range rec.Statements[0].Rounds {
		for _, v := range r.Votes {
			votes = append(votes, v.Participant+"="+string(rune('0'+v.Level))+":"+v.Reason)
		}
	}
	if got := strings.Join(votes, ","); got != "ann=2:ANNREASON no CCIO,bob=4:,ann=3:,bob=3:" {
		t.Errorf("votes in the record = %s", got)
	}
	if ag := rec.Statements[0].Agreement; ag == nil || ag.Score != 3 || ag.Round != 2 || ag.AgreedBy != "chair" {
		t.Errorf("agreement = %+v", ag)
	}
}

// BenchmarkWorkshopVoteToFacilitator is the time from a member's key press
// in one wgll process to the facilitator's screen, in another, showing the
// vote, through tmux (whole processes; the poll interval is 250 ms).
func BenchmarkWorkshopVoteToFacilitator(b *testing.B) {
	if _, err := exec.LookPath("tmux"); err != nil {
		b.Skip("tmux is not installed")
	}
	bin := filepath.Join(b.TempDir(), "wgll")
	goBuild(b, bin)
	db := workshopE2EWorkbook(b)
	tb := &benchTerm{b: b}
	chair := tb.start(100, 30, bin, "--db", db, "--user", "chair")
	chair.wait("Heatmap")
	chair.send("w")
	chair.wait("Start a workshop")
	chair.send("Enter")
	chair.wait("Voted (0)")
	ann := tb.start(80, 24, bin, "workshop", "join", "--db", db, "--as", "ann")
	ann.wait("Your vote: press")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ann.send("3")
		chair.wait("Voted (1): ann")
		b.StopTimer()
		chair.send("r")
		chair.wait("Round")
		chair.wait("revealed")
		chair.send("v")
		chair.wait("Voted (0)")
		ann.wait("Your vote: press")
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/vote")
}

// benchTerm runs tmux sessions for a benchmark, polling the screen finely.
type benchTerm struct{ b *testing.B }

type benchSession struct {
	b    *testing.B
	sock string
}

func (bt *benchTerm) start(cols, rows int, args ...string) *benchSession {
	sock := "wgll-bench-" + strings.ReplaceAll(time.Now().Format("150405.000000000"), ".", "")
	var q []string
	for _, a := range args {
		q = append(q, e2eQuote(a))
	}
	cmd := exec.Command("tmux", "-L", sock, "new-session", "-d", "-s", "w", "-x", strconv.Itoa(cols), "-y", strconv.Itoa(rows),
		"env NO_COLOR=1 TERM=xterm-256color "+strings.Join(q, " "))
	if out, err := cmd.CombinedOutput(); err != nil {
		bt.b.Fatalf("start tmux: %v\n%s", err, out)
	}
	bt.b.Cleanup(func() { exec.Command("tmux", "-L", sock, "kill-server").Run() })
	return &benchSession{b: bt.b, sock: sock}
}

func (s *benchSession) send(k string) {
	if err := exec.Command("tmux", "-L", s.sock, "send-keys", "-t", "w", k).Run(); err != nil {
		s.b.Fatalf("send-keys: %v", err)
	}
}

func (s *benchSession) wait(want string) {
	deadline := time.Now().Add(15 * time.Second)
	for {
		out, _ := exec.Command("tmux", "-L", s.sock, "capture-pane", "-p", "-t", "w").Output()
		if strings.Contains(string(out), want) {
			return
		}
		if time.Now().After(deadline) {
			s.b.Fatalf("screen never showed %q:\n%s", want, out)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
