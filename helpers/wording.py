"""The words a student reads about a finding, written once.

The reader's findings list, the exercises' feedback, the analyze page and the charts
all describe a finding with :class:`Words` (made by each lens's ``describe`` function in
:mod:`helpers.lenses.registry`) and write its numbers with :func:`number` and
:func:`number_range`. Nothing here shows an internal id: kinds and categories get the
human label the registry gives them, and a claim is named by its ``label`` column.

Numbers are written as people write them: ``1,000``, ``640 million``,
``$1.6 billion``, ``5–50`` (never ``6.4e+08``).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

#: Words a source may be that say nothing about who it is: show the kind only.
PRONOUNS = frozenset("he she they it him her them we us i you one this that these those who".split())

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _plain_decimal(value: float, places: int = 2) -> str:
    text = f"{value:,.{places}f}".rstrip("0").rstrip(".")
    return text or "0"


def number(value, unit: str = "") -> str:
    """``value`` as people write it: 1,000; 640 million; 1.6 billion; 0.5. A currency
    ``unit`` such as "$" goes in front ($1.6 billion), "%" after (12%). An empty or
    unreadable value gives ""."""
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
        text = f"{size:,.0f}" if size == int(size) else _plain_decimal(size, 2 if size >= 1 else 3)
    return f"{sign}{text}%" if unit == "%" else f"{sign}{unit}{text}"


def number_range(low, high, unit: str = "", is_date: bool = False) -> str:
    """A range as people write it: "5–50", "1,000", "up to 1,000". For a date or a time
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
    lo, hi = number(low, unit), number(high, unit)
    if not lo and not hi:
        return ""
    if lo == hi or not hi:
        return lo
    if not lo:
        return f"up to {hi}"
    return f"{lo}\u2013{hi}"


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


def is_pronoun(who: str) -> bool:
    return " ".join(str(who).casefold().split()) in PRONOUNS


def sentence_case(words: str) -> str:
    return words[:1].upper() + words[1:]


def cut(words, limit: int = 160) -> str:
    """``words`` on one line, cut to ``limit`` characters with "…" (a teacher's label may
    be a whole paragraph; a tooltip or a table cell shows the start)."""
    flat = " ".join(str(words).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


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
