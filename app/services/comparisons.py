"""Comparisons for the service and the CLI: the engine's result as JSON or a rendering, the
cache of comparisons between stored articles, and the per-worker cache of ad-hoc ones.

JSON is built with orjson straight from the engine's dataclasses (no intermediate
dicts); a cached body is turned back into a :class:`Comparison` only when a
rendering is asked for.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from enum import StrEnum

import orjson
from pydantic import TypeAdapter
from sqlmodel import Session

from app import crud
from app.config import Settings
from app.engine import (
    ENGINE_VERSION,
    CompareOptions,
    Comparison,
    render_html,
    render_markdown,
    render_text,
)
from app.models import Article, CachedComparison
from app.services.limits import compare_within_limits

__all__ = [
    "MEDIA_TYPES",
    "OutputFormat",
    "ResultCache",
    "compare_articles",
    "etag_of",
    "from_json",
    "render",
    "request_key",
    "to_json",
]


class OutputFormat(StrEnum):
    json = "json"
    text = "text"
    html = "html"
    markdown = "markdown"


MEDIA_TYPES = {
    OutputFormat.json: "application/json",
    OutputFormat.text: "text/plain; charset=utf-8",
    OutputFormat.html: "text/html; charset=utf-8",
    OutputFormat.markdown: "text/markdown; charset=utf-8",
}

_COMPARISON = TypeAdapter(Comparison)


def to_json(result: Comparison, *, indent: bool = False) -> bytes:
    return orjson.dumps(result, option=orjson.OPT_INDENT_2 if indent else None)


def from_json(body: bytes) -> Comparison:
    return _COMPARISON.validate_json(body)


def render(result: Comparison, output: OutputFormat, *, indent: bool = False) -> bytes:
    """The result in one of the output formats, as UTF-8 bytes."""
    if output is OutputFormat.json:
        return to_json(result, indent=indent)
    renderer = {OutputFormat.text: render_text, OutputFormat.html: render_html}.get(output, render_markdown)
    return renderer(result).encode()


class ResultCache:
    """Rendered ad-hoc comparisons by :func:`request_key`, the least recently used dropped first,
    bounded by the bytes of the bodies it holds and by entries. One per application, so one per
    worker process (nothing in it is ever stale: a key names everything the answer depends on);
    used from the event loop only, so it needs no lock."""

    def __init__(self, max_bytes: int, max_entries: int = 4096) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self.size = 0
        self._bodies: OrderedDict[bytes, bytes] = OrderedDict()

    def __len__(self) -> int:
        return len(self._bodies)

    def get(self, key: bytes) -> bytes | None:
        body = self._bodies.get(key)
        if body is not None:
            self._bodies.move_to_end(key)
        return body

    def put(self, key: bytes, body: bytes) -> None:
        """Keep ``body`` (unless it alone is over the bound), dropping the oldest to make room."""
        if len(body) > self.max_bytes or self.max_entries < 1:
            return
        previous = self._bodies.pop(key, None)
        if previous is not None:
            self.size -= len(previous)
        self._bodies[key] = body
        self.size += len(body)
        while self.size > self.max_bytes or len(self._bodies) > self.max_entries:
            _, dropped = self._bodies.popitem(last=False)
            self.size -= len(dropped)


def request_key(
    base: str | Sequence[str], other: str | Sequence[str], options: CompareOptions, output: OutputFormat
) -> bytes:
    """SHA-256 of everything an ad-hoc comparison's answer depends on: the engine version, both sides
    (JSON tells a raw text from a list of sentences), the options and the output format."""
    canonical = orjson.dumps([ENGINE_VERSION, output, dataclasses.asdict(options), base, other])
    return hashlib.sha256(canonical).digest()


def etag_of(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _storable(session: Session, size: int, settings: Settings) -> bool:
    """Whether a comparison of ``size`` bytes may be cached: under WIREDIFF_STORED_COMPARISON_MAX_BYTES,
    and the cache under WIREDIFF_STORED_COMPARISONS_MAX_BYTES with it (anyone may read a pair)."""
    if size > settings.stored_comparison_max_bytes:
        return False
    return crud.cached_comparison_bytes(session=session) + size <= settings.stored_comparisons_max_bytes


def compare_articles(
    *, session: Session, base: Article, other: Article, settings: Settings
) -> CachedComparison:
    """The comparison of two stored articles under this engine version, computed once within the
    configured limits (:func:`app.api.guard.compare_within_limits`) and cached, unless it is over
    the cache's bounds (then computed again each time)."""
    assert base.id is not None and other.id is not None
    cached = crud.get_cached_comparison(
        session=session, base_id=base.id, other_id=other.id, engine_version=ENGINE_VERSION
    )
    if cached is not None:
        return cached
    result = compare_within_limits(
        (["path", "base_id"], base.text), (["path", "other_id"], other.text), settings
    )
    body = to_json(result)
    if not _storable(session, len(body), settings):
        return CachedComparison(
            base_id=base.id, other_id=other.id, engine_version=ENGINE_VERSION, body=body, etag=etag_of(body)
        )
    return crud.save_comparison(
        session=session,
        base_id=base.id,
        other_id=other.id,
        engine_version=ENGINE_VERSION,
        body=body,
        etag=etag_of(body),
    )
