"""What each article is built on: derivative copies and its sources by kind.

Derivatives. A copy, rewrite or paraphrase keeps the *order* of its original's
sentences while changing their words; two reports of the same event share
names and vocabulary but not that order. So:

1. candidates: MinHash LSH (datasketch) over each article's set of content
   lemmas, so the corpus is never compared all-pairs;
2. alignment: each sentence of one article is matched to its most similar
   sentence of the other (Dice overlap of content lemmas, which survives
   synonym swaps and reordering within a sentence);
3. order: the longest chain of matches that is increasing in both articles
   (longest increasing subsequence). A pair is a derivative when that chain
   covers a large share of the shorter article.

Source profile. Counts of distinct named experts, officials, organisations and
media among an article's quoted speakers, statements by unnamed sources, and
the share of sentences that carry an attribution.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import pandas as pd

#: Parts of speech whose lemmas make up a sentence's content.
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"}
#: Sentence pairs at least this similar (Dice of content lemmas) are aligned.
ALIGN_THRESHOLD = 0.3
#: A pair is a derivative when the ordered alignment covers this share of the shorter article ...
DERIVATIVE_SHARE = 0.4
#: ... and at least this many sentences.
DERIVATIVE_MIN_SENTENCES = 4
#: LSH finds candidate pairs above roughly this Jaccard similarity of content lemmas ...
LSH_THRESHOLD = 0.1
#: ... and a candidate is aligned only if its estimated Jaccard similarity reaches this.
MIN_JACCARD = 0.15
NUM_PERM = 128


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str
    lemmas: frozenset[str]


def sentence_records(doc_id: str, doc, to_raw=lambda x: x) -> list[Sentence]:
    """Sentences of a parsed article with their content lemmas and raw offsets."""
    out = []
    for i, sent in enumerate(s for s in doc.sents if s.text.strip()):
        lemmas = frozenset(
            t.lemma_.lower() for t in sent
            if t.pos_ in CONTENT_POS and not t.is_stop and not t.is_punct and len(t.text) > 1
        )
        out.append(Sentence(doc_id, i, to_raw(sent.start_char), to_raw(sent.end_char), sent.text.strip(), lemmas))
    return out


@dataclass(frozen=True)
class Signature:
    """What derivative detection needs of an article, computed once per article (and cached).

    ``minhash``: a datasketch MinHash of its set of content lemmas; ``rows``/``cols``: the
    non-zero cells of its 0/1 sentence-by-lemma matrix (lemmas hashed to integers);
    ``sizes``: lemmas per sentence.
    """

    minhash: object
    rows: object
    cols: object
    sizes: object

    @property
    def sentences(self) -> int:
        return len(self.sizes)


def _lemma_column(lemma: str) -> int:
    import zlib

    return zlib.crc32(lemma.encode("utf-8"))


def signature(sentences: list[Sentence]) -> Signature:
    """The MinHash and the sparse sentence-by-lemma cells of an article's sentences."""
    import numpy as np
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32")
    vocab = sorted(set().union(*[s.lemmas for s in sentences])) if sentences else []
    if vocab:
        m.update_batch([v.encode("utf-8") for v in vocab])
    rows, cols, sizes = [], [], []
    for i, sent in enumerate(sentences):
        columns = sorted({_lemma_column(lemma) for lemma in sent.lemmas})
        rows += [i] * len(columns)
        cols += columns
        sizes.append(len(columns))
    return Signature(m, np.asarray(rows, dtype=np.int32), np.asarray(cols, dtype=np.int64),
                     np.asarray(sizes, dtype=np.float32))


def _dense(sig: Signature, vocab) -> "np.ndarray":
    """The article's 0/1 sentence-by-lemma matrix over a small shared vocabulary."""
    import numpy as np

    out = np.zeros((sig.sentences, len(vocab)), dtype=np.float32)
    if not len(vocab):
        return out
    # vocab is sorted and unique (np.intersect1d): one binary search gives membership and column
    at = np.minimum(np.searchsorted(vocab, sig.cols), len(vocab) - 1)
    keep = vocab[at] == sig.cols
    out[sig.rows[keep], at[keep]] = 1.0
    return out


