"""Load a corpus: decode each article, validate metadata, report problems.

A corpus is one or more paths, combined: a folder of articles, one per file, read
recursively (``.txt`` in any common encoding, ``.html``/``.htm`` whose main text is
extracted with trafilatura, title and date from the page's own metadata; ``.md``), plus
an optional ``metadata.csv``; an export file of records (CSV/TSV, JSONL/JSON, Parquet;
:mod:`newsbook.formats`); a ``.zip``/``.tar.gz`` of either (:mod:`newsbook.archives`); a
web archive (``.warc``/``.warc.gz``, :mod:`newsbook.warc`). Every path is streamed. Loading
never modifies the input and never raises on bad input short of an unusable corpus or
``metadata.csv``: every file, record or metadata row that cannot be used becomes a
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
from collections.abc import Iterator
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
    """The usable articles of the corpus paths, in a fixed order, and what was wrong."""

    root: Path
    articles: list[Article]
    problems: list[Problem]
    #: what each corpus path gave (format, items read, articles, skipped by reason)
    sources: list = field(default_factory=list)

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



def read_metadata(path: Path, files: set[str], dates: str | None = None
                  ) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """Read a folder's ``metadata.csv`` into ``{file: row}``; see :func:`parse_metadata`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path.name} cannot be read ({exc.strerror}); fix its permissions or remove it") from None
    return parse_metadata(raw, path.name, files, dates)


