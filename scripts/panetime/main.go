// Command panetime times a program's start from outside, in a tmux pane,
// for scripts/bench (issue 16): the time from opening a window running the
// program until the pane shows a text, optionally pressing enter when an
// earlier text shows (the picker, before the overview).
//
//	panetime -L SOCKET -t SESSION -until TEXT [-enter-at TEXT] -- PROGRAM ARGS...
//
// It prints the nanoseconds on standard output. With -script it times key
// presses in panes already open instead, reading what to do from standard
// input, a step a line:
//
//	sleep SECONDS
//	press TARGET KEY TEXT   (send KEY to the pane TARGET; time until it shows TEXT)
//
// and printing each press's nanoseconds, a line each, in order.
//
// The window is opened, the
// key sent and the pane captured through a tmux control client attached to
// the session, which tmux tells of every write to the pane (%output); the
// pane is captured again after each, so a frame's time is known to a round
// trip to the tmux server. Written in Go rather than in the shell because
// bash reads a pipe a byte at a time: reading the server's report of a
// full-screen frame and the captured screen took 3 to 10 ms a look in
// scripts/bench's earlier bash version, more for a full frame like wgll's
// than for the floor's few lines, which made the measure favour the floor.
// Afterwards it sends q and closes the window.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "panetime:", err)
		os.Exit(1)
	}
}

func run() error {
	var o options
	flag.StringVar(&o.sock, "L", "", "the tmux server's socket name (tmux -L)")
	flag.StringVar(&o.session, "t", "idle", "the session to open the window in")
	flag.StringVar(&o.until, "until", "", "the text whose showing ends the timing")
	flag.StringVar(&o.enterAt, "enter-at", "", "press enter when this text first shows")
	flag.DurationVar(&o.limit, "limit", 30*time.Second, "give up when the text has not shown after this long")
	scripted := flag.Bool("script", false, "time the key presses standard input lists, in panes already open")
	flag.Parse()
	o.prog = flag.Args()
	if *scripted && o.sock != "" {
		return script(o, os.Stdin, os.Stdout)
	}
	if o.sock == "" || o.until == "" || len(o.prog) == 0 {
		return errors.New("usage: panetime -L SOCKET [-t SESSION] -until TEXT [-enter-at TEXT] -- PROGRAM [ARGS], or panetime -L SOCKET [-t SESSION] -script <STEPS")
	}
	d, err := measure(o)
	if err != nil {
		return err
	}
	fmt.Println(d.Nanoseconds())
	return nil
}

// options are what to time, as the flags give them.
type options struct {
	sock, session, until, enterAt string
	limit                         time.Duration
	prog                          []string
}

// measure opens a window running o.prog in session o.session of the tmux
// server o.sock and returns the time until its pane shows o.until,
// pressing enter once o.enterAt shows when it is set.
func measure(o options) (time.Duration, error) {
	var quoted []string
	for _, a := range o.prog {
		if strings.ContainsAny(a, "'\n") {
			return 0, fmt.Errorf("argument %q has a quote or a line break, which this tool does not pass to tmux", a)
		}
		quoted = append(quoted, "'"+a+"'")
	}
	c, err := attach(o.sock, o.session)
	if err != nil {
		return 0, err
	}
	defer c.close()

	deadline := time.Now().Add(o.limit)
	t0 := time.Now()
	// Given as separate words, the program is run without a shell.
	out, err := c.command("new-window -d -P -F '#{pane_id}' -t '" + o.session + "' -n run " + strings.Join(quoted, " "))
	if err != nil {
		return 0, fmt.Errorf("open the window: %w", err)
	}
	pane := strings.TrimSpace(out)
	if !strings.HasPrefix(pane, "%") {
		return 0, fmt.Errorf("tmux gave no pane for the new window (%q)", out)
	}
	defer func() {
		// As a person ends it; a program still there after two seconds is
		// closed with its window.
		_, _ = c.command("send-keys -t " + pane + " q")
		c.waitClosed(2 * time.Second)
		_, _ = c.command("kill-pane -t " + pane)
	}()
	if o.enterAt != "" {
		if err := c.waitFor(pane, o.enterAt, deadline, o.limit); err != nil {
			return 0, err
		}
		if _, err := c.command("send-keys -t " + pane + " Enter"); err != nil {
			return 0, fmt.Errorf("press enter: %w", err)
		}
	}
	if err := c.waitFor(pane, o.until, deadline, o.limit); err != nil {
		return 0, err
	}
	return time.Since(t0), nil
}

// script times the key presses r lists (see the package comment) in the
// panes of session o.session, writing each one's nanoseconds to w.
func script(o options, r io.Reader, w io.Writer) error {
	c, err := attach(o.sock, o.session)
	if err != nil {
		return err
	}
	defer c.close()
	panes := map[string]string{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		f := strings.SplitN(line, " ", 4)
		switch {
		case len(f) == 2 && f[0] == "sleep":
			d, err := time.ParseDuration(f[1] + "s")
			if err != nil {
				return fmt.Errorf("line %d: %q is not a number of seconds", n, f[1])
			}
			time.Sleep(d)
		case len(f) == 4 && f[0] == "press":
			target, key, text := f[1], f[2], f[3]
			pane, ok := panes[target]
			if !ok {
				out, err := c.command("display-message -p -t " + target + " '#{pane_id}'")
				if err != nil {
					return fmt.Errorf("line %d: no pane %s: %w", n, target, err)
				}
				pane = strings.TrimSpace(out)
				panes[target] = pane
			}
			c.drain() // what was drawn before the press is not its answer
			t0 := time.Now()
			if _, err := c.command("send-keys -t " + pane + " " + key); err != nil {
				return fmt.Errorf("line %d: send %s to %s: %w", n, key, target, err)
			}
			if err := c.waitFor(pane, text, t0.Add(o.limit), o.limit); err != nil {
				return fmt.Errorf("line %d: after %s in %s: %w", n, key, target, err)
			}
			fmt.Fprintln(w, time.Since(t0).Nanoseconds())
		default:
			return fmt.Errorf("line %d: %q is neither \"sleep SECONDS\" nor \"press TARGET KEY TEXT\"", n, line)
		}
	}
	return sc.Err()
}

