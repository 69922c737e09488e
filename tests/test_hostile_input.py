"""Hostile and careless input (issue 14): each bad file is written, fed to the kit, and
the kit must refuse it with ``file:line: problem`` (or show it safely), never a
traceback, never overwriting or reading what it must not."""
from __future__ import annotations

import argparse
import os
import re
import stat
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from conftest import GOOD_CASE_YML, ROOT
from helpers import CaseError, load_case
from helpers.analyze import GENERATOR, analyze_case, check_out, render_report, write_report
from helpers.new_case import new_case


def cli(*args, cwd, env=None):
    environment = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    environment["PYTHONPATH"] = str(ROOT)
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "helpers", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=300)


def error_of(folder) -> str:
    with pytest.raises(CaseError) as caught:
        load_case(folder)
    return str(caught.value)


def no_traceback(result):
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    return output


def with_file(small_case, file_line: str, **reports):
    return small_case(GOOD_CASE_YML.replace("    file: reports/first.txt", f"    file: {file_line}"), reports=reports)


# --- analyze --out never destroys anything --------------------------------------------

def test_out_over_a_file_analyze_did_not_write_is_refused_unless_force(small_case):
    folder = small_case()
    mine = folder.parent / "notes.html"
    mine.write_text("my lesson notes", encoding="utf-8")
    result = cli("analyze", folder.name, "--out", "notes.html", "--no-charts", cwd=folder.parent)
    assert result.returncode == 1, no_traceback(result)
    assert "notes.html: already exists and is not a page analyze wrote" in result.stdout
    assert "--force" in result.stdout
    assert mine.read_text(encoding="utf-8") == "my lesson notes"
    forced = cli("analyze", folder.name, "--out", "notes.html", "--no-charts", "--force", cwd=folder.parent)
    assert forced.returncode == 0, no_traceback(forced)
    assert GENERATOR in mine.read_text(encoding="utf-8")
    # Now analyze wrote it: writing it again needs no --force.
    again = cli("analyze", folder.name, "--out", "notes.html", "--no-charts", cwd=folder.parent)
    assert again.returncode == 0, no_traceback(again)


def test_out_never_replaces_a_device_a_link_or_a_pipe(small_case, tmp_path):
    analysis = analyze_case(small_case(), charts=False)
    # /dev/null is only checked (writing it as root once turned it into a regular file).
    assert "not an ordinary file" in str(check_out(Path(os.devnull), force=True)[0])
    pipe = tmp_path / "pipe.html"
    os.mkfifo(pipe)
    target = tmp_path / "target.txt"
    target.write_text("kept", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    for out in (pipe, link):
        with pytest.raises(CaseError) as caught:
            write_report(analysis, out, force=True)
        assert f"{out.name}: is " in str(caught.value) and "leaves this alone" in str(caught.value)
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode) and link.is_symlink()
    assert target.read_text(encoding="utf-8") == "kept"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [], "no temporary file left"


@pytest.mark.parametrize("out", ["case.yml", "reports/first.txt", "reports/page.html", "annotations/page.html",
                                 "NOTES.md", "page.html", "sub/page.html"])
def test_out_never_writes_inside_the_case(small_case, out):
    folder = small_case()
    (folder / "annotations").mkdir(exist_ok=True)
    (folder / "sub").mkdir(exist_ok=True)
    (folder / "NOTES.md").write_text("The teacher's notes.\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    result = cli("analyze", ".", "--out", out, "--no-charts", "--force", cwd=folder)
    assert result.returncode == 1, no_traceback(result)
    assert "analyze never writes there" in result.stdout
    assert "--source auto" not in result.stdout + result.stderr, "no answer-key hint on this refusal"
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_analyze_dot_names_the_page_after_the_folder(small_case, tmp_path):
    folder = small_case()
    home = tmp_path / "home"
    result = cli("analyze", ".", "--no-charts", cwd=folder, env={"MEDIA_KIT_HOME": str(home)})
    assert result.returncode == 0, no_traceback(result)
    assert [p.name for p in (home / "analysis").iterdir()] == ["small-case.html"]


def no_room(fd):
    raise OSError(28, "No space left on device")  # a full disk: the error names no file


def no_permission(*args, dir=None, prefix="", suffix="", **kwargs):
    raise PermissionError(13, "Permission denied", str(Path(dir) / f"{prefix}x1y2z3{suffix}"))


@pytest.mark.parametrize("where, broken, reason", [
    ("os.fsync", no_room, "No space left on device"),
    ("tempfile.mkstemp", no_permission, "Permission denied"),
])
def test_a_write_error_names_the_page_not_the_temporary_file(small_case, tmp_path, monkeypatch, capsys, where, broken, reason):
    import tempfile  # noqa: F401  (patched by name below)

    import helpers.analyze as az

    folder = small_case()
    out = tmp_path / "page.html"
    monkeypatch.setattr(where, broken)
    args = argparse.Namespace(case=str(folder), out=str(out), source="best", no_charts=True, force=False)
    assert az.run(args) == 1
    err = capsys.readouterr().err
    assert f"page.html: cannot write the page ({reason}); no page was written." in err
    assert ".part" not in err and not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name != folder.name] == [], "no temporary file left"


