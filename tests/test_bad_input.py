"""What real users feed the kit: every bad input gets file, line, what to do; never a traceback.

Each case below is run through the command line (`check` and `analyze`), the way a
teacher meets it. The message must name the file, the line when there is one, and what
to do; the exit code is 1; nothing is written; no traceback is printed.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import GOOD_CASE_YML, ROOT
from helpers import CaseError
from helpers.analyze import GENERATOR, analyze_texts

OLD_PAGE = f"<!DOCTYPE html><html><head>{GENERATOR}</head><body>the old page</body></html>"

NUMBERS_HEADER = "report,quote,occurrence,claim,low,high,counted,hedge\n"


def cli(*args, cwd):
    environment = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "helpers", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=300)


def refused(folder, *expected: str) -> str:
    """Run check and analyze on ``folder``; both must refuse with every expected line."""
    work = folder.parent
    before = sorted(p.name for p in work.iterdir())
    checked = cli("check", folder.name, cwd=work)
    analyzed = cli("analyze", folder.name, "--out", "page.html", "--no-charts", cwd=work)
    for result in (checked, analyzed):
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert "Traceback" not in output and "Error:" not in output, output
        for line in expected:
            assert line in result.stdout, f"{line!r} not in:\n{output}"
    assert "no page was written" in analyzed.stderr
    assert sorted(p.name for p in work.iterdir()) == before, "analyze left a file behind"
    return checked.stdout


def with_key(folder, rows: str, name="numbers.csv", header=NUMBERS_HEADER):
    (folder / "annotations").mkdir(exist_ok=True)
    (folder / "annotations" / name).write_text(header + rows, encoding="utf-8")
    return folder


def test_missing_case_yml(small_case):
    folder = small_case()
    (folder / "case.yml").unlink()
    refused(folder, "small-case/case.yml: case.yml is missing: every case folder needs one (python -m helpers new-case makes a start)")


def test_broken_yaml_names_the_line(small_case):
    folder = small_case(GOOD_CASE_YML.replace("    outlet: First Outlet", "    outlet: First: Outlet: ["))
    out = refused(folder, "small-case/case.yml:5: YAML syntax error:")
    assert "Check indentation, colons and quotes on this line or the one before." in out


def test_unknown_key_suggests_the_right_one(small_case):
    folder = small_case(GOOD_CASE_YML.replace("    author: A. Writer", "    autor: A. Writer"))
    refused(folder, 'small-case/case.yml:6: unknown key "autor" in report "first" (did you mean "author"?)')


def test_listed_report_file_missing(small_case):
    folder = small_case(reports={"second.txt": None})
    refused(folder, "small-case/case.yml:9: report file second.txt is missing (looked for ",
            "check the 'file:' line or add the file")


def test_empty_report(small_case):
    refused(small_case(reports={"first.txt": "\n  \n"}),
            "small-case/reports/first.txt: report is empty; paste the article's text into it")


def test_a_report_of_invisible_characters_only_is_empty(small_case):
    refused(small_case(reports={"first.txt": "\u202e\u200b\n"}),
            "small-case/reports/first.txt: report is empty; paste the article's text into it")


def test_binary_report(small_case):
    refused(small_case(reports={"first.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}),
            "small-case/reports/first.txt: this is a binary file, not plain text; save the article as a .txt file (UTF-8)")


def test_windows_1252_report_names_the_byte_offset_and_line(small_case):
    refused(small_case(reports={"first.txt": b"Line one\nCaf\xe9 au lait\n"}),
            'small-case/reports/first.txt:2: not UTF-8 text: byte 0xe9 at offset 12 cannot be read '
            '(in Windows-1252 it is "\u00e9"); save the file as UTF-8 (python -m helpers new-case converts '
            'Windows-1252 files when it copies them in)')


def test_byte_order_mark_and_windows_line_endings_are_accepted_everywhere(small_case):
    folder = small_case(reports={"first.txt": b"\xef\xbb\xbfOfficials said 12 people came.\r\nThen they left.\r\n"})
    with_key(folder, "first,12 people,,people,12,12,people,\n")
    checked = cli("check", folder.name, cwd=folder.parent)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    analyzed = cli("analyze", folder.name, "--out", "page.html", "--no-charts", cwd=folder.parent)
    assert analyzed.returncode == 0, analyzed.stdout + analyzed.stderr
    page = (folder.parent / "page.html").read_text(encoding="utf-8")
    assert ">12 people</mark>" in page  # the answer key's offsets land on the right words
    assert "\ufeff" not in page


def test_duplicate_ids(small_case):
    refused(small_case(GOOD_CASE_YML.replace("id: second", "id: first")),
            'small-case/case.yml:8: report id "first" is used twice', "each report needs its own id")


def test_quote_not_found_shows_the_nearest_match(small_case):
    folder = with_key(small_case(), "first,Oficials said 12,,people,12,12,people,\n")
    refused(folder, 'small-case/annotations/numbers.csv:2: report "first": quote not found: "Oficials said 12"; '
                    'nearest in the report: "Officials said 12')


def test_ambiguous_quote_asks_for_an_occurrence(small_case):
    folder = with_key(small_case(reports={"first.txt": "12 came. Then 12 left.\n"}), "first,12,,people,12,12,people,\n")
    refused(folder, 'small-case/annotations/numbers.csv:2: report "first": quote appears 2 times: "12"; '
                    "add an occurrence (1 to 2) or quote more words")


def test_a_range_with_low_above_high(small_case):
    folder = with_key(small_case(), "first,12 people,,people,20,12,people,\n")
    refused(folder, "small-case/annotations/numbers.csv:2: low (20) is greater than high (12); swap them")


def test_a_broken_answer_key_says_how_to_go_on_without_it(small_case):
    folder = with_key(small_case(), "first,12 people,,people,20,12,people,\n")
    analyzed = cli("analyze", folder.name, "--out", "page.html", cwd=folder.parent)
    assert "or add --source auto to use only the automatic lenses" in analyzed.stderr
    auto = cli("analyze", folder.name, "--out", "page.html", "--source", "auto", "--no-charts", cwd=folder.parent)
    assert auto.returncode == 0, auto.stdout + auto.stderr


def test_answer_key_not_utf8(small_case):
    folder = small_case()
    (folder / "annotations").mkdir()
    (folder / "annotations" / "numbers.csv").write_bytes(NUMBERS_HEADER.encode() + b"first,caf\xe9,,x,1,1,x,\n")
    refused(folder, 'small-case/annotations/numbers.csv:2: not UTF-8 text: byte 0xe9 at offset 62 cannot be read '
                    '(in Windows-1252 it is "\u00e9"); save the file as UTF-8')


def test_a_byte_order_mark_does_not_shift_the_offset_of_a_bad_byte(small_case):
    # 3 bytes of mark + "Line one\n" + "Ca": the bad byte is at offset 14 of the file (11 after the mark)
    refused(small_case(reports={"first.txt": b"\xef\xbb\xbfLine one\nCa\xe9\n"}),
            'small-case/reports/first.txt:2: not UTF-8 text: byte 0xe9 at offset 14 cannot be read (in Windows-1252 it is "\u00e9")')


def test_a_20_mb_report_is_refused_within_seconds(small_case):
    folder = small_case()
    with (folder / "reports" / "first.txt").open("wb") as handle:
        handle.write(b"All work and no play makes a dull news article. " * 420_000)  # about 20 MB of real text
    refused(folder, "small-case/reports/first.txt: report is 20.2 MB; the kit reads news articles up to 2 MB. "
                    "Split it into several reports")


def test_a_too_big_report_is_refused_from_its_size_without_reading_it(small_case, monkeypatch):
    from pathlib import Path

    from helpers.case import read_report_text

    folder = small_case()
    big = folder / "reports" / "first.txt"
    with big.open("wb") as handle:
        handle.truncate(20_000_000)  # 20 MB on disk

    def no_reading(self, *args, **kwargs):
        raise AssertionError(f"{self} was read; its size alone should refuse it")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.setattr(Path, "read_text", no_reading)
    text, problems = read_report_text(big)
    assert text is None and "report is 20.0 MB" in str(problems[0])


def test_a_20_mb_pasted_text_is_refused():
    with pytest.raises(CaseError) as caught:
        analyze_texts({"Big": "word " * 4_000_000})
    assert str(caught.value) == "pasted text 'Big': is 20.0 MB; the kit reads news articles up to 2 MB. Paste one article at a time"


def test_empty_pasted_text_and_no_text():
    with pytest.raises(CaseError) as caught:
        analyze_texts({"Mine": "   \n"})
    assert str(caught.value) == "pasted text 'Mine': is empty; paste the article's text into the box"
    with pytest.raises(CaseError) as caught:
        analyze_texts({})
    assert str(caught.value) == "pasted texts: there is no text to read; paste at least one article"


def test_a_case_folder_that_does_not_exist(tmp_path):
    for command in (("check", "nowhere"), ("analyze", "nowhere", "--out", "page.html")):
        result = cli(*command, cwd=tmp_path)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stdout.startswith("nowhere: no such case folder (cases shipped with the kit: rostec-venezuela-2019")
    assert list(tmp_path.iterdir()) == []


def test_html_in_a_report_stays_text(small_case):
    evil = '<script>alert("x")</script><img src=x onerror="alert(1)"><a href="javascript:alert(2)">link</a>\n'
    folder = small_case(reports={"first.txt": "Officials said 12 came. " + evil})
    yml = GOOD_CASE_YML.replace("    author: A. Writer", '    author: "<b>A. Writer</b>"\n    url: "javascript:alert(3)"')
    (folder / "case.yml").write_text(yml.replace("title: A small test story", 'title: "<script>x</script> story"'), encoding="utf-8")
    result = cli("analyze", folder.name, "--out", "page.html", "--no-charts", cwd=folder.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (folder.parent / "page.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "<b>A." not in page
    assert 'href="javascript' not in page and "<a href=\"javascript" not in page
    assert "<td>javascript:alert(3)</td>" in page  # a case.yml address that is not http(s) is shown, not linked
    assert "&lt;a href=&quot;javascript:" in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;A. Writer&lt;/b&gt;" in page


def test_out_in_a_folder_that_does_not_exist(tmp_path):
    result = cli("analyze", "rostec-venezuela-2019", "--out", "no/such/page.html", "--no-charts", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout == "no/such: this folder does not exist; create it first or choose another --out\n"
    assert list(tmp_path.iterdir()) == []


def test_out_that_is_a_folder(tmp_path):
    (tmp_path / "pages").mkdir()
    result = cli("analyze", "rostec-venezuela-2019", "--out", "pages", "--no-charts", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == "pages: is a folder; give a file name for the page, e.g. --out my_story.html\n"


def test_out_where_nothing_can_be_written(tmp_path):
    result = cli("analyze", "rostec-venezuela-2019", "--out", "/proc/page.html", "--no-charts", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("/proc/page.html: cannot write the page (")
    assert "no page was written. Choose another --out (a folder of your own)." in result.stderr


def test_a_failed_analyze_keeps_the_previous_page(small_case):
    folder = small_case()
    page = folder.parent / "page.html"
    assert cli("analyze", folder.name, "--out", "page.html", "--no-charts", cwd=folder.parent).returncode == 0
    good = page.read_bytes()
    (folder / "reports" / "first.txt").write_bytes(b"")  # now the case is broken
    result = cli("analyze", folder.name, "--out", "page.html", cwd=folder.parent)
    assert result.returncode == 1 and "report is empty" in result.stdout
    assert page.read_bytes() == good
    assert sorted(p.name for p in folder.parent.iterdir()) == ["page.html", "small-case"]


def test_killed_in_the_middle_of_writing_leaves_no_half_page(tmp_path):
    """Kill analyze while it writes: the page is either the old one or the new one."""
    page = tmp_path / "page.html"
    page.write_text(OLD_PAGE, encoding="utf-8")
    script = (
        "import os, signal, sys\n"
        "from helpers.analyze import analyze_case, write_report\n"
        "real_fsync = os.fsync\n"
        "def die(fd):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)  # as if the power went, after the bytes were written\n"
        "os.fsync = die\n"
        f"write_report(analyze_case('rostec-venezuela-2019', charts=False), {str(page)!r})\n"
    )
    environment = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    environment["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, timeout=300)
    assert result.returncode == -9
    assert page.read_text(encoding="utf-8") == OLD_PAGE
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "page.html"]
    assert all(name.startswith(".page.html.") and name.endswith(".part") for name in leftovers)
