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
    # and those words, with case.yml's short forms (WSJ, the Journal), lead back to it
    way_back = page.split("Back to the original (The Wall Street Journal)")[1].split("</ul>")[0]
    assert "Breitbart News → The Wall Street Journal" in way_back


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


# --- a report names the original in its own words (helpers.outlets) -------------------
# Each report of this invented story names the original in one form a reader takes for The
# Wall Street Journal; the case declares the short forms "WSJ" and "the Journal". The page
# once linked only the exact name "The Wall Street Journal", so none of these reached it.
FORMS = {
    "report-from": "The mayor resigned on Monday, according to a report from the Wall Street Journal.",
    "short-form": "The mayor resigned on Monday, the Journal reported.",
    "initials": "The mayor resigned on Monday, WSJ reported.",
    "lower-case": "The mayor resigned on Monday, according to the wall street journal.",
    "possessive": "The Journal's report said the mayor resigned on Monday.",
}


def _story(tmp_path, texts: dict, original: str, extra: str = "") -> Path:
    folder = tmp_path / "mayor"
    (folder / "reports").mkdir(parents=True)
    lines = ["title: A mayor resigns (invented)", "original:", *("  " + line for line in original.splitlines()),
             "reports:"]
    for rid, text in texts.items():
        (folder / "reports" / f"{rid}.txt").write_text(text + "\n", encoding="utf-8")
        lines += [f"  - id: {rid}", f"    file: reports/{rid}.txt", f"    outlet: Outlet {rid.title()}"]
    (folder / "case.yml").write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return folder


WSJ = "outlet: The Wall Street Journal\naliases: [WSJ, the Journal]"


@pytest.mark.parametrize("form", FORMS)
def test_each_way_a_report_names_the_original_leads_back_to_it(tmp_path, form):
    analysis = analyze_case(_story(tmp_path, {form: FORMS[form]}, WSJ), charts=False)
    assert _paths(analysis) == {f"Outlet {form.title()}": [("The Wall Street Journal", "cites")]}
    page = render_report(analysis, charts=False)
    assert f"Outlet {form.title()} → The Wall Street Journal" in page
    assert "no chain back" not in page


def test_a_short_form_the_case_does_not_declare_is_not_guessed(tmp_path):
    analysis = analyze_case(_story(tmp_path, {"initials": FORMS["initials"], "short-form": FORMS["short-form"]},
                                   "outlet: The Wall Street Journal"), charts=False)
    assert _paths(analysis) == {"Outlet Initials": [], "Outlet Short-Form": []}
    page = render_report(analysis, charts=False)
    assert "Outlet Initials: no chain back to The Wall Street Journal found by the kit: " \
        "read the report's sources yourself" in page


def test_the_journal_with_two_journals_in_the_story_is_unclear(tmp_path):
    # a second outlet of the story is also a Journal: "the Journal" could be either
    texts = {"short-form": FORMS["short-form"], "valley": "Council members met on Tuesday, officials said."}
    folder = _story(tmp_path, texts, WSJ)
    config = folder / "case.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("Outlet Valley", "The Valley Journal"), encoding="utf-8")
    analysis = analyze_case(folder, charts=False)
    assert _paths(analysis)["Outlet Short-Form"] == []
    assert "The Wall Street Journal" not in set(analysis.chain["cited"])
    assert "valley" not in set(analysis.chain["cited"])
    page = render_report(analysis, charts=False)
    assert ("Outlet Short-Form: no chain back to The Wall Street Journal found by the kit; it names “the Journal”, "
            "which could mean The Wall Street Journal or The Valley Journal, and the kit cannot tell which: "
            "read the report's sources yourself") in page
    # the full name of either is not unclear
    from helpers.outlets import Outlets
    outlets = Outlets(analysis.case)
    assert outlets.read("the Valley Journal's").target == "valley"
    assert outlets.read("WSJ").target == "The Wall Street Journal"


def test_a_short_form_of_a_report_in_the_story_leads_to_that_report(tmp_path):
    # the original is one of the story's reports, and the others call it "the Ledger"
    texts = {"ledger": "The ward will close, the hospital said.", "tide": "The ward will close, the Ledger reported."}
    folder = _story(tmp_path, texts, "outlet: The Valley Ledger")
    config = folder / "case.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    outlet: Outlet Ledger", "    outlet: The Valley Ledger (invented)\n    aliases: [the Ledger]"), encoding="utf-8")
    assert _paths(analyze_case(folder, charts=False)) == {"Outlet Tide": [("The Valley Ledger", "cites")]}


