"""Outlet profiles: how an outlet treats the wire, from its pickups (:mod:`app.services.pickups`),
over a range of dates and optionally a topic; a wire story's pickups on a timeline; and their
exports as CSV and JSON.

Every figure is an SQL aggregate over the pickups' columns (:mod:`app.crud`, indexed by outlet
and date): a profile never runs a comparison again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel
from sqlmodel import Session

from app import crud
from app.crud import PickupFilter
from app.models import Pickup
from app.schemas import (
    AgencyCount,
    ArticleInfo,
    DelayBin,
    OutletProfile,
    OutletsPublic,
    OutletSummary,
    PickupLink,
    ProfileFigures,
    StoryPickup,
    StoryPickups,
    TermCount,
    WeekFigures,
    search_terms,
    source_name,
)
from app.services.comparisons import stored_article
from app.services.errors import DomainError
from app.services.related import comparison_url

__all__ = [
    "DELAY_EDGES",
    "PROFILE_TABLES",
    "TOP_TERMS",
    "ExportFormat",
    "csv_cell",
    "list_outlets",
    "outlet_profile",
    "outlets_table",
    "profile_table",
    "profile_url",
    "render_csv",
    "story_pickups",
    "story_table",
]

#: Substitutions and reporting-verb changes shown in a profile, the most frequent first.
TOP_TERMS = 10
HOUR = 3600.0
#: The delay distribution's bin edges, in seconds: under an hour, 1-3 h, 3-6 h, 6-12 h, 12-24 h,
#: one to two days, two days and more.
DELAY_EDGES = (HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR, 48 * HOUR)


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"


def profile_url(source: str) -> str:
    return f"/v1/outlets/{quote(source, safe='')}/profile"


def list_outlets(*, session: Session) -> OutletsPublic:
    """Every outlet with a pickup, by name, with how many and when the first and last were found."""
    data = [
        OutletSummary(
            source=source, pickups=n, first_found_at=first, last_found_at=last, profile=profile_url(source)
        )
        for source, n, first, last in crud.list_outlets(session=session)
    ]
    return OutletsPublic(data=data, count=len(data))


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


#: The weekly sums that add up to the range's.
_ADDED_UP = (
    "pickups",
    "wire_sentences",
    "kept",
    "reworded",
    "dropped",
    "quotes_intact",
    "quotes_altered",
    "quotes_missing",
    "figures_changed",
    "credit_dropped",
    "wire_credited",
    "delays",
)


def _figures(sums: dict[str, Any], delays: Sequence[float | None]) -> dict[str, Any]:
    pickups = int(sums["pickups"])
    wire = int(sums["wire_sentences"])
    dropped_credit = int(sums["credit_dropped"])
    # a credit is kept only where the wire's text gave one: a copy of an uncredited wire text
    # keeps nothing (a credit is dropped only where there was one, so these are among them)
    credited = int(sums["wire_credited"])
    return {
        "pickups": pickups,
        "wire_sentences": wire,
        "kept": int(sums["kept"]),
        "reworded": int(sums["reworded"]),
        "dropped": int(sums["dropped"]),
        "kept_share": _share(int(sums["kept"]), wire),
        "reworded_share": _share(int(sums["reworded"]), wire),
        "dropped_share": _share(int(sums["dropped"]), wire),
        "own_share": round(float(sums["own_share"]) / pickups, 4) if pickups else None,
        "credit_kept": credited - dropped_credit,
        "credit_dropped": dropped_credit,
        "credit_dropped_share": _share(dropped_credit, credited),
        "quotes_intact": int(sums["quotes_intact"]),
        "quotes_altered": int(sums["quotes_altered"]),
        "quotes_missing": int(sums["quotes_missing"]),
        "figures_changed": int(sums["figures_changed"]),
        "delays": int(sums["delays"]),
        "median_delay_seconds": delays[0],
        "p90_delay_seconds": delays[1],
    }


def _hours(seconds: float) -> str:
    return f"{seconds / HOUR:g} h" if seconds < 24 * HOUR else f"{seconds / (24 * HOUR):g} d"


def _delay_bins(counts: Sequence[int]) -> list[DelayBin]:
    bounds = [None, *DELAY_EDGES, None]
    bins = []
    for index, n in enumerate(counts):
        low, high = bounds[index], bounds[index + 1]
        if low is None:
            label = f"under {_hours(high or 0)}"
        elif high is None:
            label = f"{_hours(low)} or more"
        else:
            label = f"{_hours(low)} to {_hours(high)}"
        bins.append(DelayBin(label=label, from_seconds=low, to_seconds=high, pickups=n))
    return bins


def _terms(session: Session, where: PickupFilter, kind: str) -> list[TermCount]:
    found = crud.top_pickup_terms(session=session, where=where, kind=kind, limit=TOP_TERMS)
    examples = crud.get_pickups(session=session, pickup_ids=[example for *_, example in found])
    return [
        TermCount(base=base, other=other, count=n, pickups=pickups, example=_link(examples[example]))
        for base, other, n, pickups, example in found
    ]


def _link(pickup: Pickup) -> PickupLink:
    assert pickup.id is not None
    return PickupLink(
        pickup_id=pickup.id,
        outlet_article_id=pickup.outlet_article_id,
        wire_article_id=pickup.wire_article_id,
        comparison=comparison_url(pickup.wire_article_id, pickup.outlet_article_id),
    )


def outlet_profile(
    *,
    session: Session,
    source: str,
    since: datetime | None = None,
    until: datetime | None = None,
    q: str | None = None,
) -> OutletProfile:
    """How ``source`` treated the wire stories it picked up, found at or after ``since`` and
    before ``until``, whose title or text holds every word of ``q`` (as a word or a word's start,
    through the articles' full-text index; its words as the articles' search reads them,
    :func:`app.schemas.search_terms`: none, a blank ``q``, is no topic): in all and week by week.
    ``source`` is read as a stored one is (:func:`app.schemas.source_name`). An outlet
    with no such pickup has a profile of zeros. A range that ends before it starts is refused
    (:class:`~app.services.errors.DomainError`)."""
    if since is not None and until is not None and until <= since:
        raise DomainError('"until" must be after "since"')
    source = source_name(source)
    words = tuple(search_terms(q or ""))
    where = crud.with_topic_pickups(
        session=session, where=PickupFilter(source=source, since=since, until=until, words=words)
    )
    fractions = (0.5, 0.9)
    # A topic is matched once per statement (through the articles' full-text index): its delay
    # bins are counted with the weekly sums. Otherwise they are counted apart, from the index by
    # delay, a fraction of what they cost per week.
    weekly = crud.weekly_pickup_sums(session=session, where=where, delay_edges=DELAY_EDGES if words else ())
    none: list[float | None] = [None, None]
    # every figure is a count or a sum: the range's are its weeks' added up
    total: dict[str, Any] = {name: sum(row[name] for row in weekly) for name in (*_ADDED_UP, "own_share")}
    known: dict[date | None, int] = {None: total["delays"]} | {row["week"]: row["delays"] for row in weekly}
    delays = crud.delay_percentiles(session=session, where=where, fractions=fractions, known=known)
    if words:
        bins = [sum(row["delay_bins"][index] for row in weekly) for index in range(len(DELAY_EDGES) + 1)]
    else:
        bins = crud.delay_bin_counts(session=session, where=where, delay_edges=DELAY_EDGES)
    return OutletProfile(
        source=source,
        since=since,
        until=until,
        q=" ".join(words) or None,
        figures=ProfileFigures(**_figures(total, delays[None])),
        agencies=[
            AgencyCount(agency=agency, pickups=n)
            for agency, n in crud.pickup_agencies(session=session, where=where)
        ],
        delay_distribution=_delay_bins(bins),
        substitutions=_terms(session, where, "substitution"),
        reporting_verbs=_terms(session, where, "reporting_verb"),
        weeks=[
            WeekFigures(week=row["week"], **_figures(row, delays.get(row["week"], none))) for row in weekly
        ],
    )


def story_pickups(*, session: Session, wire_id: int) -> StoryPickups:
    """One wire story and every outlet that ran it, the earliest published first.

    Raises :class:`app.services.errors.ArticleNotFound` when there is no such article."""
    wire = stored_article(session, wire_id)
    pickups = crud.list_pickups_of_wire(session=session, wire_article_id=wire_id)
    ids = [p.id for p in pickups if p.id is not None]
    terms = crud.terms_of_pickups(session=session, pickup_ids=ids)
    outlets = crud.get_articles(session=session, article_ids=[p.outlet_article_id for p in pickups])
    data = []
    for pickup in pickups:
        assert pickup.id is not None
        if pickup.outlet_article_id not in outlets:
            continue  # deleted meanwhile
        words = {
            kind: [f"{t.base} -> {t.other}" for t in terms[pickup.id] if t.kind == kind]
            for kind in ("substitution", "reporting_verb")
        }
        data.append(
            StoryPickup(
                pickup_id=pickup.id,
                article=ArticleInfo.model_validate(outlets[pickup.outlet_article_id]),
                verdict=pickup.verdict,
                probability=pickup.probability,
                found_at=pickup.found_at,
                delay_seconds=pickup.delay_seconds,
                kept=pickup.kept,
                reworded=pickup.reworded,
                dropped=pickup.dropped,
                added=pickup.added,
                own_share=pickup.own_share,
                credit_dropped=pickup.credit_dropped,
                quotes_altered=pickup.quotes_altered,
                quotes_missing=pickup.quotes_missing,
                figures_changed=pickup.figures_changed,
                substitutions=words["substitution"],
                reporting_verbs=words["reporting_verb"],
                findings=pickup.findings,
                comparison=comparison_url(wire_id, pickup.outlet_article_id),
            )
        )
    others = "&".join(f"other={item.article.id}" for item in data)
    return StoryPickups(
        wire=ArticleInfo.model_validate(wire),
        data=data,
        count=len(data),
        coverage=f"/ui/articles/{wire_id}/coverage" + (f"?{others}" if others else ""),
    )


# --- exports ----------------------------------------------------------------------------------

#: A profile's tables, each one CSV: the figures week by week (the whole range first, week
#: "all"), the agencies, the delay distribution, the substitutions, the reporting verbs.
PROFILE_TABLES = ("weeks", "agencies", "delays", "substitutions", "reporting_verbs")

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A value for a spreadsheet cell: text a spreadsheet would run as a formula (starting with
    = + - @, a tab or a carriage return) gets a leading apostrophe; None is empty.

    >>> csv_cell("=HYPERLINK(1)"), csv_cell(-1.5), csv_cell(None), csv_cell("rebels")
    ("'=HYPERLINK(1)", '-1.5', '', 'rebels')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    return str(value)  # numbers stay numbers: a minus sign there is no formula


def render_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """RFC 4180 (CRLF line ends, quoted where needed), every cell through :func:`csv_cell`."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(name) for name in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return out.getvalue()


