"""The one catalogue of the lessons' exercises (helpers/catalogue.py) finds every one.

The expected counts were written by reading each notebook's code cells (one exercise per
call that names a journal key: question, check_item, SpotIt, Rewrite, Reflection,
OwnStory), not by running the catalogue. reader.ipynb's reader keeps notes
(``notes_key``) but asks no exercise.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from helpers.catalogue import catalogue, every_exercise, exercises_in, notebook_exercises

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

#: notebook -> {call: how many}, read by hand from the notebooks.
EXPECTED = {
    "00_start_here": {"question": 2, "SpotIt": 1, "Reflection": 1},
    "01_side_by_side": {"question": 5, "Reflection": 1},
    "02_source_chains": {"SpotIt": 1, "question": 4, "Reflection": 1},
    "03_anonymous_sources": {"SpotIt": 1, "question": 5, "Reflection": 1},
    "04_numbers": {"question": 6, "Reflection": 1},
    "05_loaded_language": {"SpotIt": 1, "question": 3, "Rewrite": 1, "Reflection": 1},
    "06_put_it_together": {"question": 4, "Reflection": 7, "OwnStory": 1},
    "pre_check": {"check_item": 6, "Reflection": 1},
    "post_check": {"check_item": 6, "Reflection": 1},
}


def test_every_notebook_is_in_the_catalogue_or_known_to_ask_nothing():
    on_disk = {p.stem for p in NOTEBOOKS.glob("*.ipynb")}
    assert on_disk - set(EXPECTED) == {"reader"}, "a new notebook: add its exercises to EXPECTED"


@pytest.mark.parametrize("notebook", sorted(EXPECTED))
def test_the_catalogue_finds_every_exercise_of_each_notebook(notebook):
    found = catalogue(NOTEBOOKS)[notebook]
    assert dict(Counter(e.call for e in found)) == EXPECTED[notebook]
    assert all(e.notebook == notebook and e.key.startswith(notebook + "/") for e in found)
    assert len({e.key for e in found}) == len(found), "each exercise has its own key"
    assert [e.cell for e in found] == sorted(e.cell for e in found), "in the notebook's order"


def test_kinds_lenses_and_cases():
    spots = every_exercise(NOTEBOOKS, call="SpotIt")
    assert {e.lens for e in spots} >= {"attributions", "page_chrome"}
    assert all(e.kind == "spot_it" and e.case == "rostec-venezuela-2019" and e.arguments.get("report") for e in spots)
    assert {e.kind for e in every_exercise(NOTEBOOKS, call="question")} == {"choice"}
    assert {e.kind for e in every_exercise(NOTEBOOKS, call="Reflection")} == {"text"}
    assert "reader" not in catalogue(NOTEBOOKS)


def test_the_catalogue_reads_calls_as_code_not_as_text(tmp_path):
    cells = [
        {"cell_type": "markdown", "source": 'question("x/in-markdown")'},
        {"cell_type": "code", "source": 'case = load_case("my-case")\n# question("x/in-a-comment")'},
        {"cell_type": "code", "source": ["SpotIt(case, report='a',\n", "       key='x/spot', kind=\"anonymous\")"]},
        {"cell_type": "code", "source": "this is not python ("},
        {"cell_type": "code", "source": 'display(question( "x/q1" ), Reflection(prompt=p, key="x/r"))'},
        {"cell_type": "code", "source": 'question("no-slash")\nRewrite(key=KEY)'},
    ]
    found = exercises_in(cells, "x")
    assert [(e.call, e.key, e.cell) for e in found] == [("SpotIt", "x/spot", 2), ("question", "x/q1", 4),
                                                        ("Reflection", "x/r", 4)]
    spot = found[0]
    assert spot.lens == "attributions" and spot.case == "my-case" and spot.arguments == {
        "report": "a", "key": "x/spot", "kind": "anonymous"}
    (tmp_path / "broken.ipynb").write_text("{not json", encoding="utf-8")
    assert notebook_exercises(tmp_path / "broken.ipynb") == []
