"""Loaded-language lens: words that judge instead of describe, and what to say instead.

A finding is a word or short phrase that carries a verdict ("regime", "serial liar",
"slashes", "crippling"), with its ``category``, a ``neutral`` alternative a student
could use instead, and its ``voice``: ``own`` when the report says it, ``quoted`` when
it is someone else's words.

How it reads, in order (each step is a small rule below; the words live in
``data/lexicons/loaded_terms.csv``, which a teacher can edit):

1. **Lexicon.** Split the text into words and look each word up in one dictionary
   built from the lexicon, trying the longest phrase first ("serial liar" before
   "liar"). Verbs come with their inflections (slash, slashes, slashed, slashing),
   nouns with their plurals, verb phrases with the first word inflected (shore up,
   shored up). A row can be switched off by the word just before it
   (``unless_before``: "a training regime") or by one of the next four words
   (``unless_after``: "slashed the tyres", "toxic waste"). A hyphenated word that is
   not in the lexicon is looked up as a phrase ("regime-change"), then part by part;
   the whole word is marked ("US-orchestrated"). A loaded
   adjective takes the noun right after it along ("crippling sanctions"), because
   the phrase is what carries the verdict. A capitalised term between two capitalised
   words is part of a name, not the writer's verdict ("the Foreign Corrupt Practices
   Act"), except on a title-case headline line ("Trump Slams Corrupt Media"); the
   noun taken along is a common noun, not a name ("cash-strapped Venezuela" marks
   "cash-strapped"). The words that belong to the same verdict come along too: an
   adjective before a loaded noun ("endless charade"), an adverb in -ly before a
   loaded adjective ("overly aggressive"), and a second adjective joined by "and" or
   "or" ("shocking and surreal").
2. **Intensifiers.** "utterly", "grossly" count on their own; "extremely",
   "totally" only before an adjective ("totally false"); "very", "so", "total" only
   before another loaded term ("very wicked", "total disaster"). An intensifier
   and the word it strengthens make one finding.
3. **Capitals.** A common word written in capitals inside a normal sentence ("NOT")
   is emphasis; a run of capitals ending in "?" or "!" ("LIFELINE LOST?") is a
   loaded headline.
4. **Scare quotes.** One to three words in quotation marks that nobody is reported
   to have said in that sentence: the so-called "coup", branded a "foreign agent",
   ‘acting presidents’. A quoted fragment of someone's speech (were "incompatible",
   the Journal reported), a quoted sentence and a nickname between the two halves of
   a name (Robert "LaVoy" Finicum, Pope "Emeritus" Benedict) are not scare quotes.
5. When findings overlap, the longer one wins. Each finding's ``neutral`` is put in the
   place and form of the marked words (``_neutral.py``): "slammed" -> "criticised",
   "crushing rules" -> "heavy rules" but "crushing the protest" -> "defeating", "callous
   decision" -> "decision" (no honest synonym: the verdict is dropped).
6. **Voice.** A finding is ``quoted`` inside double quotation marks (straight or
   curly; a doubled mark from OCR counts once), after a verb of speech in the same
   sentence ("saying the so-called ..."), in a sentence that opens with "According
   to", before a closing ", X said." / ", sources were quoted as saying.", or in the
   verdict a speaker gives: "The opposition called it a disgraceful assault",
   'Okafor blasted the decision as "reckless"' (the verb is the writer's, the verdict
   the speaker's; a passive "was branded" names no speaker and does not count). A
   listed word quoted in such a verdict is that word, in the speaker's voice, with the
   list's neutral word ('a "mob"' -> "crowd"), not scare quotes. Two
   exceptions keep the writer's ``own`` voice: a bracketed insertion inside a
   quotation ("(fake) news") and scare quotes outside a quotation, because the
   quotation marks are the writer's choice even in reported speech.

7. **Confidence.** Each finding is ``sure`` or ``check this``, read from
   ``data/lexicons/loaded_confidence.csv`` by its rule, category and part of speech
   (the first row that fits wins; ``*`` fits anything), with the reason in ``why``.
   ``sure`` is the high-precision tier: words that judge in most news writing.
   ``check this`` marks what is often plain wording too: scare quotes, labels such as
   "regime", verbs with a literal sense ("slashed"). A page can show
   only the sure ones when precision matters more than recall.

It is a rule of thumb, not a reader: it cannot tell a literal "slashed" it has no
exception for from a figurative one, and a loaded word missing from the lexicon is
missed. Those misses are part of the lesson; add a row and run it again.
"""
from __future__ import annotations

import bisect
import re

import pandas as pd

from . import registry as _registry
from ._neutral import Placer, verb_forms
from ._text import compiled, frame, load_lexicon, plural, quoted_ranges, reload_lexicons, sentence_spans  # noqa: F401

COLUMNS = ("category", "voice", "neutral", "rule", "term", "confidence", "why")
CONFIDENCE = _registry.CONFIDENCE
CATEGORIES = tuple(_registry.LOADED_CATEGORIES)
LEXICON = "loaded_terms"
CONFIDENCE_TABLE = "loaded_confidence"

# --- grammar the rules need (not loaded words: those are in the lexicon) -----------

