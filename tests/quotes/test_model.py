"""The learned quote model: its labels, its decoding, the packaged weights, the CLI around it."""

import json
import os
import subprocess
import sys

import pytest

from conftest import CORPUS, ROOT
from newsbook.quotes import features as qf
from newsbook.quotes import model as quote_model
from newsbook.quotes import selector as qsel
from newsbook.quotes import RULES, extract_quotes


def test_gold_labels_paint_bio_and_the_shorter_span_wins(nlp):
    text = 'Ministers said the plan, which Smith called "a disaster", would fail.'
    doc = nlp(text)
    outer = {"source": [{"start": 0, "end": 9}], "cue": [{"start": 10, "end": 14}],
             "content": [{"start": 15, "end": text.index(".")}]}
    smith = text.index("Smith")
    inner = {"source": [{"start": smith, "end": smith + 5}],
             "cue": [{"start": smith + 6, "end": smith + 12}],
             "content": [{"start": text.index('"'), "end": text.index(",", text.index('"'))}]}
    labels = qf.gold_labels(doc, [outer, inner])
    by_word = {t.text: lab for t, lab in zip(doc, labels)}
    assert by_word["Ministers"] == "B-SRC" and by_word["said"] == "B-CUE"
    assert by_word["the"] == "B-CON" and by_word["plan"] == "I-CON"
    assert by_word["Smith"] == "B-SRC" and by_word["called"] == "B-CUE"  # nested inside the outer content
    assert by_word["disaster"] == "I-CON" and by_word["."] == "O"
    # the nested quotation is its own content span: its opening mark begins it
    first_mark = next(i for i, t in enumerate(doc) if t.text == '"')
    assert labels[first_mark] == "B-CON"


def test_paragraphs_split_at_line_breaks_and_skip_white_space(nlp):
    doc = nlp("First paragraph here.\n\nSecond one, said Lee.\nThird.")
    paras = qf.paragraphs(doc)
    assert [" ".join(doc[i].text for i in p.tokens) for p in paras] == [
        "First paragraph here .", "Second one , said Lee .", "Third ."]


def test_features_carry_the_rules_and_the_quotation_marks(nlp):
    text = '"We will finish the railway by 2030," Deputy Minister Aibek Nurov told reporters.'
    doc = nlp(text)
    rules = extract_quotes(doc, text)
    feats = qf.doc_features(doc, text, rules)
    told = next(t.i for t in doc if t.text == "told")
    assert "rv" in feats[told] and "r=B-CUE" in feats[told]
    assert "q=open" in feats[0]
    will = next(t.i for t in doc if t.text == "will")
    assert "q=in" in feats[will] and any(f.startswith("rn=") for f in feats[will])


def test_every_rule_statement_names_a_catalogued_rule(nlp):
    text = ('Exports to China rose by a fifth in May, according to the trade ministry. "We are ready," '
            'Lee said. "Very ready." Analysts believe that the deal will hold.')
    doc = nlp(text)
    qs = extract_quotes(doc, text)
    assert len(qs) >= 3
    assert all(q.rule in RULES for q in qs), [q.rule for q in qs]
    assert {q.rule for q in qs} >= {"according-to", "cue-verb"}


def valid_learned_rule(rule: str) -> bool:
    """A learned statement's path: a rule alone, a rule refined by the model, or the model's own."""
    return rule in RULES or rule.removesuffix("+crf-bounds") in RULES or rule.startswith("crf")


@pytest.fixture(scope="module")
def learned(nlp):
    text = ('ALMATY — Kazakhstan will double its grain exports to China, Deputy Minister Aibek Nurov '
            'said on Tuesday.\n\n"The new terminal changes everything for our farmers," Nurov told '
            'reporters in Almaty. "We expect the first trains in May."\n\nThe plan, critics argue, '
            'ignores the cost of the terminal.')
    doc = nlp(text)
    return text, quote_model.extract(doc, text, "learned")


def test_packaged_model_finds_direct_and_indirect_statements(learned):
    text, qs = learned
    contents = [" | ".join(text[s:e] for s, e in q.content) for q in qs]
    direct = [q for q in qs if "new terminal" in text[q.start:q.end]]
    assert direct, contents
    assert direct[0].type == "direct" and direct[0].speaker.name == "Aibek Nurov"
    assert direct[0].cue_text == "told"
    grain = [q for q in qs if "grain exports" in text[q.start:q.end]]
    assert grain and grain[0].type == "indirect" and grain[0].speaker.name == "Aibek Nurov"
    assert all(valid_learned_rule(q.rule) for q in qs), [q.rule for q in qs]
    assert any("crf" in q.rule for q in qs)
    # every statement kept carries the selector's probability, at least its origin's threshold
    assert all(min(qsel.THRESHOLDS.values()) <= q.confidence <= 1.0 for q in qs), [q.confidence for q in qs]


def test_learned_direct_content_keeps_its_quotation_marks(learned):
    """PolNeAR's (and CofeNet's) convention, learned from the data: the marks are content."""
    text, qs = learned
    direct = next(q for q in qs if "new terminal" in text[q.start:q.end])
    assert text[direct.start] == '"'


def test_learned_path_keeps_the_channel_the_rules_found(nlp):
    text = ("Kyrgyz Transport Minister Tilek Tekebaev said freight volumes would double next year, "
            "according to AKIpress.")
    doc = nlp(text)
    rules = [q for q in extract_quotes(doc, text) if q.via]
    learned = [q for q in quote_model.extract(doc, text, "learned") if q.via]
    assert [q.via for q in rules] == ["AKIpress"]
    assert [(q.via, q.speaker.name) for q in learned] == [("AKIpress", "Tilek Tekebaev")]


