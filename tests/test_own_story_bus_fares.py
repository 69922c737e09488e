"""The page on a story pasted one paragraph a line (a teacher's trial run).

``tests/data/cases/bus-fare-triple`` is one invented event told by three invented outlets,
pasted as a teacher pastes a story: one paragraph a line, with no blank line between
paragraphs. It has no answer key, so ``analyze_case`` runs every automatic lens. Each test
names a thing the page got wrong on it.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from helpers import analyze as analyze_module
from helpers.analyze import analyze_case, render_report

CASE = Path(__file__).parent / "data" / "cases" / "bus-fare-triple"


@pytest.fixture(scope="module")
def analysis():
    return analyze_case(CASE, charts=False)


@pytest.fixture(scope="module")
def page(analysis):
    return render_report(analysis)


def test_the_case_is_pasted_one_paragraph_a_line_and_has_no_answer_key(analysis):
    assert set(analysis.origin.values()) == {"auto"}
    for report in analysis.case.reports.values():
        body = report.text.split("\n\n", 1)[1]  # a headline, then the story with no blank line
        assert "\n\n" not in body.strip() and body.count("\n") >= 5


# --- page chrome ------------------------------------------------------------------------

def test_a_closing_share_or_donate_line_is_chrome_and_the_story_is_not(analysis):
    chrome = analysis.findings["page_chrome"]
    texts = {rid: r.text for rid, r in analysis.case.reports.items()}
    marked = {rid: "".join(chrome[chrome["report"] == rid]["quote"]) for rid in texts}
    assert "Share this article on Facebook." in marked["riverton-post"]
    assert "Donate now to keep Citizen Voice independent." in marked["citizen-voice"]
    for rid, words in (("riverton-post", "approved on Tuesday"), ("citizen-voice", "cronies"),
                       ("citizen-voice", "Fares jump by 30 percent")):
        assert words not in marked[rid], (rid, words)


def test_no_loaded_word_of_the_story_is_left_out_as_chrome(analysis):
    counts = analysis.loaded_counts
    assert int(counts["in_chrome"].sum()) == 0
    assert int(counts.loc["citizen-voice", "own"]) >= 5  # cronies, gutted, disastrous ...


# --- the loaded-language chart and table count the same words ----------------------------

def test_the_loaded_language_chart_leaves_out_the_page_chrome_the_table_leaves_out(monkeypatch):
    from helpers import charts

    story = {"The Example Voice": (
        "The council cut four bus routes on Tuesday.\n\n"
        "Donate now: only you can stop the cronies and their disastrous, shameful cash grab.")}
    analysis = analyze_module.analyze_texts(story)
    counts = analysis.loaded_counts
    assert int(counts["in_chrome"].sum()) >= 2  # the appeal's loaded words are chrome
    drawn = {}
    real = charts.loaded_terms

    def spy(*args, **kwargs):
        drawn["fig"] = real(*args, **kwargs)
        return drawn["fig"]

    monkeypatch.setattr(charts, "loaded_terms", spy)
    analyze_module._chart_work(analysis)["loaded_terms"]()
    for rid, row in counts.iterrows():
        assert drawn["fig"].counts[rid] == {"own": row["own"], "quoted": row["quoted"]}, rid
