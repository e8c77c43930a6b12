"""Train the learned quote attribution model on PolNeAR's train split (``newsbook train-quotes``).

One job: read PolNeAR-format articles (one JSON object a line with ``text`` and ``attributions``,
each with ``source``, ``cue`` and ``content`` character spans), parse them through newsbook's parse
cache, turn them into feature and label sequences (:mod:`newsbook.quotes.features`) and fit the CRF;
then fit the statement selector (:mod:`newsbook.quotes.selector`) on the candidates of two CRFs each
trained on one half of the articles and run on the other half.
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


def _parsed(articles: list[dict], cache_dir=None, n_process: int = 1) -> list:
    nlp = load_nlp()
    return list(parse_texts((a["text"] for a in articles), nlp, ParseCache(cache_dir), batch_size=32,
                            n_process=n_process))


def training_sequences(articles: list[dict], cache_dir=None, n_process: int = 1, docs=None):
    """Yield (features, labels) per paragraph of every article."""
    docs = _parsed(articles, cache_dir, n_process) if docs is None else docs
    for a, doc in zip(articles, docs):
        text = a["text"]
        rules = extract_quotes(doc, text)
        paras, xseqs = qf.sequences(doc, text, rules)
        yseqs = qf.paragraph_labels(paras, qf.gold_labels(doc, a["attributions"]))
        yield from zip(xseqs, yseqs)


def _fit_crf(sequences, params: dict, path: Path):
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    n_seq = n_tok = 0
    for xseq, yseq in sequences:
        trainer.append(xseq, yseq)
        n_seq += 1
        n_tok += len(yseq)
    trainer.set_params(params)
    trainer.train(str(path))
    return trainer, n_seq, n_tok


_SCORER_QUOTES = set('"\u201c\u201d\u2018\u2019\'`\u00ab\u00bb')
_SCORER_PUNCT = set(",.;:!?")


def content_chars(spans, text: str) -> frozenset[int]:
    """A statement's content as the field's scorer compares it: the characters of its fragments,
    each stripped of white space, quotation marks and , . ; : ! ? at its edges."""
    chars: set[int] = set()
    for s, e in spans:
        while s < e and (text[s].isspace() or text[s] in _SCORER_QUOTES or text[s] in _SCORER_PUNCT):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in _SCORER_QUOTES or text[e - 1] in _SCORER_PUNCT):
            e -= 1
        chars.update(range(s, e))
    return frozenset(chars)


def candidate_labels(cands: list, attributions: list[dict], text: str, min_dice: float = 0.5) -> list[bool]:
    """Whether each candidate statement is a gold attribution: the content of the candidates that
    share its cue (as the scorer joins them) covers a gold content with character Dice >= ``min_dice``."""
    gold = [content_chars([(p["start"], p["end"]) for p in a["content"]], text) for a in attributions if a["content"]]
    groups: dict = {}
    for n, (q, _origin) in enumerate(cands):
        groups.setdefault(q.cue or ("alone", n), []).extend(q.content)
    best = {}
    for key, spans in groups.items():
        c = content_chars(spans, text)
        best[key] = max((quote_model.dice(c, g) for g in gold), default=0.0)
    return [best[q.cue or ("alone", n)] >= min_dice for n, (q, _origin) in enumerate(cands)]


def selector_examples(articles: list[dict], docs: list, tagger) -> tuple[list[dict], list[bool], list[str]]:
    """The selector's features, labels and origins for every candidate of ``articles``."""
    from newsbook.quotes import selector as qsel

    features, labels, origins = [], [], []
    for a, doc in zip(articles, docs):
        text = a["text"]
        rule_quotes, learned, ctx = quote_model.tagged_statements(doc, text, tagger)
        cands = quote_model.candidates(learned, rule_quotes, text, doc=doc)
        features += [qsel.statement_features(q, origin, ctx) for q, origin in cands]
        labels += candidate_labels(cands, a["attributions"], text)
        origins += [origin for _q, origin in cands]
    return features, labels, origins