def parse_metadata(raw: bytes, where: str, files: set[str], dates: str | None = None
                   ) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """Parse ``metadata.csv`` bytes into ``{file: row}`` and report each bad row once.

    Any delimiter (sniffed), header names in any case (``File``, ``ID``). Rows naming a
    file that is not in the corpus, rows without a ``file``, repeated files or ids are
    reported and dropped; ``published`` is normalised like an export's dates
    (:func:`normalise_date`, the raw value kept in ``published_raw``) and blanked with a
    warning when it is no date.

    Raises:
        CorpusError: the metadata cannot be used at all (not text, no ``file`` column, or no
        row names an article of the corpus): a book built without it would silently lack
        every outlet and date, so the build stops and says what to fix.
    """
    problems: list[Problem] = []
    rows: dict[str, dict[str, str]] = {}
    decoded = decode_bytes(raw) if raw.strip() else ("", "utf-8")
    if decoded is None:
        raise CorpusError(f"{where} is not a text file; fix it or remove it")
    text = decoded[0]
    if not text.strip():
        problems.append(Problem(where, "is empty; no metadata used", "warning"))
        return rows, problems
    sample = "\n".join(text.splitlines()[:20])
    first_line = text.splitlines()[0]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        try:
            delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    # header names in any case: 'File', 'Published' are the book's columns
    raw_header = [(h or "").strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = [h.lower() if h.lower() in METADATA_COLUMNS else h for h in raw_header]
    header = list(reader.fieldnames)
    if "file" not in header:
        shown = {",": "comma", ";": "semicolon", "\t": "tab", "|": "|"}.get(delimiter, delimiter)
        raise CorpusError(f"{where} has no 'file' column (read as {shown}-separated, columns found: "
                          f"{', '.join(repr(h) for h in raw_header) or 'none'}); add a 'file' column naming "
                          "each article's path in the corpus folder, or remove metadata.csv")
    unknown = [h for h in header if h and h not in METADATA_COLUMNS]
    if unknown:
        problems.append(Problem(where, f"unknown column(s) kept as extra metadata: {', '.join(unknown)}", "warning"))
    seen_ids: dict[str, int] = {}
    unmatched: list[str] = []
    n_rows = 0
    for lineno, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if not any(row.values()):
            continue
        n_rows += 1
        name = row.get("file", "")
        loc = f"{where} line {lineno}"
        if not name:
            problems.append(Problem(loc, "has no file name; row ignored"))
            continue
        if name not in files:
            unmatched.append(name)
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
        issue = _normalise_published(row, dates)
        if issue:
            problems.append(Problem(loc, issue, "warning"))
        rows[name] = row
    if n_rows and not rows and unmatched and files:
        example = sorted(files)[0]
        raise CorpusError(f"{where}: none of its {n_rows} row(s) names an article of the corpus (first: "
                          f"'{unmatched[0]}'; files are named by their path in the folder, e.g. '{example}'); "
                          "fix the 'file' column or remove metadata.csv")
    return rows, problems


def html_metadata(html: str) -> dict[str, str]:
    """Title, date, site, authors and URL a saved page states about itself (trafilatura).

    The date is the page's own (``article:published_time``, ``datePublished``, ...), never
    guessed from its text; blank fields are left out.
    """
    from trafilatura.metadata import extract_metadata

    try:
        found = extract_metadata(html, extensive=False,
                                 date_config={"original_date": True, "extensive_search": False})
    except Exception as exc:  # a malformed page: its text may still be usable
        log.info("page metadata not read (%s)", exc)
        return {}
    meta = {"title": found.title, "published": found.date, "outlet": found.sitename,
            "authors": found.author, "url": found.url}
    return {k: str(v).strip() for k, v in meta.items() if v and str(v).strip()}


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

def article_from_bytes(data: bytes, name: str) -> tuple[str, str, dict[str, str]] | Problem:
    """(text, encoding, page metadata) of one article file's bytes, or a Problem if unusable.

    HTML (``.html``/``.htm``) gives its main text (trafilatura) and its own metadata.
    """
    if not data:
        return Problem(name, "is empty; skipped")
    if not data.strip():
        return Problem(name, "contains only white space; skipped")
    decoded = decode_bytes(data)
    if decoded is None:
        return Problem(name, "is binary, not text; skipped")
    text, encoding = decoded
    page: dict[str, str] = {}
    if Path(name).suffix.lower() in HTML_SUFFIXES:
        page = html_metadata(text)
        text = html_to_text(text)
        encoding = f"html/{encoding}"
        if not text.strip():
            return Problem(name, "is HTML with no extractable main text; skipped")
    if not text.strip():
        return Problem(name, "contains only white space; skipped")
    return text, encoding, page


def read_article_text(path: Path, name: str | None = None) -> tuple[str, str] | Problem:
    """Decode one file (extracting HTML main text); a Problem if unusable."""
    name = name or path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Problem(name, f"cannot be read ({exc.strerror}); skipped")
    result = article_from_bytes(data, name)
    return result if isinstance(result, Problem) else result[:2]


#: What a loader yields for each usable article: (file, text, encoding, metadata row).
Loaded = tuple[str, str, str, dict]


@dataclass
class Source:
    """What one corpus path gave: its format, items read, articles kept, and why others were not.

    ``read`` counts the path's items (files, records, archive members, WARC records);
    ``skipped`` counts skipped items by reason (numbers and quoted names left out).
    """

    path: str
    format: str
    read: int = 0
    articles: int = 0
    duplicates: int = 0
    columns: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    warnings: int = 0

    def count(self, problem: Problem) -> None:
        if problem.level != "skip":
            self.warnings += 1
            return
        reason = re.sub(r"'[^']*'", "'…'", problem.message)
        m = re.match(r"^(\d+) (.*)$", reason)
        n = int(m.group(1)) if m and "skipped" in reason else 1
        reason = re.sub(r"\d[\d,.]*", "N", m.group(2) if m and "skipped" in reason else reason)
        self.skipped[reason] = self.skipped.get(reason, 0) + n


def _with_metadata(texts: dict[str, tuple[str, str, dict]], meta_rows: dict[str, dict[str, str]],
                   prefix: str = "") -> list[Loaded]:
    """Articles of a folder or archive with their metadata rows: ``metadata.csv`` first, then
    the subfolder as outlet, then the page's own metadata (HTML); id defaults to the file stem."""
    loaded = []
    for name, (text, encoding, page) in texts.items():
        row = dict(meta_rows.get(name, {}))
        if "/" in name and not row.get("outlet"):
            row["outlet"] = name.split("/", 1)[0]
        for key, value in page.items():
            if not row.get(key):
                row[key] = value
        row["id"] = row.get("id") or Path(name).stem
        loaded.append((prefix + name, text, encoding, row))
    return loaded


def _load_folder(root: Path, max_bytes: int, dates: str | None, source: Source) -> Iterator[Loaded | Problem]:
    """Each usable article of a folder, and a Problem for each thing skipped.

    A file in a subfolder takes the subfolder's name as its outlet when metadata gives none.
    """
    paths, problems = _candidate_files(root, max_bytes)
    source.read = len(paths) + len(problems)
    yield from problems
    texts: dict[str, tuple[str, str, dict]] = {}
    for path in paths:
        name = path.relative_to(root).as_posix()
        try:
            result = article_from_bytes(path.read_bytes(), name)
        except OSError as exc:
            result = Problem(name, f"cannot be read ({exc.strerror}); skipped")
        if isinstance(result, Problem):
            yield result
        else:
            texts[name] = result
    meta_rows: dict[str, dict[str, str]] = {}
    meta_path = root / "metadata.csv"
    if meta_path.is_file():
        meta_rows, meta_problems = read_metadata(meta_path, set(texts), dates)
        yield from meta_problems
    yield from _with_metadata(texts, meta_rows)


def _load_archive(path: Path, max_bytes: int, columns: dict[str, str] | None, dates: str | None,
                  source: Source) -> Iterator[Loaded | Problem]:
    """Each usable article of a ``.zip``/``.tar.gz`` archive, streamed member by member.

    Article files (``.txt``, ``.html``, ``.md``) are read like a folder's, relative to the
    archive's single top folder if it has one (so ``export/Reuters/a.txt`` has outlet
    ``Reuters``), with a ``metadata.csv`` beside them; record files inside are streamed.
    Articles are named ``ARCHIVE:PATH``.
    """
    import zipfile
    import zlib

    from newsbook.archives import ArchiveError, Member, iter_members, read_capped
    from newsbook.formats import gunzip_opener, is_record_file

    where = path.name
    found: dict[str, tuple[str, str, dict]] = {}  # by the member's full path
    metadata: tuple[str, bytes] | None = None
    other: dict[str, int] = {}
    try:
        for member in iter_members(path):
            source.read += 1
            if not isinstance(member, Member):
                yield Problem(f"{where}:{member.name}", member.reason)
                continue
            base = member.name.rsplit("/", 1)[-1]
            if member.name.startswith("__MACOSX/") or any(p.startswith(".") for p in member.name.split("/")):
                continue  # hidden files and macOS resource forks
            suffix = Path(base).suffix.lower()
            if base != "metadata.csv" and is_record_file(Path(base)):
                yield from _load_records(Path(f"{where}:{member.name}"), columns, dates, max_bytes,
                                         source, opener=gunzip_opener(base, member.open))
                continue
            if NON_ARTICLE_NAMES.match(base):
                continue
            if base != "metadata.csv" and suffix not in ARTICLE_SUFFIXES:
                key = suffix or "(none)"
                other[key] = other.get(key, 0) + 1
                continue
            loc = f"{where}:{member.name}"
            if member.size > max_bytes:
                yield Problem(loc, f"is {member.size:,} bytes, over the {max_bytes:,}-byte limit; skipped")
                continue
            try:
                data = read_capped(member, max_bytes)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:  # bad CRC, damaged stream
                yield Problem(loc, f"cannot be read from the archive ({exc}); skipped")
                continue
            if data is None:
                yield Problem(loc, f"decompresses to over the {max_bytes:,}-byte limit; skipped")
                continue
            if base == "metadata.csv":
                if metadata is None or member.name.count("/") < metadata[0].count("/"):
                    metadata = (member.name, data)
                continue
            result = article_from_bytes(data, member.name)
            if isinstance(result, Problem):
                yield Problem(loc, result.message)
            else:
                found[member.name] = result
    except ArchiveError as exc:
        yield Problem(where, str(exc) + "; the members before it were read")
    # paths relative to the archive's single top folder, if every article lies under one
    names = list(found) + ([metadata[0]] if metadata else [])
    tops = {name.split("/", 1)[0] if "/" in name else "" for name in names}
    strip = next(iter(tops)) + "/" if len(tops) == 1 and "" not in tops else ""
    texts = {name[len(strip):]: value for name, value in found.items()}
    for suffix, count in sorted(other.items()):
        yield Problem(where, f"{count} member(s) with extension {suffix} skipped (use .txt, .html, .htm, .md "
                             "or an export file)")
    meta_rows: dict[str, dict[str, str]] = {}
    if metadata is not None and metadata[0] == strip + "metadata.csv":
        meta_rows, meta_problems = parse_metadata(metadata[1], f"{where}:{metadata[0]}", set(texts), dates)
        yield from meta_problems
    yield from _with_metadata(texts, meta_rows, prefix=f"{where}:{strip}")


def _load_warc(path: Path, max_bytes: int, dates: str | None, source: Source) -> Iterator[Loaded | Problem]:
    """Each HTML page of a WARC file with usable main text; other records counted by reason."""
    from urllib.parse import urlsplit

    from newsbook.warc import WarcError, WarcPage, iter_pages

    where = path.name
    skipped: dict[str, int] = {}
    n = 0
    try:
        for item in iter_pages(path, max_bytes):
            n += 1
            source.read += 1
            if not isinstance(item, WarcPage):
                skipped[item] = skipped.get(item, 0) + 1
                continue
            html = None
            if item.charset:
                try:
                    html = item.html.decode(item.charset)
                except (LookupError, UnicodeDecodeError):
                    html = None
            if html is None:
                decoded = decode_bytes(item.html)
                html = decoded[0] if decoded else None
            if html is None:
                skipped["page not decodable as text"] = skipped.get("page not decodable as text", 0) + 1
                continue
            text = html_to_text(html)
            if not text.strip():
                skipped["HTML page with no main text"] = skipped.get("HTML page with no main text", 0) + 1
                continue
            row = html_metadata(html)
            row["url"] = item.url or row.get("url", "")
            if not row.get("outlet") and item.url:
                row["outlet"] = urlsplit(item.url).hostname or ""
            row["crawled"] = item.crawled
            if row.get("published"):
                row["published"], issue = normalise_date(row["published"], dates)
                if issue:
                    yield Problem(f"{where} record {n}", issue, "warning")
            row["id"] = item.url or item.record_id
            yield (f"{where}#{n}", text, "html/warc", row)
    except WarcError as exc:
        yield Problem(where, str(exc) + "; the pages before it were read")
    for reason, count in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])):
        yield Problem(where, f"{count} record(s) skipped: {reason}")


