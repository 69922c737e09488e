"""The page on a story nobody here tuned the lenses on (issue 15).

``tests/data/cases/water-office-cuts-triple`` is one invented event told by three invented
outlets (a right-leaning cable site, a broadsheet, a progressive site; public domain, see
its README). It has no answer key, so ``analyze_case`` runs every automatic lens, as on a
student's own story. Each test names what the page must mark or must not mark there.

A test marked ``xfail(strict=True)`` names what the page still gets wrong and why; strict
makes the suite say so the day a lens change fixes it.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.analyze import analyze_case, render_report

TRIPLE = Path(__file__).parent / "data" / "cases" / "water-office-cuts-triple"
BLOATED_NOT_LISTED = (
    "issue 15: 'bloated' is not on the loaded-word list and no general rule marks it; adding "
    "the one word to pass this test would tune the list to the test")


@pytest.fixture(scope="module")
def analysis():
    return analyze_case(TRIPLE, charts=False)


@pytest.fixture(scope="module")
def texts(analysis):
    return {rid: report.text for rid, report in analysis.case.reports.items()}


def at(texts, report, words, occurrence=1):
    """(start, end) of the n-th ``words`` in one report: the test fails loudly if absent."""
    start = -1
    for _ in range(occurrence):
        start = texts[report].index(words, start + 1)
    return start, start + len(words)


def overlapping(frame, report, span):
    start, end = span
    return frame[(frame["report"] == report) & (frame["start"] < end) & (frame["end"] > start)]


def test_the_case_has_no_answer_key_so_every_lens_is_automatic(analysis):
    assert set(analysis.origin.values()) == {"auto"}
    assert list(analysis.case.reports) == ["liberty-wire", "continental-record", "forward-daily"]


# --- numbers (this branch) ------------------------------------------------------------

def test_the_three_figures_for_the_job_cuts_are_one_claim(analysis, texts):
    found = analysis.findings["numbers"]
    mentions = [
        overlapping(found, "liberty-wire", at(texts, "liberty-wire", "eliminate 1,200 jobs")),
        overlapping(found, "continental-record", at(texts, "continental-record", "more than a thousand positions")),
        overlapping(found, "forward-daily", at(texts, "forward-daily", "about 1,000 workers")),
    ]
    assert all(len(m) == 1 for m in mentions), [m["quote"].tolist() for m in mentions]
    claims = {m["claim"].iloc[0] for m in mentions}
    assert len(claims) == 1, claims
    label = mentions[0]["claim_label"].iloc[0]
    for wording in ("1,200", "more than a thousand", "about 1,000"):
        assert wording in label
    assert "jobs" in label or "workers" in label or "positions" in label
    # the inspectors' sentence and the money are other claims
    money = overlapping(found, "liberty-wire", at(texts, "liberty-wire", "$1.6 billion"))
    assert money["claim"].iloc[0] not in claims


def test_a_headline_figure_joins_the_same_figure_in_its_own_text(analysis, texts):
    # "Slashes About 1,000 Workers" (headline) and "about 1,000 workers" (text) are one
    # figure: the numbers table must not show the headline as a row of its own
    found = analysis.findings["numbers"]
    headline = overlapping(found, "forward-daily", at(texts, "forward-daily", "About 1,000 Workers"))
    body = overlapping(found, "forward-daily", at(texts, "forward-daily", "about 1,000 workers"))
    cable = overlapping(found, "liberty-wire", at(texts, "liberty-wire", "axes 1,200 jobs"))
    assert len(headline) == len(body) == len(cable) == 1
    assert headline["claim"].iloc[0] == body["claim"].iloc[0] == cable["claim"].iloc[0]


def test_money_is_one_claim_written_as_the_reports_write_it(analysis, texts):
    found = analysis.findings["numbers"]
    rows = [overlapping(found, rid, at(texts, rid, "$1.6 billion")) for rid in texts]
    assert all(len(r) == 1 and r["kind"].iloc[0] == "money" for r in rows)
    assert all(r["low"].iloc[0] == 1.6e9 for r in rows)
    assert len({r["claim"].iloc[0] for r in rows}) == 1
    label = rows[0]["claim_label"].iloc[0]
    assert label.startswith("$1.6 billion") and "e+" not in label and "1600000000" not in label
    table = analysis.numbers_table
    assert (table.loc[table["group"] == rows[0]["claim"].iloc[0], "quote"] == "$1.6 billion").sum() == 3
    paid = [overlapping(found, rid, at(texts, rid, "$640 million")) for rid in texts]
    assert len({r["claim"].iloc[0] for r in paid}) == 1
    assert "about $640 million" in paid[0]["claim_label"].iloc[0]


def test_half_the_mayors_pipes_is_one_share_in_two_reports(analysis, texts):
    # "about half of its lead pipes" (Record), "roughly half the town's lead pipes" (Forward)
    found = analysis.findings["numbers"]
    rows = [overlapping(found, "continental-record", at(texts, "continental-record", "about half")),
            overlapping(found, "forward-daily", at(texts, "forward-daily", "roughly half"))]
    assert all(len(r) == 1 and r["kind"].iloc[0] == "percent" for r in rows), [r["quote"].tolist() for r in rows]
    assert [(r["low"].iloc[0], r["high"].iloc[0]) for r in rows] == [(45, 55)] * 2
    assert rows[0]["claim"].iloc[0] == rows[1]["claim"].iloc[0]
    assert "pipes" in rows[0]["claim_label"].iloc[0]
    # "the work would stop halfway" is no share
    assert overlapping(found, "liberty-wire", at(texts, "liberty-wire", "halfway")).empty


def test_ranges_are_one_finding_and_one_claim(analysis, texts):
    found = analysis.findings["numbers"]
    rows = [overlapping(found, "liberty-wire", at(texts, "liberty-wire", "5 to 50")),
            overlapping(found, "continental-record", at(texts, "continental-record", "between 5 and 50")),
            overlapping(found, "forward-daily", at(texts, "forward-daily", "5 to 50"))]
    assert all(len(r) == 1 for r in rows), [r["quote"].tolist() for r in rows]
    assert [(r["low"].iloc[0], r["high"].iloc[0]) for r in rows] == [(5, 50)] * 3
    assert len({r["claim"].iloc[0] for r in rows}) == 1


def test_dates_line_up_by_the_day_they_name(analysis, texts):
    found = analysis.findings["numbers"]
    start = {overlapping(found, rid, at(texts, rid, "April 15"))["claim"].iloc[0] for rid in texts}
    end = {overlapping(found, rid, at(texts, rid, "Sept. 30"))["claim"].iloc[0] for rid in texts}
    assert len(start) == 1 and len(end) == 1 and start != end
    tuesday = overlapping(found, "continental-record", at(texts, "continental-record", "Tuesday"))
    january = overlapping(found, "continental-record", at(texts, "continental-record", "January"))
    assert tuesday["claim"].iloc[0] != january["claim"].iloc[0]
    # a date's label says what it is about, not another date
    assert start.pop().startswith("April 15 (the date given with \u201clayoffs\u201d")


def test_a_host_of_the_morning_show_is_not_a_number(analysis, texts):
    found = analysis.findings["numbers"]
    for rid in ("liberty-wire", "forward-daily"):
        assert overlapping(found, rid, at(texts, rid, "a host of")).empty, rid


def test_every_claim_label_reads_as_words(analysis):
    labels = set(analysis.findings["numbers"]["claim_label"])
    assert labels
    for label in labels:
        assert "_" not in label and "e+" not in label and "nan" not in label.lower().split(), label
        assert "\u201cApril\u201d" not in label and "\u201cSept\u201d" not in label


def test_the_page_writes_figures_as_people_write_them(analysis):
    page = render_report(analysis, standalone=True, charts=False)
    assert "$1.6 billion" in page and "640 million" in page and "5\u201350" in page
    assert not re.search(r"\d\.?\d*e\+\d", page), re.search(r".{60}\d\.?\d*e\+\d.{20}", page).group()
    assert "2,021" not in page and "2,019" not in page  # years are not thousands


def test_numbers_are_said_as_people_write_them():
    from helpers.lenses.registry import unit_of
    from helpers.wording import number, number_range

    assert number_range(1.6e9, 1.6e9, "$") == "$1.6 billion"
    assert number_range(6.4e8, 6.4e8) == "640 million"
    assert number_range(5, 50) == "5\u201350"
    assert number_range(1000, 1000) == "1,000"
    assert number_range(900, 1100) == "900\u20131,100"
    assert number_range(float("nan"), 400) == "up to 400"
    assert number_range(float("nan"), float("nan")) == ""
    assert number(12, "%") == "12%" and number(12.5) == "12.5"
    assert number_range(2019, 2019, is_date=True) == "2019"
    assert unit_of({"kind": "money", "unit": "US dollars"}) == "$"
    assert unit_of({"kind": "percent", "unit": "percent"}) == "%"
    assert unit_of({"kind": "count", "unit": "jobs"}) == ""


# --- attribution (i15attr) -----------------------------------------------------------

def test_officials_familiar_with_the_matter_are_anonymous(analysis, texts):
    found = analysis.findings["attributions"]
    for rid in texts:
        rows = overlapping(found, rid, at(texts, rid, "fficials familiar with the matter"))
        assert (rows["kind"] == "anonymous").any(), rid


def test_a_post_that_mentioned_the_cuts_is_not_an_anonymous_source(analysis, texts):
    found = analysis.findings["attributions"]
    for rid, words in (("liberty-wire", "The post mentioned the cuts"),
                       ("continental-record", "His post on social media mentioned the cuts"),
                       ("forward-daily", "A short post he published on Tuesday mentioned the cuts")):
        rows = overlapping(found, rid, at(texts, rid, words))
        assert not (rows["kind"] == "anonymous").any(), (rid, rows["quote"].tolist())


def test_questioning_the_figures_does_not_make_a_named_source(analysis, texts):
    # "She sent a letter to the agency on Wednesday questioning the figures": the agency is
    # not questioning anything; Okafor is. A row whose cue is "questioning" may name her only.
    found = analysis.findings["attributions"]
    okafor = {"Senator Maria Okafor", "Okafor", "she", "She"}
    for rid in texts:
        span = at(texts, rid, "questioning")
        rows = overlapping(found, rid, span)
        named = rows[rows["named"].astype(bool)]
        for source, quote in zip(named["source"], named["quote"]):
            if quote.rstrip().endswith("questioning") or "questioning the figures" in quote:
                assert source in okafor, (rid, source, quote)


def test_advocates_and_republicans_on_the_committee_are_not_named_people(analysis, texts):
    found = analysis.findings["attributions"]
    for rid, words in (("forward-daily", "Advocates say"),
                       ("continental-record", "Republicans on the committee said")):
        rows = overlapping(found, rid, at(texts, rid, words))
        assert not (rows["kind"] == "named_person").any(), (rid, rows["source"].tolist())


def test_named_people_are_named(analysis, texts):
    found = analysis.findings["attributions"]
    rows = overlapping(found, "continental-record", at(texts, "continental-record", "said Laura Pinheiro"))
    assert rows["named"].astype(bool).any()
    rows = overlapping(found, "forward-daily", at(texts, "forward-daily", "said Tom Brannigan"))
    assert rows["named"].astype(bool).any()


# --- loaded language (i15loaded) -------------------------------------------------------

def test_a_host_of_the_morning_show_is_not_loaded(analysis, texts):
    found = analysis.findings["loaded_language"]
    for rid in ("liberty-wire", "forward-daily"):
        assert overlapping(found, rid, at(texts, rid, "a host of")).empty, rid


def test_loaded_words_in_the_outlets_own_voice_and_in_quotes(analysis, texts):
    found = analysis.findings["loaded_language"]
    zealot = overlapping(found, "forward-daily", at(texts, "forward-daily", "zealot"))
    assert list(zealot["voice"]) == ["own"]
    betrayal = overlapping(found, "forward-daily", at(texts, "forward-daily", "betrayal"))
    assert list(betrayal["voice"]) == ["quoted"]
    # the broadsheet's "reckless" is the senator's word, in quotation marks
    reckless = overlapping(found, "continental-record", at(texts, "continental-record", "reckless"))
    assert set(reckless["voice"]) <= {"quoted"}


def test_a_quoted_word_of_the_senator_is_not_the_cable_sites_own_voice(analysis, texts):
    # 'blasted the decision as "reckless"': "blasted" is Liberty Wire's word, "reckless" Okafor's
    found = analysis.findings["loaded_language"]
    reckless = overlapping(found, "liberty-wire", at(texts, "liberty-wire", "reckless"))
    assert not (reckless["voice"] == "own").any(), reckless[["quote", "voice"]].values.tolist()


@pytest.mark.xfail(strict=True, reason=BLOATED_NOT_LISTED)
def test_the_cable_sites_own_headline_words_are_marked(analysis, texts):
    found = analysis.findings["loaded_language"]
    bloated = overlapping(found, "liberty-wire", at(texts, "liberty-wire", "bloated"))
    assert (bloated["voice"] == "own").any()


def test_a_spokesman_named_between_commas_is_the_named_person(analysis, texts):
    found = analysis.findings["attributions"]
    rows = overlapping(found, "forward-daily", at(texts, "forward-daily", "A spokesman for the agency, Victor Salas, said"))
    assert list(rows["kind"]) == ["named_person"] and list(rows["source"]) == ["Victor Salas"]


def test_a_letter_questioning_the_figures_is_not_the_agency_speaking(analysis, texts):
    found = analysis.findings["attributions"]
    rows = overlapping(found, "liberty-wire", at(texts, "liberty-wire", "the agency on Wednesday"))
    assert "the agency on Wednesday" not in set(rows["source"]), rows["source"].tolist()
    assert not (rows["kind"] == "named_org").any()


def test_testing_tells_has_no_source(analysis, texts):
    found = analysis.findings["attributions"]
    assert overlapping(found, "forward-daily", at(texts, "forward-daily", "testing tells")).empty


def test_the_host_of_the_morning_show_is_one_named_source(analysis, texts):
    found = analysis.findings["attributions"]
    rows = overlapping(found, "liberty-wire", at(texts, "liberty-wire", "Dana Reyes, a host of Liberty Wire's morning show"))
    assert not rows.empty
    assert set(rows["source"]) == {"Dana Reyes"} and set(rows["kind"]) == {"named_person"}
