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


def test_no_neutral_word_the_lens_offers_is_flagged_loaded_by_the_rewrite_exercise(tmp_path):
    # a student who types the lens's words must not be told they are loaded: the lens offered
    # "harsh" for "oppressive", which the exercise flags, and "left-wing" for "socialist",
    # which the exercise says is a label to leave out
    from helpers.widgets.exercises import RewriteModel, rewrite_exercises
    from helpers.widgets.journal import Journal

    journal = Journal(tmp_path / "journal.json")
    flagged = []
    for key in rewrite_exercises():
        model = RewriteModel.from_lesson(key, case=CASE, journal=journal)
        for row in CASE.detections("loaded_language").itertuples():
            neutral = str(row.neutral)
            if not neutral or neutral.startswith("(") or neutral[:1] in "\"\u201c":
                continue  # advice, or a speaker's word kept in its quote marks (theirs, and loaded)
            text = CASE.reports[row.report].text
            before = text[max(0, row.start - 60):row.start].split(".")[-1]
            after = text[row.end:row.end + 60].split(".")[0]
            pasted = before + neutral + after
            at = (len(before), len(before) + len(neutral))
            for words, _, _ in model.loaded_left(pasted):
                for hit in re.finditer(re.escape(words), pasted):
                    if at[0] <= hit.start() and hit.end() <= at[1]:  # the offered words themselves
                        flagged.append((key, row.report, row.quote, neutral, words))
    assert flagged == [], flagged


def test_the_lens_and_the_rewrite_exercise_agree_on_socialist_crippling_and_oppressive():
    from helpers.lenses import loaded_language

    for sentence in ("The socialist leader spoke.", "It had a crippling effect.", "They imposed oppressive rules."):
        neutral = loaded_language.detect(sentence)["neutral"].iloc[0]
        assert not re.search(r"left-wing|severe|harsh", neutral), (sentence, neutral)
