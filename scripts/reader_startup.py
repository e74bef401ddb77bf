#!/usr/bin/env python3
"""Reader start-up to the first full frame, through a pseudo-terminal (BENCHMARKS.md).

    scripts/reader_startup.py [--runs N] [--size 200x60] SITREP DIR

Starts `SITREP DIR` in a pty of the given size, times the wall clock from the spawn to the end
of the first synchronized update (ESC [ ? 2026 l, written after the first frame), then sends `q`
and reaps the process. Prints the median and minimum wall time and the median CPU time
(user + sys of the reader process) over the runs.
"""
import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time

END_FRAME = b"\x1b[?2026l"


def one_run(cmd, rows, cols, timeout):
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execv(cmd[0], cmd)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    start = time.perf_counter()
    seen = b""
    first = None
    deadline = start + timeout
    while first is None and time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen = (seen + chunk)[-64:]
        if END_FRAME in seen:
            first = time.perf_counter() - start
    os.write(fd, b"q")
    # Drain until the reader exits (EOF or EIO on the pty), so it never blocks on a full pty.
    while True:
        try:
            r, _, _ = select.select([fd], [], [], 1.0)
            if r and not os.read(fd, 65536):
                break
        except OSError:
            break
    _, status, usage = os.wait4(pid, 0)
    os.close(fd)
    if first is None:
        sys.exit(f"reader_startup: no frame from {' '.join(cmd)} within {timeout} s")
    return first, usage.ru_utime + usage.ru_stime


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--size", default="200x60")
    p.add_argument("--timeout", type=float, default=120.0)
    p.add_argument("sitrep")
    p.add_argument("dir")
    a = p.parse_args()
    cols, rows = (int(x) for x in a.size.lower().split("x"))
    walls, cpus = [], []
    for _ in range(a.runs):
        wall, cpu = one_run([os.path.abspath(a.sitrep), a.dir], rows, cols, a.timeout)
        walls.append(wall)
        cpus.append(cpu)
    print(
        f"reader start-up to first frame at {cols}x{rows}, {a.runs} runs: "
        f"median {statistics.median(walls):.3f} s wall (min {min(walls):.3f}), "
        f"median {statistics.median(cpus):.3f} s CPU (user+sys, whole run)"
    )


if __name__ == "__main__":
    main()
