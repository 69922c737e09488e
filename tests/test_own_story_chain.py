"""The source chain of an own story (no answer key): the links a teacher writes down under
``relations:`` in case.yml and the outlets the sources lens finds named, traced back to the
case's ``original:``. A teacher found the page listed 42 person-level links and never the
chain itself: Rising Tide -> The Valley Ledger was not there although case.yml said so."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import load_case
from helpers.analyze import _section_chain, analyze_case, render_report
from helpers.case import report_labels

CASES = Path(__file__).parent / "data" / "cases"
MATERNITY = CASES / "maternity-ward-closure-triple"


@pytest.fixture(scope="module")
def maternity():
    return analyze_case(MATERNITY, charts=False)


def _paths(analysis):
    names = report_labels(analysis.case)
    section = _section_chain(analysis, names, {})
    return {p["name"].split(" (")[0]: [(cited.split(" (")[0], how) for cited, how in p["steps"]]
            for p in section["paths"]}


def test_the_links_written_down_with_the_story_lead_back_to_the_original(maternity):
    # case.yml: Heartland Now cites the Ledger; Rising Tide cites the Ledger and quotes
    # Heartland Now; the original is The Valley Ledger, which has no way back to make
    assert _paths(maternity) == {"Heartland Now": [("The Valley Ledger", "cites")],
                                 "Rising Tide Report": [("The Valley Ledger", "cites")]}
    links = maternity.chain
    written = links[links["check"] == False]  # noqa: E712
    assert {("rising-tide", "heartland-now", "quotes"), ("heartland-now", "valley-ledger", "cites"),
            ("rising-tide", "valley-ledger", "cites")} <= set(zip(written["citing"], written["cited"], written["relation"]))


def test_the_page_shows_the_way_back(maternity):
    page = render_report(maternity, charts=False)
    assert "Back to the original (The Valley Ledger)" in page
    assert "Heartland Now (invented; in the style of a right-leaning cable news site) → The Valley Ledger" in page
    assert "in the answer key" not in page


def test_without_written_links_an_outlet_the_lens_finds_named_is_its_report(tmp_path):
    # the same story with no relations: the Ledger is still reached through the words
    # "documents first obtained by The Valley Ledger" / "first reported by The Valley Ledger"
    folder = tmp_path / "story"
    shutil.copytree(MATERNITY, folder)
    config = folder / "case.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    kept, skipping = [], False
    for line in lines:
        if line.strip() == "relations:":
            skipping = True
            continue
        if skipping and (line.startswith("      ") or line.strip().startswith("- report:")):
            continue
        skipping = False
        kept.append(line)
    config.write_text("".join(kept), encoding="utf-8")
    case = load_case(folder)
    assert all(not r.relations for r in case.reports.values())
    analysis = analyze_case(case, charts=False)
    cited = set(analysis.chain["cited"])
    assert "valley-ledger" in cited   # the outlet's name became its report
    assert "The Valley Ledger" not in cited
    # no links were written into this story's file, so the page does not say it used any
    assert "links the teacher wrote" not in render_report(analysis, charts=False)


def test_a_story_with_no_way_back_says_so_in_plain_words():
    analysis = analyze_case(CASES / "water-office-cuts-triple", charts=False)
    page = render_report(analysis, charts=False)
    way_back = page.split("Back to the original (The Continental Record)")[1].split("</ul>")[0]
    assert "Liberty Wire (invented; in the style of a right-leaning cable news site): no chain back to " \
        "The Continental Record found by the kit: read the report's sources yourself" in way_back
    assert "answer key" not in way_back


def test_the_kit_does_not_claim_a_report_names_no_outlet_when_it_does():
    # the Rostec reports read by the lens alone: Breitbart names the Journal, but the lens's
    # words for it ("a report from the Wall Street Journal") are not the original's name;
    # the page once said "the report names no outlet on the way", which is false
    page = render_report(analyze_case("rostec-venezuela-2019", source="auto", charts=False), charts=False)
    assert "names no outlet" not in page


def test_a_teachers_note_is_not_shown_as_words_from_the_report(maternity):
    page = render_report(maternity, charts=False)
    assert "(written into the story's file) " in page
    assert "<q>\"The closure was first reported by The Valley Ledger.\"</q>" not in page


def test_the_readme_example_of_relations_uses_keys_and_kinds_the_kit_accepts():
    """The README's own-story section shows how to write `relations:`; every key and kind in
    it must be one `check` accepts."""
    import re

    import yaml

    from helpers import case as case_module
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = yaml.safe_load(re.search(r"```yaml\n(original:.*?)```", readme, re.S).group(1))
    assert block["original"]["outlet"] == "The Valley Ledger"
    relations = block["reports"][0]["relations"]
    for rel in relations:
        assert set(rel) <= case_module.RELATION_KEYS and rel["kind"] in case_module.RELATION_KINDS
    # the kinds the comment lists are exactly the kinds check accepts
    listed = re.search(r"kind: cites +# (.*)", readme).group(1)
    assert {k.split(" (")[0].strip() for k in listed.split(",")} == set(case_module.RELATION_KINDS)


def test_one_very_likely_rule_for_the_picture_the_explorer_and_the_page():
    from helpers import wording
    # the words that carry the story never name the source: the key's reading
    assert wording.likely("The Wall Street Journal", [("relays", "reports Fox News")])
    # a second copy's words do not count either way, nor does a rebuttal
    assert wording.likely("The Wall Street Journal", [("relays", "reports Fox News"),
                                                     ("captures", "The Wall Street Journal said")])
    assert not wording.likely("The Wall Street Journal", [("cites", "the Journal's Thomas Grove")])
    assert not wording.likely("The Moscow Times", [("captures", "a PDF of the page")])
