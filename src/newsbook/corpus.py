"""Load a corpus: decode each article, validate metadata, report problems.

A corpus is one or more paths, combined: a folder of articles, one per file, read
recursively (``.txt`` in any common encoding, ``.html``/``.htm`` whose main text is
extracted with trafilatura, ``.md``), plus an optional ``metadata.csv``; or an export
file of records (CSV/TSV, JSONL/JSON, Parquet; read by :mod:`newsbook.formats`). Loading never modifies the folder and never raises on
bad input: every file or metadata row that cannot be used becomes a
:class:`Problem` with one clear sentence, and the good articles are returned.

The text of an :class:`Article` is the text *as loaded* (decoded; for HTML, the
extracted main text). All character offsets in newsbook's tables refer to it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

log = logging.getLogger(__name__)

#: Metadata columns the book knows; any other column is kept and reported once.
METADATA_COLUMNS = (
    "file", "id", "outlet", "title", "authors", "published", "url",
    "language", "translated_from", "notes",
)
ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
#: Files in a corpus folder that are documentation, not articles.
NON_ARTICLE_NAMES = re.compile(r"^(readme|licen[cs]e|copying|notice)(\.[a-z]+)?$", re.I)
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


class CorpusError(Exception):
    """The corpus cannot be used at all (no folder, no usable article)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, said in one sentence."""

    where: str
    message: str
    level: str = "skip"  # skip | warning

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Article:
    """One article as loaded.

    Attributes:
        doc_id: stable identifier (``metadata.csv`` ``id``, else the file stem).
        file: file name relative to the corpus folder.
        text: decoded text; every offset in the book refers to this string.
        encoding: the encoding the bytes were decoded from (or ``html``).
        meta: metadata fields (all strings; blank when unknown), unknown columns kept.
    """

    doc_id: str
    file: str
    text: str
    encoding: str
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def get(self, key: str, default: str = "") -> str:
        return self.meta.get(key, "") or default


@dataclass
class Corpus:
    """The usable articles of a folder, in a fixed order, and what was wrong."""

    root: Path
    articles: list[Article]
    problems: list[Problem]

    def __iter__(self):
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def by_id(self) -> dict[str, Article]:
        return {a.doc_id: a for a in self.articles}


# --------------------------------------------------------------------------- decoding

def decode_bytes(data: bytes) -> tuple[str, str] | None:
    """Decode article bytes; return ``(text, encoding)`` or None for binary data.

    BOMs decide first (UTF-8, UTF-16, UTF-32), then strict UTF-8, then
    charset-normalizer's best guess (cp1251, latin-1, ...). Bytes with NULs and
    no UTF-16/32 BOM, or that no encoding explains, are binary.
    """
    boms = [
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ]
    for bom, enc in boms:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", "")
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        # UTF-16 without a BOM still decodes cleanly and reads as text.
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, enc
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    if not _looks_like_text(text):
        return None
    return text, best.encoding


def _looks_like_text(text: str) -> bool:
    """Mostly printable characters and at least some letters."""
    if not text:
        return False
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\r\n\t\f") or 0xFFF0 <= ord(ch))
    letters = sum(1 for ch in text if ch.isalpha())
    return bad / len(text) < 0.01 and letters / len(text) > 0.3


def html_to_text(html: str) -> str:
    """Main text of an HTML page, via trafilatura (comments and tables dropped)."""
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, include_images=False,
        include_links=False, favor_precision=True, deduplicate=False,
    )
    return text or ""


# --------------------------------------------------------------------------- metadata

def parse_date(value: str) -> date | None:
    """ISO date ``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``: first day); None if not a date."""
    value = (value or "").strip()
    for pattern, fill in ((r"\d{4}-\d{2}-\d{2}", ""), (r"\d{4}-\d{2}", "-01"), (r"\d{4}", "-01-01")):
        if re.fullmatch(pattern, value):
            try:
                return date.fromisoformat(value + fill)
            except ValueError:
                return None
    return None


def read_metadata(path: Path, files: set[str]) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """Read ``metadata.csv`` into ``{file: row}`` and report each bad row once.

    Rows naming a file that is not in the corpus, rows without a ``file``,
    repeated files or ids and unparseable ``published`` dates are reported; a
    bad date is blanked, other bad rows are dropped, good rows are used.
    """
    problems: list[Problem] = []
    rows: dict[str, dict[str, str]] = {}
    where = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return {}, [Problem(where, f"cannot be read ({exc.strerror}); metadata ignored")]
    decoded = decode_bytes(raw)
    if decoded is None:
        return {}, [Problem(where, "is not a text file; metadata ignored")]
    text = decoded[0]
    first_line = text.splitlines()[0] if text else ""
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    # header names in any case: 'File', 'Published' are the book's columns
    reader.fieldnames = [(h or "").strip().lower() if (h or "").strip().lower() in METADATA_COLUMNS
                         else (h or "").strip() for h in (reader.fieldnames or [])]
    header = list(reader.fieldnames)
    if "file" not in header:
        return {}, [Problem(where, "has no 'file' column; metadata ignored")]
    unknown = [h for h in header if h and h not in METADATA_COLUMNS]
    if unknown:
        problems.append(Problem(where, f"unknown column(s) kept as extra metadata: {', '.join(unknown)}", "warning"))
    seen_ids: dict[str, int] = {}
    for lineno, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        name = row.get("file", "")
        loc = f"{where} line {lineno}"
        if not name:
            problems.append(Problem(loc, "has no file name; row ignored"))
            continue
        if name not in files:
            problems.append(Problem(loc, f"names '{name}', which is not a usable article in the corpus; row ignored"))
            continue
        if name in rows:
            problems.append(Problem(loc, f"repeats file '{name}'; the first row is used"))
            continue
        doc_id = row.get("id") or Path(name).stem
        if doc_id in seen_ids:
            problems.append(Problem(loc, f"repeats id '{doc_id}' (first on line {seen_ids[doc_id]}); row ignored"))
            continue
        seen_ids[doc_id] = lineno
        if row.get("published") and parse_date(row["published"]) is None:
            problems.append(Problem(loc, f"published date '{row['published']}' is not YYYY-MM-DD; left blank", "warning"))
            row["published"] = ""
        rows[name] = row
    return rows, problems


# --------------------------------------------------------------------------- files

def _candidate_files(root: Path, max_bytes: int) -> tuple[list[Path], list[Problem]]:
    """Article files in ``root`` and its subfolders, sorted by relative path, and the skipped ones.

    Problems name a file by its path relative to ``root`` (``/``-separated).
    """
    files: list[Path] = []
    problems: list[Problem] = []
    real_root = root.resolve()
    found: list[Path] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (Path(folder) / d).is_symlink())
        found.extend(Path(folder) / n for n in names)
    for path in sorted(found, key=lambda p: p.relative_to(root).as_posix()):
        name = path.relative_to(root).as_posix()
        if path.name.startswith(".") or name == "metadata.csv":
            continue
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(real_root):
                problems.append(Problem(name, "is a symbolic link that leaves the corpus folder; skipped"))
                continue
        if path.is_dir():
            continue
        if NON_ARTICLE_NAMES.match(path.name) or path.name == "metadata.csv":
            log.info("%s: documentation or metadata file, not an article; skipped", name)
            continue
        if path.suffix.lower() not in ARTICLE_SUFFIXES:
            problems.append(Problem(name, f"has an unsupported extension '{path.suffix}' (use .txt, .html, .htm or .md); skipped"))
            continue
        try:
            size = path.stat().st_size
        except OSError as exc:
            problems.append(Problem(name, f"cannot be read ({exc.strerror}); skipped"))
            continue
        if size > max_bytes:
            problems.append(Problem(name, f"is {size:,} bytes, over the {max_bytes:,}-byte limit; skipped"))
            continue
        files.append(path)
    return files, problems


def read_article_text(path: Path, name: str | None = None) -> tuple[str, str] | Problem:
    """Decode one file (extracting HTML main text); a Problem if unusable."""
    name = name or path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Problem(name, f"cannot be read ({exc.strerror}); skipped")
    if not data:
        return Problem(name, "is empty; skipped")
    if not data.strip():
        return Problem(name, "contains only white space; skipped")
    decoded = decode_bytes(data)
    if decoded is None:
        return Problem(name, "is binary, not text; skipped")
    text, encoding = decoded
    if path.suffix.lower() in HTML_SUFFIXES:
        text = html_to_text(text)
        encoding = f"html/{encoding}"
        if not text.strip():
            return Problem(name, "is HTML with no extractable main text; skipped")
    if not text.strip():
        return Problem(name, "contains only white space; skipped")
    return text, encoding


def _load_folder(root: Path, max_bytes: int) -> tuple[list[tuple[str, str, str, dict]], list[Problem]]:
    """(file, text, encoding, metadata row) for each usable article of a folder, and the problems.

    A file in a subfolder takes the subfolder's name as its outlet when metadata gives none.
    """
    paths, problems = _candidate_files(root, max_bytes)
    texts: dict[str, tuple[str, str]] = {}
    for path in paths:
        name = path.relative_to(root).as_posix()
        result = read_article_text(path, name)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            texts[name] = result
    meta_rows: dict[str, dict[str, str]] = {}
    meta_path = root / "metadata.csv"
    if meta_path.is_file():
        meta_rows, meta_problems = read_metadata(meta_path, set(texts))
        problems.extend(meta_problems)
    loaded = []
    for name, (text, encoding) in texts.items():
        row = dict(meta_rows.get(name, {}))
        if "/" in name and not row.get("outlet"):
            row["outlet"] = name.split("/", 1)[0]
        row.setdefault("id", "")
        row["id"] = row["id"] or Path(name).stem
        loaded.append((name, text, encoding, row))
    return loaded, problems


def _load_records(path: Path, columns: dict[str, str] | None,
                  dates: str | None) -> tuple[list[tuple[str, str, str, dict]], list[Problem]]:
    """(file, text, encoding, metadata row) for each usable record of an export file, and the problems.

    ``file`` is ``NAME#N``, N the record's 1-based position. The id is the record's id,
    else its URL, else a hash of its text, so ids are stable across runs.
    """
    from newsbook.formats import RecordFileError, _BadRecord, cell, iter_records, map_columns

    where = path.name
    loaded: list[tuple[str, str, str, dict]] = []
    problems: list[Problem] = []
    mapping: dict[str, str] | None = None
    try:
        for n, record in enumerate(iter_records(path), 1):
            loc = f"{where} record {n}"
            if isinstance(record, _BadRecord):
                problems.append(Problem(where, record.reason))
                continue
            if mapping is None:
                mapping = map_columns(list(record), columns)
            text = cell(record.get(mapping["text"]))
            if not text.strip():
                problems.append(Problem(loc, f"has no text in column '{mapping['text']}'; skipped"))
                continue
            row = {field: cell(record.get(column)).strip() for field, column in mapping.items() if field != "text"}
            mapped = set(mapping.values())
            for column, value in record.items():
                key = str(column)
                if column not in mapped and key not in row and cell(value):
                    row[key] = cell(value)
            if row.get("published"):
                raw = row["published"]
                iso, issue = normalise_date(raw, dates)
                row["published"] = iso
                if iso != raw:
                    row["published_raw"] = raw
                if issue:
                    problems.append(Problem(loc, issue, "warning"))
            row["id"] = row.get("id") or row.get("url") or "sha256-" + hashlib.sha256(
                text.encode("utf-8")).hexdigest()[:16]
            loaded.append((f"{where}#{n}", text, "utf-8", row))
    except RecordFileError as exc:
        problems.append(Problem(where, str(exc) + ("" if loaded else "; file skipped")))
    except OSError as exc:
        problems.append(Problem(where, f"cannot be read ({exc.strerror or exc}); skipped"))
    return loaded, problems


def normalise_date(value: str, dates: str | None = None) -> tuple[str, str | None]:
    """An ISO date ``YYYY-MM-DD`` for a published value, and a warning when it cannot be one.

    ISO dates with a time and zone (``2024-12-02T10:00:00Z``, ``2024-12-02 10:00:00``) give
    their date as written; Unix timestamps (seconds or milliseconds) their UTC date;
    ``02/12/2024`` needs ``dates='dayfirst'`` or ``'monthfirst'``, else it is ambiguous.
    """
    from datetime import datetime, timezone

    value = (value or "").strip()
    if parse_date(value):
        return value, None
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?", value)
    if m and parse_date(m.group(1)):
        return m.group(1), None
    if re.fullmatch(r"\d{9,10}(\.\d+)?|\d{12,13}", value):
        seconds = float(value) / (1000 if len(value) >= 12 and "." not in value else 1)
        return datetime.fromtimestamp(seconds, tz=timezone.utc).date().isoformat(), None
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", value)
    if m:
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if dates == "dayfirst" or (dates is None and a > 12):
            day, month = a, b
        elif dates == "monthfirst" or (dates is None and b > 12):
            month, day = a, b
        else:
            return "", (f"published date '{value}' is ambiguous (day/month or month/day?); "
                        "left blank, use --dayfirst or --monthfirst")
        try:
            return date(year, month, day).isoformat(), None
        except ValueError:
            pass
    return "", f"published date '{value}' is not a date newsbook reads; left blank"


def load_corpus(paths: str | os.PathLike | list, max_bytes: int = DEFAULT_MAX_BYTES,
                columns: dict[str, str] | None = None, dates: str | None = None) -> Corpus:
    """Load every usable article of one or more corpus paths, combined into one corpus.

    A path is a folder of article files (read recursively) or an export file
    (``.csv``, ``.tsv``, ``.jsonl``, ``.json``, ``.parquet``; see :mod:`newsbook.formats`).
    ``columns`` maps newsbook fields to an export's column names; ``dates`` is
    ``'dayfirst'`` or ``'monthfirst'`` for dates such as ``02/12/2024``. Articles whose
    normalised text repeats an earlier article's are reported and kept once.

    Raises:
        CorpusError: a path does not exist or is neither a folder nor an export file,
        or no article at all is usable.
    """
    from newsbook.formats import is_record_file

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [Path(p) for p in paths]
    if not paths:
        raise CorpusError("no corpus path given")
    for path in paths:
        if not path.exists():
            raise CorpusError(f"corpus path '{path}' does not exist")
        if not path.is_dir() and not is_record_file(path):
            raise CorpusError(f"corpus path '{path}' is neither a folder nor an export file "
                              "(.csv, .tsv, .jsonl, .json, .parquet, optionally .gz)")
    articles: list[Article] = []
    problems: list[Problem] = []
    used_ids: set[str] = set()
    seen_texts: dict[str, str] = {}
    for path in paths:
        if path.is_dir():
            loaded, found = _load_folder(path, max_bytes)
        else:
            loaded, found = _load_records(path, columns, dates)
        problems.extend(found)
        for name, text, encoding, row in loaded:
            doc_id = row["id"]
            if doc_id in used_ids:
                problems.append(Problem(name, f"id '{doc_id}' is already used by another article; skipped"))
                continue
            fingerprint = hashlib.sha256(" ".join(text.lower().split()).encode("utf-8")).hexdigest()
            if fingerprint in seen_texts:
                problems.append(Problem(name, f"has the same text as '{seen_texts[fingerprint]}' "
                                              "(exact duplicate); kept once"))
                continue
            seen_texts[fingerprint] = name
            used_ids.add(doc_id)
            row["file"] = name
            for column in METADATA_COLUMNS:
                row.setdefault(column, "")
            articles.append(Article(doc_id=doc_id, file=name, text=text, encoding=encoding, meta=row))
    if not articles:
        detail = "; ".join(str(p) for p in problems[:5])
        where = ", ".join(f"'{p}'" for p in paths)
        raise CorpusError(f"corpus {where} has no usable article" + (f" ({detail})" if detail else ""))
    return Corpus(root=paths[0], articles=articles, problems=problems)
