"""The teacher's view: every student's journal, gathered into one offline page.

``python -m helpers class-report PATH... --out class.html [--anonymous]``

Each PATH may be any mix of:

- a journal folder (the kit's per-user folder, with ``journal.json``), e.g. on a hub
  ``/home/*/.local/share/media-literacy-kit``; the student is the home folder's user
  (``/home/alice/.local/share/media-literacy-kit`` is alice), or the folder's own name
  when it is elsewhere (``MEDIA_KIT_HOME=/srv/class/bob`` is bob);
- a home folder (``/home/alice``: its ``.local/share/media-literacy-kit`` is read, or its
  ``media-kit`` folder, where the README's hub configuration puts the journal);
- a folder of such folders, e.g. ``/home`` or a folder the journals were copied into
  (two levels deep at most); a sub-folder with no journal is listed as not read, so the
  teacher sees who has not started;
- a ``journal.json`` file, or an exported ``my_journal.md`` handed in (see
  :func:`helpers.widgets.journal.export_journal`); the student is the file's name
  (``alice.md``, ``alice_my_journal.md``) or, for ``my_journal.md``, its folder's user.

Nothing is ever written where the journals are: files are opened for reading only, so
their bytes and modification times stay as they were. A file that cannot be read (damaged
JSON, not UTF-8, a JSON file that is not a journal, a journal from a newer kit, an
unreadable folder) is named in the page's list of files not read, with the reason, and
the report goes on without it.

The page (one file, no network: styles inline, charts as PNG data URIs with a text
alternative) shows: per notebook and exercise, how many answered and how many were right;
for each multiple-choice question, how many chose each option, and the most common wrong
answer with its explanation; for each tick exercise, the sentences most often missed and
most often ticked wrongly; the reflections, per prompt; each student's progress through
the notebooks; and the before-and-after checks (:mod:`helpers.checks`): each student's
score before and after and the class's gain per skill. Every string that comes from a
student or a file goes through Jinja2's autoescape.

``--anonymous`` numbers the students (Student 1, 2, ...) for projecting in class, and
leaves file paths (which hold user names) out of the page; they are printed on the
terminal instead.

For a hub test: :func:`build_report(paths)` returns the :class:`ClassReport` (students,
files not read, statistics) without writing anything; :func:`write_page` renders it.
"""
from __future__ import annotations

import base64
import datetime as dt
import functools
import html
import io
import json
import os
import re
import stat
import sys
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import catalogue as exercise_catalogue
from .problems import CaseError
from .questions import load_questions
from .outfile import out_problem, write_atomically
from .wording import count
from .widgets.journal import EXPORT_NAME, FILE_NAME, KIND_TITLES, VERSION

KIT_FOLDER = "media-literacy-kit"
#: The journal folder the README's hub configuration gives each student (``MEDIA_KIT_HOME``
#: = ``/home/<user>/media-kit``, so students see it in the file browser).
HUB_FOLDER = "media-kit"
#: A journal of a class's work is a few hundred kilobytes at most; anything much bigger
#: is the wrong file, and is not read into memory.
MAX_JOURNAL_BYTES = 20_000_000
EXPORT_TITLE = "# My media-literacy journal"
#: How deep "a folder of folders" is searched (``/home`` -> ``alice`` -> her kit folder).
MAX_DEPTH = 2
#: Notebooks in teaching order: the pre-check first, the post-check after 06.
ORDER_FIRST, ORDER_LAST = ("pre_check",), ("post_check", "reader")
TEXT_KINDS = ("reflection", "notes", "own_story", "rewrite")


# -- reading the journals ------------------------------------------------------------------

@dataclass
class Student:
    name: str
    source: Path
    entries: dict
    origin: str  # "journal" (journal.json) or "export" (my_journal.md)


@dataclass
class NotRead:
    path: Path
    reason: str
    #: False when the file was read and only this answer was left out of the report
    whole: bool = True


class _Gatherer:
    def __init__(self):
        self.students: list[Student] = []
        self.not_read: list[NotRead] = []
        self._seen: set[Path] = set()

    def add(self, path: Path, depth: int = 0, name: str | None = None, quiet: bool = False) -> bool:
        """Read what ``path`` holds; return True when at least one journal file was found (read or not).

        A folder the teacher named, or a folder directly inside it, that holds no journal
        is listed as not read (``quiet`` keeps deeper folders off that list).
        """
        empty = "no journal in this folder" + (" (has this student opened the kit?)" if depth else "")
        try:
            if not path.exists():
                self.not_read.append(NotRead(path, "not found"))
                return False
            if path.is_file():
                return self._file(path, name)
            if not path.is_dir():
                self.not_read.append(NotRead(path, "not a file or a folder"))
                return False
            journal = path / FILE_NAME
            if journal.exists():
                return self._file(journal, name or student_name(journal))
            for kit in (path / ".local" / "share" / KIT_FOLDER, path / HUB_FOLDER):
                if (kit / FILE_NAME).is_file():
                    return self.add(kit, depth, name or path.name, quiet)
            kit = path / ".local" / "share" / KIT_FOLDER
            if kit.is_dir():
                return self.add(kit, depth, name or path.name, quiet)
            export = path / EXPORT_NAME
            if export.is_file() and not any(other.suffix.lower() == ".md" and other.name != EXPORT_NAME
                                             and not other.name.startswith(".") for other in path.iterdir()):
                # a student's own folder holding just their export: named after the folder. In a
                # folder of handed-in files (a downloads folder) every file is read below.
                return self._file(export, name or student_name(export))
            if depth >= MAX_DEPTH:
                if not quiet:
                    self.not_read.append(NotRead(path, empty))
                return False
            children = sorted(path.iterdir(), key=lambda p: p.name)
        except PermissionError:
            self.not_read.append(NotRead(path, "cannot be read (permission denied)"))
            return False
        except OSError as err:
            self.not_read.append(NotRead(path, f"cannot be read ({err.strerror or err})"))
            return False
        found = listed = False
        for child in children:
            if child.name.startswith("."):
                continue
            try:
                is_dir = child.is_dir()
                is_journal = not is_dir and (child.suffix.lower() == ".md" or child.name == FILE_NAME)
            except OSError:
                continue
            if is_dir:
                below = self.add(child, depth + 1, quiet=True)
                if not below and depth == 0 and not quiet:
                    self.not_read.append(NotRead(child, "no journal in this folder (has this student opened the kit?)"))
                    listed = True
                found = below or found
            elif is_journal:
                found = self._file(child, None) or found
        if not found and not listed and not quiet:
            self.not_read.append(NotRead(path, empty))
        return found

    def _file(self, path: Path, name: str | None) -> bool:
        try:
            key = path.resolve()
        except OSError:
            key = path
        if key in self._seen:
            return True
        self._seen.add(key)
        name = name or student_name(path)
        try:
            entries, origin = read_journal_file(path)
        except JournalNotRead as err:
            self.not_read.append(NotRead(path, str(err)))
            return True  # a journal was there (its folder is not "empty"); it is listed as not read
        notebooks = _Places.current().notebooks if origin != "journal" else set()
        for key in list(entries):
            if UNPLACED in entries[key]:
                self.not_read.append(NotRead(path, entries.pop(key)[UNPLACED], whole=False))
                continue
            if "/" in key and origin != "journal" and notebooks and key.split("/")[0] not in notebooks:
                # an old export's "Kind: notebook/exercise" heading naming no notebook of the
                # kit (edited, or made up): it would add a column to every student's row
                del entries[key]
                self.not_read.append(NotRead(path, f"the answer under \u201c{key}\u201d names no notebook of this "
                                                   "kit: open the file to read it", whole=False))
                continue
            problem = entry_problem(entries[key])
            if problem:  # scored as unanswered, and named so the teacher knows why
                del entries[key]
                self.not_read.append(NotRead(path, f"entry \u201c{key}\u201d not read: {problem}", whole=False))
        self.students.append(Student(name, path, entries, origin))
        return True


