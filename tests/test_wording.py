"""The kit's one rule for "1 report" / "2 reports" (helpers.wording.count) and the places
that once wrote "1 <plural>" by hand."""
from __future__ import annotations

from helpers import wording


def test_count_is_singular_for_one_and_groups_thousands():
    assert wording.count(1, "student") == "1 student"
    assert wording.count(0, "student") == "0 students"
    assert wording.count(12400, "word") == "12,400 words"
    assert wording.count(2, "match") == "2 matches" and wording.count(3, "entry") == "3 entries"


def test_a_one_word_story_is_one_word_on_the_page_and_in_the_box(tmp_path):
    from helpers.analyze import analyze_texts, render_report
    from helpers.widgets import Journal
    from helpers.widgets.own_story import OwnStoryModel

    page = render_report(analyze_texts({"The Daily": "Resigned."}, charts=False), charts=False)
    assert "1 report, 1 word." in page
    assert "(1 word, 0 highlights)" in page
    assert "1 words" not in page and "1 reports" not in page
    box = OwnStoryModel(key="t/own", charts=False, journal=Journal(tmp_path / "journal.json"))
    box.text, box.outlet = "Resigned.", "The Daily"
    assert "</strong>, 1 word.</p>" in box.static_html()


def test_an_hour_of_self_study_is_one_hour():
    from helpers.guides import render_self_study

    text = render_self_study({"00_start_here": {"alone": 61}})
    assert "About 1 hour 1 minute in all (61 minutes)." in text
