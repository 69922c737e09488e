"""`analyze`: one self-contained page with every lens, for the shipped case and any other."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from conftest import ROOT
from helpers import CaseError, load_case
from helpers.analyze import (GENERATOR, LENSES, analyze_case, analyze_texts, render_report, slug,
                             unique_id, write_report)
from helpers.new_case import new_case

#: An earlier page analyze wrote (it carries the kit's mark, so it may be replaced).
OLD_PAGE = f"<!DOCTYPE html><html><head>{GENERATOR}</head><body>the old page</body></html>"

SECTIONS = ("reports", "highlights", "source-chain", "attributions", "numbers",
            "loaded-language", "shared-passages", "about")


class Page(HTMLParser):
    """Checks the tags nest, and collects each report's text as a reader sees it."""

    VOID = {"br", "img", "meta", "hr", "input", "link", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.reports: dict[str, list[str]] = {}
        self.current: str | None = None
        self.in_tag_label = 0
        self.tags: list[tuple[str, dict]] = []
        self.sections: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "section":
            self.sections.append(attrs.get("id"))
        if tag == "details" and (attrs.get("id") or "").startswith("report-"):
            self.current = attrs["id"].removeprefix("report-")
        if tag == "br" and self.current and self._inside_report_div():
            self.reports[self.current].append("\n")
        if tag in self.VOID:
            return
        self.stack.append((tag, attrs))
        if tag == "div" and attrs.get("class") == "mlk-report" and self.current:
            self.reports[self.current] = []
        if attrs.get("class") == "mlk-tag":
            self.in_tag_label += 1

    def _inside_report_div(self):
        return any(t == "div" and a.get("class") == "mlk-report" for t, a in self.stack)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        open_tag, attrs = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        if attrs.get("class") == "mlk-tag":
            self.in_tag_label -= 1
        if tag == "details":
            self.current = None

    def handle_data(self, data):
        if self.current and self._inside_report_div() and not self.in_tag_label:
            self.reports[self.current].append(data)


def parse(markup: str) -> Page:
    page = Page()
    page.feed(markup)
    page.close()
    assert not page.stack, f"unclosed tags: {page.stack[-3:]}"
    return page


def assert_self_contained(markup: str):
    """Nothing on the page is fetched from elsewhere, and nothing runs."""
    page = parse(markup)
    names = {t for t, _ in page.tags}
    assert not names & {"script", "link", "iframe", "object", "embed", "base", "form"}
    for tag, attrs in page.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        if "src" in attrs:
            assert attrs["src"].startswith("data:"), attrs["src"][:80]
        if tag == "a":
            assert re.match(r"^(#|https?://)", attrs.get("href", "")), attrs
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", markup), "the style fetches something"
    assert "@import" not in markup


@pytest.fixture(scope="module")
def shipped():
    return analyze_case("rostec-venezuela-2019")


@pytest.fixture(scope="module")
def shipped_page(shipped):
    return render_report(shipped)


def test_the_shipped_case_uses_its_answer_key_and_the_shared_passages_lens(shipped):
    assert shipped.warnings == []
    assert {shipped.origin[lens] for lens in LENSES} == {"expert"}
    assert shipped.origin["source_chain"] == "expert" and shipped.origin["shared_passages"] == "auto"
    assert set(shipped.findings) == set(LENSES)
    assert all(len(frame) for frame in shipped.findings.values())
    # the web and PDF captures of the Moscow Times share most of their text
    pairs = set(zip(shipped.shared.report_a, shipped.shared.report_b))
    assert ("moscow-times-web", "moscow-times-pdf") in pairs


def test_the_page_has_every_section_and_every_report_word_for_word(shipped, shipped_page):
    page = parse(shipped_page)
    assert page.sections == list(SECTIONS)
    case = shipped.case
    assert set(page.reports) == set(case.reports)
    for rid, report in case.reports.items():
        shown = "".join(page.reports[rid])
        assert shown == report.text.replace("\r\n", "\n"), rid


def test_the_page_is_self_contained(shipped_page):
    assert shipped_page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in shipped_page
    assert_self_contained(shipped_page)


def test_the_page_embeds_the_charts_when_there_are_charts(shipped_page):
    images = re.findall(r'<img [^>]*src="data:image/png;base64,', shipped_page)
    assert len(images) >= 4  # source chain, attribution mix, number ranges, loaded terms
    assert all(re.search(r'alt="[^"]+"', tag) for tag in re.findall(r"<img [^>]*>", shipped_page))


def test_every_lens_is_highlighted_with_a_label(shipped, shipped_page):
    from helpers.lenses import registry

    assert len(registry.views()) >= 6
    for view in registry.views():
        assert f'data-lens="{view}"' in shipped_page, view
    spans = shipped.spans("breitbart")
    assert all(s.label for s in spans if s.lens != "shared_passages")


def test_tables_numbers_by_claim_loaded_counts_per_report_and_paths_to_the_original(shipped, shipped_page):
    table = shipped.numbers_table
    assert "Rostec staff still in Venezuela" in set(table.group)  # the claim's label, never its id
    assert table.iloc[0]["reports"] == table["reports"].max()  # most-reported claims first
    counts = shipped.loaded_counts
    assert list(counts.index) == list(shipped.case.reports)
    assert (counts["own"] + counts["quoted"] <= counts["total"]).all()
    assert "Back to the original (The Wall Street Journal)" in shipped_page
    assert "ranges disagree" in shipped_page  # "about 1,000" and "up to 1,000" do not match


def test_a_case_without_an_answer_key_gets_every_automatic_lens(tmp_path):
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "one.txt").write_text(
        "Officials said about 300 soldiers arrived on Monday, according to a source close to the ministry.\n"
        "The regime slashed its budget, the newspaper reported.\n", encoding="utf-8")
    (articles / "two.txt").write_text(
        "About 300 soldiers arrived on Monday, according to a source close to the ministry. "
        "Minister Jane Doe said the figure was wrong.\n", encoding="utf-8")
    folder, _ = new_case(tmp_path / "week", [articles / "one.txt", articles / "two.txt"])
    analysis = analyze_case(folder)
    assert analysis.warnings == []
    assert set(analysis.origin.values()) == {"auto"}
    assert len(analysis.findings["attributions"]) and len(analysis.findings["numbers"])
    assert len(analysis.chain), "the source chain is read off the attribution lens"
    assert len(analysis.shared) >= 1
    markup = render_report(analysis)
    assert_self_contained(markup)
    assert parse(markup).sections == list(SECTIONS)
    assert "the automatic lens (a rule of thumb: check by hand)" in markup
    assert "Warnings" not in markup, "a case without a key is the normal path: no warning box"


