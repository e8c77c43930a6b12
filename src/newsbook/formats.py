"""Read article records from export files: CSV/TSV, JSONL/JSON and Parquet.

Researchers hold a corpus as one export more often than as a folder of files:
a Media Cloud CSV (``id, publish_date, title, url, media_name, text``), news-please
or trafilatura JSON lines, a Parquet file from their own pipeline. Each reader
yields records one at a time (CSV in pandas chunks, JSONL line by line, Parquet
in row batches), so memory follows the batch, not the file.

Column names are mapped to newsbook's metadata fields by :data:`COLUMN_ALIASES`
(case, spaces, ``_`` and ``-`` ignored); ``--columns text=body,published=date``
overrides them. A file with no recognisable text column, or a record without
text, becomes a :class:`~newsbook.corpus.Problem`; reading stops at a damaged
part of a file (truncated gzip, unclosed CSV quote) with a problem naming how
many records were read before it, and those records are kept.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

#: Record file suffixes (also ``.gz``-compressed for CSV/TSV/JSONL/JSON).
RECORD_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet")
CSV_CHUNK_ROWS = 1000
PARQUET_BATCH_ROWS = 1000
#: A JSON line longer than this is skipped alone (read past in pieces, never held whole).
MAX_LINE_BYTES = 16 * 1024 * 1024
#: A CSV field longer than this stops the file there (the records before it are kept).
MAX_FIELD_CHARS = 16 * 1024 * 1024

#: newsbook field -> column names used by common exporters, most specific first:
#: Media Cloud, news-please, trafilatura JSON, GDELT (DOC API and GKG) and generic names.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "raw_text", "body", "content", "article_text", "full_text",
             "fulltext", "article", "story_text"),
    "id": ("id", "stories_id", "story_id", "doc_id", "article_id", "gkgrecordid", "guid", "uuid"),
    "title": ("title", "headline", "heading"),
    "published": ("published", "publish_date", "date_publish", "published_at", "publication_date",
                  "pubdate", "pub_date", "date", "seendate", "datetime", "timestamp"),
    "url": ("url", "link", "canonical_url", "sourceurl", "documentidentifier", "uri"),
    "outlet": ("outlet", "media_name", "source_domain", "sitename", "hostname", "domain",
               "sourcecommonname", "publisher", "source", "media"),
    "authors": ("authors", "author", "byline", "creator"),
    "language": ("language", "lang"),
}


class RecordFileError(Exception):
    """A record file cannot be used at all (its message says why, in one sentence)."""


def _key(name: str) -> str:
    return re.sub(r"[\s_\-.]+", "", str(name).strip().lower())


def parse_column_overrides(spec: str | None) -> dict[str, str]:
    """``"text=body,published=date"`` -> ``{"text": "body", "published": "date"}``."""
    overrides: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        field, sep, column = part.partition("=")
        field = field.strip().lower()
        if not sep or not column.strip():
            raise ValueError(f"--columns entry '{part.strip()}' is not FIELD=COLUMN")
        if field not in COLUMN_ALIASES:
            raise ValueError(f"--columns field '{field}' is unknown (known: {', '.join(COLUMN_ALIASES)})")
        overrides[field] = column.strip()
    return overrides


def map_columns(columns: list[str], overrides: dict[str, str] | None = None) -> dict[str, str]:
    """newsbook field -> the file's column, for every field found.

    Raises:
        RecordFileError: no text column (the message lists the columns found), or an
        override names a column the file lacks.
    """
    overrides = overrides or {}
    by_key = {}
    for column in columns:
        by_key.setdefault(_key(column), column)
    mapping: dict[str, str] = {}
    for field, column in overrides.items():
        if column in columns:
            mapping[field] = column
        elif _key(column) in by_key:
            mapping[field] = by_key[_key(column)]
        else:
            raise RecordFileError(f"--columns {field}={column}: no such column "
                                  f"(columns found: {', '.join(map(str, columns)) or 'none'})")
    taken = set(mapping.values())
    for field, aliases in COLUMN_ALIASES.items():
        if field in mapping:
            continue
        for alias in aliases:
            column = by_key.get(_key(alias))
            if column is not None and column not in taken:
                mapping[field] = column
                taken.add(column)
                break
    if "text" not in mapping:
        raise RecordFileError(
            f"has no text column (columns found: {', '.join(map(str, columns)) or 'none'}); "
            "name it with --columns text=COLUMN")
    return mapping


def is_record_file(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return name.endswith(RECORD_SUFFIXES)


def _base_suffix(path: Path | str) -> str:
    name = (path.name if isinstance(path, Path) else Path(path).name).lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


def _open_binary(path: Path):
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def path_opener(path: Path) -> Callable[[], BinaryIO]:
    """A function that opens ``path`` for reading, decompressed if it ends in ``.gz``."""
    return lambda: _open_binary(path)


def gunzip_opener(name: str, opener: Callable[[], BinaryIO]) -> Callable[[], BinaryIO]:
    """``opener`` decompressed when ``name`` ends in ``.gz`` (e.g. a member of an archive)."""
    if not name.lower().endswith(".gz"):
        return opener
    return lambda: gzip.GzipFile(fileobj=opener(), mode="rb")


def _sniff(name: str, opener: Callable[[], BinaryIO]) -> tuple[str, str]:
    """(encoding, delimiter) of a delimited text file, from its first 64 kB."""
    with opener() as fh:
        sample = fh.read(65536)
    if sample.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        try:
            sample.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            if exc.start < len(sample) - 4:  # not merely a character cut at the sample's end
                from charset_normalizer import from_bytes

                best = from_bytes(sample).best()
                encoding = best.encoding if best is not None else "cp1252"
            else:
                encoding = "utf-8"
    text = sample.decode(encoding, errors="ignore")
    first_line = text.splitlines()[0] if text else ""
    if _base_suffix(name) == ".tsv":
        return encoding, "\t"
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    return encoding, delimiter


def _read_delimited(name: str, opener: Callable[[], BinaryIO]) -> Iterator[dict]:
    import pandas as pd

    encoding, delimiter = _sniff(name, opener)
    done = 0
    try:
        with opener() as fh:
            reader = pd.read_csv(fh, sep=delimiter, dtype=str, keep_default_na=False, encoding=encoding,
                                 chunksize=CSV_CHUNK_ROWS, compression=None, engine="c")
            with reader:
                for chunk in reader:
                    records = chunk.to_dict("records")
                    yield from records
                    done += len(records)
        return
    except pd.errors.ParserError:
        pass  # a malformed row: reread the rest record by record, so only the bad one is lost
    yield from _read_delimited_strict(opener, encoding, delimiter, skip=done)


def _read_delimited_strict(opener: Callable[[], BinaryIO], encoding: str, delimiter: str,
                           skip: int) -> Iterator[dict]:
    """Records after the first ``skip``, with the csv module: a row with the wrong number of
    fields, or a field over :data:`MAX_FIELD_CHARS`, is reported and skipped; an unclosed
    quote ends the file with an error."""
    csv.field_size_limit(MAX_FIELD_CHARS)
    with opener() as fh:
        text = io.TextIOWrapper(fh, encoding=encoding, newline="")
        reader = csv.reader(text, delimiter=delimiter, strict=True)
        header = next(reader, [])
        n = 0
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if "field larger than field limit" in str(exc):
                    raise RecordFileError(f"has a field over {MAX_FIELD_CHARS:,} characters from line {start} "
                                          f"on; {n} record(s) before it were read") from None
                raise RecordFileError(f"cannot be parsed from line {start} on (an unclosed quote?): {exc}; "
                                      f"{n} record(s) before it were read") from None
            if not row:
                continue
            n += 1
            if n <= skip:
                continue
            if len(row) != len(header):
                yield _BadRecord(f"line {start} has {len(row)} fields where the header has {len(header)}; skipped")
                continue
            yield dict(zip(header, row))


def _read_jsonl(name: str, opener: Callable[[], BinaryIO]) -> Iterator[dict]:
    with opener() as fh:
        for lineno, line in enumerate(_lines(fh), 1):
            if line is None:
                yield _BadRecord(f"line {lineno} is over {MAX_LINE_BYTES:,} bytes; skipped")
                continue
            line = line.decode("utf-8-sig" if lineno == 1 else "utf-8", errors="replace")
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield _BadRecord(f"line {lineno} is not valid JSON ({exc.msg}); skipped")
                continue
            if not isinstance(record, dict):
                yield _BadRecord(f"line {lineno} is not a JSON object; skipped")
                continue
            yield record


def _read_json(name: str, opener: Callable[[], BinaryIO]) -> Iterator[dict]:
    with opener() as fh:  # a JSON document is parsed whole (use JSON lines for large exports)
        data = json.loads(fh.read().decode("utf-8-sig"))
    if isinstance(data, dict):
        for key in ("articles", "records", "data", "items", "stories", "results"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            data = [data]
    if not isinstance(data, list):
        raise RecordFileError("is JSON but neither an object nor a list of objects")
    for n, record in enumerate(data, 1):
        yield record if isinstance(record, dict) else _BadRecord(f"item {n} is not a JSON object; skipped")


def _read_parquet(name: str, opener: Callable[[], BinaryIO]) -> Iterator[dict]:
    import pyarrow.parquet as pq

    with opener() as fh:
        for batch in pq.ParquetFile(fh).iter_batches(batch_size=PARQUET_BATCH_ROWS):
            yield from batch.to_pylist()


def _lines(fh: BinaryIO) -> Iterator[bytes | None]:
    """The lines of a binary stream, each read in pieces; None for a line over
    :data:`MAX_LINE_BYTES` (its bytes are read past, never held)."""
    while True:
        line = fh.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while True:
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


class _BadRecord:
    """A record a reader could not decode (its reason is reported, reading goes on)."""

    def __init__(self, reason: str):
        self.reason = reason


READERS = {".csv": _read_delimited, ".tsv": _read_delimited, ".jsonl": _read_jsonl,
           ".ndjson": _read_jsonl, ".json": _read_json, ".parquet": _read_parquet}


def iter_records(path: Path, opener: Callable[[], BinaryIO] | None = None) -> Iterator[dict | _BadRecord]:
    """Every record of a record file, as a dict (or a :class:`_BadRecord`), streamed.

    ``opener`` opens the (decompressed) bytes when they are not simply the file at ``path``,
    e.g. a member of a zip archive; ``path`` then only names the format.

    Raises:
        RecordFileError: the file is damaged (after the records before the damage were yielded).
    """
    name = path.name if isinstance(path, Path) else str(path)
    reader = READERS[_base_suffix(name)]
    opener = opener or path_opener(Path(path))
    n = 0
    try:
        for record in reader(name, opener):
            n += 1
            yield record
    except RecordFileError:
        raise
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise RecordFileError(f"is a damaged or truncated gzip file ({exc}); "
                              f"{n} record(s) before the damage were read") from None
    except UnicodeDecodeError as exc:
        raise RecordFileError(f"cannot be decoded ({exc.reason}); {n} record(s) before it were read") from None
    except json.JSONDecodeError as exc:
        raise RecordFileError(f"is not valid JSON ({exc.msg}, line {exc.lineno})") from None
    except Exception as exc:  # pandas ParserError, pyarrow ArrowInvalid: messages name the fault
        name = type(exc).__name__
        if name in {"ParserError", "ArrowInvalid", "ArrowException", "EmptyDataError", "ArrowIOError"}:
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else name
            hint = " (an unclosed quote?)" if "EOF inside string" in str(exc) else ""
            raise RecordFileError(f"cannot be parsed{hint}: {detail}; "
                                  f"{n} record(s) before the fault were read") from None
        raise


def cell(value) -> str:
    """A record value as a metadata string ('' for missing; lists joined with '; ')."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value if cell(v))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
