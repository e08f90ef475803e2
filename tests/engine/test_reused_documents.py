"""A prepared document compared again (an article against each of its related versions, in
one thread or several) gives what a fresh preparation gives: what the engine keeps of a
document's sentences between comparisons changes no output, and is bounded in characters; what is
forgotten is read again to the same output."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import orjson

from app.engine import compare_prepared, forget_read_sentences, prepare
from app.engine.compare import _AnalysisCache, _characters
from app.engine.quantities import find_quantities
from app.engine.text import PreparedDocument, squash
from tests.engine.conftest import seed_text

SEEDS = ("000", "001", "002", "003", "004")


def _fresh(base: str, other: str) -> bytes:
    return orjson.dumps(compare_prepared(prepare(seed_text(base)), prepare(seed_text(other))).to_dict())


def test_a_document_compared_with_each_version_in_turn_gives_the_fresh_results() -> None:
    prepared = {number: prepare(seed_text(number)) for number in SEEDS}
    for base in SEEDS:
        for other in SEEDS:
            reused = orjson.dumps(compare_prepared(prepared[base], prepared[other]).to_dict())
            assert reused == _fresh(base, other), (base, other)


def test_one_document_compared_in_several_threads_at_once_gives_the_fresh_results() -> None:
    wire = prepare(seed_text("001"))
    versions = [prepare(seed_text(number)) for number in ("000", "002", "003", "004")] * 3

    def against_wire(other: PreparedDocument) -> bytes:
        return orjson.dumps(compare_prepared(wire, other).to_dict())

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(against_wire, versions))
    expected = [_fresh("001", number) for number in ("000", "002", "003", "004")] * 3
    assert results == expected


def test_the_documents_compared_last_are_kept_up_to_the_bound_in_characters() -> None:
    documents = [prepare(seed_text(number)) for number in SEEDS]
    sizes = [_characters(d) for d in documents]
    # room for document 3 beside 4 or 0, not for a third document
    bound = sizes[3] + max(sizes[4], sizes[0])
    assert min(sizes) + sizes[3] + sizes[4] > bound
    cache = _AnalysisCache(bound)
    for document in documents:
        cache.get(document)
    assert [id(d) for d in cache.kept()] == [id(d) for d in documents[3:]]
    assert cache.characters == sizes[3] + sizes[4]
    cache.get(documents[3])  # read again: now the most recent
    cache.get(documents[0])
    assert [id(d) for d in cache.kept()] == [id(documents[3]), id(documents[0])]
    assert cache.characters == sizes[3] + sizes[0]


def test_a_document_larger_than_the_bound_is_not_kept() -> None:
    document = prepare(seed_text("003"))
    cache = _AnalysisCache(_characters(document) - 1)
    first = cache.get(document)
    assert cache.kept() == []
    assert cache.get(document) is not first  # read again: nothing was kept


def test_a_document_prepared_for_one_comparison_is_not_kept() -> None:
    document = prepare(seed_text("001"))
    cache = _AnalysisCache(10 * _characters(document))
    first = cache.get(document, keep=False)
    assert cache.kept() == []
    assert cache.characters == 0
    assert cache.get(document) is not first


def test_forgetting_the_sentences_read_last_leaves_none_kept_and_changes_no_output() -> None:
    kept = _fresh("001", "003")
    assert squash.cache_info().currsize > 0
    assert find_quantities.cache_info().currsize > 0
    forget_read_sentences()
    assert squash.cache_info().currsize == 0
    assert find_quantities.cache_info().currsize == 0
    assert _fresh("001", "003") == kept
