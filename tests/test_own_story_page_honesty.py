"""What a teacher found on the own-story page of a story nobody had tuned the kit on
(tests/data/cases/maternity-ward-closure-triple): the loaded-language counts looked like a
verdict although the word lists find fewer than half of the loaded words, and web-page
clutter ("CLICK HERE TO GET THE ... APP", "By Name | Outlet", "Subscribe to the Courier")
was read as the story."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import load_case
from helpers.analyze import analyze_case, render_report

CASES = Path(__file__).parent / "data" / "cases"
CAVEAT = "These marks come from word lists, not from a person."


@pytest.fixture(scope="module")
def maternity():
    return analyze_case(CASES / "maternity-ward-closure-triple", charts=False)


def test_an_own_story_page_says_the_loaded_counts_are_not_a_verdict(maternity):
    page = render_report(maternity, charts=False)
    assert CAVEAT in page
    assert "A report with fewer marks is not for that reason calmer" in page


def test_the_answer_key_page_does_not_carry_the_word_list_warning():
    page = render_report(analyze_case("rostec-venezuela-2019", charts=False), charts=False)
    assert CAVEAT not in page


def _chrome(case_dir, report, line_text):
    case = load_case(CASES / case_dir)
    text = case.reports[report].text
    start = text.index(line_text)
    chrome = case.detections("page_chrome")
    chrome = chrome[chrome["report"] == report]
    return [k for s, e, k in zip(chrome["start"], chrome["end"], chrome["kind"])
            if s <= start and start + len(line_text) <= e]


def test_a_click_here_line_is_page_chrome():
    assert _chrome("maternity-ward-closure-triple", "heartland-now",
                   "CLICK HERE TO GET THE HEARTLAND NOW APP") == ["navigation"]
    assert _chrome("bus-fare-triple", "daily-courier", "Click here to read more local news.")


def test_a_byline_with_its_outlet_after_a_bar_is_page_chrome():
    assert _chrome("maternity-ward-closure-triple", "heartland-now", "By Travis Boone | Heartland Now") == ["byline"]


def test_a_subscription_appeal_is_page_chrome():
    line = "Subscribe to the Courier for just $1 a week."
    assert _chrome("bus-fare-triple", "daily-courier", line) == ["appeal"]


def test_ordinary_sentences_that_start_alike_are_not_chrome():
    from helpers.lenses import page_chrome
    text = ("By Tuesday, the water board had voted.\n\n"
            "Subscribers to the service said they would leave.\n\n"
            "Clicking through the report, the mayor found the error.\n")
    assert page_chrome.detect(text).empty


def test_the_teacher_is_told_how_far_to_trust_the_page_on_a_new_story():
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    guide = (root / "lessons" / "06_put_it_together.md").read_text(encoding="utf-8")
    assert "**How far to trust the page on a new story.**" in readme
    # the figures it gives are those of the blind first run, written down with the story
    first_run = (CASES / "maternity-ward-closure-triple" / "first_run.md").read_text(encoding="utf-8")
    assert "0.52" in first_run and "about half of the pairs" in readme
    assert "How far to trust the page on a new story" in guide


def test_a_vote_that_all_reports_give_alike_is_not_drawn_as_a_clash():
    # "the hospital's board voted 7-2" / "rejected in a 7 to 2 vote": the chart headed the
    # vote "the ranges do NOT overlap", with nothing under it (a vote has no range)
    from helpers import charts
    case = load_case(CASES / "maternity-ward-closure-triple")
    fig = charts.number_ranges(case, source="auto")
    assert fig.headings, "the chart draws the other shared figures"
    assert not [h for h in fig.headings if "vote" in h], fig.headings
    assert charts.overlap([(float("nan"), float("nan")), (3.0, 5.0)])
