"""record_pickup keeps a comparison's figures per (outlet, wire) pair; backfill records the
pickups the pickup decision finds (the ones ``/related`` calls pickups), from stored articles'
origins."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import event
from sqlmodel import Session, col, select, update

from app import crud
from app.config import Settings
from app.db import is_sqlite
from app.engine import compare
from app.models import Article, Pickup, PickupTerm
from app.schemas import ArticleCreate
from app.services.articles import store_article
from app.services.pickups import backfill, pickups_of_wire, record_pickup
from tests.ferry_story import CONDENSED, SAME_EVENT, WIRE_STORY
from tests.newsroom_stories import (
    MEALS_PAPER,
    MEALS_RELEASE,
    MEALS_REUTERS,
    PORT_STRIKE_AP,
    PORT_STRIKE_REUTERS,
    STORM,
    STORM_CORRECTED,
    STORM_REPUBLISHED,
)

WIRE = """Syrian rebels take Qusayr after battle

QUSAYR, Syria (Reuters) - Syrian rebels took control of the town of Qusayr on Tuesday, a monitor group said.
At least 14 people were killed in the fighting, the Syrian Observatory for Human Rights said.
"We will not leave Qusayr," a commander told Reuters by telephone.
The army said it had sent reinforcements to the area north of the town.
Residents said 300 families had fled since the weekend, many of them to Lebanon."""
SWAPPED = WIRE.replace("rebels", "militants").replace("(Reuters) ", "")
#: the wire's text naming no agency: nothing to credit
UNCREDITED = WIRE.replace("(Reuters) ", "").replace("told Reuters", "said")
NOON = datetime(2026, 3, 2, 12, tzinfo=UTC)


def store(session: Session, source: str, text: str, published_at: datetime | None) -> Article:
    article, created = store_article(
        session=session,
        article_in=ArticleCreate(source=source, text=text, published_at=published_at),
        settings=Settings(),
    )
    assert created
    return article


def backfilled(session: Session, settings: Settings) -> list[tuple[int, int]]:
    """The pickups recorded after a backfill, as (outlet article, wire article), in order."""
    list(backfill(session, settings=settings))
    return sorted((p.outlet_article_id, p.wire_article_id) for p in session.exec(select(Pickup)).all())


class TestRecordPickup:
    def test_copies_the_figures_of_the_comparison(self, session: Session) -> None:
        wire = store(session, "Reuters", WIRE, NOON)
        outlet = store(session, "Militant Times", SWAPPED, datetime(2026, 3, 2, 15, tzinfo=UTC))
        pickup = record_pickup(
            session, outlet=outlet, wire=wire, comparison=compare(WIRE, SWAPPED), found_at=NOON
        )
        assert (pickup.outlet_article_id, pickup.wire_article_id) == (outlet.id, wire.id)
        assert (pickup.outlet_source, pickup.wire_source, pickup.wire_agency) == (
            "Militant Times",
            "Reuters",
            "Reuters",
        )
        assert pickup.verdict == "copy"
        assert pickup.delay_seconds == 3 * 3600
        assert (pickup.wire_sentences, pickup.kept, pickup.reworded, pickup.dropped) == (5, 4, 1, 0)
        assert (pickup.other_sentences, pickup.added, pickup.own_share) == (5, 0, 0.0)
        assert pickup.credit_dropped is False  # "told Reuters" stays
        assert pickup.wire_credited is True
        assert (pickup.quotes_intact, pickup.quotes_altered, pickup.quotes_missing) == (1, 0, 0)
        assert pickup.figures_changed == 0
        assert [finding["kind"] for finding in pickup.findings] == ["substitution"]
        terms = session.exec(select(PickupTerm).where(PickupTerm.pickup_id == pickup.id)).all()
        assert [(t.kind, t.base, t.other, t.count) for t in terms] == [
            ("substitution", "rebels", "militants", 2)
        ]

    def test_its_probability_is_the_judgements_probability_of_copy_or_derived(self, session: Session) -> None:
        wire = store(session, "Reuters", WIRE, NOON)
        outlet = store(session, "Militant Times", SWAPPED, NOON)
        comparison = compare(WIRE, SWAPPED)
        probabilities = comparison.judgement.probabilities
        pickup = record_pickup(session, outlet=outlet, wire=wire, comparison=comparison, found_at=NOON)
        assert pickup.probability == round(probabilities["copy"] + probabilities["derived"], 4)

    def test_the_same_pair_again_updates_its_one_row(self, session: Session) -> None:
        wire = store(session, "Reuters", WIRE, NOON)
        outlet = store(session, "Militant Times", SWAPPED, None)
        first = record_pickup(
            session, outlet=outlet, wire=wire, comparison=compare(WIRE, SWAPPED), found_at=NOON
        )
        later = datetime(2026, 3, 3, tzinfo=UTC)
        again = record_pickup(
            session, outlet=outlet, wire=wire, comparison=compare(WIRE, WIRE), found_at=later
        )
        assert again.id == first.id
        assert session.exec(select(Pickup)).all() == [again]
        assert (again.found_at, again.reworded, again.delay_seconds) == (later, 0, None)
        assert session.exec(select(PickupTerm)).all() == []

    def test_deleting_either_article_deletes_the_pickup_and_its_terms(self, session: Session) -> None:
        wire = store(session, "Reuters", WIRE, NOON)
        outlet = store(session, "Militant Times", SWAPPED, None)
        record_pickup(session, outlet=outlet, wire=wire, comparison=compare(WIRE, SWAPPED), found_at=NOON)
        crud.delete_article(session=session, article=wire)
        assert session.exec(select(Pickup)).all() == []
        assert session.exec(select(PickupTerm)).all() == []


class TestPickupsOfWire:
    def test_the_earliest_published_first_then_undated(self, session: Session) -> None:
        wire = store(session, "Reuters", WIRE, NOON)
        late = store(
            session, "Late Herald", WIRE + "\nOur own closing line.", datetime(2026, 3, 3, tzinfo=UTC)
        )
        undated = store(session, "Undated Post", SWAPPED, None)
        early = store(session, "Quick News", WIRE + "\nAnother line.", datetime(2026, 3, 2, 13, tzinfo=UTC))
        for outlet in (late, undated, early):
            record_pickup(
                session, outlet=outlet, wire=wire, comparison=compare(WIRE, outlet.text), found_at=NOON
            )
        assert [p.outlet_source for p in pickups_of_wire(session, wire.id or 0)] == [
            "Quick News",
            "Late Herald",
            "Undated Post",
        ]


class TestBackfill:
    def test_records_each_article_derived_from_its_origin(self, session: Session, settings: Settings) -> None:
        wire_id = store(session, "Reuters", WIRE, NOON).id
        outlet_id = store(session, "Militant Times", SWAPPED, datetime(2026, 3, 2, 14, tzinfo=UTC)).id
        progress = list(backfill(session, settings=settings))
        assert [(p.articles, p.pickups) for p in progress] == [(2, 1)]
        pickup = session.exec(select(Pickup)).one()
        assert (pickup.outlet_article_id, pickup.wire_article_id) == (outlet_id, wire_id)
        assert pickup.found_at == datetime(2026, 3, 2, 14, tzinfo=UTC)
        assert pickup.delay_seconds == 2 * 3600

    def test_running_it_again_keeps_one_row_per_pair(self, session: Session, settings: Settings) -> None:
        store(session, "Reuters", WIRE, NOON)
        store(session, "Militant Times", SWAPPED, datetime(2026, 3, 2, 14, tzinfo=UTC))
        list(backfill(session, settings=settings))
        list(backfill(session, settings=settings))
        assert len(session.exec(select(Pickup)).all()) == 1

    def test_records_whether_the_wire_text_credits_an_agency_rows_recorded_before_included(
        self, session: Session, settings: Settings
    ) -> None:
        store(session, "Reuters", UNCREDITED, NOON)
        store(
            session,
            "Copy Desk",
            UNCREDITED + "\nA closing line of our own.",
            datetime(2026, 3, 2, 14, tzinfo=UTC),
        )
        store(session, "Reuters", WIRE.replace("Qusayr", "Homs"), NOON)
        store(
            session,
            "Credit Keeper",
            WIRE.replace("Qusayr", "Homs") + "\nA closing line of our own.",
            datetime(2026, 3, 2, 15, tzinfo=UTC),
        )
        list(backfill(session, settings=settings))

        def recorded() -> list[tuple[str, bool, bool]]:
            rows = session.exec(select(Pickup).order_by(col(Pickup.id))).all()
            return [(p.outlet_source, p.wire_credited, p.credit_dropped) for p in rows]

        assert recorded() == [("Copy Desk", False, False), ("Credit Keeper", True, False)]
        # rows recorded before the column, as the migration leaves them: true
        session.exec(update(Pickup).values(wire_credited=True))
        session.commit()
        list(backfill(session, settings=settings))
        session.expire_all()
        assert recorded() == [("Copy Desk", False, False), ("Credit Keeper", True, False)]

    def test_records_a_condensed_rewrite_the_decision_calls_a_pickup_though_the_verdict_is_related(
        self, session: Session, settings: Settings
    ) -> None:
        wire_id = store(session, "Coastal Press Agency", WIRE_STORY, NOON).id
        outlet_id = store(session, "Island Gazette", CONDENSED, datetime(2026, 3, 3, 6, tzinfo=UTC)).id
        assert [(p.articles, p.pickups) for p in backfill(session, settings=settings)] == [(2, 1)]
        pickup = session.exec(select(Pickup)).one()
        assert (pickup.outlet_article_id, pickup.wire_article_id) == (outlet_id, wire_id)
        assert pickup.verdict == "related"

    def test_a_copy_of_another_outlets_rewrite_is_a_pickup_of_the_agency_story(
        self, session: Session, settings: Settings
    ) -> None:
        wire_id = store(session, "PA", WIRE_STORY, NOON).id
        gazette_id = store(session, "Island Gazette", CONDENSED, datetime(2026, 3, 3, 6, tzinfo=UTC)).id
        echo = CONDENSED.replace("Islanders will meet", "Residents will meet")
        echo_id = store(session, "Echo Daily", echo, datetime(2026, 3, 3, 9, tzinfo=UTC)).id
        list(backfill(session, settings=settings))
        recorded = {p.outlet_article_id: p.wire_article_id for p in session.exec(select(Pickup)).all()}
        # the Gazette's text is Echo Daily's origin, far nearer to it than the agency's story is
        assert recorded == {gazette_id: wire_id, echo_id: wire_id}

    @pytest.mark.parametrize("copy_published_at", [NOON, None], ids=["same time", "undated"])
    def test_an_agencys_story_is_no_pickup_of_a_copy_published_beside_it(
        self, session: Session, settings: Settings, copy_published_at: datetime | None
    ) -> None:
        wire_id = store(session, "Reuters", WIRE, NOON).id
        copy_id = store(session, "Daily Planet", WIRE.replace("(Reuters) ", ""), copy_published_at).id
        assert backfilled(session, settings) == [(copy_id, wire_id)]

    @pytest.mark.parametrize("copy_published_at", [NOON, None], ids=["same time", "undated"])
    def test_an_agencys_story_stored_after_a_copy_beside_it_is_still_no_pickup_of_it(
        self, session: Session, settings: Settings, copy_published_at: datetime | None
    ) -> None:
        # neither text credits the agency: the sources alone say which came first
        text = WIRE.replace("(Reuters) ", "").replace("told Reuters by telephone", "said")
        copy_id = store(session, "Daily Planet", text, copy_published_at).id
        wire_id = store(session, "Reuters", text, NOON).id
        assert backfilled(session, settings) == [(copy_id, wire_id)]

    def test_an_agencys_correction_is_no_pickup_of_a_copy_of_its_first_file(
        self, session: Session, settings: Settings
    ) -> None:
        wire_id = store(session, "Reuters", WIRE, NOON).id
        copy_id = store(session, "Yahoo News", WIRE, datetime(2026, 3, 2, 12, 30, tzinfo=UTC)).id
        correction = WIRE.replace("At least 14 people", "At least 15 people")
        store(session, "Reuters", correction, datetime(2026, 3, 2, 15, tzinfo=UTC))
        assert backfilled(session, settings) == [(copy_id, wire_id)]

    def test_running_it_again_moves_a_pickup_to_the_agency_story_stored_since(
        self, session: Session, settings: Settings
    ) -> None:
        gazette_id = store(session, "Island Gazette", CONDENSED, datetime(2026, 3, 3, 6, tzinfo=UTC)).id
        echo = CONDENSED.replace("Islanders will meet", "Residents will meet")
        echo_id = store(session, "Echo Daily", echo, datetime(2026, 3, 3, 9, tzinfo=UTC)).id
        list(backfill(session, settings=settings))
        recorded = {p.outlet_article_id: p.wire_article_id for p in session.exec(select(Pickup)).all()}
        assert recorded == {echo_id: gazette_id}
        wire_id = store(session, "PA", WIRE_STORY, NOON).id
        list(backfill(session, settings=settings))
        pairs = sorted((p.outlet_article_id, p.wire_article_id) for p in session.exec(select(Pickup)).all())
        # one pickup an article: Echo Daily's of the Gazette is gone, not kept beside the new one
        assert pairs == [(gazette_id, wire_id), (echo_id, wire_id)]

    def test_running_it_again_forgets_a_pickup_the_decision_no_longer_makes(
        self, session: Session, settings: Settings
    ) -> None:
        wire = store(session, "Reuters", WIRE, NOON)
        copy = store(session, "Daily Planet", WIRE.replace("(Reuters) ", ""), NOON)
        # recorded the wrong way round, as an earlier release did for a copy published beside its
        # wire (a comparison with a swapped word, so that the row has terms)
        wrong = record_pickup(
            session, outlet=wire, wire=copy, comparison=compare(SWAPPED, WIRE), found_at=NOON
        )
        wire_id, copy_id, wrong_id = wire.id, copy.id, wrong.id
        assert {term.pickup_id for term in session.exec(select(PickupTerm)).all()} == {wrong_id}
        assert backfilled(session, settings) == [(copy_id, wire_id)]
        assert wrong_id not in {term.pickup_id for term in session.exec(select(PickupTerm)).all()}

    def test_an_article_over_the_comparison_limits_keeps_its_pickup_and_the_others_are_looked_at(
        self, session: Session, settings: Settings
    ) -> None:
        wire = store(session, "Reuters", WIRE, NOON)
        outlet = store(session, "Militant Times", SWAPPED, datetime(2026, 3, 2, 14, tzinfo=UTC))
        record_pickup(session, outlet=outlet, wire=wire, comparison=compare(WIRE, SWAPPED), found_at=NOON)
        wire_id, outlet_id = wire.id, outlet.id
        # stored before a lower limit, and nothing compared yet: every comparison is over it
        lower = settings.model_copy(update={"max_sentences": 3})
        progress = list(backfill(session, settings=lower))
        assert [(p.articles, p.pickups, p.over_limits) for p in progress] == [(2, 0, 2)]
        pairs = [(p.outlet_article_id, p.wire_article_id) for p in session.exec(select(Pickup)).all()]
        assert pairs == [(outlet_id, wire_id)]

    def test_a_same_event_report_with_its_own_quotes_is_not_recorded(
        self, session: Session, settings: Settings
    ) -> None:
        store(session, "Coastal Press Agency", WIRE_STORY, NOON)
        store(session, "Morning Post", SAME_EVENT, datetime(2026, 3, 3, 6, tzinfo=UTC))
        assert [(p.articles, p.pickups) for p in backfill(session, settings=settings)] == [(2, 0)]
        assert session.exec(select(Pickup)).all() == []

    def test_another_agencys_report_of_one_news_conference_is_not_recorded(
        self, session: Session, settings: Settings
    ) -> None:
        store(session, "Reuters", PORT_STRIKE_REUTERS, datetime(2026, 11, 18, 14, 5, tzinfo=UTC))
        store(session, "AP", PORT_STRIKE_AP, datetime(2026, 11, 18, 15, 10, tzinfo=UTC))
        assert backfilled(session, settings) == []

    def test_a_papers_rewrite_of_a_release_is_recorded_as_the_releases_not_the_agencys(
        self, session: Session, settings: Settings
    ) -> None:
        release = store(
            session, "Department for Education", MEALS_RELEASE, datetime(2026, 11, 16, 9, 30, tzinfo=UTC)
        ).id
        store(session, "Reuters", MEALS_REUTERS, datetime(2026, 11, 16, 10, 15, tzinfo=UTC))
        paper = store(
            session, "Yorkshire Evening Post", MEALS_PAPER, datetime(2026, 11, 16, 11, 40, tzinfo=UTC)
        ).id
        assert backfilled(session, settings) == [(paper, release)]

    def test_a_copy_of_an_agencys_correction_is_recorded_as_the_corrections(
        self, session: Session, settings: Settings
    ) -> None:
        store(session, "Reuters", STORM, datetime(2026, 11, 19, 9, 10, tzinfo=UTC))
        corrected = store(session, "Reuters", STORM_CORRECTED, datetime(2026, 11, 19, 11, tzinfo=UTC)).id
        copy = store(
            session, "NewsNow Aggregator", STORM_REPUBLISHED, datetime(2026, 11, 19, 11, 20, tzinfo=UTC)
        ).id
        assert backfilled(session, settings) == [(copy, corrected)]


class TestOnePairRecordedTwiceAtOnce:
    """A writer that loses the race for a pair to another (SQLite locks nothing: the other's
    insert lands between this writer's look and its own) updates the winner's row."""

    def test_the_loser_updates_the_winners_pickup_and_no_second_row_is_made(
        self, session: Session, database_url: str
    ) -> None:
        if not is_sqlite(database_url):
            pytest.skip("PostgreSQL's writers of one pair take turns on the outlet's row: no race")
        wire = store(session, "Reuters", WIRE, NOON)
        outlet = store(session, "Militant Times", SWAPPED, None)
        ids = (outlet.id, wire.id)
        won: list[int | None] = []

        def another_writer_first(*_: object) -> None:
            with Session(session.get_bind()) as other:
                first = record_pickup(
                    other,
                    outlet=other.get_one(Article, ids[0]),
                    wire=other.get_one(Article, ids[1]),
                    comparison=compare(WIRE, SWAPPED),
                    found_at=NOON,
                )
                won.append(first.id)

        event.listen(session, "before_flush", another_writer_first, once=True)
        later = datetime(2026, 3, 3, tzinfo=UTC)
        saved = record_pickup(
            session, outlet=outlet, wire=wire, comparison=compare(WIRE, SWAPPED), found_at=later
        )
        assert won and saved.id == won[0]
        assert [(p.id, p.found_at) for p in session.exec(select(Pickup)).all()] == [(won[0], later)]
