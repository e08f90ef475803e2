"""app.config: settings from the environment, with the defaults the README documents."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

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


class TestApiKeysNotYetEnforced:
    def test_setting_them_logs_a_warning_at_start_up(
        self, tmp_path: object, caplog: pytest.LogCaptureFixture
    ) -> None:
        app = create_app(Settings(database_url="sqlite:///:memory:", api_keys=["k"]))
        with caplog.at_level(logging.WARNING, logger="wirediff"), TestClient(app):
            pass
        assert "WIREDIFF_API_KEYS is set, but API keys are not enforced yet" in caplog.text
