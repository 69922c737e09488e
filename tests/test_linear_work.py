"""Time and memory linear in the input: the work each hostile input causes is counted
(candidate pairs, checks, stack operations), never timed. ``make bench`` prints the
time and memory of the same inputs (``helpers/bench/adversarial.py``)."""
from __future__ import annotations

import random
from html.parser import HTMLParser

import pytest

import readability
from helpers.lenses import _text
from helpers.lenses import shared_passages as sp
from helpers.spans import Span, render_html


class Counting:
    """Stands in for a compiled expression and counts the calls of ``match``."""

    def __init__(self, pattern):
        self.pattern, self.calls = pattern, 0

    def match(self, *args):
        self.calls += 1
        return self.pattern.match(*args)

    def search(self, *args):
        self.calls += 1
        return self.pattern.search(*args)


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


def test_many_places_in_a_text_without_a_sentence_end_cost_one_pass(monkeypatch):
    """Every "Mr." is a stop that ends no sentence: asking for the sentence of each
    "said" once walked all the stops each time."""
    counting = Counting(_text._WORD_BEFORE_STOP)
    monkeypatch.setattr(_text, "_WORD_BEFORE_STOP", counting)
    cut = []
    monkeypatch.setattr(_text, "_add_trimmed", lambda *args: cut.append(args) or _trimmed(*args))
    looks = []
    for size in (1_000, 2_000):
        counting.calls = 0
        text = "Mr. Smith said Mr. Jones lied and " * size
        sentences = _text.Sentences(text)
        for at in range(text.index("said"), len(text), len("Mr. Smith said Mr. Jones lied and ")):
            assert sentences.around(at) == (0, len(text) - 1)
        looks.append(counting.calls)
    assert looks == [2_000, 4_000]  # each "Mr." judged once
    assert len(cut) == 2  # one sentence, cut once per text


_trimmed = _text._add_trimmed


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


class CountingText(str):
    """A text that counts the characters every slice of it copies."""

    copied = 0

    def __getitem__(self, key):
        part = str.__getitem__(self, key)
        CountingText.copied += len(part)
        return part


def _transcript(lines: int, first: str = "") -> str:
    """An automatic video transcript: short lines, no capitals, no full stop."""
    return first + "".join(f"so the company said it had cut line {i}\n" for i in range(lines))


@pytest.mark.parametrize("first", ["", "Yes. "], ids=["from-a-line-start", "from-inside-a-line"])
def test_a_transcript_without_full_stops_is_read_once_not_once_per_line(monkeypatch, first):
    """The lines since the sentence's start were sliced and judged again at every line
    break: a 1 MB transcript took seconds, 2 MB half a minute."""
    judged = []
    monkeypatch.setattr(_text, "is_title_case", lambda line: judged.append(len(line)) or False)
    copied, looked_at = [], []
    for lines in (2_000, 4_000):
        CountingText.copied, judged[:] = 0, []
        spans = _text.sentence_spans(CountingText(_transcript(lines, first)))
        copied.append(CountingText.copied)
        looked_at.append(sum(judged))
        assert spans[-1][1] == len(_transcript(lines, first)) - 1  # one sentence to the end
    assert copied[1] <= 2 * copied[0] + 1_000
    assert looked_at[1] <= 2 * looked_at[0] + 1_000


def test_headlines_and_blank_lines_still_cut_a_sentence():
    text = ("Russia Pulls Its Advisers Out Of Venezuela\nthe company said a few dozen\n"
            "remained there\n\nno one else said anything\nIn a Blow to Maduro,\nRussia Withdraws Support\n"
            "it said")
    assert [text[s:e] for s, e in _text.sentence_spans(text)] == [
        "Russia Pulls Its Advisers Out Of Venezuela", "the company said a few dozen\nremained there",
        "no one else said anything\nIn a Blow to Maduro,\nRussia Withdraws Support\nit said"]
    wrapped = "In a Blow to Maduro, Russia\nWithdraws Key Defense Support\nthe Kremlin said"
    assert [wrapped[s:e] for s, e in _text.sentence_spans(wrapped)] == [
        "In a Blow to Maduro, Russia", "Withdraws Key Defense Support", "the Kremlin said"]


# --- the highlight renderer ----------------------------------------------------------

