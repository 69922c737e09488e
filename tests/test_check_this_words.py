"""What notebook 06, its guide and the README say about "sure" and "check this" is what the
lenses do (review finding T6), and the 05 guide's note on *allegedly* matches the lens.

Each test runs the lens on the sentence the text talks about, so a lens change that makes a
sentence false fails here, not in front of a student.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers.analyze import analyze_texts
from helpers.lenses import attribution, loaded_language

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "06_put_it_together.ipynb"
CHECK = "check this"


def notebook_cells() -> list[str]:
    return ["".join(c["source"]) for c in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]]


def sample_story() -> str:
    """The sample story exactly as the notebook prints it (a quoted block)."""
    cell = next(c for c in notebook_cells() if "No article to hand?" in c)
    lines = [line[1:].lstrip() if line.startswith(">") else None for line in cell.splitlines()]
    story = "\n".join(line for line in lines if line is not None)
    assert "Critics called" in story
    return story


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# -- the sources lens --------------------------------------------------------------------

def test_the_sample_story_marks_critics_as_a_sure_vague_source():
    # a quotation follows "called", so the lens is sure it is speech (as the notebook says)
    found = attribution.detect(sample_story())
    critics = found[found["source"] == "Critics"]
    assert len(critics) == 1, found[["text", "source"]]
    assert critics.iloc[0]["kind"] == "vague_collective"
    assert critics.iloc[0]["confidence"] == "sure"
    sources = flat(next(c for c in notebook_cells() if "**Sources:** the lens is less sure" in c))
    assert 'When a quotation follows "called", as in the sample story, the lens is sure.' in sources


def test_hiding_check_this_keeps_the_sample_storys_vague_source():
    story = analyze_texts({"sample": sample_story()})
    text = sample_story()
    marks = [s for rid in story.case.reports for s in story.spans(rid)]
    kept = [text[s.start:s.end] for s in marks if s.confidence != CHECK]
    assert any("Critics" in k for k in kept)
    answer = flat(next(c for c in notebook_cells() if "shameful attack\" is loaded" in c))
    assert 'The sources lens is sure about "Critics called"' in answer
    assert "hidden too" not in answer
    guide = flat((ROOT / "lessons" / "06_put_it_together.md").read_text(encoding="utf-8"))
    assert "The sources lens marks *Critics called* as sure" in guide
    # the example the notebook and the guide give for "check this" is one
    found = attribution.detect("Critics called the plan a mistake.")
    assert set(found["confidence"]) == {CHECK}
    assert "*Critics called the plan a mistake*" in guide


def test_called_as_a_name_is_why_it_is_check_this():
    found = attribution.detect("Critics called the move a mistake.")
    assert set(found["confidence"]) == {CHECK}
    sure = attribution.detect("Critics said the move was a mistake.")
    assert set(sure["confidence"]) == {"sure"}


# -- the loaded-language lens ------------------------------------------------------------

@pytest.mark.parametrize("sentence, word", [
    ("The regime closed the border.", "regime"),                 # a label
    ("The government slashed the budget.", "slashed"),           # a verb on the list
    ('The so-called "reform" closed three schools.', '"reform"'),  # only the quotation marks
])
def test_labels_verbs_and_quotation_marks_are_check_this(sentence, word):
    found = loaded_language.detect(sentence)
    hits = found[found["text"].str.contains(word, regex=False)]
    assert len(hits), found[["text", "confidence"]]
    assert set(hits["confidence"]) == {CHECK}


def test_a_plain_judging_word_is_sure():
    found = loaded_language.detect("Critics called it a shameful attack.")
    assert set(found[found["text"].str.contains("shameful")]["confidence"]) == {"sure"}


# -- numbers and page chrome have no "check this" ----------------------------------------

def test_numbers_and_page_chrome_marks_are_never_check_this():
    text = ("Share this article\n\nAbout 40 staff lost their jobs on Monday, up from 12 in 2020, "
            "a spokesman said. More than half of the 1,200 workers were moved.\n\nRead more: Subscribe now\n")
    story = analyze_texts({"t": text})
    assert len(story.findings["numbers"]) and len(story.findings["page_chrome"])
    for lens in ("numbers", "page_chrome"):
        frame = story.findings[lens]
        if "confidence" in frame.columns:
            assert CHECK not in set(frame["confidence"]), lens
    marks = story.spans("t")
    numbers = [s for s in marks if s.lens == "numbers"]
    chrome = [s for s in marks if s.lens == "page_chrome"]
    assert numbers and chrome, sorted({s.lens for s in marks})
    assert all(s.confidence != CHECK for s in numbers + chrome)


# -- the words the student and the teacher read ------------------------------------------

def test_notebook_guide_and_readme_explain_check_this_per_lens():
    notebook = flat("\n".join(notebook_cells()))
    guide = flat((ROOT / "lessons" / "06_put_it_together.md").read_text(encoding="utf-8"))
    readme = flat((ROOT / "README.md").read_text(encoding="utf-8"))
    for text in (notebook, guide, readme):
        assert "check this" in text and "regime" in text
        assert "depends on how it is used" in text
        assert "who is speaking" in text
        assert re.search(r"[Nn]umbers.{0,40}page.chrome.{0,40}no .check this", text)
    readme_section = readme.split("### A story of your own", 1)[1].split("### ", 1)[0]
    assert "check this" in readme_section and "also hides true" in readme_section


def test_one_sentence_says_what_check_this_means_for_sources():
    """The analyze page, the README, notebook 06 and its guide give the same reason (once the
    page said only "the lens is less sure who is speaking", the others added "or whether the
    word is about speech at all")."""
    from helpers.spans import CHECK_THIS_SOURCES

    from helpers.analyze import render_report

    page = flat(render_report(analyze_texts({"t": "Critics called the plan a mistake."}, charts=False)))
    assert f"For sources it means {CHECK_THIS_SOURCES}" in page
    # the sentence is true: "called" here is a name, not speech, and the mark is "check this"
    assert set(attribution.detect("Critics called the plan a mistake.")["confidence"]) == {CHECK}
    for name, text in (("notebook 06", "\n".join(notebook_cells())),
                       ("lessons/06_put_it_together.md", (ROOT / "lessons" / "06_put_it_together.md").read_text(encoding="utf-8")),
                       ("README.md", (ROOT / "README.md").read_text(encoding="utf-8"))):
        assert CHECK_THIS_SOURCES in flat(text), f"{name} does not say: {CHECK_THIS_SOURCES}"


def test_the_05_guide_says_what_the_lens_marks_around_allegedly():
    report = (ROOT / "data" / "cases" / "rostec-venezuela-2019" / "reports" / "global-research.txt")
    text = report.read_text(encoding="utf-8")
    found = loaded_language.detect(text)
    at = text.index('allegedly "close"')
    hits = found[(found["start"] < at + len('allegedly "close"')) & (found["end"] > at)]
    guide = flat((ROOT / "lessons" / "05_loaded_language.md").read_text(encoding="utf-8"))
    assert "but not the quotation marks around" not in guide
    assert len(hits) == 1, hits[["text", "rule"]]
    assert hits.iloc[0]["text"] == 'allegedly "close"'
    assert hits.iloc[0]["category"] == "scare_quotes"
    assert hits.iloc[0]["confidence"] == CHECK
    assert '*allegedly "close"* together, as one piece of scare quotes marked "check this"' in guide


def test_06_exercise_4_asks_about_a_mark_the_machine_makes():
    """Issue 13: Exercise 4 was "What did the machine miss?", and its right answer, "shameful
    attack", is one the lens marks. The exercise, its question and the worked answer now say
    the machine marks it, and each is checked against the lenses on the sample story."""
    import yaml

    from helpers.lenses import get as get_lens

    story = sample_story()
    loaded = loaded_language.detect(story)
    assert "shameful attack" in set(loaded["text"]), "the lens no longer marks it: Exercise 4 asks about a mark"
    entry = yaml.safe_load((ROOT / "data" / "lessons" / "questions.yml").read_text(encoding="utf-8"))[
        "06_put_it_together/own-story-loaded"]
    right = [o for o in entry["options"] if o.get("correct")]
    assert [o["text"].strip("“”") for o in right] == ["shameful attack"]
    assert "The machine marks it as loaded too" in right[0]["why"]
    cells = notebook_cells()
    at = next(i for i, c in enumerate(cells) if 'question("06_put_it_together/own-story-loaded")' in c)
    heading = next(c for c in reversed(cells[:at]) if c.lstrip().startswith("### Exercise"))
    assert "miss" not in heading.splitlines()[0]
    assert heading.startswith("### Exercise 4: What did the machine mark, and is it right?")
    answer = flat(next(c for c in cells if 'shameful attack" is loaded' in c))
    assert "The loaded-language lens marks it too" in answer
    # the worked answer says the lenses mark the anonymous source and the hedged number
    sources = attribution.detect(story)
    close = sources[sources["source"] == "a source close to the council"]
    assert list(close["kind"]) == ["anonymous"]
    numbers = get_lens("numbers").detect(story)
    assert "About 40" in set(numbers["text"]), numbers[["text"]]
    assert "and the lenses mark both" in answer
    guide = flat((ROOT / "lessons" / "06_put_it_together.md").read_text(encoding="utf-8"))
    assert "**Exercise 4: What did the machine mark, and is it right?**" in guide
    assert "The loaded-language lens marks *shameful attack* too" in guide
