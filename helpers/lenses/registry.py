"""The lens registry: everything about a lens, in one record.

A :class:`Lens` names its answer-key file and columns (:class:`Schema`), the label a
student reads, the views a student switches on and off (colour, tag, underline), its
detector (a dotted path, imported only when it runs), the kinds an exercise can ask for,
the lexicons it reads with the columns each must have, and the one function that turns
a row (answer key or detector) into the words a student reads (:class:`~helpers.wording.Words`).
Every other module reads this registry: the answer-key loader and ``check``, the reader
and its findings, the exercises, the analyze page, the charts and the bench.

A teacher's own lens is one line::

    from helpers.lenses.registry import Lens, Schema, View, register
    register(Lens("rostec", "Rostec mentions", Schema("rostec.csv", ("kind",)),
                  views=(View("rostec", "Rostec mentions", "ROSTEC", "#000000", "#EEEEEE", "solid"),),
                  detector="my_lens:detect"))

``source_chain`` has an answer key and no detector (the analyze page builds a chain from
the attribution lens instead); ``shared_passages`` compares two reports
(``pair_detector``) and has no answer key.
"""
from __future__ import annotations

import importlib
import importlib.util
import re
from dataclasses import dataclass, field
from typing import Callable

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
    #: (column, word): the number columns may be left empty except on rows where ``column``
    #: says ``word``; None: they are always needed
    numbers_needed_when: tuple[str, str] | None = None
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
    kind_labels: dict = field(default_factory=dict)     # key word -> what a student reads
    kind_styles: dict = field(default_factory=dict)     # key word -> (colour, hatch) on a chart, in chart order
    describe: Callable[[dict, str], Words] | None = None   # row, quote -> Words
    view_of: Callable[[dict], str] | None = None           # row -> view key (lenses with two views)
    spot: Callable[[str], tuple[str, str]] | None = None   # kind -> (glossary word, prompt words)
    wants: Callable[[dict, str], bool] | None = None       # row, kind -> the exercise counts it

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
        if kind == "all":
            return self.label.lower(), self.label.lower()
        shown = self.kind_label(kind)
        return shown, f"{self.label.lower()} of the kind \u201c{shown}\u201d"

    def wanted(self, row: dict, kind: str) -> bool:
        """True when an exercise asking for ``kind`` counts this answer-key row."""
        if kind == "all":
            return True
        if self.wants is not None:
            return self.wants(row, kind)
        return any(row.get(column) == kind for column, _ in (self.key.vocab if self.key else ()))


def _import(path: str | None):
    if not path:
        raise LookupError("this lens has no detector")
    module, _, function = path.partition(":")
    return getattr(importlib.import_module(module), function or "detect")


def _norm(words) -> str:
    return " ".join(str(words).replace("\u00a0", " ").split()).casefold()


# --- attribution ----------------------------------------------------------------------

ATTRIBUTION_KINDS = {"named_person": "named person", "named_org": "named organisation", "outlet": "news outlet",
                     "document": "document", "anonymous": "anonymous source", "vague_collective": "vague group"}

#: The kinds of source that do not say who is speaking.
UNNAMED_KINDS = ("anonymous", "vague_collective")


#: How each kind is drawn on a chart (colour, hatch), from the most to the least open about the source.
ATTRIBUTION_KIND_STYLES = {"named_person": ("#0072B2", ""), "named_org": ("#56B4E9", "//"),
                           "outlet": ("#009E73", ".."), "document": ("#F0E442", "xx"),
                           "vague_collective": ("#E69F00", "\\\\"), "anonymous": ("#D55E00", "oo")}

#: Words that show a source in a chain is not named ("an unnamed source", "people familiar ...").
_HIDDEN_SOURCE = re.compile(r"\b(?:unnamed|anonymous|unidentified|sources?|people familiar|person close|officials)\b"
                            r"|\(not named\)", re.I)


def names_no_one(source: str) -> bool:
    """True when a source's words in a chain hide who it is ("unnamed source close to ...",
    "people familiar with ...", "X (not named)")."""
    return bool(_HIDDEN_SOURCE.search(str(source)))


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
        named = row.get("named")
        if named is False or str(named).strip().lower() == "false":
            return "anonymous"
        if re.match(r"\s*(?:an?\s+)?(?:unnamed|anonymous|unidentified)\b", text(row, "source"), re.I):
            return "anonymous"
    return "named"


#: A singular source word that reads as a person or a thing and needs "a" before it.
_NEEDS_ARTICLE = re.compile(r"(?:unnamed |anonymous |senior |former )*(?:person|source|official|spokesman|"
                            r"spokeswoman|spokesperson|insider|diplomat|officer|adviser|advisor|expert)\b")


def _who(words: str) -> str:
    """A source as a student reads it: "a person close to ...", never "person close to ..."."""
    words = " ".join(str(words).split())
    if _NEEDS_ARTICLE.match(words):
        return ("an " if words[:1] in "aeiou" else "a ") + words
    return words


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


#: Currency words (the numbers lens's ``unit``, an answer key's words) and their sign.
_CURRENCY_SIGNS = (("dollar", "$"), ("usd", "$"), ("euro", "\u20ac"), ("pound", "\u00a3"), ("yen", "\u00a5"))


