"""The teacher guides in lessons/: one per notebook, complete, and quoting the reports exactly.

A teacher reads a guide instead of preparing, so a guide that lost a section, a timing
plan that no longer adds up to the 45-minute class, or a "quote" that is not in any report
would mislead them in front of a class. These tests read the Markdown as text:

* every notebook ``notebooks/NN_*.ipynb`` has a guide ``lessons/NN_*.md`` with the same stem
  (and the seven planned guides exist even before their notebooks land);
* every guide has Carpentries-style front matter (``teaching`` and ``exercises`` minutes)
  and the sections If you have 5 minutes (short enough to read in five minutes, just
  before class), Objectives (naming a standard), Timing (a table from minute 0 to 45),
  Preparation (an honest time: at least the guide's length read at 200 words a minute),
  Discussion, Answer key, Rubric (four levels), Differentiation (support and stretch) and
  Extension; neither the five-minute opening nor Preparation asks a teacher to run a
  maintainer's command (``make``, ``python``, ``pytest``, ``git``, ``pip``);
* every passage in double quotes in the Answer key that is longer than three words is an
  exact substring of one of the five reports. Blocks filled in by ``python -m helpers.guides``
  (key points, questions, minutes) are left out: tests/test_guides_sync.py checks them
  against their source. Only curly versus straight quotation marks
  are normalised; spaces, line breaks, dashes and spelling must match. Code spans are not
  quotations and are skipped. Quote a passage in the other kind of quotation mark from
  the marks inside it: "has withdrawn “key” defense advisers", or “allegedly "close" to”;
* lessons/README.md plans exactly five classes, and every notebook is taught in one.

The checking functions are plain functions so the last tests can show that each check
fails on a broken guide.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers.guides import strip_blocks

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "data" / "cases" / "rostec-venezuela-2019" / "reports"

PLANNED = (
    "00_start_here",
    "01_side_by_side",
    "02_source_chains",
    "03_anonymous_sources",
    "04_numbers",
    "05_loaded_language",
    "06_put_it_together",
)
SECTIONS = (
    "If you have 5 minutes",
    "Objectives",
    "Timing",
    "Preparation",
    "Discussion",
    "Answer key",
    "Rubric",
    "Differentiation",
    "Extension",
)
RUBRIC_LEVELS = ("Beginning", "Developing", "Proficient", "Advanced")
CLASS_MINUTES = 45
#: Reading speed for an honest preparation time, and the most a five-minute opening may hold.
READING_WORDS_PER_MINUTE = 200
FIVE_MINUTE_WORDS = 600
#: A command only a maintainer runs (English "make sure" is not one).
MAINTAINER_COMMAND = re.compile(
    r"\b(?:make\s+(?:lab|test|build|reader|bench|check)\b|python3?\s+-m\b|pytest\b"
    r"|git\s+(?:pull|clone|checkout)\b|pip\s+install\b|nbstripout\b)")
# A named standard: a Common Core code (RI, RH, W, SL, L ... for grades 9-10 or 11-12).
STANDARD = re.compile(r"CCSS\.ELA-LITERACY\.(?:RI|RH|RST|W|WHST|SL|L)\.(?:9-10|11-12)\.\d+[a-z]?")
TIMING_KINDS = ("teaching", "exercise")
NOTEBOOK_STEM = re.compile(r"^\d\d_[a-z0-9_]+$")

_CURLY = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'"})


# --------------------------------------------------------------------------- parsing


def normalise_quotes(text: str) -> str:
    """Curly quotation marks become straight ones; nothing else changes."""
    return text.translate(_CURLY)


def read_reports(folder: Path = REPORTS) -> dict[str, str]:
    """The five reports as stored: UTF-8, no newline translation."""
    found = {}
    for path in sorted(folder.glob("*.txt")):
        with open(path, encoding="utf-8", newline="") as handle:
            found[path.stem] = handle.read()
    return found


def split_front_matter(text: str) -> tuple[dict, str]:
    """YAML between two ``---`` lines at the very top, and the Markdown after it."""
    match = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
    if not match:
        return {}, text
    data = yaml.safe_load(match.group(1)) or {}
    return (data if isinstance(data, dict) else {}), text[match.end():]


def sections(body: str) -> dict[str, str]:
    """Level-2 sections (``## Name``) -> their text, up to the next level-2 heading."""
    found: dict[str, str] = {}
    parts = re.split(r"^## +(.+?)\s*$", body, flags=re.M)
    for name, content in zip(parts[1::2], parts[2::2]):
        found[name.strip()] = content
    return found


def section(found: dict[str, str], name: str) -> str | None:
    """The section whose heading is ``name`` or starts with it ("Timing (45 minutes)")."""
    for heading, content in found.items():
        if heading.lower() == name.lower() or heading.lower().startswith(name.lower() + " "):
            return content
    return None


def table_rows(text: str) -> list[list[str]]:
    """Cells of every Markdown table row in ``text`` (separator rows left out)."""
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if not (line.startswith("|") and line.endswith("|")):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
            continue
        rows.append(cells)
    return rows


def timing_rows(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, activity) for each row of the timing table whose first cell is ``a–b``."""
    rows = []
    for cells in table_rows(text):
        match = re.fullmatch(r"(\d+)\s*[–-]\s*(\d+)", cells[0])
        if match and len(cells) >= 3:
            rows.append((int(match.group(1)), int(match.group(2)), cells[1].lower(), cells[-1]))
    return rows


def strip_code(text: str) -> str:
    """Remove fenced blocks and inline code spans: they are not quotations."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    return re.sub(r"`[^`\n]*`", "", text)


def strip_code_keep(text: str) -> str:
    """Inline code spans unwrapped (a command in backticks is still a command)."""
    return text.replace("`", " ")


