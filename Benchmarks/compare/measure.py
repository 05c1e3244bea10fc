#!/usr/bin/env python3
"""Run one command; print its wall time in seconds and its peak resident memory in MB.

  measure.py CMD [ARG...]   ->   "<seconds> <peak MB>" on the last line
"""
import resource, subprocess, sys, time

start = time.monotonic()
code = subprocess.run(sys.argv[1:]).returncode
wall = time.monotonic() - start
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{wall:.3f} {peak_mb:.0f}")
sys.exit(code)
