"""Bad export files, each with its own fixture: a clear message and nothing else lost."""

import json

from newsbook.corpus import load_corpus

ASTANA = "Kazakhstan and China signed a trade agreement in Astana on Monday, officials said."
BISHKEK = "Kyrgyzstan's parliament debated a new media law in Bishkek, a deputy said on Tuesday."
HUGE = 50 * 1024 * 1024  # one 50 MB line


def messages(corpus):
    return [str(p) for p in corpus.problems]


def test_one_enormous_jsonl_line_is_skipped_alone(tmp_path):
    path = tmp_path / "big.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "a", "text": ASTANA}) + "\n")
        fh.write('{"id": "huge", "text": "' + "x" * HUGE + '"}\n')
        fh.write(json.dumps({"id": "b", "text": BISHKEK}) + "\n")
    corpus = load_corpus(path)
    assert [a.doc_id for a in corpus] == ["a", "b"]
    assert messages(corpus) == ["big.jsonl: line 2 is over 16,777,216 bytes; skipped"]


def test_one_enormous_csv_field_is_skipped_alone(tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f'id,text\na,"{ASTANA}"\nhuge,"' + "word " * (HUGE // 5) + f'"\nb,"{BISHKEK}"\n')
    corpus = load_corpus(path)
    assert [a.doc_id for a in corpus] == ["a", "b"]
    assert messages(corpus) == ["big.csv record 2: has 52,428,800 bytes of text, over the 5,242,880-byte "
                                "limit; skipped"]