def candidate_pairs(signatures: dict[str, Signature]) -> list[tuple[str, str]]:
    """Article pairs whose content vocabularies are similar enough to check (MinHash LSH)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    hashes = {}
    for doc_id, sig in signatures.items():
        hashes[doc_id] = sig.minhash
        lsh.insert(doc_id, sig.minhash)
    pairs = set()
    for doc_id, m in hashes.items():
        for other in lsh.query(m):
            # banded LSH is symmetric (a finds b exactly when b finds a): each pair is checked once
            if other > doc_id and m.jaccard(hashes[other]) >= MIN_JACCARD:
                pairs.add((doc_id, other))
    return sorted(pairs)


def align(a: Signature, b: Signature, shared_vocab=None) -> list[tuple[int, int, float]]:
    """Ordered alignment of b's sentences onto a's: (i in a, j in b, similarity).

    Each sentence of b takes its best match in a (Dice overlap of content lemmas,
    from one matrix product over the lemmas the two articles share) if above the
    threshold; the longest chain increasing in both articles is kept.
    """
    import numpy as np

    if a.sentences == 0 or b.sentences == 0:
        return []
    # only lemmas both articles use can be shared (a caller aligning many pairs passes them in)
    vocab = np.intersect1d(a.cols, b.cols) if shared_vocab is None else shared_vocab
    shared = _dense(a, vocab) @ _dense(b, vocab).T  # lemmas in common, sentence by sentence
    totals = a.sizes[:, None] + b.sizes[None, :]
    scores = np.divide(2 * shared, totals, out=np.zeros_like(shared), where=totals > 0)
    best_i = scores.argmax(axis=0)
    best = scores[best_i, np.arange(scores.shape[1])]
    matches = [(int(i), j, float(round(v, 6))) for j, (i, v) in enumerate(zip(best_i, best)) if v >= ALIGN_THRESHOLD]
    return _longest_increasing(matches)


def _longest_increasing(matches: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Longest subsequence with strictly increasing i (j already increases)."""
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(matches)
    for k, (i, _, _) in enumerate(matches):
        pos = bisect.bisect_left(tails, i)
        if pos == len(tails):
            tails.append(i)
            tail_idx.append(k)
        else:
            tails[pos] = i
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos > 0 else -1
    chain = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(matches[k])
        k = prev[k]
    return chain[::-1]


