"""An M/M/c queue in plain Python with heapq: the peer bench/mmc/run.sh
times beside precinct and SimPy. Arrivals at rate LAMBDA a minute, C
servers, exponential service of rate MU; calls arriving in the warm-up
are not counted. Prints the counted calls, the share that waited and the
mean wait of those dispatched (minutes) as JSON."""
import heapq
import json
import random
import sys
from collections import deque

LAMBDA, MU, C = 0.3, 1 / 30, 10
WARMUP, DAYS = 2 * 1440, 2315
END = WARMUP + DAYS * 1440


def main(seed):
    rng = random.Random(seed)
    expo = rng.expovariate
    push, pop = heapq.heappush, heapq.heappop
    events = [(expo(LAMBDA), 0)]  # (minute, 0 arrival | 1 service end)
    queue = deque()
    free, calls, waited, wait_sum, dispatched = C, 0, 0, 0.0, 0
    while events:
        t, kind = pop(events)
        if t >= END:
            break
        if kind == 0:
            push(events, (t + expo(LAMBDA), 0))
            if t >= WARMUP:
                calls += 1
            if free:
                free -= 1
                push(events, (t + expo(MU), 1))
                if t >= WARMUP:
                    dispatched += 1
            else:
                queue.append(t)
        elif queue:
            a = queue.popleft()
            push(events, (t + expo(MU), 1))
            if a >= WARMUP:
                dispatched += 1
                waited += 1
                wait_sum += t - a
        else:
            free += 1
    waited += sum(1 for a in queue if a >= WARMUP)  # still waiting at the end
    print(json.dumps({"calls": calls, "p_wait": waited / calls, "mean_wait": wait_sum / dispatched}))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
