"""Write the analysis tables: Parquet for the notebooks, CSV for readers.

Tables are written in a fixed row and column order, with no timestamps, so two
runs over the same corpus give byte-identical CSV files. Each file is written
to a temporary name and renamed, so a reader never sees half a table.

Cells come from untrusted article text and metadata, so every CSV goes through
:func:`spreadsheet_safe`: a text cell a spreadsheet would run as a formula gets a
leading ``'`` (OWASP's advice on CSV injection). Parquet keeps every value exact.
"""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from pathlib import Path

import pandas as pd


#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def _neutralise(value):
    if (isinstance(value, str) and value.startswith(FORMULA_STARTS)
            and not _PLAIN_NUMBER.fullmatch(value)):
        return "'" + value
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells cannot run as spreadsheet formulas.

    A string starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a
    leading ``'``; numeric columns (negative numbers included) and text that is just a
    number (``-3.5``) are left as they are.
    """
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if isinstance(series.dtype, pd.CategoricalDtype):
            series = series.astype(object)
        if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            out[col] = series.map(_neutralise, na_action="ignore")
    return out


def _has_carriage_return(frame: pd.DataFrame) -> bool:
    text = [frame[c] for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype)]
    return any(s.map(lambda v: isinstance(v, str) and "\r" in v).any() for s in text)


def _to_csv(frame: pd.DataFrame, path) -> None:
    """The one CSV writer: formula-safe cells, no index, LF line endings, UTF-8.

    Python's csv writer quotes a cell with a line feed but not one with a bare carriage
    return, which a spreadsheet would read as the start of a new row (and a new, unescaped
    cell); a table with such a cell is written with every cell quoted.
    """
    safe = spreadsheet_safe(frame)
    quoting = csv.QUOTE_ALL if _has_carriage_return(safe) else csv.QUOTE_MINIMAL
    safe.to_csv(path, index=False, lineterminator="\n", encoding="utf-8", quoting=quoting)


def _atomic_write(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_table(frame: pd.DataFrame, folder: str | os.PathLike, name: str) -> None:
    """Write ``name.csv`` and ``name.parquet`` into ``folder``."""
    folder = Path(folder)
    frame = frame.reset_index(drop=True)
    _atomic_write(folder / f"{name}.csv", lambda p: _to_csv(frame, p))
    _atomic_write(folder / f"{name}.parquet", lambda p: frame.to_parquet(p, index=False))


def write_tables(tables: dict[str, pd.DataFrame], folder: str | os.PathLike) -> list[str]:
    for name in sorted(tables):
        write_table(tables[name], folder, name)
    return sorted(tables)


def read_table(folder: str | os.PathLike, name: str) -> pd.DataFrame:
    """Read a table written by :func:`write_table` (Parquet keeps the types)."""
    return pd.read_parquet(Path(folder) / f"{name}.parquet")


def write_jsonl(records: list[dict], path: str | os.PathLike) -> None:
    """One JSON object per line, keys in a fixed order (for the quote scorer)."""
    text = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    _atomic_write(Path(path), lambda p: Path(p).write_text(text, encoding="utf-8"))


def write_csv(frame: pd.DataFrame, path: str | os.PathLike) -> None:
    _atomic_write(Path(path), lambda p: _to_csv(frame, p))
