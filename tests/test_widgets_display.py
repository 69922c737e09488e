"""Every kit widget's display data holds its still picture as text/html (request 5).

The kernel formats a displayed object with IPython's DisplayFormatter, under Jupyter and
under nbclient (the build) alike; the HTML edition keeps only the text/html of a widget
output, so each widget must put its static form there.
"""
from __future__ import annotations

import pytest
from IPython.core.formatters import DisplayFormatter

from helpers.questions import load_questions, question
from helpers.widgets import (CompactReader, Journal, MultipleChoice, NumbersExplorer, OwnStory, Reflection, Rewrite,
                             SideBySideReader, SourceChainExplorer, SpotIt)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture
def journal(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIA_KIT_HOME", str(tmp_path / "home"))
    return Journal(tmp_path / "home" / "journal.json")


MAKERS = {
    "SpotIt": lambda case, j: SpotIt(case, report="hannity", key="t/spot", journal=j),
    "MultipleChoice": lambda case, j: MultipleChoice("Q?", [("a", True, "why a"), ("b", False, "why b")],
                                                     key="t/mc", journal=j),
    "question": lambda case, j: question(next(iter(load_questions())), journal=j),
    "Rewrite": lambda case, j: Rewrite("The regime fell.", key="t/rw", case=case, journal=j),
    "Reflection": lambda case, j: Reflection("Why?", key="t/refl", journal=j),
    "OwnStory": lambda case, j: OwnStory(key="t/own", journal=j, charts=False),
    "SideBySideReader": lambda case, j: SideBySideReader(case),
    "CompactReader": lambda case, j: CompactReader(case),
    "SourceChainExplorer": lambda case, j: SourceChainExplorer(case),
    "NumbersExplorer": lambda case, j: NumbersExplorer(case),
}


@pytest.mark.parametrize("name", list(MAKERS))
def test_display_data_has_the_live_widget_and_its_static_html(name, case, journal):
    widget = MAKERS[name](case, journal)
    data, _ = DisplayFormatter().format(widget)
    assert WIDGET_VIEW in data, "the live widget"
    assert "text/html" in data and 'class="mlk-kit' in data["text/html"], "its still picture"