#: A word: letters and digits, joined by inner hyphens or apostrophes ("so-called",
#: "don't"). A possessive 's is left off, so "regime's" is looked up as "regime".
WORD = re.compile(r"[^\W_]+(?:(?:-|['\u2019](?![sS](?![^\W_])))[^\W_]+)*")
#: Only spaces or line breaks may sit between the words of a lexicon phrase.
GAP = re.compile(r"[\s\u00a0]*")
#: Verbs of speech: what follows them in the same sentence is someone else's words.
SPEECH_CUES = frozenset(
    "said says saying told tells stated declared declares added adds insisted insists "
    "argued argues warned warns wrote urged urges asserted claimed".split()
)
#: "According to X, ..." at the start of a sentence makes the sentence reported speech.
ACCORDING_START = re.compile(r"[\"'\u201c\u2018(\[]*according\s+to\b", re.IGNORECASE)
ACCORDING = re.compile(r"according\s+to\b", re.IGNORECASE)
#: Words that show a short quotation is someone's reported word, not the writer's irony.
REPORTED_CUE = re.compile(
    r"(?<![\w-])(?:said|says|saying|say|told|tells|stated|declared|declares|added|adds|"
    r"insisted|insists|argued|argues|warned|warns|wrote|writes|tweeted|urged|urges|"
    r"asserted|claimed|claims|claiming|reported|reports|reporting|cited|citing|quoted|"
    r"according|blamed|called|calling|described|describing|denied|denying|pledged|"
    r"promised|vowed|accused|accusing|announced|explained|noted|expected|remained)"
    r"(?![\w-])",
    re.IGNORECASE,
)
#: Words that show a quotation names a word instead of using it: the term "fair use".
MENTION_CUE = re.compile(
    r"(?<![\w-])(?:term|terms|word|words|phrase|phrases|slogan|motto|titled|entitled|"
    r"headlined|known\s+as|dubbed|nicknamed|labelled|labeled|provisions\s+of|doctrine\s+of|"
    r"concept\s+of|the\s+letters)[\s\u00a0]*(?:of\s+|as\s+|the\s+|a\s+|an\s+)?$",
    re.IGNORECASE,
)
#: Words that mark the quotation right after them as ironic: the so-called "coup".
SCARE_TRIGGER = re.compile(
    r"(?<![\w-])(?:so-called|so\s+called|self-styled|self-proclaimed|supposed|supposedly|"
    r"alleged|allegedly|purported|purportedly|would-be)[\s\u00a0]*$",
    re.IGNORECASE,
)
#: "so-called" names someone's label: the quoted word after it is theirs.
SO_CALLED = re.compile(r"so[-\s\u00a0]called", re.IGNORECASE)
#: "..., other sources were cited as saying." / "..., said Lavrov.": the clause before
#: the comma is someone else's words. ("According to" and "reports" at the end do not
#: count: what comes before them is the outlet's own wording of the report.)
SPEECH_TAIL = re.compile(
    r",[\"'\u201d\u2019]?[\s\u00a0]+(?:[^\s,.;:!?]+[\s\u00a0]+){0,8}?"
    r"(?:said|says|told|added|adds|(?:quoted|cited)\s+as\s+saying)"
    r"(?:[\s\u00a0]+[^\s,.;:!?]+){0,4}[\s\u00a0]*[.!?]?[\"'\u201d\u2019]?[\s\u00a0]*$",
    re.IGNORECASE,
)
#: Someone who names a thing with a verdict ("The opposition *called it* a disgraceful
#: assault", 'Okafor *blasted the decision as* "reckless"', 'the chairman *dismissed the
#: protesters as* a "mob"'): the words after the object, to the end of the clause, are
#: that speaker's, not the writer's. Verbs that take the verdict right after the object
#: ("called it X", "branded him a X") and verbs that take it after "as" (a form that
#: is also a noun, "attack", "slam", is left out: "under heavy attack as a ...").
NAMING_VERB = re.compile(
    r"(?<![\w-])(?:call(?:s|ed|ing)|brand(?:s|ed|ing)|dub(?:s|bed|bing))[\s\u00a0]+"
    r"(?!(?:for|on|off|in|out|up|upon|back|to|at|into)(?![\w-]))"
    r"(?:it|this|that|him|her|them|these|those|us|me|you|"
    r"(?:the|a|an|his|her|their|its|our|this|that)[\s\u00a0]+[^\W\d_]+(?:[\s\u00a0]+[^\W\d_]+)?|"
    r"[A-Z][\w'\u2019-]*(?:[\s\u00a0]+[A-Z][\w'\u2019-]*)?)[\s\u00a0]+",
)
AS_VERB = re.compile(
    r"(?<![\w-])(?:dismiss(?:es|ed|ing)?|describ(?:es|ed|ing|e)|blast(?:ed|ing)|"
    r"slam(?:med|ming)|denounc(?:es|ed|ing|e)|condemn(?:s|ed|ing)?|"
    r"criti[cs](?:ises|ised|ising|ise|izes|ized|izing|ize)|attack(?:ed|ing)|"
    r"derid(?:es|ed|ing|e)|ridicul(?:es|ed|ing|e)|mock(?:ed|ing)|portray(?:s|ed|ing)?|"
    r"characteri[sz](?:es|ed|ing|e)|decr(?:ies|ied|ying|y)|brand(?:ed|ing)|"
    r"label(?:led|ling|ed|ing)|paint(?:ed|ing)|hail(?:ed|ing))[\s\u00a0]+"
    r"(?:[^\s,.;:!?\"\u201c\u201d]+[\s\u00a0]+){0,5}?as[\s\u00a0]+",
    re.IGNORECASE,
)
#: A passive verb has no speaker ("was branded a 'foreign agent'"): whose word it is
#: is not said, so the writer's quotation marks stay the writer's.
PASSIVE_BEFORE = re.compile(
    r"(?<![\w-])(?:is|are|was|were|be|been|being|am|get|gets|got|gotten)"
    r"[\s\u00a0]+(?:[^\W\d_]+ly[\s\u00a0]+)?$",
    re.IGNORECASE,
)
#: Where a speaker's verdict ends: the end of its clause.
CLAUSE_END = re.compile(r"[,;:.!?\u2014\u2013]|[\s\u00a0]-[\s\u00a0]")
#: A bracketed insertion: "(fake)", "[sic]".
BRACKETED = re.compile(r"\([^()\n]{1,60}\)|\[[^\[\]\n]{1,60}\]")
SINGLE_QUOTED = re.compile("\u2018([^\u2018\u2019\n]{1,40}?)\u2019(?![^\\W_])")
#: A run of words in capitals; a headline when ? or ! follows ("LIFELINE LOST?"). The
#: run is matched alone and the mark checked after it: a pattern that also required the
#: mark would, on a long run with none, try again from every word (quadratic).
CAPS_RUN = re.compile(r"\b[A-Z][A-Z'\u2019-]*(?:[ \t]+[A-Z][A-Z'\u2019-]*)*[ \t]*")
HEADLINE_MARKS = re.compile(r"[?!]+")
NEWLINE = re.compile(r"\n")
#: How an adjective usually ends, for "extremely ___" when the word is not in the lexicon.
ADJECTIVE_ENDING = re.compile(
    r"(?:ous|ful|less|ive|able|ible|ic|ical|ent|ant|ary|ish|al|ed)$"
)
#: Plain adjectives with no telltale ending, for "totally ___".
PLAIN_ADJECTIVES = frozenset(
    "bad good high low false true wrong right big small sad poor rich weak strong hard "
    "easy long short clear rare sure unfair unjust unsafe unclear unable unaware unfit "
    "untrue unwise unwell ill sick mad dark grim bleak harsh dire dumb safe fair"
    .split()
)
#: Words that are not the noun a loaded adjective describes ("corrupt *and* ...").
FUNCTION_WORDS = frozenset(
    "the a an and or but nor of to in on at by for with from as is are was were be been "
    "being am that this these those it its he she they we you i me him her them us his "
    "their our my your not no than then so if when which who whom whose what while "
    "because about into over under after before like such more most very too also only "
    "just even all any some there here has have had do does did will would can could "
    "should may might must shall up out off down against between through during without "
    "within upon toward towards per via yet still again ever never always each every "
    "either neither both other another one two three many much few less least own same"
    .split()
)
INTENSIFIER = "intensifier"
#: Words in -ly that are not adverbs, so do not strengthen the adjective after them.
NOT_ADVERBS = frozenset(
    "family daily early likely holy ugly silly lonely friendly elderly costly deadly lively "
    "weekly monthly yearly hourly orderly curly bully rally ally belly jelly italy july "
    "assembly supply reply apply comply anomaly monopoly homily lily"
    .split()
)
#: A loaded adjective takes the noun right after it into the finding ("diabolical plot"):
#: people who mark loaded language mark the phrase, not the adjective alone.
EXTEND_POS = ("adj",)


