package study

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/precinct-sim/precinct/sim"
)

// Job is one replicate of one configuration: Config, or when Config is
// nil the configuration Build returns. Build is called on the worker that
// runs the job, when the job starts, so that a study of many scenarios or
// sweep points holds none of their configurations (each point's is built
// for its replicate and dropped with it).
type Job struct {
	Config *sim.Config
	Build  func() sim.Config
	Rep    int
}

// Panic is the error of a replicate that panicked: a bug in the program,
// reported as an internal failure with the panic's value and stack
// rather than ending the process from a worker goroutine.
type Panic struct {
	Value any    // what was passed to panic
	Stack []byte // the stack of the goroutine that panicked
}

// Error says that the program has a bug, with the panic and its stack.
func (p *Panic) Error() string {
	return fmt.Sprintf("internal error (a bug; please report it with the command that caused it): panic: %v\n%s", p.Value, p.Stack)
}

// runJob runs one job, turning a panic into a *Panic error.
func runJob(ctx context.Context, job *Job) (res *sim.Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, &Panic{Value: v, Stack: debug.Stack()}
		}
	}()
	point("worker")
	if job.Config != nil {
		return sim.RunContext(ctx, *job.Config, job.Rep)
	}
	return sim.RunContext(ctx, job.Build(), job.Rep)
}

// Replicate runs jobs on workers goroutines and calls deliver(i, result of
// jobs[i]) for i = 0, 1, 2, ... in order, from the calling goroutine. A
// replicate is a pure function of its Config and number (see sim.Run), so
// what deliver receives does not depend on workers. workers < 1 means
// runtime.GOMAXPROCS(0).
//
// Results wait for their turn in a reorder window of a few replicates per
// worker: no replicate starts more than that far ahead of the next one to
// deliver, so memory stays flat however many jobs there are.
//
// When ctx is done no further replicate starts; those already running
// finish and are delivered in order, so no finished work is lost, and
// Replicate returns ctx's error (nil if every job was delivered). An error
// from a replicate or from deliver stops the run the same way, abandoning
// the replicates in flight, and is returned; a replicate that panics
// returns a *Panic. deliver never sees a partial result.
func Replicate(ctx context.Context, jobs []Job, workers int, deliver func(i int, res *sim.Result) error) error {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(jobs)))
	window := 4 * workers

	type done struct {
		i   int
		res *sim.Result
		err error
	}
	runCtx, abandon := context.WithCancel(context.Background())
	defer abandon()
	next := make(chan int)
	results := make(chan done, window)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				res, err := runJob(runCtx, &jobs[i])
				if err != nil {
					err = fmt.Errorf("replicate %d: %w", jobs[i].Rep, err)
				}
				results <- done{i, res, err}
			}
		})
	}
	var (
		pending            = map[int]*sim.Result{}
		launched, received int
		delivered          int
		failed             error
		stopping           bool
		cancelled          = ctx.Done()
	)
	for received < launched || (!stopping && launched < len(jobs)) {
		var feed chan int
		// A select between ready cases picks at random: once ctx is done,
		// feed stays nil so that no further replicate starts.
		if !stopping && ctx.Err() == nil && launched < len(jobs) && launched-delivered < window {
			feed = next
		}
		select {
		case feed <- launched:
			launched++
		case <-cancelled:
			stopping, cancelled = true, nil
		case d := <-results:
			received++
			if d.err != nil {
				if failed == nil {
					failed = d.err
				}
				stopping = true
				abandon()
				continue
			}
			pending[d.i] = d.res
			for failed == nil && pending[delivered] != nil {
				res := pending[delivered]
				delete(pending, delivered)
				if err := deliver(delivered, res); err != nil {
					failed, stopping = err, true
					abandon()
					break
				}
				delivered++
			}
		}
	}
	close(next)
	wg.Wait()
	if failed != nil {
		return failed
	}
	if delivered < len(jobs) {
		return ctx.Err()
	}
	return nil
}
