"""A researcher's own trade statistics, read from the formats statistics offices publish.

``load_reference_file(path)`` reads one CSV file, recognises its format from its
columns and returns rows in newsbook's reference schema (``trade.REQUIRED_COLUMNS``,
one flow of one reporter with one partner in one year, US$ millions, or EUR millions
in ``notes``), each with its source: the format and the file, the file's row number,
and the row's own values as ``retrieved_text_snippet``. The formats:

=================  =====================================================================
``comtrade``       UN Comtrade CSV export: ``refYear`` (or ``period``), ``reporterISO`` /
                   ``reporterDesc``, ``partnerISO`` / ``partnerDesc``, ``flowDesc`` (or
                   ``flowCode`` X/M), ``primaryValue`` in US dollars. Rows for a commodity
                   other than ``TOTAL`` (``cmdCode``), a second partner, a customs or
                   transport breakdown other than the total are skipped (logged);
                   re-exports and re-imports are skipped too.
``imf``            IMF IMTS / DOTS bulk CSV, wide (``Country Name``, ``Counterpart Country
                   Name``, ``Indicator Code``, ``Attribute``, one column per year) or long
                   (``COUNTRY``, ``COUNTERPART_COUNTRY``, ``INDICATOR``, ``TIME_PERIOD``,
                   ``OBS_VALUE``, optional ``FREQUENCY``, ``UNIT_MULT`` or ``SCALE``).
                   Indicators: exports FOB (``TXG_FOB_USD``, ``XG_FOB_USD``), imports CIF
                   or FOB (``TMG_CIF_USD``, ``MG_CIF_USD``, ``TMG_FOB_USD``, ...), in US
                   dollars, millions unless ``UNIT_MULT``/``SCALE`` says otherwise.
                   Monthly and quarterly columns or rows are skipped.
``eurostat``       Eurostat Comext CSV (Easy Comext export or the SDMX-CSV of DS-045409):
                   ``DECLARANT``/``reporter``, ``PARTNER``/``partner``, ``FLOW``/``flow``
                   (1 = imports, 2 = exports), ``PERIOD``/``TIME_PERIOD`` (a year, or
                   Comext's annual code ``YYYY52``), ``VALUE_IN_EUROS`` or ``OBS_VALUE``
                   with ``indicators`` = ``VALUE_IN_EUROS``. Values are euros: kept in EUR
                   (``EUR_millions=`` in ``notes``), never converted.
``newsbook``       newsbook's own schema (the columns of ``data/reference/*.csv``).
=================  =====================================================================

Each row is validated: a country that is neither an ISO 3166 code nor a country name
(nor World or the EU), a negative or non-numeric value, a value in another unit
(an IMF indicator in national currency, a Eurostat quantity), a period that is no
year, a flow that is neither exports nor imports. Every bad row gets its own message
(``FILE row N: ...``); a file with bad rows raises ``ReferenceError`` listing them, so a
reference table is never used with rows silently lost.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pandas as pd

from newsbook.trade import ISO3, REQUIRED_COLUMNS, ReferenceError, load_reference, prepare

log = logging.getLogger(__name__)

FORMATS = ("comtrade", "imf", "eurostat", "newsbook")
#: Country names as the reference tables write them, by ISO 3166 alpha-3 code.
REFERENCE_NAME = {code: name for name, code in ISO3.items() if len(code) == 3 and code != "EU"}
WORLD = {"world", "w00", "wld", "0", "000", "all", "world total"}
EU = {"eu", "eu27", "eu27_2020", "eu28", "eun", "european union", "european union (27)", "eu27_2020_extra"}
#: IMF ways of writing a country name that ISO 3166 does not know.
_IMF_SUFFIXES = re.compile(r",\s*(?:Rep\. of|Republic of|P\.R\.: Mainland|The|Islamic Rep\. of|Kingdom of)$", re.I)
_NAME_ALIASES = {"kyrgyz rep.": "KGZ", "kyrgyz republic": "KGZ", "china, p.r.: mainland": "CHN", "turkey": "TUR",
                 "türkiye": "TUR", "russia": "RUS", "united states of america": "USA", "usa": "USA",
                 "korea, rep. of": "KOR", "south korea": "KOR", "iran": "IRN", "tajikistan": "TJK",
                 "china": "CHN", "mainland china": "CHN"}
IMF_EXPORTS = {"TXG_FOB_USD", "XG_FOB_USD"}
IMF_IMPORTS = {"TMG_CIF_USD", "MG_CIF_USD", "TMG_FOB_USD", "MG_FOB_USD"}


def country(value: str) -> str | None:
    """The reference table's name for a country code or name; ``World``; ``European Union``; None if unknown."""
    import pycountry

    text = str(value or "").strip()
    key = text.lower()
    if not key:
        return None
    if key in WORLD:
        return "World"
    if key in EU:
        return "European Union"
    code = _NAME_ALIASES.get(key)
    if code is None:
        for candidate in (text, _IMF_SUFFIXES.sub("", text)):
            try:
                code = pycountry.countries.lookup(candidate).alpha_3
                break
            except LookupError:
                continue
    if code is None:
        return None
    if code in REFERENCE_NAME:
        return REFERENCE_NAME[code]
    c = pycountry.countries.get(alpha_3=code)
    return getattr(c, "common_name", None) or c.name


