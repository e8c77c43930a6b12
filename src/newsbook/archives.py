"""Members of ``.zip`` and ``.tar`` (``.tar.gz``, ``.tgz``, ``.tar.bz2``, ``.tar.xz``) archives.

An archive of article files is read member by member, straight from the archive: nothing is
extracted to disk. A member whose path would leave the archive (absolute, ``..``, a drive
letter), a link or device, an encrypted member, a member over the byte limit (by its declared
size and by what it actually decompresses to, so a zip bomb is read no further than the
limit) or one of another type is skipped, with its reason. Record files inside an archive
(CSV, JSONL, Parquet ...) are streamed from it like files on disk.
"""

from __future__ import annotations

import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")


class ArchiveError(Exception):
    """The archive cannot be read (further); the message says why."""


@dataclass
class Member:
    """One member of an archive: its path inside it, declared size and a way to open it."""

    name: str
    size: int
    open: Callable[[], BinaryIO]


@dataclass
class SkippedMember:
    """A member not read, and why (one sentence)."""

    name: str
    reason: str


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def safe_member_name(name: str) -> str | None:
    """The member's path as a clean relative POSIX path, or None when it would leave the archive."""
    if "\\" in name or "\x00" in name:
        return None
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    parts = [p for p in PurePosixPath(name).parts if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return "/".join(parts)


def read_capped(member: Member, max_bytes: int) -> bytes | None:
    """The member's bytes, or None when it holds more than ``max_bytes`` (read no further)."""
    with member.open() as fh:
        data = fh.read(max_bytes + 1)
    return None if len(data) > max_bytes else data


def iter_members(path: Path) -> Iterator[Member | SkippedMember]:
    """Every member of an archive in stored order: files as :class:`Member`, the rest skipped.

    Raises:
        ArchiveError: the archive is damaged or truncated (after the members before the damage).
    """
    if path.name.lower().endswith(".zip"):
        yield from _zip_members(path)
    else:
        yield from _tar_members(path)


def _zip_members(path: Path) -> Iterator[Member | SkippedMember]:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ArchiveError(f"is not a readable zip archive ({exc})") from None
    with zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            name = safe_member_name(info.filename)
            if name is None:
                yield SkippedMember(info.filename, "has a path that leaves the archive; skipped")
                continue
            mode = (info.external_attr >> 16) & 0o170000
            if mode == 0o120000:
                yield SkippedMember(name, "is a symbolic link; skipped")
                continue
            if info.flag_bits & 0x1:
                yield SkippedMember(name, "is encrypted; skipped")
                continue
            yield Member(name, info.file_size, lambda info=info: zf.open(info))


def _tar_members(path: Path) -> Iterator[Member | SkippedMember]:
    try:
        tf = tarfile.open(path, "r:*")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise ArchiveError(f"is not a readable tar archive ({exc})") from None
    n = 0
    with tf:
        try:
            for info in tf:
                n += 1
                if info.isdir():
                    continue
                name = safe_member_name(info.name)
                if name is None:
                    yield SkippedMember(info.name, "has a path that leaves the archive; skipped")
                    continue
                if info.issym() or info.islnk():
                    yield SkippedMember(name, "is a link; skipped")
                    continue
                if not info.isfile():
                    yield SkippedMember(name, "is a device or other special file; skipped")
                    continue
                yield Member(name, info.size, lambda info=info: tf.extractfile(info))
        except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
            raise ArchiveError(f"is damaged or truncated after {n} member(s) ({exc})") from None