def find_derivatives(sentences: dict[str, list[Sentence]], published: dict[str, str],
                     signatures: dict[str, Signature] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Derivative pairs and their aligned sentences.

    The earlier article (by publication date, then by corpus order) is taken as
    the source; ties keep corpus order. Returns (pairs, alignments).
    """
    import numpy as np

    if signatures is None:
        signatures = {d: signature(sents) for d, sents in sentences.items()}
    order = {d: k for k, d in enumerate(sentences)}
    lemma_sets: dict = {}  # each article's distinct lemma columns, sorted, computed once
    pair_rows, align_rows = [], []
    for x, y in candidate_pairs(signatures):
        src, der = sorted((x, y), key=lambda d: (published.get(d) or "9999", order[d]))
        a, b = sentences[src], sentences[der]
        if not a or not b:
            continue
        for d in (src, der):
            if d not in lemma_sets:
                lemma_sets[d] = np.unique(signatures[d].cols)
        shared = np.intersect1d(lemma_sets[src], lemma_sets[der], assume_unique=True)
        chain = align(signatures[src], signatures[der], shared)
        shorter = min(len(a), len(b))
        share = len(chain) / shorter if shorter else 0.0
        is_derivative = share >= DERIVATIVE_SHARE and len(chain) >= DERIVATIVE_MIN_SENTENCES
        similarity = sum(s for _, _, s in chain) / shorter if shorter else 0.0
        pair_rows.append({
            "source_id": src, "derivative_id": der, "aligned_sentences": len(chain),
            "source_sentences": len(a), "derivative_sentences": len(b),
            "ordered_share": round(share, 3), "similarity": round(similarity, 3),
            "source_share_kept": round(len({i for i, _, _ in chain}) / len(a), 3),
            "is_derivative": is_derivative,
        })
        if is_derivative:
            for i, j, s in chain:
                align_rows.append({
                    "source_id": src, "derivative_id": der, "source_sentence": i,
                    "derivative_sentence": j, "similarity": round(s, 3),
                    "source_text": a[i].text, "derivative_text": b[j].text,
                })
    pairs = pd.DataFrame(pair_rows, columns=[
        "source_id", "derivative_id", "aligned_sentences", "source_sentences", "derivative_sentences",
        "ordered_share", "similarity", "source_share_kept", "is_derivative"])
    aligns = pd.DataFrame(align_rows, columns=[
        "source_id", "derivative_id", "source_sentence", "derivative_sentence", "similarity",
        "source_text", "derivative_text"])
    return pairs, aligns


def statement_changes(quotes: pd.DataFrame, alignments: pd.DataFrame, sentences: dict[str, list[Sentence]],
                      pairs: pd.DataFrame) -> pd.DataFrame:
    """What each derivative did with its source's attributed statements, and what it added.

    ``status`` is ``kept`` (sentence aligned, speaker still named), ``speaker dropped``
    (sentence aligned but the copy no longer names the speaker), ``dropped`` (sentence not
    in the copy) for the source's statements, and ``added`` for the copy's statements
    whose sentence has no counterpart in the source.
    """
    rows = []

    def sentence_of(doc_id: str, offset: int):
        return next((s.index for s in sentences[doc_id] if s.start <= offset < s.end), None)

    for pair in pairs[pairs["is_derivative"]].itertuples():
        al = alignments[(alignments.source_id == pair.source_id) & (alignments.derivative_id == pair.derivative_id)]
        kept_src, kept_der = set(al.source_sentence), set(al.derivative_sentence)
        der_q = quotes[quotes.doc_id == pair.derivative_id]
        der_speakers = set(der_q.speaker.dropna()) - {""}
        for q in quotes[quotes.doc_id == pair.source_id].itertuples():
            kept = sentence_of(pair.source_id, q.start) in kept_src
            named = bool(q.speaker) and q.speaker in der_speakers
            status = "dropped" if not kept else ("kept" if named or not q.speaker else "speaker dropped")
            rows.append({"source_id": pair.source_id, "derivative_id": pair.derivative_id, "side": "source",
                         "quote_id": q.quote_id, "speaker": q.speaker, "speaker_kind": q.speaker_kind,
                         "type": q.type, "status": status, "text": q.text})
        for q in der_q.itertuples():
            if sentence_of(pair.derivative_id, q.start) not in kept_der:
                rows.append({"source_id": pair.source_id, "derivative_id": pair.derivative_id, "side": "derivative",
                             "quote_id": q.quote_id, "speaker": q.speaker, "speaker_kind": q.speaker_kind,
                             "type": q.type, "status": "added", "text": q.text})
    return pd.DataFrame(rows, columns=["source_id", "derivative_id", "side", "quote_id", "speaker", "speaker_kind",
                                       "type", "status", "text"])


_NUMBER = re.compile(r"\d|\b(percent|per cent|million|billion|trillion|thousand|hundred)\b", re.I)


def mentions_a_source(quotes: pd.DataFrame) -> pd.Series:
    """Per statement: does it mention a source, if only as "officials" or "he"?

    "The pact is expected to be signed", "Russia seems to accept ...", "it was announced that
    ...": the quotes table keeps such statements (attribution corpora count them), but with no
    source mentioned they attribute nothing: a figure in them is an unattributed claim, and
    they are no voice in the article.
    """
    return quotes.speaker_mention.fillna("").str.strip() != ""


def _sourced(quotes: pd.DataFrame) -> pd.DataFrame:
    """The statements that mention a source."""
    return quotes if quotes.empty else quotes[mentions_a_source(quotes)]


def _attribution_spans(quotes: pd.DataFrame) -> list[tuple[int, int]]:
    """Character spans of an article's statements that name a source, and their cues."""
    return [span for spans in attribution_spans_by_article(quotes).values() for span in spans]


def attribution_spans_by_article(quotes: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """:func:`_attribution_spans` for every article of a quotes table at once (one pass over
    the table, instead of filtering it article by article)."""
    quotes = _sourced(quotes)
    if quotes.empty:
        return {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for doc_id, s, e, cs, ce in zip(quotes.doc_id.tolist(), quotes.start.tolist(), quotes.end.tolist(),
                                    quotes.cue_start.tolist(), quotes.cue_end.tolist()):
        found = spans.setdefault(doc_id, [])
        found.append((s, e))
        if not pd.isna(cs) and not pd.isna(ce):
            found.append((int(cs), int(ce)))
    return spans


def source_profile(doc_id: str, quotes: pd.DataFrame, sents: list[Sentence],
                   spans: list[tuple[int, int]] | None = None) -> dict:
    """Counts of an article's sources by kind and the share of attributed sentences.

    ``quotes`` are the article's own statements (rows of the quotes table); ``spans``, their
    attribution spans if the caller has them (see :func:`attribution_spans_by_article`).
    """
    kinds: dict[str, str] = {}
    unnamed = 0  # statements whose source is mentioned but not named ("officials said")
    # (a mask, not a filtered copy of the table: copying it per article cost more than the rest)
    for sourced, speaker, kind in zip(mentions_a_source(quotes).tolist(), quotes.speaker.fillna("").tolist(),
                                      quotes.speaker_kind.tolist()):
        if not sourced:
            continue
        if speaker:
            kinds.setdefault(speaker, kind)
        else:
            unnamed += 1
    counts = {k: sum(1 for v in kinds.values() if v == k) for k in ("expert", "official", "organisation", "media")}
    spans = _attribution_spans(quotes) if spans is None else spans
    attributed = sum(1 for s in sents if any(a < s.end and s.start < b for a, b in spans))
    return {
        "named_sources": len(kinds),
        "experts": counts["expert"],
        "officials": counts["official"],
        "organisations": counts["organisation"],
        "media": counts["media"],
        "unnamed": unnamed,
        "attributed_sentence_share": round(attributed / len(sents), 3) if sents else 0.0,
    }


def unattributed_numeric_claims(doc_id: str, quotes: pd.DataFrame, sents: list[Sentence],
                                spans: list[tuple[int, int]] | None = None) -> list[dict]:
    """Sentences that state a number and carry no attribution (``spans``: as for :func:`source_profile`)."""
    spans = _attribution_spans(quotes) if spans is None else spans
    out = []
    for s in sents:
        if _NUMBER.search(s.text) and not any(a < s.end and s.start < b for a, b in spans):
            out.append({"doc_id": doc_id, "sentence": s.index, "start": s.start, "end": s.end, "text": s.text})
    return out


# --------------------------------------------------------------------------- the tables

#: The sourcing table's columns (DESIGN.md), one row per article.
COLUMNS = [
    "doc_id", "outlet", "published", "language", "translated_from", "words", "furniture_removed",
    "derivative_of", "derivative_similarity", "source_share_kept", "named_sources", "experts",
    "officials", "organisations", "media", "unnamed", "attributed_sentence_share",
]

#: The unattributed-claims table's columns: statements with a number and no source.
CLAIM_COLUMNS = ["doc_id", "sentence", "start", "end", "text"]


def sourcing_table(tables: dict[str, pd.DataFrame], sentences, quotes_by_doc: dict, spans: dict) -> pd.DataFrame:
    """One row per article (:data:`COLUMNS`): provenance, derivative source and sources by kind.

    ``tables`` holds the ``articles``, ``derivative_pairs`` and ``quotes`` tables;
    ``quotes_by_doc`` and ``spans`` are the quotes and attribution spans per article.
    """
    arts = tables["articles"]
    pairs = tables["derivative_pairs"]
    derivatives = pairs[pairs.is_derivative] if len(pairs) else pairs
    first_source: dict = {}  # derivative -> its first (source, similarity, share kept), looked up once
    for d in derivatives.itertuples():
        first_source.setdefault(d.derivative_id, d)
    empty = tables["quotes"].iloc[0:0]
    rows = []
    for a in arts.itertuples():
        der = first_source.get(a.doc_id)
        row = {
            "doc_id": a.doc_id, "outlet": a.outlet, "published": a.published, "language": a.language,
            "translated_from": a.translated_from, "words": a.words, "furniture_removed": a.furniture_removed,
            "derivative_of": der.source_id if der is not None else "",
            "derivative_similarity": float(der.similarity) if der is not None else None,
            "source_share_kept": float(der.source_share_kept) if der is not None else None,
        }
        row.update(source_profile(a.doc_id, quotes_by_doc.get(a.doc_id, empty), sentences[a.doc_id],
                                          spans.get(a.doc_id, [])))
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


def unattributed_claims_table(doc_ids, quotes: pd.DataFrame, quotes_by_doc: dict, sentences, spans: dict) -> pd.DataFrame:
    """Every article's unattributed numeric claims (:data:`CLAIM_COLUMNS`), in corpus order."""
    claims = []
    empty = quotes.iloc[0:0]
    for doc_id in doc_ids:
        claims.extend(unattributed_numeric_claims(doc_id, quotes_by_doc.get(doc_id, empty),
                                                  sentences[doc_id], spans.get(doc_id, [])))
    return pd.DataFrame(claims, columns=CLAIM_COLUMNS)
