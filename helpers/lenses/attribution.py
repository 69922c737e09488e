"""Attribution lens: who is said to have said it, and how the text names or hides them.

A finding is a *cue* ("said", "according to", "citing", "was quoted as saying") with
the *source* it points to ("Analyst Mark Galeotti", "an unnamed source close to the
Russian Defense Ministry", "The Wall Street Journal"). ``start``/``end`` cover the
source and its cue together, e.g. "Analyst Mark Galeotti estimates".

How it reads, step by step (each step is a small function below; the words it uses
are in ``data/lexicons/attribution_cues.csv``, ``attribution_sources.csv`` and
``attribution_verbs.csv``, which a teacher can read and extend. What stays in this file
are short closed lists of English grammar words that no story adds to: articles,
determiners and pronouns, auxiliaries and helpers, prepositions and link words, days and
months, question words (``STOP_WORDS``, ``LINK_WORDS``, ``TIME_WORDS`` … at the top).
Words a reader might want to change, such as where someone spoke ("interview",
"speaking to": ``channel`` classes in attribution_verbs.csv) or surnames in -s, are in
the files):

1. Find every cue of the cue lexicon, as whole words in any case. Skip a cue inside a
   quotation (that is the quoted person's own reporting: "“I said no,” he said" gives
   one finding), unless the quotation is a passage of an article ("“…, according to
   people familiar with the situation,” reports Fox News"), or the cue opens a partial
   quotation (Rostec "believe(s) …"). Skip a cue inside a web address, a passive that
   is not about speech ("was denied asylum"), a noun or adjective use ("the alleged
   plot", "Sanders' call for") and what someone else is reported to say ("He said CNN
   had tweeted …": the nested "tweeted" belongs to his words). The ``needs`` column
   makes weaker cues ("called", "shows", "believes") count only with a speaker.
   A one-word cue in -ing is a verb only after "is/are/was", a comma, a closing quote
   or "with X" ("officials are saying", ", adding"); after a noun or another verb it
   is a noun ("declined questioning") and nobody is speaking.
2. Find its source. A cue marked ``source=after`` ("according to X", "citing X") takes
   the noun phrase after it. Other cues take the noun phrase just before ("X said"),
   read backwards over words like "has", "also", "on Monday"; right after a quotation
   they take the phrase after ("…,” said Lavrov); a passive with "by" takes the phrase
   after "by" ("as noted by X"). Between commas, dashes or brackets, a description is
   read over ("Joe Smith, a spokesman, said"); "who said" takes the noun before "who".
   A source never runs over a line break (a headline is not part of "The Kremlin said").
   A participle after a comma (", saying") or "and said" borrows the source of its
   sentence. Some cues carry their source in other ways: ``source=none`` hides it
   ("plans are expected to cease": expected by whom?), ``source=line`` is a source
   line of a web page ("Originally published at: …"), ``outlet_before`` is an
   outlet's text ("a Wall Street Journal report"), a name before a colon at the
   start of a line is a headline's speaker ("Mayor Reyes: 'We will rebuild'"), and a
   line "Name / Agency" credits a photographer and the agency relaying the picture.
3. Sort the source into a kind with the source lexicon: ``anonymous`` (a hidden person:
   "officials", "a source close to …"), ``vague_collective`` ("experts", "reports"),
   ``outlet`` ("The Wall Street Journal", "the newspaper"), ``document`` ("a
   statement"), ``named_org`` ("the ministry", "the Kremlin", "Moscow") or
   ``named_person`` ("Sergei Lavrov"). A pronoun ("he") points back to the last source
   of a fitting kind; a lone surname takes the kind of its earlier full name; "the
   article" and "the outlet" stand for the outlet the text cited last. A lone
   capitalised plural ("Patients said", "Nurses say") is a group unless the text
   writes it after a first name or a title ("Bernie Sanders") or the source lexicon
   lists it as a surname (``surname``: "Reyes", read as a person to check). No source opens with a
   count ("14 people for blocking Route 9"), only with a share ("38 percent of voters"),
   and a lone -ing word ("testing tells") is an activity, not a speaker.
4. ``proximity`` is how close a hidden source is said to be ("close to the Russian
   Defense Ministry"); ``via`` is the outlet that relays it ("who spoke with the
   Journal", "one of WSJ's sources", "The Journal reported Sunday, citing …", the
   outlet whose article is quoted, or, for a hidden source, the outlet the text cited
   before).

5. ``confidence`` is "sure" for a cue the lexicon gives without conditions ("said",
   "according to") with its speaker where the grammar puts it, and "check this" for a
   word not always about speech ("believes", "called"), a speaker borrowed from the
   start of the sentence (", saying"), a passive that hides its source, a headline's
   colon or a photo credit (a word not always about speech is "sure" again when its
   speaker's quotation follows it: 'Critics called the move a "shameful attack"');
   ``rule`` says which, in a reader's words
   ('speech word "said" with a subject'). Other grammar read on the way: quotative
   inversion ("…, said Jake Horowitz, editor"), the subject of a control verb speaking
   in the infinitive after it ("Clinton is continuing to insist"), a sentence opening
   with "Asked …" and a "when asked" clause sharing the main clause's speaker.

6. Grammar added for news nobody here has read (issue 15): "X, who said" takes X, and
   the source runs on to "who" (a long "who" clause between a name and its verb is
   read over); a group word alone is a subject ("many believe", "some saw"); a verb
   after "and has" or a dash shares its sentence's speaker; a verb's dictionary form
   ("support", "question") counts after a helper ("will support") or with a plural
   subject ("officials say"), never after a determiner or a preposition ("the big
   question", "by email"); a noun for a claim or a view with whose it is before it
   ("Beck's contention that", "in Bolton's view") and a person with a verb the list
   does not hold and a "that" clause ("Ackman is convinced that") are "check this".
   Studied on the training folds only (issue 15): a poll, study or report a few words
   before "show", "find", "suggest", "reveal" ("polls from Monmouth and CNN show", "Did
   the investigation find") is the source of what it found; a name right before "to
   endorse", "to oppose", "to back" … ("AFL-CIO to endorse Clinton", "Grijalva was the
   first Democrat to endorse") takes that stand, unless a verb asks it to ("urged
   Congress to reject"); a share of a group ("a majority of her backers say", "22
   percent say") speaks with the group's verb; "upon saying" shares its sentence's
   speaker like "after saying". All but the share are "check this". The speaker is read
   back over "twice" and a contracted "not" ("has twice complained", "didn't express");
   "by" and an -ing word after an active verb is how it was said, not who ("interjected
   by hitting Trump"); a plural's possessive stays in the phrase ("the transit workers'
   union said"); a share of a group ("Half of the riders") is that group, not a person.

7. From a blind test on an invented story (issue 15): "she said" after a paragraph that
   opens with a new person's full name is that person; the name before a title and a
   "which" clause is the source ("Marcia Delacroix, the chief executive of …, which owns
   the hospital, said"); a "who asked not to be named …" clause, with or without commas,
   makes one anonymous source; "did not respond" is no source; a thing offered or
   rejected in a relative clause ("a service it has offered since 1961") is no speech,
   while a thought is still someone's ("the only country they know"); a name after a
   capital "The" and a name ending in an organisation word are not people; a document
   and the name after "by" is that name's document ("released by") or only seen by it
   ("seen by", an outlet there relays it), from ``attribution_verbs.csv``; a line break
   is read as a wrap only when it looks like one; a "who" clause before the verb gives
   its antecedent ("riders who came to … say"); "X was told" is a passive.

8. From own stories (issue 15, second round): ``via`` is the outlet a quote came through
   when the text says so: "told the Ledger" (a short name the text gave in full before is
   given in full), "said in an interview with Fox News", "in a statement to the Ledger",
   "Speaking to reporters from the Times, X said", an outlet a byline near the top names
   ("By Travis Boone | Heartland Now": later "told Heartland Now"), "told the Ledger the
   plant was safe" (the capitalised run after "told", as a short form of an outlet), and
   "On Fox News, X said" when the name after "On" is an outlet of the lexicon, ends in a
   word for one, or was named as an outlet earlier (a byline); any other name after "On"
   is what was spoken about ("On Maduro,"), not an outlet. A lone capitalised word in -es
   is a group ("Airlines said", "Rules say") unless the text writes it after a first name
   or the source lexicon lists it as a surname ("Reyes", a person to check); "Widely believed rumours
   say" has no speaker "Widely"; "experts link X to Y" is a claim (``needs`` =
   ``speaker_to``); "its owner said" is one organisation the text names, not a vague group;
   "no." ends a sentence unless a number follows ("No. 5").

It is a rule of thumb, not a parser: it misses sources far from their cue and
sometimes takes a noun phrase that is not the speaker. Those misses are part of the
lesson.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter

import pandas as pd

from . import registry as _registry
from ._text import (  # noqa: F401  (reload_lexicons is this lens's too)
    HEADLINE_MAX, Phrases, Ranges, Sentences, alternation, compiled, frame, is_title_case, load_lexicon, quoted_ranges,
    reload_lexicons, singular,
)

COLUMNS = (
    "kind", "named", "source", "proximity", "via", "cue",
    "cue_start", "cue_end", "source_start", "source_end", "confidence", "rule",
)
DTYPES = {"kind": "str", "named": "bool", "source": "str", "proximity": "str", "via": "str",
          "cue": "str", "cue_start": "int64", "cue_end": "int64", "source_start": "int64",
          "source_end": "int64", "confidence": "str", "rule": "str"}
#: The two tiers a reader can show or hide: "sure" findings are a speech word with its
#: speaker where the grammar puts it; "check this" are weaker (a word that is often not
#: about speech, a speaker borrowed from earlier in the sentence, a headline's colon).
SURE, CHECK = _registry.CONFIDENCE
KINDS = tuple(_registry.ATTRIBUTION_KINDS)

# --- grammar words the rules need (the lexicons hold the news vocabulary) ------------

QUOTE_MARKS = frozenset("\"\u201c\u201d\u201e\u2018\u2019'")
CLOSING_QUOTES = frozenset("\"\u201d\u2019'")
DETERMINERS = frozenset({
    "the", "a", "an", "one", "two", "three", "four", "five", "several", "some", "many",
    "other", "another", "his", "her", "their", "its", "our", "this", "these", "those",
    "both", "all", "most", "few", "no", "each", "any",
})
ARTICLES = frozenset({"the", "a", "an", "this", "these", "those", "his", "her", "their", "its",
                      "our", "some", "other", "another", "all", "both", "each", "any", "no"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
# Words a speaker's noun phrase does not contain: they end it.
STOP_WORDS = frozenset({
    "that", "which", "whom", "whose", "when", "where", "while", "because", "but", "if",
    "as", "than", "so", "or", "nor", "is", "was", "are", "were", "be", "been", "being",
    "has", "have", "had", "will", "would", "could", "should", "can", "may", "might",
    "must", "do", "does", "did", "not", "to", "also", "there", "here", "then", "now",
    "just", "only", "even", "still", "yet", "however", "although", "though", "after",
    "before", "since", "until", "upon", "about", "into", "over", "under", "against", "during",
    "without", "through", "like", "what", "why", "how", "whether", "and", "this",
    "him", "them", "us", "me", "my", "your", "it", "they", "he", "she", "we", "i", "you",
    "said", "says", "say", "told", "according", "recently", "later", "earlier",
    "already", "once", "again", "never", "always", "often", "very", "too", "last",
    "next", "ago", "reportedly", "allegedly", "apparently", "nothing", "something",
    "everything", "anything", "nobody", "somebody", "anybody", "thus", "therefore",
    "hence", "instead", "meanwhile", "whatever", "whoever", "either", "neither",
})
# Grammar words allowed inside a source phrase: "a source close to the ministry".
LINK_WORDS = frozenset({"of", "for", "in", "at", "from", "with", "on", "close", "familiar",
                        "near", "inside", "within", "to", "who", "and", "&", "knowledge",
                        "ties", "briefed"})
# "to" belongs to a source phrase only after these: "a source close to", "envoy to".
BEFORE_TO = frozenset({"close", "closer", "next", "near", "adviser", "advisers", "advisor",
                       "advisors", "ambassador", "envoy", "aide", "aides", "counselor",
                       "spokesman", "spokeswoman", "spokesperson", "secretary", "assistant",
                       "deputy", "successor", "ties", "connected", "linked", "loyal",
                       "representative", "delegate", "delegates", "minister", "consultant"})
# Read over these between a source and its cue: "the Kremlin has since warned".
SKIP_BEFORE_CUE = frozenset({
    "has", "have", "had", "was", "were", "is", "are", "also", "previously", "recently",
    "later", "earlier", "since", "once", "again", "further", "then", "now", "already",
    "first", "initially", "finally", "separately", "similarly", "likewise", "repeatedly",
    "publicly", "privately", "reportedly", "allegedly", "apparently", "last", "this",
    "week", "month", "year", "night", "morning", "afternoon", "evening", "today",
    "yesterday", "tonight", "still", "openly", "explicitly", "quickly", "flatly", "even",
    "never", "always", "often", "would", "will", "could", "might", "may", "did", "does",
    "do", "not", "long", "however", "too", "later", "recently", "subsequently", "just",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "on",
    "been", "being", "both", "all", "twice", "thrice",
})
NOT_ADVERBS = frozenset({"family", "rally", "ally", "supply", "italy", "assembly", "july",
                         "bully", "belly", "jelly", "reply", "anomaly", "monopoly", "tally"})
TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                        "sunday", "today", "yesterday", "tonight", "earlier", "later", "last",
                        "this", "on", "condition"})
QUESTION_WORDS = frozenset({"whether", "if", "why", "how", "what", "when", "where", "who", "about"})
#: "didn't", "wasn’t": a helper with "not" written into it
_NOT_ENDINGS = ("n't", "n\u2019t")
PASSIVE_AUX = frozenset({"was", "were", "is", "are", "be", "been", "being", "get", "got"})
# Words that open a phrase before the main clause: "In March, ...", "Responding to ..., X".
OPENERS = frozenset({"in", "on", "at", "last", "earlier", "later", "after", "before",
                     "responding", "speaking", "asked", "around", "meanwhile", "separately",
                     "weeks", "days", "months", "since", "however", "yet", "but", "and",
                     "still", "also", "then", "now", "during", "under", "for", "with"})
PREPOSITION_HEADS = frozenset({"of", "for", "in", "at", "from", "with", "close", "familiar",
                               "who", "near", "inside", "within", "on", "to"})

# A word keeps an abbreviation's full stop ("Mr.", "U.S.", an initial "J."), not a
# sentence's ("Ministry."), nor one run into the next sentence ("said.Trump"); a
# stop inside a word stays ("Mic.com"); any other mark is a token of its own.
_TOKEN = re.compile(
    r"(?<![\w.'\u2019&-])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Sens|Rep|Reps|Gov|Lt|Col|Maj|Capt|Sgt|Cpl|Pvt|"
    r"Adm|Cmdr|Det|Insp|Supt|Rev|Hon|Pres|Atty|Msgr|Jr|Sr|St|Inc|Corp|Co|Ltd|"
    r"[A-Z]|[A-Za-z](?:\.[A-Za-z])+)\.(?![\w])"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\w|,\d)"  # "10,000" is one number, not "10" "," "000"
    r"|[^\W_](?:(?:[\w'\u2019\u2018&\-]|\.(?![A-Z][a-z]))*[^\W_])?|[^\w\s]")
_SPACES = re.compile(r"[\s\u00a0]+")
_SPACE = re.compile(r"\s")


# --- the two lexicons ----------------------------------------------------------------

class _Lexicons:
    """The attribution lexicons, read and compiled once."""

    def __init__(self):
        self.form_to_row: dict[str, dict] = {}
        self.outlet_nouns: dict[str, dict] = {}
        self.owner_nouns: dict[str, dict] = {}
        for row in load_lexicon("attribution_cues"):
            target = {"outlet_before": self.outlet_nouns,
                      "owner_before": self.owner_nouns}.get(row["source"], self.form_to_row)
            for form in row["forms"].split("|"):
                form = _SPACES.sub(" ", form.strip().lower().replace("\u2019", "'"))
                if form:
                    target.setdefault(form, row)
        self.cues = Phrases(self.form_to_row)
        #: "a report released by X" (X owns it) or "documents seen by X" (X saw them)
        verbs: dict[str, list[str]] = {}   # class -> words, in the file's order (a word may be in two)
        for row in load_lexicon("attribution_verbs"):
            verbs.setdefault(row["class"], []).append(row["word"].lower())
        self.by_role = {w: c for c in ("owner", "witness") for w in verbs.get(c, ())}
        #: cue names of knowing ("nobody knew why": no one's words) and of thought
        self.knowing = frozenset(verbs.get("knowing", ()))
        self.minds = self.knowing | frozenset(verbs.get("thought", ()))
        #: participles the -ed rule misses ("found", "told"): a passive or a reduced relative
        self.participles = frozenset(verbs.get("participle", ()))
        #: the verbs of a "who" clause that asks for anonymity ("who asked not to be named")
        self.anonymity_verbs = frozenset(verbs.get("anonymity", ()))
        #: where someone spoke: the words of an opening that says so ("In an interview
        #: with", "Speaking to"), the prepositions before the outlet's name, and the
        #: words that end a cue's clause before an outlet could be named ("that", "and")
        self.channel_words = frozenset(verbs.get("channel", ()))
        self.channel_links = frozenset(verbs.get("channel_link", ()))
        self.channel_ends = frozenset(verbs.get("channel_end", ()))
        #: "AFL-CIO to endorse Clinton": a name before "to" and one of these takes that stand
        stance = [re.escape(w) for w in verbs.get("stance", ())]
        self.stance_infinitive = self.stance_cue = None
        if stance:
            self.stance_infinitive = re.compile(_STANCE_NAME + r"(?P<cue>to[ \t\u00a0]+(?:" + "|".join(stance)
                                                + r"))(?![\w'\u2019-])")
            # opens with plain letters so it is found quickly; the word's start is checked where it is used
            self.stance_cue = re.compile(r"to[ \t\u00a0]+(?:" + "|".join(stance) + r")(?![\w'\u2019-])")
        #: "polls show", "the inquiry found": one pattern per first three letters ("sho",
        #: "fin", "fou" ...), each opening with plain letters so it is found quickly
        by_start: dict[str, list[str]] = {}
        for form in verbs.get("finding", ()):
            by_start.setdefault(form[:3], []).append(form)
        self.finding_verbs = tuple(
            re.compile(re.escape(start) + "(?:" + "|".join(re.escape(f[3:]) for f in sorted(forms, key=len, reverse=True))
                       + r")(?![\w'\u2019-])")
            for start, forms in by_start.items())
        self.owner_noun_words = Phrases(self.owner_nouns)

        self.means: dict[str, str] = {}          # lower-case words: any case in text
        self.means_exact: dict[str, str] = {}    # names with capitals: as written
        # page labels ("Sources:", "Region:") mean nothing elsewhere: "Sources inside
        # the hospital told" is a hidden source, so they are kept apart
        self.labels: set[str] = set()
        #: surnames in -s that read like a group's plural ("Reyes said"): a person, as a guess
        self.surnames: set[str] = set()
        for row in load_lexicon("attribution_sources"):
            word, means = row["word"], row["means"]
            if means == "not_a_source":
                self.labels.add(word.lower())
            elif means == "surname":
                self.surnames.add(word)
            elif word != word.lower():
                self.means_exact[word] = means
            else:
                self.means[word] = means
        self.exact_regex = re.compile(alternation(self.means_exact)) if self.means_exact else None
        hidden = [w for w, m in self.means.items() if m == "hidden"]
        self.hidden_first_words = frozenset(w.split()[0] for w in hidden)
        self.hidden_regex = re.compile(alternation(hidden), re.IGNORECASE) if hidden else None
        phrases = [w for w in self.means if " " in w]
        self.phrase_regex = re.compile(alternation(phrases), re.IGNORECASE) if phrases else None
        # "a Wall Street Journal report", "the Journal's Sunday report"
        outlets = [w for w, m in self.means_exact.items() if m == "outlet"]
        self.outlet_noun_regex = None
        self.outlet_noun_words = Phrases(self.outlet_nouns)
        if outlets and self.outlet_nouns:
            self.outlet_noun_regex = re.compile(
                rf"(?P<outlet>{alternation(outlets)})(?:['\u2019\u2018]s)?[\s\u00a0]+"
                rf"(?:[A-Z][a-z]+[\s\u00a0]+|\d{{1,2}}[\s\u00a0]+)?"
                rf"(?P<noun>{alternation(self.outlet_nouns)})")

    def meaning(self, word: str) -> str | None:
        """What a single word means as a source ("officials" -> "anonymous"), or None."""
        plain = _strip_possessive(word)
        return self.means_exact.get(plain) or self.means.get(plain.lower())

    def outlets_in(self, fragment: str) -> list[str]:
        """Outlet names written in ``fragment``, in order ("The Wall Street Journal")."""
        if self.exact_regex is None:
            return []
        return [m.group() for m in self.exact_regex.finditer(fragment)
                if self.means_exact.get(m.group()) == "outlet"]


_lexicons = compiled(_Lexicons)


# --- tokens --------------------------------------------------------------------------

def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Words and single punctuation marks between start and end: (start, end, word)."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def _strip_possessive(word: str) -> str:
    for ending in ("'s", "\u2019s", "\u2018s"):
        if word.endswith(ending):
            return word[: -len(ending)]
    return word.rstrip("'\u2019")


def _capital(word: str) -> bool:
    return word[:1].isupper()


def _is_word(word: str) -> bool:
    return word[:1].isalnum()


def _low(toks, i) -> str:
    return toks[i][2].lower() if 0 <= i < len(toks) else ""


# --- finding the source phrase -------------------------------------------------------

def _skip_scare_quotes_back(toks, j):
    """At a closing quote around one or two words ("close"), the index before it."""
    if toks[j][2] in CLOSING_QUOTES:
        for k in (j - 2, j - 3):
            if k >= 1 and toks[k][2] in QUOTE_MARKS and _is_word(toks[k - 1][2]) \
                    and all(_is_word(t[2]) for t in toks[k + 1: j]):
                return k - 1
    return None


def _walk_back(toks, i, stop_at=0):
    """The source phrase that ends just before token i, as token indexes (maybe empty).

    Reads backwards over words that can belong to a noun phrase and stops at
    punctuation, verbs and conjunctions. A relative clause is kept when a noun stands
    before "who" ("analysts who study Russia").
    """
    j = i - 1
    while j >= stop_at and not _capital(toks[j][2]) and (
            _low(toks, j) in SKIP_BEFORE_CUE or _low(toks, j).endswith(_NOT_ENDINGS)
            or (_low(toks, j).endswith("ly") and len(toks[j][2]) > 4 and _low(toks, j) not in NOT_ADVERBS)):
        j -= 1  # "Ortiz has twice complained", "Reyes didn't express": the speaker is before
    if j >= stop_at and _low(toks, j) == "by":
        return []  # "ended the strike by telling drivers": a means; the speaker is further back
    if j >= stop_at and toks[j][2] == ")":
        # "Governor Mary Fallin (R-OK) said": read over the brackets
        k = j
        while k >= stop_at and toks[k][2] != "(" and j - k < 8:
            k -= 1
        if k >= stop_at and toks[k][2] == "(":
            j = k - 1
    phrase: list[int] = []
    while j >= stop_at and len(phrase) < 14:
        word = toks[j][2]
        low = word.lower()
        if not _is_word(word):
            skipped = _skip_scare_quotes_back(toks, j) if phrase else None
            if skipped is not None:
                phrase.extend(range(j, skipped, -1))
                j = skipped
                continue
            if word == "&" and phrase:
                phrase.append(j)
                j -= 1
                continue
            if word in ("'", "\u2019") and phrase and j - 1 >= stop_at and toks[j - 1][1] == toks[j][0] \
                    and toks[j - 1][2].endswith("s") and _is_word(toks[j - 1][2]) and toks[j][1] < toks[phrase[-1]][0]:
                phrase.append(j)  # "the transit workers' union": a plural's possessive, one phrase
                j -= 1
                continue
            break
        if low == "who":
            if phrase and j - 1 >= stop_at and _is_word(toks[j - 1][2]) and _low(toks, j - 1) not in STOP_WORDS:
                phrase.append(j)
                j -= 1
                continue
            break
        if low == "and":
            left = toks[j - 1][2] if j - 1 >= stop_at else ""
            right = toks[phrase[-1]][2] if phrase else ""
            if _capital(left) and _capital(right):
                phrase.append(j)
                j -= 1
                continue
            break
        if low in ("allegedly", "reportedly", "purportedly") and phrase:
            phrase.append(j)
            j -= 1
            continue
        if low == "to" and _low(toks, j - 1) not in BEFORE_TO:
            break
        if low in STOP_WORDS and low not in LINK_WORDS:
            if low in PRONOUNS and not phrase:
                phrase.append(j)
            break
        phrase.append(j)
        j -= 1
        if low in ("a", "an", "the") and j >= stop_at and _is_word(toks[j][2]) \
                and _low(toks, j) not in LINK_WORDS | DETERMINERS | {"by"}:
            break  # an article opens its noun phrase: "rejected [a figure]", "owns [the]"
    phrase.reverse()
    if len(phrase) == 1 and phrase[0] == i - 1 and _low(toks, phrase[0]) in GROUP_PRONOUNS | {"another"}:
        return phrase  # "some saw", "another notes": a group word standing alone as the subject
    phrase = _trim(toks, phrase)
    if len(phrase) >= 3 and _low(toks, phrase[0]) in ("a", "an", "one") \
            and _low(toks, phrase[1]) not in QUANTITY_NOUNS and _plural_group(toks[phrase[-1]][2]) \
            and not any(_low(toks, p) in LINK_WORDS or not _is_word(toks[p][2]) for p in phrase):
        # "a figure critics called": one thing, then a plural group; "a" cannot go with
        # "critics", so the group starts a clause of its own ("a figure [that] critics called")
        phrase = phrase[-1:]
    return phrase


#: Words that stand alone for a group of people when a verb follows ("many believe",
#: "some saw", "others said"): the subject of the cue, though they are determiners too.
GROUP_PRONOUNS = frozenset({"many", "some", "most", "several", "few", "both", "all", "others"})

#: "A majority of voters say": a share of a group speaks with the group's plural verb.
SHARE_WORDS = frozenset({"majority", "minority", "plurality", "third", "quarter", "fifth", "half",
                         "share", "number", "lot", "handful", "few", "couple", "dozen"})
#: After "a", these words count a plural: "a few critics", "a dozen officials".
QUANTITY_NOUNS = frozenset({"few", "dozen", "couple", "handful", "number", "lot", "host", "group",
                            "pair", "series", "majority", "minority", "half", "third", "quarter",
                            "hundred", "thousand", "million", "score", "slew", "range", "variety"})


def _plural_group(word: str) -> bool:
    """A lower-case plural the lexicon knows as people: "critics", "officials", "lawmakers"."""
    low = _strip_possessive(word)
    if not low[:1].islower() or not low.endswith("s"):
        return False
    lex = _lexicons()
    means = lex.means.get(low) or lex.means.get(singular(low))
    return means in _registry.UNNAMED_KINDS or means == "role"


def _walk_forward(toks, i, end=None):
    """The source phrase that starts at token i ("according to [officials in Kyiv]")."""
    end = len(toks) if end is None else end
    lex = _lexicons()
    phrase: list[int] = []
    j = i
    while j < end and len(phrase) < 16:
        word = toks[j][2]
        low = word.lower()
        if not _is_word(word):
            if word in QUOTE_MARKS and phrase and j + 2 < end and _is_word(toks[j + 1][2]) \
                    and toks[j + 2][2] in QUOTE_MARKS:
                phrase.extend((j, j + 1, j + 2))  # scare quotes: allegedly "close" to
                j += 3
                continue
            if word == "&" and phrase:
                phrase.append(j)
                j += 1
                continue
            break
        if not phrase and low in PRONOUNS:
            return [j]
        if low == "who" and phrase:
            phrase.append(j)
            j += 1
            # a short relative clause: "who spoke with the Journal's Thomas Grove"
            while j < end and _is_word(toks[j][2]) and len(phrase) < 18:
                if _low(toks, j) in ("that", "and", "but", "because", "said", "says"):
                    break
                phrase.append(j)
                j += 1
            break
        if low == "and":
            if phrase and _capital(toks[phrase[-1]][2]) and j + 1 < end and _capital(toks[j + 1][2]):
                phrase.append(j)
                j += 1
                continue
            break
        if phrase and low in TIME_WORDS:
            break
        if low == "on" and _low(toks, j + 1) in TIME_WORDS:
            break
        if low in ("allegedly", "reportedly", "purportedly") and phrase:
            phrase.append(j)
            j += 1
            continue
        if low == "to" and (not phrase or _low(toks, phrase[-1]) not in BEFORE_TO):
            break
        if low in STOP_WORDS and low not in LINK_WORDS:
            break
        if phrase and low in lex.form_to_row and not _capital(word) \
                and not _dictionary_form(low, lex.form_to_row[low]):
            break  # "citing officials [who said]"; but "a [report] from", "by [email]" are nouns
        if len(phrase) >= 3 and low.endswith("ed") and len(low) > 4 and lex.meaning(toks[phrase[0]][2]) == "document" \
                and _low(toks, phrase[1]) in DETERMINERS \
                and (j + 1 >= end or not _is_word(toks[j + 1][2])
                     or _low(toks, j + 1) in PREPOSITION_HEADS | TIME_WORDS | {"on", "last", "this", "earlier"}):
            phrase.append(j)  # "according to figures the hospital released": who released them
            break
        if len(phrase) >= 2 and low.endswith("ed") and len(low) > 4 and low not in LINK_WORDS \
                and (_low(toks, j + 1) not in PREPOSITION_HEADS | {"by", "about"}
                     or _low(toks, j + 2) in TIME_WORDS | MONTHS):
            break  # "a council statement [released on Monday]": a participle, not the source's noun
        phrase.append(j)
        j += 1
    return _trim(toks, phrase)


def _trim(toks, phrase):
    """Drop link words at the ends; drop a lone verb before a determiner ("owns the")."""
    while phrase and _low(toks, phrase[0]) in LINK_WORDS - {"who"}:
        phrase = phrase[1:]
    while phrase and (_low(toks, phrase[-1]) in LINK_WORDS or not _is_word(toks[phrase[-1]][2])):
        phrase = phrase[:-1]
    if len(phrase) >= 2:
        first, second = toks[phrase[0]][2], _low(toks, phrase[1])
        if first[:1].islower() and second in DETERMINERS and first.lower() not in DETERMINERS \
                and _lexicons().meaning(first) is None:
            phrase = phrase[1:]
    if not phrase or all(_low(toks, p) in ARTICLES | LINK_WORDS for p in phrase):
        return []
    return phrase


# --- sorting the source into a kind --------------------------------------------------

def _head_index(words: list[str]) -> int:
    """The head noun: the last word before a preposition or "who" ("sources who ...")."""
    for k, word in enumerate(words):
        low = word.lower()
        if k > 0 and low in PREPOSITION_HEADS:
            if low == "of" and words[k - 1].lower() in DETERMINERS | {"none", "head", "chief", "members"}:
                continue
            return k - 1
    return len(words) - 1


class _Memory:
    """What the text has named so far, for pronouns, short names and "the outlet"."""

    def __init__(self):
        self.kind_of_name: dict[str, str] = {}
        self.last: dict | None = None
        self.last_person: dict | None = None
        self.last_thing: dict | None = None
        self.last_outlet: str | None = None
        self.last_outlet_at = 0             # where the last outlet's finding ends
        self.via_seen = 0                   # rows _find_via has looked at
        self.via_last: dict | None = None   # the last of them that is an outlet
        self.text = ""
        self._surnames: set[str] | None = None
        self.pos = 0                        # where the cue being read starts
        self.guess = ""                     # why a reading is a guess ("she", "Reyes"): "" when it is not
        self.outlet_names: set[str] = set()           # outlets the text has named so far, as written
        self.outlet_by_last_word: dict[str, str] = {}  # "Ledger": "The Valley Ledger" (the latest)
        self.channel_of: tuple = (None, "", None, "")  # (sentence, outlet its opening names, its comma, why a guess)
        self.quotations: Ranges | None = None

    def add_outlet(self, name: str) -> None:
        """Remember an outlet's name as written ("The Valley Ledger"), for "the Ledger" later."""
        if name and name not in self.outlet_names:
            self.outlet_names.add(name)
            words = name.split()
            if len(words) > 1:
                self.outlet_by_last_word[words[-1]] = name

    def written_as_a_surname(self, word: str) -> bool:
        """True when the text writes ``word`` after a capitalised word somewhere ("Bernie
        Sanders", "Mr. Ramos"): then "Sanders said" is a person, not a group."""
        if self._surnames is None:  # one pass over the text, on first use
            self._surnames = {m.group(1) for m in _AFTER_A_CAPITAL.finditer(self.text)}
        return word in self._surnames


