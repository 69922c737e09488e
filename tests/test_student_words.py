"""Students' words and maintainers' words are kept apart.

Every feedback string the exercise widgets can produce for the shipped case is collected
(every SpotIt of every lens and report with every sentence ticked and with none, the
notebooks' own SpotIt and Rewrite exercises, every option of every question) and must
contain no answer-key note for teachers (the ``note`` column), no snake_case id, no file
name and no "reconciliation". The ``explain`` column is what students see.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from helpers.catalogue import every_exercise
from helpers.lenses import registry
from helpers.questions import load_questions, question_options
from helpers.widgets import Journal
from helpers.widgets.exercises import MultipleChoiceModel, RewriteModel, SpotItModel

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
#: Every lens an exercise can ask about (an answer key and something to highlight).
LENSES = tuple(lens.name for lens in registry.with_key() if lens.views)
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
FILE_NAME = re.compile(r"\b[\w-]+\.(?:csv|ya?ml|txt|py|ipynb|md|json)\b")


def visible(markup: str) -> str:
    """What a student can read: the text, and the tooltips (title attributes)."""
    titles = " ".join(re.findall(r'title="([^"]*)"', markup))
    text = re.sub(r"<[^>]+>", " ", markup)
    return html.unescape(f"{text} {titles}")


def calls(name: str) -> list[dict]:
    """The literal arguments of every ``name(...)`` exercise of the notebooks (the catalogue's)."""
    return [{"args": [e.first] if e.first is not None else [], **e.arguments}
            for e in every_exercise(NOTEBOOKS, call=name)]


def spotit_feedback(model: SpotItModel) -> list[str]:
    out = []
    model.ticked = tuple(range(len(model.sentences)))
    model.check()
    out.append(model.feedback)
    model.ticked = ()
    out.append(model.feedback)
    return out


def all_feedback(case, tmp_path) -> list[tuple[str, str]]:
    journal = Journal(tmp_path / "journal.json")
    texts = []
    for report in case.reports:
        for lens in LENSES:
            try:
                model = SpotItModel(case, report, lens, "all", key="t/all", journal=journal)
            except ValueError:
                continue  # nothing of this lens in this report
            texts += [(f"SpotIt {report} {lens}", f) for f in spotit_feedback(model)]
    for kwargs in calls("SpotIt"):
        kwargs.pop("args", None)
        model = SpotItModel(case, journal=journal, **kwargs)
        texts.append((f"SpotIt {kwargs}", model.prompt))
        texts += [(f"SpotIt {kwargs}", f) for f in spotit_feedback(model)]
    for key in load_questions():
        text, options = question_options(key)
        model = MultipleChoiceModel(text, options, key=key, journal=journal)
        for i in range(len(options)):
            model.value = i
            texts.append((key, model.feedback))
    for kwargs in calls("Rewrite"):
        args = kwargs.pop("args", None)
        if args:
            model = RewriteModel(args[0], kwargs.get("key", "t/r"), kwargs.get("prompt"), case, journal)
        else:  # Rewrite(key=...): the exercise's sentence and suggestion come from the lesson data
            model = RewriteModel.from_lesson(kwargs["key"], case, journal)
        texts.append(("Rewrite", model.prompt + model.feedback))
        model.value = ""
        texts.append(("Rewrite (empty)", model.feedback))
        model.value = model.suggested
        texts.append(("Rewrite (suggested)", model.feedback))
    return [(where, visible(markup)) for where, markup in texts]


@pytest.fixture(scope="module")
def feedback(case, tmp_path_factory):
    return all_feedback(case, tmp_path_factory.mktemp("words"))


def teacher_notes(case) -> set[str]:
    """Every answer-key note long enough not to match ordinary words by chance (a note a
    row repeats in its student-facing ``explain`` is not teacher-only)."""
    notes = set()
    for lens in LENSES:
        for row in case.annotations(lens).to_dict("records"):
            note, explain = row.get("note"), row.get("explain")
            if isinstance(note, str) and len(note.strip()) >= 30:
                if not (isinstance(explain, str) and note.strip() in explain):
                    notes.add(note.strip())
    return notes


def test_the_collector_sees_the_answer_key(feedback, case):
    """Every key quote of every lens is in some feedback: nothing escapes the checks below."""
    everything = " ".join(text for _, text in feedback)
    flat = " ".join(everything.split())
    for lens in LENSES:
        for quote in case.annotations(lens)["quote"]:
            assert " ".join(html.unescape(quote).split())[:80] in flat, quote


def test_no_teacher_note_reaches_a_student(feedback, case):
    notes = teacher_notes(case)
    assert len(notes) > 50
    leaks = [(where, note) for note in notes for where, text in feedback if note in text]
    assert leaks[:20] == []


def test_no_maintainer_words_reach_a_student(feedback):
    problems = []
    for where, text in feedback:
        for pattern in (SNAKE, FILE_NAME, re.compile(r"reconcil", re.I)):
            for match in pattern.finditer(text):
                if match.group() not in ("@ben_kew",):
                    problems.append((where, match.group()))
    problems = [(w, m) for w, m in problems if m != "ben_kew"]  # a Twitter handle in the report itself
    assert problems == []


def test_the_checks_catch_a_leak():
    """The patterns are not blind: a note-like string is caught."""
    leak = visible('<p title="see source_chain.csv">added in reconciliation by the_reconciler</p>')
    assert SNAKE.search(leak) and FILE_NAME.search(leak) and "reconcil" in leak


def test_an_unnamed_report_is_not_tagged_named(case):
    """Breitbart's headline "Report: ..." names no report; the key calls it unnamed, and
    the reader once tagged it NAMED (from the key and from the automatic lens)."""
    from helpers.lenses import attribution
    from helpers.spans import spans_from_frame

    key = case.annotations("attributions")
    row = key[(key.report == "breitbart") & key.quote.str.startswith("Report:")]
    assert row.iloc[0]["kind"] == "document"
    assert [s.lens for s in spans_from_frame(row, "attributions")] == ["anonymous"]
    named = key[(key.report == "global-research") & key.quote.str.startswith("A Rostec statement")]
    assert [s.lens for s in spans_from_frame(named, "attributions")] == ["named"]
    found = attribution.detect(case.reports["breitbart"].text)
    headline = found[found.text == "Report:"]
    assert [s.lens for s in spans_from_frame(headline, "attributions")] == ["anonymous"]
