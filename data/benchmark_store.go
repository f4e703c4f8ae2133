package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"wgll/model"
)

// SaveBenchmark stores an imported DMA benchmark (national, per-setting and
// per-ICS means and every provider's published scores), replacing any
// earlier import of the same year, in one transaction.
func (s *Store) SaveBenchmark(ctx context.Context, b *model.Benchmark) error {
	if b == nil || b.Year <= 0 {
		return invalid("the benchmark has no year; import NHS England's DMA results workbook")
	}
	return s.Bulk(ctx, func(bt *Batch) error {
		tx := bt.tx
		if _, err := tx.ExecContext(ctx, `DELETE FROM benchmark_imports WHERE year = ?`, b.Year); err != nil {
			return fmt.Errorf("replace the %d benchmark: %w", b.Year, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO benchmark_imports (year, source, imported_by, imported_at) VALUES (?, ?, ?, ?)`,
			b.Year, b.Source, s.user, formatTime(s.nowUTC())); err != nil {
			return fmt.Errorf("record the %d benchmark: %w", b.Year, err)
		}
		insMean, err := bt.stmt(`INSERT INTO benchmark_means (year, group_kind, group_name, entries, measure_key, mean) VALUES (?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		insScore, err := bt.stmt(`INSERT INTO benchmark_provider_scores (year, region, ics, provider, care_setting, measure_key, score) VALUES (?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		insOverall, err := bt.stmt(`INSERT INTO benchmark_provider_overall (year, provider, care_setting, dma_year, score) VALUES (?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		means := func(kind, name string, m model.Means) error {
			for k, v := range m.Scores {
				if _, err := insMean.ExecContext(ctx, b.Year, kind, name, m.Entries, k, v); err != nil {
					return fmt.Errorf("store the %s means of %s: %w", kind, name, err)
				}
			}
			return nil
		}
		for st, m := range b.National {
			if err := means("setting", string(st), m); err != nil {
				return err
			}
		}
		for name, m := range b.ICS {
			if err := means("ics", name, m); err != nil {
				return err
			}
		}
		for _, p := range b.Providers {
			for k, v := range p.Scores {
				if _, err := insScore.ExecContext(ctx, b.Year, p.Region, p.ICS, p.Provider, string(p.Setting), k, v); err != nil {
					return fmt.Errorf("store the scores of %s (%s): %w", p.Provider, p.Setting, err)
				}
			}
			for y, v := range p.Comparable {
				if _, err := insOverall.ExecContext(ctx, b.Year, p.Provider, string(p.Setting), y, v); err != nil {
					return fmt.Errorf("store the overall scores of %s (%s): %w", p.Provider, p.Setting, err)
				}
			}
		}
		return nil
	})
}

// Benchmark returns the stored benchmark of a DMA year, or of the newest
// year stored when year is 0. It returns an error wrapping ErrNotFound when
// none has been imported.
func (s *Store) Benchmark(ctx context.Context, year int) (*model.Benchmark, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("load the benchmark: %w", err)
	}
	defer tx.Rollback()
	b := &model.Benchmark{National: map[model.CareSetting]model.Means{}, ICS: map[string]model.Means{}}
	q := `SELECT year, source FROM benchmark_imports WHERE year = ?`
	args := []any{year}
	if year == 0 {
		q, args = `SELECT year, source FROM benchmark_imports ORDER BY year DESC LIMIT 1`, nil
	}
	err = tx.QueryRowContext(ctx, q, args...).Scan(&b.Year, &b.Source)
	if errors.Is(err, sql.ErrNoRows) {
		what := "no DMA benchmark has been imported"
		if year != 0 {
			what = fmt.Sprintf("no %d DMA benchmark has been imported", year)
		}
		return nil, fmt.Errorf("%s into %s; run 'wgll benchmark import FILE.xlsx': %w", what, s.path, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("load the benchmark: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT group_kind, group_name, entries, measure_key, mean FROM benchmark_means WHERE year = ?`, b.Year)
	if err != nil {
		return nil, fmt.Errorf("load the %d benchmark means: %w", b.Year, err)
	}
	for rows.Next() {
		var kind, name, key string
		var n int
		var v float64
		if err := rows.Scan(&kind, &name, &n, &key, &v); err != nil {
			rows.Close()
			return nil, fmt.Errorf("load the %d benchmark means: %w", b.Year, err)
		}
		var m model.Means
		if kind == "ics" {
			m = b.ICS[name]
			m.ICS = name
		} else {
			m = b.National[model.CareSetting(name)]
			m.Setting = model.CareSetting(name)
		}
		m.Entries = n
		if m.Scores == nil {
			m.Scores = model.MeasureScores{}
		}
		m.Scores[key] = v
		if kind == "ics" {
			b.ICS[name] = m
		} else {
			b.National[model.CareSetting(name)] = m
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load the %d benchmark means: %w", b.Year, err)
	}
	type pk struct{ provider, setting string }
	index := map[pk]int{}
	rows, err = tx.QueryContext(ctx, `SELECT region, ics, provider, care_setting, measure_key, score FROM benchmark_provider_scores WHERE year = ? ORDER BY rowid`, b.Year)
	if err != nil {
		return nil, fmt.Errorf("load the %d provider scores: %w", b.Year, err)
	}
	for rows.Next() {
		var p model.ProviderScores
		var setting, key string
		var v float64
		if err := rows.Scan(&p.Region, &p.ICS, &p.Provider, &setting, &key, &v); err != nil {
			rows.Close()
			return nil, fmt.Errorf("load the %d provider scores: %w", b.Year, err)
		}
		k := pk{p.Provider, setting}
		i, ok := index[k]
		if !ok {
			p.Setting, p.Scores = model.CareSetting(setting), model.MeasureScores{}
			i = len(b.Providers)
			index[k] = i
			b.Providers = append(b.Providers, p)
		}
		b.Providers[i].Scores[key] = v
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load the %d provider scores: %w", b.Year, err)
	}
	rows, err = tx.QueryContext(ctx, `SELECT provider, care_setting, dma_year, score FROM benchmark_provider_overall WHERE year = ?`, b.Year)
	if err != nil {
		return nil, fmt.Errorf("load the %d overall scores: %w", b.Year, err)
	}
	defer rows.Close()
	for rows.Next() {
		var provider, setting string
		var y int
		var v float64
		if err := rows.Scan(&provider, &setting, &y, &v); err != nil {
			return nil, fmt.Errorf("load the %d overall scores: %w", b.Year, err)
		}
		if i, ok := index[pk{provider, setting}]; ok {
			if b.Providers[i].Comparable == nil {
				b.Providers[i].Comparable = map[int]float64{}
			}
			b.Providers[i].Comparable[y] = v
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load the %d overall scores: %w", b.Year, err)
	}
	return b, nil
}
