package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"wgll/data"
	"wgll/data/benchmark"
	"wgll/model"
	"wgll/ui"
	"wgll/ui/workshop"
)

// This file is 'wgll serve': one host keeps the workbook on its own disk
// and everyone else opens it with the ssh they already have. Each SSH
// session gets its own app, on its own Store, as the registered person who
// connected (their name is in the change log, their role limits what the
// store will write). A commit in one session is announced to every other
// at once (Options.OnCommit to Config.Changed); commits from other
// processes on the file still arrive by the app's poll.
//
// Who gets in: a registered public key, or an unregistered key that has
// proved itself by a signature together with a valid one-time invitation
// code typed at the keyboard-interactive prompt, which registers it. Nothing else: no password, no anonymous access,
// no forwarding, no commands, no subsystems.

// Defaults of the serve flags.
const (
	defaultListen      = "127.0.0.1:2222"
	defaultMaxSessions = 40
	defaultIdleTimeout = time.Hour
)

// Fixed limits of the server.
const (
	// handshakeTimeout bounds the time from connecting to being let in,
	// including typing an invitation code.
	handshakeTimeout = 2 * time.Minute
	// maxAuthTries is the failed authentication attempts (keys offered
	// that are not registered, codes mistyped) one connection may make.
	maxAuthTries = 8
	// shutdownGrace is how long sessions get to save drafts and end when
	// the server is stopped.
	shutdownGrace = 5 * time.Second
	// serverUser is the name the server itself writes under (redeeming
	// invitations).
	serverUser = "wgll serve"
)

// extKey is the permission extension that carries, from authentication to
// the session, the key that authenticated: base64 of its wire form.
const extKey = "wgll-key"

// serveOptions configure a server.
type serveOptions struct {
	db          string
	listen      string
	hostKey     string
	maxSessions int
	idleTimeout time.Duration
	// criteriaTOML is what new assessments are made with.
	criteriaTOML []byte
	now          func() time.Time
	log          *slog.Logger
	guard        guardOptions
}

// server is a running 'wgll serve'.
type server struct {
	opt         serveOptions
	log         *slog.Logger
	admin       *data.Store
	bench       *model.Benchmark
	srv         *ssh.Server
	ln          net.Listener
	guard       *guard
	fingerprint string
	done        chan struct{}

	mu       sync.Mutex
	sessions map[*session]struct{}
	closing  bool
}

// screenKind is what a session shows: the app, or (with the command
// "workshop" or "projector") a workshop's member or room screen.
type screenKind int

const (
	screenApp screenKind = iota
	screenMember
	screenProjector
)

// sessionCommands are the only commands a session may ask for.
const sessionCommands = "nothing (the workbook), 'workshop' (vote in the open workshop) or 'projector' (the room's screen)"

// screenFor reads the command a person gave after the host.
func screenFor(cmd []string) (screenKind, bool) {
	switch strings.ToLower(strings.Join(cmd, " ")) {
	case "":
		return screenApp, true
	case "workshop", "workshop join", "join":
		return screenMember, true
	case "projector", "workshop show", "show":
		return screenProjector, true
	}
	return 0, false
}

// session is one person's connection with its own app and Store.
type session struct {
	kind    screenKind
	user    string
	role    data.Role
	remote  string
	store   *data.Store
	changed chan struct{}
	prog    *tea.Program
}

type ctxKey struct{ name string }

var sessionKey = &ctxKey{"wgll-session"}

