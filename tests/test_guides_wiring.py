"""The guides' hand-written counts of an exercise's answer agree with the key the widget
scores against, and the before-and-after checks are wired into the unit (notebooks 00 and 06,
the unit plan), outside the 45-minute classes."""
from pathlib import Path

import nbformat
import pytest

from helpers import load_case
from helpers.widgets.exercises import SpotItModel

ROOT = Path(__file__).resolve().parents[1]
WORDS = {3: "three", 4: "four", 5: "five", 6: "six", 10: "ten"}

# (guide, the sentence in it that states the count, SpotIt arguments as in the notebook)
SPOT_COUNTS = [
    ("00_start_here", "There are {n} pieces of chrome", dict(report="breitbart", lens="page_chrome")),
    ("02_source_chains", "The check counts {n} sentences that name an outlet",
     dict(report="hannity", lens="attributions", kind="outlet")),
]


@pytest.fixture(scope="module")
def case():
    return load_case("rostec-venezuela-2019")


@pytest.mark.parametrize("stem,sentence,args", SPOT_COUNTS, ids=[s for s, _, _ in SPOT_COUNTS])
def test_guide_states_how_many_sentences_the_key_counts(case, stem, sentence, args, tmp_path):
    model = SpotItModel(case, key="x/y", journal=None, **args)
    n = len(model.answer)
    text = (ROOT / "lessons" / f"{stem}.md").read_text(encoding="utf-8")
    assert sentence.format(n=WORDS.get(n, str(n))) in text, (
        f"lessons/{stem}.md should say the exercise counts {n} sentences, as the widget does")


def _markdown(stem: str) -> str:
    nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_notebook_00_offers_the_before_check():
    assert "take the short check in `pre_check.ipynb` first (about 12 minutes)" in _markdown("00_start_here")


def test_notebook_06_sends_students_to_the_after_check_before_the_journal_is_saved():
    nb = nbformat.read(ROOT / "notebooks" / "06_put_it_together.ipynb", as_version=4)
    check = next(i for i, c in enumerate(nb.cells) if "post_check.ipynb" in c.source)
    save = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "download_journal()" in c.source)
    assert nb.cells[check].cell_type == "markdown" and check < save


def test_unit_plan_links_the_checks_guide_and_keeps_them_outside_the_classes():
    text = (ROOT / "lessons" / "README.md").read_text(encoding="utf-8")
    assert "[checks.md](checks.md)" in text
    section = text.split("### The before-and-after checks", 1)[1].split("\n### ", 1)[0]
    assert "12 minutes" in section and "not inside the 45-minute plans" in section
