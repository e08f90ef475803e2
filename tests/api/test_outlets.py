"""GET /v1/outlets, /v1/outlets/{source}/profile and /v1/articles/{id}/pickups over a store filled
by benchmarks.profiles: eight Reuters stories, one a day from Monday 2026-01-05 06:00, each picked
up by four outlets with planted behaviours. The profiles must report exactly those."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.config import Settings
from app.engine import compare
from app.models import Article, Pickup
from app.schemas import ArticleCreate
from app.services.articles import store_article
from app.services.pickups import record_pickup
from benchmarks.profiles import OUTLETS, fill, fill_bulk, wire_story

STORIES = 8


@pytest.fixture
def planted(client: TestClient, session: Session) -> TestClient:
    fill(session, stories=STORIES)
    return client


def profile(client: TestClient, source: str, **params: str) -> dict[str, Any]:
    response = client.get(f"/v1/outlets/{source}/profile", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


class TestListOutlets:
    def test_every_outlet_with_its_pickups(self, planted: TestClient) -> None:
        response = planted.get("/v1/outlets")
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 4
        assert [
            (o["source"], o["pickups"], o["first_found_at"], o["last_found_at"]) for o in body["data"]
        ] == [
            ("Credit Dropper", 8, "2026-01-05T09:00:00Z", "2026-01-12T09:00:00Z"),
            ("Credit Keeper", 8, "2026-01-05T08:00:00Z", "2026-01-12T08:00:00Z"),
            ("Militant Times", 8, "2026-01-05T07:00:00Z", "2026-01-12T07:00:00Z"),
            ("Next Day Herald", 8, "2026-01-06T06:00:00Z", "2026-01-13T06:00:00Z"),
        ]
        assert body["data"][3]["profile"] == "/v1/outlets/Next%20Day%20Herald/profile"

    def test_none_before_any_pickup(self, client: TestClient) -> None:
        response = client.get("/v1/outlets")
        assert response.status_code == 200
        assert response.json() == {"data": [], "count": 0}

    def test_as_csv(self, planted: TestClient) -> None:
        response = planted.get("/v1/outlets", params={"format": "csv"})
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.headers["content-disposition"] == (
            "attachment; filename=\"outlets.csv\"; filename*=UTF-8''outlets.csv"
        )
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == ["source", "pickups", "first_found_at", "last_found_at"]
        assert rows[1] == ["Credit Dropper", "8", "2026-01-05T09:00:00+00:00", "2026-01-12T09:00:00+00:00"]

    def test_csv_cells_never_start_a_formula(self, client: TestClient, session: Session) -> None:
        text = wire_story(0)
        wire, _ = store_article(
            session=session, article_in=ArticleCreate(source="Reuters", text=text), settings=Settings()
        )
        outlet, _ = store_article(
            session=session,
            article_in=ArticleCreate(source="=HYPERLINK(1)", text=text + "\nMore."),
            settings=Settings(),
        )
        found = datetime(2026, 1, 5, tzinfo=UTC)
        record_pickup(
            session, outlet=outlet, wire=wire, comparison=compare(text, outlet.text), found_at=found
        )
        response = client.get("/v1/outlets", headers={"Accept": "text/csv"})
        assert response.status_code == 200
        assert list(csv.reader(io.StringIO(response.text)))[1][0] == "'=HYPERLINK(1)"

    @pytest.mark.parametrize(
        "path", ["/v1/outlets", "/v1/outlets/Credit%20Keeper/profile", "/v1/articles/1/pickups"]
    )
    @pytest.mark.parametrize(
        ("accept", "media_type"),
        [("application/json", "application/json"), ("text/csv", "text/csv; charset=utf-8")],
    )
    def test_every_answer_varies_with_accept(
        self, planted: TestClient, path: str, accept: str, media_type: str
    ) -> None:
        response = planted.get(path, headers={"Accept": accept})
        assert response.status_code == 200
        assert response.headers["content-type"] == media_type
        assert response.headers["vary"] == "Accept"

    def test_406_for_a_media_type_it_cannot_make(self, client: TestClient) -> None:
        response = client.get("/v1/outlets", headers={"Accept": "image/png"})
        assert response.status_code == 406
        assert response.json()["detail"] == "Acceptable: application/json, text/csv (or use ?format=)"


class TestOutletProfile:
    def test_the_outlet_that_keeps_credits(self, planted: TestClient) -> None:
        figures = profile(planted, "Credit Keeper")["figures"]
        assert figures == {
            "pickups": 8,
            "wire_sentences": 40,
            "kept": 40,
            "reworded": 0,
            "dropped": 0,
            "kept_share": 1.0,
            "reworded_share": 0.0,
            "dropped_share": 0.0,
            "own_share": 0.1319,
            "credit_kept": 8,
            "credit_dropped": 0,
            "credit_dropped_share": 0.0,
            "quotes_intact": 8,
            "quotes_altered": 0,
            "quotes_missing": 0,
            "figures_changed": 0,
            "delays": 8,
            "median_delay_seconds": 7200.0,
            "p90_delay_seconds": 7200.0,
        }

    def test_the_outlet_that_drops_credits(self, planted: TestClient) -> None:
        figures = profile(planted, "Credit Dropper")["figures"]
        assert (figures["credit_kept"], figures["credit_dropped"], figures["credit_dropped_share"]) == (
            0,
            8,
            1.0,
        )
        # the dateline and the "told Reuters" sentence are reworded to take the credit out
        assert (figures["kept"], figures["reworded"], figures["dropped"]) == (24, 16, 0)

    def test_the_outlet_that_swaps_rebels_for_militants(self, planted: TestClient) -> None:
        body = profile(planted, "Militant Times")
        assert body["substitutions"] == [
            {
                "base": "rebels",
                "other": "militants",
                "count": 16,  # the headline's and the first sentence's, in each of 8 stories
                "pickups": 8,
                "example": {
                    "pickup_id": 3,
                    "outlet_article_id": 4,
                    "wire_article_id": 1,
                    "comparison": "/v1/articles/1/compare/4",
                },
            }
        ]
        assert body["reporting_verbs"] == []
        assert body["figures"]["credit_dropped"] == 0
        assert profile(planted, "Credit Keeper")["substitutions"] == []

    def test_the_outlet_a_day_late(self, planted: TestClient) -> None:
        body = profile(planted, "Next Day Herald")
        figures = body["figures"]
        assert (figures["median_delay_seconds"], figures["p90_delay_seconds"]) == (86400.0, 86400.0)
        assert (figures["kept"], figures["dropped"], figures["dropped_share"]) == (32, 8, 0.2)
        assert [(b["label"], b["pickups"]) for b in body["delay_distribution"]] == [
            ("under 1 h", 0),
            ("1 h to 3 h", 0),
            ("3 h to 6 h", 0),
            ("6 h to 12 h", 0),
            ("12 h to 1 d", 0),
            ("1 d to 2 d", 8),
            ("2 d or more", 0),
        ]

    def test_every_pickup_is_of_reuters(self, planted: TestClient) -> None:
        assert profile(planted, "Militant Times")["agencies"] == [{"agency": "Reuters", "pickups": 8}]

    def test_week_by_week(self, planted: TestClient) -> None:
        weeks = profile(planted, "Next Day Herald")["weeks"]
        # the Sunday story comes out on the next Monday
        assert [(w["week"], w["pickups"], w["dropped"], w["median_delay_seconds"]) for w in weeks] == [
            ("2026-01-05", 6, 6, 86400.0),
            ("2026-01-12", 2, 2, 86400.0),
        ]

    def test_a_date_range(self, planted: TestClient) -> None:
        body = profile(planted, "Credit Keeper", since="2026-01-07", until="2026-01-09T08:00:00Z")
        assert (body["since"], body["until"]) == ("2026-01-07T00:00:00Z", "2026-01-09T08:00:00Z")
        assert body["figures"]["pickups"] == 2  # found on the 7th and 8th at 08:00; the 9th's is not before

    def test_a_range_from_the_first_days_of_year_one_holds_every_pickup(self, planted: TestClient) -> None:
        body = profile(planted, "Credit Keeper", since="0001-01-01T00:00:00Z")
        assert (body["since"], body["figures"]["pickups"]) == (
            "0001-01-01T00:00:00Z",
            profile(planted, "Credit Keeper")["figures"]["pickups"],
        )

    def test_a_topic_query(self, planted: TestClient) -> None:
        body = profile(planted, "Militant Times", q="qusayr")
        assert (body["q"], body["figures"]["pickups"], body["substitutions"][0]["count"]) == ("qusayr", 1, 2)

    @pytest.mark.parametrize("q", ["İdlib", "IDLIB", " idlib ", "idlib's"])
    def test_a_topic_is_read_as_the_articles_search_reads_it(self, planted: TestClient, q: str) -> None:
        articles = planted.get("/v1/articles", params={"source": "Militant Times", "q": q})
        assert articles.status_code == 200
        body = profile(planted, "Militant Times", q=q)
        assert (body["q"], body["figures"]["pickups"]) == ("idlib", articles.json()["count"])
        assert body["figures"]["pickups"] == 1

    @pytest.mark.parametrize(
        ("q", "detail"),
        [
            ("a", "every word searched needs at least 2 characters (a)"),
            ("___", "a search needs a word (letters or digits)"),
            (" ", "a search needs a word (letters or digits)"),
            ("one two three four five six seven eight nine", "at most 8 words are searched"),
        ],
    )
    def test_a_topic_the_articles_search_refuses_is_422(
        self, planted: TestClient, q: str, detail: str
    ) -> None:
        for path in ("/v1/articles", "/v1/outlets/Militant%20Times/profile"):
            response = planted.get(path, params={"q": q})
            assert response.status_code == 422
            assert response.json()["errors"] == [
                {"loc": ["query", "q"], "detail": detail, "type": "search_terms"}
            ]

    @pytest.mark.parametrize("name", ["Militant%20Times%20", "%20Militant%20Times", "Militant%20Times%09"])
    def test_an_outlet_is_named_as_a_stored_source_is_trimmed(self, planted: TestClient, name: str) -> None:
        response = planted.get(f"/v1/outlets/{name}/profile")
        assert response.status_code == 200
        assert (response.json()["source"], response.json()["figures"]["pickups"]) == ("Militant Times", 8)

    def test_a_name_holding_a_line_feed_is_the_documented_404(self, client: TestClient) -> None:
        response = client.get("/v1/outlets/Daily%0APlanet/profile")

        assert (response.status_code, response.headers["content-type"]) == (404, "application/problem+json")
        documented = client.get("/openapi.json").json()["paths"]["/v1/outlets/{source}/profile"]["get"]
        assert "404" in documented["responses"]

    def test_an_outlet_named_in_decomposed_form_is_the_composed_one(
        self, client: TestClient, session: Session
    ) -> None:
        text = wire_story(0)
        wire, _ = store_article(
            session=session, article_in=ArticleCreate(source="Reuters", text=text), settings=Settings()
        )
        for number, source in enumerate(("Di\u00e1rio do Sul", "Dia\u0301rio do Sul")):
            outlet, _ = store_article(
                session=session,
                article_in=ArticleCreate(source=source, text=f"{text}\nMore {number}."),
                settings=Settings(),
            )
            found = datetime(2026, 1, 5, tzinfo=UTC)
            record_pickup(
                session, outlet=outlet, wire=wire, comparison=compare(text, outlet.text), found_at=found
            )
        outlets = client.get("/v1/outlets").json()
        assert [(o["source"], o["pickups"]) for o in outlets["data"]] == [("Di\u00e1rio do Sul", 2)]
        for name in ("Di%C3%A1rio%20do%20Sul", "Dia%CC%81rio%20do%20Sul"):
            body = client.get(f"/v1/outlets/{name}/profile").json()
            assert (body["source"], body["figures"]["pickups"]) == ("Di\u00e1rio do Sul", 2)

    def test_a_problem_names_its_path_as_a_uri_reference(self, client: TestClient) -> None:
        response = client.get(
            "/v1/outlets/Daily%20Planet%20%C2%AB%D8%A7%D9%84%C2%BB/profile",
            params={"since": "2026-01-02", "until": "2026-01-01"},
        )
        assert response.status_code == 422
        assert response.json()["instance"] == "/v1/outlets/Daily%20Planet%20%C2%AB%D8%A7%D9%84%C2%BB/profile"

    def test_a_delay_percentile_is_given_to_the_millisecond(
        self, planted: TestClient, session: Session
    ) -> None:
        # seven pickups an hour late and one two hours: the p90 is 3600 + 3600 * 0.3 = 4680 s, which
        # interpolation between ranks computes as 4679.999999999999
        keeper = session.exec(select(Pickup).where(Pickup.outlet_source == "Credit Keeper")).all()
        for index, pickup in enumerate(sorted(keeper, key=lambda p: p.id or 0)):
            pickup.delay_seconds = 7200.0 if index == 0 else 3600.0
            session.add(pickup)
        session.commit()
        figures = profile(planted, "Credit Keeper")["figures"]
        assert (figures["median_delay_seconds"], figures["p90_delay_seconds"]) == (3600.0, 4680.0)

    def test_an_outlet_without_pickups_has_zeros(self, planted: TestClient) -> None:
        body = profile(planted, "Nobody")
        assert (body["figures"]["pickups"], body["figures"]["kept_share"], body["weeks"]) == (0, None, [])
        assert body["figures"]["median_delay_seconds"] is None

    @pytest.mark.parametrize(("credited", "kept", "dropped_share"), [(False, 0, None), (True, 1, 0.0)])
    def test_a_credit_is_kept_only_where_the_wire_text_gave_one(
        self, client: TestClient, session: Session, credited: bool, kept: int, dropped_share: float | None
    ) -> None:
        text = wire_story(0)
        if not credited:  # an agency's text that names no agency: no credit to keep
            text = text.replace("(Reuters) ", "").replace("told Reuters", "said")
        wire, _ = store_article(
            session=session, article_in=ArticleCreate(source="Reuters", text=text), settings=Settings()
        )
        copy = text + "\nA closing line of our own."
        outlet, _ = store_article(
            session=session, article_in=ArticleCreate(source="Copy Desk", text=copy), settings=Settings()
        )
        comparison = compare(text, copy)
        assert comparison.attribution.base_credits == (["Reuters"] if credited else [])
        found = datetime(2026, 1, 5, tzinfo=UTC)
        record_pickup(session, outlet=outlet, wire=wire, comparison=comparison, found_at=found)
        body = profile(client, "Copy Desk")
        figures, week = body["figures"], body["weeks"][0]
        assert (figures["pickups"], figures["credit_kept"], figures["credit_dropped"]) == (1, kept, 0)
        assert (week["pickups"], week["credit_kept"], week["credit_dropped"]) == (1, kept, 0)
        # of the pickups that had a credit to drop: none, no share
        assert (figures["credit_dropped_share"], week["credit_dropped_share"]) == (
            dropped_share,
            dropped_share,
        )

    def test_a_topic_no_pickup_holds_has_zeros(self, planted: TestClient) -> None:
        body = profile(planted, "Next Day Herald", q="zeppelin")
        assert (body["figures"]["pickups"], body["figures"]["median_delay_seconds"], body["weeks"]) == (
            0,
            None,
            [],
        )

    def test_an_outlet_named_with_a_slash_has_its_profile(self, client: TestClient) -> None:
        response = client.get("/v1/outlets/Hatha%20al-Youm%20%2F%20Iraq%20News/profile")
        assert response.status_code == 200
        assert response.json()["source"] == "Hatha al-Youm / Iraq News"

    def test_an_outlet_named_in_any_script_downloads_under_its_name(self, client: TestClient) -> None:
        response = client.get("/v1/outlets/Al-Ahram «الأهرام»/profile", params={"format": "csv"})
        assert response.status_code == 200
        assert response.headers["content-disposition"] == (
            'attachment; filename="Al-Ahram_-weeks.csv"; '
            "filename*=UTF-8''Al-Ahram%20%C2%AB%D8%A7%D9%84%D8%A3%D9%87%D8%B1%D8%A7%D9%85%C2%BB-weeks.csv"
        )

    def test_until_must_be_after_since(self, client: TestClient) -> None:
        response = client.get("/v1/outlets/X/profile", params={"since": "2026-01-02", "until": "2026-01-01"})
        assert response.status_code == 422
        assert response.json()["detail"] == '"until" must be after "since"'

    def test_an_unknown_table_is_422(self, client: TestClient) -> None:
        response = client.get("/v1/outlets/X/profile", params={"format": "csv", "table": "nope"})
        assert response.status_code == 422

    def test_weeks_as_csv_with_the_whole_range_first(self, planted: TestClient) -> None:
        response = planted.get("/v1/outlets/Next Day Herald/profile", params={"format": "csv"})
        assert response.status_code == 200
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert [(r["week"], r["pickups"], r["median_delay_seconds"]) for r in rows] == [
            ("all", "8", "86400.0"),
            ("2026-01-05", "6", "86400.0"),
            ("2026-01-12", "2", "86400.0"),
        ]

    def test_substitutions_as_csv(self, planted: TestClient) -> None:
        response = planted.get(
            "/v1/outlets/Militant Times/profile", params={"format": "csv", "table": "substitutions"}
        )
        assert response.status_code == 200
        assert response.text.splitlines() == [
            "base,other,count,pickups,example",
            "rebels,militants,16,8,/v1/articles/1/compare/4",
        ]


def percentiles(delays: list[float]) -> list[float | None]:
    """The median and p90 by linear interpolation between ranks (PostgreSQL's percentile_cont)."""
    if not delays:
        return [None, None]
    ordered = sorted(delays)
    found: list[float | None] = []
    for fraction in (0.5, 0.9):
        position = (len(ordered) - 1) * fraction
        rank = int(position)
        low, high = ordered[rank], ordered[min(rank + 1, len(ordered) - 1)]
        found.append(round(low + (high - low) * (position - rank), 3))  # to the millisecond
    return found


EDGES = (3600, 3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600, 48 * 3600)


class TestJitteredDelays:
    """A year of pickups whose delays differ (the benchmark's store, small): every percentile, in all
    and week by week, and the delay bins, as computed here from the pickups' rows."""

    @pytest.fixture
    def jittered(
        self, client: TestClient, session: Session
    ) -> tuple[TestClient, list[Pickup], dict[int, str]]:
        fill_bulk(session, pickups=400)
        pickups = list(session.exec(select(Pickup)).all())
        titles = {a.id: a.title or "" for a in session.exec(select(Article)).all() if a.id is not None}
        return client, pickups, titles

    def expect(self, client: TestClient, pickups: list[Pickup], source: str, **params: str) -> None:
        body = profile(client, source, **params)
        mine = [p for p in pickups if p.outlet_source == source]
        delays = [p.delay_seconds for p in mine if p.delay_seconds is not None]
        assert body["figures"]["pickups"] == len(mine) > 0
        got = [body["figures"]["median_delay_seconds"], body["figures"]["p90_delay_seconds"]]
        assert got == pytest.approx(percentiles(delays), rel=1e-12)
        weeks: dict[date, list[float]] = {}
        for p in mine:
            weeks.setdefault(p.found_week, []).append(p.delay_seconds or 0.0)
        assert [w["week"] for w in body["weeks"]] == [week.isoformat() for week in sorted(weeks)]
        for week in body["weeks"]:
            got = [week["median_delay_seconds"], week["p90_delay_seconds"]]
            assert got == pytest.approx(percentiles(weeks[date.fromisoformat(week["week"])]), rel=1e-12)
        bounds = list(zip([0, *EDGES], [*EDGES, float("inf")], strict=True))
        assert [b["pickups"] for b in body["delay_distribution"]] == [
            sum(low <= d < high for d in delays) for low, high in bounds
        ]

    @pytest.mark.parametrize("outlet", [o.source for o in OUTLETS])
    def test_all_dates(self, jittered: tuple[TestClient, list[Pickup], dict[int, str]], outlet: str) -> None:
        client, pickups, _ = jittered
        self.expect(client, pickups, outlet)

    def test_a_range_not_on_week_bounds(
        self, jittered: tuple[TestClient, list[Pickup], dict[int, str]]
    ) -> None:
        client, pickups, _ = jittered
        since, until = datetime(2026, 4, 8, 13, tzinfo=UTC), datetime(2026, 7, 2, 9, tzinfo=UTC)
        within = [p for p in pickups if since <= p.found_at.astimezone(UTC) < until]
        self.expect(client, within, "Credit Dropper", since=since.isoformat(), until=until.isoformat())

    def test_a_topic(self, jittered: tuple[TestClient, list[Pickup], dict[int, str]]) -> None:
        client, pickups, titles = jittered
        # the benchmark's articles are titled "Story <number>": "17" is the start of a word there
        # (a word of one character, "7", is refused, as the articles' search refuses it)
        about = [p for p in pickups if titles[p.outlet_article_id].startswith("Story 17")]
        self.expect(client, about, "Next Day Herald", q="story 17")


class TestStoryPickups:
    def test_every_outlet_that_ran_the_story_earliest_first(self, planted: TestClient) -> None:
        response = planted.get("/v1/articles/1/pickups")
        assert response.status_code == 200
        body = response.json()
        assert (body["wire"]["id"], body["count"]) == (1, 4)
        assert [(p["article"]["source"], p["delay_seconds"], p["verdict"]) for p in body["data"]] == [
            ("Militant Times", 3600.0, "copy"),
            ("Credit Keeper", 7200.0, "copy"),
            ("Credit Dropper", 10800.0, "copy"),
            ("Next Day Herald", 86400.0, "copy"),
        ]
        assert body["data"][0]["substitutions"] == ["rebels -> militants"]
        assert body["data"][0]["comparison"] == "/v1/articles/1/compare/4"
        assert body["data"][2]["credit_dropped"] is True
        assert body["coverage"] == "/ui/articles/1/coverage?other=4&other=2&other=3&other=5"

    def test_as_csv_every_column_of_the_json(self, planted: TestClient) -> None:
        data = planted.get("/v1/articles/1/pickups").json()["data"]
        response = planted.get("/v1/articles/1/pickups", params={"format": "csv"})
        assert response.status_code == 200
        assert response.text.split("\r\n")[0] == (
            "outlet,article_id,published_at,delay_seconds,verdict,kept,reworded,dropped,added,own_share,"
            "credit_dropped,quotes_altered,quotes_missing,figures_changed,substitutions,reporting_verbs,"
            "comparison"
        )
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert [(r["substitutions"], r["reporting_verbs"]) for r in rows] == [
            ("; ".join(p["substitutions"]), "; ".join(p["reporting_verbs"])) for p in data
        ]

    def test_its_counts_are_the_coverage_counts(self, planted: TestClient) -> None:
        data = planted.get("/v1/articles/1/pickups").json()["data"]
        ids = [p["article"]["id"] for p in data]
        coverage = planted.post("/v1/coverage", json={"base_id": 1, "other_ids": ids})
        assert coverage.status_code == 200
        assert [(o["kept"], o["reworded"], o["dropped"]) for o in coverage.json()["outlets"]] == [
            (p["kept"], p["reworded"], p["dropped"]) for p in data
        ]

    def test_a_story_nobody_ran(self, client: TestClient, session: Session) -> None:
        store_article(
            session=session,
            article_in=ArticleCreate(source="Reuters", text=wire_story(0)),
            settings=Settings(),
        )
        response = client.get("/v1/articles/1/pickups")
        assert response.status_code == 200
        assert (response.json()["data"], response.json()["coverage"]) == ([], "/ui/articles/1/coverage")

    def test_404_for_an_unknown_article(self, client: TestClient) -> None:
        response = client.get("/v1/articles/9/pickups")
        assert response.status_code == 404
        assert response.json()["detail"] == "Article 9 not found"
