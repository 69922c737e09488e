"""The analyze page is made from Jinja2 templates with autoescape: whatever a case, an
answer key, a lexicon or a chart puts on the page is shown as text, never run."""
from __future__ import annotations

import ast
import re
import shutil
from html.parser import HTMLParser

import pytest
import yaml

from conftest import ROOT
from test_analyze import parse
from helpers import analyze as az
from helpers.analyze import analyze_case, analyze_texts, render_report

#: Markup that would run (or break out of an attribute) if it reached the page unescaped.
H = '<script>window.__pwned=1</script>"onerror=alert(2) x=\'<img src=x onerror=alert(3)>'


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_nothing_runs(page: str) -> None:
    assert "<script" not in page.lower() and "<img src=x" not in page
    assert '"onerror=' not in page, "a value broke out of an attribute"
    parser = Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert tag not in ("script", "iframe", "object", "embed", "base", "form", "link"), tag
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        if tag == "a":
            assert re.match(r"^(#|https?://)", attrs.get("href") or ""), attrs
        if tag == "img":
            assert (attrs.get("src") or "").startswith("data:image/png;base64,"), attrs


@pytest.fixture
def hostile_case(tmp_path, monkeypatch):
    """A case whose every free-text field carries ``H``, with an answer key for each lens
    and a lexicon whose term and neutral alternative carry it too."""
    folder = tmp_path / "hostile"
    (folder / "reports").mkdir(parents=True)
    (folder / "annotations").mkdir()
    text = (f"Officials said {H} that 12 people came. A source close to the army said the "
            f"glorbulous plan failed, and about 1,000 advisers left.\n")
    other = "The Daily Record said 12 people came and that about 1,000 advisers left. A glorbulous week.\n"
    (folder / "reports" / "first.txt").write_text(text, encoding="utf-8")
    (folder / "reports" / "second.txt").write_text(other, encoding="utf-8")
    config = {
        "title": f"Title {H}",
        "original": {"outlet": f"Origin {H}", "author": f"Author {H}", "title": f"Headline {H}",
                     "url": f"https://example.org/{H}"},
        "reports": [
            {"id": "first", "file": "reports/first.txt", "outlet": f"Outlet {H}", "author": f"By {H}",
             "url": f'https://example.org/a"onerror=alert(1)/{H}'},
            {"id": "second", "file": "reports/second.txt", "outlet": "Plain", "url": f"javascript:alert(1)//{H}"},
        ],
    }
    (folder / "case.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")

    def csv(name, header, *rows):
        import csv as _csv
        with open(folder / "annotations" / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
            writer = _csv.writer(f)
            writer.writerow(header)
            writer.writerows(rows)

    csv("attributions", ["report", "quote", "occurrence", "source", "kind", "proximity", "via", "cue", "note", "explain"],
        ["first", "A source close to the army", "", f"Source {H}", "anonymous", f"close {H}", f"via {H}", "said",
         f"note {H}", f"explain {H}"],
        ["second", "The Daily Record said", "", f"Record {H}", "outlet", "", "", "said", "", f"explain {H}"])
    csv("numbers", ["report", "quote", "occurrence", "claim", "low", "high", "counted", "hedge", "attributed_to",
                    "is_date", "in_chrome", "note"],
        ["first", "about 1,000", "", f"claim {H}", "900", "1100", f"advisers {H}", f"about {H}", f"said {H}",
         "false", "false", f"note {H}"],
        ["second", "about 1,000", "", f"claim {H}", "900", "1100", f"advisers {H}", "about", "", "false", "false", ""])
    csv("loaded_language", ["report", "quote", "occurrence", "category", "voice", "neutral", "note", "explain"],
        ["first", "glorbulous", "", "emotive", "own", f"neutral {H}", f"note {H}", f"explain {H}"])
    csv("page_chrome", ["report", "quote", "occurrence", "kind", "note", "explain"],
        ["second", "A glorbulous week.", "", "caption", f"note {H}", f"explain {H}"])
    csv("source_chain", ["report", "quote", "occurrence", "citing", "cited", "relation", "note"],
        ["second", "The Daily Record said", "", "second", f"Cited {H}", "cites", f"note {H}"],
        ["first", "Officials said", "", "first", f"Origin {H}", "quotes", ""])
    # A lexicon with a hostile neutral alternative and term, for the automatic lens.
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "lexicons", data / "lexicons")
    with open(data / "lexicons" / "loaded_terms.csv", "a", encoding="utf-8") as f:
        f.write(f'glorbulous,emotive,"lexicon {H.replace(chr(34), chr(34) * 2)}",adj,no,,,,,\n')
        f.write(f'"{H.replace(chr(34), chr(34) * 2)}",emotive,"term {H.replace(chr(34), chr(34) * 2)}",phrase,no,,,,,\n')
    from helpers.lenses import _text

    monkeypatch.setattr(_text, "LEXICON_DIR", data / "lexicons")
    _text.reload_lexicons()
    # The chart's alternative text, as a chart module could write it.
    monkeypatch.setattr(az, "CHARTS", {name: (lens, f"{alt} {H}") for name, (lens, alt) in az.CHARTS.items()})
    yield folder
    monkeypatch.undo()
    _text.reload_lexicons()