// newServer opens the workbook, loads or makes the host key and starts
// listening; Serve then answers connections.
func newServer(opt serveOptions) (*server, error) {
	if opt.now == nil {
		opt.now = time.Now
	}
	if opt.log == nil {
		opt.log = slog.New(slog.DiscardHandler)
	}
	if opt.maxSessions <= 0 {
		opt.maxSessions = defaultMaxSessions
	}
	if opt.idleTimeout < 0 {
		return nil, usagef("serve: --idle-timeout must be positive, such as 30m")
	}
	signer, err := loadHostKey(opt.hostKey)
	if err != nil {
		return nil, err
	}
	admin, err := data.Open(opt.db, data.Options{User: serverUser, Now: opt.now, Create: true})
	if err != nil {
		return nil, err
	}
	sv := &server{
		opt: opt, log: opt.log, admin: admin,
		guard:       newGuard(opt.guard, opt.now),
		fingerprint: gossh.FingerprintSHA256(signer.PublicKey()),
		done:        make(chan struct{}),
		sessions:    map[*session]struct{}{},
	}
	sv.bench, err = admin.Benchmark(context.Background(), 0)
	if errors.Is(err, data.ErrNotFound) {
		sv.bench, err = benchmark.National2025(), nil
	}
	if err != nil {
		admin.Close()
		return nil, err
	}
	sv.srv = &ssh.Server{
		Version:                  "wgll",
		HandshakeTimeout:         handshakeTimeout,
		IdleTimeout:              opt.idleTimeout,
		ServerConfigCallback:     sv.authConfig,
		ConnCallback:             sv.connOpened,
		ConnectionFailedCallback: sv.connFailed,
		// No PasswordHandler, no forwarding callbacks, no subsystem
		// handlers: each of those is refused when left unset.
	}
	sv.srv.AddHostKey(signer)
	// The last middleware runs first: gate decides whether the session
	// may start, then the Bubble Tea middleware runs its app with the
	// pty's size and resizes.
	if err := sv.srv.SetOption(wish.WithMiddleware(bubbletea.MiddlewareWithProgramHandler(sv.program), sv.gate)); err != nil {
		admin.Close()
		return nil, fmt.Errorf("set up the SSH server: %w", err)
	}
	sv.ln, err = net.Listen("tcp", opt.listen)
	if err != nil {
		admin.Close()
		return nil, fmt.Errorf("listen on %s: %w; choose another address with --listen", opt.listen, err)
	}
	return sv, nil
}

// Addr is where the server listens.
func (sv *server) Addr() net.Addr { return sv.ln.Addr() }

// Serve answers connections until ctx is done, then tells every session to
// save its draft and end, waits for them (up to shutdownGrace) and
// returns nil.
func (sv *server) Serve(ctx context.Context) error {
	sv.log.Info("serving", "workbook", sv.admin.Path(), "listen", sv.Addr().String(), "host_key", sv.fingerprint)
	errc := make(chan error, 1)
	go func() { errc <- sv.srv.Serve(sv.ln) }()
	select {
	case err := <-errc:
		sv.closeAll()
		return fmt.Errorf("serve on %s: %w", sv.Addr(), err)
	case <-ctx.Done():
	}
	sv.shutdown()
	<-errc
	return nil
}

// shutdown ends every session in an orderly way.
func (sv *server) shutdown() {
	sv.mu.Lock()
	sv.closing = true
	var progs []*tea.Program
	for s := range sv.sessions {
		if s.prog != nil {
			progs = append(progs, s.prog)
		}
	}
	n := len(sv.sessions)
	sv.mu.Unlock()
	close(sv.done)
	sv.log.Info("shutting down", "sessions", n)
	// Stop accepting; Shutdown itself would wait for every connection.
	sv.ln.Close()
	for _, p := range progs {
		go p.Send(ui.ShutdownMsg{})
	}
	deadline := time.Now().Add(shutdownGrace)
	for time.Now().Before(deadline) {
		sv.mu.Lock()
		left := len(sv.sessions)
		sv.mu.Unlock()
		if left == 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	sv.closeAll()
}

func (sv *server) closeAll() {
	if err := sv.srv.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
		sv.log.Error("close the SSH server", "err", err)
	}
	sv.mu.Lock()
	left := len(sv.sessions)
	sv.mu.Unlock()
	if left > 0 {
		sv.log.Warn("sessions still open at exit", "sessions", left)
	}
	if err := sv.admin.Close(); err != nil {
		sv.log.Error("close the workbook", "err", err)
	}
	sv.log.Info("stopped")
}

// --- who gets in ----------------------------------------------------------

var errUnknownKey = errors.New("key not registered")

// connAuth is the authentication state of one connection.
type connAuth struct {
	sv       *server
	mu       sync.Mutex
	reported bool
}

