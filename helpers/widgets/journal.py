"""The student's journal: every answer and reflection, saved as it is typed.

Where it lives: a per-user folder outside the repository, so a read-only install on
a shared server or a fresh ``git pull`` loses nothing:

1. ``$MEDIA_KIT_HOME`` when set (tests and teachers point it anywhere);
2. otherwise ``$XDG_DATA_HOME/media-literacy-kit``;
3. otherwise ``~/.local/share/media-literacy-kit``.

The file is ``journal.json``: ``{"version": 1, "entries": {key: entry}}``. Every save
re-reads the file under a lock and changes only its own key, so two notebooks open at
once do not overwrite each other's answers. A save writes a temporary file in the same
folder, flushes it to disk and renames it over the old one (``os.replace``), so a crash
or a full disk leaves the old journal whole. A journal that cannot be read is renamed
aside (``journal.json.corrupt-<time>``) with a visible warning: never lost, never a
crash; so is one written by a newer version of the kit (``journal.json.newer-<time>``)
or one with answers that are not objects. Temporary files that a killed save left
behind are deleted by the next save (only the journal's own, only stale ones). The
exported ``my_journal.md`` shows what a student typed as text: HTML in it is escaped. When the folder cannot be written, answers are kept in memory and the widgets
say so.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import os
import re
import stat
import tempfile
import threading
import time
import warnings
from collections import Counter
from pathlib import Path

from ..wording import cut, date_time

FILE_NAME = "journal.json"
VERSION = 1
CANNOT_SAVE = "Your answers cannot be saved"
#: A temporary file of a save older than this was left by a save that was killed.
STALE_SECONDS = 300

DAMAGED, NEWER, ODD_ENTRIES = "damaged", "newer", "odd entries"
_ASIDE_NAMES = {DAMAGED: "corrupt", NEWER: "newer", ODD_ENTRIES: "corrupt"}
_ASIDE_REASONS = {
    DAMAGED: "Your journal file could not be read (it is damaged), so a new one was started.",
    NEWER: "Your journal file was written by a newer version of the kit, which this one "
           "cannot read, so a new one was started.",
    ODD_ENTRIES: "Some answers in your journal file could not be read (they are damaged); "
                 "the others are kept in a new journal.",
}


def journal_home() -> Path:
    """The per-user folder of the kit (see the module docstring for the order)."""
    from ..folders import user_dir

    return user_dir()


def now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


class JournalWarning(UserWarning):
    """Something went wrong with the journal file; the student's work is safe."""


