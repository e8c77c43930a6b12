"""Run the per-article stages as Dask tasks, on a local or a remote cluster.

The corpus is cut into partitions of ``batch_size`` articles; each partition is
one task, :func:`newsbook.stages.analyse_partition`, which cleans, parses
(through the shared parse cache) and analyses its articles. A worker process
loads the spaCy model once and keeps it for every task it runs. The results
come back in corpus order and are assembled exactly as in a local run, so the
tables are identical.

    newsbook build --scheduler local            # a LocalCluster, one worker per core
    newsbook build --scheduler tcp://host:8786  # a running `dask scheduler` + `dask worker`s

For a remote cluster the workers need newsbook installed and must see the
parse-cache folder (a shared file system) or be given their own.
"""

from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)


def _client(scheduler: str):
    """A Dask client and the cluster it owns (None when connecting to an existing scheduler)."""
    from distributed import Client, LocalCluster

    if scheduler == "local":
        workers = max(1, os.cpu_count() or 1)
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout="10s"), None
    except OSError as exc:  # TimeoutError and connection errors
        raise OSError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


def analyse_on_dask(articles: list, cache_dir, rates: dict, scheduler: str, batch_size: int = 16,
                    quote_method: str = "learned", analyses=None) -> list:
    """ArticleResults for every article, computed as one Dask task per partition."""
    from newsbook.stages import analyse_partition

    client, cluster = _client(scheduler)
    try:
        partitions = [articles[i:i + batch_size] for i in range(0, len(articles), batch_size)]
        futures = [client.submit(analyse_partition, part, str(cache_dir) if cache_dir else None, rates,
                                 batch_size, 1, quote_method, analyses, pure=False) for part in partitions]
        results = []
        for future in futures:  # in partition order
            results.extend(future.result())
        return results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
