"""Screenshots of the built book for the README: a chapter and the article explorer.

    .venv/bin/python benchmarks/screenshots.py [--site _build/html] [--out docs/img]

Serves the built site (default `_build/html`; run `make book` first) from a local
http.server thread and saves, with Playwright driving Debian's /usr/bin/chromium:

- docs/img/chapter.png   the top of the quotes chapter
- docs/img/explorer.png  the explorer page of the article with the most statements
                         (skipped, with a note, when the build has no explorer)

Viewport 1280x800 at device scale 1, PNG; the files are meant to stay under 300 kB.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

import pandas as pd
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def explorer_page(site: Path) -> str | None:
    """The site path of the explorer page of the article with the most statements, if any."""
    tables = site.parent / "tables"
    pages_csv = tables / "explorer_pages.csv"
    if not pages_csv.is_file():
        return None
    pages = pd.read_csv(pages_csv, keep_default_na=False)
    pages = pages[pages.page != ""]
    quotes = pd.read_csv(tables / "quotes.csv", keep_default_na=False)
    counts = quotes[quotes.doc_id.isin(set(pages.doc_id))].doc_id.value_counts()
    doc = counts.index[0] if len(counts) else (pages.doc_id.iloc[0] if len(pages) else None)
    return None if doc is None else "book/" + pages.set_index("doc_id").page[doc]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = ap.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"no built book in {args.site}: run `make book` first", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    shots = {"chapter.png": "book/quotes.html"}
    explorer = explorer_page(args.site)
    if explorer:
        shots["explorer.png"] = explorer
    else:
        print("no explorer in this build (tables/explorer_pages.csv): explorer.png not written", file=sys.stderr)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
        for name, rel in shots.items():
            page.goto(base + rel, wait_until="networkidle")
            target = args.out / name
            page.screenshot(path=str(target))
            print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: {rel}, "
                  f"{target.stat().st_size / 1000:.0f} kB")
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
