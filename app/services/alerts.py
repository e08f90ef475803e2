"""Alert rules and alerts: which events of watched articles alert whom.

Events: ``pickup`` (an outlet picked up a wire story), ``changed`` (a new version whose change
crosses the rule's share of words), ``quote_altered`` (a quotation altered, missing or given to
another speaker), ``figure_changed``, ``credit_dropped`` (the wire's credit gone from a pickup),
``substitution`` (one of the rule's framing words put in place of another, or replaced), ``stealth_edit`` (a
published story edited in substance with no correction or update note). A typo fix raises none
of them: every version event needs a substantive change (:mod:`app.services.watch_changes`).

An alert is stored once per rule and event (a unique key), with a delivery per channel, in one
transaction; :mod:`app.services.webhooks` delivers them.
"""

from __future__ import annotations

import base64
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlmodel import Session

from app import crud
from app.config import Settings
from app.engine import NOT_QUOTED, Comparison
from app.models import Alert, AlertRule, Article
from app.schemas import (
    AlertRuleCreate,
    AlertRuleUpdate,
    ChangeSummary,
    CreditFinding,
    Event,
    FigureFinding,
    PickupSummary,
    QuoteFinding,
    RankedFinding,
    SwapFinding,
    never_fires,
)
from app.services.errors import DomainError
from app.services.related import comparison_url
from app.services.watch_changes import changed_word_share, is_substantive

__all__ = [
    "ALERT_FINDINGS",
    "EVENTS",
    "AlertRuleNotFoundError",
    "Finding",
    "RuleCannotFire",
    "RuleUpdated",
    "add_rule",
    "page_url",
    "pickup_findings",
    "raise_alerts",
    "remove_rule",
    "update_rule",
    "version_findings",
]

EVENTS: tuple[str, ...] = Event.__args__  # type: ignore[attr-defined]
#: A note that tells readers the story changed: an edit with one is not a stealth edit.
_CORRECTION_NOTE = re.compile(
    r"\b(correction|corrected|clarification|clarified|updated|update:|editor'?s note|this story has been)",
    re.IGNORECASE,
)


class RuleCannotFire(DomainError):  # noqa: N818 (named for what happened)
    """The rule a change would make could never alert (:func:`app.schemas.never_fires`)."""


class AlertRuleNotFoundError(LookupError):
    def __init__(self, rule_id: int) -> None:
        super().__init__(f"Alert rule {rule_id} not found")
        self.rule_id = rule_id


#: The fields of a rule that null clears.
_CLEARABLE = frozenset({"sources", "webhook_url"})


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def add_rule(session: Session, *, rule_in: AlertRuleCreate, now: datetime) -> AlertRule:
    values = rule_in.model_dump()
    if values["webhook_url"] and not values["webhook_secret"]:
        values["webhook_secret"] = new_secret()
    rule = AlertRule(**values, created_at=now)
    crud.save(session=session, row=rule)
    return rule


def stored_rule(session: Session, rule_id: int) -> AlertRule:
    rule = crud.get_alert_rule(session=session, rule_id=rule_id)
    if rule is None:
        raise AlertRuleNotFoundError(rule_id)
    return rule


@dataclass(slots=True, frozen=True)
class RuleUpdated:
    rule: AlertRule
    #: a signing secret this change made (a webhook added to a rule that had no secret): the
    #: caller shows it this once, as creation does
    made_secret: str | None


def update_rule(session: Session, *, rule_id: int, changes: AlertRuleUpdate) -> RuleUpdated:
    """Apply ``changes`` to the stored rule; :class:`RuleCannotFire` (nothing stored) when the
    rule they make could never alert."""
    rule = stored_rule(session, rule_id)
    for name, value in changes.model_dump(exclude_unset=True).items():
        if value is not None or name in _CLEARABLE:
            setattr(rule, name, value)
    reason = never_fires(sources=rule.sources, events=rule.events, terms=rule.terms)
    if reason:
        session.rollback()
        raise RuleCannotFire(reason)
    made = None
    if rule.webhook_url and not rule.webhook_secret:
        rule.webhook_secret = made = new_secret()
    crud.save(session=session, row=rule)
    return RuleUpdated(rule, made)


def remove_rule(session: Session, *, rule_id: int) -> None:
    crud.delete_row(session=session, row=stored_rule(session, rule_id))


# --- findings ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Finding:
    """An event found in a comparison (``base`` -> ``article``), with its details."""

    event: str
    article: Article
    base: Article | None
    details: list[dict[str, Any]] = field(default_factory=list)
    share: float | None = None  # changed: the share of words changed
    terms: set[str] = field(default_factory=set)  # substitution: the words involved, casefolded


def _quote_findings(article: Article, base: Article, comparison: Comparison) -> list[Finding]:
    details = [
        QuoteFinding(status=quote.status, quote=quote.text, now=quote.other_text).model_dump()
        for quote in comparison.quotes
        if quote.status in NOT_QUOTED
        or quote.status == "reattributed"
        or (
            quote.status == "altered"
            and is_substantive(changed_word_share(quote.text, quote.other_text or ""))
        )
    ]
    return [Finding("quote_altered", article, base, details)] if details else []


