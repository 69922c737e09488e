"""The Flesch-Kincaid helper against words and sentences whose counts are known."""
from __future__ import annotations

import pytest

from readability import grade, markdown_text, measure, sentences, syllables


@pytest.mark.parametrize("word, count", [
    ("cat", 1), ("the", 1), ("table", 2), ("makes", 1), ("liked", 1), ("boxes", 2),
    ("ended", 2), ("nation", 2), ("quality", 3), ("language", 2), ("violent", 3),
    ("Australian", 4), ("platypus", 3), ("seemingly", 3), ("hybrid", 2), ("mammal", 2),
    ("reptilian", 4), ("creature", 2), ("exaggerated", 5), ("anonymous", 4),
    ("government", 3), ("Venezuela", 4), ("cooperation", 5), ("advisers", 3),
])
def test_syllables_of_known_words(word, count):
    assert syllables(word) == count


def test_grade_of_wikipedias_example_sentence():
    # Wikipedia's Flesch-Kincaid article: 13 words, 26 syllables, grade 13.1.
    found = measure("The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.")
    assert (found.words, found.sentences, found.syllables) == (13, 1, 26)
    assert round(found.grade, 1) == 13.1


def test_grade_of_one_syllable_words():
    # 6 words, 1 sentence, 6 syllables: 0.39*6 + 11.8*1 - 15.59 = -1.45.
    assert grade("The cat sat on the mat.") == pytest.approx(-1.45)


def test_grade_of_two_sentences():
    # Rus-sia cut its ad-vi-sers. A news-pa-per said so on Sun-day.
    # 10 words, 2 sentences, 16 syllables: 0.39*5 + 11.8*1.6 - 15.59 = 5.24.
    found = measure("Russia cut its advisers. A newspaper said so on Sunday.")
    assert (found.words, found.sentences, found.syllables) == (10, 2, 16)
    assert round(found.grade, 2) == 5.24


def test_long_words_and_sentences_raise_the_grade():
    easy = "We read the news. We ask who said it. We check the facts."
    hard = ("Investigative journalists systematically corroborate anonymous attributions "
            "before publication, notwithstanding considerable institutional pressure.")
    assert grade(easy) < 3 < 14 < grade(hard)


def test_markdown_is_read_as_prose():
    text = markdown_text(
        "## What you will learn\n\n1. One thing.\n2. Another\n\n"
        "| Who | Words |\n|---|---|\n| Breitbart | Up to 1,000 |\n\n"
        "Run `case.table()` and see [the docs](https://example.org).\n"
        "This line is a soft wrap of the same paragraph.\n\n```python\nx = 1\n```\n"
    )
    found = sentences(text)
    assert found == ["What you will learn", "One thing", "Another", "Who , Words",
                     "Breitbart , Up to 1,000", "Run   and see the docs",
                     "This line is a soft wrap of the same paragraph"]
