"""Numbers lens: every quantity in a text, and the range a reader can take it to mean.

It finds numerals ("1,000", "4.83 billion", "49%", "$2"), number words ("two
prerecorded programs", "three hundred"), shares written with two numbers ("six in ten",
"1 in 4": a percentage, 60 and 25), fractions in words that are a share of something
("about a fifth of births", "two thirds of voters", "cut in half": 20, 66.7, 50; the
words are in ``data/lexicons/fraction_words.csv``, the words around them that decide it in
``number_context.csv``), the count of a vote ("voted 7-2", "a 7 to 2 vote":
kind "vote", no range), vague amounts ("a few dozen", "hundreds",
"a host of", "tens of times", "most"), hedged amounts ("up to 1,000", "about",
"more than 50", "just a few dozen"), dates and times ("Sunday", "July 2, 2013", "in
March", "2001", "last month", "several years ago") and durations ("the past several
months", "19 years", "nearly two decades", "about an hour", "for a week": a count of a
unit of time, written with its unit, or one unit after a hedge or "for"; not an age, "19
years old", nor a possessive, "a month's rent", unless a journey or a wait follows, "an
hour's drive").

Each finding has ``low`` and ``high``: the range the rule assigns. The vague words and
the hedges are data in ``data/lexicons/vague_quantities.csv`` (the kit's table: "a few"
2-4, "dozens" 24-99, "up to N" 0.5N-N ...); number words are in ``number_words.csv``.
For a date, ``low``/``high`` are its year when the text gives one, and empty when it
does not ("last month": the lens cannot know the year). ``is_date`` flags dates and
times; ``kind`` says what sort of quantity it is (count, money, percent, share,
factor, date, time, duration); ``unit`` is the counted noun that follows ("1,000
employees" -> "employees").

A figure can be one side of a change: in "fares rise from $2.50 to $3.25" the first figure is
what the fare was (``change`` "before"), the second what it will be ("after"), and
``change_words`` says the whole change as people write it ("a rise from $2.50 to $3.25").
A change needs a word for one (``data/lexicons/change_words.csv``: "rise", "cut", ...)
shortly before its "from" or "to"; without one, "from 5 to 50 staff" is a range. A
change may be written after the figure it ends at: in "412 births last year, down from
530" the 412 is the after.

Two decisions a student may question: a number inside a web address is left out,
except a date in its path ("/2019/04/04/"), which says when a page was published; and
a number that names something ("Section 8", "World War 2") is not a quantity.
"""
from __future__ import annotations

import bisect
import math
import re

import pandas as pd

from . import registry as _registry
from ._text import Ranges, alternation, compiled, frame, load_lexicon, plural, reload_lexicons, singular  # noqa: F401

COLUMNS = ("low", "high", "hedge", "unit", "is_date", "kind", "change", "change_words")
DTYPES = {"low": "float64", "high": "float64", "hedge": "str", "unit": "str", "is_date": "bool",
          "kind": "str", "change": "str", "change_words": "str"}

NAN = float("nan")
SP = r"[ \t\u00a0]+"            # spaces within a line
WS = r"[\s\u00a0]+"             # spaces or a line break

MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan.": 1, "Feb.": 2, "Mar.": 3, "Apr.": 4, "Jun.": 6, "Jul.": 7, "Aug.": 8,
    "Sept.": 9, "Sep.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12,
}
# "May" and "March" are also a verb and a noun: alone they need a word like "in".
AMBIGUOUS_MONTHS = {"May", "March"}
MONTH_PREPOSITIONS = {"in", "since", "until", "till", "by", "from", "through", "early", "late",
                      "mid", "last", "next", "this", "of", "during", "before", "after", "on",
                      "between", "and", "to"}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TIME_UNITS = _registry.TIME_UNITS  # one table, read by the words about a figure too
SEASONS = ("spring", "summer", "fall", "autumn", "winter", "weekend", "week", "month", "year",
           "night", "morning", "afternoon", "evening", "decade", "century", "quarter")
# Singular nouns that can still be what is counted ("49 percent", "one year").
SINGULAR_UNITS = {"percent", "year", "month", "week", "day", "hour", "minute", "time", "dollar",
                  "point", "person", "mile", "kilometer", "kilometre", "ton", "tonne", "degree",
                  "vote", "seat", "barrel", "share", "acre", "foot", "meter", "metre"}
UNIT_STOP = {"of", "in", "to", "from", "at", "on", "for", "by", "with", "that", "which", "who",
             "across", "through", "around", "near", "like", "about", "against", "among", "amid",
             "within", "without", "toward", "towards", "via", "when", "where", "while",
             "was", "were", "is", "are", "have", "has", "had", "will", "would", "and", "or",
             "the", "a", "an", "than", "as", "but", "this", "these", "it", "they", "he", "she",
             "into", "over", "under", "after", "before", "since", "during", "per", "each"}


# --- lexicons ------------------------------------------------------------------------

class _Lexicons:
    def __init__(self):
        self.amounts: dict[str, dict] = {}
        self.hedges: dict[str, dict] = {}
        self.labels: list[str] = []
        for row in load_lexicon("vague_quantities"):
            phrase, kind = row["phrase"], row["type"]
            if kind == "amount":
                self.amounts[phrase.lower()] = row
            elif kind == "hedge":
                self.hedges[phrase.lower()] = row
            elif kind == "name_before":
                self.labels.append(phrase)
        self.words: dict[str, float] = {}
        for row in load_lexicon("number_words"):
            self.words[row["word"].lower()] = float(row["value"])
        self.fractions: dict[str, float] = {
            row["word"].lower(): float(row["parts"]) for row in load_lexicon("fraction_words")}
        # the words around a fraction word or a unit of time that decide what it is
        context: dict[str, set[str]] = {c: set() for c in _registry.NUMBER_CONTEXT_CLASSES}
        for row in load_lexicon("number_context"):
            context[row["class"]].add(row["word"].lower())
        #: right before a fraction word: a rank or a stretch of time ("the first half")
        self.rank_before_a_share = frozenset(context["rank_before_a_share"])
        #: may open what a share is of ("half *the* staff")
        self.whole_determiners = frozenset(context["whole_determiner"])
        #: may follow a share that ends a phrase ("cut by a third *since* 2019")
        self.after_a_share = frozenset(context["after_a_share"])
        #: what a share of a stretch of time is of, besides the units of time and SEASONS
        self.stretch_of_time = frozenset(context["stretch_of_time"])
        #: between a figure and a unit of time: when, not what kind ("90 last year")
        self.when_not_what = frozenset(UNIT_STOP | context["when_not_what"])
        # after a unit of time, what makes it no span: a possessive ("a month's rent"),
        # unless a journey or a wait follows ("an hour's drive"), or an age ("19 years old")
        journey = alternation(context["span_after_possessive"]) if context["span_after_possessive"] else "(?!)"
        # "19 years' pay" is a plural possessive, but in "\u2018We waited 19 years\u2019, she said"
        # the mark closes a quotation: a plural's mark is a possessive only before a word
        possessive = rf"(?:['\u2019]s(?!\w)|(?<=s)['\u2019](?={SP}[a-z]))(?!{SP}{journey})"
        self.possessive = re.compile(possessive, re.IGNORECASE)
        not_a_span = rf"(?![\w-]|{possessive}|{_AGE.pattern})"
        self.amount_regex = re.compile(alternation(self.amounts), re.IGNORECASE)
        self.hedge_before = re.compile(
            rf"(?:^|(?<=[\s(\[\u201c\"\u2018'\u2014-]))(?P<hedge>{alternation(self.hedges)}){WS}$",
            re.IGNORECASE)
        self.label_before = re.compile(rf"(?:{alternation(self.labels)}){SP}$") if self.labels else None
        scale = [w for w, v in self.words.items() if v >= 100]
        small = [w for w, v in self.words.items() if v < 100 and w not in ("bn", "mn")]
        number_word = alternation(small + scale, whole_words=False)
        self.word_number_regex = re.compile(
            rf"(?<![\w-])(?:a{SP}(?=(?:hundred|thousand|million|billion|trillion)\b))?"
            rf"{number_word}(?:(?:{SP}|-|{SP}and{SP}){number_word})*(?![\w-])",
            re.IGNORECASE)
        count = (rf"(?:{alternation(self.amounts)}|{number_word}|\d[\d,.]*|many|few)")
        self.count_source = count
        units = alternation(TIME_UNITS)
        self.ago_regex = re.compile(
            rf"(?P<unit>{alternation(TIME_UNITS)}){SP}(?:ago|earlier|later)(?![\w-])", re.IGNORECASE)
        self.count_before = re.compile(rf"(?<![\w-])(?:{count}|an?){SP}$", re.IGNORECASE)
        self.duration_regex = re.compile(
            rf"(?<![\w-])(?:the{SP})?(?:past|last|next|coming|previous|first|recent){SP}"
            rf"(?P<count>{count}){SP}(?P<unit>{units}){not_a_span}", re.IGNORECASE)
        # Every finding holds one of these: only the text around them is read closely.
        triggers = set(self.words) | {"between", "many", "ago", "recent", "today", "yesterday",
                                      "tomorrow", "tonight"}
        for phrase in self.amounts:
            triggers.update(w for w in phrase.split() if w not in ("a", "of", "an"))
        triggers.update(m.rstrip(".") for m in MONTHS)
        triggers.update(WEEKDAYS)
        triggers.update(d + "s" for d in WEEKDAYS)
        triggers.update(TIME_UNITS)
        triggers.update(SEASONS)
        triggers.update(self.fractions)
        # matched on the lower-cased text, which is faster than ignoring case
        # (a hyphen may join them: "twenty-one")
        self.trigger_words = re.compile(
            rf"(?<!\w){alternation({t.lower() for t in triggers}, whole_words=False)}(?!\w)")
        self.trigger_words_any_case = re.compile(
            rf"(?<!\w){alternation(triggers, whole_words=False)}(?!\w)", re.IGNORECASE)
        self.change_of: dict[str, str] = {}
        for row in load_lexicon("change_words"):
            for form in row["forms"].split("|"):
                if form.strip():
                    self.change_of[" ".join(form.lower().split())] = row["change"]
        self.change_regex = re.compile(alternation(self.change_of), re.IGNORECASE)
        # "Fares jump by 30 percent", "Hikes Fares 30%": what changes, right before a figure
        self.change_subject = re.compile(
            rf"(?:(?<![\w'\u2019-])(?P<noun_a>[A-Za-z][\w'\u2019-]*){SP}"
            rf"(?:(?:at|in|of|on|for){SP}(?:(?:the|its|their|a|an){SP})?[A-Za-z][\w'\u2019-]*{SP})?"
            rf"(?:(?:will|would|could|may|might|to|also|have|has|had|are|is|was|were){SP}){{0,2}}"
            rf"(?P<change_a>{alternation(self.change_of)})"
            rf"|(?P<change_b>{alternation(self.change_of)}){SP}(?:(?:the|its|their|his|her|our){SP})?"
            rf"(?P<noun_b>[A-Za-z][\w'\u2019-]*)){SP}(?P<by>by{SP})?$", re.IGNORECASE)
        # "six in ten births", "1 in 4 adults", "three out of five": one share, like a percentage
        self.n_in_m_regex = re.compile(
            rf"(?<![\w$.,-])(?P<n>{number_word}|\d{{1,4}}){SP}(?:in|out{SP}of){SP}"
            rf"(?P<m>{number_word}|\d{{1,4}})(?![\w%-]|[.,]\d)", re.IGNORECASE)
        # "a fifth", "two thirds", "one-quarter", "half": a part of a whole (read by _fraction);
        # the fraction word is found first and the number before it read backwards (faster)
        self.fraction_regex = re.compile(
            rf"(?<!\w)(?P<f>{alternation(self.fractions, whole_words=False)})(?![\w-])", re.IGNORECASE)
        self.numerator_before = re.compile(rf"(?<![\w-])(?P<n>an?|one|{number_word})(?:{SP}|-)$", re.IGNORECASE)
        # "two and a half", "3 and a half": "and a half" found first, the whole number before it
        self.and_a_half_regex = re.compile(rf"(?:{SP}|-)and(?:{SP}|-)(?:a|one)(?:{SP}|-)half(?![\w-])", re.IGNORECASE)
        self.whole_before = re.compile(rf"(?<![\w$.,-])(?P<n>{number_word}|\d{{1,3}}(?:,\d{{3}})*)$", re.IGNORECASE)
        # "about an hour", "for a decade": one unit of time
        self.an_unit_regex = re.compile(
            rf"(?<![\w-])an?{SP}(?P<unit>{alternation(_registry.SINGULAR_TIME_UNITS)}){not_a_span}", re.IGNORECASE)
        self.many_regex = re.compile(
            rf"(?<![\w-])(?P<count>many|several|a{SP}few){SP}(?P<unit>{units}){not_a_span}",
            re.IGNORECASE)


