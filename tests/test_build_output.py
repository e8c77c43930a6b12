"""`newsbook build` refuses an output path it cannot write before analysing anything."""

import os
import shutil
import subprocess
import sys

import pytest

from conftest import CORPUS, ROOT


def build(out, cache, as_user=False):
    """Run `newsbook build`; ``as_user``: as root, without the capabilities that override permission bits."""
    cmd = [sys.executable, "-m", "newsbook", "build", "--corpus", str(CORPUS), "--out", str(out), "--cache", str(cache)]
    if as_user and os.geteuid() == 0:
        cmd = [shutil.which("setpriv"), "--bounding-set=-dac_override,-dac_read_search", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)


def assert_refused_at_once(proc, out, cache, kept):
    assert proc.returncode == 2, proc.stderr
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith(f"newsbook: cannot write the book to {out}: ")
    assert line.endswith(kept)
    assert "staging" not in line and "Traceback" not in proc.stderr
    assert not cache.exists(), "the corpus was analysed before the output path was checked"
    assert not [p for p in out.parent.iterdir() if ".staging-" in p.name] if out.parent.is_dir() else True


def test_an_output_path_under_a_file_is_refused_before_the_analyses(tmp_path):
    (tmp_path / "notes.txt").write_text("not a folder")
    out = tmp_path / "notes.txt" / "book"
    proc = build(out, tmp_path / "cache")
    assert_refused_at_once(proc, out, tmp_path / "cache", "nothing was written")
    assert f"{tmp_path / 'notes.txt'} is a file" in proc.stderr
    assert (tmp_path / "notes.txt").read_text() == "not a folder"


def test_an_output_path_that_is_a_file_is_refused_and_kept(tmp_path):
    out = tmp_path / "book"
    out.write_text("my own file")
    proc = build(out, tmp_path / "cache")
    assert_refused_at_once(proc, out, tmp_path / "cache", "nothing was written")
    assert out.read_text() == "my own file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book"]


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"),
                    reason="root writes through permission bits and util-linux's setpriv is missing")
@pytest.mark.parametrize("locked", ["parent", "out"])
def test_a_read_only_folder_is_refused_and_the_previous_book_untouched(tmp_path, locked):
    parent = tmp_path / "site"
    out = parent / "book"
    (out / "html").mkdir(parents=True)
    (out / "html" / "index.html").write_text("<p>previous book</p>")
    os.chmod(parent if locked == "parent" else out, 0o555)
    try:
        proc = build(out, tmp_path / "cache", as_user=True)
    finally:
        os.chmod(parent if locked == "parent" else out, 0o755)
    assert_refused_at_once(proc, out, tmp_path / "cache", "the previous book there is untouched")
    assert (out / "html" / "index.html").read_text() == "<p>previous book</p>"
    assert sorted(p.name for p in parent.iterdir()) == ["book"]
