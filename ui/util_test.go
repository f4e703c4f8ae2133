package ui

import (
	"fmt"

	"github.com/charmbracelet/x/ansi"
)

func sprintT(v any) string { return fmt.Sprintf("%T", v) }

func lipWidth(s string) int { return ansi.StringWidth(s) }
