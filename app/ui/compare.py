"""Comparison pages: two stored articles side by side, and the form to pick two or paste two texts."""

from __future__ import annotations

import base64
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from app.api.deps import PageId, SessionDep, SettingsDep, parse_id
from app.api.guard import compare_guard
from app.config import Settings
from app.engine import (
    Comparison,
    ComparisonTimeoutError,
    render_html,
    render_markdown,
    render_text,
    spliced_fragments,
)
from app.models import Article
from app.schemas import ArticleCreate, is_blank
from app.services.articles import store_article
from app.services.comparisons import compare_articles, from_json, to_json
from app.services.errors import OverLimit
from app.services.limits import Located, compare_within_limits, text_limit_issues
from app.ui.pages import choices, editor_message, get_article, not_found, render_page
from app.ui.views import comparison_rows

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

#: The source of articles stored from the compare form's paste boxes.
PASTED_SOURCE = "pasted"


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
            "Markdown": f"/ui/compare/{base.id}/{other.id}/export.md",
            "HTML page": f"/ui/compare/{base.id}/{other.id}/export.html",
        }
        text_form = None
    else:  # pasted texts have no URL: the JSON rides in the link, the text form on the page
        encoded = base64.b64encode(to_json(result, indent=True)).decode()
        forms = {"JSON": f"data:application/json;base64,{encoded}"}
        text_form = render_text(result)
    rows = comparison_rows(result)
    return render_page(
        request,
        "comparison.html",
        {
            "title": f"{base_label} vs {other_label}",
            "result": result,
            "rows": rows,
            "fragments": spliced_fragments(result),
            # where each sentence's row is, for the quotes' links
            "base_anchors": {i: row.anchor for row in rows if row.base for i in row.base.indices},
            "other_anchors": {j: row.anchor for row in rows if row.other for j in row.other.indices},
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


# the API's bounds on comparisons hold here too: rate per client, turns per worker, time budget
@router.get("/compare/{base_id}/{other_id}", dependencies=[Depends(compare_guard, scope="function")])
def stored_comparison(
    request: Request, base_id: PageId, other_id: PageId, session: SessionDep, settings: SettingsDep
) -> Response:
    """Two stored articles side by side (the cached comparison, as the API serves it)."""
    base = get_article(session, base_id)
    other = get_article(session, other_id)
    if base is None or other is None:
        return not_found(request, f"Article {base_id if base is None else other_id} not found")
    result = from_json(compare_articles(session=session, base=base, other=other, settings=settings).body)
    return _comparison_page(
        request, result, base_label=_label(base), other_label=_label(other), base=base, other=other
    )


@router.get(
    "/compare/{base_id}/{other_id}/export.{kind}", dependencies=[Depends(compare_guard, scope="function")]
)
def exported_comparison(
    request: Request, base_id: int, other_id: int, kind: str, session: SessionDep, settings: SettingsDep
) -> Response:
    """The stored comparison as a Markdown or standalone HTML file, the sides named by their outlets."""
    base = get_article(session, base_id)
    other = get_article(session, other_id)
    if kind not in ("md", "html"):
        return not_found(request, f"No export as .{kind}: .md or .html")
    if base is None or other is None:
        return not_found(request, f"Article {base_id if base is None else other_id} not found")
    result = from_json(compare_articles(session=session, base=base, other=other, settings=settings).body)
    labels = (_label(base), _label(other))
    if kind == "md":
        return Response(render_markdown(result, labels), media_type="text/markdown; charset=utf-8")
    # a standalone file with its own inline style: not under the pages' policy, and never framed
    return Response(
        render_html(result, labels),
        media_type="text/html; charset=utf-8",
        headers={
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
        },
    )


def _compare_form(
    request: Request,
    session: SessionDep,
    settings: Settings,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    return render_page(
        request,
        "compare_form.html",
        {
            "title": "Compare",
            "choices": choices(session),
            "errors": errors or {},
            "values": values or {},
            "stores_pasted": not settings.api_keys,
        },
        status_code=status_code,
    )


@router.get("/compare")
def compare_form(
    request: Request, session: SessionDep, settings: SettingsDep, base_id: str = "", other_id: str = ""
) -> Response:
    """The form: two stored articles to pick, or two texts to paste. Picked ids go to their view."""
    if not base_id and not other_id:
        return _compare_form(request, session, settings)
    errors = {}
    picked = {}
    for field, value in (("base_id", base_id), ("other_id", other_id)):
        article_id = parse_id(value.strip())
        if article_id is None:
            errors[field] = "Pick an article (or give its id)."
        elif get_article(session, article_id) is None:
            errors[field] = f"There is no article {article_id}."
        picked[field] = article_id
    if errors:
        values = {"base_id": base_id, "other_id": other_id}
        return _compare_form(request, session, settings, errors=errors, values=values, status_code=422)
    return RedirectResponse(f"/ui/compare/{picked['base_id']}/{picked['other_id']}", status_code=303)


@router.post("/compare", dependencies=[Depends(compare_guard, scope="function")])
def compare_pasted(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    base_text: Annotated[str, Form()] = "",
    other_text: Annotated[str, Form()] = "",
) -> Response:
    """Compare two pasted texts: stored as articles (source "pasted") and shown at the stored
    comparison's address, a permalink; with API keys configured, compared unstored."""
    errors = {}
    sides: list[Located] = [(["form", "base_text"], base_text), (["form", "other_text"], other_text)]
    over = {str(issue.loc[-1]): f"{issue.detail}." for issue in text_limit_issues(settings, *sides)}
    for field, value in (("base_text", base_text), ("other_text", other_text)):
        if is_blank(value):
            errors[field] = "Paste a text here."
        elif field in over:
            errors[field] = over[field]
        elif "\x00" in value:
            errors[field] = "The text must not contain NUL characters."
    if not errors and not settings.api_keys:
        # stored like any article, so that the comparison has a link of its own; with API keys
        # configured, storing asks for one, and the pasted texts are compared unstored instead
        try:
            stored = [
                store_article(
                    session=session,
                    article_in=ArticleCreate(source=PASTED_SOURCE, text=text),
                    settings=settings,
                )[0]
                for text in (base_text, other_text)
            ]
        except ValidationError as error:  # e.g. a lone surrogate, which no database stores
            errors = {"base_text": f"The text cannot be stored: {editor_message(error.errors()[0])}"}
        except OverLimit as refusal:
            fields = {"text": "base_text"}
            errors = {
                fields.get(str(issue.loc[-1]), "base_text"): f"{issue.detail}." for issue in refusal.issues
            }
        else:
            return RedirectResponse(f"/ui/compare/{stored[0].id}/{stored[1].id}", status_code=303)
    if not errors:
        try:
            result = compare_within_limits(sides[0], sides[1], settings)
        except OverLimit as refusal:  # a text over WIREDIFF_MAX_SENTENCES
            errors = {str(issue.loc[-1]): f"{issue.detail}." for issue in refusal.issues}
        except ComparisonTimeoutError as error:
            errors = {
                "base_text": f"The comparison took longer than its time budget of {error.budget:g} s "
                "(WIREDIFF_COMPARE_TIME_BUDGET): paste shorter texts."
            }
    if errors:
        values = {"base_text": base_text, "other_text": other_text}
        return _compare_form(request, session, settings, errors=errors, values=values, status_code=422)
    return _comparison_page(request, result, base_label="Pasted base", other_label="Pasted other")
