"""Exercises: set an answer, read the feedback, find it in the journal, restore it."""
from __future__ import annotations

import html
import re

import pytest

from helpers.widgets import Journal, MultipleChoice, Reflection, Rewrite, SpotIt, static_html


@pytest.fixture
def journal(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIA_KIT_HOME", str(tmp_path / "home"))
    return Journal(tmp_path / "home" / "journal.json")


def reopened(journal):
    return Journal(journal.path)


def test_spot_it_says_what_was_right_missed_and_wrong_from_the_answer_key(case, journal):
    spot = SpotIt(case, report="moscow-times-web", lens="attributions", kind="anonymous", key="t/spot",
                  journal=journal)
    m = spot.model
    assert "anonymous" in m.prompt and m.answer, "the answer key marks anonymous sources here"
    right = min(m.answer)
    wrong = next(i for i in range(len(m.sentences)) if i not in m.answer)
    spot.boxes[right].value = True
    spot.boxes[wrong].value = True
    assert m.ticked == tuple(sorted((right, wrong)))
    assert m.feedback == ""  # no feedback before the student asks
    spot.check_button.click()
    result = m.result()
    assert result["right"] == [right] and result["wrong"] == [wrong]
    assert set(result["missed"]) == set(m.answer) - {right}
    fb = spot.feedback.value
    assert "Right:" in fb and f"Sentence {right + 1}" in fb
    assert ("Missed:" in fb) == bool(result["missed"])
    assert "Not in the answer key" in fb and f"Sentence {wrong + 1}" in fb
    assert "close to" in fb or "unnamed" in fb  # why: the answer key's words
    spot.boxes[wrong].value = False  # feedback follows the ticks once shown
    assert "Not in the answer key" not in spot.feedback.value
    saved = reopened(journal).get("t/spot")
    assert saved["kind"] == "spot_it" and saved["answer"] == [m.sentence_text(right)] and saved["checked"]


def test_spot_it_restores_ticks_and_feedback_when_reopened(case, journal):
    first = SpotIt(case, report="hannity", lens="attributions", kind="anonymous", key="t/spot2", journal=journal)
    first.boxes[0].value = True
    first.boxes[2].value = True
    first.model.check()
    again = SpotIt(case, report="hannity", lens="attributions", kind="anonymous", key="t/spot2",
                   journal=reopened(journal))
    assert again.model.ticked == (0, 2)
    assert again.boxes[0].value and again.boxes[2].value and not again.boxes[1].value
    assert again.feedback.value and "Saved at" in again.status.value


def test_spot_it_other_lenses_and_kinds(case, journal):
    labels = SpotIt(case, report="breitbart", lens="loaded_language", kind="label", key="t/l", journal=journal)
    assert labels.model.answer and "label" in labels.model.prompt
    numbers = SpotIt(case, report="hannity", lens="numbers", kind=None, key="t/n", journal=journal)
    assert numbers.model.answer
    with pytest.raises(ValueError, match="no report"):
        SpotIt(case, report="cnn", key="t/x", journal=journal)
    with pytest.raises(ValueError, match="key"):
        SpotIt(case, report="hannity", key="", journal=journal)


def test_multiple_choice_explains_every_option(journal):
    options = [("Thomas Grove", True, "He wrote the Journal's article."),
               ("Ben Kew", False, "He wrote Breitbart's retelling."),
               ("Nobody", False, "The reports name him.")]
    quiz = MultipleChoice("Who wrote the original report?", options, key="t/q1", journal=journal)
    assert quiz.choice.description == "Your answer" and quiz.feedback.value == ""
    quiz.choice.value = 1
    assert quiz.model.correct is False
    assert "Not quite" in quiz.feedback.value and "retelling" in quiz.feedback.value
    for text, _, explanation in options:  # every option's explanation is available
        assert html.escape(explanation) in quiz.feedback.value
    quiz.choice.value = 0
    assert "Right." in quiz.feedback.value
    saved = reopened(journal).get("t/q1")
    assert saved["answer"] == "Thomas Grove" and saved["correct"] is True
    again = MultipleChoice("Who wrote the original report?", options, key="t/q1", journal=reopened(journal))
    assert again.choice.value == 0 and "Right." in again.feedback.value
    assert "\u25c9 Thomas Grove" in static_html(again)


def test_multiple_choice_needs_an_explanation_for_every_option(journal):
    with pytest.raises(ValueError, match="explanation"):
        MultipleChoice("Q?", [("A", True, "because"), ("B", False, "")], key="t/bad", journal=journal)
    with pytest.raises(ValueError, match="correct"):
        MultipleChoice("Q?", [("A", False, "no"), ("B", False, "no")], key="t/bad", journal=journal)


def test_rewrite_lists_loaded_words_left_and_offers_a_neutral_version(case, journal):
    sentence = "Russia Withdraws Key Military Advisers to Venezuelan Regime"
    task = Rewrite(sentence, key="t/rw", case=case, journal=journal)
    left = [w.casefold() for w, _, _ in task.model.loaded_left()]
    assert any("regime" in w for w in left)
    assert "Change the words" in task.feedback.value
    assert "government" in task.model.suggestion()
    task.text.value = "Russia withdraws military advisers from Venezuela's government"
    left = [w.casefold() for w, _, _ in task.model.loaded_left()]
    assert not any("regime" in w for w in left)
    saved = reopened(journal).get("t/rw")
    assert saved["answer"].startswith("Russia withdraws military advisers")
    again = Rewrite(sentence, key="t/rw", case=case, journal=reopened(journal))
    assert again.text.value == task.text.value


def test_reflection_is_saved_as_typed_and_restored(journal):
    box = Reflection("What surprised you?", key="t/r", journal=journal)
    assert box.text.description == "Your answer"
    for text in ("T", "Th", "The photo is from 2013."):
        box.text.value = text
        assert reopened(journal).get("t/r")["answer"] == text
    assert "Saved at" in box.status.value
    again = Reflection("What surprised you?", key="t/r", journal=reopened(journal))
    assert again.text.value == "The photo is from 2013."
    assert "The photo is from 2013." in static_html(again)


def test_a_corrupt_journal_shows_a_warning_in_the_exercise(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    (home / "journal.json").write_text("{not json")
    monkeypatch.setenv("MEDIA_KIT_HOME", str(home))
    with pytest.warns(UserWarning):
        box = Reflection("Why?", key="t/c", journal=Journal(home / "journal.json"))
    assert "could not be read" in box.status.value and "corrupt-" in box.status.value
    box.text.value = "still works"
    assert Journal(home / "journal.json").get("t/c")["answer"] == "still works"


def _spot_models():
    from helpers import load_case
    from helpers.catalogue import every_exercise
    from helpers.widgets.exercises import SpotItModel

    for e in every_exercise(call="SpotIt"):
        args = {k: v for k, v in e.arguments.items() if k in ("report", "lens", "kind", "prompt")}
        yield e.key, lambda args=args, e=e: SpotItModel(load_case(e.case), key=e.key, journal=None, **args)


@pytest.mark.parametrize("key, make", list(_spot_models()), ids=[k for k, _ in _spot_models()])
@pytest.mark.parametrize("ticks", ["all", "none"])
def test_tick_feedback_is_written_in_whole_sentences(key, make, ticks):
    """Student review: "He is named in the next paragraph..", "…says Rostec.; “a person
    close…": each explanation ends with one full stop, never two, never before a semicolon."""
    model = make()
    for i in range(len(model.sentences) if ticks == "all" else 0):
        model.tick(i)
    model.check()
    text = html.unescape(re.sub(r"<[^>]+>", " ", model.feedback))
    text = " ".join(text.split())
    assert not re.search(r"(?<!\.)\.\s*\.(?!\.)", text), re.search(r".{60}(?<!\.)\.\s*\.(?!\.).{20}", text)
    assert ".;" not in text and ". ;" not in text, text
