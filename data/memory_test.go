package data

import (
	"database/sql"
	"testing"
)

// TestConnectionsHaveBoundedPageCache checks issue 16's fix: every
// connection of a Store, the writer and each reader the pool opens, has the
// bounded page cache (PRAGMA cache_size is -cacheKiB, not SQLite's default
// -2000), and the pool keeps no more than maxIdleConns readers idle.
func TestConnectionsHaveBoundedPageCache(t *testing.T) {
	s := openT(t, newDB(t), "ann")
	want := int64(-cacheKiB)
	var got int64
	if err := writerT(t, s).QueryRowContext(ctx, "PRAGMA cache_size").Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("writer's cache_size = %d, want %d", got, want)
	}
	// Hold several readers at once so the pool opens new connections.
	var conns []*sql.Conn
	for range 4 {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		if err := c.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("reader %d's cache_size = %d, want %d", len(conns), got, want)
		}
	}
	for _, c := range conns {
		c.Close()
	}
	if st := s.db.Stats(); st.Idle > maxIdleConns {
		t.Errorf("%d idle connections after the readers were returned, want at most %d", st.Idle, maxIdleConns)
	}
}

// writerT is s's write connection, opened if need be.
func writerT(t *testing.T, s *Store) *sql.Conn {
	t.Helper()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	w, err := s.writer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return w
}
