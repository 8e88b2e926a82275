package study

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ErrLocked is returned by Execute and Resume when another process is
// writing the study directory.
var ErrLocked = errors.New("is being written by another precinct process")

// lockFile, in the state directory, names the process that holds the lock
// of a study directory. The lock itself is the operating system's
// (lockDir); the file only says who holds it, and one left by a process
// that has ended is simply overwritten by the next.
const lockFile = "lock"

// holder is the content of the lock file.
type holder struct {
	PID     int    `json:"pid"`
	Host    string `json:"host"`
	Started string `json:"started"` // RFC 3339
	Command string `json:"command"` // the command line
}

// writeHolder records this process as the holder of the lock in the
// state directory.
func writeHolder(state string) error {
	host, _ := os.Hostname()
	h := holder{PID: os.Getpid(), Host: host, Started: time.Now().UTC().Format(time.RFC3339), Command: strings.Join(os.Args, " ")}
	return writeJSON(filepath.Join(state, lockFile), h)
}

// describeHolder says who holds the lock of dir, as far as its lock file
// tells.
func describeHolder(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, stateDir, lockFile))
	var h holder
	if err != nil || json.Unmarshal(data, &h) != nil || h.PID == 0 {
		return "(which one is not recorded yet)"
	}
	return fmt.Sprintf("(pid %d on %s, since %s: %s)", h.PID, h.Host, h.Started, h.Command)
}
