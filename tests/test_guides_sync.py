"""One source for what the teacher guides repeat, and the timings kept in one place.

A guide that repeats a notebook's key points, a question's options or a lesson's minutes
by hand drifts as soon as someone edits the notebook (issue 10, defect 8: a guide quoted a
question that no longer existed, listed an option that was not an option, gave other
minutes than the unit plan). So:

* the guides hold markers that ``python -m helpers.guides`` fills from the notebooks'
  "Key points" cells, ``data/lessons/questions.yml`` and ``data/lessons/timings.yml``;
  these tests fail when a filled block is out of date, and when a question a notebook asks
  has no block in its guide;
* each notebook's "Time needed" line, and the minutes later notebooks give for it, equal
  ``timings.yml``; in the unit plan's class tables, each notebook's rows add up to its
  ``in_class`` minutes;
* the unit plan's table of NOTES.md findings points at notebook sections that exist.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from helpers.catalogue import exercises_in
from helpers.guides import (
    BLOCK,
    key_points,
    load_timings,
    render_question,
    sync_text,
)
from helpers.problems import CaseError
from helpers.questions import load_questions

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
NOTEBOOKS = ROOT / "notebooks"
CASE = ROOT / "data" / "cases" / "rostec-venezuela-2019"
NOTES = CASE / "NOTES.md"
STEMS = sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
CLASS_MINUTES = 45


def cells(stem: str) -> list[dict]:
    nb = json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))
    return [dict(c, source="".join(c["source"])) for c in nb["cells"]]


def asked_questions(stem: str) -> list[str]:
    return [e.key for e in exercises_in(cells(stem), stem) if e.call == "question"]


def headings(stem: str) -> set[str]:
    found = set()
    for cell in cells(stem):
        if cell["cell_type"] == "markdown":
            for heading in re.findall(r"^#{1,4} +(.+?)\s*$", cell["source"], re.M):
                # "One article, two copies (optional: about 12 minutes)" is found by its name
                found.update({heading.strip(), re.sub(r"\s*\((optional|homework)\b.*\)$", "", heading.strip())})
    return found


# --------------------------------------------------------------------------- guides in sync


@pytest.mark.parametrize("path", sorted(LESSONS.glob("*.md")), ids=lambda p: p.name)
def test_filled_blocks_are_up_to_date(path):
    text = path.read_text(encoding="utf-8")
    _, stale = sync_text(text, f"lessons/{path.name}")
    assert stale == [], ("out of date (run `python -m helpers.guides` to refill them):\n  "
                         + "\n  ".join(stale))


@pytest.mark.parametrize("stem", STEMS)
def test_guide_includes_key_points_time_and_every_question(stem):
    text = (LESSONS / f"{stem}.md").read_text(encoding="utf-8")
    markers = {(m["kind"], m["arg"]) for m in BLOCK.finditer(text)}
    assert ("key-points", stem) in markers, f"lessons/{stem}.md has no <!-- key-points {stem} --> block"
    assert ("time", stem) in markers, f"lessons/{stem}.md has no <!-- time {stem} --> block"
    missing = [k for k in asked_questions(stem) if ("question", k) not in markers]
    assert missing == [], f"lessons/{stem}.md gives no answer block for {missing}"
    # a rewrite exercise: the guide shows the box's suggestion and checks from rewrites.yml
    # (issue 13: the 05 guide once gave another suggestion and said a source was optional)
    rewrites = [e.key for e in exercises_in(cells(stem), stem) if e.call == "Rewrite"]
    missing = [k for k in rewrites if ("rewrite", k) not in markers]
    assert missing == [], f"lessons/{stem}.md gives no <!-- rewrite KEY --> block for {missing}"


def test_unit_plan_self_study_table_is_filled_in():
    text = (LESSONS / "README.md").read_text(encoding="utf-8")
    assert "<!-- self-study-times -->" in text


def test_a_changed_source_makes_a_block_stale():
    stem = "03_anonymous_sources"
    points = key_points(stem)
    guide = f"intro\n<!-- key-points {stem} -->\n{points}\n<!-- end key-points -->\nafter\n"
    assert sync_text(guide, "g.md")[1] == []
    edited = guide.replace(points.splitlines()[0], "- A key point the notebook does not have.")
    new, stale = sync_text(edited, "g.md")
    assert stale == ["g.md:2: key-points 03_anonymous_sources"]
    assert new == guide  # refilled from the notebook; text outside the block untouched


def test_question_block_quotes_the_options_of_questions_yml():
    questions = load_questions()
    key = "01_side_by_side/headline-doubt"
    block = render_question(key, questions)
    for option in questions[key]["options"]:
        assert option["text"] in block
    right = [o["text"] for o in questions[key]["options"] if o["correct"]]
    assert all(f"**{r}** (right)" in block for r in right)
    # A renamed option in questions.yml makes the old block stale.
    changed = {key: dict(questions[key], options=[dict(o) for o in questions[key]["options"]])}
    changed[key]["options"][0]["text"] = "An option that was renamed"
    guide = f"<!-- question {key} -->\n{block}<!-- end question -->\n"
    assert sync_text(guide, "g.md", questions=questions)[1] == []
    assert sync_text(guide, "g.md", questions=changed)[1] == [f"g.md:1: question {key}"]


def test_unknown_question_names_the_guide_and_line():
    guide = "x\n\n<!-- question 01_side_by_side/no-such-question -->\nold\n<!-- end question -->\n"
    with pytest.raises(CaseError) as error:
        sync_text(guide, "lessons/01_side_by_side.md")
    assert "lessons/01_side_by_side.md:3: question 01_side_by_side/no-such-question" in str(error.value)


# --------------------------------------------------------------------------- timings


def time_needed(stem: str) -> int | None:
    for cell in cells(stem)[:3]:
        match = re.search(r"\*\*Time needed:\*\*\s*about (\d+) minutes", cell["source"])
        if match:
            return int(match.group(1))
    return None


def prerequisite_minutes(stem: str) -> dict[str, int]:
    """"| Notebook 01 (...) | 45 minutes |" rows of a notebook's header -> {"01": 45}."""
    found = {}
    for cell in cells(stem)[:3]:
        for number, minutes in re.findall(r"^\|\s*Notebook (\d\d)\b[^|]*\|\s*(\d+) minutes", cell["source"], re.M):
            found[number] = int(minutes)
    return found


