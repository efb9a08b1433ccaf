"""The ``dyads`` command: a thin shell over the library. Data goes to stdout, logs and progress to stderr.

Exit status: 0 all inputs coded, 1 error, 2 usage error, 3 some inputs skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys

import click

from . import __version__, settings
from .errors import DyadsError, InputError

log = logging.getLogger("dyads")

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING
    from rich.logging import RichHandler

    handler = RichHandler(console=_stderr_console(), show_time=False, show_path=False, markup=False)
    logging.basicConfig(level=level, handlers=[handler], format="%(message)s", force=True)


def _stderr_console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True)


def _parse_day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: write it as YYYY-MM-DD, e.g. 2014-09-06") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dyads")
def main() -> None:
    """Code news text into political event data: who did what to whom, when and where.

    \b
    Examples:
      dyads code examples/coalition_article.txt --date 2014-09-06 --format table
      dyads code news/ --format jsonl -o events.jsonl
      cat article.txt | dyads code - --date 2024-05-01
      dyads evaluate ../shared/eval/petrarch2_gsr.jsonl --show-errors 10
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--date", "date_", metavar="YYYY-MM-DD", help="Publication date for inputs that carry none.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write events here, not stdout.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Your own actor file (CSV or YAML), laid over the shipped dictionaries. Repeatable.")
@click.option("--patterns", "pattern_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Your own event pattern file (YAML, the format of data/patterns/patterns.yaml). Repeatable.")
@click.option("--encoding", help="Encoding of text inputs that are not UTF-8 (e.g. latin-1).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, only errors on stderr.")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("--db", metavar="PATH", help="Store events in this DuckDB file (idempotent, resumable), not stdout.")
# issue 6: engines (dyads.parallel)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes; more than 1 runs a process pool (same events, same event_ids).")
@click.option("--engine", type=click.Choice(["local", "pool", "dask"]), default="local", show_default=True,
              help="local: this process (a pool when --workers > 1); pool: a process pool; dask: a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler (tcp://host:8786); default: a LocalCluster.")
@click.option("--output-dir", type=click.Path(file_okay=False), help="With --engine dask: the workers write "
              "partitioned JSONL here (a path every worker can write), nothing to stdout.")
@click.option("--no-prefilter", is_flag=True, help="Parse every sentence, not only those that can hold an event "
              "(slower, for comparison; setting prefilter, DYADS_PREFILTER=0 on remote Dask workers).")
