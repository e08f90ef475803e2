"""Right-to-left stories in a real browser: an Arabic wire story and an outlet's copy of it, its
death toll changed (٢٧ to ٧٢, Arabic-Indic digits) and "rebels" put as "terrorists". What the
findings name reads in its own direction, and the arrow points from the wire's to the copy's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import add_article, screenshot

pytestmark = pytest.mark.browser

WIRE = """المتمردون يسيطرون على بلدة حدودية مع اتساع رقعة القتال

الخرطوم، ٣ مارس (رويترز) - سيطر المتمردون على بلدة الطويلة الحدودية يوم الأحد بعد يومين من القتال العنيف، مما أسفر عن مقتل ٢٧ مدنيا على الأقل، وفقا لمسؤولين محليين.

وقال الحاكم أحمد صالح في اتصال هاتفي "لقد فقدنا السيطرة على الأحياء الشرقية والمستشفى مكتظ".

وقال الجيش إنه شن هجوما مضادا وسيستعيد البلدة خلال أيام.

وحذرت وكالات الإغاثة من أن أكثر من ٤٠ ألف شخص فروا نحو الحدود التشادية منذ يوم الجمعة.
"""  # noqa: E501

COPY = """الإرهابيون يقتحمون بلدة حدودية

سيطر الإرهابيون على بلدة الطويلة الحدودية يوم الأحد بعد يومين من القتال العنيف، مما أسفر عن مقتل ٧٢ مدنيا على الأقل، وفقا لمسؤولين محليين.

وقال الحاكم أحمد صالح في اتصال هاتفي "لقد فقدنا السيطرة على الأحياء الشرقية".

وقال الجيش إنه شن هجوما مضادا وسيستعيد البلدة خلال أيام.

وحذرت وكالات الإغاثة من أن أكثر من ٤٠ ألف شخص فروا نحو الحدود التشادية منذ يوم الجمعة.

ويقول مراسلنا إن الشوارع خالية وإن المتاجر تعرضت للنهب.
"""  # noqa: E501

#: Where on the screen each text first starts inside an element: its line (top edge) and left edge, px.
_WHERE = """(element, words) => {
  const found = {};
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const word of words) {
      const at = node.data.indexOf(word);
      if (at < 0 || word in found) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      const box = range.getClientRects()[0];
      found[word] = [Math.round(box.top), box.left];
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def pair(empty_server: str) -> Iterator[tuple[str, int, int]]:
    wire = add_article(empty_server, "رويترز", WIRE)
    copy = add_article(empty_server, "الشرق اليوم", COPY)
    yield empty_server, wire, copy


def _reads_left_to_right(item: Locator, *words: str) -> None:
    """Each of ``words`` drawn before the next in the page's left-to-right reading order (on the same
    line and left of it, or on a line below), as the finding's label and its arrow run."""
    where = item.evaluate(_WHERE, list(words))
    assert sorted(where) == sorted(words), where
    assert sorted(words, key=lambda word: where[word]) == list(words), where


class TestFindings:
    def test_a_changed_figure_reads_from_the_wires_to_the_copys(
        self, pair: tuple[str, int, int], desktop: Page
    ) -> None:
        server, wire, copy = pair
        desktop.goto(f"{server}/ui/compare/{wire}/{copy}")
        finding = desktop.locator("li.finding[data-kind=figure_changed]")
        expect(finding).to_have_text("high figure changed: ٢٧ → ٧٢")
        _reads_left_to_right(finding, "figure changed", "٢٧", "→", "٧٢")
        print(f"screenshot: {screenshot(desktop, 'findings-rtl-1280')}")

    def test_a_swapped_word_reads_from_the_wires_to_the_copys(
        self, pair: tuple[str, int, int], desktop: Page
    ) -> None:
        server, wire, copy = pair
        desktop.goto(f"{server}/ui/compare/{wire}/{copy}")
        finding = desktop.locator("li.finding[data-kind=substitution]")
        expect(finding).to_have_text("low word swap: المتمردون → الإرهابيون ×1")
        _reads_left_to_right(finding, "word swap", "المتمردون", "→", "الإرهابيون", "×1")

    def test_the_html_export_reads_the_same(self, pair: tuple[str, int, int], desktop: Page) -> None:
        server, wire, copy = pair
        desktop.goto(f"{server}/ui/compare/{wire}/{copy}/export.html")
        figure = desktop.locator("ul.findings li", has_text="figure changed")
        expect(figure).to_have_text("high figure changed: ٢٧ → ٧٢")
        _reads_left_to_right(figure, "figure changed", "٢٧", "→", "٧٢")
        swap = desktop.locator("ul.findings li", has_text="word swap")
        _reads_left_to_right(swap, "word swap", "المتمردون", "→", "الإرهابيون")


def _direction(element: Locator) -> str:
    direction: str = element.evaluate("element => getComputedStyle(element).direction")
    return direction


class TestArticleText:
    def test_the_article_pages_paragraphs_read_right_to_left(
        self, pair: tuple[str, int, int], desktop: Page
    ) -> None:
        server, wire, _ = pair
        desktop.goto(f"{server}/ui/articles/{wire}")
        paragraphs = desktop.locator(".article-text p")
        expect(paragraphs).to_have_count(5)
        assert [_direction(p) for p in paragraphs.all()] == ["rtl"] * 5
        print(f"screenshot: {screenshot(desktop, 'article-rtl-1280')}")

    def test_the_coverage_matrixs_sentences_read_right_to_left(
        self, pair: tuple[str, int, int], desktop: Page
    ) -> None:
        server, wire, copy = pair
        desktop.goto(f"{server}/ui/articles/{wire}/coverage")
        expect(desktop.locator(f"table.matrix thead th[data-outlet='{copy}']")).to_have_count(1)
        sentences = desktop.locator("table.matrix tbody th .sentence")
        expect(sentences.first).to_have_text("المتمردون يسيطرون على بلدة حدودية مع اتساع رقعة القتال")
        assert {_direction(s) for s in sentences.all()} == {"rtl"}
        # the title, shorter than its column, starts at the right, as Arabic does
        text_left, text_right, left, right = sentences.first.evaluate(
            """element => {
              const range = document.createRange();
              range.selectNodeContents(element);
              const text = range.getBoundingClientRect(), box = element.getBoundingClientRect();
              return [text.left, text.right, box.left, box.right];
            }"""
        )
        assert right - text_right < 1 < text_left - left
        print(f"screenshot: {screenshot(desktop, 'coverage-rtl-1280')}")

    def test_the_article_forms_text_box_follows_what_is_typed(self, empty_server: str, desktop: Page) -> None:
        desktop.goto(f"{empty_server}/ui/articles/new")
        box = desktop.get_by_label("Text or HTML")
        box.fill(COPY)
        assert _direction(box) == "rtl"
        box.fill("Rebels took the border town on Sunday.")
        assert _direction(box) == "ltr"
