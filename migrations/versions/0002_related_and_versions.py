"""The related-versions index (sentence band keys) and revisions of a URL.

Articles already stored get their index entries and revision numbers here, so an upgraded
database finds them as related versions and lists their versions. The index entries come from
the current :mod:`app.engine.index`, as ``wirediff reindex`` would write them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from itertools import count

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

_BATCH = 500


def upgrade() -> None:
    op.create_table(
        "article_band",
        sa.Column("band_key", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name="fk_article_band_article_id_article", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("band_key", "article_id", name="pk_article_band"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_article_band_article_id", "article_band", ["article_id"])
    op.create_table(
        "article_revision",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("url_hash", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name="fk_article_revision_article_id_article", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("article_id", name="pk_article_revision"),
        sa.UniqueConstraint("url_hash", "version", name="uq_article_revision_url_hash_version"),
    )
    _backfill()


def _backfill() -> None:
    """Index entries for every stored article; versions 1, 2, ... per URL in id order."""
    from app.crud import url_hash
    from app.engine import band_keys, prepare

    bind = op.get_bind()
    article = sa.table("article", sa.column("id", sa.Integer), sa.column("url"), sa.column("text"))
    band = sa.table("article_band", sa.column("band_key", sa.BigInteger), sa.column("article_id"))
    revision_table = sa.table(
        "article_revision", sa.column("article_id"), sa.column("url_hash"), sa.column("version")
    )
    versions: dict[str, count[int]] = {}
    last_id = 0
    while True:
        rows = bind.execute(
            sa.select(article.c.id, article.c.url, article.c.text)
            .where(article.c.id > last_id)
            .order_by(article.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        keys = [
            {"band_key": key, "article_id": row.id} for row in rows for key in band_keys(prepare(row.text))
        ]
        if keys:
            bind.execute(band.insert(), keys)
        revisions = []
        for row in rows:
            if row.url:
                digest = url_hash(row.url)
                version = next(versions.setdefault(digest, count(1)))
                revisions.append({"article_id": row.id, "url_hash": digest, "version": version})
        if revisions:
            bind.execute(revision_table.insert(), revisions)
        last_id = rows[-1].id


def downgrade() -> None:
    op.drop_table("article_revision")
    op.drop_index("ix_article_band_article_id", table_name="article_band")
    op.drop_table("article_band")