def quoted_passages(text: str) -> tuple[list[str], list[str]]:
    """Passages in double quotation marks, and any quotation mark left unclosed.

    Works paragraph by paragraph. A passage opened with a curly mark closes at the next
    closing curly mark; one opened with a straight mark closes at the next straight mark.
    So the other kind of mark may appear inside a passage.
    """
    passages, unclosed = [], []
    for paragraph in re.split(r"\n\s*\n", strip_code(text)):
        i = 0
        while i < len(paragraph):
            char = paragraph[i]
            closer = {"“": "”", '"': '"'}.get(char)
            if closer is None:
                i += 1
                continue
            end = paragraph.find(closer, i + 1)
            if end == -1:
                unclosed.append(paragraph[i : i + 60])
                break
            passages.append(paragraph[i + 1 : end])
            i = end + 1
    return passages, unclosed


def word_count(passage: str) -> int:
    return len(passage.split())


def misquotes(text: str, reports: dict[str, str], min_words: int = 4) -> list[str]:
    """Quoted passages of ``min_words`` words or more that are in none of the reports."""
    haystacks = [normalise_quotes(t) for t in reports.values()]
    passages, unclosed = quoted_passages(text)
    bad = [f"unclosed quotation mark: {u!r}" for u in unclosed]
    for passage in passages:
        if word_count(passage) >= min_words and not any(normalise_quotes(passage) in h for h in haystacks):
            bad.append(f"not in any report: {passage!r}")
    return bad


def exact_quotes(text: str, reports: dict[str, str], min_words: int = 4) -> list[str]:
    """The long quoted passages that are found in a report."""
    haystacks = [normalise_quotes(t) for t in reports.values()]
    passages, _ = quoted_passages(text)
    return [p for p in passages if word_count(p) >= min_words and any(normalise_quotes(p) in h for h in haystacks)]


# --------------------------------------------------------------------------- checks


