"""Official trade statistics for Central Asia, loaded with a schema check.

``data/reference/trade_reference.csv`` holds one figure per row with its source:
IMF Direction of Trade Statistics (2015-2020, reported by both sides) and
official or press figures for 2021-2024. ``data/reference/national_statistics.csv``
(same columns) adds Kazakhstan's (2019-2023), Kyrgyzstan's and Uzbekistan's
(2015-2023) own statistics by partner and the EU's exports (Eurostat, EUR,
2010-2023). ``reporter`` says whose statistics a number is ("Kazakhstan" = Kazakh
statistics; "China" = Chinese customs); a bracketed suffix marks a politician's
statement or a figure quoted by someone else. Exports and imports are from the
reporter's point of view.

``load_references`` reads both files into one table: each row keeps its source and
the file it came from (``table``), and a national statistics office's exports and
imports to a partner in a year are added up into a ``total`` row (source: both
tables, marked "derived total: exports + imports"), so two-way trade claims can
be checked against the reporter's own side as well as the partner's.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

REQUIRED_COLUMNS = [
    "reporter", "partner", "year", "flow", "value_usd_millions", "source_name",
    "source_url_or_repo_path", "retrieved_text_snippet", "notes",
]
FLOWS = {"total", "exports", "imports"}
CENTRAL_ASIA = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]
PARTNERS = ["China", "Russia", "European Union"]
ISO3 = {
    "Kazakhstan": "KAZ", "Kyrgyzstan": "KGZ", "Tajikistan": "TJK", "Turkmenistan": "TKM",
    "Uzbekistan": "UZB", "China": "CHN", "Russia": "RUS", "European Union": "EU",
    "United States": "USA", "Turkey": "TUR", "India": "IND", "Central Asia (5)": "CENTRAL_ASIA",
}


#: Words in a reporter's bracket that mark a politician's or diplomat's statement, not a statistic.
STATEMENT_WORDS = r"(?i)\b(?:stated|statement|quoted|president|ambassador|minister|pm|article|speech)\b"
#: The reference files, in data/reference/, that ``load_references`` reads by default.
REFERENCE_FILES = ("trade_reference.csv", "national_statistics.csv")
#: Source names of a national statistics office's own tables.
NATIONAL_STATISTICS = r"(?i)\bnational statistics\b"
DERIVED_TOTAL = "derived total: exports + imports"


class ReferenceError(ValueError):
    """The reference file does not have the documented shape."""


def load_reference(path: str | Path) -> pd.DataFrame:
    """Read and check the reference table; add ``reporter_base`` and ``statement``.

    Raises:
        ReferenceError: a column is missing, a year or flow is invalid, or a value
            is neither a number nor blank with a EUR figure in ``notes``.
    """
    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError) as exc:
        raise ReferenceError(f"{path}: cannot be read as CSV ({exc})") from exc
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise ReferenceError(f"{path}: missing column(s) {', '.join(missing)}")
    return prepare(frame, path.name, str(path))


def prepare(frame: pd.DataFrame, table: str, where: str | None = None) -> pd.DataFrame:
    """Check rows in the reference schema (all text) and add the columns newsbook derives.

    Adds ``eur_millions``, ``reporter_base``, ``statement``, ``is_dots``,
    ``is_national_statistics``, ``quoted`` and ``table`` (the file the rows came from).

    Raises:
        ReferenceError: a year or flow is invalid, or a value is neither a number nor blank
            with a EUR figure in ``notes``, or a row has no source.
    """
    frame = frame.copy()
    problems = []
    years = pd.to_numeric(frame["year"], errors="coerce")
    for i in frame.index[years.isna() | (years < 1990) | (years > 2100)]:
        problems.append(f"row {i + 2}: year '{frame.at[i, 'year']}' is not a year")
    for i in frame.index[~frame["flow"].isin(FLOWS)]:
        problems.append(f"row {i + 2}: flow '{frame.at[i, 'flow']}' is not one of {sorted(FLOWS)}")
    values = pd.to_numeric(frame["value_usd_millions"], errors="coerce")
    blank = frame["value_usd_millions"].str.strip() == ""
    for i in frame.index[values.isna() & ~blank]:
        problems.append(f"row {i + 2}: value '{frame.at[i, 'value_usd_millions']}' is not a number")
    for i in frame.index[values < 0]:
        problems.append(f"row {i + 2}: value '{frame.at[i, 'value_usd_millions']}' is negative")
    for i in frame.index[blank & ~frame["notes"].str.contains("EUR_millions=", regex=False)]:
        problems.append(f"row {i + 2}: no USD value and no EUR_millions in notes")
    for i in frame.index[frame["source_name"].str.strip() == ""]:
        problems.append(f"row {i + 2}: no source")
    if problems:
        exc = ReferenceError(f"{where or table}: " + "; ".join(problems[:10])
                             + (f" (+{len(problems) - 10} more)" if len(problems) > 10 else ""))
        exc.problems = [f"{where or table} {p}" for p in problems]
        raise exc
    frame["year"] = years.astype(int)
    frame["value_usd_millions"] = values
    frame["eur_millions"] = pd.to_numeric(frame["notes"].str.extract(r"EUR_millions=([\d.]+)")[0], errors="coerce")
    frame["reporter_base"] = frame["reporter"].map(_base_name)
    bracket = frame["reporter"].str.extract(r"\((.*)\)?", expand=False).fillna("")
    frame["statement"] = (bracket.str.contains(STATEMENT_WORDS, regex=True)
                          | frame["source_name"].str.contains(STATEMENT_WORDS, regex=True))
    frame["is_dots"] = frame["source_name"].str.contains("DOTS")
    frame["is_national_statistics"] = frame["source_name"].str.contains(NATIONAL_STATISTICS, regex=True)
    frame["quoted"] = bracket != ""  # a figure someone quoted or computed, not the reporter's own table
    frame["table"] = table
    return frame


def load_references(paths, extra=()) -> pd.DataFrame:
    """All reference files in one table, with national statistics' exports + imports as totals.

    Args:
        paths: files in newsbook's schema (the project's ``data/reference`` tables).
        extra: a researcher's own files in any format ``newsbook.references`` reads
            (UN Comtrade, IMF IMTS/DOTS, Eurostat Comext, newsbook's schema).

    Raises:
        ReferenceError: as ``load_reference``, naming the file; for ``extra``, one problem
            per bad row in ``.problems``.
    """
    frames = [load_reference(p) for p in paths]
    if extra:
        from newsbook.references import load_reference_files

        frames.append(load_reference_files(extra))
    ref = pd.concat(frames, ignore_index=True)
    return pd.concat([ref, national_totals(ref)], ignore_index=True)


def national_totals(ref: pd.DataFrame) -> pd.DataFrame:
    """A ``total`` row per (file, reporter, partner, year) of a national statistics office.

    The sum of the office's exports and imports in US dollars, taken from the same
    reference file, only where both exist once and the file states no total of its
    own (so nothing is counted twice); its source names the exports and the imports
    tables.
    """
    national = ref[ref.is_national_statistics & ref.flow.isin(FLOWS) & ref.value_usd_millions.notna()]
    rows = []
    for _, grp in national.groupby(["table", "reporter", "partner", "year"], sort=True):
        exports, imports = grp[grp.flow == "exports"], grp[grp.flow == "imports"]
        if len(exports) != 1 or len(imports) != 1 or (grp.flow == "total").any():
            continue
        e, i = exports.iloc[0], imports.iloc[0]
        sources = list(dict.fromkeys([e.source_name, i.source_name]))
        rows.append({
            **e.to_dict(), "flow": "total",
            "value_usd_millions": round(e.value_usd_millions + i.value_usd_millions, 3),
            "source_name": " + ".join(sources) + f" ({DERIVED_TOTAL})",
            "source_url_or_repo_path": " + ".join(dict.fromkeys([e.source_url_or_repo_path, i.source_url_or_repo_path])),
            "retrieved_text_snippet": f"exports {e.value_usd_millions:,.3f} + imports {i.value_usd_millions:,.3f}",
            "notes": f"{DERIVED_TOTAL}, computed by newsbook from two rows of {e.table}",
            "eur_millions": float("nan"),
        })
    return pd.DataFrame(rows, columns=ref.columns)


def _base_name(reporter: str) -> str:
    base = re.sub(r"\s*\(.*$", "", reporter).strip().strip('"')
    return "Central Asia (5)" if base.startswith("Central Asia") else base


def bilateral_totals(ref: pd.DataFrame) -> pd.DataFrame:
    """Two-way trade of each partner (China, Russia, EU) with each Central Asian state.

    One row per (Central Asian state, partner, year, reported_by, source): DOTS
    totals are exports + imports of the same reporter; other sources give their
    stated totals (national statistics: exports + imports, see ``national_totals``).
    ``reported_by`` is ``central_asia`` when the Central Asian state's own statistics
    are the source, ``partner`` for the mirror figures. ``kind`` says what the figure
    is: ``IMF DOTS``, ``national statistics``, ``statement`` (a politician's figure or
    a figure someone quoted or computed) or ``published figure`` (an agency's figure
    reported in the press).
    """
    rows = []
    usable = ref[ref["value_usd_millions"].notna()]
    for ca in CENTRAL_ASIA:
        for partner in PARTNERS:
            for reporter, other, side in ((ca, partner, "central_asia"), (partner, ca, "partner")):
                sub = usable[(usable.reporter_base == reporter) & (usable.partner == other)]
                dots = sub[sub.is_dots & sub.flow.isin(["exports", "imports"])]
                for year, grp in dots.groupby("year"):
                    if set(grp.flow) == {"exports", "imports"}:
                        rows.append({"central_asia": ca, "partner": partner, "year": int(year), "reported_by": side,
                                     "value_usd_millions": round(grp.value_usd_millions.sum(), 3),
                                     "source": "IMF DOTS (exports + imports)", "kind": "IMF DOTS"})
                other_rows = sub[~sub.is_dots & (sub.flow == "total")]
                for r in other_rows.itertuples():
                    kind = ("national statistics" if r.is_national_statistics
                            else "statement" if r.statement or r.quoted else "published figure")
                    rows.append({"central_asia": ca, "partner": partner, "year": int(r.year), "reported_by": side,
                                 "value_usd_millions": r.value_usd_millions, "source": r.source_name, "kind": kind})
    columns = ["central_asia", "partner", "year", "reported_by", "value_usd_millions", "source", "kind"]
    return pd.DataFrame(rows, columns=columns) \
        .sort_values(["central_asia", "partner", "year", "reported_by", "source"]).reset_index(drop=True)


def tables_used(ref: pd.DataFrame) -> pd.DataFrame:
    """One row per reference file the statistics came from: rows, years, reporters and sources.

    The derived national totals are counted with the file their exports and imports came from.
    """
    rows = []
    for name, grp in ref.groupby("table", sort=False):
        derived = grp.notes.str.contains(f"{DERIVED_TOTAL}, computed by newsbook", regex=False)
        rows.append({"table": name, "rows": int((~derived).sum()), "derived_totals": int(derived.sum()),
                     "years": f"{int(grp.year.min())}–{int(grp.year.max())}",
                     "reporters": ", ".join(sorted(grp.reporter_base.unique())),
                     "sources": ", ".join(sorted(dict.fromkeys(_source_family(s) for s in grp.source_name)))})
    return pd.DataFrame(rows, columns=["table", "rows", "derived_totals", "years", "reporters", "sources"])


def _source_family(source: str) -> str:
    """A source name without its table-level detail ("Kyrgyzstan national statistics: NSC ... 4.03" -> before ':')."""
    return re.split(r"[:(]", source)[0].strip() or source


def mirror_gap(bilateral: pd.DataFrame) -> pd.DataFrame:
    """Partner-reported over Central-Asia-reported two-way trade, where both sides publish it.

    For the years IMF DOTS covers on both sides, both figures come from DOTS. For other
    years, the Central Asian state's national statistics (exports + imports) against the
    partner's published figure (e.g. China's customs as the press reports it); politicians'
    statements and figures quoted or computed by others are left out. The median where a
    side has several figures; ``source_central_asia`` and ``source_partner`` name them.
    """
    columns = ["central_asia", "partner", "year", "reported_by_central_asia", "reported_by_partner", "ratio",
               "source_central_asia", "source_partner"]
    kind = bilateral["kind"] if "kind" in bilateral else \
        bilateral.source.str.startswith("IMF DOTS").map({True: "IMF DOTS", False: "published figure"})
    usable = bilateral.assign(kind=kind)
    rows = []
    for (state, partner, year), grp in usable.groupby(["central_asia", "partner", "year"]):
        dots = grp[grp.kind == "IMF DOTS"]
        if set(dots.reported_by) == {"central_asia", "partner"}:
            own, mirror = dots[dots.reported_by == "central_asia"], dots[dots.reported_by == "partner"]
        else:
            own = grp[(grp.reported_by == "central_asia") & (grp.kind == "national statistics")]
            mirror = grp[(grp.reported_by == "partner") & (grp.kind == "published figure")]
        if own.empty or mirror.empty:
            continue
        a, b = own.value_usd_millions.median(), mirror.value_usd_millions.median()
        rows.append({"central_asia": state, "partner": partner, "year": int(year),
                     "reported_by_central_asia": a, "reported_by_partner": b, "ratio": round(b / a, 3),
                     "source_central_asia": "; ".join(dict.fromkeys(own.source)),
                     "source_partner": "; ".join(dict.fromkeys(mirror.source))})
    return pd.DataFrame(rows, columns=columns)
