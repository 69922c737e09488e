"""The journal: saved as typed, atomically, outside the repository; never lost."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from helpers.widgets import journal as journal_module
from helpers.widgets.journal import Journal, JournalWarning, default_journal, export_journal, journal_home, journal_markdown

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "kit-home"
    monkeypatch.setenv("MEDIA_KIT_HOME", str(folder))
    return folder


def test_home_follows_media_kit_home_then_xdg_then_home(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIA_KIT_HOME", str(tmp_path / "a"))
    assert journal_home() == tmp_path / "a"
    monkeypatch.delenv("MEDIA_KIT_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert journal_home() == tmp_path / "xdg" / "media-literacy-kit"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    assert journal_home() == tmp_path / "me" / ".local" / "share" / "media-literacy-kit"


def test_default_journal_lives_outside_the_repository(home):
    journal = default_journal()
    assert journal.path == home / "journal.json"
    assert ROOT not in journal.path.parents


def test_an_answer_is_on_disk_as_soon_as_it_is_set(home):
    journal = Journal()
    assert journal.set("01/q1", {"kind": "choice", "answer": "B"})
    data = json.loads((home / "journal.json").read_text(encoding="utf-8"))
    assert data["entries"]["01/q1"]["answer"] == "B"
    assert "saved" in data["entries"]["01/q1"]
    assert Journal().get("01/q1")["answer"] == "B"
    leftovers = [p.name for p in home.iterdir() if p.name not in ("journal.json", "journal.json.lock")]
    assert leftovers == []  # the temporary file was renamed, not left behind


def test_two_notebooks_saving_to_one_journal_keep_each_others_answers(home):
    first, second = Journal(), Journal()
    first.set("01/a", {"answer": "one"})
    second.set("02/b", {"answer": "two"})
    first.set("01/a", {"answer": "one, changed"})
    entries = Journal().entries()
    assert entries["01/a"]["answer"] == "one, changed"
    assert entries["02/b"]["answer"] == "two"


def test_a_failed_write_leaves_the_old_journal_whole(home, monkeypatch):
    journal = Journal()
    journal.set("k", {"answer": "old"})
    before = (home / "journal.json").read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal_module.os, "replace", broken_replace)
    with pytest.warns(JournalWarning, match="cannot be saved"):
        assert journal.set("k", {"answer": "new"}) is False
    assert (home / "journal.json").read_bytes() == before
    assert journal.get("k")["answer"] == "new"  # kept in memory, and the student is told
    assert [p.name for p in home.iterdir() if p.suffix == ".tmp"] == []


def test_a_corrupt_journal_is_set_aside_with_a_warning_and_never_lost(home):
    home.mkdir(parents=True)
    damaged = b'{"version": 1, "entries": {"01/q1": {"answer": "half'
    (home / "journal.json").write_bytes(damaged)
    with pytest.warns(JournalWarning, match="could not be read"):
        journal = Journal()
    aside = list(home.glob("journal.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged
    assert journal.warnings and str(aside[0]) in journal.warnings[0]
    assert journal.set("01/q1", {"answer": "again"})
    assert Journal().get("01/q1")["answer"] == "again"


def test_a_journal_that_is_not_a_journal_is_set_aside_too(home):
    home.mkdir(parents=True)
    (home / "journal.json").write_text("[1, 2, 3]")
    with pytest.warns(JournalWarning):
        journal = Journal()
    assert journal.entries() == {}
    assert list(home.glob("journal.json.corrupt-*"))


def test_an_unwritable_folder_keeps_answers_in_memory_and_says_so(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the journal folder should be")
    monkeypatch.setenv("MEDIA_KIT_HOME", str(blocker / "kit"))
    journal = Journal()
    with pytest.warns(JournalWarning, match="MEDIA_KIT_HOME"):
        assert journal.set("01/q1", {"answer": "kept"}) is False
    assert journal.get("01/q1")["answer"] == "kept"


def test_export_writes_one_markdown_file_to_hand_in(home, tmp_path):
    journal = Journal()
    journal.set("01/q1", {"kind": "choice", "prompt": "Who is the source?", "answer": "An unnamed official",
                          "correct": True})
    journal.set("01/reflection", {"kind": "reflection", "prompt": "What surprised you?",
                                  "answer": "The numbers.\nAnd the photo."})
    journal.set("01/spot", {"kind": "spot_it", "prompt": "Tick", "answer": ["Sentence one.", "Sentence two."]})
    path = export_journal(tmp_path / "out" / "mine.md", journal)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# My media-literacy journal")
    assert "*Multiple choice*" in text and "An unnamed official" in text
    assert "> The numbers.\n> And the photo." in text
    assert "- Sentence two." in text
    assert "**Correct:** yes" in text


def test_export_by_default_writes_my_journal_md_in_the_journal_folder(home, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    journal = default_journal()
    journal.set("06/own", {"kind": "own_story", "prompt": "Paste", "answer": "Text.", "outlet": "Town Paper"})
    path = export_journal()
    assert path == (journal_home() / "my_journal.md").resolve() == (journal.path.parent / "my_journal.md").resolve()
    text = path.read_text(encoding="utf-8")
    assert "*My own story*" in text and "**Outlet:** Town Paper" in text
    assert not (tmp_path / "my_journal.md").exists(), "nothing is written into the current (kit's) folder"
    other = Journal(tmp_path / "elsewhere" / "journal.json")
    assert export_journal(journal=other) == (tmp_path / "elsewhere" / "my_journal.md").resolve()
    assert export_journal("relative.md", journal) == (tmp_path / "relative.md").resolve()  # a given path is from cwd
    (tmp_path / "folder").mkdir()
    assert export_journal(tmp_path / "folder", journal).name == "my_journal.md"


def test_export_falls_back_to_the_current_folder_when_the_journal_folder_is_unwritable(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the journal folder should be")
    monkeypatch.setenv("MEDIA_KIT_HOME", str(blocker / "kit"))
    monkeypatch.chdir(tmp_path)
    journal = Journal()
    with pytest.warns(JournalWarning):
        journal.set("01/q1", {"answer": "kept"})
    path = export_journal(journal=journal)
    assert path == (tmp_path / "my_journal.md").resolve() and "kept" in path.read_text(encoding="utf-8")


def test_download_link_carries_the_exported_journal_and_escapes_the_path(home):
    import base64
    import re

    from helpers.widgets.journal import download_journal

    journal = Journal()
    journal.set("06/reflection", {"kind": "reflection", "prompt": "Was your guess right?",
                                  "answer": "Not quite <b>at all</b>."})
    markup = download_journal(journal).data
    payload = re.search(r'href="data:text/markdown;charset=utf-8;base64,([A-Za-z0-9+/=]+)"', markup).group(1)
    downloaded = base64.b64decode(payload).decode("utf-8")
    assert downloaded == (home / "my_journal.md").read_text(encoding="utf-8")
    # the file keeps the student's words: escaped, so a Markdown viewer shows "<b>" as typed
    assert "Not quite &lt;b&gt;at all&lt;/b&gt;." in downloaded
    assert 'download="my_journal.md"' in markup and "<b>at all</b>" not in markup


# --- hostile and careless input (issue: a journal never silently dropped) -------------

def test_a_journal_from_a_newer_version_is_set_aside_not_overwritten(home):
    home.mkdir(parents=True)
    newer = json.dumps({"version": 2, "entries": {"01/q1": {"answer": "from the future"}}})
    (home / "journal.json").write_text(newer)
    with pytest.warns(JournalWarning, match="newer version"):
        journal = Journal()
    assert journal.set("01/q2", {"answer": "today"})
    aside = list(home.glob("journal.json.newer-*"))
    assert len(aside) == 1 and aside[0].read_text() == newer
    assert str(aside[0]) in journal.warnings[0]
    assert list(Journal().entries()) == ["01/q2"]


def test_entries_that_are_not_objects_are_kept_aside_and_the_others_kept(home):
    home.mkdir(parents=True)
    odd = json.dumps({"version": 1, "entries": {"01/q1": {"answer": "good"}, "01/q2": "a bare string",
                                                "01/q3": [1, 2]}})
    (home / "journal.json").write_text(odd)
    with pytest.warns(JournalWarning, match="could not be read"):
        journal = Journal()
    assert journal.get("01/q1")["answer"] == "good"
    assert journal.set("01/q4", {"answer": "new"})
    aside = list(home.glob("journal.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text() == odd
    assert set(Journal().entries()) == {"01/q1", "01/q4"}


def test_a_newer_journal_written_by_another_notebook_meanwhile_is_not_overwritten(home):
    journal = Journal()
    journal.set("01/q1", {"answer": "mine"})
    newer = json.dumps({"version": 7, "entries": {"x": {"answer": "theirs"}}})
    (home / "journal.json").write_text(newer)
    with pytest.warns(JournalWarning, match="newer version"):
        assert journal.set("01/q2", {"answer": "also mine"})
    assert [p.read_text() for p in home.glob("journal.json.newer-*")] == [newer]
    assert set(Journal().entries()) == {"01/q1", "01/q2"}


def test_a_save_deletes_stale_temporary_files_of_killed_saves_and_nothing_else(home):
    journal = Journal()
    journal.set("01/q1", {"answer": "one"})
    old = journal_module.time.time() - 2 * journal_module.STALE_SECONDS
    stale = [home / f"journal.json.{name}.tmp" for name in ("abcd1234", "x_y_z_00", "q9q9q9q9")]
    fresh = home / "journal.json.fresh123.tmp"            # a save may be writing it now
    other = home / "notes.txt.abcd1234.tmp"                # not the journal's
    export_tmp = home / "my_journal.md.abcd1234.tmp"       # not the journal's either
    odd_name = home / "journal.json.abcd1234.tmp.keep"    # not a name a save makes
    folder_named_so = home / "journal.json.dir12345.tmp"  # a folder, not a file
    for path in stale + [fresh, other, export_tmp, odd_name]:
        path.write_text("half a journal")
    folder_named_so.mkdir()
    for path in stale + [other, export_tmp, odd_name, folder_named_so]:
        os.utime(path, (old, old))
    assert journal.set("01/q2", {"answer": "two"})
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in (fresh, other, export_tmp, odd_name, folder_named_so))
    assert set(Journal().entries()) == {"01/q1", "01/q2"}


def test_the_cannot_be_saved_warning_goes_when_saving_works_again(home, monkeypatch):
    from helpers.widgets.exercises import SavesToJournal

    journal = Journal()
    exercise = SavesToJournal()
    exercise.prompt = "Who said it?"
    exercise.status = ""
    exercise._setup_journal("01/q1", journal)
    real_replace = journal_module.os.replace

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal_module.os, "replace", full_disk)
    with pytest.warns(JournalWarning, match="cannot be saved"):
        exercise._save("first try")
    assert "cannot be saved" in exercise.status and "Saved at" not in exercise.status
    monkeypatch.setattr(journal_module.os, "replace", real_replace)  # the disk has room again
    exercise._save("second try")
    assert "Saved at" in exercise.status
    assert "cannot be saved" not in exercise.status and journal.warnings == []


def test_the_exported_journal_shows_typed_html_as_text(home, tmp_path):
    journal = Journal()
    journal.set("01/q1", {"kind": "reflection", "prompt": "What did you notice?",
                          "answer": 'I think <script>alert("x")</script>\n<img src=x onerror=alert(1)> & <b>bold</b>'})
    journal.set("06/story", {"kind": "own_story", "outlet": "<i>The Daily</i>", "answer": ["<u>one</u>"]})
    text = export_journal(tmp_path / "out.md", journal=journal).read_text(encoding="utf-8")
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert "<i>" not in text and "<u>" not in text
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in text
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in text
    assert "&lt;i&gt;The Daily&lt;/i&gt;" in text and "- &lt;u&gt;one&lt;/u&gt;" in text


# -- student review (i15): the journal a student hands in reads as the pages did ------------

def _visible(markdown: str) -> str:
    """What a reader of the rendered file sees: the comments are not shown."""
    import re

    return re.sub(r"<!--.*?-->", "", markdown, flags=re.S)


def test_the_handed_in_journal_names_the_notebook_and_exercise_not_the_keys(home):
    # Notebook 04 opens "# Numbers: how big is "a few dozen"?" and asks its first question under
    # "### Exercise 1: How many is "a few dozen"?"; notebook 06 asks for the own story under
    # "## Your own story (part 2: homework or a second class)".
    from helpers.class_report import parse_export

    journal = default_journal()
    journal.set("04_numbers/few-dozen", {"kind": "choice", "prompt": "How many?", "answer": "24 to 48",
                                         "correct": True})
    journal.set("06_put_it_together/own-story-text", {"kind": "own_story", "prompt": "Paste", "answer": "Text."})
    text = journal_markdown(journal)
    shown = _visible(text)
    assert '## Numbers: how big is "a few dozen"? \u00b7 Exercise 1: How many is "a few dozen"?' in shown
    assert "## Put it together: how much should I trust it? \u00b7 Your own story" in shown
    for code in ("04_numbers", "few-dozen", "own-story-text", "06_put_it_together", "journal.json",
                 str(journal.path.parent)):
        assert code not in shown, code
    # the class report still reads every entry back under its key
    entries = parse_export(text)
    assert entries["04_numbers/few-dozen"]["answer"] == "24 to 48"
    assert entries["04_numbers/few-dozen"]["kind"] == "choice"
    assert entries["06_put_it_together/own-story-text"]["kind"] == "own_story"


def test_an_also_defensible_answer_is_handed_in_as_such_not_as_the_key_answer(home):
    # a student who picked Global Research in 06 Exercise 2 saw "Also defensible"; the
    # journal the teacher reads said "Correct: yes", like the key answer
    journal = Journal()
    journal.set("06_put_it_together/both-sides", {"kind": "choice", "prompt": "Both sides?",
                                                  "answer": "Global Research", "correct": True,
                                                  "defensible": True})
    journal.set("06_put_it_together/other", {"kind": "choice", "prompt": "Other?", "answer": "A",
                                             "correct": True})
    text = journal_markdown(journal)
    assert "**Correct:** also defensible (the texts allow more than one answer here)" in text
    assert text.count("**Correct:** yes") == 1


def test_the_reader_says_a_sure_mark_is_not_a_right_mark():
    from helpers.widgets import reader
    assert "Sure does not mean right" in reader.CHECK_MEANING


def test_entries_under_one_exercise_heading_are_told_apart_by_their_question(home):
    # notebook 06's five credibility notes all sit under "A credibility note"
    journal = Journal()
    for name, prompt in (("note-chain", "Where does the story come from?"),
                         ("note-sources", "Who are the sources?")):
        journal.set(f"06_put_it_together/{name}", {"kind": "reflection", "prompt": prompt, "answer": "x"})
    headings = [line for line in journal_markdown(journal).splitlines() if line.startswith("## ")]
    assert len(headings) == 2 and len(set(headings)) == 2, headings
    assert headings[0].endswith("Where does the story come from?")


def test_the_handed_in_journal_reads_as_plain_text_with_a_date_people_write(home):
    # opened in a plain text editor, the file showed "Saved 2026-12-03T09:14:02+00:00" and, under
    # each heading, "<!-- journal entry: reflection 06_put_it_together/note-chain -->"
    journal = Journal()
    journal.set("06_put_it_together/note-chain", {"kind": "reflection", "prompt": "Where does it come from?",
                                                  "answer": "The Journal.", "saved": "2026-12-03T09:14:02+00:00"})
    text = journal_markdown(journal)
    assert "*Saved 3 December 2026, 09:14*" in text
    assert "2026-12-03" not in text and "T09:14" not in text
    assert "<!--" not in text and "-->" not in text and "journal entry" not in text
    assert "06_put_it_together" not in text and "note-chain" not in text
    exported = re.search(r"^Exported (.+)$", text, re.M).group(1)
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d", exported), exported


def test_the_date_helper_writes_a_moment_as_people_do():
    import datetime as dt

    from helpers.wording import date_time
    assert date_time("2026-12-03T09:14:02+00:00") == "3 December 2026, 09:14"
    assert date_time("2026-12-03T21:05:59.5-05:00") == "3 December 2026, 21:05"   # the clock it was saved at
    assert date_time(dt.datetime(2026, 1, 9, 7, 3)) == "9 January 2026, 07:03"
    assert date_time("2026-12-03") == "3 December 2026"
    assert date_time("not a time") == "not a time" and date_time(None) == ""
