"""The analyze page's words and numbers, as a student reads them (review findings S4,
S5, S7, S13, T2, T4, T5, T7, D3, D6): true to the reports, no ids, numbers as people
write them."""
from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from helpers import analyze as az
from helpers import wording
from helpers.analyze import analyze_case, analyze_texts, render_report
from helpers.case import load_case, report_labels
from helpers.lenses import registry
from helpers.lenses import numbers as numbers_lens

CASE = "rostec-venezuela-2019"


def _text(page: str) -> str:
    """What a reader sees: no markup, no attributes, entities read."""
    body = page.split("<body>")[-1]
    body = re.sub(r"<style>.*?</style>", " ", body, flags=re.S)
    body = re.sub(r'<img [^>]*>', " ", body)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _section(page: str, anchor: str) -> str:
    start = page.index(f'<section id="{anchor}">')
    return page[start:page.index("</section>", start)]


@pytest.fixture(scope="module")
def shipped():
    return analyze_case(CASE)


@pytest.fixture(scope="module")
def shipped_page(shipped):
    return render_report(shipped, charts=False)


@pytest.fixture(scope="module")
def auto():
    return analyze_case(CASE, source="auto", charts=False)


@pytest.fixture(scope="module")
def auto_page(auto):
    return render_report(auto, charts=False)


# --- S4: numbers as people write them ------------------------------------------------------

def _labels(text: str) -> list[str]:
    frame = numbers_lens.detect(text)
    return [registry.get("numbers").words(row, row["text"]).label for row in frame.to_dict("records")]


def test_a_share_is_written_in_words():
    assert wording.number_range(0.51, 1, kind="share") == "more than half"
    assert wording.number_range(0, 1 / 3, kind="share") == "up to a third"
    assert "more than half" in _labels("Most other western democracies agree.")[0]
    assert not any("0.51" in label for label in _labels("Most other western democracies agree."))


def test_the_top_of_a_range_is_a_whole_round_number():
    assert wording.number_range(50, 62.5) == "50\u201365"
    assert wording.number_range(30, 37.5) == "30\u201340"
    assert wording.number_range(2.5, 2.5, "%") == "2.5%", "a single value is never rounded"
    labels = " ".join(_labels("More than 50 countries joined over 30 years."))
    assert "62.5" not in labels and "37.5" not in labels


def test_the_counted_thing_follows_the_figures():
    assert wording.number_range(3, 9, counted="months") == "3\u20139 months"
    assert "number: 3\u20139 months" in _labels("In the past several months it grew.")


def test_no_empty_range_and_no_lone_number():
    row = {"low": None, "high": None, "hedge": "just", "is_date": True}
    label = registry.get("numbers").words(row, "just now").label
    assert ":  (" not in label and not label.endswith(": ") and "()" not in label
    # "just" leaves the range as it is (lesson 04): it makes a figure sound small
    assert label == "date or time: made to sound small by \u201cjust\u201d"
    about = registry.get("numbers").words({"low": 90, "high": 110, "hedge": "about"}, "about 100").label
    assert "made less exact by \u201cabout\u201d" in about
    alone = registry.get("numbers").words({"low": None, "high": None}, "a number").label
    assert alone != "number" and "a number" in alone


def test_small_values_keep_their_figures():
    assert wording.number(0.00001) == "0.00001"
    assert wording.number_range(0.00001, 0.00002) == "0.00001\u20130.00002"


# --- D3: the numbers explorer writes numbers the one way -----------------------------------

def explorer_tables(case) -> list[str]:
    from helpers.widgets.explorers import NumbersModel

    model = NumbersModel(case, draw=False)
    out = []
    for claim in model.claims:
        model.claim = claim
        out.append(_text(model.table + model.verdict))
    return out


def test_the_numbers_explorer_uses_the_one_formatter():
    tables = explorer_tables(load_case(CASE))
    joined = " ".join(tables)
    assert not re.search(r"\d,\d{3},\d{3},\d{3}", joined), "billions written out digit by digit"
    assert not wording.COMPUTER_NUMBER.search(joined)
    assert "$2 billion" in joined


# --- S5 / D10: no report ids on the page ----------------------------------------------------

def test_the_page_names_reports_as_the_kit_does(shipped, shipped_page):
    shown = _text(shipped_page)
    labels = set(report_labels(shipped.case).values())
    assert "The Moscow Times (web capture)" in labels and "The Moscow Times (web capture)" in shown
    for rid in shipped.case.reports:
        if "-" in rid:
            assert not re.search(rf"(?<![\w#-]){re.escape(rid)}(?![\w-])", shown), rid


def test_steps_are_counted_in_words(shipped_page):
    chain = _text(_section(shipped_page, "source-chain"))
    assert "step(s)" not in chain
    assert re.search(r"\(1 step\)", chain) and re.search(r"\(2 steps\)", chain)


def test_the_chain_says_what_the_words_only_make_likely(shipped_page):
    chain = _text(_section(shipped_page, "source-chain"))
    hannity = re.search(r"Hannity\.com \(Sean Hannity\) → Fox News.*?steps\)", chain).group()
    assert "The Wall Street Journal (very likely relays)" in hannity, hannity


def test_pasted_text_is_called_pasted():
    page = render_report(analyze_texts({"Mine": "About 300 soldiers came, officials said."}), charts=False)
    reports = _section(page, "reports")
    assert '<td class="n">6</td><td>pasted</td>' in reports and "<td>web</td>" not in reports


# --- S7: page chrome is not the outlet's own voice -------------------------------------------

