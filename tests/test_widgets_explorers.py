"""The source-chain and numbers explorers, and the charts they draw."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from helpers import charts  # noqa: E402
from helpers.widgets import NumbersExplorer, SourceChainExplorer, static_html  # noqa: E402
from helpers.widgets.explorers import NumbersModel, SourceChainModel  # noqa: E402


@pytest.fixture(autouse=True)
def journal_home(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIA_KIT_HOME", str(tmp_path / "home"))


def test_source_chain_explorer_follows_a_report_back_to_the_journal(case):
    explorer = SourceChainExplorer(case, report="hannity")
    m = explorer.model
    assert explorer.report_choice.description == "Follow the report"
    assert "Fox News" in m.steps and "The Wall Street Journal" in m.steps
    assert "reports Fox News" in m.steps  # the words that show the link
    assert m.chart.startswith("<img alt=") and "base64," in m.chart
    explorer.report_choice.value = "global-research"
    assert m.report == "global-research"
    assert "rebuts" in m.steps and "Fox News" not in m.steps.split("also argues")[0]
    explorer.scope_choice.value = "all"
    assert m.scope == "all"
    assert "<img" in static_html(explorer)


def test_every_report_has_a_way_back_or_says_it_has_none(case):
    model = SourceChainModel(case, draw=False)
    for rid in case.reports:
        model.report = rid
        assert "The way back" in model.steps or "Way 1" in model.steps or "no way" in model.steps


def test_numbers_explorer_shows_each_outlet_with_hedges_and_overlap(case):
    explorer = NumbersExplorer(case, claim="rostec_staff_peak")
    m = explorer.model
    assert explorer.claim_choice.description == "Claim"
    assert m.claims[0] in ("rostec_staff_peak", "rostec_staff_now")
    for rid in case.reports:
        if rid in {r["report"] for r in m.rows()}:
            assert m.labels[rid] in m.table
    assert "Hedge" in m.table and "up to" in m.table
    assert ("do NOT overlap" in m.verdict) == bool(m.gaps())
    explorer.claim_choice.value = "rostec_staff_now"
    assert "few dozen" in m.table
    # notebook 04 calls "just" a minimiser, not a hedge: the column says both (student review)
    assert "<td>just</td>" in m.table and ">Hedge or minimiser</th>" in m.table
    assert m.chart.startswith("<img alt=")


def test_numbers_explorer_names_ranges_that_cannot_both_be_true(case):
    m = NumbersModel(case, draw=False)
    clashing = [c for c in m.claims if (setattr(m, "claim", c) or m.gaps())]
    for claim in clashing:
        m.claim = claim
        assert "do NOT overlap" in m.verdict
        a, b = m.gaps()[0]
        assert a["high"] < b["low"] or b["high"] < a["low"]


@pytest.mark.parametrize("draw", [
    lambda case: charts.attribution_mix(case),
    lambda case: charts.number_ranges(case),
    lambda case: charts.number_ranges(case, claims=["rostec_staff_now"]),
    lambda case: charts.loaded_terms(case),
    lambda case: charts.page_chrome_share(case),
    lambda case: charts.page_chrome_share(case, source="auto"),
    lambda case: charts.source_chain_graph(case),
    lambda case: charts.source_chain_graph(case, highlight="hannity", scope="all"),
])
def test_charts_draw_with_agg_and_carry_alt_text(case, draw):
    fig = draw(case)
    assert fig.alt and len(fig.alt) > 30
    png = fig._repr_png_()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert fig._repr_html_().startswith("<img alt=")


def test_colour_is_never_the_only_signal_in_the_bars(case):
    fig = charts.attribution_mix(case)
    hatches = {p.get_hatch() for p in fig.axes[0].patches}
    assert len(hatches) >= 4  # each kind has its own hatch
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("in all" in t for t in texts)  # and its count written on it
    fig = charts.loaded_terms(case)
    assert {p.get_hatch() for p in fig.axes[0].patches} >= {None, "//"} or len({p.get_hatch() for p in fig.axes[0].patches}) == 2


def test_source_chain_graph_highlights_the_way_back(case):
    fig = charts.source_chain_graph(case, highlight="hannity")
    assert "Fox News" in fig.alt and "highlighted" in fig.axes[0].get_title().lower()
    arrows = [t.arrow_patch for t in fig.axes[0].texts if getattr(t, "arrow_patch", None) is not None]
    thick = [a for a in arrows if a.get_linewidth() >= 2.5]
    assert len(thick) >= 2  # hannity -> Fox News -> The Wall Street Journal
    assert {a.get_linestyle() for a in arrows} >= {"-", "--", ":", "-."}


def test_chrome_words_counts_each_word_once_even_when_spans_overlap():
    text = "Support us now! The story starts here. Share this"
    assert charts.chrome_words(text, []) == (9, 0)
    assert charts.chrome_words(text, [(0, 15), (8, 12), (39, 49)]) == (4, 5)


def test_page_chrome_share_one_stacked_hatched_bar_per_report_with_counts(case):
    fig = charts.page_chrome_share(case)
    ax = fig.axes[0]
    assert len(ax.patches) == 2 * len(case.reports)  # article + chrome per report
    assert len({p.get_hatch() for p in ax.patches}) == 2  # colour is not the only signal
    key = case.annotations("page_chrome")
    texts = [t.get_text() for t in ax.texts]
    for rid, report in case.reports.items():
        rows = key[key.report == rid]
        article, chrome = charts.chrome_words(report.text, zip(rows.start, rows.end))
        assert article + chrome == report.words and chrome > 0
        assert f"{chrome} of {report.words} words are chrome" in " ".join(texts)
        assert f"{article} words of article, {chrome} of page chrome" in fig.alt
    widths = {round(p.get_width()) for p in ax.patches}
    assert max(widths) < max(r.words for r in case.reports.values())


# -- student review (i15): what the explorer says is true to the texts -------------------

def test_ranges_that_do_not_overlap_clash_only_if_they_count_the_same_thing(case):
    # Breitbart "over 100 troops" (100-125) and the Moscow Times "dozens of soldiers" (24-99) do
    # not overlap, but the texts do not say whether these are the same flights.
    m = NumbersModel(case, claim="russian_troops_sent", draw=False)
    assert m.gaps()
    assert "so they cannot both be true" not in m.verdict
    assert "If both reports count the same people at the same time, they cannot both be right" in m.verdict
    assert "If they count different things, both can be" in m.verdict


def test_a_share_is_written_in_words_not_as_a_fraction(case):
    # Global Research quotes Trump: "removed most of their people"; Breitbart: "most other
    # western democracies". "most" is more than half, not "0.51–1".
    for claim in ("russian_people_removed_share", "guaido_recognition_western_share"):
        m = NumbersModel(case, claim=claim, draw=False)
        assert "more than half" in m.table, claim
        assert "0.51" not in m.table, claim


def test_the_1000_is_labelled_without_a_peak_that_only_hannity_gives(case):
    # Exercise 3 (04): only Hannity says "at the height of cooperation"; the claim's label heads
    # the rows of Breitbart, the Moscow Times and Global Research too.
    m = NumbersModel(case, claim="rostec_staff_peak", draw=False)
    caption = m.option_label("rostec_staff_peak")
    assert "peak" not in caption.lower() and "before the cut" in caption
    labels = set(case.annotations("numbers").query("claim == 'rostec_staff_peak'")["label"])
    assert labels == {"Rostec staff before the cut"}
    when = set(case.annotations("numbers").query("claim == 'rostec_staff_peak_when'")["label"])
    assert not any("most" in w or "peak" in w for w in when)


def test_the_chain_picture_draws_fox_to_the_journal_as_very_likely_not_as_fact(case):
    # Hannity quotes "Fox News" but never names the Journal; notebook 06 says "(very likely)".
    # The picture must say so on that arrow, and not on a link the words state (Breitbart:
    # "according to a report from the Wall Street Journal").
    fig = charts.source_chain_graph(case)
    label = {(e["citing"], e["cited"]): e["text"] for e in fig.edge_labels}
    assert label[("Fox News", "The Wall Street Journal")] == "very likely relays"
    assert label[("breitbart", "The Wall Street Journal")] == "cites"
    alt = charts.source_chain_graph(case, highlight="hannity").alt
    assert "very likely relays The Wall Street Journal" in alt
