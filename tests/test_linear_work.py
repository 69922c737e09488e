"""Time and memory linear in the input: the work each hostile input causes is counted
(candidate pairs, checks, stack operations), never timed. ``make bench`` prints the
time and memory of the same inputs (``helpers/bench/adversarial.py``)."""
from __future__ import annotations

import pytest

from helpers import readability
from helpers.lenses import _text


class Counting:
    """Stands in for a compiled expression and counts the calls of ``match``."""

    def __init__(self, pattern):
        self.pattern, self.calls = pattern, 0

    def match(self, *args):
        self.calls += 1
        return self.pattern.match(*args)


# --- the sentence splitter -----------------------------------------------------------

@pytest.mark.parametrize("run", [".", "!", "…", "?!."])
def test_a_run_of_stops_is_checked_once_not_once_per_stop(monkeypatch, run):
    counting = Counting(_text._AFTER_STOP)
    monkeypatch.setattr(_text, "_AFTER_STOP", counting)
    text = "It ended" + run * 20_000 + " Then it began."
    spans = _text.sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["It ended" + run * 20_000, "Then it began."]
    # one check after the long run, one after the final full stop
    assert counting.calls == 2


def test_checks_grow_in_step_with_the_number_of_sentences(monkeypatch):
    counting = Counting(_text._AFTER_STOP)
    monkeypatch.setattr(_text, "_AFTER_STOP", counting)
    calls = []
    for size in (1_000, 2_000):
        counting.calls = 0
        _text.Sentences(". . " * size + "x").around(3)
        calls.append(counting.calls)
    assert calls == [2_000, 4_000]


def test_a_line_of_dots_is_one_sentence_and_splitting_still_works():
    assert _text.sentence_spans("." * 50_000) == [(0, 50_000)]
    text = "Wait... What?! Mr. Smith left. Then “Yes.” He ran."
    assert [text[s:e] for s, e in _text.sentence_spans(text)] == [
        "Wait...", "What?!", "Mr. Smith left.", "Then “Yes.”", "He ran."]


def test_readability_never_starts_a_sentence_end_inside_a_run_of_stops():
    dots = "." * 1_000 + "x"
    assert all(readability._SENTENCE_END.match(dots, i) is None for i in range(1, 1_000))
    assert readability.sentences("Stop... " + "." * 50_000 + "x. Go!") == [
        "Stop", "." * 50_000 + "x", "Go"]