def _tight(fig) -> None:
    """Fit the chart in its figure. With long names matplotlib cannot always, and its
    warning (with a path into the library) would reach the teacher's terminal: the chart
    is drawn anyway, only less tidy."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        fig.tight_layout()


#: Marks an answer of a handed-in export that cannot be counted; its value says why.
UNPLACED = "unplaced heading"


def entry_problem(entry: dict) -> str | None:
    """Why one journal entry cannot be counted (its answer is not of the kind the kit writes), or None."""
    kind = entry.get("kind")
    for attempt in (entry, entry.get("first_try")):
        if not isinstance(attempt, dict):
            if attempt is not None:
                return "its first try is not a saved answer"
            continue
        answer = attempt.get("answer")
        if answer is None:
            continue
        if kind == "spot_it":
            if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
                return "a tick exercise's answer that is not a list of sentences"
        elif not isinstance(answer, str):
            return "an answer that is not text"
    return None


class JournalNotRead(Exception):
    """Why a file is not read; the message is for the teacher."""


def student_name(path: Path) -> str:
    """Who a journal file belongs to, from where it is (see the module docstring)."""
    path = Path(path)
    stem = path.stem if path.suffix.lower() == ".md" else ""
    if stem.lower() in ("my_journal", "journal"):
        stem = ""
    for suffix in ("_my_journal", "-my_journal", " my_journal", "_journal", "-journal"):
        if stem.lower().endswith(suffix) and len(stem) > len(suffix):
            return stem[: -len(suffix)]
    if stem:
        return stem
    folder = path.parent
    parts = folder.parts
    if folder.name == KIT_FOLDER and len(parts) >= 4 and parts[-3:-1] == (".local", "share"):
        return parts[-4]
    if folder.name in (KIT_FOLDER, HUB_FOLDER) and len(parts) >= 2:
        return parts[-2]
    return folder.name or str(folder)


def read_journal_file(path: Path) -> tuple[dict, str]:
    """The entries of a ``journal.json`` or an exported ``.md``; raise :class:`JournalNotRead`.

    Opened for reading only: the file is never changed.
    """
    try:
        try:
            info = os.stat(path)  # a link is followed only to an ordinary file
        except FileNotFoundError:
            raise JournalNotRead("a link to nothing (its target is missing)" if os.path.islink(path) else "not found") from None
        if not stat.S_ISREG(info.st_mode):
            raise JournalNotRead("not an ordinary file (a pipe, a device or a socket)")
        # Non-blocking, and checked again on the open file: a pipe swapped in meanwhile
        # cannot make the report wait for ever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise JournalNotRead("not an ordinary file (a pipe, a device or a socket)")
            raw = handle.read(MAX_JOURNAL_BYTES + 1)
        if len(raw) > MAX_JOURNAL_BYTES:
            raise JournalNotRead(f"too large to be a journal (over {MAX_JOURNAL_BYTES / 1e6:.0f} MB)")
    except PermissionError:
        raise JournalNotRead("cannot be read (permission denied)") from None
    except OSError as err:
        raise JournalNotRead(f"cannot be read ({err.strerror or err})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise JournalNotRead(f"not UTF-8 text (byte {err.start}): not a journal the kit wrote, or damaged") from None
    if path.suffix.lower() == ".md":
        return parse_export(text), "export"
    return parse_journal(text), "journal"


def parse_journal(text: str) -> dict:
    """The entries of a ``journal.json`` text; raise :class:`JournalNotRead` naming the problem."""
    if not text.strip():
        return {}
    try:
        data = json.loads(text)
    except ValueError as err:
        where = f" (line {err.lineno}, column {err.colno}: {err.msg})" if hasattr(err, "lineno") else ""
        raise JournalNotRead(f"damaged: not valid JSON{where}") from None
    except RecursionError:
        raise JournalNotRead("damaged: not a journal the kit wrote (nested too deeply to read)") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
        raise JournalNotRead("not a journal of this kit (JSON without the journal's \"entries\")")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise JournalNotRead(f"not a journal of this kit (version {version!r})")
    if version > VERSION:
        raise JournalNotRead(f"written by a newer version of the kit (journal version {version}; this kit reads "
                             f"version {VERSION}): update the kit where you run class-report")
    return {str(k): v for k, v in data["entries"].items() if isinstance(v, dict)}


_KINDS_BY_TITLE = {title: kind for kind, title in KIND_TITLES.items()}
#: The comment under each heading of a journal exported before December 2026: the entry's kind
#: and key. A student who opened the file as plain text read it, so the export no longer writes
#: it (the key is found from the heading: ``_Places``); an older file is still read by it.
_ENTRY_MARK = re.compile(r"^<!-- journal entry: (\S+) (.+?) -->$")


class _Places:
    """The exercises of the kit's notebooks, by the heading an exported journal gives them
    (:func:`helpers.widgets.journal.entry_heading`), to find an entry's key from its heading."""

    def __init__(self):
        from .widgets.journal import _places, entry_heading

        places = _places()
        self.keys: dict[str, list[str]] = {}
        for key in places[0]:
            self.keys.setdefault(entry_heading(key, places), []).append(key)
        #: the notebooks' names ("01_side_by_side"); empty when they cannot be read
        self.notebooks = {key.split("/")[0] for key in places[0]} | set(places[1])
        self.prompts: dict[str, str] = {}
        self.kinds: dict[str, str] = {}   # key -> "choice", "spot_it" or "text"
        try:
            asked = load_questions()
        except (CaseError, OSError, ValueError):  # a broken questions file: `check` tells the teacher
            asked = {}
        try:
            for exercise in exercise_catalogue.every_exercise():
                self.kinds.setdefault(exercise.key, exercise.kind)
                prompt = exercise.arguments.get("prompt", None if exercise.call in exercise_catalogue.KEY_FIRST
                                                          else exercise.first)
                if prompt is None and isinstance(asked.get(exercise.key), dict):
                    prompt = asked[exercise.key].get("question")
                if isinstance(prompt, str):
                    self.prompts.setdefault(exercise.key, " ".join(prompt.split()))
        except (OSError, ValueError):
            pass

    @staticmethod
    def current() -> "_Places":
        """The places of the notebooks as they are now, read once for a class of handed-in
        files (read again when a notebook or the questions file changes)."""
        from .questions import questions_path

        folder = exercise_catalogue.notebooks_dir()
        files = sorted(folder.glob("*.ipynb")) if folder is not None else []
        files.append(questions_path())
        signature = []
        for path in files:
            try:
                signature.append((str(path), path.stat().st_mtime_ns))
            except OSError:
                signature.append((str(path), None))
        return _places_of(tuple(signature))

    def key(self, heading: str, entry: dict) -> str:
        """The key of the exercise under ``heading`` (one of several under one heading is
        told by its question, as the export tells them apart); the heading itself when no
        notebook of this kit has it."""
        found = self.keys.get(heading) or [k for shown, keys in self.keys.items()
                                           if heading.startswith(shown + " \u00b7 ") for k in keys]
        kind = entry.get("kind") if entry.get("kind") in ("choice", "spot_it") else "text"
        found = [k for k in found if self.kinds.get(k, kind) == kind] if len(found) > 1 else found
        if len(found) == 1:
            return found[0]
        prompt = " ".join(str(entry.get("prompt") or "").split())
        same = [k for k in found if prompt and self.prompts.get(k) == prompt]
        return same[0] if len(same) == 1 else heading

    def shared(self, heading: str) -> bool:
        """Whether several exercises of the kit sit under ``heading``."""
        return len(self.keys.get(heading, [])) > 1


