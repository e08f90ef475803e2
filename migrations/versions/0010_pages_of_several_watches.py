"""A page is every watch's that lists it: ``watched_page_watch`` links each page to the watches
listing it, and a page is polled while any of them is active. Each page stored so far is linked
to the watch that found it; downgrading drops the links (a page is its finder's alone again).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "watched_page_watch",
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("watch_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["page_id"],
            ["watched_page.id"],
            name=op.f("fk_watched_page_watch_page_id_watched_page"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["watch_id"], ["watch.id"], name=op.f("fk_watched_page_watch_watch_id_watch"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("page_id", "watch_id", name=op.f("pk_watched_page_watch")),
    )
    with op.batch_alter_table("watched_page_watch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_watched_page_watch_watch_id"), ["watch_id"], unique=False)
    op.execute("INSERT INTO watched_page_watch (page_id, watch_id) SELECT id, watch_id FROM watched_page")


def downgrade() -> None:
    with op.batch_alter_table("watched_page_watch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_watched_page_watch_watch_id"))
    op.drop_table("watched_page_watch")
