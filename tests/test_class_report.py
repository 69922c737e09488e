"""The class report, end to end: real widgets write three students' journals, the page is read back.

Three students (alice, bob, chloe) answer through the kit's own widget models, each with
MEDIA_KIT_HOME pointed at a home-like folder of their own; ``python -m helpers
class-report`` gathers them; the figures are read from the page's HTML (BeautifulSoup)
and compared with what the plans below make them by hand. Bad journals are listed as not
read and left byte for byte, and time stamp for time stamp, as they were.
"""
from __future__ import annotations

import json
import os
import re
import stat
import threading
import warnings
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers.class_report import build_report, gather, parse_export, student_name
from helpers.cli import main
from helpers.widgets import Journal, journal_markdown

from class_journals import answer_as

GAZ = "From The Carrow Gazette. Buzzline names it."
WORK = "They work for the company."
PRE_NUM = "The Gazette says about 120 and names the town council as its source. Buzzline says hundreds and names no source."
POST_RIGHT = {
    "post_check/trace": "From The Carrow Gazette. The Meridian names it.",
    "post_check/close-to": "Only that the Meridian says they have some link to the inquiry. We are not told who they are or what they do in it.",
    "post_check/numbers": "The Gazette says about 120 and names the town council. The Meridian says as many as 400 and names only “local media”.",
    "post_check/own-voice": "boast",
    "post_check/spot-anonymous": [3, 5, 7],
    "post_check/spot-loaded": [3, 6, 9],
}
SCRIPT = "<script>alert('x')</script> I trust <b>nobody</b>"

PLANS = {
    "alice": {
        "pre_check/trace": GAZ, "pre_check/close-to": WORK, "pre_check/numbers": PRE_NUM,
        "pre_check/own-voice": "dangerous", "pre_check/spot-anonymous": [5, 6, 8], "pre_check/spot-loaded": [1, 3],
        "00_start_here/reflection": SCRIPT,
        **POST_RIGHT,
    },
    "bob": {
        "pre_check/trace": ["From a Buzzline reporter who was there.", GAZ],  # first try wrong, then changed
        "pre_check/close-to": WORK, "pre_check/numbers": "Both say about the same number.",
        "pre_check/own-voice": "shadowy", "pre_check/spot-anonymous": [5], "pre_check/spot-loaded": [1, 3, 5],
        **POST_RIGHT,
        "post_check/close-to": "They lead the council's inquiry.", "post_check/own-voice": "serious problems",
        "post_check/spot-anonymous": [3, 5],
    },
    "chloe": {
        "pre_check/trace": GAZ, "pre_check/close-to": "They are the company's manager.", "pre_check/numbers": PRE_NUM,
        "pre_check/own-voice": "shadowy", "pre_check/spot-anonymous": [5, 6, 8, 9], "pre_check/spot-loaded": [1, 3, 7, 8],
    },
}


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """A /home-like folder: /home/<name>/.local/share/media-literacy-kit/journal.json, written by the widgets."""
    home = tmp_path_factory.mktemp("hub") / "home"
    for name, plan in PLANS.items():
        answer_as(home / name / ".local" / "share" / "media-literacy-kit", plan)
    return home


