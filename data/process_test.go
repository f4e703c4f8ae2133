package data

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"wgll/model"
)

// The tests here run the test binary itself as writer processes: with
// WGLL_HELPER_DB set, TestHelperWriter stops being a test and becomes a
// writer that commits edits through the real Store and prints each one after
// it is committed.

const (
	envDB         = "WGLL_HELPER_DB"
	envMode       = "WGLL_HELPER_MODE"
	envAssessment = "WGLL_HELPER_ASSESSMENT"
	envStart      = "WGLL_HELPER_START"
	envWho        = "WGLL_HELPER_WHO"
	envSeconds    = "WGLL_SOAK_SECONDS"
)

func helperCmd(env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

func TestHelperWriter(t *testing.T) {
	path := os.Getenv(envDB)
	if path == "" {
		t.Skip("runs only as a writer process started by TestCrash* and TestTwoProcesses")
	}
	fail := func(err error) {
		fmt.Printf("ERR %v\n", err)
		os.Exit(3)
	}
	aid, _ := strconv.ParseInt(os.Getenv(envAssessment), 10, 64)
	user := "writer-" + os.Getenv(envWho)
	// The crash harness takes the rotating backup on open in one round of
	// four, so that kills land in backups too without every round paying
	// for one.
	s, err := Open(path, Options{User: user, NoBackupOnOpen: os.Getenv(envMode) == "crash" && os.Getenv(envWho) != "" && mustAtoi(os.Getenv(envWho))%4 != 0})
	if err != nil {
		fail(err)
	}
	ids := orgStatements(t)
	switch os.Getenv(envMode) {
	case "crash":
		n, _ := strconv.Atoi(os.Getenv(envStart))
		for ; ; n++ {
			// Alternate kinds of edit so that kills land in all of them.
			var err error
			if n%3 == 2 {
				_, err = s.SetRationale(ctx, aid, ids[n%len(ids)], fmt.Sprintf("edit %d", n), -1)
				if _, ok := err.(*model.ConflictError); ok {
					err = nil // expected: the base version is deliberately wrong
					r, _ := s.Assessment(ctx, aid)
					_, err = s.SetRationale(ctx, aid, ids[n%len(ids)], fmt.Sprintf("edit %d", n), r.Responses[ids[n%len(ids)]].Version)
				}
			} else {
				_, err = s.SaveEvidence(ctx, aid, model.Evidence{StatementID: ids[n%len(ids)], Title: fmt.Sprintf("edit %d", n), Detail: strings.Repeat("x", n%1000)})
			}
			if err != nil {
				fail(err)
			}
			fmt.Printf("%d\n", n) // only after the commit returned
		}
	case "soak":
		soakWriter(s, aid, ids, fail)
		s.Close()
		fmt.Println("DONE")
		os.Exit(0)
	}
}

// soakWriter makes random edits until the deadline, on the statements with
// index parity equal to its writer number, so that the two writers never
// edit the same field and every acknowledged edit must survive as written.
func soakWriter(s *Store, aid int64, ids []string, fail func(error)) {
	who, _ := strconv.Atoi(os.Getenv(envWho))
	secs, _ := strconv.ParseFloat(os.Getenv(envSeconds), 64)
	deadline := time.Now().Add(time.Duration(secs * float64(time.Second)))
	rng := rand.New(rand.NewSource(int64(who)*7919 + time.Now().UnixNano()))
	var own []string
	for i, id := range ids {
		if i%2 == who {
			own = append(own, id)
		}
	}
	versions := map[string]int64{}
	var evidence []model.Evidence
	for n := 0; time.Now().Before(deadline); n++ {
		sid := own[rng.Intn(len(own))]
		switch p := rng.Intn(100); {
		case p < 40:
			r, err := s.SetScore(ctx, aid, sid, model.Score(rng.Intn(6)))
			if err != nil {
				fail(err)
			}
			versions[sid] = r.Version
			fmt.Printf("S %s %d\n", sid, r.Score)
		case p < 55:
			text := fmt.Sprintf("rationale %d-%d", who, n)
			r, err := s.SetRationale(ctx, aid, sid, text, versions[sid])
			if err != nil {
				fail(err)
			}
			versions[sid] = r.Version
			fmt.Printf("R %s %s\n", sid, text)
		case p < 75 || len(evidence) == 0:
			e, err := s.SaveEvidence(ctx, aid, model.Evidence{StatementID: sid, Title: fmt.Sprintf("ev %d-%d", who, n)})
			if err != nil {
				fail(err)
			}
			evidence = append(evidence, e)
			fmt.Printf("E %d %s\n", e.ID, e.Title)
		case p < 90:
			i := rng.Intn(len(evidence))
			e := evidence[i]
			e.Detail = fmt.Sprintf("detail %d-%d", who, n)
			e, err := s.SaveEvidence(ctx, aid, e)
			if err != nil {
				fail(err)
			}
			evidence[i] = e
			fmt.Printf("D %d %s\n", e.ID, e.Detail)
		case p < 95:
			if err := s.SaveDraft(ctx, model.Draft{Key: fmt.Sprintf("k%d", n%7), Text: "typing"}); err != nil {
				fail(err)
			}
		default:
			if _, err := s.DataVersion(ctx); err != nil {
				fail(err)
			}
			if _, err := s.Assessment(ctx, aid); err != nil {
				fail(err)
			}
		}
	}
}

func TestCrashHarnessKill9(t *testing.T) {
	path := newDB(t)
	s := openT(t, path, "setup")
	h := createT(t, s)
	s.Close()

	kills := 200
	if testing.Short() {
		kills = 25
	}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	var reported []int
	var firstCommit time.Duration
	start := time.Now()
	killed, withCommits := 0, 0
	for round := 0; killed < kills; round++ {
		cmd := helperCmd(envDB+"="+path, envMode+"=crash", envAssessment+"="+strconv.FormatInt(h.ID, 10),
			envStart+"="+strconv.Itoa(round*1_000_000), envWho+"="+strconv.Itoa(round))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		began := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var got []int
		var errLine string
		firstSeen := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				line := sc.Text()
				if strings.HasPrefix(line, "ERR ") {
					errLine = line
					continue
				}
				n, err := strconv.Atoi(line)
				if err != nil {
					continue // test framework chatter
				}
				mu.Lock()
				got = append(got, n)
				if len(got) == 1 {
					close(firstSeen)
				}
				mu.Unlock()
			}
		}()
		waitFirst := func() bool {
			select {
			case <-firstSeen:
				return true
			case <-time.After(20 * time.Second):
				return false
			}
		}
		switch {
		case round == 0:
			// Calibrate: how long until a child's first commit.
			if !waitFirst() {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("the writer made no commit within 20s: %s", stderr.String())
			}
			firstCommit = time.Since(began)
			time.Sleep(20 * time.Millisecond)
		case round%2 == 1:
			// Kill in the middle of committing: a random moment after
			// the writer is under way.
			waitFirst()
			time.Sleep(time.Duration(rng.Int63n(int64(40 * time.Millisecond))))
		default:
			// Kill at any moment: while starting, opening (and backing
			// up), or committing.
			time.Sleep(time.Duration(rng.Int63n(int64(firstCommit*3/2 + 20*time.Millisecond))))
		}
		cmd.Process.Kill() // SIGKILL
		<-done
		cmd.Wait()
		killed++
		if errLine != "" {
			t.Fatalf("writer failed before it was killed: %s\n%s", errLine, stderr.String())
		}
		if len(got) > 0 {
			withCommits++
		}
		reported = append(reported, got...)
	}
	t.Logf("%d kills in %v, %d of them after commits, %d commits reported, first commit after %v", killed, time.Since(start).Round(time.Millisecond), withCommits, len(reported), firstCommit)
	if withCommits < killed/2 {
		t.Errorf("only %d of %d kills came after a commit; the harness is not exercising commits", withCommits, killed)
	}

	s = openT(t, path, "checker")
	rep, err := s.Check(ctx)
	if err != nil || !rep.OK() {
		t.Fatalf("integrity after %d kills: %+v %v", killed, rep, err)
	}
	a, err := s.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	present := map[string]bool{}
	for _, list := range a.Evidence {
		for _, e := range list {
			present[e.Title] = true
		}
	}
	var hist []model.Change
	if hist, err = s.History(ctx, 0); err != nil {
		t.Fatal(err)
	}
	for _, c := range hist {
		if c.Field == "rationale" {
			present[c.New] = true
		}
	}
	missing := 0
	for _, n := range reported {
		if !present[fmt.Sprintf("edit %d", n)] {
			missing++
			if missing < 5 {
				t.Errorf("edit %d was reported committed but is not in the workbook", n)
			}
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d reported edits lost", missing, len(reported))
	}
	// Every rotating backup left behind is a whole workbook.
	list, _ := s.Backups()
	for _, b := range list {
		c, err := Open(b, Options{NoBackupOnOpen: true})
		if err != nil {
			t.Errorf("rotating backup %s: %v", b, err)
			continue
		}
		c.Close()
	}
}

