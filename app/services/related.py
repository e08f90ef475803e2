"""Across stored articles: every version of a story (:func:`related_versions`), the one an
article most likely comes from (:func:`origin_of`), and what one URL published over time
(:func:`article_versions`).

Candidates come from the sentence index (:mod:`app.engine.index`, table ``article_band``): the
articles sharing the most band keys with this one, found by index lookups alone, never a scan,
through the article's keys few articles hold (a pair hundreds of articles share is no sign of
one story, and reading its holders is what a query's time would grow with).
The engine then compares each candidate (cached per pair and engine version, as every stored
comparison is) and only those it does not judge unrelated are related versions.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import orjson
from sqlmodel import Session

from app import crud
from app.config import Settings
from app.engine import (
    KEY_TAG,
    Comparison,
    band_keys,
    find_credits,
    is_current_preparation,
    preparation_of,
    prepare,
)
from app.engine.pickup import (
    PickupDecision,
    decide_pickup,
    evidence_from_comparison,
    load_model,
    with_rule,
)
from app.models import Article
from app.schemas import (
    MAX_RELATED,
    SHARED_SENTENCES_SHOWN,
    ArticleInfo,
    ArticleVersion,
    ArticleVersions,
    Origin,
    OriginEvidence,
    PickupAssessment,
    PickupEvidenceInfo,
    RelatedVersion,
    RelatedVersions,
    SharedSentence,
)
from app.services.comparisons import (
    ComparisonOutline,
    LeastRecentlyUsed,
    OnCompute,
    StoredComparison,
    compare_articles,
    compare_many,
    from_json,
    outline_of,
    prepared_document,
    stored_article,
)

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "Candidate",
    "RelatedFound",
    "article_versions",
    "comparison_url",
    "find_related",
    "forget_kept_decisions",
    "index_is_outdated",
    "origin_of",
    "pickup_of_version",
    "preparations_are_outdated",
    "reindex",
    "related_candidates",
    "related_versions",
]

DEFAULT_LIMIT = 10
MAX_LIMIT = MAX_RELATED
# Which candidates the engine confirms. Figures: `python -m benchmarks.pickups` (METER dev: 118
# PA stories, 445 newspaper articles, 331 of them derived) and the synthetic corpus of
# `python -m benchmarks.related` (BENCHMARKS.md, "Related versions").
#: A candidate shares at least this many index keys (content-word pairs of a sentence): one or
#: two are most often common pairs ("prime minister", "crown court"). On METER dev 3 keys made
#: candidates of as many derived articles as 2 (97.3%).
MIN_SHARED_KEYS = 3
#: ... and at least this share of the smaller article's keys: an article on the same topic shares
#: a few pairs with many others, a version shares its sentences' words.
MIN_CONTAINMENT = 0.05
#: Candidates holding less than this share are weak: most of them share a phrase or two (in the
#: synthetic corpus at 10,000 articles 15% of the other candidates are over 0.05, 0.05% over 0.15; every
#: planted version is over 0.24), but some are real versions cut to a few sentences (METER).
STRONG_CONTAINMENT = 0.15
#: The engine confirms at most ``limit`` + this many candidates, the ones sharing the most keys:
#: room for a few unrelated ones without comparing without bound...
EXTRA_CANDIDATES = 5
#: ... and of them at most this many weak ones: each comparison costs a few milliseconds, and at
#: 100,000 articles every article has dozens of weak candidates.
WEAK_CANDIDATES = 3
#: Candidates read from the index (the most keys shared first) before the containment filter.
CANDIDATES_LOOKED_AT = 40
#: A key more articles than this hold is a pair common in the store ("prime minister", "last
#: year"), not a sign of one story, and reading who holds it is what a query's time grows with.
#: At 100,000 synthetic articles an article's keys are held by about 110 articles each (median)
#: and its commonest by up to 32,000: the index's part of a query took 36 ms of CPU reading every
#: holder, and 16 ms counting the holders, reading those of the keys held by 100 or fewer (35-65%
#: of an article's keys) and a sample of the others' (below), with every planted version still
#: found (BENCHMARKS.md, "Related versions at scale"). Candidates are found by these keys, then
#: ranked and filtered by every key they share.
COMMON_KEY_HOLDERS = 100
#: ... but at least this many of an article's keys are read (half of a shorter article's): when
#: fewer are that rare (a story hundreds of outlets ran, a store of millions), the bound is
#: raised KEY_HOLDERS_STEP-fold until they are, so that a story every outlet carries still finds
#: its versions; no further than MAX_KEY_HOLDERS, where what is left is sampled (below).
MIN_KEYS_READ = 24
KEY_HOLDERS_STEP = 8
MAX_KEY_HOLDERS = COMMON_KEY_HOLDERS * KEY_HOLDERS_STEP**2
#: The common keys are not passed over either: the first (oldest) this many holders of each are
#: read, at most this many index entries a key, and the articles most often among them join the
#: candidates (as many as CANDIDATES_LOOKED_AT, ranked with the others by every key they share).
#: A rewrite of a story many outlets carried holds the story's pairs, all common, beside rare
#: ones of its own that find nothing; the wire story and its first copies are among the first
#: holders of every pair of the story.
COMMON_KEY_SAMPLE = CANDIDATES_LOOKED_AT
#: ... when they are among the first holders of this many of the common keys: more pairs than a
#: run of eight content words holds (7), so a phrase many articles share ("heavy rain flooded
#: the streets of central Moscow": 5) is not enough, and a sentence kept whole (about 9) is.
SAMPLED_MIN_SHARED = 8
#: An outlet's house text (a footer, a standing paragraph of background, a promotion it prints
#: under every article) is no sign of one story. A key the article shares with at least this many
#: articles of one source among the candidates, each of them mostly other text (under HOUSE_SHARE
#: of its keys and of the article's shared: reports of other stories), is that outlet's house
#: text, and is not counted for any candidate. The source is the article's own (its footer is in
#: every article it prints), or another when the article is a copy of one of that outlet's
#: articles (HOUSE_SHARE of the article's keys in one of them): the copy carries the outlet's
#: footer, and the outlet's other stories are not versions of it. Another outlet's articles that
#: each share a part of the article are otherwise what they seem: its updates of a story the
#: article took a few sentences from, or its revisions of a rewrite of the article. Stored as body
#: text, a three-sentence footer made every article of its outlet a copy of the others; an
#: outlet's own versions of one story share most of one side's keys, so their story is not taken
#: for house text. Left as they were: a brief whose footer is half its text, and a story only its
#: outlet carries, in four or more versions that each add as much again.
HOUSE_ARTICLES = 3
HOUSE_SHARE = 0.5
#: Origins whose pickup probability is within this of the most likely one are ranked as equals
#: (credit, then what they hold of the article, then earliest published): copies of copies are all
#: near certain pickups, and the first of them is the origin. Wider than the spread of
#: probabilities among near-copies.
ORIGIN_MARGIN = 0.05
#: Of those, the ones holding within this share of the article's index keys of the one holding most
#: are ranked as equals: an agency's update that an outlet copied holds all of the copy, the agency's
#: first story on it only what the update kept (92% of the copy's keys where the update changed
#: its lede and one toll), and both are near certain. Copies of one text hold the same keys. Set by
#: reading, and checked on METER dev's origins (`python -m benchmarks.pickups`): 81.6% right at
#: 0.05, 81.8% at 0.1 (which takes the morning story), 79.3% at 0.02 (papers of one story share
#: passages the joined wire files hold less of, and a paper holding a few more took the wire's place).
ORIGIN_TAKEN_MARGIN = 0.05

_VERDICT_RANK = {"copy": 0, "derived": 1, "related": 2}
#: The reason a related version published before the article is not a pickup of it.
PUBLISHED_BEFORE = "published before this article"
#: The reason a wire agency's story is not a pickup of an outlet's article of the same moment.
AGENCY_STORY = "a wire agency's story, not published after this article"
#: The most of its words another agency's own report of an event holds in fragments reused from
#: the article: quotations of one press conference, names and figures. 95% of METER dev's papers
#: written beside a PA story (their own reports of the same court day) hold under 0.31 (the pairs
#: of `python -m benchmarks.pickups --pairs P`, 2026-12-07); a third is that bound, read off the
#: own reports and not fitted to any decision.
AGENCY_OWN_REPORT_FRAGMENTS = 1 / 3


def comparison_url(base_id: int, other_id: int) -> str:
    return f"/v1/articles/{base_id}/compare/{other_id}"


def index_is_outdated(*, session: Session) -> bool:
    """Whether stored articles carry index keys of an earlier version of :mod:`app.engine.index`
    (every current key has KEY_TAG set): related versions and pickups miss them until
    ``wirediff reindex`` makes them anew."""
    return crud.has_band_keys_below(session=session, key=KEY_TAG)


def preparations_are_outdated(*, session: Session) -> bool:
    """Whether stored articles lack a preparation of this engine (they were stored before
    preparations were kept, or an upgrade changed the engine or what it depends on): comparisons
    then prepare their texts each time, as they did before, until ``wirediff reindex`` stores
    them anew. The oldest article tells: an upgrade outdates every preparation at once, articles
    stored since have current ones, and reindexing goes newest first, so that one left unfinished
    leaves the oldest outdated."""
    any_stored, prepared = crud.oldest_preparation(session=session)
    return any_stored and not is_current_preparation(prepared)


def reindex(*, session: Session, batch: int = 200) -> Iterator[int]:
    """Every stored article's index entries and stored preparation made anew from its text
    (needed after a change to :mod:`app.engine.index`; after a new engine version, comparisons
    prepare the articles stored before until this is run), newest first
    (:func:`preparations_are_outdated`); yields how many articles are done after each batch."""
    done = 0
    before_id: int | None = None
    while articles := crud.articles_before(session=session, before_id=before_id, limit=batch):
        prepared = {article.id: prepare(article.text) for article in articles if article.id is not None}
        before_id = min(prepared)  # read before the commit expires the batch
        crud.replace_band_keys(
            session=session,
            keys_by_article={article_id: band_keys(document) for article_id, document in prepared.items()},
            prepared_by_article={
                article_id: preparation_of(document) for article_id, document in prepared.items()
            },
        )
        done += len(articles)
        session.expunge_all()  # the texts of the batch done
        yield done


# --- related versions --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """An article the index offers as a version of another, before the engine has looked."""

    article_id: int
    shared: int  # index keys shared with the article
    own_keys: int  # the article's keys
    keys: int  # the candidate's keys

    @property
    def containment(self) -> float:
        """The share of the candidate's keys found in the article."""
        return self.shared / max(1, self.keys)

    @property
    def base_containment(self) -> float:
        """The share of the article's keys found in the candidate."""
        return self.shared / max(1, self.own_keys)


