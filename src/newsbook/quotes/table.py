"""The quotes table and the JSONL quotes: one row per statement, offsets into the text as loaded.

The columns (:data:`COLUMNS`) are described for readers in the book's "Tables and their columns"
page; the JSONL form is one article a line, ``{"id", "quotes": [...]}``, each quote as
:func:`quote_rows` writes it.
"""

from __future__ import annotations

from newsbook.places import institution_country
from newsbook.quotes import model as quote_model

COLUMNS = [
    "doc_id", "quote_id", "type", "text", "start", "end", "cue", "cue_start", "cue_end",
    "speaker",  # the resolved name; the speakers of a joint statement joined by "; " (quotes.JOINT)
    "speaker_mention", "speaker_start", "speaker_end", "speaker_role", "speaker_org", "speaker_kind",
    # beyond the DESIGN.md schema: the country of the speaker's institution, where the text states it
    "speaker_country",
    # the rule or model path that found the statement (quotes.RULES, quotes.model) and, for the
    # learned method, the selector's probability that it is an attribution (blank for --method rules)
    "rule", "confidence",
    # the wire agency or outlet that relayed the statement ("..., Trend reports"), "" if none (Quote.via)
    "via",
]


def quote_rows(doc_id: str, doc, cl, method: str = "learned") -> tuple[list[dict], list[dict]]:
    """The statements of one parsed article as quotes-table rows and JSONL quotes.

    ``cl`` is the article's cleaning (:class:`newsbook.clean.Cleaned`): statements are found in the
    cleaned text and their offsets mapped back to the text as loaded.
    """
    rows, json_quotes = [], []
    raw = cl.raw
    for n, q in enumerate(quote_model.extract(doc, cl.text, method), start=1):
        frags = [(cl.to_raw(s), cl.to_raw(e)) for s, e in q.content]
        cue = (cl.to_raw(q.cue[0]), cl.to_raw(q.cue[1])) if q.cue else None
        sp = q.speaker
        spk = (cl.to_raw(sp.start), cl.to_raw(sp.end)) if sp.start is not None else None
        rows.append({
            "doc_id": doc_id, "quote_id": f"{doc_id}-q{n:03d}", "type": q.type,
            "text": " … ".join(raw[s:e] for s, e in frags),
            "start": min(s for s, _ in frags), "end": max(e for _, e in frags),
            "cue": raw[cue[0]:cue[1]] if cue else "", "cue_start": cue[0] if cue else None,
            "cue_end": cue[1] if cue else None, "speaker": sp.name, "speaker_mention": sp.mention,
            "speaker_start": spk[0] if spk else None, "speaker_end": spk[1] if spk else None,
            "speaker_role": sp.role, "speaker_org": sp.org, "speaker_kind": sp.kind,
            "speaker_country": institution_country(sp.role, sp.org),
            "via": q.via, "rule": q.rule, "confidence": None if q.confidence is None else round(q.confidence, 3),
        })
        json_quotes.append({
            "type": q.type, "content": [{"start": s, "end": e} for s, e in frags],
            "cue": [{"start": cue[0], "end": cue[1]}] if cue else [],
            "speaker": [{"start": spk[0], "end": spk[1]}] if spk else [],
            "speaker_name": sp.name, "speaker_role": sp.role, "speaker_org": sp.org,
            "via": q.via, "rule": q.rule, "confidence": None if q.confidence is None else round(q.confidence, 3),
        })
    return rows, json_quotes
