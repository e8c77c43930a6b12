"""Write the analysis tables: Parquet for the notebooks, CSV for readers.

Tables are written in a fixed row and column order, with no timestamps, so two
runs over the same corpus give byte-identical CSV files. Each file is written
to a temporary name and renamed, so a reader never sees half a table.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd


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
    _atomic_write(folder / f"{name}.csv",
                  lambda p: frame.to_csv(p, index=False, lineterminator="\n", encoding="utf-8"))
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
    _atomic_write(Path(path), lambda p: frame.to_csv(p, index=False, lineterminator="\n", encoding="utf-8"))
