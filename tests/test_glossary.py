"""Every word a student can see is in the glossary (data/lessons/glossary.yml).

Student-visible words are collected from:
- the labels the reader and the exercises' feedback show: the lens names and every kind,
  category, voice and relation word the answer-key files allow;
- the charts' legends and axes (a log axis needs "log scale");
- the notebooks' text and the questions: every word of the glossary's ``watch`` list
  that appears there.
"""
from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import nbformat
import pytest

from helpers.glossary import define, glossary_path, load_glossary, normal, term_html
from helpers.lenses import registry
from helpers.questions import questions_path

matplotlib.use("Agg")
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
GLOSSARY = load_glossary()


def test_every_definition_is_plain_and_short():
    for term, meaning in GLOSSARY["terms"].items():
        assert meaning and len(meaning) <= 300, term
        assert "_" not in term and "_" not in meaning, term


def test_every_watch_word_is_defined():
    assert [w for w in GLOSSARY["watch"] if w not in GLOSSARY["terms"]] == []


def test_the_terms_the_issue_names_are_defined():
    for term in ("vague collective", "intensifier", "emotive", "euphemism", "doubt casting", "log scale",
                 "interim president", "ceiling", "asylum", "conglomerate"):
        assert define(term), term


def label_words() -> set[str]:
    words = {view.label for view in registry.views().values()}
    for lens in registry.with_key():
        for _, allowed in lens.key.vocab:
            words.update(allowed)
            words.update(lens.kind_label(w) for w in allowed)  # the words the student reads
    return {normal(w) for w in words}


@pytest.mark.parametrize("word", sorted(label_words()))
def test_every_label_the_reader_and_feedback_show_is_defined(word):
    assert define(word), f'"{word}" is shown to students; add it to {glossary_path().name}'


def test_the_reader_and_feedback_explain_a_label():
    assert "<abbr" in term_html("vague_collective") and define("vague collective") in term_html("vague_collective")
    from helpers.spans import Span, legend_html, render_html

    html = render_html("a caption here", [Span(0, 9, "page_chrome", "photo_credit")], legend=True)
    assert "photo credit" in html and "photo_credit" not in html
    assert define("photo credit") in html
    assert define("page chrome") in legend_html(["page_chrome"])


def chart_words(case) -> set[str]:
    from helpers import charts

    def shown(text: str) -> str:  # "The Moscow Times (web capture)" -> "moscow times"
        return re.sub(r"^the ", "", normal(re.sub(r"\s*\(.*", "", text)))

    outlets = {shown(r.outlet) for r in case.reports.values()}
    words = set()
    for draw in (charts.attribution_mix, charts.loaded_terms, charts.page_chrome_share, charts.number_ranges,
                 charts.source_chain_graph):
        figure = draw(case)
        for ax in figure.axes:
            if ax.get_xscale() == "log" or ax.get_yscale() == "log":
                words.add("log scale")
            legend = ax.get_legend()
            for text in (legend.get_texts() if legend else []):
                if ": " in text.get_text():  # "cites: names it as a source" defines itself
                    continue
                word = shown(text.get_text())
                if word and word not in outlets:
                    words.add(word)
    return words


def test_every_chart_legend_word_and_log_axis_is_defined(case):
    words = chart_words(case)
    assert "log scale" in words  # the numbers chart uses one: the collector must see it
    assert sorted(w for w in words if not define(w)) == []


def student_texts() -> list[tuple[str, str]]:
    texts = [(f"{questions_path().name}", questions_path().read_text(encoding="utf-8"))]
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                texts.append((path.name, cell.source))
    return texts


def test_every_hard_word_the_lessons_use_is_defined():
    seen = {}
    for where, text in student_texts():
        flat = normal(text)
        for word in GLOSSARY["watch"]:
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", flat):
                seen.setdefault(word, where)
    assert len(seen) >= 10  # the collector finds the lessons' hard words
    assert sorted(w for w in seen if not define(w)) == []


def test_a_missing_term_is_caught(tmp_path, monkeypatch):
    """Delete a definition and the lookup the tests rely on fails."""
    broken = tmp_path / "glossary.yml"
    text = glossary_path().read_text(encoding="utf-8")
    broken.write_text(re.sub(r"(?m)^  euphemism: .*\n", "", text), encoding="utf-8")
    assert "euphemism" in load_glossary()["terms"]
    assert "euphemism" not in load_glossary(broken)["terms"]
    assert "euphemism" in load_glossary(broken)["watch"]