def test_unknown_method_is_refused(nlp):
    doc = nlp("He said so.")
    with pytest.raises(ValueError, match="unknown quote method"):
        quote_model.extract(doc, doc.text, "neural")


def test_missing_model_file_says_how_to_get_one(tmp_path):
    with pytest.raises(quote_model.ModelMissing, match="train-quotes"):
        quote_model.load_tagger(str(tmp_path / "absent.crfsuite"))


def test_model_ships_with_its_card_and_metadata():
    folder = quote_model.model_path().parent
    assert quote_model.model_path().stat().st_size < 30 * 2**20
    meta = json.loads((folder / quote_model.META_FILE).read_text())
    assert meta["version"].startswith("crf-") and meta["trained_on"]["articles"] == 840
    card = (folder / "MODEL_CARD.md").read_text()
    for must in ("PolNeAR", "Newell", "train-quotes", "dev"):
        assert must in card


def test_model_loads_offline_in_a_fresh_process(tmp_path):
    """No download: the model opens with every socket refused, in a new interpreter."""
    script = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network disabled')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from newsbook.parse import load_nlp\n"
        "from newsbook.quotes.model import extract\n"
        "t = 'Exports rose, the minister said.'\n"
        "print(len(extract(load_nlp()(t), t)))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) == 1


def test_quotes_command_method_rules_and_learned(tmp_path):
    import pandas as pd

    outs = {}
    for method in ("rules", "learned"):
        out = tmp_path / f"{method}.csv"
        proc = subprocess.run([sys.executable, "-m", "newsbook", "quotes", str(CORPUS), "-o", str(out),
                               "--method", method, "--cache", str(tmp_path / "cache")],
                              capture_output=True, text=True, cwd=ROOT, timeout=600)
        assert proc.returncode == 0, proc.stderr
        outs[method] = pd.read_csv(out, keep_default_na=False)
    rules, learned = outs["rules"], outs["learned"]
    assert set(rules.rule) <= set(RULES) and (rules.confidence == "").all()
    assert learned.rule.map(valid_learned_rule).all()
    refined = learned[learned.rule.str.contains("crf")]
    assert len(refined) > len(learned) / 2
    assert pd.to_numeric(learned.confidence).between(0, 1).all()  # the selector's probability, for every one
    assert len(learned) > 50


def test_train_quotes_refuses_a_file_that_is_not_polnear(tmp_path):
    bad = tmp_path / "train.jsonl"
    bad.write_text('{"id": "a", "body": "no text key"}\n')
    proc = subprocess.run([sys.executable, "-m", "newsbook", "train-quotes", "--polnear", str(bad),
                           "--out", str(tmp_path / "model")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert "needs 'text' and 'attributions'" in proc.stderr
    assert not (tmp_path / "model" / "crf.crfsuite").exists()


def test_a_killed_training_runs_work_folder_is_removed_by_the_next_run_and_a_live_ones_kept(tmp_path):
    from newsbook.quotes.training import remove_stale_work

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                           text=True).stdout.strip()
    dead = tmp_path / f".tmp-train-{ended}-k1ll3d"
    (dead / "fold0").parent.mkdir()
    (dead / "fold0").write_bytes(b"half a CRF")
    live = tmp_path / f".tmp-train-{os.getpid()}-running"
    live.mkdir()
    model = tmp_path / "crf.crfsuite"
    model.write_bytes(b"the installed model")
    assert remove_stale_work(tmp_path) == [dead]
    assert not dead.exists() and live.is_dir() and model.read_bytes() == b"the installed model"


def test_the_speaker_mention_never_takes_in_a_fronted_phrase(nlp):
    """The model's source extent may widen the rules' mention (an appositive), but not leftwards
    across a comma into the phrase the sentence opens with, nor into half a phrase."""
    text = ("Since the beginning of Russia’s war in Ukraine in February 2022, experts have repeatedly "
            "said that Russia’s influence in Central Asia could weaken.")
    experts = text.index("experts")
    rule, fronted = (experts, experts + len("experts")), (text.index("the beginning"), experts + len("experts"))
    assert quote_model.source_extent(rule, fronted, text) == rule
    appositive = "Harsh V. Pant, professor of international relations at King’s College London, said it was a test."
    pant = (0, len("Harsh V. Pant"))
    wider = (0, appositive.index(" said"))
    assert quote_model.source_extent(pant, wider, appositive) == wider
    assert quote_model.source_extent(pant, wider, appositive, nlp(appositive)) == wider
    # nor rightwards into half a phrase: "senior research[ fellow at ...]"
    split = "Nargis Kassenova, senior research fellow at Harvard University, said events are uncertain."
    name = (0, len("Nargis Kassenova"))
    half = (0, split.index(" fellow"))
    assert quote_model.source_extent(name, half, split, nlp(split)) == name
    whole = (0, split.index(", said"))
    assert quote_model.source_extent(name, whole, split, nlp(split)) == whole
    # in the article the sentence comes from, where the model did widen it
    article = next(p for p in sorted(CORPUS.glob("*.txt")) if text[:60] in p.read_text(encoding="utf-8"))
    body = article.read_text(encoding="utf-8")
    doc = nlp(body)
    mentions = [q.speaker.mention for q in quote_model.extract(doc, body) if "could weaken" in body[q.start:q.end]]
    assert mentions == ["experts"]
