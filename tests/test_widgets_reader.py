"""The side-by-side and compact readers, driven through their models and controls."""
from __future__ import annotations

import re
import types

import pytest
import traitlets

from helpers import load_case
from helpers.lenses import registry
from helpers.widgets import CompactReader, SideBySideReader, static_html
from helpers.widgets.findings import FindingsIndex
from helpers.widgets.reader import ReaderModel


@pytest.fixture(autouse=True)
def journal_home(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIA_KIT_HOME", str(tmp_path / "home"))


def marks(html: str, lens: str | None = None) -> int:
    if lens is None:
        return html.count("<mark ")
    return len(re.findall(rf'<mark data-lens="{lens}"[^>]*>(?:<span class="mlk-tag")', html))


def test_two_reports_by_outlet_name_with_labelled_lens_controls(case):
    reader = SideBySideReader(case, left="breitbart", right="hannity", lenses=("numbers",))
    labels = [label for label, _ in reader.left_choice.options]
    assert "Breitbart News" in labels
    assert "The Moscow Times (web capture)" in labels and "The Moscow Times (PDF capture)" in labels
    assert [b.description for b in reader.lens_boxes.values()] == [
        "Anonymous sources", "Named sources", "Numbers", "Loaded language", "Page chrome", "Shared passages"]
    assert reader.left_choice.description == "Left report"
    assert reader.source_choice.description == "Highlights from"
    assert reader.finding_choice.description == "Findings"


def test_switching_a_lens_adds_and_removes_its_marks(case):
    reader = SideBySideReader(case, left="breitbart", right="moscow-times-web", lenses=())
    m = reader.model
    assert "<mark" not in m.left_html and "No lens is switched on" in m.left_counts
    reader.lens_boxes["numbers"].value = True
    assert m.lenses == ("numbers",)
    assert marks(m.left_html, "numbers") > 0 and marks(m.right_html, "numbers") > 0
    assert "Numbers: <strong>" in m.left_counts
    assert reader.panes["left"][2].value == m.left_html  # the view shows what the model made
    reader.lens_boxes["numbers"].value = False
    assert "<mark" not in m.left_html and "<mark" not in reader.panes["right"][2].value


def test_counts_under_each_pane_match_the_marks(case):
    reader = SideBySideReader(case, left="hannity", right="global-research", lenses=("anonymous", "loaded_language"))
    m = reader.model
    for side in ("left", "right"):
        html = getattr(m, side + "_html")
        counts = getattr(m, side + "_counts")
        for lens, label in (("anonymous", "Anonymous sources"), ("loaded_language", "Loaded language")):
            shown = int(re.search(rf"{label}: <strong>(\d+)", counts).group(1))
            assert shown == marks(html, lens)


def test_choosing_reports_changes_the_panes(case):
    reader = SideBySideReader(case, left="breitbart", right="moscow-times-web")
    reader.right_choice.value = "hannity"
    assert reader.model.right == "hannity"
    assert 'data-report="hannity"' in reader.model.right_html
    assert "Hannity.com" in reader.panes["right"][0].value
    reader.model.left = "hannity"
    assert reader.left_choice.value == "hannity"
    assert "same report is on both sides" in reader.model.notices


def test_a_bad_report_or_lens_is_refused_with_the_choices(case):
    model = ReaderModel(case)
    with pytest.raises(traitlets.TraitError, match="breitbart"):
        model.left = "fox"
    with pytest.raises(traitlets.TraitError, match="the lenses are"):
        model.lenses = ("numbrs",)


def test_selecting_a_finding_emphasises_its_counterpart_with_the_same_claim(case):
    reader = SideBySideReader(case, left="breitbart", right="hannity", lenses=("numbers",))
    m = reader.model
    peak = next(value for label, value in m.findings if value.startswith("left/") and "Rostec staff before the cut" in label)
    reader.finding_choice.value = peak
    assert m.selected == peak
    assert "mlk-emphasis" in m.left_html and "mlk-emphasis" in m.right_html
    assert m.counterparts() and all(f.group == ("claim", "rostec_staff_peak") for f in m.counterparts())
    assert "Hannity.com" in m.detail and "the same claim" in m.detail
    reader.lens_boxes["anonymous"].value = True  # another lens: the selection stays
    assert m.selected == peak and reader.finding_choice.value == peak and "mlk-emphasis" in m.right_html
    lonely = next(value for label, value in m.findings if value.startswith("left/") and "July 2, 2013" in label)
    m.selected = lonely
    assert "has no finding with the same claim" in m.detail
    assert "mlk-emphasis" not in m.right_html
    reader.lens_boxes["numbers"].value = False  # the finding is gone: the selection is cleared
    assert m.selected == "" and reader.finding_choice.value == ""


def test_answer_key_and_lens_compared_say_agree_missed_or_extra_in_words(case):
    index = FindingsIndex(case)
    model = ReaderModel(case, "breitbart", "moscow-times-web", ("anonymous", "named"), "both", index=index)
    html = model.left_html + model.right_html
    statuses = set(re.findall(r'data-span="[a-z]+/[^"|]+\|[a-z_]+\|(agree|missed|extra)\|', html))
    assert statuses and statuses <= {"agree", "missed", "extra"}
    assert "key only" in model.left_counts or "lens only" in model.left_counts
    assert "\u2717 key only" in model.legend  # the legend explains the tags in words


def test_a_missing_lens_module_is_explained_not_a_crash(case, monkeypatch):
    # every lens ships with the kit: a missing module is a broken install, explained as an error
    index = FindingsIndex(case)

    def missing(path):
        name = str(path).partition(":")[0]
        raise ModuleNotFoundError(f"No module named '{name}'", name=name)

    monkeypatch.setattr(registry, "_import", missing)  # the lens's detect_function / pair_function
    model = ReaderModel(case, "breitbart", "hannity", ("numbers", "shared_passages"), "auto", index=index)
    assert "stopped with an error" in model.notices and "helpers.lenses.numbers" in model.notices
    assert "helpers.lenses.shared_passages" in model.notices
    assert "(not available)" in model.left_counts
    assert "<mark" not in model.left_html


def test_a_lens_that_fails_is_explained_and_the_others_still_show(case, monkeypatch):
    index = FindingsIndex(case)
    broken = types.SimpleNamespace(detect=lambda text: 1 / 0)
    monkeypatch.setattr(registry, "_import", lambda path: getattr(broken, "detect"))
    model = ReaderModel(case, "breitbart", "hannity", ("numbers", "loaded_language"), "both", index=index)
    assert "stopped with an error" in model.notices and "ZeroDivisionError" in model.notices
    assert marks(model.left_html, "numbers") > 0  # the answer key still shows


def test_shared_passages_link_the_same_passage_in_both_reports(case, monkeypatch):
    import pandas as pd

    left, right = case.reports["moscow-times-web"].text, case.reports["moscow-times-pdf"].text
    a = left.index("Moscow")
    b = right.index("Moscow")
    fake = types.SimpleNamespace(detect_pair=lambda x, y: pd.DataFrame(
        [{"a_start": a, "a_end": a + 6, "b_start": b, "b_end": b + 6, "text": "Moscow"}]))
    monkeypatch.setattr(registry, "_import", lambda path: fake.detect_pair)
    model = ReaderModel(case, "moscow-times-web", "moscow-times-pdf", ("shared_passages",), "expert",
                        index=FindingsIndex(case))
    assert marks(model.left_html, "shared_passages") == 1 and marks(model.right_html, "shared_passages") == 1
    chosen = next(value for _, value in model.findings if value.startswith("left/"))
    model.selected = chosen
    assert "mlk-emphasis" in model.right_html and "the same passage" in model.detail
    assert "automatic comparison" in model.legend


def test_report_text_is_escaped_never_run(small_case):
    folder = small_case(reports={
        "first.txt": 'Officials said <script>window.pwned=1</script> and <img src=x onerror="window.pwned=2"> 12 people came.\n',
    }, case_yml="""\
title: <b>Bold</b> title
reports:
  - id: first
    file: reports/first.txt
    outlet: <img src=x onerror=alert(1)>
  - id: second
    file: reports/second.txt
    outlet: Second Outlet
""")
    reader = SideBySideReader(load_case(folder), lenses=("anonymous", "numbers"), source="expert")
    everything = "".join(str(getattr(w, "value", "")) for w in _all_children(reader)) + static_html(reader)
    assert "<script" not in everything and "<img" not in everything and "<b>" not in everything
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in reader.model.left_html
    assert "&lt;img src=x onerror=&quot;window.pwned=2&quot;&gt;" in reader.model.left_html


def _all_children(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _all_children(child)


def test_static_form_is_in_the_display_data(case):
    reader = SideBySideReader(case, left="breitbart", right="hannity", lenses=("numbers",))
    data = reader._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert "<mark data-lens=\"numbers\"" in data["text/html"]
    assert "still picture" in data["text/html"]


def test_notes_box_saves_to_the_journal(case, tmp_path):
    from helpers.widgets import Journal

    journal = Journal(tmp_path / "j.json")
    reader = SideBySideReader(case, notes_key="reader/notes", journal=journal)
    reader.notes.text.value = "Breitbart says up to 1,000."
    assert Journal(tmp_path / "j.json").get("reader/notes")["answer"] == "Breitbart says up to 1,000."
    again = SideBySideReader(case, notes_key="reader/notes", journal=Journal(tmp_path / "j.json"))
    assert again.notes.text.value == "Breitbart says up to 1,000."


def test_compact_reader_shows_every_report_and_follows_the_lenses(case):
    compact = CompactReader(case, lenses=("page_chrome",))
    assert [rid for rid, *_ in compact.model.panes] == list(case.reports)
    assert all("page_chrome" in text for *_, text in compact.model.panes)
    compact.lens_boxes["page_chrome"].value = False
    compact.lens_boxes["loaded_language"].value = True
    assert compact.model.lenses == ("loaded_language",)
    assert all('data-lens="page_chrome"' not in text for *_, text in compact.model.panes)
    assert any('data-lens="loaded_language"' in w.value for w, *_ in [(c[2],) for c in compact.cells.values()])
    assert "<mark" in static_html(compact)


def test_rerender_after_a_lens_switch_is_fast(case):
    from helpers.bench.reader import longest_pair, python_latency

    result = python_latency(case, runs=3, sources=("expert",))
    assert result["pair"] == list(longest_pair(case))
    assert result["median_ms"] < 30, result


def test_compare_findings_is_the_readers_both_view_as_a_table(case):
    from helpers.widgets import FindingsIndex, compare_findings

    table = compare_findings(case, view="loaded_language")
    assert list(table.columns[:4]) == ["report", "quote", "status", "label"]
    assert set(table.status) == {"agree", "missed", "extra"}
    index = FindingsIndex(case)
    for rid in case.reports:  # the very rows the reader shows with source="both"
        mine = table[table.report == rid]
        shown = index.findings(rid, "loaded_language", "both")
        assert list(zip(mine.quote, mine.status, mine.start)) == [(f.quote, f.status, f.start) for f in shown]
    reader = SideBySideReader(case, left="breitbart", right="hannity", lenses=("loaded_language",), source="both")
    for status, tag in (("agree", "|agree|"), ("missed", "|missed|"), ("extra", "|extra|")):
        assert reader.model.left_html.count(tag) == ((table.report == "breitbart") & (table.status == status)).sum()
    key, lens = case.annotations("loaded_language"), case.detections("loaded_language")
    assert (table.status != "extra").sum() == len(key)
    # every lens finding is shown: as "agree"/"extra", or merged into the key's mark it overlaps
    for row in lens.to_dict("records"):
        shown = table[(table.report == row["report"]) & (table.status != "missed")]
        assert ((shown.start < row["end"]) & (row["start"] < shown.end)).any(), row
    missed = table[table.status == "missed"]
    assert ((missed.report == "breitbart") & (missed.quote == "President Juan Guaidó")).any()


def test_compare_findings_other_views_and_a_view_without_a_key(case):
    from helpers.widgets import compare_findings

    numbers = compare_findings(case, view="numbers")
    assert len(numbers) and set(numbers.status) <= {"agree", "missed", "extra"} and numbers.attrs["problems"] == ""
    with pytest.raises(ValueError, match="loaded_language"):
        compare_findings(case, view="shared_passages")


# -- confidence: "sure" / "check this" (issue 15) ------------------------------------------

UNSURE = 'data-confidence="check this"'


def test_the_switch_hides_the_marks_to_check_and_shows_them_again(case):
    reader = SideBySideReader(case, left="breitbart", right="hannity", lenses=("loaded_language",), source="auto")
    m = reader.model
    unsure, total = m.left_html.count(UNSURE), marks(m.left_html, "loaded_language")
    assert 0 < unsure < total
    assert not reader.only_sure_choice.disabled and reader.only_sure_note.value == ""
    assert "not sure" in m.legend and "read the sentence yourself" in m.legend
    unsure_option = next(value for label, value in reader.finding_choice.options if "\u00b7 check" in label)
    reader.finding_choice.value = unsure_option
    assert "The computer is not sure about this one" in m.detail
    reader.only_sure_choice.value = True
    assert m.only_sure and UNSURE not in m.left_html + m.right_html
    assert m.selected == "" and "Pick a finding" in m.detail  # the hidden finding is no longer picked
    assert marks(m.left_html, "loaded_language") == total - unsure
    assert all("\u00b7 check" not in label for label, _ in reader.finding_choice.options)
    reader.only_sure_choice.value = False
    assert m.left_html.count(UNSURE) == unsure


def test_answer_key_findings_are_always_shown(case):
    expert = ReaderModel(case, "breitbart", "hannity", ("loaded_language", "numbers"), "expert")
    before = marks(expert.left_html)
    expert.only_sure = True
    assert marks(expert.left_html) == before > 0 and UNSURE not in expert.left_html
    reader = SideBySideReader(case, left="breitbart", right="hannity", lenses=("loaded_language",), source="expert")
    # nothing to hide: the switch is greyed out, and the page says why next to it (student review:
    # it used to do nothing, silently)
    assert reader.only_sure_choice.disabled
    assert "only with the automatic lenses" in reader.only_sure_note.value
    reader.source_choice.value = "auto"
    assert not reader.only_sure_choice.disabled and reader.only_sure_note.value == ""
    reader.source_choice.value = "expert"
    assert reader.only_sure_choice.disabled and "answer key" in reader.only_sure_note.value

    both = ReaderModel(case, "breitbart", "hannity", ("loaded_language",), "both", only_sure=True)
    kept = [f for f in both._in_view["left"] if f.status in ("agree", "missed")]
    everything = ReaderModel(case, "breitbart", "hannity", ("loaded_language",), "both")
    assert kept == [f for f in everything._in_view["left"] if f.status in ("agree", "missed")] != []
    assert all(f.confidence == "sure" for f in both._in_view["left"])


def test_a_lens_without_a_confidence_column_is_sure():
    from helpers.widgets.findings import _confidence

    assert _confidence({}) == "sure" and _confidence({"confidence": float("nan")}) == "sure"
    assert _confidence({"confidence": "check this"}) == "check this"
    assert _confidence({"confidence": "Check This "}) == "check this"


def test_the_reader_carries_its_browser_helper(case):
    from helpers.widgets.behaviour import Behaviour

    reader = SideBySideReader(case, lenses=("numbers",))
    helpers = [c for c in reader.children if isinstance(c, Behaviour)]
    assert len(helpers) == 1 and helpers[0].layout.display == "none"
    assert "mlk-scroll" in reader.panes["left"][2]._dom_classes


# --- review findings S1, S2, S9, S10, S13 ----------------------------------------------

def test_both_mode_never_lists_a_key_mark_again_as_lens_only(case):
    # S10: an automatic mark overlapping an answer-key mark of the same view is the same
    # mark: it is merged, never listed again as "lens only"
    index = FindingsIndex(case)
    for rid in case.reports:
        for view in registry.views():
            if registry.lens_of_view(view).pair_detector:
                continue
            marks_ = index.findings(rid, view, "expert")
            for f in index.findings(rid, view, "both"):
                if f.status == "extra":
                    assert not any(k.start < f.end and f.start < k.end for k in marks_), (rid, view, f.quote)
    quotes = [f.quote for f in index.findings("moscow-times-web", "anonymous", "both")
              if "person close to the Russian government" in f.quote]
    assert len(quotes) == 1, quotes


def test_dates_are_the_same_only_on_the_same_full_day(small_case):
    # S2: "March 3, 2024" and "March 4, 2024" are not "the same figure"; nor "on Monday" and "last year"
    case = load_case(small_case(reports={"first.txt": "It happened on March 3, 2024. Police came on Monday.\n",
                                         "second.txt": "It happened on March 4, 2024. It began last year.\n"}))
    model = ReaderModel(case, lenses=("numbers",), source="auto", index=FindingsIndex(case))
    for label, value in model.findings[1:]:
        if value.startswith("left/"):
            model.selected = value
            assert model.counterparts() == [], label
            assert "the same figure" not in model.detail
    same = load_case(small_case(reports={"first.txt": "It happened on March 3, 2024.\n",
                                         "second.txt": "On 3 March 2024 it happened.\n"}))
    model = ReaderModel(same, lenses=("numbers",), source="auto", index=FindingsIndex(same))
    model.selected = next(v for _, v in model.findings if v.startswith("left/"))
    assert len(model.counterparts()) == 1 and "the same date" in model.detail


def test_detail_names_no_claim_id(case):
    # S1: "has no finding with the same claim ... (breitbart_caption_photo_date)"
    from helpers.wording import SNAKE_ID
    for left, right in (("breitbart", "moscow-times-web"), ("global-research", "hannity")):
        model = ReaderModel(case, left, right, ("numbers",), "expert")
        for _, value in model.findings[1:]:
            model.selected = value
            text = re.sub(r"<[^>]+>", " ", model.detail)
            assert not SNAKE_ID.search(text), text
            assert not re.search(r"\([a-z0-9]+(?:[-_][a-z0-9]+)+\)", text), text


def test_findings_list_keeps_the_useful_part_and_closes_brackets(case):
    # S9: 'label · own words · try "government"', "The Moscow Times (web)" never cut
    model = ReaderModel(case, "moscow-times-web", "breitbart", ("loaded_language",), "expert")
    labels = [label for label, _ in model.findings[1:]]
    assert labels and all(label.count("(") == label.count(")") for label in labels), labels
    assert any(label.startswith("Left (The Moscow Times (web))") for label in labels)
    assert any("\u00b7 try \u201c" in label for label in labels), labels
    assert not any("a more neutral" in label for label in labels)
    for left, right in (("moscow-times-web", "global-research"), ("moscow-times-pdf", "breitbart")):
        model = ReaderModel(case, left, right, tuple(registry.views()), "both")
        labels = [label for label, _ in model.findings[1:]]
        assert all(label.count("(") == label.count(")") for label in labels), \
            [label for label in labels if label.count("(") != label.count(")")]


def test_legend_reads_as_a_sentence_and_check_is_named_as_the_tag_shows_it(case):
    # S13: "Highlights from the answer key and the automatic lenses, compared."; the tag reads "· check"
    model = ReaderModel(case, "breitbart", "hannity", ("anonymous",), "both")
    assert "Highlights from the answer key and the automatic lenses" in model.legend
    assert "\u201c\u00b7 check\u201d" in html_unescape(model.legend)


def html_unescape(text):
    import html
    return html.unescape(text)


@pytest.mark.parametrize("source", ["expert", "both", "auto"])
def test_maduro_regime_and_trump_regime_are_the_same_word(case, source):
    """Student review: notebook 05 calls "Trump regime" the mirror image of "Maduro regime";
    picking Breitbart's "Maduro regime" must show Global Research's "Trump regime" beside it."""
    model = ReaderModel(case, "breitbart", "global-research", ("loaded_language",), source, index=FindingsIndex(case))
    regimes = [v for label, v in model.findings[1:] if "regime" in label.lower() and "left" in v]
    assert regimes, model.findings
    for value in regimes:
        model.selected = value
        found = [g.quote for g in model.counterparts()]
        # the key marks "Trump regime"; the lens marks the word "regime" in it
        assert any(q == ("regime" if source == "auto" else "Trump regime") for q in found), (value, found)
        shown = " ".join(re.sub(r"<[^>]+>", "", model.detail).split())
        assert "the same word" in shown and "Trump regime" in shown, value


def test_breitbarts_last_month_is_not_paired_with_the_moscow_times_this_spring(case):
    # Breitbart's "Reports last month indicated": the date of the reports, not of the arrival;
    # the Moscow Times' "this spring" is when the planes came. Not "the same claim".
    reader = SideBySideReader(case, left="breitbart", right="moscow-times-web", lenses=("numbers",))
    m = reader.model
    last = next(value for label, value in m.findings if value.startswith("left/") and "last month" in label
                and "Lavrov" not in label)
    label = next(label for label, value in m.findings if value == last)
    assert "arrived" not in label and "reports" in label
    m.selected = last
    assert not any("this spring" in case.reports[f.report].text[f.start:f.end] for f in m.counterparts()
                   if hasattr(f, "report")) and "this spring" not in m.detail


def test_the_findings_list_shows_advice_as_advice_and_quotes_a_word_once():
    # second student review: the list said 'try “(leave out)”' and 'try ““coup””'
    from helpers.lenses import registry
    from helpers.widgets.findings import _list_label

    words = registry.Words("label", "", "label", ("term", "x"))
    assert _list_label(words, {"voice": "own", "neutral": "(leave out)"}) == "label \u00b7 own voice \u00b7 leave out"
    assert _list_label(words, {"voice": "quoted", "neutral": "\u201ccoup\u201d"}) == "label \u00b7 quoted \u00b7 try \u201ccoup\u201d"
    assert _list_label(words, {"voice": "own", "neutral": "government"}) == "label \u00b7 own voice \u00b7 try \u201cgovernment\u201d"
    assert registry.neutral_shown("(keep it)", "a more neutral choice:") == "keep it"
