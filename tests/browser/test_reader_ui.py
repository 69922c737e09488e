"""The side-by-side reader as a student uses it, in Chromium: Voila at a laptop's size
(1366x768) and a phone's (390 px), and JupyterLab for the keyboard.

Each test is one promise of the reader: a picked finding scrolls into view in its pane,
no sideways scrolling, tags big enough to read, visible focus rings, toggle buttons that
say whether they are pressed, ArrowDown that moves in the list (not to the next cell),
panes one above the other on a phone, a notes box and a toggle row a screen reader can
name, and the switch that hides the marks the computer
is not sure of.
"""
from __future__ import annotations

import contextlib

import pytest

from helpers.bench import serve

from .browser_actions import LONG, SHORT, _notebook, count, menu, wait_count, wait_kernel_idle, wait_reader, write_notebook

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
UNSURE = '.mlk-pane mark[data-confidence="check this"]'


@contextlib.contextmanager
def opened(browser, viewport):
    """A fresh page of the given size that may not leave this machine."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(SHORT)
    refused = serve.local_only(page)
    try:
        yield page
        assert refused == [], f"the page tried to leave this machine: {refused}"
    finally:
        context.close()


@pytest.fixture(scope="module")
def voila(tmp_path_factory, chromium_path):
    """Voila on a folder: the kit's reader notebook, and the reader on the automatic lenses."""
    root = tmp_path_factory.mktemp("voila-reader-ui")
    notebooks = serve.copy_notebooks(["reader.ipynb"], root / "notebooks")
    write_notebook(notebooks / "auto.ipynb", _notebook([
        ("code", "from helpers import load_case\nfrom helpers.widgets import SideBySideReader\n"
                 "SideBySideReader(load_case('rostec-venezuela-2019'), left='breitbart', right='hannity',\n"
                 "                 lenses=('loaded_language',), source='auto')")]))
    server = serve.start_voila(notebooks, root)
    yield server
    server.stop()


def open_reader(page, server, name="reader.ipynb"):
    page.goto(f"{server.url}/voila/render/{name}", timeout=LONG)
    wait_reader(page)


def settled(page):
    """Wait two animation frames: the reader's script reacts on the next frame."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def test_picking_a_finding_far_down_scrolls_its_mark_into_view_in_its_pane(browser, voila):
    with opened(browser, LAPTOP) as page:
        open_reader(page, voila)
        labels = page.eval_on_selector_all(".widget-select select option", "os => os.map(o => o.textContent)")
        last = [label for label in labels if label.startswith("Left")][-1]  # the last number, far down
        pane = ".mlk-pane-left"
        before = page.evaluate("(pane) => { const b = document.querySelector(pane);"
                               " return {top: b.scrollTop, scrollable: b.scrollHeight > b.clientHeight * 1.5}; }", pane)
        assert before == {"top": 0, "scrollable": True}, "the left pane should scroll on its own"
        page.locator(".widget-select select").select_option(label=last)
        page.wait_for_selector(f"{pane} mark.mlk-emphasis", timeout=SHORT)
        page.wait_for_function(f"() => document.querySelector('{pane}').scrollTop > 0", timeout=SHORT)
        settled(page)
        after = page.evaluate("""(pane) => {
            const box = document.querySelector(pane), mark = box.querySelector('mark.mlk-emphasis');
            const b = box.getBoundingClientRect(), m = mark.getBoundingClientRect();
            return {inside: m.top >= b.top && m.bottom <= b.bottom && m.left >= b.left && m.right <= b.right,
                    was_below: m.bottom - b.top + box.scrollTop > box.clientHeight,
                    on_screen: m.top >= 0 && m.bottom <= window.innerHeight,
                    name: box.getAttribute('aria-label'), role: box.getAttribute('role'),
                    scrolled: box.scrollTop};
        }""", pane)
        assert after["was_below"], "the test needs a finding that starts out of view"
        assert after["inside"], f"the picked finding's mark is not in its pane's visible box: {after}"
        assert after["on_screen"], f"the picked finding's mark is below the window: {after}"
        assert after["role"] == "region" and after["name"].startswith("Left"), after
        assert "\u25b6" in page.locator(f"{pane} mark.mlk-emphasis .mlk-tag").first.evaluate(
            "t => getComputedStyle(t, '::before').content")


def no_sideways_scroll(page) -> dict:
    return page.evaluate("""() => {
        const wide = el => el && el.scrollWidth > el.clientWidth + 1;
        return {page: wide(document.documentElement) || wide(document.body),
                list: wide(document.querySelector('.widget-select select')),
                kit: [...document.querySelectorAll('.mlk-reader')].some(wide)};
    }""")


def test_the_findings_list_and_the_page_need_no_sideways_scrolling_on_a_laptop(browser, voila):
    with opened(browser, LAPTOP) as page:
        open_reader(page, voila)
        assert no_sideways_scroll(page) == {"page": False, "list": False, "kit": False}
        for label, lens in (("Numbers", "numbers"), ("Loaded language", "loaded_language"), ("Page chrome", "page_chrome")):
            box = page.get_by_label(label, exact=True)
            if not box.is_checked():
                box.check()
                wait_count(page, f'.mlk-pane mark[data-lens="{lens}"]', "n > 0")
        page.get_by_role("button", name="Both (compare)").click()
        page.wait_for_function("() => [...document.querySelectorAll('.widget-select option')].some(o => o.text.includes('['))")
        assert no_sideways_scroll(page) == {"page": False, "list": False, "kit": False}


def test_every_tag_is_at_least_11_px(browser, voila):
    with opened(browser, LAPTOP) as page:
        open_reader(page, voila)
        page.get_by_label("Loaded language", exact=True).check()
        wait_count(page, '.mlk-pane mark[data-lens="loaded_language"]', "n > 0")
        tags = ".mlk-tag, .mlk-counts li > span:first-child"  # in the text, the key, and the counts
        settled(page)
        # found and measured in one step: the reader redraws its panes as it settles, and a tag
        # found before a redraw is no longer in the page when it is measured (its size reads NaN)
        sizes = page.evaluate("sel => [...document.querySelectorAll(sel)]"
                              ".map(t => parseFloat(getComputedStyle(t).fontSize))", tags)
        assert len(sizes) > 10
        assert min(sizes) >= 11, f"tags smaller than 11 px: {sorted(sizes)[:5]}"


FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || !el.closest('.mlk-kit')) return null;
    const s = getComputedStyle(el);
    const kind = el.tagName === 'INPUT' ? 'input-' + el.type : el.tagName.toLowerCase()
        + (el.classList.contains('widget-toggle-button') ? '-toggle' : '');
    return {kind, outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
            shadow: s.boxShadow !== 'none' && s.boxShadow !== '', label: el.textContent || el.value || ''};
}"""


