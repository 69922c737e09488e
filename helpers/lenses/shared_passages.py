"""Shared-passages lens: wording two reports share, verbatim or nearly so.

When two reports share a passage word for word, one copied the other or both copied
a third: it is the evidence behind a source chain (Hannity's "Fox News" quotation is
the Wall Street Journal's wording) and it shows that the Moscow Times PDF is a
capture of its web page.

How it reads (no black box: each step is a few lines below):

1. **Words, not characters.** Each text becomes a list of words, lower-cased, with
   the punctuation inside a word dropped, and each word remembers where it sits in
   the original text. So curly and straight quotation marks do not matter (they are
   not words), a hard line break is just a space, a word hyphenated across a line
   end ("pre-\\nexisting") is the same word as "pre-existing", "Rostec's" matches
   "Rostec’s" and "1,000" matches "1000".
2. **An index of n-grams.** Every run of ``n`` words (``n`` = 6 by default) goes
   into one dictionary: n-gram -> the reports (the last few) and positions where it
   occurs. Reports are read in turn, each looked up in the index, then added to it,
   so the work grows with the amount of text, not with the number of pairs of
   reports. Two limits keep it so on hostile input: only the first few places of an
   n-gram a report repeats ("$1 $1 $1 ...") are paired (``MAX_REPEATS``), and an
   n-gram that many reports already have (wire copy) pairs a report with the nearest
   of them only (``MAX_REPORTS``).
3. **Seeds.** An n-gram found in two reports is a seed for that pair; seeds that
   touch on one diagonal (same offset between the two texts) make one run.
4. **Passages.** Runs a few words apart are joined into
   one passage, so a small OCR slip ("WS]J" for "WSJ") or an inserted "(the
   country)" does not break it. Each passage then grows word by word at both ends,
   again stepping over up to ``max_gap`` words when at least three matching words
   follow.
5. **Score.** The share of the passage's words that are matched exactly, in both
   texts together: 1.0 is verbatim, 0.9 a close copy with a few slips.

Offsets are character offsets into the texts as given (end exclusive), so
``a_text == text_a[a_start:a_end]``.
"""
from __future__ import annotations

import gc
import re

import pandas as pd

#: The columns of ``detect_pair``; ``detect_many`` adds ``report_a`` and ``report_b``.
COLUMNS = ("a_start", "a_end", "b_start", "b_end", "a_text", "b_text", "score", "words")

#: Words per n-gram in the index: long enough that ordinary phrases ("in the South
#: American country") rarely make a passage, short enough to find a copied sentence.
NGRAM = 6
#: Words that may be skipped inside a passage (OCR slips, a short insertion).
MAX_GAP = 3
#: How many matching words must follow a skipped stretch when a passage grows.
MIN_RUN = 3
#: An n-gram that this many earlier reports already have is wire copy: a report is
#: then compared, for that n-gram, with the nearest of them only. Below it every pair
#: of reports that shares wording is found (up to 8 reports, always every pair); 300
#: copies of one wire story make a chain of pairs, each copy with the one before it,
#: instead of all 44,850 pairs: the work and the table grow with the number of
#: reports, not with its square.
MAX_REPORTS = 8
#: Of an n-gram one report repeats ("$1 $1 $1 ..."), only the first few places pair
#: with other reports: the passage still grows over the rest, once.
MAX_REPEATS = 4

#: A word: a number with its separators ("1,000"), or letters joined by an apostrophe
#: or a hyphen, including a hyphen at a line end ("pre-\nexisting").
WORD = re.compile(
    r"\d+(?:[.,]\d+)*"
    r"|[^\W_]+(?:(?:['\u2019]|[-\u00ad\u2010\u2011][ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?)[^\W_]+)*"
)
_DROP = str.maketrans("", "", "'\u2019-\u00ad\u2010\u2011.,\r\n\t \u00a0")


