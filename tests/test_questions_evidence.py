"""Every multiple-choice answer the kit calls right is backed by the report texts.

Each correct option in data/lessons/questions.yml lists ``evidence``: a report id and a
quote that must be an exact piece of data/cases/<case>/reports/<report>.txt. A question
whose answer is genuinely debatable says ``debatable: true``; its feedback says so and an
option a thoughtful student could defend (``defensible: true``) is not marked wrong.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers.questions import check_questions, question_options, questions_path
from helpers.widgets import Journal
from helpers.widgets.exercises import MultipleChoiceModel

REPORTS = Path(__file__).resolve().parent.parent / "data" / "cases" / "rostec-venezuela-2019" / "reports"

# A question about the notebook's own sample story (not one of the five reports) is backed
# by `sample_evidence`, which tests/test_lessons_04_06.py finds in that notebook.
SAMPLE_STORY_QUESTIONS = {"06_put_it_together/own-story-loaded"}


def bank() -> dict:
    return yaml.safe_load(questions_path().read_text(encoding="utf-8"))


BANK = bank()
TEXTS = {path.stem: path.read_text(encoding="utf-8") for path in REPORTS.glob("*.txt")}


def evidence_problems(key: str, entry: dict, texts: dict[str, str]) -> list[str]:
    problems = []
    for option in entry["options"]:
        for evidence in option.get("evidence", []):
            if evidence["report"] not in texts:
                problems.append(f"{key}: no report {evidence['report']!r}")
            elif evidence["quote"] not in texts[evidence["report"]]:
                problems.append(f"{key}: {evidence['quote']!r} is not in {evidence['report']}.txt")
        if option["correct"] and key not in SAMPLE_STORY_QUESTIONS and not option.get("evidence"):
            problems.append(f"{key}: the right option {option['text']!r} has no evidence")
    return problems


@pytest.mark.parametrize("key", sorted(BANK))
def test_every_right_answer_is_backed_by_a_quote_from_the_reports(key):
    assert evidence_problems(key, BANK[key], TEXTS) == []


def test_questions_exempt_from_report_evidence_carry_sample_evidence():
    for key in SAMPLE_STORY_QUESTIONS:
        right = [o for o in BANK[key]["options"] if o["correct"]]
        assert right and all(o.get("sample_evidence") for o in right), key


def test_a_made_up_quote_or_a_missing_evidence_is_caught(tmp_path):
    entry = {"question": "q", "options": [
        {"text": "a", "correct": True, "why": "w", "evidence": [{"report": "breitbart", "quote": "no such words"}]},
        {"text": "b", "correct": True, "why": "w"}]}
    problems = evidence_problems("01_x/y", entry, TEXTS)
    assert len(problems) == 2 and "not in breitbart.txt" in problems[0] and "no evidence" in problems[1]
    path = tmp_path / "q.yml"
    path.write_text(yaml.safe_dump({"k/x": {"question": "q", "options": [
        {"text": "a", "correct": True, "why": "w", "evidence": "not a list"},
        {"text": "b", "correct": False, "why": "w"}]}}), encoding="utf-8")
    assert any("evidence" in p.message for p in check_questions(path))


@pytest.mark.parametrize("key", sorted(k for k, v in BANK.items() if v.get("debatable")))
def test_a_debatable_question_says_so_and_does_not_mark_a_defensible_answer_wrong(tmp_path, key):
    text, options = question_options(key)
    defensible = [i for i, o in enumerate(options) if len(o) == 4]
    assert defensible, f"{key} is debatable but no option is marked defensible"
    model = MultipleChoiceModel(text, options, key=key, journal=Journal(tmp_path / "j.json"))
    for i in defensible:
        model.value = i
        assert model.correct is True
        assert "Also defensible" in model.feedback and "Not quite" not in model.feedback
        assert model.journal.get(key)["correct"] is True
    right = next(i for i, o in enumerate(options) if o[1])
    assert any(word in options[right][2] for word in ("not be sure", "cannot be sure", "likely")), \
        f"{key}: the right answer's feedback must say the question is open"


def test_fake_bracket_is_debatable():
    """Its worked answer says "we cannot be sure": it must not mark the other reading wrong."""
    assert BANK["02_source_chains/fake-bracket"].get("debatable") is True


def test_one_to_many_does_not_claim_what_the_moscow_times_contradicts():
    """The Moscow Times writes "One of WSJ's sources" and "other sources were cited"."""
    entry = BANK["03_anonymous_sources/one-to-many"]
    words = entry["question"] + " ".join(o["why"] for o in entry["options"])
    assert "nothing in the other reports" not in words
    mt = next(o for o in entry["options"] if o["text"] == "The Moscow Times")
    assert "other sources" in mt["why"]


def test_only_breitbart_does_not_say_the_denial_is_only_in_the_moscow_times():
    """Global Research carries the ambassador's denial too."""
    assert "refuted the claim" in TEXTS["global-research"]
    option = next(o for o in BANK["01_side_by_side/only-breitbart"]["options"] if "ambassador" in o["text"])
    assert "only in The Moscow Times" not in option["why"] and "Global Research" in option["why"]


def test_the_capitals_explanation_is_what_the_lens_does():
    """Student review: "the lens ignores them" (capitals) was untrue: it marks a headline in
    capitals. What the bank says now: a listed word is found whatever its capitals."""
    from helpers.lenses import loaded_language

    option = next(o for o in BANK["05_loaded_language/why-missed"]["options"] if "capital" in o["text"])
    assert "whether or not it has capital letters" in option["why"] and "ignores" not in option["why"]
    for text in ("The Maduro regime said no.", "The Maduro Regime said no.", "THE MADURO REGIME SAID NO."):
        found = loaded_language.detect(text)
        assert any("regime" in t.lower() for t in found["text"]), text
