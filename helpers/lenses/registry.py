"""The lens registry: everything about a lens, in one record.

A :class:`Lens` names its answer-key file and columns (:class:`Schema`), the label a
student reads, the views a student switches on and off (colour, tag, underline), its
detector (a dotted path, imported only when it runs), the kinds an exercise can ask for,
the lexicons it reads with the columns each must have, and the one function that turns
a row (answer key or detector) into the words a student reads (:class:`~helpers.wording.Words`).
Every other module reads this registry: the answer-key loader and ``check``, the reader
and its findings, the exercises, the analyze page, the charts and the bench.

A teacher's own lens is its module in this folder (``helpers/lenses/rostec.py``) and one
line at the end of this file (the README's "How to add a lens")::

    register(Lens("rostec", "Rostec mentions", Schema("rostec.csv", ("kind",)),
                  views=(View("rostec", "Rostec mentions", "ROSTEC", "#000000", "#EEEEEE", "solid"),),
                  detector="helpers.lenses.rostec:detect"))

``source_chain`` has an answer key and no detector (the analyze page builds a chain from
the attribution lens instead); ``shared_passages`` compares two reports
(``pair_detector``) and has no answer key.
"""
from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import warnings
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Callable, Mapping

from . import _text
from ..problems import CaseError
from ..wording import Words, is_pronoun, number_range, plain, text, value


# --- the parts of a record ------------------------------------------------------------

@dataclass(frozen=True)
class Schema:
    """What one answer-key file holds: its columns and the words allowed in some."""

    file: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    vocab: tuple[tuple[str, tuple[str, ...]], ...] = ()
    numeric: tuple[str, ...] = ()
    boolean: tuple[str, ...] = ()


@dataclass(frozen=True)
class View:
    """How one view of a lens is drawn: colour, underline and a visible tag."""

    key: str          # the value of data-lens="..." on every <mark>
    label: str        # what a student reads on the control and in the legend
    tag: str          # short visible text tag shown at the start of each highlight
    colour: str       # Okabe-Ito colour, used for the border and underline
    background: str   # a light tint of the colour, so dark text stays readable
    underline: str    # CSS text-decoration-style: solid, dashed, dotted, double, wavy


@dataclass(frozen=True)
class Lexicon:
    """A lexicon file a lens reads (``data/lexicons/<file>.csv``) and the columns it must
    have: (column, what it is for)."""

    file: str
    columns: tuple[tuple[str, str], ...]
    #: (column, the words it may hold): ``check`` names a row with any other word, and the
    #: lens refuses the file, rather than dropping the row silently.
    allowed: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: columns that hold a number ("2", "0.5"): ``check`` names a row with anything else
    numbers: tuple[str, ...] = ()
    #: (column, words): the number columns may be left empty except on rows where ``column``
    #: says one of ``words``; None: they are always needed
    numbers_needed_when: tuple[str, tuple[str, ...]] | None = None
    #: number columns that may not be below zero (a count, a multiplier)
    not_negative: tuple[str, ...] = ()
    #: (low column, high column): on a row that gives both, low may not be larger than high
    ordered: tuple[str, str] | None = None
    #: columns that may not be left empty on any row (the word or pattern the row is about)
    not_empty: tuple[str, ...] = ()
    #: (column, when column, when word): the column holds a regular expression on rows
    #: whose ``when column`` says ``when word`` (page chrome's ``pattern`` when ``match`` is regex)
    regex: tuple[str, str, str] | None = None


