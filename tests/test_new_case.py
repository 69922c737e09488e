"""`new-case DIR [FILE ...]`: a teacher's articles become a case that passes `check` as it is."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT
from helpers import CaseError, check_case, load_case
from helpers.new_case import new_case


def write(folder, name, data):
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


def test_files_become_reports_with_ids_from_their_names(tmp_path, articles):
    utf8 = write(articles, "The Guardian.txt", "Ministers said “about 300” came.\n")
    markdown = write(articles, "bbc-news.md", "# Headline\n\nA *source* said 12 came.\n")
    bom_crlf = write(articles, "Le Monde (Paris).TXT", b"\xef\xbb\xbfUn texte\r\nen deux lignes.\r\n")
    folder, warnings = new_case(tmp_path / "this-week", [utf8, markdown, bom_crlf])
    assert warnings == []
    case = load_case(folder)
    assert list(case.reports) == ["the-guardian", "bbc-news", "le-monde-paris"]
    assert case.title == "This week"
    # copied byte for byte, Markdown kept as Markdown
    assert (folder / "reports" / "the-guardian.txt").read_bytes() == utf8.read_bytes()
    assert (folder / "reports" / "bbc-news.md").read_bytes() == markdown.read_bytes()
    assert (folder / "reports" / "le-monde-paris.txt").read_bytes() == bom_crlf.read_bytes()
    assert case.reports["le-monde-paris"].text == "Un texte\r\nen deux lignes.\r\n"
    assert (folder / "annotations" / "README.md").is_file()


def test_the_new_case_yml_lists_what_to_fill_in(tmp_path, articles):
    folder, _ = new_case(tmp_path / "story", [write(articles, "a.txt", "Text.\n")], title='A "quoted": title # not a comment')
    text = (folder / "case.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    assert config["title"] == 'A "quoted": title # not a comment'
    report = config["reports"][0]
    assert report == {"id": "a", "file": "reports/a.txt", "outlet": "a (fill in the outlet)", "author": None,
                      "date": None, "url": None, "capture": "web", "note": "copied from a.txt"}
    assert "# who published it" in text and "python -m helpers check" in text


def test_same_names_get_different_ids(tmp_path, articles):
    one = write(articles, "news.txt", "One.\n")
    (articles / "sub").mkdir()
    two = write(articles / "sub", "news.txt", "Two.\n")
    folder, _ = new_case(tmp_path / "c", [one, two])
    assert list(load_case(folder).reports) == ["news", "news-2"]


def test_the_same_file_twice_is_copied_once(tmp_path, articles):
    one = write(articles, "news.txt", "One.\n")
    folder, warnings = new_case(tmp_path / "c", [one, one])
    assert list(load_case(folder).reports) == ["news"]
    assert len(warnings) == 1 and warnings[0].endswith("news.txt: given twice; copied once")


def test_windows_1252_is_converted_with_a_warning(tmp_path, articles):
    path = write(articles, "old.txt", b"Line one\r\nCaf\xe9 \x93cr\xe8me\x94 \x96 50\x80\r\n")
    folder, warnings = new_case(tmp_path / "c", [path])
    assert load_case(folder).reports["old"].text == "Line one\r\nCafé “crème” – 50€\r\n"
    assert len(warnings) == 1
    assert 'old.txt: was not UTF-8 (line 2, offset 13: byte 0xe9, "é" in Windows-1252); it was read as Windows-1252' in warnings[0]
    assert "check its accented letters" in warnings[0]


def test_bytes_that_are_neither_utf8_nor_windows_1252_are_refused(tmp_path, articles):
    path = write(articles, "odd.txt", b"Line one\nabc \x81\x8d\n")
    message = refused(tmp_path, path)
    assert message.endswith("odd.txt:2: not UTF-8 text: byte 0x81 at offset 13 cannot be read, nor is it Windows-1252; save the file as UTF-8")


def test_utf16_from_notepad_is_converted(tmp_path, articles):
    path = write(articles, "notepad.txt", "Unicode text, ünïcödé.\r\n".encode("utf-16"))
    folder, warnings = new_case(tmp_path / "c", [path])
    assert load_case(folder).reports["notepad"].text == "Unicode text, ünïcödé.\r\n"
    assert "UTF-16" in warnings[0]


def test_no_files_makes_an_example_that_passes_check(tmp_path):
    folder, warnings = new_case(tmp_path / "empty-start")
    case, problems = check_case(folder)
    assert problems == [] and list(case.reports) == ["example"]
    assert "Replace this text with a news article." in case.reports["example"].text


def test_an_existing_empty_folder_is_used(tmp_path, articles):
    (tmp_path / "ready").mkdir()
    folder, _ = new_case(tmp_path / "ready", [write(articles, "a.txt", "Text.\n")])
    assert list(load_case(folder).reports) == ["a"]


def refused(tmp_path, *files, folder="c") -> str:
    target = tmp_path / folder
    existed = target.exists()
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(CaseError) as caught:
        new_case(target, files)
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "nothing is created, no leftovers"
    assert target.exists() == existed
    return str(caught.value)


def test_a_folder_in_use_is_never_overwritten(tmp_path, articles):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "notes.txt").write_text("mine", encoding="utf-8")
    message = refused(tmp_path, write(articles, "a.txt", "Text.\n"))
    assert "c: already exists and is not empty; choose a new folder name (new-case never overwrites anything)" in message
    assert (tmp_path / "c" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_every_bad_file_is_listed_and_nothing_is_created(tmp_path, articles):
    files = [
        articles / "missing.txt",
        write(articles, "empty.txt", " \n\n"),
        write(articles, "scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        write(articles, "letter.docx", b"PK\x03\x04\x14\x00\x06\x00"),
        write(articles, "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        write(articles, "data.bin", b"abc\x00\x01\x02"),
        articles,
    ]
    message = refused(tmp_path, *files)
    lines = message.splitlines()
    assert len(lines) == len(files)
    assert lines[0].endswith("missing.txt: no such file; check the name (put a name with spaces in quotes)")
    assert lines[1].endswith("empty.txt: is empty; paste the article's text into it first")
    assert lines[2].endswith("scan.pdf: is a PDF document, not plain text; open it, copy the article's text and save that as a .txt file (UTF-8)")
    assert "letter.docx: is a Word, OpenDocument or zip file, not plain text" in lines[3]
    assert "photo.png: is a picture, not plain text" in lines[4]
    assert lines[5].endswith("data.bin: is a binary file, not plain text; save the article as a .txt file (UTF-8)")
    assert lines[6].endswith("downloads: is a folder; give the article files themselves (e.g. folder/*.txt)")


def test_a_20_mb_file_is_refused_at_once(tmp_path, articles):
    big = articles / "book.txt"
    with big.open("wb") as handle:
        handle.truncate(20_000_000)  # sparse: no need to write 20 MB to see the size check
    message = refused(tmp_path, big)
    assert "book.txt: is 20.0 MB; the kit reads news articles up to 2 MB. Give one article per file" in message


def test_a_file_one_byte_over_the_limit_says_a_size_over_the_limit(tmp_path, articles):
    """It said "is 2.0 MB; the kit reads news articles up to 2 MB"."""
    big = articles / "book.txt"
    with big.open("wb") as handle:
        handle.truncate(2_000_001)
    message = refused(tmp_path, big)
    assert "book.txt: is 2,000,001 bytes; the kit reads news articles up to 2,000,000 bytes (2 MB)" in message


def test_a_file_of_invisible_characters_only_is_empty(tmp_path, articles):
    message = refused(tmp_path, write(articles, "blank.txt", "\u202e\u200b\n"))
    assert message.endswith("blank.txt: is empty; paste the article's text into it first")


def test_the_current_folder_when_empty_becomes_the_case(tmp_path, articles):
    """`new-case . a.txt` in an empty folder said "cannot create the case (Invalid argument)"."""
    write(articles, "a.txt", "Rostec said a few dozen advisers stayed.\n")
    here = tmp_path / "my-story"
    here.mkdir()
    made = run("new-case", ".", str(articles / "a.txt"), cwd=here)
    assert made.returncode == 0, made.stdout + made.stderr
    assert made.stdout.splitlines()[0] == "Made the case . with 1 report."
    assert "--out my-story.html" in made.stdout
    assert sorted(p.name for p in here.iterdir()) == ["annotations", "case.yml", "reports"]
    case = load_case(here)
    assert list(case.reports) == ["a"] and case.title == "My story"


def test_a_link_to_an_empty_folder_is_filled_and_stays_a_link(tmp_path, articles):
    """A link to an empty folder said "cannot create the case (Not a directory)"."""
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to("real")
    made = run("new-case", "link", str(write(articles, "a.txt", "Text.\n")), cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    assert (tmp_path / "link").is_symlink()
    case = load_case(tmp_path / "real")
    assert list(case.reports) == ["a"] and case.title == "Link"


def test_a_link_to_nowhere_is_refused_and_left_alone(tmp_path, articles):
    (tmp_path / "c").symlink_to("nowhere")
    message = refused(tmp_path, write(articles, "a.txt", "Text.\n"))
    assert "c: is a link to a folder that does not exist" in message
    assert (tmp_path / "c").is_symlink()


def run(*args, cwd):
    environment = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "helpers", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=300)


def test_command_then_check_then_analyze(tmp_path, articles):
    write(articles, "first story.txt", "Officials said about 300 soldiers arrived, a source close to the ministry said.\n")
    write(articles, "second.md", "About 300 soldiers arrived, a source close to the ministry said. The regime denied it.\n")
    made = run("new-case", "week-12", str(articles / "first story.txt"), str(articles / "second.md"), cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    assert made.stdout.splitlines()[:2] == [
        "Made the case week-12 with 2 reports.",
        "Next: fill in outlet, author, date and url in week-12/case.yml, then run",
    ]
    checked = run("check", "week-12", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.splitlines()[-1].startswith("week-12: OK: 2 reports"), checked.stdout
    assert "(2 warnings above)" in checked.stdout  # the two outlets are still new-case's placeholders
    analyzed = run("analyze", "week-12", "--out", "week-12.html", "--no-charts", cwd=tmp_path)
    assert analyzed.returncode == 0, analyzed.stdout + analyzed.stderr
    assert (tmp_path / "week-12.html").read_text(encoding="utf-8").count('<details id="report-') == 2


def test_command_refuses_with_file_problem_and_no_traceback(tmp_path, articles):
    write(articles, "scan.pdf", b"%PDF-1.4\n")
    result = run("new-case", "c", "downloads/scan.pdf", "downloads/nope.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "downloads/scan.pdf: is a PDF document, not plain text; open it, copy the article's text and save that as a .txt file (UTF-8)",
        "downloads/nope.txt: no such file; check the name (put a name with spaces in quotes)",
    ]
    assert "2 problems found; nothing was created." in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "c").exists()


def test_check_warns_while_an_outlet_is_still_the_placeholder(tmp_path, articles):
    """check says which line of case.yml still holds new-case's "(fill in the outlet)";
    a warning, so the exit code stays 0; it goes once the outlet is filled in."""
    write(articles, "bbc.txt", "Officials said about 300 soldiers arrived.\n")
    write(articles, "guardian.txt", "About 300 soldiers arrived, a source said.\n")
    assert run("new-case", "wk", str(articles / "bbc.txt"), str(articles / "guardian.txt"), cwd=tmp_path).returncode == 0
    config = tmp_path / "wk" / "case.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    placeholder_lines = [n for n, line in enumerate(lines, 1) if "(fill in the outlet)" in line]
    assert len(placeholder_lines) == 2
    checked = run("check", "wk", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    warnings = [line for line in checked.stdout.splitlines() if "warning:" in line]
    assert warnings == [
        f'wk/case.yml:{placeholder_lines[0]}: warning: the outlet of report "bbc" is still "bbc (fill in the outlet)"; '
        "write who published it there (e.g. BBC News)",
        f'wk/case.yml:{placeholder_lines[1]}: warning: the outlet of report "guardian" is still '
        '"guardian (fill in the outlet)"; write who published it there (e.g. BBC News)',
    ]
    assert "Traceback" not in checked.stderr
    # Fill in one outlet: only the other is still flagged.
    config.write_text(config.read_text(encoding="utf-8").replace('"bbc (fill in the outlet)"', '"BBC News"'),
                      encoding="utf-8")
    checked = run("check", "wk", cwd=tmp_path)
    assert checked.returncode == 0
    assert [line.split(": warning:")[0] for line in checked.stdout.splitlines() if "warning:" in line] == [
        f"wk/case.yml:{placeholder_lines[1]}"]
    assert checked.stdout.splitlines()[-1].endswith("(1 warning above)")


def test_check_warns_about_the_example_outlet_and_not_about_a_real_one(tmp_path):
    from helpers.new_case import placeholder_warnings

    folder, _ = new_case(tmp_path / "start")
    case, problems = check_case(folder)
    assert problems == []
    warned = placeholder_warnings(case)
    assert len(warned) == 1 and warned[0].line is not None
    assert "Example (replace with the outlet)" in str(warned[0])
    assert "replace with the outlet" in (folder / "case.yml").read_text(encoding="utf-8").splitlines()[warned[0].line - 1]
    checked = run("check", "start", cwd=tmp_path)
    assert checked.returncode == 0
    assert checked.stdout.splitlines()[-1].startswith("start: OK: 1 report, ")  # not "1 reports"
    assert checked.stdout.splitlines()[-1].endswith("(1 warning above)")
    shipped = load_case("rostec-venezuela-2019")
    assert placeholder_warnings(shipped) == []


def test_the_templates_commented_original_and_aliases_are_accepted_once_filled_in(tmp_path, articles):
    # a teacher who takes out the "#" before the example original and aliases gets a case
    # that check accepts, with the short names read (they lead a report's "WSJ" to the original)
    folder, _ = new_case(tmp_path / "story", [write(articles, "a.txt", "Text.\n")])
    config = folder / "case.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    example = ("# original:", "#   outlet:", "#   aliases:", "#   author:", "#   date:", "    # aliases:")
    uncommented = [line.replace("# ", "", 1) if line.startswith(example) else line for line in lines]
    assert sum(a != b for a, b in zip(lines, uncommented)) == len(example)
    config.write_text("\n".join(uncommented) + "\n", encoding="utf-8")
    case = load_case(folder)
    assert case.original["aliases"] == ["WSJ", "the Journal"]
    assert case.reports["a"].aliases == ["BBC"]
