"""Full-text search of articles' titles and texts: an FTS5 index kept by triggers on SQLite, a GIN
index over their tsvector on PostgreSQL (GET /v1/articles?q=, crud.list_articles).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

#: PostgreSQL: the expression crud.list_articles searches, word for word, so the planner uses the
#: index. 'simple': no stemming or stop words, as articles come in every language.
SEARCH_VECTOR = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"

# SQLite: an external-content FTS5 table (the text is stored once, in article) over title and text.
# unicode61 folds case; diacritics are kept, as PostgreSQL's 'simple' keeps them.
SQLITE_UP = [
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
    "INSERT INTO article_search(article_search) VALUES ('rebuild')",  # the articles stored before
]
SQLITE_DOWN = [
    "DROP TRIGGER article_search_update",
    "DROP TRIGGER article_search_delete",
    "DROP TRIGGER article_search_insert",
    "DROP TABLE article_search",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
    else:
        op.execute(f"CREATE INDEX ix_article_search ON article USING gin ({SEARCH_VECTOR})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
    else:
        op.execute("DROP INDEX ix_article_search")
