"""Small text tools shared by the lenses: lexicons, quotations, sentences, phrases.

Every function here keeps character offsets into the text exactly as given: no
newline translation, no Unicode normalisation, so curly quotes, non-breaking spaces
(U+00A0) and hard line breaks stay where they are. Other lens modules import from
here; keep these functions small, documented and stable.
"""
from __future__ import annotations

import bisect
import csv
import io
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

import numpy as np
import pandas as pd
import regex

from ..wording import count, plural  # noqa: F401  (one plural rule for the kit: helpers.wording)


def lexicon_dir() -> Path:
    """The folder of the editable lexicons: ``lexicons/`` in the kit's data folder.

    That is ``data/lexicons`` in the repository and ``helpers/data/lexicons`` in an
    installed package (``helpers.folders.data_dir()``, which ``MEDIA_KIT_DATA`` overrides).
    """
    from ..folders import data_dir

    return data_dir() / "lexicons"


#: Folder of the editable lexicons (CSV files with a header row), as found at import.
LEXICON_DIR = lexicon_dir()

#: Characters that open or close a double quotation.
OPEN_QUOTES = "\u201c\u201e"          # “ „
CLOSE_QUOTES = "\u201d"                # ”
STRAIGHT_QUOTE = '"'
#: Apostrophes as they appear in captured text: straight and curly.
APOSTROPHES = "'\u2019"
#: Any run of spaces in captured text: ordinary, non-breaking, line breaks.
SPACE = r"[\s\u00a0]+"


#: The lexicons the lenses read (file stem -> ``registry.Lexicon``: its columns and words).
#: :mod:`helpers.lenses.registry` hands them over when it loads (always before a lens runs:
#: the ``helpers.lenses`` package loads it first), so these shared tools read the registry
#: without importing it, and the registry may read lexicons with :func:`load_lexicon`.
_lexicon_specs: Callable[[], dict] = dict


def use_lexicon_specs(specs: Callable[[], dict]) -> None:
    """Where the lexicon checks find what each lexicon must hold (the registry's ``lexicons``)."""
    global _lexicon_specs
    _lexicon_specs = specs


def cut(words, limit: int = 60) -> str:
    """``words`` cut short for a message (a cell may be a pasted paragraph)."""
    from ..wording import cut as _cut

    return _cut(words, limit)


def lexicon_problems(path: Path, header, name: str | None = None) -> list:
    """Problems with a lexicon's header line: every column the registry says the lens
    needs must be there (a renamed column would make the lens drop rows silently)."""
    from ..invisible import visible
    from ..problems import Problem, did_you_mean

    wanted = _lexicon_specs().get(name or path.stem)
    if wanted is None:
        return []
    if header is None:
        return [Problem(path, 1, "the file is empty; it needs a header line")]
    header = [h.strip() for h in header if h]
    if len(header) <= 1 and ";" in "".join(header):
        return [Problem(path, 1, "this file uses semicolons between its cells; save it as CSV with commas "
                                 "(in a spreadsheet: \"CSV UTF-8\")")]
    needed = [column for column, _ in wanted.columns]
    missing = [column for column in needed if column not in header]
    if not missing:
        return []
    problems = []
    for column in header:  # a misspelt column: name it, and the column it should be
        if column not in needed and did_you_mean(column, missing):
            problems.append(Problem(path, 1, f'unknown column "{cut(visible(column), 60)}"'
                                             f"{did_you_mean(column, missing)}"))
            missing.remove(did_you_mean(column, missing).split('"')[1])
    why = dict(wanted.columns)
    problems += [Problem(path, 1, f'missing column "{column}": {why[column]}; '
                                  "the lens cannot read this file without it") for column in missing]
    return problems


def check_lexicons(folder: Path | None = None) -> list:
    """Every problem in the lexicon files the lenses read, as ``file:line: problem``."""
    from ..problems import CaseError, Problem

    folder = Path(folder) if folder is not None else LEXICON_DIR
    problems = []
    for name in _lexicon_specs():
        path = folder / f"{name}.csv"
        try:
            _, found = read_lexicon_file(path, name)
        except FileNotFoundError:
            problems.append(Problem(path, None, "the lexicon file is missing; a lens reads it"))
            continue
        except OSError as err:
            problems.append(Problem(path, None, f"cannot be read ({getattr(err, 'strerror', None) or err}); "
                                                "check that you may read this file"))
            continue
        except CaseError as err:  # too big, not UTF-8, a NUL byte, a missing or doubled column
            problems += err.problems
            continue
        problems += lexicon_value_problems(path, _content_rows(found), name)
    return problems