#: Work folders of a training run are named after its process, so a later run can tell a dead
#: run's folder (killed: crfsuite's C loop runs for minutes without a chance to clean up) from a
#: live one's.
_WORK_PREFIX = ".tmp-train-"


def remove_stale_work(out_dir: Path) -> list[Path]:
    """Delete the work folders in ``out_dir`` that training runs no longer alive left behind;
    returns them. A folder of a running process (another training into the same folder) stays."""
    import shutil

    removed = []
    for folder in Path(out_dir).glob(_WORK_PREFIX + "*"):
        pid = folder.name[len(_WORK_PREFIX):].split("-", 1)[0]
        if not folder.is_dir() or not pid.isdigit() or _alive(int(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        log.info("removed %s, left by an ended training run", folder)
        removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def train(polnear: Path, out_dir: Path, cache_dir=None, params: dict | None = None,
          n_process: int = 1, folds: int = 2) -> dict:
    """Fit the CRF and the selector on ``polnear`` and write them and their metadata into
    ``out_dir`` atomically."""
    import pycrfsuite

    from newsbook.quotes import selector as qsel

    try:
        import sklearn  # noqa: F401  (checked before an hour of work, not after)
    except ImportError:
        raise ValueError("training the statement selector needs scikit-learn (in requirements.txt: "
                         "'make env', or pip install scikit-learn)") from None
    articles = read_articles(polnear)
    params = {**quote_model.TRAIN_PARAMS, **(params or {})}
    t0 = time.perf_counter()
    docs = _parsed(articles, cache_dir, n_process)
    parse_s = time.perf_counter() - t0
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_work(out_dir)
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=f"{_WORK_PREFIX}{os.getpid()}-") as work:
        work = Path(work)
        trainer, n_seq, n_tok = _fit_crf(training_sequences(articles, docs=docs), params, work / "crf")
        crf_s = time.perf_counter() - t0 - parse_s
        sel_features, sel_labels = [], []
        for fold in range(folds):
            keep = [k for k in range(len(articles)) if k % folds != fold]
            held = [k for k in range(len(articles)) if k % folds == fold]
            _fit_crf(training_sequences([articles[k] for k in keep], docs=[docs[k] for k in keep]), params,
                     work / f"fold{fold}")
            tagger = pycrfsuite.Tagger()
            tagger.open(str(work / f"fold{fold}"))
            f, y, _ = selector_examples([articles[k] for k in held], [docs[k] for k in held], tagger)
            tagger.close()
            sel_features += f
            sel_labels += y
        selector = qsel.fit(sel_features, sel_labels)
        qsel.save_selector(selector, work / qsel.SELECTOR_FILE)
        os.replace(work / "crf", out_dir / quote_model.MODEL_FILE)
        os.replace(work / qsel.SELECTOR_FILE, out_dir / qsel.SELECTOR_FILE)
    digest = hashlib.sha256((out_dir / quote_model.MODEL_FILE).read_bytes()).hexdigest()
    sel_digest = hashlib.sha256((out_dir / qsel.SELECTOR_FILE).read_bytes()).hexdigest()
    meta = {
        "version": f"crf-{digest[:12]}+sel-{sel_digest[:8]}",
        "sha256": digest,
        "selector_sha256": sel_digest,
        "trained_on": {"articles": len(articles), "paragraphs": n_seq, "tokens": n_tok,
                       "file": Path(polnear).name},
        "selector_trained_on": {"candidates": len(sel_labels), "positive": sum(sel_labels), "folds": folds},
        "parser": model_id(),
        "params": params,
        "parse_seconds": round(parse_s, 1),
        "train_seconds": round(crf_s, 1),
        "selector_seconds": round(time.perf_counter() - t0 - parse_s - crf_s, 1),
        "last_iteration": trainer.logparser.last_iteration if trainer.logparser.iterations else None,
    }
    tmp_meta = out_dir / (".tmp-" + quote_model.META_FILE)
    tmp_meta.write_text(json.dumps(meta, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(tmp_meta, out_dir / quote_model.META_FILE)
    return meta