class Journal:
    """Answers by key, read from and saved to one JSON file.

    ``get(key)`` returns the saved entry (a dict) or ``default``; ``set(key, entry)``
    saves it at once. ``warnings`` lists what the student should be told (a journal set
    aside, a folder that cannot be written); widgets show them.
    """

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else journal_home() / FILE_NAME
        self.warnings: list[str] = []
        self._entries: dict[str, dict] = {}
        self._lock = threading.RLock()
        self._writable = True
        self._entries = self._read_disk()

    def __repr__(self) -> str:
        return f"Journal({str(self.path)!r}, {len(self._entries)} entries)"

    # -- reading -------------------------------------------------------------------

    def get(self, key: str, default=None):
        with self._lock:
            entry = self._entries.get(key)
            return json.loads(json.dumps(entry)) if entry is not None else default

    def entries(self) -> dict[str, dict]:
        """A copy of every entry, in the order they were first saved."""
        with self._lock:
            return json.loads(json.dumps(self._entries))

    def reload(self) -> None:
        """Read the file again (another notebook may have saved to it)."""
        with self._lock:
            self._entries = self._read_disk()

    def _read_disk(self) -> dict[str, dict]:
        try:
            raw = self.path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return dict(self._entries)
        except OSError as err:
            self._warn(f"Your journal {self.path} cannot be read ({err.strerror}); answers are kept "
                       "until the kernel stops. Ask your teacher to check the folder.")
            return dict(self._entries)
        if not raw.strip():
            return dict(self._entries)
        entries, problem = _parse(raw)
        if problem:
            self._set_aside(problem)
            return {**self._entries, **(entries or {})}
        return entries

    def _set_aside(self, problem: str = DAMAGED) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        aside = self.path.with_name(f"{self.path.name}.{_ASIDE_NAMES[problem]}-{stamp}")
        try:
            os.replace(self.path, aside)
            where = f"It was kept as {aside}."
        except OSError as err:
            where = f"It could not be renamed ({err.strerror}); it is still at {self.path} and will not be overwritten."
            self._writable = False
        self._warn(f"{_ASIDE_REASONS[problem]} {where} "
                   "Nothing was deleted: show that file to your teacher if you need the old answers.")

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)
            warnings.warn(message, JournalWarning, stacklevel=3)

    # -- saving ----------------------------------------------------------------------

    def set(self, key: str, entry: dict) -> bool:
        """Save ``entry`` under ``key`` now; return True when it reached the disk."""
        entry = dict(entry)
        entry.setdefault("saved", now())
        with self._lock:
            # A lone surrogate (pasted or typed as an escape) cannot be written as UTF-8:
            # it becomes U+FFFD so that the rest of the text is saved.
            self._entries[key] = json.loads(_SURROGATE.sub(
                "\ufffd", json.dumps(entry, default=str, ensure_ascii=False)))
            return self._save(key)

    def delete(self, key: str) -> bool:
        with self._lock:
            self._entries.pop(key, None)
            return self._save(key, delete=True)

    def _save(self, key: str, delete: bool = False) -> bool:
        if not self._writable:
            return False
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with _file_lock(folder / (self.path.name + ".lock")):
                on_disk, problem = self._read_disk_quiet()
                if problem:  # damaged (or written by a newer kit) since we read it
                    self._set_aside(problem)
                    if not self._writable:
                        return False
                    on_disk = on_disk or {}
                _clean_stale_temporaries(self.path)
                merged = {**on_disk, **{k: v for k, v in self._entries.items() if k not in on_disk}}
                if delete:
                    merged.pop(key, None)
                else:
                    merged[key] = self._entries[key]
                self._entries = merged
                _atomic_write(self.path, json.dumps({"version": VERSION, "entries": merged},
                                                    ensure_ascii=False, indent=1))
            # saved again (a full disk has room now): the old warning is no longer true
            self.warnings = [w for w in self.warnings if not w.startswith(CANNOT_SAVE)]
            return True
        except (OSError, ValueError, TypeError) as err:  # UnicodeError is a ValueError
            self._warn(f"{CANNOT_SAVE} to {folder} ({getattr(err, 'strerror', None) or err}). They are kept "
                       "until the kernel stops. Set MEDIA_KIT_HOME to a folder you can write to, "
                       "or use export_journal() to save a copy.")
            return False

    def _read_disk_quiet(self):
        """(entries, problem) as on disk now; problem is None when the file is fine."""
        try:
            raw = self.path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return {}, None
        if not raw.strip():
            return {}, None
        return _parse(raw)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _parse(raw: bytes) -> tuple[dict | None, str | None]:
    """The entries of a journal file and what is wrong with it (None when nothing).

    A file that is not a journal, or one written by a newer version (whose answers this
    version might save back wrongly), gives no entries; entries that are not objects
    are left out of the others. Either way the caller sets the file aside.
    """
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested thousands deep
        return None, DAMAGED
    if not isinstance(data, dict) or not isinstance(data.get("entries", {}), dict):
        return None, DAMAGED
    version = data.get("version", VERSION)
    if not isinstance(version, int) or isinstance(version, bool):
        return None, DAMAGED
    if version > VERSION:
        return None, NEWER
    entries = {str(k): v for k, v in data.get("entries", {}).items() if isinstance(v, dict)}
    if len(entries) != len(data.get("entries", {})):
        return entries, ODD_ENTRIES
    return entries, None


def _clean_stale_temporaries(path: Path) -> None:
    """Delete what killed saves left: this journal's own temporary files
    (``journal.json.XXXXXXXX.tmp``, as ``_atomic_write`` names them), only regular
    files, only those untouched for ``STALE_SECONDS``. Called under the file lock, so
    no other save of the kit is writing one at that moment."""
    pattern = re.compile(re.escape(path.name) + r"\.[a-z0-9_]{8}\.tmp")
    limit = time.time() - STALE_SECONDS
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if not pattern.fullmatch(name):
            continue
        candidate = path.parent / name
        with contextlib.suppress(OSError):
            info = candidate.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_mtime < limit:
                candidate.unlink()


