"""Benchmark: how fast does `samenwerking` answer --help, check and build the examples?

Usage: python3 bench/bouw.py [--herhaal N]
Runs the installed CLI in fresh processes (as a user would) and prints median times.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ["drechtsteden", "oost-groningen-ict"]


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started


def median(command: list[str], repeat: int, before=None) -> float:
    times = []
    for _ in range(repeat):
        if before:
            before()
        times.append(timed(command))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--herhaal", type=int, default=5, help="aantal herhalingen per meting")
    args = parser.parse_args()
    cli = [sys.executable, "-m", "generator"]
    rows = [("samenwerking --help", median(cli + ["--help"], args.herhaal))]
    for example in EXAMPLES:
        content = str(ROOT / "content" / example)
        rows.append((f"check {example}", median(cli + ["check", content], args.herhaal)))
        out = Path(tempfile.mkdtemp(prefix="bench-"))
        try:
            rows.append((f"build {example} (koud)",
                         median(cli + ["build", content, "--out", str(out)], args.herhaal,
                                before=lambda: shutil.rmtree(out, ignore_errors=True))))
            rows.append((f"build {example} (warm, niets veranderd)",
                         median(cli + ["build", content, "--out", str(out)], args.herhaal)))
        finally:
            shutil.rmtree(out, ignore_errors=True)
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:6.2f} s")


if __name__ == "__main__":
    main()