def check_guide(text: str, reports: dict[str, str]) -> list[str]:
    """Every problem with one guide, in words a guide writer can act on."""
    problems: list[str] = []
    meta, body = split_front_matter(text)
    teaching, exercises = meta.get("teaching"), meta.get("exercises")
    if not isinstance(teaching, int) or not isinstance(exercises, int):
        problems.append("front matter needs integer 'teaching' and 'exercises' minutes")
    elif teaching + exercises != CLASS_MINUTES:
        problems.append(f"front matter: teaching {teaching} + exercises {exercises} != {CLASS_MINUTES}")

    found = sections(body)
    for name in SECTIONS:
        if section(found, name) is None:
            problems.append(f"missing section '## {name}'")
    if problems and any(p.startswith("missing section") for p in problems):
        return problems

    objectives = section(found, "Objectives")
    if not STANDARD.search(objectives):
        problems.append("Objectives name no standard (e.g. CCSS.ELA-LITERACY.RI.9-10.6)")
    if not re.search(r"^\s*(?:\d+\.|[-*])\s+\S", objectives, re.M):
        problems.append("Objectives are not a list")

    rows = timing_rows(section(found, "Timing"))
    if not rows:
        problems.append("Timing has no table rows like '| 0–5 | teaching | ... |'")
    else:
        expected = 0
        for start, end, kind, _ in rows:
            if start != expected:
                problems.append(f"Timing: a row starts at minute {start}, expected {expected}")
            if end <= start:
                problems.append(f"Timing: row {start}–{end} has no length")
            if kind not in TIMING_KINDS:
                problems.append(f"Timing: kind {kind!r} is not one of {TIMING_KINDS}")
            expected = end
        total = sum(end - start for start, end, _, _ in rows)
        if total != CLASS_MINUTES or rows[-1][1] != CLASS_MINUTES:
            problems.append(f"Timing adds up to {total} minutes, not {CLASS_MINUTES}")
        by_kind = {k: sum(e - s for s, e, kind, _ in rows if kind == k) for k in TIMING_KINDS}
        if isinstance(exercises, int) and by_kind["exercise"] != exercises:
            problems.append(f"Timing has {by_kind['exercise']} exercise minutes, front matter says {exercises}")
        if isinstance(teaching, int) and by_kind["teaching"] != teaching:
            problems.append(f"Timing has {by_kind['teaching']} teaching minutes, front matter says {teaching}")

    five = section(found, "If you have 5 minutes")
    five_words = len(re.sub(r"<!--.*?-->", "", five, flags=re.S).split())
    if five_words > FIVE_MINUTE_WORDS:
        problems.append(f"'If you have 5 minutes' has {five_words} words, more than {FIVE_MINUTE_WORDS}")
    if not list(found)[0].lower().startswith("if you have 5 minutes"):
        problems.append("'If you have 5 minutes' is not the first section")

    preparation = section(found, "Preparation")
    minutes = [int(m) for m in re.findall(r"(\d+)\s*minutes?", preparation)]
    honest = len(body.split()) // READING_WORDS_PER_MINUTE
    if not minutes:
        problems.append("Preparation does not say how many minutes it takes")
    elif max(minutes) < honest:
        problems.append(f"Preparation says {max(minutes)} minutes, less than the {honest} "
                        f"it takes to read this guide")
    for name, text in (("If you have 5 minutes", five), ("Preparation", preparation)):
        command = MAINTAINER_COMMAND.search(strip_code_keep(text))
        if command:
            problems.append(f"{name} asks the teacher to run a command: {command.group(0)!r}")

    prompts = re.findall(r"^\s*\d+\.\s+\S", section(found, "Discussion"), re.M)
    if len(prompts) < 3:
        problems.append(f"Discussion has {len(prompts)} numbered prompts, fewer than 3")

    answer_key = strip_blocks(section(found, "Answer key"))
    problems.extend(f"Answer key: {p}" for p in misquotes(answer_key, reports))
    if len(exact_quotes(answer_key, reports)) < 5:
        problems.append("Answer key quotes fewer than 5 passages from the reports")

    rubric_rows = table_rows(section(found, "Rubric"))
    header = rubric_rows[0] if rubric_rows else []
    for level in RUBRIC_LEVELS:
        if not any(level.lower() in cell.lower() for cell in header):
            problems.append(f"Rubric table has no '{level}' column")
    if len(rubric_rows) < 4:
        problems.append("Rubric has fewer than 3 criteria rows")
    elif any(len(r) != len(header) or not all(r) for r in rubric_rows[1:]):
        problems.append("Rubric has a row with a missing or empty cell")

    differentiation = section(found, "Differentiation")
    for label in ("Support", "Stretch"):
        if f"**{label}" not in differentiation:
            problems.append(f"Differentiation has no '**{label}...**' part")

    if len(section(found, "Extension").split()) < 20:
        problems.append("Extension is shorter than 20 words")
    return problems