def code(inputs: tuple[str, ...], date_: str | None, fmt: str, output: str | None, actor_files: tuple[str, ...],
         pattern_files: tuple[str, ...], encoding: str | None, quiet: bool, verbose: int,
         db: str | None = None, workers: int = 1, engine: str = "local", scheduler: str | None = None,
         output_dir: str | None = None, no_prefilter: bool = False) -> None:
    """Code articles into events.

    INPUTS are .txt files (first line is the title), .jsonl/.json files (one {"id", "text", "title", "date"}
    object per line), .html pages, folders of these, or - for standard input.

    \b
    Examples:
      dyads code examples/coalition_article.txt --date 2014-09-06 --format table
      dyads code articles.jsonl -o events.jsonl
      dyads code news/ --actors my_actors.csv --format csv -o events.csv
      dyads code news.jsonl.gz --db news.duckdb
      dyads code news.jsonl.gz --workers 4 -o events.jsonl
      dyads code day.jsonl.gz --engine dask --scheduler tcp://10.0.0.5:8786 --output-dir /shared/events/day
    """
    _setup_logging(verbose, quiet)
    day = _parse_day(date_)
    if no_prefilter:  # through the setting, so local pool and LocalCluster workers (which inherit it) agree
        os.environ[settings.SETTINGS["prefilter"].env] = "0"
    from .ingest import read_inputs
    from .ingest.readers import InputWarning
    from .output import EventWriter
    from .pipeline import Coder

    errors: list[InputError] = []
    reported = 0
    # issue 6: --workers/--engine/--scheduler/--output-dir run the coder on a pool or Dask (dyads.parallel)
    engine = "pool" if engine == "local" and workers > 1 else engine
    if engine == "dask":  # distributed sets its own loggers to INFO: hold its records to the -q/-v level too
        for handler in logging.getLogger().handlers:
            handler.setLevel(max(logging.WARNING, logging.getLogger().level))
    if (scheduler or output_dir) and engine != "dask":
        click.echo("error: --scheduler and --output-dir need --engine dask", err=True)
        sys.exit(EXIT_USAGE)
    if output_dir:
        sys.exit(_code_to_dir(inputs, output_dir, day, encoding, actor_files, pattern_files, workers, scheduler,
                              quiet))
    from .parallel import EngineCoder

    coder: Coder | EngineCoder
    try:
        if engine == "local":
            coder = Coder(actor_files=actor_files, pattern_files=pattern_files)
        else:
            coder = EngineCoder(engine, workers=workers, scheduler=scheduler, actor_files=actor_files,
                                pattern_files=pattern_files)
    except DyadsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if db is not None:  # issue 4: events go to the store (dyads.cli_store), not to stdout
        from .cli_store import code_into_db

        try:
            status = code_into_db(coder, inputs, db, day, encoding, quiet)
        finally:
            if isinstance(coder, EngineCoder):
                coder.close()
        sys.exit(status)
    stream = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
    writer = EventWriter(stream, fmt)
    articles = 0
    progress = None
    if not quiet:
        from .progress import count_articles, make_progress

        progress, task = make_progress(_stderr_console(), count_articles(inputs))
    try:
        from itertools import groupby

        stream_articles = read_inputs(inputs, default_date=day, encoding=encoding, errors=errors,
                                      exclude=[output] if output else [])
        if isinstance(coder, EngineCoder):  # issue 6: (article, events) pairs from the pool or the cluster
            groups = (events for _, events in coder.code_pairs(_counting(stream_articles), default_date=day)
                      if events)
        else:
            groups = (list(group) for _, group in groupby(coder.code_articles(_counting(stream_articles),
                                                                              default_date=day),
                                                         key=lambda e: e.doc_id))
        for group in groups:
            writer.write(group)
            while reported < len(errors):
                _report_input_error(errors[reported])
                reported += 1
            if progress is not None:
                progress.update(task, completed=_COUNT[0], events=writer.count)
        articles = _COUNT[0]
        writer.close()
    except KeyboardInterrupt:
        click.echo("interrupted: events written so far are kept", err=True)
        sys.exit(130)
    except DyadsError as exc:  # issue 6: a worker failure names its article
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    finally:
        if progress is not None:
            progress.stop()
        if output:
            stream.close()
        if isinstance(coder, EngineCoder):
            coder.close()
    for err in errors[reported:]:
        _report_input_error(err)
    skipped = [e for e in errors if not isinstance(e, InputWarning)]
    click.echo(f"coded {articles} articles, {writer.count} events; skipped {len(skipped)} inputs"
               + (f" -> {output}" if output else ""), err=True)
    sys.exit(EXIT_PARTIAL if skipped else EXIT_OK)


_COUNT = [0]


def _code_to_dir(inputs: tuple[str, ...], output_dir: str, day: dt.date | None, encoding: str | None,
                 actor_files: tuple[str, ...], pattern_files: tuple[str, ...], workers: int, scheduler: str | None,
                 quiet: bool) -> int:
    """issue 6: ``--engine dask --output-dir DIR``: the workers write partitioned JSONL; return the exit status."""
    from .ingest import read_inputs
    from .ingest.readers import InputWarning
    from .parallel import code_dask_to_jsonl

    errors: list[InputError] = []
    try:
        stats = code_dask_to_jsonl(read_inputs(inputs, default_date=day, encoding=encoding, errors=errors,
                                               exclude=[output_dir]),
                                   output_dir, scheduler=scheduler, workers=workers, default_date=day,
                                   actor_files=actor_files, pattern_files=pattern_files,
                                   on_window=None if quiet else lambda s: click.echo(
                                       f"coded {s.articles} articles, {s.events} events", err=True))
    except DyadsError as exc:
        click.echo(f"error: {exc}", err=True)
        return EXIT_ERROR
    for err in errors:
        _report_input_error(err)
    skipped = [e for e in errors if not isinstance(e, InputWarning)]
    click.echo(f"coded {stats.articles} articles, {stats.events} events in {len(stats.files)} files; skipped "
               f"{len(skipped)} inputs -> {output_dir} (into a store: dyads load {output_dir} --db PATH)", err=True)
    return EXIT_PARTIAL if skipped else EXIT_OK


