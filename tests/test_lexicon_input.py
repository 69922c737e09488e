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


# --- a teacher's regular expression never hangs a lens (attacker review) -------------------

#: Patterns that backtrack without end, or match empty text, as a teacher might write them.
REFUSED = [r"(a|a)*$", r"(\w|\w)*", r"(a+){0,1000}$", r"(\w+){1,100}X", r"\s*\s*\s*$",
           r"^(?:\w+\s?){1,12}$", r"(.|.)*X", r"z*", r".*.*.*.*X?"]


@pytest.mark.parametrize("pattern", REFUSED)
def test_check_refuses_a_pattern_that_is_slow_or_matches_empty_text(lexicons, pattern):
    line = add_row(lexicons, "page_chrome_patterns", f'appeal,regex,"{pattern}",line,')
    said = [p for p in problems(lexicons) if f"page_chrome_patterns.csv:{line}: pattern: " in p]
    assert len(said) == 1, problems(lexicons)
    assert "too slow" in said[0] or "empty piece of text" in said[0] or "repeated without end" in said[0]


@pytest.mark.parametrize("pattern", [r"(a|ab)*c", r"(?:\w{1,30}){1,30}", r".*.*.*.*X"])
def test_a_pattern_that_the_engine_runs_quickly_is_accepted_and_runs(lexicons, pattern):
    """Shapes that backtrack in Python's own ``re`` but that the ``regex`` engine runs in
    linear time: ``check`` accepts them, and the lens finishes on the whole case."""
    import time

    from helpers import load_case
    from helpers.lenses import page_chrome

    line = add_row(lexicons, "page_chrome_patterns", f'appeal,regex,"{pattern}",line,')
    assert not [p for p in problems(lexicons) if f"page_chrome_patterns.csv:{line}:" in p]
    _text.reload_lexicons()
    began = time.monotonic()
    for report in load_case("rostec-venezuela-2019").reports.values():
        page_chrome.detect(report.text)
    assert time.monotonic() - began < 20   # a hang guard; it takes well under a second


def slow_row(folder, pattern=r"^(?:\w+\s?){1,12}$") -> int:
    """A slow regex row added behind check's back (the teacher did not run check)."""
    return add_row(folder, "page_chrome_patterns", f'appeal,regex,"{pattern}",line,')


def test_a_slow_pattern_stops_the_lens_with_its_file_and_line(lexicons, monkeypatch):
    """Probes cannot catch every slow pattern: one they miss still cannot hang the lens."""
    import time

    from helpers.lenses import page_chrome

    monkeypatch.setattr(page_chrome, "REGEX_SECONDS", 0.3)
    monkeypatch.setattr(_text, "REGEX_PROBES", ())   # a pattern the probes miss
    for pattern in (r"^(?:\w+\s?){1,12}$", r"(.|.)*X", r"(\w+){1,100}X"):
        line = slow_row(lexicons, pattern)
        _text.reload_lexicons()
        text = "Support us.\n" + " ".join(["Information"] * 60) + "!\n" + "a" * 200 + "\nX\n"
        began = time.monotonic()
        with pytest.raises(CaseError) as caught:
            page_chrome.detect(text)
        assert time.monotonic() - began < 20   # a hang guard
        said = str(caught.value)
        assert f"page_chrome_patterns.csv:{line}: pattern: the regular expression is too slow" in said, said
        path = lexicons / "page_chrome_patterns.csv"
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n").rsplit("\n", 1)[0] + "\n", encoding="utf-8")


def test_analyze_refuses_a_slow_pattern_with_its_line(lexicons):
    import time

    from helpers.analyze import analyze_case

    line = slow_row(lexicons)
    _text.reload_lexicons()
    began = time.monotonic()
    with pytest.raises(CaseError) as caught:
        analyze_case("rostec-venezuela-2019", source="auto", charts=False)
    assert time.monotonic() - began < 60   # a hang guard: it took 35 s before
    assert f"page_chrome_patterns.csv:{line}: pattern: the regular expression is too slow" in str(caught.value)