_lexicons = compiled(_Lexicons)


# --- patterns that do not depend on the lexicons -------------------------------------

# A web address, an e-mail address or a handle: the run of non-spaces around one of these.
_URL_MARK = re.compile(r"https?://|www\.|@|\.(?:com|org|net|ca|ru|uk|gov|edu|io|html?)\b")
_URL_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?!\d)")
_MONTH = alternation(MONTHS)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_FULL_DATE = re.compile(
    rf"(?:{_WEEKDAY},?{SP})?(?:"
    rf"(?P<m1>{_MONTH}){SP}(?P<d1>{_DAY})(?:(?:,{SP}|{SP}|[\u2013-])(?P<d1b>{_DAY})(?!\d))?(?:,?{WS}(?P<y1>{_YEAR}))?"
    rf"|(?P<d2>{_DAY}){SP}(?P<m2>{_MONTH})(?:,?{SP}(?P<y2>{_YEAR}))?"
    rf"|(?P<m3>{_MONTH}),?{SP}(?P<y3>{_YEAR})"
    rf")(?![\w])")
_MONTH_ALONE = re.compile(rf"(?<![\w-])(?P<m>{_MONTH})(?![\w-])")
_WEEKDAY_RE = re.compile(rf"(?<![\w-])(?:(?:last|next|this|Last|Next|This){SP})?{_WEEKDAY}s?(?![\w-])")
_YEAR_RANGE = re.compile(rf"(?<![\w$.,/-])(?P<a>{_YEAR})[\u2013-](?P<b>{_YEAR}|\d\d)(?![\w%/-])")
_YEAR_RE = re.compile(rf"(?<![\w$.,/-])(?P<y>{_YEAR})(?P<s>s)?(?![\w%/-]|[.,]\d)")
_RELATIVE = re.compile(
    rf"(?<![\w-])(?:today|yesterday|tomorrow|tonight"
    rf"|(?:this|last|next|past|coming){SP}(?:{alternation(SEASONS)})"
    rf"|(?:over|during|on|at){SP}the{SP}weekend"
    rf"|recent{SP}(?:days|weeks|months|years|decades))(?![\w-])", re.IGNORECASE)
_TIME = re.compile(r"(?<![\w:.])(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?[ \u00a0]?(?P<ap>a\.m\.|p\.m\.|am|pm|AM|PM)(?![\w])")
_NUMERAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = re.compile(
    rf"(?P<cur>US\$|[$€£¥])?[ \u00a0]?(?P<num>{_NUMERAL})(?:[ \u00a0]?(?P<frac>[½¼¾]))?"
    rf"(?:(?:[ \u00a0]|-)?(?P<scale>million|billion|trillion|thousand|hundred|bn|mn|m|k)(?![\w]))?"
    rf"(?:[ \u00a0]?(?P<pct>%|percent(?:age[ \u00a0]points?)?|per[ \u00a0]cent))?",
    re.IGNORECASE)
_BETWEEN = re.compile(
    rf"(?<![\w-])between{SP}(?P<a>(?:US\$|[$€£¥])?[ \u00a0]?(?:{_NUMERAL})(?:{SP}(?:million|billion|thousand))?%?)"
    rf"{SP}and{SP}(?P<b>(?:US\$|[$€£¥])?[ \u00a0]?(?:{_NUMERAL})(?:{SP}(?:million|billion|thousand))?%?)(?![\w])",
    re.IGNORECASE)
# "5 to 50 staff", "5–50", "from $2 to $3 million": one range. A plain hyphen is left
# out ("3-2" is a score, "9-11" a name); "to" needs a plain number on both sides.
_RANGE_SIDE = rf"(?:US\$|[$€£¥])?[ \u00a0]?(?:{_NUMERAL})(?:{SP}(?:million|billion|thousand))?%?"
_TO_RANGE = re.compile(
    rf"(?<![\w$€£¥.,/:-])(?P<a>{_RANGE_SIDE})(?:{SP}to{SP}|[ \u00a0]?\u2013[ \u00a0]?)(?P<b>{_RANGE_SIDE})"
    rf"(?![\w/:%-]|[.,]\d)", re.IGNORECASE)
# "voted 7-2", "a 7 to 2 vote", "by a vote of 5–4": a vote's count, one figure (a vote, not
# a range: its ``low`` and ``high`` are empty, and ``tally`` reads its two sides).
_TALLY = re.compile(rf"(?<![\w$.,/:-])(?P<a>\d{{1,3}})(?:[-\u2013]|{SP}to{SP})(?P<b>\d{{1,3}})(?![\w/:%-]|[.,]\d)")
_VOTE_BEFORE = re.compile(rf"(?:\bvot(?:ed|es|e|ing)(?:{SP}(?:by|of))?|\bby{SP}a{SP}(?:vote{SP}of|margin{SP}of)|\bsplit)[\s\u00a0]*$",
                          re.IGNORECASE)
_VOTE_AFTER = re.compile(rf"{SP}(?:vote|votes|decision|ruling|verdict|majority|split)\b", re.IGNORECASE)
#: How far, in percentage points, a fraction word alone ("a third": 33.3%) may stand from
#: the share it rounds: its ends are then rounded to whole percents ("a third": 32-34%).
FRACTION_GRANT = 1.0
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
#: "for" just before "a week", "an hour": one unit of time read as a span ("for a week").
_FOR_BEFORE = re.compile(rf"(?<![\w-])for{SP}$", re.IGNORECASE)
DAYS_IN = _registry.DAYS_IN  # one table, read by the page and the chart too
_HALF_A = re.compile(rf"(?<![\w-])half{SP}an?{SP}(?P<scale>dozen|hundred|thousand|million|billion|trillion)(?![\w-])",
                     re.IGNORECASE)
_SCALE_AFTER = re.compile(rf"{SP}(?P<scale>hundred|thousand|million|billion|trillion)(?![\w-])", re.IGNORECASE)
#: "half an hour", "half a day": half of one unit of time
_HALF_AN_UNIT = re.compile(rf"(?<![\w-])half{SP}an?{SP}(?P<unit>{'|'.join(_registry.SINGULAR_TIME_UNITS)})(?![\w-])",
                           re.IGNORECASE)
_SCALES = {"thousand": 1e3, "k": 1e3, "hundred": 1e2, "million": 1e6, "m": 1e6, "mn": 1e6,
           "billion": 1e9, "bn": 1e9, "trillion": 1e12}


# --- the detector --------------------------------------------------------------------

