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

_DROP_TRIGGERS = [
    "DROP TRIGGER article_search_insert",
    "DROP TRIGGER article_search_delete",
    "DROP TRIGGER article_search_update",
]
# SQLite: the triggers index the values folded, and give the index's 'delete' the same values (an
# external-content FTS5 index removes what it is told was indexed); the articles stored before are
# indexed again.
SQLITE_UP = [
    *_DROP_TRIGGERS,
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
    "INSERT INTO article_search(article_search) VALUES ('delete-all')",
    "INSERT INTO article_search(rowid, title, text) "
    "SELECT id, replace(title, 'İ', 'i'), replace(text, 'İ', 'i') FROM article",
]
SQLITE_DOWN = [
    *_DROP_TRIGGERS,
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


def _migrate(sqlite_statements: list[str], search_vector: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in sqlite_statements:
            op.execute(statement)
    else:
        op.execute("DROP INDEX ix_article_search")
        op.execute(f"CREATE INDEX ix_article_search ON article USING gin ({search_vector})")


def upgrade() -> None:
    _migrate(SQLITE_UP, SEARCH_VECTOR)


def downgrade() -> None:
    _migrate(SQLITE_DOWN, SEARCH_VECTOR_BEFORE)