def detect_format(columns) -> str | None:
    """The format a CSV's columns show, or None."""
    cols = {str(c).strip() for c in columns}
    lower = {c.lower() for c in cols}
    if "primaryvalue" in lower and ({"refyear", "period"} & lower):
        return "comtrade"
    if {"Country Name", "Counterpart Country Name", "Indicator Code"} <= cols or \
            {"country", "counterpart_country", "indicator", "time_period", "obs_value"} <= lower:
        return "imf"
    if ({"declarant", "reporter"} & lower) and "partner" in lower and "flow" in lower and \
            ({"value_in_euros"} & lower or {"indicators", "obs_value"} <= lower):
        return "eurostat"
    if set(REQUIRED_COLUMNS) <= cols:
        return "newsbook"
    return None


def load_reference_file(path: str | Path) -> pd.DataFrame:
    """Rows of one reference file in newsbook's schema, prepared like ``trade.load_reference``.

    Raises:
        ReferenceError: the file cannot be read, its format is not recognised, or rows are bad
            (one message per bad row in ``.problems`` and in the text).
    """
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", sep=None, engine="python")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ReferenceError(f"{path}: cannot be read as CSV ({exc})") from None
    raw.columns = [str(c).strip() for c in raw.columns]
    fmt = detect_format(raw.columns)
    if fmt is None:
        raise ReferenceError(f"{path}: not a reference format newsbook reads (UN Comtrade, IMF IMTS/DOTS, Eurostat "
                             f"Comext or newsbook's own); columns found: {', '.join(raw.columns[:15])}")
    if fmt == "newsbook":
        frame = load_reference(path)
        problems = [f"row {i + 2}: unknown {label} country '{frame.at[i, col]}'"
                    for i in frame.index for label, col in (("reporter", "reporter_base"), ("partner", "partner"))
                    if frame.at[i, col] != "Central Asia (5)" and country(frame.at[i, col]) is None]
        if problems:
            exc = ReferenceError(f"{path}: {len(problems)} bad row(s): " + "; ".join(problems[:10]))
            exc.problems = [f"{path} {p}" for p in problems]
            raise exc
        return frame
    rows, problems, skipped = {"comtrade": _comtrade, "imf": _imf, "eurostat": _eurostat}[fmt](raw, path.name)
    if skipped:
        log.info("%s: %d row(s) skipped (%s)", path, sum(skipped.values()),
                 "; ".join(f"{n} {why}" for why, n in skipped.items()))
    if problems:
        exc = ReferenceError(f"{path}: {len(problems)} bad row(s): " + "; ".join(problems[:10])
                             + (f" (+{len(problems) - 10} more)" if len(problems) > 10 else ""))
        exc.problems = [f"{path} {p}" for p in problems]
        raise exc
    if not rows:
        raise ReferenceError(f"{path}: no annual exports or imports row in this {fmt} file")
    return prepare(pd.DataFrame(rows, columns=REQUIRED_COLUMNS), path.name)


