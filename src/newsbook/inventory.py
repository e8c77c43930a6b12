"""What a corpus would give, without analysing it: ``newsbook corpus PATH ... [--json]``.

For each path: its format, items read, articles kept, the columns mapped (exports), items
skipped by reason, exact duplicates; for the whole corpus: languages (stated by the
metadata, else identified with py3langid on the first :data:`SAMPLE_CHARS` characters, on
at most :data:`MAX_DETECTED` articles spread evenly over the corpus), the date range and
the articles without a date.
"""

from __future__ import annotations

from collections import Counter

from newsbook.corpus import Corpus, parse_date

SAMPLE_CHARS = 2000
MAX_DETECTED = 2000


def describe(corpus: Corpus) -> dict:
    """A JSON-ready description of what was loaded (see the module docstring)."""
    from newsbook.language import detect

    stated = Counter()
    unstated = []
    for i, article in enumerate(corpus.articles):
        lang = article.get("language").strip().lower()
        if lang:
            stated[lang] += 1
        else:
            unstated.append(i)
    step = max(1, len(unstated) // MAX_DETECTED) if unstated else 1
    sample = unstated[::step][:MAX_DETECTED]
    detected = Counter(detect(corpus.articles[i].text[:SAMPLE_CHARS])[0] or "unknown" for i in sample)
    dates = sorted(d for d in (parse_date(a.get("published")) for a in corpus.articles) if d)
    return {
        "articles": len(corpus),
        "sources": [{"path": s.path, "format": s.format, "read": s.read, "articles": s.articles,
                     "duplicates": s.duplicates, "columns": dict(s.columns),
                     "skipped": dict(sorted(s.skipped.items(), key=lambda kv: (-kv[1], kv[0]))),
                     "warnings": s.warnings} for s in corpus.sources],
        "languages": {"stated": dict(stated.most_common()), "detected": dict(detected.most_common()),
                      "detected_on": len(sample), "without_stated_language": len(unstated)},
        "dates": {"first": dates[0].isoformat() if dates else None,
                  "last": dates[-1].isoformat() if dates else None,
                  "dated": len(dates), "undated": len(corpus) - len(dates)},
        "duplicates": sum(s.duplicates for s in corpus.sources),
        "problems": len(corpus.problems),
    }


def as_text(summary: dict) -> str:
    """The description as lines for a terminal."""
    lines = [f"{summary['articles']:,} article(s) would be loaded"]
    for s in summary["sources"]:
        lines.append(f"{s['path']}: {s['format']}, {s['read']:,} item(s) read, {s['articles']:,} article(s)"
                     + (f", {s['duplicates']:,} exact duplicate(s) kept once" if s["duplicates"] else ""))
        if s["columns"]:
            lines.append("  columns: " + ", ".join(f"{f} = {c}" for f, c in s["columns"].items()))
        for reason, count in s["skipped"].items():
            lines.append(f"  skipped {count:,}: {reason}")
        if s["warnings"]:
            lines.append(f"  {s['warnings']:,} warning(s) (dates left blank, extra columns ...)")
    langs = summary["languages"]
    parts = [f"{k} {v:,}" for k, v in langs["stated"].items()]
    if langs["detected_on"]:
        parts.append("identified on " + (f"{langs['detected_on']:,} of {langs['without_stated_language']:,}"
                                         if langs["detected_on"] < langs["without_stated_language"]
                                         else f"{langs['detected_on']:,}") + " without a stated language: "
                     + ", ".join(f"{k} {v:,}" for k, v in langs["detected"].items()))
    lines.append("languages: " + ("; ".join(parts) or "none"))
    d = summary["dates"]
    lines.append(f"dates: {d['first']} to {d['last']} ({d['dated']:,} dated, {d['undated']:,} undated)"
                 if d["dated"] else f"dates: none ({d['undated']:,} undated)")
    lines.append(f"problems: {summary['problems']:,} (one line each with --problems)")
    return "\n".join(lines)