def _content_rows(found):
    """The (line, row) pairs that are not blank or a ``#`` comment."""
    return [(line, row) for line, row in found
            if any(row.values()) and not next(iter(row.values())).startswith("#")]


def lexicon_value_problems(path: Path, rows, name: str | None = None) -> list:
    """Rows the lens could not use as written, each as ``file:line: problem``: a word
    outside a column's vocabulary (the registry's ``Lexicon.allowed``), a number column
    that is not a number or is below zero, a low above its high, a regular expression
    Python cannot read or one that could take hours on a long line; and a file with a
    header but no rows."""
    from ..problems import Problem, did_you_mean

    wanted = _lexicon_specs().get(name or path.stem)
    if wanted is None:
        return []
    rows = list(rows)
    if not rows:
        return [Problem(path, 1, "the file has a header line but no rows, so the lens would find nothing; "
                                 "add rows, or put back the kit's own file")]
    problems = []
    when = wanted.numbers_needed_when
    for line, row in rows:
        for column in wanted.not_empty:
            if not row.get(column, ""):
                problems.append(Problem(path, line, f"{column} is empty; every row needs one, "
                                                    "or delete the row"))
        for column, allowed in wanted.allowed:
            word = row.get(column, "")
            if word not in allowed:
                shown = ", ".join(a if a else "empty" for a in allowed)
                problems.append(Problem(path, line, f'{column} "{cut(word)}" is not one of {shown}'
                                                    f"{did_you_mean(word, allowed)}; the lens would skip this row"))
        needed = when is None or row.get(when[0], "") in when[1]
        for column in wanted.numbers:
            if (needed or row.get(column, "")) and not _is_number(row.get(column, "")):
                problems.append(Problem(path, line, f'{column} "{cut(row.get(column, ""))}" is not a number; '
                                                    'write it in figures, such as 3 or 0.5'))
        for column in wanted.not_negative:
            if _is_number(row.get(column, "")) and float(row[column]) < 0:
                problems.append(Problem(path, line, f'{column} "{cut(row[column])}" is below zero; '
                                                    "write 0 or more"))
        if wanted.ordered:
            low, high = (row.get(column, "") for column in wanted.ordered)
            if _is_number(low) and _is_number(high) and float(low) > float(high):
                problems.append(Problem(path, line, f'{wanted.ordered[0]} "{cut(low)}" is larger than '
                                                    f'{wanted.ordered[1]} "{cut(high)}"; {wanted.ordered[0]} is the '
                                                    f"smallest number the words allow and {wanted.ordered[1]} the "
                                                    "largest, so swap them"))
        if wanted.regex and row.get(wanted.regex[1], "") == wanted.regex[2] and row.get(wanted.regex[0], ""):
            problem = regex_problem(row.get(wanted.regex[0], ""))
            if problem:
                problems.append(Problem(path, line, f"{wanted.regex[0]}: {problem}"))
    return problems


def _is_number(word: str) -> bool:
    try:
        return math.isfinite(float(word))
    except ValueError:
        return False


#: Flags every regular expression row of a lexicon is compiled with.
REGEX_FLAGS = regex.MULTILINE | regex.VERSION0

#: Lines a regular expression row is tried on in ``check``: a line of letters, words
#: ending in "!", spaces, letters ending in another letter, and letters followed by every
#: printable character (so that a letter the pattern needs is there to look for).
REGEX_PROBES = (
    "a" * 1000,
    " ".join(["Information"] * 80) + "!",
    " " * 1000,
    "a" * 999 + "b",
    "a" * 200 + " " + "".join(chr(c) for c in range(33, 127)),
    " ".join(["Word"] * 30) + " " + "".join(chr(c) for c in range(33, 127)),
)
#: Seconds of work a probe line may take in ``check`` (the lens allows more on a real page).
PROBE_SECONDS = 0.2