# --- the lexicon, compiled once into a dictionary of word sequences -----------------

class Entry:
    """One lexicon row, ready for matching."""

    __slots__ = ("term", "category", "neutral", "neutral_adj", "neutral_verb", "caps",
                 "unless_before", "unless_after", "needs_next", "single", "pos", "inflects",
                 "noun_forms", "plural_forms", "verb_base")

    def __init__(self, row: dict):
        self.term = row["term"]
        self.category = row["category"]
        self.neutral = row.get("neutral", "")
        self.neutral_adj = (row.get("neutral_adj") or "").strip()
        self.neutral_verb = (row.get("neutral_verb") or "").strip()
        self.pos = row.get("pos", "")
        self.inflects = row.get("inflect", "").strip().lower() in ("yes", "y", "true", "1")
        # the spellings that are the row's own word (a noun and its plural), and the
        # plural alone: a form from ``forms`` beyond these is the word used otherwise
        # ("slaughtered", a verb, on the row of the noun "slaughter")
        term_words = tuple(_key(m.group()) for m in WORD.finditer(self.term))
        self.noun_forms = {term_words}
        self.plural_forms = set()
        if self.inflects and self.pos in ("noun", "phrase") and term_words:
            plural_words = (*term_words[:-1], _key(plural(term_words[-1])))
            self.noun_forms.add(plural_words)
            self.plural_forms.add(plural_words)
        # the dictionary form of the verb a row's ``forms`` hold ("pander" on the row of
        # "pandering"); a verb row's own first word
        if self.pos == "verb":
            self.verb_base = term_words[0] if term_words else ""
        else:
            bases = [f.strip().lower() for f in row.get("forms", "").split("|")
                     if f.strip() and " " not in f.strip()
                     and not f.strip().lower().endswith(("s", "ed", "ing", "ly"))]
            self.verb_base = min(bases, key=len) if bases else ""
        self.caps = self.pos == "caps"
        self.unless_before = _word_set(row.get("unless_before", ""))
        self.unless_after = _word_set(row.get("unless_after", ""))
        self.needs_next = row.get("needs_next", "")
        self.single = " " not in self.term


def _word_set(cell: str) -> frozenset:
    return frozenset(_key(w) for w in cell.split("|") if w.strip())


def _key(word: str) -> str:
    return word.strip().lower().replace("\u2019", "'")


def term_forms(row: dict) -> list[str]:
    """Every written form a lexicon row matches: the term, its inflections, ``forms``."""
    term = row["term"].strip()
    forms = [term]
    if row.get("inflect", "").strip().lower() in ("yes", "y", "true", "1"):
        words = term.split()
        if row.get("pos") == "verb":
            forms = [" ".join([f, *words[1:]]) for f in verb_forms(words[0])]
        else:  # nouns and noun phrases: plural on the last word
            forms.append(" ".join([*words[:-1], plural(words[-1])]))
    forms += [f.strip() for f in row.get("forms", "").split("|") if f.strip()]
    return forms


