"""The build stamp names exactly the code and corpus a book was built from."""

import datetime as dt
import hashlib
import json
import subprocess

import yaml

from newsbook import stamp


def _corpus(folder, files):
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(text.encode("utf-8"))
    return folder


def test_fingerprint_follows_the_files_not_where_they_live(tmp_path):
    files = {"a.txt": "Officials said trade grew.", "sub/b.txt": "A second article.", "metadata.csv": "file,id\n"}
    one = _corpus(tmp_path / "one", files)
    two = _corpus(tmp_path / "elsewhere" / "two", dict(reversed(list(files.items()))))
    assert stamp.corpus_fingerprint([one]) == stamp.corpus_fingerprint([two])
    # the recipe of the docstring, computed by hand
    h = hashlib.sha256()
    for rel in sorted(files):
        data = files[rel].encode()
        h.update(rel.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    assert stamp.corpus_fingerprint([one]) == h.hexdigest()


def test_fingerprint_changes_with_one_byte_or_a_renamed_file(tmp_path):
    base = stamp.corpus_fingerprint([_corpus(tmp_path / "c", {"a.txt": "Trade grew by 5%."})])
    assert stamp.corpus_fingerprint([_corpus(tmp_path / "d", {"a.txt": "Trade grew by 6%."})]) != base
    assert stamp.corpus_fingerprint([_corpus(tmp_path / "e", {"b.txt": "Trade grew by 5%."})]) != base


def test_fingerprint_reads_an_export_file_and_leaves_it_untouched(tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("id,text\n1,Officials said trade grew.\n", encoding="utf-8")
    before = export.stat().st_mtime_ns, export.read_bytes()
    fp = stamp.corpus_fingerprint([export])
    assert len(fp) == 64 and (export.stat().st_mtime_ns, export.read_bytes()) == before


def test_git_commit_inside_and_outside_a_checkout(tmp_path):
    assert stamp.git_commit(tmp_path) == ("unknown", False)
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    (repo / "f.txt").write_text("one\n")
    subprocess.run([*git, "add", "f.txt"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "one"], check=True)
    head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    assert stamp.git_commit(repo) == (head, False)
    (repo / "f.txt").write_text("two\n")
    assert stamp.git_commit(repo) == (head, True)
    sub = repo / "sub"
    sub.mkdir()
    assert stamp.git_commit(sub) == ("unknown", False)  # a folder inside a checkout is not the checkout


def test_stamp_is_written_read_back_and_put_in_the_footer(tmp_path):
    corpus = _corpus(tmp_path / "my<corpus>", {"a.txt": "Officials said trade grew."})
    s = stamp.make_stamp([corpus], 1, tmp_path, now=dt.datetime(2026, 12, 2, 16, 30, 5, 123, tzinfo=dt.timezone.utc))
    assert s.built_utc == "2026-12-02T16:30:05Z" and s.git_commit == "unknown"
    assert s.corpus_name == "my<corpus>" and s.articles == 1
    assert s.spacy_version[0].isdigit() and s.spacy_model and s.spacy_model_version[0].isdigit()
    path = stamp.write_stamp(s, tmp_path / "tables")
    assert json.loads(path.read_text())["corpus_fingerprint"] == stamp.corpus_fingerprint([corpus])
    assert stamp.read_stamp(tmp_path / "tables") == s
    config = tmp_path / "_config.yml"
    config.write_text('title: x\nhtml:\n  extra_footer: "<p>Hi</p><!-- newsbook-build-stamp -->"\n')
    stamp.stamp_config(config, s)
    footer = yaml.safe_load(config.read_text())["html"]["extra_footer"]
    assert footer.startswith("<p>Hi</p><p class=\"newsbook-stamp\">Build: newsbook ")
    assert "my&lt;corpus&gt;" in footer and "<corpus>" not in footer
    assert s.corpus_fingerprint[:16] in footer and "2026-12-02T16:30:05Z" in footer
    entry = stamp.bibtex_text(s)
    assert s.corpus_fingerprint in entry and entry.count("{") == entry.count("}")