// authConfig is the golang.org/x/crypto/ssh configuration for one
// connection: public keys, and keyboard-interactive for invitations.
func (sv *server) authConfig(ssh.Context) *gossh.ServerConfig {
	a := &connAuth{sv: sv}
	return &gossh.ServerConfig{
		MaxAuthTries:                maxAuthTries,
		PublicKeyCallback:           a.publicKey,
		KeyboardInteractiveCallback: a.explain,
		AuthLogCallback:             a.logAttempt,
	}
}

// registered accepts a registered key and refuses any other.
func (a *connAuth) registered(conn gossh.ConnMetadata, key gossh.PublicKey) (*gossh.Permissions, error) {
	_, err := a.sv.admin.UserByKey(context.Background(), key)
	switch {
	case err == nil:
		return keyPerms(key), nil
	case errors.Is(err, data.ErrNotFound):
		a.sv.log.Info("unregistered key offered", "remote", conn.RemoteAddr().String(), "fingerprint", data.Fingerprint(key))
		return nil, errUnknownKey
	default:
		a.sv.log.Error("look up a key", "remote", conn.RemoteAddr().String(), "err", err)
		return nil, err
	}
}

// publicKey accepts a registered key. While an invitation is open, an
// unregistered key is a partial success: once its signature has checked
// (the library applies a partial success only then), the person is asked
// for the code, and a valid code registers that very key. A client with
// several keys may still go on to offer a registered one instead.
func (a *connAuth) publicKey(conn gossh.ConnMetadata, key gossh.PublicKey) (*gossh.Permissions, error) {
	perms, err := a.registered(conn, key)
	if !errors.Is(err, errUnknownKey) {
		return perms, err
	}
	n, ierr := a.sv.admin.OpenInvites(context.Background())
	if ierr != nil {
		a.sv.log.Error("count invitations", "err", ierr)
		return nil, err
	}
	if n == 0 {
		return nil, err
	}
	return nil, &gossh.PartialSuccessError{Next: gossh.ServerAuthCallbacks{
		PublicKeyCallback: a.registered,
		KeyboardInteractiveCallback: func(conn gossh.ConnMetadata, challenge gossh.KeyboardInteractiveChallenge) (*gossh.Permissions, error) {
			return a.invitation(conn, challenge, key)
		},
	}}
}

// invitation asks for the code with which key, already proved, is
// registered.
func (a *connAuth) invitation(conn gossh.ConnMetadata, challenge gossh.KeyboardInteractiveChallenge, key gossh.PublicKey) (*gossh.Permissions, error) {
	remote := conn.RemoteAddr().String()
	answers, err := challenge("", "wgll: this key ("+data.Fingerprint(key)+") is not registered with the workbook yet.\nIf a facilitator gave you an invitation code, type it now.\n", []string{"Invitation code: "}, []bool{true})
	if err != nil {
		return nil, err
	}
	if len(answers) != 1 {
		return nil, errors.New("expected one answer")
	}
	u, why, err := a.sv.admin.RedeemInvite(context.Background(), answers[0], key)
	if err != nil {
		ip := hostOf(conn.RemoteAddr())
		a.sv.guard.fail(ip)
		a.sv.log.Info("invitation refused", "remote", remote, "reason", why, "fingerprint", data.Fingerprint(key), "err", err)
		a.sv.sleep(a.sv.guard.delay(ip))
		return nil, err
	}
	a.sv.log.Info("invitation redeemed: key registered", "remote", remote, "user", u.Name, "role", string(u.Role), "fingerprint", data.Fingerprint(key))
	return keyPerms(key), nil
}

// explain answers keyboard-interactive from someone without a registered
// key when no invitation is open: it lets no one in, but tells the person
// what to do rather than leaving them with a bare "Permission denied".
func (a *connAuth) explain(_ gossh.ConnMetadata, challenge gossh.KeyboardInteractiveChallenge) (*gossh.Permissions, error) {
	a.mu.Lock()
	told := a.reported
	a.reported = true
	a.mu.Unlock()
	if !told {
		_, _ = challenge("", "wgll: your SSH key is not registered with this workbook. Send your public key (the .pub file; make one with 'ssh-keygen -t ed25519') to a facilitator, or ask them for an invitation code.\n", nil, nil)
	}
	return nil, errUnknownKey
}