# a capitalised word, then (looked at, not taken) the capitalised word after it
_AFTER_A_CAPITAL = re.compile(r"[A-Z][\w.'\u2019-]*[ \t\u00a0]+(?=([A-Z][\w'\u2019-]*))")


def _classify(phrase_text: str, words: list[str], memory: _Memory):
    """(kind, named, source, proximity, outlet named inside) for a source phrase."""
    lex = _lexicons()
    low_words = [w.lower() for w in words]
    lowered = " ".join(low_words)
    source = _SPACES.sub(" ", phrase_text).strip()
    if len(words) > 2 and low_words[0] in SHARE_WORDS | GROUP_PRONOUNS and low_words[1] == "of":
        # "Half of the riders", "Most of Riverton's drivers": a share of a group is that
        # group, never a person named "Half"
        kind, named, _, proximity, outlet_inside = _classify(" ".join(words[2:]), words[2:], memory)
        if kind == "named_person":
            kind, named = "vague_collective", False
        return kind, named, source, proximity, outlet_inside
    has_capitals = any(w[:1].isupper() for w in words)
    outlets = lex.outlets_in(phrase_text) if has_capitals else []  # outlet names have capitals
    outlet_inside = _strip_possessive(outlets[0]) if outlets else None

    head = _head_index(words)
    by_role = None
    for k in range(head):
        if lex.meaning(words[k]) != "document" or _capital(words[k]):
            continue
        p = k + 1
        while p < len(words) and (_is_adverb(words[p].lower()) or words[p].lower() == "first"):
            p += 1  # "documents first obtained by"
        if p + 1 < len(words) and _participle(words[p]) and words[p + 1].lower() == "by":
            # "council documents seen by the Courier", "a report released by the
            # Treasury": the document word is the head; the lexicon says whether the
            # name after "by" owns the document or only saw it
            head = k
            by_role = lex.by_role.get(words[p].lower(), "witness")
            after_by = words[p + 2:]
            if by_role == "owner":
                outlet_inside = None
            elif outlet_inside or (after_by and lex.meaning(after_by[-1]) == "outlet"):
                # the outlet that saw it relays the document: "the Herald", "The Valley Ledger"
                outlet_inside = " ".join(after_by[1:] if after_by[0] == "the" else after_by)
            break
        if p == k + 1 and p + 1 < len(words) and words[p].lower() == "by":
            head, by_role, after_by = k, "owner", words[p + 1:]  # "a report by the Treasury"
            outlet_inside = None
            break
        if p < len(words) and words[p].lower() in DETERMINERS and _participle(words[-1]):
            # "figures the hospital released": the document, then who released it
            head, by_role, after_by = k, "owner", words[p:-1]
            break
    head_word = words[head]
    head_low = _strip_possessive(head_word).lower()

    if len(words) == 1 and head_low in PRONOUNS:
        # "He said no. She said yes.": the last "person" is a pronoun the text never
        # named, so nobody is named before this one either
        unnamed = memory.last_person is not None and memory.last_person["source"].lower() in PRONOUNS
        if head_low in ("he", "she", "i") and memory.last_person and not unnamed:
            last = memory.last_person
            nearer = _person_named_since(last, memory)
            if nearer is not None:
                # "Kayla Summers, 27, is due in April. … "…," she said": a person named
                # after the last speaker is who "she" is, not the last speaker
                memory.guess = f'"{head_word}" read as the person the paragraph opens with'
                return "named_person", True, nearer, "", None
            if _person_named_since(last, memory, since=max(last["cue_end"], last["source_end"])) is not None:
                # "Tom Reed said ... Maria Lopez is a nurse. She said ...": the last speaker,
                # but another person was named since, so "she" may be her
                memory.guess = f'"{head_word}" read as the last speaker, though someone else is named since'
        elif head_low == "it" and memory.last_thing:
            last = memory.last_thing
        elif head_low in ("they", "we") and memory.last and memory.last["kind"] != "named_person":
            last = memory.last
        else:
            kind = {"he": "named_person", "she": "named_person", "i": "named_person",
                    "it": "named_org"}.get(head_low, "vague_collective")
            if head_low in ("he", "she"):
                memory.guess = f'nobody is named before "{head_word}"'
            return kind, kind != "vague_collective", source, "", None
        return last["kind"], last["named"], last["source"], last["proximity"], None

    head_means = lex.meaning(head_word)
    plural_of_a_word = False
    if head_means is None and head_low.endswith("s") and len(head_low) > 3:
        # a plural of a known word: "Lawmakers" (a role) is a group, not a name
        one = lex.means.get(singular(head_low))
        head_means = "vague_collective" if one == "role" else one
        plural_of_a_word = one is not None
    if lex.phrase_regex is not None and head > 0:
        head_text = " ".join(words[: head + 1]).lower()
        for match in lex.phrase_regex.finditer(head_text):
            if match.end() == len(head_text):
                head_means = lex.means.get(match.group().lower(), head_means)
    hidden = bool(lex.hidden_regex and not lex.hidden_first_words.isdisjoint(low_words)
                  and lex.hidden_regex.search(lowered))
    capitals = []
    for word in reversed(words[: head + 1]):
        if not _capital(word) or word.lower() in DETERMINERS:
            break
        capitals.insert(0, _strip_possessive(word))
    if head_means is None and capitals and outlets:
        # the name itself is an outlet: "The Wall Street Journal", "Fox News"
        named_outlets = lex.outlets_in(" ".join(words[: head + 1]))
        if named_outlets and " ".join(words[: head + 1]).endswith(_strip_possessive(named_outlets[-1])):
            head_means = "outlet"
    before_names = [w for w in words[: head + 1 - len(capitals)]]

    proximity = ""
    if hidden or head_means == "anonymous":
        kind = "anonymous"
        unquoted = re.sub(r"[\"\u201c\u201d]", "", source)
        near = re.search(r"(?<![\w-])(?:close to|familiar with|with knowledge of|with ties to|"
                         r"briefed on|in|at|inside|within|near|from)[\s\u00a0].*", unquoted, re.IGNORECASE)
        if near:
            proximity = near.group(0)
        else:
            mods = [_strip_possessive(w) for w in words[:head]
                    if w.lower() not in DETERMINERS | LINK_WORDS | {"unnamed", "anonymous",
                                                                   "unidentified", "senior", "top"}
                    and lex.meaning(w) != "outlet"]
            proximity = " ".join(mods)
    elif head_means == "vague_collective":
        kind = "vague_collective"
    elif head_means == "document":
        kind = "document" if by_role else ("outlet" if outlet_inside else "document")
    elif head_means == "outlet":
        kind = "outlet"
        if not outlet_inside and memory.last_outlet and words[0].lower() == "the":
            return "outlet", True, memory.last_outlet, "", memory.last_outlet
    elif head_means == "named_org":
        kind = "named_org"
        if (not capitals or (plural_of_a_word and capitals == [_strip_possessive(head_word)]))  \
                and _looks_plural(head_low) and not any(_capital(w) for w in words[1:head]):
            # "Passenger groups said", "unions say": a plural with no name is a group
            kind = "vague_collective"
    elif head_means == "role":
        kind = "anonymous" if words[0].lower() in ("a", "an", "one") else "named_person"
    elif capitals:
        kind = _name_kind(capitals, before_names, memory)
    elif low_words[0] == "its" and len(words) > 1 and not _looks_plural(head_low):
        # "its owner said": "its" points back to one thing the text named (the hospital),
        # and the one who owns or runs a thing and speaks for it is an organisation (the
        # chain that owns the hospital), named where the text says which; not a vague group
        kind = "named_org"
    else:
        kind = "vague_collective"

    named = kind in ("named_person", "named_org", "outlet") or (
        kind == "document" and (any(_capital(w) for w in words[: head + 1]
                                    if w.lower() not in DETERMINERS and lex.meaning(w) != "document")
                                or _document_has_owner(words, head, lex)))
    if kind == "document" and by_role == "owner" \
            and any(_capital(w) for w in after_by if w.lower() not in DETERMINERS):
        named = True  # "a report released by the Treasury": the Treasury's report
    return kind, named, source, proximity.strip(), outlet_inside