def notebooks_without_guide(notebooks: Path, lessons: Path) -> list[str]:
    """Stems of ``NN_*.ipynb`` notebooks that have no ``lessons/NN_*.md`` guide."""
    stems = [p.stem for p in sorted(notebooks.glob("*.ipynb")) if NOTEBOOK_STEM.match(p.stem)]
    return [s for s in stems if not (lessons / f"{s}.md").is_file()]


def class_plan(readme: str) -> dict[int, str]:
    """``### Class N ...`` headings of the unit plan -> their text."""
    parts = re.split(r"^### +Class +(\d+)\b(.*)$", readme, flags=re.M)
    return {
        int(n): heading + text.split("\n## ", 1)[0]
        for n, heading, text in zip(parts[1::3], parts[2::3], parts[3::3])
    }


def check_unit_plan(readme: str, stems: tuple[str, ...] = PLANNED) -> list[str]:
    problems = []
    plan = class_plan(readme)
    if sorted(plan) != [1, 2, 3, 4, 5]:
        problems.append(f"the unit plan has classes {sorted(plan)}, not 1-5")
    for number, text in plan.items():
        if not any(stem in text for stem in stems):
            problems.append(f"Class {number} names no notebook")
    for stem in stems:
        if not any(stem in text for text in plan.values()):
            problems.append(f"{stem} is taught in no class")
    if not re.search(r"^## +Self-study", readme, re.M):
        problems.append("no '## Self-study' section")
    return problems


# --------------------------------------------------------------------------- the real guides


@pytest.fixture(scope="module")
def reports():
    found = read_reports()
    assert sorted(found) == sorted(
        ["breitbart", "global-research", "hannity", "moscow-times-pdf", "moscow-times-web"]
    ), found.keys()
    return found


def test_every_notebook_has_a_guide():
    assert notebooks_without_guide(NOTEBOOKS, LESSONS) == []


@pytest.mark.parametrize("stem", PLANNED)
def test_planned_guide_exists(stem):
    assert (LESSONS / f"{stem}.md").is_file(), f"lessons/{stem}.md is missing"


@pytest.mark.parametrize("stem", PLANNED)
def test_guide_is_complete_and_quotes_exactly(stem, reports):
    path = LESSONS / f"{stem}.md"
    if not path.is_file():
        pytest.fail(f"lessons/{stem}.md is missing")
    problems = check_guide(path.read_text(encoding="utf-8"), reports)
    assert problems == [], f"lessons/{stem}.md:\n  " + "\n  ".join(problems)


def test_guide_names_its_notebook():
    for stem in PLANNED:
        path = LESSONS / f"{stem}.md"
        if path.is_file():
            meta, _ = split_front_matter(path.read_text(encoding="utf-8"))
            assert meta.get("notebook") == f"notebooks/{stem}.ipynb", path


def test_unit_plan_has_five_classes():
    readme = LESSONS / "README.md"
    assert readme.is_file(), "lessons/README.md is missing"
    assert check_unit_plan(readme.read_text(encoding="utf-8")) == []


def test_unit_plan_says_how_to_set_up_a_classroom():
    text = (LESSONS / "README.md").read_text(encoding="utf-8")
    for needle in ("make lab", "make test", "make reader", "environment.yml", "git-pull?repo="):
        assert needle in text, needle


# --------------------------------------------------------------------------- the checks can fail

