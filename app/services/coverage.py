"""Who changed what: a base article's sentences against several outlets' versions of it
(:func:`build_coverage`), and its renderings as text, HTML, Markdown and CSV.

Each outlet's comparison is the stored one (cached per pair and engine version); the matrix
is read off their alignments: for every base sentence (title and body), per outlet, kept,
reworded (with the word changes) or dropped.
"""

from __future__ import annotations

import csv
import io
from enum import StrEnum
from html import escape

from sqlmodel import Session

from app import crud
from app.config import Settings
from app.engine import (
    DERIVES,
    MARKERS,
    NOT_QUOTED,
    QUOTES_ALTERED,
    Comparison,
    describe_change,
    describe_shares,
    markdown_cell,
    one_line,
    terminal_safe,
)
from app.schemas import (
    MAX_OUTLETS,
    ArticleInfo,
    CellOp,
    Coverage,
    CoverageCell,
    CoverageOutlet,
    CoverageSentence,
)
from app.services.comparisons import (
    MEDIA_TYPES,
    OnCompute,
    compare_many,
    from_json,
    prepared_document,
    stored_article,
)
from app.services.errors import ArticleNotFound
from app.services.related import comparison_url, find_related

__all__ = [
    "COVERAGE_MEDIA_TYPES",
    "MAX_OUTLETS",
    "CoverageFormat",
    "build_coverage",
    "render_coverage",
    "render_coverage_csv",
    "render_coverage_html",
    "render_coverage_markdown",
    "render_coverage_text",
]


class CoverageFormat(StrEnum):
    json = "json"
    text = "text"
    html = "html"
    markdown = "markdown"
    csv = "csv"


#: the comparisons' media types, and CSV
COVERAGE_MEDIA_TYPES = {CoverageFormat(output.value): media for output, media in MEDIA_TYPES.items()} | {
    CoverageFormat.csv: "text/csv; charset=utf-8"
}


# --- building the matrix ---------------------------------------------------------------------------


def _cells(result: Comparison) -> dict[int, CoverageCell]:
    """Each base sentence's fate in one outlet, from the alignment."""
    cells: dict[int, CoverageCell] = {}
    for group in result.alignment:
        if not group.base:
            continue
        op: CellOp = "kept" if group.op == "kept" else "reworded" if group.op == "reworded" else "dropped"
        for index in group.base:
            cells[index] = CoverageCell(op=op, moved=group.moved, other=group.other, changes=group.changes)
    return cells


def _outlet(
    article: ArticleInfo, result: Comparison, cells: list[CoverageCell], base_id: int
) -> CoverageOutlet:
    """An outlet's line: ``cells`` are its cells of the base's body sentences, which its kept,
    reworded and dropped count, as ``base_retained`` and a pickup's figures do (the title is a
    row of the matrix, not one of these)."""
    return CoverageOutlet(
        article=article,
        verdict=result.verdict,
        base_retained=result.summary.base_retained,
        other_from_base=result.summary.other_from_base,
        kept=sum(cell.op == "kept" for cell in cells),
        reworded=sum(cell.op == "reworded" for cell in cells),
        dropped=sum(cell.op == "dropped" for cell in cells),
        substitutions=result.substitutions,
        quotes_altered=[q.text for q in result.quotes if q.status in QUOTES_ALTERED],
        quotes_missing=[q.text for q in result.quotes if q.status in NOT_QUOTED],
        credits=result.attribution.other_credits,
        credit_dropped=result.attribution.credit_dropped and result.verdict in DERIVES,
        comparison=comparison_url(base_id, article.id),
    )


def build_coverage(
    *,
    session: Session,
    base_id: int,
    settings: Settings,
    other_ids: list[int] | None = None,
    related: bool = False,
    on_compute: OnCompute | None = None,
) -> Coverage:
    """The coverage matrix of ``base_id`` against ``other_ids`` (in that order), or with
    ``related`` against every related version of it (best first; unrelated candidates excluded).

    ``on_compute``: as :func:`~app.services.comparisons.compare_many`. Raises
    :class:`~app.services.errors.ArticleNotFound` for the first id with no article.
    """
    base = stored_article(session, base_id)
    # read before comparing: caching new comparisons commits, and a commit expires loaded rows
    base_info = ArticleInfo.model_validate(base)
    document = prepared_document(base).document  # the base's sentences, as every comparison has them
    excluded: list[int] = []
    if related:  # the related versions' own reads: their infos and comparisons
        found = find_related(
            session=session, article=base, settings=settings, limit=MAX_OUTLETS, on_compute=on_compute
        )
        other_ids = [version.article.id for version in found.versions.data]
        excluded = found.versions.excluded
        infos = [found.infos[article_id] for article_id in other_ids]
        bodies = found.bodies
    else:
        other_ids = other_ids or []
        stored = crud.get_articles(session=session, article_ids=other_ids)
        missing = [article_id for article_id in other_ids if article_id not in stored]
        if missing:
            raise ArticleNotFound(missing[0])
        others = [stored[article_id] for article_id in other_ids]
        infos = [ArticleInfo.model_validate(other) for other in others]
        compared = compare_many(
            session=session, base=base, others=others, settings=settings, on_compute=on_compute
        )
        bodies = {other_id: comparison.body for other_id, comparison in compared.items()}
    results = [from_json(bodies[article_id]) for article_id in other_ids]
    per_outlet = [_cells(result) for result in results]
    fallback = CoverageCell(op="dropped", moved=False, other=[], changes=[])
    sentences = [
        CoverageSentence(
            index=s.index,
            role="title" if s.role == "title" else "body",
            text=s.text,
            cells=[cells.get(s.index, fallback) for cells in per_outlet],
        )
        for s in document.sentences
        if s.role != "boilerplate"
    ]
    body = [sentence for sentence in sentences if sentence.role == "body"]
    outlets = [
        _outlet(other, result, [sentence.cells[n] for sentence in body], base_id)
        for n, (other, result) in enumerate(zip(infos, results, strict=True))
    ]
    return Coverage(
        base=base_info,
        outlets=outlets,
        sentences=sentences,
        dropped_by_all=[
            s.index for s in sentences if s.cells and all(cell.op == "dropped" for cell in s.cells)
        ],
        excluded=excluded,
    )


