"""A lexicon a teacher edits in a spreadsheet or a text editor, read safely (review A4, A7-A9).

``python -m helpers check`` and the lenses' loader read a lexicon the same way: a UTF-8
byte-order mark (Excel's "CSV UTF-8") is accepted; bytes that are not UTF-8 and a NUL
byte are named with their line; a column named twice is refused on line 1; a lexicon
above 1 MB or 20,000 rows is refused before a lens tries to use it.
"""
from __future__ import annotations

import shutil

import pytest

from helpers.lenses import _text
from helpers.problems import CaseError


@pytest.fixture()
def lexicons(tmp_path, monkeypatch):
    """A copy of the shipped lexicons that the lenses read instead."""
    folder = tmp_path / "lexicons"
    shutil.copytree(_text.LEXICON_DIR, folder)
    monkeypatch.setattr(_text, "LEXICON_DIR", folder)
    _text.reload_lexicons()
    yield folder
    monkeypatch.undo()
    _text.reload_lexicons()


def problems(folder) -> list[str]:
    return [str(p) for p in _text.check_lexicons(folder)]


def loader_refuses(name: str) -> str:
    _text.reload_lexicons()
    with pytest.raises(CaseError) as caught:
        _text.load_lexicon(name)
    return str(caught.value)


def test_a_lexicon_saved_with_a_byte_order_mark_is_read(lexicons):
    path = lexicons / "number_words.csv"
    shipped = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + shipped)
    assert problems(lexicons) == []
    _text.reload_lexicons()
    rows = _text.load_lexicon("number_words")
    assert rows and "word" in rows[0] and not any("\ufeff" in key for key in rows[0])
    from helpers.lenses import numbers

    found = numbers.detect("A dozen advisers stayed.")
    assert any("dozen" in found_text.lower() for found_text in found["text"])


def test_bytes_that_are_not_utf8_are_named_with_their_line(lexicons):
    path = lexicons / "number_words.csv"
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3] + b"caf\xe9"
    path.write_bytes(b"\n".join(lines))
    said = problems(lexicons)
    assert len(said) == 1
    assert "number_words.csv:4: not UTF-8 text: byte 0xe9" in said[0]
    assert "position" not in said[0]
    assert "number_words.csv:4: not UTF-8" in loader_refuses("number_words")


def test_a_nul_byte_is_named_with_its_line(lexicons):
    path = lexicons / "counted_nouns.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] = "\x00" + lines[2]
    path.write_text("\n".join(lines), encoding="utf-8")
    said = problems(lexicons)
    assert len(said) == 1 and "counted_nouns.csv:3: contains a NUL character" in said[0]
    assert "counted_nouns.csv:3: contains a NUL" in loader_refuses("counted_nouns")


def test_a_column_named_twice_is_refused_on_line_one(lexicons):
    path = lexicons / "number_words.csv"
    text = path.read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    assert header.strip() == "word,value,note"
    path.write_text("word,value,value\n" + rest, encoding="utf-8")
    said = problems(lexicons)
    assert said == [f'{said[0].split(":")[0]}:1: duplicate column "value"; each column must be named once']
    assert said[0].split(":")[0].endswith("number_words.csv")
    assert 'number_words.csv:1: duplicate column "value"' in loader_refuses("number_words")