def detect(text: str) -> pd.DataFrame:
    """Every quantity, date and time in ``text``, one row each.

    Columns: start, end, text, low, high, hedge, unit, is_date, kind.
    """
    if not text:
        return frame([], COLUMNS, DTYPES)
    lex = _lexicons()
    urls = Ranges(_address_spans(text))
    candidates: list[dict] = []
    digit_windows, word_windows = _windows(text, lex)

    def scan(regex, windows=word_windows):
        for window_start, window_end in windows:
            yield from regex.finditer(text, window_start, window_end)

    def add(start, end, kind, low=NAN, high=NAN, is_date=False, unit="", priority=0, rounded=False):
        candidates.append({"start": start, "end": end, "kind": kind, "low": low, "high": high,
                           "is_date": is_date, "unit": unit, "priority": priority, "rounded": rounded})

    # dates in web addresses are the only numbers read inside them
    for span in urls.spans:
        for m in _URL_DATE.finditer(text, *span):
            add(m.start(), m.end(), "date", int(m["year"]), int(m["year"]), True, priority=3)

    for m in _full_dates(text, word_windows):
        year = m["y1"] or m["y2"] or m["y3"]
        y = int(year) if year else NAN
        add(m.start(), m.end(), "date", y, y, True, priority=3)
    for m in scan(_MONTH_ALONE):
        month = m["m"]
        if month in AMBIGUOUS_MONTHS:
            before = re.search(r"([A-Za-z-]+)[\s\u00a0]*$", text[max(0, m.start() - 12):m.start()])
            if not before or before.group(1).lower().rstrip("-") not in MONTH_PREPOSITIONS:
                continue
        add(m.start(), m.end(), "date", is_date=True, priority=1)
    for m in scan(_WEEKDAY_RE):
        add(m.start(), m.end(), "date", is_date=True, priority=1)
    for m in scan(_YEAR_RANGE, digit_windows):
        a = int(m["a"])
        b = int(m["b"]) if len(m["b"]) == 4 else int(m["a"][:2] + m["b"])
        if b > a:
            add(m.start(), m.end(), "date", a, b, True, priority=2)
    for m in scan(_YEAR_RE, digit_windows):
        if _counts_something(text, m.end()) and not m["s"]:
            continue  # "2000 troops" is a count; it is handled below
        y = int(m["y"])
        add(m.start(), m.end(), "date", y, y + 9 if m["s"] else y, True, priority=1)
    for m in scan(_RELATIVE):
        add(m.start(), m.end(), "date", is_date=True, priority=1)
    for m in scan(lex.ago_regex):
        start = m.start()
        count = lex.count_before.search(text, max(0, start - 40), start)
        if count:
            start = count.start()
        add(start, m.end(), "date", is_date=True, priority=2)
    for m in scan(lex.duration_regex):
        low, high = _count_range(m["count"])
        add(m.start(), m.end(), "duration", low, high, False, m["unit"].lower(), priority=2)
    for m in scan(lex.many_regex):
        low, high = _count_range(m["count"])
        add(m.start(), m.end(), "duration", low, high, False, m["unit"].lower(), priority=1)
    for m in scan(lex.an_unit_regex):  # "about an hour", "for a decade": one unit of time, hedged
        half = lex.and_a_half_regex.match(text, m.end())  # "a year and a half" is not one year
        count, end = (1.5, half.end()) if half else (1.0, m.end())
        if half or lex.hedge_before.search(text, max(0, m.start() - 30), m.start()) \
                or _FOR_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            add(m.start(), end, "duration", count, count, unit=m["unit"].lower(), priority=1)
    for m in scan(_HALF_AN_UNIT):  # "half an hour": how long, half of one unit
        later = lex.ago_regex.match(text, m.start("unit"))
        if later:  # "half an hour later": when, read whole
            add(m.start(), later.end(), "date", is_date=True, priority=3)
        else:
            add(m.start(), m.end(), "duration", 0.5, 0.5, unit=m["unit"].lower(), priority=3)
    for m in scan(_TIME, digit_windows):
        add(m.start(), m.end(), "time", is_date=True, priority=2)

    for m in scan(_BETWEEN, digit_windows):
        a, b = _numeral_value(m["a"]), _numeral_value(m["b"])
        if a is not None and b is not None:
            kind, unit = _range_kind(m.group())
            add(m.start(), m.end(), kind, a, b, unit=unit, priority=2)
    for m in scan(_TO_RANGE, digit_windows):
        a, b = _numeral_value(m["a"]), _numeral_value(m["b"])
        if a is None or b is None or not a < b:
            continue  # "from 50 to 5" is a fall, two figures; "1 to 1" is a score
        if _change_word(text, m.start(), lex, "from"):
            continue  # "fares rise from $2.50 to $3.25": a before and an after, not a range
        if re.match(r"(?:1[6-9]|20)\d\d$", m["a"]) and re.match(r"(?:1[6-9]|20)\d\d$", m["b"]):
            continue  # "2014 to 2019": years, read as dates
        if re.search(r"[$€£¥]", m["b"]) and not re.search(r"[$€£¥]", m["a"]):
            continue
        if m["b"][-1:] == "%" or re.search(r"(?:million|billion|thousand)$", m["b"], re.IGNORECASE):
            # "5 to 10 million": the scale of the second side belongs to both
            scale = re.search(r"(million|billion|thousand|%)$", m["b"], re.IGNORECASE).group(1).lower()
            if not re.search(r"(?:million|billion|thousand|%)$", m["a"], re.IGNORECASE):
                a = a * (_SCALES[scale] if scale in _SCALES else 1)
        kind, unit = _range_kind(m.group())
        add(m.start(), m.end(), kind, a, b, unit=unit, priority=2)
    for m in scan(lex.amount_regex):
        row = lex.amounts[re.sub(r"[\s\u00a0]+", " ", m.group().lower())]
        if row["phrase"] == "most" and not _most_is_a_share(text, m.start(), m.end()):
            continue
        if _names_a_member(row["phrase"], text, m.end()):
            continue  # "a host of the show" is a person, not an amount
        add(m.start(), m.end(), row["means"] or "count", float(row["low"]), float(row["high"]),
            priority=1)
    for windows in (digit_windows, word_windows):
        for m in scan(lex.n_in_m_regex, windows):
            share = _n_in_m(m, text, lex)
            if share is not None:
                add(m.start(), m.end(), "percent", share, share, unit="percent", priority=3)
    for m in scan(lex.and_a_half_regex):  # "two and a half years" is 2.5, not two
        n = lex.whole_before.search(text, max(0, m.start() - 20), m.start())
        if n and n["n"].lower() not in ("a", "an"):
            whole = _numeral_value(n["n"]) if n["n"][0].isdigit() else _words_value([n["n"].lower()], lex)
            if whole is None:
                continue
            start, end, word = n.start(), m.end(), n["n"].lower()
            if word in _SCALES and word != "k":
                # "a million and a half" is 1.5 million: half of the scale word, not 0.5
                value = whole + _SCALES[word] / 2
                a = re.search(rf"(?<![\w-])an?{SP}$", text[max(0, start - 4):start], re.IGNORECASE)
                start = start - len(a.group()) if a else start
            else:
                value = whole + 0.5
                scale = _SCALE_AFTER.match(text, end)  # "two and a half million": 2.5 million
                if scale:
                    value, end = value * _SCALES[scale["scale"].lower()], scale.end()
            add(start, end, "count", value, value, priority=3)
    for m in scan(_HALF_A):  # "half a million" is 500,000, not a million
        add(m.start(), m.end(), "count", lex.words[m["scale"].lower()] / 2, lex.words[m["scale"].lower()] / 2,
            priority=3)
    for m in scan(lex.fraction_regex):
        n = lex.numerator_before.search(text, max(0, m.start() - 12), m.start())
        if not n and text[m.start() - 1:m.start()] == "-":
            continue  # "mid-half": a hyphen joins a fraction word only to its number ("two-thirds")
        start = n.start() if n else m.start()
        share = _fraction(m["f"], n["n"] if n else "", start, m.end(), text, lex)
        if share is not None:
            add(start, m.end(), "percent", share, share, unit="percent", priority=3, rounded=True)
    for m in scan(_TALLY, digit_windows):
        if _is_a_vote(text, m):
            add(m.start(), m.end(), "vote", unit="votes", priority=3)
    for m in _numbers(text):
        _add_numeral(text, m, add, lex)
    for m in scan(lex.word_number_regex):
        _add_number_words(text, m, add, lex)

    rows = []
    for c in _resolve(candidates):
        if c["start"] in urls and c["kind"] != "date":
            continue
        if c["kind"] == "date" and c["start"] in urls and not _URL_DATE.fullmatch(text[c["start"]:c["end"]]):
            continue
        rows.append(_finish(text, c, lex))
    _mark_changes(text, rows, lex)
    return frame(rows, COLUMNS, DTYPES)


def _address_spans(text: str):
    """Spans of web addresses, e-mail addresses and @handles (runs of non-spaces)."""
    last_end = -1
    for m in _URL_MARK.finditer(text):
        if m.start() < last_end:
            continue
        start = m.start()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = m.end()
        while end < len(text) and not text[end].isspace():
            end += 1
        if m.group() == "@" and not re.match(r"@\w", text[m.start():m.start() + 2]):
            continue
        last_end = end
        yield start, end


_MONTH_HIT = re.compile(rf"(?<![\w-])(?:{_MONTH})")
_DATE_LEAD = re.compile(rf"(?:{_WEEKDAY},?{SP})?(?:{_DAY}{SP})?$")


_DIGITS = re.compile(r"[\d$€£¥][\d,.:/]*")


