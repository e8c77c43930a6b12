#!/usr/bin/env python3
"""What the article explorer costs: build time and size of the site with and without it. Prints figures.

    python benchmarks/explorer_size.py                          # the default corpus
    python benchmarks/explorer_size.py --polnear-dev 120        # the first 120 PolNeAR dev articles
    python benchmarks/explorer_size.py --corpus DIR --pages 200

Two `newsbook build`s share one parse cache: first with `--explorer-pages 0` (the explorer's index
only), then with `--pages` pages (default 200). Reported per build: the stage times the build prints
(explorer = writing the pages; jupyter_book = Sphinx, which renders them), the size of
`html/book/explorer/` and of the whole `html/` folder. PolNeAR texts are written to a temporary folder.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def polnear_dev(shared: Path, n: int, folder: Path) -> Path:
    folder.mkdir(parents=True)
    rows = []
    for k, line in enumerate(open(shared / "eval" / "polnear_dev" / "polnear_dev.jsonl", encoding="utf-8")):
        if k >= n:
            break
        a = json.loads(line)
        name = f"{k:05d}.txt"
        (folder / name).write_text(a["text"], encoding="utf-8")
        rows.append({"file": name, "id": f"dev{k:05d}", "outlet": a.get("publisher", ""), "title": a.get("title", ""),
                     "published": (a.get("date") or "")[:10], "language": "en"})
    with open(folder / "metadata.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["file", "id", "outlet", "title", "published", "language"])
        w.writeheader()
        w.writerows(rows)
    return folder


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def build(corpus: Path, out: Path, cache: Path, pages: int) -> tuple[float, str]:
    env = {**os.environ, "NEWSBOOK_CACHE": str(cache)}
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "newsbook", "build", "--corpus", str(corpus), "--out", str(out),
                           "--explorer-pages", str(pages)], capture_output=True, text=True, cwd=ROOT, env=env)
    if proc.returncode != 0:
        sys.exit(f"build failed: {proc.stderr[-2000:]}")
    return time.perf_counter() - t0, proc.stderr.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT / "data" / "corpus")
    ap.add_argument("--polnear-dev", type=int, default=0, metavar="N")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--no-baseline", action="store_true", help="skip the build without explorer pages")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = polnear_dev(args.shared, args.polnear_dev, tmp / "polnear") if args.polnear_dev else args.corpus
        for pages in ((args.pages,) if args.no_baseline else (0, args.pages)):
            out = tmp / f"out{pages}"
            wall, line = build(corpus, out, tmp / "cache", pages)
            n_pages = len(list((out / "html" / "book" / "explorer").glob("*.html")))
            print(f"--explorer-pages {pages}: {wall:.1f} s wall ({line}); {n_pages} explorer pages, "
                  f"{size(out / 'html' / 'book' / 'explorer') / 1e6:.2f} MB; site {size(out / 'html') / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
