"""app.services.pages.extract_article: when a page says its story was published, and whose story
its byline says it is, as news pages write them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.services.pages import _site_name, extract_article

STORY = (
    "<p>Israeli air strikes hit the southern suburbs of Beirut on Tuesday, the Lebanese health"
    " ministry said, killing at least 12 people.</p>"
    "<p>The strikes came hours after Hezbollah fired a barrage of rockets at northern Israel, the"
    " Israeli military said in a statement.</p>"
)


def news_page(head: str = "", *, before_story: str = "") -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Israeli strikes hit Beirut suburbs</title>"
        f"{head}</head><body><article><h1>Israeli strikes hit Beirut suburbs</h1>{before_story}"
        f"{STORY}</article></body></html>"
    )


def json_ld(body: str) -> str:
    return f'<script type="application/ld+json">{body}</script>'


class TestPublicationDate:
    @pytest.mark.parametrize(
        ("head", "published"),
        [
            # late evening in New York is the next morning in UTC
            (
                json_ld('{"@type": "NewsArticle", "datePublished": "2024-09-24T23:30:00-05:00"}'),
                datetime(2024, 9, 25, 4, 30, tzinfo=UTC),
            ),
            # just after midnight in Beirut is the evening before in UTC
            (
                "<meta property='article:published_time' content='2024-09-25T01:15:00+03:00'>",
                datetime(2024, 9, 24, 22, 15, tzinfo=UTC),
            ),
            (
                "<meta property='article:published_time' content='2024-09-24T18:00:00.000Z'>",
                datetime(2024, 9, 24, 18, 0, tzinfo=UTC),
            ),
            (
                "<meta name='sailthru.date' content='2024-09-24 23:30:00 -0400'>",
                datetime(2024, 9, 25, 3, 30, tzinfo=UTC),
            ),
        ],
    )
    def test_the_time_and_offset_the_page_gives_are_kept(self, head: str, published: datetime) -> None:
        extracted = extract_article(news_page(head))
        assert (extracted.published_at, extracted.published_time_known) == (published, True)

    @pytest.mark.parametrize(
        ("stamp", "published"),
        [
            ("Tue, 24 Sep 2024 23:30:00 EST", datetime(2024, 9, 25, 4, 30, tzinfo=UTC)),
            ("Tue, 24 Sep 2024 23:30:00 GMT", datetime(2024, 9, 24, 23, 30, tzinfo=UTC)),
            ("Wed, 25 Sep 2024 01:15:00 +0300", datetime(2024, 9, 24, 22, 15, tzinfo=UTC)),
            ("Tue, 24 Sep 2024 23:30:00 CEST", datetime(2024, 9, 24, 21, 30, tzinfo=UTC)),
        ],
    )
    def test_a_meta_date_in_a_feed_s_form_keeps_its_time_and_zone(
        self, stamp: str, published: datetime
    ) -> None:
        extracted = extract_article(news_page(f"<meta name='pubdate' content='{stamp}'>"))
        assert (extracted.published_at, extracted.published_time_known) == (published, True)

    @pytest.mark.parametrize(
        "stamp",
        ["Tue, 24 Sep 2024 23:30:00 IST", "Tue, 24 Sep 2024 23:30:00 XYZ", "September 24, 2024 11:30 PM"],
        ids=["ambiguous-zone", "unknown-zone", "not-rfc-822"],
    )
    def test_a_meta_date_in_a_zone_not_known_or_another_form_gives_no_time(self, stamp: str) -> None:
        # read as UTC, or as 11:30 with the PM dropped, it would be hours off and beat the feed's time
        extracted = extract_article(news_page(f"<meta name='pubdate' content='{stamp}'>"))
        assert (extracted.published_at, extracted.published_time_known) == (
            datetime(2024, 9, 24, tzinfo=UTC),
            False,
        )

    def test_a_time_element_in_the_story_gives_the_time(self) -> None:
        html = news_page(before_story="<time datetime='2024-09-24T22:10:00+01:00'>24 September</time>")
        assert extract_article(html).published_at == datetime(2024, 9, 24, 21, 10, tzinfo=UTC)

    @pytest.mark.parametrize(
        "head",
        [
            "<meta property='article:published_time' content='2024-09-24T23:30:00'>",
            json_ld('{"@type": "NewsArticle", "datePublished": "2024-09-24T23:30:00"}'),
        ],
        ids=["meta", "json-ld"],
    )
    def test_a_time_without_an_offset_is_read_as_utc_and_says_its_time_is_not_known(self, head: str) -> None:
        extracted = extract_article(news_page(head))
        assert (extracted.published_at, extracted.published_time_known) == (
            datetime(2024, 9, 24, 23, 30, tzinfo=UTC),
            False,
        )

    @pytest.mark.parametrize(
        "story_date",
        ["2024-09-24", "2024-09-24T23:30:00"],
        ids=["day-alone", "time-without-offset"],
    )
    def test_a_meta_time_with_its_offset_wins_over_a_story_date_without_one(self, story_date: str) -> None:
        html = news_page(
            json_ld(f'{{"@type": "NewsArticle", "datePublished": "{story_date}"}}')
            + "<meta property='article:published_time' content='2024-09-24T23:30:00+03:00'>"
        )
        extracted = extract_article(html)
        assert (extracted.published_at, extracted.published_time_known) == (
            datetime(2024, 9, 24, 20, 30, tzinfo=UTC),
            True,
        )

    def test_a_day_alone_is_its_midnight_utc_and_says_it_has_no_time(self) -> None:
        extracted = extract_article(
            news_page("<meta property='article:published_time' content='2024-09-24'>")
        )
        assert (extracted.published_at, extracted.published_time_known) == (
            datetime(2024, 9, 24, tzinfo=UTC),
            False,
        )

    def test_the_story_s_date_wins_over_an_embedded_video_s_listed_first(self) -> None:
        html = news_page(
            json_ld('{"@type": "VideoObject", "datePublished": "2023-01-05T10:00:00Z"}')
            + json_ld('{"@type": "NewsArticle", "datePublished": "2024-09-24T18:00:00Z"}')
        )
        assert extract_article(html).published_at == datetime(2024, 9, 24, 18, 0, tzinfo=UTC)

    def test_the_story_s_date_is_found_in_a_graph_beside_the_web_page_s(self) -> None:
        html = news_page(
            json_ld(
                '{"@context": "https://schema.org", "@graph": ['
                '{"@type": "WebPage", "datePublished": "2020-01-01T00:00:00Z"},'
                '{"@type": ["NewsArticle", "Article"], "datePublished": "2024-09-24T18:00:00+00:00",'
                ' "dateModified": "2024-09-26T10:00:00+00:00"}]}'
            )
        )
        assert extract_article(html).published_at == datetime(2024, 9, 24, 18, 0, tzinfo=UTC)

    def test_the_publication_not_the_last_modification_is_the_date(self) -> None:
        html = news_page(
            "<meta property='article:modified_time' content='2024-09-27T10:00:00Z'>"
            "<meta property='article:published_time' content='2024-09-24T18:00:00Z'>"
        )
        assert extract_article(html).published_at == datetime(2024, 9, 24, 18, 0, tzinfo=UTC)

    def test_a_story_date_to_come_is_passed_over_for_the_page_s_other_date(self) -> None:
        html = news_page(
            json_ld('{"@type": "NewsArticle", "datePublished": "2999-01-01T00:00:00Z"}')
            + "<meta property='article:published_time' content='2024-09-24T18:00:00Z'>"
        )
        assert extract_article(html).published_at == datetime(2024, 9, 24, 18, 0, tzinfo=UTC)

    def test_broken_json_ld_is_passed_over(self) -> None:
        html = news_page(
            json_ld('{"@type": "NewsArticle", "datePublished": ')
            + "<meta property='article:published_time' content='2024-09-24T18:00:00Z'>"
        )
        assert extract_article(html).published_at == datetime(2024, 9, 24, 18, 0, tzinfo=UTC)


class TestBylineCredit:
    @pytest.mark.parametrize(
        ("byline", "line"),
        [
            ("<p class='byline'>By Jane Doe, AFP</p>", "By Jane Doe, AFP"),
            (
                "<div class='author'>By <a href='/jd'>Jane Doe</a> | Agence France-Presse</div>",
                "By Jane Doe, Agence France-Presse",
            ),
            ("<span class='byline'>Reuters</span>", "By Reuters"),
        ],
    )
    def test_a_byline_crediting_an_agency_stays_in_the_text_under_the_title(
        self, byline: str, line: str
    ) -> None:
        paragraphs = extract_article(news_page(before_story=byline)).text.split("\n\n")
        assert paragraphs[:2] == ["Israeli strikes hit Beirut suburbs", line]

    @pytest.mark.parametrize(
        "author",
        [
            '{"@type": "Organization", "name": "Reuters"}',
            '[{"@type": "Person", "name": "Jane Doe"}, {"@type": "Organization", "name": "Reuters"}]',
            '"Reuters"',
        ],
        ids=["organisation", "person-and-organisation", "text"],
    )
    def test_an_agency_credited_as_the_story_s_author_in_json_ld_alone_is_a_byline(self, author: str) -> None:
        head = json_ld(f'{{"@context": "https://schema.org", "@type": "NewsArticle", "author": {author}}}')
        extracted = extract_article(news_page(head))
        assert extracted.text.split("\n\n")[1] == f"By {extracted.author.replace('; ', ', ')}"  # type: ignore[union-attr]
        assert "Reuters" in extracted.author  # type: ignore[operator]

    def test_an_embedded_video_s_author_is_not_the_story_s(self) -> None:
        head = json_ld(
            '{"@context": "https://schema.org", "@type": "VideoObject", "author": {"name": "Reuters"}}'
        )
        extracted = extract_article(news_page(head))
        assert (extracted.author, extracted.text.split("\n\n")[1][:8]) == (None, "Israeli ")

    def test_a_staff_byline_is_the_author_only(self) -> None:
        extracted = extract_article(news_page(before_story="<p class='byline'>By Jane Doe</p>"))
        assert extracted.author == "Jane Doe"
        assert extracted.text.split("\n\n")[1].startswith("Israeli air strikes")

    def test_a_byline_the_text_kept_is_not_given_twice(self) -> None:
        paragraphs = extract_article(news_page(before_story="<p>By AFP</p>")).text.split("\n\n")
        assert paragraphs[:3] == [
            "Israeli strikes hit Beirut suburbs",
            "By AFP",
            "Israeli air strikes hit the southern suburbs of Beirut on Tuesday, the Lebanese health"
            " ministry said, killing at least 12 people.",
        ]


def titled_page(head: str, headline: str = "Israeli strikes hit Beirut suburbs") -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head>{head}</head><body><article><h1>{headline}</h1>"
        f"{STORY}</article></body></html>"
    )


class TestTitle:
    @pytest.mark.parametrize(
        "og_title",
        [
            "Israeli strikes hit Beirut suburbs - The Daily Planet",
            "Israeli strikes hit Beirut suburbs | Middle East | The Daily Planet",
            "The Daily Planet: Israeli strikes hit Beirut suburbs",
        ],
    )
    def test_the_site_s_name_around_the_headline_shown_is_left_out(self, og_title: str) -> None:
        extracted = extract_article(titled_page(f"<meta property='og:title' content='{og_title}'>"))
        assert extracted.title == "Israeli strikes hit Beirut suburbs"
        assert extracted.text.split("\n\n")[:2] == [
            "Israeli strikes hit Beirut suburbs",
            "Israeli air strikes hit the southern suburbs of Beirut on Tuesday, the Lebanese health"
            " ministry said, killing at least 12 people.",
        ]

    def test_the_headline_shown_wins_over_another_in_the_metadata(self) -> None:
        og_title = "Beirut suburbs pounded by Israeli jets"
        extracted = extract_article(titled_page(f"<meta property='og:title' content='{og_title}'>"))
        assert extracted.title == "Israeli strikes hit Beirut suburbs"
        assert extracted.text.split("\n\n")[0] == "Israeli strikes hit Beirut suburbs"
        assert og_title not in extracted.text

    def test_a_site_s_label_in_the_text_is_not_taken_for_the_headline(self) -> None:
        html = (
            "<html lang='en'><head><meta property='og:title' content='Israeli strikes hit Beirut suburbs"
            " | Middle East News'></head><body><article><p>Middle East News</p>"
            f"{STORY}</article></body></html>"
        )
        assert extract_article(html).title == "Israeli strikes hit Beirut suburbs | Middle East News"

    def test_a_second_h1_under_the_headline_shown_is_not_taken_for_it(self) -> None:
        html = titled_page(
            "<meta property='og:title' content='Russian strikes kill 12 in Kharkiv'>",
            "Russian strikes kill 12 in Kharkiv</h1><h1>Zelenskiy renews call for air defence",
        )
        extracted = extract_article(html)
        assert extracted.title == "Russian strikes kill 12 in Kharkiv"
        assert extracted.text.split("\n\n")[:2] == [
            "Russian strikes kill 12 in Kharkiv",
            "Zelenskiy renews call for air defence",
        ]

    @pytest.mark.parametrize(
        "og_title",
        ["", "<meta property='og:title' content='Russian strikes kill 12 in Kharkiv'>"],
        ids=["title-alone", "og-title"],
    )
    def test_an_h1_the_title_shows_as_the_site_s_name_is_not_the_headline(self, og_title: str) -> None:
        html = (
            "<html lang='en'><head><title>Russian strikes kill 12 in Kharkiv - Kyiv Daily News Online"
            f"</title>{og_title}</head><body><article><h1>Kyiv Daily News Online</h1>"
            f"<h2>Russian strikes kill 12 in Kharkiv</h2>{STORY}</article></body></html>"
        )
        extracted = extract_article(html)
        assert extracted.title == "Russian strikes kill 12 in Kharkiv"
        assert extracted.text.split("\n\n")[:2] == [
            "Russian strikes kill 12 in Kharkiv",
            "Israeli air strikes hit the southern suburbs of Beirut on Tuesday, the Lebanese health"
            " ministry said, killing at least 12 people.",
        ]


class TestTitleSeparators:
    """The site's name beside a headline in a title, read from the title's end: a title of many
    blanks (trafilatura folds them in pages, not every caller) used to be tried every way of
    sharing them between the headline and the separator."""

    def test_a_separator_after_a_run_of_blanks_is_found_at_once(self) -> None:
        title = "Russian strikes kill 12 in Kharkiv" + " " * 200_000 + "- Kyiv Daily News Online"
        assert _site_name(title, "Kyiv Daily News Online") is True

    def test_blanks_with_no_separator_are_no_site_name(self) -> None:
        title = "Russian strikes kill 12 in Kharkiv" + " " * 200_000 + "Kyiv Daily News Online"
        assert _site_name(title, "Kyiv Daily News Online") is False
