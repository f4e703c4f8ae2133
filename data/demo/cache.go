package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"wgll/data"
)

// ContentVersion changes whenever the generated content changes, so that a
// cached workbook from an older build is never measured by mistake. Bump it
// with any edit to content.go or plan.go, or to the built-in criteria the
// demo is made from (2: wgll-2021.2, with checklists and 95 statements;
// 3: the xl size).
const ContentVersion = 3

var (
	cacheMu   sync.Mutex
	cachePath = map[Size]string{}
)

// Cached returns the path of a demo workbook of the given size that is
// built once per machine and reused: under os.TempDir, keyed by
// ContentVersion and the store's schema fingerprint, so repeated benchmark runs
// do not rebuild it. The small demo is dated LargeNow so it too is always
// the same.
//
// The cached file is shared by every process and must never be opened for
// writing; use CopyCached to get a private copy to open.
func Cached(ctx context.Context, size Size) (string, error) {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if p, ok := cachePath[size]; ok {
		return p, nil
	}
	dir := filepath.Join(os.TempDir(), "wgll-demo-cache")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create the demo cache folder: %w", err)
	}
	name := fmt.Sprintf("%s-v%d-schema%s.db", size, ContentVersion, data.SchemaFingerprint())
	path := filepath.Join(dir, name)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		// Several test processes may race to build it; each builds its
		// own file and the first to publish wins.
		own := filepath.Join(dir, name+"."+strconv.Itoa(os.Getpid())+".tmp")
		removeWorkbook(own)
		_, err := Write(ctx, own, Options{Size: size, User: "demo", Now: LargeNow})
		if err != nil {
			removeWorkbook(own)
			return "", fmt.Errorf("build the cached %s demo: %w", size, err)
		}
		if err := os.Link(own, path); err != nil && !errors.Is(err, fs.ErrExist) {
			removeWorkbook(own)
			return "", fmt.Errorf("publish the cached %s demo: %w", size, err)
		}
		removeWorkbook(own)
	} else if err != nil {
		return "", fmt.Errorf("look for the cached %s demo: %w", size, err)
	}
	cachePath[size] = path
	return path, nil
}

// CopyCached copies the cached demo workbook of the given size to dst (which
// must not exist). The cached file is only ever read after it is
// published, so copying it with package os is safe.
func CopyCached(ctx context.Context, size Size, dst string) error {
	src, err := Cached(ctx, size)
	if err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("open the cached demo: %w", err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("copy the cached demo: %w", err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy the cached demo to %s: %w", dst, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("copy the cached demo to %s: %w", dst, err)
	}
	return nil
}
