"""Shared fixtures: the real default corpus, one spaCy pipeline, no network."""

from __future__ import annotations

import socket
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