def test_analyze_with_a_slow_pattern_the_probes_miss_ends_with_a_warning_naming_the_line(lexicons, monkeypatch):
    import time

    from helpers.analyze import analyze_case
    from helpers.lenses import page_chrome

    monkeypatch.setattr(page_chrome, "REGEX_SECONDS", 0.5)
    monkeypatch.setattr(_text, "REGEX_PROBES", ())
    line = slow_row(lexicons)
    _text.reload_lexicons()
    began = time.monotonic()
    analysis = analyze_case("rostec-venezuela-2019", source="auto", charts=False)
    assert time.monotonic() - began < 60   # a hang guard: it took 35 s before, and more on a long line
    said = [w for w in analysis.warnings if "page_chrome_patterns.csv" in w]
    assert len(said) == 1, analysis.warnings
    assert f"page_chrome_patterns.csv:{line}: pattern: the regular expression is too slow" in said[0]
    assert "Traceback" not in said[0] and "CaseError" not in said[0]


def test_the_shipped_regex_rows_pass_the_probes_quickly():
    import csv
    import time

    rows = list(csv.DictReader(open(_text.LEXICON_DIR / "page_chrome_patterns.csv", encoding="utf-8")))
    patterns = [row["pattern"] for row in rows if row["match"] == "regex"]
    assert len(patterns) > 5
    for pattern in patterns:
        began = time.process_time()
        assert _text.regex_problem(pattern) == ""
        assert time.process_time() - began < 0.1, pattern


# --- a cell, a quotation mark, a separator a spreadsheet got wrong -----------------------

def test_a_huge_cell_is_named_with_its_line_not_a_traceback(lexicons):
    line = add_row(lexicons, "counted_nouns", '"' + "a" * 200_000 + '",staff,')
    said = problems(lexicons)
    assert len(said) == 1 and f"counted_nouns.csv:{line}: a cell is longer than" in said[0], said
    assert len(said[0]) < 400
    assert f"counted_nouns.csv:{line}: a cell is longer" in loader_refuses("counted_nouns")


def test_a_stray_quotation_mark_is_named_on_the_line_where_it_opens(lexicons):
    path = lexicons / "counted_nouns.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] = '"' + lines[3]
    path.write_text("\n".join(lines), encoding="utf-8")
    said = problems(lexicons)
    assert len(said) == 1, said
    assert "counted_nouns.csv:4: a quotation mark (\") opens a cell that is never closed, so lines 4\u2013" in said[0]
    assert "counted_nouns.csv:4: a quotation mark" in loader_refuses("counted_nouns")


def test_a_stray_quotation_mark_in_a_big_lexicon_is_named_on_its_own_line(lexicons):
    path = lexicons / "loaded_terms.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] = '"' + lines[2]
    path.write_text("\n".join(lines), encoding="utf-8")
    said = problems(lexicons)
    assert said and all(s.split(": ")[0].endswith("loaded_terms.csv:3") for s in said), said


@pytest.mark.parametrize("name, row, column", [
    ("loaded_terms", ",emotive,plain,noun,yes,,,,,", "term"),
    ("attribution_cues", "whisper,,before,,", "forms"),
    ("attribution_sources", ",anonymous,", "word"),
    ("vague_quantities", ",amount,2,4,count,", "phrase"),
    ("number_words", ",7,", "word"),
    ("counted_nouns", ",staff,", "word"),
    ("page_chrome_patterns", "appeal,starts,,line,", "pattern"),
])
def test_an_empty_key_cell_is_named_with_its_line(lexicons, name, row, column):
    line = add_row(lexicons, name, row)
    said = problems(lexicons)
    assert f"{name}.csv:{line}: {column} is empty" in "\n".join(said), said
    assert f"{name}.csv:{line}: {column} is empty" in loader_refuses(name)


