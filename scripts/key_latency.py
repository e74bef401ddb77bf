#!/usr/bin/env python3
"""Key-to-frame latency of the reader while it analyses its corpus (BENCHMARKS.md).

    scripts/key_latency.py [--seconds 4] [--size 200x60] SITREP DIR

Starts `SITREP DIR` in a pty of the given size, waits for its first frame, then presses `j`
every 50 ms for the given number of seconds (on a large corpus the analysis is still running
then) and times each key from the write to the end of the next synchronized update
(ESC [ ? 2026 l). Prints the number of keys, the median, the 90th percentile and the worst.
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


class Reader:
    """The child's output, read up to the end of each frame."""

    def __init__(self, fd):
        self.fd = fd
        self.pending = b""

    def next_frame(self, timeout):
        """The time the next frame ended, or None after `timeout` seconds without one."""
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return None
            try:
                self.pending += os.read(self.fd, 65536)
            except OSError:
                return None
            if END_FRAME in self.pending:
                self.pending = self.pending[self.pending.rindex(END_FRAME) + len(END_FRAME):]
                return time.perf_counter()

    def drain(self, timeout):
        """Reads and drops everything up to the child's closing of the terminal (or `timeout`
        seconds of silence): on quitting the reader restores the screen and lists the files it
        skipped, and with nobody reading, a full pty buffer would block it, and `waitpid`, for
        good."""
        while True:
            ready, _, _ = select.select([self.fd], [], [], timeout)
            if not ready:
                return
            try:
                if not os.read(self.fd, 65536):
                    return
            except OSError:
                return


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=4.0)
    ap.add_argument("--size", default="200x60")
    ap.add_argument("sitrep")
    ap.add_argument("dir")
    args = ap.parse_args()
    cols, rows = (int(x) for x in args.size.split("x"))
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(args.sitrep, [args.sitrep, args.dir])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    out = Reader(fd)
    start = time.perf_counter()
    if out.next_frame(60) is None:
        sys.exit("key_latency.py: no first frame")
    print(f"first frame after {time.perf_counter() - start:.3f} s")
    latencies = []
    stop = time.perf_counter() + args.seconds
    while time.perf_counter() < stop:
        sent = time.perf_counter()
        os.write(fd, b"j")
        drawn = out.next_frame(2)
        if drawn is not None:
            latencies.append((drawn - sent) * 1000)
        time.sleep(0.05)
    os.write(fd, b"q")
    out.drain(10)
    os.waitpid(pid, 0)
    if not latencies:
        sys.exit("key_latency.py: no key was answered")
    latencies.sort()
    p90 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.9))]
    print(
        f"{len(latencies)} keys: median {statistics.median(latencies):.1f} ms, "
        f"p90 {p90:.1f} ms, worst {latencies[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
