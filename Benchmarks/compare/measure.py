#!/usr/bin/env python3
"""Run one command; print its wall time in seconds and its peak resident memory in MB.

  measure.py [--repeat N] CMD [ARG...]   ->   "<seconds> <peak MB>" on the last line

With --repeat, the command runs N times and the median wall time is given (a
short run on a shared VM varies by 10-20% from one run to the next); the peak
memory is the largest of the runs.

With --walls FILE, each run's wall time is also appended to FILE, and the
median given is that of every time in FILE: runs made at different moments
of a comparison (before and after the peers) count together.
"""
import resource, statistics, subprocess, sys, time

args = sys.argv[1:]
repeat = 1
walls_file = None
while args[:1] in (["--repeat"], ["--walls"]):
    if args[0] == "--repeat":
        repeat = int(args[1])
    else:
        walls_file = args[1]
    args = args[2:]
walls = []
for _ in range(repeat):
    start = time.monotonic()
    code = subprocess.run(args).returncode
    walls.append(time.monotonic() - start)
    if code != 0:
        sys.exit(code)
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
if walls_file:
    with open(walls_file, "a") as f:
        f.writelines(f"{w:.4f}\n" for w in walls)
    with open(walls_file) as f:
        walls = [float(line) for line in f if line.strip()]
print(f"{statistics.median(walls):.3f} {peak_mb:.0f}")
