"""Renderings of a :class:`Comparison`: plain text for CI logs, HTML, Markdown.

Each is a small function over the result data; none does any I/O. The HTML
escapes every piece of input.

>>> from app.engine import compare
>>> print(render_text(compare(["Rebels fired.", "It rained."], ["Militants fired.", "It rained."])))
... # doctest: +ELLIPSIS
wirediff ...: copy, altered: 1 word swap (kept 1, reworded 1, dropped 0, added 0, moved 0; ...)
! [low] word swap: Rebels → Militants ×1
~ [0] Rebels fired.
    replace "Rebels" -> "Militants"
= [1] It rained.
! swap "Rebels" -> "Militants" x1
? ...
"""

from __future__ import annotations

import re
from html import escape

from app.engine import thresholds
from app.engine.report import DERIVES, QUOTES_CHANGED, Change, Comparison, Document, Fragment, Group
from app.engine.words import diff_tokens, token_spans, tokenize

__all__ = [
    "JUDGEMENT_RULES",
    "MARKERS",
    "describe_change",
    "describe_judgement",
    "describe_meaning",
    "describe_shares",
    "finding_runs",
    "findings_html",
    "highlight_changes",
    "markdown_cell",
    "one_line",
    "render_html",
    "render_markdown",
    "render_text",
    "spliced_fragments",
    "terminal_safe",
]

#: One character per group in the text rendering; moved groups get ">" before theirs.
MARKERS = {"kept": "=", "reworded": "~", "dropped": "-", "added": "+"}
_MAX_LINE = 160


def _headline(result: Comparison) -> str:
    s = result.summary
    return (
        f"wirediff {result.engine_version}: {result.headline} "
        f"(kept {s.kept}, reworded {s.reworded}, dropped {s.dropped}, added {s.added}, moved {s.moved}; "
        f"{describe_shares(s.base_retained, s.other_from_base)})"
    )


#: What each rule that sets a verdict over the model says, for an editor.
JUDGEMENT_RULES = {
    "rewrite": (
        f"derived by rule: {thresholds.VERDICT_REWRITE_BASE_RETAINED:.0%} of the base or more carried, "
        f"{thresholds.VERDICT_REWRITE_REUSED_SENTENCES} sentences or more clearly reused"
    ),
    "unlinked": "unrelated by rule: no sentence aligned and no long fragment shared",
}


def describe_judgement(result: Comparison) -> str:
    """The verdict's probabilities and what weighed most, on one line:
    ``copy 91%, derived 8%, related 1%, unrelated 0%; weighed most: fragments_of_other 0.99 (+3.95)``;
    a verdict a rule set over the model's says so first (:data:`JUDGEMENT_RULES`)."""
    judgement = result.judgement
    chances = ", ".join(f"{verdict} {p:.0%}" for verdict, p in judgement.probabilities.items())
    evidence = ", ".join(f"{e.feature} {e.value:g} ({e.contribution:+.2f})" for e in judgement.evidence)
    if judgement.rule == "unlinked":  # no model reading: the rule's probabilities are certain
        return f"{JUDGEMENT_RULES['unlinked']}: {chances}"
    rule = f"{JUDGEMENT_RULES[judgement.rule]}; the model said " if judgement.rule else ""
    return f"{rule}{chances}; weighed most: {evidence or 'nothing'} (model {judgement.model_version})"


def spliced_fragments(result: Comparison) -> list[Fragment]:
    """Fragments outside kept groups: the wire phrases spliced into other sentences (a kept
    sentence is one whole fragment, already shown as kept)."""
    kept = {j for g in result.alignment if g.op == "kept" for j in g.other}
    return [f for f in result.fragments if f.other_sentence not in kept]


