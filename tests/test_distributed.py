"""The per-article stages on a 2-worker Dask LocalCluster give the same tables as a local run."""

import pandas as pd
import pytest

from newsbook.pipeline import analyse


@pytest.mark.slow
def test_dask_local_cluster_tables_are_identical(corpus, monkeypatch):
    import distributed  # noqa: F401  (installed with the pinned requirements)

    monkeypatch.setattr("os.cpu_count", lambda: 2)  # a 2-worker LocalCluster whatever the machine
    local = analyse(corpus, cache_dir=None)
    on_dask = analyse(corpus, cache_dir=None, scheduler="local", batch_size=2)
    assert set(local.tables) == set(on_dask.tables)
    for name in local.tables:
        pd.testing.assert_frame_equal(local.tables[name], on_dask.tables[name], obj=name)
    assert local.jsonl == on_dask.jsonl


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    import subprocess
    import sys

    from conftest import CORPUS

    proc = subprocess.run([sys.executable, "-m", "newsbook", "build", "--corpus", str(CORPUS),
                           "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "cache"),
                           "--scheduler", "tcp://127.0.0.1:9"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_local_worker_pool_gives_the_same_tables(corpus):
    """Partitions analysed by two worker processes, in order, equal the single-process run."""
    one = analyse(corpus, cache_dir=None, n_process=1, batch_size=2)
    two = analyse(corpus, cache_dir=None, n_process=2, batch_size=2)
    for name in one.tables:
        pd.testing.assert_frame_equal(one.tables[name], two.tables[name], obj=name)