def compile_regex(pattern: str):
    """A lexicon row's regular expression, compiled as the lenses run it (the ``regex``
    package, which can stop a search that takes too long: ``timeout=`` seconds)."""
    return regex.compile(pattern, REGEX_FLAGS)


def regex_problem(pattern: str) -> str:
    """Why ``pattern`` cannot be a lens's regular expression, or "" when it can: it is
    empty, Python cannot read it, it matches no text at all (it would mark every line), or
    it takes too long on one of the ``REGEX_PROBES`` lines (it could take hours on a page)."""
    if not pattern:
        return "the regular expression is empty"
    try:
        compiled_ = compile_regex(pattern)
    except (regex.error, OverflowError, RecursionError) as err:
        return f"not a regular expression Python can read ({err})"
    if nested_repeat(pattern):
        return ("a group with a repeat inside (+, * or {n,}) is itself repeated without end, as in (a+)+; "
                "on a long line that can take hours. Repeat the group at most a few times, e.g. {0,4}")
    try:
        if compiled_.search("", timeout=PROBE_SECONDS) is not None:
            return ("it matches an empty piece of text (as z* does), so it would mark every line; "
                    "make it need at least one character")
        for probe in REGEX_PROBES:
            for _ in compiled_.finditer(probe, timeout=PROBE_SECONDS):
                pass
    except TimeoutError:
        return ("the regular expression is too slow: on a line of about 1,000 characters it takes more than "
                f"{PROBE_SECONDS} seconds, and on a page it could take hours. Avoid repeating a group "
                "that can match the same text in several ways, as in (\\w+\\s?){1,12} or (.|.)*")
    return ""


_QUANTIFIER = re.compile(r"(?:[*+]|\{\d*,\}|\{\d+(?:,\d+)?\})[?+]?")


def _quantifier_at(pattern: str, i: int) -> tuple[bool, int]:
    """(whether the quantifier at ``i`` has no upper bound, its length); (False, 0) for none."""
    m = _QUANTIFIER.match(pattern, i)
    if not m:
        return False, 0
    q = m.group()
    return q[0] in "*+" or q.rstrip("?+").endswith(",}"), len(q)


def nested_repeat(pattern: str) -> bool:
    """True when a group that repeats something without end is itself repeated without
    end ("(a+)+", "(\\w+\\s?)*"): the shape that makes a regular expression take
    exponential time on a line it almost matches. One pass over the pattern."""
    inside = [False]  # per open group: it holds an unbounded repeat
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a character class is one atom
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            continue
        if c == "(":
            inside.append(False)
            i += 1
            continue
        if c == ")":
            inner = inside.pop() if len(inside) > 1 else False
            unbounded, length = _quantifier_at(pattern, i + 1)
            if inner and unbounded:
                return True
            inside[-1] = inside[-1] or inner or unbounded
            i += 1 + length
            continue
        unbounded, length = _quantifier_at(pattern, i)
        if length:
            inside[-1] = inside[-1] or unbounded
            i += length
            continue
        i += 1
    return False


#: A lexicon bigger than this is refused: the kit's lexicons are a few hundred rows, and
#: a huge one (a word list pasted by mistake) would make every lens slow and greedy.
MAX_LEXICON_BYTES = 1_000_000
MAX_LEXICON_ROWS = 20_000


