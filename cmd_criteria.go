package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"wgll/criteria"
)

// criteriaSpecHelp says what --criteria takes, for every command that has it.
const criteriaSpecHelp = "criteria `FILE`, or builtin:NAME for a built-in framework (see 'wgll criteria list'; default builtin:wgll-2021)"

func newCriteriaCmd(e *env) *cobra.Command {
	list := &cobra.Command{
		Use:   "list",
		Short: "name the built-in frameworks",
		Long: `Names the frameworks built into wgll, the default first, with their version
and size. Use one with --criteria builtin:NAME, or print it with
'wgll criteria dump NAME'.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runCriteriaList(e) },
	}
	dump := &cobra.Command{
		Use:   "dump [NAME]",
		Short: "print a built-in framework as TOML, ready to adapt",
		Long: `Prints a built-in framework as TOML, ready to adapt (the default one when no
NAME is given; 'wgll criteria list' names them):
  wgll criteria dump > ours.toml
  wgll criteria dump v3-alpha > v3.toml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("criteria dump: unexpected argument %q; give at most one NAME (see 'wgll criteria list')", args[1])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			name := criteria.BuiltinNames()[0]
			if len(args) == 1 {
				name = args[0]
			}
			_, raw, err := criteria.BuiltinNamed(name)
			if err != nil {
				return usagef("criteria dump: %v", err)
			}
			_, err = e.stdout.Write(raw)
			return err
		},
	}
	check := &cobra.Command{
		Use:   "check FILE",
		Short: "validate a criteria file",
		Long: `Validates a criteria file and reports each problem as FILE:LINE: what is
wrong (exit status 1 if any): resources, checklists and mappings as well as
measures and statements. Use a checked file with: wgll --criteria FILE`,
		Args: exactArgs(1, "give exactly one FILE"),
		RunE: func(cmd *cobra.Command, args []string) error { return runCriteriaCheck(e, args[0]) },
	}
	var ro resourcesOpts
	resources := &cobra.Command{
		Use:   "resources",
		Short: "list the knowledge base behind each statement",
		Long: `Lists the resources behind each statement (standards, how it is measured,
guidance, blueprints and templates) with their web addresses, measure by
measure, for the default framework or the one --criteria names.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runCriteriaResources(e, ro) },
	}
	resources.Flags().StringVar(&ro.measure, "measure", "", "only the measure with this `KEY` or name (such as well-led)")
	resources.Flags().StringVar(&ro.spec, "criteria", "", criteriaSpecHelp)
	return groupCmd("criteria", "list, print or check criteria, and list their resources",
		"Lists the built-in frameworks (list), prints one (dump), validates a criteria file (check) and lists the resources behind each statement (resources).",
		list, dump, check, resources)
}

func runCriteriaList(e *env) error {
	for _, b := range criteria.Builtins() {
		c, _, err := criteria.BuiltinNamed(b.Name)
		if err != nil {
			return err
		}
		name := b.Name
		if b.Default {
			name += " (default)"
		}
		fmt.Fprintf(e.stdout, "%-21s %s, version %s: %d measures, %d statements\n", name, c.Framework.Name, c.Framework.Version,
			len(c.Measures), c.StatementCount(criteria.Organisation)+c.StatementCount(criteria.ICS))
		fmt.Fprintf(e.stdout, "%-21s %s\n", "", b.Summary)
	}
	return nil
}

func runCriteriaCheck(e *env, file string) error {
	c, _, err := criteria.LoadFile(file)
	if err != nil {
		return err
	}
	n, res, lists := 0, 0, 0
	for _, m := range c.Measures {
		n += len(m.Statements)
		for _, s := range m.Statements {
			res += len(s.Resources)
			if s.HasChecklist() {
				lists++
			}
		}
	}
	fmt.Fprintf(e.stdout, "%s: ok: %d measures, %d statements, scale 1-%d, %d resources, %d checklists, %d mapping entries\n",
		file, len(c.Measures), n, c.MaxLevel(), res, lists, len(c.Mapping))
	return nil
}

type resourcesOpts struct {
	measure string
	spec    string
}

func runCriteriaResources(e *env, o resourcesOpts) error {
	c, _, err := criteria.Resolve(o.spec)
	if err != nil {
		return err
	}
	measures := c.Measures
	if o.measure != "" {
		m, ok := c.FindMeasure(o.measure)
		if !ok {
			keys := make([]string, len(c.Measures))
			for i, m := range c.Measures {
				keys[i] = m.Key
			}
			return usagef("criteria resources: no measure %q; use one of %s", o.measure, strings.Join(keys, ", "))
		}
		measures = []criteria.Measure{m}
	}
	for i, m := range measures {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		fmt.Fprintf(e.stdout, "%s (%s)\n", m.Name, m.Key)
		for _, s := range m.Statements {
			if len(s.Resources) == 0 {
				continue
			}
			fmt.Fprintf(e.stdout, "  %s  %s\n", s.ID, s.Text)
			for _, r := range s.Resources {
				fmt.Fprintf(e.stdout, "    %s: %s\n      %s\n", r.Kind.Title(), r.Title, r.URL)
				if r.Note != "" {
					fmt.Fprintf(e.stdout, "      %s\n", r.Note)
				}
			}
		}
	}
	return nil
}
