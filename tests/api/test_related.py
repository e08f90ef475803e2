"""GET /v1/articles/{id}/related and GET /v1/articles/{id}/origin, on the seeds: 1 is the
aggregator's copy of the Reuters story 2, 3 (Baghdad Post) and 5 (PressTV) derive from it, 4 is
a different Reuters story on the same topic."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, delete, select

from app.engine import ENGINE_VERSION, compare
from app.models import ArticleBand, CachedComparison
from app.services import related
from app.services.related import MAX_LIMIT
from tests.api.conftest import warnings_at_start
from tests.ferry_story import (
    APPEAL_REWRITE,
    APPEAL_WIRE,
    BRIEF,
    LIBRARY_STORY,
    REWRITE,
    SAME_EVENT,
    WIRE_REACTION,
    WIRE_STORY,
)
from tests.newsroom_stories import (
    CLAIMS_WEEK_1,
    CLAIMS_WEEK_2,
    MEALS_PAPER,
    MEALS_RELEASE,
    MEALS_REUTERS,
    PORT_STRIKE_AP,
    PORT_STRIKE_AP_REWORDED,
    PORT_STRIKE_REUTERS,
    PORT_STRIKE_SANA,
    STORM,
    STORM_COPY,
    STORM_CORRECTED,
    STORM_REPUBLISHED,
)
from tests.seeds import seed_text
from tests.strike_story import STRIKE, STRIKE_UPDATE

WIRE = (
    "Rain in Moscow\n\n"
    "MOSCOW (Reuters) - Heavy rain flooded the streets of central Moscow on Friday, the city's "
    "emergency service said. Drivers abandoned cars near the Kremlin as water rose to their doors. "
    "The weather service said the storm would move east towards Kazan by Saturday morning."
)
COPY = (
    "Rain in Moscow\n\n"
    "Heavy rain flooded the streets of central Moscow on Friday, the city's emergency service said, "
    "according to Reuters. Drivers abandoned cars near the Kremlin as water rose to their doors. "
    "The weather service said the storm would move east towards Kazan by Saturday morning."
)
OTHER_STORY = (
    "Harvest in Kansas\n\n"
    "Farmers in Kansas began the wheat harvest two weeks early this year. Grain elevators across the "
    "state reported long queues of trucks. Prices for hard red winter wheat fell on the Chicago exchange."
)


def _ids(body: dict[str, Any]) -> list[int]:
    return [version["article"]["id"] for version in body["data"]]


def _read(client: TestClient, article_id: int, answer: str = "related") -> dict[str, Any]:
    response = client.get(f"/v1/articles/{article_id}/{answer}")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def _post(client: TestClient, source: str, text: str, **fields: object) -> int:
    response = client.post("/v1/articles", json={"source": source, "text": text, **fields})
    assert response.status_code == 201, response.text
    article_id: int = response.json()["id"]
    return article_id


class TestRelatedVersions:
    def test_lists_the_copy_then_the_derived_versions_of_the_wire_story(
        self, client: TestClient, seeds: list[int]
    ) -> None:
        response = client.get("/v1/articles/2/related")
        assert response.status_code == 200
        body = response.json()
        assert [(v["article"]["id"], v["verdict"]) for v in body["data"]] == [
            (1, "copy"),
            (3, "derived"),
            (5, "derived"),
        ]
        assert body["count"] == 3

    def test_a_different_story_on_the_same_topic_is_excluded_as_unrelated(
        self, client: TestClient, seeds: list[int]
    ) -> None:
        response = client.get("/v1/articles/2/related")
        assert response.status_code == 200
        assert 4 not in _ids(response.json())
        assert response.json()["excluded"] == [4]

    def test_each_version_has_the_engine_shares_and_the_comparison_link(
        self, client: TestClient, seeds: list[int]
    ) -> None:
        response = client.get("/v1/articles/2/related")
        assert response.status_code == 200
        baghdad_post = next(v for v in response.json()["data"] if v["article"]["id"] == 3)
        summary = compare(seed_text("001"), seed_text("002")).summary
        assert baghdad_post["article"]["source"] == "Baghdad Post"
        assert baghdad_post["base_retained"] == summary.base_retained
        assert baghdad_post["other_from_base"] == summary.other_from_base
        assert baghdad_post["comparison"] == "/v1/articles/2/compare/3"
        assert client.get(baghdad_post["comparison"]).json()["verdict"] == "derived"

    def test_versions_are_found_from_any_of_them(self, client: TestClient, seeds: list[int]) -> None:
        response = client.get("/v1/articles/3/related")
        assert response.status_code == 200
        assert sorted(_ids(response.json())) == [1, 2, 5]

    def test_limit_keeps_the_best(self, client: TestClient, seeds: list[int]) -> None:
        response = client.get("/v1/articles/2/related", params={"limit": 1})
        assert response.status_code == 200
        assert _ids(response.json()) == [1]

    def test_an_article_sharing_no_sentence_has_no_candidates(self, client: TestClient) -> None:
        _post(client, "Example Wire", WIRE)
        harvest = _post(client, "Farm News", OTHER_STORY)
        response = client.get(f"/v1/articles/{harvest}/related")
        assert response.status_code == 200
        assert response.json() == {
            "article_id": harvest,
            "data": [],
            "count": 0,
            "candidates": 0,
            "excluded": [],
        }

    def test_candidates_come_from_the_index(
        self, client: TestClient, seeds: list[int], session: Session
    ) -> None:
        session.exec(delete(ArticleBand).where(col(ArticleBand.article_id) == 1))
        session.commit()
        response = client.get("/v1/articles/2/related")
        assert response.status_code == 200
        assert _ids(response.json()) == [3, 5]

    def test_the_comparisons_are_cached(self, client: TestClient, seeds: list[int], session: Session) -> None:
        assert client.get("/v1/articles/2/related").status_code == 200
        cached = session.exec(
            select(CachedComparison.other_id).where(
                CachedComparison.base_id == 2, CachedComparison.engine_version == ENGINE_VERSION
            )
        ).all()
        assert sorted(cached) == [1, 3, 4, 5]

    def test_unknown_article_is_404(self, client: TestClient) -> None:
        response = client.get("/v1/articles/999/related")
        assert response.status_code == 404
        assert response.json()["detail"] == "Article 999 not found"

    def test_limit_over_the_maximum_is_422(self, client: TestClient) -> None:
        response = client.get("/v1/articles/1/related", params={"limit": MAX_LIMIT + 1})
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["errors"]] == [["query", "limit"]]


class TestIndex:
    def test_a_stored_article_has_index_entries(self, client: TestClient, session: Session) -> None:
        wire = _post(client, "Example Wire", WIRE)
        keys = session.exec(select(ArticleBand.band_key).where(ArticleBand.article_id == wire)).all()
        assert len(keys) == 24  # 26 content-word pairs in 3 sentences, 24 of them distinct

    def test_deleting_an_article_deletes_its_entries(self, client: TestClient, session: Session) -> None:
        wire = _post(client, "Example Wire", WIRE)
        assert client.delete(f"/v1/articles/{wire}").status_code == 204
        assert session.exec(select(ArticleBand).where(ArticleBand.article_id == wire)).all() == []


class TestCommonKeys:
    """Candidates are found by the keys few articles hold: a pair of words hundreds of articles
    share ("prime minister", "last year") says nothing about one story. The bound is lowered here
    so that a handful of articles shows it."""

    # Three reports of other rain that share the wire's opening clause, word for word.
    SHARING_THE_OPENING = (
        "Heavy rain flooded the streets of central Moscow again as the harvest festival opened in Tula.",
        "Heavy rain flooded the streets of central Moscow while ministers met bankers in Sochi.",
        "Heavy rain flooded the streets of central Moscow and football fans waited at Luzhniki stadium.",
    )

    # The wire story with four sentences of a local paper's own after it.
    LOCAL_REWRITE = (
        WIRE + " Residents of the Arbat district pumped water from flooded basements until late evening. "
        "Local shopkeepers counted losses running into millions of roubles after the storm. "
        "The mayor's office promised compensation to families whose flats were damaged by the water. "
        "Schools in three districts will stay closed on Monday while engineers inspect their buildings."
    )

    @staticmethod
    def _wire_and_copies(client: TestClient, copies: int) -> tuple[int, list[int]]:
        return _post(client, "Example Wire", WIRE), [_post(client, f"Paper {n}", COPY) for n in range(copies)]

    @staticmethod
    def _keys(session: Session, article_id: int) -> set[int]:
        return set(
            session.exec(select(ArticleBand.band_key).where(ArticleBand.article_id == article_id)).all()
        )

    def test_an_article_sharing_only_pairs_many_hold_is_not_a_candidate(
        self, client: TestClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        wire = _post(client, "Example Wire", WIRE)
        for number, text in enumerate(self.SHARING_THE_OPENING):
            _post(client, f"Paper {number}", f"Weather\n\n{text} Officials urged calm.")
        body = _read(client, wire)
        assert body["candidates"] == 3  # every pair counts: the three are candidates

        monkeypatch.setattr(related, "COMMON_KEY_HOLDERS", 2)  # the opening's pairs: 4 articles
        monkeypatch.setattr(related, "MIN_KEYS_READ", 1)
        body = _read(client, wire)
        assert (body["candidates"], body["data"]) == (0, [])

    def test_a_version_is_found_by_its_rare_keys_and_counted_by_all_of_them(
        self, client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        wire = _post(client, "Example Wire", WIRE)
        copy = _post(client, "Example Paper", COPY)
        for number, text in enumerate(self.SHARING_THE_OPENING):
            _post(client, f"Paper {number}", f"Weather\n\n{text} Officials urged calm.")
        monkeypatch.setattr(related, "COMMON_KEY_HOLDERS", 2)
        monkeypatch.setattr(related, "MIN_KEYS_READ", 1)
        body = _read(client, wire)
        assert (body["candidates"], _ids(body)) == (1, [copy])
        # the opening's pairs, held by five articles, are not read, and still counted
        assert body["data"][0]["shared_keys"] == len(self._keys(session, wire) & self._keys(session, copy))

    def test_a_rewrite_of_a_story_many_outlets_ran_finds_the_wire_and_its_copies(
        self, client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        wire = _post(client, "Reuters", WIRE, published_at="2019-06-01T00:00:00Z")
        copies = [_post(client, f"Paper {n}", COPY, published_at="2019-06-02T00:00:00Z") for n in range(3)]
        local = _post(client, "Moscow Local", self.LOCAL_REWRITE, published_at="2019-06-03T00:00:00Z")
        monkeypatch.setattr(related, "COMMON_KEY_HOLDERS", 3)  # the story's pairs: 5 articles
        rare = [key for key in self._keys(session, local) if key not in self._keys(session, wire)]
        assert len(rare) >= related.MIN_KEYS_READ  # its own pairs alone are read: they find nothing
        body = _read(client, local)
        assert sorted(_ids(body)) == [wire, *copies]
        assert _read(client, local, "origin")["origin"]["id"] == wire

    def test_the_wire_stored_after_a_dozen_copies_is_still_the_rewrites_origin(
        self, client: TestClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        copies = [_post(client, f"Paper {n}", COPY, published_at="2019-06-02T00:00:00Z") for n in range(12)]
        wire = _post(client, "Reuters", WIRE, published_at="2019-06-01T00:00:00Z")
        local = _post(client, "Moscow Local", self.LOCAL_REWRITE, published_at="2019-06-03T00:00:00Z")
        monkeypatch.setattr(related, "COMMON_KEY_HOLDERS", 3)
        body = _read(client, local)
        assert wire in _ids(body)
        origin = _read(client, local, "origin")
        assert origin["origin"]["id"] == wire
        assert set(origin["derives_from"]) >= {wire, *copies[:5]}

    def test_a_rewrite_keeping_one_sentence_of_a_story_many_outlets_ran_finds_it(
        self, client: TestClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        wire = _post(client, "Reuters", WIRE, published_at="2019-06-01T00:00:00Z")
        copies = [_post(client, f"Paper {n}", COPY, published_at="2019-06-02T00:00:00Z") for n in range(3)]
        own = self.LOCAL_REWRITE.removeprefix(WIRE)
        kept = (
            "Heavy rain flooded the streets of central Moscow on Friday, the city's emergency service said."
        )
        local = _post(client, "Moscow Local", f"Rain in Moscow\n\n{kept}{own}")
        monkeypatch.setattr(related, "COMMON_KEY_HOLDERS", 3)  # the kept sentence's 9 pairs: 6 articles
        body = _read(client, local)
        assert sorted(_ids(body)) == [wire, *copies]

    def test_a_story_held_past_the_highest_bound_is_found_through_the_samples(
        self, client: TestClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        wire, copies = self._wire_and_copies(client, 5)
        monkeypatch.setattr(related, "COMMON_KEY_HOLDERS", 2)  # every pair of the story: 6 articles
        monkeypatch.setattr(related, "MAX_KEY_HOLDERS", 4)  # never raised that far: none is read
        body = _read(client, wire)
        assert sorted(_ids(body)) == copies

        monkeypatch.setattr(related, "COMMON_KEY_SAMPLE", 0)  # nor sampled: nothing is found
        body = _read(client, wire)
        assert (body["candidates"], body["data"]) == (0, [])

    def test_a_story_every_outlet_ran_still_finds_its_copies(
        self, client: TestClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        wire, copies = self._wire_and_copies(client, 3)
        monkeypatch.setattr(related, "COMMON_KEY_HOLDERS", 2)  # every pair of the story: 4 articles
        body = _read(client, wire)
        assert sorted(_ids(body)) == copies


class TestHouseText:
    """An outlet's house text (here a footer, stored as body text) is not a sign of one story
    between two of its articles: its other stories are not versions, pickups or origins of a new
    one; its own versions of one story, and other outlets' copies, still are."""

    FOOTER = (
        "\n\nThe Daily Ledger is an independent newspaper serving the coast counties since 1938. "
        "Send your news tips to the newsroom through the contact page on our website. "
        "Follow the Daily Ledger on social media for the latest local and national headlines."
    )
    OTHER_STORIES = (
        "Council budget\n\nThe county council approved a new budget for road repairs on Tuesday after "
        "a long debate about school funding. Councillors voted by eleven to four for the plan, which "
        "moves money from the library service to the highways department. The leader of the "
        "opposition group said rural villages would wait another winter for their potholes to be "
        "filled. Parents from three primary schools protested outside the town hall before the "
        "meeting began. The budget takes effect in April and will be reviewed by the finance "
        "committee in the autumn.",
        "Harbour festival\n\nThousands of visitors came to the harbour festival at the weekend, where "
        "fishing boats were decorated with flags. Local bands played on a stage beside the lifeboat "
        "station until midnight on Saturday. Organisers said ticket sales were the highest since the "
        "festival began twenty years ago. The coastguard reported two minor incidents involving "
        "paddle boarders near the pier. Traders on the quayside said the event brought welcome "
        "business after a wet summer.",
        "Hospital wing\n\nThe new maternity wing of the district hospital opened its doors to patients "
        "this week after three years of construction. The building holds twenty delivery rooms, a "
        "neonatal unit and a garden for families. Midwives had campaigned for the new wing since the "
        "old unit was found to be overcrowded in an inspection. The health trust said the project "
        "cost forty million pounds, most of it from a national fund. The first baby born in the wing "
        "arrived on Monday morning, a girl weighing seven pounds.",
    )

    def _store(self, client: TestClient) -> dict[str, Any]:
        return {
            "wire": _post(client, "Coastal Press Agency", WIRE_STORY, published_at="2026-03-02T10:00:00Z"),
            "others": [
                _post(client, "Daily Ledger", text + self.FOOTER, published_at=f"2026-02-0{day}T10:00:00Z")
                for day, text in enumerate(self.OTHER_STORIES, start=1)
            ],
            "rewrite": _post(
                client, "Daily Ledger", REWRITE + self.FOOTER, published_at="2026-03-03T06:00:00Z"
            ),
        }

    def test_the_outlets_other_stories_are_not_versions_of_its_rewrite(self, client: TestClient) -> None:
        ids = self._store(client)
        body = _read(client, ids["rewrite"])
        assert (_ids(body), body["candidates"]) == ([ids["wire"]], 1)
        # the rewrite derives from the wire story, published the day before (its origin says)
        assert body["data"][0]["pickup"]["is_pickup"] is False

    def test_the_rewrites_origin_is_the_wire_story_alone(self, client: TestClient) -> None:
        ids = self._store(client)
        body = _read(client, ids["rewrite"], "origin")
        assert (body["origin"]["id"], body["derives_from"]) == (ids["wire"], [ids["wire"]])

    def test_the_outlets_other_stories_take_no_candidates_place(
        self, client: TestClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        ids = self._store(client)
        island = _post(
            client,
            "Island Times",
            "Ferry link fears\n\nTarn Island residents have long complained about the crossing, which is "
            "their only link to the mainland. Local councillors want a second operator to be licensed. "
            "The island shop said its deliveries were late again this week. Islanders will meet the "
            "ferry company on Friday evening.",
            published_at="2026-03-04T06:00:00Z",
        )
        # the wire and the outlet's three other stories share the most keys with the rewrite
        monkeypatch.setattr(related, "CANDIDATES_LOOKED_AT", 4)
        body = _read(client, ids["rewrite"])
        assert sorted(_ids(body)) == sorted([ids["wire"], island])

    def test_stories_sharing_only_the_footer_are_not_related(self, client: TestClient) -> None:
        ids = self._store(client)
        body = _read(client, ids["others"][2])
        assert (body["data"], body["candidates"]) == ([], 0)

    def test_the_outlets_own_versions_of_one_story_are_still_found(self, client: TestClient) -> None:
        ids = self._store(client)
        updates = [
            _post(
                client,
                "Daily Ledger",
                REWRITE + f" {added}" + self.FOOTER,
                published_at=f"2026-03-0{day}T09:00:00Z",
            )
            for day, added in enumerate(
                (
                    "The ferry company said it would appeal against the fine.",
                    "Passengers on the crossing will be offered free tickets until Easter.",
                    "A memorial service for the injured girl's school is planned for Sunday.",
                ),
                start=4,
            )
        ]
        # the story is in four of the outlet's articles, as often as the footer: not house text
        body = _read(client, updates[-1])
        assert sorted(_ids(body)) == sorted([ids["wire"], ids["rewrite"], *updates[:-1]])
        assert {v["article"]["id"]: v["verdict"] for v in body["data"]}[ids["rewrite"]] == "copy"

    def test_an_agencys_longer_updates_of_its_first_take_are_still_found(self, client: TestClient) -> None:
        ids = self._store(client)
        # each update keeps the first take whole and adds fifteen sentences: most of its own
        # text is not shared, all of the first take's is
        bodies = [text.split("\n\n", 1)[1] for text in self.OTHER_STORIES]
        updates = [
            _post(
                client,
                "Coastal Press Agency",
                "\n\n".join([WIRE_STORY, *bodies[n:], *bodies[:n]]),
                published_at=f"2026-03-02T1{n}:00:00Z",
            )
            for n in range(3)
        ]
        body = _read(client, ids["wire"])
        assert sorted(_ids(body)) == sorted([*updates, ids["rewrite"]])

    def _aggregator_copy(self, client: TestClient) -> int:
        """Another outlet's copy of the hospital story, footer and all."""
        return _post(
            client,
            "News Aggregator",
            self.OTHER_STORIES[2] + self.FOOTER,
            published_at="2026-02-04T10:00:00Z",
        )

    def test_another_outlets_copy_of_one_story_is_not_a_version_of_the_others(
        self, client: TestClient
    ) -> None:
        ids = self._store(client)
        self._aggregator_copy(client)
        # the council story shares the footer with the copy, and no more
        body = _read(client, ids["others"][0])
        assert (body["data"], body["candidates"]) == ([], 0)

    def test_another_outlets_copy_with_the_footer_is_still_a_copy(self, client: TestClient) -> None:
        ids = self._store(client)
        copy = self._aggregator_copy(client)
        body = _read(client, ids["others"][2])
        assert [(v["article"]["id"], v["verdict"]) for v in body["data"]] == [(copy, "copy")]

    def test_the_copys_own_versions_are_the_story_it_copied_alone(self, client: TestClient) -> None:
        ids = self._store(client)
        copy = self._aggregator_copy(client)
        # the copy carries the Ledger's footer, which the Ledger's other three stories carry too
        body = _read(client, copy)
        assert [(v["article"]["id"], v["verdict"]) for v in body["data"]] == [(ids["others"][2], "copy")]
        assert body["candidates"] == 1

    def test_the_copy_derives_from_the_story_it_copied_alone(self, client: TestClient) -> None:
        ids = self._store(client)
        copy = self._aggregator_copy(client)
        body = _read(client, copy, "origin")
        assert (body["origin"]["id"], body["derives_from"]) == (ids["others"][2], [ids["others"][2]])

    BACKGROUND = (
        " The ferry company has run the crossing to Tarn Island since 1994 under a council licence "
        "that comes up for renewal next spring. Islanders depend on the service for groceries, "
        "hospital visits and the school run, and two petitions have called for a second operator."
    )
    FERRY_FILES = (
        "Ferry fares\n\nThe ferry company raised its winter fares by nine percent on Monday, blaming "
        "the cost of diesel and new safety checks. A return ticket for a car and two adults now costs "
        "eighty pounds. The island's councillor called the rise a tax on people who have no other way "
        "home. The company said pensioners would keep their discount until the end of March. Hauliers "
        "warned that shop prices on the island would follow the fares up within weeks.",
        "Ferry timetable\n\nA storm cancelled every sailing to Tarn Island on Thursday and the "
        "harbour master closed the slipway until the swell eased. Lorries carrying fuel and "
        "medicines queued on the mainland quay overnight. The first crossing on Friday carried "
        "a doctor and the island's post. Forecasters expect another gale early next week. The "
        "primary school stayed shut because its two teachers live on the mainland.",
        "Ferry inspection\n\nMaritime inspectors boarded the older of the two ferries on Saturday and "
        "ordered repairs to a lifeboat davit before it sails again. The newer vessel will run a "
        "reduced timetable in the meantime. Engineers from the shipyard at Kellan Point are expected "
        "on board within days. The company said no passenger had been at risk. Its last inspection, "
        "two years ago, found rust on the car deck that was repaired the same winter.",
    )

    def test_an_agencys_standing_background_names_no_other_file_of_its_story(
        self, client: TestClient
    ) -> None:
        ids = self._store(client)
        # three earlier files of the agency's running story, each its own news and the background
        for day, text in enumerate(self.FERRY_FILES, start=1):
            _post(
                client,
                "Coastal Press Agency",
                text + self.BACKGROUND,
                published_at=f"2026-02-2{day}T10:00:00Z",
            )
        paper = _post(
            client, "Harbour Gazette", WIRE_STORY + self.BACKGROUND, published_at="2026-03-03T07:00:00Z"
        )
        body = _read(client, paper)
        # the agency's story and the Ledger's rewrite of it; the other files share the background alone
        assert sorted(_ids(body)) == sorted([ids["wire"], ids["rewrite"]])
        # the files are not even candidates: nothing of them was compared
        assert (body["candidates"], body["excluded"]) == (2, [])

    #: A paper's own report that took four of the wire story's sentences among ten of its own.
    ISLAND_REACTION = (
        "Island reacts to skipper's jail term\n\n"
        "People on Tarn Island gathered in the village hall last night to talk about the future of their "
        "ferry link. A ferry captain who crashed his vessel into a crowded pier at Port Elwin was jailed "
        "for four years at Barrowford Crown Court today. The court heard that Hale had drunk four pints "
        "of cider in the Anchor Inn an hour before sailing. Martin Hale, 52, of Quay Street, Port Elwin, "
        "admitted endangering life after the Sea Lark struck the pier at 14 knots on August 3 last year. "
        "Eleven passengers and two anglers on the pier were taken to hospital, and a girl of nine lost two "
        "fingers. Parish council chairman Tom Ellery said many older residents were now afraid to make the "
        "crossing. The island's only doctor, who lives on the mainland, has asked for a boat of her own for "
        "emergencies. Fishermen in the harbour said they had raised concerns about the ferry's speed for "
        "years. A petition calling for a public inquiry has collected more than 900 signatures in a week. "
        "The local MP has promised to raise the matter in Parliament when it returns next month. Children "
        "from the island school will travel to the mainland by lifeboat on Monday for exams. The island "
        "shop has started stocking extra tinned food in case sailings are cancelled again. Holiday cottage "
        "owners said bookings for the summer had fallen by a third since the crash. A second meeting will "
        "be held next week with representatives of the ferry company."
    )

    def test_an_agencys_updates_of_a_story_a_paper_took_from_are_still_its_versions(
        self, client: TestClient
    ) -> None:
        # each update keeps the first take and leads with news of its own; the paper shares the same
        # four sentences with all four files, under half of its text with each
        title, body = WIRE_STORY.split("\n\n", 1)
        ledes = (
            "Martin Hale, the ferry captain jailed today, will appeal against his sentence.",
            "Elwin Ferries has suspended two more of its masters pending a review of alcohol testing.",
            "The Maritime and Coastguard Agency said it would introduce random breath tests for crews.",
        )
        wire = _post(client, "Coastal Press Agency", WIRE_STORY, published_at="2026-03-02T10:00:00Z")
        updates = [
            _post(
                client,
                "Coastal Press Agency",
                f"{title} (update {n})\n\n{lede} {body}",
                published_at=f"2026-03-02T1{n + 1}:00:00Z",
            )
            for n, lede in enumerate(ledes, start=1)
        ]
        paper = _post(client, "Island Gazette", self.ISLAND_REACTION, published_at="2026-03-03T06:00:00Z")
        assert sorted(_ids(_read(client, paper))) == sorted([wire, *updates])
        assert _read(client, paper, "origin")["origin"]["id"] == wire

    def test_a_papers_revisions_of_its_report_are_still_versions_of_the_wire(
        self, client: TestClient
    ) -> None:
        wire = _post(client, "Coastal Press Agency", WIRE_STORY, published_at="2026-03-02T10:00:00Z")
        revisions = [
            _post(
                client,
                "Island Gazette",
                self.ISLAND_REACTION + edit,
                url="https://gazette.example/island-reacts",
                published_at=f"2026-03-03T0{hour}:00:00Z",
            )
            for hour, edit in (
                (6, ""),
                (7, " Updated: the meeting will now be held on Thursday."),
                (8, " Updated: the ferry company has agreed to attend the meeting."),
            )
        ]
        body = _read(client, wire)
        assert {v["article"]["id"]: v["pickup"]["is_pickup"] for v in body["data"]} == dict.fromkeys(
            revisions, True
        )


class TestDirection:
    """A related version's ``pickup`` says whether it derives from the article: one published
    before it cannot (the article may derive from it, which its origin says)."""

    def test_the_wire_story_published_before_a_rewrite_is_no_pickup_of_it(self, client: TestClient) -> None:
        wire = _post(client, "Coastal Press Agency", WIRE_STORY, published_at="2026-03-02T10:00:00Z")
        rewrite = _post(client, "Island Gazette", REWRITE, published_at="2026-03-02T17:00:00Z")
        (version,) = _read(client, rewrite)["data"]
        assert (version["article"]["id"], version["pickup"]["is_pickup"]) == (wire, False)
        assert version["pickup"]["reasons"][0] == "published before this article"
        assert version["pickup"]["probability"] > version["pickup"]["threshold"]
        assert _read(client, rewrite, "origin")["origin"]["id"] == wire
        (version,) = _read(client, wire)["data"]
        assert (version["article"]["id"], version["pickup"]["is_pickup"]) == (rewrite, True)

    def test_a_version_published_before_that_is_no_pickup_on_its_words_says_so_too(
        self, client: TestClient
    ) -> None:
        wire = _post(client, "Coastal Press Agency", WIRE_STORY, published_at="2026-03-02T10:00:00Z")
        same_event = _post(client, "Morning Post", SAME_EVENT, published_at="2026-03-01T06:00:00Z")
        (version,) = _read(client, wire)["data"]
        assert (version["article"]["id"], version["pickup"]["is_pickup"]) == (same_event, False)
        assert version["pickup"]["probability"] < version["pickup"]["threshold"]
        assert version["pickup"]["reasons"][0] == "published before this article"

    def test_an_undated_wire_story_is_the_origin_of_a_dated_rewrite_and_its_own(
        self, client: TestClient
    ) -> None:
        wire = _post(client, "Coastal Press Agency", WIRE_STORY)
        rewrite = _post(client, "Island Gazette", REWRITE, published_at="2026-03-02T17:00:00Z")
        assert _read(client, rewrite, "origin")["origin"]["id"] == wire
        assert _read(client, wire, "origin")["origin"]["id"] == wire

    def test_of_two_rules_the_first_that_kept_the_version_out_is_its_first_reason(
        self, client: TestClient
    ) -> None:
        # the paper's rewrite of the appeal story is published before the first story, filed
        # again later, and takes its words from the appeal story: both rules hold, in that order
        appeal = _post(client, "Coastal Press Agency", APPEAL_WIRE, published_at="2026-04-02T10:00:00Z")
        rewrite = _post(client, "Daily Ledger", APPEAL_REWRITE, published_at="2026-04-03T06:00:00Z")
        wire = _post(client, "Coastal Press Agency", WIRE_STORY, published_at="2026-04-05T10:00:00Z")
        version = {v["article"]["id"]: v for v in _read(client, wire)["data"]}[rewrite]
        assert version["pickup"]["reasons"][:2] == [
            "published before this article",
            f"takes its words from article {appeal}, another file of Coastal Press Agency",
        ]

    def test_a_wire_agencys_story_of_the_same_moment_is_no_pickup_of_an_outlets_copy(
        self, client: TestClient
    ) -> None:
        wire = _post(client, "Reuters", WIRE_STORY, published_at="2026-03-02T10:00:00Z")
        rewrite = _post(client, "Island Gazette", REWRITE, published_at="2026-03-02T10:00:00Z")
        (version,) = _read(client, rewrite)["data"]
        assert (version["article"]["id"], version["pickup"]["is_pickup"]) == (wire, False)
        assert version["pickup"]["reasons"][0] == "a wire agency's story, not published after this article"
        (version,) = _read(client, wire)["data"]
        assert (version["article"]["id"], version["pickup"]["is_pickup"]) == (rewrite, True)

    def test_a_wire_agencys_story_published_after_an_outlets_is_judged_on_its_words(
        self, client: TestClient
    ) -> None:
        report = _post(client, "Island Gazette", WIRE_STORY, published_at="2026-03-02T06:00:00Z")
        follow_up = _post(client, "Reuters", REWRITE, published_at="2026-03-02T10:00:00Z")
        (version,) = _read(client, report)["data"]
        assert (version["article"]["id"], version["pickup"]["is_pickup"]) == (follow_up, True)

    def test_undated_versions_are_judged_by_their_text_alone(self, client: TestClient) -> None:
        wire = _post(client, "Coastal Press Agency", WIRE_STORY)
        rewrite = _post(client, "Island Gazette", REWRITE, published_at="2026-03-02T17:00:00Z")
        (version,) = _read(client, rewrite)["data"]
        assert (version["article"]["id"], version["pickup"]["is_pickup"]) == (wire, True)


class TestOrigin:
    @pytest.mark.parametrize(
        "copy_published_at", ["2026-03-02T10:00:00Z", None], ids=["same time", "undated"]
    )
    def test_a_wire_agencys_story_is_its_own_origin_beside_an_outlets_copy_stored_first(
        self, client: TestClient, copy_published_at: str | None
    ) -> None:
        copy = _post(client, "Island Gazette", WIRE_STORY, published_at=copy_published_at)
        wire = _post(client, "Reuters", WIRE_STORY, published_at="2026-03-02T10:00:00Z")
        wire_origin = _read(client, wire, "origin")
        assert (wire_origin["origin"]["id"], wire_origin["is_original"], wire_origin["derives_from"]) == (
            wire,
            True,
            [],
        )
        copy_origin = _read(client, copy, "origin")
        assert (copy_origin["origin"]["id"], copy_origin["derives_from"]) == (wire, [wire])

    def test_the_wire_story_is_the_origin_behind_more_copies_than_a_list_shows(
        self, client: TestClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        wire = _post(client, "Coastal Press Agency", WIRE_STORY, published_at="2026-03-02T10:00:00Z")
        rewrite = _post(client, "Island Gazette", REWRITE, published_at="2026-03-02T17:00:00Z")
        for hour, outlet in enumerate(("Echo Daily", "Harbour Gazette", "News Aggregator", "Tarn Times"), 18):
            _post(client, outlet, REWRITE, published_at=f"2026-03-02T{hour}:00:00Z")
        # the four later copies are the rewrite's pickups and fill a list of three before the wire
        monkeypatch.setattr(related, "MAX_LIMIT", 3)
        body = _read(client, rewrite, "origin")
        assert (body["origin"]["id"], body["is_original"], body["derives_from"]) == (wire, False, [wire])

    def test_a_copy_crediting_reuters_comes_from_the_reuters_article(
        self, client: TestClient, seeds: list[int]
    ) -> None:
        response = client.get("/v1/articles/1/origin")
        assert response.status_code == 200
        body = response.json()
        assert (body["origin"]["id"], body["is_original"], body["verdict"]) == (2, False, "copy")
        assert body["comparison"] == "/v1/articles/2/compare/1"
        evidence = body["evidence"]
        assert (evidence["credits"], evidence["credit_matches"], evidence["credit_dropped"]) == (
            ["Reuters"],
            True,
            False,
        )

    def test_a_version_that_dropped_the_credit_comes_from_the_wire_original(
        self, client: TestClient, seeds: list[int]
    ) -> None:
        response = client.get("/v1/articles/3/origin")
        assert response.status_code == 200
        body = response.json()
        assert (body["origin"]["id"], body["verdict"]) == (2, "derived")
        evidence = body["evidence"]
        assert (evidence["credits"], evidence["origin_credits"], evidence["credit_dropped"]) == (
            [],
            ["Reuters"],
            True,
        )

    def test_the_evidence_is_the_engines_kept_and_reworded_sentences(
        self, client: TestClient, seeds: list[int]
    ) -> None:
        response = client.get("/v1/articles/3/origin")
        assert response.status_code == 200
        evidence = response.json()["evidence"]
        result = compare(seed_text("001"), seed_text("002"))
        origin = {s.index: s.text for s in result.base.sentences}
        article = {s.index: s.text for s in result.other.sentences}
        shared = [
            {
                "op": group.op,
                "origin": " ".join(origin[i] for i in group.base),
                "article": " ".join(article[j] for j in group.other),
            }
            for group in result.alignment
            if group.op in ("kept", "reworded")
        ]
        assert evidence["shared_sentence_count"] == len(shared)
        assert evidence["shared_sentences"] == shared[:5]
        assert any(
            s["op"] == "kept" and s["origin"].startswith("The Kremlin said on Friday")
            for s in evidence["shared_sentences"]
        )

    def test_the_wire_original_is_its_own_origin(self, client: TestClient, seeds: list[int]) -> None:
        response = client.get("/v1/articles/2/origin")
        assert response.status_code == 200
        body = response.json()
        assert (body["origin"]["id"], body["is_original"], body["verdict"], body["comparison"]) == (
            2,
            True,
            None,
            None,
        )
        # the outlets' copies of the same day are no origin of an agency's story: their related
        # versions call it no pickup of theirs
        assert body["derives_from"] == []

    def test_a_story_that_comes_from_nothing_stored_is_its_own_origin(
        self, client: TestClient, seeds: list[int]
    ) -> None:
        response = client.get("/v1/articles/4/origin")
        assert response.status_code == 200
        body = response.json()
        assert (body["origin"]["id"], body["is_original"], body["derives_from"]) == (4, True, [])

    def test_without_credits_the_earliest_published_comes_first(self, client: TestClient) -> None:
        text = COPY.replace(", according to Reuters", "")
        later = _post(client, "Later Site", text, published_at="2019-06-03T00:00:00Z")
        earliest = _post(client, "Early Site", text + " ", published_at="2019-06-01T00:00:00Z")
        _post(client, "Middle Site", text + "  ", published_at="2019-06-02T00:00:00Z")
        response = client.get(f"/v1/articles/{later}/origin")
        assert response.status_code == 200
        assert response.json()["origin"]["id"] == earliest

    def test_a_matching_credit_comes_before_an_earlier_date(self, client: TestClient) -> None:
        early_copy = _post(client, "Early Site", COPY.replace(", according to Reuters", ""),
                           published_at="2019-05-30T00:00:00Z")  # fmt: skip
        wire = _post(client, "Reuters", WIRE, published_at="2019-05-31T00:00:00Z")
        crediting = _post(client, "Some Paper", COPY, published_at="2019-06-01T00:00:00Z")
        response = client.get(f"/v1/articles/{crediting}/origin")
        assert response.status_code == 200
        body = response.json()
        assert (body["origin"]["id"], body["evidence"]["credit_matches"]) == (wire, True)
        assert body["derives_from"] == [wire, early_copy]

    def test_an_outlets_copy_of_an_agencys_update_comes_from_the_update(self, client: TestClient) -> None:
        first = _post(client, "Reuters", STRIKE, published_at="2024-03-12T08:00:00Z")
        # an outlet's copy of the first story, its clock a few minutes fast
        _post(client, "Daily Planet", STRIKE.split("\n\n", 1)[1].replace(" (Reuters)", ""),
              published_at="2024-03-12T07:55:00Z")  # fmt: skip
        update = _post(client, "Reuters", STRIKE_UPDATE, published_at="2024-03-12T18:00:00Z")
        copy = STRIKE_UPDATE.replace("ROTTERDAM, March 12 (Reuters) - ", "").split("\n\n(Reporting")[0]
        evening = _post(client, "Evening Star", copy, published_at="2024-03-12T19:00:00Z")
        body = client.get(f"/v1/articles/{evening}/origin").json()
        assert (body["origin"]["id"], body["is_original"], body["verdict"]) == (update, False, "copy")
        assert first in body["derives_from"]

    def test_a_copy_of_an_update_that_changed_its_lede_and_one_toll_comes_from_the_update(
        self, client: TestClient
    ) -> None:
        update = STRIKE.replace(
            "Thousands of dockworkers walked off the job at the port of Rotterdam on Tuesday, halting "
            "operations at Europe's largest container terminals in a dispute over automation and pay.",
            "At least 31 container ships were stranded off Rotterdam on Tuesday evening as a dockworkers' "
            "strike over automation and pay halted Europe's largest container terminals.",
        ).replace("at least 23 container ships", "at least 31 container ships")
        _post(client, "Reuters", STRIKE, published_at="2024-03-12T08:00:00Z")
        evening = _post(client, "Reuters", update, published_at="2024-03-12T18:00:00Z")
        copy = (
            update.split("\n\n", 1)[1]
            .replace("ROTTERDAM, March 12 (Reuters) - ", "")
            .split("\n\n(Reporting")[0]
        )
        outlet = _post(client, "Evening Star", copy, published_at="2024-03-12T19:00:00Z")
        assert client.get(f"/v1/articles/{outlet}/origin").json()["origin"]["id"] == evening

    def test_an_agency_republishing_another_agencys_story_under_its_own_credit_comes_from_it(
        self, client: TestClient
    ) -> None:
        wire = _post(client, "Reuters", STRIKE, published_at="2024-03-12T08:00:00Z")
        republished = STRIKE.replace("(Reuters)", "(AA)").split("\n\n(Reporting")[0]
        anadolu = _post(client, "Anadolu Agency", republished, published_at="2024-03-12T09:00:00Z")
        body = client.get(f"/v1/articles/{anadolu}/origin").json()
        assert (body["origin"]["id"], body["is_original"], body["evidence"]["credit_dropped"]) == (
            wire,
            False,
            True,
        )

    def test_an_agency_story_is_its_own_origin_beside_an_outlets_copy_dated_before_it(
        self, client: TestClient
    ) -> None:
        wire = _post(client, "Reuters", STRIKE, published_at="2024-03-12T08:00:00Z")
        _post(client, "Daily Planet", STRIKE.split("\n\n", 1)[1].replace(" (Reuters)", ""),
              published_at="2024-03-12T07:55:00Z")  # fmt: skip
        body = client.get(f"/v1/articles/{wire}/origin").json()
        assert (body["origin"]["id"], body["is_original"]) == (wire, True)

    def test_a_version_published_later_is_never_the_origin(self, client: TestClient) -> None:
        original = _post(client, "Some Paper", COPY, published_at="2019-06-01T00:00:00Z")
        _post(client, "Reuters", WIRE, published_at="2019-06-02T00:00:00Z")
        response = client.get(f"/v1/articles/{original}/origin")
        assert response.status_code == 200
        assert (response.json()["origin"]["id"], response.json()["derives_from"]) == (original, [])

    def test_an_undated_copy_of_a_rewrite_leaves_the_wire_story_the_rewrites_origin(
        self, client: TestClient
    ) -> None:
        wire = _post(client, "Coastal Press Agency", WIRE_STORY, published_at="2026-03-02T10:00:00Z")
        rewrite = _post(client, "Island Gazette", REWRITE, published_at="2026-03-02T17:00:00Z")
        # the paper's rewrite stored again, undated, with a word changed
        copy = _post(client, "Island Gazette", REWRITE.replace("yesterday", "on Monday"))
        body = _read(client, rewrite, "origin")
        assert (body["origin"]["id"], body["is_original"], body["derives_from"]) == (wire, False, [wire])
        assert _read(client, copy, "origin")["origin"]["id"] == rewrite
        assert _read(client, wire, "origin")["is_original"] is True

    def test_a_wire_story_and_its_undated_copy_do_not_name_each_other_as_origin(
        self, client: TestClient
    ) -> None:
        wire = _post(client, "Reuters", STRIKE, published_at="2024-03-12T08:00:00Z")
        copy = _post(client, "Reuters", STRIKE.replace("Tuesday", "Tuesday morning"))
        body = _read(client, wire, "origin")
        assert (body["origin"]["id"], body["is_original"], body["derives_from"]) == (wire, True, [])
        assert _read(client, copy, "origin")["origin"]["id"] == wire

    def test_unknown_article_is_404(self, client: TestClient) -> None:
        response = client.get("/v1/articles/999/origin")
        assert response.status_code == 404
        assert response.json()["detail"] == "Article 999 not found"


EARNINGS_WIRE = (
    "Halvard Foods forecasts quarterly revenue above estimates\n\n"
    "May 8 (Reuters) - Halvard Foods Inc forecast second-quarter revenue above Wall Street estimates "
    "on Wednesday, betting on strong demand for its frozen meals.\n"
    "Shares of the company rose 4% in extended trading.\n"
    "Halvard expects revenue of $2.68 billion to $2.74 billion for the quarter ending June, compared "
    "with analysts' average estimate of $2.65 billion, according to LSEG data.\n"
    "\u201cDemand remains healthy, and shoppers are trading up,\u201d Chief Executive Mara Lindqvist said "
    "on a call with analysts.\n"
    "Volumes rose 9.6% to 132.6 million cases in the first quarter.\n"
    "Revenue rose 18% to $2.14 billion in the quarter, beating estimates of $2.06 billion.\n"
    "The company said it expects a modest slowdown in growth in the third quarter."
)
#: Another company's results in the same agency template, as an outlet ran them.
EARNINGS_OTHER_COMPANY = (
    "Brightwater Cable forecasts quarterly profit below estimates\n\n"
    "May 8 - Brightwater Cable Inc forecast second-quarter profit below Wall Street estimates on "
    "Wednesday, as the broadband company steps up spending on its network.\n"
    "Shares of the company fell 10% in extended trading.\n"
    "Brightwater expects adjusted profit of $425 million to $475 million for the quarter ending June, "
    "compared with analysts' average estimate of $484.3 million, according to LSEG data.\n"
    "\u201cWe continue to see strong growth in new markets,\u201d Chief Executive Tom Akers said in a "
    "letter to shareholders.\n"
    "Subscribers rose 21% to 6.2 million in the first quarter.\n"
    "Revenue rose 23% to $2.51 billion in the quarter, beating estimates of $2.45 billion.\n"
    "The company said it would keep investing in its network."
)

#: Another company's results in the template's very words: the engine reads a copy, the figures and
#: the company's name say another story.
EARNINGS_TEMPLATE_FOLLOWED = (
    "Norrland Dairy forecasts quarterly revenue above estimates\n\n"
    "May 8 - Norrland Dairy Inc forecast second-quarter revenue above Wall Street estimates "
    "on Wednesday, betting on strong demand for its yogurts.\n"
    "Shares of the company rose 7% in extended trading.\n"
    "Norrland expects revenue of $1.12 billion to $1.16 billion for the quarter ending June, compared "
    "with analysts' average estimate of $1.09 billion, according to LSEG data.\n"
    "\u201cDemand remains healthy, and shoppers are trading up,\u201d Chief Executive Jonas Berg said "
    "on a call with analysts.\n"
    "Volumes rose 5.1% to 48.3 million cases in the first quarter.\n"
    "Revenue rose 11% to $1.03 billion in the quarter, beating estimates of $0.98 billion.\n"
    "The company said it expects a modest slowdown in growth in the third quarter."
)

#: An agency's report of strikes, for a copy that inflates its tolls and names one side otherwise.
STRIKES = (
    "Israeli strikes kill 12 in Gaza refugee camp\n\n"
    "GAZA, May 14 (Reuters) - Israeli air strikes killed at least 12 people in the Nuseirat refugee camp "
    "in central Gaza on Tuesday, health officials said.\n"
    "Medics said 30 people were wounded in the strikes, which hit two homes near a school.\n"
    "Israeli military said it had targeted a militant command centre and took steps to limit harm to "
    "civilians.\n"
    "About 1.7 million people have been displaced across the enclave since October, according to the "
    "United Nations.\n"
    "Residents said rescuers were searching for survivors under the rubble."
)


class TestPickups:
    @staticmethod
    def _store(client: TestClient) -> dict[str, int]:
        return {
            "wire": _post(client, "Coastal Press Agency", WIRE_STORY, published_at="2026-03-02T10:00:00Z"),
            "rewrite": _post(client, "Daily Ledger", REWRITE, published_at="2026-03-03T06:00:00Z"),
            "same_event": _post(client, "Morning Post", SAME_EVENT, published_at="2026-03-03T06:00:00Z"),
            "other_story": _post(client, "Valley Herald", LIBRARY_STORY, published_at="2026-03-03T06:00:00Z"),
        }

    def _related(self, client: TestClient, ids: dict[str, int]) -> dict[int, dict[str, Any]]:
        response = client.get(f"/v1/articles/{ids['wire']}/related")
        assert response.status_code == 200
        return {version["article"]["id"]: version for version in response.json()["data"]}

    def test_a_rewrite_keeping_three_of_twelve_sentences_is_a_pickup(self, client: TestClient) -> None:
        ids = self._store(client)
        rewrite = self._related(client, ids)[ids["rewrite"]]["pickup"]
        assert rewrite["is_pickup"] is True
        assert rewrite["probability"] >= rewrite["threshold"]

    def test_a_brief_of_the_lede_in_its_own_words_is_a_pickup(self, client: TestClient) -> None:
        ids = self._store(client)
        brief = _post(client, "Evening Star", BRIEF, published_at="2026-03-02T16:00:00Z")
        pickup = self._related(client, ids)[brief]["pickup"]
        assert pickup["evidence"]["fivegram_containment"] == 0.0
        assert pickup["is_pickup"] is True
        assert pickup["probability"] >= pickup["threshold"]
        assert all(reason.rsplit(" ", 1)[1][0] in "+-" for reason in pickup["reasons"])

    def test_a_same_event_report_with_its_own_quotes_is_related_not_a_pickup(
        self, client: TestClient
    ) -> None:
        ids = self._store(client)
        same_event = self._related(client, ids)[ids["same_event"]]
        assert same_event["verdict"] == "related"
        assert same_event["pickup"]["is_pickup"] is False
        assert same_event["pickup"]["probability"] < same_event["pickup"]["threshold"]

    def test_an_article_of_another_story_is_not_a_candidate(self, client: TestClient) -> None:
        ids = self._store(client)
        response = client.get(f"/v1/articles/{ids['wire']}/related")
        assert response.status_code == 200
        assert ids["other_story"] not in _ids(response.json())
        assert ids["other_story"] not in response.json()["excluded"]

    @staticmethod
    def _earnings_version(client: TestClient, outlet_text: str) -> tuple[int, dict[str, Any]]:
        """The outlet's article, as the only version the Reuters earnings story lists."""
        wire = _post(client, "Reuters", EARNINGS_WIRE, published_at="2026-05-08T20:10:00Z")
        outlet = _post(client, "Markets Digest", outlet_text, published_at="2026-05-08T21:00:00Z")
        [version] = _read(client, wire)["data"]
        return outlet, version

    def test_another_company_s_results_in_the_same_template_are_no_pickup(self, client: TestClient) -> None:
        other, version = self._earnings_version(client, EARNINGS_OTHER_COMPANY)
        assert (version["article"]["id"], version["verdict"], version["pickup"]["is_pickup"]) == (
            other,
            "related",
            False,
        )
        assert version["pickup"]["reasons"][0] == (
            "another story in the same words: 9 figures changed, 0 kept, names swapped"
        )

    def test_another_company_s_results_following_the_template_closely_are_no_pickup(
        self, client: TestClient
    ) -> None:
        other, version = self._earnings_version(client, EARNINGS_TEMPLATE_FOLLOWED)
        assert (version["article"]["id"], version["verdict"], version["pickup"]["is_pickup"]) == (
            other,
            "copy",
            False,
        )
        assert version["pickup"]["reasons"][0] == (
            "another story in the same words: 9 figures changed, 0 kept, names swapped"
        )

    def test_a_copy_with_figures_altered_is_still_a_pickup(self, client: TestClient) -> None:
        altered = EARNINGS_WIRE.replace("rose 4%", "rose 14%").replace("$2.14 billion", "$2.41 billion")
        copy, version = self._earnings_version(client, altered)
        assert (version["article"]["id"], version["verdict"], version["pickup"]["is_pickup"]) == (
            copy,
            "copy",
            True,
        )
        assert (
            version["pickup"]["evidence"]["figures_changed"],
            version["pickup"]["evidence"]["names_swapped"],
        ) == (
            2,
            0,
        )

    def test_a_copy_with_figures_falsified_and_one_name_changed_throughout_is_still_a_pickup(
        self, client: TestClient
    ) -> None:
        wire = _post(client, "Reuters", STRIKES, published_at="2024-05-14T08:00:00Z")
        falsified = (
            STRIKES.replace("GAZA, May 14 (Reuters) - ", "")
            .replace("Israeli strikes kill 12", "Zionist strikes kill 40")
            .replace("Israeli air strikes killed at least 12", "Zionist air strikes killed at least 40")
            .replace("30 people were wounded", "100 people were wounded")
            .replace("Israeli military said", "Zionist military said")
            .replace("two homes", "four homes")
        )
        copy = _post(client, "Press TV", falsified, published_at="2024-05-14T10:00:00Z")
        [version] = _read(client, wire)["data"]
        evidence = version["pickup"]["evidence"]
        assert (evidence["figures_changed"], evidence["figures_kept"], evidence["names_swapped"]) == (4, 1, 1)
        assert (version["article"]["id"], version["verdict"], version["pickup"]["is_pickup"]) == (
            copy,
            "copy",
            True,
        )

    def test_pickups_come_first(self, client: TestClient) -> None:
        ids = self._store(client)
        response = client.get(f"/v1/articles/{ids['wire']}/related")
        assert response.status_code == 200
        assert _ids(response.json()) == [ids["rewrite"], ids["same_event"]]

    def test_the_evidence_is_what_the_two_share_from_both_sides(self, client: TestClient) -> None:
        ids = self._store(client)
        pickup = self._related(client, ids)[ids["rewrite"]]["pickup"]
        evidence = pickup["evidence"]
        assert set(evidence) == {
            "pair_containment",
            "base_pair_containment",
            "other_from_base",
            "base_retained",
            "verdict",
            "bigram_containment",
            "fivegram_containment",
            "base_trigram_containment",
            "judged_pickup",
            "fragment_containment",
            "figures_changed",
            "figures_kept",
            "names_swapped",
        }
        # the rewrite is half wire text, and keeps a quarter of the wire
        assert evidence["pair_containment"] > evidence["base_pair_containment"]
        assert evidence["fivegram_containment"] > evidence["base_trigram_containment"]
        assert 1 <= len(pickup["reasons"]) <= 3
        assert all(reason.rsplit(" ", 1)[1][0] in "+-" for reason in pickup["reasons"])

    def test_the_origin_of_the_rewrite_is_the_wire_story_with_its_pickup_evidence(
        self, client: TestClient
    ) -> None:
        ids = self._store(client)
        response = client.get(f"/v1/articles/{ids['rewrite']}/origin")
        assert response.status_code == 200
        body = response.json()
        assert (body["origin"]["id"], body["is_original"], body["derives_from"]) == (
            ids["wire"],
            False,
            [ids["wire"]],
        )
        assert body["pickup"]["is_pickup"] is True

    def test_among_two_wire_stories_of_the_event_the_origin_is_the_one_the_rewrite_reuses(
        self, client: TestClient
    ) -> None:
        ids = self._store(client)
        reaction = _post(client, "Coastal Press Agency", WIRE_REACTION, published_at="2026-03-02T09:00:00Z")
        response = client.get(f"/v1/articles/{ids['rewrite']}/origin")
        assert response.status_code == 200
        body = response.json()
        assert body["origin"]["id"] == ids["wire"]
        assert reaction not in body["derives_from"]

    def test_a_rewrite_of_the_agencys_later_story_is_that_storys_pickup_alone(
        self, client: TestClient
    ) -> None:
        # the appeal story repeats two background sentences of the first, and the paper's short
        # rewrite of it keeps both: half its text is the first story's, word for word
        ids = self._store(client)
        appeal = _post(client, "Coastal Press Agency", APPEAL_WIRE, published_at="2026-04-02T10:00:00Z")
        rewrite = _post(client, "Daily Ledger", APPEAL_REWRITE, published_at="2026-04-03T06:00:00Z")
        first = self._related(client, ids)[rewrite]
        assert (first["verdict"], first["pickup"]["is_pickup"]) == ("copy", False)
        assert first["pickup"]["probability"] >= first["pickup"]["threshold"]
        assert first["pickup"]["reasons"][0] == (
            f"takes its words from article {appeal}, another file of Coastal Press Agency"
        )
        (own,) = [v for v in _read(client, appeal)["data"] if v["article"]["id"] == rewrite]
        assert own["pickup"]["is_pickup"] is True
        assert _read(client, rewrite, "origin")["origin"]["id"] == appeal

    def test_a_paper_that_also_takes_what_only_the_first_story_says_is_a_pickup_of_both(
        self, client: TestClient
    ) -> None:
        # the appeal story's own paragraphs, its background, and two sentences of the first story
        # the appeal story does not repeat
        ids = self._store(client)
        appeal = _post(client, "Coastal Press Agency", APPEAL_WIRE, published_at="2026-04-02T10:00:00Z")
        own = APPEAL_WIRE.split("\n\n", 1)[1].replace("By a Staff Reporter, Coastal Press Agency\n\n", "")
        both = (
            "Ferry captain's appeal fails\n\n"
            + own
            + " Judge Anthony Carrow also banned Hale from commanding any vessel for ten years."
            " The company was fined 40,000 pounds last month for failing to check the fitness of its crews."
        )
        combined = _post(client, "Daily Ledger", both, published_at="2026-04-03T06:00:00Z")
        first = self._related(client, ids)[combined]["pickup"]
        (of_appeal,) = [v for v in _read(client, appeal)["data"] if v["article"]["id"] == combined]
        assert (first["is_pickup"], of_appeal["pickup"]["is_pickup"]) == (True, True)
        assert set(_read(client, combined, "origin")["derives_from"]) == {ids["wire"], appeal}

    def test_a_rewrite_of_the_agencys_update_of_the_story_is_still_a_pickup_of_the_first_take(
        self, client: TestClient
    ) -> None:
        # the update keeps the first take whole under a new lede, which the paper's rewrite adds
        ids = self._store(client)
        title, body = WIRE_STORY.split("\n\n", 1)
        lede = "Martin Hale, the ferry captain jailed today, will appeal against his sentence."
        update = _post(
            client, "Coastal Press Agency", f"{title}\n\n{lede} {body}", published_at="2026-03-02T12:00:00Z"
        )
        rewrite = _post(client, "Island Gazette", f"{REWRITE} {lede}", published_at="2026-03-03T06:00:00Z")
        related = self._related(client, ids)
        assert (related[update]["pickup"]["is_pickup"], related[rewrite]["pickup"]["is_pickup"]) == (
            True,
            True,
        )

    def test_a_same_event_report_is_its_own_origin(self, client: TestClient) -> None:
        ids = self._store(client)
        response = client.get(f"/v1/articles/{ids['same_event']}/origin")
        assert response.status_code == 200
        body = response.json()
        assert (body["origin"]["id"], body["is_original"], body["pickup"], body["derives_from"]) == (
            ids["same_event"],
            True,
            None,
            [],
        )


class TestOtherSourcesOfOneStory:
    """What newsrooms store beside a wire story that METER, one agency's stories and the papers
    written from them, does not hold: another agency at the same news conference, the press
    release both rewrote, next week's figures in the same template, the agency's correction."""

    @staticmethod
    def _version(client: TestClient, article: int, version: int) -> dict[str, Any]:
        [found] = [v for v in _read(client, article)["data"] if v["article"]["id"] == version]
        return found

    @pytest.mark.parametrize("report", [PORT_STRIKE_AP, PORT_STRIKE_AP_REWORDED])
    def test_another_agencys_report_of_one_news_conference_is_no_pickup(
        self, client: TestClient, report: str
    ) -> None:
        reuters = _post(client, "Reuters", PORT_STRIKE_REUTERS, published_at="2026-11-18T14:05:00Z")
        ap = _post(client, "AP", report, published_at="2026-11-18T15:10:00Z")
        pickup = self._version(client, reuters, ap)["pickup"]
        assert pickup["is_pickup"] is False
        assert pickup["reasons"][0] == "another agency's own report: its own words, not crediting Reuters"
        origin = _read(client, ap, "origin")
        assert (origin["origin"]["id"], origin["is_original"], origin["derives_from"]) == (ap, True, [])

    def test_a_state_agencys_uncredited_rewrite_in_the_wires_words_is_its_pickup(
        self, client: TestClient
    ) -> None:
        reuters = _post(client, "Reuters", PORT_STRIKE_REUTERS, published_at="2026-11-18T14:05:00Z")
        sana = _post(client, "SANA", PORT_STRIKE_SANA, published_at="2026-11-18T16:00:00Z")
        pickup = self._version(client, reuters, sana)["pickup"]
        assert pickup["is_pickup"] is True
        assert not pickup["reasons"][0].startswith("another agency's own report")
        assert _read(client, sana, "origin")["origin"]["id"] == reuters

    def test_another_agencys_rewrite_naming_the_first_in_any_phrasing_is_its_pickup(
        self, client: TestClient
    ) -> None:
        reuters = _post(client, "Reuters", PORT_STRIKE_REUTERS, published_at="2026-11-18T14:05:00Z")
        naming = PORT_STRIKE_AP_REWORDED + "\nReuters first reported the agreement."
        afp = _post(client, "AFP", naming, published_at="2026-11-18T15:10:00Z")
        pickup = self._version(client, reuters, afp)["pickup"]
        assert pickup["is_pickup"] is True
        assert _read(client, afp, "origin")["origin"]["id"] == reuters

    def test_an_outlets_copy_dated_by_its_day_alone_is_no_source_of_the_agency_story(
        self, client: TestClient
    ) -> None:
        _post(client, "Department for Education", MEALS_RELEASE, published_at="2026-11-16T09:30:00Z")
        reuters = _post(client, "Reuters", MEALS_REUTERS, published_at="2026-11-16T10:15:00Z")
        copy = MEALS_REUTERS.replace("LONDON (Reuters) - ", "") + "\nThis story was provided by Reuters."
        _post(client, "Daily Echo", copy, published_at="2026-11-16T00:00:00Z")
        later = _post(client, "Western Mail", copy + "\nMore on page 6.", published_at="2026-11-16T13:00:00Z")
        pickup = self._version(client, reuters, later)["pickup"]
        assert pickup["is_pickup"] is True
        assert _read(client, later, "origin")["origin"]["id"] == reuters

    def test_another_agencys_report_crediting_the_first_is_its_pickup(self, client: TestClient) -> None:
        reuters = _post(client, "Reuters", PORT_STRIKE_REUTERS, published_at="2026-11-18T14:05:00Z")
        crediting = PORT_STRIKE_AP_REWORDED.replace("de Groot said.", "de Groot told Reuters.")
        ap = _post(client, "AP", crediting, published_at="2026-11-18T15:10:00Z")
        assert self._version(client, reuters, ap)["pickup"]["is_pickup"] is True
        assert _read(client, ap, "origin")["origin"]["id"] == reuters

    def test_a_papers_rewrite_of_a_release_the_agency_also_rewrote_is_no_pickup_of_the_agency(
        self, client: TestClient
    ) -> None:
        release = _post(
            client, "Department for Education", MEALS_RELEASE, published_at="2026-11-16T09:30:00Z"
        )
        reuters = _post(client, "Reuters", MEALS_REUTERS, published_at="2026-11-16T10:15:00Z")
        paper = _post(client, "Yorkshire Evening Post", MEALS_PAPER, published_at="2026-11-16T11:40:00Z")
        pickup = self._version(client, reuters, paper)["pickup"]
        assert pickup["is_pickup"] is False
        assert pickup["reasons"][0] == (
            f"takes its words from article {release} of Department for Education, "
            "published before this article"
        )
        assert self._version(client, release, paper)["pickup"]["is_pickup"] is True
        origin = _read(client, paper, "origin")
        assert (origin["origin"]["id"], origin["derives_from"]) == (release, [release])

    def test_the_same_figures_changed_within_a_day_are_still_judged_on_the_words(
        self, client: TestClient
    ) -> None:
        first = _post(client, "Reuters", CLAIMS_WEEK_1, published_at="2026-11-12T13:30:00Z")
        altered = _post(client, "Market Pulse", CLAIMS_WEEK_2, published_at="2026-11-12T20:30:00Z")
        pickup = self._version(client, first, altered)["pickup"]
        assert pickup["is_pickup"] is True

    def test_an_outlets_copy_of_the_correction_comes_from_the_correction(self, client: TestClient) -> None:
        first = _post(client, "Reuters", STORM, published_at="2026-11-19T09:10:00Z")
        corrected = _post(client, "Reuters", STORM_CORRECTED, published_at="2026-11-19T11:00:00Z")
        republished = _post(
            client, "NewsNow Aggregator", STORM_REPUBLISHED, published_at="2026-11-19T11:20:00Z"
        )
        origin = _read(client, republished, "origin")
        assert (origin["origin"]["id"], origin["derives_from"]) == (corrected, [corrected, first])

    def test_the_correction_is_no_pickup_of_an_outlets_copy_of_the_first_file(
        self, client: TestClient
    ) -> None:
        first = _post(client, "Reuters", STORM, published_at="2026-11-19T09:10:00Z")
        copy = _post(client, "North Sea Herald", STORM_COPY, published_at="2026-11-19T09:50:00Z")
        corrected = _post(client, "Reuters", STORM_CORRECTED, published_at="2026-11-19T11:00:00Z")
        pickup = self._version(client, copy, corrected)["pickup"]
        assert pickup["is_pickup"] is False
        assert (
            pickup["reasons"][0]
            == f"takes its words from article {first} of Reuters, published before this article"
        )
        assert self._version(client, first, copy)["pickup"]["is_pickup"] is True


class TestOutdatedIndex:
    def test_the_app_warns_at_start_when_stored_keys_are_of_an_earlier_index(
        self, client: TestClient, session: Session, seeds: list[int], caplog: pytest.LogCaptureFixture
    ) -> None:
        session.add(ArticleBand(band_key=12_345, article_id=2))  # a MinHash key: under 2**35
        session.commit()
        assert warnings_at_start(client, caplog) == [
            "Stored articles have index keys of an earlier wirediff: related versions, origins and "
            "pickups miss them until `wirediff reindex` is run"
        ]

    def test_no_warning_for_a_current_index(
        self, client: TestClient, seeds: list[int], caplog: pytest.LogCaptureFixture
    ) -> None:
        assert warnings_at_start(client, caplog) == []
