"""Build the book: analyses -> tables -> papermill -> Jupyter Book, atomically.

Everything is assembled in a staging folder beside the output folder:

    STAGE/tables/      analysis tables (Parquet + CSV) and quotes.jsonl
    STAGE/source/      a copy of _config.yml, _toc.yml, references.bib and book/,
                       with each MyST notebook converted to .ipynb and executed by
                       papermill (cwd = the notebook's folder, parameters injected)
                       (kept in OUT/source: the executed chapters, rebuildable with jupyter-book)
    STAGE/html/        Jupyter Book's HTML, built with execution off and -W -n --keep-going

Only when every step succeeded does STAGE replace the output folder, so a failed
build leaves the previous book as it was. A notebook that raises, or that holds
any error output, fails the build with the chapter and cell named.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from newsbook import display
from newsbook import stamp as stamp_mod
from newsbook import tables as tables_mod
from newsbook.pipeline import Results, run

log = logging.getLogger(__name__)

PROJECT_FILES = ("_config.yml", "_toc.yml", "references.bib")


class BuildError(RuntimeError):
    """A stage of the build failed; the message names the stage and the cause."""


class OutputError(BuildError):
    """The output folder cannot be written; found before any analysis runs."""


@dataclass
class BuildReport:
    out: Path
    seconds: dict[str, float]
    cache_hits: int
    cache_misses: int
    articles: int


def project_root() -> Path:
    """The folder holding _config.yml and book/ (the repository checkout)."""
    env = os.environ.get("NEWSBOOK_PROJECT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in [Path.cwd(), *here.parents]:
        if (parent / "_config.yml").is_file() and (parent / "book").is_dir():
            return parent
    raise BuildError("cannot find the book sources (_config.yml and book/); run from the project folder "
                     "or set NEWSBOOK_PROJECT")


def default_cache_dir() -> Path:
    env = os.environ.get("NEWSBOOK_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "newsbook" / "parse"


def notebook_sources(book_dir: Path) -> list[Path]:
    """MyST markdown notebooks (a jupytext header with a kernelspec) under book/."""
    out = []
    for path in sorted(book_dir.rglob("*.md")):
        head = path.read_text(encoding="utf-8")[:2000]
        if head.startswith("---") and "kernelspec:" in head.split("\n---", 1)[0]:
            out.append(path)
    return out


def stage_sources(root: Path, stage_src: Path) -> list[Path]:
    """Copy the book sources and convert notebooks to .ipynb; return the notebooks."""
    import jupytext

    stage_src.mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy2(root / name, stage_src / name)
    shutil.copytree(root / "book", stage_src / "book",
                    ignore=shutil.ignore_patterns("_build", ".ipynb_checkpoints", "__pycache__", "*.ipynb"))
    notebooks = []
    for md in notebook_sources(stage_src / "book"):
        nb = jupytext.read(md)
        nb.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"})
        nb.metadata.setdefault("language_info", {"name": "python"})
        nb.metadata.pop("jupytext", None)
        target = md.with_suffix(".ipynb")
        jupytext.write(nb, target, fmt="ipynb")
        md.unlink()  # never leave x.md beside x.ipynb: Sphinx would see two documents
        notebooks.append(target)
    return notebooks


@contextlib.contextmanager
def _stderr_to(path: Path):
    """Send this process's file descriptor 2 (and so the kernels' log lines) to a file."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "ab") as fh:
        os.dup2(fh.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def execute_notebooks(notebooks: list[Path], parameters: dict, kernel: str = "python3",
                      log_path: Path | None = None, env: dict[str, str] | None = None) -> None:
    """Run each notebook in place with papermill, in its own folder.

    Kernel log lines go to ``log_path`` (if given) rather than the terminal; ``env`` is set in the
    kernels' environment (they inherit this process's) while they run.
    """
    import papermill

    ctx = _stderr_to(log_path) if log_path is not None else contextlib.nullcontext()
    with ctx, _environment(env or {}):
        _execute_all(notebooks, parameters, kernel, papermill)


@contextlib.contextmanager
def _environment(values: dict[str, str]):
    """Set environment variables for the duration of the block, then restore them."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def write_datatables_loader(static: Path) -> Path:
    """The site's one copy of the DataTables loader that the chapters' interactive tables link."""
    path = static / display.SHARED_LOADER_NAME
    path.write_text(display.datatables_loader(), encoding="utf-8")
    return path


def _execute_all(notebooks, parameters, kernel, papermill) -> None:
    """Run the chapters side by side (one kernel each, as many as there are cores)."""
    from concurrent.futures import ThreadPoolExecutor

    from newsbook.processes import end_child_processes

    workers = max(1, min(len(notebooks), os.cpu_count() or 1))
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        futures = [pool.submit(_execute_one, nb, parameters, kernel, papermill) for nb in notebooks]
        for future in futures:  # in chapter order, so the first failing chapter is reported
            future.result()
    except KeyboardInterrupt:
        # end the kernels now: waiting for the running chapters took ~40 s
        pool.shutdown(wait=False, cancel_futures=True)
        end_child_processes()
        raise
    except BaseException:
        # a failed chapter: the chapters not started are dropped and the running ones end here, while
        # their kernels' log still goes to the log file; the staging folder is removed only after that
        # (removed under a starting kernel, it printed a FileNotFoundError traceback on the terminal)
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _execute_one(nb: Path, parameters: dict, kernel: str, papermill) -> None:
    """Execute one chapter in place; a failure names the chapter and the cell."""
    chapter = nb.stem
    try:
        # The kernel starts in the chapter's folder through nbclient's resources path, not papermill's
        # ``cwd``: that one chdir()s the whole process, and chapters run side by side in threads, so a
        # kernel could start in another chapter's (or no) folder and miss the tables.
        papermill.execute_notebook(
            str(nb), str(nb), parameters=parameters, kernel_name=kernel,
            progress_bar=False, log_output=False, request_save_on_cell_execute=False,
            resources={"metadata": {"path": str(nb.parent)}},
        )
    except Exception as exc:  # papermill raises PapermillExecutionError with the cell
        cell = getattr(exc, "exec_count", None) or getattr(exc, "cell_index", "?")
        ename = getattr(exc, "ename", type(exc).__name__)
        evalue = getattr(exc, "evalue", str(exc))
        raise BuildError(f"chapter '{chapter}' failed in cell {cell}: {ename}: {evalue}".strip()) from None
    check_notebook(nb)
    hide_parameter_cells(nb)


PARAMETER_TAGS = ("parameters", "injected-parameters")


def hide_parameter_cells(path: Path) -> None:
    """Keep papermill's parameter cells in the executed notebook but off the page.

    The chapter's ``parameters`` cell and papermill's ``injected-parameters`` cell get
    Jupyter Book's ``remove-cell`` tag; papermill's record of the input and output
    paths (absolute paths of the build machine) is reduced to the file names.
    """
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if any(t in tags for t in PARAMETER_TAGS) and "remove-cell" not in tags:
            tags.append("remove-cell")
    record = nb.get("metadata", {}).get("papermill", {})
    for key in ("input_path", "output_path"):
        if record.get(key):
            record[key] = Path(record[key]).name
    tmp = path.with_suffix(".ipynb.tmp")
    tmp.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def check_notebook(path: Path) -> None:
    """Fail if an executed notebook holds an error output or a papermill exception."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    if nb.get("metadata", {}).get("papermill", {}).get("exception"):
        raise BuildError(f"chapter '{path.stem}' raised during execution")
    for i, cell in enumerate(nb.get("cells", [])):
        for out in cell.get("outputs", []) or []:
            if out.get("output_type") == "error":
                raise BuildError(f"chapter '{path.stem}' cell {i}: {out.get('ename')}: {out.get('evalue')}")
            if out.get("output_type") == "stream" and out.get("name") == "stderr" and "Traceback" in "".join(out.get("text", "")):
                raise BuildError(f"chapter '{path.stem}' cell {i} printed a traceback")


def jupyter_book(stage_src: Path, stage: Path) -> Path:
    """Run Jupyter Book 1.x (execution off, warnings are errors); return the HTML folder."""
    cmd = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(stage_src), "--builder", "html",
           "--path-output", str(stage), "-W", "-n", "--keep-going", "--quiet"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=stage_src)
    (stage / "jupyter-book.log").write_text(proc.stdout + "\n" + proc.stderr, encoding="utf-8")
    html = stage / "_build" / "html"
    if proc.returncode != 0 or not (html / "index.html").is_file():
        lines = [ln for ln in (proc.stdout + "\n" + proc.stderr).splitlines()
                 if "WARNING" in ln or "ERROR" in ln or "Error" in ln]
        detail = "\n".join(lines[:20]) or (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise BuildError(f"Jupyter Book failed (exit {proc.returncode}):\n{detail}")
    return html


#: Copied as they are into the site (Sphinx's html_extra_path): ``SITE_EXTRA/tables/`` becomes ``html/tables/``
#: (Sphinx applies exclude_patterns to these files too: no pattern may match ``tables/...``).
SITE_EXTRA = "_site_extra"


def publish_tables(tables_dir: Path, stage_src: Path) -> None:
    """Put the CSV tables and build.json into the site as ``tables/`` (the pages link them)."""
    target = stage_src / SITE_EXTRA / "tables"
    target.mkdir(parents=True, exist_ok=True)
    for f in sorted([*tables_dir.glob("*.csv"), tables_dir / stamp_mod.STAMP_FILE]):
        shutil.copy2(f, target / f.name)


def reference_tables(root: Path, references=()) -> dict:
    """The trade reference statistics (the project's and ``references``, a researcher's own files)
    and the bilateral series drawn from them."""
    from newsbook.trade import REFERENCE_FILES, ReferenceError, bilateral_totals, load_references, mirror_gap

    try:
        ref = load_references([root / "data" / "reference" / name for name in REFERENCE_FILES], references)
    except ReferenceError as exc:
        problems = getattr(exc, "problems", None)
        raise BuildError("trade reference data: " + ("\n".join(problems) if problems else str(exc))) from None
    bilateral = bilateral_totals(ref)
    return {"trade_reference": ref, "trade_bilateral": bilateral, "mirror_gap": mirror_gap(bilateral)}


def _stage(message: str) -> None:
    """Say which stage is running, on an interactive terminal only (quiet in CI and pipes)."""
    if sys.stderr.isatty() and not os.environ.get("CI"):
        print(f"newsbook: {message}", file=sys.stderr, flush=True)


def build(corpus: str | os.PathLike | list, out: str | os.PathLike, cache_dir: str | os.PathLike | None = None,
          max_bytes: int | None = None, scheduler: str | None = None, n_process: int | None = None,
          batch_size: int = 16, columns: dict[str, str] | None = None, dates: str | None = None,
          references=(), explorer_pages: int | None = 200) -> BuildReport:
    """Build the whole book for ``corpus`` (one or more paths) into ``out``; see the module docstring."""
    root = project_root()
    corpus = [Path(p).resolve() for p in ([corpus] if isinstance(corpus, (str, os.PathLike)) else corpus)]
    out = Path(out).resolve()
    stage = prepare_output(out)
    seconds: dict[str, float] = {}
    try:
        t = time.perf_counter()
        trade_tables = reference_tables(root, references)  # a bad reference file fails before the analyses
        _stage("loading, cleaning, parsing and analysing the corpus")
        results: Results = run(corpus, cache_dir=cache_dir or default_cache_dir(), max_bytes=max_bytes,
                               scheduler=scheduler, n_process=n_process, batch_size=batch_size,
                               columns=columns, dates=dates)
        tables_dir = stage / "tables"
        results.tables.update(trade_tables)
        from newsbook.claims import check_claims
        from newsbook.shares import check_share_claims

        results.tables["claims"] = check_claims(results.tables["figures"], results.tables["trade_reference"])
        results.tables["shares"] = check_share_claims(results.tables["share_claims"], results.tables["trade_reference"])
        tables_mod.write_tables(results.tables, tables_dir)
        tables_mod.write_jsonl(results.jsonl, tables_dir / "quotes.jsonl")
        stamp = stamp_mod.make_stamp(corpus, len(results.corpus), root)
        stamp_mod.write_stamp(stamp, tables_dir)
        seconds["analyses"] = time.perf_counter() - t

        t = time.perf_counter()
        _stage("executing the chapters with papermill")
        stage_src = stage / "source"
        notebooks = stage_sources(root, stage_src)
        from newsbook import explorer  # article pages into the staged book and its _toc.yml (never the committed one)

        seconds["explorer"] = explorer.write_explorer(results.corpus.articles, results.tables, stage_src,
                                                      results.jsonl, explorer_pages).seconds
        tables_mod.write_table(explorer.explorer_pages(results.tables, explorer_pages), tables_dir, explorer.TABLE)
        downloads = stage_src / "book" / "tables"
        downloads.mkdir()
        for csv in sorted(tables_dir.glob("*.csv")):
            shutil.copy2(csv, downloads / csv.name)
        publish_tables(tables_dir, stage_src)
        stamp_mod.stamp_config(stage_src / "_config.yml", stamp)
        # a relative tables path stays valid after the staging folder becomes OUT
        # no absolute path of this machine goes into the notebooks (nor so onto the pages):
        # the corpus is named by its folder or file names, the tables by a path relative to the chapters
        params = {"corpus_name": ", ".join(Path(str(c)).name for c in corpus),
                  "tables_dir": os.path.relpath(tables_dir, stage_src / "book")}
        write_datatables_loader(stage_src / "book" / "_static")
        execute_notebooks(notebooks, params, log_path=stage / "papermill.log",
                          env={display.SHARED_LOADER_ENV: display.SHARED_LOADER_URL})
        seconds["notebooks"] = time.perf_counter() - t - seconds["explorer"]

        t = time.perf_counter()
        _stage("building the HTML book with Jupyter Book")
        html = jupyter_book(stage_src, stage)
        shutil.move(str(html), str(stage / "html"))
        shutil.rmtree(stage / "_build", ignore_errors=True)
        seconds["jupyter_book"] = time.perf_counter() - t
        _swap_into_place(stage, out)
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):  # no worker or kernel may write into the folder removed next
            from newsbook.processes import end_child_processes

            end_child_processes()
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return BuildReport(out=out, seconds=seconds, cache_hits=results.cache_hits,
                       cache_misses=results.cache_misses, articles=len(results.corpus))


