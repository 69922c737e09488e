"""OwnStory: paste an article, analyse it, find it in the journal, see errors as messages."""
from __future__ import annotations

import pytest

from helpers.widgets import Journal, OwnStory, static_html
from helpers.widgets.journal import journal_markdown

ARTICLE = ("Critics called the move a \"shameful attack\" on reading, a source close to the council said. "
           "About 40 staff will move to shorter weeks.\n")


@pytest.fixture
def journal(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIA_KIT_HOME", str(tmp_path / "home"))
    return Journal(tmp_path / "home" / "journal.json")


def story(journal, **kwargs):
    return OwnStory(key="t/own", journal=journal, charts=False, **kwargs)


def test_the_article_and_outlet_are_saved_as_typed_and_restored(journal):
    first = story(journal)
    first.article.value = ARTICLE
    first.outlet.value = "Town Paper"
    saved = Journal(journal.path).get("t/own")
    assert saved["kind"] == "own_story" and saved["answer"] == ARTICLE and saved["outlet"] == "Town Paper"
    again = story(Journal(journal.path))
    assert again.article.value == ARTICLE and again.outlet.value == "Town Paper"
    assert "Saved at" in again.status.value
    assert "**Outlet:** Town Paper" in journal_markdown(Journal(journal.path))


def test_analyse_shows_the_report_of_the_automatic_lenses(journal):
    own = story(journal)
    own.article.value = ARTICLE
    own.outlet.value = "Town Paper"
    assert own.report.value == ""
    own.analyse_button.click()
    report = own.report.value
    assert 'class="mlk-analysis"' in report and "Town Paper" in report
    assert "shameful attack" in report and own.message.value == ""
    assert own.analyse_button.description == "Analyse" and not own.analyse_button.disabled
    own.article.value = ARTICLE + "More words."
    assert "press Analyse again" in own.message.value


def test_an_empty_box_says_paste_an_article_first(journal):
    own = story(journal)
    own.article.value = "   \n"
    own.analyse_button.click()
    assert "Paste an article first" in own.message.value and 'role="alert"' in own.message.value
    assert own.report.value == "" and "Traceback" not in own.message.value


def test_a_failing_analysis_is_a_message_never_a_traceback(journal, monkeypatch):
    import helpers.analyze

    def broken(*args, **kwargs):
        raise RuntimeError("lens exploded")

    monkeypatch.setattr(helpers.analyze, "analyze_texts", broken)
    own = story(journal)
    own.article.value = ARTICLE
    assert own.model.analyse() is False
    assert "lens exploded" in own.message.value and "Traceback" not in own.message.value


def test_a_box_of_invisible_characters_only_says_paste_an_article_first(journal):
    own = story(journal)
    own.article.value = "\u202e\u200b"
    assert own.model.analyse() is False
    assert "Paste an article first" in own.message.value


def test_a_broken_word_list_is_for_the_teacher_not_blamed_on_the_article(journal, tmp_path, monkeypatch):
    """The box said "The article could not be read: .../lexicons/x.csv:2: ..." when a
    lexicon of the kit was broken."""
    import shutil

    from helpers.lenses import _text

    folder = tmp_path / "lexicons"
    shutil.copytree(_text.LEXICON_DIR, folder)
    path = folder / "vague_quantities.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(1, "umpteen,amount,9,2,count,")
    path.write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setattr(_text, "LEXICON_DIR", folder)
    _text.reload_lexicons()
    try:
        own = story(journal)
        own.article.value = ARTICLE
        assert own.model.analyse() is False
        said = own.model.error
    finally:
        monkeypatch.undo()
        _text.reload_lexicons()
    assert "could not be read" not in said and "not about your article" in said
    assert "word lists" in said and "teacher" in said
    assert f"{path}:2: low \"9\" is larger than high \"2\"" in said, said


def test_a_text_too_long_is_still_about_the_article(journal):
    own = story(journal)
    own.article.value = "x" * 2_100_000
    assert own.model.analyse() is False
    assert own.model.error.startswith("The article could not be read: ")
    assert "is 2.1 MB" in own.model.error


def test_pasted_html_shows_as_text_never_runs(journal):
    own = story(journal)
    own.article.value = "An official said <script>alert('x')</script> the plan was <b>bold</b>.\n"
    own.outlet.value = "<img src=x onerror=alert(1)>"
    own.model.analyse()
    for page in (own.report.value, static_html(own)):
        assert "<script>alert" not in page and "<img src=x" not in page and "<b>bold" not in page
        assert "&lt;script&gt;" in page


def test_static_form_is_the_analysis_of_the_saved_text_or_a_note(journal):
    empty = story(journal)
    assert "No article pasted yet" in static_html(empty)
    bundle = empty._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "No article pasted yet" in data["text/html"]
    empty.article.value = ARTICLE
    reopened = story(Journal(journal.path))
    page = static_html(reopened)
    assert 'class="mlk-analysis"' in page and "shameful attack" in page and "My article" in page
