"""What to write instead of a loaded word: the list's neutral word, in the loaded word's place.

``data/lexicons/loaded_terms.csv`` gives each loaded word a ``neutral`` word in its
dictionary form: a verb as a dictionary lists it ("criticise"), a noun in the singular
("person"). A finding offers it in the form and place the text uses, so a student can
put it in the sentence as it stands:

- a verb takes the loaded verb's ending: "slammed" -> "criticised", "slamming" ->
  "criticising", "slashes" -> "cuts"; after "has", "was" and the like the past
  participle ("had been plundered" -> "had been taken");
- an -ing or -ed form that describes a noun is an adjective, decided by the words around
  it, and gets the row's ``neutral_adj``: "the State's crushing rules" -> "heavy rules",
  "the debt is crushing" -> "heavy" (a past form before a noun is the verb's participle:
  "the slashed budget" -> "the cut budget"), but "by crushing dissent", "is crushing dissent",
  "..., crushing the protest" are verbs ("defeating");
- a noun or adjective row whose word is used as a verb ("slaughtered", a form of the noun
  "slaughter") gets the row's ``neutral_verb`` in the verb's form ("killed");
- a plural noun gives a plural: "thugs" -> "people", "liars" -> "people who said
  false things";
- the words the finding took along stay as written: "callous decision" keeps
  "decision", "endless charade" keeps "endless"; an -ly adverb before the loaded word
  judges with it and goes ("illegally self-declared" -> "declared");
- ``(leave out)``, or an instruction that starts so, drops the word: "so-called experts"
  -> "experts"; any other text in brackets is advice to the reader and is shown as it is
  ("(their job or role: e.g. former contractor)");
- a capital letter at the start of a sentence or in a headline stays: "Slashes" -> "Cuts";
  mid-sentence the capital was the loaded word's own and goes ("Trump is Exhibit A" ->
  "Trump is an example").
"""
from __future__ import annotations

import re

from ._text import plural

