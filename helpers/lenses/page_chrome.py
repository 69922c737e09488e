"""Page chrome lens: the parts of a captured page that are not the report itself.

Captions, photo credits, donation appeals, related-link blocks, bare web addresses,
share and comment prompts, bylines, datelines, "Originally published at" and "Read the
full report at" lines, "Read more", legal boilerplate, tags and mastheads. Spotting them
is part of reading a capture: a stale photo caption or a fundraising appeal is not news.

The rules are rows of ``data/lexicons/page_chrome_patterns.csv``. Each row has a
``kind``, a ``match`` (how to look: ``starts`` = a line starts with the phrase,
``contains`` = the phrase is anywhere in it, ``line`` = the whole line is the phrase,
``regex`` = a regular expression for one line), the ``pattern`` and an ``extent``
(what is marked: the ``line``, its whole ``paragraph``, or just the ``match``; a paragraph
is the line with the lines that wrap into it, see ``_paragraph_of``).
Markdown marks (``*``, ``#``, ``[``) and spaces at the start of a line are read over.
One rule lives here rather than in the file because it needs a position: a line in
capitals among the first three lines of a page is its ``masthead``.

When two rules mark overlapping text, the longer mark wins.
"""
from __future__ import annotations

import re
import time

import pandas as pd

from . import registry as _registry
from ._text import (alternation, compile_regex, compiled, frame, lexicon_lines, lexicon_path,  # noqa: F401
                    load_lexicon, reload_lexicons)

COLUMNS = ("kind", "rule")
DTYPES = {"kind": "str", "rule": "str"}
KINDS = _registry.CHROME_KINDS

_LEAD = r"[ \t\u00a0*_#>\[(<]*"   # markdown and spaces read over at the start of a line


class _Rules:
    """The pattern rows compiled into a few combined expressions (one per way of matching)."""

    def __init__(self):
        self.rows = load_lexicon("page_chrome_patterns")
        self.lines = lexicon_lines("page_chrome_patterns")
        self.by_phrase: dict[str, dict[str, int]] = {"starts": {}, "contains": {}, "line": {}}
        self.regexes = []
        for n, row in enumerate(self.rows):
            pattern, how = row["pattern"], row["match"]
            if how in self.by_phrase:
                self.by_phrase[how].setdefault(_key(pattern), n)
            elif how == "regex":
                self.regexes.append((n, compile_regex(pattern)))
            else:
                raise ValueError(f"page_chrome_patterns.csv row {n + 2}: unknown match {how!r}")
        flags = re.IGNORECASE | re.MULTILINE
        starts, contains, whole = (list(self.by_phrase[k]) for k in ("starts", "contains", "line"))
        self.starts = re.compile(rf"^{_LEAD}(?P<p>{alternation(starts)})", flags) if starts else None
        self.contains = re.compile(rf"(?P<p>{alternation(contains)})", flags) if contains else None
        self.whole = re.compile(
            rf"^{_LEAD}(?P<p>{alternation(whole)})[ \t\u00a0*_\].!:>)]*$", flags) if whole else None

    def row_for(self, how: str, matched: str) -> int | None:
        return self.by_phrase[how].get(_key(matched))


def _key(phrase: str) -> str:
    """A phrase as the rules look it up: lower case, one space, straight apostrophe."""
    return re.sub(r"[\s\u00a0]+", " ", phrase.strip().lower()).replace("\u2019", "'")


_rules = compiled(_Rules)


def detect(text: str) -> pd.DataFrame:
    """Every piece of page chrome in ``text``: start, end, text, kind and the rule used."""
    if not text:
        return frame([], COLUMNS, DTYPES)
    rules = _rules()
    found: list[dict] = []

    def mark(match_start: int, match_end: int, row_index: int | None, kind: str | None = None,
             extent: str | None = None, rule: str = ""):
        if row_index is not None:
            row = rules.rows[row_index]
            kind, extent = row["kind"], row["extent"]
            rule = f'{row["match"]} "{row["pattern"]}"' if row["match"] != "regex" else row["note"] or "regex"
        if extent == "line":
            start, end = _line_of(text, match_start)
        elif extent == "paragraph":
            start, end = _paragraph_of(text, match_start)
        else:
            start, end = match_start, match_end
        start, end = _trim(text, start, end)
        if end > start:
            found.append({"start": start, "end": end, "kind": kind, "rule": rule,
                          "paragraph": extent == "paragraph"})

    for how, regex in (("starts", rules.starts), ("contains", rules.contains), ("line", rules.whole)):
        if regex is None:
            continue
        for m in regex.finditer(text):
            row_index = rules.row_for(how, m.group("p"))
            if row_index is not None:
                mark(m.start("p"), m.end("p"), row_index)
    stretches = _short_line_stretches(text)
    budget = REGEX_SECONDS + REGEX_SECONDS_PER_MB * len(text) / 1e6
    for n, regex in rules.regexes:
        for m in _timed_matches(regex, text, stretches, budget, rules.lines[n]):
            start = m.start()
            while start < m.end() and text[start] in " \t\u00a0\r\n":
                start += 1  # a pattern that opens with \s may begin on the blank line above
            if start < m.end():
                mark(start, m.end(), n)
    for start, end in _masthead_lines(text):
        mark(start, end, None, "masthead", "line", "a line in capitals at the top of the page")

    rows = []
    for f in _join_paragraph_marks(text, _longest_first(found)):
        rows.append({"start": f["start"], "end": f["end"], "kind": f["kind"], "rule": f["rule"],
                     "text": text[f["start"]:f["end"]]})
    return frame(rows, COLUMNS, DTYPES)


