"""Shared fixtures: the real default corpus, one spaCy pipeline, no network."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory):
    """Parse cache in a temporary folder, so tests never depend on an earlier run."""
    mp = pytest.MonkeyPatch()
    mp.setenv("NEWSBOOK_CACHE", str(tmp_path_factory.mktemp("parse-cache")))
    yield
    mp.undo()


@pytest.fixture
def no_network(monkeypatch):
    """Make every outbound connection fail, as on a machine with no internet."""

    def refuse(*args, **kwargs):
        raise OSError("network disabled in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    import nltk

    def no_download(*args, **kwargs):
        raise AssertionError("nltk.download was called")

    monkeypatch.setattr(nltk, "download", no_download)


@pytest.fixture(scope="session")
def nlp():
    from newsbook.parse import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def corpus():
    from newsbook.corpus import load_corpus

    return load_corpus(CORPUS)


def corpus_hash(folder):
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        h.update(p.name.encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The book built once on the default corpus (test_book, test_browser): (out folder, process)."""
    out = tmp_path_factory.mktemp("book") / "out"
    before = corpus_hash(CORPUS)
    proc = subprocess.run([sys.executable, "-m", "newsbook", "build", "--corpus", str(CORPUS), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert corpus_hash(CORPUS) == before, "the build modified the input corpus"
    return out, proc


# A hostile article: markup, MyST roles, quote marks that could break out of the notebook
# parameters, and script that would set a marker global or fetch from another host if it ran.
HOSTILE_BODY = [
    "Officials in Astana said on Tuesday that trade with China grew by a fifth last year, reaching $41 billion.",
    '<script>alert("xss-body")</script>',
    'The minister added that <img src=x onerror="alert(1)"> new rail links would open soon, according to the ministry.',
    "```{raw} html\n<b id=\"myst-live\">raw html</b>\n```",
    "A researcher said the {download}`secret <../../../etc/passwd>` role and $x^2$ maths must stay text.",
    "“Quotes with \"\"\" triple marks and a stray \'\'\' and a backslash \\ must not break the notebook parameters,” "
    "said Dana Evil, a professor at the University of Nowhere.",
    "Analysts expect the corridor to carry more freight next year, when the new terminal opens near the border.",
    '<script>window.__newsbook_pwned = "script"</script> <svg onload="window.__newsbook_pwned = \'svg\'"></svg>',
    '<img src="http://tracker.invalid/pixel.png"> <iframe src="http://tracker.invalid/frame"></iframe> '
    '<a href="javascript:window.__newsbook_pwned=1">link</a>',
]
HOSTILE_METADATA = (
    "file,id,outlet,title,published\n"
    "evil.txt,\"ev'il\"\"<i>id</i>$\",\"<script>alert('xss-outlet')</script>\","
    "\"{glue:text}`n_articles` <img src=y onerror=alert(2)>\",2024-07-04\n")


@pytest.fixture(scope="session")
def hostile_book(tmp_path_factory):
    """The book built once on the hostile corpus (test_untrusted, test_browser): the out folder."""
    base = tmp_path_factory.mktemp("hostile")
    corpus = base / "corp\"us 'x' $HOME"
    corpus.mkdir()
    (corpus / "evil.txt").write_text("\n".join(HOSTILE_BODY) + "\n", encoding="utf-8")
    (corpus / "metadata.csv").write_text(HOSTILE_METADATA, encoding="utf-8")
    out = base / "out"
    proc = subprocess.run([sys.executable, "-m", "newsbook", "build", "--corpus", str(corpus), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out