def test_timings_cover_every_lesson_and_add_up():
    timings = load_timings()
    assert sorted(timings) == STEMS
    for stem, t in timings.items():
        assert abs(t["in_class"] + t["at_home"] - t["alone"]) <= 5, (
            f"{stem}: {t['in_class']} in class + {t['at_home']} at home is far from {t['alone']} alone")
    for number in {t["class"] for t in timings.values()}:
        total = sum(t["in_class"] for t in timings.values() if t["class"] == number)
        assert total == CLASS_MINUTES, f"Class {number} has {total} minutes"


@pytest.mark.parametrize("stem", STEMS)
def test_notebook_header_time_matches_timings(stem):
    timings = load_timings()
    assert time_needed(stem) == timings[stem]["alone"], (
        f"notebooks/{stem}.ipynb says 'about {time_needed(stem)} minutes'; "
        f"data/lessons/timings.yml says {timings[stem]['alone']}")
    by_number = {s[:2]: s for s in timings}
    for number, minutes in prerequisite_minutes(stem).items():
        assert minutes == timings[by_number[number]]["alone"], (
            f"notebooks/{stem}.ipynb gives notebook {number} {minutes} minutes; "
            f"data/lessons/timings.yml says {timings[by_number[number]]['alone']}")


def class_tables(readme: str) -> dict[int, list[list[str]]]:
    """``### Class N`` -> rows (Minutes, Kind, Notebook, What happens) of its table."""
    tables = {}
    parts = re.split(r"^### +Class +(\d+)\b.*$", readme, flags=re.M)
    for number, text in zip(parts[1::2], parts[2::2]):
        text = re.split(r"^##", text, flags=re.M)[0]
        rows = []
        for line in text.splitlines():
            cells_ = [c.strip() for c in line.strip().strip("|").split("|")]
            if line.strip().startswith("|") and re.fullmatch(r"\d+\s*[–-]\s*\d+", cells_[0]):
                rows.append(cells_)
        tables[int(number)] = rows
    return tables


