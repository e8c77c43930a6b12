#!/usr/bin/env python3
"""Peak memory (RSS) of `newsbook corpus` on generated exports of 50,000 short records.

Writes, in a temporary folder, a Media Cloud-like CSV and a news-please-like JSONL of N
records (default 50,000) and, unless --no-warc, a gzipped WARC of HTML responses (default
5,000 pages: trafilatura's extraction, not memory, is what takes time there), then runs
`newsbook corpus FILE --json` on each in its own process and reports the peak resident set
size of that process (ru_maxrss of the child) and its wall time. Target: <= 2.5 GB each.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_BYTES = 2.5 * 1024 ** 3
PLACES = ["Astana", "Bishkek", "Tashkent", "Dushanbe", "Ashgabat", "Moscow", "Beijing", "Almaty"]
VERBS = ["signed", "discussed", "postponed", "welcomed", "criticised", "announced"]
THINGS = ["a trade agreement", "a pipeline project", "new tariffs", "a media law", "a rail link", "a loan"]


def sentence(rng: random.Random, i: int) -> str:
    return (f"Officials in {rng.choice(PLACES)} {rng.choice(VERBS)} {rng.choice(THINGS)} on day {i}, "
            f"a spokesman said. The talks in {rng.choice(PLACES)} covered {rng.choice(THINGS)} and "
            f"{rng.choice(THINGS)}, according to record {i}.")


def write_csv(path: Path, n: int, rng: random.Random) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["stories_id", "publish_date", "title", "url", "media_name", "text"])
        for i in range(n):
            w.writerow([i, f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00Z", f"Story {i}",
                        f"https://outlet{i % 50}.example/{i}", f"Outlet {i % 50}", sentence(rng, i)])


def write_jsonl(path: Path, n: int, rng: random.Random) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"title": f"Story {i}", "maintext": sentence(rng, i), "url": f"https://n.example/{i}",
                                 "date_publish": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d} 10:00:00",
                                 "source_domain": f"outlet{i % 50}.example", "language": "en"}) + "\n")


def write_warc(path: Path, n: int, rng: random.Random) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(n):
            body = (f"<html><head><title>Story {i}</title><meta property='article:published_time' "
                    f"content='2024-{1 + i % 12:02d}-{1 + i % 28:02d}'></head><body><article><h1>Story {i}</h1>"
                    + "".join(f"<p>{sentence(rng, i)}</p>" for _ in range(3)) + "</article></body></html>")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://w.example/{i}", "response",
                                                          payload=io.BytesIO(body.encode()), http_headers=headers))


def measure(path: Path) -> tuple[int, float, dict]:
    """(peak RSS bytes of the child, seconds, summary) of `newsbook corpus PATH --json`."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, "-m", "newsbook", "corpus", str(path), "--json"],
                                stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            sys.exit(f"newsbook corpus {path.name} failed: {err.read()[-2000:]}")
        return usage.ru_maxrss * 1024, seconds, json.loads(out.read())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=50_000)
    ap.add_argument("--warc-records", type=int, default=5_000,
                    help="WARC records (default 5,000: trafilatura extracts each page, ~10 ms a page)")
    ap.add_argument("--no-warc", action="store_true")
    args = ap.parse_args()
    rng = random.Random(19)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = [("csv", tmp / "export.csv", write_csv, args.records),
                 ("jsonl", tmp / "export.jsonl", write_jsonl, args.records)]
        if not args.no_warc:
            files.append(("warc", tmp / "crawl.warc.gz", write_warc, args.warc_records))
        for kind, path, write, n in files:
            write(path, n, rng)
            peak, seconds, summary = measure(path)
            ok = peak <= TARGET_BYTES and summary["articles"] == n
            failed |= not ok
            print(f"{kind:5s} {n:,} records, {path.stat().st_size / 1e6:.1f} MB: {summary['articles']:,} articles, "
                  f"peak RSS {peak / 1024 ** 2:,.0f} MB, {seconds:.1f} s "
                  f"({'within' if ok else 'OVER'} the 2.5 GB target)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
