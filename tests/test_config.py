"""app.config: settings from the environment, with the defaults the README documents."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import AliasChoices
from sqlalchemy.engine import make_url

from app.config import Settings
from app.main import create_app


class TestSettings:
    def test_defaults(self, monkeypatch: pytest.MonkeyPatch) -> None:
        for name in ("DATABASE_URL", "WIREDIFF_MAX_BODY_BYTES", "WIREDIFF_API_KEYS", "WIREDIFF_LOG_LEVEL"):
            monkeypatch.delenv(name, raising=False)
        settings = Settings()
        assert settings.database_url == "sqlite:///./data/wirediff.db"
        assert settings.max_body_bytes == 5 * 1024 * 1024
        assert (settings.max_text_chars, settings.max_sentences) == (200_000, 2_000)
        assert (settings.api_keys, settings.log_level) == ([], "info")

    def test_read_from_the_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u:p@db/wirediff")
        monkeypatch.setenv("WIREDIFF_MAX_TEXT_CHARS", "1000")
        monkeypatch.setenv("WIREDIFF_API_KEYS", " first, second ,")
        monkeypatch.setenv("WIREDIFF_LOG_LEVEL", "DEBUG")
        settings = Settings()
        assert settings.database_url == "postgresql+psycopg://u:p@db/wirediff"
        assert settings.max_text_chars == 1000
        assert settings.api_keys == ["first", "second"]
        assert settings.log_level == "debug"

    def test_api_keys_stay_out_of_the_repr(self) -> None:
        assert "hunter2" not in repr(Settings(api_keys=["hunter2"]))

    def test_a_limit_below_one_is_refused(self) -> None:
        with pytest.raises(ValueError, match="greater than 0"):
            Settings(max_body_bytes=0)


class TestApiKeysAtStartUp:
    def test_start_up_logs_where_keys_are_required_but_never_the_keys(
        self, caplog: pytest.LogCaptureFixture
    ) -> None:
        app = create_app(Settings(database_url="sqlite:///:memory:", api_keys=["hunter2", "swordfish"]))
        with caplog.at_level(logging.DEBUG, logger="wirediff"), TestClient(app):
            pass
        assert "API keys required on write routes (2 configured)" in caplog.text
        assert "hunter2" not in caplog.text
        assert "swordfish" not in caplog.text


class TestReliabilitySettings:
    def test_defaults(self, monkeypatch: pytest.MonkeyPatch) -> None:
        for name in (
            "WIREDIFF_CORS_ORIGINS",
            "WIREDIFF_PROTECT_READS",
            "WIREDIFF_COMPARE_TIME_BUDGET",
            "WIREDIFF_COMPARE_RATE_LIMIT",
            "WIREDIFF_COMPARE_CONCURRENCY",
            "WIREDIFF_COMPARE_QUEUE_TIMEOUT",
            "WIREDIFF_RATE_LIMIT_STORAGE",
        ):
            monkeypatch.delenv(name, raising=False)
        settings = Settings()
        assert (settings.cors_origins, settings.protect_reads) == ([], False)
        assert (settings.compare_time_budget, settings.compare_rate_limit) == (5.0, "120/minute")
        assert (settings.compare_concurrency, settings.compare_queue_timeout) == (2, 10.0)
        assert settings.rate_limit_storage == "memory://"

    def test_cors_origins_are_comma_separated(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("WIREDIFF_CORS_ORIGINS", "https://desk.example, https://ui.example")
        assert Settings().cors_origins == ["https://desk.example", "https://ui.example"]

    def test_an_empty_rate_limit_turns_it_off(self) -> None:
        assert Settings(compare_rate_limit=" ").compare_rate_limit == ""

    def test_an_unreadable_rate_limit_is_refused(self) -> None:
        with pytest.raises(ValueError, match="compare_rate_limit"):
            Settings(compare_rate_limit="often")


class TestDocumentedAndShipped:
    """Every setting is in the README's table, and the Docker image writes only to its volume."""

    ROOT = Path(__file__).resolve().parent.parent

    def _variables(self) -> set[str]:
        names = set()
        for name, field in Settings.model_fields.items():
            alias = field.validation_alias
            names.add(alias.choices[0] if isinstance(alias, AliasChoices) else f"WIREDIFF_{name.upper()}")
        return {str(n) for n in names}

    def _table(self) -> str:
        return "\n".join(
            line
            for line in (self.ROOT / "README.md").read_text("utf-8").splitlines()
            if line.startswith("| `")
        )

    def test_every_setting_has_a_row_in_the_readme_table(self) -> None:
        table = self._table()
        assert sorted(v for v in self._variables() if f"`{v}`" not in table) == []

    def test_the_docker_image_keeps_its_database_and_queue_in_its_volume(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        dockerfile = (self.ROOT / "Dockerfile").read_text("utf-8").replace("\\\n", " ")
        (volume,) = json.loads(re.search(r"^VOLUME (.+)$", dockerfile, re.MULTILINE).group(1))  # type: ignore[union-attr]
        for line in re.findall(r"^ENV (.+)$", dockerfile, re.MULTILINE):
            for name, value in re.findall(r"(\w+)=(\S+)", line):
                monkeypatch.setenv(name, value)
        settings = Settings()
        # the image's user owns only the volume: a path outside it (relative ones resolve in
        # the root-owned WORKDIR) stops `wirediff serve` at start
        written = [make_url(settings.database_url).database, settings.queue]
        assert [path for path in written if not str(path).startswith(f"{volume}/")] == []