def _common_findings(article: Article, base: Article, comparison: Comparison) -> list[Finding]:
    found = _quote_findings(article, base, comparison)
    figures = [
        FigureFinding(base=number.base, other=number.other).model_dump()
        for number in comparison.numbers
        if number.status == "changed"
    ]
    if figures:
        found.append(Finding("figure_changed", article, base, figures))
    if comparison.substitutions:
        details = [
            SwapFinding(base=s.base, other=s.other, count=s.count).model_dump()
            for s in comparison.substitutions
        ]
        terms = {word.casefold() for s in comparison.substitutions for word in (s.base, s.other)}
        found.append(Finding("substitution", article, base, details, terms=terms))
    return found


def version_findings(
    *, previous: Article, article: Article, comparison: Comparison, share: float
) -> list[Finding]:
    """The events of a new version (``comparison``: previous as base): none when the change is not
    substantive, a typo fix or spacing."""
    if not is_substantive(share):
        return []
    ranked = _ranked_findings(comparison)

    def details(event: Literal["changed", "stealth_edit"]) -> list[dict[str, Any]]:
        summary = ChangeSummary(
            kind=event, share=share, verdict=comparison.verdict, headline=comparison.headline
        )
        return [summary.model_dump(), *ranked]

    found = [Finding("changed", article, previous, details("changed"), share=share)]
    found += _common_findings(article, previous, comparison)
    noted = _CORRECTION_NOTE.search(article.text) and not _CORRECTION_NOTE.search(previous.text)
    if not noted:
        found.append(Finding("stealth_edit", article, previous, details("stealth_edit"), share=share))
    return found


#: The engine's findings a "changed" or "stealth_edit" alert carries, most important first: what
#: a reader of the alert should check before opening the comparison (its page lists them all).
ALERT_FINDINGS = 3


def _ranked_findings(comparison: Comparison) -> list[dict[str, Any]]:
    """The comparison's first :data:`ALERT_FINDINGS` findings (the engine ranks them), each with
    the words its sentences changed from and to, when it points at sentences that changed."""
    shown: list[dict[str, Any]] = []
    for finding in comparison.findings[:ALERT_FINDINGS]:
        changes = [
            change
            for group in comparison.alignment
            if finding.base_sentence in group.base or finding.other_sentence in group.other
            for change in group.changes
            if change.op != "glue"
        ]
        before = " … ".join(change.base for change in changes if change.base)
        after = " … ".join(change.other for change in changes if change.other)
        detail = RankedFinding(
            kind=finding.kind,
            severity=finding.severity,
            message=finding.message,
            before=before if before or after else None,
            after=after if before or after else None,
        )
        shown.append(detail.model_dump())
    return shown


def pickup_findings(*, wire: Article, article: Article, comparison: Comparison) -> list[Finding]:
    """The events of a pickup (``comparison``: wire as base)."""
    summary = PickupSummary(
        verdict=comparison.verdict, wire_source=wire.source, base_retained=comparison.summary.base_retained
    )
    found = [Finding("pickup", article, wire, [summary.model_dump()])]
    if comparison.attribution.credit_dropped:
        credits = CreditFinding(wire_credits=comparison.attribution.base_credits)
        found.append(Finding("credit_dropped", article, wire, [credits.model_dump()]))
    return found + _common_findings(article, wire, comparison)


def _matches(rule: AlertRule, finding: Finding) -> bool:
    if finding.event not in rule.events:
        return False
    if rule.sources is not None and finding.article.source not in rule.sources:
        return False
    if finding.event == "changed":
        return (finding.share or 0.0) >= rule.min_change_share
    if finding.event == "substitution":
        return bool(finding.terms & {term.strip().casefold() for term in rule.terms})
    return True


def page_url(settings: Settings, base_id: int | None, article_id: int) -> str:
    """The dashboard page of the comparison (or of the article, with nothing to compare)."""
    root = settings.public_url.rstrip("/")
    return f"{root}/ui/compare/{base_id}/{article_id}" if base_id else f"{root}/ui/articles/{article_id}"


def raise_alerts(session: Session, found: list[Finding], *, now: datetime, settings: Settings) -> list[int]:
    """Store an alert for each rule each finding matches, once per rule and event; the ids of
    the deliveries to make."""
    deliveries: list[int] = []
    rules = crud.list_alert_rules(session=session, active_only=True) if found else []
    for finding in found:
        article_id = finding.article.id
        assert article_id is not None
        base_id = finding.base.id if finding.base is not None else None
        for rule in rules:
            if not _matches(rule, finding):
                continue
            assert rule.id is not None
            channels = [("webhook", rule.webhook_url)] if rule.webhook_url else []
            # once each: a rule stored before its list was de-duplicated may name a URL twice
            channels += [("apprise", url) for url in dict.fromkeys(rule.apprise_urls)]
            alert = crud.add_alert(
                session=session,
                alert=Alert(
                    rule_id=rule.id,
                    key=f"{finding.event}:{base_id or 0}:{article_id}",
                    event=finding.event,
                    article_id=article_id,
                    base_article_id=base_id,
                    source=finding.article.source,
                    comparison_url=comparison_url(base_id, article_id) if base_id else None,
                    findings=finding.details,
                    created_at=now,
                ),
                deliveries=channels,
            )
            if alert is not None and alert.id is not None:
                deliveries += [
                    d.id for d in crud.deliveries_of_alert(session=session, alert_id=alert.id) if d.id
                ]
    return deliveries
