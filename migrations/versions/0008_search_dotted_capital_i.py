"""Full-text search finds words written with a Turkish dotted capital I ("İstanbul", "İZMİR").

SQLite's unicode61 tokenizer leaves U+0130 as it is (its case folding maps one character to one,
and the lower case of İ is two), and PostgreSQL's lower() makes it "i" or "i" and a combining dot,
depending on the server's locale provider. Both indexes now read İ as i, as
:func:`app.schemas.search_terms` does: "İstanbul", "istanbul" and "ISTANBUL" find each other.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None

#: PostgreSQL: the expression crud.list_articles searches, word for word, so the planner uses the index.
SEARCH_VECTOR = "to_tsvector('simple', replace(coalesce(title, '') || ' ' || text, 'İ', 'i'))"
SEARCH_VECTOR_BEFORE = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"
#: A new name for the new expression: it is built beside the old index, which serves searches
#: until it is ready (app.db.SEARCH_INDEX).
SEARCH_INDEX = "ix_article_search_folded"
SEARCH_INDEX_BEFORE = "ix_article_search"

# SQLite: the external-content FTS5 index reads its content from a view that folds İ, so what the
# triggers index, what 'delete' is told was indexed, what 'rebuild' reads and what
# 'integrity-check' compares the index with are the same values. A later migration that rebuilds
# `article` in batch mode (alembic's copy-and-rename on SQLite) must drop the view first and
# create it again after: SQLite checks views against the table being renamed.
_DROP = [
    "DROP TRIGGER article_search_insert",
    "DROP TRIGGER article_search_delete",
    "DROP TRIGGER article_search_update",
    "DROP TABLE article_search",
]
SQLITE_UP = [
    *_DROP,
    "CREATE VIEW article_search_content AS "
    "SELECT id, replace(title, 'İ', 'i') AS title, replace(text, 'İ', 'i') AS text FROM article",
    "CREATE VIRTUAL TABLE article_search USING fts5(title, text, content='article_search_content', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER article_search_insert AFTER INSERT ON article BEGIN "
    "INSERT INTO article_search(rowid, title, text) "
    "VALUES (new.id, replace(new.title, 'İ', 'i'), replace(new.text, 'İ', 'i')); END",
    "CREATE TRIGGER article_search_delete AFTER DELETE ON article BEGIN "
    "INSERT INTO article_search(article_search, rowid, title, text) "
    "VALUES ('delete', old.id, replace(old.title, 'İ', 'i'), replace(old.text, 'İ', 'i')); END",
    "CREATE TRIGGER article_search_update AFTER UPDATE OF title, text ON article BEGIN "
    "INSERT INTO article_search(article_search, rowid, title, text) "
    "VALUES ('delete', old.id, replace(old.title, 'İ', 'i'), replace(old.text, 'İ', 'i')); "
    "INSERT INTO article_search(rowid, title, text) "
    "VALUES (new.id, replace(new.title, 'İ', 'i'), replace(new.text, 'İ', 'i')); END",
    "INSERT INTO article_search(article_search) VALUES ('rebuild')",  # the articles stored before
]
#: 0006's index again.
SQLITE_DOWN = [
    *_DROP,
    "DROP VIEW article_search_content",
    "CREATE VIRTUAL TABLE article_search USING fts5("
    "title, text, content='article', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER article_search_insert AFTER INSERT ON article BEGIN "
    "INSERT INTO article_search(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER article_search_delete AFTER DELETE ON article BEGIN "
    "INSERT INTO article_search(article_search, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER article_search_update AFTER UPDATE OF title, text ON article BEGIN "
    "INSERT INTO article_search(article_search, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO article_search(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "INSERT INTO article_search(article_search) VALUES ('rebuild')",
]


def _swap_postgresql_index(*, build: str, expression: str, drop: str) -> None:
    """Build ``build`` over ``expression`` and then drop ``drop``, both CONCURRENTLY: the article
    table takes reads and writes meanwhile. Safe to run again after a failure: an index a failed
    build left invalid is dropped first, one already built is kept."""
    with op.get_context().autocommit_block():  # CONCURRENTLY cannot run inside a transaction
        invalid = op.get_bind().exec_driver_sql(
            "SELECT 1 FROM pg_index JOIN pg_class ON pg_class.oid = pg_index.indexrelid "
            "WHERE pg_class.relname = %(name)s AND NOT pg_index.indisvalid",
            {"name": build},
        )
        if invalid.first() is not None:
            op.execute(f"DROP INDEX CONCURRENTLY {build}")
        op.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {build} ON article USING gin ({expression})")
        op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {drop}")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
    else:
        _swap_postgresql_index(build=SEARCH_INDEX, expression=SEARCH_VECTOR, drop=SEARCH_INDEX_BEFORE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
    else:
        _swap_postgresql_index(build=SEARCH_INDEX_BEFORE, expression=SEARCH_VECTOR_BEFORE, drop=SEARCH_INDEX)
