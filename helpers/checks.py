"""The before-and-after checks: the same four skills on a story students have not seen.

``notebooks/pre_check.ipynb`` is taken before notebook 00 and ``post_check.ipynb`` after
notebook 06 (``lessons/checks.md`` says when and how to read the scores). Both use the
case ``warehouse-fire-port-carrow``, three short reports invented for teaching, and ask
parallel items: the same skill, the same kind of question, on a different report.

The items live in ``data/lessons/checks.yml`` (see the comment at its top): multiple-choice
items in the format of ``questions.yml`` plus ``skill`` and ``evidence`` (the quotes that
prove the right answer), and tick items (``spot``: a report, a lens and what to tick),
scored against the case's answer key. A notebook cell asks one item by its key::

    check_item("pre_check/trace")

It is the kit's own ``MultipleChoice`` or ``SpotIt`` widget, with instant feedback and
saved to the journal as usual, plus one thing: the journal entry keeps the student's
**first try** (``first_try``), because a check measures what a student knew before the
feedback told them. :func:`score_entry` scores an entry from the first try when there is
one, else from the answer saved (an exported ``my_journal.md`` has only that).

:func:`check_checks` lists every problem in the file as ``file:line: problem``.
"""
from __future__ import annotations

import html
import threading
from functools import lru_cache
from pathlib import Path

import yaml

from .folders import data_dir
from .lenses import registry
from .problems import CaseError, Problem
from .widgets.journal import Journal

CASE = "warehouse-fire-port-carrow"
CHECKS = ("pre_check", "post_check")
CHECK_TITLES = {"pre_check": "Before (pre-check)", "post_check": "After (post-check)"}
CHECKS_FILE = Path("lessons") / "checks.yml"

#: The four skills the unit teaches, in teaching order, with the words a teacher reads.
SKILLS = {
    "trace": "Trace a claim to its source",
    "anonymous": "Spot an anonymous source and what \u201cclose to\u201d claims",
    "numbers": "Compare a number across two reports",
    "loaded": "Spot loaded words in the outlet's own voice",
}
#: The lenses a tick item may ask about: those with an answer key and highlights.
SPOT_LENSES = tuple(lens.name for lens in registry.with_key() if lens.views)


def checks_path() -> Path:
    """Where the check items are: ``data/lessons/checks.yml``."""
    return data_dir() / CHECKS_FILE


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> dict:
    """Checked once per version of the file (scoring a class asks for it thousands of times)."""
    problems = check_checks(Path(path))
    if problems:
        raise CaseError(problems)
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def load_checks(path: Path | str | None = None) -> dict:
    """The items as a dict, key -> entry; raises :class:`CaseError` listing every problem."""
    path = Path(path) if path else checks_path()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        raise CaseError(check_checks(path)) from None
    return _load(str(path), mtime)


def check_checks(path: Path | str | None = None, case=None) -> list[Problem]:
    """Every problem in the checks file, with its line when it can be found.

    Besides the format, each evidence quote must be an exact piece of the report it
    names, and each tick item must have at least one sentence to tick in the answer key.
    """
    path = Path(path) if path else checks_path()
    if not path.is_file():
        return [Problem(path, None, "the checks file is missing")]
    text = path.read_text(encoding="utf-8")
    try:
        bank = yaml.safe_load(text) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return [Problem(path, mark.line + 1 if mark else None, f"not valid YAML: {getattr(err, 'problem', err)}")]
    if not isinstance(bank, dict):
        return [Problem(path, 1, "the file must map item keys to items")]
    lines = text.splitlines()

    def line_of(key) -> int | None:
        return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:")), None)

    if case is None:
        from .case import load_case
        try:
            case = load_case(CASE)
        except CaseError as err:
            return list(err.problems) if hasattr(err, "problems") else [Problem(path, None, str(err))]
    problems = []
    for key, entry in bank.items():
        where = line_of(key)

        def bad(message):
            problems.append(Problem(path, where, f'"{key}": {message}'))

        if not isinstance(key, str) or key.split("/")[0] not in CHECKS or "/" not in key:
            bad(f"the key must look like \"{CHECKS[0]}/<name>\" or \"{CHECKS[1]}/<name>\"")
        if not isinstance(entry, dict) or not str(entry.get("question", "")).strip():
            bad("needs a question")
            continue
        if entry.get("skill") not in SKILLS:
            bad(f"skill must be one of {', '.join(SKILLS)}")
        if "spot" in entry:
            spot = entry["spot"]
            if not isinstance(spot, dict) or spot.get("report") not in case.reports \
                    or spot.get("lens") not in SPOT_LENSES or not spot.get("kind"):
                bad(f"spot needs a report of the case ({', '.join(case.reports)}), "
                    f"a lens ({', '.join(SPOT_LENSES)}) and a kind")
            elif not spot_key(spot["report"], spot["lens"], spot["kind"], case)[1]:
                bad("the answer key has no sentence to tick for this spot")
            continue
        options = entry.get("options")
        if not isinstance(options, list) or len(options) < 2:
            bad("needs at least two options (or a spot)")
            continue
        if not all(isinstance(o, dict) and str(o.get("text", "")).strip() and str(o.get("why", "")).strip()
                   and isinstance(o.get("correct"), bool) for o in options):
            bad("each option needs text, correct (true/false) and why")
            continue
        if not any(o["correct"] for o in options):
            bad("no option is marked correct: true")
        evidence = entry.get("evidence")
        if not isinstance(evidence, list) or not evidence:
            bad("needs evidence: the quotes that prove the right answer, [{report: id, quote: exact words}]")
            continue
        for item in evidence:
            if not isinstance(item, dict) or item.get("report") not in case.reports:
                bad(f"evidence must name a report of the case ({', '.join(case.reports)})")
            elif not str(item.get("quote", "")) or str(item["quote"]) not in case.reports[item["report"]].text:
                bad(f"evidence quote is not in {item['report']}: {item.get('quote')!r}")
    return problems


