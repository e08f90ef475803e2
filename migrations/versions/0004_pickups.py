"""Pickups: outlet articles derived from a stored wire story, with their comparison's figures, and
the words each outlet put in place of the wire's (outlet profiles aggregate over these).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

#: app.models.PROFILED_COLUMNS as of this revision: the profiles' covering index.
_PROFILED = [
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


def upgrade() -> None:
    op.create_table(
        "pickup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outlet_article_id", sa.Integer(), nullable=False),
        sa.Column("wire_article_id", sa.Integer(), nullable=False),
        sa.Column("outlet_source", sa.String(length=200), nullable=False),
        sa.Column("wire_source", sa.String(length=200), nullable=False),
        sa.Column("wire_agency", sa.String(length=200), nullable=True),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("probability", sa.Float(), nullable=True),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.Column("found_week", sa.Date(), nullable=False),
        sa.Column("outlet_published_at", sa.DateTime(), nullable=True),
        sa.Column("wire_published_at", sa.DateTime(), nullable=True),
        sa.Column("delay_seconds", sa.Float(), nullable=True),
        sa.Column("wire_sentences", sa.Integer(), nullable=False),
        sa.Column("kept", sa.Integer(), nullable=False),
        sa.Column("reworded", sa.Integer(), nullable=False),
        sa.Column("dropped", sa.Integer(), nullable=False),
        sa.Column("other_sentences", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("base_retained", sa.Float(), nullable=False),
        sa.Column("own_share", sa.Float(), nullable=False),
        sa.Column("credit_dropped", sa.Boolean(), nullable=False),
        sa.Column("quotes_intact", sa.Integer(), nullable=False),
        sa.Column("quotes_altered", sa.Integer(), nullable=False),
        sa.Column("quotes_missing", sa.Integer(), nullable=False),
        sa.Column("figures_changed", sa.Integer(), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outlet_article_id"],
            ["article.id"],
            name="fk_pickup_outlet_article_id_article",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["wire_article_id"], ["article.id"], name="fk_pickup_wire_article_id_article", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_pickup"),
        sa.UniqueConstraint(
            "outlet_article_id", "wire_article_id", name="uq_pickup_outlet_article_id_wire_article_id"
        ),
    )
    op.create_index(
        "ix_pickup_outlet_source_found_week",
        "pickup",
        ["outlet_source", "found_week", "delay_seconds", "found_at", *_PROFILED],
    )
    op.create_index(
        "ix_pickup_outlet_source_delay_seconds", "pickup", ["outlet_source", "delay_seconds", "found_at"]
    )
    op.create_index("ix_pickup_found_at", "pickup", ["found_at"])
    op.create_index("ix_pickup_wire_source", "pickup", ["wire_source"])
    op.create_index("ix_pickup_wire_article_id", "pickup", ["wire_article_id"])
    op.create_table(
        "pickup_term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pickup_id", sa.Integer(), nullable=False),
        sa.Column("outlet_source", sa.String(length=200), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("base", sa.String(length=200), nullable=False),
        sa.Column("other", sa.String(length=200), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pickup_id"], ["pickup.id"], name="fk_pickup_term_pickup_id_pickup", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_pickup_term"),
    )
    op.create_index("ix_pickup_term_kind_base_other", "pickup_term", ["kind", "base", "other"])
    op.create_index("ix_pickup_term_pickup_id", "pickup_term", ["pickup_id"])
    op.create_index(
        "ix_pickup_term_outlet_source_kind_base",
        "pickup_term",
        ["outlet_source", "kind", "base", "other", "found_at", "count", "pickup_id"],
    )


def downgrade() -> None:
    op.drop_table("pickup_term")  # its indexes go with it
    op.drop_table("pickup")