#: Words before a document that say whose it is, pointing back to someone already named.
OWNER_PRONOUNS = frozenset({"its", "their", "his", "her"})


def _document_has_owner(words, head: int, lex) -> bool:
    """True when the words before a document say whose it is without a capital: "a council
    statement", "the company's own filings", "its annual report" (an organisation or a role
    the lexicon knows, or a possessive pointing back to one). "leaked documents" says not."""
    for word in words[:head]:
        plain = _strip_possessive(word).lower()
        if plain in OWNER_PRONOUNS or lex.meaning(plain) in ("named_org", "role"):
            return True
    return False


#: A person's full name: two or three capitalised words ("Kayla Summers", "Mary Ann Lee").
_FULL_NAME = re.compile(r"(?<![\w.'\u2019-])[A-Z][a-z]+(?:[ \t\u00a0][A-Z][a-z]+){1,2}(?![\w'\u2019-])")


#: How far back (in characters) the opening of a paragraph is looked for.
PARAGRAPH_REACH = 1500


def _person_named_since(last: dict, memory: _Memory, since: int | None = None) -> str | None:
    """"Kayla Summers, 27, is due in April. … "…," she said": when the last speaker was
    named before this paragraph and a sentence of this paragraph opens with a person's
    full name, that person is who "he"/"she" is (or None). Names inside quotations, names
    the text or the lexicons know as organisations, outlets or places are not people."""
    lex = _lexicons()
    text, pos = memory.text, memory.pos
    newline = text.rfind("\n", max(0, pos - PARAGRAPH_REACH), pos)  # bounded: linear time
    if newline == -1 and pos > PARAGRAPH_REACH:
        return None  # a paragraph this long: its opening is too far away to be "she"
    paragraph = newline + 1
    if since is not None:   # with ``since``: any sentence since the last speaker, in this paragraph
        paragraph = max(paragraph, since)
    elif max(last["cue_end"], last["source_end"]) > paragraph:
        return None  # the last speaker is in this paragraph: "she" is most likely them
    for match in _FULL_NAME.finditer(text, paragraph, pos):
        before = text[paragraph:match.start()].rstrip(" \t\u00a0")
        if before and before[-1] not in ".!?":
            continue  # only a name that opens a sentence is its subject
        if memory.quotations is not None and memory.quotations.find(match.start()) is not None:
            continue
        name = match.group()
        words = name.split()
        if name in last["source"] or words[-1] in last["source"]:
            return None
        if any(lex.meaning(w) is not None or w.lower() in STOP_WORDS | DETERMINERS | MONTHS | TIME_WORDS
               | LINK_WORDS | OPENERS | PREPOSITION_HEADS for w in words):
            continue
        if memory.kind_of_name.get(name, "named_person") != "named_person" or lex.outlets_in(name):
            continue
        return name
    return None


def _participle(word: str) -> bool:
    low = word.lower()
    return word[:1].islower() and (low in _lexicons().participles or (low.endswith("ed") and len(low) > 4))


def _name_kind(capitals: list[str], before: list[str], memory: _Memory) -> str:
    """The kind of a capitalised name: person, organisation or outlet."""
    lex = _lexicons()
    joined = " ".join(capitals)
    if joined in memory.kind_of_name:
        if memory.kind_of_name[joined] == "named_person" and _lone_plural(capitals, before, memory) \
                and joined in lex.surnames:
            # "Reyes said … Reyes added": still the same guess, said each time
            memory.guess = f'"{joined}" read as a surname, though it could be a group'
        return memory.kind_of_name[joined]
    if lex.outlets_in(joined):
        return "outlet"
    for word in capitals:
        if lex.meaning(word) in ("named_org",):
            return "named_org"
    if before and before[-1] == "The":
        # "The Valley Ledger", "The Heritage Trust": a name a text writes after a
        # capitalised "The" mid-sentence is an organisation or an outlet, not a person
        return "outlet" if lex.meaning(capitals[-1]) == "outlet" else "named_org"
    # "arms producer Rosoboronexport" vs "analyst Mark Galeotti": the word before decides
    for word in reversed(before):
        means = lex.meaning(word)
        if means == "named_org":
            return "named_org"
        if means in ("role", "anonymous"):
            return "named_person"
        if means:
            break
    for word in capitals[:-1]:
        if lex.meaning(word) == "role":
            return "named_person"
    if len(capitals) == 1 and capitals[0].isupper() and len(capitals[0]) > 1:
        return "named_org"  # an acronym: NATO, FBI
    if _lone_plural(capitals, before, memory):
        # one capitalised plural with nothing before it is a group, not a name: a
        # sentence's first word ("Patients said", "Airlines said"); a surname ending in -s
        # is written after a first name or a title somewhere ("Bernie Sanders"), or is
        # one the source lexicon lists as a surname ("Reyes"), read as a guess
        if capitals[0] in lex.surnames:
            memory.guess = f'"{capitals[0]}" read as a surname, though it could be a group'
            return "named_person"
        return "vague_collective"
    return "named_person"


def _lone_plural(capitals: list[str], before: list[str], memory: _Memory) -> bool:
    """One capitalised word in -s with nothing before it, never written after a capital."""
    return len(capitals) == 1 and not before and _looks_plural(capitals[0]) \
        and not memory.written_as_a_surname(capitals[0])


def _looks_plural(word: str) -> bool:
    low = word.lower()
    return len(low) > 3 and low.isalpha() and low.endswith("s") \
        and not low.endswith(("ss", "us", "is", "ys"))


def _remember(found: dict, memory: _Memory, words) -> None:
    memory.last = found
    kind = found["kind"]
    if kind == "named_person":
        memory.last_person = found
    if kind in ("named_org", "document", "outlet"):
        memory.last_thing = found
    if kind == "outlet":
        memory.last_outlet = _strip_possessive(found["source"])
        memory.last_outlet_at = found["cue_end"]
        memory.add_outlet(memory.last_outlet)
    if found["via"]:
        memory.add_outlet(found["via"])
    if words and kind in ("named_person", "named_org", "outlet"):
        capitals = []
        for word in reversed(words):
            if not _capital(word) or word.lower() in DETERMINERS:
                break
            capitals.insert(0, _strip_possessive(word))
        if capitals:
            memory.kind_of_name.setdefault(" ".join(capitals), kind)
            memory.kind_of_name.setdefault(capitals[-1], kind)
            if kind == "named_org" and len(capitals) > 1:
                # "Calloway Health Partners", later "Calloway": the first word names it too
                memory.kind_of_name.setdefault(capitals[0], kind)


# --- the detector --------------------------------------------------------------------

def _object_gap(toks, first: int, last: int) -> bool:
    """True for a verb in a relative clause whose object is the noun before it: "a grant
    that the board rejected in a vote", "a service it has offered since 1961". The verb
    has no object of its own (a preposition, a time word or the sentence's end follows),
    and its subject opens after "that"/"which" or right after a noun."""
    after = _low(toks, last + 1) if last + 1 < len(toks) else "."
    if _is_word(after) and after not in PREPOSITION_HEADS | TIME_WORDS | MONTHS \
            | {"on", "in", "since", "during", "last", "this", "earlier", "by", "after", "before", "until"}:
        return False
    j = first - 1
    while j >= 0 and (_low(toks, j) in SKIP_BEFORE_CUE or _low(toks, j) in HELPERS):
        j -= 1  # "has", "had", "would"
    subject = _walk_back(toks, j + 1)
    if not subject or len(subject) > 4:
        return False
    before = _low(toks, subject[0] - 1) if subject[0] > 0 else ""
    if before in ("that", "which", "whom"):
        return subject[0] < 2 or _low(toks, subject[0] - 2) not in _lexicons().form_to_row
    # "a service [it] has offered": a pronoun subject straight after a noun
    return len(subject) == 1 and _low(toks, subject[0]) in PRONOUNS and subject[0] > 0 \
        and toks[subject[0] - 1][2][:1].islower() and _is_word(toks[subject[0] - 1][2]) \
        and before not in STOP_WORDS | DETERMINERS | SKIP_BEFORE_CUE


def _speech_context(toks, first: int, last: int) -> bool:
    """True when a cue stands near a quotation, "that", a colon or a question word."""
    before = [t[2] for t in toks[max(0, first - 3): first]]
    if any(word in QUOTE_MARKS and word not in ("'", "\u2019") for word in before):
        return True  # "…,” he continued
    for k, (_, _, word) in enumerate(toks[last + 1: last + 9]):
        if word in QUOTE_MARKS and word not in ("'", "\u2019"):
            return True
        if word in (".", ";", "?", "!"):
            break
        if k <= 3 and word.lower() in ("that", ":"):
            return True
        if k == 0 and word.lower() in QUESTION_WORDS:
            return True
    return False


#: How far (in characters) around a cue its sentence is read.
READ_AROUND = 200

SPEAKERS = frozenset({"named_person", "named_org", "outlet", "anonymous"})


def _needs_met(needs: str, kind: str, toks, first: int, last: int, words) -> bool:
    """The lexicon's ``needs`` column: when a weaker cue counts.

    - empty: always;
    - ``quote_or_that``: near a quotation, "that" or a colon, or when the source is an
      outlet or a hidden source ("the outlet reports", "officials warned");
    - ``speaker``: when the source is someone who can speak: a person, an organisation,
      an outlet, a hidden source or a group the lexicon knows ("critics") — not a thing
      ("the plan calls for", "a class called 'Perception'");
    - ``speaker_or_document``: the same, and documents count ("the poll found");
    - ``speaker_to``: a speaker, and "to" a few words after ("experts link the drop to
      years of cuts"), not "linked arms".
    """
    if not needs:
        return True
    if needs == "quote_or_that":
        return _speech_context(toks, first, last) or kind in ("outlet", "anonymous")
    speaker = kind in SPEAKERS or (kind == "vague_collective" and _known_group(words))
    if needs == "speaker":
        return speaker
    if needs == "speaker_or_document":
        return speaker or kind == "document"
    if needs == "speaker_to":
        return speaker and _to_follows(toks, last)
    return False


