"""Bring your own story: paste an article, name its outlet, and read it through every lens.

``OwnStory(key="06_put_it_together/own-story")`` shows a box for the article, a box for
the outlet's name and an "Analyse" button. The button runs the automatic lenses
(``helpers.analyze.analyze_texts``) and shows their report (``render_report``) under the
boxes. The article and the outlet are saved to the journal as they are typed, so
reopening the notebook brings them back. Nothing is sent anywhere.

A problem (an empty box, a text that is too long, a lens that fails) is shown as a
short message, never as a traceback. The report escapes every piece of the article:
HTML pasted into the box shows as text.

As everywhere in the kit, the model (``OwnStoryModel``: set ``.text`` and ``.outlet``,
call ``.analyse()``, read ``.report`` and ``.error``) holds the logic and is tested
without a browser; ``OwnStory`` is the view.
"""
from __future__ import annotations

import html

import ipywidgets as widgets
from traitlets import HasTraits, Unicode, observe

from ..invisible import is_blank
from ..wording import count
from .exercises import SavesToJournal, _link_html, _prompt_html
from .journal import Journal
from .static import STYLE, StaticFallback, frame

DEFAULT_PROMPT = "Paste the text of a news article you want to check. Then write the outlet's name and press Analyse."
DEFAULT_OUTLET = "My article"
EMPTY = "Paste an article first: the box is empty."
STATIC_EMPTY = ("No article pasted yet. Run the notebook, paste an article into the box and press "
                "Analyse to see it through every lens.")
STATIC_NOTE = "A still picture of this widget: the analysis of the article saved in your journal. Run the notebook to change it."


BROKEN_WORD_LISTS = ("This is not about your article: one of the kit's word lists has a mistake, so the "
                     "analysis cannot run. Show this message to your teacher, who can fix it ({where}).")
#: Word-list problems named in the message; more are counted.
SHOWN_PROBLEMS = 3


def _refused(err) -> str:
    """What the box says when the analysis is refused: about the article, or (a lexicon of
    the kit is broken) about the kit's word lists, for the teacher, naming file and line."""
    kit = [p for p in err.problems if _is_word_list(p.file)]
    if not kit:
        return f"The article could not be read: {err}"
    where = "; ".join(str(p) for p in kit[:SHOWN_PROBLEMS])
    if len(kit) > SHOWN_PROBLEMS:
        where += f"; and {len(kit) - SHOWN_PROBLEMS} more (python -m helpers check lists them all)"
    return BROKEN_WORD_LISTS.format(where=where)


def _is_word_list(path) -> bool:
    from pathlib import Path

    from ..lenses import _text

    path = Path(path)
    return path.parent.name == "lexicons" or path.parent == Path(_text.LEXICON_DIR)