class Pieces(HTMLParser):
    """The text each data-span covers, checking that every tag closes the one it opened."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.covered, self.opened = [], [], {}, 0

    def handle_starttag(self, tag, attrs):
        self.stack.append((tag, dict(attrs), len(self.text)))
        self.opened += tag == "mark"

    def handle_endtag(self, tag):
        open_tag, attrs, start = self.stack.pop()
        assert open_tag == tag
        if tag == "span":  # the visible tag of a highlight: not report text
            del self.text[start:]
        elif tag == "mark":
            key = attrs["data-span"]
            self.covered[key] = self.covered.get(key, 0) + len("".join(self.text[start:]))

    def handle_data(self, data):
        self.text.append(data)


def rendered(text, spans):
    parser = Pieces()
    parser.feed(render_html(text, spans, legend=False))
    parser.close()
    assert not parser.stack
    assert "".join(parser.text) == text
    for span in spans:  # each highlight covers exactly its own text, in one piece or more
        assert parser.covered[span.id] == span.end - span.start
    return parser


@pytest.mark.parametrize("size", [500, 1_000])
def test_nested_highlights_open_one_mark_each(size):
    text = "w" * (2 * size + 2)
    spans = [Span(i, len(text) - i, "numbers", id=f"s{i}") for i in range(size)]
    assert rendered(text, spans).opened == size


def test_highlights_crossing_each_other_open_marks_in_step_with_their_number():
    opened = []
    for size in (1_000, 2_000):
        text = "w" * (3 * size)
        # each highlight crosses the next size/2 ones: closing and reopening them all
        # would open size * size / 2 marks
        spans = [Span(i, i + size // 2, "numbers", id=f"s{i}") for i in range(size)]
        opened.append(rendered(text, spans).opened)
    assert opened[0] <= 1_000 * 2 * 12  # at most two pieces per halving, 2^11 > 2,000
    assert opened[1] / opened[0] < 2.5


class CountedSpan:
    """A highlight that counts how often the renderer looks at where it ends."""

    looks = 0

    def __init__(self, start, end, id):
        self.start, self._end, self.id = start, end, id
        self.lens, self.label, self.emphasis = "numbers", "", False

    @property
    def end(self):
        CountedSpan.looks += 1
        return self._end


@pytest.mark.parametrize("shape", ["nested", "crossing"])
def test_the_renderer_looks_at_each_highlight_a_few_times_not_once_per_other(shape):
    looks = []
    for size in (500, 1_000):
        text = "w" * (3 * size)
        if shape == "nested":
            spans = [CountedSpan(i, len(text) - i, f"s{i}") for i in range(size)]
        else:
            spans = [CountedSpan(i, i + size // 2, f"s{i}") for i in range(size)]
        CountedSpan.looks = 0
        render_html(text, spans, legend=False)
        looks.append(CountedSpan.looks)
    assert looks[1] <= 40 * 1_000
    assert looks[1] / looks[0] < 2.5


# --- shared passages -----------------------------------------------------------------

STORY = ("The harbour authority said on Friday that it had closed the northern pier after "
         "engineers found cracks in the supports, and that ferries would use the southern "
         "terminal until repairs are finished in the spring, a spokesman told reporters. ")


def candidate_pairs(texts):
    stats = {"pairs": 0}
    table = sp._detect_many(texts, sp.NGRAM, sp.MAX_GAP, sp.NGRAM, stats)
    return stats["pairs"], table


def test_a_phrase_repeated_thousands_of_times_pairs_only_its_first_few():
    pairs = []
    for size in (2_500, 5_000):
        text = "$1 " * size
        count, table = candidate_pairs({"a": text, "b": text})
        pairs.append(count)
        # still found, as one passage over the whole text
        assert len(table) == 1 and table.iloc[0]["words"] == size
    # before: every occurrence with every other, 2,500 x 2,500 and 5,000 x 5,000
    assert pairs[1] <= sp.MAX_REPEATS ** 2
    assert pairs[1] == pairs[0]


def test_copies_of_one_story_make_a_chain_not_every_pair():
    pairs, rows = [], []
    for copies in (100, 200):
        count, table = candidate_pairs({f"r{i:03d}": STORY * 3 for i in range(copies)})
        pairs.append(count)
        rows.append(len(table))
        # every copy but the first is linked to a copy before it
        assert set(table.report_b) == {f"r{i:03d}" for i in range(1, copies)}
    assert pairs[1] / pairs[0] < 2.5  # before: 4 times the pairs for twice the copies
    assert rows[1] / rows[0] < 2.5


def test_near_identical_files_grow_the_work_in_step_with_their_number():
    rng = random.Random(14)
    words = (STORY * 2).split()
    pairs = []
    for copies in (200, 400):
        texts = {}
        for i in range(copies):
            copy = list(words)
            copy[rng.randrange(len(copy))] = f"w{i}"
            texts[f"r{i:03d}"] = " ".join(copy)
        count, table = candidate_pairs(texts)
        pairs.append(count)
        assert set(table.report_b) == set(list(texts)[1:])
    assert pairs[1] / pairs[0] < 2.5


def test_a_few_reports_are_still_compared_every_pair_with_every_other():
    reports = {f"r{i}": f"Report {i} opens differently. " + STORY for i in range(sp.MAX_REPORTS)}
    table = sp.detect_many(reports)
    pairs = set(zip(table.report_a, table.report_b))
    assert len(pairs) == sp.MAX_REPORTS * (sp.MAX_REPORTS - 1) // 2


def test_the_benchmark_measures_a_hostile_input_in_a_process_of_its_own():
    from helpers.bench import adversarial

    row = adversarial.measure("dots_50k", runs=1)
    assert row["input"] == "one line of 50,000 full stops"
    # The figures themselves are for `make bench`; here: the row is measured and complete.
    assert row["seconds"] >= 0 and row["peak_mb"] > 10
    assert set(row) >= {"input", "seconds", "peak_mb", "ok"}


# --- issue 14, second review: capitals headlines and attribution windows --------------

def test_a_long_run_of_capitals_with_no_mark_is_one_run_looked_at_once(monkeypatch):
    from helpers.lenses import loaded_language

    counting = Counting(loaded_language.HEADLINE_MARKS)
    monkeypatch.setattr(loaded_language, "HEADLINE_MARKS", counting)
    for size in (1_000, 4_000):
        counting.calls = 0
        assert list(loaded_language._caps_headlines("REGIME SLASHES " * size)) == []
        assert counting.calls == 1, "the run is matched once, then the mark after it checked once"


def test_many_capitals_headlines_on_one_line_are_each_found_once(monkeypatch):
    from helpers.lenses import loaded_language

    counting = Counting(loaded_language.HEADLINE_MARKS)
    monkeypatch.setattr(loaded_language, "HEADLINE_MARKS", counting)
    for size in (1_000, 2_000):
        counting.calls = 0
        text = "x HUGE LOSS? " * size
        assert len(list(loaded_language._caps_headlines(text))) == size
        assert counting.calls == size


def test_attribution_memory_grows_with_the_text_not_with_its_windows():
    import tracemalloc

    from helpers.lenses import attribution

    attribution.detect('"x," said Tom.')  # the lexicon is loaded once, outside the count
    peaks = []
    for size in (2_000, 4_000):
        text = '"x," said ' * size
        tracemalloc.start()
        attribution.detect(text)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    # Keeping every window's tokens took ~2,800 bytes per input byte.
    assert peaks[1] < 100 * len('"x," said ') * 4_000, peaks
    assert peaks[1] < 3 * peaks[0], peaks


def test_the_nearest_passage_hint_searches_near_the_quote_not_the_whole_report(monkeypatch):
    import difflib

    from helpers import annotations

    searched = []

    class Counted(difflib.SequenceMatcher):
        def __init__(self, isjunk, a, b, **kwargs):
            searched.append(len(a))
            super().__init__(isjunk, a, b, **kwargs)

    monkeypatch.setattr(annotations.difflib, "SequenceMatcher", Counted)
    passage = " ".join(f"word{i} officials said the zebra number {i} came" for i in range(40))[:1_900]
    filler = "The council met again on Tuesday and talked about roads. "
    sizes = []
    for copies in (3_500, 7_000):  # about 200 KB and 400 KB
        searched.clear()
        text = filler * copies + passage + " " + filler * 10
        mistyped = passage.replace("zebra", "zebro", 1)
        hint = annotations.nearest_hint(text, mistyped)
        assert "zebra" in hint and "officials said" in hint, hint[:200]
        sizes.append(sum(searched))
    assert sizes[0] == sizes[1] and sizes[1] <= 4 * len(passage) * annotations.HINT_WINDOWS, sizes


def test_the_nearest_passage_hint_still_searches_a_short_report_whole():
    from helpers import annotations

    text = "Officials said 12 people came to the meeting on Monday."
    assert "12 people came" in annotations.nearest_hint(text, "Oficials sayd 12 people came")


def test_the_name_check_reads_each_line_once(monkeypatch):
    # issue 15: "the Foreign Corrupt Practices Act" is a name; whether a line is a
    # title-case headline is worked out once per line, not once per capitalised word
    from helpers.lenses import loaded_language

    calls = []
    real = loaded_language._title_case
    monkeypatch.setattr(loaded_language, "_title_case", lambda letters: calls.append(1) or real(letters))
    for size in (500, 1_000):
        calls.clear()
        text = "firms broke the Foreign Corrupt Practices Act in several small ways. " * size
        table = loaded_language.detect(text + "\n" + text)
        assert "Corrupt" not in " ".join(table["text"])
        assert len(calls) == 2, "one look per line"


def test_capitals_emphasis_reads_each_line_once(monkeypatch):
    # "NOT" in capitals counts only on a line with lower case; each line was scanned
    # from its start for every such word (a long one-line text grew quadratically)
    from helpers.lenses import loaded_language

    calls = []
    real = loaded_language._line_has_lowercase
    monkeypatch.setattr(loaded_language, "_line_has_lowercase",
                        lambda *a: calls.append(1) or real(*a))
    for size in (500, 1_000):
        calls.clear()
        text = "it is NOT fine. " * size
        table = loaded_language.detect(text + "\n" + text)
        assert (table["text"] == "NOT").sum() == 2 * size
        assert len(calls) == 2, "one look per line"


# --- the sources lens on a story pasted as one long line ----------------------------------

def _one_line_story(size: int) -> str:
    text = "Source: Moscow Times. The United States said it would wait. Reports Say It Is Over. "
    return (text * (size // len(text) + 1))[:size]


def test_a_one_line_story_is_never_read_whole_for_each_capitalised_cue(monkeypatch):
    """A 1 MB story with no line break ran at 0.02 MB/s: every capitalised cue ("Say",
    "States") read the whole line to ask if it was a headline, and every "Source:" read
    the rest of the line for an outlet. Each look is now bounded, whatever the size."""
    from helpers.lenses import attribution

    looked = {"title": [], "outlets": []}
    title_case = attribution.is_title_case
    monkeypatch.setattr(attribution, "is_title_case",
                        lambda line: looked["title"].append(len(line)) or title_case(line))
    lexicons = attribution._lexicons()
    outlets_in = lexicons.outlets_in
    monkeypatch.setattr(lexicons, "outlets_in",
                        lambda fragment: looked["outlets"].append(len(fragment)) or outlets_in(fragment))
    longest = []
    for size in (20_000, 80_000):
        looked["title"].clear(), looked["outlets"].clear()
        attribution.detect(_one_line_story(size))
        assert looked["title"] and looked["outlets"]   # both looks were made
        longest.append((max(looked["title"]), max(looked["outlets"])))
    assert max(longest[1]) <= 500 and longest[0] == longest[1]


class CountingBreaks:
    """Stands in for the sources lens's clause-break pattern; counts the characters it is
    asked to scan."""

    def __init__(self, pattern):
        self.pattern, self.scanned = pattern, 0

    def search(self, text, pos=0, endpos=None):
        self.scanned += (len(text) if endpos is None else endpos) - pos
        return self.pattern.search(text, pos, *(() if endpos is None else (endpos,)))

    def finditer(self, text, pos=0, endpos=None):
        self.scanned += (len(text) if endpos is None else endpos) - pos
        return self.pattern.finditer(text, pos, *(() if endpos is None else (endpos,)))


def test_a_long_sentence_of_many_cues_and_no_break_is_scanned_once(monkeypatch):
    """"Passenger groups said they were upset and would ask ..." repeated with no comma:
    each cue looked for the end of its reported words from itself to the sentence's end
    (200 KB: 35 s). The sentence's breaks are now found once and looked up."""
    from helpers.lenses import attribution

    counting = CountingBreaks(attribution._CLAUSE_BREAK)
    monkeypatch.setattr(attribution, "_CLAUSE_BREAK", counting)
    sentence = "Passenger groups said they were upset and would ask the council to wait and "
    for size in (20_000, 40_000):
        counting.scanned = 0
        text = (sentence * (size // len(sentence) + 1))[:size]
        attribution.detect(text)
        assert 0 < counting.scanned <= 2 * size, (size, counting.scanned)


class LookBacks(str):
    """A text that counts how far back ``rfind`` is asked to look."""

    looked = 0

    def rfind(self, sub, start=None, end=None):
        start = 0 if start is None else start
        end = len(self) if end is None else end
        LookBacks.looked += max(0, end - start)
        return str.rfind(self, sub, start, end)


def test_colons_on_one_long_line_look_back_a_bounded_distance():
    """A colon ends a speaker's label ("HARLOW:") only within 80 characters of its line's
    start; each colon of a one-line text looked back to the start of the text."""
    from helpers.lenses import attribution

    found = []
    for size in (20_000, 40_000):
        LookBacks.looked = 0
        text = LookBacks(("a: " * size)[:size])
        attribution._headline_colons(text, attribution.Ranges([]), attribution._Memory())
        found.append(LookBacks.looked)
    assert found[1] <= 2 * found[0] + 1000 and found[1] < 200 * 40_000 // 3, found


# --- the numbers lens on a text made of figures ----------------------------------------

class SearchCountingText(str):
    """A text that counts the characters every find / rfind may read."""

    read = 0

    def _count(self, start, end):
        start = 0 if start is None else start
        end = len(self) if end is None else min(end, len(self))
        SearchCountingText.read += max(0, end - start)

    def find(self, sub, start=None, end=None):
        self._count(start, end)
        return str.find(self, sub, start, end)

    def rfind(self, sub, start=None, end=None):
        self._count(start, end)
        return str.rfind(self, sub, start, end)


def test_the_words_around_each_figure_are_looked_for_near_it_not_in_the_whole_line():
    """A one-line text of figures ("1 1 1 ...") searched the whole line for the sentence's
    ends around every figure: quadratic time, and 2 GB of memory per MB on notebook 06."""
    from helpers.lenses import numbers

    read = []
    for size in (4_000, 8_000):
        text = "1 " * size
        SearchCountingText.read = 0
        counted = SearchCountingText(text)
        words = [numbers._context(counted, i, i + 1) for i in range(0, len(text), 2)]
        read.append(SearchCountingText.read)
        assert words[size // 2] == {} and len(words) == size
    assert read[1] <= 2 * read[0] + 4 * numbers.CLAIM_WINDOW ** 2  # the ends of the line read less


def test_the_words_around_a_figure_stay_within_its_sentence():
    from helpers.lenses import numbers

    text = "Officials left the base. Rostec said 40 advisers stayed in Caracas. Then came more news"
    start = text.index("40")
    assert set(numbers._context(text, start, start + 2).values()) == {"Rostec", "advisers", "stayed", "Caracas"}


def test_a_page_shows_at_most_so_many_marks_per_lens_and_says_how_many_it_left_out():
    from helpers import analyze

    analysis = analyze.analyze_texts({"Figures": "1 " * 30_000}, charts=False)
    page = analyze.render_report(analysis, standalone=True)
    assert page.count('data-lens="numbers"') <= analyze.MARKS_SHOWN + 10   # + the legend's sample
    assert ("the page shows the first 20,000 highlights of \u201cNumbers\u201d in this article "
            "and leaves out the other") in page
    small = analyze.render_report(analyze.analyze_texts({"Short": "Rostec said 40 advisers stayed."},
                                                        charts=False))
    assert "leaves out" not in small


class Reading:
    """Stands in for a compiled expression and adds up how much text each search reads."""

    def __init__(self, pattern):
        self.pattern, self.calls, self.read = pattern, 0, 0

    def search(self, text, pos=0, endpos=None):
        endpos = len(text) if endpos is None else endpos
        self.calls += 1
        self.read += max(0, endpos - pos)
        return self.pattern.search(text, pos, endpos)


def test_fractions_and_mixed_numbers_look_back_a_bounded_distance(monkeypatch):
    """The number before "a fifth" or "and a half" is looked for just before it: a line of
    thousands of them, with no sentence end, reads each stretch a bounded number of times."""
    from helpers.lenses import numbers

    lex = numbers._lexicons()
    work = []
    for size in (1_000, 2_000):
        numerator, whole = Reading(lex.numerator_before), Reading(lex.whole_before)
        monkeypatch.setattr(lex, "numerator_before", numerator)
        monkeypatch.setattr(lex, "whole_before", whole)
        found = numbers.detect("a fifth of them, two and a half, " * size)
        assert (found["kind"] == "percent").sum() == size and (found["low"] == 2.5).sum() == size
        assert numerator.read <= 12 * numerator.calls and whole.read <= 20 * whole.calls
        work.append(numerator.read + whole.read)
        monkeypatch.undo()
    assert work[1] <= 2 * work[0] + 100, work
