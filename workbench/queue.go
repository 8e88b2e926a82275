package workbench

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/precinct-sim/precinct/report"
	"github.com/precinct-sim/precinct/study"
)

// The states of a job.
const (
	stateQueued    = "queued"
	stateRunning   = "running"
	stateDone      = "done"
	stateCancelled = "cancelled"
	stateFailed    = "failed"
)

// maxQueued is how many studies may wait at once; more are refused with
// a message rather than piled up.
const maxQueued = 16

// job is one study the server runs into a directory of its data
// directory.
type job struct {
	id, dir string
	st      *study.Study

	mu          sync.Mutex
	state       string
	done, total int
	err         string
	cancel      context.CancelFunc
	watchers    map[chan struct{}]bool
}

// status is what a page and the event stream say of a job.
type status struct {
	ID    string `json:"id"`
	State string `json:"state"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
	Ahead int    `json:"ahead"` // studies queued before it
	Error string `json:"error,omitempty"`
}

func (j *job) status() status {
	j.mu.Lock()
	defer j.mu.Unlock()
	return status{ID: j.id, State: j.state, Done: j.done, Total: j.total, Error: j.err}
}

// watch returns a channel told of every change of the job, and the
// function that stops it.
func (j *job) watch() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	j.mu.Lock()
	j.watchers[ch] = true
	j.mu.Unlock()
	return ch, func() {
		j.mu.Lock()
		delete(j.watchers, ch)
		j.mu.Unlock()
	}
}

// update changes the job under its lock and tells the watchers.
func (j *job) update(f func()) {
	j.mu.Lock()
	f()
	for ch := range j.watchers {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
	j.mu.Unlock()
}

// queue runs jobs one at a time, in the order given.
type queue struct {
	mu      sync.Mutex
	jobs    map[string]*job
	waiting []*job
	wake    chan struct{}
	workers int
}

func newQueue(workers int) *queue {
	return &queue{jobs: map[string]*job{}, wake: make(chan struct{}, 1), workers: workers}
}

// errQueueFull refuses a study when maxQueued wait already.
var errQueueFull = fmt.Errorf("%d studies are already waiting: wait for one to finish, or cancel one", maxQueued)

// add queues a study into dir under id.
func (q *queue) add(id, dir string, st *study.Study) (*job, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.waiting) >= maxQueued {
		return nil, errQueueFull
	}
	j := &job{id: id, dir: dir, st: st, state: stateQueued, total: st.Total(), watchers: map[chan struct{}]bool{}}
	q.jobs[id] = j
	q.waiting = append(q.waiting, j)
	select {
	case q.wake <- struct{}{}:
	default:
	}
	return j, nil
}

func (q *queue) get(id string) *job {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.jobs[id]
}

// ahead returns how many queued jobs come before j.
func (q *queue) ahead(j *job) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for i, w := range q.waiting {
		if w == j {
			return i
		}
	}
	return 0
}

// cancel stops a running job after the replicates in flight (its
// finished replicates stay on disk, summarized) or takes a queued one off
// the queue. It returns false for a job that has ended.
func (q *queue) cancel(j *job) bool {
	q.mu.Lock()
	for i, w := range q.waiting {
		if w == j {
			q.waiting = append(q.waiting[:i], q.waiting[i+1:]...)
			q.mu.Unlock()
			j.update(func() { j.state = stateCancelled })
			return true
		}
	}
	q.mu.Unlock()
	j.mu.Lock()
	cancel, running := j.cancel, j.state == stateRunning
	j.mu.Unlock()
	if running && cancel != nil {
		cancel()
	}
	return running
}

// run takes jobs off the queue until ctx is done; a job running then is
// interrupted like a cancelled one.
func (q *queue) run(ctx context.Context) {
	for {
		q.mu.Lock()
		var j *job
		if len(q.waiting) > 0 {
			j, q.waiting = q.waiting[0], q.waiting[1:]
		}
		q.mu.Unlock()
		if j == nil {
			select {
			case <-ctx.Done():
				return
			case <-q.wake:
				continue
			}
		}
		q.execute(ctx, j)
	}
}

// execute runs one job as 'precinct compare --out' runs its study: the
// same files, the charts and report.html drawn when it ends.
func (q *queue) execute(ctx context.Context, j *job) {
	jctx, cancel := context.WithCancel(ctx)
	defer cancel()
	j.update(func() { j.state, j.cancel = stateRunning, cancel })
	opt := study.Options{Workers: q.workers,
		Progress: func(done, total int) { j.update(func() { j.done, j.total = done, total }) },
		Finish: func(*study.Summary) error {
			if _, err := report.DrawDir(j.dir, ""); err != nil {
				return fmt.Errorf("drawing the charts: %w", err)
			}
			return nil
		}}
	_, err := j.st.Execute(jctx, j.dir, opt)
	var intr *study.Interrupted
	j.update(func() {
		switch {
		case err == nil:
			j.state = stateDone
		case errors.As(err, &intr):
			j.state, j.err = stateCancelled, fmt.Sprintf("stopped after %d of %d replicates; the finished ones are saved", intr.Done, intr.Total)
		default:
			j.state, j.err = stateFailed, err.Error()
		}
		j.cancel = nil
	})
}