# --- renderings --------------------------------------------------------------------------------------


def _changes(cell: CoverageCell) -> list[str]:
    return [describe_change(change) for change in cell.changes if change.op != "glue"]


def _label(outlet: CoverageOutlet) -> str:
    return f"#{outlet.article.id} {outlet.article.source}"


def _findings(outlet: CoverageOutlet) -> list[str]:
    """What an outlet did besides keeping and dropping, in a few words each."""
    found = []
    if outlet.credit_dropped:
        found.append("credit dropped")
    for quotes, status in ((outlet.quotes_altered, "altered"), (outlet.quotes_missing, "missing")):
        if quotes:
            found.append(f"{len(quotes)} {'quote' if len(quotes) == 1 else 'quotes'} {status}")
    found.extend(f'"{x.base}" -> "{x.other}" x{x.count}' for x in outlet.substitutions)
    return found


def _outlet_line(outlet: CoverageOutlet) -> str:
    shares = describe_shares(outlet.base_retained, outlet.other_from_base)
    return "; ".join([f"{outlet.verdict} ({shares})", *_findings(outlet)])


def render_coverage_text(coverage: Coverage) -> str:
    """The outlets, then one line per base sentence with a marker per outlet (``=`` kept, ``~``
    reworded, ``-`` dropped, in the outlets' order; ``>`` before a moved one), reworded sentences'
    changes indented below, and the sentences every outlet dropped.
    """
    letters = [chr(ord("A") + n) if n < 26 else f"#{o.article.id}" for n, o in enumerate(coverage.outlets)]
    lines = [
        f"wirediff coverage of #{coverage.base.id} {coverage.base.source}: {len(coverage.outlets)} outlets"
    ]
    lines += [
        f"  {letter} {_label(o)}: {_outlet_line(o)}"
        for letter, o in zip(letters, coverage.outlets, strict=True)
    ]
    lines.append(" ".join(letters))
    for sentence in coverage.sentences:
        marks = [(">" if cell.moved else "") + MARKERS[cell.op] for cell in sentence.cells]
        columns = " ".join(mark.rjust(len(letter)) for mark, letter in zip(marks, letters, strict=True))
        lines.append(f"{columns} [{sentence.index}] {one_line(sentence.text)}".lstrip())
        for letter, cell in zip(letters, sentence.cells, strict=True):
            lines.extend(f"    {letter}: {change}" for change in _changes(cell))
    dropped = [s for s in coverage.sentences if s.index in coverage.dropped_by_all]
    if dropped:
        lines.append("dropped by every outlet:")
        lines.extend(f"  [{s.index}] {one_line(s.text)}" for s in dropped)
    else:
        lines.append("dropped by every outlet: none")
    if coverage.excluded:
        lines.append("excluded as unrelated: " + ", ".join(f"#{i}" for i in coverage.excluded))
    return terminal_safe("\n".join(lines))


