"""Fill the teacher guides with what they repeat from elsewhere, so they cannot drift.

A teacher guide (``lessons/NN_*.md``) repeats three things that live somewhere else:

- the notebook's key points (its "Key points" cell),
- the multiple-choice questions with their options and right answers
  (``data/lessons/questions.yml``),
- the minutes a lesson takes (``data/lessons/timings.yml``).

Instead of copying them by hand, a guide holds a marker and its filled-in text::

    <!-- key-points 03_anonymous_sources -->
    ...the notebook's key points, written by this module...
    <!-- end key-points -->

The markers are ``key-points STEM``, ``question KEY`` (a key of questions.yml),
``time STEM`` (the lesson's minutes, for a guide), ``self-study-times`` (the table of
minutes, for the unit plan) and ``rules a-few,a-few-dozen,up-to`` (the kit's ranges for
those phrases, from ``data/lexicons/vague_quantities.csv``; hyphens stand for spaces),
``chart-counts attributions`` / ``chart-counts loaded_language`` (a table of what the
lesson's chart draws from the lessons' case's answer key: ``charts.attribution_counts``,
``charts.loaded_counts``) and ``rewrite KEY`` (a rewrite exercise of
``data/lessons/rewrites.yml``: the sentence, the kit's suggestion and what the box checks). ``python -m helpers.guides`` rewrites every block from its
source; ``python -m helpers.guides --check`` only lists the blocks that are out of date
and exits 1 (the tests do the same). Text outside the markers is never touched.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

import yaml

from .catalogue import exercises_in
from .folders import data_dir
from .problems import CaseError, Problem
from .questions import load_questions
from .wording import count

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LESSONS = ROOT / "lessons"
TIMING_FIELDS = ("alone", "class", "in_class", "at_home")
KINDS = ("key-points", "question", "time", "self-study-times", "rules", "chart-counts", "rewrite")
#: The case the lessons teach from (the charts' counts in a guide are this case's).
LESSON_CASE = "rostec-venezuela-2019"

BLOCK = re.compile(
    r"<!-- (?P<kind>[a-z-]+)(?: (?P<arg>\S+))? -->\n(?P<body>.*?)<!-- end (?P=kind) -->",
    re.S,
)


def timings_path() -> Path:
    return data_dir() / "lessons" / "timings.yml"


def load_timings(path: Path | str | None = None) -> dict[str, dict]:
    """``timings.yml`` as notebook stem -> its minutes; a broken file raises CaseError."""
    path = Path(path) if path else timings_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise CaseError([Problem(path, (mark.line + 1) if mark else None, f"not valid YAML: {error}")])
    problems = []
    if not isinstance(data, dict):
        raise CaseError([Problem(path, None, "should map each notebook to its minutes")])
    lines = path.read_text(encoding="utf-8").splitlines()
    for stem, entry in data.items():
        line = next((n for n, text in enumerate(lines, 1) if text.startswith(f"{stem}:")), None)
        if not isinstance(entry, dict):
            problems.append(Problem(path, line, f"{stem}: should give {', '.join(TIMING_FIELDS)}"))
            continue
        for field in TIMING_FIELDS:
            value = entry.get(field)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                problems.append(Problem(path, line, f"{stem}: '{field}' should be a whole number of minutes"))
    if problems:
        raise CaseError(problems)
    return data


@lru_cache(maxsize=16)
def _notebook(path: str, mtime: float) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def notebook_cells(stem: str, folder: Path = NOTEBOOKS) -> list[dict]:
    path = folder / f"{stem}.ipynb"
    if not path.is_file():
        raise CaseError([Problem(path, None, "no such notebook")])
    nb = _notebook(str(path), path.stat().st_mtime)
    return [dict(c, source="".join(c.get("source", ""))) for c in nb.get("cells", [])]


def key_points(stem: str, folder: Path = NOTEBOOKS) -> str:
    """The notebook's "Key points" section, as Markdown (the bullets, no heading)."""
    for cell in notebook_cells(stem, folder):
        if cell["cell_type"] != "markdown":
            continue
        match = re.search(r"^## +Key points\s*$\n(.*?)(?=^## |\Z)", cell["source"], re.M | re.S)
        if match:
            return match.group(1).strip()
    raise CaseError([Problem(folder / f"{stem}.ipynb", None, "no '## Key points' section")])


def exercise_heading(key: str, folder: Path = NOTEBOOKS) -> str | None:
    """The "Exercise N: ..." heading above the cell that asks question ``key``."""
    stem = key.split("/", 1)[0]
    cells = notebook_cells(stem, folder)
    asked_in = {e.cell for e in exercises_in(cells, stem) if e.call == "question" and e.key == key}
    heading = None
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "markdown":
            for line in cell["source"].splitlines():
                match = re.match(r"#{2,4} +(Exercise \d+\b.*?)\s*$", line)
                if match:
                    heading = match.group(1)
        elif index in asked_in:
            return heading
    return None