def _windows(text: str, lex, margin: int = 50):
    """Stretches of text around digits, and around number or date words, merged.

    Every finding contains a digit or such a word and is shorter than ``margin``, so
    reading only these stretches finds the same things as reading everything, faster.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        words = lex.trigger_words.finditer(lowered)
    else:  # a rare letter whose lower case is longer: keep the offsets right
        words = lex.trigger_words_any_case.finditer(text)
    return _merge(_DIGITS.finditer(text), len(text), margin), _merge(words, len(text), margin)


def _merge(matches, size: int, margin: int) -> list[tuple[int, int]]:
    windows: list[list[int]] = []
    for m in matches:
        start, end = max(0, m.start() - margin), min(size, m.end() + margin)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    return [(a, b) for a, b in windows]


def _full_dates(text: str, windows):
    """Full dates ("July 2, 2013", "2 June 2019", "June 2019"), found from month names."""
    last_end = -1
    hits = (hit for window in windows for hit in _MONTH_HIT.finditer(text, *window))
    for hit in hits:
        if hit.start() < last_end:
            continue
        lead = _DATE_LEAD.search(text, max(0, hit.start() - 20), hit.start())
        for start in ([lead.start()] if lead and lead.start() < hit.start() else []) + [hit.start()]:
            m = _FULL_DATE.match(text, start)
            if m:
                last_end = m.end()
                yield m
                break


_NUMBER_HEAD = re.compile(r"(?:US\$|[$€£¥])[ \u00a0]?\d|\d")


def _numbers(text: str):
    """Numeral matches, each started from its first digit or currency sign."""
    last_end = -1
    for head in _NUMBER_HEAD.finditer(text):
        if head.start() < last_end:
            continue
        m = _NUMBER.match(text, head.start())
        if m:
            last_end = m.end()
            yield m


def _add_numeral(text, m, add, lex):
    start, end = m.span()
    if not m["cur"] and text[start:start + 1] in " \u00a0":
        start += 1
    before = text[max(0, start - 2):start]
    after = text[end:end + 1]
    last = before[-1:]   # "" at the very start of a text: "" is in every string, so test it first
    if last and (last.isalnum() or last in "/_#@" or (last in "-." and before[-2:-1].isalnum())):
        return  # part of a word, a code or an address: "a65091", "F-16", "COVID-19"
    if after.isalpha() or after == "_":
        if not re.match(r"(?:st|nd|rd|th)\b", text[end:end + 3]):
            return  # "1PM" is read as a time; "3D" and "G20" are names
        return  # an ordinal ("2nd") ranks, it does not count
    if lex.label_before and lex.label_before.search(text[max(0, start - 30):start]):
        return  # "Section 8", "World War 2": the number names something
    value = _numeral_value(m.group())
    if value is None:
        return
    kind = "count"
    unit = ""
    if m["cur"]:
        kind, unit = "money", _currency(m["cur"])
    elif m["pct"]:
        kind, unit = "percent", "percentage points" if "point" in m["pct"].lower() else "percent"
    elif re.match(rf"{WS}times(?![\w-])", text[end:end + 12], re.IGNORECASE):
        kind = "factor"
    add(start, end, kind, value, value, unit=unit, priority=1)


def _add_number_words(text, m, add, lex):
    words = re.findall(r"[A-Za-z]+", m.group().lower())
    words = [w for w in words if w not in ("and",)]
    if words and words[0] == "a":
        words[0] = "one"
    if not words:
        return
    if words == ["one"] or (len(words) == 1 and words[0] in ("dozen",)):
        # "one of them", "no one": counted only before a scale word or a time unit
        nxt = re.match(rf"{SP}([A-Za-z]+)", text[m.end():m.end() + 20])
        if words == ["dozen"] or not nxt or nxt.group(1).lower() not in TIME_UNITS + ("in",):
            return
    before = text[max(0, m.start() - 4):m.start()].lower()
    if words == ["one"] and re.search(r"(?:no|any|every|some)[\s\u00a0]$", before):
        return
    value = _words_value(words, lex)
    if value is None:
        return
    kind = "factor" if re.match(rf"{WS}times(?![\w-])", text[m.end():m.end() + 12], re.IGNORECASE) else "count"
    add(m.start(), m.end(), kind, value, value, priority=1)


def _n_in_m(m, text: str, lex):
    """The percentage "six in ten" stands for (60.0), or None when it is no share: the
    parts must be whole numbers, the first no larger than the second ("one in three",
    not "20 in 10"), and no unit of time or measure may follow ("two in ten days")."""
    values = []
    for part in (m["n"], m["m"]):
        value = _numeral_value(part) if part[0].isdigit() else _words_value(
            [w for w in re.findall(r"[a-z]+", part.lower()) if w != "and"], lex)
        if value is None or value != int(value):
            return None
        values.append(value)
    n, whole = values
    if not 0 < n <= whole or whole < 2 or whole > 1000 or (1600 <= whole <= 2100):
        return None
    follows = re.match(rf"{SP}([A-Za-z]+)", text[m.end():m.end() + 20])
    unit = follows.group(1).lower() if follows else ""
    one = singular(unit) if unit.endswith("s") else unit   # "kilometres" is a unit too
    if follows and (unit in TIME_UNITS or one in TIME_UNITS
                    or one in SINGULAR_UNITS - {"person", "share", "vote", "seat"}):
        return None
    return round(100 * n / whole, 6)


#: Where a sentence ends: a fraction word's look-back stops there.
_SENTENCE_CUT = re.compile(r"[.!?\n]")


def _fraction(word: str, numerator: str, start: int, end: int, text: str, lex):
    """The percentage a fraction in words stands for ("a fifth" -> 20.0), or None when the
    grammar says it is no share of a group.

    It is a share when what follows says what it is a share of ("a fifth of births",
    "two thirds of the voters", "half the town's pipes"), or when it ends a phrase after
    "by" or "in" ("fell by about a fifth since 2019", "cut the check in half"). It is not
    one when it is part of a mixed number ("two and a half"), a rank or a stretch of time
    ("the first half of the year", "a third term", "last quarter", "a quarter past"), a
    measure of one thing ("half an hour", "a quarter of a century", "half a mile"), or
    a share of a stretch of time ("half the time", "half of the year").
    """
    word, numerator = word.lower(), numerator.lower()
    parts = lex.fractions[word]
    plural = word.endswith("s") and word != "half"
    if not numerator:
        if word != "half":
            return None  # "third", "quarter" alone are a rank or a time
        n = 1.0
    elif numerator in ("a", "an", "one"):
        n = 1.0
    else:
        n = _words_value([w for w in re.findall(r"[a-z]+", numerator) if w != "and"], lex)
    if n is None or n != int(n) or plural != (n > 1) or not 0 < n < parts:
        return None  # "two third", "a thirds", "five quarters"
    # the words before it, within its sentence ("He finished first. Half of the staff quit.")
    look_back = _SENTENCE_CUT.split(text[max(0, start - 40):start])[-1]
    before_words = re.findall(r"[A-Za-z]+", look_back)
    before = before_words[-1].lower() if before_words else ""
    if before in lex.rank_before_a_share:
        return None
    mixed = word == "half" and numerator in ("a", "an", "one") \
        and re.search(r"[A-Za-z0-9](?:[\s\u00a0]+|-)and(?:[\s\u00a0]+|-)$", look_back)
    if mixed and len(before_words) > 1 and _a_measure(before_words[-2].lower(), lex):
        return None  # "two and a half", "an hour and a half"; not "two decades, and half of"
    if before == "and" and re.search(r"\d[\s\u00a0]*and[\s\u00a0]*$", text[max(0, start - 12):start]):
        return None  # "2 and a half"
    share = round(100 * n / parts, 6)
    after = text[end:end + 60]
    of = re.match(rf"{WS}of{WS}", after)
    follows = [w.lower() for w in re.findall(r"[A-Za-z][\w'\u2019-]*|\d", after[of.end() if of else 0:])[:2]]
    det = bool(follows) and follows[0] in lex.whole_determiners
    if of or det:  # what it is a share of: "a fifth of births", "half the town's pipes"
        head = follows[1] if det and len(follows) > 1 else (follows[0] if follows else "")
        if not det and (head in ("a", "an") or head[:1].isdigit() or head in lex.words):
            return None  # "a quarter of an hour", "half of a mile", "a quarter of five"
        if not head or _time_word(head, lex):
            return None  # "half the time", "half of the year"
        return share
    # alone at the end of a phrase: "fell by about a fifth since 2019", "cut in half"
    skip = next((k for k in (4, 3, 2, 1) if len(before_words) >= k
                 and " ".join(before_words[-k:]).lower() in lex.hedges), 0)
    lead = before_words[-1 - skip].lower() if len(before_words) > skip else ""
    if lead == "by" or (lead == "in" and word == "half" and not skip):
        nxt = re.match(r"[\s\u00a0]*(?:(?P<w>[A-Za-z]+)|(?P<stop>[.,;:!?)\u201d\u2019\"'\u2014\u2013-]|$))", after)
        if nxt and (nxt["stop"] is not None or (nxt["w"] and nxt["w"].lower() in lex.after_a_share)):
            return share
    return None


def _bare_fraction(row: dict) -> float | None:
    """The exact share a fraction word with no hedge stands for ("a third" -> 33.333333),
    for a row the lens read as one (32-34%); else None."""
    if row.get("kind") != "percent" or row.get("hedge"):
        return None
    lex = _lexicons()
    words = str(row.get("quote") or row.get("text") or "")
    m = lex.fraction_regex.search(words)
    if not m or m.end() != len(words.rstrip()):
        return None
    n = lex.numerator_before.search(words, 0, m.start())
    numerator = (n["n"] if n else "").lower()
    count = 1.0 if numerator in ("", "a", "an", "one") else _words_value(numerator.split(), lex)
    return None if count is None else round(100 * count / lex.fractions[m["f"].lower()], 6)


def _a_measure(word: str, lex) -> bool:
    """True for a word that a mixed number's "and a half" follows: a number ("two"), or a
    unit of time or measure ("hour", "miles")."""
    one = singular(word) if word.endswith("s") else word
    return word in lex.words or word in ("a", "an") or one in TIME_UNITS or one in SINGULAR_UNITS


def _time_word(word: str, lex) -> bool:
    """A unit of time, a season or another stretch of time (``number_context.csv``): what a
    share of a stretch of time is of."""
    one = singular(word) if word.endswith("s") else word
    return word in TIME_UNITS or one in TIME_UNITS or one in SEASONS or word in SEASONS \
        or one in lex.stretch_of_time


def _is_a_vote(text: str, m) -> bool:
    """"voted 7-2", "a 7 to 2 vote": two counts of a vote, the larger first; "from 5 to 9
    staff" and a score without a word for a vote are not one."""
    if int(m["a"]) < int(m["b"]):
        return False
    return bool(_VOTE_BEFORE.search(text, max(0, m.start() - 20), m.start())
                or _VOTE_AFTER.match(text, m.end()))


def tally(words: str) -> tuple[int, int] | None:
    """The two sides of a vote as written ("7-2", "7 to 2" -> (7, 2)); else None."""
    m = _TALLY.search(str(words))
    return (int(m["a"]), int(m["b"])) if m else None


def _words_value(words, lex):
    total, current = 0.0, 0.0
    for word in words:
        value = lex.words.get(word)
        if value is None:
            return None
        if value == 100:
            current = (current or 1) * 100
        elif value >= 1000:
            total += (current or 1) * value
            current = 0
        elif word == "dozen":
            current = (current or 1) * 12
        else:
            current += value
    return total + current


def _numeral_value(s: str):
    m = _NUMBER.search(s)
    if not m:
        return None
    try:
        value = float(m["num"].replace(",", ""))
    except ValueError:
        return None
    if m["frac"]:
        value += _FRACTIONS[m["frac"]]
    if m["scale"]:
        value *= _SCALES[m["scale"].lower()]
    return value


def _count_range(count: str | None):
    """The range of a count inside a date or duration phrase ("several" -> 3..9)."""
    if not count:
        return NAN, NAN
    lex = _lexicons()
    key = re.sub(r"[\s\u00a0]+", " ", count.lower())
    if key in ("a", "an"):
        return 1.0, 1.0
    if key in lex.amounts:
        row = lex.amounts[key]
        return float(row["low"]), float(row["high"])
    value = _words_value(key.split(), lex) if not key[0].isdigit() else _numeral_value(key)
    if value is None:
        return NAN, NAN
    return value, value


def _counts_something(text: str, end: int) -> bool:
    """True when a plural noun follows a number: "2000 troops" counts, "2001 agreement" dates."""
    m = re.match(rf"{SP}([a-z][a-z-]*)", text[end:end + 30])
    return bool(m) and m.group(1).endswith("s") and not m.group(1).endswith("ss")


_NOT_COUNTED = re.compile(
    rf"{WS}(?:(?:the|this|that|these|those|his|her|its|their|our|my|your){WS}"
    rf"|(?![A-Z][\w'\u2019-]*(?:{SP}[A-Z][\w'\u2019-]*){{0,2}}{SP}[a-z][\w-]*[^s\W]s\b)[A-Z])")


def _names_a_member(phrase: str, text: str, end: int) -> bool:
    """"a host of the show", "a host of Fox & Friends": an "a ... of" amount followed by
    a name or "the" is one person or thing of a group, not a number of them (a name
    before a plural still counts: "a host of Republican senators")."""
    words = phrase.lower().split()
    return (len(words) >= 3 and words[0] in ("a", "an") and words[-1] == "of"
            and words[1] not in ("couple", "handful")
            and bool(_NOT_COUNTED.match(text, end)))


def _most_is_a_share(text: str, start: int, end: int) -> bool:
    """"most of their people" is a share; "the most important", "at most" are not."""
    before = re.search(r"([A-Za-z]+['\u2019]?s?['\u2019]?)[\s\u00a0]*$", text[max(0, start - 16):start])
    if before:
        word = before.group(1).lower()
        if word in ("the", "at", "a", "for", "almost", "its", "his", "her", "their", "our", "my",
                    "your") or word.endswith(("'s", "\u2019s", "s'", "s\u2019")):
            return False  # "the most important", "the party's most effective": superlatives
    after = re.match(rf"{WS}([A-Za-z]+)", text[end:end + 30])
    if not after:
        return False
    word = after.group(1).lower()
    if word.endswith("ly") or word in ("important", "recent", "popular", "powerful", "common",
                                       "likely", "famous", "influential", "senior", "notable"):
        return False
    return True


def _resolve(candidates):
    """Keep the longest of overlapping findings (then the higher priority)."""
    ordered = sorted(candidates, key=lambda c: (-(c["end"] - c["start"]), -c["priority"], c["start"]))
    kept, starts, ends = [], [], []   # kept spans, sorted by start (they never overlap)
    for c in ordered:
        i = bisect.bisect_left(starts, c["start"])
        if i < len(starts) and starts[i] < c["end"]:
            continue  # the next kept span starts inside this one
        if i > 0 and ends[i - 1] > c["start"]:
            continue  # the previous kept span runs into this one
        starts.insert(i, c["start"])
        ends.insert(i, c["end"])
        kept.append(c)
    return sorted(kept, key=lambda c: c["start"])


#: The unit of time right after a figure, with at most one word between: "19 years", "two
#: straight years" (not "19-year-old", and not "19 of the past years").
_UNIT_RIGHT_AFTER = re.compile(rf"(?:{SP}(?P<between>[a-z]+))?{SP}(?P<unit>{alternation(_registry.TIME_UNITS, whole_words=False)})(?![\w-])",
                               re.IGNORECASE)


#: "19 years old": an age, not a span of time.
_AGE = re.compile(rf"{SP}old(?![\w-])", re.IGNORECASE)


