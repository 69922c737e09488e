"""Problems found in a teacher's files, reported as ``file:line: problem``.

Every check in the kit collects :class:`Problem` objects instead of stopping at the
first one, so a teacher sees everything that is wrong in one go. :class:`CaseError`
carries them; its message is the list, one problem a line, never a traceback.
"""
from __future__ import annotations

import difflib
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, at one line when there is a line."""

    file: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = display_path(self.file)
        if self.line is not None:
            where = f"{where}:{self.line}"
        # printable(): a key or a name from the file may hold terminal control codes.
        return f"{where}: {printable(self.message)}"


class CaseError(Exception):
    """A case (or a file in it) cannot be used. ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path) -> str:
    """The path as a teacher would type it: relative to where they are, if inside."""
    path = Path(path)
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return printable(str(path) if rel.startswith("..") else rel)


def printable(text: str) -> str:
    """``text`` safe to print and to write as UTF-8: bytes of a name that was not UTF-8
    (a zip made on Windows) become "\ufffd", and control characters "\ufffd" too."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join("\ufffd" if unicodedata.category(c) == "Cc" and c not in "\t\n" else c for c in text)


def did_you_mean(word: str, choices) -> str:
    """' (did you mean "x"?)' for the closest choice, or '' when nothing is close."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""