@functools.lru_cache(maxsize=2)
def _places_of(signature: tuple) -> _Places:
    return _Places()


def parse_export(text: str) -> dict:
    """The entries of an exported ``my_journal.md`` (the format of ``journal_markdown``).

    Forgiving: Windows line ends, blank lines added or removed, unknown lines and a
    missing field are all accepted; only a file that is not an exported journal at all
    (its first line is not the journal's title) is refused.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((line.strip() for line in lines if line.strip()), "")
    if first != EXPORT_TITLE:
        raise JournalNotRead(f"not an exported journal (its first line is not \u201c{EXPORT_TITLE}\u201d)")
    entries: dict[str, dict] = {}
    entry: dict | None = None
    in_answer = False
    quoted: list[str] = []

    def close_answer():
        nonlocal quoted
        if entry is not None and quoted:
            value = "\n".join(quoted).strip()
            entry["answer"] = "" if value == "(empty)" else html.unescape(value)
        quoted = []

    fields = (("**Question:**", "prompt"), ("**Outlet:**", "outlet"), ("**Feedback:**", "feedback"))
    kind_lines = {f"*{title}*": kind for kind, title in KIND_TITLES.items()}
    by_heading: dict[int, str] = {}   # entries whose key is still to be found from their heading
    for line in lines:
        if line.startswith("## "):
            close_answer()
            heading = " ".join(html.unescape(line[3:]).split())  # the export escapes & < >
            title, sep, key = heading.partition(": ")
            if sep and title in _KINDS_BY_TITLE:   # an export of before 2026: "## Reflection: 01_x/why"
                entry, entry_key = {"kind": _KINDS_BY_TITLE[title]}, key.strip()
                if entry_key in entries:
                    entry[UNPLACED] = _second_answer(heading)
            else:   # the page's words: "Numbers: how big ...? · Exercise 1: ..."
                entry, entry_key = {"kind": "answer"}, heading
                by_heading[id(entry)] = heading
            entry_key = _free_key(entries, entry_key)   # two answers under one heading: both are kept
            entries[entry_key] = entry
            in_answer = False
            continue
        if entry is None:
            continue
        stripped = line.strip()
        marked = _ENTRY_MARK.match(stripped)
        if marked:  # an export of 2026 keeps kind and key in a comment under the heading
            if entries.get(entry_key) is entry:
                del entries[entry_key]
            heading = by_heading.pop(id(entry), entry_key)
            entry_key = html.unescape(marked.group(2)).strip()
            entry["kind"] = html.unescape(marked.group(1))
            if entry_key in entries:   # the section pasted twice: the first one counts
                entry[UNPLACED] = _second_answer(heading)
            entry_key = _free_key(entries, entry_key)
            entries[entry_key] = entry
            continue
        if stripped in kind_lines and not in_answer:
            if id(entry) in by_heading:
                entry["kind"] = kind_lines[stripped]
            continue
        label = next(((m, f) for m, f in fields if stripped.startswith(m)), None)
        if label:
            close_answer()
            in_answer = False
            entry[label[1]] = html.unescape(stripped[len(label[0]):].strip())
        elif stripped == "**My answer:**":
            close_answer()
            in_answer = True
            entry["answer"] = [] if entry["kind"] == "spot_it" else ""
        elif stripped.startswith("**Correct:**"):
            close_answer()
            in_answer = False
            entry["correct"] = stripped[len("**Correct:**"):].strip().lower() == "yes"
        elif stripped.startswith("*Saved ") and stripped.endswith("*"):
            close_answer()
            in_answer = False
            entry["saved"] = html.unescape(stripped[len("*Saved "):-1].strip())
        elif in_answer:
            if stripped.startswith("- ") and entry["kind"] == "spot_it":
                entry.setdefault("answer", [])
                if isinstance(entry["answer"], list):
                    entry["answer"].append(html.unescape(stripped[2:]))
            elif stripped == "(nothing ticked)":
                entry["answer"] = []
            elif line.startswith(">"):
                quoted.append(line[2:] if line.startswith("> ") else line[1:])
            elif stripped.startswith("- "):
                quoted.append(stripped[2:])
    close_answer()
    if by_heading:
        places = _Places.current()
        placed: dict = {}
        for key, entry in entries.items():
            heading = by_heading.get(id(entry))
            if heading is not None:
                key = places.key(heading, entry)
                if key == heading:
                    # No exercise of this kit's notebooks has this heading (the kit changed
                    # since the student saved it, or the heading was edited), or several do
                    # and the question matches none: named as not read, never dropped.
                    what = ("fits several exercises of this kit and its question matches none of them"
                            if places.shared(heading) else "matches no exercise in this kit's notebooks")
                    entry[UNPLACED] = (f"the answer under \u201c{heading}\u201d {what} (was it saved with another "
                                       "version of the kit, or was its heading changed?): open the file to read it")
                    key = f"{UNPLACED} {len(placed)}"
                elif key in placed or key in entries:
                    entry[UNPLACED] = _second_answer(heading)
                    key = f"{UNPLACED} {len(placed)}"
            placed[key] = entry
        entries = placed
    if "spot_it" in {e["kind"] for e in entries.values()}:
        for e in entries.values():
            if e["kind"] == "spot_it" and e.get("correct") is not None:
                e["checked"] = True
    return entries


def _second_answer(heading: str) -> str:
    return f"a second answer under \u201c{heading}\u201d: the first one was counted; open the file to read this one"


def _free_key(entries: dict, key: str) -> str:
    """``key``, or ``key (2)``, ``key (3)`` ... when an entry already has it."""
    copy, free = 1, key
    while free in entries:
        copy += 1
        free = f"{key} ({copy})"
    return free


def gather(paths) -> tuple[list[Student], list[NotRead]]:
    """Every student found under ``paths`` and every file not read, in the order given."""
    gatherer = _Gatherer()
    for path in paths:
        gatherer.add(Path(path).expanduser())
    names = Counter(s.name for s in gatherer.students)
    seen: Counter = Counter()
    for student in gatherer.students:  # two journals of one name (a folder and a handed-in file)
        if names[student.name] > 1:
            seen[student.name] += 1
            student.name = f"{student.name} ({seen[student.name]})"
    return gatherer.students, gatherer.not_read


# -- what the exercises are --------------------------------------------------------------

@dataclass
class Exercise:
    key: str
    notebook: str
    kind: str                      # choice, spot_it, text
    prompt: str = ""
    options: list = field(default_factory=list)   # [(text, correct, why)]
    spot: tuple | None = None      # (case, report, lens, kind)
    skill: str | None = None


notebooks_dir = exercise_catalogue.notebooks_dir


def notebook_order(name: str) -> tuple:
    if name in ORDER_FIRST:
        return (0, ORDER_FIRST.index(name), name)
    if name in ORDER_LAST:
        return (2, ORDER_LAST.index(name), name)
    return (1, 0, name)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


def exercise_label(exercise: "Exercise") -> str:
    """What a teacher reads for an exercise: its prompt, else its name in words (never the key)."""
    if exercise.prompt and exercise.prompt != exercise.key:
        return exercise.prompt
    name = exercise.key.split("/", 1)[-1].replace("-", " ").replace("_", " ")
    kind = {"spot_it": "Tick exercise", "choice": "Question"}.get(exercise.kind, "Written answer")
    return f"{kind}: {name} (nobody has answered it yet)"


def scan_notebooks(folder: Path | None) -> dict[str, list[Exercise]]:
    """The exercises each notebook asks, in order, from the lessons' catalogue
    (:mod:`helpers.catalogue`, which reads the notebooks' code and never runs it)."""
    from .lenses import registry

    found: dict[str, list[Exercise]] = {}
    if folder is None:
        return found
    for notebook, entries in sorted(exercise_catalogue.catalogue(folder).items(), key=lambda item: notebook_order(item[0])):
        exercises = []
        for entry in entries:
            literal = {k: v for k, v in entry.arguments.items() if isinstance(v, str)}
            if entry.call == "SpotIt":
                # The widget's own default kind for the lens (notebook 00's page_chrome: "all").
                kind = literal.get("kind") or (registry.get(entry.lens).default_kind if registry.known(entry.lens) else "all")
                exercises.append(Exercise(entry.key, notebook, "spot_it", literal.get("prompt", ""),
                                          spot=(entry.case, literal.get("report"), entry.lens, kind)))
            elif entry.kind == "choice":
                exercises.append(Exercise(entry.key, notebook, "choice"))
            elif entry.call == "OwnStory":
                exercises.append(Exercise(entry.key, notebook, "text", "The story the student chose (its text)"))
            elif entry.call == "Rewrite":
                prompt = literal.get("prompt") or (f"Rewrite in neutral words: \u201c{entry.first}\u201d" if entry.first else "")
                exercises.append(Exercise(entry.key, notebook, "text", prompt))
            else:
                exercises.append(Exercise(entry.key, notebook, "text", literal.get("prompt") or entry.first or ""))
        found[notebook] = exercises
    return found


def _banks() -> tuple[dict, dict]:
    """The lessons' questions and the check items, or empty when a file cannot be read."""
    from .checks import load_checks
    from .problems import CaseError
    from .questions import load_questions

    try:
        questions = load_questions()
    except (CaseError, OSError):
        questions = {}
    try:
        checks = load_checks()
    except (CaseError, OSError):
        checks = {}
    return questions, checks


def catalogue(students: list[Student], folder: Path | None) -> dict[str, list[Exercise]]:
    """Every exercise by notebook: the notebooks' own list, then any key only the journals hold."""
    from .checks import CASE

    questions, checks = _banks()
    by_notebook = scan_notebooks(folder)
    known = {e.key: e for exercises in by_notebook.values() for e in exercises}
    for key in checks:  # the checks are known even where the notebooks are not shipped
        if key not in known:
            e = Exercise(key, key.split("/")[0], "spot_it" if "spot" in checks[key] else "choice")
            by_notebook.setdefault(e.notebook, []).append(e)
            known[key] = e
    for student in students:
        for key, entry in student.entries.items():
            if key in known or "/" not in key:
                continue
            kind = entry.get("kind")
            e = Exercise(key, key.split("/")[0], "choice" if kind == "choice" else
                         "spot_it" if kind == "spot_it" else "text", str(entry.get("prompt") or ""))
            by_notebook.setdefault(e.notebook, []).append(e)
            known[key] = e
    for e in known.values():
        bank = checks if e.key in checks else questions
        item = bank.get(e.key)
        if e.key in checks:
            e.skill = checks[e.key].get("skill")
        if item and e.kind == "choice" and "options" in item:
            e.prompt = str(item["question"])
            e.options = [(str(o["text"]), bool(o["correct"]), str(o["why"])) for o in item["options"]]
        if item and "spot" in item:
            e.kind, e.prompt = "spot_it", str(item["question"])
            e.spot = (CASE, item["spot"]["report"], item["spot"]["lens"], item["spot"]["kind"])
        if not e.prompt or (e.kind == "text" and not item):  # what the students were asked, as saved
            e.prompt = next((str(s.entries[e.key].get("prompt")) for s in students
                             if isinstance(s.entries.get(e.key), dict) and s.entries[e.key].get("prompt")),
                            e.prompt or e.key)
    return dict(sorted(by_notebook.items(), key=lambda kv: notebook_order(kv[0])))


# -- the statistics --------------------------------------------------------------------------

def attempt(entry: dict, exercise: Exercise) -> dict:
    """The answer that counts: for a check item the first try, else the answer saved."""
    if exercise.skill and isinstance(entry.get("first_try"), dict):
        return {**entry, **entry["first_try"], "checked": True}
    return entry


def answered(entry, exercise: Exercise) -> bool:
    if not isinstance(entry, dict):
        return False
    answer = entry.get("answer")
    if exercise.kind == "spot_it":
        return entry.get("correct") is not None or bool(answer)
    if exercise.kind == "choice":
        return isinstance(answer, str) and bool(answer.strip())
    if entry.get("kind") == "rewrite":
        return entry.get("correct") is not None
    return isinstance(answer, str) and bool(answer.strip())


def _spot_key(spot: tuple):
    from .case import load_case
    from .checks import spot_key
    from .problems import CaseError

    case_name, report, lens, kind = spot
    try:
        case = load_case(case_name or "rostec-venezuela-2019")
        return spot_key(report, lens, kind, case)
    except (CaseError, KeyError, ValueError, OSError):
        return None


@dataclass
class ExerciseStats:
    exercise: Exercise
    answered: int = 0
    right: int = 0
    scored: bool = False
    options: list = field(default_factory=list)       # [(text, correct, why, count)]
    other_answers: int = 0
    common_wrong: tuple | None = None                 # (text, count, why)
    missed: list = field(default_factory=list)        # [(sentence number, text, count)]
    wrong: list = field(default_factory=list)
    texts: list = field(default_factory=list)         # [(student, text)]
    mean_score: float | None = None                   # tick exercises: mean of right / (right + missed + wrong)
    cut: dict = field(default_factory=dict)           # {"missed"/"wrong": how many sentences in all} when cut to 3


def exercise_stats(exercise: Exercise, students: list[Student]) -> ExerciseStats:
    stats = ExerciseStats(exercise)
    entries = [(s, attempt(s.entries[exercise.key], exercise)) for s in students
               if isinstance(s.entries.get(exercise.key), dict) and answered(s.entries[exercise.key], exercise)]
    stats.answered = len(entries)
    if exercise.kind == "choice":
        stats.scored = True
        counts = Counter(str(e.get("answer")) for _, e in entries)
        texts = {t for t, _, _ in exercise.options}
        stats.options = [(t, c, why, counts.get(t, 0)) for t, c, why in exercise.options]
        stats.other_answers = sum(n for t, n in counts.items() if t not in texts)
        correct = {t for t, c, _ in exercise.options if c}
        stats.right = sum(1 for _, e in entries
                          if (str(e.get("answer")) in correct if correct else e.get("correct") is True))
        wrong = [(t, n, why) for t, c, why, n in stats.options if not c and n]
        if wrong:
            stats.common_wrong = max(wrong, key=lambda w: w[1])
    elif exercise.kind == "spot_it":
        stats.scored = True
        key = _spot_key(exercise.spot) if exercise.spot else None
        stats.right = sum(1 for _, e in entries if e.get("correct") is True)
        if key is not None:
            from .checks import spot_result

            sentences, wanted = key
            missed, wrong = Counter(), Counter()
            checked = [e for _, e in entries if e.get("correct") is not None or e.get("checked")]
            stats.right = 0
            scores = []
            for e in checked:
                r = spot_result(e.get("answer") or [], sentences, wanted)
                missed.update(r["missed"])
                wrong.update(r["wrong"])
                stats.right += not r["missed"] and not r["wrong"]
                counted = len(r["right"]) + len(r["missed"]) + len(r["wrong"])
                scores.append(len(r["right"]) / counted if counted else 1.0)
            stats.mean_score = sum(scores) / len(scores) if scores else None
            stats.missed = [(i + 1, sentences[i], n) for i, n in missed.most_common(3)]
            stats.wrong = [(i + 1, sentences[i], n) for i, n in wrong.most_common(3)]
            stats.cut = {name: len(c) for name, c in (("missed", missed), ("wrong", wrong)) if len(c) > 3}
    else:
        stats.texts = [(s.name, str(e.get("answer"))) for s, e in entries]
    return stats


@dataclass
class ClassReport:
    students: list[Student]
    not_read: list[NotRead]
    notebooks: dict[str, list[ExerciseStats]]
    progress: list[dict]            # per student: {"name", "notebooks": {nb: (done, total)}}
    checks: list[dict]              # per student: {"name", "pre", "post"} (score dicts or None)
    gains: list[dict]               # per skill: {"skill", "label", "pre", "post", "gain", "n"}
    anonymous: bool = False
    created: str = ""


def build_report(paths, notebooks: Path | None = None, anonymous: bool = False) -> ClassReport:
    """Read every journal under ``paths`` and compute the page's figures (writes nothing)."""
    from .checks import CHECKS, SKILLS, score_check

    students, not_read = gather(paths)
    if anonymous:
        for number, student in enumerate(students, 1):
            student.name = f"Student {number}"
    catalogue_ = catalogue(students, notebooks if notebooks is not None else notebooks_dir())
    stats = {nb: [exercise_stats(e, students) for e in exercises] for nb, exercises in catalogue_.items()}
    progress = []
    for s in students:
        row = {}
        for nb, exercises in catalogue_.items():
            done = sum(1 for e in exercises if answered(s.entries.get(e.key), e))
            row[nb] = (done, len(exercises))
        progress.append({"name": s.name, "notebooks": row, "origin": s.origin})
    _, bank = _banks()
    checks, gains = [], []
    if bank:
        for s in students:
            pre, post = (score_check(s.entries, c) for c in CHECKS)
            checks.append({"name": s.name, "pre": pre if pre["answered"] else None,
                           "post": post if post["answered"] else None})
        both = [c for c in checks if c["pre"] and c["post"]]
        for skill, label in SKILLS.items():
            if both and skill in both[0]["pre"]["skills"]:
                pre = sum(c["pre"]["skills"][skill] for c in both) / len(both)
                post = sum(c["post"]["skills"][skill] for c in both) / len(both)
                gains.append({"skill": skill, "label": label, "pre": pre, "post": post, "gain": post - pre,
                              "n": len(both)})
    return ClassReport(students, not_read, stats, progress, checks, gains, anonymous,
                       dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"))


# -- charts ----------------------------------------------------------------------------------

def _png(fig) -> str:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def short_name(notebook: str) -> str:
    return {"pre_check": "Before", "post_check": "After"}.get(notebook, notebook.split("_")[0])


def _label(text: str, width: int = 28) -> str:
    """A chart label short enough to fit (the tables give the full text)."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def progress_chart(report: ClassReport) -> dict | None:
    """Students (rows) by notebooks (columns): the share of each notebook's exercises answered."""
    import matplotlib.pyplot as plt

    notebooks = [nb for nb in report.notebooks if nb != "reader"]
    if not report.progress or not notebooks:
        return None
    grid = [[(p["notebooks"][nb][0] / p["notebooks"][nb][1]) if p["notebooks"][nb][1] else 0 for nb in notebooks]
            for p in report.progress]
    height = 1.2 + 0.28 * len(grid)
    fig, ax = plt.subplots(figsize=(1.6 + 0.75 * len(notebooks), height))
    ax.imshow(grid, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            done, total = report.progress[r]["notebooks"][notebooks[c]]
            ax.text(c, r, f"{done}/{total}", ha="center", va="center", fontsize=7,
                    color="white" if value > 0.6 else "black")
    ax.set_xticks(range(len(notebooks)), [short_name(nb) for nb in notebooks])
    ax.set_yticks(range(len(grid)), [_label(p["name"]) for p in report.progress], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_title("Exercises answered, per student and notebook", pad=24)
    _tight(fig)
    complete = sum(1 for row in grid if all(v >= 1 for v in row))
    per_nb = ", ".join(f"{short_name(nb)}: {sum(1 for row in grid if row[c] > 0)} started"
                       for c, nb in enumerate(notebooks))
    alt = (f"Progress of {count(len(grid), 'student')} through {count(len(notebooks), 'notebook')}; {complete} answered every "
           f"exercise. {per_nb}. The table \u201cEach student's progress\u201d gives the same figures.")
    return {"src": _png(fig), "alt": alt}


def gains_chart(report: ClassReport) -> dict | None:
    """Before and after, per skill, for the students who took both checks."""
    import matplotlib.pyplot as plt
    import numpy as np

    if not report.gains:
        return None
    labels = [g["label"] for g in report.gains]
    y = np.arange(len(labels))
    fig, ax = plt.subplots(figsize=(8, 0.8 + 0.75 * len(labels)))
    before = ax.barh(y - 0.2, [g["pre"] * 100 for g in report.gains], 0.4, label="before", color="#c8c8c8",
                     edgecolor="black")
    after = ax.barh(y + 0.2, [g["post"] * 100 for g in report.gains], 0.4, label="after", color="#2f6db5",
                    edgecolor="black", hatch="//")
    for bars in (before, after):
        for bar in bars:
            ax.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, f"{bar.get_width():.0f}%",
                    va="center", fontsize=8)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 110)
    ax.set_xlabel("class mean score, per cent (first tries)")
    ax.legend(loc="lower right")
    ax.set_title(f"Before and after, per skill ({count(report.gains[0]['n'], 'student')} took both checks)")
    _tight(fig)
    alt = "; ".join(f"{g['label']}: {g['pre'] * 100:.0f}% before, {g['post'] * 100:.0f}% after "
                    f"({g['gain'] * 100:+.0f} points)" for g in report.gains)
    return {"src": _png(fig), "alt": f"Class mean per skill, before and after: {alt}."}


def right_chart(report: ClassReport) -> dict | None:
    """Per exercise with a right answer: the share of those who answered who got it right."""
    import matplotlib.pyplot as plt

    rows = [(nb, s) for nb, stats in report.notebooks.items() for s in stats if s.scored and s.answered]
    if not rows:
        return None
    fig, ax = plt.subplots(figsize=(8, 0.8 + 0.26 * len(rows)))
    labels = [f"{short_name(nb)} \u00b7 {_shorten(exercise_label(s.exercise), 48)}"
              + (" (ticks)" if s.mean_score is not None else "") for nb, s in rows]
    values = [100 * (s.mean_score if s.mean_score is not None else s.right / s.answered) for _, s in rows]
    colours = ["#2f6db5" if v >= 70 else "#e0a030" if v >= 40 else "#c0392b" for v in values]
    hatches = ["" if v >= 70 else ".." if v >= 40 else "xx" for v in values]
    bars = ax.barh(range(len(rows)), values, color=colours, edgecolor="black")
    for bar, hatch, (_, s) in zip(bars, hatches, rows):
        bar.set_hatch(hatch)
        ax.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2,
                f"{s.right}/{s.answered}" if s.mean_score is None else f"mean {s.mean_score:.0%}, {s.answered} answered",
                va="center", fontsize=7)
    ax.set_yticks(range(len(rows)), [_label(text, 48) for text in labels], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, 112)
    ax.set_xlabel("per cent right of those who answered; tick exercises: mean share of sentences right\n"
                  "(plain: 70% or more; dotted: 40-69%; crossed: under 40%)")
    ax.set_title("How many got each exercise right")
    _tight(fig)
    hardest = sorted(zip(values, rows), key=lambda v: v[0])[:3]
    alt = (f"{count(len(rows), 'exercise')}; the hardest: " + "; ".join(
        f"{short_name(s.exercise.notebook)}, \u201c{_shorten(exercise_label(s.exercise), 80)}\u201d "
        f"({s.right} of {s.answered} right)" if s.mean_score is None else
        f"{short_name(s.exercise.notebook)}, \u201c{_shorten(exercise_label(s.exercise), 80)}\u201d "
        f"(mean {s.mean_score:.0%} of the sentences right, {s.answered} answered)"
        for _, (_, s) in hardest)
        + ". The tables per notebook give every figure.")
    return {"src": _png(fig), "alt": alt}


# -- the page --------------------------------------------------------------------------------

TEMPLATE = r"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="generator" content="media-literacy-kit class-report">
<title>Class report: {{ report.students|length|count("student") }}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:72em;margin:1em auto;padding:0 1em;
 color:#1a1a1a;line-height:1.45}
h1{margin-bottom:.2em} h2{border-bottom:2px solid #2f6db5;padding-bottom:.1em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0 1em} th,td{border:1px solid #aaa;padding:.25em .5em;vertical-align:top}
th{background:#eef2f8;text-align:left} td.n{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;height:.8em;background:#2f6db5;vertical-align:middle}
.bar.wrong{background:#c0392b;background-image:repeating-linear-gradient(45deg,transparent 0 3px,#fff8 3px 5px)}
.note{color:#444;font-size:.92em} .warn{background:#fff4e0;border-left:4px solid #e0a030;padding:.5em 1em}
figure{margin:1em 0} figcaption{font-size:.9em;color:#333} img{max-width:100%;height:auto}
details{margin:.3em 0 1em} summary{cursor:pointer;font-weight:600}
blockquote{margin:.3em 0 .6em 1em;padding-left:.6em;border-left:3px solid #bbb;white-space:pre-wrap}
.gain-up{color:#1d6b2f;font-weight:600} .gain-down{color:#a52a1a;font-weight:600}
nav a{margin-right:1em}
@media print{nav{display:none} details{display:block}}
</style></head>
<body>
<h1>Class report</h1>
<p class="note">{{ report.students|length|count("student") }}
{%- set files_not_read = report.not_read|selectattr("whole")|list %}{% set answers_left = report.not_read|rejectattr("whole")|list %}
{%- if files_not_read %}; <a href="#not-read">{{ files_not_read|length|count("file") }} not read</a>{% endif %}
{%- if answers_left %}; <a href="#not-counted">{{ answers_left|length|count("answer") }} not counted</a>{% endif %}.
Made {{ report.created }}{% if report.anonymous %}; names replaced by numbers{% endif %}.
Nothing on this page left this computer.</p>
<nav><a href="#checks">Before and after</a><a href="#progress">Progress</a><a href="#exercises">Exercises</a>
<a href="#reflections">Reflections</a>{% if files_not_read %}<a href="#not-read">Files not read</a>{% endif %}{% if answers_left %}<a href="#not-counted">Answers not counted</a>{% endif %}</nav>
{% if not report.students %}<p class="warn">No journal was found. Give the folders where the students' journals are,
e.g. <code>python -m helpers class-report /home --out class.html</code>.</p>{% endif %}

<h2 id="checks">Before and after</h2>
{% if report.gains %}
<p>The same four skills, checked on a short story invented for teaching: before notebook 00 and after notebook 06.
Each item counts the student's <strong>first try</strong>. {{ report.gains[0].n|count("student") }}
took both checks. A small class gives noisy figures, and some gain comes from having seen a check before:
read the gain as a hint about which skill to revisit, not as a grade.</p>
{% if charts.gains %}<figure><img src="{{ charts.gains.src }}" alt="{{ charts.gains.alt }}"><figcaption>{{ charts.gains.alt }}</figcaption></figure>{% endif %}
<table id="gains"><tr><th>Skill</th><th>Before</th><th>After</th><th>Gain</th></tr>
{% for g in report.gains %}<tr data-skill="{{ g.skill }}"><td>{{ g.label }}</td><td class="n pre">{{ pct(g.pre) }}</td>
<td class="n post">{{ pct(g.post) }}</td><td class="n gain {{ 'gain-up' if g.gain > 0 else 'gain-down' if g.gain < 0 }}">{{ points(g.gain) }}</td></tr>
{% endfor %}</table>
{% else %}<p class="note">No student has taken both checks yet (notebooks <em>pre_check</em> and <em>post_check</em>).</p>{% endif %}
{% if report.checks and out_of %}
<details{% if report.checks|length <= 12 %} open{% endif %}><summary>Each student's score (out of {{ out_of }}; an item not answered counts 0, so the items answered are given beside it)</summary>
<table id="student-checks"><tr><th>Student</th><th>Before</th><th>items answered</th><th>After</th><th>items answered</th><th>Change</th></tr>
{% for c in report.checks %}<tr data-student="{{ c.name }}"><td>{{ c.name }}</td>
<td class="n pre">{{ score(c.pre) }}</td><td class="n pre-answered">{{ answered(c.pre) }}</td>
<td class="n post">{{ score(c.post) }}</td><td class="n post-answered">{{ answered(c.post) }}</td>
<td class="n change">{% if c.pre and c.post %}{{ "%+.1f"|format(c.post.total - c.pre.total) }}{% else %}&ndash;{% endif %}</td></tr>
{% endfor %}</table></details>{% endif %}

<h2 id="progress">Progress through the notebooks</h2>
{% if charts.progress %}<figure><img src="{{ charts.progress.src }}" alt="{{ charts.progress.alt }}"><figcaption>{{ charts.progress.alt }}</figcaption></figure>{% endif %}
<details><summary>Each student's progress (exercises answered, per notebook; a check counts its items and its closing reflection)</summary>
<table id="progress-table"><tr><th>Student</th>{% for nb in report.notebooks %}<th>{{ short(nb) }}</th>{% endfor %}</tr>
{% for p in report.progress %}<tr data-student="{{ p.name }}"><td>{{ p.name }}{% if p.origin == "export" %} <span class="note">(handed-in file)</span>{% endif %}</td>
{% for nb in report.notebooks %}<td class="n" data-notebook="{{ nb }}">{{ p.notebooks[nb][0] }}/{{ p.notebooks[nb][1] }}</td>{% endfor %}</tr>
{% endfor %}</table></details>

<h2 id="exercises">Exercises</h2>
<p class="note">Right: the answers the kit marked right. For a tick exercise that means every sentence found and
none ticked wrongly, which is rare; the last column gives the mean share of sentences right instead
(right ticks, out of right, missed and wrong ones). In the two checks, the first try counts.
Click a question to see every option and how many chose it.</p>
{% if charts.right %}<figure><img src="{{ charts.right.src }}" alt="{{ charts.right.alt }}"><figcaption>{{ charts.right.alt }}</figcaption></figure>{% endif %}
{% for nb, stats in report.notebooks.items() %}
<section class="notebook" data-notebook="{{ nb }}">
<h3>{{ title(nb) }}</h3>
<table><tr><th>Exercise</th><th>Answered</th><th>Right</th><th>Sentences right (tick exercises)</th></tr>
{% for s in stats %}<tr data-key="{{ s.exercise.key }}"><td>{{ label(s.exercise)|truncate(110) }}</td>
<td class="n answered">{{ s.answered }}</td><td class="n right">{% if s.scored %}{{ s.right }}{% else %}&ndash;{% endif %}</td>
<td class="n mean">{% if s.mean_score is not none %}{{ pct(s.mean_score) }}{% endif %}</td></tr>
{% endfor %}</table>
{% for s in stats if s.exercise.kind == "choice" and s.answered %}
<details class="choice" data-key="{{ s.exercise.key }}"><summary>{{ s.exercise.prompt }}
{%- if s.common_wrong %} <span class="note">&mdash; most common wrong answer: &ldquo;{{ s.common_wrong[0]|truncate(80) }}&rdquo; ({{ s.common_wrong[1] }})</span>{% endif %}</summary>
<table><tr><th>Option</th><th>Chosen by</th><th></th></tr>
{% for text, correct, why, count in s.options %}<tr data-option="{{ text }}" class="{{ 'right' if correct else 'wrong' }}">
<td>{{ "\u2714" if correct else "\u2717" }} {{ text }}</td><td class="n count">{{ count }}</td>
<td><span class="bar{{ '' if correct else ' wrong' }}" style="width:{{ [count * 12, 240]|min }}px"></span></td></tr>{% endfor %}
{% if s.other_answers %}<tr><td>(answers no longer among the options)</td><td class="n">{{ s.other_answers }}</td><td></td></tr>{% endif %}
</table>
{% if s.common_wrong %}<p class="common-wrong">Most common wrong answer: <strong class="answer">{{ s.common_wrong[0] }}</strong>
(<span class="count">{{ s.common_wrong[1] }}</span>). What the kit told them: {{ s.common_wrong[2] }}</p>{% endif %}
</details>
{% endfor %}
{% for s in stats if s.exercise.kind == "spot_it" and (s.missed or s.wrong) %}
<details class="spot" data-key="{{ s.exercise.key }}"><summary>{{ s.exercise.prompt }}
{%- if s.missed %} <span class="note">&mdash; most often missed: sentence {{ s.missed[0][0] }} ({{ s.missed[0][2] }})</span>{% endif %}</summary>
{% if s.missed %}<p>Most often missed{% if s.cut.get('missed') %} (the top three of {{ s.cut['missed'] }}){% endif %}:</p><ul class="missed">{% for n, text, count in s.missed %}
<li>sentence {{ n }} (missed by <span class="count">{{ count }}</span>): &ldquo;{{ text|truncate(160) }}&rdquo;</li>{% endfor %}</ul>{% endif %}
{% if s.wrong %}<p>Most often ticked but not in the answer key{% if s.cut.get('wrong') %} (the top three of {{ s.cut['wrong'] }}){% endif %}:</p><ul class="wrongly-ticked">{% for n, text, count in s.wrong %}
<li>sentence {{ n }} (ticked by <span class="count">{{ count }}</span>): &ldquo;{{ text|truncate(160) }}&rdquo;</li>{% endfor %}</ul>{% endif %}
</details>
{% endfor %}
</section>
{% endfor %}

<h2 id="reflections">Reflections and written answers</h2>
{% for nb, stats in report.notebooks.items() %}{% for s in stats if s.exercise.kind == "text" and s.texts %}
<details class="reflection" data-key="{{ s.exercise.key }}"><summary>{{ title(nb) }}: {{ s.exercise.prompt }} ({{ s.texts|length }})</summary>
{% for name, text in s.texts %}<p><strong>{{ name }}</strong></p><blockquote>{{ text }}</blockquote>{% endfor %}
</details>
{% endfor %}{% endfor %}

{% if answers_left %}
<h2 id="not-counted">Answers not counted</h2>
<p>The rest of each of these files was read and counted; these answers were not, and the files were left exactly as they were.</p>
<ul id="not-counted-list">{% for item in answers_left %}<li>{% if report.anonymous %}answer {{ loop.index }}{% else %}<code>{{ item.path }}</code>{% endif %}: <span class="reason">{{ item.reason }}</span></li>{% endfor %}</ul>
{% endif %}
{% if files_not_read %}
<h2 id="not-read">Files not read</h2>
<p>These were left out of the report and left exactly as they were.</p>
<ul id="not-read-list">{% for item in files_not_read %}<li>{% if report.anonymous %}file {{ loop.index }}{% else %}<code>{{ item.path }}</code>{% endif %}: <span class="reason">{{ item.reason }}</span></li>{% endfor %}</ul>
{% if report.anonymous %}<p class="note">The paths are printed on the terminal, not here, because they hold user names.</p>{% endif %}
{% endif %}
</body></html>
"""

NOTEBOOK_TITLES = {"pre_check": "Before: the pre-check", "post_check": "After: the post-check",
                   "reader": "The reader"}


def notebook_title(name: str) -> str:
    if name in NOTEBOOK_TITLES:
        return NOTEBOOK_TITLES[name]
    number, _, words = name.partition("_")
    return f"{number} {words.replace('_', ' ').capitalize()}" if number.isdigit() else name.replace("_", " ")


def render_page(report: ClassReport, charts: bool = True) -> str:
    """The page as one HTML string (every student or file string escaped by Jinja2)."""
    import jinja2

    drawn = {"progress": None, "gains": None, "right": None}
    if charts:
        import matplotlib

        if not os.environ.get("MPLBACKEND"):
            matplotlib.use("Agg")
        drawn = {"progress": progress_chart(report), "gains": gains_chart(report), "right": right_chart(report)}
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["count"] = count   # "1 student", "2 students": the kit's one plural rule
    template = env.from_string(TEMPLATE)
    out_of = next((c[k]["out_of"] for c in report.checks for k in ("pre", "post") if c[k]), 0)
    return template.render(
        report=report, charts=drawn, out_of=out_of, title=notebook_title, short=short_name, label=exercise_label,
        pct=lambda v: f"{v * 100:.0f}%", points=lambda v: f"{v * 100:+.0f} points",
        score=lambda s: f"{s['total']:.1f}" if s else "\u2013",
        answered=lambda s: f"{s['answered']}/{s['out_of']}" if s else "\u2013")


#: The mark in every page ``class-report`` writes: a file that has it may be replaced.
GENERATOR = '<meta name="generator" content="media-literacy-kit class-report">'
#: What pages written before the mark existed start with.
OLD_MARK = ("content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n"
            "<title>Class report: ")


class OutRefused(ValueError):
    """The page is not written there; the message names the path and why."""


def _reading(out: Path, paths) -> str | None:
    """Why ``out`` is among what is being read: a file read, or a journal's place in a folder read."""
    target = Path(os.path.realpath(out))
    for path in paths:
        home = Path(os.path.realpath(Path(path).expanduser()))
        if target == home:
            return "is one of the files being read"
        if not target.is_relative_to(home):
            continue
        if target.suffix.lower() in (".md", ".json"):
            return f"is inside {path}, which is being read, and would be taken for a journal"
        for folder in [target.parent, *target.parent.parents]:
            if folder.name in (KIT_FOLDER, HUB_FOLDER) or (folder / FILE_NAME).exists():
                return f"is inside a student's journal folder ({folder})"
            if folder == home:
                break
    return None


def write_page(report: ClassReport, out, charts: bool = True, force: bool = False, paths=()) -> Path:
    """Render and write atomically (a temporary file renamed over ``out``).

    Only an ordinary file is written, never inside what ``paths`` reads, and an existing
    file only when class-report wrote it, unless ``force`` (:func:`helpers.outfile.out_problem`);
    raises :class:`OutRefused` otherwise.
    """
    out = Path(out).expanduser()
    marks = (GENERATOR.encode(), OLD_MARK.encode())
    problem = out_problem(out, "class-report", marks, force, example="--out class.html", inside=_reading(out, paths))
    if problem:
        raise OutRefused(f"{problem[0]}: {problem[1]}")
    page = render_page(report, charts).encode("utf-8")
    write_atomically(page, out)
    return out


# -- the command -----------------------------------------------------------------------------

def add_command(subparsers) -> None:
    p = subparsers.add_parser(
        "class-report", help="gather the students' journals into one page for the teacher",
        description="Read every student's journal (journal folders, home folders, folders of them, or handed-in "
                    "my_journal.md files) and write one offline HTML page: answers per exercise, common wrong "
                    "answers, reflections, progress, and the before-and-after checks. Journals are only read.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="journal folders, home folders, a folder of them (e.g. /home), or my_journal.md files")
    p.add_argument("--out", metavar="FILE.html", default="class.html", help="where to write the page (default: class.html)")
    p.add_argument("--anonymous", action="store_true",
                   help="number the students instead of naming them, and keep paths off the page (for projecting)")
    p.add_argument("--notebooks", metavar="FOLDER", help="the notebooks the class uses (default: the kit's own)")
    p.add_argument("--no-charts", action="store_true", help="leave the charts out (faster)")
    p.add_argument("--force", action="store_true",
                   help="replace an existing --out file even if class-report did not write it")
    p.set_defaults(run=run)


def run(args) -> int:
    out = Path(args.out).expanduser()
    force = getattr(args, "force", False)
    problem = out_problem(out, "class-report", (GENERATOR.encode(), OLD_MARK.encode()), force,
                          example="--out class.html", inside=_reading(out, args.paths))
    if problem:  # checked before the journals are read, and again when the page is written
        print(f"{problem[0]}: {problem[1]}", file=sys.stderr)
        return 1
    notebooks = Path(args.notebooks).expanduser() if args.notebooks else None
    if notebooks is not None and not notebooks.is_dir():
        print(f"{notebooks}: not a folder of notebooks", file=sys.stderr)
        return 1
    report = build_report(args.paths, notebooks=notebooks, anonymous=args.anonymous)
    if not report.students:
        for item in report.not_read:
            print(f"not read: {item.path}: {item.reason}", file=sys.stderr)
        print(f"No student's journal was found in {', '.join(str(p) for p in args.paths)}, so no page was written.\n"
              f"The report looks in each home folder for {HUB_FOLDER}/{FILE_NAME} (the hub set-up in the README) "
              f"or .local/share/{KIT_FOLDER}/{FILE_NAME}, and for handed-in {EXPORT_NAME} files. "
              "Give the folder that holds the homes (e.g. /home), and run it as a user who can read them.",
              file=sys.stderr)
        return 1
    try:
        write_page(report, out, charts=not args.no_charts, force=force, paths=args.paths)
    except OutRefused as err:
        print(f"{err}; no page was written.", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"{out}: cannot write the page ({err.strerror or err}); no page was written. "
              "Choose another --out (a folder of your own).", file=sys.stderr)
        return 1
    for item in report.not_read:
        print(f"{'not read' if item.whole else 'not counted'}: {item.path}: {item.reason}", file=sys.stderr)
    left = sum(1 for item in report.not_read if not item.whole)
    print(f"Wrote {out} ({count(len(report.students), 'student')}, {len(report.not_read) - left} not read"
          f"{', ' + count(left, 'answer') + ' not counted' if left else ''}). Open it in a web browser.")
    return 0
