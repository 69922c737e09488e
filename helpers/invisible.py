"""Invisible characters that change how text looks: direction overrides and zero-width marks.

A report (or a case.yml) can hide characters that make a line display reversed
(U+202E RIGHT-TO-LEFT OVERRIDE) or split a word invisibly (U+200B ZERO WIDTH SPACE), so
what a student reads is not what the file says, and a search for the word fails.
``python -m helpers check`` lists each one as ``file:line: warning``, and the reader and
the analyze page show each as a visible marker (``⟨U+202E⟩``) instead of obeying it.
"""
from __future__ import annotations

import re

#: Each character, with the name a teacher sees.
INVISIBLE = {
    "\u202a": "left-to-right embedding", "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting", "\u202d": "left-to-right override",
    "\u202e": "right-to-left override (shows the text after it reversed)",
    "\u2066": "left-to-right isolate", "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate", "\u2069": "pop directional isolate",
    "\u200b": "zero-width space", "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner",
    "\u2060": "word joiner", "\ufeff": "zero-width no-break space (byte-order mark)",
}
PATTERN = re.compile("[" + "".join(INVISIBLE) + "]")
_BLANK = re.compile(r"[\s" + "".join(INVISIBLE) + "]*")


def is_blank(text: str) -> bool:
    """True for a text with nothing to read: only spaces, line breaks and invisible
    characters (a file of U+202E and U+200B is as empty as a file of spaces)."""
    return _BLANK.fullmatch(text) is not None


def code(char: str) -> str:
    return f"U+{ord(char):04X}"


def find_invisible(text: str) -> list[tuple[int, int, str]]:
    """(line, column, char) of every invisible character, lines and columns from 1."""
    found = []
    line, line_start, scanned = 1, 0, 0
    for match in PATTERN.finditer(text):
        at = match.start()
        newlines = text.count("\n", scanned, at)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", scanned, at) + 1
        scanned = at
        found.append((line, at - line_start + 1, match.group()))
    return found


def describe(found: list[tuple[int, int, str]], limit: int = 5) -> list[tuple[int, str]]:
    """(line, message) per line with invisible characters, for ``check``'s warnings."""
    by_line: dict[int, list] = {}
    for line, column, char in found:
        by_line.setdefault(line, []).append((column, char))
    out = []
    for line, items in by_line.items():
        shown = ", ".join(f"{code(c)} {INVISIBLE[c]} at column {col}" for col, c in items[:limit])
        more = f" and {len(items) - limit} more" if len(items) > limit else ""
        out.append((line, f"hidden character(s) that change how the text looks: {shown}{more}. "
                          "The reader and the page show each as a marker like \u27e8U+202E\u27e9; "
                          "delete them unless they belong to the text"))
    return out


def visible(text: str) -> str:
    """Plain text with each invisible character written as a marker (``⟨U+202E⟩``), for
    places that cannot hold HTML: a tooltip, a message printed in a terminal."""
    return PATTERN.sub(lambda m: f"\u27e8{code(m.group())}\u27e9", text)


def show_invisible(escaped: str) -> str:
    """HTML text (already escaped) with each invisible character replaced by a visible marker."""
    if not PATTERN.search(escaped):
        return escaped
    return PATTERN.sub(lambda m: (f'<span class="mlk-invisible" title="hidden character: {INVISIBLE[m.group()]}" '
                                  f'style="color:#b00020;font-size:80%;border:1px dotted #b00020">'
                                  f"\u27e8{code(m.group())}\u27e9</span>"), escaped)