@dataclass(frozen=True)
class Lens:
    """Everything about one lens. Only ``name`` and ``label`` are required."""

    name: str                                # the answer-key name ("attributions")
    label: str                               # what a student reads ("Sources")
    key: Schema | None = None                # its answer-key file, or None
    views: tuple[View, ...] = ()             # what the reader and the page can highlight
    detector: str | None = None              # "module:function", detect(text) -> DataFrame
    pair_detector: str | None = None         # "module:function", detect_pair(a, b)
    aliases: tuple[str, ...] = ()            # other names ("attribution", the module's)
    role: str = ""                           # what the kit builds from it: "chain" (the source chain)
    kinds: tuple[str, ...] = ("all",)        # kinds an exercise may ask for, beyond the key's words
    default_kind: str = "all"
    lexicons: tuple[Lexicon, ...] = ()
    # read-only once made (a dict given is copied); left out of hash(), so a Lens is hashable
    kind_labels: Mapping = field(default_factory=dict, hash=False)   # key word -> what a student reads
    kind_styles: Mapping = field(default_factory=dict, hash=False)   # key word -> (colour, hatch) on a chart, in chart order
    describe: Callable[[dict, str], Words] | None = None   # row, quote -> Words
    view_of: Callable[[dict], str] | None = None           # row -> view key (lenses with two views)
    spot: Callable[[str], tuple[str, str]] | None = None   # kind -> (glossary word, prompt words)
    wants: Callable[[dict, str], bool] | None = None       # row, kind -> the exercise counts it

    def __post_init__(self):
        for name in ("kind_labels", "kind_styles"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def __reduce__(self):
        # a read-only map cannot be pickled: pickle (and copy) the plain dicts, made read-only again
        parts = {f.name: getattr(self, f.name) for f in fields(self)}
        return (_lens_from, ({**parts, "kind_labels": dict(self.kind_labels), "kind_styles": dict(self.kind_styles)},))

    # -- what consumers ask --------------------------------------------------------

    def words(self, row: dict, quote: str = "") -> Words:
        """The words a student reads about one row of this lens."""
        if self.describe is not None:
            return self.describe(row, quote)
        kind = text(row, "kind")
        return Words(self.kind_label(kind) or self.label, "", kind or self.label, (self.name, kind))

    def kind_label(self, word: str) -> str:
        """The human label of one of the key's words ("named_person" -> "named person")."""
        if not word:
            return ""
        return self.kind_labels.get(word) or plain(word)

    def view_for(self, row: dict) -> str:
        """Which view a row is drawn in."""
        if self.view_of is not None:
            return self.view_of(row)
        return self.views[0].key if self.views else self.name

    def detect_function(self):
        """The detector, imported now (a lens module may be slow to import)."""
        return _import(self.detector)

    def pair_function(self):
        return _import(self.pair_detector)

    @property
    def module_name(self) -> str | None:
        """The module of the detector ("helpers.lenses.numbers"), or None."""
        path = self.detector or self.pair_detector
        return path.split(":")[0] if path else None

    def exercise_kinds(self) -> tuple[str, ...]:
        """Every ``kind`` an exercise on this lens accepts (the key's own words first)."""
        words: list[str] = []
        for _, allowed in (self.key.vocab if self.key else ()):
            words.extend(allowed)
        return tuple(dict.fromkeys([*words, *self.kinds]))

    def what(self, kind: str) -> tuple[str, str]:
        """(the glossary word for what an exercise checks, the words a prompt uses)."""
        if self.spot is not None:
            return self.spot(kind)
        label = in_sentence(self.label)
        if kind == "all":
            return label, label
        shown = self.kind_label(kind)
        return shown, f"{label} of the kind \u201c{shown}\u201d"

    def wanted(self, row: dict, kind: str) -> bool:
        """True when an exercise asking for ``kind`` counts this answer-key row."""
        if kind == "all":
            return True
        if self.wants is not None:
            return self.wants(row, kind)
        return any(row.get(column) == kind for column, _ in (self.key.vocab if self.key else ()))


def _lens_from(parts: dict) -> "Lens":
    return Lens(**parts)


def _import(path: str | None):
    if not path:
        raise LookupError("this lens has no detector")
    module, _, function = path.partition(":")
    return getattr(importlib.import_module(module), function or "detect")


def _norm(words) -> str:
    return " ".join(str(words).replace("\u00a0", " ").split()).casefold()


def in_sentence(label: str) -> str:
    """A label as it reads inside a sentence: "Loaded language" -> "loaded language", but a
    name keeps its capital ("Rostec mentions", "WSJ quotes", "Mentions of Rostec" ->
    "mentions of Rostec"). Only the first letter is ever lower-cased, and only when the
    first word is a common word: one the kit's labels or lexicons write in lower case.
    When in doubt the capital stays (a capital too many reads better than a lower-case name)."""
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower() and first.lower() in _common_words():
        return label[0].lower() + label[1:]
    return label


@_text.compiled
def _common_words() -> frozenset[str]:
    """Words the kit itself writes in lower case: its lenses' labels and kinds, and the
    first column of its lexicons (where names keep their capitals: "Kremlin", "Fox News")."""
    words: set[str] = set()
    for lens in _BUILT_IN:
        for phrase in (lens.label, *(v.label for v in lens.views), *lens.kind_labels.values()):
            words.update(w.lower() for w in str(phrase).split())
    for lexicon in {lex.file for lens in _BUILT_IN for lex in lens.lexicons}:
        try:
            rows = _text.load_lexicon(lexicon)
        except (OSError, CaseError):   # check names a broken lexicon; here it only means fewer words
            continue
        for row in rows:
            first = next(iter(row.values()), "") or ""
            words.update(w for w in first.split() if w.islower())
    return frozenset(words)


# --- what links two findings ---------------------------------------------------------

#: The first word of a finding's ``Words.group`` (what links it to its counterpart in the
#: other report; the describe functions below make them, and a pair lens's findings are
#: "passage") and how a student reads it: "The Moscow Times, the same claim: ...".
GROUP_WORDS = {"claim": "the same claim", "source": "the same source", "term": "the same word",
               "chrome": "the same kind of page chrome", "passage": "the same passage",
               "value": "the same figure", "day": "the same date"}


def same_as(group: tuple) -> str:
    """How a student reads what links two findings ("the same claim"), from their group."""
    return GROUP_WORDS.get(group[0] if group else "", "a match")


# --- attribution ----------------------------------------------------------------------

ATTRIBUTION_KINDS = {"named_person": "named person", "named_org": "named organisation", "outlet": "news outlet",
                     "document": "document", "anonymous": "anonymous source", "vague_collective": "vague group"}

#: The kinds of source that do not say who is speaking.
UNNAMED_KINDS = ("anonymous", "vague_collective")


#: How each kind is drawn on a chart (colour, hatch), from the most to the least open about the source.
ATTRIBUTION_KIND_STYLES = {"named_person": ("#0072B2", ""), "named_org": ("#56B4E9", "//"),
                           "outlet": ("#009E73", ".."), "document": ("#F0E442", "xx"),
                           "vague_collective": ("#E69F00", "\\\\"), "anonymous": ("#D55E00", "oo")}

#: What in a lexicon row of ``attribution_sources`` makes a source hide who it is.
HIDDEN_MEANINGS = ("anonymous", "hidden", "vague_collective")


def names_no_one(source: str) -> bool:
    """True when a source's words in a chain hide who it is ("unnamed source close to ...",
    "people familiar with ...", "an insider close to ...", "X (not named)").

    The words are the ``attribution_sources`` lexicon's rows that mean anonymous, hidden or
    vague_collective, so a word a teacher adds there counts here too. A word counts as the
    lexicon writes it, or with a capital at the start ("Officials said"): "Associated Press"
    is not the vague "press". "Rostec officials" names no one, as the attribution lens says
    (its kind is anonymous): the organisation is named, the people who spoke are not.
    """
    return bool(_hidden_source().search(str(source)))


@_text.compiled   # read once, until a teacher's edit is read again (_text.reload_lexicons)
def _hidden_source() -> re.Pattern:
    words = {row["word"] for row in _text.load_lexicon("attribution_sources")
             if row.get("means") in HIDDEN_MEANINGS and row.get("word")}

    def spelt(word: str) -> str:
        flat = r"\s+".join(re.escape(w) for w in word.split())
        return f"(?:{flat}|^{re.escape(word[:1].upper())}{flat[len(re.escape(word[:1])):]})" if word[:1].islower() else flat

    alternatives = "|".join(spelt(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])|\(not named\)")


@_text.compiled
def _minimisers() -> frozenset:
    """Hedges that leave the range as it is and only make the figure sound small ("just",
    "only"): the vague-quantities rows whose low and high factors are both 1."""
    found = set()
    for row in _text.load_lexicon("vague_quantities"):
        try:
            same = row.get("type") == "hedge" and float(row.get("low")) == float(row.get("high")) == 1.0
        except (TypeError, ValueError):
            continue
        if same and row.get("phrase"):
            found.add(" ".join(row["phrase"].lower().split()))
    return frozenset(found)


def attribution_view(row: dict) -> str:
    """Which view an attribution belongs to: hidden sources are 'anonymous'.

    A ``document`` is named only when the report says whose it is: "Report: ..." with no
    name is an unnamed report (the lens says ``named`` False; the answer key's ``source``
    says "an unnamed report").
    """
    kind = text(row, "kind")
    if kind in UNNAMED_KINDS:
        return "anonymous"
    if kind == "document":
        named = str(row.get("named")).strip().lower()
        if named in ("false", "true"):   # the lens read the sentence: trust it
            return "anonymous" if named == "false" else "named"
        # an answer-key row: hidden when the words before the document name no one
        # ("an unnamed report"); "Rostec statement" is Rostec's, whatever it is about
        if names_no_one(_document_owner(text(row, "source"))):
            return "anonymous"
    return "named"


def _document_owner(source: str) -> str:
    """The words before the first document word of the sources lexicon: "an unnamed" of
    "an unnamed report (the body names ...)", "" when the source starts with one."""
    words = source.split()
    for i, word in enumerate(words):
        if word.lower().strip(".,;:()\"'’") in _document_words():
            return " ".join(words[:i])
    return source


@_text.compiled
def _document_words() -> frozenset:
    return frozenset(row["word"].lower() for row in _text.load_lexicon("attribution_sources")
                      if row.get("means") == "document" and row.get("word"))


#: Words before a source word that keep it singular ("a senior official").
_SOURCE_ADJECTIVES = ("unnamed", "anonymous", "senior", "former")


def _who(words: str) -> str:
    """A source as a student reads it: "a person close to ...", never "person close to ..."."""
    words = " ".join(str(words).split())
    if _needs_article().match(words):
        return ("an " if words[:1] and words[:1] in "aeiou" else "a ") + words
    return words


@_text.compiled
def _needs_article() -> re.Pattern:
    """One person or thing, written as the ``attribution_sources`` lexicon writes it: a
    role ("spokesman", "adviser") or a source word whose plural the lexicon also has
    ("official"/"officials", "insider", "ally"/"allies"; "person"/"people"), never one that
    is not counted ("someone") nor a plural ("other sources")."""
    rows = [(row.get("word", ""), row.get("means", "")) for row in _text.load_lexicon("attribution_sources")]
    words = {word for word, means in rows if means in ("anonymous", "vague_collective", "role")}
    singular = {word for word, means in rows if means == "role"}
    singular |= {word for word in words if word + "s" in words or word[:-1] + "ies" in words}
    singular |= {"person"} if "people" in words else set()
    alternatives = "|".join(re.escape(w) for w in sorted(singular, key=len, reverse=True))
    return re.compile(rf"(?:(?:{'|'.join(_SOURCE_ADJECTIVES)}) )*(?:{alternatives})\b")


def _core(words: str) -> str:
    """Words without bracketed notes and quote marks, for comparing two descriptions."""
    words = re.sub(r"\([^)]*\)", " ", str(words))
    return _norm(re.sub(r"[\"'\u2018\u2019\u201c\u201d]", "", words))


def _describe_attribution(row: dict, quote: str) -> Words:
    """One phrase: who the source is (with "a"), what it is close to when the source's
    own words do not say so already, and who passed it on."""
    kind = text(row, "kind")
    who = text(row, "source") or " ".join(str(quote).split())
    note = re.match(r"not stated\s*(?:\((.*)\))?\s*$", who, re.I)
    bare = _core(who)
    if note:   # the report does not say who: say so once
        detail = "not named" + (f" ({note.group(1)})" if note.group(1) and "not said" not in note.group(1) else "")
    elif is_pronoun(bare):
        detail = f"\u201c{bare}\u201d, not named" if bare in ("they", "them", "we") else ""
    else:
        detail = _who(who)
    proximity = re.sub(r"\s*\([^)]*\)", "", text(row, "proximity")).strip()
    near = _core(proximity).split()
    # a proximity that starts with a quote mark is a note on the words, not more words
    if near and not note and not proximity.startswith(("'", "\u2018")) and " ".join(near[-2:]) not in _core(detail):
        detail = f"{detail}, {proximity}" if detail else proximity
    via = text(row, "via")
    if via and not (detail and _core(via) in _core(detail)):
        detail = f"{detail}, passed on by {_who(via)}" if detail else f"passed on by {_who(via)}"
    return Words(ATTRIBUTION_KINDS.get(kind) or plain(kind) or "source", detail, kind or "source",
                 ("source", _norm(who)))


def _spot_attribution(kind: str) -> tuple[str, str]:
    fixed = {"anonymous": ("anonymous", "an anonymous or vague source (a source that is not named)"),
             "named": ("named", "a named source"),
             "all": ("source", "a source (anyone the report says its news comes from)")}
    if kind in fixed:
        return fixed[kind]
    shown = ATTRIBUTION_KINDS.get(kind) or plain(kind)
    return shown, f"a source of the kind \u201c{shown}\u201d"


def _wants_attribution(row: dict, kind: str) -> bool:
    if kind in ("anonymous", "named"):
        return attribution_view(row) == kind
    return row.get("kind") == kind


# --- numbers --------------------------------------------------------------------------

def _is_true(flag) -> bool:
    return flag is True or str(flag).strip().lower() in ("true", "yes", "1")


def claim_label(row: dict) -> str:
    """What a number counts, in words: ``claim_label`` (the lens's, or the key's label
    once a page has put its own words in ``label``), the key's ``label``, or the row's
    ``counted``; never the claim's id."""
    return text(row, "claim_label") or text(row, "label") or text(row, "counted")


#: Money as it is written, one table for the numbers lens (which reads a sum: "$4.5
#: million", "2 billion pounds") and the words about its figures (the sign a sum is written
#: with): a sign or a word, in lower case -> (the currency, its sign). Kept here in code, not
#: in a lexicon file: the registry reads no file, because the lexicon reader reads the
#: registry (a file read here would make an import cycle).
CURRENCIES = {
    "$": ("US dollars", "$"), "us$": ("US dollars", "$"), "\u20ac": ("euros", "\u20ac"),
    "\u00a3": ("pounds", "\u00a3"), "\u00a5": ("yen", "\u00a5"),
    "dollars": ("US dollars", "$"), "dollar": ("US dollars", "$"), "usd": ("US dollars", "$"),
    "us dollars": ("US dollars", "$"), "euros": ("euros", "\u20ac"), "euro": ("euros", "\u20ac"),
    "pounds": ("pounds", "\u00a3"), "pound": ("pounds", "\u00a3"), "sterling": ("pounds", "\u00a3"),
    "yen": ("yen", "\u00a5"),
}


def currency_sign(words: str) -> str:
    """The sign of the first currency named in ``words`` (a unit, an answer key's words:
    "US dollars", "pounds", "aid_usd"), else ""."""
    words = words.lower()
    return next((sign for word, (_, sign) in CURRENCIES.items() if word.isalpha() or " " in word
                 if word in words), "")


def unit_of(row: dict) -> str:
    """The sign a figure is written with: "$", "€", "£", "¥" for money, "%" for a
    percentage, else "". From the numbers lens's ``kind``/``unit``, or an answer key's words."""
    kind = text(row, "kind").lower()
    if kind == "percent" and text(row, "unit").lower() == "percent":
        return "%"
    words = f"{text(row, 'unit')} {text(row, 'counted')} {text(row, 'label')} {text(row, 'claim')}".lower()
    if kind == "money" or re.search(r"\b(?:us dollars|dollars|usd)\b|_usd\b", words):
        return currency_sign(words) or ("$" if kind != "money" else "")
    return ""


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"


def full_day(words: str) -> tuple[str, int, str] | None:
    """(month, day, year or "") when ``words`` name one whole day ("March 3, 2024",
    "3 March"), else None ("on Monday", "last year", "June 2019")."""
    flat = " ".join(str(words).split()).casefold()
    m = re.search(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?", flat)
    if m:
        month, day, year = m.group(1), m.group(2), m.group(3)
    else:
        m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(\d{4}))?", flat)
        if not m:
            return None
        day, month, year = m.group(1), m.group(2), m.group(3)
    name = next((full for full in _MONTHS if full.startswith(month[:3])), month)
    if not 1 <= int(day) <= 31:
        return None
    return name, int(day), year or ""


def counted_of(row: dict) -> str:
    """The thing a figure counts, in the report's words ("months", "advisers"): an answer
    key's ``counted``, or the automatic lens's ``unit`` when that is a counted noun (not
    money, a percentage or a share, which :func:`unit_of` and the share words say)."""
    counted = text(row, "counted")
    if counted:
        return counted
    if text(row, "kind").lower() in ("money", "percent", "share") or unit_of(row):
        return ""
    unit = text(row, "unit")
    return "" if unit.lower() in ("percent", "dollars", "dollar") else unit


def change_of(row: dict) -> str:
    """The change a figure is one side of, in words: "the figure before a rise from $2.50
    to $3.25" (the numbers lens's ``change`` and ``change_words``); else ""."""
    side, words = text(row, "change").lower(), text(row, "change_words")
    if side not in ("before", "after") or not words:
        return ""
    return f"the figure {side} {words}"


def change_pair(row: dict) -> str:
    """The two figures of the change a figure is one side of, as written: "from $2.50 to
    $3.25" (or only "to just a few dozen" when the other side is not given); else ""."""
    if text(row, "change").lower() not in ("before", "after"):
        return ""
    return re.sub(r"^an?\s+\S+\s+", "", text(row, "change_words"))


def is_date(row: dict) -> bool:
    """Whether a numbers row is a date or a time: its ``is_date`` flag (true/yes/1), or
    the automatic lens's ``kind`` "date" or "time"."""
    return _is_true(value(row, "is_date", False)) or text(row, "kind").lower() in ("date", "time")


#: The words a claim's label ends with when the words around its figures do not say
#: what they count, by the kind of figure: "under 200 (what it counts is not clear)".
NOT_CLEAR_WHAT = MappingProxyType({
    "count": "what it counts is not clear", "money": "a sum of money: what for is not clear",
    "percent": "a percentage: of what is not clear", "share": "a share: of what is not clear",
    "factor": "how many times what is not clear", "duration": "how long: of what is not clear"})

#: What a change of a quantity is called ("fares rise from $2.50 to $3.25" is a rise), the
#: ``change`` column of ``change_words.csv``; "change" leaves the direction to the figures.
CHANGE_NOUNS = ("rise", "increase", "fall", "cut", "change")


#: Units of time, plural and singular: a duration means nothing without one ("3–9" what?).
#: The numbers lens reads durations ("three years", "decades ago") with the same table.
TIME_UNITS = ("seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries",
              "second", "minute", "hour", "day", "week", "month", "year", "decade", "century")
#: The classes of ``number_context.csv``: the words around a fraction word or a unit of
#: time that decide whether it is a share or a span of time.
NUMBER_CONTEXT_CLASSES = ("rank_before_a_share", "whole_determiner", "after_a_share", "stretch_of_time",
                          "when_not_what", "span_after_possessive")

#: The singular ones alone: "a month", "an hour".
SINGULAR_TIME_UNITS = tuple(unit for unit in TIME_UNITS if _text.singular(unit) == unit)


#: How long each unit of time is, in days: "19 years" and "nearly two decades" are compared
#: in one measure (a month and a year as the calendar averages them).
DAYS_IN = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0,
           "month": 30.44, "year": 365.25, "decade": 3652.5, "century": 36525.0}