def load_reference_files(paths) -> pd.DataFrame:
    """Several files (any of the formats) in one table; every file's problems are reported together."""
    frames, problems = [], []
    for p in paths:
        try:
            frames.append(load_reference_file(p))
        except ReferenceError as exc:
            problems += getattr(exc, "problems", [str(exc)])
    if problems:
        exc = ReferenceError("; ".join(problems[:10]) + (f" (+{len(problems) - 10} more)" if len(problems) > 10 else ""))
        exc.problems = problems
        raise exc
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=REQUIRED_COLUMNS)


def _col(raw: pd.DataFrame, *names: str) -> str | None:
    lower = {c.lower(): c for c in raw.columns}
    return next((lower[n.lower()] for n in names if n.lower() in lower), None)


def _number(text: str) -> float | None:
    try:
        return float(str(text).replace(",", "").strip())
    except ValueError:
        return None


def _amount(text: str, what: str, problems: list, where: str) -> float | None:
    """A row's value as a number, or None with the row's problem ("<what> '<text>' is negative")."""
    value = _number(text)
    if value is None or value < 0:
        problems.append(f"{where}{what} '{text}' is " + ("negative" if value is not None else "not a number"))
        return None
    return value


def _row(reporter, partner, year, flow, usd_millions, source, where, snippet, notes="") -> dict:
    return {"reporter": reporter, "partner": partner, "year": str(year), "flow": flow,
            "value_usd_millions": "" if usd_millions is None else f"{usd_millions:.6f}", "source_name": source,
            "source_url_or_repo_path": where, "retrieved_text_snippet": snippet, "notes": notes}


def _countries(rec, problems, where, *pairs) -> list[str] | None:
    """Resolve (label, code column, name column) pairs of a record; a problem per unknown country."""
    out = []
    for label, code_col, name_col in pairs:
        code = rec.get(code_col, "") if code_col else ""
        name = rec.get(name_col, "") if name_col else ""
        found = country(code) or country(name)
        if found is None:
            problems.append(f"{where}: unknown {label} country '{code or name}'")
            return None
        out.append(found)
    return out


def _comtrade(raw: pd.DataFrame, name: str):
    rows, problems, skipped = [], [], {}
    year_col, period_col = _col(raw, "refYear"), _col(raw, "period")
    c = {k: _col(raw, k) for k in ("reporterISO", "reporterDesc", "reporterCode", "partnerISO", "partnerDesc",
                                   "partnerCode", "flowDesc", "flowCode", "primaryValue", "cmdCode", "partner2Code",
                                   "customsCode", "motCode", "freqCode")}
    for i, rec in raw.iterrows():
        where = f"row {i + 2}"
        totals = [(c["cmdCode"], {"TOTAL"}), (c["partner2Code"], {"0", "W00", ""}),
                  (c["customsCode"], {"C00", ""}), (c["motCode"], {"0", ""})]
        reason = next((f"{col} not the total" for col, ok in totals if col and rec[col].strip().upper() not in ok), None)
        if reason:
            skipped[reason] = skipped.get(reason, 0) + 1
            continue
        flow_text = (rec[c["flowDesc"]] if c["flowDesc"] else rec[c["flowCode"]] if c["flowCode"] else "").strip()
        flow = {"export": "exports", "x": "exports", "import": "imports", "m": "imports"}.get(flow_text.lower())
        if flow is None and flow_text.lower() in {"re-export", "re-import", "rx", "rm", "re-exports", "re-imports"}:
            skipped["re-exports and re-imports"] = skipped.get("re-exports and re-imports", 0) + 1
            continue
        if flow is None:
            problems.append(f"{where}: flow '{flow_text}' is not Export or Import")
            continue
        period = (rec[year_col] if year_col else rec[period_col]).strip()
        if (c["freqCode"] and rec[c["freqCode"]].strip().upper() not in {"A", ""}) or not re.fullmatch(r"\d{4}", period):
            problems.append(f"{where}: period '{period}' is not a year (newsbook reads annual data)")
            continue
        value = _amount(rec[c["primaryValue"]], ": primaryValue", problems, where)
        if value is None:
            continue
        parties = _countries(rec, problems, where, ("reporter", c["reporterISO"], c["reporterDesc"]),
                             ("partner", c["partnerISO"], c["partnerDesc"]))
        if parties is None:
            continue
        snippet = ", ".join(f"{k}={rec[v]}" for k, v in (("year", year_col or period_col), ("reporter", c["reporterISO"]),
                                                         ("partner", c["partnerISO"]), ("flow", c["flowDesc"]),
                                                         ("primaryValue", c["primaryValue"])) if v)
        rows.append(_row(parties[0], parties[1], period, flow, value / 1e6,
                         f"UN Comtrade: {parties[0]} national statistics as reported to the UN ({name})",
                         f"{name}:{i + 2}", snippet, "US$ (primaryValue / 1e6)"))
    return rows, problems, skipped