def test_source_auto_ignores_the_answer_key(shipped):
    auto = analyze_case(shipped.case, source="auto", charts=False)
    assert set(auto.origin.values()) == {"auto"}
    assert auto.warnings == []


def test_pasted_texts_stay_text_and_get_ids_from_their_names():
    evil = 'He said <script>alert("x")</script> & <b>bold</b> <img src=x onerror=alert(1)>.'
    analysis = analyze_texts({"Le Monde (Paris)": evil + " About 12 people came.", "BBC News": "Officials said 12 came."},
                             title="<i>My</i> story", charts=False)
    assert list(analysis.case.reports) == ["le-monde-paris", "bbc-news"]
    markup = render_report(analysis)
    assert_self_contained(markup)
    assert "<script" not in markup and "<b>bold" not in markup and "<i>My" not in markup
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in markup
    assert "".join(parse(markup).reports["le-monde-paris"]).startswith(evil)
    assert "Warnings" not in render_report(analyze_texts({"Mine": "About 300 soldiers came, officials said."}))
    fragment = render_report(analysis, standalone=False)
    assert fragment.startswith('<div class="mlk-analysis">') and "<html" not in fragment
    style = re.search(r"<style>(.*?)</style>", fragment, re.S).group(1)
    selectors = [sel.strip() for rule in re.findall(r"([^{}]+)\{", style) for sel in rule.split(",")]
    assert selectors and all(sel.startswith(".mlk-analysis") for sel in selectors), "the style leaks into the notebook"
    assert "&lt;script&gt;" in analysis.report_html("le-monde-paris")


