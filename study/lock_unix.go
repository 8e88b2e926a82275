//go:build unix

package study

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// dirLock is an exclusive lock on a study directory.
type dirLock struct{ f *os.File }

// lockDir takes the exclusive lock of dir (flock(2) on the directory
// itself, so that it outlives the state directory it describes). The
// kernel releases it when the process ends, however it ends: a lock is
// never stale. A directory locked by another process returns an error
// wrapping ErrLocked that names the holder.
func lockDir(dir string) (*dirLock, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s %w %s; wait for it to end or choose another directory", dir, ErrLocked, describeHolder(dir))
		}
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	return &dirLock{f: f}, nil
}

// release releases the lock.
func (l *dirLock) release() { l.f.Close() }
