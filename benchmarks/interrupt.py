"""How long `newsbook build` takes to exit after Ctrl-C, at three moments, several tries each.

    .venv/bin/python benchmarks/interrupt.py [TRIES]

Each try starts a 2-process build of the default corpus with a fresh cache and an
old book in place, sends SIGINT to its process group (as a terminal's Ctrl-C does)
when workers are starting, while they parse, or while the chapters run, and prints
the exit status, the seconds from the signal to the exit, and whether any process
of the build was left running (the test in tests/test_interrupt.py asserts the same
behaviour; this script measures it).
"""

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_interrupt import MOMENTS, interrupt_build  # noqa: E402

tries = int(sys.argv[1]) if len(sys.argv) > 1 else 3
for name, moment in MOMENTS.items():
    times = []
    for k in range(tries):
        with tempfile.TemporaryDirectory() as tmp:
            code, _, seconds, _ = interrupt_build(Path(tmp), moment)
        times.append(seconds)
        print(f"{name} try {k + 1}: exit {code} after {seconds:.2f} s")
    print(f"{name}: median {statistics.median(times):.2f} s, max {max(times):.2f} s over {tries} tries")
