#!/usr/bin/env python3
"""Run one command; print its wall time in seconds and its peak resident memory in MB.

  measure.py [--repeat N] CMD [ARG...]   ->   "<seconds> <peak MB>" on the last line

With --repeat, the command runs N times and the median wall time is given (a
short run on a shared VM varies by 10-20% from one run to the next); the peak
memory is the largest of the runs.
"""
import resource, statistics, subprocess, sys, time

args = sys.argv[1:]
repeat = 1
if args[:1] == ["--repeat"]:
    repeat, args = int(args[1]), args[2:]
walls = []
for _ in range(repeat):
    start = time.monotonic()
    code = subprocess.run(args).returncode
    walls.append(time.monotonic() - start)
    if code != 0:
        sys.exit(code)
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{statistics.median(walls):.3f} {peak_mb:.0f}")