def render_question(key: str, questions: dict, folder: Path = NOTEBOOKS) -> str:
    if key not in questions:
        raise KeyError(f"no question '{key}' in data/lessons/questions.yml")
    entry = questions[key]
    heading = exercise_heading(key, folder) or "Question"
    options = " · ".join(
        f"**{o['text']}** (right)" if o.get("correct") else str(o["text"]) for o in entry["options"]
    )
    return f"**{heading}** *{entry['question']}* Options: {options}.\n"


def _minutes(n: int) -> str:
    return count(n, "minute")


def render_time(stem: str, timings: dict) -> str:
    if stem not in timings:
        raise KeyError(f"no '{stem}' in data/lessons/timings.yml")
    t = timings[stem]
    shared = [s for s, other in timings.items() if other["class"] == t["class"] and s != stem]
    text = (f"**Time.** A careful student working alone needs about {_minutes(t['alone'])}. "
            f"The plan below is one 45-minute class for this notebook alone (the seven-class version). ")
    if shared:
        text += (f"In the five-class unit it shares Class {t['class']} with {', '.join(shared)}: "
                 f"{_minutes(t['in_class'])} in class")
    else:
        text += f"In the five-class unit it is Class {t['class']}, {_minutes(t['in_class'])} in class"
    if t["at_home"]:
        text += f", then about {_minutes(t['at_home'])} at home"
        if t.get("note"):
            text += f": {t['note']}"
    return text + ". See [the unit plan](README.md).\n"


def render_self_study(timings: dict) -> str:
    rows = ["| notebook | minutes |", "|---|---|"]
    rows += [f"| {stem} | {t['alone']} |" for stem, t in timings.items()]
    total = sum(t["alone"] for t in timings.values())
    hours, minutes = divmod(total, 60)
    rows.append("")
    rows.append(f"About {count(hours, 'hour')} {count(minutes, 'minute')} in all ({count(total, 'minute')}).")
    return "\n".join(rows) + "\n"


def render_rules(arg: str) -> str:
    """The kit's rule for each phrase, in a teacher's words, from vague_quantities.csv."""
    from .lenses._text import read_lexicon_file

    path = data_dir() / "lexicons" / "vague_quantities.csv"
    rows = {}
    for _, row in read_lexicon_file(path, "vague_quantities")[1]:  # read as check and the lens read it
        rows.setdefault(row.get("phrase", "").lower(), row)
    parts = []
    for name in arg.split(","):
        phrase = name.replace("-", " ")
        row = rows.get(phrase)
        if row is None:
            raise KeyError(f"no phrase '{phrase}' in data/lexicons/vague_quantities.csv")
        low, high = row["low"], row["high"]
        if row["type"] == "hedge":
            def factor(value: str) -> str:
                number = float(value)
                return {0.5: "half of N", 1.0: "N"}.get(number, f"{number:g}N")
            parts.append(f"*{phrase} N* {factor(low)} to {factor(high)}")
        else:
            what = " (a factor)" if row.get("means") == "factor" else ""
            parts.append(f"*{phrase}* {int(float(low)):,} to {int(float(high)):,}{what}")
    return "The kit's rules: " + "; ".join(parts) + ".\n"


@lru_cache(maxsize=1)
def _lesson_case():
    from .case import load_case

    return load_case(LESSON_CASE)


def render_chart_counts(lens: str, case=None) -> str:
    """The counts a lesson's chart draws from the answer key, as a Markdown table."""
    from . import charts

    case = _lesson_case() if case is None else case
    names = charts.report_names(case, short=True)
    if lens == "attributions":
        counts = charts.attribution_counts(case)
        heads = [charts.KIND_LABELS[k] for k in charts.KINDS] + ["in all"]
        rows = [[str(n) for n in per.values()] + [str(sum(per.values()))] for per in counts.values()]
    elif lens == "loaded_language":
        counts = charts.loaded_counts(case)
        heads = ["own voice", "quoted"]
        rows = [[str(per["own"]), str(per["quoted"])] for per in counts.values()]
    else:
        raise KeyError(f"no chart of '{lens}' (known: attributions, loaded_language)")
    lines = ["| report | " + " | ".join(heads) + " |", "|---|" + "---|" * len(heads)]
    lines += [f"| {names[rid]} | " + " | ".join(row) + " |" for rid, row in zip(counts, rows)]
    return "\n".join(lines) + "\n"


def _spellings(item) -> list[str]:
    return [str(w) for w in (item if isinstance(item, list) else [item])]


def _or(spellings: list[str]) -> str:
    first, rest = spellings[0], spellings[1:]
    return first + (f" (or {', '.join(f'*{w}*' for w in rest)})" if rest else "")