def _imf_flow(indicator: str, problems, where) -> str | None:
    code = indicator.strip().upper()
    if code in IMF_EXPORTS:
        return "exports"
    if code in IMF_IMPORTS:
        return "imports"
    if code.endswith("_USD") and "TBG" in code:
        return None  # trade balance: not a flow
    problems.append(f"{where}: indicator '{indicator}' is not exports or imports in US dollars "
                    f"(newsbook reads {', '.join(sorted(IMF_EXPORTS | IMF_IMPORTS))})")
    return None


def _imf(raw: pd.DataFrame, name: str):
    rows, problems, skipped = [], [], {}
    wide = "Country Name" in raw.columns
    for i, rec in raw.iterrows():
        where = f"row {i + 2}"
        if wide:
            if rec.get("Attribute", "Value").strip() not in {"Value", ""}:
                continue  # status rows of the legacy bulk file
            flow = _imf_flow(rec["Indicator Code"], problems, where)
            if flow is None:
                continue
            parties = _countries(rec, problems, where, ("reporter", "Country Code" if "Country Code" in rec else None,
                                                        "Country Name"),
                                 ("partner", None, "Counterpart Country Name"))
            if parties is None:
                continue
            for col in raw.columns:
                if not re.fullmatch(r"\d{4}", col) or not rec[col].strip():
                    continue
                value = _amount(rec[col], f", {col}: value", problems, where)
                if value is None:
                    continue
                rows.append(_row(parties[0], parties[1], col, flow, value,
                                 f"IMF DOTS/IMTS: {parties[0]} ({name})", f"{name}:{i + 2}:{col}",
                                 f"{rec['Indicator Code']} {rec['Country Name']} / {rec['Counterpart Country Name']} "
                                 f"{col} = {rec[col]}", "US$ millions"))
            continue
        c = {k: _col(raw, k) for k in ("COUNTRY", "COUNTERPART_COUNTRY", "INDICATOR", "TIME_PERIOD", "OBS_VALUE",
                                       "FREQUENCY", "UNIT_MULT", "SCALE")}
        period = rec[c["TIME_PERIOD"]].strip()
        if (c["FREQUENCY"] and rec[c["FREQUENCY"]].strip().upper() not in {"A", "ANNUAL", ""}) \
                or re.fullmatch(r"\d{4}-?(?:M\d{2}|Q\d|\d{2})", period):
            skipped["monthly or quarterly"] = skipped.get("monthly or quarterly", 0) + 1
            continue
        if not re.fullmatch(r"\d{4}", period):
            problems.append(f"{where}: TIME_PERIOD '{period}' is not a year")
            continue
        flow = _imf_flow(rec[c["INDICATOR"]], problems, where)
        if flow is None:
            continue
        value = _amount(rec[c["OBS_VALUE"]], ": OBS_VALUE", problems, where)
        if value is None:
            continue
        scale = _imf_scale(rec, c, problems, where)
        if scale is None:
            continue
        parties = _countries(rec, problems, where, ("reporter", c["COUNTRY"], None),
                             ("partner", c["COUNTERPART_COUNTRY"], None))
        if parties is None:
            continue
        rows.append(_row(parties[0], parties[1], period, flow, value * scale / 1e6,
                         f"IMF DOTS/IMTS: {parties[0]} ({name})", f"{name}:{i + 2}",
                         f"{rec[c['INDICATOR']]} {rec[c['COUNTRY']]} / {rec[c['COUNTERPART_COUNTRY']]} {period} = "
                         f"{rec[c['OBS_VALUE']]}", "US$ millions"))
    return rows, problems, skipped


