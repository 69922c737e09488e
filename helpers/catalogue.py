"""The exercises of the lessons, read once from the notebooks' code (never run).

An exercise is a call in a code cell that names a journal key with a "/" in it:
``SpotIt(case, report="hannity", lens="attributions", key="03_anonymous_sources/spot-hannity")``,
``question("02_source_chains/origin")``, ``check_item("pre_check/q1")``,
``Rewrite(key=...)``, ``Reflection(key=...)``, ``OwnStory(key=...)``. Everything that
needs to know which exercises a lesson asks (the class report, the classroom bench, the
tests) reads this catalogue instead of parsing notebooks itself.

It imports nothing of the kit: it reads the notebooks' JSON and parses the code with
``ast``. A cell that is not valid Python is skipped (the notebook tests report it).
"""
from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from pathlib import Path

#: Calls whose first argument (a string) is the key: question("01_side_by_side/same-story").
KEY_FIRST = ("question", "check_item")
#: What a call asks of the student, by the function called.
KINDS = {"SpotIt": "spot_it", "question": "choice", "check_item": "choice", "MultipleChoice": "choice"}
#: The lens of a SpotIt that names none (the widget's own default).
DEFAULT_LENS = "attributions"


@dataclass(frozen=True)
class Exercise:
    """One exercise of a notebook, where it is and what the call says."""

    notebook: str            # the notebook's name without .ipynb: "03_anonymous_sources"
    cell: int                # index of its cell among all the notebook's cells
    call: str                # the function called: "SpotIt", "question", "Rewrite", ...
    key: str                 # the journal key: "03_anonymous_sources/spot-hannity"
    kind: str                # "spot_it", "choice" or "text" (a written answer)
    lens: str | None = None  # a SpotIt's lens ("attributions" when it names none)
    first: str | None = None                     # the first argument, when it is a string
    arguments: dict = field(default_factory=dict, compare=False)  # keyword arguments that are literals
    case: str | None = None  # the case the notebook loaded before this cell (load_case("..."))

    @property
    def where(self) -> str:
        return f"{self.notebook}, cell {self.cell}"


def _literal(node):
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _NOT_LITERAL


_NOT_LITERAL = object()


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _calls(cells):
    """(cell index, name called, its literal keyword arguments, its first argument if a
    string) for every call in the code cells, in order."""
    for index, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        try:
            tree = ast.parse(_source(cell))
        except SyntaxError:
            continue
        calls = sorted((n for n in ast.walk(tree) if isinstance(n, ast.Call)),
                       key=lambda n: (n.lineno, n.col_offset))
        for node in calls:
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            arguments = {}
            for keyword in node.keywords:
                if keyword.arg is not None:
                    value = _literal(keyword.value)
                    if value is not _NOT_LITERAL:
                        arguments[keyword.arg] = value
            first = node.args[0].value if (node.args and isinstance(node.args[0], ast.Constant)
                                           and isinstance(node.args[0].value, str)) else None
            yield index, name, arguments, first


def exercises_in(cells, notebook: str, calls=None) -> list[Exercise]:
    """The exercises of one notebook's cells (dicts or nbformat nodes), in order
    (``calls``: the cells' calls when already read, as :func:`_calls` gives them)."""
    found: list[Exercise] = []
    case_name = None
    for index, name, arguments, first in (_calls(cells) if calls is None else calls):
        if name == "load_case" and first:
            case_name = first
        key = arguments.get("key") if isinstance(arguments.get("key"), str) else None
        if key is None and name in KEY_FIRST:
            key = first
        if not key or "/" not in key:
            continue
        found.append(Exercise(notebook=notebook, cell=index, call=name, key=key,
                              kind=KINDS.get(name, "text"),
                              lens=arguments.get("lens", DEFAULT_LENS) if name == "SpotIt" else None,
                              first=first, arguments=arguments, case=case_name))
    return found


def notebook_exercises(path: Path) -> list[Exercise]:
    """The exercises of one notebook file; none when it cannot be read as a notebook."""
    path = Path(path)
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return []
    return exercises_in(cells, path.stem)


def notebooks_dir() -> Path | None:
    """The kit's notebooks: inside the installed package (``pip install .`` ships them as
    ``helpers/notebooks``), else beside the helpers (a repository or an editable install)."""
    here = Path(__file__).resolve().parent
    for folder in (here / "notebooks", here.parent / "notebooks"):
        if folder.is_dir() and any(folder.glob("*.ipynb")):
            return folder
    return None


def catalogue(folder: Path | None = None) -> dict[str, list[Exercise]]:
    """Notebook name -> its exercises, for every notebook of ``folder`` (the kit's own
    notebooks by default) that asks any, in file-name order."""
    folder = notebooks_dir() if folder is None else Path(folder)
    if folder is None:
        return {}
    found = {}
    for path in sorted(folder.glob("*.ipynb")):
        exercises = notebook_exercises(path)
        if exercises:
            found[path.stem] = exercises
    return found


def every_exercise(folder: Path | None = None, call: str | None = None) -> list[Exercise]:
    """Every exercise of every notebook (only those made by ``call``, if given)."""
    return [e for exercises in catalogue(folder).values() for e in exercises if call is None or e.call == call]


def _headings(source: str) -> list[tuple[int, str]]:
    """The Markdown headings of a cell: (level, words), in order."""
    found = []
    for line in source.splitlines():
        stripped = line.strip()
        level = len(stripped) - len(stripped.lstrip("#"))
        if 1 <= level <= 6 and stripped[level:level + 1] == " ":
            words = " ".join(stripped[level:].replace("**", "").split())
            if words:
                found.append((level, words))
    return found


def exercise_places(folder: Path | None = None) -> dict[str, tuple[str, str]]:
    """Journal key -> (the notebook's title, the heading the exercise sits under), the words
    a student saw on the page: ("Numbers: how big is “a few dozen”?", "Exercise 1: A few
    dozen"). The heading is "" when the exercise sits under no heading but the title."""
    folder = notebooks_dir() if folder is None else Path(folder)
    places: dict[str, tuple[str, str]] = {}
    if folder is None:
        return places
    for path in sorted(folder.glob("*.ipynb")):
        try:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError, AttributeError):
            continue
        title, heading, under = path.stem.replace("_", " "), "", {}
        titled = False
        for index, cell in enumerate(cells):
            if cell.get("cell_type") == "markdown":
                for level, words in _headings(_source(cell)):
                    if level == 1 and not titled:
                        title, titled = words, True
                    elif level > 1:
                        heading = words
            under[index] = heading
        calls = list(_calls(cells))   # each code cell parsed once
        for exercise in exercises_in(cells, path.stem, calls):
            places.setdefault(exercise.key, (title, under.get(exercise.cell, "")))
        for index, _, arguments, _ in calls:  # a reader's notes are saved in the journal too
            notes = arguments.get("notes_key")
            if isinstance(notes, str) and notes:
                places.setdefault(notes, (title, under.get(index, "")))
    return places


def notebook_titles(folder: Path | None = None) -> dict[str, str]:
    """Notebook name -> its title as the page shows it (its first ``#`` heading)."""
    folder = notebooks_dir() if folder is None else Path(folder)
    titles: dict[str, str] = {}
    if folder is None:
        return titles
    for path in sorted(folder.glob("*.ipynb")):
        try:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError, AttributeError):
            continue
        first = next((words for cell in cells if cell.get("cell_type") == "markdown"
                      for level, words in _headings(_source(cell)) if level == 1), None)
        if first:
            titles[path.stem] = first
    return titles
