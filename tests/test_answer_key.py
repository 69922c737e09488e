"""The expert answer key of rostec-venezuela-2019: complete, anchored, and explained.

These tests read the shipped key the way a teacher's notebook does
(``helpers.load_case``), and also re-check the raw CSV files on their own, so a fault
in the loader cannot hide a fault in the data. Expected values (the floors from the
issue, the report ids, "The Wall Street Journal", "Fox News") are written out here on
purpose, not imported from the code under test.
"""
from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys

import pytest

from conftest import CASE_DIR, ROOT
from helpers import load_case
from helpers.annotations import paths_to_origin

CASE = "rostec-venezuela-2019"
REPORT_IDS = ["breitbart", "moscow-times-web", "moscow-times-pdf", "hannity", "global-research"]
LENSES = {
    "attributions": ("source", "kind", "proximity", "via", "cue"),
    "numbers": ("claim", "low", "high", "counted", "hedge", "attributed_to", "is_date", "in_chrome"),
    "loaded_language": ("category", "voice", "neutral"),
    "source_chain": ("citing", "cited", "relation"),
    "page_chrome": ("kind",),
}
WSJ = "The Wall Street Journal"
NOTES = CASE_DIR / "NOTES.md"


@pytest.fixture(scope="module")
def case():
    return load_case(CASE)


@pytest.fixture(scope="module")
def frames(case):
    return {lens: case.annotations(lens) for lens in LENSES}


