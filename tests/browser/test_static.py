"""The static HTML form of the widgets in a real browser: marks show, nothing runs."""
from __future__ import annotations

import pytest

from helpers import load_case
from helpers.widgets import MultipleChoice, Reflection, SideBySideReader, static_html

from .browser_actions import IMG, SCRIPT, make_xss_case

pytestmark = pytest.mark.browser


def test_static_reader_shows_marks_and_hostile_text_as_text(page, tmp_path):
    case = load_case(make_xss_case(tmp_path / "case"))
    reader = SideBySideReader(case, lenses=("anonymous", "named"), source="auto")
    quiz = MultipleChoice(f"Is {SCRIPT} safe?", [(IMG, True, "It is shown, not run.")], key="t/x")
    notes = Reflection("Notes", key="t/notes")
    page.set_content("<html><body>" + static_html(reader) + static_html(quiz) + static_html(notes) + "</body></html>")
    body = " ".join(page.locator("body").inner_text().split())
    assert SCRIPT in body and IMG in body
    assert page.evaluate("() => window.__pwned") is None and page.dialogs == []
    assert page.evaluate("() => document.querySelectorAll('img').length") == 0
    assert page.locator('.mlk-pane[data-side="left"] mark').count() > 0
    assert "still picture" in body
