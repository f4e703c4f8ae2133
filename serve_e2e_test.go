package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	"github.com/creack/pty"
	gossh "golang.org/x/crypto/ssh"

	"wgll/criteria"
	"wgll/data"
)

// The tests in this file drive 'wgll serve' with the real OpenSSH client,
// one tmux pane per person, as the directors and the projector would.

// needOpenSSH skips when the ssh client is missing (.ci/run installs it).
func needOpenSSH(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"ssh", "ssh-keygen"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (.ci/run installs it: apt-get install -y openssh-client)", tool)
		}
	}
}

// startSSHTerm is startTerm without clearing the screen after the command
// ends, so that what ssh and the server said last stays readable.
func startSSHTerm(t *testing.T, cols, rows int, args ...string) *tmuxTerm {
	t.Helper()
	sock := fmt.Sprintf("wgll-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())
	var q []string
	for _, a := range args {
		q = append(q, e2eQuote(a))
	}
	shell := strings.Join(q, " ") + `; echo "EXITED $?"; sleep 600`
	cmd := exec.Command("tmux", "-L", sock, "new-session", "-d", "-s", "w",
		"-x", fmt.Sprint(cols), "-y", fmt.Sprint(rows), "env NO_COLOR=1 TERM=xterm-256color sh -c "+e2eQuote(shell))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("start tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-L", sock, "kill-server").Run() })
	return &tmuxTerm{t: t, sock: sock}
}

// sshKey makes a key pair with ssh-keygen and returns the private key's path.
func sshKey(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name+"@laptop", "-f", path).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	return path
}

// sshClient is how a person's ssh is run against the server.
type sshClient struct {
	port, knownHosts string
}

// args is the ssh command line for key (none for ""), with extra options.
func (c sshClient) args(key string, extra ...string) []string {
	a := []string{"ssh", "-F", "/dev/null", "-p", c.port,
		"-o", "UserKnownHostsFile=" + c.knownHosts, "-o", "StrictHostKeyChecking=yes",
		"-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=10"}
	if key != "" {
		a = append(a, "-i", key)
	} else {
		a = append(a, "-o", "PubkeyAuthentication=no")
	}
	a = append(a, extra...)
	return append(a, "director@127.0.0.1")
}

