"""The analyze page's numbers section on a story nobody wrote an answer key for: the same
figure in three reports is lined up in one row, written as people write numbers, and the
"check this" highlights carry their confidence for the page's show/hide box."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

import pytest

from helpers import analyze as az
from helpers import wording
from helpers.lenses import registry
from helpers.analyze import analyze_case, analyze_texts, render_report

#: Three reports of one made-up event (written for these tests): the same figures in
#: different words ("About 1,200", "Nearly 1,000", "some 1,500"), money in billions and
#: millions, and one figure only two reports give.
STORY = {
    "Harbour Gazette": (
        "About 1,200 people were evacuated from the valley on Monday after the river burst its banks, "
        "officials said. The storm caused an estimated $1.6 billion in damage, according to the state treasurer. "
        "Rescuers pulled 14 people from cars stranded on the highway. A disastrous week for the town."),
    "Valley Times": (
        "Nearly 1,000 residents fled the valley on Monday as the river flooded, the county sheriff said. "
        "Damage could reach $2 billion, the treasurer's office estimated. "
        "Crews rescued a dozen people from stranded cars on the highway, a source close to the rescue team said."),
    "Coastal Post": (
        "Officials ordered some 1,500 people out of the valley on Monday when the river rose. "
        "The treasurer put the damage at $640 million. "
        "Firefighters saved 14 drivers trapped on the flooded highway. Critics slammed the shameful response."),
}


@pytest.fixture(scope="module")
def story():
    return analyze_texts(STORY, title="The flood")


@pytest.fixture(scope="module")
def story_page(story):
    import matplotlib

    matplotlib.use("Agg")
    return render_report(story)


def numbers_section(page: str) -> str:
    return page[page.index('<section id="numbers">'):page.index('<section id="loaded-language">')]


def test_the_same_figure_in_three_reports_is_one_row(story):
    rows, columns, total = az._claims_grid(story)
    assert columns == ["harbour-gazette", "valley-times", "coastal-post"]
    people = next(r for r in rows if any(f["words"] == "About 1,200" for f in r["cells"][0]))
    assert [[f["words"] for f in cell] for cell in people["cells"]] == [["About 1,200"], ["Nearly 1,000"], ["some 1,500"]]
    assert people["disagree"], "900-1,000 and 1,350-1,650 cannot both be right"
    # what is counted, in the reports' words: two say "people", one "residents"
    assert ("people" in people["label"] or "residents" in people["label"]) and "_" not in people["label"]
    assert total == len(rows) >= 1


def test_the_numbers_section_lines_claims_up_for_a_pasted_story(story_page):
    section = numbers_section(story_page)
    assert "needs an answer key" not in section and "only when an expert" not in section
    assert '<th scope="row">' in section and "<th>Harbour Gazette</th><th>Valley Times</th><th>Coastal Post</th>" in section
    assert "<q>About 1,200</q> <small>(1,080\u20131,320)</small>" in section
    assert "<q>Nearly 1,000</q>" in section and "<q>some 1,500</q>" in section
    assert "(the reports disagree)" in section
    # The chart is drawn from the automatic claims.
    assert '<img alt="Number ranges by claim and report"' in section


def test_numbers_are_written_as_people_write_them(story_page):
    section = numbers_section(story_page)
    assert not re.search(r"\d[eE][+-]?\d", section.split("data:image/png;base64,")[0]), "a number in e-notation"
    assert "$640 million" in section and "$1.44 billion\u2013$1.76 billion" in section
    # the words come from the kit's one number writer (tested in test_lens_registry)
    assert wording.number_range(5, 50) == "5\u201350"


def test_one_report_has_nothing_to_line_up():
    page = render_report(analyze_texts({"Mine": "About 300 soldiers came, officials said."}), charts=False)
    assert "there is only one report here" in numbers_section(page)


def test_the_shipped_case_lines_up_its_answer_key_claims():
    page = numbers_section(render_report(analyze_case("rostec-venezuela-2019"), charts=False))
    grid = page[:page.index("<h3>Every figure</h3>")]
    assert '<th scope="row">Rostec staff still in Venezuela</th>' in grid
    assert grid.count("<q>just a few dozen</q> <small>(24\u201348)</small>") == 5
    assert "<q>1,000</q></td>" in grid, "a range that repeats the words is not written twice"
    assert "rostec_staff_now" not in grid, "a claim is named in words, not by its id"


def test_check_this_highlights_carry_their_confidence(story):
    guesses = pd.concat([frame[frame["confidence"] == "check this"] for frame in story.findings.values()
                         if "confidence" in frame.columns])
    assert len(story.findings["loaded_language"].query("confidence == 'check this'")), "the story has a loaded-language guess"
    marks = [s for rid in story.case.reports for s in story.spans(rid) if s.confidence == "check this"]
    assert len(marks) == len(guesses)
    page = render_report(story, charts=False)
    assert page.count('data-confidence="check this"') >= len(guesses)
    assert 'type="checkbox" id="mlk-hide-unsure"' in page and f"({len(marks)})" in page
    assert "the word is on the list, but whether it judges here depends on how it is used" in " ".join(page.split())


def test_an_answer_key_is_never_a_guess(story):
    shipped = analyze_case("rostec-venezuela-2019")
    assert not any(s.confidence for rid in shipped.case.reports for s in shipped.spans(rid))
    assert "mlk-hide-unsure" not in render_report(shipped, charts=False).split("<body>")[1]


def test_an_automatic_lens_that_gives_no_confidence_counts_as_sure(story):
    import dataclasses

    plain = dataclasses.replace(story, findings={lens: frame.drop(columns=["confidence"], errors="ignore")
                                                 for lens, frame in story.findings.items()}, _spans=None)
    assert not any(s.confidence for rid in plain.case.reports for s in plain.spans(rid))
    assert "mlk-hide-unsure" not in render_report(plain, charts=False).split("<body>")[1]


def test_spans_of_time_in_different_units_are_compared_in_one_unit():
    """"19 years" and "nearly two decades" (18 to 20 years) agree: the page once compared 19
    with 1.8-2 and would have called them a disagreement."""
    from helpers import charts
    from helpers.lenses import registry

    assert registry.same_measure([(19, 19, "years"), (1.8, 2, "decades")]) == [(19, 19), (pytest.approx(18), pytest.approx(20))]
    assert registry.same_measure([(3, 9, "months"), (30, 30, "")]) == [(3, 9), (30, 30)]  # not all spans of time
    texts = {"Ledger": "Rosa Imbert, a nurse at the hospital for 19 years, said the staff learned of it on Monday.",
             "Tide": "Rosa Imbert, a nurse at the hospital for nearly two decades, told the paper the staff did not know.",
             "Post": "Rosa Imbert, a nurse at the hospital for only two years, said the staff were told."}
    analysis = analyze_texts(texts, charts=False)
    grid, _, _ = az._claims_grid(analysis)
    tenure = [row for row in grid if "19 years" in row["label"]]
    assert len(tenure) == 1 and "nearly two decades" in tenure[0]["label"] and not tenure[0]["disagree"]
    chart = charts.number_ranges(analysis.case, source="auto")
    heading = next(h for h in chart.headings if "19 years" in h)
    assert heading.endswith("the ranges overlap") and "(in years)" in heading, heading


def test_the_reports_disagree_only_when_one_reports_figures_all_miss_anothers():
    """A headline's round "a fifth" (20%) and the same report's "about a fifth" (18-22%)
    beside another report's "21 percent" made the page say "the reports disagree" (teacher
    review): the other report fits one of the first report's own figures."""
    assert registry.reports_disagree([(20, 20), (18, 22), (21, 21)], ["journal", "journal", "wire"]) is False
    assert registry.reports_disagree([(20, 20), (21, 21)], ["journal", "wire"]) is True
    assert registry.reports_disagree([(20, 20), (25, 25)], ["journal", "journal"]) is False   # one report: no "reports disagree"
    assert registry.reports_disagree([(1, 2), (50, 60), (3, 4)], ["a", "b", "c"]) is True
    assert registry.reports_disagree([(0, 100), (1, 2), (3, 4)], ["a", "b", "c"]) is True    # b and c cannot both be right
    assert registry.reports_disagree([(0, 100), (1, 5), (3, 4)], ["a", "b", "c"]) is False
    assert registry.reports_disagree([(None, None), (3, 4)], ["a", "b"]) is False   # a range not known: nothing said


def test_the_chart_and_the_table_say_the_same_of_one_claim():
    # second diff review: the table used the per-report rule, the chart's heading another,
    # so one page could say "the ranges do NOT overlap" over a row not marked as a disagreement
    from helpers import charts
    cases = Path(__file__).parent / "data" / "cases"
    compared = 0
    for story in ("maternity-ward-closure-triple", "riverbend-bus-cuts-chain", "bus-fare-triple",
                  "water-office-cuts-triple"):
        analysis = analyze_case(cases / story, charts=False)
        grid, _, _ = az._claims_grid(analysis)
        headings = charts.number_ranges(analysis.case, source="auto").headings
        for row in grid:
            label = row["label"][:1].upper() + row["label"][1:]
            heading = next((h for h in headings if h.startswith(label)), None)
            if heading is None:
                continue
            compared += 1
            assert heading.endswith("do NOT overlap") == row["disagree"], (story, heading, row["disagree"])
    assert compared >= 5
