"""Each attribution carries a confidence ("sure" / "check this") and a rule a student
can read (issue 15: a teacher can choose precision over recall)."""
from __future__ import annotations

import pytest

from helpers.lenses import attribution as at


def _one(text, cue):
    table = at.detect(text)
    rows = table[table["cue"].str.lower() == cue]
    assert len(rows) == 1, table[["text", "cue"]]
    return rows.iloc[0]


def test_every_row_has_a_confidence_and_a_rule_even_an_empty_table():
    assert {"confidence", "rule"} <= set(at.detect("").columns)
    table = at.detect("Officials said it was over. He believes it. Plans are expected to cease.\n"
                      "Mayor Reyes: \u201cWe will rebuild\u201d\nMartin Mejia / AP\n")
    assert len(table) >= 4
    assert set(table["confidence"]) <= {"sure", "check this"}
    assert table["rule"].str.len().min() > 10


@pytest.mark.parametrize("text, cue, confidence, words", [
    ("Officials said the plant had closed.", "said", "sure", ['"said"', "subject"]),
    ("\u201cNo,\u201d said Lavrov.", "said", "sure", ['"said"', "after"]),
    ("According to Reuters, the plant closed.", "according to", "sure", ['"according to"']),
    ("Smith believes the plant closed.", "believes", "check this", ['"believes"', "not always about speech"]),
    ("Plans are expected to cease.", "are expected to", "check this", ["nobody named"]),
    ("Maduro blamed the plant, saying it had closed.", "saying", "check this", ["sentence"]),
])
def test_the_tier_and_the_rule_follow_the_grammar(text, cue, confidence, words):
    row = _one(text, cue)
    assert row["confidence"] == confidence
    for word in words:
        assert word in row["rule"], row["rule"]


def test_the_own_story_false_alarms_are_not_sure_findings():
    # issue 15: "post mentioned" read as a hidden person; "questioning" as a named source
    assert at.detect("Her Facebook post mentioned the base.").empty
    assert at.detect("A spokesman declined questioning.").empty
    found = at.detect("The post mentioned that troops had left.")
    assert set(found["kind"]) <= {"document"}
    assert set(found["confidence"]) == {"check this"}
