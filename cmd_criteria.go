package main

import (
	"fmt"

	"wgll/criteria"
)

func init() {
	register(&command{
		name:    "criteria",
		summary: "print the built-in criteria (dump) or validate a criteria file (check)",
		usage:   "dump | check FILE",
		help: `wgll criteria dump        prints the built-in What Good Looks Like criteria as TOML,
                          ready to adapt: wgll criteria dump > ours.toml
wgll criteria check FILE  validates a criteria file and reports each problem as
                          FILE:LINE: what is wrong (exit status 1 if any).
Use a checked file with: wgll --criteria FILE`,
		run: runCriteria,
	})
}

func runCriteria(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("criteria: say 'dump' or 'check FILE'")
	}
	switch args[0] {
	case "dump":
		if len(args) > 1 {
			return usagef("criteria dump: unexpected argument %q", args[1])
		}
		_, err := e.stdout.Write(criteria.BuiltinTOML())
		return err
	case "check":
		if len(args) != 2 {
			return usagef("criteria check: give exactly one FILE")
		}
		c, _, err := criteria.LoadFile(args[1])
		if err != nil {
			return err
		}
		n := 0
		for _, m := range c.Measures {
			n += len(m.Statements)
		}
		fmt.Fprintf(e.stdout, "%s: ok: %d measures, %d statements, scale 1-%d\n", args[1], len(c.Measures), n, c.MaxLevel())
		return nil
	}
	return usagef("criteria: unknown action %q; say 'dump' or 'check FILE'", args[0])
}