def items(check: str, path=None) -> dict[str, dict]:
    """The items of one check (``"pre_check"`` or ``"post_check"``), in the file's order."""
    return {k: v for k, v in load_checks(path).items() if k.startswith(check + "/")}


def parallel_items(path=None) -> list[tuple[str, str]]:
    """Each pre-check item with its post-check twin (same name after the slash)."""
    bank = load_checks(path)
    return [(k, f"{CHECKS[1]}/{k.split('/', 1)[1]}") for k in bank
            if k.startswith(CHECKS[0] + "/") and f"{CHECKS[1]}/{k.split('/', 1)[1]}" in bank]


# -- the widgets ---------------------------------------------------------------------

def check_item(key: str, journal=None, path=None):
    """The widget for one check item: a ``MultipleChoice`` or a ``SpotIt`` that keeps the first try."""
    from .case import load_case
    from .widgets import MultipleChoice, SpotIt

    bank = load_checks(path)
    if key not in bank:
        raise KeyError(f"no check item {key!r} in {checks_path()}")
    entry = bank[key]
    if "spot" in entry:
        spot = entry["spot"]
        widget = SpotIt(load_case(CASE), report=spot["report"], lens=spot["lens"], kind=spot["kind"], key=key,
                        prompt=str(entry["question"]), journal=journal)
    else:
        widget = MultipleChoice(str(entry["question"]), options=[(str(o["text"]), bool(o["correct"]), str(o["why"]))
                                                                 for o in entry["options"]],
                                key=key, journal=journal)
    keep_first_try(widget.model)
    return widget


def keep_first_try(model) -> None:
    """Make an exercise model keep the student's first scored answer in its journal entry.

    The model saves as usual; each save carries ``first_try`` (``answer`` and ``correct``
    of the first save that was scored: a choice made, or a SpotIt checked), copied
    forward from the entry already saved, so changing an answer after the feedback does
    not change the first try.
    """
    plain_save = model._save

    def save(answer, correct=None, feedback: str = "", **extra):
        old = model.journal.get(model.key) or {}
        first = old.get("first_try") if isinstance(old.get("first_try"), dict) else None
        if first is None and correct is not None:
            first = {"answer": answer, "correct": correct}
        if first is not None:
            extra["first_try"] = first
        plain_save(answer, correct, feedback, **extra)

    model._save = save


def show_reports(*report_ids: str):
    """The reports side by side as plain, escaped text (no highlights: the check is a test)."""
    from IPython.display import HTML

    from .case import load_case

    case = load_case(CASE)
    columns = []
    for rid in report_ids:
        report = case.reports[rid]
        paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>" for p in report.text.split("\n\n") if p.strip())
        columns.append(f'<div style="flex:1 1 22em;border:1px solid #888;padding:.5em 1em;min-width:0">'
                       f"<h3>{html.escape(report.outlet)}</h3>{paragraphs}</div>")
    return HTML('<div style="display:flex;flex-wrap:wrap;gap:1em">' + "".join(columns) + "</div>")


# -- scoring -------------------------------------------------------------------------

class _Scratch(Journal):
    """A journal that holds nothing and saves nothing (the scorer builds models with it)."""

    def __init__(self):
        self.path = Path("(scoring only)")
        self.warnings = []
        self._entries = {}
        self._lock = threading.RLock()
        self._writable = False

    def set(self, key, entry) -> bool:
        return False


_SPOT_CACHE: dict = {}