def _finish(text: str, c: dict, lex) -> dict:
    """Add the hedge before a finding and the counted noun after it."""
    start, end = c["start"], c["end"]
    hedge = ""
    span_text = text[start:end]
    if not span_text.lower().startswith("the "):
        m = lex.hedge_before.search(text[max(0, start - 30):start])
        if m:
            word = re.sub(r"[\s\u00a0]+", " ", m["hedge"].lower())
            row = lex.hedges[word]
            if word in ("over", "under", "some", "only", "just") and c["kind"] in ("date", "time") \
                    and word not in ("just",):
                row = None
            if row is not None:
                hedge = m["hedge"]
                start = start - (len(m.group()))
                if c["kind"] not in ("date", "time") and not math.isnan(c["low"]):
                    c = {**c, "low": c["low"] * float(row["low"]), "high": c["high"] * float(row["high"])}
    if c.get("rounded") and not hedge and not math.isnan(c["low"]):
        # a fraction word alone is a round figure ("a third", "a fifth"): a reader grants
        # it the whole percents within a point of it (fraction_words.csv's README says why)
        c = {**c, "low": float(math.floor(c["low"] - FRACTION_GRANT + 0.5)),
             "high": float(math.floor(c["high"] + FRACTION_GRANT + 0.5))}
    unit = c["unit"] or ("" if c["kind"] in ("date", "time") else _unit_after(text, c["end"]))
    kind = c["kind"]
    if kind == "count" and _currency(unit):
        kind, unit = "money", _currency(unit)  # "1.6 billion dollars", "2 billion pounds"
    if kind == "count" and unit.lower() in TIME_UNITS:
        # "19 years", "nearly two decades", "two straight years": how long, written with its unit
        after = _UNIT_RIGHT_AFTER.match(text, end, min(len(text), end + 40))
        between = (after["between"] or "").lower() if after else ""
        if after and after["unit"].lower() == unit.lower() and _AGE.match(text, after.end()):
            unit = f"{after['unit']} old"  # "19 years old": an age, a count of years old, no span
        elif after and after["unit"].lower() == unit.lower() and between not in lex.when_not_what \
                and not lex.possessive.match(text, after.end()) \
                and (c["high"] > 1 if unit.lower().endswith("s") else c["low"] <= 1 <= c["high"]):
            kind, end = "duration", after.end()  # not "90 last year", nor "3 year" (a misprint)
    c = {**c, "kind": kind}
    low, high = c["low"], c["high"]
    return {
        "start": start, "end": end, "text": text[start:end],
        "low": _tidy(low), "high": _tidy(high), "hedge": hedge, "unit": unit,
        "is_date": bool(c["is_date"]), "kind": c["kind"],
    }


# --- a change: what a figure was and what it is now --------------------------------------

#: How far before its "from" or "to" a change word may stand ("cut its defense advisers in
#: Venezuela from 1,000"), and how far apart the two figures of one change may be.
CHANGE_REACH = 80
CHANGE_GAP = 60
_CHANGE_PREP = re.compile(r"(?<![\w-])(?P<prep>from|to)[\s\u00a0]*[\"\u201c\u2018']?[\s\u00a0]*$", re.IGNORECASE)
#: "according to 12 officials", "close to 300 people", "up to 300": "to" that is not a change's
_NOT_A_CHANGE_TO = re.compile(r"(?<![\w-])(?:according|due|close|closer|next|compared|thanks|owing|similar|"
                              r"equal|relative|ahead|up|nearly|almost|as)[\s\u00a0]+$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;][\"\u201d\u2019')]?[\s\u00a0]+(?=[A-Z\"\u201c\u2018(])|\n[ \t]*\n")
#: "Wages rose, and the union wrote to 300 members": another clause, another verb
_OTHER_CLAUSE = re.compile(r"[;:]|,[\s\u00a0]+(?:and|but|while|whereas|as|so|yet)[\s\u00a0]")


def _change_word(text: str, at: int, lex, prep: str | None = None) -> str:
    """The change ("rise", "cut" ...) a figure starting at ``at`` is one side of, when "from"
    or "to" stands right before it (``prep``: only that word) and a change word stands
    shortly before that, in the same sentence ("Fares will rise from $2.50"); else ""."""
    m = _CHANGE_PREP.search(text, max(0, at - 8), at)
    if not m or (prep and m["prep"].lower() != prep):
        return ""
    if m["prep"].lower() == "to" and _NOT_A_CHANGE_TO.search(text, max(0, m.start() - 12), m.start()):
        return ""
    lo = max(0, m.start() - CHANGE_REACH)
    for end in _SENTENCE_END.finditer(text, lo, m.start()):
        lo = end.end()
    found = None
    for found in lex.change_regex.finditer(text, lo, m.start()):
        pass
    if found is None or _OTHER_CLAUSE.search(text, found.end(), m.start()):
        return ""
    word = " ".join(found.group().lower().split())
    between = text[found.end():m.start()]
    if word in _RIGHT_BEFORE_ONLY and between.strip():
        return ""   # "down from 530" is a fall; "sat down with officials from 12" is not
    if _ANOTHER_VERB.search(between):
        return ""   # "cut the ribbon and spoke to 300 guests": the "to" belongs to "spoke"
    return lex.change_of[word]


#: Change words that are also particles ("set up", "sat down"): a change only right before
#: "from" or "to" ("12 percent, up from 9"; "412 births, down from 530").
_RIGHT_BEFORE_ONLY = frozenset({"up", "down"})
#: A second clause between a change word and its "from"/"to": "and"/"or" with a verb, or a
#: relative clause ("that sends money to 300").
_ANOTHER_VERB = re.compile(r"(?<![\w-])(?:and|or|that|which|who)[\s\u00a0]+(?!the\b|a\b|an\b|its\b|their\b)[a-z]+(?:s|ed)?[\s\u00a0]+(?:\w+[\s\u00a0]+){0,2}$",
                           re.IGNORECASE)


def _mark_changes(text: str, rows: list[dict], lex) -> None:
    """Set ``change`` ("before" / "after") and ``change_words`` ("a rise from $2.50 to $3.25")
    on the figures that are a side of a change; the others get "" in both."""
    for row in rows:
        row["change"] = row["change_words"] = ""
    sides = []  # (row, "before" or "after", the change word's noun)
    for n, row in enumerate(rows):
        if row["is_date"] or row["kind"] == "duration":
            continue
        noun = _change_word(text, row["start"], lex)
        prep = _CHANGE_PREP.search(text, max(0, row["start"] - 8), row["start"])
        if not noun and prep and sides and sides[-1][0] is not None:
            # "... from 1,000 several years ago to “just a few dozen”": the other side of
            # a change just before, in the same sentence
            last, role, last_noun = sides[-1]
            wanted = "to" if role == "before" else "from"
            between = text[last["end"]:row["start"]]
            if prep["prep"].lower() == wanted and len(between) <= CHANGE_GAP \
                    and not _SENTENCE_END.search(between):
                noun = last_noun
        if noun:
            sides.append((row, "before" if prep["prep"].lower() == "from" else "after", noun))
    partner: dict[int, int] = {}
    for i in range(len(sides) - 1):  # two sides of one change stand next to each other
        (row, role, _), (near, near_role, _) = sides[i], sides[i + 1]
        between = text[row["end"]:near["start"]]
        if i not in partner and role != near_role and len(between) <= CHANGE_GAP \
                and not _SENTENCE_END.search(between):
            partner[i], partner[i + 1] = i + 1, i
    lead: dict[int, dict] = {}  # "412 births last year, down from 530": the after comes first
    position = {id(row): n for n, row in enumerate(rows)}
    taken = {id(row) for row, _, _ in sides}
    for i, (row, role, noun) in enumerate(sides):
        if role == "before" and i not in partner:
            after = _figure_before_change(text, rows, position[id(row)], lex)
            if after is not None and id(after) not in taken:
                lead[i] = after
                taken.add(id(after))
                after["change"] = "after"
    for i, (row, role, noun) in enumerate(sides):
        row["change"] = role
        other = sides[partner[i]][0] if i in partner else lead.get(i)
        if other is not None and i in lead:
            other["change_words"] = ""  # set below, with the before's words
        before, after = (row, other) if role == "before" else (other, row)
        noun = _direction(noun, before, after)
        said = " ".join(f"{word} {_said(side)}" for word, side in (("from", before), ("to", after)) if side)
        row["change_words"] = f"{'an' if noun[0] in 'aeiou' else 'a'} {noun} {said}"
        if i in lead:
            lead[i]["change_words"] = row["change_words"]


def _figure_before_change(text: str, rows: list[dict], n: int, lex):
    """The figure a change ends at when it is written before the change ("412 births last
    year, down from 530"): the last figure before row ``n`` (dates between are passed
    over) of the same kind, in the same sentence and clause, not far off, with the change
    word between them; else None."""
    row = rows[n]
    for m in range(n - 1, -1, -1):
        near = rows[m]
        if near["is_date"] or near["kind"] == "duration":
            continue
        between = text[near["end"]:row["start"]]
        if near["kind"] != row["kind"] or len(between) > CHANGE_GAP or _SENTENCE_END.search(between) \
                or re.search(r"[;:]", between) or not lex.change_regex.search(between):
            return None
        return near
    return None


def _said(row: dict) -> str:
    return " ".join(row["text"].split())


def _direction(noun: str, before, after) -> str:
    """The change's name, from its word, or from its figures when the word says no
    direction ("changed from 5 to 8" is a rise)."""
    if before is None or after is None or noun not in ("change",):
        return noun
    lows = (before["low"], after["low"])
    highs = (before["high"], after["high"])
    if any(isinstance(v, float) and math.isnan(v) for v in lows + highs):
        return noun
    if after["low"] > before["high"]:
        return "rise"
    if after["high"] < before["low"]:
        return "fall"
    return noun


def _range_kind(written: str) -> tuple[str, str]:
    """(kind, unit) of a range by its signs: "$2.50 to $3.25" is money in US dollars."""
    sign = re.search(r"US\$|[$€£¥]", written)
    if sign:
        return "money", _currency(sign.group())
    return ("percent", "") if "%" in written else ("count", "")


def _tidy(value: float) -> float:
    if isinstance(value, float) and not math.isnan(value):
        return round(value, 6)
    return value


def _currency(written: str) -> str:
    """The currency a sign or a money word names ("$", "pounds" -> "pounds"), else "".
    One table (``registry.CURRENCIES``) with the words about a figure: a money word after
    a number makes it a sum ("1.6 billion dollars" is "$1.6 billion")."""
    return _registry.CURRENCIES.get(str(written or "").strip().lower(), ("", ""))[0]
#: "a 38-bed hospital", "a 10-year plan": a number joined by a hyphen to a singular noun.
_COMPOUND_UNIT = re.compile(r"-([a-z]+)(?![\w-]*\d)")


_OF_PRONOUN = re.compile(rf"{WS}of{WS}(?:them|us|you|these|those|it|which|whom)(?![\w'\u2019-])", re.IGNORECASE)