func (a *connAuth) logAttempt(conn gossh.ConnMetadata, method string, err error) {
	var partial *gossh.PartialSuccessError
	switch {
	case method == "none" || errors.As(err, &partial) || errors.Is(err, errUnknownKey):
		// The client asking which methods there are, the first half of
		// an invitation, or a key already logged by publicKey.
	case err != nil:
		a.sv.log.Info("authentication refused", "remote", conn.RemoteAddr().String(), "method", method, "err", err)
	default:
		a.sv.log.Info("authenticated", "remote", conn.RemoteAddr().String(), "method", method)
	}
}

func keyPerms(key gossh.PublicKey) *gossh.Permissions {
	return &gossh.Permissions{Extensions: map[string]string{extKey: base64.StdEncoding.EncodeToString(key.Marshal())}}
}

// sessionKey is the key a session authenticated with.
func sessionPublicKey(sess ssh.Session) (gossh.PublicKey, error) {
	p := sess.Permissions()
	if p.Permissions == nil {
		return nil, errors.New("no key")
	}
	raw, err := base64.StdEncoding.DecodeString(p.Extensions[extKey])
	if err != nil || len(raw) == 0 {
		return nil, errors.New("no key")
	}
	return gossh.ParsePublicKey(raw)
}

// connOpened slows down an address that has failed repeatedly and refuses
// one that holds too many connections.
func (sv *server) connOpened(_ ssh.Context, conn net.Conn) net.Conn {
	ip := hostOf(conn.RemoteAddr())
	wait, ok := sv.guard.enter(ip)
	if !ok {
		sv.log.Warn("too many connections from one address; refused", "remote", conn.RemoteAddr().String())
		return nil
	}
	if wait > 0 {
		sv.log.Info("slowing down an address after failed attempts", "remote", conn.RemoteAddr().String(), "wait", wait.String())
		sv.sleep(wait)
	}
	return &guardedConn{Conn: conn, leave: func() { sv.guard.leave(ip) }}
}

func (sv *server) connFailed(conn net.Conn, err error) {
	sv.guard.fail(hostOf(conn.RemoteAddr()))
	sv.log.Info("connection refused", "remote", conn.RemoteAddr().String(), "err", err)
}

// sleep waits d, or less if the server stops.
func (sv *server) sleep(d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-sv.done:
	}
}

// guardedConn tells the guard when the connection closes.
type guardedConn struct {
	net.Conn
	once  sync.Once
	leave func()
}

func (c *guardedConn) Close() error {
	c.once.Do(c.leave)
	return c.Conn.Close()
}

func hostOf(a net.Addr) string {
	if a == nil {
		return ""
	}
	h, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return h
}

// --- sessions -------------------------------------------------------------

