"""Cache of per-article analysis results, so an unchanged article is never analysed twice.

The key of an article's results hashes everything they depend on: its text and
metadata, the source of the newsbook package itself (so any change to an analysis
invalidates every result), the spaCy model and version, and the exchange-rate
table. A rebuild of an unchanged corpus therefore reads small pickles instead of
cleaning, loading parses and running the analyses again; only the corpus-level
assembly (derivative pairs, source profiles) runs every time.

Pickles are written atomically and only read back from the cache folder the
user chose; a damaged entry is recomputed, never fatal.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the newsbook package's source and resource files."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".txt"}:
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def result_key(article, model: str, rates: dict) -> str:
    h = hashlib.sha256()
    h.update(article.text.encode("utf-8"))
    h.update(json.dumps(article.meta, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    h.update(article.encoding.encode())
    h.update(code_fingerprint().encode())
    h.update(model.encode())
    h.update(json.dumps(sorted((f"{c}:{y}", v) for (c, y), v in rates.items())).encode())
    return h.hexdigest()[:32]


class ResultCache:
    def __init__(self, folder):
        self.folder = Path(folder) / "results" if folder is not None else None

    def get(self, key: str):
        if self.folder is None:
            return None
        path = self.folder / f"{key}.pickle"
        if not path.is_file():
            return None
        try:
            with open(path, "rb") as fh:
                return pickle.load(fh)
        except Exception as exc:  # damaged entry: recompute
            log.warning("result cache %s unreadable (%s); analysing again", path.name, exc)
            return None

    def put(self, key: str, result) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.folder / f"{key}.pickle")


def corpus_key(article_keys: list[str], problems: list) -> str:
    """Key of a whole corpus's tables: its articles' result keys, in order, and its input problems."""
    h = hashlib.sha256()
    for key in article_keys:
        h.update(key.encode())
    h.update(json.dumps([str(p) for p in problems]).encode("utf-8"))
    h.update(code_fingerprint().encode())
    return "corpus-" + h.hexdigest()[:32]
