"""The glossary: every word a student can see, defined for a 15-year-old.

The words live in ``data/lessons/glossary.yml`` (``terms``: word -> definition;
``watch``: hard words that must be defined whenever a lesson uses them). Widgets call
:func:`define` to explain a label where it is shown, and :func:`term_html` to wrap it in
an ``<abbr>`` whose tooltip is the definition.
"""
from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

import yaml

from .folders import data_dir
from .problems import CaseError, Problem

GLOSSARY_FILE = Path("lessons") / "glossary.yml"


def glossary_path() -> Path:
    return data_dir() / GLOSSARY_FILE


def normal(term: str) -> str:
    """How a term is looked up: lower case, underscores as spaces, single spaces."""
    return " ".join(str(term).replace("_", " ").casefold().split())


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> dict:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise CaseError([Problem(Path(path), mark.line + 1 if mark else None,
                                 f"not valid YAML: {getattr(err, 'problem', err)}")]) from None
    terms = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(terms, dict):
        raise CaseError([Problem(Path(path), 1, "the glossary needs a `terms:` mapping of word -> definition")])
    return {"terms": {normal(k): str(v).strip() for k, v in terms.items()},
            "watch": [normal(w) for w in (data.get("watch") or [])]}


def load_glossary(path: Path | str | None = None) -> dict:
    """``{"terms": {word: definition}, "watch": [word, ...]}`` with words normalised."""
    path = Path(path) if path else glossary_path()
    return _load(str(path), path.stat().st_mtime)


def define(term: str) -> str | None:
    """The definition of ``term`` (any case, underscores allowed), or None."""
    try:
        return load_glossary()["terms"].get(normal(term))
    except (OSError, CaseError):
        return None


def term_html(term: str, shown: str | None = None) -> str:
    """``shown`` (default: the term with spaces) as escaped HTML, with its definition as a tooltip."""
    shown = normal(term) if shown is None else shown
    meaning = define(term)
    if not meaning:
        return html.escape(shown)
    return (f'<abbr class="mlk-term" title="{html.escape(meaning, quote=True)}" '
            f'style="text-decoration:underline dotted;cursor:help">{html.escape(shown)}</abbr>')