GOOD_GUIDE = """\
---
title: "A tiny guide"
notebook: notebooks/09_tiny.ipynb
teaching: 20
exercises: 25
---

## If you have 5 minutes

Read the timing table and the answer key's first paragraph.

## Objectives

1. Trace a claim to its source (CCSS.ELA-LITERACY.RI.9-10.8).

## Timing

| Minutes | Kind | What happens |
|---|---|---|
| 0–20 | teaching | Talk. |
| 20–45 | exercise | Work. |

## Preparation

Read this page (5 minutes).

## Discussion

1. One?
2. Two?
3. Three?

## Answer key

Hannity quotes "reports Fox News" and "Read the full report at Fox News."
The Moscow Times writes “citing an unnamed source close to the Russian Defense Ministry”,
Breitbart “Russian defense sources who spoke with the Journal’s Thomas Grove”
(curly or straight marks are both fine), Global Research
“citing an unnamed source allegedly "close" to Russia's Defense Ministry”
and "has withdrawn “key” defense advisers". Short words like "key" are not checked.

## Rubric

| Criterion | Beginning | Developing | Proficient | Advanced |
|---|---|---|---|---|
| Evidence | a | b | c | d |
| Chain | a | b | c | d |
| Words | a | b | c | d |

## Differentiation

**Support:** pairs. **Stretch:** more.

## Extension

Find another story that was retold by three outlets and trace each retelling back to the
first report, noting every step where the wording changed.
"""


def test_good_guide_passes(reports):
    assert check_guide(GOOD_GUIDE, reports) == []


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("## Rubric", "## Marking", "missing section '## Rubric'"),
        ("| 20–45 | exercise |", "| 20–40 | exercise |", "Timing adds up to 40 minutes"),
        ("| 20–45 | exercise |", "| 25–45 | exercise |", "starts at minute 25"),
        ("exercises: 25", "exercises: 30", "teaching 20 + exercises 30"),
        ("(CCSS.ELA-LITERACY.RI.9-10.8)", "(reading standards)", "name no standard"),
        ("(5 minutes)", "(0 minutes)", "less than the 1 it takes"),
        ("Read this page (5 minutes).", "Read this page (5 minutes), then run `make test`.",
         "Preparation asks the teacher to run a command: 'make test'"),
        ("Read this page (5 minutes).", "Read this page (5 minutes) and make sure the room works.", None),
        ("## If you have 5 minutes", "## In short", "missing section '## If you have 5 minutes'"),
        ("Read the timing table", "Read " + "the timing table " * 300, "more than 600"),
        ("3. Three?", "", "fewer than 3"),
        ("full report at Fox", "full story at Fox", "not in any report: 'Read the full story at Fox News.'"),
        ("Russian Defense Ministry”", "Russian Defence Ministry”", "not in any report"),
        ("| Advanced |", "| Expert |", "no 'Advanced' column"),
        ("**Stretch:**", "Stretch:", "no '**Stretch...**'"),
        ('"reports Fox News"', '"reports Fox News', "unclosed quotation mark"),
    ],
)
def test_broken_guide_fails(old, new, expected, reports):
    assert old in GOOD_GUIDE
    problems = check_guide(GOOD_GUIDE.replace(old, new), reports)
    if expected is None:  # a harmless edit: no problem at all
        assert problems == [], problems
    else:
        assert any(expected in p for p in problems), problems


def test_quote_check_normalises_only_quotation_marks(reports):
    # Breitbart writes "the Journal‘s" with a left single quotation mark: any apostrophe matches.
    assert misquotes('"spoke with the Journal\'s Thomas Grove"', reports) == []
    # A non-breaking space in the report is not a space: this is not normalised.
    assert misquotes('"according to a report from the Wall Street Journal"', reports) != []
    # Line breaks are not normalised either: the PDF breaks this sentence after "Defense".
    assert misquotes('"source close to the Russian Defense\nMinistry"', reports) == []
    assert misquotes('"source close to the Russian Defense Ministry. The Kremlin"', reports) != []


def test_missing_guide_is_found(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "lessons").mkdir()
    for name in ("00_start_here.ipynb", "01_side_by_side.ipynb", "reader.ipynb"):
        (tmp_path / "notebooks" / name).write_text("{}")
    (tmp_path / "lessons" / "00_start_here.md").write_text("x")
    assert notebooks_without_guide(tmp_path / "notebooks", tmp_path / "lessons") == ["01_side_by_side"]


def test_unit_plan_check_fails_on_four_classes():
    plan = "## Unit plan\n" + "".join(f"### Class {n}\n{s}\n" for n, s in enumerate(PLANNED[:4], 1))
    plan += "\n## Self-study\n"
    problems = check_unit_plan(plan)
    assert any("not 1-5" in p for p in problems)
    assert any("06_put_it_together is taught in no class" in p for p in problems)
