"""Pickups: an outlet article that derives from a stored wire story, as the pickup decision
(:func:`app.engine.pickup.decide_pickup`) judges it.

:func:`pickup_wire` finds the wire story a stored article is a pickup of, from its origin
(:func:`app.services.related.origin_of`): the watcher and :func:`backfill` both ask it, so alerts,
profiles and ``/related`` count the same pickups. :func:`record_pickup` stores one from the
engine's comparison (wire as base), copying out the figures outlet profiles aggregate over
(:mod:`app.services.outlets`), so that a profile is SQL over columns and never a comparison run
again. :func:`backfill` records the pickups of stored articles, for a store filled before
anything watched the wires.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import orjson
from sqlmodel import Session

from app import crud
from app.config import Settings
from app.engine import (
    NOT_QUOTED,
    QUOTED_AS_SAID,
    QUOTES_ALTERED,
    Comparison,
    ComparisonTimeoutError,
    find_credits,
)
from app.models import Article, Pickup, clip
from app.services.comparisons import compare_many, from_json
from app.services.errors import OverLimit
from app.services.related import origin_of

__all__ = [
    "TERM_MAX_CHARS",
    "BackfillProgress",
    "PickupFigures",
    "backfill",
    "pickup_figures",
    "pickup_wire",
    "pickups_of_wire",
    "record_pickup",
    "week_of",
]

#: The width of a term's words in ``pickup_term`` (longer ones are cut, an ellipsis last).
TERM_MAX_CHARS = 200


@dataclass(frozen=True, slots=True)
class PickupFigures:
    """What a pickup row copies from a comparison (wire as base). Sentence counts are of body
    sentences: the wire's ``kept + reworded + dropped == wire_sentences``."""

    wire_sentences: int
    kept: int
    reworded: int
    dropped: int
    other_sentences: int
    added: int
    base_retained: float
    own_share: float
    #: whether the wire's text credits an agency (a credit there to keep or drop)
    wire_credited: bool
    credit_dropped: bool
    quotes_intact: int
    quotes_altered: int
    quotes_missing: int
    figures_changed: int
    findings: list[Any]
    #: (kind, base, other, count): "substitution" or "reporting_verb"
    terms: list[tuple[str, str, str, int]]


def _field(item: Any, name: str, default: Any = None) -> Any:
    """A field of an engine dataclass, or of its JSON form."""
    return item.get(name, default) if isinstance(item, dict) else getattr(item, name, default)


def _plain(item: Any) -> Any:
    """An engine finding as JSON-ready data."""
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    if hasattr(item, "model_dump"):
        return item.model_dump(mode="json")
    return orjson.loads(orjson.dumps(item))


def _verb_changes(comparison: Comparison) -> list[tuple[str, str, str, int]]:
    """Reporting verbs the outlet changed ("said" -> "claimed"). ``reporting_verbs`` comes with a
    newer engine; a comparison without it has none."""
    changes = []
    for item in getattr(comparison, "reporting_verbs", None) or []:
        base, other = _field(item, "base"), _field(item, "other")
        if base and other and base != other:
            changes.append(("reporting_verb", base, other, int(_field(item, "count", 1) or 1)))
    return changes


def pickup_figures(comparison: Comparison) -> PickupFigures:
    """The figures of a comparison, wire as base, that a pickup row keeps.

    >>> from app.engine import compare
    >>> figures = pickup_figures(compare("Rebels fired on Friday. Two died.", "Militants fired on Friday."))
    >>> figures.wire_sentences, figures.reworded, figures.dropped, figures.terms
    (2, 1, 1, [('substitution', 'Rebels', 'Militants', 1)])
    """
    wire_body = {s.index for s in comparison.base.sentences if s.role == "body"}
    outlet_body = {s.index for s in comparison.other.sentences if s.role == "body"}
    ops = {"kept": 0, "reworded": 0, "dropped": 0}
    added = 0
    for group in comparison.alignment:
        if group.op in ops:
            ops[group.op] += sum(1 for i in group.base if i in wire_body)
        else:
            added += sum(1 for j in group.other if j in outlet_body)
    statuses = [quote.status for quote in comparison.quotes]
    terms = [("substitution", s.base, s.other, s.count) for s in comparison.substitutions]
    return PickupFigures(
        wire_sentences=len(wire_body),
        kept=ops["kept"],
        reworded=ops["reworded"],
        dropped=ops["dropped"],
        other_sentences=len(outlet_body),
        added=added,
        base_retained=comparison.summary.base_retained,
        own_share=round(1.0 - comparison.summary.other_from_base, 4),
        wire_credited=bool(comparison.attribution.base_credits),
        credit_dropped=comparison.attribution.credit_dropped,
        quotes_intact=sum(status in QUOTED_AS_SAID for status in statuses),
        quotes_altered=sum(status in QUOTES_ALTERED for status in statuses),
        quotes_missing=sum(status in NOT_QUOTED for status in statuses),
        figures_changed=sum(1 for number in comparison.numbers if number.status == "changed"),
        # ``findings`` comes with a newer engine; a comparison without it has none
        findings=[_plain(finding) for finding in getattr(comparison, "findings", None) or []],
        terms=[
            (kind, clip(base, TERM_MAX_CHARS) or "", clip(other, TERM_MAX_CHARS) or "", count)
            for kind, base, other, count in terms + _verb_changes(comparison)
        ],
    )


def _probability(comparison: Comparison) -> float | None:
    """The judgement's probability of copy or derived, when the engine gives one (``judgement``,
    newer engines): the pickup decision's strongest evidence (``judged_pickup``)."""
    probabilities = _field(getattr(comparison, "judgement", None), "probabilities")
    if probabilities is None:
        return None
    return round(float(_field(probabilities, "copy", 0.0)) + float(_field(probabilities, "derived", 0.0)), 4)


