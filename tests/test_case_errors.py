"""Every mistake a teacher can make in a case gets `file:line: problem`, never a traceback."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import GOOD_CASE_YML, ROOT
from helpers import CaseError, load_case


def error_of(folder) -> str:
    with pytest.raises(CaseError) as caught:
        load_case(folder)
    return str(caught.value)


def test_a_good_small_case_loads(small_case):
    case = load_case(small_case())
    assert list(case.reports) == ["first", "second"]
    assert case.reports["first"].date.isoformat() == "2020-01-02"


def test_missing_case_yml(small_case):
    folder = small_case()
    (folder / "case.yml").unlink()
    message = error_of(folder)
    assert "case.yml: case.yml is missing" in message


def test_missing_case_folder(tmp_path):
    assert "no such case folder" in error_of(tmp_path / "nowhere")


def test_yaml_syntax_error_names_the_line(small_case):
    broken = GOOD_CASE_YML.replace("    outlet: First Outlet", "    outlet: First: Outlet: [")
    message = error_of(small_case(broken))
    assert "case.yml:" in message and "YAML syntax error" in message
    line = int(message.split("case.yml:")[1].split(":")[0])
    assert line in (5, 6)


def test_missing_required_key(small_case):
    message = error_of(small_case(GOOD_CASE_YML.replace("    outlet: Second Outlet\n", "")))
    assert 'report "second" is missing the required key "outlet"' in message
    assert "case.yml:8:" in message  # the line where that report starts


def test_unknown_key_suggests_the_closest(small_case):
    message = error_of(small_case(GOOD_CASE_YML.replace("    author: A. Writer", "    autor: A. Writer")))
    assert 'case.yml:6: unknown key "autor" in report "first" (did you mean "author"?)' in message


def test_report_file_missing(small_case):
    folder = small_case(reports={"second.txt": None})
    message = error_of(folder)
    assert "case.yml:9: report file second.txt is missing" in message


def test_empty_report(small_case):
    message = error_of(small_case(reports={"first.txt": "  \n\n"}))
    assert "first.txt: report is empty" in message


def test_undecodable_bytes_name_the_byte_and_line(small_case):
    message = error_of(small_case(reports={"first.txt": b"Line one\nCaf\xe9 au lait\n"}))
    assert "first.txt:2: not UTF-8 text: byte 0xe9 at offset 12" in message


def test_binary_file(small_case):
    message = error_of(small_case(reports={"first.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR"}))
    assert "first.txt: this is a binary file, not plain text" in message


def test_byte_order_mark_and_windows_line_endings_are_accepted(small_case):
    case = load_case(small_case(reports={"first.txt": b"\xef\xbb\xbfHello\r\nworld\r\n"}))
    assert case.reports["first"].text == "Hello\r\nworld\r\n"


def test_duplicate_ids(small_case):
    message = error_of(small_case(GOOD_CASE_YML.replace("id: second", "id: first")))
    assert 'case.yml:8: report id "first" is used twice' in message


def test_a_key_written_twice(small_case):
    message = error_of(small_case(GOOD_CASE_YML.replace("    date: null\n", "    date: null\n    outlet: Again\n")))
    assert 'key "outlet" is written twice (first on line 10)' in message


def test_changed_report_fails_its_sha256(small_case):
    yml = GOOD_CASE_YML.replace("    date: 2020-01-02\n", "    date: 2020-01-02\n    sha256: " + "ab" * 32 + "\n")
    message = error_of(small_case(yml))
    assert "case.yml:8: reports/first.txt is not the text that was captured" in message


def test_bad_date_and_capture(small_case):
    yml = GOOD_CASE_YML.replace("date: 2020-01-02", "date: last Tuesday").replace("    date: null", "    date: null\n    capture: pdff")
    message = error_of(small_case(yml))
    assert 'date of report "first" must look like 2019-06-02' in message
    assert 'capture "pdff" of report "second" is not one of' in message and '(did you mean "pdf"?)' in message


def test_relation_to_an_unknown_report(small_case):
    yml = GOOD_CASE_YML + "    relations:\n      - report: frist\n        kind: captures\n"
    message = error_of(small_case(yml))
    assert 'names report "frist", which is not in this case (did you mean "first"?)' in message


def test_every_problem_is_listed_at_once(small_case):
    yml = GOOD_CASE_YML.replace("author: A. Writer", "autor: A. Writer").replace("date: null", "date: someday")
    assert len(error_of(small_case(yml)).splitlines()) == 2


def run_check(*args):
    return subprocess.run([sys.executable, "-m", "helpers", "check", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_check_command_prints_file_line_problem_and_exits_1(small_case):
    folder = small_case(GOOD_CASE_YML.replace("author: A. Writer", "autor: A. Writer"))
    result = run_check(str(folder))
    assert result.returncode == 1
    assert result.stdout.strip().endswith('case.yml:6: unknown key "autor" in report "first" (did you mean "author"?)')
    assert "Traceback" not in result.stdout + result.stderr


def test_check_command_on_the_shipped_case_prints_one_summary_line():
    result = run_check("rostec-venezuela-2019")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rostec-venezuela-2019: OK: 5 reports")


# --- check lists the answer key's problems too while case.yml has some (teacher review) --

@pytest.fixture
def shipped_copy(tmp_path):
    """A copy of the shipped case a test may break."""
    import shutil

    folder = tmp_path / "rostec-copy"
    shutil.copytree(ROOT / "data" / "cases" / "rostec-venezuela-2019", folder)
    return folder


def _break(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_check_lists_the_answer_key_problems_with_the_case_yml_ones(shipped_copy):
    _break(shipped_copy / "case.yml", "summary:", "sumary:")               # a typo'd key at the top
    _break(shipped_copy / "case.yml", "    author: Ben Kew", "    autor: Ben Kew")   # and in a report
    _break(shipped_copy / "annotations" / "numbers.csv", "breitbart,21 nations,", "breitbart,21 natons,")
    result = run_check(str(shipped_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    said = result.stdout
    assert 'unknown key "sumary" in case.yml (did you mean "summary"?)' in said
    assert 'unknown key "autor" in report "breitbart" (did you mean "author"?)' in said
    numbers = [line for line in said.splitlines() if "numbers.csv:" in line]
    assert len(numbers) == 1 and "numbers.csv:5:" in numbers[0] and "21 natons" in numbers[0], said
    assert "3 problems found." in result.stderr and "run check again" not in result.stderr
    # the answer key anchored in the reports: no other row of it is blamed
    assert not [line for line in said.splitlines() if "/annotations/" in line and "numbers.csv:5:" not in line]
    with pytest.raises(CaseError):  # the case itself is still refused until case.yml is right
        load_case(shipped_copy)


def test_check_says_to_run_again_when_the_reports_cannot_be_read(shipped_copy):
    _break(shipped_copy / "case.yml", "file: reports/breitbart.txt", "file: reports/breitbart-missing.txt")
    _break(shipped_copy / "annotations" / "numbers.csv", "breitbart,21 nations,", "breitbart,21 natons,")
    result = run_check(str(shipped_copy))
    assert result.returncode == 1
    assert "breitbart-missing.txt is missing" in result.stdout
    assert "numbers.csv" not in result.stdout
    assert result.stderr.strip().endswith("fix these, then run check again to see the rest."), result.stderr


# --- aliases: the short names other reports use for an outlet (helpers.outlets) --------

def test_aliases_of_the_original_and_of_a_report_are_read(small_case):
    case = load_case(small_case(GOOD_CASE_YML.replace("title: A small test story\n", (
        "title: A small test story\noriginal:\n  outlet: The Wall Street Journal\n  aliases: [WSJ, the Journal]\n"))
        .replace("    outlet: First Outlet\n", "    outlet: First Outlet\n    aliases: First\n")))
    assert case.original["aliases"] == ["WSJ", "the Journal"]
    assert case.reports["first"].aliases == ["First"]
    assert case.reports["second"].aliases == []


def test_an_alias_that_is_no_name_is_refused_with_its_line(small_case):
    message = error_of(small_case(GOOD_CASE_YML.replace("    outlet: First Outlet\n",
                                                        "    outlet: First Outlet\n    aliases:\n      - FO\n      - the\n")))
    assert 'case.yml:8: alias "the" of report "first" is no name' in message


def test_an_alias_given_for_two_outlets_is_refused(small_case):
    message = error_of(small_case(GOOD_CASE_YML
                                  .replace("    outlet: First Outlet\n", "    outlet: First Outlet\n    aliases: [the Outlet]\n")
                                  .replace("    outlet: Second Outlet\n", "    outlet: Second Outlet\n    aliases: [Outlet]\n")))
    assert 'case.yml:12: alias "Outlet" is given for Second Outlet and, on line 6, for First Outlet: ' \
        "a reader could not tell which it means" in message


def test_an_alias_that_is_another_outlets_name_is_refused(small_case):
    # check said OK, and the kit then read the name as the other outlet: the alias did nothing
    message = error_of(small_case(GOOD_CASE_YML.replace("    outlet: First Outlet\n",
                                                        "    outlet: First Outlet\n    aliases: [Second Outlet]\n")))
    assert 'case.yml:6: alias "Second Outlet" is given for First Outlet, but it is the name of another outlet ' \
        "of this story (Second Outlet)" in message