@pytest.fixture(scope="module")
def page(hub, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "class.html"
    assert main(["class-report", str(hub), "--out", str(out)]) == 0
    return BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")


def row(page, key):
    return page.select_one(f'section.notebook tr[data-key="{key}"]')


def test_three_students_named_by_their_home_folder(page):
    names = [tr["data-student"] for tr in page.select("#progress-table tr[data-student]")]
    assert names == ["alice", "bob", "chloe"]


def test_answered_and_right_per_exercise(page):
    # The first try counts in a check: bob's "trace" was wrong first, then changed.
    assert (row(page, "pre_check/trace").select_one(".answered").text,
            row(page, "pre_check/trace").select_one(".right").text) == ("3", "2")
    assert (row(page, "pre_check/close-to").select_one(".answered").text,
            row(page, "pre_check/close-to").select_one(".right").text) == ("3", "0")
    assert row(page, "post_check/trace").select_one(".answered").text == "2"
    assert row(page, "pre_check/spot-anonymous").select_one(".right").text == "1"  # only alice all right


def test_option_counts_and_most_common_wrong_answer(page):
    box = page.select_one('details.choice[data-key="pre_check/close-to"]')
    counts = {tr["data-option"]: int(tr.select_one(".count").text) for tr in box.select("tr[data-option]")}
    assert counts[WORK] == 2 and counts["They are the company's manager."] == 1
    assert sum(counts.values()) == 3
    common = box.select_one(".common-wrong")
    assert common.select_one(".answer").text == WORK and common.select_one(".count").text == "2"
    assert "A friend of a worker, a former worker or a supplier" in common.text  # its explanation


def test_tick_exercise_most_missed_and_wrongly_ticked(page):
    box = page.select_one('details.spot[data-key="pre_check/spot-loaded"]')
    missed = [li.text for li in box.select("ul.missed li")]
    assert [re.search(r"sentence (\d+)", m).group(1) for m in missed] == ["7", "8"]
    assert all(li.select_one(".count").text == "2" for li in box.select("ul.missed li"))
    assert "It is feared that the smoke may have been poisonous." in missed[1]
    # alice 2 of 4 right, bob 2 of 5 (one wrong tick), chloe 4 of 4: the mean share is (0.5 + 0.4 + 1) / 3.
    assert row(page, "pre_check/spot-loaded").select_one(".mean").text == "63%"
    wrong = box.select("ul.wrongly-ticked li")
    assert len(wrong) == 1 and "sentence 5" in wrong[0].text and wrong[0].select_one(".count").text == "1"


def test_before_and_after_per_student(page):
    scores = {tr["data-student"]: (tr.select_one(".pre").text, tr.select_one(".post").text)
              for tr in page.select("#student-checks tr[data-student]")}
    # alice: 1+0+1+0+1+0.5 before, all six after; bob: 0+0+0+1+1/3+2/5 before, 1+0+1+0+2/3+1 after.
    assert scores == {"alice": ("3.5", "6.0"), "bob": ("1.7", "3.7"), "chloe": ("4.8", "\u2013")}


def test_class_gain_per_skill(page):
    gains = {tr["data-skill"]: int(re.match(r"([+-]\d+)", tr.select_one(".gain").text).group(1))
             for tr in page.select("#gains tr[data-skill]")}
    # Only alice and bob took both. trace: 0.5 -> 1.0; anonymous: (0.5 + 1/6)/2 -> (1 + 1/3)/2;
    # numbers: 0.5 -> 1.0; loaded: (0.25 + 0.7)/2 -> (1 + 0.5)/2.
    assert gains["trace"] == 50 and gains["numbers"] == 50 and gains["anonymous"] == 33
    assert gains["loaded"] in (27, 28)
    assert "2 students took both checks" in " ".join(page.text.split())


def test_student_text_is_escaped(page, hub, tmp_path):
    assert page.find("script") is None
    assert not any(b.text == "nobody" for b in page.find_all("b"))
    box = page.select_one('details.reflection[data-key="00_start_here/reflection"]')
    assert SCRIPT in box.select_one("blockquote").text  # shown as text, exactly as typed


def test_charts_are_embedded_with_a_text_alternative(page):
    images = page.find_all("img")
    assert len(images) == 3
    for img in images:
        assert img["src"].startswith("data:image/png;base64,") and len(img["alt"]) > 40
    assert "http://" not in str(page).replace("http-equiv", "") and "https://" not in str(page)


def test_no_charts(hub, tmp_path):
    out = tmp_path / "plain.html"
    assert main(["class-report", str(hub), "--out", str(out), "--no-charts"]) == 0
    page = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert page.find("img") is None and page.select_one("#gains tr[data-skill=trace] .gain").text == "+50 points"


def test_anonymous_numbers_the_students(hub, tmp_path):
    out = tmp_path / "anon.html"
    assert main(["class-report", str(hub), "--out", str(out), "--anonymous"]) == 0
    text = out.read_text(encoding="utf-8")
    for name in PLANS:
        assert name not in text
    assert "Student 1" in text and "Student 3" in text


def test_the_same_class_from_globbed_kit_folders_and_handed_in_files(hub, tmp_path):
    kit_folders = sorted(hub.glob("*/.local/share/media-literacy-kit"))
    report = build_report(kit_folders)
    assert [s.name for s in report.students] == ["alice", "bob", "chloe"]
    handed_in = tmp_path / "handed-in"
    handed_in.mkdir()
    for folder in kit_folders:
        name = folder.parents[2].name
        (handed_in / f"{name}_my_journal.md").write_text(journal_markdown(Journal(folder / "journal.json")),
                                                          encoding="utf-8")
    from_files = build_report([handed_in])
    assert [s.name for s in from_files.students] == ["alice", "bob", "chloe"]
    assert not from_files.not_read

    def counts(report, key):
        stats = next(s for stats in report.notebooks.values() for s in stats if s.exercise.key == key)
        return stats.answered, stats.right, [o[3] for o in stats.options], stats.missed

    # The export has no first try, so bob's changed answer counts there: only that item differs.
    for key in ("pre_check/close-to", "pre_check/numbers", "pre_check/spot-loaded", "post_check/own-voice"):
        assert counts(from_files, key) == counts(report, key), key


def test_export_parses_back(tmp_path):
    journal = Journal(tmp_path / "journal.json")
    # the export names no key: the class report finds each from its heading
    journal.set("01_side_by_side/denial", {"kind": "choice", "prompt": "Q?", "answer": "B option", "correct": False})
    journal.set("00_start_here/spot-chrome", {"kind": "spot_it", "prompt": "Tick", "answer": ["One - two.", "Three"], "correct": True})
    journal.set("03_anonymous_sources/spot-anonymous", {"kind": "spot_it", "prompt": "Tick", "answer": [], "correct": False})
    journal.set("01_side_by_side/reflection", {"kind": "reflection", "prompt": "Why?", "answer": "Line one\n\n## not a heading\n- not a list"})
    text = journal_markdown(journal).replace("\n", "\r\n")  # as edited on Windows
    entries = parse_export(text)
    assert list(entries) == list(journal.entries())
    assert entries["01_side_by_side/denial"]["answer"] == "B option" and entries["01_side_by_side/denial"]["correct"] is False
    assert entries["00_start_here/spot-chrome"]["answer"] == ["One - two.", "Three"]
    assert entries["00_start_here/spot-chrome"]["correct"] is True
    assert entries["03_anonymous_sources/spot-anonymous"]["answer"] == []
    assert entries["01_side_by_side/reflection"]["answer"] == "Line one\n\n## not a heading\n- not a list"
    assert entries["01_side_by_side/reflection"]["kind"] == "reflection"
    assert entries["00_start_here/spot-chrome"]["kind"] == "spot_it"


def test_student_names():
    assert student_name(Path("/home/alice/.local/share/media-literacy-kit/journal.json")) == "alice"
    assert student_name(Path("/srv/class/bob/journal.json")) == "bob"
    assert student_name(Path("/handed/chloe.md")) == "chloe"
    assert student_name(Path("/handed/dev_my_journal.md")) == "dev"
    assert student_name(Path("/home/elif/.local/share/media-literacy-kit/my_journal.md")) == "elif"


BAD = {
    "corrupt/journal.json": b'{"version": 1, "entries": {"00_a/b": {"kind": ',
    "newer/journal.json": json.dumps({"version": 2, "entries": {}}).encode(),
    "foreign/journal.json": json.dumps({"name": "a notebook config", "cells": []}).encode(),
    "latin1/journal.json": '{"version": 1, "entries": {"00_a/r": {"answer": "caf\u00e9"}}}'.encode("latin-1"),
    "notes.md": b"# Shopping list\n\n- milk\n",
}


def test_bad_journals_are_listed_and_left_unchanged(hub, tmp_path):
    folder = tmp_path / "class"
    for name, data in BAD.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        os.utime(folder / name, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    (folder / "no-journal-yet").mkdir()
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}
    listing = sorted(str(p) for p in folder.rglob("*"))
    out = tmp_path / "class.html"
    assert main(["class-report", str(folder), str(hub / "alice"), "--out", str(out)]) == 0
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}
    assert after == before and sorted(str(p) for p in folder.rglob("*")) == listing, "nothing changed, nothing added"
    page = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    reasons = {li.code.text: li.select_one(".reason").text for li in page.select("#not-read-list li")}
    assert set(reasons) == {str(folder / n) for n in BAD} | {str(folder / "no-journal-yet")}
    assert "not valid JSON" in reasons[str(folder / "corrupt/journal.json")]
    assert "newer version of the kit" in reasons[str(folder / "newer/journal.json")]
    assert "not a journal of this kit" in reasons[str(folder / "foreign/journal.json")]
    assert "not UTF-8" in reasons[str(folder / "latin1/journal.json")]
    assert "not an exported journal" in reasons[str(folder / "notes.md")]
    assert "no journal" in reasons[str(folder / "no-journal-yet")]
    assert [tr["data-student"] for tr in page.select("#progress-table tr[data-student]")] == ["alice"]


