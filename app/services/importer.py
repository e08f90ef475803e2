"""Importing text files and saved pages as articles, for ``wirediff import`` and ``make run``'s seeds.

A folder's ``manifest.json`` (as in ``seeds/``) gives each file's source and
publication date: ``{"documents": [{"file": "001.txt", "source": "Reuters",
"published": "2019-05-31"}, ...]}``. Files are taken in the order given, a folder's
files sorted by name, so ids come out the same on every run into an empty database.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlmodel import Session

from app.config import Settings
from app.schemas import ArticleCreate, validation_reasons
from app.services.articles import store_article
from app.services.errors import OverLimit, PageError, StoreContended
from app.services.feeds import read_rfc822
from app.services.pages import ExtractedArticle, extract_page

__all__ = ["ImportOutcome", "collect_files", "import_files", "parse_published", "read_manifest"]

#: What ``wirediff import`` reads from a folder: texts, and saved pages (their article is extracted).
SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
MANIFEST = "manifest.json"


class ManifestEntry(BaseModel):
    model_config = ConfigDict(extra="ignore")

    file: str
    source: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    author: str | None = None


@dataclass(slots=True, frozen=True)
class ImportOutcome:
    path: Path
    status: Literal["new", "existing", "rejected"]
    article_id: int | None = None
    reason: str | None = None


def collect_files(paths: list[Path]) -> list[Path]:
    """Files as given, folders expanded to their ``.txt`` and ``.html`` files (the suffix in any
    case: ``STORY.HTM`` too) sorted by name; each file once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES))
        else:
            found.append(path)
    unique: dict[Path, None] = dict.fromkeys(p.resolve() for p in found)
    return list(unique)


def read_manifest(folder: Path) -> dict[str, ManifestEntry]:
    """The folder's manifest entries by file name; empty without a manifest.

    Raises ``ValueError`` (or pydantic's ``ValidationError``) for a malformed manifest.
    """
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    loaded = json.loads(path.read_text(encoding="utf-8"))
    documents = loaded.get("documents", []) if isinstance(loaded, dict) else None
    if not isinstance(documents, list):
        raise ValueError('expected {"documents": [...]}')
    entries = [ManifestEntry.model_validate(document) for document in documents]
    return {entry.file: entry for entry in entries}


_PARTIAL_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


def parse_published(value: str | None) -> datetime | None:
    """An ISO 8601 date or date-time, or an RFC 822 one as feeds give it (its zone named: "EST",
    "CEST"; read by :func:`~app.services.feeds.read_rfc822`, so a zone it does not know, "IST",
    or another form, "May 31, 2019 11:30 PM", is no date); a leading ``YYYY-MM`` is taken as the
    first of that month.

    >>> parse_published("2019-05-31")
    datetime.datetime(2019, 5, 31, 0, 0, tzinfo=datetime.timezone.utc)
    >>> parse_published("Fri, 31 May 2019 23:30:00 EST").isoformat()
    '2019-06-01T04:30:00+00:00'
    >>> parse_published("2020-02 (approx.)")
    datetime.datetime(2020, 2, 1, 0, 0, tzinfo=datetime.timezone.utc)
    >>> [parse_published(value) for value in ("spring", "Fri, 31 May 2019 23:30:00 IST")]
    [None, None]
    """
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        rfc822 = read_rfc822(value)
        if rfc822 is not None:
            return rfc822
        match = _PARTIAL_DATE.match(value.strip())
        if match is None:
            return None
        year, month, day = match.groups()
        try:
            parsed = datetime(int(year), int(month), int(day or 1))
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def import_files(
    *, session: Session, files: list[Path], settings: Settings, default_source: str | None = None
) -> Iterator[ImportOutcome]:
    """Each file stored as an article (new), found already stored (existing), or refused with a
    reason (rejected), in order."""
    manifests: dict[Path, dict[str, ManifestEntry] | str] = {}
    for path in files:
        if path.parent not in manifests:
            try:
                manifests[path.parent] = read_manifest(path.parent)
            except ValueError as error:  # pydantic's ValidationError is a ValueError too
                manifests[path.parent] = f"invalid {MANIFEST}: {error}"
        manifest = manifests[path.parent]
        if isinstance(manifest, str):
            yield ImportOutcome(path, "rejected", reason=manifest)
            continue
        yield _import_file(session, path, manifest.get(path.name), settings, default_source)


def _import_file(
    session: Session,
    path: Path,
    entry: ManifestEntry | None,
    settings: Settings,
    default_source: str | None,
) -> ImportOutcome:
    source = (entry.source if entry else None) or default_source
    if not source:
        return ImportOutcome(path, "rejected", reason=f"no source: add it to {MANIFEST} or pass --source")
    published = parse_published(entry.published if entry else None)
    if entry and entry.published and published is None:
        # a date given and unread would store the article undated, or dated by its page: wrong
        # for its origin and pickups, and silent
        reason = f"{MANIFEST}: cannot read {entry.published!r} as a date"
        return ImportOutcome(path, "rejected", reason=reason)
    read = _read_article(path, settings)
    if isinstance(read, str):
        return ImportOutcome(path, "rejected", reason=read)
    text, page = read
    try:
        article_in = ArticleCreate.model_validate(
            {
                "source": source,
                "text": text,
                # the manifest wins over what a page says of itself
                "title": (entry.title if entry else None) or (page.title if page else None),
                "url": entry.url if entry else None,
                "published_at": published or (page.published_at if page else None),
                "author": (entry.author if entry else None) or (page.author if page else None),
            }
        )
    except ValidationError as error:
        return ImportOutcome(path, "rejected", reason=validation_reasons(error))
    try:
        article, created = store_article(
            session=session,
            article_in=article_in,
            settings=settings,
            language=page.language if page else None,
        )
    except OverLimit as refusal:  # the limits every stored article is held to, so that it stays comparable
        return ImportOutcome(path, "rejected", reason="; ".join(issue.detail for issue in refusal.issues))
    except StoreContended as refusal:  # one file lost to other writers; the rest are still imported
        return ImportOutcome(path, "rejected", reason=refusal.detail)
    return ImportOutcome(path, "new" if created else "existing", article_id=article.id)


def _read_article(path: Path, settings: Settings) -> tuple[str, ExtractedArticle | None] | str:
    """A text file's text, or a saved page's extracted article; a reason when neither can be had."""
    try:
        if path.suffix.lower() not in HTML_SUFFIXES:
            return path.read_text(encoding="utf-8"), None
        if path.stat().st_size > settings.fetch_max_bytes:
            return f"over the limit of {settings.fetch_max_bytes} bytes (WIREDIFF_FETCH_MAX_BYTES)"
        page = extract_page(path.read_bytes(), timeout_seconds=settings.extract_timeout_seconds)
    except UnicodeDecodeError:
        return "not UTF-8 text"
    except OSError as error:
        return error.strerror or str(error)
    except PageError as error:
        return error.detail
    return page.text, page