def unit_of(row: dict) -> str:
    """The sign a figure is written with: "$", "€", "£", "¥" for money, "%" for a
    percentage, else "". From the numbers lens's ``kind``/``unit``, or an answer key's words."""
    kind = text(row, "kind").lower()
    if kind == "percent" and text(row, "unit").lower() == "percent":
        return "%"
    words = f"{text(row, 'unit')} {text(row, 'counted')} {text(row, 'label')} {text(row, 'claim')}".lower()
    if kind == "money" or re.search(r"\b(?:us dollars|dollars|usd)\b|_usd\b", words):
        return next((sign for word, sign in _CURRENCY_SIGNS if word in words), "$" if kind != "money" else "")
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


def is_date(row: dict) -> bool:
    """Whether a numbers row is a date or a time: its ``is_date`` flag (true/yes/1), or
    the automatic lens's ``kind`` "date" or "time"."""
    return _is_true(value(row, "is_date", False)) or text(row, "kind").lower() in ("date", "time")


#: Units of time: a duration means nothing without one ("3–9" what?).
TIME_UNITS = frozenset("seconds minutes hours days weeks months years decades centuries".split())


def time_unit(row: dict) -> str:
    """The unit of a duration ("months"), from the key's ``counted`` ("months over which
    the pullout escalated") or the automatic lens's ``unit``; else ""."""
    for words in (text(row, "counted"), text(row, "unit")):
        first = words.split()[0].lower() if words.split() else ""
        if first in TIME_UNITS or first + "s" in TIME_UNITS:
            return first
    return ""


def _describe_number(row: dict, quote: str) -> Words:
    dated = is_date(row)
    low, high, kind = value(row, "low", None), value(row, "high", None), text(row, "kind").lower()
    span = number_range(low, high, unit_of(row), dated, kind=kind)
    hedge = text(row, "hedge")
    what = text(row, "claim_label") or text(row, "label")
    counted = "" if dated else counted_of(row)
    if what and what != counted:
        unit = "" if dated else time_unit(row)
        if unit and span:  # a duration is written with its unit: "3–9 months"
            span = number_range(low, high, unit_of(row), dated, counted=unit, kind=kind)
        detail = ", ".join(b for b in (what, span) if b)
    else:  # the figure and what it counts, as a reader says it: "3–9 months"
        detail = number_range(low, high, unit_of(row), dated, counted=counted, kind=kind) or counted
    if hedge:
        made = f"made less exact by \u201c{hedge}\u201d"
        detail = f"{detail} ({made})" if detail else made
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


def _describe_loaded(row: dict, quote: str) -> Words:
    category = text(row, "category")
    voice = text(row, "voice")
    parts = []
    if voice:
        parts.append("in the outlet's own words" if voice == "own" else "in words the outlet quotes")
    neutral = text(row, "neutral")
    if neutral:
        parts.append(f"a more neutral choice: \u201c{neutral}\u201d")
    return Words(LOADED_CATEGORIES.get(category) or plain(category) or "loaded language", "; ".join(parts),
                 category or "loaded", ("term", _norm(quote)))


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

    Refused (``ValueError``, one plain sentence) when its name, one of its other names
    or one of its view keys is already used by another lens, or when its detector's
    module cannot be found. ``replace=True`` replaces the lens of the same name.
    """
    problems = _clashes(lens, replace) + _missing_modules(lens)
    if problems:
        raise ValueError(f"the lens {lens.name!r} cannot be added: " + "; ".join(problems))
    _LENSES[lens.name] = lens
    _clear_caches()
    return lens


def _clashes(lens: Lens, replace: bool) -> list[str]:
    """Names and view keys of ``lens`` that another lens already uses."""
    if lens.name in _LENSES and not replace:
        return [f"there is already a lens called {lens.name!r} (give replace=True to replace it, "
                "or choose another name)"]
    others = [other for name, other in _LENSES.items() if name != lens.name]
    problems = []
    for name in dict.fromkeys((lens.name, *lens.aliases)):
        for other in others:
            if name in (other.name, *other.aliases):
                problems.append(f"the name {name!r} is already used by the lens {other.name!r}")
    for view in lens.views:
        for other in others:
            if any(view.key == theirs.key for theirs in other.views):
                problems.append(f"the view {view.key!r} is already a view of the lens {other.name!r}")
    return problems


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
                      allowed=(("source", ("before", "after", "outlet_before", "owner_before", "line", "none")),)),
              Lexicon("attribution_sources", (("word", "a word that names a source"),
                                              ("means", "what kind of source the word means")),
                      allowed=(("means", (*ATTRIBUTION_KINDS, "hidden", "role", "not_a_source")),))),
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
                      numbers=("low", "high"), numbers_needed_when=("type", "amount")),
              Lexicon("number_words", (("word", "a number written as a word, e.g. dozen"),
                                       ("value", "the number it stands for")), numbers=("value",)),
              Lexicon("counted_nouns", (("word", "a counted noun, e.g. jobs"),
                                        ("same_as", "the family it counts the same thing as, e.g. staff")))),
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
                               ("inflect", ("yes", "no")))),
              Lexicon("loaded_confidence", (("rule", "the rule that marked the word"),
                                            ("category", "the kind of loaded word"),
                                            ("pos", "the part of speech"),
                                            ("confidence", "sure or check this")),
                      allowed=(("category", ("*", *LOADED_CATEGORIES)), ("confidence", CONFIDENCE)))),
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
                      regex=("pattern", "match", "regex")),),
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

for _lens in (_ATTRIBUTION, _NUMBERS, _LOADED, _CHROME, _SOURCE_CHAIN, _SHARED):
    register(_lens)
