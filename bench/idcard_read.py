"""Driver overhead of one ID card read, next to the wire-time lower bound.

    .venv/bin/python bench/idcard_read.py [--n 50] [--baud 115200] [--sam-delay 0.1]

Reads the same card ``n`` times from the simulator with realistic byte timing (10 bits per
byte at ``baud``). The lower bound of one read is the bytes on the wire in both directions
(counted by the simulator) x 10 / baud, plus the simulator's SAM delay; the overhead is the
median read time minus that bound. Target: overhead < 15 ms.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from drivers.idcard import IdCardReader
from drivers.idcard.sim import IdCardSimulator, sample_resident_card

TARGET_MS = 15.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="reads to time (default 50)")
    parser.add_argument("--baud", type=int, default=115200)
    parser.add_argument("--sam-delay", type=float, default=0.1,
                        help="seconds the simulated SAM takes per read (default 0.1)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        sim = IdCardSimulator(Path(tmp) / "kiosk-idcard", card=sample_resident_card(),
                              baud=args.baud, realistic_timing=True, sam_delay=args.sam_delay)
        reader = IdCardReader("bench", sim.start(), args.baud)
        try:
            reader.poll()
            times, wire_bytes = [], []
            for _ in range(args.n):
                before = sim.bytes_in + sim.bytes_out
                start = time.perf_counter()
                outcome = reader.read_card(timeout=5)
                times.append(time.perf_counter() - start)
                wire_bytes.append(sim.bytes_in + sim.bytes_out - before)
                if outcome.outcome != "ok":
                    print(f"read failed: {outcome.outcome}", file=sys.stderr)
                    return 1
        finally:
            reader.close()
            sim.stop()

    median = statistics.median(times) * 1000
    per_read = statistics.median(wire_bytes)
    bound = (per_read * 10 / args.baud + args.sam_delay) * 1000
    overhead = median - bound
    print(f"ID card reads:        {args.n} at {args.baud} baud, SAM delay "
          f"{args.sam_delay * 1000:.0f} ms")
    print(f"bytes on the wire:    {per_read:.0f} per read (both directions)")
    print(f"wire-time bound:      {bound:8.2f} ms  (bytes x 10 / baud + SAM delay)")
    print(f"median read time:     {median:8.2f} ms  (min {min(times) * 1000:.2f},"
          f" max {max(times) * 1000:.2f})")
    print(f"driver overhead:      {overhead:8.2f} ms  (target < {TARGET_MS:.0f} ms:"
          f" {'met' if overhead < TARGET_MS else 'MISSED'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