def spot_key(report: str, lens: str, kind: str, case=None) -> tuple[list[str], set[int]]:
    """The sentences of a SpotIt exercise (as the student sees them) and which ones are wanted."""
    cache_key = (getattr(case, "name", CASE), report, lens, kind)
    if cache_key not in _SPOT_CACHE:
        from .case import load_case
        from .widgets.exercises import SpotItModel

        case = case if case is not None else load_case(CASE)
        model = SpotItModel(case, report, lens, kind, key="scoring/only", journal=_Scratch())
        _SPOT_CACHE[cache_key] = ([model.sentence_text(i) for i in range(len(model.sentences))], set(model.answer))
    return _SPOT_CACHE[cache_key]


def spot_result(ticked_texts, sentences: list[str], wanted: set[int]) -> dict:
    """Right, missed and wrongly ticked sentence numbers for a list of ticked sentence texts."""
    if not isinstance(ticked_texts, (list, tuple)):
        ticked_texts = []  # a damaged entry ticks nothing
    ticked = {sentences.index(t) for t in ticked_texts if isinstance(t, str) and t in sentences}
    return {"right": sorted(ticked & wanted), "missed": sorted(wanted - ticked), "wrong": sorted(ticked - wanted)}


def score_entry(key: str, entry: dict | None, path=None) -> float | None:
    """The score of one check item from its journal entry, 0 to 1; None when not answered.

    A choice scores 1 when right. A tick item scores right / (right + missed + wrongly
    ticked), so ticking everything does not pay. The first try counts when the entry has
    one (see :func:`keep_first_try`).
    """
    if not isinstance(entry, dict):
        return None
    item = load_checks(path).get(key)
    if item is None:
        return None
    attempt = entry.get("first_try") if isinstance(entry.get("first_try"), dict) else entry
    answer = attempt.get("answer")
    if "spot" in item:
        if not isinstance(answer, list) or (not answer and entry.get("correct") is None) \
                or not all(isinstance(a, str) for a in answer):
            return None
        spot = item["spot"]
        sentences, wanted = spot_key(spot["report"], spot["lens"], spot["kind"])
        r = spot_result(answer, sentences, wanted)
        counted = len(r["right"]) + len(r["missed"]) + len(r["wrong"])
        return len(r["right"]) / counted if counted else 1.0
    if not isinstance(answer, str):
        return None  # not an answer the kit writes (a damaged entry): unanswered
    texts = {str(o["text"]): bool(o["correct"]) for o in item["options"]}
    if answer in texts:
        return 1.0 if texts[answer] else 0.0
    if attempt.get("correct") is not None and answer not in (None, ""):
        return 1.0 if attempt["correct"] else 0.0
    return None


def score_check(entries: dict, check: str, path=None) -> dict:
    """One student's score on one check: ``{"total", "out_of", "answered", "skills": {skill: 0..1}}``.

    ``total`` adds the items' scores; a skill's score is the mean of its items (an item
    not answered counts 0). ``answered`` is 0 when the student did not take the check.
    """
    bank = items(check, path)
    by_skill: dict[str, list[float]] = {}
    total, answered = 0.0, 0
    for key, item in bank.items():
        score = score_entry(key, entries.get(key), path)
        answered += score is not None
        total += score or 0.0
        by_skill.setdefault(item["skill"], []).append(score or 0.0)
    return {"total": total, "out_of": len(bank), "answered": answered,
            "skills": {s: sum(v) / len(v) for s, v in by_skill.items()}}


def my_score(check: str, journal=None):
    """The student's own score on a check, per skill, with a chart (shown at the end of a check)."""
    import matplotlib.pyplot as plt

    from .widgets import default_journal

    journal = journal or default_journal()
    result = score_check(journal.entries(), check)
    skills = [s for s in SKILLS if s in result["skills"]]
    values = [result["skills"][s] * 100 for s in skills]
    fig, ax = plt.subplots(figsize=(7, 0.6 + 0.55 * len(skills)))
    bars = ax.barh([SKILLS[s] for s in skills], values, color="#4a7ab5", hatch="//", edgecolor="black")
    for bar, value in zip(bars, values):
        ax.text(min(value + 2, 88), bar.get_y() + bar.get_height() / 2, f"{value:.0f}%", va="center")
    ax.set_xlim(0, 100)
    ax.invert_yaxis()
    ax.set_xlabel("your first try, per cent")
    ax.set_title(f"{CHECK_TITLES[check]}: {result['total']:.1f} of {result['out_of']}")
    fig.tight_layout()
    plt.close(fig)
    alt = "; ".join(f"{SKILLS[s]}: {v:.0f}%" for s, v in zip(skills, values))
    print(f"Your first try: {result['total']:.1f} of {result['out_of']} "
          f"({result['answered']} of {result['out_of']} answered). {alt}.")
    return fig
