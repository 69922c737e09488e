"""The reader app and the exercises in Voila, driven in Chromium."""
from __future__ import annotations

import pytest

from helpers.bench import serve

from .browser_actions import (IMG, LONG, MC_QUESTION, MC_RIGHT, SCRIPT, SHORT, answer_choice, choose_report,
                              count, lens_on_and_off, make_xss_case, pane, pick_finding, textarea_for,
                              tour_notebook, wait_for_file_text, wait_reader, write_notebook, xss_notebook)
from .browser_actions import _notebook

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def never_leaves_this_machine(request):
    """Every Voila page here: a request off this machine (a CDN, a font) fails the test."""
    refused = request.getfixturevalue("page").refused if "page" in request.fixturenames else []
    yield
    assert refused == [], f"the page tried to leave this machine: {refused}"


@pytest.fixture(scope="module")
def reader_app(tmp_path_factory, chromium_path):
    """The reader notebook served the way `make reader` serves it: Voila, root URL."""
    root = tmp_path_factory.mktemp("voila-reader")
    notebooks = serve.copy_notebooks(["reader.ipynb"], root / "notebooks")
    server = serve.start_voila(notebooks / "reader.ipynb", root)
    server.journal = root / "home" / "journal.json"
    yield server
    server.stop()


@pytest.fixture(scope="module")
def voila_folder(tmp_path_factory, chromium_path):
    """Voila serving a folder: the widgets tour and a report that tries to run code."""
    root = tmp_path_factory.mktemp("voila-folder")
    write_notebook(root / "notebooks" / "tour.ipynb", tour_notebook())
    write_notebook(root / "notebooks" / "xss.ipynb", xss_notebook(make_xss_case(root / "hostile-case")))
    write_notebook(root / "notebooks" / "icons.ipynb", _notebook([
        ("code", "import ipywidgets\nipywidgets.Button(description='Check', icon='check')")]))
    server = serve.start_voila(root / "notebooks", root)
    server.journal = root / "home" / "journal.json"
    yield server
    server.stop()


def test_reader_app_at_the_root_url_two_reports_lenses_findings_notes(reader_app, page):
    page.goto(reader_app.url + "/", timeout=LONG)
    wait_reader(page)
    assert page.locator(".jp-InputArea-editor").count() == 0  # no code shown to students
    assert page.get_by_text("Two reports side by side").count() >= 1

    choose_report(page, "left", "Hannity.com (Sean Hannity)", "hannity")
    choose_report(page, "right", "Global Research", "global-research")
    left, right = lens_on_and_off(page, "Loaded language", "loaded_language")
    assert left > 0 and right > 0

    # a finding and its counterpart (same claim) are emphasised in both panes
    pick_finding(page, "Rostec staff before the cut")
    page.wait_for_selector(f"{pane('left')} mark.mlk-emphasis", timeout=SHORT)
    page.wait_for_selector(f"{pane('right')} mark.mlk-emphasis", timeout=SHORT)
    assert "the same claim" in page.locator(".mlk-feedback").first.inner_text()

    # The click-to-repaint latency is a figure of `make bench` (helpers.bench.reader), not a test.

    notes = textarea_for(page, "Your notes on these reports")
    notes.fill("Hannity never names the Journal.")
    wait_for_file_text(reader_app.journal, "Hannity never names the Journal.")
    page.reload(timeout=LONG)
    wait_reader(page)
    assert textarea_for(page, "Your notes on these reports").input_value() == "Hannity never names the Journal."
    assert page.refused == [], f"the page tried to leave this machine: {page.refused}"


def test_exercise_answers_survive_a_reload_in_voila(voila_folder, page):
    page.goto(voila_folder.url + "/voila/render/tour.ipynb", timeout=LONG)
    wait_reader(page)
    assert count(page, f'{pane("left")} mark[data-lens="numbers"]') > 0
    page.get_by_label("Numbers", exact=True).uncheck()
    page.wait_for_function("() => !document.querySelector('.mlk-pane mark[data-lens=\"numbers\"]')", timeout=SHORT)

    page.get_by_text(MC_QUESTION).wait_for(timeout=SHORT)
    answer_choice(page, MC_RIGHT)
    textarea_for(page, "What did you notice first?").fill("The photo caption is from 2013.")
    journal = wait_for_file_text(voila_folder.journal, "The photo caption is from 2013.")
    assert '"answer": "The Wall Street Journal"' in journal

    page.reload(timeout=LONG)
    wait_reader(page)
    assert page.get_by_label(MC_RIGHT, exact=True).is_checked()
    assert "Right." in page.locator(".mlk-feedback", has_text="Right.").first.inner_text()
    assert textarea_for(page, "What did you notice first?").input_value() == "The photo caption is from 2013."


def test_a_hostile_report_shows_its_html_as_text_and_runs_nothing(voila_folder, page):
    page.goto(voila_folder.url + "/voila/render/xss.ipynb", timeout=LONG)
    page.wait_for_selector(pane("left"), timeout=LONG)
    text = page.locator(pane("left")).inner_text()
    assert SCRIPT in text and IMG in " ".join(text.split())
    page.wait_for_timeout(500)  # give an onerror handler the time it would need
    assert page.evaluate("() => window.__pwned") is None
    assert page.dialogs == []
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"], .mlk-kit script').length") == 0
    assert page.get_by_text("<img src=x onerror=alert(3)> hostile title").count() == 1


def test_voila_pages_load_nothing_from_a_cdn_and_icons_still_show(voila_folder, page):
    """Voila's own template links Font Awesome from a CDN; the kit's template does not,
    and the icons come from the fonts Voila serves itself."""
    page.goto(voila_folder.url + "/voila/render/icons.ipynb", timeout=LONG)
    icon = page.locator("button i.fa-check").first
    icon.wait_for(timeout=LONG)
    assert page.locator('link[href*="://"]').count() == 0
    family = icon.evaluate("i => getComputedStyle(i, '::before').fontFamily")
    assert "Font Awesome" in family
    page.wait_for_function("() => document.fonts.check('900 16px \"Font Awesome 5 Free\"')", timeout=SHORT)
    assert page.refused == [], f"the page tried to leave this machine: {page.refused}"