def prepare_output(out: Path) -> Path:
    """Check that the book can be written to ``out`` and make its staging folder beside it.

    Runs before any analysis, so an output path that cannot be written fails at once,
    with the user's path named (not the staging folder's) and the previous book, if
    any, untouched. ``out`` must be a folder or not exist yet; the folder that holds it
    must be writable (the book replaces ``out`` by renaming a folder there).
    """
    kept = "the previous book there is untouched" if out.is_dir() else "nothing was written"

    def refuse(why: str) -> OutputError:
        return OutputError(f"cannot write the book to {out}: {why}; {kept}")

    if out.exists() and not out.is_dir():
        raise refuse("it is a file, not a folder")
    existing = out.parent
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise refuse(f"{existing} is a file, not a folder")
    if out.is_dir() and not os.access(out, os.W_OK | os.X_OK):
        raise refuse("the folder is not writable")
    stage = out.parent / f".{out.name}.staging-{os.getpid()}"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if stage.exists():
            shutil.rmtree(stage)
        stage.mkdir()
        probe = stage / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        shutil.rmtree(stage, ignore_errors=True)
        reason = exc.strerror or str(exc)
        raise refuse(f"its folder {out.parent} is not writable ({reason})") from None
    return stage


def _swap_into_place(stage: Path, out: Path) -> None:
    """Replace ``out`` by ``stage`` with two renames (the old book is kept until the last moment)."""
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        os.replace(out, old)
    os.replace(stage, out)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