def test_a_lexicon_above_one_megabyte_is_refused_before_it_is_read(lexicons):
    path = lexicons / "loaded_terms.csv"
    text = path.read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    body = rest * (1_100_000 // len(rest) + 1)
    path.write_text(header + "\n" + body, encoding="utf-8")
    said = problems(lexicons)
    assert len(said) == 1 and said[0].split(": ", 1)[0].endswith("loaded_terms.csv")  # file: problem
    assert "a lexicon may be at most 1 MB" in said[0]
    assert "a lexicon may be at most 1 MB" in loader_refuses("loaded_terms")


def test_a_lexicon_of_more_than_twenty_thousand_rows_is_refused(lexicons):
    path = lexicons / "counted_nouns.csv"
    header = path.read_text(encoding="utf-8").split("\n", 1)[0]
    path.write_text(header + "\n" + "x,y\n" * 20_001, encoding="utf-8")
    assert path.stat().st_size < _text.MAX_LEXICON_BYTES
    said = problems(lexicons)
    assert len(said) == 1 and "counted_nouns.csv: the lexicon has more than 20,000 rows" in said[0]
    assert "more than 20,000 rows" in loader_refuses("counted_nouns")


def test_the_shipped_lexicons_are_well_within_the_limits():
    for path in _text.LEXICON_DIR.glob("*.csv"):
        assert path.stat().st_size < _text.MAX_LEXICON_BYTES / 10
        _, rows = _text.read_lexicon_file(path, path.stem)
        assert 0 < len(rows) < _text.MAX_LEXICON_ROWS / 10


def test_the_guides_read_a_lexicon_saved_with_a_byte_order_mark(lexicons, monkeypatch):
    from helpers.guides import render_rules

    path = lexicons / "vague_quantities.csv"
    shipped = render_rules("a-few,up-to")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    monkeypatch.setenv("MEDIA_KIT_DATA", str(lexicons.parent))
    assert render_rules("a-few,up-to") == shipped


# --- every row, not only the header (review A3, A5) ----------------------------------------

def edit_row(folder, name: str, starts: str, old: str, new: str) -> int:
    """Replace ``old`` with ``new`` in the first row that starts with ``starts``; its line."""
    path = folder / f"{name}.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(starts))
    assert old in lines[at], lines[at]
    lines[at] = lines[at].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


def add_row(folder, name: str, row: str) -> int:
    path = folder / f"{name}.csv"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n" + row + "\n"
    path.write_text(text, encoding="utf-8")
    return text.rstrip("\n").count("\n") + 1


def test_the_shipped_lexicons_pass_every_row_check():
    assert _text.check_lexicons() == []


def test_a_number_written_in_words_is_named_with_its_line(lexicons):
    line = edit_row(lexicons, "number_words", "two,", "two,2,", "two,two,")
    assert f'number_words.csv:{line}: value "two" is not a number' in "\n".join(problems(lexicons))
    assert 'value "two" is not a number' in loader_refuses("number_words")


def test_an_amount_needs_its_numbers_but_a_hedge_does_not(lexicons):
    line = edit_row(lexicons, "vague_quantities", "several,", "several,amount,3,", "several,amount,three,")
    said = "\n".join(problems(lexicons))
    assert f'vague_quantities.csv:{line}: low "three" is not a number' in said
    assert said.count("is not a number") == 1   # the shipped hedges have no low or high, and need none
    empty = add_row(lexicons, "vague_quantities", "a handful of,amount,,,count,")
    said = "\n".join(problems(lexicons))
    assert f'vague_quantities.csv:{empty}: low "" is not a number' in said
    assert f'vague_quantities.csv:{empty}: high "" is not a number' in said


def test_a_regular_expression_python_cannot_read_is_named(lexicons):
    line = add_row(lexicons, "page_chrome_patterns", "appeal,regex,[,line,")
    said = "\n".join(problems(lexicons))
    assert (f"page_chrome_patterns.csv:{line}: pattern: not a regular expression Python can read "
            "(unterminated character set") in said
    assert "unterminated character set" in loader_refuses("page_chrome_patterns")


def test_a_pattern_that_could_take_hours_is_refused_before_it_runs(lexicons):
    line = add_row(lexicons, "page_chrome_patterns", "appeal,regex,(a+)+$,line,")
    said = "\n".join(problems(lexicons))
    assert f"page_chrome_patterns.csv:{line}: pattern: a group with a repeat inside" in said
    from helpers.lenses import page_chrome

    _text.reload_lexicons()
    with pytest.raises(CaseError, match="repeated without end"):
        page_chrome.detect("a" * 40 + "b\n")     # 2**40 steps if it ran; refused instead


@pytest.mark.parametrize("pattern, nested", [
    (r"(a+)+$", True), (r"(a*)*", True), (r"(\w+\s?)*$", True), (r"(x(a+)y)*", True),
    (r"(a{2,})+", True), (r"(?:ab)+", False), (r"(a+){2}", False), (r"[(a+)]+", False),
    (r"\(a+\)+", False), (r"(a|b)+", False), (r"((a)+)", False),
])
def test_nested_repeats_are_told_from_safe_ones(pattern, nested):
    assert _text.nested_repeat(pattern) is nested


def test_the_shipped_byline_rule_still_reads_several_authors():
    from helpers.lenses import page_chrome

    found = page_chrome.detect("By Jane Roe, John Doe and Ann Lee\n\nThe council met on Monday.\n")
    assert list(found["kind"]) == ["byline"], found
    assert found.iloc[0]["text"].strip() == "By Jane Roe, John Doe and Ann Lee"


def test_a_regex_row_is_not_tried_on_a_paragraph_written_as_one_long_line():
    from helpers.lenses import page_chrome

    long_line = "Putin (R) and Maduro shake hands at the talks. " + "The talks went on. " * 60
    assert len(long_line) > page_chrome.MAX_REGEX_LINE
    assert not len(page_chrome.detect(long_line + "\n"))
    assert len(page_chrome.detect("Putin (R) and Maduro shake hands at the talks.\n"))


@pytest.mark.parametrize("column, old, new", [
    ("pos", ",label,government,noun,", ",label,government,adjective,"),
    ("inflect", ",label,government,noun,yes,", ",label,government,noun,maybe,"),
    ("inflect", ",label,government,noun,yes,", ",label,government,noun,,"),
])
def test_a_loaded_term_with_an_unknown_part_of_speech_or_inflect_is_named(lexicons, column, old, new):
    line = edit_row(lexicons, "loaded_terms", "regime,", old, new)
    said = "\n".join(problems(lexicons))
    assert f"loaded_terms.csv:{line}: {column} " in said and "is not one of" in said


def test_a_lexicon_with_a_header_and_no_rows_is_named(lexicons):
    path = lexicons / "counted_nouns.csv"
    path.write_text(path.read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")
    assert "counted_nouns.csv:1: the file has a header line but no rows" in "\n".join(problems(lexicons))
