"""Load a corpus folder: decode each article, validate metadata, report problems.

A corpus is a folder of articles, one per file (``.txt`` in any common encoding,
``.html``/``.htm`` whose main text is extracted with trafilatura, ``.md``), plus an
optional ``metadata.csv``. Loading never modifies the folder and never raises on
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
    reader = csv.DictReader(io.StringIO(decoded[0]))
    header = [h.strip() for h in (reader.fieldnames or [])]
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
    """Article files directly in ``root``, sorted by name, and the skipped ones."""
    files: list[Path] = []
    problems: list[Problem] = []
    real_root = root.resolve()
    for path in sorted(root.iterdir(), key=lambda p: p.name):
        name = path.name
        if name.startswith(".") or name == "metadata.csv":
            continue
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(real_root):
                problems.append(Problem(name, "is a symbolic link that leaves the corpus folder; skipped"))
                continue
        if path.is_dir():
            continue
        if NON_ARTICLE_NAMES.match(name):
            log.info("%s: documentation file, not an article; skipped", name)
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


def read_article_text(path: Path) -> tuple[str, str] | Problem:
    """Decode one file (extracting HTML main text); a Problem if unusable."""
    name = path.name
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


def load_corpus(root: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Corpus:
    """Load every usable article in ``root``.

    Raises:
        CorpusError: the folder does not exist, or no file in it is usable.
    """
    root = Path(root)
    if not root.is_dir():
        raise CorpusError(f"corpus folder '{root}' does not exist or is not a folder")
    paths, problems = _candidate_files(root, max_bytes)
    texts: dict[str, tuple[str, str]] = {}
    for path in paths:
        result = read_article_text(path)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            texts[path.name] = result
    meta_rows: dict[str, dict[str, str]] = {}
    meta_path = root / "metadata.csv"
    if meta_path.is_file():
        meta_rows, meta_problems = read_metadata(meta_path, set(texts))
        problems.extend(meta_problems)
    articles: list[Article] = []
    used_ids: set[str] = set()
    for name, (text, encoding) in texts.items():
        row = dict(meta_rows.get(name, {}))
        doc_id = row.get("id") or Path(name).stem
        if doc_id in used_ids:
            problems.append(Problem(name, f"id '{doc_id}' is already used by another article; skipped"))
            continue
        used_ids.add(doc_id)
        row["id"] = doc_id
        row["file"] = name
        for column in METADATA_COLUMNS:
            row.setdefault(column, "")
        articles.append(Article(doc_id=doc_id, file=name, text=text, encoding=encoding, meta=row))
    if not articles:
        detail = "; ".join(str(p) for p in problems[:5])
        raise CorpusError(f"corpus folder '{root}' has no usable article" + (f" ({detail})" if detail else ""))
    return Corpus(root=root, articles=articles, problems=problems)
