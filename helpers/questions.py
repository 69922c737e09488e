"""The lessons' multiple-choice questions, kept as data so the answers are not in the notebook.

A notebook cell asks one question by its journal key::

    question("01_side_by_side/headline-doubt")

and gets the kit's ``MultipleChoice`` widget (instant feedback, saved to the journal).
The question, its options, which option is right and why each one is right or wrong
live in ``data/lessons/questions.yml``: a teacher edits them there, and a student
reading the notebook does not see the right answer in the code. Each entry::

    01_side_by_side/headline-doubt:        # the journal key: <notebook>/<name>
      question: Which headline tells you to doubt the story before you read it?
      options:
        - text: "Global Research: “Dubious Report on Russia ...”"
          correct: true
          why: Right. “Dubious” means “probably not true”.
          evidence:                      # what in the texts backs the right answer
            - report: global-research    # reports/<report>.txt
              quote: "Dubious Report"    # an exact piece of that file
        - ...

A question whose answer is genuinely debatable says ``debatable: true``; an option a
thoughtful student could defend says ``defensible: true`` and its ``why`` gives the
reason. The widget shows such an option as "also defensible", not wrong.

:func:`check_questions` lists every problem in the file as ``file:line: problem``.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from . import yaml_lines
from .folders import data_dir
from .problems import CaseError, Problem

QUESTIONS_FILE = Path("lessons") / "questions.yml"


def questions_path() -> Path:
    """Where the question bank is: ``data/lessons/questions.yml``."""
    return data_dir() / QUESTIONS_FILE


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def load_questions(path: Path | str | None = None) -> dict:
    """The question bank as a dict: key -> {"question", "options": [{text, correct, why}]}.

    Raises :class:`CaseError` listing every problem when the file is broken.
    """
    path = Path(path) if path else questions_path()
    problems = check_questions(path)
    if problems:
        raise CaseError(problems)
    return _load(str(path), path.stat().st_mtime)


def check_questions(path: Path | str | None = None) -> list[Problem]:
    """Every problem in the question bank, with its line when it can be found."""
    path = Path(path) if path else questions_path()
    if not path.is_file():
        return [Problem(path, None, "the question bank is missing")]
    text = path.read_text(encoding="utf-8")
    # Aliases (a few bytes that grow into gigabytes) and tags are refused, with their line.
    bank, problems = yaml_lines.load(text, path)
    if problems:
        return problems
    bank = bank or {}
    if not isinstance(bank, dict):
        return [Problem(path, 1, "the file must map question keys to questions")]
    lines = text.splitlines()

    def line_of(key: str):
        for number, line in enumerate(lines, 1):
            if line.startswith(f"{key}:"):
                return number
        return None

    problems = []
    for key, entry in bank.items():
        where = line_of(key)
        if not isinstance(key, str) or "/" not in key:
            problems.append(Problem(path, where, f'key "{key}" must look like "<notebook>/<name>"'))
        if not isinstance(entry, dict) or not str(entry.get("question", "")).strip():
            problems.append(Problem(path, where, f'"{key}" needs a question'))
            continue
        options = entry.get("options")
        if not isinstance(options, list) or len(options) < 2:
            problems.append(Problem(path, where, f'"{key}" needs at least two options'))
            continue
        for option in options:
            if not isinstance(option, dict) or not str(option.get("text", "")).strip() \
                    or not str(option.get("why", "")).strip() or not isinstance(option.get("correct"), bool):
                problems.append(Problem(path, where, f'"{key}": each option needs text, correct (true/false) and why'))
                break
            evidence = option.get("evidence", [])
            if not isinstance(evidence, list) or not all(
                    isinstance(e, dict) and str(e.get("report", "")).strip() and str(e.get("quote", "")).strip()
                    for e in evidence):
                problems.append(Problem(path, where, f'"{key}": evidence is a list of {{report: ..., quote: "..."}}'))
                break
            if option.get("defensible") and option["correct"]:
                problems.append(Problem(path, where, f'"{key}": an option is either correct or defensible, not both'))
                break
            if option.get("defensible") and not entry.get("debatable"):
                problems.append(Problem(path, where, f'"{key}": a defensible option needs debatable: true on the question'))
                break
        else:
            if not any(o["correct"] for o in options):
                problems.append(Problem(path, where, f'"{key}": no option is marked correct: true'))
    return problems


def question_options(key: str, path: Path | str | None = None) -> tuple[str, list[tuple]]:
    """The question text and its options, as ``MultipleChoice`` takes them: (text, correct,
    why), or (text, correct, why, True) for an option the kit calls also defensible."""
    bank = load_questions(path)
    if key not in bank:
        raise KeyError(f"no question {key!r} in {questions_path()}")
    entry = bank[key]
    options = []
    for o in entry["options"]:
        option = (str(o["text"]), bool(o["correct"]), str(o["why"]))
        options.append(option + (True,) if o.get("defensible") else option)
    return str(entry["question"]), options


def question(key: str, path: Path | str | None = None, journal=None):
    """The ``MultipleChoice`` widget for the question ``key``, saved to the journal under ``key``."""
    from .widgets import MultipleChoice

    text, options = question_options(key, path)
    return MultipleChoice(text, options=options, key=key, journal=journal)
