"""Answer-key labels a teacher typed, checked (review A10).

``python -m helpers check`` warns about a hidden direction mark (U+202E) or zero-width
character in an answer-key CSV, as it does for reports, with file:line and column; and
when two rows of one claim give it different labels. The analyze page cuts a very long
label where it shows one.
"""
from __future__ import annotations

import contextlib
import io
import re
import shutil

import pytest

from helpers import cli
from helpers.case import data_dir

CASE = "rostec-venezuela-2019"


@pytest.fixture()
def case_dir(tmp_path):
    folder = tmp_path / "case"
    shutil.copytree(data_dir() / "cases" / CASE, folder)
    return folder


def run_check(folder) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main(["check", str(folder)])
    return code, out.getvalue()


def numbers_lines(folder) -> list[str]:
    return (folder / "annotations" / "numbers.csv").read_text(encoding="utf-8").split("\n")


def test_a_hidden_direction_mark_in_an_answer_key_label_is_warned_with_line_and_column(case_dir):
    path = case_dir / "annotations" / "numbers.csv"
    lines = numbers_lines(case_dir)
    assert lines[1].startswith("breitbart,\"July 2, 2013\",,breitbart_caption_photo_date,when the photo")
    lines[1] = lines[1].replace(",when the photo", ",when the \u202ephoto", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    code, said = run_check(case_dir)
    assert code == 0, said  # a warning, not a problem
    column = lines[1].index("\u202e") + 1
    warning = [line for line in said.splitlines() if "numbers.csv:2:" in line]
    assert len(warning) == 1, said
    assert f"U+202E right-to-left override (shows the text after it reversed) at column {column}" in warning[0]
    assert "\u202e" not in said


def test_one_claim_with_two_labels_is_warned(case_dir):
    path = case_dir / "annotations" / "numbers.csv"
    lines = numbers_lines(case_dir)
    claim = lines[1].split(",")[4]  # "July 2, 2013" is quoted, so the claim is the 5th cell here
    assert claim == "breitbart_caption_photo_date"
    copy = lines[1].replace(",when the photo in Breitbart's caption was taken,", ",the photo's date,", 1)
    assert copy != lines[1]
    lines.insert(2, copy)
    path.write_text("\n".join(lines), encoding="utf-8")
    code, said = run_check(case_dir)
    warning = [line for line in said.splitlines() if "numbers.csv:3:" in line and "labelled" in line]
    assert len(warning) == 1, said
    assert ('claim "breitbart_caption_photo_date" is labelled "the photo\'s date" here but '
            '"when the photo in Breitbart\'s caption was taken" on line 2') in warning[0]


def test_the_shipped_answer_keys_have_no_warnings():
    for case in (CASE, "warehouse-fire-port-carrow"):
        code, said = run_check(data_dir() / "cases" / case)
        assert code == 0 and "warning" not in said, said


def test_a_very_long_label_with_a_direction_mark_is_cut_and_shown_on_the_page(case_dir):
    from helpers.analyze import analyze_case, render_report

    path = case_dir / "annotations" / "numbers.csv"
    lines = numbers_lines(case_dir)
    long_label = "\u202e" + "Q" * 20_000
    lines[1] = lines[1].replace(",when the photo in Breitbart's caption was taken,", f",{long_label},", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    page = render_report(analyze_case(str(case_dir), charts=False))
    runs = [len(run) for run in re.findall("Q{50,}", page)]
    assert runs and max(runs) < 200  # the label is on the page, cut
    assert "\u202e" not in page  # the tooltip shows a marker, not a reversing character
    assert "\u27e8U+202E\u27e9" in page
