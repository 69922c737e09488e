"""How hard is our prose to read? A small Flesch-Kincaid grade for the lessons' text.

The kit's notebooks are written for 15-year-olds, so the tests hold all the text a
student reads to a Flesch-Kincaid grade of 10 or below. The formula (Kincaid et al.,
1975) is::

    grade = 0.39 * words / sentences + 11.8 * syllables / words - 15.59

Syllables are counted by a rule of thumb (groups of vowels, a silent final "e", a few
endings), as readability tools do; it is right for most English words and close
enough over a whole page. :func:`markdown_text` turns a notebook's Markdown into plain
sentences first: code, link targets and HTML tags are not prose, and every heading,
list item and table row counts as a sentence of its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: Words the rules get wrong and that the kit's text uses.
SYLLABLE_EXCEPTIONS = {
    "the": 1, "every": 3, "everyone": 4, "everything": 4, "business": 2, "different": 3,
    "people": 2, "science": 2, "quiet": 2, "idea": 3, "area": 3, "being": 2, "doing": 2,
    "going": 2, "seeing": 2, "cooperation": 5, "cooperate": 4, "coordinate": 4,
    "reuse": 2, "reused": 2, "recreate": 3, "poem": 2, "poet": 2, "create": 2,
    "created": 3, "realize": 3, "real": 1, "really": 2, "video": 3, "radio": 3,
    "our": 1, "hour": 1, "fire": 1, "maybe": 2, "someone": 2, "something": 2,
    "sometimes": 2, "somewhere": 2, "whole": 1, "one": 1, "once": 1, "gone": 1,
    "done": 1, "none": 1, "lives": 1, "mayor": 2, "naive": 2, "whereas": 2,
    "maduro": 3, "venezuela": 4, "venezuelan": 4, "caracas": 3, "rostec": 2,
    "guaido": 3, "guaidó": 3, "journal": 2, "news": 1, "quotes": 1, "quote": 1,
    "notebook": 2, "notebooks": 2, "outline": 2, "headline": 2, "headlines": 2,
    "pipeline": 2, "online": 2, "lifeline": 2, "breitbart": 2, "hannity": 3,
    "zayemsky": 3, "zaemsky": 3, "kremlin": 2, "snowden": 2, "ocr": 3,
}

_VOWELS = "aeiouy"
# Vowel pairs that are usually two syllables ("ri-a", "cre-ate", "vi-o"), except in
# endings like "-tion", "-cial", "-cious", handled below.
_SPLIT_PAIRS = ("ia", "io", "iu", "eo", "ua", "uo")
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)*")


def syllables(word: str) -> int:
    """The number of syllables in one English word (at least 1)."""
    w = word.lower().strip("'’")
    w = re.sub(r"['’]s$", "", w)
    if not w:
        return 0
    if w in SYLLABLE_EXCEPTIONS:
        return SYLLABLE_EXCEPTIONS[w]
    if len(w) <= 3:
        return 1
    w = w.replace("é", "e").replace("ó", "o").replace("á", "a").replace("í", "i")
    count = len(re.findall(r"[aeiouy]+", w))
    # A silent final "e" ("make", "since"), but not "-le" after a consonant ("table").
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    elif w.endswith("le") and len(w) > 2 and w[-3] in _VOWELS and count > 1:
        count -= 1
    # "-es" and "-ed" are silent after most letters ("makes", "liked", but "boxes", "ended").
    elif count > 1 and (re.search(r"[^aeiouydt]ed$", w) or re.search(r"[^aeiouyszcgxh]es$", w)):
        count -= 1
    # Vowel pairs said as two syllables ("Rus-si-a" is 3, "vi-o-lent", "ac-tu-al").
    for pair in _SPLIT_PAIRS:
        for match in re.finditer(pair, w):
            before = w[: match.start()]
            if pair in ("ia", "io", "iu") and re.search(r"(?:t|s|c|x|g|sh|ss)$", before):
                continue  # nation, special, religion, precious
            if pair == "ua" and re.search(r"(?:q|g)$", before):
                continue  # quality, language
            count += 1
    # "-ism" and "-ier" endings add a syllable the vowel groups miss.
    if w.endswith("ism"):
        count += 1
    return max(1, count)


@dataclass(frozen=True)
class Readability:
    """The counts behind a Flesch-Kincaid grade, and the grade itself."""

    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    def __str__(self) -> str:
        return (f"Flesch-Kincaid grade {self.grade:.1f} ({self.words} words, "
                f"{self.sentences} sentences, {self.syllables} syllables)")


#: A run of stops is tried only from its first stop and taken whole (possessive), so a
#: line of thousands of full stops is read once, not once per stop.
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=\s|$)|\n")


def sentences(text: str) -> list[str]:
    """Split plain text into sentences: at . ! ? and at every line break."""
    parts = _SENTENCE_END.split(text)
    return [p.strip() for p in parts if _WORD.search(p)]


def measure(text: str) -> Readability:
    """Count the words, sentences and syllables of plain text (see :func:`sentences`)."""
    found = sentences(text)
    words = [w for s in found for w in _WORD.findall(s)]
    return Readability(len(words), len(found), sum(syllables(w) for w in words))


def grade(text: str) -> float:
    """The Flesch-Kincaid grade of plain text."""
    return measure(text).grade


def markdown_text(markdown: str) -> str:
    """The prose of a Markdown cell: no code, no link targets, no HTML tags or markup.

    Headings, list items and table rows stay on lines of their own, so each counts as
    a sentence. Text inside inline code is dropped: it is a name to type, not prose.
    """
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"<(details|summary)[^>]*>|</(details|summary)>", "\n", text)
    text = re.sub(r"<[^>\n]+>", " ", text)
    text = re.sub(r"`[^`\n]*`", " ", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^[ \t]*\|?[ \t]*:?-{3,}.*$", "", text, flags=re.M)   # table rule
    text = re.sub(r"^[ \t]*-{3,}[ \t]*$", "", text, flags=re.M)          # horizontal rule
    text = re.sub(r"^[ \t]*>[ \t]?", "", text, flags=re.M)                # block quotes
    # A line break inside a paragraph is only a soft wrap: join it to the line before,
    # unless the next line starts a block of its own (list item, heading, table row).
    text = re.sub(r"(?<=\S)[ \t]*\n(?![ \t]*(?:\n|#|[-*+][ \t]|\d+\.[ \t]|\|))[ \t]*", " ", text)
    text = re.sub(r"^[ \t]*\|(.*?)\|?[ \t]*$", lambda m: m.group(1).replace("|", ","), text, flags=re.M)
    text = re.sub(r"^[ \t]*(?:#+|[-*+]|\d+\.)[ \t]+", "", text, flags=re.M)
    text = re.sub(r"[*_]{1,3}", "", text)
    return text