#: How many words after a cue its "to" is looked for ("link the drop to years of cuts").
TO_REACH = 8


def _to_follows(toks, last: int) -> bool:
    """True when "to" follows the cue within a few words of its clause: "experts link
    the drop to years of cuts" (a claim of cause), not "linked arms and walked"."""
    for k in range(last + 1, min(len(toks), last + 1 + TO_REACH)):
        if _low(toks, k) == "to":
            return True
        if not _is_word(toks[k][2]) or _low(toks, k) in ("and", "but", "that"):
            return False
    return False


def _known_group(words) -> bool:
    """True for a group the lexicon knows ("critics", "many") or a pronoun ("they")."""
    if words is None:
        return True  # a source borrowed from an earlier cue has passed already
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return True
    lex = _lexicons()
    head = _strip_possessive(words[_head_index(words)]).lower()
    if lex.meaning(head) == "vague_collective":
        return True
    # "lawmakers", "moderators"; "farm groups", "unions": the plural of an organisation word
    return head.endswith("s") and lex.means.get(singular(head)) in ("role", "named_org")


def _nested(text: str, rows, sentence, source_start: int, cue_start: int, breaks: dict) -> bool:
    """True inside what someone else is reported to say: "He said CNN had tweeted ..."

    The reported words belong to the first speaker; the lens marks that speaker's
    attribution and leaves the one nested inside it out. ``breaks`` keeps, per cue,
    where its reported words end (the first clause break after it), so a long
    sentence of nested cues ("Mr. Smith said Mr. Jones said ...") is read once, not
    once per cue.
    """
    for found in reversed(rows):
        if found["cue_start"] < sentence[0]:
            return False
        if found["source_start"] == source_start and found["source_end"] > source_start:
            return False  # the same speaker says more: "said Beck, who said ..."
        if found["cue_end"] <= source_start and found["cue"].lower() not in ("according to", "citing", "cited", "quoting"):
            key = (found["cue_end"], sentence[1])
            if key not in breaks:
                breaks[key] = _break_after(text, sentence, found["cue_end"], breaks)
            end = breaks[key]
            return end is None or end > source_start
    return False


def _break_after(text: str, sentence, pos: int, breaks: dict) -> int | None:
    """The end of the first clause break at or after ``pos`` in ``sentence``, or None.
    The sentence's breaks are found once and looked up, so a long sentence of many cues
    and no break ("Groups said they would ask and would say ...") stays linear."""
    found = breaks.get(("sentence", *sentence))
    if found is None:
        matches = list(_CLAUSE_BREAK.finditer(text, sentence[0], sentence[1]))
        found = breaks[("sentence", *sentence)] = ([m.start() for m in matches], [m.end() for m in matches])
    starts, ends = found
    i = bisect.bisect_left(starts, pos)
    return ends[i] if i < len(starts) else None


# Between two cues, these end the first one's reported words.
_CLAUSE_BREAK = re.compile(
    r"[,;:()\u2014\u2013\"\u201c\u201d]|\.(?=[A-Z][a-z])|(?<![\w-])(?:after|before|when|while|because|as|since|until|"
    r"although|though|but|whereas|unless)(?![\w-])", re.IGNORECASE)


def _is_adjective(toks, first: int, cue_text: str) -> bool:
    """"the alleged plot", "758 pledged delegates", "Sanders' call for": not a verb."""
    if " " in cue_text.strip():
        return False
    before = _low(toks, first - 1)
    if cue_text.lower().endswith(("ed", "ing")) and before in (
            "in", "on", "of", "for", "about", "without", "from", "at", "to", "into"):
        return True  # "in denouncing the nominee", "of pledged delegates"
    if cue_text.lower() in ("said", "told", "wrote", "thought", "knew", "felt", "saw", "sought", "found"):
        return False  # a past tense after a number is a verb: "two in three said"
    low = cue_text.lower()
    if before in GROUP_PRONOUNS and not low.endswith(("s", "ed", "ing")) \
            and _low(toks, first + 1) not in ("of", "for", "from", "to", "among", "in"):
        return False  # "many believe", "some fear": a plain verb after a group word
    if before in ("another", "one", "each") and low.endswith("s") and not low.endswith("ss") \
            and _low(toks, first + 1) not in ("of", "for", "from", "to", "about", "in", "on"):
        return False  # "another notes", "one says": a verb in -s after one of a group
    return before in ("the", "a", "an", "this", "these", "those", "his", "her", "its",
                      "their", "our", "my", "your", "three", "two", "four", "five", "several",
                      "many", "few", "some", "no", "such") \
        or before[:1].isdigit() or before.endswith(("'s", "\u2019s", "s'", "s\u2019"))


#: Before a cue in -ing, these make it a verb: "officials are *saying*", ", *saying*".
GERUND_BEFORE = frozenset({"is", "are", "was", "were", "be", "been", "am", "'s", "\u2019s",
                           "'re", "\u2019re", ",", "and", "\u2014", "\u2013", "(", "while",
                           "keeps", "kept", "keep", "started", "began", "continued", "continues",
                           "by", "without", "after", "before", "when", "upon", '"', "\u201d", "'", "\u2019"})


def _gerund_is_verb(toks, first: int, last: int, cue_text: str) -> bool:
    """A one-word cue in -ing is a verb after "is/are/was", a comma, "and" or a name
    ("Lawmakers are questioning", ", saying", "Ryan saying"), not after a noun or a verb
    ("a spokesman declined questioning", "faced questioning")."""
    low = cue_text.lower()
    if " " in cue_text.strip() or not low.endswith("ing") or first <= 0:
        return True
    j = first - 1
    while j > 0 and (_low(toks, j) in ("also", "not", "still", "now", "repeatedly", "publicly",
                                       "openly", "reportedly", "again")
                     or (_low(toks, j).endswith("ly") and len(toks[j][2]) > 4)):
        j -= 1
    before = _low(toks, j).replace("\u2019", "'")
    if before in GERUND_BEFORE or before.endswith(("'s", "'re", "n't")):
        return True  # "is saying", "Trump isn't saying"
    if j > 0 and _capital(toks[j][2]) and _is_word(toks[j][2]) and before not in TIME_WORDS | (MONTHS - {"may", "june"}):
        return True  # "Ryan saying he was encouraged": a name, then what they say
        # (a day is not a name: "a letter to the agency on Wednesday questioning")
    # "with opposition leader Juan Guaido admitting ...": a speaker after "with"
    for k in range(j, max(-1, j - 7), -1):
        if not _is_word(toks[k][2]):
            return False
        if _low(toks, k) == "with":
            return k < j
    return False


def _not_a_speaker(toks, phrase) -> bool:
    """Words that cannot be anyone: a phrase opening with a number ("10,000 angry
    residents" cut from its sentence, "14 people for blocking") or a lower-case -ing
    word as its head ("testing tells": an activity, not a speaker)."""
    first_word = toks[phrase[0]][2]
    if first_word[:1].isdigit() and first_word.replace(",", "").replace(".", "").isdigit():
        # a count opening a source is a cut or a crowd ("10,000 angry residents"); a
        # share of a poll speaks for the poll ("38 percent of voters said")
        following = _low(toks, phrase[0] + 1) if phrase[0] + 1 <= phrase[-1] else ""
        return following not in ("percent", "%", "in", "out", "of", "per")
    if len(phrase) == 1:
        word = toks[phrase[0]][2]
        return word[:1].islower() and word.endswith("ing") and len(word) > 5 \
            and _lexicons().meaning(word) is None
    return False


def _one_line(text: str, toks, phrase: list[int], keep_end: bool = True) -> list[int]:
    """A source phrase does not run over a line break ("Questioning the numbers / The
    Kremlin said"): keep the part on the cue's line."""
    for n in range(len(phrase) - 1, 0, -1):
        gap = text[toks[phrase[n - 1]][1]:toks[phrase[n]][0]]
        if "\n" in gap and not _wrapped(text, toks[phrase[n - 1]][1], gap):
            return _trim(toks, phrase[n:] if keep_end else phrase[:n])
    return phrase


WRAPPED_LINE = 60  # a line this long that stops mid-sentence was wrapped (a PDF's copy)


def _wrapped(text: str, end: int, gap: str) -> bool:
    """A line break inside a sentence ("A source close to the Russian Defense / Ministry
    said") reads as a space: one break, after a long line that ends with no stop."""
    if gap.count("\n") != 1 or gap.strip():
        return False
    line_start = text.rfind("\n", max(0, end - 2 * WRAPPED_LINE), end) + 1  # bounded: linear time
    line = text[max(line_start, end - 2 * WRAPPED_LINE):end].rstrip()
    if len(line) < WRAPPED_LINE or line.endswith((".", "!", "?", ":", ";")):
        return False
    # A long headline with no stop is followed by a sentence that opens with a capital
    # ("… complaints from residents / Officials said"): a break is a wrap only when it
    # looks like one.
    after = end + len(gap)
    if text[after: after + 1].islower():
        return True  # "… close to the / ministry said"
    last_word = line.rsplit(None, 1)[-1] if line.split() else ""
    if _capital(last_word) and text[after: after + 1].isupper():
        return True  # a name split across the break: "the Russian Defense / Ministry"
    return _even_lines(text)


EVEN_SHARE = 0.6  # lines of a PDF's copy: most are about as long as the longest


@functools.lru_cache(maxsize=2)
def _even_lines(text: str) -> bool:
    """True when most of the text's lines are nearly the same width, as in text copied
    from a PDF or a hard-wrapped e-mail (read once per text)."""
    lengths = [len(line) for line in text.split("\n") if line.strip()]
    if len(lengths) < 5:
        return False
    widest = sorted(lengths)[int(len(lengths) * 0.9)]
    return sum(widest * 0.8 <= n <= widest * 1.05 for n in lengths) >= EVEN_SHARE * len(lengths)


#: Before a verb's dictionary form, these make it a verb: "will support", "did not
#: comment", "to question".
HELPERS = frozenset({"will", "would", "could", "should", "can", "may", "might", "must", "shall",
                     "to", "do", "does", "did", "not", "never", "don't", "doesn't", "didn't",
                     "won't", "wouldn't", "can't", "couldn't", "shouldn't", "don\u2019t",
                     "doesn\u2019t", "didn\u2019t", "won\u2019t", "wouldn\u2019t", "can\u2019t",
                     "couldn\u2019t", "shouldn\u2019t", "'ll", "\u2019ll", "'d", "\u2019d"})


_WORD_OR_MARK = re.compile(r"[\w'\u2019.-]+|[^\w\s]")


def _dictionary_form(form: str, row: dict) -> bool:
    """True for a verb's dictionary form in the cue list ("report", "support", "say"):
    the form that is the row's own name, which is often a noun as well."""
    return form == row["cue"] and " " not in form and not form.endswith(("ed", "ing"))


def _base_form_may_be_a_verb(before: list[str], cut: bool = False, capital: bool = False) -> bool:
    """A quick look at the words before a dictionary form (the last few of the text, as
    written): a helper, a word of a plural subject, a name, a comma or "who" leaves it
    possible; a lower-case singular word ("a recent post") or a full stop does not."""
    words = [w.rstrip(".") or w for w in (before[1:] if cut else before)]  # the first may be cut
    k = len(words) - 1
    while k >= 0 and (_is_adverb(words[k].lower()) or words[k].lower() in ("also", "still", "now", "just", "even")):
        k -= 1
    if k < 0:
        return False
    word = words[k]
    low = word.lower().replace("\u2019", "'")
    if low in ("i", "we", "you"):
        return False  # a speaker's own words: the lens leaves "I think" out
    if low == "to":
        # only the subject of a control verb speaks in the infinitive: "went on to say"
        for j in range(k - 1, max(-1, k - 6), -1):
            w = words[j].lower()
            if w in CONTROL_VERBS:
                return True
            if w not in _CONTROL_FILLERS:
                return False
        return False
    if capital and _capital(word) and not _looks_plural(word):
        return False  # "The Washington Post", "Morning Email": part of a name
    if low in HELPERS or low.endswith("n't") or low in GROUP_PRONOUNS or low == "they":
        return True
    if low in DETERMINERS or low in ("of", "in", "on", "for", "from", "at", "with", "by", "about",
                                     "into", "over", "under", "without", "against", "my", "your"):
        return False  # "Secretary of State", "by email", "in support": a noun
    if word in QUOTE_MARKS:
        return True  # Rostec "believe(s)": a partial quotation keeps the speaker's grammar
    if word in (")", "]", ",", "\u2014", "\u2013") or low in ("who", "which", "that", "and", "but"):
        return True  # "Bush and Christie, who say", "The two lawmakers, however, argue"
    for j in range(k, max(-1, k - 8), -1):  # "sources close to the campaign say"
        word = words[j]
        if not _is_word(word):
            return False
        if _capital(word) or word.lower().endswith("s") or word.lower() == "and":
            return True
    return False


def _base_form_is_a_verb(toks, first: int, phrase, kind: str) -> bool:
    """A verb's dictionary form ("say", "support", "question", "post") is often a noun
    too. It is read as the verb after a helper ("will support", "did not comment", "to
    question") or with a plural subject ("officials say", "they support", "Trump and
    Clinton agree"); "The big question is" and "a recent post" are nouns."""
    k = first - 1
    while k >= 0 and (_is_adverb(_low(toks, k)) or _low(toks, k) in ("also", "still", "now", "just", "even")):
        k -= 1
    if _low(toks, k).replace("\u2019", "'") in HELPERS or _low(toks, k).endswith(("n't", "n\u2019t")):
        return True
    if k >= 0 and toks[k][2] in QUOTE_MARKS:
        return True  # Rostec "believe(s)": a partial quotation keeps the speaker's grammar
    if not phrase:
        return False
    words = [toks[p][2] for p in phrase]
    low = [w.lower() for w in words]
    if len(words) == 1 and low[0] in ("i", "we", "you", "they") or low[-1] in GROUP_PRONOUNS:
        return True
    if "and" in low or "&" in words:
        return True  # "Trump and Clinton agree"
    if low[0] in ("a", "an", "the", "another") and len(low) > 2 and low[1] in SHARE_WORDS and low[2] == "of" \
            or len(low) > 1 and low[-1] in ("percent", "%") and any(w[:1].isdigit() for w in low):
        return True  # "a majority of her backers say", "another 12 percent who say": a share of people
    head = _strip_possessive(words[_head_index(words)])
    if kind in ("anonymous", "vague_collective") and head.lower().endswith("s"):
        return True  # "officials say", "experts question"
    return head[:1].islower() and _looks_plural(head)  # "the data show", "polls suggest"


_PARTICIPLE_PREPOSITIONS = frozenset({"on", "in", "at", "under", "near", "inside", "with", "from",
                                      "during", "behind", "beside", "into", "onto"})


def _reduced_relative(toks, first: int, last: int, cue_text: str) -> bool:
    """"The book found on the shelf was old": a past participle describing the noun
    before it (a passive with "which was" left out), not that noun finding anything. Read
    so when a place word follows the participle and the clause goes on to its own verb."""
    low = cue_text.lower()
    if " " in low or not (low.endswith("ed") or low in _lexicons().participles):
        return False
    if _low(toks, last + 1) not in _PARTICIPLE_PREPOSITIONS or first == 0 \
            or not toks[first - 1][2][:1].islower():
        return False  # after a name it is the name's verb: "Carson reported on his forms ..."
    for k in range(last + 2, min(len(toks), last + 10)):
        word = _low(toks, k)
        if not _is_word(toks[k][2]) or word == "that":
            return False
        if word in ("was", "were", "is", "are", "has", "have", "had", "will", "would"):
            return True
    return False


def _is_passive(toks, first: int, last: int, cue_text: str, agent_ok: bool = False) -> bool:
    """"was denied asylum", "copyright is acknowledged": a passive, not someone speaking.

    With ``agent_ok`` it answers whether the cue is a passive at all, "by X" or not.
    """
    low = cue_text.lower()
    if " " in cue_text.strip() or not (low.endswith("ed") or low in _lexicons().participles) or low == "asked":
        return False  # "Reyes was told": an irregular participle is a passive too
    j = first - 1
    while j >= 0 and (_low(toks, j) in ("also", "not", "never", "often", "repeatedly", "widely", "since")
                      or (_low(toks, j).endswith("ly") and len(toks[j][2]) > 4)):
        j -= 1
    aux = _low(toks, j)
    if aux.endswith(_NOT_ENDINGS):
        aux = aux[:-3]  # "Reyes wasn't told": a passive too
    if aux not in PASSIVE_AUX:
        return False
    if agent_ok:
        return True
    if _low(toks, last + 1) == "by":
        return False
    return not (_low(toks, last + 1) == "as"
                and any(_low(toks, k) == "by" for k in range(last + 2, min(len(toks), last + 9))))


