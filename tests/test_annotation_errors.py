"""A broken answer-key row is refused with file, line and reason."""
from __future__ import annotations

import pytest

from helpers import CaseError, load_case

HEADER = "report,quote,occurrence,claim,low,high,counted,hedge\n"


def key_error(folder, rows: str, name="numbers.csv", header=HEADER) -> str:
    (folder / "annotations").mkdir(exist_ok=True)
    (folder / "annotations" / name).write_text(header + rows, encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(folder).annotations(name.removesuffix(".csv"))
    return str(caught.value)


def test_good_rows_become_offsets(small_case):
    folder = small_case()
    (folder / "annotations").mkdir()
    (folder / "annotations" / "numbers.csv").write_text(HEADER + "first,12 people,,people,12,12,people,\n", encoding="utf-8")
    frame = load_case(folder).annotations("numbers")
    row = frame.iloc[0]
    text = load_case(folder).reports["first"].text
    assert text[row.start:row.end] == "12 people" and row.low == 12


def test_quote_not_found_shows_the_nearest_match(small_case):
    message = key_error(small_case(), "first,Oficials said 12,,people,12,12,people,\n")
    assert 'numbers.csv:2: report "first": quote not found: "Oficials said 12"' in message
    assert 'nearest in the report: "Officials said 1' in message


def test_ambiguous_quote_asks_for_an_occurrence(small_case):
    folder = small_case(reports={"first.txt": "12 came. Then 12 left.\n"})
    message = key_error(folder, "first,12,,people,12,12,people,\n")
    assert "numbers.csv:2:" in message and "quote appears 2 times" in message and "add an occurrence" in message


def test_occurrence_picks_the_right_place(small_case):
    folder = small_case(reports={"first.txt": "12 came. Then 12 left.\n"})
    (folder / "annotations").mkdir()
    (folder / "annotations" / "numbers.csv").write_text(HEADER + "first,12,2,left,12,12,people,\n", encoding="utf-8")
    assert load_case(folder).annotations("numbers").iloc[0].start == 14


def test_low_greater_than_high(small_case):
    message = key_error(small_case(), "first,12 people,,people,20,12,people,\n")
    assert "numbers.csv:2: low (20) is greater than high (12); swap them" in message


def test_unknown_report_id(small_case):
    message = key_error(small_case(), "frist,12 people,,people,12,12,people,\n")
    assert 'numbers.csv:2: unknown report "frist" (did you mean "first"?)' in message


def test_word_outside_the_vocabulary(small_case):
    header = "report,quote,occurrence,category,voice,neutral\n"
    message = key_error(small_case(), "first,Officials,,lable,own,people\n", "loaded_language.csv", header)
    assert 'category "lable" is not one of' in message and '(did you mean "label"?)' in message


def test_duplicate_row(small_case):
    row = "first,12 people,,people,12,12,people,\n"
    message = key_error(small_case(), row + row)
    assert "numbers.csv:3: the same annotation as on line 2" in message


def test_line_numbers_count_multi_line_quotes(small_case):
    folder = small_case(reports={"first.txt": "one\ntwo 12\n"})
    message = key_error(folder, 'frist,"one\ntwo",,people,1,1,x,\nfirst,missing,,people,1,1,x,\n')
    assert "numbers.csv:2: unknown report" in message
    assert "numbers.csv:4:" in message


def test_unknown_column(small_case):
    message = key_error(small_case(), "first,12 people,,people,12,12,people,,x\n", header=HEADER.strip() + ",colour\n")
    assert 'numbers.csv:1: unknown column "colour"' in message


def test_a_row_with_one_value_says_value_not_values(small_case):
    message = key_error(small_case(), "first\n")
    assert "row has 1 value but the header has " in message and "1 values" not in message
