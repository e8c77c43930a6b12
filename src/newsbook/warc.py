"""Pages from web archives: ``.warc`` and ``.warc.gz`` files (a crawl, Common Crawl's CC-NEWS).

Records are streamed with warcio, one at a time. A ``response`` (or ``resource``) record
whose HTTP status is 2xx and whose content type is HTML becomes a page: its main text is
extracted with trafilatura, its URL is the record's ``WARC-Target-URI``, its title, date and
site from the page's own metadata (``<title>``, ``article:published_time`` ...), and the
record's ``WARC-Date`` is kept as ``crawled`` (the day it was fetched, not published).
Every other record is counted as skipped, with its reason (``request``, ``warcinfo``, not
HTML, HTTP status, over the byte limit, no main text).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

WARC_SUFFIXES = (".warc", ".warc.gz")
PAGE_RECORD_TYPES = ("response", "resource")


class WarcError(Exception):
    """The WARC file cannot be read (further); the message says why."""


@dataclass
class WarcPage:
    """One HTML page of a WARC file."""

    url: str
    html: bytes
    charset: str
    crawled: str
    record_id: str
    meta: dict = field(default_factory=dict)


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return ""


def _checked_iterator_class():
    from warcio.archiveiterator import ArchiveIterator

    class CheckedIterator(ArchiveIterator):
        """warcio's iterator, noting whether the last gzip member ended before its end marker
        (warcio takes a truncated member for the end of the file)."""

        gzip_cut = False

        def close(self):
            decompressor = getattr(self.reader, "decompressor", None) if self.reader else None
            if decompressor is not None and hasattr(decompressor, "eof") and not decompressor.eof:
                self.gzip_cut = True
            super().close()

    return CheckedIterator


def _CheckedIterator(fh):
    return _checked_iterator_class()(fh)


def _cut_short(record) -> bool:
    """Whether a record's stream ended before its Content-Length (a truncated file): warcio
    stops quietly at the end of the data, so the rest of the record is read and counted."""
    stream = record.raw_stream
    while stream.read(1 << 16):
        pass
    return getattr(stream, "limit", 0) > 0


def iter_pages(path: Path, max_bytes: int) -> Iterator[WarcPage | str]:
    """Each HTML page of a WARC file, or a skip reason (a short phrase) for any other record.

    Raises:
        WarcError: the file is not a WARC or is damaged/truncated (after the records before it).
    """
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    previous = None
    try:
        with open(path, "rb") as fh:
            records = _CheckedIterator(fh)
            for record in records:
                if previous is not None and _cut_short(previous):
                    raise EOFError("a record ends before its Content-Length")
                previous = record
                n += 1
                if getattr(record, "format", "warc") != "warc":
                    raise ArchiveLoadFailed(f"record {n} is not a WARC record")
                kind = record.rec_type
                if kind not in PAGE_RECORD_TYPES:
                    yield f"{kind} record"
                    continue
                if kind == "response":
                    if record.http_headers is None:
                        yield "response without HTTP headers"
                        continue
                    status = record.http_headers.get_statuscode() or ""
                    if not status.startswith("2"):
                        yield f"HTTP status {status or 'missing'}"
                        continue
                    content_type = record.http_headers.get_header("Content-Type") or ""
                else:
                    content_type = record.rec_headers.get_header("Content-Type") or ""
                mime = content_type.split(";")[0].strip().lower()
                if mime not in ("text/html", "application/xhtml+xml"):
                    yield f"not HTML ({mime or 'no content type'})"
                    continue
                data = record.content_stream().read(max_bytes + 1)
                if len(data) > max_bytes:
                    yield f"page over the {max_bytes:,}-byte limit"
                    continue
                page = WarcPage(url=record.rec_headers.get_header("WARC-Target-URI") or "",
                                html=data, charset=_charset(content_type),
                                crawled=(record.rec_headers.get_header("WARC-Date") or "")[:10],
                                record_id=record.rec_headers.get_header("WARC-Record-ID") or "")
                if _cut_short(record):  # the page itself was cut by the damage: not a page
                    previous = None
                    raise EOFError("a record ends before its Content-Length")
                yield page
            if previous is not None and _cut_short(previous):
                raise EOFError("the last record ends before its Content-Length")
            if records.gzip_cut:
                raise EOFError("the gzip stream ends inside a record")
    except ArchiveLoadFailed as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else "not a WARC record"
        raise WarcError(f"is not a readable WARC file after {n} record(s) ({detail})") from None
    except (EOFError, zlib.error, OSError) as exc:
        raise WarcError(f"is damaged or truncated after {n} record(s) ({exc})") from None