#: The common irregular verbs (past tense, past participle). Grammar, not loaded words:
#: a neutral verb that is irregular must be here, and a test checks that it is.
IRREGULAR_VERBS = {
    "be": ("was", "been"), "become": ("became", "become"), "begin": ("began", "begun"),
    "break": ("broke", "broken"), "bring": ("brought", "brought"), "build": ("built", "built"),
    "buy": ("bought", "bought"), "catch": ("caught", "caught"), "choose": ("chose", "chosen"),
    "come": ("came", "come"), "cost": ("cost", "cost"), "cut": ("cut", "cut"),
    "deal": ("dealt", "dealt"), "do": ("did", "done"), "draw": ("drew", "drawn"),
    "drive": ("drove", "driven"), "eat": ("ate", "eaten"), "fall": ("fell", "fallen"),
    "feel": ("felt", "felt"), "fight": ("fought", "fought"), "find": ("found", "found"),
    "forbid": ("forbade", "forbidden"), "get": ("got", "got"), "give": ("gave", "given"),
    "go": ("went", "gone"), "grow": ("grew", "grown"), "have": ("had", "had"),
    "hear": ("heard", "heard"), "hide": ("hid", "hidden"), "hit": ("hit", "hit"),
    "hold": ("held", "held"), "hurt": ("hurt", "hurt"), "keep": ("kept", "kept"),
    "know": ("knew", "known"), "lay": ("laid", "laid"), "lead": ("led", "led"),
    "leave": ("left", "left"), "lend": ("lent", "lent"), "let": ("let", "let"),
    "lose": ("lost", "lost"), "make": ("made", "made"), "mean": ("meant", "meant"),
    "meet": ("met", "met"), "mislead": ("misled", "misled"), "pay": ("paid", "paid"),
    "put": ("put", "put"), "quit": ("quit", "quit"), "read": ("read", "read"),
    "rise": ("rose", "risen"), "run": ("ran", "run"), "say": ("said", "said"),
    "see": ("saw", "seen"), "seek": ("sought", "sought"), "sell": ("sold", "sold"),
    "send": ("sent", "sent"), "set": ("set", "set"), "shake": ("shook", "shaken"),
    "shut": ("shut", "shut"), "speak": ("spoke", "spoken"), "spend": ("spent", "spent"),
    "stand": ("stood", "stood"), "steal": ("stole", "stolen"), "strike": ("struck", "struck"),
    "take": ("took", "taken"), "teach": ("taught", "taught"), "tell": ("told", "told"),
    "think": ("thought", "thought"), "throw": ("threw", "thrown"),
    "understand": ("understood", "understood"), "win": ("won", "won"),
    "withdraw": ("withdrew", "withdrawn"), "write": ("wrote", "written"),
}
#: Words before a past form that make it the participle: "has been *cut*", "was *taken*".
AUXILIARIES = frozenset(
    "have has had having 've is are was were be been being am get gets got gotten 's 're"
    .split()
)
#: "is crushing": a form of "be" before an -ing word makes it a verb, unless nothing
#: follows ("the debt is crushing": an adjective after "is").
BE_FORMS = frozenset("is are was were be been being am 's 're seem seems seemed".split())
#: Before an -ing word these make it a verb (a gerund): "by crushing dissent".
GERUND_BEFORE = frozenset(
    "by after before while without since "
    "keep keeps kept start starts started stop stops stopped begin begins began begun "
    "continue continues continued avoid avoids avoided risk risks risked "
    "i we you he she it they who which that".split()
)
#: Before a word these make it the start of a noun phrase: "the *crushing* rules".
DETERMINERS = frozenset(
    "the a an this that these those its his her their our my your whose some any no every "
    "each such another what".split()
)
#: Words right after an -ing or -ed word that show it has an object, so it is a verb:
#: "crushing *the* protest", "slashed *its* staff".
OBJECT_STARTS = frozenset(
    "the a an its his her their our my your this that these those them him it us me "
    "some any all".split()
)
#: Words that come after the head noun of a neutral phrase ("person *who* said ...").
POSTMODIFIERS = frozenset(
    "who that which of with in to from for accused hostile receiving warning responsible "
    "backed defying dependent".split()
)
#: Nouns with no plural: "bloodbaths" -> "violence", not "violences".
UNCOUNTABLE = frozenset(
    "violence damage enforcement dismay support anger alarm excitement hostility force "
    "information advice evidence news messaging teaching behaviour criticism disorder "
    "prejudice caution inconsistency".split()
)
#: Punctuation that opens a clause: "Abandons Rural Moms, *Slashing* Maternity Care".
CLAUSE_OPENER = re.compile(r"[,;:(\u2014\u2013]|\s-\s")
INSTRUCTION = "("
LEAVE_OUT = "(leave out"