def detect(text: str) -> pd.DataFrame:
    """Every attribution in ``text``: a cue and its source, one row each.

    Columns: start, end, text (the source and its cue), kind, named, source,
    proximity, via, cue, and the offsets of the cue (cue_start, cue_end) and of the
    source phrase (source_start, source_end) as written.
    """
    if not text:
        return frame([], COLUMNS, DTYPES)
    lex = _lexicons()
    quotations = Ranges(quoted_ranges(text, closed_only=True))
    sentence_of = Sentences(text)
    memory = _Memory()
    memory.text = text
    memory.quotations = quotations
    for name in _byline_outlets(text):
        memory.add_outlet(name)
    rows: list[dict] = []
    # The tokens of the last window only: cues come in order, so the cues of one window
    # follow each other; keeping every window's tokens cost ~3 KB per input byte.
    cached_window, toks = None, []
    # In a very long sentence the words are read in blocks a few windows long, so
    # that cue after cue ('"x," said "x," said ...') does not read the same words again.
    block, block_toks, block_starts = (0, 0), [], []
    breaks: dict = {}

    relayed: dict[tuple[int, int], bool] = {}
    for cue_start, cue_end in lex.cues.spans(text):
        cue_text = text[cue_start:cue_end]
        row = lex.form_to_row[_SPACES.sub(" ", cue_text.lower()).replace("\u2019", "'")]
        base_form = _dictionary_form(cue_text.lower(), row)
        if base_form and (not _base_form_may_be_a_verb(
                _WORD_OR_MARK.findall(text, max(0, cue_start - 60), cue_start), cue_start > 60,
                _capital(cue_text))):
            continue  # "a recent post", "an open question": read no further
        if _inside_url(text, cue_start):
            continue
        quotation = quotations.find(cue_start)
        if quotation is not None and _in_brackets(text, quotation[0], cue_start):
            quotation = None  # "(reported by the WSJ)" inside a quotation: the writer's words
        if quotation is not None and text[quotation[0]:cue_start].strip():
            # A quotation's own "he said" belongs to the quoted person, and is left out,
            # unless the quotation is a passage of an article ("…,” reports Fox News).
            if quotation not in relayed:
                relayed[quotation] = _quotes_an_outlet(text, quotation, sentence_of, memory)
            if not relayed[quotation]:
                continue
        relaying = relayed.get(quotation, "") if quotation is not None else ""
        if row["source"] in ("none", "line"):
            found = _sourceless(text, row, cue_start, cue_end, cue_text, memory)
            if found:
                rows.append(found)
                _remember(found, memory, None)
            continue
        sentence = sentence_of.around(cue_start) or (cue_start, cue_end)
        # read the words of the cue's sentence (of a very long one, only near the cue);
        # sentences without a cue are never read word by word
        if sentence[1] - sentence[0] <= 4 * READ_AROUND:
            window = sentence
        else:
            window = (max(sentence[0], cue_start - READ_AROUND), min(sentence[1], cue_end + READ_AROUND))
            if window[0] != sentence[0]:
                space = _SPACE.search(text, window[0], cue_start)
                window = (space.end() if space else cue_start, window[1])
        if window != cached_window:
            cached_window = window
            if window == sentence:
                toks = _tokens(text, *window)
            else:
                if not (block[0] <= window[0] and window[1] <= block[1]):
                    block = (window[0], min(sentence[1], window[1] + 8 * READ_AROUND))
                    block_toks = _tokens(text, *block)
                    block_starts = [t[0] for t in block_toks]
                toks = block_toks[bisect.bisect_left(block_starts, window[0]):
                                  bisect.bisect_left(block_starts, window[1])]
        whole_start = window[0] == sentence[0]
        first, last = _token_index(toks, cue_start), _token_index(toks, cue_end - 1)
        if first is None or last is None:
            continue
        if first == 0 and not whole_start:
            first = -1  # not the start of the sentence: no rule below may treat it so
            continue
        if _capital(cue_text) and first != 0 and not is_title_case(_line_at(text, cue_start)):
            continue  # "United States" is not the verb "states"
        if first == 0 and cue_text.lower().endswith("ing") and row["source"] != "after":
            continue  # "Responding to the report, X said": X's main verb is the cue
        if _is_passive(toks, first, last, cue_text) or _is_adjective(toks, first, cue_text) \
                or (row["needs"] and _reduced_relative(toks, first, last, cue_text)):
            continue
        if row["cue"] in ("respond", "reply") and (_low(toks, first - 1) in ("not", "never")
                                                    or _low(toks, first - 1).endswith(_NOT_ENDINGS)):
            continue  # "did not respond to a request for comment": nobody said anything
        if row["needs"] and row["cue"] not in lex.minds and _object_gap(toks, first, last):
            continue  # "a grant that the board rejected in a vote": the grant is what was rejected
        if row["cue"] in lex.knowing and _low(toks, last + 1) in QUESTION_WORDS:
            continue  # "Everyone knows who pays", "nobody knew why": knowing is not saying
        if row["source"] != "after" and not _gerund_is_verb(toks, first, last, cue_text):
            continue  # "a spokesman declined questioning": a noun, nobody is speaking
        if " " not in cue_text and _low(toks, last + 1) in lex.form_to_row \
                and _low(toks, last + 1) not in ("according", "citing", "quoting"):
            continue  # "Reports say", "Sources said": the first word is the noun
        if whole_start and _participle(cue_text) and (first == 0 or (first == 1 and _is_adverb(_low(toks, 0)))) \
                and last + 2 < len(toks) and toks[last + 1][2][:1].islower() and _is_word(toks[last + 1][2]) \
                and _low(toks, last + 2) in lex.form_to_row:
            continue  # "Widely believed rumours say": a participle describing the next cue's speaker

        memory.pos = cue_start
        memory.guess = ""
        phrase, relayed_by = _find_source(toks, first, last, row, cue_text)
        phrase = _one_line(text, toks, phrase, keep_end=row["source"] != "after")
        if row["cue"] in ("cite", "cited") and any(_low(toks, p) == "for" for p in phrase):
            continue  # "cited 14 people for blocking Route 9": ticketed, nobody is quoted
        if phrase and _not_a_speaker(toks, phrase):
            continue
        if phrase and phrase[0] == 1 and whole_start and _low(toks, 0) in ("had", "were", "should") \
                and row["source"] != "after":
            continue  # "Had the authorities found the posts, …": what did not happen
        if len(phrase) == 1 and phrase[0] == 0 and whole_start \
                and toks[0][2][:1].isupper() and toks[0][2].lower().endswith("ing"):
            continue  # "Questioning said ...": a word opening the sentence, not a name
        if len(phrase) == 1 and _low(toks, phrase[0]) in ("i", "we", "you"):
            continue  # "I think", "we said": a speaker's own words, not the writer's attribution
        borrowed = None
        if phrase:
            s0, s1 = toks[phrase[0]][0], toks[phrase[-1]][1]
            # "Joe Smith, a spokesman, said": the name before the description decides;
            # "the bank's governor, Ilse Moor, said": the name inside it does
            outer = phrase
            for n, p in enumerate(phrase[1:], start=1):
                if toks[p][2] in (",", "-", "\u2014", "\u2013", "\u2015", "("):
                    outer = phrase[:n]
                    inner = [q for q in phrase[n + 1:] if _is_word(toks[q][2])]
                    description = not _capital(toks[outer[0]][2]) or _low(toks, outer[0]) in DETERMINERS
                    if inner and all(_capital(toks[q][2]) for q in inner) and description:
                        outer = inner
                    break
            while len(outer) > 1 and _low(toks, outer[-1]) in ("who", "which"):
                outer = outer[:-1]  # "[Several farmers] who said": "who" stands for them
            who = _anonymity_clause(toks, outer[-1] + 1) if len(outer) > 2 else None
            if who is not None and who > outer[0]:
                outer = [p for p in outer if p < who]  # "[A nurse] who asked not to be named"
            words = [toks[p][2] for p in outer]
            kind, named, source, proximity, outlet_inside = _classify(
                text[toks[outer[0]][0]:toks[outer[-1]][1]], words, memory)
            if who is not None and kind != "anonymous":
                kind, named = "anonymous", False  # the writer says the source has no name
        else:
            borrowed = _borrow_source(text, toks, first, rows, sentence, memory, whole_start)
            if borrowed is None:
                continue
            words = None
            s0, s1 = borrowed["source_start"], borrowed["source_end"]
            kind, named, source, proximity = (borrowed[k] for k in ("kind", "named", "source", "proximity"))
            outlet_inside = None
        if base_form and borrowed is None and not _base_form_is_a_verb(toks, first, phrase, kind):
            continue  # "the big question", "a recent post": the dictionary form as a noun
        if not _needs_met(row["needs"], kind, toks, first, last,
                          words if borrowed is None else borrowed.get("words")):
            continue

        via = _find_via(toks, first, last, row, cue_text, kind, outlet_inside, relayed_by, rows,
                        sentence, memory)
        if not via and relaying and kind != "outlet":
            via = relaying  # inside an article's words: that outlet relays the source
        if kind == "outlet" and _strip_possessive(via) == _strip_possessive(source):
            via = ""
        # "The Journal cited its source as saying": the outlet before an after-cue relays it
        extra_start = None
        if row["source"] == "after" and phrase:
            back = _walk_back(toks, first)
            if back:
                back_words = [toks[p][2] for p in back]
                outlets = lex.outlets_in(" ".join(back_words))
                if outlets:
                    via = via or _strip_possessive(outlets[0])
                    extra_start = toks[back[0]][0]

        if borrowed is not None and (cue_start - s0 > 160 or s0 < sentence[0]):
            start, end = cue_start, cue_end
        else:
            start, end = min(s0, cue_start), max(s1, cue_end)
        if extra_start is not None:
            start = min(start, extra_start)
        if borrowed is None and row["source"] != "after" and _nested(text, rows, sentence, s0, cue_start, breaks):
            continue
        cue_words = _SPACES.sub(" ", cue_text)
        quoted = bool(row["needs"]) and _quotation_follows(toks, last)
        rule, confidence = _rule(row, cue_words, borrowed is not None, s0 > cue_start, quoted)
        if memory.guess:
            # a weaker reading of who "she" is or of the outlet it came through: the lens says why
            confidence = CHECK
            rule += "; " + memory.guess
        found = {
            "start": start, "end": end, "text": text[start:end],
            "kind": kind, "named": bool(named), "source": source, "proximity": proximity,
            "via": via, "cue": cue_words,
            "cue_start": cue_start, "cue_end": cue_end, "source_start": s0, "source_end": s1,
            "confidence": confidence, "rule": rule,
        }
        rows.append(found)
        _remember(found, memory, words)

    rows.extend(_headline_colons(text, quotations, memory))
    rows.extend(_photo_credits(text))
    rows.extend(_outlet_texts(text, rows, quotations))
    rows.extend(_owned_views(text, rows, quotations, memory))
    rows.extend(_that_clauses(text, rows, quotations, sentence_of, memory))
    rows.extend(_document_findings(text, rows, quotations, memory))
    rows.extend(_stance_infinitives(text, rows, quotations, memory))
    return frame(_one_mark_per_speaker(text, rows), COLUMNS, DTYPES)


# what the "who" clause asks for, right after its verb: not to be named, anonymity
_ANONYMITY = re.compile(
    r"[\s\u00a0]+(?:not[\s\u00a0]+to[\s\u00a0]+be[\s\u00a0]+(?:named|identified|quoted[\s\u00a0]+by[\s\u00a0]+name)"
    r"|(?:for[\s\u00a0]+|on[\s\u00a0]+(?:the[\s\u00a0]+)?condition[\s\u00a0]+of[\s\u00a0]+)?anonymity"
    r"|anonymously"
    r"|that[\s\u00a0]+(?:his|her|their|its)[\s\u00a0]+names?[\s\u00a0]+not[\s\u00a0]+be[\s\u00a0]+"
    r"(?:used|published|printed|given|disclosed|revealed))(?![\w'\u2019-])",
    re.IGNORECASE)
_WHO_BEFORE = re.compile(r"(?:^|[\s\u00a0,])who[\s\u00a0]+(?:(?:had|has|have)[\s\u00a0]+)?$", re.IGNORECASE)
#: Words that open the reason given for anonymity: "for fear of retaliation", "because …".
ANONYMITY_REASONS = frozenset({"for", "because", "as", "since", "to", "out", "in", "citing", "so"})


def _anonymity_clause(toks, first: int):
    """Index of "who" when the words just before token ``first`` are a "who" clause asking
    for anonymity ("a nurse who asked not to be named for fear of retaliation [told]"),
    else None."""
    for k in range(first - 1, max(-1, first - 20), -1):
        word = toks[k][2]
        if not _is_word(word):
            return None
        if word.lower() != "who":
            continue
        verb = k + 1
        if _low(toks, verb) in ("had", "has", "have"):
            verb += 1
        if verb >= first or _low(toks, verb) not in _lexicons().anonymity_verbs:
            return None
        rest = " " + " ".join(toks[p][2] for p in range(verb + 1, first))
        asked = _ANONYMITY.match(rest)
        if asked is None:
            return None
        tail = rest[asked.end():].lower().split()
        if tail and (tail[0] not in ANONYMITY_REASONS or "that" in tail or len(tail) > 10):
            return None  # "… told the paper that the staff [found]": a clause of its own
        return k
    return None


def _one_mark_per_speaker(text: str, rows: list[dict]) -> list[dict]:
    """"A person close to the council, who asked not to be named, said": a "who" clause
    asking not to be named describes the source of a later cue; one source, one mark."""
    last_cue = {}
    for row in rows:
        key = row["source_start"]
        last_cue[key] = max(last_cue.get(key, -1), row["cue_start"])
    return [row for row in rows
            if not (last_cue[row["source_start"]] > row["cue_end"]
                    and _WHO_BEFORE.search(text, max(0, row["cue_start"] - 12), row["cue_start"])
                    and _ANONYMITY.match(text, row["cue_end"], row["cue_end"] + 60))]


# "that" and a word after it; the word before is checked before anything is read word by word
_THAT = re.compile(r"(?<![\w'\u2019-])(?P<that>that)[ \t\u00a0\n]+(?=(?P<next>[\w'\u2019]+))")
_LAST_WORD = re.compile(r"([A-Za-z]+)[ \t\u00a0]+$")
#: After "is", "was" ...: words that say how sure someone is of what follows "that".
SURE_OF = frozenset({"sure", "certain", "convinced", "confident", "aware", "unaware", "adamant",
                     "hopeful", "worried", "afraid", "optimistic", "skeptical", "sceptical"})
_BE = frozenset({"is", "was", "are", "were", "am", "'s", "\u2019s", "'re", "\u2019re", "remains",
                 "remain", "seemed", "seems", "felt", "feels", "became"})
#: After "that", the first word of a clause (not a noun that "that" points at).
CLAUSE_OPENERS = frozenset({"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his",
                            "her", "their", "its", "our", "there", "this", "these", "those", "some",
                            "many", "most", "no", "if", "in", "as", "when", "while", "one", "all",
                            "every", "any", "both", "neither", "nobody", "no one", "someone"})


def _that_clauses(text: str, rows, quotations: Ranges, sentence_of, memory: _Memory) -> list[dict]:
    """"Ortiz soon learned that …", "Reyes is convinced that …": a verb the cue list does
    not hold, with a person before it and "that" opening a clause after it. A clause after
    "that" is what someone knows, thinks or says, so the person is its source. Always
    "check this": the verb may be about something other than speech or belief."""
    taken = sorted((r["cue_start"], r["cue_end"]) for r in rows)
    starts = [a for a, _ in taken]
    found = []
    for match in _THAT.finditer(text):
        t0 = match.start("that")
        before = _LAST_WORD.search(text, max(0, t0 - 30), t0)
        if before is None:
            continue
        last = before.group(1).lower()
        if not (last in SURE_OF or (last.endswith("ed") and len(last) > 4)
                or (last.endswith("s") and len(last) > 3 and not last.endswith(("ss", "us", "is")))):
            continue  # "so that", "is that", "said that" (a cue of the list) ...
        following = match.group("next")
        if not (following.lower() in CLAUSE_OPENERS or following[:1].isupper()):
            continue  # "laws that ban": "that" opens a relative clause, not what is thought
        k = bisect.bisect_right(starts, t0) - 1
        if k >= 0 and taken[k][1] > before.start(1) - 40:
            continue  # a cue of the list is already here
        if t0 in quotations or _inside_url(text, t0):
            continue
        toks = _tokens(text, max(0, t0 - 60), min(len(text), match.end("that") + 30))
        if toks and toks[0][0] > 0 and _is_word(text[toks[0][0] - 1]):
            toks = toks[1:]
        i = _token_index(toks, t0)
        if i is None or i < 2 or i + 1 >= len(toks):
            continue
        after = toks[i + 1][2]
        if not (after.lower() in CLAUSE_OPENERS or (_capital(after) and _is_word(after))):
            continue  # "learned that lesson": "that" points at a noun
        verb = i - 1
        word = _low(toks, verb)
        if word in SURE_OF:
            if _low(toks, verb - 1) not in _BE:
                continue
            subject_end = verb - 1   # "Reyes is [convinced]"
        elif (word.endswith("ed") and len(word) > 4) or (word.endswith("s") and len(word) > 3
                                                          and not word.endswith(("ss", "us", "is"))):
            if word.endswith("ed") and _low(toks, verb - 1) in PASSIVE_AUX:
                continue  # "It is feared that": a passive, feared by whom? Nobody is named
            subject_end = verb
        else:
            continue
        if word in STOP_WORDS or word in DETERMINERS or _lexicons().meaning(word) is not None:
            continue
        c0, c1 = toks[verb][0], toks[verb][1]
        if subject_end != verb:
            c0 = toks[subject_end][0]
        k = bisect.bisect_right(starts, c1) - 1
        if k >= 0 and taken[k][1] > c0 - 40:
            continue  # a cue of the list is already here: "noted that", "said in May that"
        sentence = sentence_of.around(c0)
        if sentence is None:
            continue
        phrase = _walk_back(toks, subject_end)
        if not phrase or toks[phrase[0]][0] < sentence[0]:
            continue
        words = [toks[p][2] for p in phrase]
        if len(words) == 1 and words[0].lower() in ("i", "we", "you", "it", "this", "that"):
            continue  # "It seems that": nobody
        s0, s1 = toks[phrase[0]][0], toks[phrase[-1]][1]
        kind, named, source, proximity, _ = _classify(text[s0:s1], words, memory)
        if kind not in SPEAKERS and not (kind == "vague_collective" and _known_group(words)):
            continue
        cue = _SPACES.sub(" ", text[c0:c1])
        found.append(_finding(text, (s0, s1), (c0, c1), kind, named, source, proximity, CHECK,
                              f'"{cue.lower()} that": a person before it, a clause after it'))
    return found