def render_rewrite(key: str) -> str:
    """A rewrite exercise as the box runs it: the sentence, the kit's suggestion, the facts
    it wants kept, the words no report backs and where its loaded words come from."""
    from .widgets.exercises import rewrite_exercises

    spec = rewrite_exercises().get(key)
    if not isinstance(spec, dict) or not spec.get("sentence"):
        raise KeyError(f"no rewrite exercise '{key}' in data/lessons/rewrites.yml")

    def flat(text) -> str:
        return " ".join(str(text).split())

    sentence = flat(spec["sentence"]).casefold()

    def fact(spellings: list[str]) -> str:
        if spellings[0].casefold() in sentence or len(spellings) == 1:
            return _or(spellings)  # words of the sentence, and other spellings of them
        # advice, not words ("who reported it"): the words the box looks for
        return f"{spellings[0]} (a word such as {', '.join(f'*{w}*' for w in spellings[1:])})"

    keep = "; ".join(fact(_spellings(k)) for k in spec.get("keep") or [])
    unbacked = "".join(f"\n  - {_or(['*' + _spellings(u['words'])[0] + '*'] + _spellings(u['words'])[1:])}: "
                       f"{flat(u.get('why', ''))}" for u in spec.get("unsupported") or [])
    synonyms = [str(item["words"]) for item in spec.get("loaded") or []][:4]
    lines = [f"The sentence: \"{flat(spec['sentence'])}\"", "",
             "The kit's suggestion (the box shows it; the notebook's worked answer gives it): "
             f"*{flat(spec.get('suggestion', ''))}*", "", "What the box checks:", "",
             f"- Facts to keep (a version without one is told it lost that fact): {keep}."]
    if unbacked:
        lines.append(f"- Words no report backs (a version with one is told to leave it out):{unbacked}")
    lines.append("- Loaded words left: those of the answer key, those the automatic lens finds, and the "
                 "exercise's own list" + (f" (such as {', '.join(f'*{w}*' for w in synonyms)})" if synonyms else "")
                 + ".")
    return "\n".join(lines) + "\n"


def render(kind: str, arg: str | None, *, questions: dict, timings: dict,
           folder: Path = NOTEBOOKS) -> str:
    if kind == "key-points":
        return key_points(arg, folder) + "\n"
    if kind == "question":
        return render_question(arg, questions, folder)
    if kind == "time":
        return render_time(arg, timings)
    if kind == "self-study-times":
        return render_self_study(timings)
    if kind == "rules":
        return render_rules(arg)
    if kind == "chart-counts":
        return render_chart_counts(arg)
    if kind == "rewrite":
        return render_rewrite(arg)
    raise KeyError(f"unknown marker '{kind}' (known: {', '.join(KINDS)})")


def sync_text(text: str, name: str = "<guide>", *, questions: dict | None = None,
              timings: dict | None = None, folder: Path = NOTEBOOKS) -> tuple[str, list[str]]:
    """``text`` with every block refilled, and the blocks that changed (``name:line: kind arg``).

    A marker whose source is missing raises CaseError naming the file and line.
    """
    questions = load_questions() if questions is None else questions
    timings = load_timings() if timings is None else timings
    stale, problems, out, last = [], [], [], 0
    for match in BLOCK.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        kind, arg = match["kind"], match["arg"]
        label = f"{kind} {arg}" if arg else kind
        try:
            body = render(kind, arg, questions=questions, timings=timings, folder=folder)
        except KeyError as error:
            problems.append(Problem(Path(name), line, f"{label}: {error.args[0]}"))
            continue
        except CaseError as error:
            problems.append(Problem(Path(name), line, f"{label}: {error}"))
            continue
        if body != match["body"]:
            stale.append(f"{name}:{line}: {label}")
        out.append(text[last:match.start("body")])
        out.append(body)
        last = match.end("body")
    if problems:
        raise CaseError(problems)
    out.append(text[last:])
    return "".join(out), stale


def strip_blocks(text: str) -> str:
    """``text`` without the filled-in blocks (their text is checked at its source)."""
    return BLOCK.sub("", text)


def guide_files(folder: Path = LESSONS) -> list[Path]:
    return sorted(folder.glob("*.md"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.guides", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only list the blocks that are out of date")
    args = parser.parse_args(argv)
    stale_all = []
    try:
        for path in guide_files():
            text = path.read_text(encoding="utf-8")
            new, stale = sync_text(text, str(path.relative_to(ROOT)))
            stale_all += stale
            if stale and not args.check:
                path.write_text(new, encoding="utf-8")
    except CaseError as error:
        print(error, file=sys.stderr)
        return 1
    for item in stale_all:
        print(("out of date: " if args.check else "updated: ") + item)
    return 1 if (args.check and stale_all) else 0


if __name__ == "__main__":
    raise SystemExit(main())