def test_a_hedge_needs_its_multipliers(lexicons):
    line = add_row(lexicons, "vague_quantities", "from,hedge,,,,")
    said = "\n".join(problems(lexicons))
    assert f'vague_quantities.csv:{line}: low "" is not a number' in said
    assert f'vague_quantities.csv:{line}: high "" is not a number' in said


def test_a_low_above_its_high_is_named_with_its_line(lexicons):
    """ "umpteen,amount,9,2" was accepted, and the page then showed "9–2"."""
    line = add_row(lexicons, "vague_quantities", "umpteen,amount,9,2,count,")
    said = "\n".join(problems(lexicons))
    assert (f'vague_quantities.csv:{line}: low "9" is larger than high "2"; low is the smallest number '
            "the words allow and high the largest, so swap them") in said
    assert 'low "9" is larger than high "2"' in loader_refuses("vague_quantities")


def test_equal_bounds_and_a_hedge_below_one_are_accepted(lexicons):
    add_row(lexicons, "vague_quantities", "a round dozen,amount,12,12,count,")
    add_row(lexicons, "vague_quantities", "nearly all,hedge,0.5,0.99,,")
    assert problems(lexicons) == []


@pytest.mark.parametrize("name, row, column, value", [
    ("vague_quantities", "minus a few,amount,-4,-2,count,", "low", "-4"),
    ("vague_quantities", "a few or none,amount,0,-1,count,", "high", "-1"),
    ("number_words", "minus one,-1,", "value", "-1"),
])
def test_a_count_below_zero_is_named_with_its_line(lexicons, name, row, column, value):
    line = add_row(lexicons, name, row)
    said = "\n".join(problems(lexicons))
    assert f'{name}.csv:{line}: {column} "{value}" is below zero; write 0 or more' in said
    assert "is below zero" in loader_refuses(name)


def test_a_long_value_is_cut_in_its_message(lexicons):
    line = add_row(lexicons, "loaded_terms", "odd,emotive,plain," + "x" * 20_000 + ",yes,,,,,")
    said = [p for p in problems(lexicons) if f"loaded_terms.csv:{line}:" in p]
    assert len(said) == 1 and len(said[0]) < 400 and "\u2026" in said[0], said


def test_a_doubled_byte_order_mark_is_shown(lexicons):
    path = lexicons / "number_words.csv"
    path.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + path.read_bytes())
    said = problems(lexicons)
    assert said == [f'{said[0].split(":")[0]}:1: unknown column "\u27e8U+FEFF\u27e9word" (did you mean "word"?)'], said


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_a_utf16_lexicon_is_named_as_such(lexicons, bom):
    path = lexicons / "number_words.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(bom + text.encode("utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"))
    said = problems(lexicons)
    assert len(said) == 1 and "number_words.csv: this file is UTF-16 text; save it as CSV UTF-8" in said[0], said


def test_cells_beyond_the_header_are_named(lexicons):
    line = add_row(lexicons, "number_words", "eleven,11,a note,and more")
    said = problems(lexicons)
    assert len(said) == 1 and f'number_words.csv:{line}: the row has 4 cells but the header names 3 columns; ' \
                               '"and more" is in no column' in said[0], said


def test_a_lexicon_with_semicolons_is_named_as_such(lexicons):
    path = lexicons / "number_words.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    said = problems(lexicons)
    assert len(said) == 1 and "number_words.csv:1: this file uses semicolons" in said[0], said
    assert "CSV with commas" in said[0]


def test_a_misspelt_column_is_named_with_the_column_it_should_be(lexicons):
    path = lexicons / "page_chrome_patterns.csv"
    path.write_text("knid" + path.read_text(encoding="utf-8")[4:], encoding="utf-8")
    said = problems(lexicons)
    assert said == [f'{said[0].split(":")[0]}:1: unknown column "knid" (did you mean "kind"?)'], said