func TestTwoProcessesOneFile(t *testing.T) {
	secs := 30.0
	if testing.Short() {
		secs = 3
	}
	if v := os.Getenv(envSeconds); v != "" {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			secs = f
		}
	}
	path := newDB(t)
	s := openT(t, path, "setup")
	h := createT(t, s)
	s.Close()

	type result struct {
		out, errOut bytes.Buffer
		err         error
	}
	results := make([]*result, 2)
	var wg sync.WaitGroup
	for who := range results {
		r := &result{}
		results[who] = r
		cmd := helperCmd(envDB+"="+path, envMode+"=soak", envAssessment+"="+strconv.FormatInt(h.ID, 10),
			envWho+"="+strconv.Itoa(who), envSeconds+"="+strconv.FormatFloat(secs, 'f', -1, 64))
		cmd.Stdout, cmd.Stderr = &r.out, &r.errOut
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.err = cmd.Run()
		}()
	}
	wg.Wait()

	scores := map[string]model.Score{}
	rationales := map[string]string{}
	titles := map[int64]string{}
	details := map[int64]string{}
	edits := 0
	for who, r := range results {
		text := r.out.String()
		if r.err != nil || !strings.Contains(text, "DONE") {
			t.Fatalf("writer %d: %v\n%s\n%s", who, r.err, lastLines(text, 5), r.errOut.String())
		}
		if strings.Contains(text, "locked") || strings.Contains(text, "busy") {
			t.Errorf("writer %d saw a lock error:\n%s", who, lastLines(text, 5))
		}
		for _, line := range strings.Split(text, "\n") {
			f := strings.SplitN(line, " ", 3)
			if len(f) != 3 {
				continue
			}
			edits++
			switch f[0] {
			case "S":
				n, _ := strconv.Atoi(f[2])
				scores[f[1]] = model.Score(n)
			case "R":
				rationales[f[1]] = f[2]
			case "E":
				id, _ := strconv.ParseInt(f[1], 10, 64)
				titles[id] = f[2]
			case "D":
				id, _ := strconv.ParseInt(f[1], 10, 64)
				details[id] = f[2]
			default:
				edits--
			}
		}
	}
	if edits < int(secs*20) {
		t.Errorf("only %d acknowledged edits in %.0fs", edits, secs)
	}
	s = openT(t, path, "checker")
	a, err := s.Assessment(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	for sid, sc := range scores {
		if a.Score(sid) != sc {
			t.Errorf("score of %s is %d, last acknowledged %d", sid, a.Score(sid), sc)
		}
	}
	for sid, txt := range rationales {
		if a.Responses[sid].Rationale != txt {
			t.Errorf("rationale of %s is %q, last acknowledged %q", sid, a.Responses[sid].Rationale, txt)
		}
	}
	stored := map[int64]model.Evidence{}
	for _, list := range a.Evidence {
		for _, e := range list {
			stored[e.ID] = e
		}
	}
	for id, title := range titles {
		if stored[id].Title != title {
			t.Errorf("evidence %d is %q, acknowledged %q", id, stored[id].Title, title)
		}
	}
	for id, d := range details {
		if stored[id].Detail != d {
			t.Errorf("evidence %d detail is %q, last acknowledged %q", id, stored[id].Detail, d)
		}
	}
	if rep, err := s.Check(ctx); err != nil || !rep.OK() {
		t.Errorf("integrity: %+v %v", rep, err)
	}
	t.Logf("%d acknowledged edits by two processes in %.0fs, all present", edits, secs)
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func mustAtoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		panic(err)
	}
	return n
}