def one_line(text: str, limit: int = _MAX_LINE) -> str:
    """``text`` on one line, cut with an ellipsis past ``limit`` characters (160).

    >>> print(one_line("Rain fell   on Moscow today.", 12))
    Rain fell o…
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def describe_shares(base_retained: float, other_from_base: float) -> str:
    """The two shares of a comparison as every rendering words them.

    >>> describe_shares(0.8, 0.456)
    'base retained 80%, other from base 46%'
    """
    return f"base retained {base_retained:.0%}, other from base {other_from_base:.0%}"


def describe_meaning(group: Group) -> str | None:
    """A reworded group whose meaning likely changed, as every rendering words it (with the
    model's probability of the change); None for every other group.

    A meaning judged kept is not shown: the model is calibrated to news paraphrases as MSRP's
    annotators judged them, who let small differences pass, so its "kept" is no promise that
    nothing changed (a changed figure, quotation or negation is reported on its own, exactly).

    >>> from app.engine.report import Group
    >>> describe_meaning(Group("reworded", [0], [0], 0.8, same_meaning=0.06))
    'meaning likely changed (94%)'
    >>> describe_meaning(Group("reworded", [0], [0], 0.8, same_meaning=0.87)) is None
    True
    """
    if group.same_meaning is None or group.same_meaning >= thresholds.SAME_MEANING:
        return None
    return f"meaning likely changed ({1 - group.same_meaning:.0%})"


def describe_change(change: Change) -> str:
    """One change as CI logs show it: ``replace "rebels" -> "militants"``."""
    if change.op == "insert":
        return f'insert "{change.other}"'
    if change.op == "delete":
        return f'delete "{change.base}"'
    return f'{change.op} "{change.base}" -> "{change.other}"'


def _group_text(group: Group, result: Comparison) -> tuple[str, str]:
    return result.base.text_of(group.base), result.other.text_of(group.other)


def render_text(result: Comparison) -> str:
    """One line per group: ``=`` kept, ``~`` reworded (changes indented below), ``-`` dropped,
    ``+`` added, ``>`` before the marker of a moved group."""
    lines = [_headline(result)]
    lines.extend(f"! [{f.severity}] {one_line(f.message)}" for f in result.findings)
    for group in result.alignment:
        marker = (">" if group.moved else "") + MARKERS[group.op]
        left, right = _group_text(group, result)
        if group.op == "added":
            lines.append(f"{marker} [{','.join(map(str, group.other))}] {one_line(right)}")
            continue
        where = ",".join(map(str, group.base))
        if group.other and group.other != group.base:
            where += "->" + ",".join(map(str, group.other))
        lines.append(f"{marker} [{where}] {one_line(left)}")
        if group.op == "reworded":
            lines.extend(f"    {describe_change(c)}" for c in group.changes if c.op != "glue")
            if meaning := describe_meaning(group):
                lines.append(f"    {meaning}")
    lines.extend(_checks(result) if result.verdict in DERIVES else [])
    lines.extend(
        f'& fragment [{f.base_sentence}->{f.other_sentence}] "{one_line(f.text)}" ({f.words} words)'
        for f in spliced_fragments(result)
    )
    lines.append(f"? {describe_judgement(result)}")
    return terminal_safe("\n".join(lines))


def _checks(result: Comparison) -> list[str]:
    """The quotations, figures, swaps and credit checked, line by line, for a version that takes
    from the base (:data:`~app.engine.report.DERIVES`): between another report of the event and
    the base they compare nothing (its own figures are not "changed", its credits not "dropped")."""
    lines = [
        f'! quote {quote.status}: "{one_line(quote.text)}"'
        for quote in result.quotes
        if quote.status in QUOTES_CHANGED
    ]
    lines.extend(
        f"! number {number.status}: {number.base or '-'} -> {number.other or '-'}"
        for number in result.numbers
    )
    lines.extend(f'! swap "{swap.base}" -> "{swap.other}" x{swap.count}' for swap in result.substitutions)
    if result.attribution.credit_dropped:
        lines.append(f"! credit dropped: {', '.join(result.attribution.base_credits)}{_instead(result)}")
    return lines


def _instead(result: Comparison) -> str:
    """ "; credited to AFP instead" where the other side gives the text to another agency."""
    instead = result.attribution.credited_instead
    return f"; credited to {', '.join(instead)} instead" if instead else ""


def _credit_note(result: Comparison) -> str:
    """ " (credit dropped)" after the credits, for a version taking from the base (a related or
    unrelated story credits whom it likes)."""
    if result.attribution.credit_dropped and result.verdict in DERIVES:
        return f" (credit dropped{_instead(result)})"
    return ""


#: Markdown punctuation that could make article text into a link or an image (``![](...)`` is a
#: tracking pixel where the Markdown is pasted), a table cell's end, or an escape of its own.
_MARKDOWN_ESCAPED = str.maketrans({c: "\\" + c for c in "\\|[]()!"})


def markdown_cell(text: str) -> str:
    """One line that stays text: no raw HTML (<, > and & as entities, so no ``<https://...>``
    autolink either), and backslashes, pipes, brackets, parentheses and ``!`` escaped, so no link
    or image. Quotes as they are."""
    return escape(" ".join(text.split()), quote=False).translate(_MARKDOWN_ESCAPED)


#: What a terminal obeys rather than prints: C0 controls but newline and tab (ESC starts colour,
#: cursor and title sequences), DEL, C1 controls (0x9b is a one-byte CSI), and the bidirectional
#: overrides and isolates that make a line read otherwise than it is stored.
_TERMINAL_CONTROLS = dict.fromkeys(
    [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F,
     *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)  # fmt: skip


def terminal_safe(text: str) -> str:
    """``text`` without the characters a terminal would act on (control and bidi characters); newlines
    and tabs kept. For every rendering printed to a terminal.

    >>> terminal_safe("ok\\x1b[2J\\x1b]0;title\\x07 done")
    'ok[2J]0;title done'
    """
    return text.translate(_TERMINAL_CONTROLS)


def render_markdown(result: Comparison, labels: tuple[str, str] = ("base", "other")) -> str:
    """A summary and a table of groups, safe to paste into an issue or a PR comment;
    ``labels`` name the two sides (outlet names) in the table's header."""
    s = result.summary
    out = [
        f"## wirediff: **{markdown_cell(result.headline)}**",
        "",
        *[f"- **{f.severity}**: {markdown_cell(f.message)}" for f in result.findings],
        *([""] if result.findings else []),
        "| kept | reworded | dropped | added | moved | base retained | other from base |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {s.kept} | {s.reworded} | {s.dropped} | {s.added} | {s.moved} "
        f"| {s.base_retained:.0%} | {s.other_from_base:.0%} |",
        "",
        f"**Verdict**: {markdown_cell(describe_judgement(result))}",
        "",
        f"| | {markdown_cell(labels[0])} | {markdown_cell(labels[1])} | changes |",
        "|---|---|---|---|",
    ]
    for group in result.alignment:
        left, right = _group_text(group, result)
        described = [describe_change(c) for c in group.changes if c.op != "glue"]
        if meaning := describe_meaning(group):
            described.append(meaning)
        changes = "; ".join(markdown_cell(d) for d in described)
        op = group.op + (" (moved)" if group.moved else "")
        out.append(f"| {op} | {markdown_cell(left)} | {markdown_cell(right)} | {changes} |")
    problems = [q for q in result.quotes if q.status in QUOTES_CHANGED]
    if problems:
        out += ["", "**Quotes**", ""]
        out += [f"- {q.status}: \u201c{markdown_cell(q.text)}\u201d" for q in problems]
    if result.numbers:
        out += ["", "**Numbers**", ""]
        out += [
            f"- {n.status}: {markdown_cell(n.base or '-')} \u2192 {markdown_cell(n.other or '-')}"
            for n in result.numbers
        ]
    if result.substitutions:
        out += ["", "**Substitutions**", ""]
        out += [
            f"- {markdown_cell(x.base)} \u2192 {markdown_cell(x.other)} \u00d7{x.count}"
            for x in result.substitutions
        ]
    spliced = spliced_fragments(result)
    if spliced:
        out += ["", "**Fragments** (base sentence \u2192 other sentence)", ""]
        out += [
            f"- [{f.base_sentence}\u2192{f.other_sentence}] \u201c{markdown_cell(f.text)}\u201d"
            f" ({f.words} words)"
            for f in spliced
        ]
    attribution = result.attribution
    out += [
        "",
        f"**Credits**: base {', '.join(attribution.base_credits) or 'none'}; "
        f"other {', '.join(attribution.other_credits) or 'none'}" + _credit_note(result),
    ]
    return "\n".join(out) + "\n"


def _marked_html(text: str, marked: list[tuple[int, int]], tag: str) -> str:
    """``text`` escaped, with the marked character spans wrapped in ``<tag>``; spans
    separated only by spaces or punctuation are merged into one."""
    merged: list[tuple[int, int]] = []
    for start, end in marked:
        if merged and not any(ch.isalnum() for ch in text[merged[-1][1] : start]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    out, position = [], 0
    for start, end in merged:
        out.append(escape(text[position:start]))
        out.append(f"<{tag}>{escape(text[start:end])}</{tag}>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def highlight_changes(base: str, other: str) -> tuple[str, str]:
    """Both texts as escaped HTML, words deleted or replaced in ``base`` inside
    ``<del>``, words inserted or replacing in ``other`` inside ``<ins>``; glue is not
    marked (it is not a change of words).

    >>> highlight_changes("stop the rebels & co now", "stop the militants & co now")
    ('stop the <del>rebels</del> &amp; co now', 'stop the <ins>militants</ins> &amp; co now')
    """
    base_tokens, base_spans = tokenize(base), token_spans(base)
    other_tokens, other_spans = tokenize(other), token_spans(other)
    where = {id(t): span for t, span in zip(base_tokens, base_spans, strict=True)}
    where.update({id(t): span for t, span in zip(other_tokens, other_spans, strict=True)})
    deleted: list[tuple[int, int]] = []
    inserted: list[tuple[int, int]] = []
    for edit in diff_tokens(base_tokens, other_tokens):
        if edit.op != "glue":
            deleted.extend(where[id(t)] for t in edit.base)
            inserted.extend(where[id(t)] for t in edit.other)
    return _marked_html(base, sorted(deleted), "del"), _marked_html(other, sorted(inserted), "ins")


_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top}
.kept{background:#f1f8f1}.reworded{background:#fff8e1}.dropped{background:#fdecea}.added{background:#e8f0fe}
.moved td:first-child::after{content:" \\2195 moved"}
del{background:#f8c4c0}ins{background:#c6e8c6;text-decoration:none}
mark.fragment{background:#ffe08a}
.meaning-changed{color:#b3261e;font-weight:600}
.verdict{display:inline-block;padding:.1rem .6rem;border-radius:1rem;color:#fff;background:#5a6b7d}
.verdict-copy{background:#1f3b73}.verdict-derived{background:#3f6aa8}
.verdict-related{background:#8a9bb0}.verdict-unrelated{background:#b5bcc4;color:#1b1b1b}
.findings{list-style:none;padding:0}.findings li{margin:.2rem 0;padding:.2rem .5rem;border-left:.3rem solid}
.severity-high{border-color:#b3261e;background:#fdecea}.severity-medium{border-color:#b26a00;background:#fff4e0}
.severity-low{border-color:#8a8f98;background:#f4f5f6}
"""


def _fragment_spans(group: Group, other: Document, fragments: list[Fragment]) -> list[tuple[int, int]]:
    """Fragment offsets in the group's other text (its sentences joined by one space)."""
    texts = {s.index: s.text for s in other.sentences}
    offset, starts = 0, {}
    for j in group.other:
        starts[j] = offset
        offset += len(texts[j]) + 1
    return sorted(
        (starts[f.other_sentence] + f.other_start, starts[f.other_sentence] + f.other_end)
        for f in fragments
        if f.other_sentence in starts
    )


#: In a finding's message after its label: a quotation, or a thing as the base had it and as the
#: other has it on either side of the arrow, each side ending at the next edit ("; "), the end of
#: the edits (")") or the count of a swap (" ×3").
_FINDING_PARTS = re.compile(
    r"\u201c[^\u201d]*\u201d"
    r"|(?P<base>[^\s(;][^(;]*?) \u2192 (?P<other>[^;)]*?)(?=;|\)| \u00d7\d+$|$)"
)


def finding_runs(message: str) -> list[tuple[str, bool]]:
    """A finding's message as runs of text, each with whether to isolate it (``<bdi dir="auto">``).

    A message is an English label ("figure changed: ") and the texts it is about. Left in one run
    with the label, an Arabic or Hebrew text takes the label's direction and its figures or words
    around the arrow are drawn in the wrong order ("٢٧ → ٧٢" read as "٧٢ → ٢٧"); isolated one by
    one, each side reads in its own direction and the arrow points from the base's to the other's,
    as the Numbers and Substitutions lists show them. The runs put together are the message.

    >>> finding_runs("figure changed: 27 → 72")
    [('figure changed: ', False), ('27', True), (' → ', False), ('72', True)]
    >>> finding_runs("word swap: Rebels → Militants ×1")
    [('word swap: ', False), ('Rebels', True), (' → ', False), ('Militants', True), (' ×1', False)]
    >>> finding_runs("credit dropped: Reuters")
    [('credit dropped: ', False), ('Reuters', True)]
    """
    label, colon, body = message.partition(": ")
    if not colon:
        return [(message, True)]
    runs: list[tuple[str, bool]] = [(label + colon, False)]
    at = 0
    for part in _FINDING_PARTS.finditer(body):
        if part.start() > at:
            runs.append((body[at : part.start()], False))
        if part["base"] is None:
            runs.append((part[0], True))
        else:
            runs += [(part["base"], True), (" \u2192 ", False), (part["other"], True)]
        at = part.end()
    if at == 0:  # no quotation and no arrow: the text after the label is one
        return [*runs, (body, True)]
    if at < len(body):
        runs.append((body[at:], False))
    return runs


def findings_html(result: Comparison) -> str:
    """The headline on top of a page: the verdict (how much was taken, a blue-grey
    scale) and the ranked findings (how bad, red / amber / grey by severity), each side of a
    finding's arrow isolated (:func:`finding_runs`)."""
    items = "".join(
        f'<li class="severity-{escape(f.severity)}"><strong>{escape(f.severity)}</strong> '
        + "".join(
            f'<bdi dir="auto">{escape(text)}</bdi>' if isolated else escape(text)
            for text, isolated in finding_runs(f.message)
        )
        + "</li>"
        for f in result.findings
    )
    return (
        f'<p class="headline"><span class="verdict verdict-{escape(result.verdict)}">'
        f"{escape(result.verdict)}</span> {escape(result.headline)}</p>"
        + (f'<ul class="findings">{items}</ul>' if items else "")
    )


def render_html(result: Comparison, labels: tuple[str, str] = ("base", "other")) -> str:
    """A standalone page: the headline and findings, a summary, then the two sides
    (named by ``labels``, e.g. outlet names) side by side, one row per group. Every
    sentence cell is ``dir="auto"`` so right-to-left text lays out right."""
    s = result.summary
    rows = []
    for group in result.alignment:
        left, right = _group_text(group, result)
        if group.op == "reworded":
            left_html, right_html = highlight_changes(left, right)
        elif group.op == "added" and (spans := _fragment_spans(group, result.other, result.fragments)):
            # a new sentence carrying base's words: show which (a fragment class on <mark>)
            left_html = ""
            right_html = _marked_html(right, spans, "mark").replace("<mark>", '<mark class="fragment">')
        else:
            left_html, right_html = escape(left), escape(right)
        changes = "".join(
            f'<li><bdi dir="auto">{escape(describe_change(c))}</bdi></li>'
            for c in group.changes
            if c.op != "glue"
        )
        if meaning := describe_meaning(group):
            changes += f'<li class="meaning-changed">{escape(meaning)}</li>'
        classes = group.op + (" moved" if group.moved else "")
        rows.append(
            f'<tr class="{classes}"><td>{escape(group.op)}</td><td dir="auto">{left_html}</td>'
            f'<td dir="auto">{right_html}</td><td><ul>{changes}</ul></td></tr>'
        )
    quotes = "".join(
        f'<li>{escape(q.status)}: <bdi dir="auto">\u201c{escape(q.text)}\u201d</bdi></li>'
        for q in result.quotes
    )
    numbers = "".join(
        f'<li>{escape(n.status)}: <bdi dir="auto">{escape(n.base or "-")}</bdi> \u2192 '
        f'<bdi dir="auto">{escape(n.other or "-")}</bdi></li>'
        for n in result.numbers
    )
    swaps = "".join(
        f'<li><bdi dir="auto">{escape(x.base)}</bdi> \u2192 <bdi dir="auto">{escape(x.other)}</bdi> '
        f"\u00d7{x.count}</li>"
        for x in result.substitutions
    )
    verbs = "".join(
        f'<li><bdi dir="auto">{escape(v.base or "(none)")}</bdi> ({escape(v.base_tone)}) \u2192 '
        f'<bdi dir="auto">{escape(v.other or "(none)")}</bdi> ({escape(v.other_tone)}) \u00d7{v.count}</li>'
        for v in result.reporting_verbs
    )
    fragments = "".join(
        f'<li>[{f.base_sentence}\u2192{f.other_sentence}] <mark class="fragment">{escape(f.text)}</mark> '
        f"({f.words} words)</li>"
        for f in spliced_fragments(result)
    )
    attribution = result.attribution
    title = escape(result.base.title or labels[0]) + " vs " + escape(result.other.title or labels[1])
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>wirediff: {title}</title><style>{_STYLE}</style></head><body>"
        f"<h1>wirediff: {escape(result.verdict)}</h1>"
        f"{findings_html(result)}"
        f"<p>kept {s.kept}, reworded {s.reworded}, dropped {s.dropped}, added {s.added}, moved {s.moved}; "
        f"{describe_shares(s.base_retained, s.other_from_base)}</p>"
        f'<p class="judgement">{escape(describe_judgement(result))}</p>'
        f'<table><thead><tr><th scope="col">op</th><th scope="col">{escape(labels[0])}</th>'
        f'<th scope="col">{escape(labels[1])}</th>'
        f'<th scope="col">changes</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f"<h2>Quotes</h2><ul>{quotes}</ul><h2>Numbers</h2><ul>{numbers}</ul>"
        f"<h2>Substitutions</h2><ul>{swaps}</ul>"
        f"<h2>Attribution verbs</h2><ul>{verbs}</ul>"
        f"<h2>Fragments</h2><ul>{fragments}</ul>"
        f"<h2>Credits</h2><p>{escape(labels[0])}: {escape(', '.join(attribution.base_credits) or 'none')}; "
        f"{escape(labels[1])}: {escape(', '.join(attribution.other_credits) or 'none')}"
        f"{escape(_credit_note(result))}</p>"
        "</body></html>"
    )
