package data

import (
	"bufio"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// envConcurrentOpener makes TestHelperConcurrentOpener an opener process: it waits for a line
// on standard input, so that the parent can release two of them at the same
// moment, then opens the workbook as a wgll command does, reads it and
// closes it, printing OK or ERR and the error.
const envConcurrentOpener = "WGLL_HELPER_OPENER"

func TestHelperConcurrentOpener(t *testing.T) {
	path := os.Getenv(envConcurrentOpener)
	if path == "" {
		t.Skip("runs only as an opener process started by TestConcurrentOpens")
	}
	who := mustAtoi(os.Getenv(envWho))
	fmt.Println("READY")
	if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
		fmt.Printf("ERR no start signal: %v\n", err)
		os.Exit(3)
	}
	// Half of the openers take the rotating backup on open as the writing
	// commands do; the others open as the app and the reading commands do.
	s, err := Open(path, Options{User: "opener-" + strconv.Itoa(who), NoBackupOnOpen: who%2 == 1, Create: true})
	if err == nil {
		hs, lerr := s.Assessments(ctx)
		err = lerr
		for _, h := range hs {
			if err == nil {
				_, err = s.Assessment(ctx, h.ID)
			}
		}
		if cerr := s.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Printf("ERR %v\n", err)
		os.Exit(3)
	}
	fmt.Println("OK")
	os.Exit(0)
}

// TestConcurrentOpens opens one workbook from two processes released at the
// same moment, over and over, as two people starting wgll on a shared file
// at once. Every open must succeed: opening waits on a busy file (another
// process's migration check, WAL recovery or checkpoint on close) as edits
// do. Some rounds start from a missing file, so that both processes race to
// create it.
func TestConcurrentOpens(t *testing.T) {
	pairs := 100 // 200 opens
	if testing.Short() {
		pairs = 10
	}
	if v := os.Getenv("WGLL_OPEN_PAIRS"); v != "" {
		pairs = mustAtoi(v)
	}
	path := newDB(t)
	workbookWithData(t, path)
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	failures := 0
	for round := 0; round < pairs; round++ {
		if round%10 == 9 {
			// Two people creating a new workbook at once.
			path = newDB(t)
		}
		type proc struct {
			cmd   *exec.Cmd
			stdin io.WriteCloser
			out   *bufio.Reader
		}
		var ps [2]*proc
		for i := range ps {
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperConcurrentOpener$", "-test.count=1")
			cmd.Env = append(os.Environ(), envConcurrentOpener+"="+path, envWho+"="+strconv.Itoa(round*2+i))
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			p := &proc{cmd: cmd, stdin: stdin, out: bufio.NewReader(stdout)}
			ps[i] = p
			line, err := p.out.ReadString('\n')
			if err != nil || strings.TrimSpace(line) != "READY" {
				t.Fatalf("opener did not start: %q %v", line, err)
			}
		}
		// Release both at once; a little jitter now and then lets one's
		// close (a checkpoint) meet the other's open.
		var wg sync.WaitGroup
		for i, p := range ps {
			wg.Add(1)
			delay := time.Duration(0)
			if i == round%2 && round%3 != 0 {
				delay = time.Duration(rng.Intn(jitterMax(round))) * time.Microsecond
			}
			go func() {
				defer wg.Done()
				time.Sleep(delay)
				io.WriteString(p.stdin, "go\n")
				p.stdin.Close()
			}()
		}
		wg.Wait()
		for i, p := range ps {
			b, _ := io.ReadAll(p.out)
			err := p.cmd.Wait()
			text := string(b)
			if err != nil || !strings.Contains(text, "OK") {
				failures++
				t.Errorf("round %d, opener %d: %v: %s", round, i, err, lastLines(text, 3))
			}
		}
	}
	if failures > 0 {
		t.Errorf("%d of %d opens failed", failures, pairs*2)
	}
}

// jitterMax is the largest delay, in microseconds, between releasing the two
// openers of a round: up to 20 ms, so that one's open meets every phase of
// the other's (its checks, its migration check, its close and checkpoint).
func jitterMax(round int) int { return 1000 + (round%20)*1000 }
