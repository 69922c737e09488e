"""The words a student reads about a finding, written once.

The reader's findings list, the exercises' feedback, the analyze page and the charts
all describe a finding with :class:`Words` (made by each lens's ``describe`` function in
:mod:`helpers.lenses.registry`) and write its numbers with :func:`number` and
:func:`number_range`. Nothing here shows an internal id: kinds and categories get the
human label the registry gives them, and a claim is named by its ``label`` column.

Numbers are written as people write them: ``1,000``, ``640 million``,
``$1.6 billion``, ``5–50`` (never ``6.4e+08``); dates too: ``6 March 2024`` (never
``2024-03-06``), with :func:`date`.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass

#: Words a source may be that say nothing about who it is: show the kind only.
PRONOUNS = frozenset("he she they it him her them we us i you one this that these those who".split())

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _plain_decimal(value: float, places: int = 2) -> str:
    text = f"{value:,.{places}f}".rstrip("0").rstrip(".")
    return text or "0"


def is_money(unit: str) -> bool:
    """Whether ``unit`` is a currency sign ("$", "€", "£", "¥"), not "%" or nothing."""
    return bool(unit) and unit != "%"


def number(value, unit: str = "") -> str:
    """``value`` as people write it: 1,000; 640 million; 1.6 billion; 0.5. A currency
    ``unit`` such as "$" goes in front ($1.6 billion), "%" after (12%); a sum with cents
    keeps both figures of them ($2.50, never $2.5). An empty or unreadable value gives ""."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return ""
    if not math.isfinite(value):
        return ""
    sign = "-" if value < 0 else ""
    size = abs(value)
    for scale, word in _SCALES:
        if size >= scale:
            text = f"{_plain_decimal(size / scale, 2)} {word}"
            break
    else:
        if size == int(size):
            text = f"{size:,.0f}"
        elif is_money(unit) and round(size, 2) == size:
            text = f"{size:,.2f}"  # cents: "$2.50", "$0.75"
        elif size >= 1:
            text = _plain_decimal(size, 2)
        else:  # a small value keeps its first figures: 0.5, 0.125, 0.00001 (never "0" or "1e-05")
            text = _plain_decimal(size, max(3, 2 - math.floor(math.log10(size))))
    return f"{sign}{text}%" if unit == "%" else f"{sign}{unit}{text}"


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


def date(value) -> str:
    """A date as people write it: "6 March 2024" (never "2024-03-06"). Takes a date, a
    datetime or text in the form 2024-03-06; anything else comes back as written, and an
    empty value gives ""."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, str):
        try:
            value = _dt.date.fromisoformat(value.strip())
        except ValueError:
            return value.strip()
    if isinstance(value, (_dt.date, _dt.datetime)):
        return f"{value.day} {_MONTH_NAMES[value.month - 1]} {value.year}"
    return str(value)


def date_time(value) -> str:
    """A moment as people write it: "3 December 2026, 09:14" (never
    "2026-12-03T09:14:02+00:00"), at the clock time it was recorded in. Takes a datetime
    or text in ISO form; a date alone gives the date; anything else comes back as written,
    and an empty value gives ""."""
    if isinstance(value, str):
        if len(value.strip()) <= len("2026-12-03"):
            return date(value)   # a day, not a moment
        try:
            value = _dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return value.strip()
    if isinstance(value, _dt.datetime):
        return f"{date(value)}, {value:%H:%M}"
    return date(value)


#: Shares people name in words, and how near a value must be to one to take its name.
_SHARES = ((1.0, "all"), (0.75, "three quarters"), (2 / 3, "two thirds"), (0.5, "half"),
           (1 / 3, "a third"), (0.25, "a quarter"), (0.1, "a tenth"))
_NEAR = 0.02


def _share_word(value: float) -> str:
    """A share as a word: "half", "a third"; else a percentage ("40%")."""
    for share, word in _SHARES:
        if abs(value - share) <= _NEAR:
            return word
    return f"{round(value * 100)}%"


def share_range(low, high) -> str:
    """A share of a whole (0 to 1) as people write it: "more than half", "up to a third",
    "between a quarter and half", "about half"."""
    try:
        lo, hi = float(low), float(high)
    except (TypeError, ValueError):
        return ""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return ""
    lo, hi = min(lo, hi), max(lo, hi)
    if hi - lo <= _NEAR:
        return f"about {_share_word(lo)}" if _share_word(lo) != "all" else "all"
    if hi >= 1 - _NEAR:
        word = _share_word(lo)
        nearest = next((share for share, w in _SHARES if w == word), None)
        return f"more than {word}" if nearest is not None and lo > nearest else f"{word} or more"
    if lo <= _NEAR:
        return f"up to {_share_word(hi)}"
    return f"between {_share_word(lo)} and {_share_word(hi)}"


def round_top(value):
    """The top of a range as a whole, round number: "more than 50" allows up to 62.5,
    written 65; 37.5 is written 40; 7.5 is written 8. A whole number stays as it is."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return value
    if not math.isfinite(value) or value == int(value) or abs(value) < 1:
        return value
    step = 5 if abs(value) >= 10 else 1
    return math.floor(value / step + 0.5) * step


