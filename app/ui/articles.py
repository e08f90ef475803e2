"""Pages of stored articles: the list (search, filters, pages), one article, and the form to add one."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from app import crud
from app.api.deps import PageId, SessionDep, SettingsDep
from app.api.guard import ComparisonCharge, compare_guard
from app.api.problems import RETRY_AFTER_SECONDS, domain_status
from app.api.security import key_matches
from app.crud import ArticleOrder
from app.schemas import ArticleSubmission, StorableText, bounded_search_terms
from app.services.articles import store_submission
from app.services.errors import OverLimit, PageError
from app.services.related import article_versions, origin_of, related_versions
from app.ui.pages import article_title, choices, form_errors, get_article, not_found, render_page
from app.ui.views import paragraphs

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

#: Articles per page in the list.
PAGE_SIZE = 20
#: The list's orders, as the reader sees them.
SORTS: dict[str, str] = {
    "newest": "Newest first",
    "oldest": "Oldest first",
    "title": "Title",
    "source": "Source",
    "id": "Stored order",
}


def _parse_day(value: str | None) -> date | None:
    """A ``YYYY-MM-DD`` from a date input; raises ValueError for anything else."""
    return date.fromisoformat(value) if value else None


@router.get("")
def home() -> RedirectResponse:
    return RedirectResponse("/ui/articles", status_code=307)


@router.get("/articles")
def article_list(
    request: Request,
    session: SessionDep,
    # the API's types: no NUL or lone surrogate reaches the database (PostgreSQL refuses NUL)
    q: Annotated[StorableText, Query(max_length=200)] = "",
    source: StorableText = "",
    published_since: str = "",
    published_until: str = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    sort: ArticleOrder = "newest",
) -> Response:
    """Articles with search (words in title or text), filters (source, publication dates), pages,
    and an order (newest first unless the reader picks another)."""
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
    words: list[str] = []
    if q.strip():
        try:
            words = bounded_search_terms(q)
        except PydanticCustomError as error:
            errors.append(f"Search: {error.message()}.")
    articles, count = crud.list_articles(
        session=session,
        source=source or None,
        words=words,
        published_since=datetime.combine(since, time.min, UTC) if since else None,
        published_until=datetime.combine(until, time.max, UTC) if until else None,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        order=sort,
    )
    filters = {
        "q": q,
        "source": source,
        "published_since": published_since,
        "published_until": published_until,
    }
    kept: dict[str, str | int] = {key: value for key, value in filters.items() if value}
    sorts = [(name, label, f"?{urlencode({**kept, 'sort': name})}") for name, label in SORTS.items()]
    if sort != "newest":
        kept["sort"] = sort
    pages = max(1, -(-count // PAGE_SIZE))
    if page > pages and not errors:  # past the end (a link kept while articles went): the last page
        last = urlencode({**kept, "page": pages} if pages > 1 else kept)
        return RedirectResponse(f"/ui/articles{'?' if last else ''}{last}", status_code=307)
    return render_page(
        request,
        "articles.html",
        {
            "title": "Articles",
            "articles": articles,
            "count": count,
            "sources": crud.list_sources(session=session),
            "sort": sort,
            "sorts": sorts,
            "filters": filters,
            "errors": errors,
            "page": page,
            "pages": pages,
            "previous_url": f"?{urlencode({**kept, 'page': page - 1})}" if page > 1 else None,
            "next_url": f"?{urlencode({**kept, 'page': page + 1})}" if page < pages else None,
        },
        status_code=422 if errors else 200,
    )


def _article_form(
    request: Request,
    settings: SettingsDep,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    context = {
        "title": "Add an article",
        "errors": errors or {},
        "values": values or {},
        "api_key_needed": bool(settings.api_keys),
    }
    response = render_page(request, "article_form.html", context, status_code=status_code)
    if status_code == 503:  # busy, and over by itself shortly: when to try again, as the API says
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@router.get("/articles/new")
def article_form(request: Request, settings: SettingsDep) -> Response:
    """The form to add an article: a page's address, its HTML, or the text."""
    return _article_form(request, settings)