// gate decides whether an authenticated session may start: a pty, no
// command, room for another session, a user still registered. It opens
// the session's Store, runs the app (next), and tidies up after it.
func (sv *server) gate(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		remote := sess.RemoteAddr().String()
		log := sv.log.With("remote", remote)
		refuse := func(why, msg string, args ...any) {
			log.Info("session refused", "reason", why)
			fmt.Fprintf(sess.Stderr(), "wgll: "+msg+"\r\n", args...)
			_ = sess.Exit(1)
		}
		key, err := sessionPublicKey(sess)
		if err != nil {
			refuse("no key", "this server lets in registered keys only")
			return
		}
		u, err := sv.admin.UserByKey(sess.Context(), key)
		if err != nil {
			refuse("key no longer registered", "your key is no longer registered with this workbook; ask a facilitator")
			return
		}
		log = log.With("user", u.Name, "role", string(u.Role), "fingerprint", data.Fingerprint(key))
		sv.guard.succeeded(hostOf(sess.RemoteAddr()))
		if ssh.AgentRequested(sess) {
			log.Info("agent forwarding asked for; not used")
		}
		kind, ok := screenFor(sess.Command())
		if !ok {
			cmd := sess.RawCommand()
			refuse("command "+cmd, "this server runs only the workbook app, not commands (you asked for %q); after the host give %s", ui.Sanitize(cmd), sessionCommands)
			return
		}
		if kind == screenMember && u.Role == data.RoleObserver {
			// An observer cannot vote; the room's screen is theirs.
			kind = screenProjector
		}
		pty, _, ok := sess.Pty()
		if !ok {
			refuse("no pty", "the workbook needs a terminal; connect with 'ssh -t', for example: ssh -t -p PORT HOST")
			return
		}
		s := &session{kind: kind, user: u.Name, role: u.Role, remote: remote, changed: make(chan struct{}, 1)}
		if why := sv.add(s); why != "" {
			refuse(why, "%s", why)
			return
		}
		defer sv.remove(s)
		s.store, err = sv.openStore(s)
		if err != nil {
			log.Error("open the workbook for a session", "err", err)
			refuse("store", "could not open the workbook; the host's log says why")
			return
		}
		defer s.store.Close()
		sess.Context().SetValue(sessionKey, s)
		start := time.Now()
		log.Info("session start", "screen", [...]string{"app", "workshop member", "projector"}[kind], "term", pty.Term, "width", pty.Window.Width, "height", pty.Window.Height)
		next(sess)
		sv.mu.Lock()
		closing := sv.closing
		sv.mu.Unlock()
		if closing {
			wish.Println(sess, "\r\nwgll: the server is shutting down. Anything you were typing is kept as a draft and offered back when you connect again.\r")
		}
		log.Info("session end", "duration", time.Since(start).Round(time.Millisecond).String(), "shutdown", closing)
	}
}

// add registers s, or says why it may not start.
func (sv *server) add(s *session) string {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	switch {
	case sv.closing:
		return "the server is shutting down; try again when it is back"
	case len(sv.sessions) >= sv.opt.maxSessions:
		return fmt.Sprintf("the server already has its maximum of %d sessions; try again later", sv.opt.maxSessions)
	}
	sv.sessions[s] = struct{}{}
	return ""
}

func (sv *server) remove(s *session) {
	sv.mu.Lock()
	delete(sv.sessions, s)
	sv.mu.Unlock()
}

// openStore opens the workbook for s, as its user with its role, telling
// the other sessions after each of its commits.
func (sv *server) openStore(s *session) (*data.Store, error) {
	return data.Open(sv.opt.db, data.Options{
		User: s.user, Role: s.role, Now: sv.opt.now, NoBackupOnOpen: true,
		OnCommit: func() { sv.publish(s) },
	})
}

// publish tells every session but from that the workbook changed. It is
// called with from's write lock held, so it only ever drops a notice into a
// channel with room for one: a session already told need not be told
// twice.
func (sv *server) publish(from *session) {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	for s := range sv.sessions {
		if s == from {
			continue
		}
		select {
		case s.changed <- struct{}{}:
		default:
		}
	}
}

// newApp is the app of session s. Only a facilitator gets the workshop's
// facilitator screen (w); the store refuses the others its writes anyway.
func (sv *server) newApp(s *session, noColor bool) *ui.App {
	var ws ui.WorkshopFunc
	if s.role == data.RoleFacilitator {
		ws = func(a *model.Assessment, sid string, isDark bool) ui.Hosted {
			return workshop.NewFacilitator(workshop.FacilitatorConfig{Store: s.store, Assessment: a, StatementID: sid,
				Now: sv.opt.now, NoColor: noColor, IsDark: isDark})
		}
	}
	return ui.New(ui.Config{
		Store:        s.store,
		CriteriaTOML: sv.opt.criteriaTOML,
		Now:          sv.opt.now,
		NoColor:      noColor,
		// No Export: it would write files on the host's disk, where the
		// person connecting has no business writing.
		Benchmark: sv.bench,
		Changed:   s.changed,
		Workshop:  ws,
		Remote:    true, // the host's browser and $EDITOR are not the caller's
	})
}

