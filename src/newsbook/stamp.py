"""The build stamp: exactly which code, models and corpus a book was built from.

A scholar who cites a page must be able to name the build they read. The stamp
records the newsbook version and git commit, a fingerprint of the corpus files,
the article count, spaCy, its pipeline and the quote model's versions, and the
build date (UTC). It is written as ``build.json`` beside the tables, shown in the
footer of every page and quoted by the "How to cite" page.

The corpus fingerprint is a SHA-256 over the files under the corpus paths, so that
two people holding the same files get the same fingerprint wherever the files
live: for each path in the order given, and for each regular file under it in
sorted order of its path relative to that corpus path (a single file: its name),
the relative path, a NUL byte, the size in bytes, a NUL byte and the bytes.
Symbolic links are not followed (the loader does not read outside the corpus).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import os
import subprocess
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

#: The file name of the stamp beside the tables.
STAMP_FILE = "build.json"


@dataclass(frozen=True)
class BuildStamp:
    newsbook_version: str
    git_commit: str          # full hash, or "unknown" outside a git checkout
    git_modified: bool       # tracked files differ from the commit
    corpus_name: str         # the corpus paths' names, never a path
    corpus_fingerprint: str  # sha256 hex, see the module docstring
    articles: int
    spacy_version: str
    spacy_model: str
    spacy_model_version: str
    quote_model_version: str
    built_utc: str           # ISO 8601, seconds, "Z"

    @property
    def short_commit(self) -> str:
        if self.git_commit == "unknown":
            return "unknown"
        return self.git_commit[:12] + ("+modified" if self.git_modified else "")

    @property
    def short_fingerprint(self) -> str:
        return self.corpus_fingerprint[:16]

    def as_dict(self) -> dict:
        return asdict(self)

    def line(self) -> str:
        """One plain-text line for a page footer."""
        return (f"newsbook {self.newsbook_version}, commit {self.short_commit}; corpus '{self.corpus_name}' "
                f"({self.articles:,} articles, sha256 {self.short_fingerprint}); spaCy {self.spacy_version} "
                f"with {self.spacy_model} {self.spacy_model_version}; quote model {self.quote_model_version or 'none'}; "
                f"built {self.built_utc}")

    def footer_html(self) -> str:
        """The footer line as escaped HTML (the full stamp is ``tables/build.json``)."""
        return f'<p class="newsbook-stamp">Build: {html.escape(self.line())}</p>'


def _files_under(path: Path) -> list[tuple[str, Path]]:
    if path.is_file():
        return [(path.name, path)]
    found = []
    for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
        dirnames.sort()
        for name in filenames:
            f = Path(dirpath) / name
            if f.is_symlink() or not f.is_file():
                continue
            found.append((f.relative_to(path).as_posix(), f))
    return sorted(found)


def corpus_fingerprint(paths: list[str | os.PathLike]) -> str:
    """SHA-256 of the corpus files (see the module docstring for the exact recipe)."""
    h = hashlib.sha256()
    for p in paths:
        for rel, f in _files_under(Path(p)):
            h.update(rel.encode("utf-8") + b"\0" + str(f.stat().st_size).encode() + b"\0")
            with open(f, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
    return h.hexdigest()


def git_commit(root: str | os.PathLike) -> tuple[str, bool]:
    """(commit hash, tracked files modified) of the checkout at ``root``; ("unknown", False) outside git."""
    root = Path(root)
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel", "HEAD"],
                              capture_output=True, text=True, timeout=20)
        if head.returncode != 0:
            return "unknown", False
        top, commit = head.stdout.split()[:2]
        if Path(top).resolve() != root.resolve():  # root is not itself a checkout, only inside one
            return "unknown", False
        status = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                                capture_output=True, text=True, timeout=60)
        return commit, bool(status.stdout.strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        return "unknown", False


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


def spacy_model_info() -> tuple[str, str]:
    """(name, version) of the spaCy pipeline the parser uses, read without importing spaCy."""
    import importlib.util

    from newsbook.parse import MODEL_NAME

    try:
        folder = Path(importlib.util.find_spec(MODEL_NAME).submodule_search_locations[0])
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        return MODEL_NAME, str(meta.get("version", "unknown"))
    except Exception:
        return MODEL_NAME, _version(MODEL_NAME)


def make_stamp(corpus: list[str | os.PathLike], articles: int, root: str | os.PathLike,
               now: dt.datetime | None = None) -> BuildStamp:
    """The stamp of a build of ``corpus`` (``articles`` usable articles) from the checkout ``root``."""
    import newsbook
    from newsbook.quotes.model import model_version

    commit, modified = git_commit(root)
    model, model_version_ = spacy_model_info()
    now = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    return BuildStamp(
        newsbook_version=newsbook.__version__, git_commit=commit, git_modified=modified,
        corpus_name=", ".join(Path(str(c)).name for c in corpus),
        corpus_fingerprint=corpus_fingerprint(corpus), articles=int(articles),
        spacy_version=_version("spacy"), spacy_model=model, spacy_model_version=model_version_,
        quote_model_version=model_version(), built_utc=now.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def write_stamp(stamp: BuildStamp, folder: str | os.PathLike) -> Path:
    """Write ``build.json`` into ``folder`` atomically; return its path."""
    from newsbook.tables import _atomic_write

    path = Path(folder) / STAMP_FILE
    text = json.dumps(stamp.as_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    _atomic_write(path, lambda p: Path(p).write_text(text, encoding="utf-8"))
    return path


def read_stamp(folder: str | os.PathLike) -> BuildStamp:
    """The stamp written by :func:`write_stamp` into ``folder``."""
    data = json.loads((Path(folder) / STAMP_FILE).read_text(encoding="utf-8"))
    return BuildStamp(**{k: data[k] for k in BuildStamp.__dataclass_fields__})


FOOTER_MARK = "<!-- newsbook-build-stamp -->"


def stamp_config(config_path: str | os.PathLike, stamp: BuildStamp) -> None:
    """Put the stamp into the footer of the (staged) ``_config.yml``.

    ``html.extra_footer`` is HTML on every page; the stamp line (escaped) replaces
    the :data:`FOOTER_MARK` in it, or is appended when the mark is absent.
    """
    import yaml

    path = Path(config_path)
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    section = config.setdefault("html", {})
    footer = str(section.get("extra_footer") or "")
    line = stamp.footer_html()
    section["extra_footer"] = footer.replace(FOOTER_MARK, line) if FOOTER_MARK in footer else footer + line
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    tmp = path.with_suffix(".yml.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def bibtex_text(stamp: BuildStamp) -> str:
    """A BibTeX entry naming this exact build (commit, corpus fingerprint, date)."""
    def safe(value: str) -> str:  # braces and backslashes would end or escape the BibTeX field
        return str(value).replace("\\", "/").replace("{", "(").replace("}", ")")

    year = stamp.built_utc[:4]
    return "\n".join([
        "@software{newsbook_build,",
        "  author  = {{newsbook maintainers}},",
        "  title   = {newsbook: how English-language news covers China, Russia and Central Asia},",
        f"  version = {{{safe(stamp.newsbook_version)}, commit {safe(stamp.short_commit)}}},",
        f"  year    = {{{year}}},",
        f"  note    = {{Built {safe(stamp.built_utc)} from the corpus '{safe(stamp.corpus_name)}' "
        f"({stamp.articles} articles, SHA-256 {stamp.corpus_fingerprint}); git commit {safe(stamp.git_commit)}}}",
        "}",
    ])


def bibtex(stamp: BuildStamp):
    """:func:`bibtex_text` as an escaped preformatted HTML block for a page."""
    from IPython.display import HTML

    return HTML('<div class="highlight-bibtex notranslate"><div class="highlight"><pre>'
                + html.escape(bibtex_text(stamp)) + "</pre></div></div>")
