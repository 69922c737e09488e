"""The lenses: one module per way of reading a report.

Each lens module (attribution, numbers, loaded_language, page_chrome, shared_passages)
has ``NAME``, ``LABEL``, ``COLUMNS`` (its own columns beyond start/end/text) and a
``detect(text) -> pandas.DataFrame`` made of transparent rules and editable lexicons
in ``data/lexicons/``. ``shared_passages`` compares two texts instead
(``detect_pair(text_a, text_b)``).

This file also holds the one table of how each lens looks on the page: a colour from
the Okabe-Ito colour-blind-safe palette, an underline style and a short text tag, so
a highlight never depends on colour alone. Highlights are drawn per *view*: the
attribution lens is shown as two views, anonymous and named sources.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class LensStyle:
    """How one view of a lens is drawn: colour, underline and a visible tag."""

    key: str          # the value of data-lens="..." on every <mark>
    label: str        # what a student reads on the control and in the legend
    tag: str          # short visible text tag shown at the start of each highlight
    colour: str       # Okabe-Ito colour, used for the border and underline
    background: str   # a light tint of the colour, so dark text stays readable
    underline: str    # CSS text-decoration-style: solid, dashed, dotted, double, wavy


#: The views a student can switch on and off, in the order of the controls.
STYLES: dict[str, LensStyle] = {
    s.key: s
    for s in (
        LensStyle("anonymous", "Anonymous sources", "ANON", "#D55E00", "#F7D5BF", "wavy"),
        LensStyle("named", "Named sources", "NAMED", "#0072B2", "#C7E0F0", "solid"),
        LensStyle("numbers", "Numbers", "NUM", "#009E73", "#C4EBDD", "double"),
        LensStyle("loaded_language", "Loaded language", "LOADED", "#CC79A7", "#F2DCE9", "dotted"),
        LensStyle("page_chrome", "Page chrome", "CHROME", "#7F7F7F", "#E6E6E6", "dashed"),
        LensStyle("shared_passages", "Shared passages", "SHARED", "#E69F00", "#FBE8BF", "solid"),
    )
}

#: Fallback for a lens name that has no entry above (a teacher's own lens).
DEFAULT_STYLE = LensStyle("other", "Other", "NOTE", "#000000", "#EEEEEE", "solid")

#: Lens modules that have a ``detect(text)`` function.
DETECTORS = ("attribution", "numbers", "loaded_language", "page_chrome")
#: All lens modules, including the pairwise one.
MODULES = DETECTORS + ("shared_passages",)


def style_for(lens: str) -> LensStyle:
    """The style of a view, or a neutral one for a lens this kit does not know."""
    return STYLES.get(lens, DEFAULT_STYLE)


def get(name: str):
    """Import and return the lens module called ``name`` (e.g. ``"numbers"``)."""
    if name not in MODULES:
        raise KeyError(f"unknown lens {name!r}; the lenses are: {', '.join(MODULES)}")
    return importlib.import_module(f"{__name__}.{name}")