// newModel is what session s shows.
func (sv *server) newModel(s *session, noColor bool) tea.Model {
	switch s.kind {
	case screenMember:
		return quitOnShutdown{workshop.NewMember(workshop.MemberConfig{Store: s.store, Name: s.user, Now: sv.opt.now, NoColor: noColor})}
	case screenProjector:
		return quitOnShutdown{workshop.NewProjector(workshop.ProjectorConfig{Store: s.store, Now: sv.opt.now, NoColor: noColor})}
	}
	// The list and the highlighted assessment are read while the
	// session's terminal is set up, as 'wgll open' does.
	app := sv.newApp(s, noColor)
	app.Prefetch()
	return app
}

// dropFilter turns the quit that wish sends when a connection drops (a
// closed laptop, a lost network) into ui.ShutdownMsg once, so that what the
// person was typing is saved as a draft rather than lost with the
// connection. It also keeps wish's own filter, which it replaces: a suspend
// (ctrl+z) resumes at once, since a remote session cannot be suspended.
func dropFilter(conn context.Context) func(tea.Model, tea.Msg) tea.Msg {
	var once sync.Once
	return func(_ tea.Model, msg tea.Msg) tea.Msg {
		switch msg.(type) {
		case tea.SuspendMsg:
			return tea.ResumeMsg{}
		case tea.QuitMsg:
			if conn.Err() == nil {
				return msg
			}
			out := msg
			once.Do(func() { out = ui.ShutdownMsg{} })
			return out
		}
		return msg
	}
}

// quitOnShutdown ends a workshop screen when the server stops (the app
// handles ui.ShutdownMsg itself, saving its draft first).
type quitOnShutdown struct{ tea.Model }

func (q quitOnShutdown) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(ui.ShutdownMsg); ok {
		return q, tea.Quit
	}
	m, cmd := q.Model.Update(msg)
	q.Model = m
	return q, cmd
}

// program is the Bubble Tea program of an admitted session.
func (sv *server) program(sess ssh.Session) *tea.Program {
	s, _ := sess.Context().Value(sessionKey).(*session)
	if s == nil {
		return nil
	}
	noColor := false
	for _, kv := range sess.Environ() {
		if strings.HasPrefix(kv, "NO_COLOR=") && kv != "NO_COLOR=" {
			noColor = true
		}
	}
	// WithoutSignals: the server's own SIGTERM and SIGINT are for the
	// server, which ends each session in order (shutdown); a program
	// catching them would quit before its draft was saved.
	opts := append(bubbletea.MakeOptions(sess), tea.WithoutSignals(), tea.WithFilter(dropFilter(sess.Context())))
	p := tea.NewProgram(sv.newModel(s, noColor), opts...)
	sv.mu.Lock()
	s.prog = p
	closing := sv.closing
	sv.mu.Unlock()
	if closing {
		go p.Send(ui.ShutdownMsg{})
	}
	return p
}

// --- host key -------------------------------------------------------------

// loadHostKey reads the server's private host key, making an ed25519 one
// (mode 0600) the first time. A key others can read is refused: with it,
// anyone could pose as this server.
func loadHostKey(path string) (gossh.Signer, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return makeHostKey(path)
	}
	if err != nil {
		return nil, fmt.Errorf("read the host key: %w", err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read the host key: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("the host key %s can be read by other users (mode %04o); run 'chmod 600 %s'", path, fi.Mode().Perm(), path)
	}
	signer, err := gossh.ParsePrivateKey(b)
	if err != nil {
		return nil, fmt.Errorf("the host key %s is not an unencrypted OpenSSH private key (%v); give another with --host-key", path, err)
	}
	return signer, nil
}

func makeHostKey(path string) (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("make a host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "wgll serve host key")
	if err != nil {
		return nil, fmt.Errorf("make a host key: %w", err)
	}
	// O_EXCL: never overwrite a key someone made meanwhile; 0600 from
	// the start, so there is no moment when others could read it.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("write the host key: %w", err)
	}
	if _, err := f.Write(pem.EncodeToMemory(block)); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("write the host key %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("write the host key %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("write the host key %s: %w", path, err)
	}
	return gossh.NewSignerFromKey(priv)
}

// --- slowing down failures --------------------------------------------------

// guardOptions tune the guard; zero fields take the defaults.
type guardOptions struct {
	// free failures from an address are not slowed (typos, a second key).
	free int
	// base is the wait after the first slowed failure, doubling with each
	// further one up to max.
	base, max time.Duration
	// forget is how long after its last failure an address starts afresh.
	forget time.Duration
	// perAddress bounds one address's open connections, total everyone's.
	perAddress, total int
}

