"""A URL's versions are the page's: a link with a fragment, a tracking parameter or a host in
capitals adds to them (``crud.version_key``), where it had started a chain of its own.

The versions already stored are keyed again. Chains that turn out to be one page's are numbered
again in the order they were stored (article id); every other chain keeps its numbers, gaps
after a deletion included. Downgrading keys each version by its own URL again, the chains it
joined numbered per URL in id order.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import count

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None

_ARTICLE = sa.table("article", sa.column("id", sa.Integer), sa.column("url"))
_REVISION = sa.table(
    "article_revision", sa.column("article_id", sa.Integer), sa.column("url_hash"), sa.column("version")
)


def upgrade() -> None:
    from app.crud import version_key

    _key_again(version_key)


def downgrade() -> None:
    from app.crud import url_hash

    _key_again(url_hash)


def _key_again(key: Callable[[str], str]) -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(_REVISION.c.article_id, _REVISION.c.url_hash, _REVISION.c.version, _ARTICLE.c.url)
        .join(_ARTICLE, _ARTICLE.c.id == _REVISION.c.article_id)
        .order_by(_REVISION.c.article_id)
    ).all()
    chains: dict[str, list[tuple[int, str, int]]] = {}
    before: dict[str, set[int]] = {}
    for row in rows:
        chains.setdefault(key(row.url), []).append((row.article_id, row.url_hash, row.version))
        before.setdefault(row.url_hash, set()).add(row.article_id)
    changed = []
    for new_key, members in chains.items():
        # a chain made of others, or of part of one, is numbered again; one that stays whole keeps
        # its numbers
        joined = {article_id for article_id, _, _ in members} != before[members[0][1]]
        numbers = count(1)
        for article_id, old_key, version in members:
            number = next(numbers) if joined else version
            if (old_key, version) != (new_key, number):
                changed.append({"id": article_id, "key": new_key, "number": number})
    if not changed:
        return
    # out of the way first: a chain's new numbers may be another's old ones under the same key
    ids = [entry["id"] for entry in changed]
    for start in range(0, len(ids), 500):
        bind.execute(
            _REVISION.update()
            .where(_REVISION.c.article_id.in_(ids[start : start + 500]))
            .values(version=-_REVISION.c.version)
        )
    bind.execute(
        _REVISION.update()
        .where(_REVISION.c.article_id == sa.bindparam("id"))
        .values(url_hash=sa.bindparam("key"), version=sa.bindparam("number")),
        changed,
    )
