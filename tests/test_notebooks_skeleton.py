"""Every lesson notebook follows the one skeleton, and its prose is easy to read.

The skeleton (see the README and DESIGN.md): a single ``#`` title; "What you will
learn"; the time needed; exactly one cell tagged ``setup`` (the first code cell); at
least three exercises headed "Exercise", each with a widget that gives feedback at
once and a worked answer in a cell tagged ``solution`` (folded in a ``<details>`` box); at least one chart; a
reflection saved to the journal; "Key points"; "What next"; no stored outputs.

Readability: the Flesch-Kincaid grade of all the text a student reads (Markdown cells
not tagged ``solution`` or ``remove-cell``, across every lesson) must be 10 or below.
The test prints the figure (``pytest -s`` shows it; ``-rP`` too).
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from helpers.catalogue import exercises_in
from readability import markdown_text, measure

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
MAX_GRADE = 10.0

#: Widgets that check an answer against the key and say so at once (``question`` makes a
#: MultipleChoice from data/lessons/questions.yml).
#: The exercises (from the lessons' catalogue) that give feedback on an answer.
EXERCISE_WIDGETS = ("SpotIt", "MultipleChoice", "Rewrite", "question")
#: What saves a student's own words to the journal.
JOURNAL_WIDGETS = ("Reflection(",)
#: Calls that draw a chart (helpers.charts, and the explorers that draw one).
CHART_CALLS = ("attribution_mix(", "number_ranges(", "loaded_terms(", "page_chrome_share(", "source_chain_graph(",
               "NumbersExplorer(", "SourceChainExplorer(")
HIDDEN_TAGS = {"solution", "remove-cell"}


def tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def headings(cell) -> list[tuple[int, str]]:
    if cell.cell_type != "markdown":
        return []
    return [(len(m.group(1)), m.group(2).strip())
            for m in re.finditer(r"^(#{1,6})\s+(.*)$", cell.source, flags=re.M)]


def sections(nb, pattern: str):
    """Each run of cells from a heading matching ``pattern`` to the next heading."""
    found, current = [], None
    for cell in nb.cells:
        heads = headings(cell)
        if heads:
            if current is not None:
                found.append(current)
                current = None
            if any(re.match(pattern, text) for _, text in heads):
                current = [cell]
            continue
        if current is not None:
            current.append(cell)
    if current is not None:
        found.append(current)
    return found


def calls(cells, names) -> bool:
    return any(c.cell_type == "code" and any(n in c.source for n in names) for c in cells)


@pytest.fixture(params=LESSONS, ids=[p.stem for p in LESSONS])
def nb(request):
    return nbformat.read(request.param, as_version=4)


def test_there_are_seven_lessons():
    assert [p.stem[:2] for p in LESSONS] == ["00", "01", "02", "03", "04", "05", "06"]


def test_single_title_first(nb):
    titles = [text for cell in nb.cells for level, text in headings(cell) if level == 1]
    assert len(titles) == 1, f"one '# title' per notebook, found {titles}"
    assert headings(nb.cells[0])[0][0] == 1, "the title is the first cell"


def test_what_you_will_learn_and_time(nb):
    learn = sections(nb, r"What you will learn")
    assert learn, 'a "## What you will learn" section'
    text = "\n".join(c.source for c in learn[0])
    assert re.search(r"^1\. ", text, flags=re.M), "what you will learn is a numbered list"
    assert re.search(r"\*\*Time needed:\*\* about \d+ minutes", text), '"**Time needed:** about N minutes"'


def test_one_setup_cell_is_the_first_code_cell(nb):
    code = [c for c in nb.cells if c.cell_type == "code"]
    setup = [c for c in nb.cells if "setup" in tags(c)]
    assert len(setup) == 1, "exactly one cell tagged setup"
    assert setup[0] is code[0], "the setup cell is the first code cell"
    assert "load_case(" in setup[0].source


def test_three_exercises_with_feedback_and_answers(nb):
    exercises = sections(nb, r"Exercise\b")
    assert len(exercises) >= 3, f"at least three '### Exercise' sections, found {len(exercises)}"
    position = {id(cell): index for index, cell in enumerate(nb.cells)}
    asked = {e.cell for e in exercises_in(nb.cells, "lesson") if e.call in EXERCISE_WIDGETS}
    for cells in exercises:
        title = headings(cells[0])[0][1]
        assert any(position[id(c)] in asked for c in cells), f"{title}: no exercise widget ({', '.join(EXERCISE_WIDGETS)})"
        assert any("solution" in tags(c) for c in cells), f"{title}: no worked answer in a cell tagged solution"


def test_answers_are_tagged_solution(nb):
    for cell in nb.cells:
        is_answer = cell.cell_type == "markdown" and ("**Answer" in cell.source or "Worked answer" in cell.source)
        assert is_answer == ("solution" in tags(cell)), f"answer cells and solution tags go together: {cell.source[:60]!r}"
        if "solution" in tags(cell):
            assert cell.cell_type == "markdown", "a solution is prose, so the student edition still runs without it"
            assert cell.source.startswith("<details>") and cell.source.rstrip().endswith("</details>"), \
                "a worked answer is folded in a closed <details> box (the build opens it for the teacher)"


def test_a_chart(nb):
    assert calls(nb.cells, CHART_CALLS), f"at least one chart ({', '.join(CHART_CALLS)})"


def test_reflection_saved_to_journal(nb):
    reflection = sections(nb, r"Reflection\b")
    assert reflection, 'a "## Reflection" section'
    assert calls(reflection[0], JOURNAL_WIDGETS), "the reflection is a Reflection widget (saved to the journal)"


def test_key_points_and_what_next_close_the_notebook(nb):
    heads = [text for cell in nb.cells for _, text in headings(cell)]
    assert "Key points" in heads and "What next" in heads
    assert heads.index("Key points") < heads.index("What next")
    assert heads[-1] == "What next" or heads.index("What next") >= len(heads) - 2


def test_no_stored_outputs(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"stored output in {cell.source[:60]!r}"
    assert "widgets" not in nb.metadata, "no saved widget state"


def test_code_cells_are_short_and_define_nothing(nb):
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert not re.search(r"^\s*(def|class)\s", cell.source, flags=re.M), \
            f"logic belongs in helpers/, not in a notebook cell: {cell.source[:60]!r}"


def student_text(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n\n".join(markdown_text(c.source) for c in nb.cells
                       if c.cell_type == "markdown" and not tags(c) & HIDDEN_TAGS)


def test_reading_level():
    lines = []
    for path in LESSONS:
        lines.append(f"  {path.stem}: {measure(student_text(path))}")
    overall = measure("\n\n".join(student_text(p) for p in LESSONS))
    print("\nReading level of the student-facing text:\n" + "\n".join(lines) + f"\n  all lessons: {overall}")
    assert overall.words > 3000, "the lessons' text was not found"
    assert overall.grade <= MAX_GRADE, f"{overall}: above grade {MAX_GRADE}; shorten sentences, use plainer words"