def test_one_pasted_article_is_enough():
    analysis = analyze_texts("The regime said about 300 troops left, a source close to the ministry said.", charts=False)
    assert list(analysis.case.reports) == ["your-article"]
    assert analysis.shared.empty
    assert "only one report here, so there is no second report to compare" in render_report(analysis)


def test_ids_from_names():
    assert slug("Le Monde (Paris)") == "le-monde-paris"
    assert slug("Ça m'étonne!") == "ca-m-etonne"
    assert slug("???") == ""
    assert unique_id("", {}) == "report"
    assert unique_id("bbc", {"bbc", "bbc-2"}) == "bbc-3"


def test_write_report_replaces_the_file_in_one_step(tmp_path, shipped, monkeypatch):
    out = tmp_path / "page.html"
    out.write_text(OLD_PAGE, encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_report(shipped, out)
    assert out.read_text(encoding="utf-8") == OLD_PAGE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"], "the temporary file is cleaned up"
    monkeypatch.undo()
    write_report(shipped, out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]
    assert out.stat().st_mode & 0o044, "the page is readable by others (mkstemp files are private)"


def test_a_failure_while_rendering_writes_nothing(tmp_path, shipped, monkeypatch):
    import helpers.analyze as az

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(az, "render_report", broken)
    with pytest.raises(RuntimeError):
        write_report(shipped, tmp_path / "page.html")
    assert list(tmp_path.iterdir()) == []


def run_analyze(*args, env=None, cwd=ROOT):
    environment = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "helpers", "analyze", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=300)