def singular_unit(unit: str) -> str:
    """"years" -> "year": a unit of time in one spelling, for comparing two."""
    return _text.singular(str(unit or "")).lower()


def same_measure(ranges) -> list[tuple]:
    """``[(low, high, time unit or "")]`` -> ``[(low, high)]`` in one unit. When every figure
    is a span of time and their units differ ("19 years", "nearly two decades": 19 and
    1.8-2), each is given in the first one's unit (19 and 18-20 years), so that ranges
    can be compared and drawn on one line; otherwise the ranges as written."""
    ranges = list(ranges)
    units = [singular_unit(u) for _, _, u in ranges]
    if not ranges or not all(u in DAYS_IN for u in units) or len(set(units)) == 1:
        return [(lo, hi) for lo, hi, _ in ranges]

    def scaled(value, factor):
        # to 12 significant digits: "120 minutes" is 2 hours, not 2.0000000000000004
        return float(f"{value * factor:.12g}") if isinstance(value, (int, float)) and value == value else value

    base = DAYS_IN[units[0]]
    return [(scaled(lo, DAYS_IN[u] / base), scaled(hi, DAYS_IN[u] / base)) for (lo, hi, _), u in zip(ranges, units)]


def reports_disagree(ranges, reports) -> bool:
    """True when two reports give figures for one quantity that cannot both be right:
    every figure of one lies outside every figure of the other. A report that gives two
    figures of its own (a headline's round "a fifth" and its text's "about a fifth") is
    not "the reports disagree" as long as another report's figure fits one of them.
    False when a range is not known. Linear in the figures for each pair of reports. The
    numbers section's table and the number-ranges chart both say it by this rule."""
    spans: dict[str, list[tuple[float, float]]] = {}
    for (low, high), report in zip(ranges, reports):
        low, high = _number_or_none(low), _number_or_none(high)
        if low is None or high is None:
            return False
        spans.setdefault(report, []).append((low, high))
    for report in spans:
        spans[report].sort()
    names = list(spans)
    return any(not _any_overlap(spans[a], spans[b]) for i, a in enumerate(names) for b in names[i + 1:])


