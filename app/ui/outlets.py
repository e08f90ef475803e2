"""Outlet pages: the outlets, one outlet's profile with charts, two or more side by side, and a
wire story's pickups on a timeline. Figures from :mod:`app.services.outlets`, charts from
:mod:`app.ui.charts`."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from app.api.deps import SessionDep
from app.schemas import OutletProfile, ProfileFigures, StorableText
from app.services.outlets import PROFILE_TABLES, list_outlets, outlet_profile, story_pickups
from app.ui.charts import Bar, Stack, horizontal_bars, stacked_columns
from app.ui.pages import get_article, not_found, render_page

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

#: Outlets side by side, at most.
MAX_SIDE_BY_SIDE = 6
SHARES = ("kept", "reworded", "dropped")


def _day(value: str, field: str, errors: list[str]) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        errors.append(f"“{field}” must be a date (YYYY-MM-DD).")
        return None


def _range(since: str, until: str, errors: list[str]) -> tuple[datetime | None, datetime | None]:
    """From a day (inclusive) until a day (inclusive), as the profile's [since, until)."""
    first = _day(since, "From", errors)
    last = _day(until, "Until", errors)
    if first and last and last < first:
        errors.append("“Until” must not be before “From”.")
        return None, None
    return (
        datetime.combine(first, time.min, UTC) if first else None,
        datetime.combine(last + timedelta(days=1), time.min, UTC) if last else None,
    )


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _hours(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds / 3600:.1f} h"


def _parts(figures: ProfileFigures) -> list[tuple[str, float]]:
    return [(op, getattr(figures, f"{op}_share") or 0.0) for op in SHARES]


def _delay_bar(profile: OutletProfile) -> Bar:
    median = profile.figures.median_delay_seconds
    return Bar(profile.source, (median or 0) / 3600, _hours(median))


def _charts(profile: OutletProfile, prefix: str) -> dict[str, Markup]:
    name = profile.source
    weeks = [
        Stack(w.week.isoformat(), [(op, getattr(w, f"{op}_share") or 0.0) for op in SHARES])
        for w in profile.weeks
    ]
    return {
        "shares": stacked_columns(
            f"{prefix}-shares",
            f"{name}: wire sentences kept, reworded and dropped, week by week",
            "One column per week; the figures are in the table of weeks.",
            weeks,
            SHARES,
        ),
        "delays": horizontal_bars(
            f"{prefix}-delays",
            f"{name}: how long after the wire story it ran",
            "Pickups per delay range; the figures are in the table beside.",
            [Bar(b.label, b.pickups, str(b.pickups)) for b in profile.delay_distribution],
        ),
        "substitutions": horizontal_bars(
            f"{prefix}-substitutions",
            f"{name}: words put in place of the wire's",
            "Times each substitution was made; the figures are in the table beside.",
            [Bar(f"{t.base} → {t.other}", t.count, str(t.count)) for t in profile.substitutions],
        ),
    }


@router.get("/outlets")
def outlets_page(request: Request, session: SessionDep) -> Response:
    outlets = list_outlets(session=session)
    return render_page(
        request, "outlets.html", {"title": "Outlets", "outlets": outlets, "most": MAX_SIDE_BY_SIDE}
    )


@router.get("/outlets/compare")
def side_by_side_page(
    request: Request,
    session: SessionDep,
    source: Annotated[list[StorableText] | None, Query(max_length=MAX_SIDE_BY_SIDE)] = None,
    since: str = "",
    until: str = "",
) -> Response:
    """Two or more outlets' profiles side by side over the same dates."""
    errors: list[str] = []
    chosen = list(dict.fromkeys(s for s in source or [] if s.strip()))
    if len(chosen) < 2:
        errors.append("Choose two or more outlets.")
    first, last = _range(since, until, errors)
    profiles = [outlet_profile(session=session, source=s, since=first, until=last) for s in chosen]
    shares = stacked_columns(
        "side-shares",
        "Wire sentences kept, reworded and dropped, by outlet",
        "One column per outlet; the figures are in the table.",
        [
            Stack(p.source, [(op, getattr(p.figures, f"{op}_share") or 0.0) for op in SHARES])
            for p in profiles
        ],
        SHARES,
    )
    delays = horizontal_bars(
        "side-delays",
        "Median delay after the wire story, by outlet",
        "Hours; the figures are in the table.",
        [
            Bar(
                p.source, (p.figures.median_delay_seconds or 0) / 3600, _hours(p.figures.median_delay_seconds)
            )
            for p in profiles
        ],
    )
    return render_page(
        request,
        "outlets_compare.html",
        {
            "title": "Outlets side by side",
            "errors": errors,
            "profiles": profiles,
            "charts": {"shares": shares, "delays": delays},
            "filters": {"since": since, "until": until},
            "share": _share,
            "hours": _hours,
        },
        status_code=422 if errors else 200,
    )


@router.get("/outlets/{source:path}")
def profile_page(
    request: Request,
    session: SessionDep,
    source: str,
    since: str = "",
    until: str = "",
    q: Annotated[StorableText, Query(max_length=200)] = "",
) -> Response:
    if len(source) > 200 or "\x00" in source:  # never a source: the API's bounds
        return not_found(request, "No such outlet")
    errors: list[str] = []
    first, last = _range(since, until, errors)
    profile = outlet_profile(session=session, source=source, since=first, until=last, q=q.strip() or None)
    params: dict[str, Any] = {
        key: value.isoformat().replace("+00:00", "Z")
        for key, value in (("since", first), ("until", last))
        if value is not None
    }
    if q.strip():
        params["q"] = q.strip()
    api = f"/v1/outlets/{quote(source, safe='')}/profile"
    exports = {"JSON": f"{api}?{urlencode(params)}" if params else api} | {
        f"CSV: {table.replace('_', ' ')}": f"{api}?{urlencode(params | {'format': 'csv', 'table': table})}"
        for table in PROFILE_TABLES
    }
    return render_page(
        request,
        "outlet.html",
        {
            "title": f"Profile of {source}",
            "errors": errors,
            "profile": profile,
            "charts": _charts(profile, "profile"),
            "filters": {"since": since, "until": until, "q": q},
            "exports": exports,
            "share": _share,
            "hours": _hours,
        },
        status_code=422 if errors else 200,
    )


#: The story page, followed (``?follow=true``), reloads itself this often: pickups found by the
#: watcher arrive as it is read. Only when asked: a page that reloads on its own loses a reader's
#: place (WCAG 2.2.1).
STORY_REFRESH_SECONDS = 30


@router.get("/articles/{article_id}/pickups")
def story_page(request: Request, session: SessionDep, article_id: int, follow: bool = False) -> Response:
    """A wire story and every outlet that ran it, on a timeline; ``?follow=true`` reloads it."""
    if get_article(session, article_id) is None:
        return not_found(request, f"Article {article_id} not found")
    story = story_pickups(session=session, wire_id=article_id)
    return render_page(
        request,
        "story.html",
        {
            "title": f"Who ran {story.wire.source} ({article_id})",
            "story": story,
            "hours": _hours,
            "refresh": STORY_REFRESH_SECONDS if follow else None,
            "follow_seconds": STORY_REFRESH_SECONDS,
        },
    )