def test_names_are_read_the_way_a_reader_reads_them():
    from helpers.outlets import key
    wsj = "wall street journal"
    for name in ("The Wall Street Journal", "the wall street journal", "a report from\xa0the\xa0Wall Street Journal",
                 "The\nWall Street Journal", "the Wall Street Journal\u2019s", "Wall Street Journal report",
                 "according to a report by the Wall Street Journal"):
        assert key(name) == wsj, name
    assert key("the Journal\u2018s Sunday report") == key("a June 2 Journal report") == key("the Journal") == "journal"
    # words that are part of a name stay: the Sunday Times is not the Times
    assert key("the Sunday Times") == "sunday times"
    assert key("The Valley Ledger (invented; in the style of a broadsheet)") == "valley ledger"


def test_a_short_form_many_outlets_end_in_names_a_few_and_counts_the_rest():
    from types import SimpleNamespace

    from helpers.outlets import Outlets
    reports = {f"r{i}": SimpleNamespace(outlet=f"The Town {i} Journal", aliases=[]) for i in range(5)}
    case = SimpleNamespace(reports=reports, original={"outlet": "The Wall Street Journal", "aliases": ["the Journal"]})
    reading = Outlets(case).read("the Journal's")
    assert reading.target is None
    assert reading.could_mean() == "The Wall Street Journal, The Town 0 Journal, The Town 1 Journal or 3 other outlets"
    assert Outlets(case).read("the Town 3 Journal").target == "r3"


# --- a chain of three written by a teacher (tests/data/cases/riverbend-bus-cuts-chain) ---
# The Valley Journal (original) <- Heartland Now (cites it, written) <- Metro Wire (relays
# Heartland Now, written). Metro Wire's text also says "relaying a story first published by
# the Valley Journal", a shortcut of one step the page once showed instead of the two
# steps the teacher wrote: notebook 02's rubric marks down "names the Journal as the
# origin but misses a step".
RIVERBEND = CASES / "riverbend-bus-cuts-chain"