def read_lexicon_file(path: Path, name: str | None = None) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and the (line, row) pairs of one lexicon file, every cell stripped.

    Read as UTF-8 (a byte-order mark, as Excel's "CSV UTF-8" writes, is accepted).
    Raises :class:`~helpers.CaseError` naming the file, and the line where there is one,
    for a file above ``MAX_LEXICON_BYTES`` or ``MAX_LEXICON_ROWS``, bytes that are not
    UTF-8, a NUL byte, a column the lens needs that is missing, or a column named twice.
    Blank rows and comment rows (``#``) are kept here; the loader skips them.
    """
    from ..problems import CaseError, Problem
    from ..textio import decode_utf8, windows_1252_hint

    size = path.stat().st_size
    if size > MAX_LEXICON_BYTES:
        raise CaseError([Problem(path, None, f"the lexicon is {size / 1e6:.1f} MB; a lexicon may be at most "
                                             f"{MAX_LEXICON_BYTES / 1e6:.0f} MB. Keep only the words the lens needs")])
    raw = path.read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise CaseError([Problem(path, None, "this file is UTF-16 text; save it as CSV UTF-8 "
                                             "(in a spreadsheet: \"CSV UTF-8\")")])
    text, bad = decode_utf8(raw)
    if bad is not None:
        line, offset = bad
        raise CaseError([Problem(path, line, f"not UTF-8 text: byte 0x{raw[offset]:02x} cannot be read"
                                             f"{windows_1252_hint(raw[offset])}; save the file as UTF-8 "
                                             "(in a spreadsheet: \"CSV UTF-8\")")])
    nul = text.find("\x00")
    if nul >= 0:
        raise CaseError([Problem(path, text.count("\n", 0, nul) + 1,
                                 "contains a NUL character (an invisible zero byte), which is not text; "
                                 "delete it, or save the file again as UTF-8 text")])
    reader = csv.reader(io.StringIO(text, newline=""))
    first = 1  # the line where the record being read starts
    try:
        header = next(reader, None)
        problems = lexicon_problems(path, header, name)
        seen: set = set()
        for column in (h.strip() for h in header or ()):
            if column and column in seen:
                problems.append(Problem(path, 1, f'duplicate column "{cut(column)}"; each column must be named once'))
            seen.add(column)
        if problems:
            raise CaseError(problems)
        columns = [h.strip() for h in header or ()]
        width = len(columns)
        while width and not columns[width - 1]:
            width -= 1  # a trailing comma on the header line names no column
        rows = []
        first = reader.line_num + 1
        for cells in reader:
            if len(rows) >= MAX_LEXICON_ROWS:
                raise CaseError([Problem(path, None, f"the lexicon has more than {MAX_LEXICON_ROWS:,} rows; "
                                                     "keep only the words the lens needs")])
            last = reader.line_num
            if last > first and any("\n" in cell or "\r" in cell for cell in cells):
                problems.append(Problem(path, first, f"a quotation mark (\") opens a cell that is never closed, "
                                                     f"so lines {first}\u2013{last} were read as one cell; "
                                                     "delete the stray quotation mark or close it"))
            extra = [cell for cell in cells[width:] if cell.strip()]
            if extra:
                problems.append(Problem(path, first, f"the row has {count(width + len(cells[width:]), 'cell')} but the header "
                                                     f"names {count(width, 'column')}; \"{cut(extra[0])}\" is in no column "
                                                     "(a comma inside a cell needs the cell in double quotes)"))
            row = {key: (cell or "").strip() for key, cell in zip(columns, cells) if key}
            for key in columns[len(cells):]:
                if key:
                    row[key] = ""
            rows.append((first, row))
            first = last + 1
    except csv.Error as err:
        if "field larger" in str(err):
            said = (f"a cell is longer than {csv.field_size_limit():,} characters (or a quotation mark (\") "
                    "opens a cell that is never closed); keep cells short and close every quotation mark")
        else:
            said = f"cannot be read as CSV ({err})"
        raise CaseError([Problem(path, first, said)]) from None
    if problems:
        raise CaseError(problems)
    return columns, rows


@lru_cache(maxsize=None)
def _read_lexicon(name: str) -> tuple[dict, ...]:
    path = LEXICON_DIR / f"{name}.csv"  # the module setting, so a test may point it elsewhere
    _, found = read_lexicon_file(path, name)
    numbered = _content_rows(found)
    problems = lexicon_value_problems(path, numbered, name)
    if problems:
        from ..problems import CaseError

        raise CaseError(problems)
    return tuple(numbered)


#: cache_clear of every lens's compiled rules, so one reload refreshes them all.
_COMPILED: list = []


def compiled(build):
    """Decorator: build a lens's rules from its lexicons once, until ``reload_lexicons``."""
    cached = lru_cache(maxsize=None)(build)
    _COMPILED.append(cached.cache_clear)
    return cached


def reload_lexicons() -> None:
    """Read every lexicon file again and rebuild the lenses' rules (after a teacher's edit)."""
    _read_lexicon.cache_clear()
    for clear in _COMPILED:
        clear()


def load_lexicon(name: str) -> list[dict]:
    """The rows of ``data/lexicons/<name>.csv`` as dicts of stripped strings.

    Blank rows and rows whose first cell starts with ``#`` (a teacher's comment) are
    skipped. The file is read once per process; each call returns fresh copies, so a
    caller may change them freely.
    """
    return [dict(row) for _, row in _read_lexicon(name)]


def lexicon_lines(name: str) -> list[int]:
    """The line in ``data/lexicons/<name>.csv`` of each row :func:`load_lexicon` gives, in order
    (for a message that names the row a teacher must fix)."""
    return [line for line, _ in _read_lexicon(name)]


def lexicon_path(name: str) -> Path:
    """The file ``load_lexicon(name)`` reads."""
    return LEXICON_DIR / f"{name}.csv"


def quoted_ranges(text: str, closed_only: bool = False) -> list[tuple[int, int]]:
    """The spans of text inside double quotation marks, marks excluded, in order.

    Curly quotes (“ ”, „) pair as opening and closing; straight quotes (") alternate.
    A quotation still open at the end of its paragraph closes there, as news writing
    lets a quotation run on with only an opening mark. A paragraph ends at a blank
    line, or at a line break after a line that ends a sentence (so a hard-wrapped
    PDF line does not end a quotation in mid-sentence). With ``closed_only=True``
    such run-on quotations are left out: only quotations with both marks remain,
    which is safer when a stray mark (an OCR slip) would swallow a paragraph.
    """
    ranges: list[tuple[int, int]] = []
    for para_start, para_end in _quote_paragraphs(text):
        open_at = None
        for match in _QUOTE_MARK.finditer(text, para_start, para_end):
            mark, pos = match.group(), match.start()
            if mark in OPEN_QUOTES:
                if open_at is not None and pos > open_at and not closed_only:
                    ranges.append((open_at, pos))
                open_at = pos + 1
            elif mark in CLOSE_QUOTES:
                if open_at is not None:
                    if pos > open_at:
                        ranges.append((open_at, pos))
                    open_at = None
            elif open_at is None:
                open_at = pos + 1
            else:
                if pos > open_at:
                    ranges.append((open_at, pos))
                open_at = None
        if open_at is not None and para_end > open_at and not closed_only:
            ranges.append((open_at, para_end))
    return ranges


_QUOTE_MARK = re.compile(f"[{OPEN_QUOTES}{CLOSE_QUOTES}{STRAIGHT_QUOTE}]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*|(?<=[.!?:\u201d\"])[ \t\u00a0]*\n\s*")


def _quote_paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def trimmed_spans(text: str, pattern: str) -> list[tuple[int, int]]:
    """The (start, end) of each match of ``pattern``, white space trimmed at both ends;
    matches that are only white space are dropped."""
    spans: list = []
    for match in re.finditer(pattern, text):
        _add_trimmed(text, *match.span(), spans)
    return spans


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each paragraph: text between blank lines, trimmed."""
    return trimmed_spans(text, r"[^\n]*\S(?:[^\n]*\n(?![ \t\u00a0]*\n)[^\n]*\S)*[^\n]*")


def line_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each non-blank line, leading and trailing spaces trimmed."""
    return trimmed_spans(text, r"[^\n]+")


# A sentence ends at . ! ? (optionally followed by closing quotes or brackets) and
# spaces, unless the word before the full stop is a known abbreviation or a single
# capital letter (an initial: "Thomas J. Grove"); a blank line always ends one.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "sen",
    "rep", "gov", "pres", "st", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs",
    "u.s", "u.k", "u.n", "e.u", "d.c", "n.y", "n.h", "a.m", "p.m", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rev", "gov", "fig",
    "approx", "est", "dept", "univ", "e.g", "i.e", "etc", "al",
}
#: Where a sentence may end, in two steps so that the time stays linear in the text
#: whatever it holds: first a run of stops (or a blank line), taken whole, then, from
#: the end of that run only, the closing quotes and the space and capital that must
#: follow. (One expression doing both tried every stop of a run as the start of the
#: run, so a line of 50,000 full stops took minutes.)
_STOP_RUN = re.compile(r"(?P<stop>[.!?…]+)|\n[ \t\u00a0]*\n")
_AFTER_STOP = re.compile(
    r"[\"'\u201d\u2019)\]]*+(?=[\s\u00a0]+[\"'\u201c\u2018(\[]*[A-Z0-9\u00c0-\u00de])")


class _End(NamedTuple):
    start: int
    end: int
    stop: str | None  # the stops ("." or "?!"), None for a blank line


def _sentence_ends(text: str) -> Iterator[_End]:
    """Each place a sentence may end: after stops followed by a space and a capital
    (closing quotes included), or a blank line. A full stop may still be an
    abbreviation's; the callers decide."""
    for match in _STOP_RUN.finditer(text):
        stop = match.group("stop")
        if stop is None:
            yield _End(match.start(), match.end(), None)
            continue
        after = _AFTER_STOP.match(text, match.end())
        if after:
            yield _End(match.start(), after.end(), stop)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence, by full stops and blank lines.

    A rule of thumb, not a parser: a full stop after an abbreviation ("Mr.", "U.S.")
    or an initial does not end a sentence; a blank line always does, and so does the
    line break after a headline (a line in title case with no full stop).
    """
    spans, start = [], 0
    for match in _sentence_ends(text):
        if match.stop == "." and _abbreviation_stop(text, match):
            continue
        end = match.end
        if "\n" in text[start:end]:
            _add_headlines(text, start, end, spans)
        else:
            _add_trimmed(text, start, end, spans)
        start = end
    _add_headlines(text, start, len(text), spans)
    return spans


_WORD_BEFORE_STOP = re.compile(r"[\w.]+$")
#: Abbreviations that are also words: one counts only before a number ("No. 5" is a
#: number; "He said no. Then he said yes." is two sentences).
_ABBREVIATIONS_BEFORE_A_NUMBER = {"no"}
_NUMBER_NEXT = re.compile(r"[\s\u00a0]+[0-9]")


def _abbreviation_stop(text: str, end: _End) -> bool:
    """True when the full stop of ``end`` is an abbreviation's ("Mr.", "U.S.", "No. 5") or
    an initial's ("Thomas J. Grove"), not a sentence's."""
    word = _WORD_BEFORE_STOP.search(text, max(0, end.start - 12), end.start)
    if not word:
        return False
    token = word.group().lower().strip(".")
    if token in _ABBREVIATIONS_BEFORE_A_NUMBER:
        return _NUMBER_NEXT.match(text, end.end) is not None
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


class Sentences:
    """The sentence around a position, found without splitting the whole text.

    ``around(pos)`` gives the same (start, end) as the span of :func:`sentence_spans`
    that holds ``pos`` (or None between sentences), but cuts only the sentences asked
    for: faster when only a few places in a long text need their sentence. Each stop is judged once and each sentence cut once, so asking for many places in
    a text with no sentence end (a thousand "Mr." and no full stop) stays linear.
    """

    def __init__(self, text: str):
        self.text = text
        self._marks = list(_sentence_ends(text))
        self._ends = [m.end for m in self._marks]
        self._real: dict[int, bool] = {}
        self._real_ends: list[int] | None = None
        self._pieces: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}

    def _is_end(self, i: int) -> bool:
        if i not in self._real:
            m = self._marks[i]
            real = True
            if m.stop == ".":
                real = not _abbreviation_stop(self.text, m)
            self._real[i] = real
        return self._real[i]

    def around(self, pos: int) -> tuple[int, int] | None:
        if self._real_ends is None:  # which stops end a sentence: decided once, in one pass
            self._real_ends = [m.end for i, m in enumerate(self._marks) if self._is_end(i)]
        k = bisect.bisect_right(self._real_ends, pos)  # the first real end after pos
        start = self._real_ends[k - 1] if k else 0
        end = self._real_ends[k] if k < len(self._real_ends) else len(self.text)
        found = self._pieces.get(start)
        if found is None:  # a sentence is cut into pieces once, however often it is asked for
            pieces: list[tuple[int, int]] = []
            if "\n" in self.text[start:end]:
                _add_headlines(self.text, start, end, pieces)
            else:
                _add_trimmed(self.text, start, end, pieces)
            found = self._pieces[start] = (pieces, [p[0] for p in pieces])
        pieces, starts = found
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and pos < pieces[i][1]:
            return pieces[i]
        return None


_LINE_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by",
                "with", "from", "as", "over", "into", "vs"}


#: A headline is short: a longer line is prose however many capitals it has, and is
#: never read word by word (a story pasted as one long line stays linear).
HEADLINE_MAX = 400


def is_title_case(line: str) -> bool:
    """True for a headline-like line: three or more words, most of them capitalised."""
    if len(line) > HEADLINE_MAX:
        return False
    all_words = _LINE_WORD.findall(line)
    words = [w for w in all_words if w.lower() not in _SMALL_WORDS]
    if len(all_words) < 3 or len(words) < 2:
        return False
    return sum(1 for w in words if w[0].isupper()) / len(words) >= 0.75


def _add_headlines(text: str, start: int, end: int, spans: list) -> None:
    """Add the sentence start..end, split after any headline line inside it.

    The lines since the last cut are judged as one piece (a headline wrapped over two
    lines is one headline), but each line is read once: whether the piece has a word in
    it and how it ends are carried from line to line, and the piece is read word by word
    only while it is short enough to be a headline. A piece that can no longer be cut (it
    began inside a line, or it is longer than a headline) ends the loop, so a transcript
    of many short lines and no full stop stays linear.
    """
    cut = start
    ends_with = ""  # the last character that is not a space since the cut ("" if none)
    line_start = start
    newline = text.find("\n", start, end)
    while newline != -1:
        last = text[line_start:newline].rstrip()[-1:]
        ends_with = last or ends_with
        if not ends_with:  # only blank lines since the cut
            cut = newline + 1
        else:
            if cut and text[cut - 1] != "\n" or newline - cut > HEADLINE_MAX:
                break  # no headline can end here or further on: the rest is one piece
            if ends_with not in ".!?,;:" and is_title_case(text[cut:newline]):
                _add_trimmed(text, cut, newline, spans)
                cut, ends_with = newline + 1, ""
        line_start = newline + 1
        newline = text.find("\n", newline + 1, end)
    _add_trimmed(text, cut, end, spans)


def _add_trimmed(text: str, start: int, end: int, spans: list) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def singular(word: str) -> str:
    """The singular of a regular English plural, the reverse of :func:`plural`: agencies
    -> agency, boxes -> box, unions -> union, fares -> fare. A word that does not end in
    -s, or ends in -ss, -us or -is ("press", "status", "analysis"), and "series" and
    "species", are given back as they are."""
    low = word.lower()
    if not low.endswith("s") or low.endswith(("ss", "us", "is", "series", "species")) or len(word) < 3:
        return word
    if low.endswith("ies") and len(word) > 4:
        return word[:-3] + ("Y" if word[-3:].isupper() else "y")
    if re.search(r"(?:ch|sh|x|z|ss)es$", low):
        return word[:-2]
    return word[:-1]


def phrase_regex(phrase: str) -> str:
    """A regular-expression source that matches a lexicon phrase as captured text has it.

    Words may be separated by any spaces or line breaks (including U+00A0), an
    apostrophe matches straight or curly, and the phrase must stand as whole words.
    The phrase itself is literal text, not a pattern. Use with ``re.IGNORECASE`` for
    case-insensitive matching.
    """
    parts = []
    for word in phrase.split():
        escaped = re.escape(word)
        escaped = escaped.replace("'", f"[{APOSTROPHES}]").replace("\u2019", f"[{APOSTROPHES}]")
        parts.append(escaped)
    body = SPACE.join(parts)
    return rf"(?<![\w-]){body}(?![\w-])"


def alternation(phrases, whole_words: bool = True) -> str:
    """One regex source matching any of ``phrases`` as whole words, the longest it can.

    Same rules as :func:`phrase_regex` (any spaces between words, either apostrophe).
    The phrases are merged into a trie ("say", "says", "said" -> ``sa(?:y(?:s)?|id)``)
    so that the expression stays fast with hundreds of phrases. With
    ``whole_words=False`` the word-boundary checks are left to the caller.
    """
    trie: dict = {}
    for phrase in {p.strip() for p in phrases if p and p.strip()}:
        node = trie
        for char in _trie_tokens(phrase):
            node = node.setdefault(char, {})
        node[""] = {}  # end of a phrase
    if not trie:
        return "(?!)"
    if not whole_words:
        return f"(?:{_trie_source(trie)})"
    return rf"(?<![\w-])(?:{_trie_source(trie)})(?![\w-])"


def _trie_tokens(phrase: str) -> list[str]:
    tokens = []
    for word_index, word in enumerate(phrase.split()):
        if word_index:
            tokens.append(SPACE)
        for char in word:
            tokens.append(f"[{APOSTROPHES}]" if char in APOSTROPHES else re.escape(char))
    return tokens


def _trie_source(node: dict) -> str:
    ends_here = "" in node
    branches = [token + _trie_source(child) for token, child in sorted(node.items()) if token]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?"
    return body


class Phrases:
    """Finds lexicon phrases as whole words in any case, quickly.

    ``spans(text)`` yields (start, end) of each phrase, longest first at each place. It
    reads the lower-cased text with a case-sensitive expression (much faster than
    ignoring case), unless lower-casing would change the text's length.
    """

    def __init__(self, phrases):
        phrases = {p for p in phrases if p and p.strip()}
        self._lower = re.compile(alternation({p.lower() for p in phrases}))
        self._any_case = re.compile(alternation(phrases), re.IGNORECASE)

    def spans(self, text: str, lowered: str | None = None):
        lowered = text.lower() if lowered is None else lowered
        if len(lowered) == len(text):
            return (m.span() for m in self._lower.finditer(lowered))
        return (m.span() for m in self._any_case.finditer(text))


class Ranges:
    """A sorted set of (start, end) spans that answers "is this position inside one?"."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self._starts = [s for s, _ in self.spans]

    def find(self, pos: int):
        """The span containing ``pos`` (start <= pos < end), or None."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]:
            return self.spans[i]
        return None

    def __contains__(self, pos: int) -> bool:
        return self.find(pos) is not None


def frame(rows: list[dict], columns, dtypes: dict | None = None) -> pd.DataFrame:
    """A findings table with ``start``, ``end``, ``text`` and ``columns``, sorted by start.

    ``dtypes`` may name a column's type ("int64", "float64", "bool" or "str"), so that
    even an empty table has the right types; other columns are typed from their values
    (whole numbers int64, True/False bool, other numbers float64, words str). An empty
    list gives an empty table that still has every column.
    """
    names = ["start", "end", "text", *columns]
    types = {"start": "int64", "end": "int64", "text": "str", **(dtypes or {})}
    if not rows:
        key = (tuple(names), tuple(sorted(types.items())))
        if key not in _EMPTY:
            _EMPTY[key] = pd.DataFrame({n: _column([], types.get(n)) for n in names}, copy=False)
        return _EMPTY[key].copy()
    if rows and any(a["start"] > b["start"] or (a["start"] == b["start"] and a["end"] > b["end"])
                    for a, b in zip(rows, rows[1:])):
        rows = sorted(rows, key=lambda r: (r["start"], r["end"]))
    data = {name: _column([row.get(name) for row in rows], types.get(name)) for name in names}
    return pd.DataFrame(data, copy=False)  # the dict keeps the column order


_EMPTY: dict = {}


def _column(values: list, dtype: str | None):
    if dtype is None and values:
        if all(type(v) is bool for v in values):
            dtype = "bool"
        elif all(type(v) is int for v in values):
            dtype = "int64"
        elif all(type(v) in (int, float) for v in values):
            dtype = "float64"
        elif all(type(v) is str for v in values):
            dtype = "str"
    if dtype in ("int64", "float64", "bool"):
        return np.array(values, dtype=dtype)
    if dtype == "str" and (not values or not all(type(v) is str for v in values)):
        return pd.array(values, dtype="str")
    return np.array(values, dtype=object)  # pandas reads a column of words as str