def _model_rows(header: Sequence[str], items: Iterable[BaseModel]) -> list[list[object]]:
    return [[item.model_dump().get(name) for name in header] for item in items]


def profile_table(profile: OutletProfile, table: str) -> tuple[list[str], list[list[object]]]:
    """One of :data:`PROFILE_TABLES` as a header and rows."""
    if table == "weeks":
        header = ["week", *ProfileFigures.model_fields]
        rows: list[list[object]] = [["all", *_model_rows(header[1:], [profile.figures])[0]]]
        rows += [[week.week.isoformat(), *_model_rows(header[1:], [week])[0]] for week in profile.weeks]
        return header, rows
    if table == "agencies":
        header = ["agency", "pickups"]
        return header, _model_rows(header, profile.agencies)
    if table == "delays":
        header = list(DelayBin.model_fields)
        return header, _model_rows(header, profile.delay_distribution)
    if table in ("substitutions", "reporting_verbs"):
        header = ["base", "other", "count", "pickups", "example"]
        terms: list[TermCount] = getattr(profile, table)
        return header, [[t.base, t.other, t.count, t.pickups, t.example.comparison] for t in terms]
    raise ValueError(f"table must be one of {', '.join(PROFILE_TABLES)}")


def outlets_table(outlets: OutletsPublic) -> tuple[list[str], list[list[object]]]:
    header = ["source", "pickups", "first_found_at", "last_found_at"]
    return header, [
        [o.source, o.pickups, o.first_found_at.isoformat(), o.last_found_at.isoformat()] for o in outlets.data
    ]


def story_table(story: StoryPickups) -> tuple[list[str], list[list[object]]]:
    """A wire story's pickups, one row each, as on the timeline."""
    header = [
        "outlet",
        "article_id",
        "published_at",
        "delay_seconds",
        "verdict",
        "kept",
        "reworded",
        "dropped",
        "added",
        "own_share",
        "credit_dropped",
        "quotes_altered",
        "quotes_missing",
        "figures_changed",
        "substitutions",
        "reporting_verbs",
        "comparison",
    ]
    rows: list[list[object]] = [
        [
            p.article.source,
            p.article.id,
            p.article.published_at.isoformat() if p.article.published_at else None,
            p.delay_seconds,
            p.verdict,
            p.kept,
            p.reworded,
            p.dropped,
            p.added,
            p.own_share,
            p.credit_dropped,
            p.quotes_altered,
            p.quotes_missing,
            p.figures_changed,
            "; ".join(p.substitutions),
            "; ".join(p.reporting_verbs),
            p.comparison,
        ]
        for p in story.data
    ]
    return header, rows
