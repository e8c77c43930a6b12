#!/usr/bin/env python3
"""Cold and warm `newsbook build` times on a corpus (default: data/corpus). Prints figures.

Cold = empty parse cache and no previous output; warm = the same build again, nothing changed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed_build(corpus: Path, out: Path, cache: Path) -> tuple[float, str]:
    env = {**os.environ, "NEWSBOOK_CACHE": str(cache)}
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "newsbook", "build", "--corpus", str(corpus), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, env=env)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"build failed: {proc.stderr[-2000:]}")
    return elapsed, proc.stderr.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=ROOT / "data" / "corpus")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cold, cold_msg = timed_build(args.corpus, tmp / "out", tmp / "cache")
        warm, warm_msg = timed_build(args.corpus, tmp / "out", tmp / "cache")
    print(f"cold build: {cold:.1f} s  ({cold_msg})")
    print(f"warm build: {warm:.1f} s  ({warm_msg})")


if __name__ == "__main__":
    main()
