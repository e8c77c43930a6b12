"""The records the extractor produces: a quotation span, a speaker, an attributed statement."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class QuoteSpan:
    """A stretch of text between quotation marks (``start``/``end`` include the marks)."""

    start: int
    end: int
    closed: bool


@dataclass
class Speaker:
    mention: str = ""
    start: int | None = None
    end: int | None = None
    name: str = ""
    role: str = ""
    org: str = ""
    kind: str = "unknown"


@dataclass
class Quote:
    """One attributed statement; ``content`` is a list of (start, end) fragments."""

    type: str
    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    cue_text: str
    speaker: Speaker = field(default_factory=Speaker)
    #: the rule (or the model path) that found the statement: see :data:`RULES`
    rule: str = ""
    #: the model's confidence in the content span (0..1); None for a rule's statement
    confidence: float | None = None
    #: The wire agency or outlet that relayed the statement ("Tokayev said ..., Trend reports";
    #: "according to Xinhua, Xi said ..."; "Kazinform quoted him as saying"), "" if none is named.
    via: str = ""

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)


#: How the names of joint speakers are joined ("Emmanuel Macron; Olaf Scholz").
JOINT = "; "