// client is a tmux control-mode client (tmux -C): commands go to its
// standard input; answers and notifications come from its output, read by
// one goroutine into lines.
type client struct {
	cmd   *exec.Cmd
	in    io.WriteCloser
	lines chan string
	// outputs counts the writes to each pane reported so far; closed is
	// set once a window has closed (the session's other windows stay).
	outputs map[string]int
	closed  bool
}

// attach starts a control client attached to session.
func attach(sock, session string) (*client, error) {
	cmd := exec.Command("tmux", "-L", sock, "-C", "attach", "-t", session)
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	outPipe, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start tmux's control client: %w", err)
	}
	c := &client{cmd: cmd, in: in, lines: make(chan string, 1024), outputs: map[string]int{}}
	go func() {
		r := bufio.NewReaderSize(outPipe, 1<<16)
		for {
			line, err := r.ReadString('\n')
			if line != "" {
				c.lines <- strings.TrimSuffix(line, "\n")
			}
			if err != nil {
				close(c.lines)
				return
			}
		}
	}()
	// The answer to a first command shows the client is attached (the
	// attach itself answers with a block of its own, skipped by command).
	if _, err := c.command("display-message -p panetime-ready"); err != nil {
		c.close()
		return nil, fmt.Errorf("tmux's control client did not answer: %w", err)
	}
	return c, nil
}

// close ends the control client.
func (c *client) close() {
	_ = c.in.Close()
	_ = c.cmd.Process.Kill()
	_ = c.cmd.Wait()
}

// next is the next line from the client, noting the notifications it
// carries; ok is false once the client has ended or after d.
func (c *client) next(d time.Duration) (string, bool) {
	select {
	case line, open := <-c.lines:
		if !open {
			return "", false
		}
		c.note(line)
		return line, true
	case <-time.After(d):
		return "", false
	}
}

// note counts a notification of a write to a pane or of a closed window.
func (c *client) note(line string) {
	switch {
	case strings.HasPrefix(line, "%output "):
		pane, _, _ := strings.Cut(strings.TrimPrefix(line, "%output "), " ")
		c.outputs[pane]++
	case strings.HasPrefix(line, "%window-close "), strings.HasPrefix(line, "%unlinked-window-close "):
		c.closed = true
	}
}

// command runs a tmux command and returns its answer: the lines between
// the "%begin ... 1" that opens a block this client's command caused and
// its %end (an error for %error).
func (c *client) command(cmd string) (string, error) {
	if _, err := io.WriteString(c.in, cmd+"\n"); err != nil {
		return "", err
	}
	for {
		line, ok := c.next(10 * time.Second)
		if !ok {
			return "", errors.New("no answer from tmux")
		}
		if !strings.HasPrefix(line, "%begin ") {
			continue
		}
		mine := strings.HasSuffix(line, " 1")
		var b strings.Builder
		for {
			line, ok := c.next(10 * time.Second)
			if !ok {
				return "", errors.New("the answer from tmux was cut short")
			}
			if strings.HasPrefix(line, "%end ") || strings.HasPrefix(line, "%error ") {
				if !mine {
					break
				}
				if strings.HasPrefix(line, "%error ") {
					return "", errors.New(strings.TrimSpace(b.String()))
				}
				return b.String(), nil
			}
			if strings.HasPrefix(line, "%output ") {
				continue // a notification, not the answer
			}
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
}

// waitFor captures pane, and again after each write to it, until it shows
// text; limit is for the message when deadline passes first.
func (c *client) waitFor(pane, text string, deadline time.Time, limit time.Duration) error {
	for {
		seen := c.outputs[pane]
		screen, err := c.command("capture-pane -p -t " + pane)
		if err != nil {
			return fmt.Errorf("capture the pane: %w", err)
		}
		if strings.Contains(screen, text) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%q did not show in %v; the screen was:\n%s", text, limit, screen)
		}
		if c.outputs[pane] == seen {
			// Nothing written since the capture began: wait for the next
			// write to the pane.
			if err := c.waitOutput(pane, seen, time.Until(deadline)); err != nil {
				return fmt.Errorf("%q did not show: %w; the screen was:\n%s", text, err, screen)
			}
		}
	}
}

// drain takes the lines tmux has sent so far without waiting for more.
func (c *client) drain() {
	for {
		select {
		case line, open := <-c.lines:
			if !open {
				return
			}
			c.note(line)
		default:
			return
		}
	}
}

// waitOutput waits until more than seen writes to pane have been reported.
func (c *client) waitOutput(pane string, seen int, d time.Duration) error {
	end := time.Now().Add(d)
	for c.outputs[pane] == seen {
		left := time.Until(end)
		if left <= 0 {
			return errors.New("nothing more was drawn")
		}
		if _, ok := c.next(left); !ok && c.outputs[pane] == seen {
			return errors.New("nothing more was drawn")
		}
	}
	return nil
}

// waitClosed waits up to d for a window to close.
func (c *client) waitClosed(d time.Duration) {
	end := time.Now().Add(d)
	for !c.closed {
		left := time.Until(end)
		if left <= 0 {
			return
		}
		if _, ok := c.next(left); !ok {
			return
		}
	}
}
