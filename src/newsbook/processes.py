"""Worker processes that an interrupt (Ctrl-C) ends at once, leaving no half-written file.

A terminal's Ctrl-C sends SIGINT to every process of the foreground group: the
build, its spaCy worker processes, papermill's kernels. Left to themselves the
workers die in the middle of a task while the parent's process pool waits for
them (a race that once hung a build for ten minutes), and the chapter threads
wait for their kernels. So:

* a worker ignores SIGINT (:func:`worker_initializer`) and turns SIGTERM into
  ``SystemExit``, so its ``finally`` blocks run and a cache entry being written is
  removed rather than left as a temporary file (entries are renamed into place
  whole, so none is ever half written);
* on an interrupt the parent ends every process it started, children of children
  included (:func:`end_child_processes`): SIGTERM, then SIGKILL for any process
  still alive after a grace period (multiprocessing's resource tracker, which
  ignores SIGTERM, is left to exit with the parent, as it does).
"""

from __future__ import annotations

import logging
import signal

log = logging.getLogger(__name__)

#: Exit status of a process ended by SIGINT, as shells report it (128 + 2).
EXIT_INTERRUPTED = 130


def _raise_terminated(signum, frame):
    """SIGTERM in a worker: leave through SystemExit, so ``finally`` blocks run and nothing is printed."""
    raise SystemExit(128 + signum)


def _exit_if_terminated(unraisable) -> None:
    """A SIGTERM that lands in a callback (an import's weakref callback, say) cannot unwind the
    worker: Python would print it as an ignored exception and carry on. The worker ends there."""
    import os
    import sys

    if isinstance(unraisable.exc_value, SystemExit):
        code = unraisable.exc_value.code
        os._exit(code if isinstance(code, int) else 1)
    sys.__unraisablehook__(unraisable)


def worker_initializer() -> None:
    """Set up a worker process: the parent handles Ctrl-C, SIGTERM ends the worker cleanly."""
    import sys

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _raise_terminated)
    sys.unraisablehook = _exit_if_terminated


def start_forkserver() -> None:
    """Start multiprocessing's fork server with Ctrl-C blocked, so it inherits that (a signal mask
    survives fork and exec) while it imports: a Ctrl-C then would make it print a traceback. It
    ignores Ctrl-C once it has imported, and its workers do too (:func:`worker_initializer`).

    Blocked, not ignored: a Ctrl-C that reaches this process meanwhile waits, and is raised here
    as soon as the server is started (an ignored one was lost, and the build ran to its end)."""
    import threading
    from multiprocessing import forkserver

    if threading.current_thread() is not threading.main_thread():
        forkserver.ensure_running()
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        forkserver.ensure_running()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def run_in_worker(task, *args):
    """Run ``task(*args)`` in a pool worker; a SIGTERM during it ends the worker once clean-up has run.

    (The process pool would otherwise catch the ``SystemExit`` as the task's result and
    keep the worker waiting for more work until it is killed.)
    """
    import os

    try:
        return task(*args)
    except SystemExit as exc:
        os._exit(exc.code if isinstance(exc.code, int) else 1)


def _is_resource_tracker(process) -> bool:
    """multiprocessing's resource tracker ignores SIGTERM; it exits by itself with this process."""
    try:
        return "multiprocessing.resource_tracker" in " ".join(process.cmdline())
    except Exception:
        return False


def _describe(process) -> str:
    try:
        return f"{process.pid} {' '.join(process.cmdline())[:120]}"
    except Exception:
        return str(process.pid)


def end_child_processes(grace: float = 1.0) -> int:
    """End every descendant of this process (SIGTERM, then SIGKILL after ``grace`` s); return how many."""
    import psutil

    try:
        children = [p for p in psutil.Process().children(recursive=True) if not _is_resource_tracker(p)]
    except psutil.Error:
        return 0
    for child in children:
        try:
            child.terminate()
        except psutil.NoSuchProcess:
            pass
    _, alive = psutil.wait_procs(children, timeout=grace)
    if alive:
        log.debug("still running after SIGTERM: %s", [_describe(p) for p in alive])
    for child in alive:
        try:
            child.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(alive, timeout=grace)
    if children:
        log.info("ended %d worker process(es)", len(children))
    return len(children)