#: What the form says when it has neither a text to store nor an address to fetch one from.
NOTHING_TO_STORE = "Paste the article's text or the page's HTML, or give the page's address."

#: Which form field a submission's validation error belongs to (the whole-form checks go by the content).
_FIELDS = {"source": "source", "url": "url", "text": "content", "html": "content", "title": "title"}


def _field(loc: tuple[int | str, ...]) -> str:
    return _FIELDS.get(str(loc[0]), str(loc[0])) if loc else "content"


@router.post("/articles")
def add_article(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    source: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
    content_kind: Annotated[str, Form()] = "text",
    content: Annotated[str, Form()] = "",
    keep_html: Annotated[bool, Form()] = False,
    title: Annotated[str, Form()] = "",
    published_at: Annotated[str, Form()] = "",
    author: Annotated[str, Form()] = "",
    api_key: Annotated[str, Form()] = "",
) -> Response:
    """Store an article from the form, as POST /v1/articles does; then show it."""
    values = {
        "source": source,
        "url": url,
        "content_kind": content_kind,
        "content": content,
        "keep_html": keep_html,
        "title": title,
        "published_at": published_at,
        "author": author,
    }
    if settings.api_keys and not key_matches(api_key, settings.api_keys):
        message = "Give one of the server's API keys." if not api_key else "That is not one of the API keys."
        return _article_form(request, settings, errors={"api_key": message}, values=values, status_code=403)
    data: dict[str, Any] = {
        "source": source,
        "url": url.strip() or None,
        "title": title.strip() or None,
        "published_at": published_at or None,
        "author": author.strip() or None,
        "keep_html": keep_html,
    }
    if content.strip():
        data["html" if content_kind == "html" else "text"] = content
    try:
        submission = ArticleSubmission.model_validate(data)
        article, created = store_submission(session=session, submission=submission, settings=settings)
    except ValidationError as error:
        errors = form_errors(error, _field)
        if not content.strip() and not url.strip():
            # said beside the other fields' problems: the model checks for content only once
            # every field is valid, and then in the API's words
            errors["content"] = NOTHING_TO_STORE
        return _article_form(request, settings, errors=errors, values=values, status_code=422)
    except PageError as error:
        field = "content" if content.strip() else "url"
        return _article_form(
            request, settings, errors={field: error.detail}, values=values, status_code=domain_status(error)
        )
    except OverLimit as refusal:  # over WIREDIFF_MAX_TEXT_CHARS or WIREDIFF_MAX_SENTENCES, as the API says
        errors = {"content": " ".join(f"{issue.detail}." for issue in refusal.issues)}
        return _article_form(request, settings, errors=errors, values=values, status_code=422)
    notice = "added" if created else "existing"
    return RedirectResponse(f"/ui/articles/{article.id}?notice={notice}", status_code=303)


#: What the article page says after the form sent the reader there.
NOTICES = {
    "added": "Added.",
    "existing": "Already stored: this source's article with the same text is shown.",
}


# the API's bounds on comparisons hold here too: the page compares the article with its candidates
@router.get("/articles/{article_id}", dependencies=[Depends(compare_guard, scope="function")])
def article_page(
    request: Request,
    article_id: PageId,
    session: SessionDep,
    settings: SettingsDep,
    charge: ComparisonCharge,
    notice: str = "",
) -> Response:
    """One article: what is known of it, its text, its related versions and origin (the sentence
    index's candidates the engine confirms, as GET /v1/articles/{id}/related and /origin answer),
    and ways to compare it."""
    article = get_article(session, article_id)
    if article is None:
        return not_found(request, f"Article {article_id} not found")
    versions = article_versions(session=session, article_id=article_id)
    return render_page(
        request,
        "article.html",
        {
            "title": article_title(article),
            "article": article,
            "paragraphs": paragraphs(article.text),
            "choices": choices(session),
            "notice": NOTICES.get(notice),
            "related": related_versions(
                session=session, article_id=article_id, settings=settings, on_compute=charge
            ),
            "origin": origin_of(session=session, article_id=article_id, settings=settings, on_compute=charge),
            "versions": versions if versions.count > 1 else None,
        },
    )