class OwnStoryModel(SavesToJournal, HasTraits):
    """The pasted article, its outlet, and the automatic lenses' report on them."""

    text = Unicode()      # the article, as pasted
    outlet = Unicode()    # the outlet's name, as typed
    report = Unicode()    # the report fragment (HTML) of the last analysis, or ""
    error = Unicode()     # a plain message when the analysis could not run, or ""
    status = Unicode()
    kind = "own_story"

    def __init__(self, key: str, prompt: str | None = None, title: str = "My story", charts: bool = True,
                 journal: Journal | None = None):
        super().__init__()
        self.prompt = prompt or DEFAULT_PROMPT
        self.title = title
        self.charts = charts
        self._cache: dict[tuple[str, str], tuple[str, str]] = {}
        self._setup_journal(key, journal)
        entry = self.journal.get(self.key)
        self._restoring = True
        if entry and entry.get("kind") == self.kind and isinstance(entry.get("answer"), str):
            self.text = entry["answer"]
            self.outlet = str(entry.get("outlet") or "")
            self.saved_at = str(entry.get("saved", ""))[11:19]
        self._restoring = False
        self.status = self._status_html()

    @property
    def name(self) -> str:
        """The name shown for the article: the outlet typed, else "My article"."""
        return self.outlet.strip() or DEFAULT_OUTLET

    @observe("text", "outlet")
    def _typed(self, change):
        if self._restoring:
            return
        if self.report or self.error:  # the report on screen no longer matches the boxes
            self.error = ("The text or the outlet changed since the last analysis: press Analyse again."
                          if self.report else "")
        self._save(self.text, outlet=self.outlet)

    def analyse(self) -> bool:
        """Run the automatic lenses on the pasted article; True when a report is shown."""
        self.report, self.error = self._analysis(self.text, self.name)
        return bool(self.report)

    def _analysis(self, text: str, name: str) -> tuple[str, str]:
        """(report, error) for this text; remembered, so showing it again is instant."""
        if is_blank(text):  # spaces or invisible characters only
            return "", EMPTY
        if (text, name) in self._cache:
            return self._cache[(text, name)]
        try:
            from ..analyze import analyze_texts, render_report
            from ..problems import CaseError
        except Exception as err:  # the analyser is not there: say so, do not crash
            return "", f"The analysis is not available ({type(err).__name__}: {err})."
        try:
            analysis = analyze_texts({name: text}, title=self.title, charts=self.charts)
            result = render_report(analysis, standalone=False), ""
        except CaseError as err:
            result = "", _refused(err)
        except Exception as err:  # a lens that fails must not show a traceback to a student
            result = "", (f"The analysis stopped with an error ({type(err).__name__}: {err}). "
                          "Try a shorter text, or show this message to your teacher.")
        self._cache[(text, name)] = result
        return result

    def message_html(self) -> str:
        """The error as a visible notice (role="alert"), or ""."""
        if not self.error:
            return ""
        return f'<p class="mlk-notice" role="alert">\u26a0 {html.escape(self.error)}</p>'

    def static_html(self) -> str:
        """The analysis of the saved article (or a short note when the box is empty)."""
        head = f"<p><strong>{html.escape(self.prompt)}</strong></p>"
        if not self.text.strip():
            return frame(head + f"<p><em>{html.escape(STATIC_EMPTY)}</em></p>")
        report, error = self._analysis(self.text, self.name)
        body = report or f'<p class="mlk-notice" role="alert">\u26a0 {html.escape(error)}</p>'
        return frame(head + f"<p>The article from <strong>{html.escape(self.name)}</strong>, "
                     f"{count(len(self.text.split()), 'word')}.</p>" + body, STATIC_NOTE)


class OwnStory(StaticFallback, widgets.VBox):
    """``OwnStory(key=...)``: paste an article, name its outlet, press Analyse.

    ``.article`` (Textarea), ``.outlet`` (Text), ``.analyse_button`` (Button), ``.message``
    and ``.report`` (HTML panes); ``.model`` is an :class:`OwnStoryModel`.
    """

    def __init__(self, key: str, prompt: str | None = None, title: str = "My story", charts: bool = True,
                 journal: Journal | None = None, rows: int = 10, **kwargs):
        self.model = OwnStoryModel(key, prompt, title, charts, journal)
        m = self.model
        self.article = widgets.Textarea(value=m.text, description="Article", rows=rows, continuous_update=True,
                                        placeholder="Paste the article's text here. It is saved as you type.",
                                        style={"description_width": "initial"}, layout=widgets.Layout(width="95%"))
        self.outlet = widgets.Text(value=m.outlet, description="Outlet's name", placeholder="e.g. The Guardian",
                                   continuous_update=True, style={"description_width": "initial"},
                                   layout=widgets.Layout(width="60%"))
        widgets.link((self.article, "value"), (m, "text"))
        widgets.link((self.outlet, "value"), (m, "outlet"))
        self.analyse_button = widgets.Button(description="Analyse", icon="search",
                                             tooltip="Run the automatic lenses on the article")
        self.analyse_button.on_click(self._clicked)
        self.message, self.status, self.report = widgets.HTML(), widgets.HTML(), widgets.HTML()
        _link_html(m, "status", self.status)
        _link_html(m, "report", self.report)
        m.observe(lambda _: setattr(self.message, "value", m.message_html()), names="error")
        super().__init__([widgets.HTML(STYLE), _prompt_html(m.prompt), self.article, self.outlet,
                          self.analyse_button, self.message, self.status, self.report], **kwargs)
        self.add_class("mlk-kit")

    def _clicked(self, _button) -> None:
        self.analyse_button.disabled = True
        self.analyse_button.description = "Analysing\u2026"
        try:
            self.model.analyse()
        finally:
            self.analyse_button.disabled = False
            self.analyse_button.description = "Analyse"

    def static_html(self) -> str:
        return self.model.static_html()