def test_every_control_shows_a_focus_ring_when_reached_with_tab(browser, voila):
    with opened(browser, LAPTOP) as page:
        open_reader(page, voila)
        page.locator(".mlk-reader").first.click(position={"x": 2, "y": 2})
        seen = {}
        for _ in range(40):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUSED)
            if state:
                seen.setdefault(state["kind"], []).append(state)
        assert {"select", "input-checkbox", "button-toggle", "textarea"} <= set(seen), f"reached only {sorted(seen)}"
        no_ring = [s for states in seen.values() for s in states if not (s["outline"] or s["shadow"])]
        assert no_ring == [], f"controls with no visible focus ring: {no_ring}"


def test_toggle_buttons_say_whether_they_are_pressed(browser, voila):
    with opened(browser, LAPTOP) as page:
        open_reader(page, voila)
        key, auto = (page.get_by_role("button", name=n, exact=True) for n in ("Answer key", "Automatic lenses"))
        page.wait_for_function("() => document.querySelector('.widget-toggle-button[aria-pressed=\"true\"]')")
        assert (key.get_attribute("aria-pressed"), auto.get_attribute("aria-pressed")) == ("true", "false")
        auto.click()
        page.wait_for_function("() => [...document.querySelectorAll('.widget-toggle-button')]"
                               ".find(b => b.textContent.trim() === 'Automatic lenses')"
                               ".getAttribute('aria-pressed') === 'true'")
        assert key.get_attribute("aria-pressed") == "false"
        assert page.get_by_role("button", name="Automatic lenses", pressed=True).count() == 1
        key.click()
        page.wait_for_function("() => [...document.querySelectorAll('.widget-toggle-button')]"
                               ".find(b => b.textContent.trim() === 'Answer key')"
                               ".getAttribute('aria-pressed') === 'true'")
        assert auto.get_attribute("aria-pressed") == "false"


def test_the_notes_box_and_the_toggle_row_are_named_for_a_screen_reader(browser, voila):
    with opened(browser, LAPTOP) as page:
        open_reader(page, voila)
        notes = page.get_by_role("textbox", name="Your notes on these reports: what does one say that the other does not?")
        page.wait_for_function("() => document.querySelector('.mlk-kit textarea[aria-label]')")
        assert notes.count() == 1
        assert page.get_by_role("group", name="Highlights from").count() == 1
        group = page.get_by_role("group", name="Highlights from")
        assert group.get_by_role("button", name="Answer key", exact=True).count() == 1


