"""The neutral words a student reads beside the five reports fit where the loaded words
stand (issue 15): pasted in their place, they make no doubled article ("a a change"), no
"a" before a vowel ("a attempt") and they never repeat the loaded word's own neighbour
("open, open attack"). Checked for the answer key and for the automatic lens."""
from __future__ import annotations

import re

import pytest

from helpers import load_case

CASE = load_case("rostec-venezuela-2019")
#: a doubled article, or "a" before a lower-case vowel ("a attempt"; "a US ally", "a useful" are fine)
BROKEN = re.compile(r"\b(?:[aA]|[aA]n|[tT]he)\s+(?:a|an|the)\b|\b[aA]\s+[aeio]\w")


def _pasted(source):
    frame = CASE.annotations("loaded_language") if source == "key" else CASE.detections("loaded_language")
    for row in frame.itertuples():
        neutral = str(row.neutral)
        if not neutral or neutral.startswith("("):
            continue  # advice to the reader, not words to paste
        text = CASE.reports[row.report].text
        yield row.report, text[row.start:row.end], neutral, (
            " ".join(text[max(0, row.start - 40):row.start].split()[-3:]) + " " + neutral + " "
            + " ".join(text[row.end:row.end + 40].split()[:3]))


@pytest.mark.parametrize("source", ["key", "lens"])
def test_the_neutral_words_fit_their_sentence_in_the_five_reports(source):
    broken = []
    for report, quote, neutral, sentence in _pasted(source):
        if BROKEN.search(sentence) or re.search(rf"\b{re.escape(neutral)}\W+{re.escape(neutral)}\b", sentence):
            broken.append((report, quote, neutral, sentence))
    assert broken == []
