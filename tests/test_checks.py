"""The before-and-after checks: their story, their items, their scoring and their notebooks.

- The story is a proper case (``python -m helpers check`` passes) and says it is invented.
- ``data/lessons/checks.yml`` is valid, every evidence quote is in its report, and a broken
  quote is caught with its line.
- The two checks are parallel: each pre-check item has a post-check twin of the same skill
  and kind, on a different report, and each check covers the four skills.
- Scoring through the real widgets: the right option scores 1 and a wrong one 0; the first
  try counts after a change; a tick exercise scores right / (right + missed + wrong).
- The notebooks follow the lessons' skeleton (the same checks as tests/test_notebooks_skeleton.py,
  with the check widgets) and read at grade 10 or below.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
import yaml

import test_notebooks_skeleton as skeleton
from helpers import load_case
from helpers.catalogue import exercises_in
from helpers.checks import (CASE, CHECKS, SKILLS, check_checks, check_item, checks_path, load_checks,
                            parallel_items, score_check, score_entry, spot_key)
from helpers.cli import main
from readability import measure
from helpers.widgets import Journal

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = [ROOT / "notebooks" / f"{c}.ipynb" for c in CHECKS]


def test_the_story_is_a_valid_case_and_says_it_is_invented(capsys):
    assert main(["check", CASE]) == 0
    assert "OK" in capsys.readouterr().out
    case = load_case(CASE)
    assert len(case.reports) == 3
    folder = ROOT / "data" / "cases" / CASE
    config = yaml.safe_load((folder / "case.yml").read_text(encoding="utf-8"))
    assert "invented for teaching" in config["title"] and "Invented for teaching" in config["notes"]
    assert all("invented for teaching" in r["outlet"] for r in config["reports"])
    assert "invented for teaching" in (folder / "README.md").read_text(encoding="utf-8")


def test_checks_file_is_valid():
    assert check_checks() == []
    bank = load_checks()
    assert {k.split("/")[0] for k in bank} == set(CHECKS)


def test_a_wrong_evidence_quote_is_caught_with_its_line(tmp_path):
    text = checks_path().read_text(encoding="utf-8")
    broken = text.replace('quote: "the shadowy firm that owns the site"', 'quote: "the shady firm that owns the site"')
    assert broken != text
    (tmp_path / "checks.yml").write_text(broken, encoding="utf-8")
    problems = check_checks(tmp_path / "checks.yml")
    assert len(problems) == 1 and "pre_check/own-voice" in str(problems[0]) and "shady firm" in str(problems[0])
    assert problems[0].line == next(n for n, line in enumerate(broken.splitlines(), 1)
                                    if line.startswith("pre_check/own-voice:"))


def test_pre_and_post_are_parallel():
    bank = load_checks()
    pairs = parallel_items()
    assert len(pairs) == len(bank) // 2 == 6
    for pre, post in pairs:
        assert bank[pre]["skill"] == bank[post]["skill"], pre
        assert ("spot" in bank[pre]) == ("spot" in bank[post]), pre
        if "spot" in bank[pre]:
            assert bank[pre]["spot"]["report"] != bank[post]["spot"]["report"]
            assert bank[pre]["spot"]["lens"] == bank[post]["spot"]["lens"]
            assert bank[pre]["spot"]["kind"] == bank[post]["spot"]["kind"]
        else:
            assert len(bank[pre]["options"]) == len(bank[post]["options"])
    for check in CHECKS:
        assert {v["skill"] for k, v in bank.items() if k.startswith(check)} == set(SKILLS)


@pytest.mark.parametrize("key", [k for k, v in load_checks().items() if "options" in v])
def test_right_option_scores_right_and_wrong_ones_wrong(key, tmp_path):
    bank = load_checks()
    for n, option in enumerate(bank[key]["options"]):
        journal = Journal(tmp_path / f"{n}" / "journal.json")
        widget = check_item(key, journal=journal)
        widget.model.value = n
        entry = journal.get(key)
        assert entry["correct"] is option["correct"]
        assert score_entry(key, entry) == (1.0 if option["correct"] else 0.0)


def test_the_first_try_counts(tmp_path):
    journal = Journal(tmp_path / "journal.json")
    widget = check_item("pre_check/trace", journal=journal)
    texts = [t for t, _, _ in widget.model.options]
    right = next(i for i, (_, c, _) in enumerate(widget.model.options) if c)
    widget.model.value = (right + 1) % len(texts)
    widget.model.value = right
    entry = journal.get("pre_check/trace")
    assert entry["correct"] is True and entry["first_try"]["correct"] is False
    assert score_entry("pre_check/trace", entry) == 0.0
    again = check_item("pre_check/trace", journal=Journal(tmp_path / "journal.json"))  # reopened notebook
    again.model.value = right
    assert Journal(tmp_path / "journal.json").get("pre_check/trace")["first_try"]["correct"] is False


def test_tick_items_score_right_over_everything_ticked_or_missed(tmp_path):
    journal = Journal(tmp_path / "journal.json")
    widget = check_item("post_check/spot-loaded", journal=journal)
    _, wanted = spot_key("meridian", "loaded_language", "own")
    assert score_entry("post_check/spot-loaded", journal.get("post_check/spot-loaded")) is None  # not answered
    widget.model.ticked = tuple(range(len(widget.model.sentences)))  # tick everything, check
    widget.model.check()
    assert score_entry("post_check/spot-loaded", journal.get("post_check/spot-loaded")) == \
        len(wanted) / len(widget.model.sentences)
    widget.model.ticked = tuple(sorted(wanted))  # a change after the feedback: the first try still counts
    entry = journal.get("post_check/spot-loaded")
    assert entry["correct"] is True and score_entry("post_check/spot-loaded", entry) < 1
    fresh = Journal(tmp_path / "b" / "journal.json")
    w = check_item("post_check/spot-loaded", journal=fresh)
    w.model.ticked = tuple(sorted(wanted))
    w.model.check()
    assert score_entry("post_check/spot-loaded", fresh.get("post_check/spot-loaded")) == 1.0


def test_score_check_per_skill(tmp_path):
    journal = Journal(tmp_path / "journal.json")
    bank = load_checks()
    for key, item in bank.items():
        if key.startswith("pre_check/") and "options" in item:
            w = check_item(key, journal=journal)
            w.model.value = next(i for i, o in enumerate(item["options"]) if o["correct"])
    result = score_check(journal.entries(), "pre_check")
    assert result["out_of"] == 6 and result["answered"] == 4 and result["total"] == 4.0
    assert result["skills"] == {"trace": 1.0, "anonymous": 0.5, "numbers": 1.0, "loaded": 0.5}
    assert score_check(journal.entries(), "post_check")["answered"] == 0


# -- the notebooks follow the lessons' skeleton ------------------------------------------

@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def nb(request):
    return nbformat.read(request.param, as_version=4)


@pytest.mark.parametrize("test", [skeleton.test_single_title_first, skeleton.test_what_you_will_learn_and_time,
                                  skeleton.test_one_setup_cell_is_the_first_code_cell,
                                  skeleton.test_answers_are_tagged_solution, skeleton.test_reflection_saved_to_journal,
                                  skeleton.test_key_points_and_what_next_close_the_notebook,
                                  skeleton.test_no_stored_outputs, skeleton.test_code_cells_are_short_and_define_nothing],
                         ids=lambda t: t.__name__)
def test_skeleton(nb, test):
    test(nb)


def test_every_item_is_an_exercise_with_a_worked_answer(nb):
    exercises = skeleton.sections(nb, r"Exercise\b")
    keys = [k for k in load_checks() if k.startswith(nb.metadata.get("check_name", ""))]
    for cells in exercises:
        assert skeleton.calls(cells, ("check_item(",)), skeleton.headings(cells[0])
        assert any("solution" in skeleton.tags(c) for c in cells), skeleton.headings(cells[0])
    asked = [e.key for e in exercises_in(nb.cells, "check") if e.call == "check_item"]
    assert len(asked) == len(exercises), "one item per exercise section"
    check = asked[0].split("/")[0]
    assert asked == [k for k in keys if k.startswith(check + "/")], "every item, once, in the file's order"
    assert skeleton.calls(nb.cells, (f'my_score("{check}")',)), "the student sees their own score, as a chart"


def test_ten_to_twelve_minutes():
    for path in NOTEBOOKS:
        text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
        assert "**Time needed:** about 12 minutes." in text
        assert "made up" in text  # the student is told the story is invented


def test_reading_level():
    for path in NOTEBOOKS:
        level = measure(skeleton.student_text(path))
        print(f"\n  {path.stem}: {level}")
        assert level.grade <= skeleton.MAX_GRADE, f"{path.stem}: {level}"
