"""Articles, and cached comparisons that go with them.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_article"),
        sa.UniqueConstraint("source", "content_hash", name="uq_article_source_content_hash"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_article_source", "article", ["source"])
    op.create_index("ix_article_published_at", "article", ["published_at"])
    op.create_table(
        "comparison",
        sa.Column("base_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("engine_version", sa.String(length=32), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("etag", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["base_id"], ["article.id"], name="fk_comparison_base_id_article", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["other_id"], ["article.id"], name="fk_comparison_other_id_article", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("base_id", "other_id", "engine_version", name="pk_comparison"),
    )
    op.create_index("ix_comparison_other_id", "comparison", ["other_id"])


def downgrade() -> None:
    op.drop_index("ix_comparison_other_id", table_name="comparison")
    op.drop_table("comparison")
    op.drop_index("ix_article_published_at", table_name="article")
    op.drop_index("ix_article_source", table_name="article")
    op.drop_table("article")