def test_command_writes_the_page_and_says_where(tmp_path):
    out = tmp_path / "rostec.html"
    result = run_analyze("rostec-venezuela-2019", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Wrote {out}" in result.stdout and "Traceback" not in result.stderr
    assert_self_contained(out.read_text(encoding="utf-8"))


def test_command_without_out_writes_to_the_users_folder(tmp_path):
    home = tmp_path / "home"
    result = run_analyze("rostec-venezuela-2019", "--no-charts", env={"MEDIA_KIT_HOME": str(home)}, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (home / "analysis" / "rostec-venezuela-2019.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def test_a_bad_out_is_refused_before_the_lenses_run(tmp_path, monkeypatch, capsys):
    """--out was checked only after every lens had run (minutes on a big case)."""
    import argparse

    from helpers import analyze

    ran = []
    monkeypatch.setattr(analyze, "analyze_case", lambda *a, **k: ran.append(a))
    (tmp_path / "page.html").mkdir()
    for out in (tmp_path / "page.html", tmp_path / "missing" / "page.html"):
        args = argparse.Namespace(case="rostec-venezuela-2019", out=str(out), source="auto",
                                  no_charts=True, force=False)
        assert analyze.run(args) == 1
    said = capsys.readouterr()
    assert f"{tmp_path / 'page.html'}: is a folder; give a file name for the page" in said.out
    assert f"{tmp_path / 'missing'}: this folder does not exist" in said.out
    assert "1 problem found; no page was written." in said.err
    assert ran == []


def test_command_counts_one_report_in_the_singular(tmp_path):
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.txt").write_text("Rostec said a few dozen advisers stayed.\n", encoding="utf-8")
    new_case(tmp_path / "one", [articles / "a.txt"])
    result = run_analyze(str(tmp_path / "one"), "--out", str(tmp_path / "one.html"), "--no-charts")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(1 report)." in result.stdout and "reports)" not in result.stdout


@pytest.mark.parametrize("text", ["\u202e\u200b", " \u200b\n\ufeff\u2066 "])
def test_a_pasted_text_of_invisible_characters_only_is_empty(text):
    with pytest.raises(CaseError) as caught:
        analyze_texts({"Mine": text})
    assert str(caught.value) == "pasted text 'Mine': is empty; paste the article's text into the box"


def test_a_pasted_text_just_over_the_limit_says_a_size_over_the_limit():
    with pytest.raises(CaseError) as caught:
        analyze_texts({"Mine": "x" * 2_000_001})
    assert "is 2,000,001 bytes; the kit reads news articles up to 2,000,000 bytes (2 MB)" in str(caught.value)
    with pytest.raises(CaseError) as caught:
        analyze_texts({"Mine": "x" * 3_400_000})
    assert "is 3.4 MB; the kit reads news articles up to 2 MB" in str(caught.value)


def test_notebook_06_uses_these_functions_not_a_copy():
    notebooks = sorted((ROOT / "notebooks").glob("06*.ipynb"))
    assert notebooks, "notebook 06 is missing"
    cells = json.loads(notebooks[0].read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert "OwnStory(" in code or "analyze_texts" in code
    assert not re.search(r"^\s*def\s", code, re.M), "a notebook cell defines a function: move it to helpers"


def test_the_own_story_box_of_notebook_06_runs_analyze_texts_and_render_report(tmp_path, monkeypatch):
    """The widget 06 uses calls the command's own functions (no copy of the analysis)."""
    from helpers import analyze
    from helpers.widgets.journal import Journal
    from helpers.widgets.own_story import OwnStoryModel

    calls = []
    real_analyze, real_render = analyze.analyze_texts, analyze.render_report

    def spy_analyze(texts, **kw):
        calls.append(("analyze_texts", dict(texts)))
        return real_analyze(texts, **kw)

    def spy_render(analysis, **kw):
        calls.append(("render_report", kw.get("standalone")))
        return real_render(analysis, **kw)

    monkeypatch.setattr(analyze, "analyze_texts", spy_analyze)
    monkeypatch.setattr(analyze, "render_report", spy_render)
    monkeypatch.setenv("MEDIA_KIT_HOME", str(tmp_path))
    model = OwnStoryModel("06/test-own-story", charts=False, journal=Journal(tmp_path / "journal.json"))
    model.outlet = "Daily Test"
    model.text = "Officials said 12 people came, a source close to the mayor claimed."
    assert model.analyse() and not model.error
    assert calls[0] == ("analyze_texts", {"Daily Test": model.text})
    assert calls[1] == ("render_report", False)


def test_the_scale_benchmark_builds_a_200_article_case(tmp_path):
    from helpers.bench.analyze_scale import article_files, build_case

    if not article_files():
        pytest.skip("benchmarks not found (../shared/benchmarks)")
    held = build_case(tmp_path / "big", 200)
    assert held["articles"] == 200 and 0.9e6 < held["bytes"] < 1.3e6
    case = load_case(tmp_path / "big")
    assert len(case.reports) == 200


def test_a_big_case_gives_the_same_page_in_parallel_as_in_one_process(tmp_path, monkeypatch):
    """Above PARALLEL_CHARS the command runs lenses and charts in worker processes."""
    import helpers.analyze as az
    from helpers.bench.analyze_scale import article_files, build_case

    if not article_files():
        pytest.skip("benchmarks not found (../shared/benchmarks)")
    held = build_case(tmp_path / "big", 60)
    assert held["bytes"] > az.PARALLEL_CHARS
    result = run_analyze(str(tmp_path / "big"), "--out", str(tmp_path / "parallel.html"))
    assert result.returncode == 0 and not result.stderr, result.stdout + result.stderr
    monkeypatch.setattr(az, "PARALLEL_CHARS", float("inf"))
    alone = render_report(analyze_case(tmp_path / "big"))
    assert (tmp_path / "parallel.html").read_text(encoding="utf-8") == alone
    # attribution mix, loaded terms and the automatic claims' ranges, for 15 of the 60 reports
    assert alone.count("<img ") == 3
    assert 'alt="Number ranges by claim and report (the 15 reports with the most findings, of 60)"' in alone
    assert "(the 15 reports with the most findings, of 60)" in alone


def test_the_real_command_analyzes_200_articles(tmp_path):
    """The scale run of ``python -m helpers.bench.analyze_scale`` works end to end.

    Its time and memory are figures the benchmark prints (``make bench``), not asserted
    here: a shared test machine makes timings noise.
    """
    from helpers.bench.analyze_scale import article_files, build_case, run_once

    if not article_files():
        pytest.skip("benchmarks not found (../shared/benchmarks)")
    build_case(tmp_path / "big", 200)
    run = run_once(tmp_path / "big", tmp_path / "page.html")
    assert run["code"] == 0 and not run["stderr"], run["stderr"]
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert page.count('class="mlk-report"') == 200