def test_on_a_phone_the_panes_stack_and_nothing_scrolls_sideways(browser, voila):
    with opened(browser, PHONE) as page:
        open_reader(page, voila)
        left, right = (page.locator(f".mlk-pane-{s}").bounding_box() for s in ("left", "right"))
        assert left["y"] + left["height"] <= right["y"], f"the panes are not one above the other: {left} {right}"
        assert left["width"] > 300 and right["width"] > 300
        assert no_sideways_scroll(page) == {"page": False, "list": False, "kit": False}


def test_the_marks_to_check_can_be_hidden_and_shown_again(browser, voila):
    with opened(browser, LAPTOP) as page:
        open_reader(page, voila, "auto.ipynb")
        unsure = count(page, UNSURE)
        sure = count(page, '.mlk-pane mark[data-lens="loaded_language"]:not([data-confidence])')
        assert unsure > 0 and sure > 0
        legend = page.locator(".mlk-counts", has_text="not sure").first.inner_text()
        assert "read the sentence yourself" in legend
        switch = page.get_by_label("Show only the marks the computer is sure of", exact=True)
        switch.check()
        wait_count(page, UNSURE, "n === 0")
        assert count(page, '.mlk-pane mark[data-lens="loaded_language"]') == sure
        switch.uncheck()
        wait_count(page, UNSURE, f"n === {unsure}")


# -- JupyterLab: the keyboard stays in the widget ---------------------------------------

@pytest.fixture(scope="module")
def lab(tmp_path_factory, chromium_path):
    root = tmp_path_factory.mktemp("lab-keys")
    write_notebook(root / "notebooks" / "keys.ipynb", _notebook([
        ("markdown", "# Keys stay in the reader"),
        ("code", "from helpers import load_case\nfrom helpers.widgets import SideBySideReader\n"
                 "SideBySideReader(load_case('rostec-venezuela-2019'), left='breitbart', right='hannity',\n"
                 "                 lenses=('numbers',))"),
        ("markdown", "The cell after the reader."),
    ]))
    server = serve.start_lab(root / "notebooks", root)
    yield server
    server.stop()


ACTIVE_CELL = "() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].findIndex(c => c.classList.contains('jp-mod-active'))"


def open_in_lab(page, server):
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" when the test ends
    page.goto(server.url + "/lab/tree/keys.ipynb", timeout=LONG)
    page.wait_for_selector(".jp-NotebookPanel", timeout=LONG)
    wait_kernel_idle(page)
    menu(page, "Run", "runmenu:run-all")
    wait_reader(page)


def test_arrow_down_in_the_findings_list_moves_the_list_not_the_notebook(browser, lab):
    with opened(browser, {"width": 1400, "height": 1000}) as page:
        open_in_lab(page, lab)
        listbox = page.locator(".widget-select select")
        listbox.select_option(index=1)
        listbox.focus()
        page.wait_for_function("() => document.activeElement && document.activeElement.matches('.widget-select select')")
        active = page.evaluate(ACTIVE_CELL)
        assert active == 1, f"the reader's cell should be active after clicking in it, not cell {active}"
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(300)
        assert listbox.evaluate("s => s.selectedIndex") == 3, "ArrowDown did not move the selection in the list"
        assert page.evaluate(ACTIVE_CELL) == 1, "ArrowDown moved the notebook to another cell"
        assert page.evaluate("() => document.activeElement.matches('.widget-select select')")


def test_in_jupyterlab_on_a_laptop_the_findings_list_needs_no_sideways_scrolling(browser, lab):
    with opened(browser, LAPTOP) as page:
        open_in_lab(page, lab)
        page.get_by_role("button", name="Both (compare)").click()
        page.wait_for_function("() => [...document.querySelectorAll('.widget-select option')].some(o => o.text.includes('['))")
        wide = page.evaluate("""() => [...document.querySelectorAll('.widget-select select, .mlk-reader, .jp-Notebook')]
            .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.className || el.tagName)""")
        assert wide == [], f"these scroll sideways: {wide}"


def test_the_still_picture_of_the_reader_also_stacks_on_a_phone(browser):
    from helpers import load_case
    from helpers.widgets import SideBySideReader, static_html

    reader = SideBySideReader(load_case("rostec-venezuela-2019"), left="breitbart", right="hannity", lenses=("numbers",))
    with opened(browser, PHONE) as page:
        page.set_content("<!DOCTYPE html><html><body>" + static_html(reader) + "</body></html>")
        left, right = (page.locator(f'.mlk-pane[data-side="{s}"]').bounding_box() for s in ("left", "right"))
        assert left["y"] + left["height"] <= right["y"], f"the panes are not one above the other: {left} {right}"
        assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