def _keys_by_holders(session: Session, keys: list[int]) -> tuple[list[int], list[int]]:
    """The article's keys split into the rare ones, held by at most COMMON_KEY_HOLDERS articles,
    and the common ones; when fewer than MIN_KEYS_READ (or half the keys) are rare, the bound is
    raised KEY_HOLDERS_STEP-fold until enough are, up to MAX_KEY_HOLDERS."""
    at_most = COMMON_KEY_HOLDERS
    holders = crud.count_key_holders(session=session, keys=keys, at_most=at_most)
    enough = min(MIN_KEYS_READ, (len(keys) + 1) // 2)
    while True:
        common = [key for key in keys if holders.get(key, 0) > at_most]
        if len(keys) - len(common) >= enough or at_most >= MAX_KEY_HOLDERS:
            return [key for key in keys if holders.get(key, 0) <= at_most], common
        at_most = min(at_most * KEY_HOLDERS_STEP, MAX_KEY_HOLDERS)
        holders.update(crud.count_key_holders(session=session, keys=common, at_most=at_most))


def _sampled_candidates(
    session: Session, article_id: int, common: list[int], found: list[int]
) -> tuple[list[int], bool]:
    """The articles most often among the first COMMON_KEY_SAMPLE holders of the common keys, at
    least SAMPLED_MIN_SHARED times, that are not ``found`` already; CANDIDATES_LOOKED_AT at
    most (and whether there were more): a story many outlets carried, whose pairs are all
    common, for an article that adds enough sentences of its own to be read by those alone."""
    if not common:
        return [], False
    sampled = Counter(crud.sample_key_holders(session=session, keys=common, per_key=COMMON_KEY_SAMPLE))
    for known in (article_id, *found):
        sampled.pop(known, None)
    often = sorted(
        (other for other, times in sampled.items() if times >= SAMPLED_MIN_SHARED),
        key=lambda other: (-sampled[other], other),
    )
    return often[:CANDIDATES_LOOKED_AT], len(often) > CANDIDATES_LOOKED_AT


def _counted_candidates(
    session: Session, article: Article, keys: list[int], rare: list[int], common: list[int]
) -> tuple[dict[int, crud.SharedKeys], bool]:
    """The articles holding MIN_SHARED_KEYS of the ``rare`` keys (CANDIDATES_LOOKED_AT at most,
    the most shared first) and those often among the first holders of the ``common`` ones
    (:func:`_sampled_candidates`), each with its :class:`~app.crud.SharedKeys`; and whether
    either list was cut short."""
    assert article.id is not None
    found = [
        other
        for other, _ in crud.find_candidates(
            session=session,
            article_id=article.id,
            keys=rare,
            min_shared=MIN_SHARED_KEYS,
            limit=CANDIDATES_LOOKED_AT,
        )
    ]
    full = len(found) == CANDIDATES_LOOKED_AT
    sampled, cut = _sampled_candidates(session, article.id, common, found)
    counts = crud.count_shared_keys(session=session, article_ids=found + sampled, keys=keys)
    return counts, full or cut


def _house_text(
    session: Session, article: Article, keys: list[int], counts: dict[int, crud.SharedKeys]
) -> set[int]:
    """The keys held by HOUSE_ARTICLES or more candidates of one source that have under
    HOUSE_SHARE of their keys, and of the article's, in common with it (reports of other stories:
    an update that keeps the article whole is a version of it): the article's own source, or one
    whose article it copies (a candidate holding HOUSE_SHARE of the article's keys)."""
    outlets = {article.source} | {c.source for c in counts.values() if c.shared >= HOUSE_SHARE * len(keys)}
    elsewhere: dict[str, list[int]] = {}
    for other, count in counts.items():
        if count.source in outlets and count.shared < HOUSE_SHARE * min(count.keys, len(keys)):
            elsewhere.setdefault(count.source, []).append(other)
    groups = [found for found in elsewhere.values() if len(found) >= HOUSE_ARTICLES]
    if not groups:
        return set()
    held = crud.keys_held(
        session=session, article_ids=[other for found in groups for other in found], keys=keys
    )
    house: set[int] = set()
    for found in groups:
        times = Counter(key for other in found for key in held.get(other, ()))
        house.update(key for key, n in times.items() if n >= HOUSE_ARTICLES)
    return house


def _without_house_text(
    session: Session, counts: dict[int, crud.SharedKeys], house: set[int]
) -> dict[int, crud.SharedKeys]:
    """``counts`` with the house keys not counted: whoever carries an outlet's footer (its own
    articles, or another outlet's copy of one of them) does not carry its story for that."""
    held = crud.keys_held(session=session, article_ids=list(counts), keys=list(house))
    return {
        other: count._replace(shared=count.shared - len(held.get(other, ())))
        for other, count in counts.items()
    }


def related_candidates(session: Session, article: Article, limit: int) -> list[Candidate]:
    """The articles sharing the most index keys with ``article``: at least MIN_SHARED_KEYS of its
    rare keys, or among the first holders of SAMPLED_MIN_SHARED of its common ones
    (:func:`_keys_by_holders`, :func:`_sampled_candidates`), and MIN_CONTAINMENT of the smaller
    article's keys; ``limit`` + EXTRA_CANDIDATES of them at most, WEAK_CANDIDATES at most under
    STRONG_CONTAINMENT. Chosen and ranked by every key they share but the house text of the
    candidates' outlets (:func:`_house_text`); their containment is taken by every key they share."""
    assert article.id is not None
    keys = crud.band_keys_of_article(session=session, article_id=article.id)
    rare, common = _keys_by_holders(session, keys)
    counts, cut_short = _counted_candidates(session, article, keys, rare, common)
    house = _house_text(session, article, keys, counts)
    if house and cut_short:
        # The outlet's other stories took places a real version may need: look again without
        # the house keys.
        rare, common = [k for k in rare if k not in house], [k for k in common if k not in house]
        counts, _ = _counted_candidates(session, article, keys, rare, common)
    # Candidates are chosen by what they share beyond the house text; what they share in all is
    # their evidence (the pickup model was fitted on it).
    chosen_by = _without_house_text(session, counts, house) if house else counts
    ranked = sorted(chosen_by.items(), key=lambda item: (-item[1].shared, item[0]))
    chosen: list[Candidate] = []
    weak = 0
    for article_id, (size, shared, _) in ranked:
        containment = shared / max(1, min(len(keys), size))
        if containment < MIN_CONTAINMENT or (containment < STRONG_CONTAINMENT and weak == WEAK_CANDIDATES):
            continue
        weak += containment < STRONG_CONTAINMENT
        chosen.append(Candidate(article_id, counts[article_id].shared, len(keys), size))
        if len(chosen) == limit + EXTRA_CANDIDATES:
            break
    return chosen


def _turned_down(decision: PickupDecision, reason: str) -> PickupDecision:
    """The decision no pickup for ``reason``, first of its reasons after any rule's already there
    (:func:`~app.engine.pickup.with_rule`), whether or not the texts alone
    made it one: a condition not met is always said, as the decision's own rules are
    (:func:`app.engine.pickup.decide_pickup`), so what keeps a version from being a pickup does
    not depend on where the model's threshold lies."""
    return dataclasses.replace(decision, is_pickup=False, reasons=with_rule(decision.reasons, reason))


def _published_before(decision: PickupDecision) -> PickupDecision:
    """The decision for a version published before the article: it cannot derive from it (the
    article may derive from the version: its origin says)."""
    return _turned_down(decision, PUBLISHED_BEFORE)


def _agency_story_beside(published: datetime | None, version: ArticleInfo | Article) -> bool:
    """Whether ``version`` is a wire agency's story (its source names one: "Reuters", "PA") not
    published after an article of an outlet that is none (the same moment, or a date missing):
    outlets take agency copy, so the dates leave the direction open and the sources settle it, as
    an article's origin puts the agency's story first. An agency's story published after the
    article is judged on its words (an agency follows up a paper's report). Both directions ask
    it: the outlet's related versions, and the agency story's origin (:func:`origin_of`)."""
    return bool(_agencies(version.source)) and not _later(version.published_at, published)


def _another_agencys_report(
    agencies: set[str],
    version_source: str,
    version_text: str,
    outline: ComparisonOutline,
    decision: PickupDecision,
) -> bool:
    """Whether a version is another wire agency's own report of the article's event: the article
    is an agency's story (``agencies``: those its source names), the version's source names only
    other agencies, and the version neither runs the article as sent (more of its sentences kept
    word for word than reworded or added), nor names one of the article's agencies anywhere in its
    text (a credit in any phrasing: "Reuters first reported the agreement"), nor takes the article's
    phrasing (more than AGENCY_OWN_REPORT_FRAGMENTS of its words in fragments reused from it).
    Agencies send their own reporters to one press conference, quote the same officials and give
    the same figures in the same order, so the engine may read a rewrite, even a copy, where
    neither took from the other; an agency that passes on another's story runs it as sent,
    credits it, or keeps its sentences' words while rewording them (a state agency's uncredited
    rewrite of a wire story is a pickup)."""
    theirs = _agencies(version_source)
    summary = outline.summary
    return (
        bool(agencies)
        and bool(theirs)
        and not theirs & agencies
        and summary.kept <= summary.reworded + summary.added
        and not _names_any(version_text, agencies)
        and (decision.evidence.fragment_containment or 0.0) <= AGENCY_OWN_REPORT_FRAGMENTS
    )


def _another_agency(agencies: set[str]) -> str:
    """The reason a version is no pickup of an agency's story: another agency's own report."""
    return f"another agency's own report: its own words, not crediting {', '.join(sorted(agencies))}"


def _is_other_file(verdict: str, judged: PickupDecision) -> bool:
    """Whether a version of the article's source is another file to it, not its story: the engine
    calls it related, or the decision on the texts alone no pickup of the article (an agency's
    update that keeps the story whole is a pickup of it)."""
    return verdict == "related" or not judged.is_pickup


def _earlier(first: datetime | None, second: datetime | None) -> bool:
    """Both dates known, and the first before the second."""
    return _later(second, first)


def _whose_words(
    rival: ArticleInfo | Article, version: ArticleInfo | Article, source: str, published: datetime | None
) -> str | None:
    """What ``rival``, another version of the article (of ``source``, published at ``published``),
    would be to ``version`` if the version took its words from it, as the reason the version is
    then no pickup of the article; None when it cannot be where the version's words come from (it
    is the version, or was published after it). It can be

    - another file of the article's source (its updates, its other days' stories: the article's
      background is theirs too);
    - a text of another source published before the article (both dated) that the article takes
      from (asked by the caller): a press release, or a wire story, that the article and the
      version both rewrote.
    """
    if rival.id == version.id or _later(rival.published_at, version.published_at):
        return None  # a text published after the version cannot be where its words come from
    if rival.source == source:
        return f"takes its words from article {rival.id}, another file of {rival.source}"
    if _earlier(rival.published_at, published):
        return f"takes its words from article {rival.id} of {rival.source}, published before this article"
    return None


def _takes_more_from_other_files(
    session: Session,
    article: tuple[int, str, datetime | None],
    found: list[RelatedVersion],
    candidates: dict[int, Candidate],
    judged: dict[int, PickupDecision],
    takes_from: Callable[[int], bool],
    names_the_article: Callable[[int], bool],
) -> dict[int, str]:
    """The versions among ``found`` that take their words from another of the article's versions
    (:func:`_whose_words`) rather than from the article, each with the reason it is then no
    pickup of the article. ``article``: its id, source and date; ``takes_from``: whether the
    article is a pickup of one of its versions, by id (asked of a text of another source only);
    ``names_the_article``: whether a version's text names one of the article's agencies.

    A running story's files of other days, an agency's other reports of one event, its rewrites of
    the story, repeat the article's background paragraphs, and a paper's short rewrite of one of
    them may keep little but those; a press release that an agency and a paper both rewrote leaves
    the same trace in the paper's words. Such a version shares more of its index keys with the
    other text than with the article, and all but a phrase of what it shares with the article the
    other text holds too (:func:`_holds_what_it_shares`); a version that also takes what only the
    article says (a paper combining two of an agency's stories) stays its pickup. Another file of
    the article's source counts when the engine calls it related (not a copy or a derivative), or
    the decision does not take its words for a pickup of the article (``judged``: the decisions on
    the texts alone, whatever the dates): an agency's update that keeps the story whole is the
    story. On METER dev the two papers of the Grobbelaar trial's third day called pickups of its
    first day's wire story took 86% and 19% of their pairs from their own day's wire, against 25%
    and 15% from the first's; no derived paper takes more from another story than from its own
    (``python -m benchmarks.pickups``, BENCHMARKS.md "Pickups on real newspapers")."""
    article_id, source, published = article
    rivals = {
        version.article.id: version.article
        for version in found
        if (version.article.source == source and _is_other_file(version.verdict, judged[version.article.id]))
        or (
            version.article.source != source
            and _earlier(version.article.published_at, published)
            # an outlet's copy of an agency's article, or a text crediting the article's agency,
            # took its words from the article, whatever its date says (a page dated by its day
            # alone reads as midnight); an agency's story an outlet's article copies is its source
            and (
                version.verdict != "copy"
                or (bool(_agencies(version.article.source)) and not _agencies(source))
            )
            and not names_the_article(version.article.id)
        )
    }
    if not rivals:
        return {}
    versions = {version.article.id: version.article for version in found}
    shared = crud.keys_shared_between(
        session=session,
        article_ids=list(versions),
        others=list(rivals),
        within=crud.band_keys_of_article(session=session, article_id=article_id),
    )
    closer: dict[int, tuple[float, str]] = {}
    for (version_id, rival_id), (count, also_in_article) in sorted(shared.items()):
        rival = rivals[rival_id]
        candidate = candidates[version_id]
        reason = _whose_words(rival, versions[version_id], source, published)
        if reason is None or not _holds_what_it_shares(also_in_article, candidate.shared):
            continue
        share = count / max(1, candidate.keys)
        if share > max(candidate.containment, closer.get(version_id, (0.0, ""))[0]) and (
            rival.source == source or takes_from(rival_id)
        ):
            closer[version_id] = (share, reason)
    return {version_id: reason for version_id, (_, reason) in closer.items()}


def _holds_what_it_shares(held: int, shared: int) -> bool:
    """Another file holds ``held`` of the ``shared`` index keys a version shares with the article:
    all but fewer than a sentence kept whole holds (SAMPLED_MIN_SHARED), so what the version took
    only from the article is a phrase at most. On METER dev the papers of the Grobbelaar trial's
    third day share 11 and 59 keys with its first day's wire story, and their own day's wire holds
    7 and 57 of them (the four left are a name's phrase); a paper that also keeps two sentences
    only the article has is its pickup."""
    return shared - held < SAMPLED_MIN_SHARED


def _assessment(decision: PickupDecision) -> PickupAssessment:
    return PickupAssessment(
        is_pickup=decision.is_pickup,
        probability=decision.probability,
        threshold=load_model().threshold,
        reasons=decision.reasons,
        evidence=PickupEvidenceInfo.model_validate(decision.evidence, from_attributes=True),
    )


@dataclass(frozen=True, slots=True)
class RelatedFound:
    """:func:`related_versions`' answer with what it read on the way: every candidate's
    :class:`ArticleInfo` and its comparison with the article (JSON), by id, and every version the
    engine confirmed (``versions`` keeps the first ``limit``, pickups first)."""

    versions: RelatedVersions
    infos: dict[int, ArticleInfo]
    bodies: dict[int, bytes]
    confirmed: list[RelatedVersion]


def related_versions(
    *,
    session: Session,
    article_id: int,
    settings: Settings,
    limit: int = DEFAULT_LIMIT,
    on_compute: OnCompute | None = None,
) -> RelatedVersions:
    """Stored versions of the article's story, best first, each confirmed by the engine
    (``on_compute``: as :func:`~app.services.comparisons.compare_many`).

    Raises :class:`ArticleNotFound` when there is no such article.
    """
    article = stored_article(session, article_id)
    return find_related(
        session=session, article=article, settings=settings, limit=limit, on_compute=on_compute
    ).versions


#: Pickup decisions kept in memory, by what they are computed from: a stored comparison's JSON
#: (by digest) and the index's two containments. The evidence (the word runs of both texts, the
#: JSON parsed) is a fifth of a related query answered from stored comparisons, and a dashboard asks
#: the same ones again; a decision weighs about 1 KB.
DECISIONS_KEPT = 4096


class _Decisions:
    """Least recently used pickup decisions; thread-safe. Keyed by exactly what a decision is
    computed from besides the pickup model, which a process loads once
    (:func:`app.engine.pickup.load_model`), so nothing kept can be stale."""

    def __init__(self, size: int) -> None:
        self._kept: LeastRecentlyUsed[tuple[bytes, float, float], PickupDecision] = LeastRecentlyUsed(size)

    def clear(self) -> None:
        self._kept.clear()

    def get(self, body: bytes, containment: float, base_containment: float) -> PickupDecision:
        """The pickup decision on a stored comparison (its JSON) with the index's containments:
        the version's pairs found in the base, and the base's found in the version."""
        return self._kept.get(
            (hashlib.blake2b(body, digest_size=16).digest(), containment, base_containment),
            lambda: decide_pickup(
                evidence_from_comparison(
                    orjson.loads(body), pair_containment=containment, base_pair_containment=base_containment
                )
            ),
        )


_decisions = _Decisions(DECISIONS_KEPT)


def forget_kept_decisions() -> None:
    """Forget every kept pickup decision (benchmarks measure queries with nothing in memory)."""
    _decisions.clear()


def find_related(
    *,
    session: Session,
    article: Article,
    settings: Settings,
    limit: int = DEFAULT_LIMIT,
    on_compute: OnCompute | None = None,
) -> RelatedFound:
    """:func:`related_versions` of a loaded article, with the candidates' infos and comparisons
    (the coverage matrix takes them instead of reading them again)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be 1 to {MAX_LIMIT}")
    assert article.id is not None
    article_id = article.id
    # read before comparing: caching new comparisons commits, and a commit expires loaded rows
    published, source = article.published_at, article.source
    agencies = _agencies(source)
    of_an_outlet = not agencies  # an agency's story beside it may be where it came from
    candidates = related_candidates(session, article, limit)
    stored = crud.get_articles(session=session, article_ids=[c.article_id for c in candidates])
    shown = {other_id: ArticleInfo.model_validate(other) for other_id, other in stored.items()}
    compared = compare_many(
        session=session, base=article, others=list(stored.values()), settings=settings, on_compute=on_compute
    )
    crud.reload_expired(session=session, articles=stored.values())  # a new comparison's commit
    bodies = {other_id: comparison.body for other_id, comparison in compared.items()}
    found: list[RelatedVersion] = []
    judged: dict[int, PickupDecision] = {}  # on the texts alone
    decisions: dict[int, PickupDecision] = {}  # ... and the dates
    excluded: list[int] = []
    for candidate in candidates:
        other_id = candidate.article_id
        if other_id not in bodies:
            continue  # deleted meanwhile
        outline = outline_of(bodies[other_id])
        if outline.verdict == "unrelated":
            excluded.append(other_id)
            continue
        decision = _decisions.get(bodies[other_id], candidate.containment, candidate.base_containment)
        judged[other_id] = decision
        if _later(published, shown[other_id].published_at):
            decision = _published_before(decision)
        elif of_an_outlet and _agency_story_beside(published, shown[other_id]):
            decision = _turned_down(decision, AGENCY_STORY)
        elif _another_agencys_report(
            agencies, shown[other_id].source, stored[other_id].text, outline, decision
        ):
            decision = _turned_down(decision, _another_agency(agencies))
        decisions[other_id] = decision
        found.append(
            RelatedVersion(
                article=shown[other_id],
                verdict=outline.verdict,
                base_retained=outline.summary.base_retained,
                other_from_base=outline.summary.other_from_base,
                shared_keys=candidate.shared,
                pickup=_assessment(decision),
                comparison=comparison_url(article_id, other_id),
            )
        )
    by_id = {candidate.article_id: candidate for candidate in candidates}
    sources: dict[int, bool] = {}

    def takes_from(other_id: int) -> bool:
        if other_id not in sources:
            sources[other_id] = _is_pickup_of(
                session=session,
                base=stored[other_id],
                article=article,
                settings=settings,
                on_compute=on_compute,
            )
        return sources[other_id]

    def names_the_article(other_id: int) -> bool:  # the article's agencies, in the version's text
        return _names_any(stored[other_id].text, agencies)

    taken = _takes_more_from_other_files(
        session, (article_id, source, published), found, by_id, judged, takes_from, names_the_article
    )
    found = [
        version.model_copy(
            update={
                "pickup": _assessment(_turned_down(decisions[version.article.id], taken[version.article.id]))
            }
        )
        if version.article.id in taken
        else version
        for version in found
    ]
    found.sort(
        key=lambda version: (
            not version.pickup.is_pickup,
            -version.pickup.probability,
            _VERDICT_RANK[version.verdict],
            version.article.id,
        )
    )
    versions = RelatedVersions(
        article_id=article_id,
        data=found[:limit],
        count=len(found[:limit]),
        candidates=len(candidates),
        excluded=sorted(excluded),
    )
    return RelatedFound(versions, shown, bodies, found)


# --- origin -------------------------------------------------------------------------------------


def _agencies(source: str) -> set[str]:
    """The wire agencies a source names ("Reuters via an unknown outlet": Reuters)."""
    return set(find_credits(source, boilerplate=True))


def _names_any(text: str, agencies: set[str]) -> bool:
    """Whether ``text`` names one of ``agencies`` anywhere, in any phrasing a credit reader knows
    the agency by ("Reuters first reported", "Agence France-Presse")."""
    return bool(agencies) and not agencies.isdisjoint(find_credits(text, boilerplate=True))


class _Contender:
    """The article itself, or a stored article it derives from, with what ranks it as its origin."""

    def __init__(
        self,
        article: Article,
        credits: list[str],
        own_credits: list[str],
        comparison: StoredComparison | None,
        outline: ComparisonOutline | None,
        decision: PickupDecision | None = None,
    ) -> None:
        self.article = article
        self.decision = decision
        self.credits = credits  # the agencies this contender credits
        self.comparison = comparison  # this contender as base (None: the article itself)
        self.outline = outline
        agencies = _agencies(article.source)
        self.credit_matches = bool(agencies.intersection(own_credits))
        self.own_credit = bool(agencies.intersection(credits))
        self.of_an_agency = bool(agencies)

    @property
    def probability(self) -> float:
        return self.decision.probability if self.decision else 0.0

    @property
    def figures_changed(self) -> int:
        """The figures of the contender the article states otherwise (the article itself: none)."""
        return self.decision.evidence.figures_changed if self.decision else 0

    @property
    def taken(self) -> float:
        """The share of the article's index keys this contender holds."""
        return self.decision.evidence.pair_containment if self.decision else 0.0

    def near(self, best: float) -> bool:
        """Within ORIGIN_MARGIN of the ``best`` pickup probability (the article itself always)."""
        return self.decision is None or self.probability >= best - ORIGIN_MARGIN

    def holds_most(self, most: float) -> bool:
        """Within ORIGIN_TAKEN_MARGIN of the ``most`` any contender holds of the article's index keys
        (the article itself always)."""
        return self.decision is None or self.taken >= most - ORIGIN_TAKEN_MARGIN

    def rank(
        self, best: float, most: float, by_date: bool, fewest_changed: dict[str, int]
    ) -> tuple[bool, bool, bool, bool, bool, datetime, bool, bool, int]:
        """Within ORIGIN_MARGIN of the ``best`` pickup probability, a matching credit first, then
        one holding near the ``most`` of the article, then, among files of one source, those whose
        figures the article states as they do (``fewest_changed``: the fewest figures any near
        contender of the source has changed, by source; an agency's correction that fixed a figure
        comes before its first file for an outlet that carries the fixed one, though the first was
        published earlier and both hold the same words), then the earliest published (``by_date``:
        when every one of them has a date; an undated one can be neither earlier nor later, and the
        article itself would come before an undated agency story it is a pickup of), then an
        agency's own text, then the first stored. The article itself counts as near the best only
        when nothing it is a pickup of comes first. An agency's text that does not credit itself
        still comes before an outlet's (:func:`_agency_story_beside`: the sources settle what the
        dates leave open)."""
        published = self.article.published_at if by_date else None
        assert self.article.id is not None
        return (
            not self.near(best),
            not self.credit_matches,
            not self.holds_most(most),
            self.decision is not None
            and self.figures_changed > fewest_changed.get(self.article.source, self.figures_changed),
            published is None,
            published or _NEVER,
            not self.own_credit,
            not self.of_an_agency,
            self.article.id,
        )


_NEVER = datetime.max.replace(tzinfo=UTC)  # stored dates are aware (UTC)


def _later(first: datetime | None, second: datetime | None) -> bool:
    """Both dates known, and the first after the second."""
    return first is not None and second is not None and first > second


def _published_after(candidate: Article, article: Article) -> bool:
    return _later(candidate.published_at, article.published_at)


def _own_later_copy(candidate: Article, article: Article) -> bool:
    """``candidate`` is of the article's own source, stored after it, and the dates cannot say which
    came first (either is undated): the outlet's text stored again (or edited), which is no origin
    of the article. Left a contender, an undated near-copy outranks every other by its likelihood:
    a rewrite's copy put it beside the wire story and, of the two, the first stored (the rewrite)
    was its own origin; a wire story and its copy named each other."""
    assert candidate.id is not None and article.id is not None
    undated = candidate.published_at is None or article.published_at is None
    return candidate.source == article.source and undated and candidate.id > article.id


def _shared_sentences(comparison: Comparison) -> list[SharedSentence]:
    origin_texts = {s.index: s.text for s in comparison.base.sentences}
    article_texts = {s.index: s.text for s in comparison.other.sentences}
    return [
        SharedSentence(
            op=group.op,
            origin=" ".join(origin_texts[i] for i in group.base),
            article=" ".join(article_texts[j] for j in group.other),
        )
        for group in comparison.alignment
        if group.op in ("kept", "reworded")
    ]


def pickup_of_version(
    *,
    session: Session,
    version: RelatedVersion,
    base: Article,
    article: Article,
    settings: Settings,
    on_compute: OnCompute | None = None,
) -> tuple[StoredComparison, ComparisonOutline, PickupDecision]:
    """Whether ``article`` is a pickup of ``base``, one of its related versions (``version``, as
    :func:`related_versions` of ``article`` lists it): the comparison with ``base`` as base, and
    the decision on it, the index's containments taken from ``version`` with their sides swapped.
    The direction origin and the watcher decide in."""
    comparison = compare_articles(
        session=session, base=base, other=article, settings=settings, on_compute=on_compute
    )
    decision = _decisions.get(
        comparison.body,
        version.pickup.evidence.base_pair_containment,
        version.pickup.evidence.pair_containment,
    )
    return comparison, outline_of(comparison.body), decision


def _is_another_file(
    *,
    session: Session,
    article: Article,
    keys: list[int],
    version: Article,
    settings: Settings,
    on_compute: OnCompute | None,
) -> bool:
    """Whether ``version``, of the article's source, is another file to the article's related
    versions (:func:`_is_other_file`); an unrelated one is no version at all. ``keys``: the
    article's index keys."""
    assert version.id is not None
    comparison = compare_articles(
        session=session, base=article, other=version, settings=settings, on_compute=on_compute
    )
    verdict = outline_of(comparison.body).verdict
    if verdict == "unrelated":
        return False
    held = crud.count_shared_keys(session=session, article_ids=[version.id], keys=keys)[version.id]
    candidate = Candidate(version.id, held.shared, len(keys), held.keys)
    judged = _decisions.get(comparison.body, candidate.containment, candidate.base_containment)
    return _is_other_file(verdict, judged)


def _is_pickup_of(
    *, session: Session, base: Article, article: Article, settings: Settings, on_compute: OnCompute | None
) -> bool:
    """Whether ``article`` is a pickup of ``base`` on the texts alone (``base``'s related versions
    would say so, the dates aside)."""
    assert base.id is not None and article.id is not None
    comparison = compare_articles(
        session=session, base=base, other=article, settings=settings, on_compute=on_compute
    )
    if outline_of(comparison.body).verdict == "unrelated":
        return False
    keys = crud.band_keys_of_article(session=session, article_id=article.id)
    held = crud.count_shared_keys(session=session, article_ids=[base.id], keys=keys).get(base.id)
    if held is None:
        return False
    candidate = Candidate(article.id, held.shared, held.keys, len(keys))
    return _decisions.get(comparison.body, candidate.containment, candidate.base_containment).is_pickup


def _words_from_another_file(
    *,
    session: Session,
    article: Article,
    contender: _Contender,
    confirmed: list[RelatedVersion],
    stored: dict[int, Article],
    settings: Settings,
    on_compute: OnCompute | None,
) -> bool:
    """Whether the article takes its words from another of the contender's versions rather than
    from the contender (:func:`_whose_words`: another file of the contender's source, a text of
    another source published before it that the contender takes from): then the contender's
    related versions do not call it a pickup (:func:`_takes_more_from_other_files`), and it is not
    the contender's."""
    assert article.id is not None and contender.article.id is not None
    shared_with_contender = next(
        (version.shared_keys for version in confirmed if version.article.id == contender.article.id), 0
    )
    contender_keys: list[int] | None = None  # read for the first other text that may be one
    for version in confirmed:
        other = stored[version.article.id]
        another_file = other.source == contender.article.source
        if (
            _whose_words(other, article, contender.article.source, contender.article.published_at) is None
            or version.pickup.evidence.base_pair_containment <= contender.taken
            or _published_after(other, article)
            # a text crediting the contender's agency took its words from the contender
            or (not another_file and _names_any(other.text, _agencies(contender.article.source)))
        ):
            continue
        assert other.id is not None
        if contender_keys is None:
            contender_keys = crud.band_keys_of_article(session=session, article_id=contender.article.id)
        _, held = crud.keys_shared_between(
            session=session, article_ids=[article.id], others=[other.id], within=contender_keys
        ).get((article.id, other.id), (0, 0))
        if _holds_what_it_shares(held, shared_with_contender) and (
            _is_pickup_of(
                session=session,
                base=other,
                article=contender.article,
                settings=settings,
                on_compute=on_compute,
            )
            if not another_file
            else _is_another_file(
                session=session,
                article=contender.article,
                keys=contender_keys,
                version=other,
                settings=settings,
                on_compute=on_compute,
            )
        ):
            return True
    return False


def origin_of(
    *, session: Session, article_id: int, settings: Settings, on_compute: OnCompute | None = None
) -> Origin:
    """The stored article this one most likely comes from: among the related versions it is a
    pickup of (:func:`app.engine.pickup.decide_pickup`, that version as base; not its own source's
    text stored after it when the dates cannot order them, :func:`_own_later_copy`; not an outlet's
    article beside a wire agency's story, as the outlet's related versions say,
    :func:`_agency_story_beside`) and itself, the most likely pickup; those within ORIGIN_MARGIN of
    it by the source it credits (an agency's credit of itself counts for nothing beside another
    agency's story it is a pickup of), then by holding within ORIGIN_TAKEN_MARGIN of the most of
    it, then the earliest published, then a wire agency's own text (crediting itself, then not),
    then the first stored. The article itself when nothing else comes first.
    ``on_compute``: as :func:`~app.services.comparisons.compare_many`.

    Raises :class:`ArticleNotFound` when there is no such article.
    """
    article = stored_article(session, article_id)
    own_credits = prepared_document(article).credits
    contenders = [_Contender(article, own_credits, own_credits, None, None)]
    # Every confirmed version, not the first MAX_LIMIT: the list puts the article's pickups first,
    # and what it may derive from (published before it) comes after them.
    confirmed = find_related(
        session=session, article=article, settings=settings, limit=MAX_LIMIT, on_compute=on_compute
    ).confirmed
    stored = crud.get_articles(session=session, article_ids=[version.article.id for version in confirmed])
    for version in confirmed:
        candidate = stored[version.article.id]
        if _published_after(candidate, article) or _own_later_copy(candidate, article):
            continue
        if not _agencies(candidate.source) and _agency_story_beside(candidate.published_at, article):
            continue  # the outlet's related versions call the article no pickup of it: neither is it here
        comparison, outline, decision = pickup_of_version(
            session=session,
            version=version,
            base=candidate,
            article=article,
            settings=settings,
            on_compute=on_compute,
        )
        if (
            outline.verdict != "unrelated"
            and decision.is_pickup
            # as the candidate's related versions would say of the article
            and not _another_agencys_report(
                _agencies(candidate.source), article.source, article.text, outline, decision
            )
        ):
            credits = outline.attribution.base_credits
            contenders.append(_Contender(candidate, credits, own_credits, comparison, outline, decision))
    contenders = [
        contender
        for contender in contenders
        if contender.comparison is None
        or not _words_from_another_file(
            session=session,
            article=article,
            contender=contender,
            confirmed=confirmed,
            stored=stored,
            settings=settings,
            on_compute=on_compute,
        )
    ]
    most_likely = max(contender.probability for contender in contenders)
    if any(
        c.comparison is not None and c.near(most_likely) and _agencies(c.article.source) for c in contenders
    ):
        # An agency crediting itself says where its text was filed, not where it came from, beside
        # another agency's story it is a pickup of (an agency republishing Reuters under its name).
        for contender in contenders:
            if contender.comparison is None:
                contender.credit_matches = False
    most_taken = max(contender.taken for contender in contenders if contender.near(most_likely))
    by_date = all(c.article.published_at is not None for c in contenders if c.near(most_likely))
    fewest_changed: dict[str, int] = {}
    for contender in contenders:
        if contender.decision is not None and contender.near(most_likely):
            source = contender.article.source
            fewest_changed[source] = min(
                fewest_changed.get(source, contender.figures_changed), contender.figures_changed
            )
    contenders.sort(
        key=lambda contender: (
            contender.rank(most_likely, most_taken, by_date, fewest_changed),
            -contender.probability,
        )
    )
    best = contenders[0]
    assert best.article.id is not None
    shared = _shared_sentences(from_json(best.comparison.body)) if best.comparison else []
    return Origin(
        article_id=article_id,
        origin=ArticleInfo.model_validate(best.article),
        is_original=best.comparison is None,
        verdict=best.outline.verdict if best.outline else None,
        pickup=_assessment(best.decision) if best.decision else None,
        comparison=comparison_url(best.article.id, article_id) if best.comparison else None,
        evidence=OriginEvidence(
            shared_sentences=shared[:SHARED_SENTENCES_SHOWN],
            shared_sentence_count=len(shared),
            credits=own_credits,
            origin_credits=best.credits,
            credit_matches=best.credit_matches,
            credit_dropped=bool(best.outline and best.outline.attribution.credit_dropped),
        ),
        derives_from=[
            c.article.id for c in contenders if c.comparison is not None and c.article.id is not None
        ],
    )


# --- versions of one URL ------------------------------------------------------------------------


def article_versions(*, session: Session, article_id: int) -> ArticleVersions:
    """Every text stored for the article's URL, oldest first; an article without a URL is its
    only version.

    Raises :class:`ArticleNotFound` when there is no such article.
    """
    article = stored_article(session, article_id)
    revision = crud.get_revision(session=session, article_id=article_id)
    versions = (
        [(article, 1)]
        if revision is None
        else crud.list_versions(session=session, url_hash=revision.url_hash)
    )
    data: list[ArticleVersion] = []
    previous: int | None = None
    for stored, version in versions:
        assert stored.id is not None
        data.append(
            ArticleVersion(
                **ArticleInfo.model_validate(stored).model_dump(),
                version=version,
                previous_id=previous,
                changes=comparison_url(previous, stored.id) if previous is not None else None,
            )
        )
        previous = stored.id
    return ArticleVersions(article_id=article_id, url=article.url, data=data, count=len(data))
