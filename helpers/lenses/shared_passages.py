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
   into one dictionary: n-gram -> the reports and positions where it occurs. This
   is built once for all reports, so the work grows with the amount of text, not
   with the number of pairs of reports.
3. **Seeds.** An n-gram found in two reports is a seed for that pair.
4. **Passages.** Seeds on the same diagonal (same offset between the two texts)
   that touch are one run of shared words. Runs a few words apart are joined into
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
from collections import defaultdict

import pandas as pd

NAME = "shared_passages"
LABEL = "Shared passages"
#: The columns of ``detect_pair``; ``detect_many`` adds ``report_a`` and ``report_b``.
COLUMNS = ("a_start", "a_end", "b_start", "b_end", "a_text", "b_text", "score", "words")

#: Words per n-gram in the index: long enough that ordinary phrases ("in the South
#: American country") rarely make a passage, short enough to find a copied sentence.
NGRAM = 6
#: Words that may be skipped inside a passage (OCR slips, a short insertion).
MAX_GAP = 3
#: How many matching words must follow a skipped stretch when a passage grows.
MIN_RUN = 3

#: A word: a number with its separators ("1,000"), or letters joined by an apostrophe
#: or a hyphen, including a hyphen at a line end ("pre-\nexisting").
WORD = re.compile(
    r"\d+(?:[.,]\d+)*"
    r"|[^\W_]+(?:(?:['\u2019]|[-\u00ad\u2010\u2011][ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?)[^\W_]+)*"
)
STRIDE = 1 << 32  # more words than any report has
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


def _runs(seeds: list[tuple[int, int]], n: int) -> list[list[int]]:
    """Join seeds (a position, b position) that touch on one diagonal into runs.

    A run is [a_start, a_end, b_start, b_end, matched] in word positions (end
    exclusive); ``matched`` is how many words in it are exact matches.
    """
    runs: list[list[int]] = []
    for a, b in sorted(seeds, key=lambda s: (s[1] - s[0], s[0])):
        last = runs[-1] if runs else None
        if last and last[2] - last[0] == b - a and a <= last[1]:
            last[1] = max(last[1], a + n)
            last[3] = last[1] + (b - a)
        else:
            runs.append([a, a + n, b, b + n])
    for run in runs:
        run.append(run[1] - run[0])
    return runs


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
        while a1 < len(a) and b1 < len(b) and a[a1] == b[b1]:
            a1, b1, matched = a1 + 1, b1 + 1, matched + 1
        step = _skip(a, b, a1, b1, gap, +1)
        if step is None:
            break
        a1, b1 = a1 + step[0], b1 + step[1]
    # backwards
    while True:
        while a0 > 0 and b0 > 0 and a[a0 - 1] == b[b0 - 1]:
            a0, b0, matched = a0 - 1, b0 - 1, matched + 1
        step = _skip(a, b, a0 - 1, b0 - 1, gap, -1)
        if step is None:
            break
        a0, b0 = a0 - step[0], b0 - step[1]
    passage[:] = [a0, a1, b0, b1, matched]


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


def _detect_many(texts: dict[str, str], n: int, max_gap: int, min_words: int) -> pd.DataFrame:
    ids = list(texts)
    tokenised = [words(texts[i]) for i in ids]
    # The index: n-gram -> where it first occurs; a second dict keeps the few n-grams
    # that occur more than once. A position is one number, report * STRIDE + word.
    first: dict[tuple, int] = {}
    repeated: dict[tuple, list[int]] = {}
    for d, (keys, _, _) in enumerate(tokenised):
        base = d * STRIDE
        for p, gram in enumerate(zip(*(keys[k:] for k in range(n)))):
            code = base + p
            seen = first.setdefault(gram, code)
            if seen != code:
                postings = repeated.get(gram)
                if postings is None:
                    repeated[gram] = [seen, code]
                else:
                    postings.append(code)
    seeds: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for postings in repeated.values():
        for x, code_a in enumerate(postings):
            da, pa = divmod(code_a, STRIDE)
            for code_b in postings[x + 1:]:
                db, pb = divmod(code_b, STRIDE)
                if da != db:
                    seeds[(da, db)].append((pa, pb))  # postings are in report order
    rows = []
    for (da, db), pair_seeds in sorted(seeds.items()):
        a_keys, a_starts, a_ends = tokenised[da]
        b_keys, b_starts, b_ends = tokenised[db]
        passages = _join(_runs(pair_seeds, n), max_gap, n)
        for passage in passages:
            _grow(passage, a_keys, b_keys, max_gap)
        passages.sort(key=lambda p: -(p[1] - p[0]))
        kept: list[list[int]] = []
        for passage in passages:
            if passage[1] - passage[0] < min_words:
                continue
            if _explained(passage, kept):
                continue
            kept.append(passage)
        text_a, text_b = texts[ids[da]], texts[ids[db]]
        for a0, a1, b0, b1, matched in sorted(kept):
            a_start, a_end = a_starts[a0], a_ends[a1 - 1]
            b_start, b_end = b_starts[b0], b_ends[b1 - 1]
            total = (a1 - a0) + (b1 - b0)
            rows.append({
                "report_a": ids[da], "report_b": ids[db],
                "a_start": a_start, "a_end": a_end, "b_start": b_start, "b_end": b_end,
                "a_text": text_a[a_start:a_end], "b_text": text_b[b_start:b_end],
                "score": round(min(1.0, 2 * matched / total), 3), "words": a1 - a0,
            })
    return pd.DataFrame(rows, columns=["report_a", "report_b", *COLUMNS])


def detect_pair(text_a: str, text_b: str, **options) -> pd.DataFrame:
    """Passages that ``text_a`` and ``text_b`` share; see :func:`detect_many`."""
    found = detect_many({"a": text_a, "b": text_b}, **options)
    return found.drop(columns=["report_a", "report_b"]).reset_index(drop=True)