#: Seconds of work (processor time) a regex row may take on one text, plus as much again per
#: megabyte of text: the shipped rows take a few milliseconds on a whole report, so only
#: a row that backtracks without end runs out, and the lens stops instead of hanging.
REGEX_SECONDS = 1.0
REGEX_SECONDS_PER_MB = 2.0


def _timed_matches(regex, text: str, stretches, budget: float, line: int):
    """The matches of ``regex`` in each stretch of ``text``, all within ``budget`` seconds of
    work; a :class:`~helpers.CaseError` naming the row's line when they are not."""
    deadline = time.process_time() + budget
    try:
        for begin, end in stretches:
            left = deadline - time.process_time()
            if left <= 0:
                raise TimeoutError
            yield from regex.finditer(text, begin, end, timeout=left)
    except TimeoutError:
        from ..problems import CaseError, Problem

        raise CaseError([Problem(lexicon_path("page_chrome_patterns"), line,
                                 "pattern: the regular expression is too slow: it ran too long on one "
                                 "report and was stopped, so page chrome is not marked. Simplify it, "
                                 "and run `check` to test it")]) from None


#: A regex row is tried only on lines up to this long: page chrome is a short line, and a
#: teacher's pattern that backtracks must not meet a whole paragraph written as one line.
MAX_REGEX_LINE = 1000
_LONG_LINE = re.compile(r"[^\n]{%d,}" % (MAX_REGEX_LINE + 1))


def _short_line_stretches(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of lines no longer than ``MAX_REGEX_LINE``, between the longer ones."""
    out, begin = [], 0
    for m in _LONG_LINE.finditer(text):
        if m.start() > begin:
            out.append((begin, m.start()))
        begin = m.end()
    if begin < len(text) or not out:
        out.append((begin, len(text)))
    return out


def _line_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


def _paragraph_of(text: str, pos: int) -> tuple[int, int]:
    """The paragraph around ``pos``: the line at ``pos`` with the lines that wrap into it
    (a line that does not end a sentence runs on into the next), never past a blank line
    and never longer than ``MAX_PARAGRAPH`` characters.

    Not simply "the block between blank lines": a story pasted with one paragraph a line
    and no blank lines between them is one block, and taking it whole would mark the
    whole story as chrome because of a "Donate now" on its last line. Read this way a
    one-paragraph-a-line text gives the line itself, and a hard-wrapped capture (PDF,
    OCR) its wrapped lines. Lines of one appeal that each end a sentence ("Not ready to
    support today?" / "Remind me later.") are joined again by ``_join_paragraph_marks``.
    """
    start, end = _line_of(text, pos)
    while start > 0 and end - start <= MAX_PARAGRAPH:  # the line above runs on into this one
        above_start = text.rfind("\n", 0, start - 1) + 1
        above = text[above_start:start - 1]
        if _ends_sentence(above) or end - above_start > MAX_PARAGRAPH:
            break
        start = above_start
    while end < len(text) and not _ends_sentence(text[text.rfind("\n", start, end) + 1:end]):
        below_end = text.find("\n", end + 1)
        below_end = len(text) if below_end == -1 else below_end
        if below_end - start > MAX_PARAGRAPH:
            break
        end = below_end
    return start, end


#: The longest stretch a ``paragraph`` rule marks, in characters.
MAX_PARAGRAPH = 1500
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’)\]*_]\s*$")


def _ends_sentence(line: str) -> bool:
    """True for a line that ends a sentence, and for a blank line (a paragraph ends there)."""
    return bool(_SENTENCE_END.search(line)) or not line.strip()


def _join_paragraph_marks(text: str, marks: list[dict]) -> list[dict]:
    """Join paragraph marks of one kind on lines next to each other (no blank line between):
    the buttons of one appeal, each its own short sentence, are one piece of chrome."""
    out: list[dict] = []
    for f in marks:
        last = out[-1] if out else None
        if (last and last["paragraph"] and f["paragraph"] and last["kind"] == f["kind"]
                and text[last["end"]:f["start"]].strip(" \t\u00a0\r") == "\n"):
            out[-1] = {**last, "end": f["end"]}
        else:
            out.append(f)
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\u00a0\r\n":
        start += 1
    while end > start and text[end - 1] in " \t\u00a0\r\n":
        end -= 1
    return start, end


def _masthead_lines(text: str):
    """A line in capitals (two to eight words) among the first three lines with text."""
    seen = 0
    for m in re.finditer(r"[^\n]*", text[:2000]):
        line = m.group()
        if not line.strip():
            continue
        seen += 1
        if seen > 3:
            break
        words = re.findall(r"[A-Za-z][A-Za-z'’-]*", line)
        if 2 <= len(words) <= 8 and all(w.isupper() for w in words) and not re.search(r"[.?!:]\s*$", line):
            yield m.start(), m.end()


def _longest_first(found: list[dict]) -> list[dict]:
    """Drop a mark that lies inside a longer one; of equal marks keep the first rule."""
    ordered = sorted(found, key=lambda f: (-(f["end"] - f["start"]), f["start"]))
    kept: list[dict] = []
    for f in ordered:
        if any(k["start"] <= f["start"] and f["end"] <= k["end"] for k in kept):
            continue
        kept.append(f)
    return sorted(kept, key=lambda f: f["start"])
