"""The analyze page in a real browser: no sideways scroll on a phone or a laptop, nothing
fetched from elsewhere, and the "check this" highlights hide and show with one box."""
from __future__ import annotations

import pytest

from helpers.analyze import analyze_case, analyze_texts, render_report

pytestmark = pytest.mark.browser

#: Three reports of one made-up event, written for these tests: the same figures in
#: different words, a long web address and a long word that must wrap.
STORY = {
    "Harbour Gazette": (
        "About 1,200 people were evacuated from the valley on Monday after the river burst its banks, "
        "officials said. The storm caused an estimated $1.6 billion in damage, according to the state treasurer. "
        "Rescuers pulled 14 people from cars stranded on the highway. A disastrous week for the town. "
        "Read more at https://example.org/news/2026/12/02/" + "very-long-address-" * 12 + "end"),
    "Valley Times": (
        "Nearly 1,000 residents fled the valley on Monday as the river flooded, the county sheriff said. "
        "Damage could reach $2 billion, the treasurer's office estimated. "
        "Crews rescued a dozen people from stranded cars on the highway, a source close to the rescue team said. "
        + "Supercalifragilistic" * 8 + "."),
    "Coastal Post": (
        "Officials ordered some 1,500 people out of the valley on Monday when the river rose. "
        "The treasurer put the damage at $640 million. "
        "Firefighters saved 14 drivers trapped on the flooded highway. Critics slammed the shameful response."),
}

SIZES = [(390, 844), (1366, 768)]


@pytest.fixture(scope="module")
def pages():
    import matplotlib

    matplotlib.use("Agg")
    return {"shipped case": render_report(analyze_case("rostec-venezuela-2019")),
            "pasted story": render_report(analyze_texts(STORY, title="The flood: " + "x" * 120))}


def sideways(page) -> int:
    """How many pixels the page is wider than the window (0: no sideways scroll)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("which", ["shipped case", "pasted story"])
@pytest.mark.parametrize("width,height", SIZES)
def test_the_page_has_no_sideways_scroll_and_fetches_nothing(page, pages, which, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.set_content(pages[which], wait_until="load")
    assert sideways(page) <= 0, f"{which} at {width} px scrolls sideways by {sideways(page)} px"
    # Every table fits its box or scrolls inside it; every chart fits the page.
    assert page.evaluate("""() => [...document.querySelectorAll('table')].every(t => {
        const box = t.closest('.mlk-scroll'); return box && box.clientWidth <= window.innerWidth; })""")
    assert page.evaluate("""() => [...document.querySelectorAll('figure img')].every(
        i => i.getBoundingClientRect().right <= window.innerWidth + 0.5)""")
    assert page.refused == [], f"the page asked for {page.refused}"
    assert page.evaluate("() => window.__pwned") is None and page.dialogs == []


def shown(page, selector: str) -> list[bool]:
    """For each mark: does it still look like a highlight (a background or its tag)?"""
    return page.evaluate("""(sel) => [...document.querySelectorAll(sel)].map(m => {
        const bg = getComputedStyle(m).backgroundColor;
        const tag = m.querySelector(':scope > .mlk-tag');
        return (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') || (tag !== null && tag.offsetParent !== null);
    })""", selector)


def test_the_box_hides_and_shows_the_check_this_highlights(page, pages):
    page.set_viewport_size({"width": 390, "height": 844})
    page.set_content(pages["pasted story"], wait_until="load")
    unsure, sure = 'mark[data-confidence="check this"]', "mark:not([data-confidence])"
    assert page.locator(unsure).count() > 0, "the pasted story has a guess to hide"
    box = page.get_by_label("Hide the highlights marked \u201ccheck this\u201d", exact=False)
    assert not box.is_checked()
    assert all(shown(page, unsure)) and all(shown(page, sure))
    page.get_by_text("Hide the highlights marked").click()  # the label, as a teacher clicks it
    assert box.is_checked()
    assert not any(shown(page, unsure)), "the guesses are still highlighted"
    assert all(shown(page, sure)), "a sure highlight was hidden too"
    text = page.locator('details[id="report-coastal-post"] .mlk-report').inner_text()
    assert "slammed" in text, "hiding a highlight keeps the words"
    box.press("Space")  # and back, from the keyboard
    assert not box.is_checked() and all(shown(page, unsure))
    legend = page.locator(".mlk-confidence").inner_text()
    assert "depends on how it is used" in legend and "Read those words yourself" in legend and "surer" not in legend


def test_the_shipped_case_has_no_box_to_hide_guesses(page, pages):
    """Its highlights come from the answer key: an expert's, never a guess."""
    page.set_content(pages["shipped case"], wait_until="load")
    assert page.locator('mark[data-confidence]').count() == 0
    assert page.locator(".mlk-hide-unsure").count() == 0
