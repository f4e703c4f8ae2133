package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"wgll/criteria"
)

func newCriteriaCmd(e *env) *cobra.Command {
	dump := &cobra.Command{
		Use:   "dump",
		Short: "print the built-in criteria as TOML, ready to adapt",
		Long:  "Prints the built-in What Good Looks Like criteria as TOML, ready to adapt:\n  wgll criteria dump > ours.toml",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := e.stdout.Write(criteria.BuiltinTOML())
			return err
		},
	}
	check := &cobra.Command{
		Use:   "check FILE",
		Short: "validate a criteria file",
		Long: `Validates a criteria file and reports each problem as FILE:LINE: what is
wrong (exit status 1 if any). Use a checked file with: wgll --criteria FILE`,
		Args: exactArgs(1, "give exactly one FILE"),
		RunE: func(cmd *cobra.Command, args []string) error { return runCriteriaCheck(e, args[0]) },
	}
	return groupCmd("criteria", "print the built-in criteria (dump) or validate a criteria file (check)",
		"Prints the built-in criteria (dump) or validates a criteria file (check).", dump, check)
}

func runCriteriaCheck(e *env, file string) error {
	c, _, err := criteria.LoadFile(file)
	if err != nil {
		return err
	}
	n := 0
	for _, m := range c.Measures {
		n += len(m.Statements)
	}
	fmt.Fprintf(e.stdout, "%s: ok: %d measures, %d statements, scale 1-%d\n", file, len(c.Measures), n, c.MaxLevel())
	return nil
}
