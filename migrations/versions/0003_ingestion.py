"""Ingestion from pages: the article's author, and the page's HTML when a client asks to keep it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("article", sa.Column("author", sa.String(length=200), nullable=True))
    op.create_table(
        "article_html",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name="fk_article_html_article_id_article", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("article_id", name="pk_article_html"),
    )


def downgrade() -> None:
    op.drop_table("article_html")
    # ALTER TABLE ... DROP COLUMN, which SQLite has had since 3.35: no batch copy of the article
    # table, whose copy would drop it and so cascade to every table referring to it
    op.drop_column("article", "author")