def _unit_after(text: str, end: int) -> str:
    """The counted noun after a number: "1,000 employees", "dozens of soldiers", "40 staff"
    (a noun of ``counted_nouns.csv`` right after the figure counts even without a plural
    -s), "38-bed" -> "beds"."""
    compound = _COMPOUND_UNIT.match(text, end)
    if compound:
        word = compound.group(1)
        return word if word in ("percent",) else plural(word)
    if _OF_PRONOUN.match(text, end):
        return ""  # "most of them jobs": what "them" stands for is said elsewhere
    m = re.match(rf"(?:{WS}of)?(?:{WS}(?:the|their|its|his|her))?((?:{WS}[A-Za-z][\w'\u2019-]*){{1,8}})",
                 text[end:end + 120])
    if not m:
        return ""
    words = re.findall(r"[A-Za-z][\w'\u2019-]*", m.group(1))
    lex = _lexicons()
    run = []
    words = [w.rstrip("-'\u2019") or w for w in words]  # "countries-" before a dash
    for n, word in enumerate(words):
        low = word.lower()
        if (low in UNIT_STOP and low != "and") or low in lex.words or low in lex.hedges \
                or low in ("several", "many", "few", "ago", "earlier", "later", "dozen", "dozens"):
            break
        if n == 0 and word[:1].islower() and low.endswith(("ed", "ing")) and low not in SINGULAR_UNITS \
                and not (len(words) > 1 and words[1].islower() and words[1].endswith("s")
                         and not words[1].endswith("ss") and words[1].lower() not in UNIT_STOP):
            break  # "tens of thousands protested": a verb ("dozens of struggling towns" counts)
        run.append(word)
    best = ""
    nouns = _counted_nouns()
    for n, word in enumerate(run):
        low = word.lower()
        if low == "and":
            continue
        # a counted noun with no plural -s ("staff") only right after the figure ("40 staff")
        if (low.endswith("s") and not low.endswith(("ss", "'s", "\u2019s")) and len(low) > 3) \
                or low in SINGULAR_UNITS or (n == 0 and low in nouns):
            best = word
        elif best:
            break
    return best


# --- the same quantity across reports: claim groups ----------------------------------
#
# Five reports of one story give "about 1,000", "Up to 1,000 employees" and "1,000" for
# the same figure. ``claims`` puts such mentions in one ``claim`` group, with a label a
# student can read ("Up to 1,000 / about 1,000 (employees)"). The rule, step by step:
#
# 1. What a mention is about: its counted noun (``unit``: "employees") and the content
#    words around it in its sentence, up to ``CLAIM_WINDOW`` characters each side
#    ("Rostec", "Venezuela", "advisers"), compared by their first five letters so that
#    "advisers" and "advisors" agree.
# 2. Two mentions in *different* reports may be the same claim when they are the same
#    sort of quantity (a date or time, a count, money ...), their ranges overlap (for
#    "about 1,000" and "Up to 1,000") and they do not count different things ("two
#    positions" is not "two programs"; nouns of one family in ``counted_nouns.csv`` count
#    the same thing: "1,200 jobs", "about 1,000 workers"). Two dates never join when they
#    name different days or months ("Tuesday" and "January", "April 15" and "Sept. 30").
# 3. Their likeness is the share of context words they have in common (Jaccard), plus
#    ``UNIT_BONUS`` for the same counted noun and ``TEXT_BONUS`` for the same wording
#    ("just a few dozen"). Pairs at least ``CLAIM_LIKENESS`` alike are joined, most alike
#    first, never putting two mentions of one report in the same group, except that a
#    report's headline (its first line) may join its own text ("Slashes About 1,000
#    Workers" and "about 1,000 workers").
#    Two more rules: a figure before a change and a figure after it ("from $2.50 to
#    $3.25", the lens's ``change`` column) are never one claim, so what the fare was lines
#    up with what the other reports say it was; and two counts whose ranges disagree
#    ("Thousands of drivers", "nearly 200 drivers") are one claim when they count the same
#    thing (the same counted noun or family) and share at least ``CLAIM_DISAGREE`` of their
#    context words; they are joined last, after every pair that agrees. A sum or a
#    percentage never joins so: its "unit" says what it is in, not what it counts. Two
#    dates that name the same day ("April 1", "1 April 2024") get ``UNIT_BONUS``. A claim
#    never holds both a before and an after, even through a third report's vague amount
#    that fits both. Two shares of different things ("half of the nurses", "half of the
#    budget": what follows "of") are never one claim. Two durations are compared in days,
#    so "19 years" and "nearly two decades" (18-20 years) agree; both being spans of time
#    counts as the same unit ("UNIT_BONUS"), as two "percent" do.
#    A whole year ("1961", "last year") is never one claim with a date
#    that names a month or a day ("March", "March 31"). Two counts of a vote join only
#    when they are the same count ("7-2", "7 to 2").
#
# 4. The label: the figures as the reports write them ("$1.6 billion", "5 to 50"), then
#    in brackets what is counted, in the reports' words: the counted noun with its
#    describing words ("regional offices"), what changes ("Fares jump by 30 percent": "rise
#    in fares"), what a percentage is of ("a 9% shortfall", "The budget gap is 9 per
#    cent", "100% of our work"), what a sum pays for ("program"), what it is "of"
#    ("savings of"), what it is paid "in" ("$3.1 million in pay") or the verb before it as
#    the text writes it ("paid out", "lost", "to save"), else a word the reports share ("fares"), for a date a word two
#    reports share ("the date given with “layoffs”"), else "a date". Feelings ("terrified"),
#    verbs and one word near one mention never name it; when nothing names it, the label
#    says so ("what it counts is not clear"). One side of a change says which
#    ("fares before the rise").
#
# The threshold was set on the shipped case; ``make bench`` (section ``claims``) prints the
# agreement with its key, with the warehouse case's and with the invented triple's
# (tests/data/cases/water-office-cuts-triple).

CLAIM_WINDOW = 80
CLAIM_LIKENESS = 0.2
UNIT_BONUS = 0.2
TEXT_BONUS = 0.15
#: How alike (share of context words) two figures that disagree and count the same thing
#: must be to be one claim ("Thousands of drivers" and "nearly 200 drivers").
#: Set with the warehouse-fire case and the bus-fare triple in view (figures that belong
#: together shared 0.09-0.14 of their words there; counts of other things 0.07 or less).
CLAIM_DISAGREE = 0.1
#: A word shared by more mentions than this says nothing about which claim it is.
CLAIM_COMMON = 50
_CONTEXT_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]+")
_CONTEXT_STOP = frozenset(
    "the a an and or but of to in on at by for with from as is are was were be been that this "
    "these those it its he she they we you his her their our said says about after before over "
    "more than just up into out has have had not no which who what when where also will would "
    "could there here then some most other many years year".split())
_LEADING = re.compile(r"^(?:the|in|on|over|just|about|up to|more than|by|this|last)\s+")


@compiled
def _counted_nouns() -> dict[str, str]:
    """{counted noun: its family} from ``counted_nouns.csv`` ("jobs" -> "staff")."""
    return {row["word"].lower(): row["same_as"].lower() for row in load_lexicon("counted_nouns")}


def _unit_key(unit: str) -> str:
    """What a counted noun counts, for comparing two mentions: its family, else its stem."""
    if not unit:
        return ""
    word = unit.lower().split()[-1]
    family = _counted_nouns().get(word)
    return "family:" + family if family else _stem(word)


_DATE_WORDS = re.compile(rf"(?<![\w-])(?P<m>{_MONTH})|(?P<w>{_WEEKDAY})s?(?![\w-])")


def _date_names(text: str) -> tuple[frozenset, frozenset, bool]:
    """The month names, the weekday names in a date, and whether it gives a day of the month."""
    months, days = set(), set()
    for m in _DATE_WORDS.finditer(text):
        if m["m"]:
            months.add(MONTHS[m["m"]])
        else:
            days.add(m["w"])
    return frozenset(months), frozenset(days), bool(re.search(r"\d", text)) and bool(months)


def _dates_disagree(a, b) -> bool:
    """"Tuesday" and "January", "April 15" and "Sept. 30": dates that name different days or
    months cannot be one claim. "Sunday" and "June 2" may be (a weekday and a full date)."""
    (months_a, days_a, full_a), (months_b, days_b, full_b) = a, b
    if days_a and days_b and not days_a & days_b:
        return True
    if months_a and months_b and not months_a & months_b:
        return True
    # a weekday is one day, a month alone a whole month: they name different things
    return bool((days_a and months_b and not full_b) or (days_b and months_a and not full_a))


_YEAR_ONLY = re.compile(rf"(?:(?:in|since|by|until|of|the|during|before|after|early|late|mid)[\s\u00a0-]+)*"
                        rf"(?:{_YEAR}s?(?:[\u2013-](?:{_YEAR}|\d\d))?|(?:last|this|next|past|that)[\s\u00a0]+year)",
                        re.IGNORECASE)
_FINER = re.compile(rf"(?<![\w-])(?:{_MONTH}|{_WEEKDAY}s?|today|yesterday|tomorrow|tonight|"
                    rf"(?:last|this|next|past)[\s\u00a0]+(?:month|week|night|morning|afternoon|evening))(?![\w-])",
                    re.IGNORECASE)


def _date_scale(words: str, kind: str) -> str:
    """"year" for a date that is a whole year ("2019", "last year", "the 1990s"), "finer"
    for one that names a month, a weekday or a day ("March", "Monday", "March 31", "today")
    or a time, else "" (the rule that keeps the two apart says nothing of it)."""
    flat = " ".join(words.split())
    if kind == "time":
        return "finer"
    if _YEAR_ONLY.fullmatch(flat):
        return "year"
    return "finer" if _FINER.search(flat) else ""


def _stem(word: str) -> str:
    word = word.lower().replace("\u2019", "'")
    return re.sub(r"'s$", "", word)[:5]


def _context(text: str, start: int, end: int) -> dict[str, str]:
    """{stem: word} of the content words around a mention, within its sentence."""
    # Searched within the window only: a long line of figures is never read whole per figure.
    low, high = max(0, start - CLAIM_WINDOW), end + CLAIM_WINDOW + 1
    left = max(text.rfind("\n", low, start), text.rfind(". ", low, start)) + 1
    ends = [x for x in (text.find("\n", end, high), text.find(". ", end, high)) if x >= 0]
    right = min(ends) if ends else len(text)
    left, right = max(left, start - CLAIM_WINDOW), min(right, end + CLAIM_WINDOW)
    words = _CONTEXT_WORD.findall(text[left:start] + " " + text[end:right])
    found: dict[str, str] = {}
    for word in words:
        if len(word) > 2 and word.lower() not in _CONTEXT_STOP:
            found.setdefault(_stem(word), word)
    return found


def _sort_of(kind: str) -> str:
    return "when" if kind in ("date", "time") else kind


