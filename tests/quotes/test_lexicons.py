"""The lexicons are data files with a provenance header, loaded into named sets."""

from importlib import resources

from newsbook.quotes import lexicons, reporting_verbs


def test_lexicon_files_say_where_their_words_come_from():
    data = resources.files("newsbook.quotes").joinpath("data")
    for name in ("lexicons.toml", "reporting_verbs.txt"):
        head = data.joinpath(name).read_text("utf-8").splitlines()[:6]
        assert all(line.startswith("#") for line in head[:3]), name
        assert any("provenance" in line.lower() or "compiled" in line.lower() for line in head), name


def test_every_lexicon_in_the_file_is_named_by_the_module():
    named = {k.lower() for k, v in vars(lexicons).items() if k.isupper()}
    for key in lexicons.LEXICONS:
        assert key in named or key.removesuffix("_own") in named, key


def test_loaded_lists_are_words_the_rules_test():
    assert {"say", "tell", "announce"} <= lexicons.SPEECH_VERBS <= reporting_verbs() | lexicons.SPEECH_VERBS
    assert "say" in reporting_verbs() and "" not in reporting_verbs()
    assert lexicons.EXPERT.search("a senior fellow at the Carnegie Endowment")
    assert lexicons.ROLE_SYNONYMS["premier"].search("Prime Minister Olzhas Bektenov")
    assert lexicons.PROFORM_VERBS >= lexicons.SPEECH_VERBS | {"think"}
