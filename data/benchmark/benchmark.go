// Package benchmark holds the national Digital Maturity Assessment (DMA)
// results a board compares its self-assessment with: the built-in 2025
// national means, embedded as data, and an importer for NHS England's
// published results workbook.
//
// Every figure here is on the DMA's own 1 to 5 scale, which resembles but is
// not the same as this workbook's scale; screens and reports must say so.
package benchmark

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"wgll/model"
)

//go:embed national-2025.csv
var national2025CSV []byte

// Published is a DMA results file as read by Import: national, per-setting
// and per-ICS means and every provider's published pillar scores.
type Published = model.Benchmark

// ScaleNote is the label every display of DMA figures carries.
const ScaleNote = "DMA scale: NHS England Digital Maturity Assessment scores, 1 to 5; not this workbook's scores"

var (
	builtinOnce sync.Once
	builtin     *model.Benchmark
	builtinErr  error
)

// National2025 returns the built-in 2025 national means per care setting
// (all secondary care, acute, community, mental health, ambulance and ICBs).
// Each call returns a fresh copy the caller may change.
func National2025() *model.Benchmark {
	builtinOnce.Do(func() { builtin, builtinErr = parseNational(national2025CSV, 2025) })
	if builtinErr != nil {
		// The file is embedded and checked by the tests; this cannot happen
		// in a released build.
		panic(builtinErr)
	}
	return clone(builtin)
}

// parseNational reads a national means CSV: a header naming the setting,
// entry count and measure keys, then one row per care setting.
func parseNational(raw []byte, year int) (*model.Benchmark, error) {
	r := csv.NewReader(bytes.NewReader(raw))
	r.Comment = '#'
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read national means: %w", err)
	}
	if len(rows) < 2 || len(rows[0]) < 3 || rows[0][0] != "setting" || rows[0][1] != "entries" {
		return nil, fmt.Errorf("read national means: header must be setting,entries and then the measure keys")
	}
	keys := rows[0][2:]
	b := &model.Benchmark{Year: year, Source: fmt.Sprintf("NHS England, Digital Maturity Assessment %d Data Report (built in)", year),
		National: map[model.CareSetting]model.Means{}, ICS: map[string]model.Means{}}
	for i, row := range rows[1:] {
		s, ok := model.ParseCareSetting(row[0])
		if !ok {
			return nil, fmt.Errorf("read national means: row %d: unknown care setting %q", i+2, row[0])
		}
		n, err := strconv.Atoi(row[1])
		if err != nil {
			return nil, fmt.Errorf("read national means: row %d: entries %q is not a number", i+2, row[1])
		}
		m := model.Means{Setting: s, Entries: n, Scores: model.MeasureScores{}}
		for j, k := range keys {
			v, err := strconv.ParseFloat(strings.TrimSpace(row[j+2]), 64)
			if err != nil {
				return nil, fmt.Errorf("read national means: row %d: %s %q is not a number", i+2, k, row[j+2])
			}
			m.Scores[k] = v
		}
		b.National[s] = m
	}
	return b, nil
}

func clone(b *model.Benchmark) *model.Benchmark {
	c := *b
	c.National = make(map[model.CareSetting]model.Means, len(b.National))
	for k, m := range b.National {
		m.Scores = cloneScores(m.Scores)
		c.National[k] = m
	}
	c.ICS = make(map[string]model.Means, len(b.ICS))
	for k, m := range b.ICS {
		m.Scores = cloneScores(m.Scores)
		c.ICS[k] = m
	}
	c.Providers = append([]model.ProviderScores(nil), b.Providers...)
	return &c
}

func cloneScores(s model.MeasureScores) model.MeasureScores {
	out := make(model.MeasureScores, len(s))
	for k, v := range s {
		out[k] = v
	}
	return out
}

// PillarName is the DMA's name for the measure with our key key ("Support
// Workforce" for support-people), or key itself if it is not one of the
// seven.
func PillarName(key string) string {
	for i, k := range model.MeasureKeys {
		if k == key {
			return dmaPillars[i]
		}
	}
	return key
}
