package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"wgll/data/demo"
)

// Default demo file names: not wgll.db, so that trying the demo never
// touches (or is refused because of) a real workbook.
const (
	defaultDemoDB      = "wgll-demo.db"
	defaultLargeDemoDB = "wgll-large.db"
	defaultXLDemoDB    = "wgll-xl.db"
)

func newDemoCmd(e *env) *cobra.Command {
	var size string
	c := &cobra.Command{
		Use:   "demo",
		Short: "write a demo workbook for a fictional trust",
		Long: `Writes a demo workbook for Northfield Valley NHS Foundation Trust, a fictional
acute trust: two organisation assessments (2025/26, and 2026/27 carried
forward from it and part way through) and its integrated care system's ICS
assessment, with scores, rationales, evidence and actions. Then it says how to
open the file.
--size large writes the workbook the benchmarks use instead: ten periods for
each audience with every statement scored, and 20,000 evidence items and
20,000 actions across 200 owners in the newest assessment. --size xl writes an
integrated care system's workbook: 42 member organisations with ten periods
each and the system's own ICS periods (430 assessments, about 150 MB), the
newest with 100,000 evidence items and 100,000 actions. Their content is
fixed (a fixed seed and clock), so figures taken on them are comparable.
--db FILE names the file (default ./` + defaultDemoDB + `, ./` + defaultLargeDemoDB + ` with
--size large, ./` + defaultXLDemoDB + ` with --size xl; WGLL_DB is not used, so the demo never lands on a real
workbook). The demo never overwrites a file: if FILE exists it stops with an
error and leaves the file as it was.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runDemo(e, size) },
	}
	c.Flags().StringVar(&size, "size", string(demo.Small), "`small`, large or xl")
	return c
}

func runDemo(e *env, size string) error {
	sz, err := demo.ParseSize(size)
	if err != nil {
		return usagef("demo: %v", err)
	}
	path := e.g.db
	if path == "" {
		path = defaultDemoDB
		switch sz {
		case demo.Large:
			path = defaultLargeDemoDB
		case demo.XL:
			path = defaultXLDemoDB
		}
	}
	sum, err := demo.Write(e.ctx, path, demo.Options{Size: sz, User: e.g.userName(e), Now: e.now()})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Wrote the %s demo workbook %s: %d assessments, %d scores, %d evidence items, %d actions.\n",
		sum.Size, path, sum.Assessments, sum.Responses, sum.Evidence, sum.Actions)
	fmt.Fprintf(e.stdout, "Open it with: wgll --db %s\n", shellQuote(path))
	return nil
}

// shellQuote quotes a path for a POSIX shell when it needs it, so the
// printed command can be pasted as it is.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+:@%,=") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