def claims(frame: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """``frame`` (numbers found in several reports: ``report``, ``start``, ``end``,
    ``quote`` or ``text``, ``low``, ``high``, ``unit``, ``kind``) with two more columns:
    ``claim`` (the group: the same quantity across reports shares it; named in words,
    unique) and ``claim_label`` (the same words, without the number that keeps two
    groups of one label apart)."""
    frame = frame.copy()
    if frame.empty:
        frame["claim"] = pd.Series(dtype="str")
        frame["claim_label"] = pd.Series(dtype="str")
        return frame
    quote = "quote" if "quote" in frame.columns else "text"
    rows = frame.to_dict("records")
    info = []
    named = []
    scale = []  # "year" or "finer" for a date: a whole year is not a month or a day in it
    days = []  # (month, day, year or "") of a date that names one whole day
    postings: dict[tuple, list[int]] = {}
    for n, row in enumerate(rows):
        ctx = _context(texts.get(row["report"], ""), int(row["start"]), int(row["end"]))
        words = re.sub(r"\s+", " ", str(row[quote]).lower())
        norm = _LEADING.sub("", words)
        unit = _unit_key(row["unit"]) if row.get("unit") else ""
        sort = _sort_of(row["kind"])
        info.append((ctx, norm, unit, sort))
        named.append(_date_names(str(row[quote])) if sort == "when" else None)
        scale.append(_date_scale(str(row[quote]), row["kind"]) if sort == "when" else "")
        day = _registry.full_day(str(row[quote])) if sort == "when" else None
        days.append(day)
        for key in [*ctx, "unit:" + unit if unit else None, "text:" + norm,
                    f"day:{day[0]} {day[1]}" if day else None]:
            if key is not None:
                postings.setdefault((sort, key), []).append(n)
    # plain tuples: the loop below runs once per candidate pair. A headline may join its
    # own report's body ("Slashes About 1,000 Workers" and "about 1,000 workers" are one
    # figure): for grouping, a report's headline stands apart from its body.
    headline_end = {rid: _headline_end(text) for rid, text in texts.items()}
    report = [(row["report"], int(row["start"]) < headline_end.get(row["report"], 0))
              for row in rows]
    # a duration in days, so that "19 years" and "nearly two decades" can be compared
    per = [DAYS_IN.get(singular(str(row.get("unit") or "")).lower()) if row["kind"] == "duration" else None
           for row in rows]
    low = [float(row["low"]) * (f or 1.0) if row["low"] == row["low"] else None for row, f in zip(rows, per)]
    high = [float(row["high"]) * (f or 1.0) if row["high"] == row["high"] else None for row, f in zip(rows, per)]
    for n, row in enumerate(rows):  # a fraction word as its own share: the grouping has its own margin
        exact = _bare_fraction(row)
        if exact is not None:
            low[n] = high[n] = exact
    keys = [frozenset(ctx) for ctx, *_ in info]
    candidates = set()
    for members in postings.values():
        if 1 < len(members) <= CLAIM_COMMON:
            candidates.update((a, b) for i, a in enumerate(members) for b in members[i + 1:]
                              if report[a] != report[b])
    side = [str(row.get("change") or "") if row.get("change") == row.get("change") else "" for row in rows]
    # what a share is of ("a fifth of deliveries", "21% of births"): two shares of
    # different things are never one claim, even when their figures agree
    whole = [_unit_key(_share_whole(texts.get(row["report"], ""), int(row["end"])))
             if row["kind"] in ("percent", "share") else "" for row in rows]
    pairs = []
    for a, b in candidates:
        _, na, ua, sort = info[a]
        _, nb, ub, _ = info[b]
        if ua and ub and ua != ub and sort != "duration":
            continue  # they count different things (a duration's unit says how it is measured)
        if side[a] and side[b] and side[a] != side[b]:
            continue  # what a fare was and what it will be are two figures
        if whole[a] and whole[b] and whole[a] != whole[b]:
            continue  # "half of the nurses" and "half of the budget"
        if sort == "when" and (_dates_disagree(named[a], named[b])
                               or {scale[a], scale[b]} == {"year", "finer"}):
            continue  # "March" and "1961", "March 31" and "last year": different things
        same_day = bool(days[a] and days[b] and days[a][:2] == days[b][:2])
        if same_day and days[a][2] and days[b][2] and days[a][2] != days[b][2]:
            continue  # 1 April 2023 and 1 April 2024
        disagree = False
        if sort == "vote":
            if tally(na) != tally(nb):
                continue  # "7-2" and "7 to 2" are one count of a vote; "6-3" is another
        elif sort != "when":
            if low[a] is None or low[b] is None or high[a] is None or high[b] is None:
                continue
            if max(low[a], low[b]) > min(high[a], high[b]) * 1.1:
                # counts that disagree ("Hundreds of residents", "about 120 residents")
                # are one claim only when they count the same thing in like words, and
                # only after the figures that agree have found their claims (a sum or a
                # percentage says what it is in, not what it counts: never joined so)
                if not (sort == "count" and ua and ua == ub):
                    continue
                disagree = True
        common = len(keys[a] & keys[b])
        likeness = common / max(1, len(keys[a]) + len(keys[b]) - common)
        if disagree and likeness < CLAIM_DISAGREE:
            continue
        # the same counted noun; for two durations, both measured in time ("19 years",
        # "nearly two decades"), since their ranges were compared in days above
        likeness += UNIT_BONUS if (ua and ua == ub) or (per[a] and per[b]) else 0
        likeness += TEXT_BONUS if na == nb else 0
        likeness += UNIT_BONUS if same_day else 0  # "April 1" and "1 April 2024"
        if likeness >= CLAIM_LIKENESS:
            pairs.append((disagree, -likeness, a, b))
    group = list(range(len(rows)))
    members = {n: [n] for n in range(len(rows))}
    reports = {n: {report[n]} for n in range(len(rows))}
    # a claim holds what a figure was or what it is now, never both (through a third figure)
    sides = {n: {side[n]} - {""} for n in range(len(rows))}
    for _, _, a, b in sorted(pairs):
        ga, gb = group[a], group[b]
        if ga == gb or reports[ga] & reports[gb] or len(sides[ga] | sides[gb]) > 1:
            continue
        for m in members[gb]:
            group[m] = ga
        members[ga] += members.pop(gb)
        reports[ga] |= reports.pop(gb)
        sides[ga] |= sides.pop(gb)
    labels = {g: _claim_label([rows[m] for m in sorted(ms)], [info[m] for m in sorted(ms)], quote, texts)
              for g, ms in members.items()}
    # the claim is named by its label, made unique: "today (when: Snowden)", "… (2)"
    names: dict[int, str] = {}
    used: dict[str, int] = {}
    for g in dict.fromkeys(group):
        used[labels[g]] = used.get(labels[g], 0) + 1
        names[g] = labels[g] if used[labels[g]] == 1 else f"{labels[g]} ({used[labels[g]]})"
    frame["claim"] = [names[g] for g in group]
    frame["claim_label"] = [labels[g] for g in group]
    return frame


_WHOLE = re.compile(rf"{WS}(?:(?P<of>of){WS})?(?:(?P<det>the|its|their|his|her|our|all|these|those){WS})?"
                    rf"(?P<words>[A-Za-z][\w'\u2019-]*(?:{SP}[A-Za-z][\w'\u2019-]*){{0,2}})")


def _share_whole(text: str, end: int) -> str:
    """What a share ending at ``end`` is of, as written after it: "21% of births" ->
    "births", "half the town's lead pipes" -> "pipes", "a third of all routes" -> "routes";
    "" when no "of" or "the" says it ("22 percent, according to ...") or a pronoun does
    ("61% of them": who "them" are is said elsewhere)."""
    m = _WHOLE.match(text, end, min(len(text), end + 80))
    if not m or not (m["of"] or m["det"]):
        return ""
    run = []
    for word in m["words"].split():
        low = word.lower()
        if low in UNIT_STOP or low in _CONTEXT_STOP or low in PRONOUN_WORDS or low.endswith(("ed", "ing", "ly")):
            break
        run.append(low)
    nouns = _counted_nouns()
    plural_words = [w for w in run if (w.endswith("s") and not w.endswith(("ss", "'s", "\u2019s"))) or w in nouns]
    if plural_words:
        return plural_words[0]
    plain = [w for w in run if not w.endswith(("'s", "\u2019s"))]
    return plain[0] if plain else ""


def _headline_end(text: str) -> int:
    """Where a report's headline ends: its first line, when more lines follow; else 0."""
    lead = len(text) - len(text.lstrip())
    end = text.find("\n", lead)
    return end if end > 0 and text[end:].strip() else 0


def _claim_label(rows, infos, quote: str, texts: dict[str, str]) -> str:
    """"Up to 1,000 / about 1,000 (employees)": the wordings as the reports write them
    ("$1.6 billion", "5 to 50"), then in brackets what is counted, in the reports' words."""
    wordings = {}  # a headline's "About 1,000" and the text's "about 1,000" are one wording
    for r in rows:
        words = re.sub(r"\s+", " ", str(r[quote])).strip()
        seen = wordings.setdefault(words.casefold(), words)
        if sum(c.isupper() for c in words) < sum(c.isupper() for c in seen):
            wordings[words.casefold()] = words  # the text's spelling, not the headline's
    wordings = list(wordings.values())
    said = " / ".join(wordings[:3]) + (" …" if len(wordings) > 3 else "")
    what = _what_is_counted(rows, infos, texts)
    side = _change_side(rows)
    if side:  # "$2.50 (fares before the rise)": one side of a change is its own claim
        what = f"{'the figure' if what in _UNSURE.values() else what} {side}"
    return f"{said} ({what})" if what else said


def _change_side(rows) -> str:
    """"before the rise" / "after the cut" when the figures are one side of a change
    (the numbers lens's ``change`` and ``change_words``); else ""."""
    sides = [(_text_of(r, "change"), _text_of(r, "change_words")) for r in rows]
    sides = [(side, words) for side, words in sides if side in ("before", "after")]
    if not sides:
        return ""
    nouns = [words.split()[1] for _, words in sides if len(words.split()) > 1]
    noun = _plain_case(nouns) or "change"
    return f"{sides[0][0]} the {noun}"


def _text_of(row: dict, name: str) -> str:
    """``row[name]`` as text; "" when it is missing or empty (NaN)."""
    got = row.get(name)
    return got if isinstance(got, str) else ""


_PHRASE_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")


def _noun_phrase(text: str, end: int, unit: str) -> str:
    """The counted noun with the words that describe it, as written right after the figure:
    "14 regional offices" -> "regional offices"; the noun alone when more words come
    between ("300 Russian Defense Ministry and corporate security company officers")."""
    m = re.match(rf"(?:{WS}of)?(?:{WS}(?:the|their|its|his|her|our))?((?:{WS}[A-Za-z][\w'\u2019-]*){{1,3}})",
                 text[end:end + 80])
    if not m:
        return unit
    words = _PHRASE_WORD.findall(m.group(1))
    if unit in words:
        before = words[:words.index(unit)]
        # "the agency's workers" -> "workers": the owner is not what is counted, and a
        # feeling ("terrified residents", "struggling towns") is an outlet's word, not a count's
        before = [w for w in before if not w.endswith(("'s", "\u2019s", "s'", "s\u2019", "ed", "ing"))]
        if 0 < len(before) <= 2 and all(w.lower() not in UNIT_STOP for w in before):
            return " ".join(before + [unit])
    return unit


def _words_after(text: str, end: int) -> str:
    """The thing a sum pays for, written right after it: "a $1.6 billion grant program"."""
    m = re.match(rf"{SP}((?:[a-z][a-z-]*{SP}?){{1,3}})", text[end:end + 60])
    if not m:
        return ""
    run = []
    for n, word in enumerate(m.group(1).split()):
        if n == 0 and _currency(word):
            continue  # "1.6 billion dollars": the money word says what it is in, not what for
        if word in UNIT_STOP or word in _CONTEXT_STOP or word in _DATE_STOP \
                or word.endswith(("ly", "ed", "ing")):
            break  # "..., citing rising costs": a verb, not what the sum is
        run.append(word)
    return " ".join(run[:2])


def _noun_of_before(text: str, start: int) -> str:
    """The noun a sum is "of": "savings of $1.6 billion" -> "savings"; else ""."""
    words = _PHRASE_WORD.findall(text[max(0, start - 40):start])
    if len(words) >= 2 and words[-1].lower() == "of" and words[-2].islower() \
            and words[-2] not in UNIT_STOP and words[-2] not in _CONTEXT_STOP \
            and not words[-2].endswith(("ly", "ed", "ing")) \
            and re.fullmatch(r"[\"\u201d\u2019']?[\s\u00a0]*of[\s\u00a0]+(?:about|some|roughly|nearly|almost|over|"
                             r"more[\s\u00a0]+than|up[\s\u00a0]+to)?[\s\u00a0]*",
                             text[max(0, start - 40):start].rsplit(words[-2], 1)[-1]):
        return words[-2]
    return ""


def _words_before(text: str, start: int) -> str:
    """The verb before a sum, when nothing follows it: "paid out $640 million" -> "paid out";
    the noun the sum is "of": "savings of $1.6 billion" -> "savings"."""
    noun = _noun_of_before(text, start)
    if noun:
        return noun
    words = _PHRASE_WORD.findall(text[max(0, start - 40):start])
    run = []
    stop = ""
    for word in reversed(words):
        low = word.lower()
        if low in _lexicons().hedges or low in ("a", "an", "the", "about", "roughly"):
            if run:
                stop = low
                break
            continue
        if low in UNIT_STOP - {"out", "up", "off"} or low in ("has", "have", "had", "already") or not word.islower():
            stop = low
            break
        run.insert(0, word)
        if len(run) == 2:
            break
    if len(run) == 2 and run[1].lower() not in _PARTICLES:
        run, stop = run[1:], run[0].lower()  # "the unit lost": the verb, not its subject
    if run and stop == "to":  # "plans to save $2 million": what the sum is to do
        run.insert(0, "to")
    return " ".join(run)


#: Words that finish a verb before a sum: "paid out", "took home", "gave back".
_PARTICLES = frozenset("out up off home back down away over in".split())
#: "in" before these is no thing a sum is in ("$5 million in total", "in return").
_NOT_PAID_IN = frozenset("total all part fact case order addition return exchange turn short".split())


def _paid_in(text: str, end: int) -> str:
    """What a sum is paid in or as, written right after it: "$3.1 million in pay",
    "$2 billion in aid" -> "pay", "aid"; else ""."""
    m = re.match(rf"{SP}in{SP}([a-z][a-z-]+)(?![\w'\u2019-])", text[end:end + 40])
    if not m:
        return ""
    word = m.group(1)
    if word in UNIT_STOP or word in _CONTEXT_STOP or word in _DATE_STOP or word in _NOT_PAID_IN \
            or word in PRONOUN_WORDS or word.endswith("ly"):
        return ""
    return word


def _plain_case(words: list[str]) -> str:
    """The most used of some spellings, in lower case when any report writes it so
    ("Workers" in a headline, "workers" in the text)."""
    if not words:
        return ""
    lowered = [w.lower() for w in words]
    best = max(dict.fromkeys(lowered), key=lowered.count)  # ties: the first, in every process
    spelled = [w for w in words if w.lower() == best]
    return best if best in spelled else spelled[0]


#: What a label says when the words around a figure do not say what it counts (per kind).
_UNSURE = _registry.NOT_CLEAR_WHAT
_PERCENT_UNITS = ("percent", "percentage points")


def _change_subject(text: str, start: int, kind: str) -> str:
    """What changes by a figure, as "rise in fares": "Fares jump by 30 percent", "Hikes
    Fares 30%" (a change word and its noun right before the figure, with "by" unless the
    figure is a percentage: "Russia Sank Billions" is not a fall in Russia); else ""."""
    lex = _lexicons()
    window = text[max(0, start - 50):start]
    for end in _SENTENCE_END.finditer(window):
        window = window[end.end():]
    m = lex.change_subject.search(window)
    if not m or not (m["by"] or kind == "percent"):
        return ""
    noun, word = (m["noun_a"], m["change_a"]) if m["noun_a"] else (m["noun_b"], m["change_b"])
    low = noun.lower()
    if low in UNIT_STOP or low in _CONTEXT_STOP or low in _DATE_STOP or low in PRONOUN_WORDS \
            or low in lex.change_of or low.endswith(("ly", "ed", "ing")):
        return ""
    change = lex.change_of[" ".join(word.lower().split())]
    # "Fares jump", "Hikes Fares": a capital that starts a sentence or a headline's word
    written = noun
    line_start = text.rfind("\n", 0, start) + 1
    line_words = _PHRASE_WORD.findall(text[line_start:text.find("\n", start) if "\n" in text[start:] else len(text)])
    headline = len(line_words) > 1 and sum(w[:1].isupper() for w in line_words) * 2 > len(line_words)
    if noun[:1].isupper() and (headline or not window[:m.start()].strip()):
        written = low
    return f"{change} in {written}"


def _percent_words(text: str, start: int, end: int) -> str:
    """What a percentage is of: "a 9% shortfall" -> "shortfall", "The budget gap is 9 per
    cent" -> "budget gap", "100% of our work" -> "of our work"; else ""."""
    after = _words_after(text, end)
    if after:
        return after
    m = _SUBJECT_IS.search(text, max(0, start - 60), start)
    if m and not set(m["noun"].lower().split()) & (UNIT_STOP | _CONTEXT_STOP):
        return " ".join(m["noun"].split())
    m = _OF_WHAT.match(text, end)
    if m:
        words = []
        for word in m["words"].split():
            if word.lower() in UNIT_STOP or word.lower() in _CONTEXT_STOP or word.lower() in _DATE_STOP:
                break
            words.append(word)
        if words:
            return " ".join(["of", *(m["det"].split() if m["det"] else []), *words])
    return ""


def _what_is_counted(rows, infos, texts) -> str:
    what = _counted_by_grammar(rows, texts)
    return what if what else _counted_by_shared_words(rows, infos)


def _counted_by_grammar(rows, texts) -> str:
    """What the figures count, from the words right around them; "" when those do not say."""
    sort = _sort_of(rows[0]["kind"])
    if sort == "vote":
        return "a vote"
    if sort != "when":
        phrases = [_noun_phrase(texts.get(r["report"], ""), int(r["end"]), r["unit"])
                   for r in rows if r.get("unit") and r["kind"] not in ("money", "percent", "duration")
                   and r["unit"] not in _PERCENT_UNITS]
        if phrases:
            return _plain_case(phrases)
        changes = [w for w in (_change_subject(texts.get(r["report"], ""), int(r["start"]), r["kind"]) for r in rows) if w]
        if changes:  # "Fares jump by 30 percent": the rise in fares
            return _plain_case(changes)
        if rows[0]["kind"] == "percent":
            words = [w for w in (_percent_words(texts.get(r["report"], ""), int(r["start"]), int(r["end"]))
                                 for r in rows) if w]
            if words:
                return _plain_case(words)
        if rows[0]["kind"] == "share" and all(
                _OF_PRONOUN.match(texts.get(r["report"], ""), int(r["end"])) for r in rows):
            return _UNSURE["share"]  # "most of them": who "them" are is said elsewhere
        if rows[0]["kind"] == "money":
            after = [w for w in (_words_after(texts.get(r["report"], ""), int(r["end"])) for r in rows) if w]
            if after:
                return _plain_case(after)
            nouns = [w for w in (_noun_of_before(texts.get(r["report"], ""), int(r["start"])) for r in rows) if w]
            if nouns:  # "savings of $4.5 million": a noun names a sum better than a verb
                return _plain_case(nouns)
            paid = [w for w in (_paid_in(texts.get(r["report"], ""), int(r["end"])) for r in rows) if w]
            if paid:  # "$3.1 million in pay"
                return _plain_case(paid)
            before = [w for w in (_words_before(texts.get(r["report"], ""), int(r["start"])) for r in rows) if w]
            verb = _plain_case(before)
            if verb:  # the verb as the text writes it: "paid out", "lost", "to save"
                return verb
    return ""


def _counted_by_shared_words(rows, infos) -> str:
    """What the figures count, from a word the reports share around them; when none
    does, words that say plainly that it is not clear."""
    sort = _sort_of(rows[0]["kind"])
    # the word most mentions share (not a date, a figure or a shouted word); for a date a
    # plain word ("report", "layoffs") before a name, for a count a name ("Rostec") first
    shared: dict[str, int] = {}
    number_words = _lexicons().words
    for ctx, *_ in infos:
        for stem, word in ctx.items():
            if stem in shared:
                shared[stem] += 1
                continue
            low = word.lower()
            if low in _DATE_STOP or low in number_words or low.endswith(("ly", "ed", "ing")) \
                    or (word.isupper() and len(word) > 1) or word.count("-") > 1 \
                    or _DATE_WORDS.fullmatch(word.rstrip(".")):
                continue  # a date, a shout, a manner, a verb, a piece of a web address, a number
            shared[stem] = 1
    spelled: dict[str, str] = {}
    for ctx, *_ in infos:  # the first report's spelling, in lower case when any report writes it so
        for stem in ctx:
            if stem in shared:
                word = re.sub(r"['\u2019]s?$", "", ctx[stem])
                if stem not in spelled or (word.islower() and not spelled[stem].islower()
                                           and word.lower() == spelled[stem].lower()):
                    spelled[stem] = word
    if sort == "duration":  # what lasted is said first: "The pullout has escalated in the past ..."
        order = {stem: n for n, stem in enumerate(infos[0][0])}
        key = lambda s: (shared[s], -order.get(s, len(order)))  # noqa: E731
    elif sort == "when":
        key = lambda s: (shared[s], spelled[s].islower(), len(spelled[s]))  # noqa: E731
    else:
        # a word that counts people or things ("staff") first, then a name ("Rostec")
        nouns = _counted_nouns()
        key = lambda s: (spelled[s].lower() in nouns, shared[s], spelled[s][:1].isupper(),  # noqa: E731
                         len(spelled[s]))
    best = max(shared, key=key, default=None)
    # one word near one mention is a guess ("Monday (when: saying)"): a word names the
    # claim only when two reports share it, or when it is a counted noun ("staff")
    if best is not None and shared[best] < 2 and spelled[best].lower() not in _counted_nouns():
        best = None
    what = spelled[best] if best else ""
    if sort == "when":  # "April 15 (the date given with “layoffs”)"
        return (f"the date given with \u201c{what}\u201d" if what
                else ("a time" if rows[0]["kind"] == "time" else "a date"))
    if sort == "duration":  # "the past several months (how long, given with “pullout”)":
        # its unit ("months") says how it is measured, not what lasted
        return f"how long, given with \u201c{what}\u201d" if what else _UNSURE["duration"]
    return what or _UNSURE.get(rows[0]["kind"], _UNSURE["count"])


_SUBJECT_IS = re.compile(
    rf"(?<![\w-])(?:the|a|an|its|their|his|her|our|this|that){SP}(?P<noun>[a-z][a-z-]+(?:{SP}[a-z][a-z-]+)?){SP}"
    rf"(?:is|was|are|were|stands{SP}at|stood{SP}at|reached|hit){SP}$", re.IGNORECASE)
_OF_WHAT = re.compile(rf"{SP}of{SP}(?P<det>(?:the|its|their|his|her|our|all){SP})?(?P<words>[a-z][a-z-]*(?:{SP}[a-z][a-z-]*){{0,2}})")
PRONOUN_WORDS = frozenset("it its they them he she we you i who which what this that there".split())


#: Words that say when, not what: never the name of a date's claim.
_DATE_STOP = frozenset("today yesterday tomorrow tonight week weeks month months day days "
                       "weekend spring summer autumn fall winter morning evening night "
                       "earlier later ago recent last next past so far now still according "
                       "told says reported".split())