def test_every_field_that_reaches_the_page_is_escaped(hostile_case):
    import matplotlib

    matplotlib.use("Agg")
    expert = analyze_case(hostile_case)
    assert expert.warnings == [] and {expert.origin[lens] for lens in az.LENSES} == {"expert"}
    auto = analyze_case(hostile_case, source="auto")
    assert auto.warnings == []
    assert "lexicon " in " ".join(auto.findings["loaded_language"]["label"]), "the hostile lexicon row was used"
    for analysis in (expert, auto):
        for standalone in (True, False):
            page = render_report(analysis, standalone=standalone)
            assert_nothing_runs(page)
            assert "the chart" not in page, "every chart was drawn"
            assert page.count("<figure>") >= 2
            # Shown, as text: the title, an outlet, a report's words and a chart's alt text.
            assert "Title &lt;script&gt;window.__pwned=1&lt;/script&gt;&quot;onerror=alert(2)" in page
            assert "Outlet &lt;script&gt;" in page
            assert "".join(parse(page).reports["first"]).startswith(f"Officials said {H} that"), "the words, as text"
            assert 'alt="Number ranges by claim and report &lt;script&gt;' in page
    expert_page = render_report(expert)
    assert "neutral &lt;script&gt;" in expert_page and "Source &lt;script&gt;" in expert_page
    assert '<th scope="row">advisers &lt;script&gt;' in expert_page, "the claim, lined up across reports"
    assert '<a href="https://example.org/a&quot;onerror=alert(1)/&lt;script&gt;' in expert_page
    assert "javascript:alert(1)//&lt;script&gt;" in expert_page and 'href="javascript' not in expert_page
    assert "lexicon &lt;script&gt;" in render_report(auto)


def test_pasted_names_and_texts_are_escaped():
    analysis = analyze_texts({f"Mine {H}": f"About 300 soldiers came, officials said. {H}",
                              "Theirs": "Some 300 soldiers came, a source said."}, title=f"Story {H}")
    page = render_report(analysis, charts=False)
    assert_nothing_runs(page)
    assert "Story &lt;script&gt;" in page and "Mine &lt;script&gt;" in page


def _literals(tree):
    """Every string literal in a module, docstrings left out (they describe, they are not markup)."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


#: HTML elements (a help text's "analysis/<case>.html" is not one).
ELEMENTS = ("a abbr article aside b body br button caption code col dd details div dl dt em figcaption figure footer "
            "form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input label li link main mark meta nav ol option "
            "p pre q s script section select small span strong style sub summary sup table tbody td textarea tfoot "
            "th thead title tr u ul").split()
TAG = re.compile(r"</?(?:" + "|".join(ELEMENTS) + r")(?=[\s>/]|$)|<!DOCTYPE", re.I)


def test_analyze_py_writes_no_markup_itself():
    """The page's markup is in the templates: a string like '<td>' in analyze.py means
    someone is building HTML by hand again (and must escape every value by hand)."""
    source = (ROOT / "helpers" / "analyze.py").read_text(encoding="utf-8")
    found = [(line, value) for line, value in _literals(ast.parse(source)) if TAG.search(value)]
    assert not found, f"HTML in analyze.py's strings (move it to helpers/templates/analyze/): {found[:5]}"
    assert "f'<" not in source and 'f"<' not in source


def test_the_check_sees_markup_in_an_f_string():
    """The check above would catch what analyze.py used to do."""
    old = 'x = f"<td{css}>{cell}</td>"\ny = "<h1>" + title\n'
    assert [line for line, value in _literals(ast.parse(old)) if TAG.search(value)] == [1, 1, 2]


def test_the_templates_ship_with_the_package():
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    templates = sorted((ROOT / "helpers" / "templates").rglob("*.j2"))
    assert templates
    for path in templates:
        # the folder is a package of its own (setuptools warns otherwise), with its files as its data
        package = ".".join(path.parent.relative_to(ROOT).parts)
        inside = path.relative_to(path.parent)
        assert package in data["packages"], f"{package} is not listed in pyproject.toml's packages"
        patterns = data["package-data"].get(package, [])
        assert any(inside.match(p) for p in patterns), f"{path.relative_to(ROOT)} is not package data in pyproject.toml"
