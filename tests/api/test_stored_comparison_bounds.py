"""Reads may cache comparisons of stored pairs only within bounds: a comparison over
WIREDIFF_STORED_COMPARISON_MAX_BYTES, or one that would take the cache over
WIREDIFF_STORED_COMPARISONS_MAX_BYTES, is answered without being stored."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

from tests.api.conftest import ClientWith, post_seed, store_seeds


def _rows(client_engine: object) -> int:
    with Session(client_engine) as session:  # type: ignore[arg-type]
        return int(session.exec(text("SELECT count(*) FROM comparison")).one()[0])  # type: ignore[call-overload]


class TestStoredComparisonBounds:
    def test_a_comparison_over_the_row_bound_is_answered_not_stored(self, client_with: ClientWith) -> None:
        client = client_with(stored_comparison_max_bytes=1000)
        base, other = post_seed(client, "001", "Reuters"), post_seed(client, "003", "Outlet")
        for _ in range(2):
            response = client.get(f"/v1/articles/{base}/compare/{other}")
            assert response.status_code == 200
            assert response.json()["base"]["sentences"]
        assert _rows(client.app.state.db_engine) == 0  # type: ignore[attr-defined]

    def test_past_the_total_bound_new_comparisons_are_not_stored(self, client_with: ClientWith) -> None:
        client = client_with(stored_comparisons_max_bytes=1)
        ids = [post_seed(client, number, f"Source {number}") for number in ("001", "002", "003", "004")]
        statuses = [client.get(f"/v1/articles/{ids[0]}/compare/{other}").status_code for other in ids[1:]]
        assert statuses == [200, 200, 200]
        assert _rows(client.app.state.db_engine) == 0  # type: ignore[attr-defined]

    def test_within_the_bounds_a_comparison_is_stored_once(self, client_with: ClientWith) -> None:
        client = client_with()
        base, other = post_seed(client, "001", "Reuters"), post_seed(client, "003", "Outlet")
        assert client.get(f"/v1/articles/{base}/compare/{other}").status_code == 200
        assert client.get(f"/v1/articles/{base}/compare/{other}").status_code == 200
        assert _rows(client.app.state.db_engine) == 1  # type: ignore[attr-defined]

    def test_the_row_bound_is_each_comparisons_not_a_querys_sum(self, client_with: ClientWith) -> None:
        # article 2's related versions are four comparisons of 10 to 30 KB: each is under the row
        # bound, all four together are over it, and all four are stored
        client = client_with(stored_comparison_max_bytes=40_000)
        store_seeds(client)
        assert client.get("/v1/articles/2/related").status_code == 200
        assert _rows(client.app.state.db_engine) == 4  # type: ignore[attr-defined]

    def test_what_a_worker_cached_counts_towards_the_bound_before_the_next_sum(
        self, client_with: ClientWith
    ) -> None:
        # the cache's bytes are summed at most once a minute: in between, a worker adds what it
        # cached itself, so a bound that holds either of two comparisons holds only the first
        probe = client_with()
        ids = [post_seed(probe, number, f"Source {number}") for number in ("001", "002", "003")]
        for other in ids[1:]:
            assert probe.get(f"/v1/articles/{ids[0]}/compare/{other}").status_code == 200
        with Session(probe.app.state.db_engine) as session:  # type: ignore[attr-defined]
            sizes = [int(row[0]) for row in session.exec(text("SELECT length(body) FROM comparison"))]  # type: ignore[call-overload]
        client = client_with(stored_comparisons_max_bytes=sum(sizes) - 1)
        ids = [post_seed(client, number, f"Source {number}") for number in ("001", "002", "003")]
        for other in ids[1:]:
            assert client.get(f"/v1/articles/{ids[0]}/compare/{other}").status_code == 200
        assert _rows(client.app.state.db_engine) == 1  # type: ignore[attr-defined]
