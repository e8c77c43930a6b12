"""The catalogue of named rules: each statement records the rule that found it (``Quote.rule``).

Every rule has a one-line summary and one example sentence with the content and speaker it must
find there; ``tests/quotes/test_rules.py`` runs every example, and the method page's rule table is
generated from this catalogue (:func:`catalogue`). The code of each rule is named after it in
:mod:`newsbook.quotes.extract` (the cue rules, in the order a token meets them, then the passes).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One named rule, with an example it must handle."""

    name: str
    summary: str
    #: a sentence (or short passage) the rule finds a statement in
    example: str
    #: the statement's content there (its fragments joined by " … ")
    content: str
    #: the resolved speaker there ("" = nobody named)
    speaker: str
    #: the pass of :data:`newsbook.quotes.extract.PASSES` the rule belongs to
    found_in: str = "cues"


_CATALOGUE = (
    Rule("according-to", "'according to X', X the speaker",
         "According to Xinhua, the two sides signed 15 agreements in Astana.",
         "the two sides signed 15 agreements in Astana", "Xinhua"),
    Rule("copula", "a copula with a statement noun ('his answer was that ...')",
         "His answer was that the border would stay open.", "that the border would stay open", ""),
    Rule("attitude", "an attitude adjective ('she was confident that ...')",
         "Finance Minister Madina Abylkasymova was confident that inflation would fall.",
         "that inflation would fall", "Madina Abylkasymova"),
    Rule("light-verb", "a light verb with a stance noun or adjective ('made clear that', 'took issue with')",
         "Uzbek officials made clear that the tariffs would stay.", "that the tariffs would stay", ""),
    Rule("raised", "a raising or passive verb with nobody named ('X is expected to ...')",
         "The railway is expected to carry five million tonnes a year.",
         "The railway … to carry five million tonnes a year", ""),
    Rule("statement-noun", "a statement noun with its owner ('his claim that ...')",
         "Lavrov's claim that the sanctions had failed drew criticism in Brussels.",
         "that the sanctions had failed", "Lavrov"),
    Rule("asked", "the question of 'Asked whether ..., X said', the asker unnamed",
         "Asked whether the pipeline would be finished, Nurlan Nogayev said the work was on schedule.",
         "whether the pipeline would be finished", ""),
    Rule("inverted-aside", "a cue set off inside the statement, the speaker after it ('The deal, said X, is ...')",
         "The deal, said Niva Yau, a fellow at the Atlantic Council, is a win for Beijing.",
         "The deal … is a win for Beijing", "Niva Yau"),
    Rule("cue-verb", "a reporting verb with its subject as speaker and a clause or quotation as content",
         "Kazakh President Kassym-Jomart Tokayev said that trade with China would double by 2030.",
         "that trade with China would double by 2030", "Kassym-Jomart Tokayev"),
    Rule("passive-agent", "a passive reporting verb whose agent speaks ('was reported by X')",
         "The agreement was first reported by Reuters on Monday.", "The agreement", "Reuters"),
    Rule("headline-colon", "'Speaker: what they said' at the start of a paragraph",
         "Tokayev: Kazakhstan will not help Russia evade sanctions",
         "Kazakhstan will not help Russia evade sanctions", "Tokayev", "headline-colon"),
    Rule("verb-by-quotation", "a quotation with a verb of saying right before or after it",
         '"We will never accept these terms," the minister barked.',
         "We will never accept these terms,", "minister", "quotations"),
    Rule("follow-on", "a quotation with no cue that continues the last speaker",
         'Sadyr Japarov said the talks went well.\n\n"We agreed on every point. The road will be built next year."',
         "We agreed on every point. The road will be built next year.", "Sadyr Japarov", "quotations"),
    Rule("over-paragraphs", "an unclosed quotation that runs on into the next paragraph's quotation",
         '"The first part of a long statement goes on here and does not close its mark\n\n'
         '"and the next paragraph continues it," Mirziyoyev said.',
         "The first part of a long statement goes on here and does not close its mark", "Mirziyoyev",
         "over-paragraphs"),
)

#: The rules by the name a statement records in ``Quote.rule``, in the order the extractor tries them.
RULES: dict[str, Rule] = {rule.name: rule for rule in _CATALOGUE}


def catalogue():
    """The rules as a table (name, pass, what it finds, example), for the method page."""
    import pandas as pd

    return pd.DataFrame([{"rule": r.name, "pass": r.found_in, "finds": r.summary, "example": r.example}
                         for r in _CATALOGUE])


#: The markers between which the method page holds the generated rule table.
TABLE_START = "<!-- rule table: generated by `python -m newsbook.quotes.rules book/method.md` -->"
TABLE_END = "<!-- end of rule table -->"


def markdown_table() -> str:
    """The catalogue as the method page's Markdown table (examples in italics, breaks shown as ¶)."""
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n\n", " ¶ ").replace("\n", " ")

    rows = ["| rule | pass | finds | example |", "|---|---|---|---|"]
    rows += [f"| `{r.name}` | {r.found_in} | {cell(r.summary)} | {cell(r.example)} |" for r in _CATALOGUE]
    return "\n".join(rows)


def write_table(page) -> bool:
    """Put the current table between the markers of ``page``; True if the page changed."""
    from pathlib import Path

    path = Path(page)
    text = path.read_text(encoding="utf-8")
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)
    new = text[:start] + "\n" + markdown_table() + "\n" + text[end:]
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":  # python -m newsbook.quotes.rules book/method.md
    import sys

    print("updated" if write_table(sys.argv[1]) else "up to date", sys.argv[1])
