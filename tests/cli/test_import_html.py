"""`wirediff import` with saved pages: .html files are stored as their extracted article."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from tests.cli.test_cli import _articles
from tests.services.pages.server import PAGES
from tests.services.pages.test_extract import WIRE_STORY_TEXT


@pytest.fixture(autouse=True)
def _migrated(runner: CliRunner, database_url: str) -> None:
    assert runner.invoke(cli, ["migrate"]).exit_code == 0


class TestImportHtml:
    def test_a_saved_page_is_stored_as_its_article_with_title_date_and_author(
        self, runner: CliRunner, database_url: str
    ) -> None:
        result = runner.invoke(cli, ["import", "--source", "Example Wire", str(PAGES / "wire-story.html")])
        assert result.exit_code == 0, result.output
        [article] = _articles(database_url)
        assert (article.source, article.title, article.author, article.published_at, article.text) == (
            "Example Wire",
            "Kremlin says Idlib ceasefire is up to Ankara",
            "Maria Tsvetkova",
            datetime(2019, 5, 31, 14, 5, tzinfo=UTC),
            WIRE_STORY_TEXT,
        )

    def test_a_folder_gives_its_texts_and_pages_in_file_name_order(
        self, runner: CliRunner, database_url: str, tmp_path: Path
    ) -> None:
        shutil.copy(PAGES / "wire-story.html", tmp_path / "b.html")
        shutil.copy(PAGES / "latin1-story.html", tmp_path / "c.htm")
        (tmp_path / "a.txt").write_text("Rain in Moscow\n\nIt rained in Moscow on Friday.", encoding="utf-8")
        (tmp_path / "notes.md").write_text("not imported", encoding="utf-8")
        result = runner.invoke(cli, ["import", "--source", "Desk", str(tmp_path)])
        assert result.exit_code == 0, result.output
        assert [(a.id, a.title, a.language) for a in _articles(database_url)] == [
            (1, "Rain in Moscow", "en"),
            (2, "Kremlin says Idlib ceasefire is up to Ankara", "en"),
            (3, "Café-Besitzer in Graz verklagt Stadt", "de"),
        ]

    def test_a_folder_gives_its_pages_whatever_the_case_of_their_suffix(
        self, runner: CliRunner, database_url: str, tmp_path: Path
    ) -> None:
        shutil.copy(PAGES / "wire-story.html", tmp_path / "A.HTML")
        shutil.copy(PAGES / "latin1-story.html", tmp_path / "B.Htm")
        (tmp_path / "C.TXT").write_text("Rain in Moscow\n\nIt rained in Moscow on Friday.", encoding="utf-8")
        result = runner.invoke(cli, ["import", "--source", "Desk", str(tmp_path)])
        assert result.exit_code == 0, result.output
        assert [a.title for a in _articles(database_url)] == [
            "Kremlin says Idlib ceasefire is up to Ankara",
            "Café-Besitzer in Graz verklagt Stadt",
            "Rain in Moscow",
        ]

    def test_the_manifest_wins_over_what_the_page_says(
        self, runner: CliRunner, database_url: str, tmp_path: Path
    ) -> None:
        shutil.copy(PAGES / "wire-story.html", tmp_path / "story.html")
        manifest = {
            "documents": [
                {
                    "file": "story.html",
                    "source": "Wire",
                    "published": "2019-06-02",
                    "title": "Idlib",
                    "author": "Desk",
                }
            ]
        }
        (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        assert runner.invoke(cli, ["import", str(tmp_path)]).exit_code == 0
        [article] = _articles(database_url)
        assert (article.source, article.title, article.author, article.published_at) == (
            "Wire",
            "Idlib",
            "Desk",
            datetime(2019, 6, 2, tzinfo=UTC),
        )

    @pytest.mark.parametrize(
        ("published", "utc"),
        [
            ("Fri, 31 May 2019 23:30:00 EST", datetime(2019, 6, 1, 4, 30, tzinfo=UTC)),
            ("Fri, 31 May 2019 23:30:00 CEST", datetime(2019, 5, 31, 21, 30, tzinfo=UTC)),
        ],
        ids=["eastern", "berlin-summer"],
    )
    def test_a_manifest_date_in_a_feed_s_form_is_read_with_its_named_zone(
        self, runner: CliRunner, database_url: str, tmp_path: Path, published: str, utc: datetime
    ) -> None:
        shutil.copy(PAGES / "wire-story.html", tmp_path / "story.html")
        manifest = {"documents": [{"file": "story.html", "source": "Wire", "published": published}]}
        (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        assert runner.invoke(cli, ["import", str(tmp_path)]).exit_code == 0
        [article] = _articles(database_url)
        assert article.published_at == utc

    @pytest.mark.parametrize(
        "published",
        # read as UTC, or as 11:30 with the PM dropped, each would be hours off
        ["31/05/2019", "Fri, 31 May 2019 23:30:00 IST", "May 31, 2019 11:30 PM"],
        ids=["day-first", "ambiguous-zone", "not-rfc-822"],
    )
    def test_a_manifest_date_that_cannot_be_read_rejects_the_file_with_the_reason(
        self, runner: CliRunner, database_url: str, tmp_path: Path, published: str
    ) -> None:
        shutil.copy(PAGES / "wire-story.html", tmp_path / "story.html")
        manifest = {"documents": [{"file": "story.html", "source": "Wire", "published": published}]}
        (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        result = runner.invoke(cli, ["import", str(tmp_path)])
        assert result.exit_code == 1
        assert f"manifest.json: cannot read {published!r} as a date" in result.stderr
        assert _articles(database_url) == []

    def test_a_page_without_an_article_is_rejected_with_the_reason(
        self, runner: CliRunner, database_url: str
    ) -> None:
        page = PAGES / "no-article.html"
        result = runner.invoke(cli, ["import", "--source", "Wire", str(page)])
        assert result.exit_code == 1
        assert f"rejected {page}: No article text found in the page" in result.stderr
        assert _articles(database_url) == []
