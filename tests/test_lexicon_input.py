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
