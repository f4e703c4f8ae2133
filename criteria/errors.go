package criteria

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with a criteria file, placed at the line where
// it can be fixed.
type Problem struct {
	// File is the name the file was read under; it may be empty.
	File string
	// Line is the 1-based line of the problem, or 0 when it has no line
	// (as for criteria built in code and checked with Validate).
	Line int
	// Msg says what is wrong and how to fix it.
	Msg string
}

// String formats the problem as FILE:LINE: message, leaving out whatever is
// unknown.
func (p Problem) String() string {
	switch {
	case p.File != "" && p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	case p.File != "":
		return fmt.Sprintf("%s: %s", p.File, p.Msg)
	case p.Line > 0:
		return fmt.Sprintf("line %d: %s", p.Line, p.Msg)
	}
	return p.Msg
}

// maxShownProblems bounds Error so that a badly broken file does not flood
// the terminal; Problems always holds every one.
const maxShownProblems = 50

// ValidationError reports every problem found in a criteria file, sorted by
// line. Use errors.As to reach the individual problems.
type ValidationError struct {
	Problems []Problem
}

// Error gives one "FILE:LINE: what is wrong" line per problem.
func (e *ValidationError) Error() string {
	if len(e.Problems) == 0 {
		return "invalid criteria"
	}
	var b strings.Builder
	for i, p := range e.Problems {
		if i == maxShownProblems {
			more := Problem{File: p.File, Msg: fmt.Sprintf("and %d more problems; fix the ones above first", len(e.Problems)-i)}
			b.WriteString("\n")
			b.WriteString(more.String())
			break
		}
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// newValidationError sorts problems by line, keeping the order they were
// found in within a line, and returns nil when there are none.
func newValidationError(problems []Problem) error {
	if len(problems) == 0 {
		return nil
	}
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].Line < problems[j].Line })
	return &ValidationError{Problems: problems}
}
