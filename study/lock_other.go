//go:build !unix

package study

// dirLock stands for the lock of a study directory where the system has
// no flock(2) (Windows): there, as README says, nothing stops two
// processes from writing one directory.
type dirLock struct{}

func lockDir(string) (*dirLock, error) { return &dirLock{}, nil }

func (*dirLock) release() {}