def _wire_agency(wire: Article, comparison: Comparison) -> str | None:
    """The agency the wire story is credited to: the one its source names ("Reuters"), else the
    first its text credits."""
    named = find_credits(wire.source, boilerplate=True)
    credited = named or comparison.attribution.base_credits
    return credited[0] if credited else None


def week_of(moment: datetime) -> date:
    """The Monday of ``moment``'s week, in UTC (naive is UTC).

    >>> week_of(datetime(2026, 1, 11, 23, 30, tzinfo=UTC)), week_of(datetime(2026, 1, 12, tzinfo=UTC))
    (datetime.date(2026, 1, 5), datetime.date(2026, 1, 12))
    """
    day = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).date()
    return day - timedelta(days=day.weekday())


def record_pickup(
    session: Session, *, outlet: Article, wire: Article, comparison: Comparison, found_at: datetime
) -> Pickup:
    """Store that ``outlet`` derives from ``wire`` (``comparison``: wire as base), or update the
    stored row for that pair: the same pair is always one row, its terms replaced."""
    assert outlet.id is not None and wire.id is not None
    figures = pickup_figures(comparison)
    delay = (
        (outlet.published_at - wire.published_at).total_seconds()
        if outlet.published_at is not None and wire.published_at is not None
        else None
    )
    values: dict[str, Any] = {
        "outlet_article_id": outlet.id,
        "wire_article_id": wire.id,
        "outlet_source": outlet.source,
        "wire_source": wire.source,
        "wire_agency": _wire_agency(wire, comparison),
        "verdict": comparison.verdict,
        "probability": _probability(comparison),
        "found_at": found_at,
        "found_week": week_of(found_at),
        "outlet_published_at": outlet.published_at,
        "wire_published_at": wire.published_at,
        "delay_seconds": delay,
        **{
            field.name: getattr(figures, field.name)
            for field in dataclasses.fields(figures)
            if field.name != "terms"
        },
    }
    return crud.save_pickup(session=session, values=values, terms=figures.terms)


def pickup_wire(session: Session, article: Article, settings: Settings) -> Article | None:
    """The stored story of another source that ``article`` is a pickup of, in the order its origin
    ranks them (:func:`~app.services.related.origin_of`): the first a wire agency published (its
    source names one: "Reuters", "PA"), else the first; None when it is a pickup of nothing
    stored. Papers that rewrite one agency story are often closer to each other than to the
    agency's text, so the origin may be another paper; the agency's story is still the wire.
    When the article is its own origin (an agency's story beside a copy published at the same
    time or undated; one of two papers of the same hour) or comes from its own outlet's earlier
    text (an update, a correction), only an agency's story can be its wire: what it shares with
    another outlet's copy of its own text is not a pickup of theirs."""
    assert article.id is not None
    origin = origin_of(session=session, article_id=article.id, settings=settings)
    own_text = origin.is_original or origin.origin.source == article.source
    stored = crud.get_articles(session=session, article_ids=origin.derives_from)
    others = [
        candidate
        for candidate_id in origin.derives_from
        if (candidate := stored.get(candidate_id)) is not None and candidate.source != article.source
    ]
    agencies = [candidate for candidate in others if find_credits(candidate.source, boilerplate=True)]
    chosen = agencies if agencies or own_text else others
    return chosen[0] if chosen else None


def pickups_of_wire(session: Session, wire_id: int) -> list[Pickup]:
    """Every pickup of a wire story, the earliest published first (then the first found)."""
    return crud.list_pickups_of_wire(session=session, wire_article_id=wire_id)


@dataclass(frozen=True, slots=True)
class BackfillProgress:
    articles: int  # looked at so far
    pickups: int  # recorded so far
    over_limits: int = 0  # left as they were: a comparison over the sentence or time limits


def backfill(
    session: Session, *, settings: Settings, batch: int = 100, sources: Iterable[str] | None = None
) -> Iterator[BackfillProgress]:
    """Record a pickup for every stored article that is a pickup of a stored story of another
    source (:func:`pickup_wire`), within ``settings``' limits; yields the progress after each
    batch.

    ``found_at`` is the article's publication time (else when it was stored): the time it came to
    be known, on which profiles are dated. Running it again updates the same rows, and deletes the
    pickups recorded for an article that is now a pickup of another story or of none (stories
    stored since, or an engine that judges otherwise). ``sources``: only articles of these outlets.
    """
    wanted = set(sources) if sources is not None else None
    last_id = looked = recorded = over_limits = 0
    while ids := crud.article_ids_after(session=session, after_id=last_id, limit=batch, sources=wanted):
        for article_id in ids:
            outlet = crud.get_article(session=session, article_id=article_id)
            if outlet is None:
                continue  # deleted meanwhile
            try:
                wire = pickup_wire(session, outlet, settings)
                if wire is None:
                    crud.forget_pickups(session=session, outlet_article_id=article_id)
                    continue
                stored = compare_many(session=session, base=wire, others=[outlet], settings=settings)
            except (ComparisonTimeoutError, OverLimit):
                # one article too long or too slow to compare keeps what was recorded of it, and
                # the others are still looked at
                over_limits += 1
                continue
            found_at = outlet.published_at or outlet.created_at
            pickup = record_pickup(
                session,
                outlet=outlet,
                wire=wire,
                comparison=from_json(stored[article_id].body),
                found_at=found_at,
            )
            recorded += pickup.id is not None  # unsaved: one of the two was deleted meanwhile
        looked += len(ids)
        last_id = ids[-1]
        session.expunge_all()
        yield BackfillProgress(articles=looked, pickups=recorded, over_limits=over_limits)