def _imf_scale(rec, c, problems, where) -> float | None:
    """US dollars per unit of OBS_VALUE: millions unless UNIT_MULT (a power of ten) or SCALE says otherwise."""
    if c["UNIT_MULT"] and rec[c["UNIT_MULT"]].strip():
        mult = _number(rec[c["UNIT_MULT"]])
        if mult is None:
            problems.append(f"{where}: UNIT_MULT '{rec[c['UNIT_MULT']]}' is not a power of ten")
            return None
        return 10 ** mult
    if c["SCALE"] and rec[c["SCALE"]].strip():
        words = {"units": 1, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
        scale = words.get(rec[c["SCALE"]].strip().lower())
        if scale is None:
            problems.append(f"{where}: SCALE '{rec[c['SCALE']]}' is not units, thousands, millions or billions")
        return scale
    return 1e6


def _eurostat(raw: pd.DataFrame, name: str):
    rows, problems, skipped = [], [], {}
    c = {k: _col(raw, k) for k in ("DECLARANT", "reporter", "DECLARANT_LAB", "PARTNER", "PARTNER_LAB", "FLOW",
                                   "PERIOD", "TIME_PERIOD", "VALUE_IN_EUROS", "OBS_VALUE", "indicators", "PRODUCT",
                                   "product", "freq")}
    reporter_col = c["DECLARANT"] or c["reporter"]
    period_col = c["PERIOD"] or c["TIME_PERIOD"]
    value_col = c["VALUE_IN_EUROS"] or c["OBS_VALUE"]
    product_col = c["PRODUCT"] or c["product"]
    for i, rec in raw.iterrows():
        where = f"row {i + 2}"
        if c["indicators"] and rec[c["indicators"]].strip().upper() != "VALUE_IN_EUROS":
            problems.append(f"{where}: indicator '{rec[c['indicators']]}' is not VALUE_IN_EUROS "
                            "(quantities are not trade values)")
            continue
        if product_col and rec[product_col].strip().upper() not in {"TOTAL", ""}:
            skipped["a product, not the total"] = skipped.get("a product, not the total", 0) + 1
            continue
        flow_text = rec[c["FLOW"]].strip().upper()
        flow = {"1": "imports", "IMPORT": "imports", "IMPORTS": "imports",
                "2": "exports", "EXPORT": "exports", "EXPORTS": "exports"}.get(flow_text)
        if flow is None:
            problems.append(f"{where}: FLOW '{rec[c['FLOW']]}' is not 1 (imports) or 2 (exports)")
            continue
        period = rec[period_col].strip()
        m = re.fullmatch(r"(\d{4})(?:52)?", period)
        if (c["freq"] and rec[c["freq"]].strip().upper() not in {"A", ""}) or not m:
            problems.append(f"{where}: period '{period}' is not a year (annual code YYYY52 or YYYY)")
            continue
        value = _amount(rec[value_col], ": value", problems, where)
        if value is None:
            continue
        parties = _countries(rec, problems, where, ("reporter", reporter_col, c["DECLARANT_LAB"]),
                             ("partner", c["PARTNER"], c["PARTNER_LAB"]))
        if parties is None:
            continue
        rows.append(_row(parties[0], parties[1], m.group(1), flow, None,
                         f"Eurostat Comext: {parties[0]} ({name})", f"{name}:{i + 2}",
                         f"{rec[reporter_col]} {flow} {rec[c['PARTNER']]} {period} = {rec[value_col]} EUR",
                         f"EUR_millions={value / 1e6:.3f}; in euros, not converted"))
    return rows, problems, skipped
