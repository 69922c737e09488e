"""The shared-passages lens: what two texts share despite captures that garble them.
Every passage here was written for these tests, except the case checks at the end,
which read the five reports of the case."""
from __future__ import annotations

import random

import pytest

from helpers.bench import shared_scaling
from helpers.lenses import shared_passages as sp

ORIGINAL = (
    "The harbour authority said on Friday that it had closed the northern pier "
    "after engineers found cracks in pre-existing supports, and that ferries "
    "would use the southern terminal until repairs are finished in the spring."
)


def only_passage(text_a: str, text_b: str):
    table = sp.detect_pair(text_a, text_b)
    assert len(table) == 1, table
    return table.iloc[0]


def test_columns_and_offsets():
    other = "Weather notes. " + ORIGINAL.replace("Friday", "Friday,") + " Sports follow."
    table = sp.detect_pair(ORIGINAL, other)
    assert list(table.columns) == list(sp.COLUMNS)
    row = table.iloc[0]
    assert row.a_text == ORIGINAL[row.a_start:row.a_end]
    assert row.b_text == other[row.b_start:row.b_end]
    assert 0 <= row.score <= 1


def test_identical_text_is_one_verbatim_passage():
    row = only_passage(ORIGINAL, ORIGINAL)
    assert row.a_text == ORIGINAL.rstrip(".")
    assert row.score == 1.0


def test_curly_and_straight_quotes_do_not_matter():
    curly = "“We cannot keep the pier open,” the director told reporters on the quay."
    straight = '"We cannot keep the pier open," the director told reporters on the quay.'
    row = only_passage(curly, straight)
    assert row.score == 1.0
    assert row.a_text.startswith("We cannot") and row.a_text.endswith("quay")


def test_hard_line_breaks_do_not_matter():
    wrapped = ORIGINAL.replace("closed the ", "closed the\n").replace("ferries ", "ferries\n")
    row = only_passage(ORIGINAL, wrapped)
    assert row.score == 1.0
    assert "\n" in row.b_text


def test_a_word_hyphenated_at_a_line_end_is_the_same_word():
    broken = ORIGINAL.replace("pre-existing", "pre-\nexisting")
    row = only_passage(ORIGINAL, broken)
    assert row.score == 1.0
    assert "pre-\nexisting" in row.b_text


def test_an_ocr_slip_does_not_split_the_passage():
    web = ("The agency said the harbour would reopen, WSJ cited its source as saying, "
           "once the last inspections of the northern pier were complete.")
    pdf = web.replace("WSJ", "WS]J")
    row = only_passage(web, pdf)
    assert "WS]J" in row.b_text and "WSJ" in row.a_text
    assert 0.8 <= row.score < 1.0


def test_an_inserted_word_or_two_is_stepped_over():
    quoted = ORIGINAL.replace("closed the northern pier", "closed (the old) northern pier")
    row = only_passage(ORIGINAL, quoted)
    assert "(the old)" in row.b_text
    assert row.score > 0.9


def test_unrelated_texts_share_nothing():
    other = ("A local choir will perform winter songs in the town hall next week, and "
             "tickets can be bought at the library or at the door on the evening.")
    table = sp.detect_pair(ORIGINAL, other)
    assert table.empty
    assert list(table.columns) == list(sp.COLUMNS)


def test_a_short_common_phrase_is_not_a_passage():
    a = "Storms hit the coast of the South American country on Monday night."
    b = "Elections in the South American country were delayed by a court."
    assert sp.detect_pair(a, b).empty


def test_a_repeated_phrase_is_reported_once():
    line = "a source close to the port authority said the repairs were urgent"
    a = f"First, {line}. Later, {line}, and the mayor agreed."
    table = sp.detect_pair(a, a.replace("mayor", "governor"))
    assert len(table) == 1


def test_many_reports_are_compared_in_pairs_in_the_given_order():
    reports = {
        "harbour": ORIGINAL,
        "choir": "A local choir will perform winter songs in the town hall next week.",
        "copy": "Breaking: " + ORIGINAL.replace("spring", "summer"),
    }
    table = sp.detect_many(reports)
    assert set(zip(table["report_a"], table["report_b"])) == {("harbour", "copy")}


# --- the five reports of the case ----------------------------------------------------

@pytest.fixture(scope="module")
def case_passages():
    from helpers import load_case

    case = load_case("rostec-venezuela-2019")
    texts = {rid: report.text for rid, report in case.reports.items()}
    return texts, sp.detect_many(texts)


def pair(table, one, other):
    return table[((table.report_a == one) & (table.report_b == other))
                 | ((table.report_a == other) & (table.report_b == one))]


def test_the_pdf_is_a_capture_of_the_web_page(case_passages):
    texts, table = case_passages
    shared = pair(table, "moscow-times-web", "moscow-times-pdf")
    web_side = [(r.a_start, r.a_end) if r.report_a == "moscow-times-web" else (r.b_start, r.b_end)
                for r in shared.itertuples()]
    assert sum(e - s for s, e in web_side) / len(texts["moscow-times-web"]) > 0.6
    assert any("Ambassador Vladimir Zayemsky" in r.a_text for r in shared.itertuples())


def test_hannity_and_global_research_share_the_journal_s_wording(case_passages):
    _, table = case_passages
    shared = pair(table, "hannity", "global-research")
    texts_ = " | ".join(list(shared.a_text) + list(shared.b_text))
    assert "cut its staff in Venezuela to just a few dozen, from about 1,000" in texts_
    assert "cut its staff in (the country) to just a few dozen from about 1,000" in texts_


# --- the scaling benchmark ----------------------------------------------------------

def test_scaling_benchmark_says_skipped_without_the_corpus(tmp_path):
    rows = shared_scaling.run(tmp_path)
    assert rows[0]["result"] == "skipped: benchmarks not found"


def test_benchmark_reports_are_made_to_size_with_captures():
    texts = [ORIGINAL * 40, ORIGINAL.upper() * 40]
    sets = shared_scaling.report_sets(texts, sizes=(10, 20))
    assert [len(s) for s in sets.values()] == [10, 20]
    garbled = shared_scaling.capture(ORIGINAL * 3, random.Random(1))
    assert "\n" in garbled and "]" in garbled
    assert not sp.detect_pair(ORIGINAL * 3, garbled).empty
