"""The engine's preparation of each article's text, stored beside it (article.prepared).

Articles stored before stay NULL and are prepared when compared, as before; ``wirediff reindex``
stores theirs. Nothing is computed here: preparing a large store takes minutes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("article", sa.Column("prepared", sa.JSON(), nullable=True))


def downgrade() -> None:
    # a plain DROP COLUMN (SQLite 3.35+): a batch copy of the table would lose the search triggers
    op.drop_column("article", "prepared")
