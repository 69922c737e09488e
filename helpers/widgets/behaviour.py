"""The little the kit's widgets need from the browser that ipywidgets cannot give.

``Behaviour()`` is an invisible widget (an anywidget running ``behaviour.js``) placed
inside a kit widget. In the page it finds its widget (the nearest ``.mlk-kit``) and:

- keeps keys in the widget: JupyterLab would read ArrowDown on the findings list as
  "go to the next cell" and "a" on a checkbox as "insert a cell"; the widget stops the
  keys its controls use themselves before they bubble up to JupyterLab (keys with
  Ctrl/Alt/Cmd, Shift+Enter, Escape and Tab still reach it);
- keeps ``aria-pressed`` on every toggle button in step with its state, so a screen
  reader says whether it is on;
- scrolls a picked finding's marked highlight into view inside its pane (any element
  with class ``mlk-scroll``), without moving the page or the list.

Nothing is sent anywhere; the script travels with the package (``behaviour.js``).
"""
from __future__ import annotations

from pathlib import Path

import anywidget

SCRIPT = Path(__file__).with_name("behaviour.js")


class Behaviour(anywidget.AnyWidget):
    """Invisible helper: put one in a kit widget's children."""

    _esm = SCRIPT.read_text(encoding="utf-8")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.layout.display = "none"  # the script works on its parent widget; nothing to show
