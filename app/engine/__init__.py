"""wirediff's comparison engine: align two versions of a news story, sentence by sentence.

A library, not a service: no web framework, no database.

>>> from app.engine import compare, render_text
>>> result = compare("Rebels fired on Friday.", "Militants fired on Friday.")
>>> [(g.op, g.changes[0].base, g.changes[0].other) for g in result.alignment]
[('reworded', 'Rebels', 'Militants')]
"""

from app.engine.compare import (
    ENGINE_VERSION,
    CompareOptions,
    ComparisonTimeoutError,
    Preparation,
    SentenceLimitError,
    compare,
    compare_prepared,
    engine_version,
    is_current_preparation,
    preparation_of,
    prepare,
    restore_preparation,
)
from app.engine.index import KEY_TAG, MAX_INDEXED_SENTENCES, band_keys, band_keys_of
from app.engine.render import (
    JUDGEMENT_RULES,
    MARKERS,
    describe_change,
    describe_judgement,
    describe_meaning,
    describe_shares,
    markdown_cell,
    one_line,
    render_html,
    render_markdown,
    render_text,
    spliced_fragments,
    terminal_safe,
)
from app.engine.report import (
    DERIVES,
    NOT_QUOTED,
    QUOTED_AS_SAID,
    Attribution,
    Change,
    Comparison,
    Document,
    Evidence,
    Finding,
    Fragment,
    Group,
    Judgement,
    NumberChange,
    Quote,
    ReportingVerbChange,
    Sentence,
    Substitution,
    Summary,
    Verdict,
)
from app.engine.sentence_model import SemanticExtraMissingError
from app.engine.sentence_model import available as semantic_extra_available
from app.engine.sentence_model import load as load_sentence_model
from app.engine.text import PreparedDocument, find_credits, normalize, split_sentences
from app.engine.words import diff_tokens, load_word_tables, token_spans, tokenize

__all__ = [
    "DERIVES",
    "ENGINE_VERSION",
    "JUDGEMENT_RULES",
    "KEY_TAG",
    "MARKERS",
    "MAX_INDEXED_SENTENCES",
    "NOT_QUOTED",
    "QUOTED_AS_SAID",
    "Attribution",
    "Change",
    "CompareOptions",
    "Comparison",
    "ComparisonTimeoutError",
    "Document",
    "Evidence",
    "Finding",
    "Fragment",
    "Group",
    "Judgement",
    "NumberChange",
    "Preparation",
    "PreparedDocument",
    "Quote",
    "ReportingVerbChange",
    "SemanticExtraMissingError",
    "Sentence",
    "SentenceLimitError",
    "Substitution",
    "Summary",
    "Verdict",
    "band_keys",
    "band_keys_of",
    "compare",
    "compare_prepared",
    "describe_change",
    "describe_judgement",
    "describe_meaning",
    "describe_shares",
    "diff_tokens",
    "engine_version",
    "find_credits",
    "is_current_preparation",
    "load_sentence_model",
    "load_word_tables",
    "markdown_cell",
    "normalize",
    "one_line",
    "preparation_of",
    "prepare",
    "render_html",
    "render_markdown",
    "render_text",
    "restore_preparation",
    "semantic_extra_available",
    "spliced_fragments",
    "split_sentences",
    "terminal_safe",
    "token_spans",
    "tokenize",
]