def _story_with(tmp_path, relations: dict, extra_reports: dict | None = None):
    """The Riverbend story with the ``relations:`` given (report id -> [(cited, kind)]), and
    more reports (id -> (outlet, text)) when asked."""
    import yaml

    folder = tmp_path / "story"
    shutil.copytree(RIVERBEND, folder)
    config = yaml.safe_load((folder / "case.yml").read_text(encoding="utf-8"))
    for rid, (outlet, text) in (extra_reports or {}).items():
        (folder / "reports" / f"{rid}.txt").write_text(text, encoding="utf-8")
        config["reports"].append({"id": rid, "file": f"reports/{rid}.txt", "outlet": outlet, "author": None,
                                  "date": None, "url": None, "capture": "web"})
    for report in config["reports"]:
        report.pop("relations", None)
        if report["id"] in relations:
            report["relations"] = [{"report": cited, "kind": kind} for cited, kind in relations[report["id"]]]
    (folder / "case.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return analyze_case(load_case(folder), charts=False)


def test_the_way_back_keeps_the_step_the_story_file_writes():
    analysis = analyze_case(RIVERBEND, charts=False)
    assert _paths(analysis)["Metro Wire"] == [("Heartland Now", "relays"), ("The Valley Journal", "cites")]
    page = render_report(analysis, charts=False)
    assert ("Metro Wire → Heartland Now <small>(relays)</small> → The Valley Journal <small>(cites)</small> "
            "(2 steps)") in page
    assert "Metro Wire → The Valley Journal" not in page


def test_a_written_step_leads_on_through_the_links_the_lens_finds(tmp_path):
    # only Metro Wire's link is written: from Heartland Now on, the lens's links
    # ("a move first reported by the Valley Journal") lead to the original
    analysis = _story_with(tmp_path, {"metro-wire": [("heartland-now", "relays")]})
    assert _paths(analysis)["Metro Wire"] == [("Heartland Now", "relays"), ("The Valley Journal", "cites")]


def test_without_written_links_the_text_s_own_words_lead_back(tmp_path):
    # the lens does not see "Heartland Now reported" (see the report): the page then shows
    # what Metro Wire's words say, "first published by the Valley Journal"
    analysis = _story_with(tmp_path, {})
    assert _paths(analysis)["Metro Wire"] == [("The Valley Journal", "cites")]


def test_every_way_back_that_remains_is_shown(tmp_path):
    # Metro Wire relays two outlets that both cite the Journal: two ways, each as short as
    # the other; the page shows both, not the first it found
    times = ("Riverbend to cut bus routes\n\nBy Lee Park, River Times\n\nRiverbend will cut about a fifth of "
             "its bus routes, the Valley Journal reported on Tuesday.\n")
    analysis = _story_with(tmp_path, {"heartland-now": [("valley-journal", "cites")],
                                      "river-times": [("valley-journal", "cites")],
                                      "metro-wire": [("heartland-now", "relays"), ("river-times", "relays")]},
                           {"river-times": ("River Times", times)})
    section = _section_chain(analysis, report_labels(analysis.case), {})
    metro = next(p for p in section["paths"] if p["name"] == "Metro Wire")
    assert sorted(metro["ways"]) == [[("Heartland Now", "relays"), ("The Valley Journal", "cites")],
                                     [("River Times", "relays"), ("The Valley Journal", "cites")]]
    page = render_report(analysis, charts=False)
    assert "Metro Wire: 2 ways back, each as short as the others" in page
    for middle in ("Heartland Now", "River Times"):
        assert (f"Metro Wire → {middle} <small>(relays)</small> → The Valley Journal <small>(cites)</small> "
                "(2 steps)") in page


def test_the_chain_s_words_say_which_links_were_written_and_what_a_link_means():
    page = render_report(analyze_case(RIVERBEND, charts=False), charts=False)
    section = page.split("Who cites whom")[1].split("Back to the original")[0]
    # the links written into the story's file are not said to come from the automatic lens
    assert not section.startswith(", from the automatic lens")
    assert "the links written into the story's file" in section
    assert "each report is linked to every source it names (and to the outlet that relays it)" not in page
    assert "the report is linked to that outlet, and that outlet to the source" in section


def test_a_step_through_an_outlet_outside_the_story_does_not_make_the_page_skip_a_written_step():
    # Heartland Now says a source "told CNN" (an outlet the story does not have) and names
    # the Journal; Metro Wire's written link goes to Heartland Now, and its text names the
    # Journal too: the way back still goes through Heartland Now
    import pandas as pd

    from helpers.analyze import _ways_back

    def link(citing, cited, relation="cites", written=False, through=False):
        return {"citing": citing, "cited": cited, "relation": relation, "report": citing, "quote": "",
                "check": False, "written": written, "unclear": "", "through": through}

    chain = pd.DataFrame([link("metro-wire", "heartland-now", "relays", written=True),
                          link("metro-wire", "valley-journal"),
                          link("heartland-now", "CNN", through=True),
                          link("CNN", "Dana Ortiz"),
                          link("heartland-now", "valley-journal")])
    ways = _ways_back(chain, "metro-wire", "valley-journal")
    assert [[(step["citing"], step["cited"]) for step in way] for way in ways] == \
        [[("metro-wire", "heartland-now"), ("heartland-now", "valley-journal")]]


def test_two_sentences_that_show_one_step_make_one_way_back_not_two():
    # the Rostec answer key shows Breitbart -> the Journal in two rows (two quotes): one way
    analysis = analyze_case("rostec-venezuela-2019", charts=False)
    section = _section_chain(analysis, report_labels(analysis.case), {})
    for path in section["paths"]:
        assert len(path["ways"]) == len({tuple(cited for cited, _ in way) for way in path["ways"]}), path
    breitbart = next(p for p in section["paths"] if p["name"].startswith("Breitbart"))
    assert [[cited for cited, _ in way] for way in breitbart["ways"]] == [["The Wall Street Journal"]]


def test_the_ways_back_stay_few_and_quick_when_every_step_is_shown_many_times():
    # the second diff review: a chain of 10 steps with 2 rows each gave 1,024 ways (3 rows:
    # 59,049) and the page listed them all
    import time

    import pandas as pd

    from helpers.annotations import MAX_WAYS, paths_to_origin

    rows = [{"citing": f"o{i}", "cited": f"o{i + 1}", "relation": "cites", "quote": f"row {copy}"}
            for i in range(12) for copy in range(3)]
    started = time.process_time()
    ways = paths_to_origin(pd.DataFrame(rows), "o0", "o12")
    assert time.process_time() - started < 5
    assert len(ways) == 1 and len(ways[0]) == 12   # three rows of one step are one step
    # outlets that each cite two others at every level: many shortest ways, at most MAX_WAYS given
    wide = [{"citing": a, "cited": b, "relation": "cites", "quote": ""}
            for level in range(10) for a in (f"a{level}", f"b{level}") for b in (f"a{level + 1}", f"b{level + 1}")]
    wide += [{"citing": "start", "cited": "a0", "relation": "cites", "quote": ""},
             {"citing": "start", "cited": "b0", "relation": "cites", "quote": ""},
             {"citing": "a10", "cited": "origin", "relation": "cites", "quote": ""}]
    ways = paths_to_origin(pd.DataFrame(wide), "start", "origin")
    assert len(ways) == MAX_WAYS and all(len(w) == 12 for w in ways)
    # a chain longer than Python's recursion limit is still walked back
    long = [{"citing": f"r{i}", "cited": f"r{i + 1}", "relation": "relays", "quote": ""} for i in range(3000)]
    assert len(paths_to_origin(pd.DataFrame(long), "r0", "r3000")[0]) == 3000