// knownHosts writes the server's host key as OpenSSH's known_hosts line, so
// that the client checks it.
func writeKnownHosts(t testing.TB, path, port, hostKeyFile string) {
	t.Helper()
	b, err := os.ReadFile(hostKeyFile)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.ParsePrivateKey(b)
	if err != nil {
		t.Fatal(err)
	}
	line := fmt.Sprintf("[127.0.0.1]:%s %s", port, gossh.MarshalAuthorizedKey(s.PublicKey()))
	if err := os.WriteFile(path, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
}

// serverProc is 'wgll serve' running as its own process.
type serverProc struct {
	cmd    *exec.Cmd
	port   string
	client sshClient
	out    *syncBuffer
	exited chan error
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

func startServerProc(t *testing.T, bin, db string) *serverProc {
	t.Helper()
	port := freePort(t)
	cmd := exec.Command(bin, "serve", "--db", db, "--listen", "127.0.0.1:"+port)
	p := &serverProc{cmd: cmd, port: port, out: &syncBuffer{}, exited: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.exited <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill(); <-p.exited; p.exited <- nil })
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(p.out.String(), "Connect with") {
		if time.Now().After(deadline) {
			t.Fatalf("the server did not start: %s", p.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	kh := filepath.Join(filepath.Dir(db), "known_hosts")
	writeKnownHosts(t, kh, port, db+".host_key")
	p.client = sshClient{port: port, knownHosts: kh}
	return p
}

func registerKey(t *testing.T, db, name string, role data.Role, key string) {
	t.Helper()
	if code, _, errs := runWGLL(t, "users", "add", name, "--role", string(role), "--key", key+".pub", "--db", db); code != 0 {
		t.Fatalf("users add: %s", errs)
	}
}

func firstMeasureStatements(t *testing.T) []string {
	c, err := criteria.Parse("builtin", criteria.BuiltinTOML())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range c.ForAudience(criteria.Organisation)[0].Statements {
		ids = append(ids, s.ID)
	}
	return ids
}

func TestE2EServeOverOpenSSH(t *testing.T) {
	needOpenSSH(t)
	bin := buildBinary(t)
	db, _ := seedWorkbook(t)
	dir := filepath.Dir(db)
	ann, bob, proj := sshKey(t, dir, "ann"), sshKey(t, dir, "bob"), sshKey(t, dir, "projector")
	registerKey(t, db, "Ann Smith", data.RoleMember, ann)
	registerKey(t, db, "Bob Jones", data.RoleMember, bob)
	registerKey(t, db, "Projector", data.RoleObserver, proj)
	srv := startServerProc(t, bin, db)
	c := srv.client
	ids := firstMeasureStatements(t)

	// Ann and Bob on the first statement; the projector on the overview.
	a := startTerm(t, 100, 30, c.args(ann, "-t")...)
	b := startTerm(t, 100, 30, c.args(bob, "-t")...)
	p := startTerm(t, 100, 30, c.args(proj, "-t")...)
	for _, tm := range []*tmuxTerm{a, b, p} {
		tm.waitFor("Northshire")
	}
	a.keys("Enter")
	a.waitFor(ids[0])
	a.keys("3")
	a.waitFor(ids[0] + " scored 3")
	hs := waitHistory(t, db, 2)
	if hs[0].User != "Ann Smith" || hs[0].New != "3" {
		t.Fatalf("change log: %+v", hs[0])
	}

	// Bob reads the first statement while Ann writes its rationale.
	b.keys("Enter", "Enter")
	b.waitFor(ids[0])
	a.keys("Up", "Enter", "Enter")
	a.typeText("Agreed by the board in March")
	a.keys("Escape")
	a.waitFor("Saved rationale for " + ids[0])
	b.waitFor("Agreed by the board in March")

	// The projector may look but not score.
	before := len(history(t, db))
	p.keys("Enter")
	p.waitFor(ids[0])
	p.keys("4")
	p.waitFor("is an observer")
	if n := len(history(t, db)); n != before {
		t.Fatalf("the observer's score was written")
	}

	// Quitting ends the ssh session cleanly. Each escape waits for its
	// screen: two keys that reach the server in one read are one key to
	// a terminal (escape then q is alt+q), as CI found once.
	a.keys("Escape")
	a.waitFor("Sc  Statement")
	a.keys("Escape")
	a.waitFor("Heatmap for the")
	a.keys("Escape")
	a.waitFor("Assessments in this workbook")
	a.keys("q")
	a.waitFor("EXITED 0")
}

func TestE2EServeRefusesOverOpenSSH(t *testing.T) {
	needOpenSSH(t)
	bin := buildBinary(t)
	db, _ := seedWorkbook(t)
	dir := filepath.Dir(db)
	ann := sshKey(t, dir, "ann")
	registerKey(t, db, "Ann Smith", data.RoleMember, ann)
	srv := startServerProc(t, bin, db)
	c := srv.client
	before, beforeUsers := len(history(t, db)), len(users(t, db))

	stranger := sshKey(t, dir, "stranger")
	for name, args := range map[string][]string{
		"unknown key": c.args(stranger, "-o", "BatchMode=yes", "-o", "PreferredAuthentications=publickey"),
		"password":    c.args("", "-o", "BatchMode=yes", "-o", "PreferredAuthentications=password"),
		"a command":   append(c.args(ann, "-o", "BatchMode=yes"), "cat", "/etc/passwd"),
		"no pty":      c.args(ann, "-o", "BatchMode=yes", "-T"),
	} {
		out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
		if err == nil {
			t.Errorf("%s: ssh succeeded: %s", name, out)
			continue
		}
		want := map[string]string{"unknown key": "Permission denied", "password": "Permission denied", "a command": "runs only the workbook app", "no pty": "ssh -t"}[name]
		if !strings.Contains(string(out), want) {
			t.Errorf("%s: ssh said %q, want %q", name, out, want)
		}
	}

	// An invitation: a wrong code is refused, the right one registers the
	// key the person's ssh offered, and a second use is refused.
	code, out, errs := runWGLL(t, "users", "invite", "Cara Lee", "--role", "member", "--db", db)
	if code != 0 {
		t.Fatalf("invite: %s", errs)
	}
	inv := strings.Fields(strings.SplitN(out, "\n", 2)[0])
	invite := inv[len(inv)-1]
	cara := sshKey(t, dir, "cara")
	wrong := startSSHTerm(t, 100, 30, c.args(cara, "-t", "-o", "NumberOfPasswordPrompts=1")...)
	wrong.waitFor("Invitation code:")
	wrong.typeText("ABCDE-FGHJK")
	wrong.keys("Enter")
	wrong.waitFor("Permission denied")
	if len(users(t, db)) != beforeUsers {
		t.Fatal("a wrong code wrote a user")
	}
	right := startTerm(t, 100, 30, c.args(cara, "-t")...)
	right.waitFor("Invitation code:")
	right.typeText(invite)
	right.keys("Enter")
	right.waitFor("Northshire")
	us := users(t, db)
	fp := strings.Fields(runOut(t, "ssh-keygen", "-l", "-f", cara+".pub"))[1]
	if len(us) != 2 || us[1].Name != "Cara Lee" || us[1].Keys[0].Fingerprint != fp {
		t.Fatalf("users after the invitation: %+v (want key %s)", us, fp)
	}
	// With no invitation open, an unknown key gets no prompt at all, just
	// what to do.
	dave := sshKey(t, dir, "dave")
	none := startSSHTerm(t, 100, 30, c.args(dave, "-t")...)
	none.waitFor("not registered with this workbook", "Permission denied", "EXITED 255")
	// Another invitation open: the used code is still refused.
	if code, _, errs := runWGLL(t, "users", "invite", "Dan", "--role", "member", "--db", db); code != 0 {
		t.Fatalf("invite: %s", errs)
	}
	reuse := startSSHTerm(t, 100, 30, c.args(dave, "-t", "-o", "NumberOfPasswordPrompts=1")...)
	reuse.waitFor("Invitation code:")
	reuse.typeText(invite)
	reuse.keys("Enter")
	reuse.waitFor("Permission denied")
	if n := len(users(t, db)); n != 2 {
		t.Fatalf("a used code wrote a user (%d users)", n)
	}
	if n := len(history(t, db)); n != before {
		t.Fatalf("refusals changed the change log (%d rows, was %d)", n, before)
	}
	log, _ := os.ReadFile(db + ".serve.log")
	for _, want := range []string{"unregistered key offered", `reason="wrong code"`, `reason="code already used`, "invitation redeemed", `user="Ann Smith"`} {
		if !strings.Contains(string(log), want) {
			t.Errorf("the log lacks %s", want)
		}
	}
}

func runOut(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(out)
}

// Killing the server with SIGKILL loses no edit the app acknowledged.
func TestE2EServeKilledLosesNoAcknowledgedEdit(t *testing.T) {
	needOpenSSH(t)
	bin := buildBinary(t)
	db, h := seedWorkbook(t)
	ann := sshKey(t, filepath.Dir(db), "ann")
	registerKey(t, db, "Ann Smith", data.RoleMember, ann)
	srv := startServerProc(t, bin, db)
	a := startTerm(t, 100, 30, srv.client.args(ann, "-t")...)
	a.waitFor("Northshire")
	a.keys("Enter")
	ids := firstMeasureStatements(t)
	n := min(4, len(ids))
	for i := 0; i < n; i++ {
		a.keys(fmt.Sprint(i%4 + 2))
		a.waitFor(fmt.Sprintf("%s scored %d", ids[i], i%4+2))
	}
	srv.cmd.Process.Signal(syscall.SIGKILL)
	<-srv.exited
	srv.exited <- nil
	st, err := data.Open(db, data.Options{User: "check", NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	x, err := st.Assessment(context.Background(), h.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if got := int(x.Score(ids[i])); got != i%4+2 {
			t.Errorf("after SIGKILL %s scores %d, want %d (acknowledged)", ids[i], got, i%4+2)
		}
	}
	if r, err := st.Check(context.Background()); err != nil || !r.OK() {
		t.Fatalf("integrity after SIGKILL: %v %v", r.Integrity, err)
	}
}

// SIGTERM (or SIGINT, Ctrl+C) tells every session, keeps what was being
// typed as a draft and exits 0.
func TestE2EServeSIGTERM(t *testing.T) {
	needOpenSSH(t)
	bin := buildBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) { stopServerWith(t, bin, sig) })
	}
}

func stopServerWith(t *testing.T, bin string, sig syscall.Signal) {
	db, _ := seedWorkbook(t)
	ann := sshKey(t, filepath.Dir(db), "ann")
	registerKey(t, db, "Ann Smith", data.RoleMember, ann)
	srv := startServerProc(t, bin, db)
	a := startSSHTerm(t, 100, 30, srv.client.args(ann, "-t")...)
	a.waitFor("Northshire")
	a.keys("Enter", "Enter", "Enter")
	a.typeText("Half a thought")
	a.waitFor("Half a thought")
	srv.cmd.Process.Signal(sig)
	select {
	case err := <-srv.exited:
		srv.exited <- nil
		if err != nil {
			t.Fatalf("the server exited with %v: %s", err, srv.out.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the server did not stop on SIGTERM")
	}
	a.waitFor("the server is shutting down")
	st, err := data.Open(db, data.Options{User: "Ann Smith", NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ds, err := st.Drafts(context.Background())
	if err != nil || len(ds) != 1 || !strings.Contains(ds[0].Text, "Half a thought") {
		t.Fatalf("drafts after SIGTERM: %+v %v", ds, err)
	}
	if !strings.Contains(srv.out.String(), "stopped") {
		t.Errorf("the server did not say it stopped: %s", srv.out.String())
	}
}

// 200 failed logins in a loop with the real client leave the server
// answering (in-process, with short waits, so the loop is quick).
func TestE2EServeManyFailedLoginsOverOpenSSH(t *testing.T) {
	needOpenSSH(t)
	if testing.Short() {
		t.Skip("long test skipped in -short mode")
	}
	db, _ := seedWorkbook(t)
	dir := filepath.Dir(db)
	ann := sshKey(t, dir, "ann")
	registerKey(t, db, "Ann Smith", data.RoleMember, ann)
	ts := startServer(t, db, nil)
	_, port, _ := net.SplitHostPort(ts.addr)
	kh := filepath.Join(dir, "known_hosts")
	writeKnownHosts(t, kh, port, db+".host_key")
	c := sshClient{port: port, knownHosts: kh}
	stranger := sshKey(t, dir, "stranger")
	start := time.Now()
	for i := 0; i < 200; i++ {
		args := c.args(stranger, "-o", "BatchMode=yes", "-o", "PreferredAuthentications=publickey")
		if err := exec.Command(args[0], args[1:]...).Run(); err == nil {
			t.Fatal("a stranger got in")
		}
	}
	t.Logf("200 failed logins with ssh took %v", time.Since(start))
	args := c.args(ann, "-o", "BatchMode=yes", "-T")
	out, _ := exec.Command(args[0], args[1:]...).CombinedOutput()
	if !strings.Contains(string(out), "ssh -t") {
		t.Fatalf("after 200 failures Ann's ssh got %q, not the server's answer", out)
	}
	sc := bufio.NewScanner(strings.NewReader(ts.log.String()))
	slowed := 0
	for sc.Scan() {
		if strings.Contains(sc.Text(), "slowing down") {
			slowed++
		}
	}
	if slowed == 0 {
		t.Error("the failures were never slowed down")
	}
}

// connectUntil runs ssh in a 100x30 pseudo-terminal and returns how long
// it took until the screen showed marker.
func connectUntil(b *testing.B, args []string, marker string) time.Duration {
	b.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	start := time.Now()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 100})
	if err != nil {
		b.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait(); f.Close() }()
	found := make(chan time.Duration, 1)
	var seen []byte
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := f.Read(buf)
			seen = append(seen, buf[:n]...)
			if strings.Contains(string(seen), marker) {
				found <- time.Since(start)
				return
			}
			if err != nil {
				close(found)
				return
			}
		}
	}()
	select {
	case d, ok := <-found:
		if !ok {
			b.Fatalf("ssh ended before showing %q", marker)
		}
		return d
	case <-time.After(15 * time.Second):
		b.Fatalf("ssh never showed %q", marker)
		return 0
	}
}

// bareWish is the floor for BenchmarkConnectToOverview: a wish server with
// the Bubble Tea middleware and a one-line program, any key let in.
type bareModel struct{}

func (bareModel) Init() tea.Cmd                         { return nil }
func (m bareModel) Update(tea.Msg) (tea.Model, tea.Cmd) { return m, nil }
func (bareModel) View() tea.View                        { return tea.NewView("bare wish program ready") }

func startBareWish(b *testing.B, hostKeyFile string) string {
	b.Helper()
	signer, err := loadHostKey(hostKeyFile)
	if err != nil {
		b.Fatal(err)
	}
	srv := &ssh.Server{PublicKeyHandler: func(ssh.Context, ssh.PublicKey) bool { return true }}
	srv.AddHostKey(signer)
	if err := srv.SetOption(wish.WithMiddleware(bubbletea.Middleware(func(ssh.Session) (tea.Model, []tea.ProgramOption) {
		return bareModel{}, []tea.ProgramOption{tea.WithoutSignals()}
	}))); err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go srv.Serve(ln)
	b.Cleanup(func() { srv.Close() })
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// BenchmarkConnectToOverview is the time from running ssh to the app's
// overview on the screen, through the real OpenSSH client, and beside it
// (in the same run) ssh to a bare wish program: the cost of SSH itself.
func BenchmarkConnectToOverview(b *testing.B) {
	if _, err := exec.LookPath("ssh"); err != nil {
		b.Skip("ssh is not installed")
	}
	c, err := criteria.Parse("builtin", criteria.BuiltinTOML())
	if err != nil {
		b.Fatal(err)
	}
	overview := c.ForAudience(criteria.Organisation)[1].Name
	db, _ := seedWorkbook(b)
	dir := filepath.Dir(db)
	keyPath := filepath.Join(dir, "ann")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keyPath).CombinedOutput(); err != nil {
		b.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	pub, err := os.ReadFile(keyPath + ".pub")
	if err != nil {
		b.Fatal(err)
	}
	k, _, err := data.ParsePublicKey(pub)
	if err != nil {
		b.Fatal(err)
	}
	st, err := data.Open(db, data.Options{User: "host", NoBackupOnOpen: true})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.AddUser(context.Background(), "Ann", data.RoleMember, data.NewKey{Key: k}); err != nil {
		b.Fatal(err)
	}
	st.Close()
	sv, err := newServer(serveOptions{db: db, listen: "127.0.0.1:0", hostKey: db + ".host_key", criteriaTOML: criteria.BuiltinTOML()})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go sv.Serve(ctx)
	b.Cleanup(cancel)
	_, port, _ := net.SplitHostPort(sv.Addr().String())
	barePort := startBareWish(b, db+".host_key")
	kh := filepath.Join(dir, "known_hosts")
	writeKnownHosts(b, kh, port, db+".host_key")
	bareKH := filepath.Join(dir, "known_hosts_bare")
	writeKnownHosts(b, bareKH, barePort, db+".host_key")
	app := sshClient{port: port, knownHosts: kh}.args(keyPath, "-t")
	bare := sshClient{port: barePort, knownHosts: bareKH}.args(keyPath, "-t")
	b.Run("wgll", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			connectUntil(b, app, overview)
		}
	})
	b.Run("bare-wish", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			connectUntil(b, bare, "bare wish program ready")
		}
	})
}

