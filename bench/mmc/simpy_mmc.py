"""The M/M/c queue of heapq_mmc.py in SimPy 2.3 (Debian's python3-simpy,
the classic process API): a Resource of C units, a process per call.
Prints the same JSON."""
import json
import random
import sys

from SimPy.Simulation import Process, Resource, activate, hold, initialize, now, release, request, simulate

LAMBDA, MU, C = 0.3, 1 / 30, 10
WARMUP, DAYS = 2 * 1440, 2315
END = WARMUP + DAYS * 1440

rng = random.Random()
stats = {"calls": 0, "waited": 0, "wait_sum": 0.0, "dispatched": 0, "waiting": 0}


class Call(Process):
    def run(self, units, counted):
        arrived = now()
        if counted:
            stats["calls"] += 1
            stats["waiting"] += 1
        yield request, self, units
        wait = now() - arrived
        if counted:
            stats["waiting"] -= 1
            stats["dispatched"] += 1
            if wait > 0:
                stats["waited"] += 1
                stats["wait_sum"] += wait
        yield hold, self, rng.expovariate(MU)
        yield release, self, units


class Source(Process):
    def run(self, units):
        while True:
            yield hold, self, rng.expovariate(LAMBDA)
            c = Call()
            activate(c, c.run(units, now() >= WARMUP))


def main(seed):
    rng.seed(seed)
    initialize()
    units = Resource(capacity=C)
    s = Source()
    activate(s, s.run(units))
    simulate(until=END)
    waited = stats["waited"] + stats["waiting"]  # still waiting at the end
    print(json.dumps({"calls": stats["calls"], "p_wait": waited / stats["calls"],
                      "mean_wait": stats["wait_sum"] / stats["dispatched"]}))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