def _finding(text: str, source_span: tuple[int, int], cue_span: tuple[int, int], kind: str,
             named, source: str, proximity: str, confidence: str, rule: str, via: str = "") -> dict:
    """One finding whose source comes before its cue ("Reyes is convinced that",
    "Beck's contention"): the mark runs from the source's start to the cue's end."""
    s0, s1 = source_span
    c0, c1 = cue_span
    return {
        "start": s0, "end": c1, "text": text[s0:c1], "kind": kind, "named": bool(named),
        "source": source, "proximity": proximity, "via": via, "cue": _SPACES.sub(" ", text[c0:c1]),
        "cue_start": c0, "cue_end": c1, "source_start": s0, "source_end": s1,
        "confidence": confidence, "rule": rule,
    }


# "the polls show", "a study by the council found", "Did the inquiry find": what a text found
def _finding_verbs(text: str) -> list[tuple[int, int]]:
    """Where "show", "find", "suggest", "reveal", "indicate" stand as whole words."""
    spans = []
    for pattern in _lexicons().finding_verbs:
        for m in pattern.finditer(text):
            if m.start() == 0 or not (_is_word(text[m.start() - 1]) or text[m.start() - 1] in "'\u2019-_"):
                spans.append(m.span())
    return sorted(spans)


#: Words allowed between a poll, study or report and what it found ("polls from Monmouth
#: University and CNN respectively show", "research conducted for the council showed").
BETWEEN_TEXT_AND_FINDING = frozenset({
    "from", "by", "of", "for", "and", "&", "the", "a", "an", "conducted", "released", "published",
    "commissioned", "carried", "out", "that", "which", "also", "all", "both", "did", "does", "do",
    "not", "respectively", "consistently", "clearly", "now", "still", "already", "/", "-",
})


def _text_word(word: str) -> bool:
    """True for a word for a poll, study or report, or its plural ("polls", "studies")."""
    lex = _lexicons()
    low = word.lower()
    if lex.meaning(low) == "document":
        return True
    return low.endswith("s") and lex.meaning(singular(low)) == "document"


def _document_findings(text: str, rows, quotations: Ranges, memory: _Memory) -> list[dict]:
    """"Other polls from Monmouth and CNN show …", "Research conducted for the council
    showed …", "Did the investigation find …": a word for a poll, study or report a few
    words before "show", "find", "suggest", "reveal" or "indicate" (only names and small
    words between), so the text is the source of what it found. Always "check this":
    "police found the car" is a finding of another kind."""
    taken = [(r["cue_start"], r["cue_end"]) for r in rows] + [(r["source_start"], r["source_end"]) for r in rows]
    found = []
    for c0, c1 in _finding_verbs(text):
        if c0 in quotations or _inside_url(text, c0) or any(a < c1 and c0 < b for a, b in taken):
            continue
        around = _tokens(text, max(0, c0 - 120), min(len(text), c1 + 80))
        if around and around[0][0] > 0 and _is_word(text[around[0][0] - 1]):
            around = around[1:]
        k = _token_index(around, c0)
        if k is None or _reduced_relative(around, k, k, text[c0:c1]) or _is_passive(around, k, k, text[c0:c1]):
            continue  # "the book found on the shelf was old", "the data were found": no finding
        toks = around[:k]
        if toks and toks[-1][2].lower() == "to":
            continue  # "to find a way": nobody has found anything yet
        noun = None
        for j in range(len(toks) - 1, max(-1, len(toks) - 10), -1):
            word = toks[j][2]
            if "\n" in text[toks[j][1]:c0]:
                break
            if _is_word(word) and _text_word(word):
                noun = j
                break
            if not (word.lower() in BETWEEN_TEXT_AND_FINDING or (_capital(word) and _is_word(word))):
                break  # another verb, a comma, a full stop: the text is not the subject
        if noun is None:
            continue
        first = noun
        while first - 1 >= 0 and first > noun - 4 and _is_word(toks[first - 1][2]) \
                and "\n" not in text[toks[first - 1][1]:toks[first][0]] \
                and (toks[first - 1][2].lower() in ARTICLES | {"new", "recent", "latest", "other", "first", "poll", "survey"}
                     or (_capital(toks[first - 1][2]) and toks[first - 1][2].lower() not in OPENERS | {"did", "does", "do"})):
            first -= 1
        last = len(toks) - 1
        while last > noun and toks[last][2].lower() in BETWEEN_TEXT_AND_FINDING - {"/", "-", "&"} \
                and not _capital(toks[last][2]):
            last -= 1  # "… respectively show", "… that found": the source ends before
        s0, s1 = toks[first][0], toks[last][1]
        if any(a < s1 and s0 < b for a, b in taken):
            continue
        source = _SPACES.sub(" ", text[s0:s1])
        cue = text[c0:c1]
        found.append(_finding(text, (s0, s1), (c0, c1), "document", False, source, "", CHECK,
                              f'"{cue.lower()}" after a poll, study or report ("{toks[noun][2].lower()}")'))
    return found


# "AFL-CIO to endorse Clinton" (a headline: it will), "for Bush to back Cruz",
# "Grijalva was the first Democrat in Congress to endorse Sanders"
#: The word before the name, when there is one: after a verb ("urged Congress to reject")
#: the name is asked to take a stand, not taking it.
AFTER_THESE_A_NAME_ACTS = frozenset({"for", "and", "but", "while", "as", "when", "with", "that",
                                     "because", "if", "since", "after", "before", "why"})
# the name, and what may stand between it and "to endorse"; the verbs are attribution_verbs.csv's "stance" rows
_STANCE_NAME = (
    r"(?P<name>(?<![\w.'\u2019-])[A-Z][\w.&'\u2019-]*(?:[ \t\u00a0]+[A-Z][\w.&'\u2019-]*){0,3})"
    r"(?P<first>[ \t\u00a0]+(?:was|is|became|becomes|will[ \t\u00a0]+be)[ \t\u00a0]+the[ \t\u00a0]+"
    r"(?:first|only|last|latest)[ \t\u00a0]+[^.;:!?\n\"\u201c\u201d]{0,60}?)?"
    r"[ \t\u00a0]+")


def _stance_infinitives(text: str, rows, quotations: Ranges, memory: _Memory) -> list[dict]:
    """"AFL-CIO to endorse Clinton", "time for Bush to back Cruz", "Grijalva was the
    first Democrat to endorse Sanders": a name right before "to endorse", "to oppose",
    "to back" … (or "X was the first … to endorse") takes that stand. Always "check
    this": the name may be asked to take it ("urged Congress to reject") rather than
    take it."""
    lex = _lexicons()
    if lex.stance_cue is None:
        return []
    taken = [(r["cue_start"], r["cue_end"]) for r in rows] + [(r["source_start"], r["source_end"]) for r in rows]
    found = []
    matches = []
    for cue in lex.stance_cue.finditer(text):  # the rare "to endorse" first, then the name before it
        if cue.start() > 0 and (_is_word(text[cue.start() - 1]) or text[cue.start() - 1] in "'\u2019-_"):
            continue  # "into endorse" is no "to endorse"
        match = lex.stance_infinitive.search(text, max(0, cue.start() - 160), cue.end())
        if match is not None and match.end("cue") == cue.end():
            matches.append(match)
    for match in matches:
        s0, s1 = match.span("name")
        c0, c1 = match.span("cue")
        if s0 in quotations or c0 in quotations or _inside_url(text, c0) \
                or any(a < c1 and s0 < b for a, b in taken):
            continue
        words = match.group("name").split()
        while words and words[0].lower() in OPENERS | DETERMINERS | {"it", "this", "that", "there"}:
            words = words[1:]  # "In Ohio", "The": a capital that opens the sentence
        if not words:
            continue
        s0 = s1 - len(" ".join(words)) if " ".join(words) == text[s1 - len(" ".join(words)):s1] else s0
        before = _LAST_WORD.search(text, max(0, s0 - 30), s0)
        if before is not None and before.group(1).lower() not in AFTER_THESE_A_NAME_ACTS:
            continue  # "urged Congress to reject": Congress is asked, it has taken no stand
        kind, named, source, proximity, _ = _classify(text[s0:s1], words, memory)
        if kind not in SPEAKERS:
            continue
        cue = _SPACES.sub(" ", text[c0:c1])
        found.append(_finding(text, (s0, s1), (c0, c1), kind, named, source, proximity, CHECK,
                              f'a name and "{cue.lower()}": the stand that person or group takes'))
    return found


#: "his claim", "their view": the possessive word and the pronoun it stands for
POSSESSIVES = {"his": "he", "her": "she", "their": "they", "its": "it"}


def _owned_views(text: str, rows, quotations: Ranges, memory: _Memory) -> list[dict]:
    """"Beck's contention that …", "in Bolton's view", "her criticism of": a noun for
    what someone said or thinks, with whose it is just before it (a name with "'s", or
    "his", "her", "their", "its"). Always "check this": the noun may name a plan or a
    feeling as much as words someone said."""
    lex = _lexicons()
    taken = [(r["cue_start"], r["cue_end"]) for r in rows] + [(r["source_start"], r["source_end"]) for r in rows]
    found = []
    for c0, c1 in lex.owner_noun_words.spans(text):
        if c0 in quotations or _inside_url(text, c0) or any(a < c1 and c0 < b for a, b in taken):
            continue
        # what was said must follow ("contention that", "view: …", a quotation), or the
        # noun closes "in X's view"; "Trump's comments" alone names words never given
        content = _OWNED_CONTENT.match(text, c1)
        if not content and not _OWNED_END.match(text, c1):
            continue
        if not _OWNER_BEFORE.search(text, max(0, c0 - 40), c0):
            continue  # no "'s", "his", "her" ... just before the noun
        toks = _tokens(text, max(0, c0 - 80), c0)
        # a window that starts inside a word loses that word
        if toks and toks[0][0] > 0 and _is_word(text[toks[0][0] - 1]):
            toks = toks[1:]
        j = len(toks) - 1
        if j >= 0 and toks[j][2][:1].islower() and _is_word(toks[j][2]) \
                and _low(toks, j) not in POSSESSIVES and not _low(toks, j).endswith(("'s", "\u2019s")):
            j -= 1  # one word describing the noun: "Beck's [main] contention"
        if j < 0 or "\n" in text[toks[j][1]:c0]:
            continue
        word = toks[j][2]
        low = word.lower()
        if low in POSSESSIVES:
            owner = [j]
            words = [POSSESSIVES[low]]
        elif toks[j][2] in ("'", "\u2019") and j > 0 and toks[j - 1][2].endswith("s") and _capital(toks[j - 1][2]):
            owner = _capitals_back(toks, j - 1) + [j]   # "Sanders' view"
            words = [toks[p][2] for p in owner[:-1]]
        elif low.endswith(("'s", "\u2019s")) and _capital(word) and low not in ("it's", "that's", "there's"):
            owner = _capitals_back(toks, j)             # "Donald Trump's claim"
            words = [toks[p][2] for p in owner]
        else:
            continue
        if not owner:
            continue
        if not content and not (_low(toks, owner[0] - 1) in ("in", "to") and _OWNED_END.match(text, c1)):
            continue
        s0, s1 = toks[owner[0]][0], toks[owner[-1]][1]
        if any(a < s1 and s0 < b for a, b in taken):
            continue
        if len(words) == 1 and low in POSSESSIVES:
            kind, named, source, proximity, _ = _classify(words[0], words, memory)
        else:
            plain = [_strip_possessive(w) for w in words]
            kind, named, source, proximity, _ = _classify(" ".join(plain), plain, memory)
        if kind not in SPEAKERS and not (kind == "vague_collective" and _known_group(words)) \
                and low not in POSSESSIVES:
            continue  # "the plan's proposal": a thing owns no view
        noun = _SPACES.sub(" ", text[c0:c1])
        found.append(_finding(text, (s0, s1), (c0, c1), kind, named, source, proximity, CHECK,
                              f'a word for a view or a claim, "{noun.lower()}", after whose it is'))
    return found


_OWNED_CONTENT = re.compile(r"[\s\u00a0]*(?:(?:was|is)[\s\u00a0]+)?(?:that\b|:|,?[\s\u00a0]*[\"\u201c])")
_OWNER_BEFORE = re.compile(r"(?:['\u2019]s?|\b[Hh]is|\b[Hh]er|\b[Tt]heir|\b[Ii]ts)[ \t\u00a0]+"
                           r"(?:[a-z][\w-]*[ \t\u00a0]+)?$")
_OWNED_END = re.compile(r"[\s\u00a0]*[,.;:)\u2014\u2013]")


def _capitals_back(toks, j: int) -> list[int]:
    """Token indexes of the capitalised name that ends at token j ("Donald Trump's")."""
    k = j
    while k - 1 >= 0 and j - k < 3 and _capital(toks[k - 1][2]) and _is_word(toks[k - 1][2]) \
            and _low(toks, k - 1) not in DETERMINERS | OPENERS:
        k -= 1
    return list(range(k, j + 1))


# "Martin Mejia / AP / TASS": a photographer and agencies on a line of their own.
_PHOTO_CREDIT = re.compile(
    r"(?m)^[ \t*_]*(?P<name>[A-Z][\w.'\u2019-]+(?:[ \t][A-Z][\w.'\u2019-]+){0,3})"
    r"(?P<slash>[ \t]?/[ \t]?)(?P<agencies>[A-Z][\w.&'\u2019 -]{1,30}(?:[ \t]?/[ \t]?[A-Z][\w.&'\u2019 -]{1,30}){0,2})"
    r"[ \t*_]*$")


def _quotation_follows(toks, last: int) -> bool:
    """True when the cue's clause goes on to a quotation ("called the move a "shameful
    attack""): the speaker's words are there, so the word is about speech."""
    for _, _, word in toks[last + 1: last + 8]:
        if word in ("\u201c", '"'):
            return True
        if word in (".", ";", "?", "!", ",", ":"):
            return False
    return False


def _rule(row: dict, cue: str, borrowed: bool, source_after: bool, quoted: bool = False) -> tuple[str, str]:
    """(why the finding was marked, in a reader's words; "sure" or "check this").

    A cue the lexicon gives without conditions (empty ``needs``: "said", "told",
    "according to") with a speaker where the grammar puts it is "sure"; a cue that is
    often not about speech ("believes", "called", "shows": a ``needs`` condition) or a
    speaker borrowed from the start of the sentence (", saying") is "check this".
    """
    cue = cue.lower()
    speech = "speech word" if not row["needs"] else "word not always about speech,"
    if row["source"] == "after":
        rule = f'{speech} "{cue}" with the source after it'
    elif borrowed:
        rule = f'{speech} "{cue}" sharing its sentence\'s speaker'
    elif source_after:
        rule = f'{speech} "{cue}" with the speaker after it'
    else:
        rule = f'{speech} "{cue}" with a subject'
    if quoted and row["needs"] in ("speaker", "speaker_or_document") and not borrowed:
        # "Critics called the move a "shameful attack"": a speaker and their quoted words
        return f'{rule} and a quotation', SURE
    sure = not row["needs"] and not borrowed
    return rule, SURE if sure else CHECK


def _photo_credits(text: str) -> list[dict]:
    """A photo credit line names who took a picture and the agency that relays it."""
    found = []
    slash = text.find("/")
    last_line = -1
    while slash != -1:
        line_start = text.rfind("\n", 0, slash) + 1
        if line_start != last_line:
            last_line = line_start
            m = _PHOTO_CREDIT.match(text, line_start)
            if m and "://" not in m.group():
                agencies = [a.strip() for a in m.group("agencies").split("/")]
                s0, s1 = m.span("name")
                found.append({
                    "start": s0, "end": m.end("agencies"), "text": text[s0:m.end("agencies")],
                    "kind": "named_person", "named": True, "source": m.group("name"),
                    "proximity": "", "via": agencies[0], "cue": "/",
                    "cue_start": m.start("slash"), "cue_end": m.end("slash"),
                    "source_start": s0, "source_end": s1,
                    "confidence": CHECK, "rule": "a photo credit line (name / agency)",
                })
        slash = text.find("/", slash + 1)
    return found


