"""The attribution lens reads each character a bounded number of times: the work two
hostile inputs cause is counted (characters handed to the expressions that read
them), never timed. ``make bench`` prints the time (``--only adversarial``)."""
from __future__ import annotations

from helpers.lenses import attribution


class Reading:
    """Stands in for a compiled expression and counts the characters it is asked to read."""

    def __init__(self, pattern):
        self.pattern, self.chars = pattern, 0

    def _count(self, text, pos=0, endpos=None):
        self.chars += (len(text) if endpos is None else min(endpos, len(text))) - pos

    def search(self, text, pos=0, endpos=None):
        self._count(text, pos, endpos)
        return self.pattern.search(text, pos, len(text) if endpos is None else endpos)

    def finditer(self, text, pos=0, endpos=None):
        self._count(text, pos, endpos)
        return self.pattern.finditer(text, pos, len(text) if endpos is None else endpos)


def _chars_read(monkeypatch, name, texts):
    reading = Reading(getattr(attribution, name))
    monkeypatch.setattr(attribution, name, reading)
    counts = []
    for text in texts:
        reading.chars = 0
        attribution.detect(text)
        counts.append(reading.chars / len(text))
    return counts


def test_many_mr_with_no_sentence_end_read_once_per_cue(monkeypatch):
    # Each "said" after the first is nested in the first one's words; finding where
    # those words end once re-read the sentence from the first "said" (5.9 s at 2,000).
    unit = "Mr. Smith said Mr. Jones lied and "
    small, large = _chars_read(monkeypatch, "_CLAUSE_BREAK", [unit * 1_000, unit * 2_000])
    assert large <= small * 1.1 + 0.1, (small, large)
    assert large < 5, "characters read per input character"


def test_quoted_speech_cue_after_cue_is_tokenised_a_bounded_number_of_times(monkeypatch):
    # '"x," said ' * 20000 read ~400 characters of words around every cue.
    unit = '"x," said '
    small, large = _chars_read(monkeypatch, "_TOKEN", [unit * 2_000, unit * 4_000])
    assert large < 5, "characters tokenised per input character"
    assert large <= small * 1.1 + 0.1, (small, large)


def test_long_sentences_still_find_each_speaker():
    unit = "Mr. Smith said Mr. Jones lied and "
    found = attribution.detect(unit * 50)
    assert found["source"].iloc[0] == "Mr. Smith"
    quoted = attribution.detect('"Yes," said Tom. ' + '"x," said Ann, ' * 300 + '"no," said Bob.')
    assert {"Tom", "Ann", "Bob"} <= set(quoted["source"])


class _CountingRows:
    """The lens's list of findings, counting how many of them are looked at."""

    looked = 0

    def __init__(self, rows):
        self.rows = rows

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        got = self.rows[index]
        _CountingRows.looked += len(got) if isinstance(index, slice) else 1
        return got

    def __iter__(self):
        for row in self.rows:
            _CountingRows.looked += 1
            yield row

    def __reversed__(self):
        for row in reversed(self.rows):
            _CountingRows.looked += 1
            yield row


def test_finding_the_outlet_that_relays_a_source_looks_at_each_finding_once(monkeypatch):
    # One long sentence full of quotations (no full stop): every cue asks which outlet
    # relays it; looking back over the whole sentence each time is quadratic.
    from helpers.lenses import attribution

    original = attribution._find_via

    def counted(*args):
        args = list(args)
        args[8] = _CountingRows(args[8])
        return original(*args)

    monkeypatch.setattr(attribution, "_find_via", counted)
    looked = []
    for repeats in (300, 600):
        _CountingRows.looked = 0
        attribution.detect("\u201cNo\u201d, sources said, \u201c" * repeats)
        looked.append(_CountingRows.looked)
    assert looked[1] <= 2.5 * looked[0] + 10, looked


def test_looking_for_the_outlet_a_quote_came_through_reads_a_few_words_per_cue(monkeypatch):
    # Each cue looks a few words after it ("said in an interview with Fox News") and at
    # its sentence's opening ("On Fox News,"): in one long sentence of cues the words read
    # must grow with the number of cues, not with the sentence's length for each cue.
    from helpers.lenses import attribution

    original = attribution._outlet_named
    words = [0]

    def counted(phrase, memory):
        words[0] += len(phrase)
        return original(phrase, memory)

    monkeypatch.setattr(attribution, "_outlet_named", counted)
    read = []
    for repeats in (300, 600):
        words[0] = 0
        attribution.detect("On Fox News, " + "Reyes told the Ledger in an interview with the Times, and " * repeats)
        read.append(words[0])
    assert read[0] > 0 and read[1] <= 2.5 * read[0] + 10, read