def words(text: str) -> tuple[list[str], list[int], list[int]]:
    """The normalised words of ``text`` with their start and end offsets."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is longer
        lowered = text
    spans = [m.span() for m in WORD.finditer(lowered)]
    keys = [lowered[s:e] for s, e in spans]
    keys = [k if k.isalnum() else k.translate(_DROP) for k in keys]
    if lowered is text:
        keys = [k.lower() for k in keys]
    return keys, [s for s, _ in spans], [e for _, e in spans]


def _join(runs: list[list[int]], gap: int, n: int) -> list[list[int]]:
    """Join runs a few words apart in both texts into passages."""
    passages: list[list[int]] = []
    for run in sorted(runs):
        for passage in reversed(passages[-8:]):
            a_gap, b_gap = run[0] - passage[1], run[2] - passage[3]
            if -n < a_gap <= gap and -n < b_gap <= gap:
                passage[4] += run[4] - max(0, -min(a_gap, b_gap))
                passage[1] = max(passage[1], run[1])
                passage[3] = max(passage[3], run[3])
                break
        else:
            passages.append(list(run))
    return passages


def _grow(passage: list[int], a: list[str], b: list[str], gap: int) -> None:
    """Extend a passage at both ends while words match, stepping over short slips."""
    a0, a1, b0, b1, matched = passage
    # forwards
    while True:
        same = _same_ahead(a, b, a1, b1)
        a1, b1, matched = a1 + same, b1 + same, matched + same
        step = _skip(a, b, a1, b1, gap, +1)
        if step is None:
            break
        a1, b1 = a1 + step[0], b1 + step[1]
    # backwards
    while True:
        same = _same_behind(a, b, a0, b0)
        a0, b0, matched = a0 - same, b0 - same, matched + same
        step = _skip(a, b, a0 - 1, b0 - 1, gap, -1)
        if step is None:
            break
        a0, b0 = a0 - step[0], b0 - step[1]
    passage[:] = [a0, a1, b0, b1, matched]


def _same_ahead(a: list[str], b: list[str], i: int, j: int) -> int:
    """How many words match from a[i] and b[j] on (slices compared, doubling the step)."""
    limit = min(len(a) - i, len(b) - j)
    step, same = 8, 0
    while same < limit:  # gallop: long copies cost a few comparisons of slices
        k = min(step, limit - same)
        if a[i + same:i + same + k] == b[j + same:j + same + k]:
            same += k
            step *= 2
        elif k <= 8:
            while same < limit and a[i + same] == b[j + same]:
                same += 1
            return same
        else:
            step = 8
    return same


def _same_behind(a: list[str], b: list[str], i: int, j: int) -> int:
    """How many words match before a[i] and b[j], going backwards."""
    limit = min(i, j)
    step, same = 8, 0
    while same < limit:
        k = min(step, limit - same)
        if a[i - same - k:i - same] == b[j - same - k:j - same]:
            same += k
            step *= 2
        elif k <= 8:
            while same < limit and a[i - same - 1] == b[j - same - 1]:
                same += 1
            return same
        else:
            step = 8
    return same


def _skip(a, b, i, j, gap, direction):
    """The smallest (skip in a, skip in b) after which MIN_RUN words match, or None."""
    best = None
    for da in range(gap + 1):
        for db in range(gap + 1):
            if da == db == 0 or (best and da + db >= sum(best)):
                continue
            ok = True
            for t in range(MIN_RUN):
                x, y = i + direction * (da + t), j + direction * (db + t)
                if not (0 <= x < len(a) and 0 <= y < len(b)) or a[x] != b[y]:
                    ok = False
                    break
            if ok:
                best = (da, db)
    return best


def _explained(passage: list[int], kept: list[list[int]]) -> bool:
    """Do longer passages already hold both sides of this one?

    A phrase a text repeats ("a source close to the Ministry") pairs each of its
    occurrences with each in the other text; only the pairing inside the long
    passages is real.
    """
    a_inside = any(k[0] <= passage[0] and passage[1] <= k[1] for k in kept)
    b_inside = any(k[2] <= passage[2] and passage[3] <= k[3] for k in kept)
    return a_inside and b_inside


def detect_many(texts: dict[str, str], n: int = NGRAM, max_gap: int = MAX_GAP,
                min_words: int | None = None) -> pd.DataFrame:
    """Passages shared by any two of ``texts`` (report id -> text), one row per passage.

    Columns: ``report_a``, ``report_b`` (``report_a`` comes first in ``texts``),
    ``a_start``, ``a_end``, ``b_start``, ``b_end`` (character offsets), ``a_text``,
    ``b_text``, ``score`` (0..1, the share of words matched exactly) and ``words``
    (how many words of the passage in report a). ``min_words`` (default ``n``) drops
    shorter passages.
    """
    # The index holds one small tuple per word of every report. None of them can form
    # a reference cycle, so the cycle collector is paused while they are made: it
    # would otherwise rescan the growing index again and again.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _detect_many(texts, n, max_gap, n if min_words is None else min_words)
    finally:
        if paused:
            gc.enable()


def _detect_many(texts: dict[str, str], n: int, max_gap: int, min_words: int,
                 stats: dict | None = None) -> pd.DataFrame:
    ids = list(texts)
    tokenised = [words(texts[i]) for i in ids]
    # The index: n-gram -> the last few reports that have it, each with the first few
    # places it occurs there. Reports are read in turn; each is compared with the
    # reports before it, through the index, then added to it.
    index: dict[tuple, list[tuple[int, list[int]]]] = {}
    rows = []
    for db, (b_keys, b_starts, b_ends) in enumerate(tokenised):
        mine: dict[tuple, list[int]] = {}
        # Runs of shared n-grams with each earlier report, built as the n-grams come:
        # report a -> (diagonal -> the run on it still growing, all runs).
        found: dict[int, tuple[dict[int, list[int]], list[list[int]]]] = {}
        for pb, gram in enumerate(zip(*(b_keys[k:] for k in range(n)))):
            places = mine.get(gram)
            if places is None:
                mine[gram] = places = [pb]
            elif len(places) < MAX_REPEATS:
                places.append(pb)
            else:
                continue  # a phrase said again and again: its first few times stand for it
            holders = index.get(gram)
            if holders is None:
                continue
            if len(holders) == MAX_REPORTS:  # wire copy: pair with the nearest report only
                holders = holders[-1:]
            if stats is not None:
                stats["pairs"] += sum(len(a_places) for _, a_places in holders)
            for da, a_places in holders:
                state = found.get(da)
                if state is None:
                    found[da] = state = ({}, [])
                growing, runs = state
                for pa in a_places:
                    run = growing.get(pb - pa)
                    if run is not None and pa <= run[1]:  # touches the run on its diagonal
                        run[1] = pa + n
                        run[3] = pb + n
                    else:
                        growing[pb - pa] = run = [pa, pa + n, pb, pb + n]
                        runs.append(run)
        for gram, places in mine.items():
            holders = index.get(gram)
            if holders is None:
                index[gram] = [(db, places)]
            else:
                holders.append((db, places))
                if len(holders) > MAX_REPORTS:
                    del holders[0]
        for da, (_, runs) in found.items():
            for run in runs:
                run.append(run[1] - run[0])  # words matched exactly
            rows += _pair_rows(texts, ids, tokenised, da, db, runs, n, max_gap, min_words)
    rows.sort(key=lambda row: row.pop("_order"))
    return pd.DataFrame(rows, columns=["report_a", "report_b", *COLUMNS])


def _pair_rows(texts, ids, tokenised, da, db, runs, n, max_gap, min_words) -> list[dict]:
    """The rows for reports ``da`` and ``db``, from the runs of n-grams they share."""
    a_keys, a_starts, a_ends = tokenised[da]
    b_keys, b_starts, b_ends = tokenised[db]
    passages = _join(runs, max_gap, n)
    grown: list[list[int]] = []
    for passage in passages:  # in text order
        if any(g[0] <= passage[0] and passage[1] <= g[1] and g[2] <= passage[2]
               and passage[3] <= g[3] for g in grown[-8:]):
            continue  # already inside a passage grown over it: do not walk it again
        _grow(passage, a_keys, b_keys, max_gap)
        grown.append(passage)
    grown.sort(key=lambda p: -(p[1] - p[0]))
    kept: list[list[int]] = []
    for passage in grown:
        if passage[1] - passage[0] < min_words:
            continue
        if _explained(passage, kept):
            continue
        kept.append(passage)
    text_a, text_b = texts[ids[da]], texts[ids[db]]
    rows = []
    for a0, a1, b0, b1, matched in sorted(kept):
        a_start, a_end = a_starts[a0], a_ends[a1 - 1]
        b_start, b_end = b_starts[b0], b_ends[b1 - 1]
        total = (a1 - a0) + (b1 - b0)
        rows.append({
            "report_a": ids[da], "report_b": ids[db],
            "a_start": a_start, "a_end": a_end, "b_start": b_start, "b_end": b_end,
            "a_text": text_a[a_start:a_end], "b_text": text_b[b_start:b_end],
            "score": round(min(1.0, 2 * matched / total), 3), "words": a1 - a0,
            "_order": (da, db, a0, a1, b0, b1),
        })
    return rows


def detect_pair(text_a: str, text_b: str, **options) -> pd.DataFrame:
    """Passages that ``text_a`` and ``text_b`` share; see :func:`detect_many`."""
    found = detect_many({"a": text_a, "b": text_b}, **options)
    return found.drop(columns=["report_a", "report_b"]).reset_index(drop=True)
