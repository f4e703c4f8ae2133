package main

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	charmlog "charm.land/log/v2"
	"github.com/spf13/cobra"

	"wgll/criteria"
)

// serveFlags are the flags of 'wgll serve'.
type serveFlags struct {
	listen      string
	hostKey     string
	logFile     string
	maxSessions int
	idleTimeout time.Duration
	critFile    string
}

func newServeCmd(e *env) *cobra.Command {
	var o serveFlags
	c := &cobra.Command{
		Use:   "serve",
		Short: "share the workbook over SSH: everyone opens it with their own ssh",
		Long: `Shares the workbook over SSH, so that people open it from their own laptops
with the ssh they already have while the file stays on this machine's disk.
Each connection gets its own app, as the registered person who connected
(their name goes in the change log, their role limits what they may change),
and sees the others' changes at once.

Only registered keys get in (see 'wgll users'), or a new key with a one-time
invitation code ('wgll users invite'): no passwords, no forwarding, no
commands. It listens on ` + defaultListen + ` unless --listen says otherwise;
listening on another interface is a choice to make with a firewall (see the
README, "Sharing a workbook over SSH").

The host key is made the first time (ed25519, mode 0600, beside the workbook
unless --host-key names it) and its fingerprint printed, for people to check
when they first connect. Connections, refusals and errors go to the log file,
never to anyone's screen. Ctrl+C or SIGTERM tells every session, saves what
they were typing as drafts and exits 0.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runServe(e, o) },
	}
	f := c.Flags()
	f.StringVar(&o.listen, "listen", defaultListen, "`ADDR`ESS to listen on, host:port")
	f.StringVar(&o.hostKey, "host-key", "", "host key `FILE` (default: the workbook's name + .host_key)")
	f.StringVar(&o.logFile, "log", "", "log `FILE` (default: the workbook's name + .serve.log)")
	f.IntVar(&o.maxSessions, "max-sessions", defaultMaxSessions, "most sessions open at once (`N`)")
	f.DurationVar(&o.idleTimeout, "idle-timeout", defaultIdleTimeout, "end a connection idle this long (`DURATION`, such as 30m)")
	f.StringVar(&o.critFile, "criteria", "", "criteria `FILE` for new assessments (default: the built-in framework)")
	return c
}

func runServe(e *env, o serveFlags) error {
	longRunningGC(e.getenv)
	db := e.g.dbPath(e)
	if _, err := os.Stat(db); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("no workbook at %s; run 'wgll --db %s' to create one, or 'wgll demo --db %s' for a demo", db, db, db)
		}
		return fmt.Errorf("open workbook: %w", err)
	}
	if o.maxSessions <= 0 {
		return usagef("serve: --max-sessions must be at least 1")
	}
	if o.idleTimeout <= 0 {
		return usagef("serve: --idle-timeout must be positive, such as 30m")
	}
	if o.hostKey == "" {
		o.hostKey = db + ".host_key"
	}
	if o.logFile == "" {
		o.logFile = db + ".serve.log"
	}
	critTOML := criteria.BuiltinTOML()
	if o.critFile != "" {
		_, raw, err := criteria.LoadFile(o.critFile)
		if err != nil {
			return err
		}
		critTOML = raw
	}
	lf, err := os.OpenFile(o.logFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("open the log file: %w; choose another with --log", err)
	}
	defer lf.Close()
	logger := slog.New(slog.NewTextHandler(lf, nil))
	// The SSH libraries log panics and errors through slog's and charm's
	// default loggers: send those to the file too, never to a screen.
	slog.SetDefault(logger)
	charmlog.SetOutput(lf)

	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	sv, err := newServer(serveOptions{
		db: db, listen: o.listen, hostKey: o.hostKey,
		maxSessions: o.maxSessions, idleTimeout: o.idleTimeout,
		criteriaTOML: critTOML, now: e.now, log: logger,
	})
	if err != nil {
		return err
	}
	for _, w := range sv.admin.Warnings() {
		fmt.Fprintf(e.stderr, "wgll: warning: %s\n", w)
	}
	sv.printStart(e.stdout, o.logFile)
	if err := sv.Serve(ctx); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "wgll serve: stopped; every session was told and its draft saved.")
	return nil
}
