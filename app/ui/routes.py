"""The dashboard's pages. Thin, like the API's routes: read through :mod:`app.crud` and
:mod:`app.comparisons`, shape with :mod:`app.ui.views`, render a template (autoescaped)."""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from app import crud
from app.api.deps import SessionDep, SettingsDep
from app.comparisons import compare_articles, from_json, to_json
from app.engine import Comparison, compare, render_text
from app.models import Article
from app.ui.views import OPS, VERDICTS, comparison_rows, paragraphs

__all__ = ["router", "templates"]

router = APIRouter(prefix="/ui", include_in_schema=False, default_response_class=HTMLResponse)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals.update(OPS=OPS, VERDICTS=VERDICTS)

#: Articles per page in the list.
PAGE_SIZE = 20
#: Up to this many stored articles are offered in a menu; past it, the forms ask for an id.
MENU_LIMIT = 100


#: The pages load only their own stylesheet and script; nothing may frame them.
PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


def _page(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    return templates.TemplateResponse(
        request, name, context, status_code=status_code, headers={"Content-Security-Policy": PAGE_POLICY}
    )


def _not_found(request: Request, detail: str) -> Response:
    return _page(request, "error.html", {"title": "Not found", "detail": detail}, status_code=404)


def _parse_day(value: str | None) -> date | None:
    """A ``YYYY-MM-DD`` from a date input; raises ValueError for anything else."""
    return date.fromisoformat(value) if value else None


def _choices(session: SessionDep) -> list[Article] | None:
    """The stored articles for a menu, or None when there are too many to list."""
    articles, count = crud.list_articles(session=session, limit=MENU_LIMIT)
    return articles if count <= MENU_LIMIT else None


@router.get("")
def home() -> RedirectResponse:
    return RedirectResponse("/ui/articles", status_code=307)


@router.get("/articles")
def article_list(
    request: Request,
    session: SessionDep,
    q: Annotated[str, Query(max_length=200)] = "",
    source: str = "",
    published_since: str = "",
    published_until: str = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """Articles with search (words in title or text), filters (source, publication dates) and pages."""
    errors: list[str] = []
    try:
        since = _parse_day(published_since)
    except ValueError:
        since = None
        errors.append("“Published from” must be a date (YYYY-MM-DD).")
    try:
        until = _parse_day(published_until)
    except ValueError:
        until = None
        errors.append("“Published until” must be a date (YYYY-MM-DD).")
    articles, count = crud.list_articles(
        session=session,
        source=source or None,
        q=q.strip() or None,
        published_since=datetime.combine(since, time.min, UTC) if since else None,
        published_until=datetime.combine(until, time.max, UTC) if until else None,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    filters = {
        "q": q,
        "source": source,
        "published_since": published_since,
        "published_until": published_until,
    }
    kept = {key: value for key, value in filters.items() if value}
    pages = max(1, -(-count // PAGE_SIZE))
    return _page(
        request,
        "articles.html",
        {
            "title": "Articles",
            "articles": articles,
            "count": count,
            "sources": crud.list_sources(session=session),
            "filters": filters,
            "errors": errors,
            "page": page,
            "pages": pages,
            "previous_url": f"?{urlencode({**kept, 'page': page - 1})}" if page > 1 else None,
            "next_url": f"?{urlencode({**kept, 'page': page + 1})}" if page < pages else None,
        },
        status_code=422 if errors else 200,
    )


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: int, session: SessionDep) -> Response:
    """One article: what is known of it, its text, and ways to compare it."""
    article = crud.get_article(session=session, article_id=article_id)
    if article is None:
        return _not_found(request, f"Article {article_id} not found")
    return _page(
        request,
        "article.html",
        {
            "title": article.title or f"Article {article.id}",
            "article": article,
            "paragraphs": paragraphs(article.text),
            "choices": _choices(session),
        },
    )


def _comparison_page(
    request: Request,
    result: Comparison,
    *,
    base_label: str,
    other_label: str,
    base: Article | None = None,
    other: Article | None = None,
) -> Response:
    if base is not None and other is not None:
        api = f"/v1/articles/{base.id}/compare/{other.id}"
        forms = {
            "Text": f"{api}?format=text",
            "JSON": f"{api}?format=json",
            "Markdown": f"{api}?format=markdown",
        }
        text_form = None
    else:  # pasted texts have no URL: the JSON rides in the link, the text form on the page
        encoded = base64.b64encode(to_json(result, indent=True)).decode()
        forms = {"JSON": f"data:application/json;base64,{encoded}"}
        text_form = render_text(result)
    rows = comparison_rows(result)
    return _page(
        request,
        "comparison.html",
        {
            "title": f"{base_label} vs {other_label}",
            "result": result,
            "rows": rows,
            # where each sentence's row is, for the quotes' links
            "base_anchors": {i: row.anchor for row in rows if row.base for i in row.base.indices},
            "other_anchors": {j: row.anchor for row in rows if row.other for j in row.other.indices},
            "coverage_available": False,
            "base_label": base_label,
            "other_label": other_label,
            "base": base,
            "other": other,
            "forms": forms,
            "text_form": text_form,
        },
    )


def _label(article: Article) -> str:
    return f"{article.source} ({article.id})"


@router.get("/compare/{base_id}/{other_id}")
def stored_comparison(request: Request, base_id: int, other_id: int, session: SessionDep) -> Response:
    """Two stored articles side by side (the cached comparison, as the API serves it)."""
    base = crud.get_article(session=session, article_id=base_id)
    other = crud.get_article(session=session, article_id=other_id)
    if base is None or other is None:
        return _not_found(request, f"Article {base_id if base is None else other_id} not found")
    result = from_json(compare_articles(session=session, base=base, other=other).body)
    return _comparison_page(
        request, result, base_label=_label(base), other_label=_label(other), base=base, other=other
    )


def _compare_form(
    request: Request,
    session: SessionDep,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    return _page(
        request,
        "compare_form.html",
        {"title": "Compare", "choices": _choices(session), "errors": errors or {}, "values": values or {}},
        status_code=status_code,
    )


@router.get("/compare")
def compare_form(request: Request, session: SessionDep, base_id: str = "", other_id: str = "") -> Response:
    """The form: two stored articles to pick, or two texts to paste. Picked ids go to their view."""
    if not base_id and not other_id:
        return _compare_form(request, session)
    errors = {}
    for field, value in (("base_id", base_id), ("other_id", other_id)):
        if not value.strip().isdigit():
            errors[field] = "Pick an article (or give its id)."
        elif crud.get_article(session=session, article_id=int(value)) is None:
            errors[field] = f"There is no article {int(value)}."
    if errors:
        values = {"base_id": base_id, "other_id": other_id}
        return _compare_form(request, session, errors=errors, values=values, status_code=422)
    return RedirectResponse(f"/ui/compare/{int(base_id)}/{int(other_id)}", status_code=303)


@router.post("/compare")
def compare_pasted(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    base_text: Annotated[str, Form()] = "",
    other_text: Annotated[str, Form()] = "",
) -> Response:
    """Compare two pasted texts; nothing is stored."""
    errors = {}
    for field, value in (("base_text", base_text), ("other_text", other_text)):
        if not value.strip():
            errors[field] = "Paste a text here."
        elif len(value) > settings.max_text_chars:
            limit = settings.max_text_chars
            errors[field] = f"{len(value)} characters, over the limit of {limit} (WIREDIFF_MAX_TEXT_CHARS)."
        elif "\x00" in value:
            errors[field] = "The text must not contain NUL characters."
    if errors:
        values = {"base_text": base_text, "other_text": other_text}
        return _compare_form(request, session, errors=errors, values=values, status_code=422)
    result = compare(base_text, other_text)
    return _comparison_page(request, result, base_label="Pasted base", other_label="Pasted other")
