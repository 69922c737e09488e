"""The lenses: one module per way of reading a report.

Each lens module has ``COLUMNS`` (its own columns beyond start/end/text) and a
``detect(text) -> pandas.DataFrame`` made of transparent rules and editable lexicons
in ``data/lexicons/``; a pairwise lens compares two texts instead
(``detect_pair(text_a, text_b)``).

What each lens is (its answer key, label, views, detector, lexicons and the words a
student reads) lives in one place, :mod:`helpers.lenses.registry`; ``STYLES``, ``style_for``
and ``get`` below are thin reads of it.
"""
from __future__ import annotations

import importlib

from . import registry
from .registry import View as LensStyle  # noqa: F401  (the old name of a view's style)


def __getattr__(name: str):
    # Read the registry each time, so a lens registered later (a teacher's own) is seen.
    if name == "STYLES":
        return registry.views()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Fallback for a view that no lens has (an id this kit does not know).
DEFAULT_STYLE = LensStyle("other", "Other", "NOTE", "#000000", "#EEEEEE", "solid")


def style_for(view: str) -> LensStyle:
    """The style of a view, or a neutral one for a view no lens has."""
    return registry.views().get(view, DEFAULT_STYLE)


def get(name: str):
    """Import and return the module of the lens called ``name`` (e.g. ``"numbers"``)."""
    if registry.known(name):
        module = registry.get(name).module_name
    else:
        module = next((lens.module_name for lens in registry.all_lenses()
                       if lens.module_name and lens.module_name.rsplit(".", 1)[-1] == name), None)
    if module is None:
        names = [lens.module_name.rsplit(".", 1)[-1] for lens in registry.all_lenses() if lens.module_name]
        raise KeyError(f"unknown lens {name!r}; the lenses are: {', '.join(names)}")
    return importlib.import_module(module)
