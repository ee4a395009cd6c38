#!/usr/bin/env python3
"""rss-sample.py OUT CMD...: runs CMD (stdout to /dev/null) and samples
/proc/PID/status every 2 ms; writes "ANON_KB FILE_KB" to OUT: the peaks of
RssAnon (the heap: the query's own working set) and RssFile (pages of
mapped files, LMDB's map among them, shared with the page cache).
Exits with CMD's status.  A process shorter than the sampling period can
be missed (then 0 0).  Python 3 standard library only."""
import subprocess
import sys
import time

out, cmd = sys.argv[1], sys.argv[2:]
p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
anon = filek = 0
path = "/proc/%d/status" % p.pid
while p.poll() is None:
    try:
        with open(path) as fp:
            for line in fp:
                if line.startswith("RssAnon:"):
                    anon = max(anon, int(line.split()[1]))
                elif line.startswith("RssFile:"):
                    filek = max(filek, int(line.split()[1]))
    except (OSError, ValueError):
        pass
    time.sleep(0.002)
with open(out, "w") as fp:
    fp.write("%d %d\n" % (anon, filek))
sys.exit(p.returncode)