def _load_records(path: Path, columns: dict[str, str] | None, dates: str | None, max_bytes: int,
                  source: Source, opener=None) -> Iterator[Loaded | Problem]:
    """Each usable record of an export file, streamed, and a Problem for each one skipped.

    ``file`` is ``NAME#N``, N the record's 1-based position. The id is the record's id,
    else its URL, else a hash of its text, so ids are stable across runs. A record whose
    text is over ``max_bytes`` is skipped like an over-long file.
    """
    from newsbook.formats import RecordFileError, _BadRecord, cell, iter_records, map_columns

    where = path.name
    mapping: dict[str, str] | None = None
    kept = 0
    try:
        for n, record in enumerate(iter_records(path, opener), 1):
            source.read += 1
            loc = f"{where} record {n}"
            if isinstance(record, _BadRecord):
                yield Problem(where, record.reason)
                continue
            if mapping is None:
                mapping = map_columns(list(record), columns)
                source.columns.update({f: c for f, c in mapping.items() if f not in source.columns})
            text = cell(record.get(mapping["text"]))
            if not text.strip():
                yield Problem(loc, f"has no text in column '{mapping['text']}'; skipped")
                continue
            if len(text) * 4 > max_bytes and len(text.encode("utf-8")) > max_bytes:
                yield Problem(loc, f"has {len(text.encode('utf-8')):,} bytes of text, over the "
                                   f"{max_bytes:,}-byte limit; skipped")
                continue
            row = {field: cell(record.get(column)).strip() for field, column in mapping.items() if field != "text"}
            mapped = set(mapping.values())
            for column, value in record.items():
                key = str(column)
                if column not in mapped and key not in row and cell(value):
                    row[key] = cell(value)
            issue = _normalise_published(row, dates)
            if issue:
                yield Problem(loc, issue, "warning")
            row["id"] = row.get("id") or row.get("url") or "sha256-" + hashlib.sha256(
                text.encode("utf-8")).hexdigest()[:16]
            kept += 1
            yield (f"{where}#{n}", text, "utf-8", row)
    except RecordFileError as exc:
        yield Problem(where, str(exc) + ("" if kept else "; file skipped"))
    except OSError as exc:
        yield Problem(where, f"cannot be read ({exc.strerror or exc}); skipped")


