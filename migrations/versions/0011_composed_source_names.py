"""Outlet names as they are read now, and whether a pickup's wire text credits an agency.

Names: a source's name is stored without white space at either end and in Unicode's composed
form (NFC, :func:`app.schemas.source_name`), so that "Diário do Sul" typed on macOS (decomposed)
is the same outlet as typed elsewhere. The names stored before are read the same way here: every
column holding an outlet's name (articles', pickups' and their terms', watches', watched pages',
alerts', and the sources of alert rules), in batches of rows, in Python (SQL has no portable
NFC). Running it again changes nothing.

An article whose name, so read, is that of an article of the same text (the same source and
content hash: the one article the store keeps of them) is that article stored twice: the older
one stays, with what it lacked of the younger's title, URL (and its version), date, author,
language and page; the younger's pickups, alerts and watched pages point to it, and the younger
is deleted (its comparisons and index entries, made from the same text, with it). Only when their
texts are the same, character for character once composed: an article whose text differs
(spacing, quotation marks: what the content hash reads past) from the one that holds the name
already keeps its name as it was stored, and is logged, for someone to look at.

``pickup.wire_credited``: whether the wire's text credits an agency, so that a profile's credits
kept count only the pickups that had one to keep. The rows recorded before cannot tell (that is
their comparisons'): they are true, the meaning credits kept had until now, until ``wirediff
pickups backfill`` records them again. It joins the profiles' covering index.

Downgrading drops the column and puts the index back as it was; the names stay composed: which
of them were typed decomposed is not kept, so it cannot be undone (and need not be: every
revision reads them the same).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import logging
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.engine import Connection

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None

_log = logging.getLogger("alembic.runtime.migration")

_BATCH = 1000
_INDEX = "ix_pickup_outlet_source_found_week"
#: app.models.PROFILED_COLUMNS as of 0004, the index's columns before this revision
_PROFILED_BEFORE = [
    "wire_agency",
    "wire_sentences",
    "kept",
    "reworded",
    "dropped",
    "own_share",
    "credit_dropped",
    "quotes_intact",
    "quotes_altered",
    "quotes_missing",
    "figures_changed",
]
_INDEXED_FIRST = ["outlet_source", "found_week", "delay_seconds", "found_at"]

#: Columns holding an outlet's name (pickup.wire_agency: an agency's, or the wire's source's),
#: besides article.source (read with its unique constraint) and alert_rule.sources (a JSON list).
_NAMES = {
    "pickup": ("outlet_source", "wire_source", "wire_agency"),
    "pickup_term": ("outlet_source",),
    "watch": ("source",),
    "watched_page": ("source",),
    "alert": ("source",),
}
#: An article's columns the older of two copies takes from the younger when it has none.
_FILLED = ("title", "url", "published_at", "author", "language")

_ARTICLE = sa.table(
    "article",
    sa.column("id", sa.Integer),
    sa.column("source"),
    sa.column("content_hash"),
    sa.column("text"),
    *(sa.column(name) for name in _FILLED),
)
_HTML = sa.table("article_html", sa.column("article_id", sa.Integer))
_BAND = sa.table("article_band", sa.column("article_id", sa.Integer))
_REVISION = sa.table("article_revision", sa.column("article_id", sa.Integer))
_COMPARISON = sa.table("comparison", sa.column("base_id", sa.Integer), sa.column("other_id", sa.Integer))
_PICKUP = sa.table(
    "pickup",
    sa.column("id", sa.Integer),
    sa.column("outlet_article_id", sa.Integer),
    sa.column("wire_article_id", sa.Integer),
)
_TERM = sa.table("pickup_term", sa.column("pickup_id", sa.Integer))
_ALERT = sa.table(
    "alert",
    sa.column("id", sa.Integer),
    sa.column("rule_id", sa.Integer),
    sa.column("key", sa.String),
    sa.column("event", sa.String),
    sa.column("article_id", sa.Integer),
    sa.column("base_article_id", sa.Integer),
    sa.column("comparison_url", sa.String),
)
_DELIVERY = sa.table("delivery", sa.column("id", sa.Integer), sa.column("alert_id", sa.Integer))
_ATTEMPT = sa.table("delivery_attempt", sa.column("delivery_id", sa.Integer))
_PAGE = sa.table("watched_page", sa.column("article_id", sa.Integer))
_RULE = sa.table("alert_rule", sa.column("id", sa.Integer), sa.column("sources", sa.JSON))


def upgrade() -> None:
    op.drop_index(_INDEX, table_name="pickup")  # made again below, with the new column and names
    op.add_column(
        "pickup", sa.Column("wire_credited", sa.Boolean(), nullable=False, server_default=sa.true())
    )
    bind = op.get_bind()
    _compose_articles(bind)
    for table, columns in _NAMES.items():
        _compose(bind, table, columns)
    _compose_rules(bind)
    op.create_index(_INDEX, "pickup", [*_INDEXED_FIRST, *_PROFILED_BEFORE, "wire_credited"])


def downgrade() -> None:
    # The names stay composed: that some were typed decomposed is not kept, and nothing reads
    # them otherwise. Only the column goes, and the index is made again without it.
    op.drop_index(_INDEX, table_name="pickup")
    op.drop_column("pickup", "wire_credited")
    op.create_index(_INDEX, "pickup", [*_INDEXED_FIRST, *_PROFILED_BEFORE])


def _name(value: str | None) -> str | None:
    """A stored name as :func:`app.schemas.source_name` reads one (written out here: a migration
    does what it did when written, whatever the app's code becomes)."""
    return None if value is None else unicodedata.normalize("NFC", value.strip())


def _batches(bind: Connection, table: Any, *columns: Any) -> Any:
    """``table``'s rows (its id and ``columns``), ``_BATCH`` at a time in id order: never the
    whole of a large table at once."""
    last = 0
    while rows := bind.execute(
        sa.select(table.c.id, *columns).where(table.c.id > last).order_by(table.c.id).limit(_BATCH)
    ).all():
        yield rows
        last = rows[-1].id


def _compose(bind: Connection, name: str, columns: Sequence[str]) -> None:
    table = sa.table(name, sa.column("id", sa.Integer), *(sa.column(column) for column in columns))
    update = (
        table.update()
        .where(table.c.id == sa.bindparam("row_id"))
        .values({column: sa.bindparam(f"new_{column}") for column in columns})
    )
    for rows in _batches(bind, table, *(table.c[column] for column in columns)):
        changed = [
            {"row_id": row.id, **{f"new_{column}": _name(row._mapping[column]) for column in columns}}
            for row in rows
            if any(_name(row._mapping[column]) != row._mapping[column] for column in columns)
        ]
        if changed:
            bind.execute(update, changed)


def _compose_rules(bind: Connection) -> None:
    """Alert rules' sources: each name composed, a name listed twice so once."""
    for rows in _batches(bind, _RULE, _RULE.c.sources):
        for row in rows:
            if not isinstance(row.sources, list):
                continue
            sources = list(
                dict.fromkeys(_name(source) if isinstance(source, str) else source for source in row.sources)
            )
            if sources != row.sources:
                bind.execute(_RULE.update().where(_RULE.c.id == row.id).values(sources=sources))


def _compose_articles(bind: Connection) -> None:
    """Articles' sources composed; two copies of one text under one name made one (the older)."""
    for rows in _batches(bind, _ARTICLE, _ARTICLE.c.source, _ARTICLE.c.content_hash):
        for row in rows:
            source = _name(row.source)
            if source != row.source:
                _compose_article(bind, row.id, source, row.content_hash)


def _compose_article(bind: Connection, article_id: int, source: str, content_hash: str) -> None:
    """Article ``article_id`` under its name composed, ``source``, unless an article of that
    name and content hash holds it (the unique constraint's index finds it: no scan per row).
    Articles are composed in id order, so the one holding it is the oldest copy composed so far,
    or an article stored under the composed name: of two copies the older stays."""
    by_id = sa.select(_ARTICLE).where(_ARTICLE.c.id == article_id)
    this = bind.execute(by_id).one_or_none()
    holder = bind.execute(
        sa.select(_ARTICLE).where(_ARTICLE.c.source == source, _ARTICLE.c.content_hash == content_hash)
    ).one_or_none()
    if this is None:
        return
    if holder is not None and not _same_text(holder.text, this.text):
        _warn(
            f"article {article_id} keeps its source {this.source!r}: article {holder.id} of source"
            f" {source!r} has a text of the same content hash, which differs from it; one outlet is"
            " listed under two forms of its name until one of them is deleted"
        )
        return
    if holder is not None and holder.id < article_id:
        _merge(bind, keep=holder, copy=this)
        return
    if holder is not None:
        _merge(bind, keep=this, copy=holder)
    bind.execute(_ARTICLE.update().where(_ARTICLE.c.id == article_id).values(source=source))


def _warn(message: str) -> None:
    """Logged, and said on standard error: ``wirediff migrate`` sets up no logging, and what the
    migration could not do must reach whoever runs it."""
    _log.warning(message)
    print(f"warning: {message}", file=sys.stderr)


def _same_text(one: str, other: str) -> bool:
    return unicodedata.normalize("NFC", one) == unicodedata.normalize("NFC", other)


def _merge(bind: Connection, *, keep: Any, copy: Any) -> None:
    """Article ``copy`` is ``keep`` stored twice: ``keep`` takes what it lacks of it, what points
    to ``copy`` points to ``keep``, and ``copy`` goes."""
    gone, kept = copy.id, keep.id
    filled = {name: getattr(copy, name) for name in _FILLED if getattr(keep, name) is None}
    if filled.get("url") is not None:
        # the URL's version was the copy's: it is the kept article's now (which had none, without
        # a URL); otherwise the copy's goes with it, a gap in its URL's versions as any deletion
        bind.execute(_REVISION.update().where(_REVISION.c.article_id == gone).values(article_id=kept))
    else:
        filled.pop("url", None)
    if filled:
        bind.execute(_ARTICLE.update().where(_ARTICLE.c.id == kept).values(**filled))
    if bind.execute(sa.select(sa.func.count()).select_from(_HTML).where(_HTML.c.article_id == kept)).scalar():
        bind.execute(_HTML.delete().where(_HTML.c.article_id == gone))
    else:
        bind.execute(_HTML.update().where(_HTML.c.article_id == gone).values(article_id=kept))
    _repoint_pickups(bind, gone=gone, kept=kept)
    _repoint_alerts(bind, gone=gone, kept=kept)
    bind.execute(_PAGE.update().where(_PAGE.c.article_id == gone).values(article_id=kept))
    # what was made from the copy's text alone (the kept article's own were made from the same)
    bind.execute(
        _COMPARISON.delete().where(sa.or_(_COMPARISON.c.base_id == gone, _COMPARISON.c.other_id == gone))
    )
    bind.execute(_BAND.delete().where(_BAND.c.article_id == gone))
    bind.execute(_REVISION.delete().where(_REVISION.c.article_id == gone))
    bind.execute(_ARTICLE.delete().where(_ARTICLE.c.id == gone))
    _log.info("article %s was article %s stored again under another form of its name: deleted", gone, kept)


def _repoint_alerts(bind: Connection, *, gone: int, kept: int) -> None:
    """The copy's alerts, the kept article's, their key and comparison link naming it as the alert
    pass names them (``app.services.alerts``: "event:base:article", the comparison's path), so that
    the pass finds them again and sends nothing twice; an alert the kept article already has under
    that key, or one that would compare the article with itself, goes with its deliveries."""
    alerts = bind.execute(
        sa.select(_ALERT).where(sa.or_(_ALERT.c.article_id == gone, _ALERT.c.base_article_id == gone))
    ).all()
    for alert in alerts:
        article = kept if alert.article_id == gone else alert.article_id
        base = kept if alert.base_article_id == gone else alert.base_article_id
        key = f"{alert.event}:{base or 0}:{article}"
        taken = base == article or bool(
            bind.execute(
                sa.select(sa.func.count())
                .select_from(_ALERT)
                .where(_ALERT.c.rule_id == alert.rule_id, _ALERT.c.key == key, _ALERT.c.id != alert.id)
            ).scalar()
        )
        if taken:
            deliveries = sa.select(_DELIVERY.c.id).where(_DELIVERY.c.alert_id == alert.id)
            bind.execute(_ATTEMPT.delete().where(_ATTEMPT.c.delivery_id.in_(deliveries)))
            bind.execute(_DELIVERY.delete().where(_DELIVERY.c.alert_id == alert.id))
            bind.execute(_ALERT.delete().where(_ALERT.c.id == alert.id))
            continue
        link = (
            f"/v1/articles/{base}/compare/{article}"
            if alert.comparison_url and base
            else alert.comparison_url
        )
        bind.execute(
            _ALERT.update()
            .where(_ALERT.c.id == alert.id)
            .values(article_id=article, base_article_id=base, key=key, comparison_url=link)
        )


def _repoint_pickups(bind: Connection, *, gone: int, kept: int) -> None:
    """The copy's pickups, the kept article's: as the outlet's article unless the kept one is
    already a pickup (an article is a pickup of one wire story), as the wire story unless that
    outlet article is already a pickup of the kept one; never of itself."""
    pickups = bind.execute(
        sa.select(_PICKUP).where(
            sa.or_(_PICKUP.c.outlet_article_id == gone, _PICKUP.c.wire_article_id == gone)
        )
    ).all()
    kept_is_pickup = bool(
        bind.execute(
            sa.select(sa.func.count()).select_from(_PICKUP).where(_PICKUP.c.outlet_article_id == kept)
        ).scalar()
    )
    dropped = []
    for pickup in pickups:
        outlet = kept if pickup.outlet_article_id == gone else pickup.outlet_article_id
        wire = kept if pickup.wire_article_id == gone else pickup.wire_article_id
        taken = outlet == wire or (pickup.outlet_article_id == gone and kept_is_pickup)
        if not taken and pickup.wire_article_id == gone:
            taken = bool(
                bind.execute(
                    sa.select(sa.func.count())
                    .select_from(_PICKUP)
                    .where(_PICKUP.c.outlet_article_id == outlet, _PICKUP.c.wire_article_id == kept)
                ).scalar()
            )
        if taken:
            dropped.append(pickup.id)
        else:
            bind.execute(
                _PICKUP.update()
                .where(_PICKUP.c.id == pickup.id)
                .values(outlet_article_id=outlet, wire_article_id=wire)
            )
    if dropped:
        bind.execute(_TERM.delete().where(_TERM.c.pickup_id.in_(dropped)))
        bind.execute(_PICKUP.delete().where(_PICKUP.c.id.in_(dropped)))
