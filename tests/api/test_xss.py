"""Every HTML rendering escapes its input: XSS payloads in titles, sources, text, quotes, word
changes and substitutions come back inert, in the API's renderings and on the dashboard's pages."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import ClientWith
from tests.xss import PAYLOADS, inspect_html, markdown_problems

HARMLESS = "harmless words here"


def _texts(payload: str) -> tuple[str, str]:
    """A base and an other with the payload as the headline, in body sentences, inside a quotation,
    as a reworded word and as a substituted word (so it shows in every part of a rendering)."""
    base = (
        f"{payload}\n\n"
        f"The minister said on Friday that {payload} would meet the rebels. "
        f"\u201cWe will talk about {payload} with everyone,\u201d he told reporters. "
        "The army fired 3 shells at the town. Talks resume in the capital next week."
    )
    other = (
        f"{payload}\n\n"
        f"The minister said on Friday that {payload} would meet the militants. "
        f"\u201cWe will talk about {payload} with nobody,\u201d he told reporters. "
        f"The army fired 4 shells at the town. Talks resume in the capital next week. {payload} too."
    )
    return base, other


def _compare_html(client: TestClient, payload: str) -> str:
    base, other = _texts(payload)
    response = client.post("/v1/compare?format=html", json={"base": {"text": base}, "other": {"text": other}})
    assert response.status_code == 200
    return response.text


_BASELINES: dict[str, object] = {}


def _baseline_html(client: TestClient) -> str:
    """The rendering of harmless texts, made once: the markup the renderer itself uses."""
    if "api" not in _BASELINES:
        _BASELINES["api"] = _compare_html(client, HARMLESS)
    page = _BASELINES["api"]
    assert isinstance(page, str)
    return page


def _store_pair(client: TestClient, payload: str) -> tuple[int, int]:
    base, other = _texts(payload)
    ids = []
    for text in (base, other):
        response = client.post("/v1/articles", json={"source": payload[:200], "title": payload, "text": text})
        assert response.status_code == 201, response.text
        ids.append(response.json()["id"])
    return ids[0], ids[1]


class TestApiRenderings:
    @pytest.mark.parametrize("payload", PAYLOADS)
    def test_compared_texts_render_inert_html(self, client: TestClient, payload: str) -> None:
        page = _compare_html(client, payload)
        assert inspect_html(page, baseline=_baseline_html(client)) == []

    @pytest.mark.parametrize("payload", PAYLOADS)
    def test_pre_split_sentences_render_inert_html(self, client: TestClient, payload: str) -> None:
        body = {
            "base": {"sentences": [payload, f"He said \u201c{payload}\u201d.", "It rained."]},
            "other": {"sentences": [f"{payload} again", f"He said \u201c{payload}!\u201d.", "It snowed."]},
        }
        response = client.post("/v1/compare?format=html", json=body)
        assert response.status_code == 200
        assert inspect_html(response.text, baseline=_baseline_html(client)) == []

    @pytest.mark.parametrize("payload", PAYLOADS)
    def test_stored_comparisons_render_inert_html(self, client: TestClient, payload: str) -> None:
        base_id, other_id = _store_pair(client, payload)
        response = client.get(f"/v1/articles/{base_id}/compare/{other_id}?format=html")
        assert response.status_code == 200
        assert inspect_html(response.text, baseline=_baseline_html(client)) == []

    @pytest.mark.parametrize("payload", PAYLOADS)
    def test_markdown_holds_no_raw_html(self, client: TestClient, payload: str) -> None:
        base, other = _texts(payload)
        body = {"base": {"text": base}, "other": {"text": other}}
        response = client.post("/v1/compare?format=markdown", json=body)
        assert response.status_code == 200
        assert markdown_problems(response.text) == []

    @pytest.mark.parametrize("output", ["text", "markdown"])
    def test_non_html_renderings_are_never_sniffed_as_html(self, client: TestClient, output: str) -> None:
        base, other = _texts(PAYLOADS[0])
        response = client.post(
            f"/v1/compare?format={output}", json={"base": {"text": base}, "other": {"text": other}}
        )
        assert not response.headers["content-type"].startswith("text/html")
        assert response.headers["x-content-type-options"] == "nosniff"


class TestDashboardPages:
    """The /ui pages (server-rendered Jinja2) with the same payloads in stored and pasted articles."""

    @staticmethod
    def _pages(client: TestClient, payload: str) -> dict[str, str]:
        base_id, other_id = _store_pair(client, payload)
        pages = {}
        for path in ("/ui/articles", f"/ui/articles/{base_id}", f"/ui/compare/{base_id}/{other_id}"):
            response = client.get(path)
            assert response.status_code == 200, path
            pages[path.split("/")[2]] = response.text
        base, other = _texts(payload)
        pasted = client.post("/ui/compare", data={"base_text": base, "other_text": other})
        assert pasted.status_code == 200
        pages["pasted"] = pasted.text
        search = client.get("/ui/articles", params={"q": payload, "source": payload})
        # a payload holding one-character words is a refused search: its error page must be inert too
        assert search.status_code in (200, 422)
        pages["search"] = search.text
        return pages

    @pytest.mark.parametrize("payload", PAYLOADS)
    def test_every_page_is_inert(self, client_with: ClientWith, payload: str) -> None:
        if "ui" not in _BASELINES:
            _BASELINES["ui"] = self._pages(client_with(), HARMLESS)
        baseline = _BASELINES["ui"]
        assert isinstance(baseline, dict)
        pages = self._pages(client_with(), payload)
        problems = {name: inspect_html(page, baseline[name]) for name, page in pages.items()}
        assert problems == {name: [] for name in pages}


class TestTheInspectorItself:
    """The checks above are only as good as the inspector: unescaped payloads must be caught."""

    #: a value in element content, in a URL and in double- and single-quoted attributes
    PAGE = "<html><head><style>p{}</style></head><body><a href=\"TEXT\" title='TEXT'>TEXT</a></body></html>"

    @pytest.mark.parametrize("payload", PAYLOADS[:20])
    def test_an_unescaped_payload_is_caught(self, payload: str) -> None:
        baseline = self.PAGE.replace("TEXT", "https://example.org/")
        assert inspect_html(self.PAGE.replace("TEXT", payload), baseline) != []

    @pytest.mark.parametrize("payload", [p for p in PAYLOADS if not p.startswith(("javascript:", "[xss]"))])
    def test_the_same_payload_escaped_passes(self, payload: str) -> None:
        from html import escape

        baseline = self.PAGE.replace("TEXT", "https://example.org/")
        assert inspect_html(self.PAGE.replace("TEXT", escape(payload)), baseline) == []

    def test_raw_markup_in_markdown_is_caught(self) -> None:
        assert markdown_problems("| kept | <img src=x onerror=alert('xss')> |") != []
        assert markdown_problems("| kept | &lt;img src=x&gt; | 3 < 4 |") == []