def test_missing_path_and_bad_out_are_clear_errors(tmp_path, capsys):
    students, not_read = gather([tmp_path / "nowhere"])
    assert students == [] and not_read[0].reason == "not found"
    assert main(["class-report", str(tmp_path), "--out", str(tmp_path / "no" / "such" / "class.html")]) == 1
    assert "this folder does not exist" in capsys.readouterr().err
    assert main(["class-report", str(tmp_path), "--out", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_odd_entries_and_a_hostile_folder_name_do_not_break_the_page(tmp_path):
    folder = tmp_path / "class" / "<i>eve&amp;"
    folder.mkdir(parents=True)
    entries = {
        "pre_check/trace": {"kind": "choice", "answer": 5, "correct": "yes", "first_try": "x"},
        "pre_check/spot-loaded": {"kind": "spot_it", "answer": "not a list", "correct": None},
        "03_anonymous_sources/spot-anonymous": {"kind": "spot_it", "answer": [None, 3, "no such sentence"],
                                                "correct": False},
        "00_start_here/reflection": {"kind": "reflection", "answer": None, "prompt": None},
        "no-slash": {"answer": "x"},
    }
    (folder / "journal.json").write_text(json.dumps({"version": 1, "entries": entries}), encoding="utf-8")
    out = tmp_path / "class.html"
    assert main(["class-report", str(tmp_path / "class"), "--out", str(out)]) == 0
    page = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert [tr["data-student"] for tr in page.select("#progress-table tr[data-student]")] == ["<i>eve&amp;"]
    assert page.find("i") is None
    assert row(page, "pre_check/trace").select_one(".right").text == "0"


@pytest.mark.filterwarnings("error::UserWarning")  # matplotlib's layout warning reached the terminal
def test_notebook_00_chrome_exercise_shows_right_and_missed_sentences(tmp_path):
    """Notebook 00's SpotIt(lens="page_chrome") names no kind: the report uses the widget's
    own default for the lens, so the row counts who got it right and lists the sentences
    most often missed."""
    from class_journals import _case, kit_home
    from helpers.widgets import SpotIt

    key = "00_start_here/spot-chrome"
    home = tmp_path / "home"
    answer = None
    for name, tick in (("ann", "all"), ("bo", "first")):
        with kit_home(home / name / ".local" / "share" / "media-literacy-kit"):
            model = SpotIt(_case("rostec-venezuela-2019"), report="breitbart", lens="page_chrome", key=key).model
            answer = sorted(model.answer)
            assert len(answer) >= 2
            model.ticked = tuple(answer if tick == "all" else answer[:1])
            model.check()
    out = tmp_path / "class.html"
    assert main(["class-report", str(home), "--out", str(out)]) == 0
    page = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert (row(page, key).select_one(".answered").text, row(page, key).select_one(".right").text) == ("2", "1")
    box = page.select_one(f'details.spot[data-key="{key}"]')
    assert box is not None, "the sentences most often missed are shown"
    missed = [int(re.search(r"sentence (\d+)", li.text).group(1)) for li in box.select("ul.missed li")]
    assert missed and set(missed) <= {i + 1 for i in answer[1:]}
    assert all(li.select_one(".count").text == "1" for li in box.select("ul.missed li"))


def test_no_journal_found_says_where_it_looked_and_fails(tmp_path, capsys):
    (tmp_path / "home" / "alice").mkdir(parents=True)
    out = tmp_path / "class.html"
    assert main(["class-report", str(tmp_path / "home"), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert str(tmp_path / "home") in err and "media-kit/journal.json" in err and "my_journal.md" in err
    assert "Traceback" not in err and not out.exists()


def test_the_guides_give_the_class_report_command_of_the_readme():
    """lessons/checks.md runs the report over /home as README step 6 does, and says who runs it."""
    root = Path(__file__).resolve().parent.parent
    checks = (root / "lessons" / "checks.md").read_text(encoding="utf-8")
    assert "python -m helpers class-report /home --out class.html" in (root / "README.md").read_text(encoding="utf-8")
    assert "python -m helpers class-report /home --out class.html" in checks
    assert "/home/*/" not in checks and "administrator" in checks and "Zero to JupyterHub" in checks


def test_the_checks_guide_times_the_checks_as_the_unit_plan_does():
    root = Path(__file__).resolve().parent.parent
    plan = (root / "lessons" / "README.md").read_text(encoding="utf-8")
    checks = (root / "lessons" / "checks.md").read_text(encoding="utf-8")
    for when in ("homework the evening before Class 1", "12 extra minutes at the start of Class 1",
                 "homework after Class 5, with part 2 of notebook 06"):
        assert when in plan and when in checks, when
    assert "the first 12 minutes of Class 1" not in checks and "the last 12 minutes of Class 5" not in checks


def test_check_scores_show_items_answered(page):
    """An unanswered item scores 0: the items answered stand beside each score."""
    answered = {tr["data-student"]: (tr.select_one(".pre-answered").text, tr.select_one(".post-answered").text)
                for tr in page.select("#student-checks tr[data-student]")}
    assert answered["alice"] == ("6/6", "6/6") and answered["chloe"][1] == "\u2013"


KEY = re.compile(r"\b(?:pre_check|post_check|\d\d_[a-z_]+)/[a-z-]+")


def test_no_exercise_is_named_by_its_key(page):
    """Rows nobody answered and the chart's text summary name exercises by what they ask."""
    rows = page.select("section.notebook tr[data-key]")
    assert len(rows) > 20
    for tr in rows:
        cell = tr.select_one("td").get_text()
        assert cell.strip() and not KEY.search(cell), (tr["data-key"], cell)
    for caption in page.select("figcaption"):
        assert not KEY.search(caption.get_text()), caption.get_text()
    assert "nobody has answered it yet" in page.get_text()


def test_tick_prompts_have_no_nested_brackets(page):
    for tr in page.select("section.notebook tr[data-key]"):
        text = tr.select_one("td").get_text()
        assert not re.search(r"\([^)]*\(", text), text


def test_a_tick_prompt_the_widget_completes_has_no_nested_brackets(tmp_path):
    from class_journals import _case, kit_home
    from helpers.widgets import SpotIt

    with kit_home(tmp_path / "kit"):
        widget = SpotIt(_case("rostec-venezuela-2019"), report="breitbart", lens="attributions",
                        kind="anonymous", key="x_test/spot", prompt="Tick the sentences that hide who said it.")
    prompt = widget.model.prompt if hasattr(widget.model, "prompt") else widget.prompt
    assert "The answer key counts" in prompt and not re.search(r"\([^)]*\(", prompt), prompt


# -- hostile and careless input (issue 14) ---------------------------------------------------

def _copy_journal(hub, name, to):
    to.mkdir(parents=True, exist_ok=True)
    data = (hub / name / ".local" / "share" / "media-literacy-kit" / "journal.json").read_bytes()
    (to / "journal.json").write_bytes(data)
    return data


def test_out_never_replaces_what_the_kit_did_not_write(hub, tmp_path, capsys):
    alice = tmp_path / "co" / "alice"
    data = _copy_journal(hub, "alice", alice)
    # Over the journal being read: refused, even with --force.
    for extra in ([], ["--force"]):
        assert main(["class-report", str(alice), "--out", str(alice / "journal.json"), *extra]) == 1
        assert "being read" in capsys.readouterr().err
        assert (alice / "journal.json").read_bytes() == data
    # A page inside a student's journal folder: refused.
    assert main(["class-report", str(tmp_path / "co"), "--out", str(alice / "class.html")]) == 1
    assert "journal folder" in capsys.readouterr().err and not (alice / "class.html").exists()
    # An unrelated file: refused unless --force.
    notes = tmp_path / "notes.html"
    notes.write_text("my own notes", encoding="utf-8")
    assert main(["class-report", str(alice), "--out", str(notes)]) == 1
    assert "--force" in capsys.readouterr().err and notes.read_text(encoding="utf-8") == "my own notes"
    assert main(["class-report", str(alice), "--out", str(notes), "--force"]) == 0
    assert "Class report" in notes.read_text(encoding="utf-8")
    # The README's way: the page in the teacher's own home, inside the folder read (/home).
    (tmp_path / "co" / "teacher").mkdir()
    assert main(["class-report", str(tmp_path / "co"), "--out", str(tmp_path / "co" / "teacher" / "class.html")]) == 0
    # A page class-report wrote is replaced without asking.
    out = tmp_path / "class.html"
    assert main(["class-report", str(alice), "--out", str(out)]) == 0
    assert main(["class-report", str(alice), "--out", str(out)]) == 0
    # A pipe and a link stay what they are, even with --force.
    pipe = tmp_path / "pipe.html"
    os.mkfifo(pipe)
    target = tmp_path / "target.txt"
    target.write_text("kept", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    capsys.readouterr()
    for place in (pipe, link):
        assert main(["class-report", str(alice), "--out", str(place), "--force"]) == 1
        assert "ordinary file" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode) and link.is_symlink() and target.read_text(encoding="utf-8") == "kept"


def _in_time(function, seconds=60):
    """Run ``function`` in a thread; fail (instead of hanging the suite) if it does not end."""
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("value", function()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "hangs"
    return result["value"]


def test_a_pipe_or_a_link_is_listed_not_read_and_never_waited_for(hub, tmp_path):
    folder = tmp_path / "class"
    _copy_journal(hub, "alice", folder / "alice")
    (folder / "dan" / "media-kit").mkdir(parents=True)
    os.mkfifo(folder / "dan" / "media-kit" / "journal.json")
    os.mkfifo(folder / "carol.md")
    (folder / "eve.md").symlink_to("/etc/passwd")
    (folder / "fay.md").symlink_to(tmp_path / "nothing-here.md")
    students, not_read = _in_time(lambda: gather([folder]))
    reasons = {item.path.name if item.path.name != "journal.json" else "dan": item.reason for item in not_read}
    assert [s.name for s in students] == ["alice"]
    assert "not an ordinary file" in reasons["dan"] and "not an ordinary file" in reasons["carol.md"]
    assert "not an exported journal" in reasons["eve.md"]
    assert "link to nothing" in reasons["fay.md"]


DEEP = '{"version": 1, "entries": {"pre_check/trace": {"kind": "choice", "answer": ' + "[" * 100_000 + "]" * 100_000 + "}}}"


def test_a_malformed_entry_is_listed_and_counted_unanswered(hub, tmp_path, capsys):
    folder = tmp_path / "class"
    _copy_journal(hub, "alice", folder / "alice")
    odd = {
        "bob": {"pre_check/trace": {"kind": "choice", "answer": ["a"]}},
        "chloe": {"pre_check/spot-anonymous": {"kind": "spot_it", "answer": 5, "correct": False}},
        "dan": {"pre_check/spot-loaded": {"kind": "choice", "answer": [["x"]], "correct": True},
                "pre_check/own-voice": {"kind": "spot_it", "answer": ["shadowy"], "first_try": {"answer": {}}}},
    }
    for name, entries in odd.items():
        (folder / name).mkdir()
        (folder / name / "journal.json").write_text(json.dumps({"version": 1, "entries": entries}), encoding="utf-8")
    (folder / "deep").mkdir()
    (folder / "deep" / "journal.json").write_text(DEEP, encoding="utf-8")
    out = tmp_path / "class.html"
    assert main(["class-report", str(folder), "--out", str(out)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    page = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    reasons = [(li.code.text, li.select_one(".reason").text) for li in page.select("#not-read-list li")]
    assert any(path == str(folder / "deep" / "journal.json") and "damaged" in why for path, why in reasons)
    # the rest of bob's, chloe's and dan's files was read: their odd answers are "not counted",
    # not files "not read" (second teacher review)
    left = [(li.code.text, li.select_one(".reason").text) for li in page.select("#not-counted-list li")]
    for name, entries in odd.items():
        assert not any(path == str(folder / name / "journal.json") for path, _ in reasons), name
        for key in entries:
            assert any(path == str(folder / name / "journal.json") and key in why for path, why in left), (name, key)
    assert "1 file not read" in page.select_one("p.note").text and "answers not counted" in page.select_one("p.note").text
    # Only alice's answers count: the odd ones are unanswered.
    assert row(page, "pre_check/trace").select_one(".answered").text == "1"
    assert row(page, "pre_check/spot-anonymous").select_one(".answered").text == "1"


def test_checks_score_a_malformed_answer_as_unanswered():
    from helpers.checks import score_entry, spot_result

    assert score_entry("pre_check/trace", {"kind": "choice", "answer": ["a"]}) is None
    assert score_entry("pre_check/spot-anonymous", {"kind": "spot_it", "answer": 5, "correct": False}) is None
    assert score_entry("pre_check/spot-anonymous", {"kind": "spot_it", "answer": [["x"]], "correct": False}) is None
    assert spot_result(5, ["a", "b"], {1}) == {"right": [], "missed": [1], "wrong": []}


def test_export_round_trip_keeps_ampersands_and_angle_brackets(tmp_path):
    text = "Fox & Friends said x < y > z, \"quoted\" and 'single' &amp; kept"
    journal = Journal(tmp_path / "journal.json")
    journal.set("00_start_here/reflection", {"kind": "reflection", "prompt": "A & B?", "answer": text})
    journal.set("01_side_by_side/denial", {"kind": "choice", "prompt": "Q", "answer": "R&D <b>", "correct": True})
    journal.set("00_start_here/spot-chrome", {"kind": "spot_it", "prompt": "T", "answer": ["AT&T < 3"], "correct": True})
    entries = parse_export(journal_markdown(journal))
    assert entries["00_start_here/reflection"]["answer"] == text
    assert entries["00_start_here/reflection"]["prompt"] == "A & B?"
    assert entries["01_side_by_side/denial"]["answer"] == "R&D <b>"
    assert entries["00_start_here/spot-chrome"]["answer"] == ["AT&T < 3"]
    handed = tmp_path / "handed" / "zoe.md"
    handed.parent.mkdir()
    handed.write_text(journal_markdown(journal), encoding="utf-8")
    out = tmp_path / "class.html"
    assert main(["class-report", str(handed), "--out", str(out), "--no-charts"]) == 0
    html_text = out.read_text(encoding="utf-8")
    assert "Fox &amp; Friends said x &lt; y" in html_text  # escaped once on the page
    assert "Fox &amp;amp; Friends" not in html_text
    assert text in BeautifulSoup(html_text, "html.parser").get_text()


def test_a_long_student_name_prints_no_warning(hub, tmp_path):
    folder = tmp_path / "class"
    _copy_journal(hub, "alice", folder / ("Alexandra-Konstantina " * 10).strip())
    _copy_journal(hub, "bob", folder / "bob")
    report = build_report([folder])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from helpers.class_report import render_page

        page = render_page(report, charts=True)
    assert ("Alexandra-Konstantina " * 10).strip() in page  # in full in the table


# -- the handed-in journal has no hidden line; the class report still finds every entry ------

def test_every_exercise_of_the_kit_is_found_again_in_an_export_with_no_keys(tmp_path):
    """The export once kept each key in an HTML comment under its heading, which a student who
    opened the file as plain text read as "<!-- journal entry: reflection 06_put_it_together/..."
    The export now has none; the class report finds each key from the heading (and, where
    several exercises share one, as notebook 06's five credibility notes do, the question)."""
    from helpers.catalogue import every_exercise
    journal = Journal(tmp_path / "journal.json")
    kinds = {"choice": "choice", "spot_it": "spot_it", "text": "reflection"}
    answers = {}
    for n, exercise in enumerate(every_exercise()):
        prompt = exercise.arguments.get("prompt", None if exercise.call in ("question", "check_item") else exercise.first)
        answers[exercise.key] = f"answer number {n}"
        journal.set(exercise.key, {"kind": kinds[exercise.kind], "prompt": prompt if isinstance(prompt, str) else "",
                                   "answer": [] if exercise.kind == "spot_it" else answers[exercise.key]})
    text = journal_markdown(journal)
    assert "<!--" not in text and "journal entry" not in text
    assert "06_put_it_together" not in text
    entries = parse_export(text)
    assert list(entries) == list(journal.entries())
    for key, entry in journal.entries().items():
        assert entries[key]["kind"] == entry["kind"], key
        if entry["kind"] != "spot_it":
            assert entries[key]["answer"] == answers[key]


def test_an_export_written_with_the_hidden_keys_is_still_read(tmp_path):
    # journals handed in before the change carry the comment; their keys are taken from it
    text = ("# My media-literacy journal\n\nExported 1 December 2026, 10:00\n\n"
            "## Some heading the kit no longer has\n<!-- journal entry: reflection 01_x/why -->\n\n"
            "*Reflection*\n\n**My answer:**\n\n> Because.\n\n*Saved 2026-12-01T09:00:00+00:00*\n")
    entries = parse_export(text)
    assert entries == {"01_x/why": {"kind": "reflection", "answer": "Because.", "saved": "2026-12-01T09:00:00+00:00"}}


def _reflections_export(*headings_and_answers) -> str:
    body = "".join(f"## {heading}\n\n*Reflection*\n\n**My answer:**\n\n> {answer}\n\n"
                   for heading, answer in headings_and_answers)
    return f"# My media-literacy journal\n\nExported 1 December 2026, 10:00\n\n{body}"


def test_an_answer_whose_heading_the_kit_no_longer_has_is_named_not_dropped(tmp_path):
    # with no key in the file, an answer saved under a heading the notebooks no longer show
    # (the kit was updated mid-unit, or the student edited the heading) vanished from the page
    handed = tmp_path / "handed_in"
    handed.mkdir()
    (handed / "sam_my_journal.md").write_text(
        _reflections_export(("A heading no notebook of the kit has", "My careful answer.")), encoding="utf-8")
    students, not_read = gather([handed])
    assert [s.name for s in students] == ["sam"]
    assert students[0].entries == {}
    assert len(not_read) == 1
    assert "\u201cA heading no notebook of the kit has\u201d" in not_read[0].reason
    assert "open the file" in not_read[0].reason


def test_a_section_pasted_twice_counts_once_and_the_copy_is_named(tmp_path):
    # parsed into a dict keyed by heading, the second copy replaced the first in silence
    heading = "Side by side: five headlines, one story \u00b7 Reflection"
    handed = tmp_path / "handed_in"
    handed.mkdir()
    (handed / "carol_my_journal.md").write_text(
        _reflections_export((heading, "first answer"), (heading, "second answer")), encoding="utf-8")
    students, not_read = gather([handed])
    assert [e["answer"] for e in students[0].entries.values()] == ["first answer"]
    assert len(not_read) == 1 and "a second answer under" in not_read[0].reason


def test_a_made_up_notebook_in_an_old_style_heading_adds_no_column(tmp_path):
    # "## Reflection: <script>/x" named a notebook for every student's progress row
    handed = tmp_path / "handed_in"
    handed.mkdir()
    (handed / "dan_my_journal.md").write_text(
        _reflections_export(("Reflection: 01_side_by_side/reflection", "kept"),
                            ("Reflection: <script>alert(1)</script>/x", "made up")), encoding="utf-8")
    students, not_read = gather([handed])
    assert list(students[0].entries) == ["01_side_by_side/reflection"]
    assert len(not_read) == 1 and "names no notebook of this kit" in not_read[0].reason


def test_the_readers_notes_are_found_again_from_their_heading(tmp_path):
    # the reader's notes are no exercise of a notebook: from a handed-in file they were dropped
    journal = Journal(tmp_path / "journal.json")
    journal.set("reader/notes", {"kind": "notes", "prompt": "", "answer": "my notes"})
    assert parse_export(journal_markdown(journal)) == {
        "reader/notes": {"kind": "notes", "answer": "my notes", "saved": parse_export(journal_markdown(journal))["reader/notes"]["saved"]}}


def test_a_downloads_folder_with_a_my_journal_file_reads_every_file(hub, tmp_path):
    # one "my_journal.md" among handed-in files made the folder one student: the other
    # files were dropped, and nothing was listed as not read
    handed_in = tmp_path / "Downloads"
    handed_in.mkdir()
    for name, file_name in (("alice", "my_journal.md"), ("bob", "bob_my_journal.md"), ("chloe", "my_journal (1).md")):
        journal = Journal(hub / name / ".local" / "share" / "media-literacy-kit" / "journal.json")
        (handed_in / file_name).write_text(journal_markdown(journal), encoding="utf-8")
    students, not_read = gather([handed_in])
    assert len(students) == 3 and not not_read
    assert "bob" in [s.name for s in students]


def test_a_students_own_folder_with_just_the_export_is_named_after_the_folder(hub, tmp_path):
    folder = tmp_path / "dana"
    folder.mkdir()
    (folder / "my_journal.md").write_text(
        journal_markdown(Journal(hub / "alice" / ".local" / "share" / "media-literacy-kit" / "journal.json")),
        encoding="utf-8")
    students, not_read = gather([folder])
    assert [s.name for s in students] == ["dana"] and not not_read


def test_no_score_table_out_of_0_when_nobody_took_a_check(tmp_path):
    home = tmp_path / "home" / "erin" / ".local" / "share" / "media-literacy-kit"
    Journal(home / "journal.json").set("01_side_by_side/reflection",
                                       {"kind": "reflection", "prompt": "?", "answer": "It depends who said it."})
    out = tmp_path / "class.html"
    assert main(["class-report", str(tmp_path / "home"), "--out", str(out)]) == 0
    text = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser").get_text()
    assert "out of 0" not in text
    assert "No student has taken both checks yet" in text


def test_one_student_is_one_student_not_1_students(hub, tmp_path, capsys):
    # the terminal said "Wrote class.html (1 students, 0 not read)"; the page's title, its
    # note and the progress chart's text said the same
    folder = tmp_path / "one"
    _copy_journal(hub, "alice", folder / "alice")
    out = tmp_path / "class.html"
    assert main(["class-report", str(folder), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "(1 student, 0 not read)" in said and "1 students" not in said
    page = out.read_text(encoding="utf-8")
    assert "<title>Class report: 1 student</title>" in page
    assert "1 students" not in BeautifulSoup(page, "html.parser").get_text()
    assert "1 students" not in page   # the charts' alternative text too
    # and more than one is still plural
    assert main(["class-report", str(hub), "--out", str(tmp_path / "all.html")]) == 0
    assert "(3 students, " in capsys.readouterr().out


def test_a_marked_section_pasted_twice_counts_once_and_the_copy_is_named(tmp_path):
    # exports of before December 2026 carry the key in a comment: the copy overwrote the first
    section = ("## Side by side · Reflection\n<!-- journal entry: reflection 01_side_by_side/reflection -->\n\n"
               "*Reflection*\n\n**My answer:**\n\n> {}\n\n")
    handed = tmp_path / "handed_in"
    handed.mkdir()
    (handed / "eve_my_journal.md").write_text("# My media-literacy journal\n\n" + section.format("first")
                                              + section.format("second"), encoding="utf-8")
    students, not_read = gather([handed])
    assert [e["answer"] for e in students[0].entries.values()] == ["first"]
    assert len(not_read) == 1 and "a second answer under" in not_read[0].reason


def test_an_old_style_section_pasted_twice_is_named_as_a_second_answer(tmp_path):
    handed = tmp_path / "handed_in"
    handed.mkdir()
    (handed / "fay_my_journal.md").write_text(
        _reflections_export(("Reflection: 01_side_by_side/reflection", "first"),
                            ("Reflection: 01_side_by_side/reflection", "second")), encoding="utf-8")
    students, not_read = gather([handed])
    assert [e["answer"] for e in students[0].entries.values()] == ["first"]
    assert len(not_read) == 1 and "a second answer under" in not_read[0].reason   # not "names no notebook"


def test_a_heading_several_exercises_share_is_not_called_unknown(tmp_path):
    from helpers.class_report import _Places
    places = _Places.current()
    shared = next(h for h, keys in places.keys.items() if len(keys) > 1)
    handed = tmp_path / "handed_in"
    handed.mkdir()
    (handed / "gus_my_journal.md").write_text(
        "# My media-literacy journal\n\n" f"## {shared}\n\n*Reflection*\n\n**Question:** an older wording\n\n"
        "**My answer:**\n\n> mine\n\n", encoding="utf-8")
    _, not_read = gather([handed])
    assert len(not_read) == 1 and "fits several exercises of this kit" in not_read[0].reason
