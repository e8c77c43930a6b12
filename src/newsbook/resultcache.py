"""Cache of per-article analysis results, so an unchanged article is never analysed twice.

The key of an article's results hashes everything they depend on: its text and
metadata, the source of the newsbook package itself (so any change to an analysis
invalidates every result), the spaCy model and version, and the exchange-rate
table. A rebuild of an unchanged corpus therefore reads small files instead of
cleaning, loading parses and running the analyses again; only the corpus-level
assembly (derivative pairs, source profiles) runs every time.

A cache folder may be shared (a Dask cluster's), so what is read from it is data,
never code: each entry is a NumPy ``.npz`` archive (read with ``allow_pickle=False``)
holding a JSON header (format, version, key), the rows as JSON, the derivative
signature as plain integer arrays, and the assembled tables as Parquet. An entry that
is damaged, foreign or not a file is a miss with a warning; a cache folder that
cannot be written is skipped with one warning, and the build runs uncached.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import zipfile
from io import BytesIO
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


FORMAT = "newsbook-result"
VERSION = 1
SUFFIX = ".npz"


class CacheEntryError(ValueError):
    """A cache entry that is not one this version of newsbook wrote for this key."""


def _json_bytes(value) -> "np.ndarray":
    import numpy as np

    def plain(obj):  # numpy scalars in rows (e.g. a count from a DataFrame) become Python numbers
        if isinstance(obj, np.generic):
            return obj.item()
        raise TypeError(f"{type(obj).__name__} cannot be cached")

    data = json.dumps(value, ensure_ascii=False, default=plain).encode("utf-8")
    return np.frombuffer(data, dtype=np.uint8)


def _from_json(array) -> object:
    return json.loads(array.tobytes().decode("utf-8"))


def _encode_article(result) -> dict:
    import numpy as np

    arrays = {"rows": _json_bytes(result.rows), "jsonl": _json_bytes(result.jsonl),
              "sentences": _json_bytes([[s.doc_id, s.index, s.start, s.end, s.text, sorted(s.lemmas)]
                                        for s in result.sentences]),
              "doc_id": _json_bytes(result.doc_id)}
    sig = result.signature
    if sig is not None:
        arrays["sig_hashvalues"] = np.asarray(sig.minhash.hashvalues)
        arrays["sig_seed"] = np.asarray([sig.minhash.seed], dtype=np.int64)
        arrays["sig_rows"], arrays["sig_cols"], arrays["sig_sizes"] = sig.rows, sig.cols, sig.sizes
    return arrays


def _decode_article(arrays):
    from datasketch import MinHash

    from newsbook.stages import ArticleResult
    from newsbook.sourcing import Sentence, Signature

    sentences = [Sentence(d, i, s, e, t, frozenset(lemmas)) for d, i, s, e, t, lemmas in _from_json(arrays["sentences"])]
    signature = None
    if "sig_hashvalues" in arrays:
        hashvalues = arrays["sig_hashvalues"]
        minhash = MinHash(num_perm=len(hashvalues), seed=int(arrays["sig_seed"][0]), scheme="affine32",
                          hashvalues=hashvalues)
        signature = Signature(minhash, arrays["sig_rows"], arrays["sig_cols"], arrays["sig_sizes"])
    return ArticleResult(_from_json(arrays["doc_id"]), _from_json(arrays["rows"]), sentences,
                         _from_json(arrays["jsonl"]), cached=False, signature=signature)


def _encode_tables(value) -> dict:
    import numpy as np

    tables, jsonl = value
    arrays = {"jsonl": _json_bytes(jsonl), "names": _json_bytes(sorted(tables))}
    for k, name in enumerate(sorted(tables)):
        buf = BytesIO()
        tables[name].to_parquet(buf, index=True)
        arrays[f"table{k}"] = np.frombuffer(buf.getvalue(), dtype=np.uint8)
    return arrays


def _decode_tables(arrays):
    import pandas as pd

    tables = {name: pd.read_parquet(BytesIO(arrays[f"table{k}"].tobytes()))
              for k, name in enumerate(_from_json(arrays["names"]))}
    return tables, _from_json(arrays["jsonl"])


class ResultCache:
    """A folder of ``.npz`` entries: an article's results, or a whole corpus's tables (``corpus-`` keys)."""

    def __init__(self, folder):
        self.folder = Path(folder) / "results" if folder is not None else None
        self.writable = True

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    def get(self, key: str):
        """The cached value for ``key``, or None (a missing, damaged or foreign entry is a miss)."""
        if self.folder is None:
            return None
        path = self.path(key)
        if not path.exists():
            return None
        try:
            if not path.is_file():
                raise CacheEntryError("not a file")
            with np_load(path) as archive:
                arrays = {name: archive[name] for name in archive.files}
            header = _from_json(arrays.pop("header"))
            kind = "tables" if key.startswith("corpus-") else "article"
            if header != {"format": FORMAT, "version": VERSION, "key": key, "kind": kind}:
                raise CacheEntryError(f"header {header!r} is not this entry's")
            return _decode_tables(arrays) if kind == "tables" else _decode_article(arrays)
        except Exception as exc:  # damaged or foreign entry: recompute
            log.warning("result cache entry %s unreadable (%s); analysing again", path, exc)
            return None

    def put(self, key: str, value) -> None:
        """Store ``value`` atomically; a cache that cannot be written is skipped with one warning."""
        import numpy as np

        if self.folder is None or not self.writable:
            return
        kind = "tables" if key.startswith("corpus-") else "article"
        try:
            arrays = _encode_tables(value) if kind == "tables" else _encode_article(value)
        except Exception as exc:  # a value the format cannot hold exactly is not cached
            log.warning("result cache: %s not cached (%s)", key, exc)
            return
        arrays["header"] = _json_bytes({"format": FORMAT, "version": VERSION, "key": key, "kind": kind})
        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=SUFFIX)
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, **arrays)
            os.replace(tmp, self.path(key))
            tmp = None
        except OSError as exc:
            if self.path(key).is_dir():
                log.warning("result cache entry %s is not a file; not cached", self.path(key))
            else:
                self.writable = False
                log.warning("result cache %s cannot be written (%s); running without it", self.folder, exc)
        finally:
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)


def usable_cache_dir(folder):
    """``folder`` if a cache can be written there, else None after one warning (the build runs uncached)."""
    if folder is None:
        return None
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".tmp-probe-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        log.warning("cache folder %s cannot be written (%s); running without a cache", folder, exc)
        return None
    return folder


def np_load(path):
    """Open an ``.npz`` entry refusing any pickled object (plain arrays only)."""
    import numpy as np

    try:
        return np.load(path, allow_pickle=False)
    except zipfile.BadZipFile as exc:
        raise CacheEntryError("not a newsbook cache entry") from exc


def corpus_key(article_keys: list[str], problems: list) -> str:
    """Key of a whole corpus's tables: its articles' result keys, in order, and its input problems."""
    h = hashlib.sha256()
    for key in article_keys:
        h.update(key.encode())
    h.update(json.dumps([str(p) for p in problems]).encode("utf-8"))
    h.update(code_fingerprint().encode())
    return "corpus-" + h.hexdigest()[:32]
