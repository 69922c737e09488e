"""The media-literacy kit's helpers: load a case, read it through lenses, draw it.

Notebooks import what they need from here in one setup cell::

    from helpers import load_case, render_html
"""
from .case import Case, Report, check_case, data_dir, list_cases, load_case
from .problems import CaseError, Problem
from .spans import Span, render_html, spans_from_frame

__all__ = [
    "Case", "CaseError", "Problem", "Report", "Span", "check_case", "data_dir",
    "list_cases", "load_case", "render_html", "spans_from_frame",
]
