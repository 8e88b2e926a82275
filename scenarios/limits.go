package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
	"unicode/utf8"
)

// MaxFileBytes is the largest scenario file Load reads (4 MiB; the
// largest library scenario is a few KB). Only regular files are read,
// following symbolic links: a device, a named pipe or a directory is
// refused before anything is read from it, and so is a file, the parent
// of an extends chain included, that is larger.
const MaxFileBytes = 4 << 20

// errNotRegular and errTooLarge are the reasons readScenarioFile refuses
// a file.
var (
	errNotRegular = errors.New("not a regular file")
	errTooLarge   = fmt.Errorf("larger than 4 MiB (%d bytes)", MaxFileBytes)
)

// readScenarioFile reads the scenario file at path: a regular file of at
// most MaxFileBytes. It never blocks on a named pipe and never reads past
// the limit, whatever the file says its size is.
func readScenarioFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regular(fi); err != nil {
		return nil, err
	}
	// O_NONBLOCK: a file swapped for a named pipe after the Stat must not
	// block the open; the Stat of the open file then refuses it.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := regular(fi); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, errTooLarge
	}
	return data, nil
}

// regular refuses what is not a regular file of at most MaxFileBytes.
func regular(fi fs.FileInfo) error {
	m := fi.Mode()
	switch {
	case m.IsDir():
		return fmt.Errorf("%w: a directory", errNotRegular)
	case m&fs.ModeNamedPipe != 0:
		return fmt.Errorf("%w: a named pipe", errNotRegular)
	case m&fs.ModeSocket != 0:
		return fmt.Errorf("%w: a socket", errNotRegular)
	case m&fs.ModeDevice != 0:
		return fmt.Errorf("%w: a device", errNotRegular)
	case !m.IsRegular():
		return errNotRegular
	case fi.Size() > MaxFileBytes:
		return errTooLarge
	}
	return nil
}

// notText returns a problem when data is not UTF-8 text without NUL
// bytes: not a scenario, and not to be quoted in a message (it may be
// anything, /proc/self/environ for one).
func notText(file string, data []byte) *Problem {
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return &Problem{File: file, Msg: "is not a scenario: a scenario is a TOML text file (UTF-8), and this file holds binary data"}
	}
	return nil
}