def minutes_by_notebook(rows: list[list[str]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for row in rows:
        start, end = (int(x) for x in re.split(r"\s*[–-]\s*", row[0]))
        found[row[2]] = found.get(row[2], 0) + end - start
    return found


def test_unit_plan_class_minutes_match_timings():
    timings = load_timings()
    tables = class_tables((LESSONS / "README.md").read_text(encoding="utf-8"))
    for number in sorted({t["class"] for t in timings.values()}):
        stems = [s for s, t in timings.items() if t["class"] == number]
        rows = tables.get(number, [])
        if len(stems) == 1 and not rows:
            continue  # a class with one notebook follows that notebook's guide
        expected = {s[:2]: timings[s]["in_class"] for s in stems}
        assert minutes_by_notebook(rows) == expected, f"Class {number}"


def test_unit_plan_minutes_check_can_fail():
    rows = [["0–20", "teaching", "00", "x"], ["20–45", "exercise", "01", "y"]]
    assert minutes_by_notebook(rows) == {"00": 20, "01": 25}
    assert minutes_by_notebook(rows) != {"00": 24, "01": 21}


# --------------------------------------------------------------------------- NOTES.md findings


def findings_table(readme: str) -> list[list[str]]:
    """Rows of the table under '## What the answer-key notes teach, and where'."""
    part = re.split(r"^## +What the answer-key notes teach.*$", readme, flags=re.M)
    assert len(part) == 2, "lessons/README.md has no '## What the answer-key notes teach, and where'"
    rows = []
    for line in re.split(r"^## ", part[1], flags=re.M)[0].splitlines():
        cells_ = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.strip().startswith("|") and len(cells_) >= 3 and not set(cells_[0]) <= set("-: "):
            rows.append(cells_)
    return rows[1:]  # without the header


def check_findings(rows: list[list[str]]) -> list[str]:
    problems = []
    for finding, notes_section, where, *_ in rows:
        match = re.fullmatch(r"(\d\d_[a-z_]+), section “(.+)”", where)
        guide = re.fullmatch(r"the (\d\d_[a-z_]+) guide, “(.+)”", where)
        if match:
            stem, heading = match.groups()
            if stem not in STEMS or heading not in headings(stem):
                problems.append(f"{finding}: notebook {stem} has no heading “{heading}”")
        elif guide:
            stem, heading = guide.groups()
            text = (LESSONS / f"{stem}.md").read_text(encoding="utf-8") if stem in STEMS else ""
            if not re.search(r"\*\*" + re.escape(heading) + r"\.?\*\*|^#+ +" + re.escape(heading), text, re.M):
                problems.append(f"{finding}: lessons/{stem}.md has no “{heading}”")
        else:
            problems.append(f"{finding}: '{where}' names no notebook section or guide passage")
    return problems


def test_notes_findings_point_at_real_sections():
    rows = findings_table((LESSONS / "README.md").read_text(encoding="utf-8"))
    assert len(rows) >= 10
    assert check_findings(rows) == []


def test_every_teaching_section_of_the_notes_is_in_the_table():
    rows = findings_table((LESSONS / "README.md").read_text(encoding="utf-8"))
    notes = NOTES.read_text(encoding="utf-8")
    sections = re.findall(r"^## (\d)\. ", notes, re.M)
    covered = {re.match(r"\s*(\d)", r[1]).group(1) for r in rows if re.match(r"\s*\d", r[1])}
    for number in sections:
        if int(number) <= 7:  # 8 (decisions in the key) and 9 (how it was made) are for teachers
            assert number in covered, f"NOTES.md section {number} is taught nowhere in the table"


def test_findings_check_can_fail():
    rows = [["a finding", "3", "04_numbers, section “No such heading”"],
            ["another", "3", "somewhere"]]
    problems = check_findings(rows)
    assert "a finding: notebook 04_numbers has no heading “No such heading”" in problems
    assert any("names no notebook section" in p for p in problems)


def test_rules_block_reads_the_word_list():
    import csv

    from helpers.guides import render_rules

    path = ROOT / "data" / "lexicons" / "vague_quantities.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["phrase"] == "a few")
    text = render_rules("a-few,up-to")
    assert f"*a few* {int(row['low'])} to {int(row['high'])}" in text
    assert "*up to N* half of N to N" in text
    with pytest.raises(KeyError, match="no phrase 'a gazillion'"):
        render_rules("a-gazillion")


def test_broken_timings_file_names_file_line_and_field(tmp_path):
    path = tmp_path / "timings.yml"
    path.write_text("00_start_here:\n  alone: 25\n  class: 1\n  in_class: twenty\n  at_home: 0\n",
                    encoding="utf-8")
    with pytest.raises(CaseError) as error:
        load_timings(path)
    assert "timings.yml:1: 00_start_here: 'in_class' should be a whole number of minutes" in str(error.value)
    path.write_text("00_start_here: [\n", encoding="utf-8")
    with pytest.raises(CaseError, match="not valid YAML"):
        load_timings(path)


NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def option_count_claims(text: str) -> list[tuple[str, int, int]]:
    """("four options of Exercise 3" ...) -> (phrase, claimed count, exercise number)."""
    found = []
    for match in re.finditer(r"\b(\w+) options (?:of|in) Exercise (\d+)", text):
        word = match.group(1).lower()
        count = NUMBER_WORDS.get(word) or (int(word) if word.isdigit() else None)
        if count is not None:
            found.append((match.group(0), count, int(match.group(2))))
    return found


def wrong_option_counts(stem: str, text: str, questions: dict) -> list[str]:
    from helpers.guides import exercise_heading

    by_exercise = {}
    for key in asked_questions(stem):
        heading = exercise_heading(key) or ""
        number = re.match(r"Exercise (\d+)", heading)
        if number:
            by_exercise[int(number.group(1))] = len(questions[key]["options"])
    return [f"'{phrase}': Exercise {n} has {by_exercise.get(n)} options"
            for phrase, count, n in option_count_claims(text) if by_exercise.get(n) != count]


@pytest.mark.parametrize("stem", STEMS)
def test_guide_counts_the_options_right(stem):
    text = (LESSONS / f"{stem}.md").read_text(encoding="utf-8")
    assert wrong_option_counts(stem, text, load_questions()) == []


def test_option_count_check_can_fail():
    # The 01 guide once spoke of "the five options of Exercise 3"; the question has four.
    problems = wrong_option_counts("01_side_by_side", "with the five options of Exercise 3 on cards",
                                   load_questions())
    assert problems == ["'five options of Exercise 3': Exercise 3 has 4 options"]


# --------------------------------------------------------------------------- the charts' counts


def guide_table(stem: str, marker: str) -> dict[str, list[int]]:
    """The table a guide fills in under ``<!-- chart-counts MARKER -->``: report name -> its counts."""
    text = (LESSONS / f"{stem}.md").read_text(encoding="utf-8")
    block = next((m["body"] for m in BLOCK.finditer(text) if (m["kind"], m["arg"]) == ("chart-counts", marker)), None)
    assert block is not None, f"lessons/{stem}.md has no <!-- chart-counts {marker} --> block"
    rows = [line.strip("|").split("|") for line in block.splitlines()[2:] if line.startswith("|")]
    return {cells[0].strip(): [int(c) for c in cells[1:]] for cells in rows}


def drawn(chart, n_reports: int) -> list[list[int]]:
    """The bar lengths a chart draws, one list per bar group (kind or voice), report by report."""
    ax = chart.axes[0]
    return [[int(round(bar.get_width())) for bar in group] for group in ax.containers
            if len(group) == n_reports]


def test_03_chart_table_is_what_the_chart_draws_from_the_answer_key(case):
    """Issue 13: the 03 guide once said "Moscow Times web 4/3/3/0/8/2" and "Global Research
    7/8/9/2/5/0"; the chart draws 3/3/3/0/2/8 (19 in all) and 7/8/8/2/0/5 (30)."""
    from helpers import charts

    table = guide_table("03_anonymous_sources", "attributions")
    names = charts.report_names(case, short=True)
    assert list(table) == [names[r] for r in case.reports]
    bars = drawn(charts.attribution_mix(case), len(case.reports))
    assert len(bars) == len(charts.KINDS)
    key = pd.read_csv(CASE / "annotations" / "attributions.csv", dtype=str, keep_default_na=False)
    for i, rid in enumerate(case.reports):
        row = table[names[rid]]
        assert row[:-1] == [bars[k][i] for k in range(len(charts.KINDS))], f"{rid}: the chart draws other counts"
        in_key = [int(((key["report"] == rid) & (key["kind"] == kind)).sum()) for kind in charts.KINDS]
        assert row[:-1] == in_key, f"{rid}: the answer key has {in_key}"
        assert row[-1] == sum(in_key)
    assert table[names["moscow-times-web"]][-1] == 19 and table[names["global-research"]][-1] == 30


def test_05_chart_table_is_what_the_chart_draws(case):
    from helpers import charts

    table = guide_table("05_loaded_language", "loaded_language")
    names = charts.report_names(case, short=True)
    bars = drawn(charts.loaded_terms(case), len(case.reports))
    assert len(bars) == 2  # own voice, quoted
    for i, rid in enumerate(case.reports):
        assert table[names[rid]] == [bars[0][i], bars[1][i]], rid