// guard slows down addresses that keep failing to authenticate, so that
// guessing invitation codes or hammering the server gets nowhere, while
// the server keeps answering everyone else.
type guard struct {
	opt   guardOptions
	now   func() time.Time
	mu    sync.Mutex
	addrs map[string]*addrState
	open  int
}

type addrState struct {
	fails int
	last  time.Time
	open  int
}

func newGuard(o guardOptions, now func() time.Time) *guard {
	if o.free == 0 {
		o.free = 3
	}
	if o.base == 0 {
		o.base = 250 * time.Millisecond
	}
	if o.max == 0 {
		o.max = 5 * time.Second
	}
	if o.forget == 0 {
		o.forget = 15 * time.Minute
	}
	if o.perAddress == 0 {
		o.perAddress = 32
	}
	if o.total == 0 {
		o.total = 512
	}
	return &guard{opt: o, now: now, addrs: map[string]*addrState{}}
}

func (g *guard) state(ip string) *addrState {
	st := g.addrs[ip]
	if st == nil {
		if len(g.addrs) > 10000 {
			g.sweep()
		}
		st = &addrState{}
		g.addrs[ip] = st
	}
	if st.fails > 0 && g.now().Sub(st.last) > g.opt.forget {
		st.fails = 0
	}
	return st
}

// sweep forgets addresses with nothing open and no recent failure.
func (g *guard) sweep() {
	for ip, st := range g.addrs {
		if st.open == 0 && g.now().Sub(st.last) > g.opt.forget {
			delete(g.addrs, ip)
		}
	}
}

// enter counts a new connection from ip and says how long to hold it
// first; ok is false when ip (or everyone) has too many open.
func (g *guard) enter(ip string) (wait time.Duration, ok bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	st := g.state(ip)
	if st.open >= g.opt.perAddress || g.open >= g.opt.total {
		return 0, false
	}
	st.open++
	g.open++
	return g.delayLocked(st), true
}

func (g *guard) leave(ip string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if st := g.addrs[ip]; st != nil && st.open > 0 {
		st.open--
		g.open--
	}
}

func (g *guard) fail(ip string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	st := g.state(ip)
	st.fails++
	st.last = g.now()
}

// succeeded forgets ip's failures: someone there got in, and people in one
// room often share an address.
func (g *guard) succeeded(ip string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if st := g.addrs[ip]; st != nil {
		st.fails = 0
	}
}

// delay is how long ip's next attempt waits.
func (g *guard) delay(ip string) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.delayLocked(g.state(ip))
}

func (g *guard) delayLocked(st *addrState) time.Duration {
	n := st.fails - g.opt.free
	if n <= 0 {
		return 0
	}
	if n > 30 {
		return g.opt.max
	}
	return min(g.opt.base<<(n-1), g.opt.max)
}

// --- start-up message -------------------------------------------------------

// printStart tells the host admin where the server is and how to check it.
func (sv *server) printStart(w io.Writer, logFile string) {
	addr := sv.Addr().String()
	host, port, _ := net.SplitHostPort(addr)
	fmt.Fprintf(w, "wgll serve: sharing %s over SSH on %s\n", ui.Sanitize(sv.admin.Path()), addr)
	fmt.Fprintf(w, "Host key fingerprint: %s (ED25519; %s)\n", sv.fingerprint, ui.Sanitize(sv.opt.hostKey))
	fmt.Fprintf(w, "  People connecting for the first time should see this fingerprint before they answer yes.\n")
	fmt.Fprintf(w, "Connect with: ssh -t -p %s %s\n", port, host)
	us, err := sv.admin.Users(context.Background())
	if err == nil && len(us) == 0 {
		fmt.Fprintf(w, "No one can connect yet: add people with 'wgll users add NAME --role member --key FILE.pub' or 'wgll users invite NAME --role member'.\n")
	}
	if logFile != "" {
		fmt.Fprintf(w, "Log: %s. Stop with Ctrl+C.\n", ui.Sanitize(logFile))
	}
}