def _atomic_write(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, rename it over."""
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


@contextlib.contextmanager
def _file_lock(path: Path):
    try:
        import fcntl
    except ImportError:  # Windows: the in-process lock is all we have
        yield
        return
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_DEFAULT: Journal | None = None


def default_journal() -> Journal:
    """The journal every widget uses unless given another; follows MEDIA_KIT_HOME."""
    global _DEFAULT
    wanted = journal_home() / FILE_NAME
    if _DEFAULT is None or _DEFAULT.path != wanted:
        _DEFAULT = Journal(wanted)
    return _DEFAULT


KIND_TITLES = {
    "spot_it": "Spot it", "choice": "Multiple choice", "rewrite": "Rewrite",
    "reflection": "Reflection", "notes": "Notes", "own_story": "My own story",
}


def _places():
    """(key -> (notebook title, exercise heading), notebook name -> title), as the pages
    show them; empty when the notebooks cannot be read (the export still works)."""
    from ..catalogue import exercise_places, notebook_titles

    try:
        return exercise_places(), notebook_titles()
    except (OSError, ValueError):
        return {}, {}


def _words(name: str) -> str:
    words = " ".join(name.replace("-", " ").replace("_", " ").split())
    return words[:1].upper() + words[1:]


def entry_heading(key: str, places=None) -> str:
    """The heading a student reads for the entry ``key``: the notebook's title and the
    exercise's heading as the page shows them ("Numbers: how big is "a few dozen"? ·
    Exercise 1: How many is "a few dozen"?"); never the key."""
    exercises, titles = places if places is not None else _places()
    notebook, _, name = str(key).partition("/")
    title, heading = exercises.get(key, (titles.get(notebook) or _words(notebook), ""))
    if not heading:
        heading = _words(name) if name else ""
    return " \u00b7 ".join(part for part in (title, heading) if part) or "An answer"


def _exported_when() -> str:
    return date_time(dt.datetime.now().astimezone())


def journal_markdown(journal: Journal | None = None) -> str:
    """The whole journal as Markdown, one section per entry, in the order saved. Each
    section is headed by the notebook's title and the exercise's heading as the student saw
    them, and every line is one a student reads: no key, no hidden comment (the class
    report finds the entry from its heading and question)."""
    journal = journal or default_journal()
    lines = ["# My media-literacy journal", "", f"Exported {_exported_when()}", ""]
    entries = journal.entries()
    if not entries:
        lines += ["(No answers saved yet.)", ""]
    places = _places() if entries else ({}, {})
    headings = {key: entry_heading(key, places) for key in entries}
    seen = Counter(headings.values())
    for key, entry in entries.items():
        heading = headings[key]
        if seen[heading] > 1 and entry.get("prompt"):
            # five notes under one exercise: the question tells them apart
            heading += " \u00b7 " + cut(" ".join(str(entry["prompt"]).split()), 60)
        code = entry.get("kind") if isinstance(entry.get("kind"), str) and entry.get("kind") else "answer"
        kind = KIND_TITLES.get(code, code.replace("_", " ").capitalize())
        lines += [f"## {_safe(heading)}", "", f"*{_safe(kind)}*", ""]
        if entry.get("prompt"):
            lines += ["**Question:** " + _one_line(entry["prompt"]), ""]
        if entry.get("outlet"):
            lines += ["**Outlet:** " + _one_line(entry["outlet"]), ""]
        answer = entry.get("answer")
        if isinstance(answer, list):
            lines += ["**My answer:**", ""] + [f"- {_one_line(a)}" for a in answer] + [""]
            if not answer:
                lines[-1:] = ["(nothing ticked)", ""]
        else:
            text = str(answer if answer is not None else "").strip() or "(empty)"
            lines += ["**My answer:**", ""] + [f"> {_safe(line)}" if line else ">"
                                               for line in text.splitlines()] + [""]
        if entry.get("feedback"):
            lines += ["**Feedback:** " + _one_line(entry["feedback"]), ""]
        if entry.get("correct") is not None:
            verdict = ("also defensible (the texts allow more than one answer here)" if entry.get("defensible")
                       else "yes" if entry["correct"] else "not yet")
            lines += [f"**Correct:** {verdict}", ""]
        if entry.get("saved"):
            lines += [f"*Saved {_safe(date_time(entry['saved']))}*", ""]
    return "\n".join(lines)


def _one_line(value) -> str:
    return _safe(" ".join(str(value).split()))


def _safe(text: str) -> str:
    """Student text as Markdown shows it: ``<b>`` or ``<script>`` stays characters, never
    HTML that a Markdown viewer would draw or run."""
    return html.escape(text, quote=False)


EXPORT_NAME = "my_journal.md"


def export_journal(path=None, journal: Journal | None = None) -> Path:
    """Write the student's work to one Markdown file to hand in; return its full path.

    ``path=None`` (the default) writes ``my_journal.md`` beside the journal file, i.e. in
    the journal folder (``journal_home()`` for the default journal), never into the kit's
    own folder. When that folder cannot be written, the file goes to the current folder
    instead (the returned path says where). A ``path`` you give means what it says: a
    relative path is taken from the current folder, as everywhere in Python; a folder gets
    ``my_journal.md`` inside it.
    """
    journal = journal or default_journal()
    text = journal_markdown(journal)
    if path is None:
        target = journal.path.parent / EXPORT_NAME
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(target, text)
            return target.resolve()
        except OSError:  # the journal folder cannot be written: keep the work here instead
            target = Path.cwd() / EXPORT_NAME
            _atomic_write(target, text)
            return target.resolve()
    target = Path(path).expanduser()
    if target.is_dir():
        target = target / EXPORT_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(target, text)
    return target.resolve()


def download_journal(journal: Journal | None = None):
    """Export the journal (as :func:`export_journal` does) and show a download link.

    The exported file sits in the journal folder, which the notebook's file browser
    may not show (on Binder it is hidden, and it goes when the session ends). The link
    carries the file itself, so one click saves it to the student's own computer.
    """
    import base64
    import html

    from IPython.display import HTML

    journal = journal or default_journal()
    path = export_journal(journal=journal)
    data = base64.b64encode(journal_markdown(journal).encode("utf-8")).decode("ascii")
    return HTML(
        f'<p>Your journal is saved in <code>{html.escape(str(path))}</code>.</p>'
        f'<p><a download="{html.escape(EXPORT_NAME, quote=True)}" '
        f'href="data:text/markdown;charset=utf-8;base64,{data}">'
        f'Download {html.escape(EXPORT_NAME)} to your computer</a> '
        f'(to print it or hand it in).</p>')