def _outlet_texts(text: str, rows, quotations: Ranges) -> list[dict]:
    """"a Wall Street Journal report": an outlet's text named as the source."""
    lex = _lexicons()
    if lex.outlet_noun_regex is None:
        return []
    taken = [(r["source_start"], r["source_end"]) for r in rows] + [(r["start"], r["end"]) for r in rows]
    found = []
    matches = []
    for noun_start, noun_end in lex.outlet_noun_words.spans(text):
        # the outlet's name stands just before the noun: read back a little
        for m in lex.outlet_noun_regex.finditer(text, max(0, noun_start - 80), noun_end):
            if m.end("noun") == noun_end:
                matches.append(m)
                break
    for match in matches:
        s0, s1 = match.span("outlet")
        c0, c1 = match.span("noun")
        if any(a <= s0 < b for a, b in taken) or s0 in quotations or _inside_url(text, s0):
            continue
        outlet = match.group("outlet")
        found.append({
            "start": s0, "end": c1, "text": text[s0:c1], "kind": "outlet", "named": True,
            "source": _SPACES.sub(" ", outlet), "proximity": "", "via": "",
            "cue": _SPACES.sub(" ", match.group("noun")), "cue_start": c0, "cue_end": c1,
            "source_start": s0, "source_end": s1, "confidence": SURE,
            "rule": f'an outlet\'s name before "{match.group("noun").lower()}"',
        })
    return found


#: The most a "Source: ..." line may run after its label (characters).
SOURCE_LINE_MAX = 300


def _sourceless(text, row, cue_start, cue_end, cue_text, memory) -> dict | None:
    """A cue that hides its source ("are expected to") or a source line of a web page."""
    lex = _lexicons()
    cue = _SPACES.sub(" ", cue_text)
    base = {"proximity": "", "via": "", "cue": cue, "cue_start": cue_start, "cue_end": cue_end}
    if row["source"] == "none":
        base.update(confidence=CHECK, rule=f'"{cue.lower()}" with nobody named')
    else:
        base.update(confidence=SURE, rule=f'"{cue.lower()}": a line naming where the text comes from')
    if row["source"] == "none":
        via = memory.last_outlet or ""
        return {**base, "start": cue_start, "end": cue_end, "text": text[cue_start:cue_end],
                "kind": "anonymous", "named": False, "source": "(not named)", "via": via,
                "source_start": cue_start, "source_end": cue_start}
    # a source line: the rest of the line says where the text comes from
    line_start = text.rfind("\n", 0, cue_start) + 1
    if text[line_start:cue_start].strip(" \t\u00a0*#>_[") and cue.endswith(":"):
        return None  # "source:" counts only as a label at the start of a line
    line_end = text.find("\n", cue_end, cue_end + SOURCE_LINE_MAX)
    if line_end == -1:   # a source line is short; a long run of prose after "Source:" is not one
        if len(text) - cue_end > SOURCE_LINE_MAX:
            return None
        line_end = len(text)
    rest_start = cue_end
    while rest_start < line_end and text[rest_start] in " \t\u00a0:*[":
        rest_start += 1
    end = line_end
    while end > rest_start and text[end - 1] in " \t\u00a0*._":
        end -= 1
    if end <= rest_start:
        return None
    rest = text[rest_start:end]
    outlets = lex.outlets_in(rest)
    if outlets:
        source = outlets[0]
    elif "|" in rest:
        source = rest.rsplit("|", 1)[1].strip()
    else:
        source = re.sub(r"\]\(.*?\)", "", rest).strip(" []")
    return {**base, "start": cue_start, "end": end, "text": text[cue_start:end],
            "kind": "outlet", "named": True, "source": source,
            "source_start": rest_start, "source_end": end}


# "Kasich: 'We are going to win'", "Poll: Trump a big turnoff", "TAPPER: Good morning":
# a name at the start of a line (or after a dash) and a colon, then a quotation or a
# capital. A page label ("Region:", "Source:") is not a speaker.
_HEADLINE_COLON = re.compile(
    r"(?m)(?:^|(?<=[-\u2013\u2014][ \t]))[ \t\u00a0*#>]*"
    r"(?P<name>(?:[A-Z][\w'\u2019.&-]*[ \t\u00a0]+){0,3}[A-Z][\w'\u2019.&-]*)(?P<colon>:)[ \t\u00a0]+"
    r"(?=[\"\u201c\u2018'A-Z])")


_TITLED_RUN = re.compile(r"[A-Z][a-z'\u2019.&-]*(?:[ \t\u00a0]+[A-Z][a-z'\u2019.&-]*)*")


def _title_case_names(text: str) -> set[str]:
    """Every run of up to four title-case words in ``text`` ("Tapper", "Jake Tapper"),
    read in one pass, for asking whether a shouted label is written as a name elsewhere."""
    names = set()
    for match in _TITLED_RUN.finditer(text):
        words = match.group().split()
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + 4) + 1):
                names.add(" ".join(words[i:j]))
    return names


def _headline_colons(text: str, quotations: Ranges, memory: _Memory) -> list[dict]:
    lex = _lexicons()
    found = []
    matches = []
    colon = text.find(":")
    while colon != -1:
        # only a colon at most 80 characters into its line can end a label: look no further back
        line_start = text.rfind("\n", max(0, colon - 81), colon) + 1
        if line_start == 0 and colon > 81:
            line_start = -1
        if line_start >= 0 and colon - line_start <= 80:
            m = _HEADLINE_COLON.match(text, line_start)
            if m is None:
                dash = max(text.rfind("- ", line_start, colon), text.rfind("\u2013 ", line_start, colon),
                           text.rfind("\u2014 ", line_start, colon))
                m = _HEADLINE_COLON.match(text, dash + 2) if dash != -1 else None
            if m is not None and m.end("colon") == colon + 1:
                matches.append(m)
        colon = text.find(":", colon + 1)
    def shouted(name):
        return all(w.isupper() and len(w.strip(".'\u2019&-")) >= 5 for w in name.split())

    # counted once each (a transcript has thousands of labels)
    labels = Counter(m.group("name") for m in matches)
    # a transcript: a shouted label at the start of a line comes back
    transcript = any(n >= 2 and shouted(name) for name, n in labels.items())
    titled = None
    for match in matches:
        name = match.group("name")
        words = name.split()
        if any(w.lower() in lex.labels for w in (words[0], words[-1])):
            continue
        if any(w.lower() in STOP_WORDS for w in words):
            continue  # "FIX IS IN: …" is a headline, not a speaker
        if shouted(name) and labels[name] < 2 \
                and not (transcript and text[match.start("name") - 1: match.start("name")] in ("", "\n")):
            if titled is None:
                titled = _title_case_names(text)
            if name.title() not in titled and name not in memory.kind_of_name \
                    and not lex.outlets_in(name) and all(lex.meaning(w) is None for w in words):
                # "SHAMEFUL: …" shouts a word; a transcript's "TAPPER:" comes back as a
                # speaker, or is written "Tapper" elsewhere, and a speaker who talks once
                # ("GUEST:") stands among labels that come back; short capitals ("NATO:")
                # may be a name
                continue
        s0, s1 = match.span("name")
        if s0 in quotations or _inside_url(text, s0):
            continue
        kind, named, source, proximity, _ = _classify(name, words, memory)
        cue_start, cue_end = match.span("colon")
        found.append({
            "start": s0, "end": cue_end, "text": text[s0:cue_end], "kind": kind,
            "named": bool(named), "source": source, "proximity": proximity, "via": "",
            "cue": ":", "cue_start": cue_start, "cue_end": cue_end,
            "source_start": s0, "source_end": s1,
            "confidence": CHECK, "rule": "a name and a colon at the start of a line",
        })
    return found


def _in_brackets(text: str, start: int, pos: int) -> bool:
    """True when ``pos`` is inside brackets opened after ``start`` and not yet closed."""
    chunk = text[start:pos]
    return chunk.count("(") > chunk.count(")") or chunk.count("[") > chunk.count("]")


def _quotes_an_outlet(text: str, quotation, sentence_of, memory: _Memory) -> str:
    """The outlet whose article a quotation quotes ("“…,” reports Reuters"), or ''.

    "the article" or "the outlet" stands for the outlet the text cited last.
    """
    lex = _lexicons()
    toks = _tokens(text, quotation[1] + 1, min(len(text), quotation[1] + 120))
    k = 0
    while k < len(toks) and toks[k][2] in (",", "\u201d", '"'):
        k += 1
    for width in (2, 1):
        cue = " ".join(t[2].lower() for t in toks[k: k + width])
        if len(toks) > k + width - 1 and cue in lex.form_to_row:
            phrase = _walk_forward(toks, k + width)
            if phrase:
                words = [toks[p][2] for p in phrase]
                named = lex.outlets_in(" ".join(words))
                if named:
                    return _strip_possessive(named[0])
                if lex.meaning(words[_head_index(words)]) in ("outlet", "document"):
                    return memory.last_outlet or " ".join(words)
            break
    before = text[max(0, quotation[0] - 120): quotation[0] - 1]
    if re.search(r"(?:reports?|reported|writes?|wrote|adds?|added)[\s\u00a0]*[:,]?[\s\u00a0]*$", before):
        named = lex.outlets_in(before)
        if named or memory.last_outlet:
            return _strip_possessive(named[-1]) if named else memory.last_outlet
    return ""


def _find_source(toks, first: int, last: int, row: dict, cue_text: str):
    """(source token indexes, tokens of an outlet after "by" in a passive quote)."""
    if row["source"] == "after":
        return _walk_forward(toks, last + 1), None
    by = last + 1
    passive = _is_passive(toks, first, last, cue_text, agent_ok=True)
    if passive:
        # "was branded as a 'foreign agent' by the Russian government"
        if _low(toks, last + 1) == "as":  # "was branded as a 'foreign agent' by the government"
            for k in range(last + 2, min(len(toks), last + 9)):
                if _low(toks, k) == "by":
                    by = k
                    break
                if toks[k][2] in (",", ".", ";", ":"):
                    break
    # "interjected by hitting Trump": after an active verb, "by" and an -ing word is a means;
    # after a passive it is who did it ("was criticised by leading riders")
    means = not passive and by + 1 < len(toks) and _low(toks, by + 1).endswith("ing")
    if _low(toks, by) == "by" and not means:
        after_by = _walk_forward(toks, by + 1)
        if re.search(r"\b(?:quoted|cited)\b", cue_text, re.IGNORECASE):
            # "was quoted by the Journal as saying": the Journal relays; the source is before
            return _walk_back(toks, first), after_by
        if after_by:
            return after_by, None
    prev, prev2 = (toks[first - 1][2] if first > 0 else ""), (toks[first - 2][2] if first > 1 else "")
    after_quote = prev in QUOTE_MARKS or (prev == "," and prev2 in QUOTE_MARKS)
    if first == 0 and cue_text.lower().endswith("ed"):
        # "Asked if he would run, Ryan said no": the subject of the main clause asked
        subject = _main_clause_subject(toks, last + 1)
        if subject:
            return subject, None
    participle = cue_text.split()[0].lower().endswith("ing")
    if after_quote and participle:
        after_quote = False  # "…,” saying the city …": a participle never has its speaker after it
    if prev == "," and not after_quote and not row["needs"] and first == last and not participle \
            and not _read_over_description(toks, first, ","):
        # quotative inversion, with speech verbs only: "…, said Jake Horowitz, editor of Mic.com."
        forward = _walk_forward(toks, last + 1)
        if forward and _inverted_speaker(toks, forward):
            return forward, None
    if after_quote or first == 0:
        # "…,” said Lavrov" and a sentence that opens "Said Dorothy Poynter, ..."
        forward = _walk_forward(toks, last + 1)
        if forward:
            return forward, None
    who = _anonymity_clause(toks, first)
    if who is not None:
        antecedent = _walk_back(toks, who)
        if antecedent:
            return antecedent + list(range(who, first)), None
    back = _walk_back(toks, first)
    if back:
        # "Many riders who came to the meeting over this week's cuts say": the words before
        # the verb end a "who" clause; its antecedent is the subject
        for j in range(back[0] - 1, max(-1, back[0] - 15), -1):
            word = _low(toks, j)
            if not _is_word(toks[j][2]) or word in ("that", "and", "but", "because", "which"):
                break
            if word == "who":
                if j + 1 < back[0]:
                    antecedent = _walk_back(toks, j)
                    if antecedent:
                        return antecedent + [j], None
                break
    if not back and prev in QUOTE_MARKS and first > 1 and _is_word(prev2):
        back = _walk_back(toks, first - 1)  # Rostec "believe(s) ...": a partial quotation
    if back:
        return back, None
    k = first - 1
    while k >= 0 and _low(toks, k) in SKIP_BEFORE_CUE:
        k -= 1
    if _low(toks, first - 1) == "to":
        subject = _controller(toks, first - 1)
        if subject:
            return subject, None
    if _low(toks, k) in ("who", "which"):
        # "Ted Cruz, who said ...", "an investor who had previously backed": before "who".
        # The source phrase runs on to "who" itself, the word that stands for the name
        # in the cue's own clause: "[Ted Cruz, who] said".
        relative = k
        if k >= 1 and toks[k - 1][2] == ",":
            k -= 1
            # "Dana Reyes, a host of the morning show, who has reported": "who" is Reyes
            described = _read_over_description(toks, k + 1, ",")
            if described and _capital(toks[described[0]][2]):
                return described + list(range(k, relative + 1)), None
        antecedent = _walk_back(toks, k)
        return (antecedent + list(range(k, relative + 1)) if antecedent else []), None
    if toks[k][2] in (",", "\u2014", "\u2013", "\u2015", "-", ")") if k >= 0 else False:
        # "Joe Smith, a spokesman, said", "three officials ― all retired ― have also said"
        described = _read_over_description(toks, k + 1, toks[k][2])
        if not described and toks[k][2] == ",":
            described = _relative_clause_back(toks, k)
        return described, None
    return [], None


def _relative_clause_back(toks, comma: int) -> list[int]:
    """"Beck, who supported Cruz, R-Texas, and opposed Trump in the primaries, last week
    said": a long "who" clause between a name and its verb is read over to the name. The
    source runs from the name to "who"."""
    for k in range(comma - 1, max(0, comma - 45), -1):
        word = toks[k][2]
        if word in (".", ";", ":", "?", "!") or word in QUOTE_MARKS:
            return []
        if word.lower() in ("who", "which") and k >= 2 and toks[k - 1][2] == ",":
            antecedent = _walk_back(toks, k - 1)
            if antecedent and _capital(toks[antecedent[0]][2]):
                return antecedent + [k - 1, k]
            return []
    return []


MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                    "september", "october", "november", "december", "jan", "feb", "aug", "sept",
                    "oct", "nov", "dec"})


def _inverted_speaker(toks, phrase) -> bool:
    """True when the phrase after a cue that follows a comma is its speaker: a name or
    "a/the + noun" that ends the clause ("…, said David Wasserman, an analyst")."""
    first_word = toks[phrase[0]][2]
    low = first_word.lower()
    if low in TIME_WORDS or low in MONTHS or low in PRONOUNS or first_word[:1].isdigit():
        return False
    if not (_capital(first_word) or low in ("a", "an", "the", "one")):
        return False
    after = phrase[-1] + 1
    return after >= len(toks) or toks[after][2] in (",", ".", ";", "—", "–", "(")


#: Verbs whose subject is also the subject of the "to ..." after them (subject control):
#: "Clinton is continuing to insist", "She went on to say", "he struggled to explain".
CONTROL_VERBS = frozenset({
    "continue", "continues", "continued", "continuing", "went", "goes", "go", "going", "on",
    "decided", "decides", "deciding", "plans", "planned", "planning", "tried", "tries", "trying",
    "attempted", "attempts", "struggled", "struggles", "struggling", "began", "begins", "beginning",
    "started", "starts", "starting", "chose", "chooses", "choosing", "managed", "moved", "rushed",
    "hastened", "took", "taken", "wanted", "wants", "hoped", "hopes", "intends", "intended",
    "prepared", "prepares", "preparing", "appeared", "appears", "seemed", "seems", "ready", "eager",
    "quick", "careful", "able", "unable", "willing", "unwilling", "set", "first",
})
_CONTROL_FILLERS = frozenset({"is", "are", "was", "were", "has", "have", "had", "been", "be", "also",
                              "not", "never", "again", "now", "then", "quickly", "later", "soon",
                              "still", "already", "just", "even", "once", "seemingly", "all", "both"})


