#!/usr/bin/env python3
"""Score money-figure extraction against ../shared/gold/seeds_figures.csv. Prints figures only.

A gold figure is found when a system figure starts within 3 characters of its offset. Value,
currency and scale must equal the gold ones (vague amounts: no value on both sides); the year
is right when it equals the gold year or lies in the gold range ("2022–2024"); the parties are
right when the sets of codes are equal (gold names mapped with newsbook.places.parties_in).

Then the year alone on constructed sentences (benchmarks/data/figure_years.csv, written for this
benchmark, not from the corpus): one sentence per case of newsbook.figures.year_of (a relative year
against a baseline year, a year in another phrase, a sentence-opening time frame, ...), each with
its publication date and the year that governs the figure.
"""

from __future__ import annotations

import argparse
import csv
import re
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCALES = {"billion": 1e9, "million": 1e6, "trillion": 1e12, "thousand": 1e3}


def year_ok(system, gold: str) -> bool:
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", gold)]
    if system is None or system != system or not years:
        return False
    return min(years) <= int(system) <= max(years)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    from newsbook.pipeline import run
    from newsbook.places import parties_in

    results = run(ROOT / "data" / "corpus", cache_dir=None)
    figures = results.tables["figures"]
    files = {a.file: a.doc_id for a in results.corpus}
    gold = list(csv.DictReader(open(args.shared / "gold" / "seeds_figures.csv", encoding="utf-8")))
    found = vcs = years = parties = 0
    for g in gold:
        doc_id, off = files[g["file"]], int(g["char_offset"])
        cand = figures[(figures.doc_id == doc_id) & ((figures.start - off).abs() <= 3)]
        if cand.empty:
            print(f"MISS  {g['money_id']} {g['amount_text']}")
            continue
        f = cand.iloc[0]
        found += 1
        g_value = float(g["value"]) if g["value"] else None
        s_value = None if f.value != f.value else float(f.value)
        ok_vcs = (g_value == s_value and g["currency"] == f.currency and SCALES.get(g["unit"]) == f.scale)
        ok_year = year_ok(f.year, g["year_referred"])
        ok_parties = set(parties_in(g["parties"])) == set(str(f.parties).split(";")) - {""}
        vcs += ok_vcs
        years += ok_year
        parties += ok_parties
        print(f"{'ok  ' if ok_vcs and ok_year and ok_parties else 'DIFF'}  {g['money_id']} {g['amount_text']!r}: "
              f"value/currency/scale {'ok' if ok_vcs else 'WRONG'}; year {f.year} vs {g['year_referred']!r} "
              f"{'ok' if ok_year else 'WRONG'}; parties {f.parties} vs {g['parties']!r} {'ok' if ok_parties else 'WRONG'}")
    n = len(gold)
    print(f"found {found}/{n}; value+currency+scale right {vcs}/{n}; year right {years}/{n} = {years / n:.3f}; "
          f"parties right {parties}/{n} = {parties / n:.3f}")
    constructed_years()


def constructed_years() -> None:
    from newsbook.figures import year_of

    rows = list(csv.DictReader(open(ROOT / "benchmarks" / "data" / "figure_years.csv", encoding="utf-8")))
    right = 0
    for r in rows:
        got = year_of(r["sentence"], r["sentence"].index(r["amount"]), date.fromisoformat(r["published"]))
        right += got == int(r["year"])
        print(f"{'ok  ' if got == int(r['year']) else 'DIFF'}  year {got} vs {r['year']} ({r['case']}): {r['amount']}")
    print(f"constructed sentences: year right {right}/{len(rows)} = {right / len(rows):.3f}")


if __name__ == "__main__":
    main()