# --- report files stay inside the case ------------------------------------------------

def test_a_report_file_given_as_a_full_path_is_refused(small_case):
    message = error_of(with_file(small_case, "/etc/passwd"))
    assert 'case.yml:4: file "/etc/passwd": must be a path inside the case folder' in message


def test_a_report_file_outside_the_case_by_dots_is_refused(small_case):
    folder = small_case()
    (folder.parent / "secret.txt").write_text("private key\n", encoding="utf-8")
    message = error_of(with_file(small_case, "reports/../../secret.txt"))
    assert 'case.yml:4: file "reports/../../secret.txt": must stay inside the case folder' in message


def test_a_report_file_that_links_outside_the_case_is_refused(small_case, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private key\n", encoding="utf-8")
    folder = with_file(small_case, "reports/link.txt")
    (folder / "reports" / "link.txt").symlink_to(secret)
    message = error_of(folder)
    assert 'case.yml:4: file "reports/link.txt": is a link to a file outside the case folder' in message
    # A link that stays inside the case is fine.
    (folder / "reports" / "link.txt").unlink()
    (folder / "reports" / "link.txt").symlink_to("first.txt")
    assert load_case(folder).reports["first"].text.startswith("Officials")


def test_a_loop_of_links_is_explained(small_case):
    folder = with_file(small_case, "reports/loop.txt")
    (folder / "reports" / "loop.txt").symlink_to("loop2.txt")
    (folder / "reports" / "loop2.txt").symlink_to("loop.txt")
    message = error_of(folder)
    assert 'case.yml:4: file "reports/loop.txt": is a link that leads back to itself' in message


# --- YAML that explodes or hides code -------------------------------------------------

BILLION_LAUGHS = """\
title: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def with_peak_memory(call, *args):
    """``call(*args)`` and the most memory Python allocated meanwhile, in bytes."""
    tracemalloc.start()
    try:
        return call(*args), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_billion_laughs_is_refused_at_once(small_case):
    # Refused before anything is expanded: memory stays small (the old code grew past 5 GB).
    # Its speed is measured by `make bench`, not here.
    folder = small_case(BILLION_LAUGHS + GOOD_CASE_YML.split("\n", 1)[1])
    message, peak = with_peak_memory(error_of, folder)
    assert peak < 50_000_000
    assert 'case.yml:2: "*a" repeats a block written elsewhere (a YAML alias)' in message


def test_a_self_referencing_alias_is_refused(small_case):
    message = error_of(small_case(GOOD_CASE_YML.replace("title: A small test story", "title: &a [*a]")))
    assert 'case.yml:1: "*a" repeats a block written elsewhere' in message


@pytest.mark.parametrize("tagged, line", [
    ("reports: !!python/object/apply:os.system", 2),
    ("title: !!python/name:os.system", 1),
    ("title: !!binary aGVsbG8=", 1),
    ("title: !mine A small test story", 1),
])
def test_tags_the_kit_does_not_define_are_refused(small_case, tagged, line):
    yml = GOOD_CASE_YML.replace("reports:", tagged) if tagged.startswith("reports") else \
        GOOD_CASE_YML.replace("title: A small test story", tagged)
    message = error_of(small_case(yml))
    assert f"case.yml:{line}: the tag " in message and "is not allowed here" in message


def test_nesting_thousands_deep_is_refused(small_case):
    message = error_of(small_case("title: " + "[" * 5000 + "]" * 5000 + "\n" + GOOD_CASE_YML.split("\n", 1)[1]))
    assert "case.yml:1: lists and keys are nested more than" in message


# --- values of the wrong kind ---------------------------------------------------------

def test_a_date_that_is_not_in_the_calendar(small_case):
    message = error_of(small_case(GOOD_CASE_YML.replace("date: 2020-01-02", "date: 2019-02-30")))
    assert 'case.yml:7: "2019-02-30" is not a date in the calendar' in message
    assert message.count("case.yml:7") == 1


def test_a_date_with_a_time(small_case):
    message = error_of(small_case(GOOD_CASE_YML.replace("date: 2020-01-02", "date: 2020-01-02 10:30:00")))
    assert 'case.yml:7: date of report "first" has a time (2020-01-02 10:30:00); give only the day, like 2020-01-02' in message


def test_title_as_a_list_and_outlet_as_a_mapping(small_case):
    yml = GOOD_CASE_YML.replace("title: A small test story", "title: [A, story]").replace(
        "outlet: First Outlet", "outlet: {name: First}")
    message = error_of(small_case(yml))
    assert '"title" in case.yml must be one piece of text, not a list' in message
    assert 'case.yml:5: "outlet" in report "first" must be one piece of text, not a set of keys' in message


def test_a_number_as_a_title_is_text(small_case):
    case = load_case(small_case(GOOD_CASE_YML.replace("title: A small test story", "title: 1984")))
    assert case.title == "1984"


# --- report files that are not what they seem -----------------------------------------

UTF16 = "Officials said 12 people came to the meeting.\n".encode("utf-16-le")


def test_utf16_without_a_byte_order_mark_is_named(small_case):
    message = error_of(small_case(reports={"first.txt": UTF16}))
    assert "first.txt: is probably UTF-16 little-endian text" in message and "binary" not in message


def test_new_case_converts_utf16_without_a_mark(tmp_path):
    source = tmp_path / "article.txt"
    source.write_bytes(UTF16)
    folder, warnings = new_case(tmp_path / "c", [source])
    assert "without a byte-order mark" in warnings[0]
    assert load_case(folder).reports["article"].text.startswith("Officials said 12")


def test_a_nul_byte_after_the_first_8_kb_is_refused_with_its_line(small_case, tmp_path):
    text = b"Officials said 12 people came.\n" * 400 + b"hidden \x00 byte\n"
    message = error_of(small_case(reports={"first.txt": text}))
    assert "first.txt:401: contains a NUL character" in message
    source = tmp_path / "nul.txt"
    source.write_bytes(text)
    with pytest.raises(CaseError) as caught:
        new_case(tmp_path / "c", [source])
    assert "nul.txt:401: contains a NUL character" in str(caught.value)


# --- new-case with awkward names ------------------------------------------------------

def test_new_case_accepts_files_after_the_title(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Officials said 12 people came.\n", encoding="utf-8")
    result = cli("new-case", "c", "--title", "My story", "a.txt", "b.txt", cwd=tmp_path)
    assert result.returncode == 0, no_traceback(result)
    assert list(load_case(tmp_path / "c").reports) == ["a", "b"]
    assert load_case(tmp_path / "c").title == "My story"


def test_new_case_with_a_file_name_that_is_not_utf8(tmp_path):
    name = os.fsdecode(b"caf\xe9 news.txt")  # as a zip made on Windows unpacks
    (tmp_path / name).write_text("Officials said 12 people came.\n", encoding="utf-8")
    result = cli("new-case", "c", name, cwd=tmp_path)
    assert result.returncode == 0, no_traceback(result)
    checked = cli("check", "c", cwd=tmp_path)
    assert checked.returncode == 0, no_traceback(checked)
    assert "copied from caf\ufffd news.txt" in (tmp_path / "c" / "case.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["\x7f", "\x01", "\x85", "\u202e", "\x9b"])
def test_new_case_never_writes_a_case_yml_its_own_check_rejects(tmp_path, bad):
    source = tmp_path / f"art{bad}icle.txt"
    source.write_text("Officials said 12 people came.\n", encoding="utf-8")
    result = cli("new-case", f"c{bad}x", "--title", f"Ti{bad}tle", source.name, cwd=tmp_path)
    assert result.returncode == 0, no_traceback(result)
    folder = next(p for p in tmp_path.iterdir() if p.is_dir() and p.name.startswith("c"))
    checked = cli("check", folder.name, cwd=tmp_path)
    assert checked.returncode == 0, no_traceback(checked)
    # The only warning is the outlet new-case leaves for the teacher to fill in.
    others = [line for line in checked.stdout.splitlines()
              if "warning:" in line and "(fill in the outlet)" not in line]
    assert others == [], checked.stdout
    assert checked.stdout.splitlines()[-1].endswith("(1 warning above)"), checked.stdout


# --- hidden direction and zero-width characters ---------------------------------------

HIDDEN = "Officials said \u202e12 people\u202c came.\nA word\u200bsplit.\n"


def test_check_flags_hidden_characters_with_line_and_column(small_case):
    folder = small_case(reports={"first.txt": HIDDEN})
    result = cli("check", folder.name, cwd=folder.parent)
    assert result.returncode == 0, no_traceback(result)
    assert "reports/first.txt:1: warning: hidden character(s)" in result.stdout
    assert "U+202E right-to-left override (shows the text after it reversed) at column 16" in result.stdout
    assert "reports/first.txt:2: warning:" in result.stdout and "U+200B zero-width space at column 7" in result.stdout
    assert "second.txt" not in result.stdout


def test_the_page_and_the_reader_show_hidden_characters(small_case):
    from helpers.widgets import SideBySideReader

    folder = small_case(GOOD_CASE_YML.replace("First Outlet", "First\u202eOutlet"), reports={"first.txt": HIDDEN})
    page = render_report(analyze_case(folder, charts=False))
    assert "\u202e" not in page and "\u200b" not in page
    assert page.count("\u27e8U+202E\u27e9") >= 3  # the text, the outlet in the table and in the heading
    assert "\u27e8U+200B\u27e9" in page
    reader = SideBySideReader(load_case(folder), left="first", right="second", lenses=())
    assert "\u27e8U+202E\u27e9" in reader.model.left_html and "\u202e" not in reader.model.left_html


def test_a_report_title_shows_a_hidden_character_as_a_marker(small_case):
    """Notebook 00 draws a report under its outlet (render_html(..., title=report.outlet));
    an outlet with a hidden direction mark in case.yml is shown as the marker check promises."""
    from helpers.spans import render_html

    folder = small_case(GOOD_CASE_YML.replace("First Outlet", "Breitbart \u202eNews"))
    report = load_case(folder).reports["first"]
    shown = render_html(report.text, [], title=report.outlet)
    heading = re.search(r'<h3 class="mlk-title">(.*?)</h3>', shown, re.S).group(1)
    assert "\u202e" not in heading
    assert heading.startswith("Breitbart ") and "\u27e8U+202E\u27e9" in heading and heading.endswith("News")
    title = render_html("text", [], title="<b>A & B</b>\u200b")
    assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in title and "\u27e8U+200B\u27e9" in title and "\u200b" not in title


# --- a source chain whose every link goes straight to the original --------------------

def test_a_source_chain_straight_to_the_original_is_drawn(small_case):
    import matplotlib

    matplotlib.use("Agg")
    from helpers.widgets import SourceChainExplorer

    folder = small_case(reports={"first.txt": "The Wall Street Journal reported that 12 came.\n",
                                 "second.txt": "According to The Wall Street Journal, 12 came.\n"})
    (folder / "annotations").mkdir()
    (folder / "annotations" / "source_chain.csv").write_text(
        "report,quote,occurrence,citing,cited,relation,note\n"
        "first,The Wall Street Journal reported,,first,The Wall Street Journal,cites,\n"
        "second,According to The Wall Street Journal,,second,The Wall Street Journal,cites,\n", encoding="utf-8")
    case = load_case(folder)
    explorer = SourceChainExplorer(case, report="first")
    assert "<img" in explorer.model.chart
    assert "1 step from" in explorer.model.steps
    page = render_report(analyze_case(case))
    assert "could not be drawn" not in page


def test_the_question_bank_refuses_aliases_and_tags(tmp_path):
    from helpers.questions import check_questions

    bank = tmp_path / "questions.yml"
    bank.write_text(BILLION_LAUGHS, encoding="utf-8")
    problems, peak = with_peak_memory(check_questions, bank)
    assert peak < 50_000_000  # refused before anything is expanded
    assert len(problems) == 1 and problems[0].line == 2
    assert str(problems[0]).endswith('questions.yml:2: "*a" repeats a block written elsewhere (a YAML alias); '
                                     "the kit does not accept aliases: write the value out in full")
    bank.write_text("q: !!python/object/apply:os.system [echo]\n", encoding="utf-8")
    assert "the tag" in str(check_questions(bank)[0]) and ":1:" in str(check_questions(bank)[0])


# --- ten more bad inputs, tried as an attacker ----------------------------------------

def test_case_yml_that_is_a_folder_a_loop_or_a_link_out(small_case, tmp_path):
    folder = small_case()
    (folder / "case.yml").unlink()
    (folder / "case.yml").mkdir()
    assert "case.yml: case.yml is a folder, not a file" in error_of(folder)
    (folder / "case.yml").rmdir()
    (folder / "case.yml").symlink_to("case.yml")
    assert "case.yml: case.yml is a link that leads back to itself" in error_of(folder)
    (folder / "case.yml").unlink()
    outside = tmp_path / "elsewhere.yml"
    outside.write_text(GOOD_CASE_YML, encoding="utf-8")
    (folder / "case.yml").symlink_to(outside)
    assert "case.yml: case.yml is a link to a file outside the case folder" in error_of(folder)


def test_a_report_file_that_is_a_folder_or_a_pipe(small_case):
    folder = with_file(small_case, "reports")
    assert "case.yml:4: report file reports is a folder, not a file" in error_of(folder)
    folder = with_file(small_case, "reports/pipe")
    os.mkfifo(folder / "reports" / "pipe")  # reading it would wait for ever
    assert "case.yml:4: report file pipe is not an ordinary file" in error_of(folder)


def test_new_case_refuses_a_pipe_instead_of_waiting(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(CaseError) as caught:
        new_case(tmp_path / "c", [tmp_path / "pipe.txt"])
    assert "pipe.txt: is not an ordinary file" in str(caught.value)


def test_a_pasted_text_with_a_nul_character():
    from helpers.analyze import analyze_texts

    with pytest.raises(CaseError) as caught:
        analyze_texts({"Mine": "First line.\nSecond\x00 line."})
    assert "pasted text 'Mine':2: contains a NUL character" in str(caught.value)


def test_values_yaml_cannot_build_are_short_problems(small_case):
    yml = GOOD_CASE_YML.replace("title: A small test story", "title: " + "1" * 50_000).replace(
        "date: 2020-01-02", "date: [2020-01-02]").replace("    date: null", "    date: 0000-01-01")
    message = error_of(small_case(yml))
    assert 'case.yml:1: "' + "1" * 57 + '..." is too long to be a number; put it in quotes' in message
    assert 'case.yml:7: date of report "first" must look like 2019-06-02, or be null when unknown (got a list)' in message
    assert 'case.yml:12: "0000-01-01" is not a date in the calendar' in message
    assert len(message) < 2000


def test_terminal_control_codes_in_a_key_are_not_printed(small_case):
    folder = small_case(GOOD_CASE_YML.replace("reports:", '"\\e[2J\\e[31mowned": x\nreports:'))
    result = cli("check", folder.name, cwd=folder.parent)
    assert result.returncode == 1, no_traceback(result)
    assert "\x1b" not in result.stdout
    assert 'case.yml:2: unknown key "\ufffd[2J\ufffd[31mowned" in case.yml' in result.stdout


def test_a_chart_that_fails_is_a_warning_on_the_command_line_too(small_case, tmp_path, monkeypatch, capsys):
    import matplotlib

    import helpers.analyze as az
    import helpers.charts as charts

    matplotlib.use("Agg")

    def broken(*args, **kwargs):
        raise TypeError("a test breaks this chart")

    monkeypatch.setattr(charts, "attribution_mix", broken)
    args = argparse.Namespace(case=str(small_case()), out=str(tmp_path / "page.html"), source="best",
                              no_charts=False, force=False)
    assert az.run(args) == 0
    err = capsys.readouterr().err
    assert "warning: the chart attribution_mix could not be drawn (TypeError: a test breaks this chart)" in err
    assert "could not be drawn" in (tmp_path / "page.html").read_text(encoding="utf-8")


# --- issue 14, second review -------------------------------------------------------------

def test_build_never_replaces_an_edition_folder_it_did_not_make(tmp_path, capsys):
    import nbformat

    from helpers import build as kit_build
    from helpers.cli import build_parser

    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Tiny"), nbformat.v4.new_code_cell("1 + 1")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "00_tiny.ipynb")
    out = tmp_path / "out"
    (out / "student").mkdir(parents=True)
    (out / "student" / "grades.txt").write_text("the class's grades", encoding="utf-8")
    args = build_parser().parse_args(["build", "--notebooks", str(folder), "--out", str(out), "--jobs", "1"])
    assert kit_build.run(args) == 1
    message = capsys.readouterr().err
    assert str(out / "student") in message and "not made by the build" in message, message
    assert (out / "student" / "grades.txt").read_text(encoding="utf-8") == "the class's grades"
    assert sorted(p.name for p in out.iterdir()) == ["student"]
    # A folder the build made is replaced by the next build.
    other = tmp_path / "other"
    assert kit_build.run(build_parser().parse_args(["build", "--notebooks", str(folder), "--out", str(other), "--jobs", "1"])) == 0
    (other / "student" / "stale.ipynb").write_text("{}", encoding="utf-8")
    assert kit_build.run(build_parser().parse_args(["build", "--notebooks", str(folder), "--out", str(other), "--jobs", "1"])) == 0
    assert sorted(p.name for p in (other / "student").iterdir()) == [kit_build.MARKER, "00_tiny.ipynb"]


def test_a_journal_nested_thousands_deep_is_set_aside_like_a_damaged_one(tmp_path):
    from helpers.widgets.journal import Journal, JournalWarning

    path = tmp_path / "journal.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.warns(JournalWarning):
        journal = Journal(path)
    assert journal.entries() == {}
    assert [p for p in tmp_path.iterdir() if p.name != "journal.json"], "the odd file is kept aside"
    assert journal.set("k", {"kind": "reflection", "answer": "mine"})


@pytest.mark.parametrize("entry", [{"kind": ["x"]}, {"kind": 5}, {"kind": {"a": 1}, "answer": 5},
                                   {"kind": "spot_it", "answer": 5}, {"kind": "spot_it", "answer": {"a": [1]}},
                                   {"kind": "spot_it", "answer": "Moscow"}, {"kind": "spot_it", "answer": [[1], None]}])
def test_journal_entries_of_the_wrong_types_are_unanswered_never_a_crash(case, tmp_path, entry):
    import json

    from helpers.widgets import SpotIt
    from helpers.widgets.journal import Journal, export_journal

    path = tmp_path / "journal.json"
    path.write_text(json.dumps({"version": 1, "entries": {"t/spot": entry}}), encoding="utf-8")
    journal = Journal(path)
    written = export_journal(tmp_path / "out.md", journal=journal).read_text(encoding="utf-8")
    assert "## " in written
    spot = SpotIt(case, report="moscow-times-web", lens="attributions", kind="anonymous", key="t/spot",
                  journal=journal)
    assert spot.model.ticked == ()


def test_a_lone_surrogate_typed_into_a_box_is_saved_not_a_crash(tmp_path):
    import json

    from helpers.widgets import Reflection
    from helpers.widgets.journal import Journal

    journal = Journal(tmp_path / "journal.json")
    box = Reflection("Why?", key="t/why", journal=journal)
    box.model.value = "x \ud800 y"
    saved = json.loads((tmp_path / "journal.json").read_text(encoding="utf-8"))
    assert saved["entries"]["t/why"]["answer"] == "x \ufffd y"
    assert Journal(tmp_path / "journal.json").get("t/why")["answer"] == "x \ufffd y"


def test_any_failure_to_write_the_journal_is_the_cannot_be_saved_warning(tmp_path, monkeypatch):
    from helpers.widgets import journal as journal_module
    from helpers.widgets.journal import CANNOT_SAVE, Journal, JournalWarning

    def broken(path, text):
        raise UnicodeEncodeError("utf-8", "x", 0, 1, "surrogates not allowed")

    journal = Journal(tmp_path / "journal.json")
    monkeypatch.setattr(journal_module, "_atomic_write", broken)
    with pytest.warns(JournalWarning, match="cannot be saved|saved"):
        assert journal.set("k", {"answer": "text"}) is False
    assert any(w.startswith(CANNOT_SAVE) for w in journal.warnings)
    assert journal.get("k")["answer"] == "text", "kept in memory"


@pytest.mark.parametrize("old, new, line", [
    ("title: A small test story", "title: 1:2.5", 1),
    ("title: A small test story", "title: 1" + ":59" * 2600, 1),
    ("outlet: First Outlet", "outlet: 1:30", 5),
    ("id: first", "id: 1:30:00", 3),
])
def test_base_60_numbers_are_refused_with_a_line_saying_to_quote(small_case, old, new, line):
    message = error_of(small_case(GOOD_CASE_YML.replace(old, new)))
    assert f"case.yml:{line}:" in message and "quotes" in message, message
    assert "Exceeds the limit" not in message and "62.5" not in message


def test_a_report_id_that_is_a_number_is_not_a_crash(small_case):
    message = error_of(small_case(GOOD_CASE_YML.replace("id: first", "id: " + "9" * 5000)))
    assert "case.yml:3:" in message, message


def test_new_case_quotes_ids_so_its_own_check_passes(tmp_path):
    names = ["1.txt", "2019-06-02.txt", "yes.txt", "null.txt", "0x1f.txt", "1_000.txt"]
    for name in names:
        (tmp_path / name).write_text("Officials said 12 people came.\n", encoding="utf-8")
    result = cli("new-case", "numbers", "--title", "Numbers", *names, cwd=tmp_path)
    assert result.returncode == 0, no_traceback(result)
    checked = cli("check", "numbers", cwd=tmp_path)
    assert checked.returncode == 0, no_traceback(checked)
    case = load_case(tmp_path / "numbers")
    assert all(isinstance(rid, str) for rid in case.reports), list(case.reports)


@pytest.mark.parametrize("value, kind", [("1", "a number"), ("yes", "yes/no"), ("null", "empty"), ("[a, b]", "a list"),
                                         ("2019-06-02", "a date"), ("0x1f", "a number")])
def test_check_says_to_quote_an_id_that_is_not_text(small_case, value, kind):
    message = error_of(small_case(GOOD_CASE_YML.replace("id: first", f"id: {value}")))
    assert "case.yml:3:" in message and "write the id in quotes" in message and kind in message, message


def _check_output(folder):
    result = cli("check", str(folder), cwd=folder.parent)
    return result.returncode, no_traceback(result)


def test_an_answer_key_that_links_outside_the_case_is_not_read(small_case, tmp_path):
    folder = small_case()
    secret = tmp_path / "secret.csv"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (folder / "annotations").mkdir()
    (folder / "annotations" / "numbers.csv").symlink_to(secret)
    code, output = _check_output(folder)
    assert code != 0 and "root:x" not in output, output
    assert "numbers.csv:1:" in output and "outside the case folder" in output, output


def test_an_answer_key_folder_that_links_outside_the_case_is_not_read(small_case, tmp_path):
    folder = small_case()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "numbers.csv").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (folder / "annotations").symlink_to(elsewhere)
    code, output = _check_output(folder)
    assert code != 0 and "root:x" not in output, output
    assert "annotations:1:" in output and "outside the case folder" in output, output


@pytest.mark.parametrize("make", ["folder", "pipe"])
def test_an_answer_key_that_is_a_folder_or_a_pipe_is_named(small_case, make):
    folder = small_case()
    (folder / "annotations").mkdir()
    target = folder / "annotations" / "numbers.csv"
    target.mkdir() if make == "folder" else os.mkfifo(target)
    code, output = _check_output(folder)
    assert code != 0 and "numbers.csv:1:" in output, output
    assert ("is a folder" if make == "folder" else "not an ordinary file") in output, output


def test_a_nul_in_case_yml_is_refused_with_its_line(small_case):
    message = error_of(small_case(GOOD_CASE_YML.replace("outlet: Second Outlet", "outlet: Second\x00Outlet")))
    assert "case.yml:10:" in message and "U+0000" in message, message


@pytest.mark.parametrize("low, high", [("1e999", "12"), ("12", "nan"), ("-inf", "12"), ("12", "Infinity")])
def test_an_answer_key_number_that_is_not_finite_is_refused(small_case, low, high):
    folder = small_case()
    (folder / "annotations").mkdir()
    (folder / "annotations" / "numbers.csv").write_text(
        "report,quote,occurrence,claim,low,high,counted,hedge\n"
        f"first,12 people,,people,{low},{high},people,\n", encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(folder).annotations("numbers")
    assert "numbers.csv:2:" in str(caught.value) and "not a number a report could give" in str(caught.value)
