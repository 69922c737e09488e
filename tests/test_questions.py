"""The question bank (data/lessons/questions.yml) and the notebooks that ask its questions."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.catalogue import every_exercise
from helpers.problems import CaseError
from helpers.questions import check_questions, load_questions, question, question_options

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def asked() -> dict[str, str]:
    """Every question("key") in the lessons -> the notebook that asks it."""
    found = {}
    lessons = {path.stem for path in LESSONS}
    for exercise in every_exercise(NOTEBOOKS, call="question"):
        if exercise.notebook in lessons:
            key = exercise.key
            assert key not in found, f"{key} is asked twice ({found.get(key)} and {exercise.notebook})"
            found[key] = exercise.notebook
    return found


def test_the_bank_is_valid():
    assert check_questions() == []


def test_every_question_asked_is_in_the_bank_and_every_one_is_asked():
    bank, used = load_questions(), asked()
    assert set(used) == set(bank), f"asked but missing: {set(used) - set(bank)}; never asked: {set(bank) - set(used)}"
    for key, notebook in used.items():
        assert key.split("/")[0] == notebook, f"{key} is asked in {notebook}: keys start with the notebook's name"


def test_each_question_has_one_right_answer_and_feedback_for_all():
    for key, entry in load_questions().items():
        right = [o for o in entry["options"] if o["correct"]]
        assert len(right) == 1, f"{key}: one right answer (the widget takes one choice)"
        for option in entry["options"]:
            # The widget itself opens its feedback with "Right." or "Not quite.".
            assert not option["why"].startswith(("Right.", "Right:", "No.")), f"{key}: feedback repeats the widget's word"


def test_question_makes_the_multiple_choice_widget(tmp_path):
    from helpers.widgets import Journal

    journal = Journal(tmp_path / "journal.json")
    widget = question("04_numbers/few-dozen", journal=journal)
    text, options = question_options("04_numbers/few-dozen")
    assert widget.model.prompt == text and widget.model.options == options
    right = next(i for i, (_, correct, _) in enumerate(options) if correct)
    widget.model.value = right
    assert widget.model.correct is True
    assert journal.get("04_numbers/few-dozen")["correct"] is True


def test_an_unknown_key_names_the_file():
    with pytest.raises(KeyError, match="questions.yml"):
        question_options("01_side_by_side/no-such-question")


def test_a_broken_bank_is_reported_with_lines(tmp_path):
    bank = tmp_path / "questions.yml"
    bank.write_text(
        "01_x/ok:\n  question: Fine?\n  options:\n  - {text: a, correct: true, why: Right.}\n"
        "  - {text: b, correct: false, why: No.}\n"
        "01_x/none-right:\n  question: Which?\n  options:\n  - {text: a, correct: false, why: No.}\n"
        "  - {text: b, correct: false, why: No.}\n"
        "01_x/no-why:\n  question: Which?\n  options:\n  - {text: a, correct: true}\n  - {text: b, correct: false, why: x}\n",
        encoding="utf-8")
    problems = [str(p) for p in check_questions(bank)]
    assert len(problems) == 2
    assert problems[0].endswith(':6: "01_x/none-right": no option is marked correct: true')
    assert ":11: " in problems[1] and "needs text, correct (true/false) and why" in problems[1]
    with pytest.raises(CaseError):
        load_questions(bank)


def test_no_question_names_its_own_options():
    """Student review: "The Moscow Times and Global Research give the figure to one source.
    Which report gives it to several?" ruled out two of its own options. A question does not
    name any of its options."""
    import yaml

    from helpers.questions import questions_path

    bank = yaml.safe_load(questions_path().read_text(encoding="utf-8"))
    named = [(key, option["text"]) for key, q in bank.items() for option in q["options"]
             if len(option["text"].strip()) > 3 and option["text"].strip().casefold() in q["question"].casefold()]
    assert named == []
