package study

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
)

// ErrNotRegular is returned by the atomic writes when the destination
// exists and is not a regular file (a device, a FIFO, a directory, a
// socket) or is a symbolic link to nothing: those are never replaced.
var ErrNotRegular = errors.New("is not a regular file; only regular files are written")

// tempInfix marks the temporary files of the atomic writes:
// ".NAME.precinct-tmpDIGITS" beside NAME. Nothing else is named so, which
// lets cleanTemps remove those a kill left behind and nothing else.
const tempInfix = ".precinct-tmp"

var tempName = regexp.MustCompile(`^\..+\.precinct-tmp[0-9]+$`)

// WriteFileAtomic writes data to path through a temporary file in the same
// directory and a rename, so that a reader (or a crash) never sees a
// half-written file. A symbolic link is followed: the file it points to
// is replaced, keeping its permissions, and the link stays. A destination
// that is not a regular file returns an error wrapping ErrNotRegular.
func WriteFileAtomic(path string, data []byte) error {
	return writeAtomic(path, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(data))
		return err
	})
}

// destination returns the file that writing path replaces (path, or the
// file a symbolic link at path points to) and the permissions it gets:
// those of the file it replaces, else 0644.
func destination(path string) (string, fs.FileMode, error) {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, 0o644, nil
	}
	if err != nil {
		return "", 0, fmt.Errorf("writing %s: %w", path, err)
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			return "", 0, fmt.Errorf("writing %s: a symbolic link that leads nowhere (%w) %w", path, err, ErrNotRegular)
		}
		if fi, err = os.Stat(target); err != nil {
			return "", 0, fmt.Errorf("writing %s: %w", path, err)
		}
		path = target
	}
	if !fi.Mode().IsRegular() {
		return "", 0, fmt.Errorf("writing %s: %s %w", path, fileKind(fi.Mode()), ErrNotRegular)
	}
	return path, fi.Mode().Perm(), nil
}

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// writeAtomic writes what fill writes to path through a temporary file in
// the same directory and a rename.
func writeAtomic(path string, fill func(io.Writer) error) (err error) {
	path, perm, err := destination(path)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+tempInfix+"*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = fill(f); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = os.Chmod(f.Name(), perm); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	point("rename " + filepath.Base(path))
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// cleanTemps removes the temporary files of atomic writes that a kill
// left in dir and, depth levels down, in its subdirectories (the
// scenarios, the charts, the state directory).
func cleanTemps(dir string, depth int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("reading %s: %w", dir, err)
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		switch {
		case e.IsDir() && depth > 0:
			err = cleanTemps(path, depth-1)
		case !e.IsDir() && tempName.MatchString(e.Name()):
			err = os.Remove(path)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// copyAtomic copies src to dst through a temporary file and a rename.
func copyAtomic(src, dst string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("reading %s: %w", src, err)
	}
	defer in.Close()
	return writeAtomic(dst, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}

// writeCSVAtomic writes header and the rows that rows produces to path,
// atomically.
func writeCSVAtomic(path string, header []string, rows func(write func([]string) error) error) error {
	return writeAtomic(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		if err := cw.Write(header); err != nil {
			return err
		}
		if err := rows(cw.Write); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	})
}

// writeJSON writes v as indented JSON to path, atomically.
func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding %s: %w", filepath.Base(path), err)
	}
	return WriteFileAtomic(path, append(b, '\n'))
}