def _controller(toks, to: int):
    """The subject of a control verb before "to": "[Clinton] is continuing to insist"."""
    j, verbs = to - 1, 0
    while j >= 0 and (_low(toks, j) in CONTROL_VERBS or _low(toks, j) in _CONTROL_FILLERS) and to - j <= 6:
        verbs += _low(toks, j) in CONTROL_VERBS
        j -= 1
    if not verbs or j < 0 or not _is_word(toks[j][2]):
        return []
    return _walk_back(toks, j + 1)


def _main_clause_subject(toks, i: int):
    """The subject after an opening phrase: "Asked about X, [Ryan] said …" (or [])."""
    depth = 0
    for k in range(i, min(len(toks), i + 30)):
        word = toks[k][2]
        if word in ("(", "["):
            depth += 1
        elif word in (")", "]"):
            depth -= 1
        elif word in (".", ";", "?", "!") or word in QUOTE_MARKS:
            return []
        elif word == "," and depth <= 0:
            phrase = _walk_forward(toks, k + 1)
            after = phrase[-1] + 1 if phrase else None
            if phrase and after < len(toks) and _is_word(toks[after][2]) \
                    and (_capital(toks[phrase[0]][2]) or _low(toks, phrase[0]) in PRONOUNS | DETERMINERS):
                return phrase
            return []
    return []


def _read_over_description(toks, first: int, mark: str):
    """", a spokesman for the ministry, said": the phrase before the description."""
    opener = {",": ",", ")": "(", "\u2014": "\u2014", "\u2013": "\u2013", "\u2015": "\u2015", "-": "-"}[mark]
    k = first - 2
    while k >= 0 and toks[k][2] not in (opener, ".", ";", ":") and toks[k][2] not in QUOTE_MARKS:
        k -= 1
    if k < 1 or toks[k][2] != opener or first - 2 - k > 12:
        return []
    inner = [toks[i][2] for i in range(k + 1, first - 1)]
    if not inner:
        return []
    inner_low = [w.lower() for w in inner]
    lex = _lexicons()
    if inner_low[0] in ("who", "which"):
        antecedent = _walk_back(toks, k)
        if antecedent and antecedent[0] >= 2 and toks[antecedent[0] - 1][2] == "," \
                and not _capital(toks[antecedent[0]][2]):
            # "Marcia Delacroix, the chief executive of Calloway, which owns the
            # hospital, said": the description stands after a name; the name is the source
            described = _read_over_description(toks, antecedent[-1] + 2, ",")
            if described and _capital(toks[described[0]][2]):
                return described
        return antecedent
    starts_like_description = (inner_low[0] in DETERMINERS or inner[0][:1].isdigit()
                               or lex.meaning(inner[0]) in ("role", "anonymous")
                               or _capital(inner[0]) or mark != ",")
    if not starts_like_description or (mark == "," and len(inner) > 8):
        return []
    names_listed = all(_capital(w) or w.lower() in ("and", "of", ",") for w in inner)
    if mark == "," and any((w in STOP_WORDS or w == "to") and w not in ("of", "for", "in", "at", "from", "with", "on")
                           and w not in DETERMINERS and not (w == "and" and names_listed) for w in inner_low):
        return []
    outer = _walk_back(toks, k)
    if not outer:
        return []
    return outer + list(range(k, first - 1))


#: Read over these between "and" and a cue that shares its sentence's speaker.
_AUXILIARIES = frozenset({"has", "have", "had", "also", "then", "later", "since", "again",
                          "once", "further", "still", "would", "will", "could", "might", "did"})


def _is_adverb(low: str) -> bool:
    return low.endswith("ly") and len(low) > 4 and low not in NOT_ADVERBS


def _borrow_source(text, toks, first: int, rows, sentence, memory, whole_start: bool = True):
    """For ", saying" or "and said": the source of an earlier cue in the sentence, or
    the subject at the start of the sentence ("Maduro blamed ..., saying")."""
    k = first - 1
    while k > 0 and (_low(toks, k) in _AUXILIARIES or _is_adverb(_low(toks, k))):
        k -= 1  # "…, and has promised", "and specifically mentioned": the same speaker
    prev = _low(toks, k)
    if prev in CLOSING_QUOTES:
        prev = ","  # "…,” adding: …" continues the sentence's speaker
    if prev in ("\u2014", "\u2013", "--") or (prev == "-" and k > 0 and toks[k - 1][1] < toks[k][0]):
        prev = ","  # "… — asserting that …": a dash before a participle, as a comma
    if prev not in (",", "and", "but", "while", "then", "before", "after", "by", "when", "upon", "being"):
        return None
    for found in reversed(rows):
        if found["cue_start"] < sentence[0]:
            break
        if found["cue_end"] <= toks[first][0]:
            if prev == "and" and any(_low(toks, j) in HELPERS for j in range(k + 1, first)):
                after = k
                while after > 0 and toks[after - 1][0] >= found["cue_end"]:
                    after -= 1
                if after < k and _low(toks, after) == "that":
                    after += 1
                if after < k and toks[after][0] >= found["cue_end"] and _low(toks, after) in PRONOUNS:
                    # "said they were upset and would ask …": the second verb belongs
                    # to what was said, not a second time the group spoke
                    return None
            return found
    if not whole_start:
        return None  # the start of a very long sentence is out of reach
    start = 0
    commas = [i for i, t in enumerate(toks[: min(first, 12)]) if t[2] == ","]
    if commas and _low(toks, 0) in OPENERS:
        start = commas[0] + 1
    if not (_capital(toks[start][2]) or _low(toks, start) in DETERMINERS):
        return None
    phrase = _walk_forward(toks, start, first)
    if not phrase or len(phrase) > 8:
        return None
    words = [toks[p][2] for p in phrase]

    s0, s1 = toks[phrase[0]][0], toks[phrase[-1]][1]
    kind, named, source, proximity, _ = _classify(text[s0:s1], words, memory)
    return {"source_start": s0, "source_end": s1, "kind": kind, "named": named,
            "source": source, "proximity": proximity, "words": words}


#: How far (in characters) after an outlet's finding a hidden source is still taken as
#: that outlet's ("The Journal reported … A source close to the ministry said").
RELAY_REACH = 600


def _find_via(toks, first, last, row, cue_text, kind, outlet_inside, relayed_by, rows,
              sentence, memory) -> str:
    """The outlet that relays this source, or ''."""
    lex = _lexicons()
    if relayed_by:
        outlets = lex.outlets_in(" ".join(toks[p][2] for p in relayed_by))
        if outlets:
            return _strip_possessive(outlets[0])
    if kind == "outlet":
        return ""
    if outlet_inside:
        return outlet_inside
    if row["cue"] == "tell":
        # "X told The Wall Street Journal"
        outlets = lex.outlets_in(" ".join(t[2] for t in toks[last + 1: last + 6]))
        if outlets:
            return _strip_possessive(outlets[0])
        # "told the Ledger", "told The Valley Ledger", "told reporters from the Times"
        named = _outlet_named([toks[p][2] for p in _walk_forward(toks, last + 1)], memory)
        if named:
            return named
        # "told the Ledger the plant was safe": the capitalised run right after the cue
        # (after a "the"), up to the first lower-case word; "told the Ledger's editor"
        # spoke to the Ledger too, as "told The Wall Street Journal's editor" does above
        run, k = [], last + 1
        if k < len(toks) and toks[k][2] in ("the", "The"):
            run.append(toks[k][2])
            k += 1
        while k < len(toks) and len(run) < 6 and _is_word(toks[k][2]) and _capital(toks[k][2]):
            run.append(toks[k][2])
            if _strip_possessive(toks[k][2]) != toks[k][2]:
                break
            k += 1
        if len(run) > (1 if run and run[0] in ("the", "The") else 0):
            named = _outlet_named(run, memory)
            if named:
                return named
        for width in range(1, 6):  # "told Heartland Now" in a text whose byline names Heartland Now
            name = " ".join(_strip_possessive(t[2]) if k == width - 1 else t[2]
                            for k, t in enumerate(toks[last + 1: last + 1 + width]))
            if name in memory.outlet_names:
                return name
    # (after "according to" the words that follow are the source itself: "a producer at Fox
    # News" works there, Fox News does not relay them)
    channel = _channel_after(toks, last, memory) if row["source"] != "after" else ""
    if not channel:
        # the opening of a sentence is read once, for its first cue, however many it holds
        if memory.channel_of[0] != sentence:
            memory.guess, guess = "", memory.guess
            memory.channel_of = (sentence, *_channel_before(toks, sentence, memory), memory.guess)
            memory.guess = guess
        _, name, comma, why = memory.channel_of
        if name and comma is not None and first > comma:  # a cue of the main clause, after the opening
            channel = name
            if why:
                memory.guess = why
    if channel:
        return channel
    # "The Journal reported Sunday, citing an unnamed source": the last outlet found, when
    # it is in this sentence. Each row is looked at once, however long the sentence.
    if memory.via_seen > len(rows):
        memory.via_seen, memory.via_last = 0, None
    for found in rows[memory.via_seen:]:
        if found["kind"] == "outlet":
            memory.via_last = found
    memory.via_seen = len(rows)
    found = memory.via_last
    if found is not None and found["cue_start"] >= sentence[0]:
        return _strip_possessive(found["source"])
    # ("was quoted by The Times as saying": _find_source gives the words after "by" as
    # relayed_by, read at the top)
    passive = re.search(r"\b(?:quoted|cited)\b", cue_text, re.IGNORECASE)
    if passive and kind != "anonymous":
        # "Ambassador X was quoted as saying" alone does not say who quoted him: the last
        # outlet named is not carried over (a hidden source stays with the outlet that
        # the report relays, as below)
        return ""
    if memory.last_outlet and kind == "anonymous":
        if row["cue"] == "tell" and last + 1 < len(toks) and _capital(toks[last + 1][2]):
            return ""  # "a spokeswoman told Heartland Now": she spoke to this outlet, not the last one named
        if toks[first][0] - memory.last_outlet_at > RELAY_REACH:
            return ""  # an outlet named paragraphs earlier relays no later hidden source
        return memory.last_outlet
    return ""


# "By Travis Boone | Heartland Now", "By Jordan Reyes-Whitfield, Rising Tide Report": a
# byline near the top names the outlet the text is from
_BYLINE = re.compile(
    r"(?m)^[ \t*_#>]*By[ \t]+[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,3}[ \t]*[|,\u2014\u2013][ \t]*"
    r"(?P<outlet>[A-Z][\w.&'\u2019-]*(?:[ \t]+[A-Z][\w.&'\u2019-]*){0,4})[ \t*_]*$")
#: How far into a text its byline is looked for (characters).
BYLINE_REACH = 1000


def _byline_outlets(text: str) -> list[str]:
    """The outlet a byline near the top of the text names ("By Travis Boone | Heartland
    Now" -> "Heartland Now"), so that "told Heartland Now" later is that outlet; not a job
    ("By Jane Doe, Staff Writer")."""
    lex = _lexicons()
    found = []
    for match in _BYLINE.finditer(text, 0, min(len(text), BYLINE_REACH)):
        words = match.group("outlet").split()
        if not any(lex.meaning(w) in ("role", "anonymous") for w in words):
            found.append(" ".join(words))
    return found


#: How many words after a cue (or before it, from the sentence's start) the outlet it was
#: said on or to is looked for: "said in an interview with Fox News", "On Fox News, X said".
CHANNEL_REACH = 12
_THE_BEFORE_A_CAPITAL = re.compile(r"(?<![\w'\u2019-])the(?=[ \t\u00a0][A-Z])")


def _outlet_named(words: list[str], memory: _Memory) -> str:
    """The outlet a phrase ends with, as a name ("The Valley Ledger", "the Times" -> "The
    Times", "reporters from Fox News" -> "Fox News"), or ''. An outlet of the lexicon, or a
    name whose last word is a word for an outlet ("Ledger", "Herald"); a short name the text
    wrote in full before ("the Ledger" after "The Valley Ledger") is given in full. A name
    inside the phrase that does not end it ("Fox News executives") is not the outlet."""
    if not words:
        return ""
    lex = _lexicons()
    words = [_strip_possessive(w) if k == len(words) - 1 else w for k, w in enumerate(words)]
    joined = _THE_BEFORE_A_CAPITAL.sub("The", " ".join(words))
    outlets = lex.outlets_in(joined)
    if outlets and joined.endswith(outlets[-1]):
        return _strip_possessive(outlets[-1])
    capitals = []
    for word in reversed(words):
        if not (_capital(word) and _is_word(word)):
            break
        capitals.insert(0, word)
    if capitals and " ".join(capitals) in memory.outlet_names:
        return " ".join(capitals)  # a name the text gave as an outlet ("By … | Heartland Now")
    if not capitals or lex.means.get(capitals[-1].lower()) != "outlet" or not capitals[-1][1:].islower():
        return ""
    name = " ".join(capitals)
    known = memory.outlet_by_last_word.get(capitals[-1], "")
    if (len(capitals) == 1 or (len(capitals) == 2 and capitals[0] == "The")) and len(known) > len(name):
        return known  # "the Ledger" after "The Valley Ledger"
    return name


def _channel_after(toks, last: int, memory: _Memory) -> str:
    """"X said in an interview with Fox News", "said on Fox News that", "told reporters
    from the Times": a named outlet after a preposition in the cue's own clause, ending
    its phrase; the clause ends at a word such as "that" or "and" (``channel_end`` in
    attribution_verbs.csv)."""
    lex = _lexicons()
    for k in range(last + 1, min(len(toks), last + 1 + CHANNEL_REACH)):
        word = _low(toks, k)
        if not _is_word(toks[k][2]) or word in lex.channel_ends:
            return ""
        if word in lex.channel_links:
            name_at = k + 2 if _low(toks, k + 1) == "the" else k + 1
            if name_at >= len(toks) or not _capital(toks[name_at][2]):
                continue  # an outlet's name has capitals: "on Monday", "to reporters" name none here
            if word in ("to", "with") and k > last + 1 and not _spoken_through(_low(toks, k - 1)):
                continue  # "says no to Fox News", "met with Fox News": not where it was said
            named = _outlet_named([toks[p][2] for p in _walk_forward(toks, k + 1)], memory)
            if named:
                return named
    return ""


def _spoken_through(word: str) -> bool:
    """True for a word before "to" or "with" that says someone spoke there: a noun for
    what was said or for an outlet's text ("a statement to", "an interview with", from the
    cue lexicon) or a verb in -ing ("speaking to", "talking with")."""
    lex = _lexicons()
    return word in lex.owner_nouns or word in lex.outlet_nouns or (word.endswith("ing") and len(word) > 5)


def _channel_before(toks, sentence, memory: _Memory) -> tuple[str, int | None]:
    """"On Fox News, Holloway said", "In an interview with the Ledger, …", "Speaking to
    reporters from the Times, …": an opening phrase of the cue's sentence, up to its first
    comma, that names where the speaker spoke. After "On" the name must be an outlet: one
    of the lexicon, a name ending in a word for an outlet ("On the Valley Ledger,") or one
    the text named as an outlet before, in a byline or a finding ("On Heartland Now,"
    under "By … | Heartland Now"). Any other name is no outlet: "On Maduro," is what
    was spoken about, "On Tuesday," when. Gives (the outlet or '', the token index of
    the opening's comma or None)."""
    if not toks or toks[0][0] > sentence[0] + 3:
        return "", None  # the words read are not the sentence's start (a very long sentence)
    comma = next((k for k in range(min(len(toks), CHANNEL_REACH + 2)) if toks[k][2] == ","), None)
    if comma is None or comma < 2:
        return "", None
    opening = [toks[k][2] for k in range(comma)]
    low = [w.lower() for w in opening]
    if low[0] == "on":
        named = _outlet_named(opening[1:], memory)
        if named:
            return named, comma
        return "", None
    lex = _lexicons()
    if not set(low) & lex.channel_words:
        return "", None
    for k in range(1, comma):
        if low[k] in lex.channel_links:
            named = _outlet_named([toks[p][2] for p in _walk_forward(toks, k + 1, comma)], memory)
            if named:
                return named, comma
    return "", None


def _token_index(toks, pos: int):
    lo, hi = 0, len(toks) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e, _ = toks[mid]
        if pos < s:
            hi = mid - 1
        elif pos >= e:
            lo = mid + 1
        else:
            return mid
    return None


def _inside_url(text: str, pos: int) -> bool:
    left = max(text.rfind(" ", max(0, pos - 200), pos), text.rfind("\n", max(0, pos - 200), pos))
    chunk = text[left + 1: pos]
    return "://" in chunk or chunk.startswith("www.") or ("/" in chunk and "." in chunk)


def _line_at(text: str, pos: int) -> str:
    """The line around ``pos`` if it is short enough to be a headline, else "" (looked for
    a bounded distance each way, so many calls on a one-line story stay linear)."""
    reach = HEADLINE_MAX + 1
    start = text.rfind("\n", max(0, pos - reach), pos)
    if start == -1 and pos > reach:
        return ""
    end = text.find("\n", pos, pos + reach)
    if end == -1:
        end = len(text) if len(text) - pos <= reach else -1
    return "" if end == -1 else text[start + 1:end]
