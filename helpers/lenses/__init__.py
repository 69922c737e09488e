"""The lenses: one module per way of reading a report.

Each lens module has ``COLUMNS`` (its own columns beyond start/end/text) and a
``detect(text) -> pandas.DataFrame`` made of transparent rules and editable lexicons
in ``data/lexicons/``; a pairwise lens compares two texts instead
(``detect_pair(text_a, text_b)``).

What each lens is (its answer key, label, views, detector, lexicons and the words a
student reads) lives in one place, :mod:`helpers.lenses.registry`; ``style_for`` and
``get`` below are thin reads of it (the views themselves: ``registry.views()``).
"""
from __future__ import annotations

import importlib

from . import registry
from .registry import View

#: Fallback for a view that no lens has (an id this kit does not know).
DEFAULT_STYLE = View("other", "Other", "NOTE", "#000000", "#EEEEEE", "solid")


def style_for(view: str) -> View:
    """The style of a view, or a neutral one for a view no lens has."""
    return registry.views().get(view, DEFAULT_STYLE)


def get(name: str):
    """Import and return the detector module of the lens called ``name`` (or an alias: ``"numbers"``, ``"attribution"``)."""
    if not registry.known(name) or registry.get(name).module_name is None:
        names = [lens.name for lens in registry.all_lenses() if lens.module_name]
        raise KeyError(f"unknown lens {name!r}; the lenses are: {', '.join(names)}")
    return importlib.import_module(registry.get(name).module_name)
