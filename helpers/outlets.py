"""Which outlet a name in a report means, read the way a reader would.

A report names an outlet in its own words: "a report from the Wall Street Journal",
"the wall street journal", "the Journal's Sunday report", "WSJ". The source chain of an
own story links such a name to the outlet of the case it means: one of the case's
reports, or the original report (``original:`` in case.yml). Two names mean the same
outlet when they are alike once the case of the letters, a leading "the", a possessive
"'s", the curly or straight apostrophe and words around a name that only frame it ("a
report from ...", "... report", "a June 2 ... report") are set aside; or when the name is
a short form that case.yml declares for the outlet (``aliases:``, e.g. ``[WSJ, the
Journal]``).

The kit never guesses a short form the case does not declare. And it does not decide
between two outlets a name could mean: a declared "the Journal" in a case that has
another outlet whose name also ends in "Journal" is *unclear*, and the page says so.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .wording import count

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december"
           "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DATE = (rf"(?:(?:{_DAYS}),?\s+)?(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS}))"
         rf"(?:,?\s+\d{{4}})?")
#: Words that say a name is a piece of an outlet's work, not the outlet.
_PIECE = r"(?:report|reports|article|articles|story|stories|piece|interview|investigation|analysis|editorial|exclusive)"
_LEADING = re.compile(
    r"^(?:according to\s+"
    r"|(?:a|an|the|this|that|its|their|his|her|another|one)\s+"
    rf"|(?:(?:new|recent|latest|earlier|exclusive|first)\s+)?{_PIECE}\s+(?:(?:first\s+)?(?:published|aired|carried)\s+)?(?:from|by|in|of|for|on)\s+"
    rf"|{_DATE}\s+)")
_TRAILING = re.compile(rf"(?:'s|s')?(?:\s+(?:(?:{_DAYS})|{_DATE}))?\s+{_PIECE}$|(?<=s)'$|'s$")
_EDGES = " \t\n\"'.,:;!?\u201c\u201d\u00ab\u00bb-\u2013\u2014"


def plain(text) -> str:
    """``text`` in lower case with one kind of apostrophe and single spaces, as names are
    compared (nothing is cut: see :func:`key` for a name)."""
    return " ".join(unicodedata.normalize("NFKC", str(text or "")).translate(_APOSTROPHES).lower().split())


def key(name) -> str:
    """The words of an outlet's name that say which outlet it is, in lower case:
    "a report from the Wall Street Journal", "The Wall Street Journal" and "the Wall
    Street Journal's" all give "wall street journal"; "" for no name. A note in brackets
    after a name ("The Valley Ledger (invented; ...)") is not part of it."""
    text = outlet_name(plain(name)).strip(_EDGES)
    while True:
        shorter = _TRAILING.sub("", _LEADING.sub("", text, count=1), count=1).strip(_EDGES)
        if shorter == text or not shorter:
            return text
        text = shorter


@dataclass
class Outlet:
    """One outlet of a case: the name a student reads, what a link to it points at (a report
    id, or the original's name when no report of the case is by it) and the keys of the
    short forms the case declares for it."""

    name: str
    target: str
    key: str
    aliases: set = field(default_factory=set)


@dataclass
class Reading:
    """What a name in a report means: ``target`` when it is one outlet of the case, or
    ``unclear`` (the names of the outlets it could mean) when a reader could not tell."""

    target: str | None = None
    unclear: list = field(default_factory=list)

    def could_mean(self, shown: int = 3) -> str:
        """The outlets an unclear name could mean, as a reader reads them: "The Wall Street
        Journal or The Valley Journal"; past ``shown`` of them, how many more."""
        names = self.unclear
        if len(names) <= shown:
            return " or ".join(names)
        more = len(names) - shown
        return f"{', '.join(names[:shown])} or {count(more, 'other outlet')}"


def alias_list(value) -> list[str]:
    """``aliases:`` as case.yml gives it (a list of names, or one name on the line) as a
    list of names; an item that is no text or number (yes/no, a list) is left out, as
    ``check`` reports it."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    return [str(item).strip() for item in items
            if isinstance(item, (str, int, float)) and not isinstance(item, bool) and str(item).strip()]


def outlet_name(outlet) -> str:
    """An outlet as case.yml gives it, without its note in brackets."""
    return re.sub(r"\s*\(.*$", "", " ".join(str(outlet or "").split())).strip()


class Outlets:
    """The outlets of a case, and which one a name in a report means (:meth:`read`)."""

    def __init__(self, case):
        self.by_key: dict[str, Outlet] = {}
        for rid, report in case.reports.items():
            name = outlet_name(report.outlet)
            k = key(name)
            if not k:
                continue   # "(fill in the outlet)": no name yet
            outlet = self.by_key.setdefault(k, Outlet(name=name, target=rid, key=k))
            outlet.aliases |= {key(a) for a in alias_list(getattr(report, "aliases", None))} - {""}
        original = dict(getattr(case, "original", None) or {})
        name = outlet_name(original.get("outlet"))
        if key(name):
            outlet = self.by_key.setdefault(key(name), Outlet(name=name, target=name, key=key(name)))
            outlet.aliases |= {key(a) for a in alias_list(original.get("aliases"))} - {""}
        self._read: dict[str, Reading] = {}   # a name read once is not read again
        # indexes, so that reading a name costs the same for a story of 3 reports or 3,000
        self.declared: dict[str, list[Outlet]] = {}   # short form -> the outlets that declare it
        self.ends: dict[str, list[Outlet]] = {}       # last words of a name -> the outlets named so
        for outlet in self.by_key.values():
            for alias in sorted(outlet.aliases):
                self.declared.setdefault(alias, []).append(outlet)
            words = outlet.key.split()
            for start in range(1, len(words)):
                self.ends.setdefault(" ".join(words[start:]), []).append(outlet)

    def target_of_original(self, origin: str | None) -> str | None:
        """What the chain's way back leads to for the case's origin: its report, if the
        case has one by that outlet, else the name itself."""
        if not origin:
            return origin
        found = self.by_key.get(key(origin))
        return found.target if found else origin

    def read(self, name) -> Reading:
        """Which outlet ``name`` means. Its own name, read the way a reader would, is that
        outlet; a declared short form is the outlet that declares it, unless another
        outlet declares it too or another outlet's name ends in it ("the Journal" with
        The Wall Street Journal and The Valley Journal): then it is unclear."""
        k = key(name)
        if k not in self._read:
            self._read[k] = self._read_key(k)
        return self._read[k]

    def _read_key(self, k: str) -> Reading:
        if not k:
            return Reading()
        if k in self.by_key:
            return Reading(target=self.by_key[k].target)
        owners = self.declared.get(k, [])
        if not owners:
            return Reading()
        mine = {id(o) for o in owners}
        tails = [o for o in self.ends.get(k, []) if id(o) not in mine]
        if len(owners) == 1 and not tails:
            return Reading(target=owners[0].target)
        return Reading(unclear=[o.name for o in owners + tails])