def render_coverage_markdown(coverage: Coverage) -> str:
    """A table of outlets and the matrix, safe to paste into an issue or a PR comment."""
    base = coverage.base
    out = [
        f"## wirediff coverage of #{base.id} {markdown_cell(base.source)}",
        "",
        "| outlet | verdict | base retained | other from base | findings |",
        "|---|---|---:|---:|---|",
    ]
    out += [
        f"| {markdown_cell(_label(o))} | {o.verdict} | {o.base_retained:.0%} | {o.other_from_base:.0%} "
        f"| {markdown_cell('; '.join(_findings(o)))} |"
        for o in coverage.outlets
    ]
    out += [
        "",
        "| # | sentence | " + " | ".join(markdown_cell(_label(o)) for o in coverage.outlets) + " |",
        "|---:|---|" + "---|" * len(coverage.outlets),
    ]
    for sentence in coverage.sentences:
        cells = []
        for cell in sentence.cells:
            text = f"**{cell.op}**" if cell.op == "dropped" else cell.op
            text += " (moved)" if cell.moved else ""
            if cell.op == "reworded" and _changes(cell):
                text += ": " + "; ".join(_changes(cell))
            cells.append(markdown_cell(text))
        out.append(f"| {sentence.index} | {markdown_cell(sentence.text)} | " + " | ".join(cells) + " |")
    dropped = [s for s in coverage.sentences if s.index in coverage.dropped_by_all]
    out += ["", "**Dropped by every outlet**", ""]
    out += [f"- [{s.index}] {markdown_cell(s.text)}" for s in dropped] or ["- none"]
    if coverage.excluded:
        out += ["", "Excluded as unrelated: " + ", ".join(f"#{i}" for i in coverage.excluded)]
    return "\n".join(out) + "\n"


_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top}
.kept{background:#f1f8f1}.reworded{background:#fff8e1}.dropped{background:#fdecea}
td ul{margin:.2rem 0;padding-left:1.1rem;font-size:.9em}
"""


def render_coverage_html(coverage: Coverage) -> str:
    """A standalone page: the outlets, then the matrix with a coloured cell per outlet."""
    base = coverage.base
    outlets = "".join(
        f"<tr><td>{escape(_label(o))}</td><td>{escape(o.verdict)}</td><td>{o.base_retained:.0%}</td>"
        f"<td>{o.other_from_base:.0%}</td><td>{escape('; '.join(_findings(o)))}</td></tr>"
        for o in coverage.outlets
    )
    heads = "".join(f'<th scope="col">{escape(_label(o))}</th>' for o in coverage.outlets)
    rows = []
    for sentence in coverage.sentences:
        cells = []
        for cell in sentence.cells:
            changes = "".join(f"<li>{escape(change)}</li>" for change in _changes(cell))
            moved = " (moved)" if cell.moved else ""
            cells.append(
                f'<td class="{cell.op}">{cell.op}{moved}'
                + (f"<ul>{changes}</ul>" if changes else "")
                + "</td>"
            )
        rows.append(f"<tr><td>{sentence.index}</td><td>{escape(sentence.text)}</td>{''.join(cells)}</tr>")
    dropped = "".join(
        f"<li>[{s.index}] {escape(s.text)}</li>"
        for s in coverage.sentences
        if s.index in coverage.dropped_by_all
    )
    excluded = ", ".join(f"#{i}" for i in coverage.excluded) or "none"
    title = f"#{base.id} {escape(base.source)}"
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>wirediff coverage of {title}</title><style>{_STYLE}</style></head><body>"
        f"<h1>wirediff coverage of {title}</h1>"
        f"<p>{escape(base.title or '')}</p>"
        '<table><thead><tr><th scope="col">outlet</th><th scope="col">verdict</th>'
        '<th scope="col">base retained</th><th scope="col">other from base</th>'
        f'<th scope="col">findings</th></tr></thead><tbody>{outlets}</tbody></table>'
        '<h2>Sentences</h2><table><thead><tr><th scope="col">#</th><th scope="col">base sentence</th>'
        f"{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<h2>Dropped by every outlet</h2><ul>{dropped or '<li>none</li>'}</ul>"
        f"<h2>Excluded as unrelated</h2><p>{excluded}</p>"
        "</body></html>"
    )


#: A text cell starting with one of these is run as a formula by spreadsheets (=HYPERLINK(...),
#: =cmd|...); tab and carriage return also start one in some of them.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """A text cell a spreadsheet shows as text: one that would start a formula gets a leading ``'``
    (OWASP's advice; shown as typed, not run)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def render_coverage_csv(coverage: Coverage) -> str:
    """For spreadsheets: one row per base sentence (index, role, text), one column per outlet
    holding kept, reworded or dropped; RFC 4180 (CRLF line ends, quoted where needed). Text from
    articles goes through :func:`spreadsheet_text`.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["index", "role", "sentence", *(spreadsheet_text(_label(o)) for o in coverage.outlets)])
    for sentence in coverage.sentences:
        cells = (cell.op for cell in sentence.cells)
        writer.writerow([sentence.index, sentence.role, spreadsheet_text(sentence.text), *cells])
    return out.getvalue()


def render_coverage(coverage: Coverage, output: CoverageFormat) -> bytes:
    """The coverage in one of the output formats, as UTF-8 bytes."""
    if output is CoverageFormat.json:
        return coverage.model_dump_json().encode()
    renderer = {
        CoverageFormat.text: render_coverage_text,
        CoverageFormat.html: render_coverage_html,
        CoverageFormat.markdown: render_coverage_markdown,
        CoverageFormat.csv: render_coverage_csv,
    }[output]
    return renderer(coverage).encode()