def raw_rows(lens):
    """The rows of one answer-key file as written, with the line each row starts on."""
    with open(CASE_DIR / "annotations" / f"{lens}.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows, line = [], 2
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    return rows


def report_texts():
    return {rid: open(CASE_DIR / "reports" / f"{rid}.txt", encoding="utf-8", newline="").read()
            for rid in REPORT_IDS}


# ---------------------------------------------------------------- every file loads


def test_the_case_has_the_five_reports(case):
    assert list(case.reports) == REPORT_IDS


@pytest.mark.parametrize("lens", LENSES)
def test_every_file_loads_with_its_columns(frames, lens):
    frame = frames[lens]
    assert not frame.empty
    for column in ("report", "start", "end", "quote", *LENSES[lens]):
        assert column in frame.columns, column


@pytest.mark.parametrize("lens", LENSES)
def test_every_quote_is_the_text_at_its_offsets(case, frames, lens):
    for row in frames[lens].itertuples():
        assert case.reports[row.report].text[row.start:row.end] == row.quote, (lens, row.report, row.quote)


@pytest.mark.parametrize("lens", LENSES)
def test_every_raw_quote_resolves_to_exactly_one_place(lens):
    """Counted here without the loader: unique, or an occurrence that exists."""
    texts = report_texts()
    for line, row in raw_rows(lens):
        where = f"{lens}.csv:{line}"
        assert row["report"] in texts, f"{where}: unknown report {row['report']!r}"
        count = texts[row["report"]].count(row["quote"])
        if row["occurrence"].strip():
            assert 1 <= int(row["occurrence"]) <= count, f"{where}: occurrence {row['occurrence']} of {count}"
            assert count > 1, f"{where}: occurrence given for a quote found once"
        else:
            assert count == 1, f"{where}: quote found {count} times: {row['quote']!r}"


@pytest.mark.parametrize("lens", LENSES)
def test_every_report_id_exists(case, frames, lens):
    assert set(frames[lens]["report"]) <= set(case.reports)


@pytest.mark.parametrize("lens", LENSES)
def test_every_report_is_annotated_in_every_lens(frames, lens):
    assert set(frames[lens]["report"]) == set(REPORT_IDS)


def test_low_is_never_above_high(frames):
    numbers = frames["numbers"]
    assert numbers["low"].notna().all() and numbers["high"].notna().all()
    bad = numbers[numbers["low"] > numbers["high"]]
    assert bad.empty, bad[["report", "quote", "low", "high"]]


@pytest.mark.parametrize("lens", LENSES)
def test_no_duplicate_rows(frames, lens):
    frame = frames[lens]
    key = ["report", "start", "end", *LENSES[lens]]
    assert not frame.duplicated(subset=key).any()


def test_dates_are_years_in_a_plausible_range(frames):
    dates = frames["numbers"][frames["numbers"]["is_date"]]
    assert not dates.empty
    assert dates["low"].between(2000, 2025).all() and dates["high"].between(2000, 2025).all()


# ---------------------------------------------------------------- completeness


def test_counts_meet_the_floors_of_the_issue(frames):
    assert len(frames["attributions"]) >= 70
    assert len(frames["numbers"]) >= 50
    assert frames["numbers"]["claim"].nunique() >= 25
    assert len(frames["loaded_language"]) >= 80
    assert len(frames["source_chain"]) >= 50


def test_the_shared_figures_are_in_every_report(frames):
    """The 1,000 and the few dozen are the story: each report's version is in the key."""
    numbers = frames["numbers"]
    for claim in ("rostec_staff_peak", "rostec_staff_now"):
        assert set(numbers.loc[numbers["claim"] == claim, "report"]) == set(REPORT_IDS), claim


def test_every_shared_claim_is_listed_in_the_notes(frames):
    notes = NOTES.read_text(encoding="utf-8")
    numbers = frames["numbers"]
    reports_per_claim = numbers.groupby("claim")["report"].nunique()
    shared = sorted(reports_per_claim[reports_per_claim >= 2].index)
    assert shared, "no claim is shared by two reports"
    missing = [claim for claim in shared if f"`{claim}`" not in notes]
    assert not missing, f"claims in two or more reports but not in NOTES.md: {missing}"


# ---------------------------------------------------------------- the source chain


@pytest.mark.parametrize("report_id", REPORT_IDS)
def test_every_report_has_a_path_to_the_journal(case, report_id):
    paths = paths_to_origin(case.source_chain(), report_id)
    assert paths, f"{report_id} has no path to {WSJ}"
    for path in paths:
        assert path[0]["citing"] == report_id
        assert path[-1]["cited"] == WSJ
        assert all(a["cited"] == b["citing"] for a, b in zip(path, path[1:]))
        assert all(link["relation"] != "rebuts" for link in path)


def test_hannity_reaches_the_journal_only_through_fox_news(case):
    links = case.source_chain()
    paths = paths_to_origin(links, "hannity")
    assert paths
    for path in paths:
        assert [link["cited"] for link in path] == ["Fox News", WSJ]
    # Hannity never names the Journal itself.
    assert links[(links["citing"] == "hannity") & (links["cited"] == WSJ)].empty


def test_the_pdf_captures_the_web_article(case):
    links = case.source_chain()
    captures = links[(links["citing"] == "moscow-times-pdf") & (links["cited"] == "moscow-times-web")
                     & (links["relation"] == "captures")]
    assert not captures.empty
    assert set(captures["report"]) == {"moscow-times-pdf"}


def test_rebuttals_point_at_the_journal(case):
    links = case.source_chain()
    rebuttals = links[links["relation"] == "rebuts"]
    assert {"Rostec", "Vladimir Zayemsky"} <= set(rebuttals.loc[rebuttals["cited"] == WSJ, "citing"])


# ---------------------------------------------------------------- NOTES.md


def test_every_code_quote_in_the_notes_is_in_a_report(frames):
    """Each `code` span in NOTES.md is an exact quotation (⏎ = line break) or a key name."""
    texts = report_texts()
    names = set(REPORT_IDS) | {"annotations", "NOTES.md", "tests/test_answer_key.py",
                               "python -m helpers check rostec-venezuela-2019"}
    for lens, frame in frames.items():
        names.add(f"{lens}.csv")
        names.update(frame.columns)
        for column in ("claim", "kind", "category", "relation", "voice", "hedge", "citing", "cited"):
            if column in frame.columns:
                names.update(str(v) for v in frame[column] if v)
    notes = NOTES.read_text(encoding="utf-8")
    spans = re.findall(r"`([^`\n]+)`", notes)
    assert len(spans) > 100
    unknown = [s for s in spans
               if s not in names and not any(s.replace("⏎", "\n") in t for t in texts.values())]
    assert not unknown, f"not in any report and not a key name: {unknown}"


def test_the_notes_cover_what_the_issue_asks_for():
    notes = NOTES.read_text(encoding="utf-8").lower()
    for heading in ("source chain", "anonymous", "numbers", "loaded language", "page chrome",
                    "edited", "leaves out", "rule table", "relation words", "how this key was made"):
        assert heading in notes, heading


# ---------------------------------------------------------------- the check command


def run_check(target):
    return subprocess.run([sys.executable, "-m", "helpers", "check", str(target)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_check_command_passes_on_the_shipped_case():
    result = run_check(CASE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK" in result.stdout


def test_check_command_names_file_and_line_of_broken_rows(tmp_path):
    copy = tmp_path / CASE
    shutil.copytree(CASE_DIR, copy)
    numbers = copy / "annotations" / "numbers.csv"
    text = numbers.read_text(encoding="utf-8")
    row = 'hannity,"about 1,000",'
    assert text.count(row) == 1
    numbers_line = text[: text.index(row)].count("\n") + 1
    numbers.write_text(text.replace(row, 'hannity,"about 2,000",'), encoding="utf-8")

    loaded = copy / "annotations" / "loaded_language.csv"
    text = loaded.read_text(encoding="utf-8")
    row = "global-research,imposter,,name_calling,"
    assert text.count(row) == 1
    loaded_line = text[: text.index(row)].count("\n") + 1
    loaded.write_text(text.replace(row, "global-research,imposter,,namecalling,"), encoding="utf-8")

    result = run_check(copy)
    assert result.returncode == 1
    problems = re.findall(r"^(.+?):(\d+): (.+)$", result.stdout, flags=re.MULTILINE)
    found = {(file.rsplit("/", 1)[-1], int(line)): message for file, line, message in problems}
    assert set(found) == {("numbers.csv", numbers_line), ("loaded_language.csv", loaded_line)}, result.stdout
    assert 'quote not found: "about 2,000"' in found[("numbers.csv", numbers_line)]
    assert 'category "namecalling"' in found[("loaded_language.csv", loaded_line)]


def test_breitbarts_last_month_dates_the_reports_not_the_arrival(case):
    # Breitbart: "Reports last month indicated that Moscow had expanded its military presence ...
    # with the arrival of over 100 troops": "last month" is when the reports came out. The Moscow
    # Times: planes came "this spring". Not the same claim, and not labelled as an arrival.
    numbers = case.annotations("numbers")
    last = numbers[(numbers["report"] == "breitbart") & (numbers["quote"] == "last month")].iloc[0]
    spring = numbers[(numbers["report"] == "moscow-times-web") & (numbers["quote"] == "this spring")].iloc[0]
    assert last["claim"] != spring["claim"]
    assert "arrived" not in last["label"] and "reports" in last["label"]