def _report_input_error(err: InputError) -> None:
    """Name a skipped (or repaired) input on stderr, whatever the log level: the user must know."""
    from .ingest.readers import InputWarning

    label = "warning" if isinstance(err, InputWarning) else "skipped"
    click.echo(f"{label}: {err}", err=True)


def _counting(articles):  # type: ignore[no-untyped-def]
    _COUNT[0] = 0
    for article in articles:
        _COUNT[0] += 1
        yield article


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--show-errors", default=0, metavar="N", help="List misses and false events of N sentences.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Your own actor file laid over the shipped ones.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
def evaluate(gold: str, show_errors: int, as_json: bool, actor_files: tuple[str, ...], quiet: bool) -> None:
    """Score the coder on human-coded gold sentences (precision, recall, F1).

    Triples are (source country, target country, PLOVER type), five-way classes where the gold is CAMEO;
    for gold with actor text spans, actor words must overlap. Same figures as shared/eval/score.py.

    \b
    Examples:
      dyads evaluate ../shared/eval/petrarch2_gsr.jsonl
      dyads evaluate ../shared/eval/conflibert_dev.jsonl --show-errors 20
    """
    _setup_logging(0, quiet)
    from .evaluate import evaluate as run_evaluation
    from .evaluate import format_report
    from .pipeline import Coder

    try:
        report = run_evaluation(gold, Coder(actor_files=actor_files), show_errors=show_errors)
    except DyadsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if as_json:
        click.echo(json.dumps(report.metrics, indent=1))
    else:
        click.echo(format_report(report))


@main.command()
@click.argument("phrase")
@click.option("--date", "date_", metavar="YYYY-MM-DD", help="Date that picks an office holder's role.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Your own actor file laid over the shipped ones.")
def actor(phrase: str, date_: str | None, actor_files: tuple[str, ...]) -> None:
    """Look a name up in the actor dictionaries and print how dyads resolves it.

    \b
    Examples:
      dyads actor "John Kerry" --date 2014-09-06
      dyads actor Tehran
    """
    from .actors.dictionary import ActorDictionary, split_code

    day = _parse_day(date_)
    try:
        entry = ActorDictionary.load(tuple(actor_files)).lookup(phrase)
    except DyadsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if entry is None:
        click.echo(f"{phrase!r} is not in the actor dictionaries (add it with --actors FILE)", err=True)
        sys.exit(EXIT_ERROR)
    code_ = entry.code_on(day)
    country, sector = split_code(code_) if code_ else (None, None)
    click.echo(json.dumps({"phrase": phrase, "name": entry.name, "kind": entry.kind, "code": code_,
                           "country": country, "sector": sector, "origin": entry.origin,
                           "roles": [{"code": r.code, "start": r.start and r.start.isoformat(),
                                      "end": r.end and r.end.isoformat()} for r in entry.roles]}, indent=1))


@main.command("settings")
def settings_cmd() -> None:
    """Print every setting with its current value and the environment variable that overrides it.

    \b
    Example:
      DYADS_BATCH_SIZE=64 dyads settings
    """
    from . import settings

    for setting in settings.SETTINGS.values():
        click.echo(f"{setting.name:<16} {settings.get(setting.name)!s:<26} {setting.env:<22} {setting.help}")


from .cli_store import register as _register_store  # noqa: E402 - issue 4: query, sql, export, relations, coalitions

_register_store(main)

from .api.cli_serve import register as _register_serve  # noqa: E402 - issue 5: serve

_register_serve(main)

from .cli_report import register as _register_report  # noqa: E402 - issue 13: report

_register_report(main)

from .cli_watch import register as _register_watch  # noqa: E402 - issue 12: watch, feeds

_register_watch(main)

if __name__ == "__main__":  # pragma: no cover
    main()
