package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"wgll/model"
)

// exportCall is one call of a fake exporter.
type exportCall struct {
	what, format, path string
	org                string
	a                  *model.Assessment
}

func TestExportDialog(t *testing.T) {
	const base = "./northshire-hospitals-nhs-ft-2026-27-"
	tests := []struct {
		name     string
		keys     []string
		typed    string
		after    []string
		warnings []string
		err      error
		want     *exportCall // nil: nothing exported
		status   string
	}{
		{"defaults write the action list as xlsx", []string{"x", "enter", "enter", "enter"}, "", nil, nil, nil,
			&exportCall{what: "actions", format: "xlsx", path: base + "actions.xlsx"}, "Wrote the action list (xlsx) to "},
		{"board report defaults to pdf", []string{"x", "right", "tab", "tab", "enter"}, "", nil, nil, nil,
			&exportCall{what: "report", format: "pdf", path: base + "report.pdf"}, "Wrote the board report (pdf) to "},
		{"format change renames the file", []string{"x", "tab", "right", "tab", "enter"}, "", nil, nil, nil,
			&exportCall{what: "actions", format: "md", path: base + "actions.md"}, "(md)"},
		{"a typed path survives a format change", []string{"x", "tab", "tab", "ctrl+u"}, "/tmp/out/board.md", []string{"shift+tab", "right", "right", "ctrl+s"}, nil, nil,
			&exportCall{what: "actions", format: "json", path: "/tmp/out/board.md"}, "to /tmp/out/board.md"},
		{"warnings are reported", []string{"x", "ctrl+s"}, "", nil, []string{"cell D4 split: 40000 characters"}, nil,
			&exportCall{what: "actions", format: "xlsx", path: base + "actions.xlsx"}, "cell D4 split: 40000 characters"},
		{"errors reach the status line", []string{"x", "ctrl+s"}, "", nil, nil, errors.New("open ./x.xlsx: permission denied"),
			&exportCall{what: "actions", format: "xlsx", path: base + "actions.xlsx"}, "✗ export the action list: open ./x.xlsx: permission denied"},
		{"esc cancels", []string{"x", "esc"}, "", nil, nil, nil, nil, "Cancelled"},
		{"an empty path is refused", []string{"x", "tab", "tab", "ctrl+u", "enter"}, "", nil, nil, nil, nil, "say where to save the file"},
		{"a folder is refused", []string{"x", "tab", "tab", "ctrl+u"}, "/tmp/", []string{"enter"}, nil, nil, nil, "/tmp/ is a folder: add a file name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := seeded(t)
			var calls []exportCall
			hs := newHarness(t, f, 160, 30, func(c *Config) {
				c.Export = func(ctx context.Context, r ExportRequest) ([]string, error) {
					a, what, format, path := r.Assessment, r.What, r.Format, r.Path
					calls = append(calls, exportCall{what: what, format: format, path: path, org: a.Organisation, a: a})
					return tt.warnings, tt.err
				}
			})
			hs.keys(tt.keys...)
			if tt.typed != "" && (hs.app.topForm() == nil || hs.app.topForm().kind != formExport) {
				t.Fatalf("no export dialog after %v:\n%s", tt.keys, hs.text())
			}
			hs.typeText(tt.typed)
			hs.keys(tt.after...)
			if tt.want == nil {
				if len(calls) != 0 {
					t.Fatalf("exported %+v", calls)
				}
			} else {
				if len(calls) != 1 {
					t.Fatalf("calls = %+v\n%s", calls, hs.text())
				}
				got := calls[0]
				if got.what != tt.want.what || got.format != tt.want.format || got.path != tt.want.path {
					t.Errorf("exported %s %s %s, want %s %s %s", got.what, got.format, got.path, tt.want.what, tt.want.format, tt.want.path)
				}
				if got.a == hs.app.a || got.org != "Northshire Hospitals NHS FT" {
					t.Error("the exporter must get its own copy of the open assessment")
				}
			}
			if len(tt.warnings) > 0 && (hs.app.testNotice() == nil || !strings.Contains(hs.text(), "(xlsx, 1 warning(s)) to")) {
				t.Errorf("warnings not counted and listed:\n%s", hs.text())
			}
			if !strings.Contains(hs.text(), tt.status) {
				t.Errorf("view lacks %q:\n%s", tt.status, hs.text())
			}
			if tt.want != nil && tt.err == nil {
				abs, _ := filepath.Abs(tt.want.path)
				if !strings.Contains(hs.text(), abs) {
					t.Errorf("status does not say where the file went (%s):\n%s", abs, hs.text())
				}
			}
		})
	}
}

func TestExportRemembersLastChoice(t *testing.T) {
	f, _ := seeded(t)
	var paths []string
	hs := newHarness(t, f, 100, 30, func(c *Config) {
		c.Export = func(ctx context.Context, r ExportRequest) ([]string, error) {
			paths = append(paths, r.What+" "+r.Format+" "+r.Path)
			return nil, nil
		}
	})
	hs.keys("x", "right", "tab", "right", "ctrl+s", "x", "ctrl+s")
	want := "report md ./northshire-hospitals-nhs-ft-2026-27-report.md"
	if len(paths) != 2 || paths[0] != want || paths[1] != want {
		t.Errorf("exports = %q, want twice %q", paths, want)
	}
}