// A facilitator and three members run a workshop over SSH to an agreed
// score, with the projector (an observer) showing the room's screen.
func TestE2EServeWorkshopOverOpenSSH(t *testing.T) {
	needOpenSSH(t)
	bin := buildBinary(t)
	db, h := seedWorkbook(t)
	dir := filepath.Dir(db)
	fac := sshKey(t, dir, "fac")
	registerKey(t, db, "Fay Chair", data.RoleFacilitator, fac)
	var members []string
	for _, n := range []string{"Ann", "Bob", "Cat"} {
		k := sshKey(t, dir, strings.ToLower(n))
		registerKey(t, db, n, data.RoleMember, k)
		members = append(members, k)
	}
	proj := sshKey(t, dir, "projector")
	registerKey(t, db, "Projector", data.RoleObserver, proj)
	srv := startServerProc(t, bin, db)
	c := srv.client
	ids := firstMeasureStatements(t)

	f := startTerm(t, 120, 40, c.args(fac, "-t")...)
	f.waitFor("Northshire")
	var ms []*tmuxTerm
	for _, k := range members {
		m := startTerm(t, 100, 30, append(c.args(k, "-t"), "workshop")...)
		ms = append(ms, m)
	}
	p := startTerm(t, 100, 30, append(c.args(proj, "-t"), "projector")...)
	// The facilitator opens the workshop on the first statement.
	f.keys("w")
	f.keys("Enter")
	for i, m := range ms {
		m.waitFor(ids[0], "Your vote")
		m.keys(fmt.Sprint(3 + i%2)) // 3, 4, 3
		m.waitFor("Vote recorded")
	}
	p.waitFor(ids[0])
	f.waitFor("3 of")
	f.keys("r")
	for _, m := range ms {
		m.waitFor("Revealed")
	}
	f.keys("3")
	for _, m := range ms {
		m.waitFor("Agreed")
	}
	st, err := data.Open(db, data.Options{User: "check", NoBackupOnOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	x, err := st.Assessment(context.Background(), h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if x.Score(ids[0]) != 3 {
		t.Fatalf("agreed 3, stored %v", x.Score(ids[0]))
	}
	hs := history(t, db)
	if hs[0].User != "Fay Chair" || hs[0].Field != "score" {
		t.Fatalf("the agreed score is logged as %+v", hs[0])
	}
	rec, err := st.WorkshopRecord(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	names := fmt.Sprint(rec)
	for _, n := range []string{"Ann", "Bob", "Cat"} {
		if !strings.Contains(names, n) {
			t.Errorf("the workshop record lacks %s", n)
		}
	}
}
