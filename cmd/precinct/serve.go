package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"time"

	"github.com/precinct-sim/precinct/workbench"
)

// defaultData is the workbench's data directory when --data is not given.
const defaultData = "precinct-workbench"

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newCommand("serve", "precinct serve [--addr 127.0.0.1:8080] [--data DIR] [--workers W]",
		`Serves the workbench, a web application for a class or a briefing room,
on this computer: pick a library scenario or upload one, read its
briefing, change its levers (checked as the command line checks them),
run it against the scenario as written with live progress, read the
verdict table and the charts of the report, reopen every saved study,
and replay a simulated day on the map. Everything is embedded in the
program; nothing is fetched from the network.

Studies run one at a time, in the order asked; each is saved in
DIR/studies/ as 'precinct compare --out' saves it, uploads in
DIR/uploads/. The server writes nowhere else. It listens on loopback
only unless --addr names another interface. Ctrl-C stops it: the study
running stops after its replicates in flight, the finished ones saved.`)
	addr := c.fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT` (loopback by default; a port of 0 picks a free one)")
	data := dirFlag(c, "data", "keep studies and uploads in `DIR` (default "+defaultData+")")
	workers := c.fs.Int("workers", runtime.GOMAXPROCS(0), "run each study's replicates on `W` workers")
	pos, err := c.parse(args, stdout)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) > 0 {
		return usagef("serve: takes no arguments, got %q", pos)
	}
	if *data == "" {
		*data = defaultData
	}
	if *workers < 0 {
		return usagef("serve: --workers must be 0 (all cores) or more, got %d", *workers)
	}
	srv, err := workbench.New(*data, *workers)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return usagef("serve: --addr %s: %v", *addr, err)
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	done := make(chan struct{})
	go func() {
		srv.Run(ctx)
		close(done)
	}()
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stderr, "precinct workbench on http://%s/ (data in %s); Ctrl-C stops it\n", ln.Addr(), srv.Data())
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	select {
	case <-ctx.Done():
	case err := <-serveErr:
		if !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("serve: %w", err)
		}
	}
	stop()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = hs.Shutdown(sctx)
	<-done
	return nil
}