def _doubles(word: str) -> bool:
    """A one-syllable verb ending consonant-vowel-consonant doubles it: slam, slammed."""
    return bool(re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", word.rsplit("-", 1)[-1]))


def verb_forms(verb: str) -> list[str]:
    """The regular forms of a verb: base, -s, -ed, -ing (slash, slashes, slashed, slashing)."""
    if re.search(r"[^aeiou]y$", verb):
        return [verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    third = plural(verb)
    if verb.endswith("ie"):
        return [verb, third, verb + "d", verb[:-2] + "ying"]
    if verb.endswith("ee"):
        return [verb, third, verb + "d", verb + "ing"]
    if verb.endswith("e"):
        return [verb, third, verb + "d", verb[:-1] + "ing"]
    if _doubles(verb):
        return [verb, third, verb + verb[-1] + "ed", verb + verb[-1] + "ing"]
    return [verb, third, verb + "ed", verb + "ing"]


def verb_form(word: str, base: str, base_is_dictionary_form: bool = True) -> str:
    """Which form of a verb ``word`` is: ``base``, ``s`` (slashes), ``past`` (slashed,
    tore), ``ing`` (slashing). ``base`` is the row's word; when the row lists a form
    rather than the dictionary form ("blasted", "lying"), the ending decides."""
    word, base = word.lower(), base.lower()
    if word == base and base_is_dictionary_form:
        return "base"
    if word.endswith("ing"):
        return "ing"
    if word.endswith("ed"):
        return "past"
    if word == base:
        return "base"
    if word.endswith("s") and not word.endswith("ss"):
        return "s"
    return "past"


def inflect_verb(neutral: str, form: str, participle: bool = False) -> str:
    """``neutral`` (a verb in its dictionary form, maybe with words after it: "give in")
    in ``form``: base, s, past or ing."""
    first, _, rest = neutral.partition(" ")
    if form == "base":
        word = first
    elif form == "past" and first in IRREGULAR_VERBS:
        word = IRREGULAR_VERBS[first][1 if participle else 0]
    elif first == "be":
        word = {"s": "is", "ing": "being"}.get(form, "was")
    elif first == "have":
        word = {"s": "has", "ing": "having"}.get(form, "had")
    else:
        forms = verb_forms(first)
        word = {"s": forms[1], "past": forms[2], "ing": forms[3]}[form]
    return f"{word} {rest}" if rest else word


def pluralise(neutral: str) -> str:
    """The plural of a neutral noun phrase: its head noun made plural ("person who said
    false things" -> "people who said false things", "person" -> "people")."""
    words = neutral.split()
    if words and words[0] in ("a", "an"):
        words = words[1:]
    if not words:
        return neutral
    head = len(words) - 1
    for k, word in enumerate(words[1:], 1):
        if word in POSTMODIFIERS:
            head = k - 1
            break
    word = words[head]
    if word in UNCOUNTABLE or (word.endswith("s") and not word.endswith("ss")):
        return " ".join(words)  # "violence", "job cuts": already right for many
    special = {"person": "people", "child": "children"}
    if word in special:
        words[head] = special[word]
    elif word.endswith("man"):
        words[head] = word[:-3] + "men"  # man, woman, salesman
    else:
        words[head] = plural(word)
    return " ".join(words)


def _capitalise_like(original: str, words: str, starts: bool = True) -> str:
    """``words`` with a capital where ``original`` has one and a capital is needed there:
    ``starts`` says the finding opens a sentence or stands in a headline ("Slashes" ->
    "Cuts"); mid-sentence a capital was the loaded word's own ("Trump is Exhibit A ...")."""
    if starts and original[:1].isupper() and words[:1].islower():
        return words[:1].upper() + words[1:]
    return words


#: What may stand between a sentence's end and its next word: spaces, quote marks, brackets.
SENTENCE_START = re.compile(r"(?:^|[.!?:\n])[\s\"'\u201c\u2018(\[*#-]*$")


class Placer:
    """Puts a lexicon row's neutral word in the place of one finding of a matcher."""

    def __init__(self, matcher):
        self.m = matcher

    # --- what the words around a word say about it --------------------------------

    def _word(self, k: int) -> str:
        return self.m.keys[k] if 0 <= k < len(self.m.keys) else ""

    def _joined_before(self, i: int) -> bool:
        return i > 0 and self.m.joined(i - 1, i + 1)

    def _clause_starts_at(self, i: int) -> bool:
        """Does a clause open just before word i (a comma, a dash, a bracket)?"""
        m = self.m
        gap = m.text[m.ends[i - 1]:m.starts[i]] if i > 0 else ""
        return bool(CLAUSE_OPENER.search(gap))

    def _ends_clause(self, k: int) -> bool:
        """Does the clause end before word k (no word joined after, or punctuation)?"""
        m = self.m
        return k >= len(m.keys) or not m.joined(k - 1, k + 1)

    def describes(self, i: int, last: int, form: str) -> bool:
        """Is the -ing or -ed word i..last-1 an adjective here? Before a noun after a
        determiner or a possessive ("the State's crushing rules", "face crushing debt"),
        or alone after "is" ("the debt is crushing"); not when the grammar makes it a verb:
        a clause opens before it ("..., crushing the protest"), "by", "is" or a subject
        comes before it, or an object follows ("crushing the protest")."""
        m = self.m
        before = self._word(i - 1) if self._joined_before(i) else ""
        after = self._word(last)
        if form == "ing" and before in BE_FORMS:
            return self._ends_clause(last)  # "is crushing." / "is crushing dissent"
        if before in GERUND_BEFORE or before in AUXILIARIES:
            return False
        if not self._joined_before(i) and i > 0 and self._clause_starts_at(i):
            return False  # a participle clause
        if self._ends_clause(last) or after in OBJECT_STARTS or not m.noun_at(last):
            return False
        if form == "past":  # "slashed staff" is a verb; "the slashed budget" an adjective
            return before in DETERMINERS or (i > 0 and m.text[m.ends[i - 1] - 2:m.ends[i - 1]]
                                              in ("'s", "\u2019s"))
        if i == 0 or not self._joined_before(i):
            return m.title_line(i)  # a headline opening "Crushing Defeat for ..."
        return True

    def participle(self, i: int) -> bool:
        return self._joined_before(i) and self._word(i - 1) in AUXILIARIES

    # --- the neutral word -----------------------------------------------------------

    def core(self, i: int, last: int, entry) -> str:
        """The neutral word for the term at words i..last-1, in the form the text uses."""
        neutral = entry.neutral
        word = self._word(i)
        spelled = tuple(self.m.keys[i:last])
        if entry.pos == "verb":
            verb = neutral
        elif (entry.pos == "adj" and entry.neutral_verb and word.endswith("ing")
              and self._joined_before(i) and self._word(i - 1) in BE_FORMS
              and not self.describes(i, last, "ing")):
            # an -ing adjective row used as a verb, with the crush row's check: "are
            # crippling Venezuela", "is crippling the economy" -> "damaging"
            return inflect_verb(entry.neutral_verb, "ing")
        elif spelled not in entry.noun_forms and (entry.neutral_verb or entry.neutral_adj):
            verb = entry.neutral_verb  # a noun's or an adjective's word used as a verb
        else:
            verb = None
        if verb is not None:
            dictionary_form = entry.inflects if entry.pos == "verb" else bool(entry.verb_base)
            form = verb_form(word, entry.verb_base or word, dictionary_form)
            # an -ing adjective takes neutral_adj ("crushing debt" -> "heavy debt"); a
            # past-form one is still the verb's participle ("the slashed budget" -> "the
            # cut budget")
            if form in ("ing", "past") and entry.neutral_adj and (
                    not verb or (form == "ing" and self.describes(i, last, form))):
                return entry.neutral_adj
            if not verb or verb.startswith(INSTRUCTION):
                return verb or neutral
            return inflect_verb(verb, form, participle=self.participle(i) or (
                form == "past" and self.describes(i, last, form)))
        if neutral.startswith(INSTRUCTION):
            return neutral
        if spelled in entry.plural_forms:
            return pluralise(neutral)
        return neutral

    def hyphen_part(self, i: int, number: int, end_word: int, entry) -> str:
        """The neutral words for a hyphenated word marked for its part ``number``
        ("US-orchestrated sabotage"): the part's neutral word in its place in the word
        ("US-organised sabotage"), the noun taken along kept. A part whose neutral word is
        advice or several words gives that advice or those words alone."""
        m = self.m
        parts = m.text[m.starts[i]:m.ends[i]].split("-")
        part = parts[number]
        core = entry.neutral
        if entry.pos == "verb" and not core.startswith(INSTRUCTION):
            form = verb_form(part, entry.verb_base or part, entry.inflects)
            core = inflect_verb(core, form, participle=form == "past")
        if core.startswith(INSTRUCTION) or " " in core:
            return core
        parts[number] = core if part[:1].islower() else core[:1].upper() + core[1:]
        after = m.text[m.ends[i]:m.ends[end_word - 1]] if end_word > i + 1 else ""
        return " ".join(("-".join(parts) + after).split())

    def place(self, first: int, i: int, last: int, end_word: int, entry) -> str:
        """The neutral words for the finding at words first..end_word-1, whose term is
        words i..last-1: the core neutral word with the words taken along kept."""
        m = self.m
        core = self.core(i, last, entry)
        before = m.text[m.starts[first]:m.starts[i]] if first < i else ""
        if before and all(w.lower().endswith("ly") for w in before.split()):
            before = ""  # an adverb that strengthens the loaded word judges with it ("illegally self-declared")
        after = m.text[m.ends[last - 1]:m.ends[end_word - 1]] if end_word > last else ""
        original = m.text[m.starts[first]:m.ends[end_word - 1]]
        starts = self.opens_sentence(first)
        if core.startswith(LEAVE_OUT):
            kept = " ".join((before + after).split())
            return _capitalise_like(original, kept, starts) if kept else core
        if core.startswith(INSTRUCTION):
            return core
        return _capitalise_like(original, " ".join((before + core + after).split()), starts)

    def opens_sentence(self, i: int) -> bool:
        """Does word i open a sentence or a line, or stand in a headline?"""
        m = self.m
        start = m.starts[i] if i < len(m.starts) else 0
        return bool(SENTENCE_START.search(m.text, max(0, start - 12), start)) or m.title_line(i)