def _normalise_published(row: dict, dates: str | None) -> str | None:
    """``row["published"]`` as an ISO date, the value as written kept in ``published_raw`` when it
    differs; returns the date's problem (ambiguous, unreadable), if any."""
    raw = row.get("published")
    if not raw:
        return None
    iso, issue = normalise_date(raw, dates)
    row["published"] = iso
    if iso != raw:
        row["published_raw"] = raw
    return issue


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

def path_format(path: Path) -> str | None:
    """The kind of corpus path: folder, archive, warc, or an export format (csv, jsonl ...)."""
    from newsbook.archives import is_archive
    from newsbook.formats import _base_suffix, is_record_file
    from newsbook.warc import is_warc

    if path.is_dir():
        return "folder"
    if is_warc(path):
        return "warc"
    if is_archive(path):
        return "zip" if path.name.lower().endswith(".zip") else "tar"
    if is_record_file(path):
        return _base_suffix(path).lstrip(".")
    return None


def load_corpus(paths: str | os.PathLike | list, max_bytes: int = DEFAULT_MAX_BYTES,
                columns: dict[str, str] | None = None, dates: str | None = None) -> Corpus:
    """Load every usable article of one or more corpus paths, combined into one corpus.

    A path is a folder of article files (read recursively), an export file (``.csv``,
    ``.tsv``, ``.jsonl``, ``.json``, ``.parquet``; see :mod:`newsbook.formats`), an archive
    of article or export files (``.zip``, ``.tar.gz``; :mod:`newsbook.archives`) or a web
    archive (``.warc``, ``.warc.gz``; :mod:`newsbook.warc`). Each is streamed. ``columns``
    maps newsbook fields to an export's column names; ``dates`` is ``'dayfirst'`` or
    ``'monthfirst'`` for dates such as ``02/12/2024``. Articles whose normalised text
    repeats an earlier article's are reported and kept once.

    Raises:
        CorpusError: a path does not exist or is of no supported kind, a ``metadata.csv``
        cannot be used at all, or no article at all is usable.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [Path(p) for p in paths]
    if not paths:
        raise CorpusError("no corpus path given")
    formats = []
    for path in paths:
        if not path.exists():
            raise CorpusError(f"corpus path '{path}' does not exist")
        kind = path_format(path)
        if kind is None:
            raise CorpusError(f"corpus path '{path}' is neither a folder nor a file newsbook reads "
                              "(.csv, .tsv, .jsonl, .json, .parquet, optionally .gz; .zip, .tar.gz; "
                              ".warc, .warc.gz)")
        formats.append(kind)
    articles: list[Article] = []
    problems: list[Problem] = []
    sources: list[Source] = []
    used_ids: set[str] = set()
    seen_texts: dict[bytes, str] = {}
    for path, kind in zip(paths, formats):
        source = Source(path=path.name or str(path), format=kind)
        sources.append(source)
        if kind == "folder":
            items = _load_folder(path, max_bytes, dates, source)
        elif kind == "warc":
            items = _load_warc(path, max_bytes, dates, source)
        elif kind in ("zip", "tar"):
            items = _load_archive(path, max_bytes, columns, dates, source)
        else:
            items = _load_records(path, columns, dates, max_bytes, source)
        for item in items:
            if isinstance(item, Problem):
                problems.append(item)
                source.count(item)
                continue
            name, text, encoding, row = item
            doc_id = row["id"]
            if doc_id in used_ids:
                problem = Problem(name, f"id '{doc_id}' is already used by another article; skipped")
                problems.append(problem)
                source.count(problem)
                continue
            fingerprint = hashlib.sha256(" ".join(text.lower().split()).encode("utf-8")).digest()
            if fingerprint in seen_texts:
                problems.append(Problem(name, f"has the same text as '{seen_texts[fingerprint]}' "
                                              "(exact duplicate); kept once"))
                source.duplicates += 1
                continue
            seen_texts[fingerprint] = name
            used_ids.add(doc_id)
            row["file"] = name
            for column in METADATA_COLUMNS:
                row.setdefault(column, "")
            articles.append(Article(doc_id=doc_id, file=name, text=text, encoding=encoding, meta=row))
            source.articles += 1
    if not articles:
        detail = "; ".join(str(p) for p in problems[:5])
        where = ", ".join(f"'{p}'" for p in paths)
        raise CorpusError(f"corpus {where} has no usable article" + (f" ({detail})" if detail else ""))
    return Corpus(root=paths[0], articles=articles, problems=problems, sources=sources)
