"""Train the learned quote attribution model on PolNeAR's train split (``newsbook train-quotes``).

One job: read PolNeAR-format articles (one JSON object a line with ``text`` and ``attributions``,
each with ``source``, ``cue`` and ``content`` character spans), parse them through newsbook's parse
cache, turn them into feature and label sequences (:mod:`newsbook.quotes.features`) and fit the CRF.
Deterministic: the same data and parameters give the same model (L-BFGS has no random state).
PolNeAR's texts are read, never copied: only the weights and their metadata are written.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from pathlib import Path

from newsbook.quotes import features as qf
from newsbook.quotes import model as quote_model
from newsbook.parse import ParseCache, load_nlp, model_id, parse_texts
from newsbook.quotes.extract import extract_quotes

log = logging.getLogger(__name__)


def read_articles(path: Path) -> list[dict]:
    """PolNeAR-format articles from a .jsonl file (or the one .jsonl file inside a folder)."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if len(files) != 1:
            raise ValueError(f"{path}: expected one .jsonl file of PolNeAR articles, found {len(files)}")
        path = files[0]
    articles = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                raise ValueError(f"{path}:{n}: not a JSON object ({exc})") from None
            if not isinstance(rec, dict) or "text" not in rec or "attributions" not in rec:
                raise ValueError(f"{path}:{n}: a PolNeAR article needs 'text' and 'attributions'")
            articles.append(rec)
    if not articles:
        raise ValueError(f"{path}: no articles")
    return articles


def training_sequences(articles: list[dict], cache_dir=None, n_process: int = 1):
    """Yield (features, labels) per paragraph of every article."""
    nlp = load_nlp()
    cache = ParseCache(cache_dir)
    docs = parse_texts((a["text"] for a in articles), nlp, cache, batch_size=32, n_process=n_process)
    for a, doc in zip(articles, docs):
        text = a["text"]
        rules = extract_quotes(doc, text)
        paras, xseqs = qf.sequences(doc, text, rules)
        yseqs = qf.paragraph_labels(paras, qf.gold_labels(doc, a["attributions"]))
        yield from zip(xseqs, yseqs)


def train(polnear: Path, out_dir: Path, cache_dir=None, params: dict | None = None,
          n_process: int = 1) -> dict:
    """Fit the CRF on ``polnear`` and write the model and its metadata into ``out_dir`` atomically."""
    import pycrfsuite

    articles = read_articles(polnear)
    params = {**quote_model.TRAIN_PARAMS, **(params or {})}
    t0 = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    n_seq = n_tok = 0
    for xseq, yseq in training_sequences(articles, cache_dir, n_process):
        trainer.append(xseq, yseq)
        n_seq += 1
        n_tok += len(yseq)
    trainer.set_params(params)
    features_s = time.perf_counter() - t0
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=".tmp-", suffix=".crfsuite")
    os.close(fd)
    try:
        trainer.train(tmp)
        os.replace(tmp, out_dir / quote_model.MODEL_FILE)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    digest = hashlib.sha256((out_dir / quote_model.MODEL_FILE).read_bytes()).hexdigest()
    meta = {
        "version": f"crf-{digest[:12]}",
        "sha256": digest,
        "trained_on": {"articles": len(articles), "paragraphs": n_seq, "tokens": n_tok,
                       "file": Path(polnear).name},
        "parser": model_id(),
        "params": params,
        "features_seconds": round(features_s, 1),
        "train_seconds": round(time.perf_counter() - t0 - features_s, 1),
        "last_iteration": trainer.logparser.last_iteration if trainer.logparser.iterations else None,
    }
    tmp_meta = out_dir / (".tmp-" + quote_model.META_FILE)
    tmp_meta.write_text(json.dumps(meta, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(tmp_meta, out_dir / quote_model.META_FILE)
    return meta