def test_page_chrome_is_left_out_of_own_voice(shipped, shipped_page):
    section = _text(_section(shipped_page, "loaded-language"))
    assert "blatant attempt to silence our voice" not in section
    assert "unjustly branded" not in section
    # The Moscow Times' web capture has 8 loaded words in its fundraising appeal; its article
    # judges in its own voice twice: the headline's "Slashes" and the scare-quoted "key".
    assert "The Moscow Times (web capture) 2 4 6 11.6 Slashes, \u201ckey\u201d" in section
    assert "so the table leaves them out (16 here)" in section
    counts = shipped.loaded_counts.loc["moscow-times-web"]
    assert (counts["own"], counts["in_chrome"]) == (2, 8)


# --- S13 / T2: "check this" explained one way, with its reason --------------------------------

def test_check_is_explained_as_the_tag_shows_it(auto_page):
    shown = _text(_section(auto_page, "highlights"))
    assert "\u00b7 check" in auto_page and "\u201c\u00b7 check\u201d" in shown
    assert "surer" not in shown and "only guessing" not in shown
    assert "the word is on the list, but whether it judges here depends on how it is used" in shown
    assert "the lens is less sure who is speaking" in shown


def test_each_check_mark_says_why(auto, auto_page):
    titles = re.findall(r'<mark [^>]*title="([^"]*)"[^>]*data-confidence="check this"', auto_page)
    assert titles and all("why:" in html.unescape(t) for t in titles)
    loaded = auto.findings["loaded_language"]
    label = loaded[loaded["category"] == "label"]
    assert len(label), "the shipped case has a label such as 'regime'"
    shown = _text(_section(auto_page, "highlights"))
    assert "a label such as 'regime' is everyday wording in some outlets and a verdict in others" in shown


def test_tables_say_how_many_rows_are_check_this(auto, auto_page):
    for anchor in ("attributions", "loaded-language"):
        assert "of them \u201ccheck this\u201d" in _text(_section(auto_page, anchor)), anchor
    # The table's last column is the number of source highlights tagged "· check" in that
    # report's text on the same page (two outputs of the page, read as a reader reads them).
    table = _text(_section(auto_page, "attributions"))
    for rid, name in report_labels(auto.case).items():
        row = re.search(re.escape(name) + r"((?: \d+){8})(?: |$)", table)
        assert row, name
        said = int(row.group(1).split()[-1])
        start = auto_page.index(f'<details id="report-{rid}"')
        text = auto_page[start:auto_page.index("</details>", start)]
        assert said == len(re.findall(r">(?:ANON|NAMED) \u00b7 check<", text)), name
    assert re.search(r"Breitbart News(?: \d+){7} [1-9]", table)   # some are "check this"


def test_one_spelling_of_check_this():
    frame = pd.DataFrame({"confidence": ["check this", " Check  this", "sure", None]})
    assert az.is_check_this(frame, "auto") == [True, True, False, False]
    assert az.is_check_this(frame, "expert") == [False] * 4


# --- T4 / T5 / T7 ----------------------------------------------------------------------------

def test_said_by_only_when_the_answer_key_fills_it(auto_page, shipped_page):
    assert "<th>said by</th>" not in _section(auto_page, "numbers")
    assert "<th>said by</th>" in _section(shipped_page, "numbers")


def test_shared_passages_may_be_the_same_quotation(shipped_page):
    assert "or they quote the same person, or it is a common phrase: check" in _text(_section(shipped_page, "shared-passages"))


def test_the_range_is_by_the_kits_rule():
    page = render_report(analyze_texts({"A": "About 1,200 people fled, officials said.",
                                        "B": "Nearly 1,000 people fled, officials said."}), charts=False)
    assert "by the kit's rule" in _text(_section(page, "numbers"))


# --- D6: one helper per idea ----------------------------------------------------------------

def test_analyze_keeps_no_second_copy_of_a_helper(shipped):
    for name in ("_text", "_range", "_is_date"):
        assert not hasattr(az, name), name
    assert shipped.chain_origin == shipped.origin["source_chain"] == "expert"
    assert registry.is_date({"is_date": "yes"}) and registry.is_date({"kind": "date"}) and not registry.is_date({"is_date": "no"})


def test_a_duration_names_its_unit_in_label_and_chart_heading():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers import charts
    from helpers.widgets.findings import FindingsIndex

    case = load_case(CASE)
    labels = [f.label for f in FindingsIndex(case).findings("moscow-times-web", "numbers", "expert")]
    assert "number: how long the pullout has been speeding up, 3\u20139 months" in labels
    fig = charts.number_ranges(case)
    try:
        assert any(h.startswith("How long the pullout has been speeding up (in months)") for h in fig.headings), fig.headings
    finally:
        plt.close(fig)


def test_the_page_writes_a_duration_with_its_unit(auto_page, shipped_page):
    for page in (auto_page, shipped_page):
        # the report's row: its words, then the figure with its unit
        assert "The Moscow Times (web capture) the past several months 3\u20139 months" in _text(_section(page, "numbers"))
        assert "(3\u20139)" not in _text(_section(page, "numbers"))


def test_the_automatic_chain_says_which_links_are_check_this(auto, auto_page):
    assert auto.chain["check"].any() and not auto.chain["check"].all()
    section = _text(_section(auto_page, "source-chain"))
    assert f"{int(auto.chain['check'].head(az.TABLE_ROWS).sum())} of these links come from highlights marked" in section
    assert "cites \u00b7 check" in section
