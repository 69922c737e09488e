"""What the kit tells a student is true to the five texts (issue 10, the fact-checker's findings).

Each test is written against one sentence a fact-checker found false or overstated. Where it
can, it derives the fact from the report texts themselves (data/cases/.../reports/*.txt), then
checks that the false sentence is gone and the true one is there.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "data" / "cases" / "rostec-venezuela-2019"
NOTEBOOKS = ROOT / "notebooks"
LESSONS = ROOT / "data" / "lessons"


def flat(text: str) -> str:
    """Whitespace collapsed, so a sentence broken over lines still matches."""
    return " ".join(text.split())


REPORTS = {p.stem: flat(p.read_text(encoding="utf-8")) for p in sorted((CASE / "reports").glob("*.txt"))}


def cells(name: str) -> list[str]:
    nb = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))
    return [flat("".join(c["source"])) for c in nb["cells"] if c["cell_type"] == "markdown"]


def md(name: str) -> str:
    return "\n".join(cells(name))


QUESTIONS = yaml.safe_load((LESSONS / "questions.yml").read_text(encoding="utf-8"))
GLOSSARY = yaml.safe_load((LESSONS / "glossary.yml").read_text(encoding="utf-8"))
REWRITES = yaml.safe_load((LESSONS / "rewrites.yml").read_text(encoding="utf-8"))
QUESTIONS_TEXT = flat((LESSONS / "questions.yml").read_text(encoding="utf-8"))


def glossary(term: str) -> str:
    terms = GLOSSARY.get("terms", GLOSSARY) if isinstance(GLOSSARY, dict) else GLOSSARY
    return terms[term]


def option(key: str, correct: bool = True) -> list[dict]:
    return [o for o in QUESTIONS[key]["options"] if bool(o.get("correct")) == correct]


def sentence_with(report: str, words: str) -> str:
    text = REPORTS[report]
    at = text.index(words)
    start = max(text.rfind(". ", 0, at), text.rfind("\u201d ", 0, at), text.rfind('" ', 0, at)) + 2
    end = text.find(".", at)
    return text[start:end + 1]


# 1. "Exaggerated tens of times" names no figure and no speaker; Rostec denies the cut.
def test_tens_of_times_is_not_said_to_agree_with_rostec_as_a_fact():
    gr = REPORTS["global-research"]
    quote = re.search(r"\u201c([^\u201d]*tens of times[^\u201d]*)\u201d", gr).group(1)
    assert "(reported by the WSJ)" in quote, "the figures are named only inside Global Research's brackets"
    before = gr[:gr.index(quote)][-60:]
    assert not re.search(r"\b(said|saying|says)\b", before), "no speaker is named before the quote"
    assert "A Rostec statement refutes the Journal's report" in gr
    assert "The gradual pullout, which has escalated over the last several months" in REPORTS["hannity"]
    text = md("04_numbers")
    for false in ("So the reply says the real number is about 10 to 50",
                  "both say there never were 1,000",
                  "(so most likely still Rostec)",
                  "the two sides roughly agree about **today**"):
        assert false not in text, false
    assert "If the 1,000 is the figure meant" in text
    assert "But the text does not say which figures the quote means or who said it." in text
    assert "The Rostec statement, and the unattributed quotation after it, deny the cut the Journal reported." in text
    why = flat(option("04_numbers/tens-of-times")[0]["why"])
    assert "It says there were never 1,000" not in why
    assert "On this reading" in why and "the text does not say which figure is meant" in why


# 2. "Close": only "allegedly" and the quote marks are Global Research's; the Journal most likely chose "close".
def test_whose_word_close_is_is_not_stated_as_a_fact():
    assert '"close"' in REPORTS["global-research"] and "allegedly" in REPORTS["global-research"]
    for copy in ("moscow-times-web", "moscow-times-pdf"):
        assert "source close to the Russian Defense Ministry" in REPORTS[copy]
        assert '"close"' not in REPORTS[copy] and "\u201cclose\u201d" not in REPORTS[copy]
    assert "Those words are Global Research's, not the Journal's" not in md("03_anonymous_sources")
    assert "\"Allegedly\" and the quote marks are Global Research's additions." in md("03_anonymous_sources")
    text = md("05_loaded_language")
    assert '"Close" is the Journal\'s word' not in text
    assert '"Close" is most likely the Journal\'s word' in text
    assert "The Journal chose the word, not the source." not in QUESTIONS_TEXT
    assert "it is Global Research's own comment" not in QUESTIONS_TEXT
    assert "“Allegedly” and the quote marks are Global Research's additions." in QUESTIONS_TEXT
    assert "most likely the Journal" in flat(option("05_loaded_language/scare-quotes")[0]["why"])
    scare = glossary("scare quotes")
    assert "not to quote anyone" not in scare and "whether or not they also quote someone" in scare


# 3. Breitbart dates the reports, not the arrival of the troops.
def test_breitbart_dates_the_reports_not_the_flights():
    sentence = sentence_with("breitbart", "over 100 troops")
    assert sentence.startswith("Reports last month indicated")
    text = md("04_numbers")
    assert 'Breitbart says "last month", The Moscow Times "this spring"' not in text
    assert 'Breitbart dates only the reports ("Reports last month indicated"), not the arrival.' in text
    assert "The texts do not say whether these are the same flights." in text
    notes = (CASE / "annotations" / "numbers.csv").read_text(encoding="utf-8")
    assert "for the same flights" not in notes


# 4. The model rewrite says who reported the withdrawal, and does not force "President".
def test_the_model_rewrite_attributes_the_claim_and_does_not_force_president():
    assert "has denied the reports" in REPORTS["moscow-times-web"], "the withdrawal is disputed"
    spec = REWRITES["05_loaded_language/rewrite-hannity"]
    suggestion = flat(spec["suggestion"])
    assert suggestion.endswith("The Wall Street Journal reported.")
    assert ["President"] not in spec["keep"]
    assert any("reported" in spellings for spellings in spec["keep"]), "a fair rewrite keeps a source"
    # the notebook's worked answer shows the same suggestion
    assert f'"{suggestion}"' in md("05_loaded_language")
    assert "President Nicolas Maduro, the US sanctions" not in md("05_loaded_language")
    assert "the names and the titles" not in md("05_loaded_language")
    assert "say who reported it" in md("05_loaded_language")


# 5. "Key" is the Journal's judgement, repeated by Breitbart and Hannity.
def test_key_is_the_journals_word():
    assert "Withdraws Key Defense Support" in REPORTS["global-research"]
    assert "withdr(ew) key defense advisors" in REPORTS["global-research"]
    assert "\u201ckey\u201d defense advisers" in REPORTS["moscow-times-web"]
    text = md("05_loaded_language")
    assert "Here it says the advisers were important, which no report shows." not in text
    assert ("\"Key\" is the Journal's judgement (The Moscow Times puts it in quote marks). "
            "Breitbart and Hannity repeat it as fact. No report shows why the advisers were key.").lower() in text.lower()
    assert "no report shows the advisers were important" not in json.dumps(REWRITES)


# 6. The glossary's examples of a vague group are the ones the answer key codes as such.
@pytest.mark.parametrize("term", ["vague collective", "vague group"])
def test_glossary_examples_of_a_vague_group_are_coded_so(term):
    key = pd.read_csv(CASE / "annotations" / "attributions.csv")
    examples = re.findall(r"\u201c([^\u201d]+)\u201d", glossary(term))
    checked = 0
    for example in examples:
        rows = key[key["quote"].str.contains(example, regex=False) | key["source"].str.contains(example, regex=False)]
        if len(rows):
            checked += 1
            assert set(rows["kind"]) == {"vague_collective"}, (example, set(rows["kind"]))
    assert checked, f"{term}: give at least one example from the reports"


# 7. Breitbart and the PDF do print dates, just not publication dates.
def test_no_report_is_said_to_print_no_date():
    assert "on July 2, 2013" in REPORTS["breitbart"]
    assert "/2019/04/04/" in REPORTS["moscow-times-pdf"] and "/2025/10/28/" in REPORTS["moscow-times-pdf"]
    text = md("00_start_here")
    assert "The pages as they were saved do not print a date." not in text
    assert "print no date in the saved pages" not in text
    assert "Breitbart's only date belongs to a 2013 photo caption" in text


# 8. Rosoboronexport is not shown replying to the Journal; outside knowledge is labelled.
def test_rosoboronexport_is_not_a_reply_and_outside_knowledge_is_labelled():
    assert "According to Russian arms producer Rosoboronexport, Moscow and Maduro’s government intend to increase " \
           "cooperation" in REPORTS["global-research"]
    text = md("02_source_chains")
    assert "It also quotes the ambassador and the arms seller Rosoboronexport." not in text
    assert "the text does not say this was a reply to the Journal" in text
    outside = {"does not make weapons": ["00_start_here", "04_numbers"], "began in 1992": ["00_start_here"],
               "came years after 2019": ["00_start_here", "01_side_by_side"],
               "sells Russian weapons": ["00_start_here"]}
    for words, names in outside.items():
        for name in names:
            hits = [c for c in cells(name) if words in c]
            for cell in hits:
                at = cell.index(words)
                near = cell[max(0, at - 120): at + 160]
                assert "outside knowledge, not in the texts" in near.lower(), (name, words)
    for name in ("01_side_by_side", "04_numbers"):
        assert "news agency" not in md(name) and "wire photo" not in md(name)
    assert "planes" not in glossary("rostec")
    assert "outside knowledge" in glossary("rosoboronexport")
    for words in ("makes weapons",):
        assert words not in glossary("conglomerate")


# 9. Breitbart gives no contracts as a reason, only the lack of money.
def test_reasons_for_the_cut_are_given_per_report():
    has_contracts = {r for r, t in REPORTS.items() if "lack of new contracts" in t}
    assert has_contracts == set(REPORTS) - {"breitbart"}
    assert "can no longer afford to pay Rostec" in REPORTS["breitbart"]
    text = md("01_side_by_side")
    assert "The reason is in the body of every report (a lack of new contracts" not in text
    assert ("Every report gives Venezuela's lack of cash as a reason. All but Breitbart also mention a lack of "
            "new contracts.") in text


# 10. Hannity gives the figure no source, so "the reports that follow the Journal most closely" is wrong.
def test_who_gives_the_figure_to_one_source():
    sentence = sentence_with("hannity", "from about 1,000")
    assert not re.search(r"according to|source", sentence), sentence
    assert "the two reports that follow the Journal most closely" not in md("03_anonymous_sources")
    assert "But The Moscow Times and Global Research give this figure to one source." in md("03_anonymous_sources")
    assert "reports that quote it more closely give" not in QUESTIONS_TEXT


# 11. The second Rostec-looking quote has no speaker.
def test_the_technical_specialists_quote_has_no_speaker():
    gr = REPORTS["global-research"]
    at = gr.index("Technical specialists periodically come")
    assert gr[at - 2: at] == ' "', "it stands as a quote of its own"
    text = md("03_anonymous_sources")
    assert "two Rostec quotes" not in text
    assert "a second quote with no speaker" in text


# 12. Global Research quotes pieces of the Journal's sentence, not its start.
def test_global_research_quotes_pieces():
    assert '"Russian state defense contractor Rostec," working with' in REPORTS["global-research"]
    assert "quotes the start of the same sentence" not in md("04_numbers")
    assert "quotes the start of the same" not in QUESTIONS_TEXT
    assert "quotes pieces of the same sentence" in md("04_numbers")


# 13. Fox News passing on the Journal's words is very likely, not proved.
def test_fox_to_journal_is_hedged_everywhere():
    assert "Wall Street Journal" not in REPORTS["hannity"] and "Journal" not in REPORTS["hannity"]
    texts = [md(p.stem) for p in sorted(NOTEBOOKS.glob("0*.ipynb"))] + [QUESTIONS_TEXT]
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s", text):
            if re.search(r"passed on (the Journal|by Fox)", sentence):
                assert re.search(r"(very|most) likely", sentence), sentence
    steps = option("02_source_chains/steps")[0]
    assert "very likely" in steps["text"] and "very likely" in steps["why"].lower()


# 14. Two reports say "about 1,000"; the financial-support note and the adviser definition.
def test_small_facts():
    about = {r for r, t in REPORTS.items() if "about 1,000" in t}
    assert about == {"hannity", "global-research"}
    assert "Two say \"about 1,000\"." in md("01_side_by_side")
    assert "limits of Russia’s reach" in REPORTS["hannity"]
    assert "speaks only of Rostec staff and contracts" not in json.dumps(REWRITES)
    adviser = glossary("adviser")
    assert "use Russian weapons" not in adviser
    for quote in re.findall(r"\u201c([^\u201d]+)\u201d", adviser):
        assert any(quote in t for t in REPORTS.values()), quote


# 15. The teacher notes agree with the lexicon and with the answer key's counts.
def test_notes_rule_table_and_loaded_counts_match_the_data():
    notes = (CASE / "NOTES.md").read_text(encoding="utf-8")
    with (ROOT / "data" / "lexicons" / "vague_quantities.csv").open(encoding="utf-8") as fh:
        few = next(r for r in csv.DictReader(fh) if r["phrase"] == "a few")
    assert f"| a few | {few['low']}-{few['high']} |" in notes
    counts = pd.read_csv(CASE / "annotations" / "loaded_language.csv").groupby(["report", "voice"]).size()
    for report in counts.index.get_level_values(0).unique():
        row = re.search(rf"^\| {re.escape(report)} \| (\d+) \| [^|]* \| (\d+) \|$", notes, re.M)
        assert row, f"NOTES.md has no loaded-language row for {report}"
        assert (int(row.group(1)), int(row.group(2))) == (counts[report].get("own", 0),
                                                          counts[report].get("quoted", 0)), report


# 15. Global Research names Rostec as the speaker of one statement only; the "tens of times" quote has none.
def test_one_rostec_statement_not_two():
    gr = REPORTS["global-research"]
    assert gr.count("Rostec statement") == 1
    guide = flat((ROOT / "lessons" / "04_numbers.md").read_text(encoding="utf-8"))
    for text in (md("04_numbers"), guide):
        assert "Both Rostec sentences" not in text
        assert "The Rostec statement, and the unattributed quotation after it, deny the cut" in text
    # The guide's hand-written prose agrees with the notebook: "not changed" is not "never".
    for false in ("a few dozen now, and a few dozen then", "the dispute is whether there were ever 1,000",
                  "what they dispute is whether there were ever 1,000", "whether there were ever about 1,000"):
        assert false not in guide, false
    assert '"has not changed for many years" is not "never"' in guide


# 16. The Journal's claim, as the reports give it, is about Rostec's advisers, not Russia's military.
def test_start_here_story_names_rostec_not_russias_military():
    mt = REPORTS["moscow-times-web"]
    assert "Russia\u2019s defense conglomerate has withdrawn \u201ckey\u201d defense advisers" in mt
    story = next(c for c in cells("00_start_here") if c.startswith("--- ## The story"))
    first = re.split(r"(?<=[.!?])\s", story.split("## The story", 1)[1].strip())[0]
    assert "Russia had pulled" not in first and "military advisers" not in first
    assert "Rostec" in first and "Wall Street Journal" in first


# 17. Every "Fox News → The Wall Street Journal" step is hedged, as notebook 02 does.
def test_fox_to_journal_arrow_is_hedged():
    for nb in sorted(NOTEBOOKS.glob("0*.ipynb")):
        for sentence in re.split(r"(?<=[.!?])\s", md(nb.stem)):
            if re.search(r"Fox News \u2192 .*Wall Street Journal", sentence):
                assert re.search(r"(very|most) likely", sentence, re.I), (nb.stem, sentence)


# 18. The answer key's neutral wordings are wordings, not instructions; outside knowledge is labelled.
def test_loaded_language_neutral_is_a_wording_and_explain_is_labelled():
    rows = list(csv.DictReader((CASE / "annotations" / "loaded_language.csv").open(encoding="utf-8")))
    for row in rows:
        neutral = row["neutral"]
        if neutral == "(leave out)":  # defined in the lexicon README
            continue
        if row["voice"] == "quoted" and neutral.startswith("(keep ") and neutral.endswith(")"):
            continue  # words inside a direct quotation are never rewritten: advice, in brackets
        assert "(" not in neutral and not re.search(r"\bor\b", neutral), row
    mt = [r for r in rows if r["report"].startswith("moscow-times") and r["quote"] == "\u201ckey\u201d"]
    assert len(mt) == 2 and all(r["neutral"] == "what the Journal called key" for r in mt)
    # "the ruling party's own name" is not in any of the five texts, so it must be labelled.
    assert not any("ruling party" in t for t in REPORTS.values())
    for row in rows:
        if "ruling party" in row["explain"]:
            assert "(outside knowledge, not in the texts)" in row["explain"], row


# 19. Notebook 01's homework sections are homework, not "skip"; the unit plan names their exercises.
def test_01_homework_sections_are_not_optional_and_the_plan_names_their_exercises():
    nb = json.loads((NOTEBOOKS / "01_side_by_side.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    for heading in ("## One article, two copies", "## The same two numbers, five times"):
        line = next(l for l in text.splitlines() if l.startswith(heading))
        assert "(homework or if you have time" in line, line
    assert "optional" not in text.lower() and not re.search(r"\bskip\b", text, re.I)
    plan = (ROOT / "lessons" / "README.md").read_text(encoding="utf-8")
    class1 = plan.split("### Class 1", 1)[1].split("\n## ", 1)[0]
    homework = next(l for l in class1.splitlines() if "Homework" in l)
    for needed in ("One article, two copies", "Exercise 4", "The same two numbers, five times", "Exercise 5",
                   "Russia's denial"):
        assert needed in homework, needed


# 20. Notebook 00's first-guess reflection (which notebook 06 comes back to) is in Class 1's plan and time.
def test_00_first_guess_is_homework_in_class_1():
    first_guess = "Which outlet do you expect to trust most"
    assert any(first_guess in c for c in cells("00_start_here"))
    timings = yaml.safe_load((LESSONS / "timings.yml").read_text(encoding="utf-8"))
    assert timings["00_start_here"]["at_home"] > 0
    plan = (ROOT / "lessons" / "README.md").read_text(encoding="utf-8")
    class1 = plan.split("### Class 1", 1)[1].split("\n## ", 1)[0]
    assert first_guess in class1
    row = next(l for l in class1.splitlines() if "Exercise 3" in l and "| 00 |" in l)
    assert "squeeze" in row


# Issue 13: the 05 guide said the kit's neutral version keeps "President" and that saying who
# reported it "is not needed for full marks"; the box requires a source and not the title.
def test_05_guide_says_what_the_rewrite_box_accepts(case, tmp_path):
    from helpers.widgets.exercises import RewriteModel
    from helpers.widgets.journal import Journal

    box = RewriteModel.from_lesson("05_loaded_language/rewrite-hannity", case=case,
                                   journal=Journal(tmp_path / "journal.json"))
    guide = flat((ROOT / "lessons" / "05_loaded_language.md").read_text(encoding="utf-8"))
    suggestion = flat(REWRITES["05_loaded_language/rewrite-hannity"]["suggestion"])
    assert f"*{suggestion}*" in guide and box.is_good(suggestion)
    # without a source the box says a fact is lost, as the guide says
    unsourced = suggestion.replace(", The Wall Street Journal reported.", ".")
    assert unsourced != suggestion and not box.is_good(unsourced)
    assert box.facts_lost(unsourced) == ["who reported it"]
    box.value = unsourced
    assert "Say who reported it." in box.feedback
    assert 'the box says *Say who reported it.*' in guide
    assert "not needed for full marks" not in guide and "(*President* stays" not in guide
    # "President" is neither asked for nor counted against; Hannity's Fox News counts as a source
    assert box.is_good(suggestion.replace("for Nicolás Maduro", "for President Nicolás Maduro"))
    assert box.is_good(suggestion.replace("The Wall Street Journal reported", "Fox News reported"))
    assert "The box does not ask for it and does not count it against a student who keeps it" in guide
    assert "*Fox News reported*, as Hannity has it, also counts" in guide