def number_range(low, high, unit: str = "", is_date: bool = False, counted: str = "",
                 kind: str = "") -> str:
    """A range as people write it: "5–50", "1,000", "up to 1,000", "3–9 months",
    "more than half", "$2.50–$3.25". ``unit`` is a sign ("$", "%"); ``counted`` the thing
    counted, put after the figures; ``kind`` "share" writes a share of a whole in words.
    The top of a range is rounded to a whole round number (:func:`round_top`), except a
    sum of money, which is written to the cent as the report wrote it. For a date or a time
    only a whole year is shown (the words of the report say the rest)."""
    if is_date:
        years = []
        for value in (low, high):
            try:
                value = float(value)
            except (TypeError, ValueError):
                continue
            if math.isfinite(value) and value == int(value) and 1000 <= value <= 2999:
                years.append(str(int(value)))
        years = list(dict.fromkeys(years))
        return "\u2013".join(years)
    if kind == "share" and unit != "%":
        written = share_range(low, high)
    else:
        top = high
        try:
            if not is_money(unit) and float(high) > float(low) and round_top(high) >= float(low):
                top = round_top(high)
        except (TypeError, ValueError):
            pass
        lo, hi = number(low, unit), number(top, unit)
        if not lo and not hi:
            return ""
        if lo == hi or not hi:
            written = lo
        elif not lo:
            written = f"up to {hi}"
        else:
            written = f"{lo}\u2013{hi}"
    counted = " ".join(str(counted or "").split())
    return f"{written} {counted}" if written and counted else written


def plain(word) -> str:
    """An id made readable, as a last resort: "name_calling" -> "name calling"."""
    return " ".join(str(word or "").replace("_", " ").split())


def value(record: dict, name: str, default=""):
    """``record[name]`` as a clean value: missing, None and NaN give ``default``."""
    got = record.get(name, default)
    if got is None or (isinstance(got, float) and math.isnan(got)):
        return default
    return got


def text(record: dict, name: str) -> str:
    """``record[name]`` as stripped text ("" when missing)."""
    return str(value(record, name, "")).strip()


def names_source(source: str, quotes) -> bool:
    """Whether any of ``quotes`` names ``source`` (one of its longer words, e.g. "Journal",
    or "WSJ" for The Wall Street Journal). A source-chain link whose words never name the
    source it points to is the answer key's reading: the kit says "very likely"."""
    words = {w.strip("'\u2019()").casefold() for w in str(source).split()} - {"the", "news", "of"}
    words = {w for w in words if len(w) > 3}
    if "wall street journal" in str(source).casefold():
        words.add("wsj")
    joined = " ".join(str(q) for q in quotes).casefold()
    return not words or any(re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", joined) for w in words)


#: Links that are no way back ("rebuts") or only a second copy ("captures"): their words
#: never make a step "very likely".
NOT_A_READING = ("rebuts", "captures")


def likely(cited: str, rows) -> bool:
    """True when a step of the source chain is the answer key's reading, which the kit
    calls "very likely": among its links (``rows``: (relation, the words that show it)),
    those that carry the story never name ``cited``. The one rule for the chain explorer,
    the chain picture and the analyze page."""
    quotes = [str(q) for relation, q in rows if relation not in NOT_A_READING]
    return bool(quotes) and not names_source(cited, quotes)


def is_pronoun(who: str) -> bool:
    return " ".join(str(who).casefold().split()) in PRONOUNS


def sentence_case(words: str) -> str:
    return words[:1].upper() + words[1:]


def plural(word: str) -> str:
    """The regular plural (or third person) of an English word: fare -> fares, box ->
    boxes, city -> cities, say -> says. Irregular words are not handled."""
    if re.search(r"(?:s|x|z|ch|sh)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def count(n: int, thing: str) -> str:
    """'1 report', '2 reports', '2 matches', '12,400 words' (a regular plural only): the
    kit's one rule for a number of things, in code and (as the ``count`` filter) in its pages."""
    shown = f"{n:,}" if isinstance(n, int) and not isinstance(n, bool) else str(n)
    return f"{shown} {thing}" if n == 1 else f"{shown} {plural(thing)}"


def cut(words, limit: int = 160) -> str:
    """``words`` on one line, cut to at most ``limit`` characters with "…" at the end of a
    word (a teacher's label may be a whole paragraph; a tooltip or a table cell shows the
    start). A single word longer than half the limit is cut inside it."""
    flat = " ".join(str(words).split())
    if len(flat) <= limit:
        return flat
    head = flat[: limit - 1]
    space = head.rfind(" ")
    if space >= limit // 2:  # at a word's end, never in the middle of one ("in other…", not "in oth…")
        head = head[:space]
    return head.rstrip(" ,;:\u2013\u2014-") + "\u2026"


@dataclass(frozen=True)
class Words:
    """What a student reads about one finding.

    ``kind``: what it is, in a few words ("anonymous source", "name calling");
    ``term``: the glossary word that explains the kind (a tooltip where it is shown);
    ``detail``: the rest, plain text ("a person close to the Defense Ministry");
    ``group``: what links it to its counterpart in another report (never shown).
    """

    kind: str
    detail: str = ""
    term: str = ""
    group: tuple = ()

    @property
    def label(self) -> str:
        """One line: "kind: detail" (or whichever of the two there is)."""
        if self.kind and self.detail:
            return f"{self.kind}: {self.detail}"
        return self.kind or self.detail

    def html(self) -> str:
        """The same words as HTML, the kind explained by the glossary as a tooltip."""
        import html as _html

        from .glossary import term_html

        kind = term_html(self.term or self.kind, self.kind) if self.kind else ""
        detail = _html.escape(self.detail)
        if kind and detail:
            return f"{kind}: {detail}"
        return kind or detail


#: What an id looks like; no student-facing text may contain one.
SNAKE_ID = re.compile(r"\b[a-z]+_[a-z_]+\b")
#: A number written by a computer, not a person ("6.4e+08").
COMPUTER_NUMBER = re.compile(r"\d[eE][+-]\d")