@compiled
def compiled_lexicon() -> tuple[dict, dict]:
    """Two dictionaries, first word -> [(word tuple, Entry)], longest phrase first.

    The first holds every ordinary row; the second the rows that count only when
    written in capitals (``pos`` = ``caps``), so "not" costs nothing in lower case.
    """
    index: dict[str, list] = {}
    caps_index: dict[str, list] = {}
    for row in load_lexicon(LEXICON):
        if row.get("category") not in CATEGORIES:
            continue
        entry = Entry(row)
        target = caps_index if entry.caps else index
        for form in term_forms(row):
            words = tuple(_key(m.group()) for m in WORD.finditer(form))
            if words:
                inflected = form != entry.term
                target.setdefault(words[0], []).append((words, entry, inflected))
    for options in (*index.values(), *caps_index.values()):
        # longest first; when two rows give the same words ("crippling" is a row of its
        # own and a form of "cripple"), the row that spells it out wins, then file order
        options.sort(key=lambda item: (-len(item[0]), item[2]))
        seen, unique = set(), []
        for words, entry, _ in options:
            if words not in seen:
                seen.add(words)
                unique.append((words, entry))
        options[:] = unique
    return index, caps_index


@compiled
def _shortcuts() -> tuple[frozenset, dict]:
    """First words that are a term on their own, and first word -> possible second words.

    They let the matcher skip a common word ("a", "of") at once when the phrase it can
    begin ("a world of difference") does not follow.
    """
    index, _ = compiled_lexicon()
    single = frozenset(k for k, options in index.items() if any(len(w) == 1 for w, _ in options))
    seconds = {k: frozenset(w[1] for w, _ in options if len(w) > 1) for k, options in index.items()}
    return single, seconds


# --- words of the text ---------------------------------------------------------------

def _words(text: str) -> tuple[list[int], list[int], list[str]]:
    """Start, end and lookup key (lower case, straight apostrophe) of every word."""
    lowered = text.lower().replace("\u2019", "'")
    if len(lowered) != len(text):  # a rare letter whose lower case is longer
        spans = [m.span() for m in WORD.finditer(text)]
        return ([s for s, _ in spans], [e for _, e in spans],
                [_key(text[s:e]) for s, e in spans])
    spans = [m.span() for m in WORD.finditer(lowered)]
    return [s for s, _ in spans], [e for _, e in spans], [lowered[s:e] for s, e in spans]


