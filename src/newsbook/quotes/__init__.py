"""Find attributed statements (direct, indirect, mixed) and resolve who made them.

Rules over spaCy's dependency parse, no neural coreference:

* **Quotation spans** are paired from the quotation marks of each paragraph
  (curly or straight; an unpaired mark runs to the paragraph's end, so an odd
  number of marks never fails the article).
* **Cues** are reporting verbs (``quotes/data/reporting_verbs.txt``) and the
  preposition *according to*. A cue's speaker is its nominal subject
  (``lexicons.SUBJ_DEPS``), or the object of *according to*.
* **Direct** quotes are quotation spans whose cue is outside the marks, in the
  same or the next sentence; a quote with no cue inherits the previous speaker
  when it follows within two paragraphs (follow-on quotes).
  **Indirect** statements are a cue's clausal complement (``lexicons.CLAUSE_DEPS``)
  with no marks; **mixed** ones are complements containing a quoted fragment.
* **Speakers** are resolved to a full name: surnames and honorifics ("Fallon",
  "Mr. Xi") to the person named in full earlier; pronouns to the nearest
  preceding person. Role and institution come from appositions ("X, professor
  of ... at Y") and pre-modifiers ("Russian Foreign Minister X"), and are
  carried to later mentions of the same person. A joint statement ("according to
  their leaders") names each speaker, joined by :data:`JOINT` ("Emmanuel Macron;
  Olaf Scholz"). An abbreviation the article defines ("the Eurasian Development Bank
  (EDB)") speaks under its full name (:func:`defined_abbreviations`); a role noun ("the
  premier", "the head of state", "the Kazakh leader") is the person the article names in
  that role (``speakers._office_holder``).
* **Channels**: a wire agency or outlet that relays a person's statement ("X said ...,
  Trend reports"; "according to Xinhua, X said ..."; "Kazinform quoted him as saying") is
  not its speaker: the statement is the person's and the outlet is its ``via``
  (:func:`newsbook.quotes.channels.relayed`).

Record (:class:`Quote`): ``type`` (direct | indirect | mixed), ``content`` (character
fragments), ``cue`` and ``cue_text``, ``speaker`` (:class:`Speaker`: ``mention`` and its
offsets, resolved ``name``, ``role``, ``org``, ``kind``), ``via`` (the relaying outlet's
name, "" if none). newsbook's quotes table (``newsbook.quotes.table.COLUMNS``) has one row per
record, the ``via`` column included, and each JSONL quote a ``via`` key.

Offsets are into the text handed to :func:`extract_quotes` (newsbook passes the
cleaned text and maps them back to the text as loaded).
"""

from newsbook.quotes.extract import extract_quotes
from newsbook.quotes.lexicons import reporting_verbs
from newsbook.quotes.marks import find_quote_spans
from newsbook.quotes.records import JOINT, Quote, QuoteSpan, Speaker
from newsbook.quotes.rules import RULES
from newsbook.quotes.speakers import PeopleIndex, defined_abbreviations, resolve_speaker

__all__ = ["JOINT", "RULES", "PeopleIndex", "Quote", "QuoteSpan", "Speaker", "defined_abbreviations",
           "extract_quotes", "find_quote_spans", "reporting_verbs", "resolve_speaker"]