def _any_overlap(first: list[tuple[float, float]], second: list[tuple[float, float]]) -> bool:
    """Whether a range of ``first`` meets a range of ``second`` (both sorted by low end)."""
    i = j = 0
    while i < len(first) and j < len(second):
        (a_low, a_high), (b_low, b_high) = first[i], second[j]
        if a_low <= b_high and b_low <= a_high:
            return True
        if a_high < b_high:
            i += 1
        else:
            j += 1
    return False


def _number_or_none(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def time_unit(row: dict) -> str:
    """The unit of a duration ("months"), from the key's ``counted`` ("months over which
    the pullout escalated") or the automatic lens's ``unit``; else ""."""
    for words in (text(row, "counted"), text(row, "unit")):
        first = words.split()[0].lower() if words.split() else ""
        if first in TIME_UNITS:
            return first
    return ""


def kind_of(row: dict) -> str:
    """The kind of a numbers row: the automatic lens's ``kind``; for an answer key (which
    has no ``kind``) "share" when the figures are a part of a whole (0 to 1) and the key's
    words say it is a share ("share of western democracies ..."), else ""."""
    kind = text(row, "kind").lower()
    if kind or is_date(row):
        return kind
    try:
        low, high = float(value(row, "low", None)), float(value(row, "high", None))
    except (TypeError, ValueError):
        return ""
    words = f"{text(row, 'counted')} {text(row, 'label')} {text(row, 'claim')}".lower()
    return "share" if 0 <= low <= high <= 1 and re.search(r"\bshare\b|_share\b", words) else ""


def _describe_number(row: dict, quote: str) -> Words:
    dated = is_date(row)
    low, high, kind = value(row, "low", None), value(row, "high", None), kind_of(row)
    span = number_range(low, high, unit_of(row), dated, kind=kind)
    hedge = text(row, "hedge")
    what = text(row, "claim_label") or text(row, "label")
    counted = "" if dated else counted_of(row)
    if what and what != counted:
        unit = "" if dated else time_unit(row)
        if unit and span:  # a duration is written with its unit: "3–9 months"
            span = number_range(low, high, unit_of(row), dated, counted=unit, kind=kind)
        if span and span in what.split(" (")[0].split(" / "):
            span = ""  # "$2.50 (fares before the rise)" already says "$2.50"
        detail = ", ".join(b for b in (what, span) if b)
    else:  # the figure and what it counts, as a reader says it: "3–9 months"
        detail = number_range(low, high, unit_of(row), dated, counted=counted, kind=kind) or counted
    if hedge:
        made = (f"made to sound small by \u201c{hedge}\u201d" if hedge.lower() in _minimisers()
                else f"made less exact by \u201c{hedge}\u201d")
        detail = f"{detail} ({made})" if detail else made
    change = change_of(row)
    if change and not dated:  # "the figure before a rise from $2.50 to $3.25"
        detail = "; ".join(b for b in (detail, change) if b)
    if not detail and quote.strip():
        detail = f"\u201c{' '.join(quote.split())}\u201d"
    claim = text(row, "claim")
    if claim:
        group = ("claim", claim)
    elif dated:   # two dates are the same only when they are the same full day
        day = full_day(quote or text(row, "text"))
        group = ("day", *day) if day else ()
    else:           # a figure with no value read from it matches nothing
        group = ("value", span) if span else ()
    return Words("date or time" if dated else "number", detail, "date" if dated else "number", group)


def _spot_number(kind: str) -> tuple[str, str]:
    return {"dates": ("date", "a date or a time"), "all": ("number", "a number or a date")
            }.get(kind, ("number", "a number (not a date)"))


def _wants_number(row: dict, kind: str) -> bool:
    return _is_true(value(row, "is_date", False)) == (kind == "dates")


# --- loaded language ------------------------------------------------------------------

LOADED_CATEGORIES = {"label": "label", "name_calling": "name calling", "emotive": "emotive",
                     "intensifier": "intensifier", "scare_quotes": "scare quotes",
                     "loaded_headline": "loaded headline", "doubt_casting": "doubt casting",
                     "euphemism": "euphemism", "hyperbole": "hyperbole"}
LOADED_VOICES = {"own": "own voice", "quoted": "quoted"}
#: The two tiers a reader can show or hide.
CONFIDENCE = ("sure", "check this")


_QUOTED = ("\u201c\u201d", "\"\"", "\u2018\u2019", "''")


def neutral_shown(neutral: str, offer: str) -> str:
    """A neutral choice as a reader sees it: advice in brackets is shown as advice, without
    its brackets, never as words to paste ("(leave out)" -> "leave out"); words are offered
    in quote marks ("try “government”"), but not quoted twice when they carry quote marks
    of their own (“coup”)."""
    neutral = neutral.strip()
    if neutral.startswith("(") and neutral.endswith(")"):
        return neutral[1:-1]
    if len(neutral) > 1 and any(neutral[0] == a and neutral[-1] == b for a, b in _QUOTED):
        return f"{offer} {neutral}"
    return f"{offer} \u201c{neutral}\u201d"


def _describe_loaded(row: dict, quote: str) -> Words:
    category = text(row, "category")
    voice = text(row, "voice")
    parts = []
    if voice:
        parts.append("in the outlet's own words" if voice == "own" else "in words the outlet quotes")
    neutral = text(row, "neutral")
    if neutral:
        parts.append(neutral_shown(neutral, "a more neutral choice:"))
    return Words(LOADED_CATEGORIES.get(category) or plain(category) or "loaded language", "; ".join(parts),
                 category or "loaded", ("term", loaded_word(quote, neutral)))


_WORD = re.compile(r"[\w'-]+")


def loaded_word(quote: str, neutral: str = "") -> str:
    """The word that carries the load, so findings in two reports pair up by it: the last
    word of the quote that the neutral choice does not keep ("Maduro regime" beside "Maduro
    government" -> "regime", as in "Trump regime"); without a neutral choice, the last word."""
    def words(text):
        return [w.strip("'-").removesuffix("'s") for w in _WORD.findall(_norm(text).replace("\u2019", "'"))]
    said = [w for w in words(quote) if w]
    kept = set(words(neutral))
    loaded = [w for w in said if w not in kept] or said
    return loaded[-1] if loaded else _norm(quote)


def _spot_loaded(kind: str) -> tuple[str, str]:
    if kind == "all":
        return "loaded", "loaded language (words chosen to push your feelings one way)"
    if kind in ("own", "quoted"):
        return (f"{kind} voice", "loaded language in the outlet's own words" if kind == "own"
                else "loaded language in the words it quotes")
    shown = LOADED_CATEGORIES.get(kind) or plain(kind)
    return shown, f"loaded language of the kind \u201c{shown}\u201d"


def _wants_loaded(row: dict, kind: str) -> bool:
    return kind in (row.get("category"), row.get("voice"))


# --- page chrome ----------------------------------------------------------------------

CHROME_KINDS = ("caption", "photo_credit", "appeal", "related_links", "byline", "dateline",
                "boilerplate", "share_prompt", "comment_prompt", "navigation", "masthead",
                "source_line", "tags")

def _describe_chrome(row: dict, quote: str) -> Words:
    kind = text(row, "kind")
    return Words(plain(kind) or "page chrome", "", kind or "page chrome", ("chrome", _norm(kind)))


def _spot_chrome(kind: str) -> tuple[str, str]:
    if kind == "all":
        return "page chrome", "page chrome (a part of the page that is not the news story)"
    return plain(kind), f"page chrome of the kind \u201c{plain(kind)}\u201d"


# --- source chain ---------------------------------------------------------------------

#: Each link of a source chain: (its words on a chart, its legend line, its line style).
CHAIN_RELATIONS = {
    "cites": ("cites", "cites: names it as a source", "-"),
    "quotes": ("quotes", "quotes: gives its exact words", "--"),
    "relays": ("relays", "relays: passes its story on", ":"),
    "captures": ("is a copy of", "is a copy of: the same article, saved again", (0, (6, 2, 1, 2, 1, 2))),
    "rebuts": ("rebuts", "rebuts: says it is wrong", "-."),
}
#: The order links between the same two boxes are drawn in (the first one draws the line).
CHAIN_DRAW_ORDER = ("relays", "quotes", "cites", "captures", "rebuts")


# --- the kit's lenses -----------------------------------------------------------------

_LENSES: dict[str, Lens] = {}


def register(lens: Lens, replace: bool = False) -> Lens:
    """Add ``lens``; every part of the kit sees it.

    Refused (``ValueError``, one plain sentence) when its name, one of its other names,
    one of its view keys, its answer-key file or one of its lexicon files is already
    used by another lens (or twice by itself), when a name is empty or has a ``|``, when
    a view's colour is not ``#RGB``/``#RRGGBB`` or its underline not a CSS line style, or
    when its detector's module cannot be found. ``replace=True`` replaces the lens of the
    same name.

    A ``register(...)`` line in this file itself (a teacher's lens for everyone) that would
    be refused (its detector's module cannot be found, a colour mistyped) is left out with a
    warning that names the lens and the problem, so ``import helpers``, every notebook and
    ``python -m helpers check`` still work without it.
    """
    problems = _clashes(lens, replace) + _bad_views(lens) + _missing_modules(lens)
    if problems and sys._getframe(1).f_globals.get("__name__") == __name__:
        warnings.warn(f"the lens {lens.name!r} is left out: " + "; ".join(problems), RegistryWarning, stacklevel=2)
        return lens
    if problems:
        raise ValueError(f"the lens {lens.name!r} cannot be added: " + "; ".join(problems))
    _LENSES[lens.name] = lens
    _clear_caches()
    return lens


class RegistryWarning(UserWarning):
    """A lens listed in the registry that the kit cannot use (its detector's module is missing)."""


#: The line styles a view's underline may have (CSS ``text-decoration-style``).
UNDERLINES = ("solid", "dashed", "dotted", "double", "wavy")
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def _bad_views(lens: Lens) -> list[str]:
    """Colours and line styles a page cannot draw (and that could break out of a style="...")."""
    problems = []
    for view in lens.views:
        for part in ("colour", "background"):
            colour = getattr(view, part)
            if not (isinstance(colour, str) and _COLOUR.fullmatch(colour)):
                problems.append(f"the {part} of the view {view.key!r} is {colour!r}, not a colour written "
                                "#RGB or #RRGGBB (e.g. #D55E00)")
        if view.underline not in UNDERLINES:
            problems.append(f"the underline of the view {view.key!r} is {view.underline!r}, not one of "
                            + ", ".join(UNDERLINES))
    return problems


def _clashes(lens: Lens, replace: bool) -> list[str]:
    """What in ``lens`` another lens already uses, or that it uses twice itself: its names,
    its view keys (its name when it has no views: that is the view its rows are drawn in),
    its answer-key file and its lexicon files (files compared case-folded: "Numbers.csv"
    is "numbers.csv" on Windows and macOS). Refuses an empty name and a ``|`` in a name
    or view key (it would break the ``report|view|origin|n`` highlight ids)."""
    if lens.name in _LENSES and not replace:
        return [f"there is already a lens called {lens.name!r} (give replace=True to replace it, "
                "or choose another name)"]

    def _view_keys(one: Lens) -> list[str]:   # its views' keys, or its name when it has none
        return [view.key for view in one.views] or [one.name]

    problems = []
    names = list(dict.fromkeys((lens.name, *lens.aliases)))
    keys = _view_keys(lens)
    for word in (*names, *keys):
        if not str(word).strip():
            problems.append("a name or view key is empty")
        elif "|" in str(word):
            problems.append(f"the name or view key {word!r} has a '|' in it (the kit uses '|' "
                            "to join the parts of a highlight's id)")
    for key in dict.fromkeys(k for k in keys if keys.count(k) > 1):
        problems.append(f"the view {key!r} is given twice")
    files = [lex.file.casefold() for lex in lens.lexicons]
    for file in dict.fromkeys(f for f in files if files.count(f) > 1):
        problems.append(f"the lexicon {file!r} is given twice")
    others = [other for name, other in _LENSES.items() if name != lens.name]
    for other in others:
        for name in names:
            if name in (other.name, *other.aliases):
                problems.append(f"the name {name!r} is already used by the lens {other.name!r}")
        theirs = _view_keys(other)
        for key in keys:
            if key in theirs:
                problems.append(f"the view {key!r} is already a view of the lens {other.name!r}")
        if lens.key is not None and other.key is not None \
                and lens.key.file.casefold() == other.key.file.casefold():
            problems.append(f"the answer-key file {lens.key.file!r} is already read by the lens "
                            f"{other.name!r}")
        their_files = {lex.file.casefold() for lex in other.lexicons}
        for lex in lens.lexicons:
            if lex.file.casefold() in their_files:
                problems.append(f"the lexicon {lex.file!r} is already read by the lens {other.name!r} "
                                "(its checks would be lost)")
    return list(dict.fromkeys(problems))


def _missing_modules(lens: Lens) -> list[str]:
    """Detector modules that cannot be found (found now, not when the page is drawn)."""
    problems = []
    for path in dict.fromkeys(p for p in (lens.detector, lens.pair_detector) if p):
        module = path.partition(":")[0]
        try:
            found = importlib.util.find_spec(module)
        except (ImportError, ValueError):  # a parent package missing, or an empty name
            found = None
        if found is None:
            problems.append(f"its detector {path!r} names the module {module!r}, which Python "
                            "cannot find (is its folder on the path?)")
    return problems


def unregister(name: str) -> None:
    """Take a lens out again (a test's toy lens): only the lens of exactly this name."""
    if name not in _LENSES:
        other = _by_name().get(name)
        also = f" ({name!r} is another name of the lens {other.name!r})" if other else ""
        raise KeyError(f"there is no lens called {name!r}{also}")
    del _LENSES[name]
    _clear_caches()


def _clear_caches() -> None:
    global _BY_NAME
    _BY_NAME = None


_BY_NAME: dict[str, Lens] | None = None


def _by_name() -> dict[str, Lens]:
    global _BY_NAME
    if _BY_NAME is None:
        found = {}
        for lens in _LENSES.values():
            for name in (lens.name, *lens.aliases):
                found.setdefault(name, lens)
        _BY_NAME = found
    return _BY_NAME


def all_lenses() -> tuple[Lens, ...]:
    """Every lens, in the order of the controls and the page."""
    return tuple(_LENSES.values())


def get(name: str) -> Lens:
    """The lens called ``name`` (or one of its aliases: "attribution" is "attributions")."""
    found = _by_name().get(name)
    if found is None:
        raise KeyError(f"unknown lens {name!r}; the lenses are: {', '.join(_LENSES)}")
    return found


def known(name: str) -> bool:
    return name in _by_name()


def with_key() -> tuple[Lens, ...]:
    """Lenses with an answer-key file."""
    return tuple(lens for lens in _LENSES.values() if lens.key is not None)


def with_detector() -> tuple[Lens, ...]:
    """Lenses that read one report at a time (``detect(text)``)."""
    return tuple(lens for lens in _LENSES.values() if lens.detector)


def with_pair_detector() -> tuple[Lens, ...]:
    """Lenses that compare two reports (``detect_pair(a, b)``): always automatic."""
    return tuple(lens for lens in _LENSES.values() if lens.pair_detector)


def pair_views() -> tuple[str, ...]:
    """The views of the lenses that compare two reports (never from an answer key)."""
    return tuple(view.key for lens in with_pair_detector() for view in lens.views)


def on_page() -> tuple[Lens, ...]:
    """Lenses a report is highlighted with from a key or a detector (single reports)."""
    return tuple(lens for lens in _LENSES.values() if lens.views and (lens.key or lens.detector)
                 and not lens.pair_detector)


def views() -> dict[str, View]:
    """Every view a student can switch on and off, in the order of the controls."""
    return {view.key: view for lens in _LENSES.values() for view in lens.views}


def lens_of_view(view: str) -> Lens:
    for lens in _LENSES.values():
        if any(v.key == view for v in lens.views):
            return lens
    raise KeyError(f"unknown view {view!r}; the views are: {', '.join(views())}")


def lexicons() -> dict[str, Lexicon]:
    """Every lexicon any lens reads, by file stem."""
    return {lex.file: lex for lens in _LENSES.values() for lex in lens.lexicons}


_ATTRIBUTION = Lens(
    "attributions", "Sources",
    Schema("attributions.csv", ("source", "kind"), ("proximity", "via", "cue", "note", "explain"),
           vocab=(("kind", tuple(ATTRIBUTION_KINDS)),)),
    views=(View("anonymous", "Anonymous sources", "ANON", "#D55E00", "#F7D5BF", "wavy"),
           View("named", "Named sources", "NAMED", "#0072B2", "#C7E0F0", "solid")),
    detector="helpers.lenses.attribution:detect", aliases=("attribution",),
    kinds=("anonymous", "named", "all"), default_kind="anonymous",
    lexicons=(Lexicon("attribution_cues", (("cue", "the cue's name, e.g. said"),
                                           ("forms", "the ways the cue is written, separated by |"),
                                           ("source", "where the source stands: before, after, outlet_before or owner_before"),
                                           ("needs", "when a weaker cue counts")),
                      allowed=(("source", ("before", "after", "outlet_before", "owner_before", "line", "none")),
                               ("needs", ("", "quote_or_that", "speaker", "speaker_or_document", "speaker_to"))),
                      not_empty=("cue", "forms")),
              Lexicon("attribution_sources", (("word", "a word that names a source"),
                                              ("means", "what kind of source the word means")),
                      allowed=(("means", (*ATTRIBUTION_KINDS, "hidden", "role", "not_a_source", "surname")),),
                      not_empty=("word",)),
              Lexicon("attribution_verbs", (("word", "a participle after a document word (released) or a cue's name (know)"),
                                            ("class", "owner, witness, knowing, thought, participle, anonymity, stance, finding, "
                                                      "channel, channel_link or channel_end")),
                      allowed=(("class", ("owner", "witness", "knowing", "thought", "participle", "anonymity",
                                          "stance", "finding", "channel", "channel_link", "channel_end")),),
                      not_empty=("word", "class"))),
    kind_labels=ATTRIBUTION_KINDS, kind_styles=ATTRIBUTION_KIND_STYLES, describe=_describe_attribution, view_of=attribution_view,
    spot=_spot_attribution, wants=_wants_attribution,
)

_NUMBERS = Lens(
    "numbers", "Numbers",
    Schema("numbers.csv", ("claim", "low", "high"),
           ("label", "counted", "hedge", "attributed_to", "is_date", "in_chrome", "note", "explain"),
           numeric=("low", "high"), boolean=("is_date", "in_chrome")),
    views=(View("numbers", "Numbers", "NUM", "#009E73", "#C4EBDD", "double"),),
    detector="helpers.lenses.numbers:detect",
    kinds=("numbers", "dates", "all"), default_kind="numbers",
    lexicons=(Lexicon("vague_quantities", (("phrase", "the words, e.g. a few dozen"),
                                           ("type", "amount, hedge or name_before"),
                                           ("low", "the smallest number the words allow"),
                                           ("high", "the largest number the words allow")),
                      allowed=(("type", ("amount", "hedge", "name_before")),
                               ("means", ("", "count", "factor", "share"))),
                      numbers=("low", "high"), numbers_needed_when=("type", ("amount", "hedge")),
                      not_negative=("low", "high"), ordered=("low", "high"),
                      not_empty=("phrase",)),
              Lexicon("number_words", (("word", "a number written as a word, e.g. dozen"),
                                       ("value", "the number it stands for")), numbers=("value",),
                      not_negative=("value",), not_empty=("word",)),
              Lexicon("fraction_words", (("word", "a word for a part of a whole, e.g. fifth"),
                                         ("parts", "into how many equal parts the whole is cut, e.g. 5")),
                      numbers=("parts",), not_negative=("parts",), not_empty=("word", "parts")),
              Lexicon("number_context", (("word", "a word around a fraction word or a unit of time, e.g. since"),
                                         ("class", "what the word tells: " + ", ".join(NUMBER_CONTEXT_CLASSES))),
                      allowed=(("class", NUMBER_CONTEXT_CLASSES),), not_empty=("word", "class")),
              Lexicon("counted_nouns", (("word", "a counted noun, e.g. jobs"),
                                        ("same_as", "the family it counts the same thing as, e.g. staff")),
                      not_empty=("word", "same_as")),
              Lexicon("change_words", (("word", "a word for a change of a quantity, e.g. rise"),
                                       ("forms", "the ways it is written, separated by |"),
                                       ("change", "what the change is called: rise, increase, fall, cut or change")),
                      allowed=(("change", CHANGE_NOUNS),),
                      not_empty=("word", "forms", "change"))),
    describe=_describe_number, spot=_spot_number, wants=_wants_number,
)

_LOADED = Lens(
    "loaded_language", "Loaded language",
    Schema("loaded_language.csv", ("category", "voice", "neutral"), ("note", "explain"),
           vocab=(("category", tuple(LOADED_CATEGORIES)), ("voice", tuple(LOADED_VOICES)))),
    views=(View("loaded_language", "Loaded language", "LOADED", "#CC79A7", "#F2DCE9", "dotted"),),
    detector="helpers.lenses.loaded_language:detect",
    lexicons=(Lexicon("loaded_terms", (("term", "the loaded word or phrase"),
                                       ("category", "what kind of loaded word it is (emotive, label ...)")),
                      allowed=(("category", tuple(LOADED_CATEGORIES)),
                               ("pos", ("noun", "verb", "adj", "adv", "phrase", "caps")),
                               ("inflect", ("yes", "no"))),
                      not_empty=("term",)),
              Lexicon("loaded_confidence", (("rule", "the rule that marked the word"),
                                            ("category", "the kind of loaded word"),
                                            ("pos", "the part of speech"),
                                            ("confidence", "sure or check this")),
                      allowed=(("category", ("*", *LOADED_CATEGORIES)), ("confidence", CONFIDENCE)),
                      not_empty=("rule",))),
    kind_labels={**LOADED_CATEGORIES, **LOADED_VOICES}, describe=_describe_loaded, spot=_spot_loaded, wants=_wants_loaded,
)

_CHROME = Lens(
    "page_chrome", "Page chrome",
    Schema("page_chrome.csv", ("kind",), ("note", "explain"),
           vocab=(("kind", CHROME_KINDS),)),
    views=(View("page_chrome", "Page chrome", "CHROME", "#7F7F7F", "#E6E6E6", "dashed"),),
    detector="helpers.lenses.page_chrome:detect",
    lexicons=(Lexicon("page_chrome_patterns", (("kind", "what part of the page it is (caption, appeal ...)"),
                                               ("match", "how the pattern matches: starts, contains, line or regex"),
                                               ("pattern", "the words or regular expression"),
                                               ("extent", "how much of the text the mark covers")),
                      allowed=(("kind", CHROME_KINDS), ("match", ("starts", "contains", "line", "regex")),
                               ("extent", ("line", "match", "paragraph"))),
                      regex=("pattern", "match", "regex"), not_empty=("pattern",)),),
    describe=_describe_chrome, spot=_spot_chrome,
)

_SOURCE_CHAIN = Lens(
    "source_chain", "Source chain",
    Schema("source_chain.csv", ("citing", "cited", "relation"), ("note",),
           vocab=(("relation", tuple(CHAIN_RELATIONS)),)),
    aliases=("chain",), role="chain",
    kind_labels={relation: words for relation, (words, _, _) in CHAIN_RELATIONS.items()},
    kind_styles={relation: style for relation, (_, _, style) in CHAIN_RELATIONS.items()},
)

_SHARED = Lens(
    "shared_passages", "Shared passages",
    views=(View("shared_passages", "Shared passages", "SHARED", "#E69F00", "#FBE8BF", "solid"),),
    pair_detector="helpers.lenses.shared_passages:detect_pair",
)

_text.use_lexicon_specs(lexicons)
_BUILT_IN = (_ATTRIBUTION, _NUMBERS, _LOADED, _CHROME, _SOURCE_CHAIN, _SHARED)
for _lens in _BUILT_IN:
    register(_lens)