def _is_caps(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _title_case(first_letters) -> bool:
    """Do most of these words (function words left out) start with a capital?"""
    letters = list(first_letters)
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _line_has_lowercase(text: str, start: int, end: int) -> bool:
    return any(c.islower() for c in text[start:end])


class _Matcher:
    """Walks the words of one text and finds lexicon terms."""

    def __init__(self, text: str):
        self.text = text
        self.starts, self.ends, self.keys = _words(text)
        self.index, self.caps_index = compiled_lexicon()
        self._title_lines: dict[int, bool] = {}  # line start -> is it a title-case headline
        self._lower_lines: dict[int, bool] = {}  # line start -> has a lower-case letter
        self._newlines = None
        self.placer = Placer(self)

    def joined(self, i: int, j: int) -> bool:
        """Are words i..j-1 separated only by spaces (so they can form one phrase)?"""
        text, starts, ends = self.text, self.starts, self.ends
        return all(GAP.fullmatch(text, ends[k], starts[k + 1]) for k in range(i, j - 1))

    def is_emphasis(self, i: int) -> bool:
        """Is word i a capitals-only lexicon word, written in capitals in a normal line?"""
        if self.keys[i] not in self.caps_index:
            return False
        word = self.text[self.starts[i]:self.ends[i]]
        return _is_caps(word) and self.line_has_lowercase(i)

    def line_of(self, i: int) -> tuple[int, int]:
        """(start, end) of the line word i is on, found by bisection, not by scanning."""
        if self._newlines is None:
            self._newlines = [m.start() for m in NEWLINE.finditer(self.text)]
        k = bisect.bisect_left(self._newlines, self.starts[i])
        return (self._newlines[k - 1] + 1 if k else 0,
                self._newlines[k] if k < len(self._newlines) else len(self.text))

    def line_has_lowercase(self, i: int) -> bool:
        """Is there a lower-case letter on word i's line? Each line is looked at once."""
        start, end = self.line_of(i)
        cached = self._lower_lines.get(start)
        if cached is None:
            cached = self._lower_lines[start] = _line_has_lowercase(self.text, start, end)
        return cached

    def term_at(self, i: int, allow_intensifier: bool = True):
        """(length in words, Entry) of the longest lexicon term starting at word i."""
        keys, n = self.keys, len(self.keys)
        key = keys[i]
        options = self.index.get(key, ())
        if allow_intensifier and self.is_emphasis(i):
            options = (*self.caps_index[key], *options)
        for words, entry in options:
            length = len(words)
            if length > 1 and (i + length > n or keys[i + 1] != words[1]
                               or tuple(keys[i + 2:i + length]) != words[2:]):
                continue
            if entry.category == INTENSIFIER:
                if not allow_intensifier:
                    continue
                if entry.needs_next and not entry.caps and _is_caps(
                        self.text[self.starts[i]:self.ends[i]]):
                    continue
            if length > 1 and not self.joined(i, i + length):
                continue
            if i > 0 and keys[i - 1] in entry.unless_before and not (
                    entry.pos == "verb" and key != entry.verb_base and key.endswith(("ing", "ed"))):
                # a verb row's unless_before is about its base and -s spellings, which can
                # be nouns ("a crush on"); "a crushing blow" is still the adjective
                continue
            if entry.unless_after and any(
                    k in entry.unless_after for k in keys[i + length:i + length + 4]):
                continue
            if entry.needs_next == "noun" and not self.bare_word_at(i + length):
                continue  # "a host of the show" is a person, not an amount
            return length, entry
        return None

    def capitalised(self, i: int) -> bool:
        return 0 <= i < len(self.keys) and self.text[self.starts[i]:self.starts[i] + 1].isupper()

    def inside_name(self, i: int, last: int) -> bool:
        """Are words i..last-1 the capitalised middle of a name ("the Foreign *Corrupt*
        Practices Act") rather than the writer's word? Both neighbours are capitalised words
        with only a space between, on a line that is not a title-case headline."""
        if not (self.capitalised(i) and self.capitalised(i - 1) and self.capitalised(last)):
            return False
        if not self.joined(i - 1, last + 1):
            return False
        return not self.title_line(i)

    def title_line(self, i: int) -> bool:
        """Is word i on a line where most words start with a capital (a headline)?
        Each line is looked at once, however many words on it ask."""
        line_start, line_end = self.line_of(i)
        cached = self._title_lines.get(line_start)
        if cached is None:
            first = bisect.bisect_left(self.starts, line_start)
            last = bisect.bisect_left(self.starts, line_end)
            cached = _title_case(self.text[self.starts[m]] for m in range(first, last)
                                 if self.keys[m] not in FUNCTION_WORDS)
            self._title_lines[line_start] = cached
        return cached

    def bare_word_at(self, i: int) -> bool:
        """Is word i a lower-case word that is not a determiner or pronoun ("questions",
        "key"), or a name before a plural ("Republican senators"), right after the word
        before it? ("a host of *questions*", not "a host of *the* show" or "a host of
        *Fox News*".)"""
        if i >= len(self.keys) or not self.joined(i - 1, i + 1):
            return False
        word = self.text[self.starts[i]:self.ends[i]]
        if word[:1].isupper():  # "a host of Republican senators", not "a host of Fox News"
            for k in range(i + 1, min(i + 4, len(self.keys))):
                if not self.joined(k - 1, k + 1):
                    return False
                later = self.text[self.starts[k]:self.ends[k]]
                if later.islower():
                    return later.endswith("s") and not later.endswith("ss")
            return False
        return word.islower() and self.keys[i] not in FUNCTION_WORDS

    def adjective_at(self, i: int) -> bool:
        if i >= len(self.keys):
            return False
        word = self.text[self.starts[i]:self.ends[i]]
        key = self.keys[i]
        if not word.islower():
            return False
        return key in PLAIN_ADJECTIVES or (len(key) >= 5 and bool(ADJECTIVE_ENDING.search(key)))

    def noun_at(self, i: int) -> bool:
        """Could word i be the noun a loaded adjective just before it describes?"""
        if i >= len(self.keys) or not self.joined(i - 1, i + 1):
            return False
        word = self.text[self.starts[i]:self.ends[i]]
        key = self.keys[i]
        if key in FUNCTION_WORDS or not word[:1].isalpha() or len(word) < 3:
            return False
        if key in self.index and self.term_at(i) is not None:
            return False  # a loaded term of its own comes next: let it be found
        if word[:1].isupper() and not self.title_line(i):
            return False  # a name begins ("cash-strapped Venezuela", "a massive Russian ...")
        return not word.endswith("ly")

    def plain_word_before(self, i: int) -> str:
        """Word i-1, lower case, right before word i with only a space between, and not a
        function word ("the", "very"); else ""."""
        if i < 1 or not self.joined(i - 1, i + 1):
            return ""
        word = self.text[self.starts[i - 1]:self.ends[i - 1]]
        if not word.islower() or self.keys[i - 1] in FUNCTION_WORDS:
            return ""
        return word

    def modifier_before(self, i: int, entry: "Entry") -> bool:
        """Does the word before a loaded term belong to the same verdict? An adjective
        before a loaded noun ("murderous regime", "synodal charade") and an adverb in -ly
        before a loaded adjective ("overly aggressive") make one phrase with it."""
        before = self.plain_word_before(i)
        if not before:
            return False
        if entry.pos == "noun":
            return not before.endswith("ly") and self.adjective_at(i - 1)
        if entry.pos == "adj":
            return (len(before) >= 5 and before.endswith("ly")
                    and self.keys[i - 1] not in NOT_ADVERBS)
        return False

    def paired_adjective_at(self, i: int) -> bool:
        """Are words i, i+1 "and"/"or" and an adjective that is not a term of its own
        ("shocking *and surreal*"): a loaded adjective paired with another in one verdict."""
        if i + 1 >= len(self.keys) or self.keys[i] not in ("and", "or"):
            return False
        if not self.joined(i - 1, i + 2) or not self.adjective_at(i + 1):
            return False
        return self.keys[i + 1] not in self.index or self.term_at(i + 1) is None

    def findings(self):
        """Yield (start, end, category, neutral, rule, term) for every lexicon finding."""
        keys, starts, ends, n = self.keys, self.starts, self.ends, len(self.keys)
        index, caps_index = self.index, self.caps_index
        single, seconds = _shortcuts()
        candidates = [i for i, key in enumerate(keys)
                      if key in index or key in caps_index or "-" in key]
        free = 0  # words before this one already belong to a finding
        for i in candidates:
            if i < free:
                continue
            key = keys[i]
            if (key in single or key in caps_index
                    or (i + 1 < n and keys[i + 1] in seconds.get(key, ()))):
                hit = self.term_at(i)
            else:
                hit = None
            if hit is None:
                if "-" in key:
                    for item in self._hyphen_parts(i):
                        yield item
                        free = bisect.bisect_left(starts, item[1])
                continue
            length, entry = hit
            last = i + length
            if self.inside_name(i, last):  # "the Foreign Corrupt Practices Act"
                free = last
                continue
            if entry.category != INTENSIFIER or entry.caps:
                end_word = last
                if entry.pos in EXTEND_POS and self.noun_at(last):
                    end_word = last + 1
                elif entry.pos in EXTEND_POS and length == 1 and self.paired_adjective_at(last):
                    end_word = last + 2  # "shocking and surreal"
                first = i
                if i - 1 >= free and self.modifier_before(i, entry):
                    first = i - 1  # "murderous regime", "overly aggressive"
                yield (starts[first], ends[end_word - 1], entry.category,
                       self.placer.place(first, i, last, end_word, entry), "lexicon", entry.term)
                free = end_word
                continue
            # an intensifier: look at the word it strengthens
            after = None
            if last < n and self.joined(last - 1, last + 1) and keys[last] in self.index:
                after = self.term_at(last, allow_intensifier=False)
            if after is not None:
                a_len, a_entry = after
                yield (starts[i], ends[last + a_len - 1], a_entry.category,
                       self.placer.place(last, last, last + a_len, last + a_len, a_entry),
                       "intensifier+lexicon", f"{entry.term} + {a_entry.term}")
                free = last + a_len
            elif (entry.needs_next in ("", "adjective", "noun") and last < n
                  and self.joined(last - 1, last + 1) and self.adjective_at(last)):
                yield (starts[i], ends[last], INTENSIFIER, self.text[starts[last]:ends[last]],
                       "intensifier+adjective", entry.term)
                free = last + 1
            elif entry.needs_next in ("", "noun"):
                yield (starts[i], ends[last - 1], INTENSIFIER, entry.neutral, "lexicon",
                       entry.term)
                free = last
            else:
                free = last

    def _hyphen_parts(self, i: int):
        """A hyphenated word that is not itself in the lexicon: a phrase of the lexicon
        written with hyphens ("regime-change"), else a part of it that is a term
        ("US-orchestrated", "homosexual-infested"). The finding is the whole word, as
        people who mark loaded language mark it; when the term is its last part and
        describes (an adjective, or a verb's -ed/-ing form), the noun after it comes
        along too ("US-orchestrated sabotage")."""
        parts = tuple(self.keys[i].split("-"))
        for words, entry in self.index.get(parts[0], ()):
            if words == parts and entry.category != INTENSIFIER:
                yield (self.starts[i], self.ends[i], entry.category, entry.neutral, "lexicon",
                       entry.term)  # the whole word is the phrase: its neutral words as listed
                return
        for number, part in enumerate(parts):
            for words, entry in self.index.get(part, ()):
                if len(words) == 1 and entry.category != INTENSIFIER:
                    end_word = i + 1
                    describes = entry.pos == "adj" or (
                        entry.pos == "verb" and part.endswith(("ed", "ing")))
                    if number == len(parts) - 1 and describes and self.noun_at(i + 1):
                        end_word = i + 2
                    yield (self.starts[i], self.ends[end_word - 1], entry.category,
                           self.placer.hyphen_part(i, number, end_word, entry),
                           "lexicon (part of a hyphenated word)", entry.term)
                    return


# --- voice: own words or someone else's ----------------------------------------------

class _Voice:
    """Knows which stretches of a text are quotations or reported speech."""

    def __init__(self, text: str, words: "_Matcher"):
        # an OCR slip can double a quotation mark (""absolutely false."): read it as one
        self.quotes = quoted_ranges(text.replace('""', '" '))
        self._quote_starts = [s for s, _ in self.quotes]
        self.sentences = sentence_spans(text)
        self._sentence_starts = [s for s, _ in self.sentences]
        reported = []
        cue_sentences = set()
        for i in [i for i, key in enumerate(words.keys) if key in SPEECH_CUES]:
            k = self.sentence_index(words.starts[i])
            if k is None or k in cue_sentences:
                continue
            cue_sentences.add(k)
            reported.append((words.ends[i], self.sentences[k][1]))
        for k in cue_sentences:
            s, e = self.sentences[k]
            tail = SPEECH_TAIL.search(text, s, e)
            if tail and tail.start() > s:
                reported.append((s, tail.start()))
        self.verdicts = self._speaker_verdicts(text)
        reported.extend(self.verdicts)
        for match in ACCORDING.finditer(text):
            k = self.sentence_index(match.start())
            if k is not None and ACCORDING_START.match(text, self.sentences[k][0]):
                reported.append(self.sentences[k])
        # a writer's own insertion in brackets inside a quotation: "(and claim that X)"
        self.insertions = [
            (m.start(), m.end()) for m in BRACKETED.finditer(text)
            if self.quote_at(m.start()) is not None
        ]
        self._insertion_starts = [s for s, _ in self.insertions]
        reported.sort()
        self.reported = reported
        self._reported_starts = [s for s, _ in reported]

    def _speaker_verdicts(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each verdict a named speaker gives: "X called it <...>",
        "X dismissed them as <...>", to the end of the clause (a quotation inside it
        runs to its closing mark)."""
        spans = []
        for pattern in (NAMING_VERB, AS_VERB):
            for match in pattern.finditer(text):
                s, e = self.sentence(match.start())
                if e <= s or PASSIVE_BEFORE.search(text, max(s, match.start() - 40), match.start()):
                    continue
                if match.start() == s:
                    continue  # nobody before the verb: no speaker
                start = match.end()
                quote = self.quote_at(start) or self.quote_at(start + 1)
                stop = CLAUSE_END.search(text, quote[1] if quote else start, e)
                end = stop.start() if stop else e
                if quote and stop and stop.start() < quote[1]:
                    end = quote[1]
                spans.append((start, max(end, quote[1] if quote else end)))
        spans.sort()
        self._verdict_starts = [s for s, _ in spans]
        return spans

    def in_verdict(self, pos: int) -> bool:
        k = bisect.bisect_right(self._verdict_starts, pos)
        return any(s <= pos < e for s, e in self.verdicts[max(0, k - 8):k])

    def sentence_index(self, pos: int):
        k = bisect.bisect_right(self._sentence_starts, pos) - 1
        if k >= 0 and pos < self.sentences[k][1]:
            return k
        return None

    def sentence(self, pos: int) -> tuple[int, int]:
        k = self.sentence_index(pos)
        return self.sentences[k] if k is not None else (pos, pos)

    def quote_at(self, pos: int):
        k = bisect.bisect_right(self._quote_starts, pos) - 1
        if k >= 0 and self.quotes[k][0] <= pos < self.quotes[k][1]:
            return self.quotes[k]
        return None

    def voice(self, pos: int, scare_quote: bool = False) -> str:
        k = bisect.bisect_right(self._insertion_starts, pos) - 1
        if k >= 0 and pos < self.insertions[k][1]:
            return "own"
        if self.quote_at(pos):
            return "quoted"
        if scare_quote:  # the quotation marks are the writer's, even in reported speech
            return "own"
        k = bisect.bisect_right(self._reported_starts, pos)
        if any(s <= pos < e for s, e in self.reported[max(0, k - 8):k]):
            return "quoted"
        return "own"


# --- scare quotes and capitals ------------------------------------------------------

#: A scare quote is a word or two; three words or more are a quoted fragment.
MAX_SCARE_WORDS = 2


def _scare_quotes(text: str, voice: _Voice):
    """Yield (start, end, content, voice_position, None) for short ironic quotations, and
    (start, end, content, voice_position, lexicon row) for a listed word a named speaker
    is quoted as using ("dismissed them as a \"mob\"")."""
    candidates = []
    for s, e in voice.quotes:
        if s > 0 and e < len(text) and text[e] in "\"\u201d":
            candidates.append((s, e, False))
    for match in SINGLE_QUOTED.finditer(text):
        nested = voice.quote_at(match.start()) is not None
        candidates.append((match.start(1), match.end(1), nested))
    for s, e, nested in candidates:
        content = text[s:e]
        words = WORD.findall(content)
        if not 1 <= len(words) <= MAX_SCARE_WORDS or len(content) > 40 or "\n" in content:
            continue
        if words[0].lower() in FUNCTION_WORDS or any(c.isdigit() for c in content):
            continue  # "at the shrine", "about 200 yards": a fragment, not a label
        if content.rstrip()[-1:] in ".,!?;:\u2026" or content != content.strip():
            continue
        if e + 1 < len(text) and (text[e + 1].isalnum()):
            continue
        if len(words) > 1 and all(w[:1].isupper() for w in words):
            continue  # a name or a title ("Fox News"), not irony
        if _nickname(text, s - 1, e + 1, words):
            continue  # Robert "LaVoy" Finicum, Pope "Emeritus" Benedict: part of a name
        before = text[max(0, s - 1 - 40):s - 1]
        if MENTION_CUE.search(before):
            continue
        trigger = SCARE_TRIGGER.search(before)
        if not trigger and not nested and voice.in_verdict(s - 1):
            # 'dismissed them as a "mob"': the speaker's word, not the writer's irony;
            # a word on the list is still loaded, in the speaker's voice, marks and all
            entry = _list_entry(content)
            if entry is not None:
                yield s - 1, e + 1, content, s, entry
            continue
        start = s - 1
        if trigger:
            start = s - 1 - len(before) + trigger.start()
        elif not nested:
            sent_start, _ = voice.sentence(s)
            if REPORTED_CUE.search(text, sent_start, s - 1):
                continue  # someone's word in their reported speech, not the writer's irony
        yield start, e + 1, content, s - 1, None


#: A capitalised word right before an opening mark / right after a closing mark, with
#: one space between: the two halves of a name around a nickname.
NAME_BEFORE = re.compile(r"(?:^|[\s\u00a0])[A-Z][^\W\d_]*[.]?[ \u00a0]$")
NAME_AFTER = re.compile(r"[ \u00a0][A-Z][^\W\d_]")


def _nickname(text: str, start: int, end: int, words: list) -> bool:
    """Is the quotation text[start:end] (marks included) a nickname or a title inside a
    name: one capitalised word between two capitalised words, 'Robert "LaVoy" Finicum',
    'Pope "Emeritus" Benedict'? Then it is part of the name, not the writer's irony."""
    if len(words) != 1 or not words[0][:1].isupper():
        return False
    return bool(NAME_BEFORE.search(text, max(0, start - 30), start)
                and NAME_AFTER.match(text, end))


_OPENING_MARKS = " \t\u00a0\"'\u201c\u2018*#"


def _caps_headlines(text: str):
    """Runs of capitals ending in ? or !: two words or more, or one that opens a line
    ("CHAOS?"); a lone acronym in a sentence ("What next for NATO?") is not one."""
    line_start, searched, content_end = 0, 0, 0  # the last line start before ``searched``: each character is looked at once
    for run in CAPS_RUN.finditer(text):
        marks = HEADLINE_MARKS.match(text, run.end())
        if marks is None:
            continue
        start, end = run.start(), marks.end()
        words = run.group().split()
        letters = sum(c.isalpha() for c in run.group())
        newline = text.rfind("\n", searched, start)
        if newline >= 0:
            line_start = newline + 1
        kept = len(text[searched:start].rstrip(_OPENING_MARKS + "\n"))
        if kept:
            content_end = searched + kept  # just after the last word character before ``start``
        searched = start
        opens_line = content_end <= line_start
        if letters >= 4 and (len(words) >= 2 or opens_line):
            yield start, end


# --- confidence: sure / check this ----------------------------------------------------

@compiled
def _term_pos() -> dict:
    """Lexicon term -> its part of speech (``pos`` column)."""
    return {row["term"]: row.get("pos", "") for row in load_lexicon(LEXICON)}


@compiled
def confidence_rules() -> list[tuple[str, str, str, str, str]]:
    """[(rule, category, pos, confidence, why)] from ``loaded_confidence.csv``, in order."""
    rules = []
    for row in load_lexicon(CONFIDENCE_TABLE):
        tier = row.get("confidence", "").strip()
        if tier not in CONFIDENCE:
            raise ValueError(f"{CONFIDENCE_TABLE}.csv: confidence must be one of "
                             f"{', '.join(CONFIDENCE)}, not {tier!r} (row {row})")
        rules.append((row["rule"].strip(), row["category"].strip(), row["pos"].strip(),
                      tier, row.get("why", "").strip()))
    return rules


def tier_key(rule: str, category: str, term: str) -> tuple[str, str, str]:
    """(rule, category, part of speech): what the confidence table is keyed on."""
    pos = _term_pos().get(term, "") if rule.startswith("lexicon") else ""
    return rule, category, pos or "-"


@compiled
def confidence(rule: str, category: str, term: str) -> tuple[str, str]:
    """(``sure`` or ``check this``, why) for one finding, from the confidence table."""
    key = tier_key(rule, category, term)
    for *pattern, tier, why in confidence_rules():
        if all(p == "*" or p == k for p, k in zip(pattern, key)):
            return tier, why
    return "check this", ""


# --- the detector --------------------------------------------------------------------

def _list_entry(content: str):
    """The lexicon row that is the whole of ``content`` ("mob", "reckless"), or None."""
    words = _Matcher(content)
    if words.keys:
        hit = words.term_at(0)
        if hit is not None and hit[0] == len(words.keys) and hit[1].category != INTENSIFIER:
            return hit[1]
    return None


def _neutral_for(content: str) -> str:
    """What to write instead of a word in scare quotes: the list's neutral word when the
    quoted word is on the list ('the so-called "mob"' -> "crowd"), never the loaded word
    itself; otherwise the word without its quotation marks."""
    words = _Matcher(content)
    entry = _list_entry(content)
    if entry is None:
        return content
    return words.placer.place(0, 0, len(words.keys), len(words.keys), entry)


#: The confidence table's reason for a word in the writer's own voice, and what is said
#: instead when the word is in someone's quoted words.
OWN_VOICE_WHY = "in the writer's own voice"
QUOTED_WHY = "a word that judges, here in the words of someone the report quotes"


def detect(text: str) -> pd.DataFrame:
    """Find loaded language in ``text``: one row per finding, longest finding wins.

    Columns: ``start``, ``end`` (character offsets, end exclusive), ``text``,
    ``category``, ``voice`` (own / quoted), ``neutral`` (a plainer alternative),
    ``rule`` (which rule found it), ``term`` (the lexicon row, if any),
    ``confidence`` (``sure`` / ``check this``) and ``why`` (the reason for that tier).
    """
    matcher = _Matcher(text)
    voice = _Voice(text, matcher)
    found = []
    for start, end, category, neutral, rule, term in matcher.findings():
        found.append((start, end, category, neutral, rule, term, start))
    for start, end, content, where, entry in _scare_quotes(text, voice):
        if entry is not None:  # a listed word quoted from a named speaker
            found.append((start, end, entry.category, _neutral_for(content), "lexicon", entry.term,
                          where))
        else:
            neutral = _neutral_for(content)
            if start < where and neutral == content and SO_CALLED.match(text, start):
                # the so-called "coup": drop only "so-called"; without its quote marks the
                # word would become the outlet's own, stated as fact
                neutral = text[where:end]
            found.append((start, end, "scare_quotes", neutral, "scare quotes", "", where))
    for start, end in _caps_headlines(text):
        found.append((start, end, "loaded_headline", "(a plain statement, no capitals or question)",
                      "capitals headline", "", start))
    kept: list[tuple] = []
    taken_starts: list[int] = []  # kept spans never overlap, so their starts and ends
    taken_ends: list[int] = []    # sort alike and two bisections find any clash
    for item in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
        start, end = item[0], item[1]
        k = bisect.bisect_left(taken_starts, end)
        if k > 0 and taken_ends[k - 1] > start:
            continue
        taken_starts.insert(k, start)
        taken_ends.insert(k, end)
        kept.append(item)
    rows = []
    for start, end, category, neutral, rule, term, where in kept:
        said_by = voice.voice(where, scare_quote=category == "scare_quotes")
        tier, why = confidence(rule, category, term)
        if said_by == "quoted" and OWN_VOICE_WHY in why:
            why = QUOTED_WHY  # the word is the speaker's, not the writer's
        rows.append({"start": start, "end": end, "text": text[start:end], "category": category,
                     "voice": said_by, "neutral": neutral, "rule": rule, "term": term,
                     "confidence": tier, "why": why})
    return frame(rows, COLUMNS)