func TestExportUnavailable(t *testing.T) {
	f, _ := seeded(t)
	hs := newHarness(t, f, 80, 24)
	hs.keys("enter", "x")
	if hs.app.testNotice() == nil || !strings.Contains(hs.text(), "Export is not available") {
		t.Fatalf("no notice:\n%s", hs.text())
	}
	hs.keys("3")
	if f.assessments[1].Score("WL-O1") != 2 {
		t.Fatal("a key reached the screen under the notice")
	}
	hs.keys("esc")
	if hs.app.testNotice() != nil || hs.app.screen != screenMeasure {
		t.Fatalf("esc did not close the notice: screen %v", hs.app.screen)
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Northshire Hospitals NHS FT", "northshire-hospitals-nhs-ft"},
		{"2026/27", "2026-27"},
		{"  St. Mary's — Trust ", "st-mary-s-trust"},
		{"\x1b[2J../../etc", "etc"},
		{"Org\x1b]0;pwned\x07 Trust", "org-trust"},
		{"", "assessment"},
		{"日本", "assessment"},
	}
	for _, tt := range tests {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestExportCompareAndTrend: x on the compare and trend screens exports
// what they show (it could only export the action list or the report).
func TestExportCompareAndTrend(t *testing.T) {
	for _, tt := range []struct {
		name, screenKey, what string
	}{{"compare", "c", "compare"}, {"trend", "t", "trend"}} {
		t.Run(tt.name, func(t *testing.T) {
			f := threeYears(t)
			var got []ExportRequest
			hs := newHarness(t, f, 120, 40, func(c *Config) {
				c.Export = func(ctx context.Context, r ExportRequest) ([]string, error) {
					got = append(got, r)
					return nil, nil
				}
			})
			hs.keys("G", "enter", tt.screenKey)
			if tt.screenKey == "c" {
				hs.keys("enter")
			}
			want := screenCompare
			if tt.what == "trend" {
				want = screenTrend
			}
			if hs.app.screen != want {
				t.Fatalf("not on the %s screen:\n%s", tt.name, hs.text())
			}
			hs.keys("x")
			if !strings.Contains(hs.text(), exportSubjectDisplay[tt.what]) || !strings.Contains(hs.text(), "pdf") {
				t.Fatalf("the dialog does not offer the %s as PDF:\n%s", tt.name, hs.text())
			}
			hs.keys("ctrl+s")
			if len(got) != 1 {
				t.Fatalf("exports = %+v\n%s", got, hs.text())
			}
			r := got[0]
			if r.What != tt.what || r.Format != "pdf" || !strings.HasSuffix(r.Path, "-"+tt.what+".pdf") {
				t.Errorf("exported %s %s %s, want %s as pdf", r.What, r.Format, r.Path, tt.what)
			}
			switch tt.what {
			case "compare":
				if r.Comparison == nil || r.Comparison.To.ID != hs.app.sc.compare.cmp.To.ID {
					t.Errorf("the comparison shown was not passed: %+v", r.Comparison)
				}
			case "trend":
				if r.Trend == nil || len(r.Trend.Periods) != len(hs.app.sc.trend.trend.Periods) {
					t.Errorf("the trend shown was not passed: %+v", r.Trend)
				}
			}
			// The overview's dialog does not offer them.
			hs.keys("esc", "x")
			if f := hs.app.topForm(); f == nil || slices.Contains(f.fields[0].choices, tt.what) || f.fields[0].value() != "actions" {
				t.Errorf("the overview's dialog offers the %s or does not start on the action list:\n%s", tt.what, hs.text())
			}
		})
	}
}

// TestExportAsksBeforeReplacing: an existing file was replaced without a
// word.
func TestExportAsksBeforeReplacing(t *testing.T) {
	f, _ := seeded(t)
	path := filepath.Join(t.TempDir(), "board.xlsx")
	if err := os.WriteFile(path, []byte("last month's pack"), 0o644); err != nil {
		t.Fatal(err)
	}
	calls := 0
	hs := newHarness(t, f, 160, 30, func(c *Config) {
		c.Export = func(ctx context.Context, r ExportRequest) ([]string, error) {
			calls++
			return nil, nil
		}
	})
	hs.keys("x", "tab", "tab", "ctrl+u")
	hs.typeText(path)
	hs.keys("enter")
	if calls != 0 || !strings.Contains(hs.text(), "Replace board.xlsx?") {
		t.Fatalf("no question before replacing (calls %d):\n%s", calls, hs.text())
	}
	hs.keys("n")
	if calls != 0 || hs.app.topForm() == nil || hs.app.topForm().kind != formExport {
		t.Fatalf("n did not go back to the form (calls %d):\n%s", calls, hs.text())
	}
	hs.keys("enter", "y")
	if calls != 1 || hs.app.topForm() != nil {
		t.Fatalf("y did not export (calls %d):\n%s", calls, hs.text())
	}
	// A new file is written without a question.
	hs.keys("x", "tab", "tab", "ctrl+u")
	hs.typeText(filepath.Join(filepath.Dir(path), "new.xlsx"))
	hs.keys("enter")
	if calls != 2 {
		t.Errorf("a new file asked or failed (calls %d):\n%s", calls, hs.text())
	}
}
