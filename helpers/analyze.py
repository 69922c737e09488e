"""Every lens over every report of a case, as one static HTML page a teacher can share.

``python -m helpers analyze CASE --out page.html`` and notebook 06 use the same three
functions::

    from helpers.analyze import analyze_case, analyze_texts, render_report, write_report

    analysis = analyze_case("rostec-venezuela-2019")           # or a folder path
    analysis = analyze_texts({"The Guardian": "...", "BBC News": "..."})  # pasted texts
    html = render_report(analysis)                  # a whole page (str)
    write_report(analysis, "page.html")             # written atomically

Where the highlights come from, lens by lens: the case's answer key when it has one for
that lens (``source="best"``, the default), otherwise the automatic lens, so a teacher's
new case with no answer key still gets every section. The page says which it used.

The page is self-contained: no scripts, no style sheets or fonts from elsewhere, charts
embedded as PNG data. Its markup is in Jinja2 templates (``helpers/templates/analyze/``,
rendered with autoescape); this module only gathers the values they print. A box on
the page hides the automatic highlights marked "check this" (plain CSS, no script). Report text is escaped everywhere (a report that contains
``<script>`` shows those characters), and links from ``case.yml`` are kept only when
they are http(s). Hidden direction and zero-width characters show as markers
(``⟨U+202E⟩``). Nothing is written until the whole page is ready, and then through a
temporary file renamed into place, so a failure never leaves half a page behind. An
existing file is replaced only if ``analyze`` wrote it (or with ``--force``), never a
link or a device, and nothing is written inside the case's ``reports/`` or
``annotations/`` or over its ``case.yml``.
"""
from __future__ import annotations

import dataclasses
import functools
import html
import itertools
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import pandas as pd
from markupsafe import Markup

from . import lenses
from .annotations import check_annotations, paths_to_origin
from .lenses import registry
from .case import MAX_REPORT_BYTES, Case, Report, load_case, report_labels, slug, unique_id, user_dir  # noqa: F401
from .invisible import is_blank, show_invisible
from .textio import too_big
from .outfile import out_problem, write_atomically, written_by
from .outlets import Outlets, key as outlet_key, plain as outlet_plain
from .problems import CaseError, Problem, display_path
from .spans import CHECK_THIS, CHECK_THIS_SOURCES, Span, legend_html, render_html, span_id
from .spans import is_check_this as spans_is_check_this
from .lenses.registry import claim_label
from . import wording
from .wording import number_range


def __getattr__(name: str):
    if name == "LENSES":  # older name: the lenses on the page, name -> the lens that stands in
        return {lens.name: lens.name for lens in _page_lenses()}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _page_lenses():
    """The lenses whose findings are highlighted on the page (from the registry)."""
    return registry.on_page()


def _chain_lens():
    """The lens whose answer key is the source chain (its role in the registry)."""
    return next((lens for lens in registry.all_lenses() if lens.role == "chain"), None)


SOURCES = ("best", "expert", "auto")
#: Charts show one bar (or row) per report; a bigger case is charted for this many
#: reports (those with the most findings) and the tables give the rest. Beyond a few
#: dozen bars a chart is unreadable, and drawing 200 takes longer than all the lenses.
CHART_REPORTS = 15
#: A case with at least this much text runs its lenses, and draws its charts, in
#: parallel processes. Only on Linux, from a process with no other threads (the command
#: line, not a notebook's kernel): there fork() shares everything already loaded.
#: Below this, starting processes costs more than it saves.
PARALLEL_CHARS = 300_000
#: Reports open on the page when there are this many or fewer (more are folded up).
OPEN_REPORTS = 12
#: Rows shown in the long tables of a big case (the page says how many were left out).
TABLE_ROWS = 200
#: Highlights shown per lens in one report: a text made of figures ("1 1 1 ...") would
#: otherwise give a mark per word and a page of hundreds of megabytes. The page says how
#: many were left out.
MARKS_SHOWN = 20_000


@dataclass
class Analysis:
    """What ``analyze_case`` and ``analyze_texts`` find: the data behind the page."""

    case: Case
    title: str
    source: str
    origin: dict[str, str]
    findings: dict[str, pd.DataFrame]
    shared: pd.DataFrame
    chain: pd.DataFrame
    numbers_table: pd.DataFrame
    loaded_counts: pd.DataFrame
    attribution_mix: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    charts: bool = True
    _spans: dict | None = field(default=None, repr=False, compare=False)
    _left_out: dict | None = field(default=None, repr=False, compare=False)

    @property
    def chain_origin(self) -> str:
        """Where the source chain comes from: "expert" (the answer key) or "auto"."""
        return self.origin.get("source_chain", "auto")

    def spans(self, report_id: str) -> list[Span]:
        """Every highlight of one report, all lenses, ready for ``render_html``."""
        if self._spans is None:
            self._spans = self._all_spans()
        return list(self._spans.get(report_id, []))

    def _all_spans(self) -> dict[str, list[Span]]:
        # One pass over each lens's rows (not one filter per report): a 200-report case
        # has tens of thousands of highlights.
        spans: dict[str, list[Span]] = {}
        counters: dict[tuple, int] = {}
        shown: dict[tuple, int] = {}
        self._left_out = {}

        def add(report_id, start, end, view, label, origin, confidence="", lens="shared_passages"):
            if shown.get((report_id, lens), 0) >= MARKS_SHOWN:
                self._left_out[(report_id, lens)] = self._left_out.get((report_id, lens), 0) + 1
                return
            shown[(report_id, lens)] = shown.get((report_id, lens), 0) + 1
            n = counters.get((report_id, view), 0)
            counters[(report_id, view)] = n + 1
            spans.setdefault(report_id, []).append(Span(int(start), int(end), view, label,
                                                        span_id(report_id, view, n, origin),
                                                        confidence=confidence))

        for lens, frame in self.findings.items():
            if frame.empty:
                continue
            views = frame["view"] if "view" in frame.columns else [lens] * len(frame)
            origin = self.origin.get(lens, "")
            # An automatic highlight may be a guess ("check this"); an answer key's never is,
            # and an automatic lens that does not say counts as sure.
            guesses = [CHECK_THIS if unsure else "" for unsure in is_check_this(frame, origin)]
            reasons = frame["reason"] if "reason" in frame.columns else [""] * len(frame)
            for report_id, start, end, label, view, confidence, reason in zip(
                    frame["report"], frame["start"], frame["end"], frame["label"], views, guesses, reasons):
                # The reason goes in the mark's title (hover), so a reader sees why it was marked.
                add(report_id, start, end, view, f"{label} (why: {reason})" if reason else label, origin, confidence, lens)
        if not self.shared.empty:
            outlets = report_labels(self.case)
            columns = [self.shared[c] for c in ("report_a", "start_a", "end_a", "report_b", "start_b", "end_b")]
            for a, start_a, end_a, b, start_b, end_b in zip(*columns):
                add(a, start_a, end_a, "shared_passages", f"also in {outlets.get(b, b)}", "auto")
                add(b, start_b, end_b, "shared_passages", f"also in {outlets.get(a, a)}", "auto")
        return spans

    def marks_left_out(self) -> list[str]:
        """What the page says for each report and lens with more than ``MARKS_SHOWN``
        highlights (the rest are left out of the page)."""
        if self._spans is None:
            self._spans = self._all_spans()
        said = []
        for (report_id, lens), more in self._left_out.items():
            report = self.case.reports[report_id]
            try:
                label = registry.get(lens).label
            except KeyError:
                label = lens.replace("_", " ")
            said.append(f"{report.outlet}: the page shows the first {MARKS_SHOWN:,} highlights of "
                        f"\u201c{label}\u201d in this article and leaves out the other {more:,}, "
                        "so that the page stays small enough for a web browser")
        return said

    def report_html(self, report_id: str) -> str:
        """One report with every highlight, through the kit's one renderer."""
        report = self.case.reports[report_id]
        return render_html(report.text, self.spans(report_id), legend=False)


# --- analysing ------------------------------------------------------------------------

def analyze_case(case, source: str = "best", charts: bool = True) -> Analysis:
    """Run every lens over a case (a ``Case``, a case name or a folder path).

    ``source``: ``"best"`` uses the answer key for each lens the case has one for and
    the automatic lens for the others; ``"expert"`` only the answer key; ``"auto"`` only
    the automatic lenses (the answer key is not even read). Raises
    :class:`~helpers.CaseError` for a broken case or answer key.
    """
    if source not in SOURCES:
        raise ValueError(f"source must be one of {', '.join(SOURCES)}, not {source!r}")
    if not isinstance(case, Case):
        case = load_case(case)
    warnings: list[str] = []
    keys: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    page = [lens.name for lens in _page_lenses()]
    chain_lens = _chain_lens()
    if source in ("best", "expert"):
        # Only lenses with an answer-key file: a teacher's lens may have a detector alone.
        with_key = {found.name for found in registry.with_key()}
        for lens in (*page, *([chain_lens.name] if chain_lens else [])):
            if lens not in with_key:
                continue
            key, key_problems = check_annotations(case, lens)
            problems += key_problems
            if len(key) or source == "expert":
                keys[lens] = key
    if problems:
        raise CaseError(problems)
    # A lexicon with a renamed column would make its lens drop marks silently: refuse.
    from .lenses._text import check_lexicons

    needed = {lex.file for lens in _page_lenses() if lens.name not in keys for lex in lens.lexicons}
    problems = [p for p in check_lexicons() if Path(p.file).stem in needed]
    if problems:
        raise CaseError(problems)
    # The automatic lenses that are needed, and the shared passages: in parallel for a big case.
    work = {lens: (lambda d=lens: case.detections(d)) for lens in page if lens not in keys}
    work["shared_passages"] = lambda: _shared_passages(case)
    done = _in_parallel(work, _is_big(case))
    findings: dict[str, pd.DataFrame] = {}
    origin: dict[str, str] = {}
    for lens in page:
        if lens in keys:
            frame, origin[lens] = keys[lens], "expert"
        else:
            ok, result = done[lens]
            if ok:
                case.use_detections(lens, result)
                frame = result
            else:
                warnings.append(f"the automatic lens \u201c{registry.get(lens).label}\u201d could not run ({result}); its section is empty")
                frame = pd.DataFrame(columns=["report", "start", "end", "quote"])
            origin[lens] = "auto"
            if lens == "attributions":
                frame = _outlets_as_the_case_names_them(frame, case)
        findings[lens] = _with_labels(lens, frame, origin[lens])
    if chain_lens is not None and chain_lens.name in keys:
        chain, chain_origin = keys[chain_lens.name], "expert"
    else:
        chain, chain_origin = _chain_from_attributions(findings["attributions"], case), "auto"
    origin["source_chain"] = chain_origin
    ok, shared = done["shared_passages"]
    if not ok:
        warnings.append(f"the shared-passages lens could not run ({shared}); its section is empty")
        shared = pd.DataFrame(columns=SHARED_COLUMNS)
    origin["shared_passages"] = "auto"
    return Analysis(
        case=case, title=case.title, source=source, origin=origin, findings=findings,
        shared=shared, chain=chain,
        numbers_table=_numbers_table(findings["numbers"], case),
        loaded_counts=_loaded_counts(findings["loaded_language"], case, findings.get("page_chrome"),
                                     origin["loaded_language"]),
        attribution_mix=_attribution_mix(findings["attributions"], case, origin["attributions"]),
        warnings=warnings, charts=charts,
    )


class _PastedCase(Case):
    """A case that lives only in memory: texts a student pasted, with no answer key."""

    @property
    def annotations_dir(self) -> Path:
        # A path that can never hold a file, so every answer key reads as absent.
        return Path(os.devnull) / "no-answer-key"


def analyze_texts(texts: dict[str, str], title: str = "Your story", charts: bool = True) -> Analysis:
    """Run the automatic lenses over texts pasted by a student; nothing is written.

    ``texts`` maps a name (the outlet, or any label) to the article's text. Raises
    :class:`~helpers.CaseError` with a plain message for an empty or oversized text.
    """
    if isinstance(texts, str):
        texts = {"Your article": texts}
    problems: list[Problem] = []
    reports: dict[str, Report] = {}
    if not texts:
        problems.append(Problem(Path("pasted texts"), None, "there is no text to read; paste at least one article"))
    for name, text in (texts or {}).items():
        name = str(name).strip() or f"Article {len(reports) + 1}"
        where = Path(f"pasted text {name!r}".replace("/", "\u2215"))
        if not isinstance(text, str):
            problems.append(Problem(where, None, f"is a {type(text).__name__}, not text; paste the article's words"))
            continue
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_REPORT_BYTES:
            problems.append(Problem(where, None, f"{too_big(size)}. Paste one article at a time"))
            continue
        if is_blank(text):  # only spaces or invisible characters: nothing to read
            problems.append(Problem(where, None, "is empty; paste the article's text into the box"))
            continue
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            problems.append(Problem(where, line, "contains a NUL character (an invisible zero byte), which is not text; "
                                                 "copy the article's words again"))
            continue
        rid = unique_id(slug(name), reports)
        reports[rid] = Report(id=rid, outlet=name, author=None, date=None, url=None, text=text, capture=PASTED)
    if problems:
        raise CaseError(problems)
    case = _PastedCase(Path("pasted-story"), {"title": title}, reports)
    return analyze_case(case, source="auto", charts=charts)


#: How a pasted text is "saved": it was pasted, not captured from the web or a PDF.
PASTED = "pasted"


def is_check_this(frame: pd.DataFrame, origin: str) -> list[bool]:
    """Per row, whether it is a highlight marked "check this": only an automatic lens's
    rows can be (an answer key's never is), read by the kit's one spelling (spans.CHECK_THIS)."""
    if origin != "auto" or "confidence" not in frame.columns:
        return [False] * len(frame)
    return [spans_is_check_this(c) for c in frame["confidence"]]


def _reason(row: dict) -> str:
    """Why an automatic lens marked a row, in its own words (the lens's ``why`` or ``rule``)."""
    why = wording.text(row, "why")
    if why:
        return why
    rule = wording.text(row, "rule")
    return f"the rule: {rule}" if rule and not wording.SNAKE_ID.search(rule) else ""


def _is_big(case: Case) -> bool:
    return sum(len(r.text) for r in case.reports.values()) >= PARALLEL_CHARS


#: What forked workers run, by name: set just before the fork, so nothing is pickled
#: on the way in (the case and its texts are already in the child's memory).
_FORKED_WORK: dict = {}


def _run(work) -> tuple[bool, object]:
    """(True, result), or (False, "Error: why") when the work raised: one broken lens
    must not take the whole page with it."""
    try:
        return True, work()
    except CaseError as err:  # a teacher's file: its file:line problems say it all
        return False, str(err)
    except Exception as err:
        return False, f"{type(err).__name__}: {err}"


def _run_forked(name: str) -> tuple[bool, object]:
    return _run(_FORKED_WORK[name])


def _in_parallel(work: dict, big: bool) -> dict[str, tuple[bool, object]]:
    """Run each piece of ``work`` (name -> function); in forked processes when it pays.

    Returns name -> (ok, result or error text). The order of ``work`` is the order the
    pieces start in: put the longest first.
    """
    import threading

    workers = min(len(work), os.cpu_count() or 1)
    if big and workers > 1 and sys.platform.startswith("linux") and threading.active_count() == 1:
        import multiprocessing

        _FORKED_WORK.clear()
        _FORKED_WORK.update(work)
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                return dict(zip(work, pool.map(_run_forked, list(work), chunksize=1)))
        except OSError:
            pass  # no processes to be had (a tight container): do it here instead
        finally:
            _FORKED_WORK.clear()
    return {name: _run(function) for name, function in work.items()}


def _highlight_label(lens) -> str:
    """What the page calls a lens's highlights: its label, and its views when it has two."""
    if len(lens.views) > 1:
        return f"{lens.label} ({' and '.join(v.label.lower() for v in lens.views)})"
    return lens.label


def _with_labels(lens: str, frame: pd.DataFrame, origin: str = "expert") -> pd.DataFrame:
    """The rows with ``label`` (the words a student reads, from the registry), ``view``
    (which highlight they are drawn as) and, for an automatic lens, ``reason`` (why it
    marked the words, from its ``why`` or ``rule`` column)."""
    frame = frame.copy()
    if "claim" in frame.columns and "claim_label" not in frame.columns:
        # What the claim counts, in words, kept apart: "label" below becomes the finding's
        # words (figure and all), which must never name a claim.
        frame["claim_label"] = [claim_label(row) for row in frame.to_dict("records")]
    frame = frame.drop(columns=["label"], errors="ignore")
    found = registry.get(lens)
    records = frame.to_dict("records")
    frame["label"] = [found.words(row, wording.text(row, "quote")).label for row in records] if len(frame) else []
    frame["view"] = [found.view_for(row) for row in records] if len(frame) else []
    frame["reason"] = [_reason(row) if origin == "auto" else "" for row in records] if len(frame) else []
    return frame.reset_index(drop=True)


#: Where a sentence ends: ".", "!" or "?" (and a closing quote mark) before a space, or a line break.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(?=\s)|\n")
#: Quote marks that open or close the words of an article another outlet published.
_QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]")


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or sentences) that holds ``text[start:end]``; and, when those words are
    inside quote marks, the whole paragraph (the outlet that published a quoted passage is
    named before or after it)."""
    begin = 0
    for found in _SENTENCE_END.finditer(text, max(0, start - 2000), start):
        begin = found.end()
    after = _SENTENCE_END.search(text, end)
    stop = after.end() if after else len(text)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if len(_QUOTE_MARKS.findall(text, line_start, start)) % 2:
        begin, stop = min(begin, line_start), max(stop, line_end)
    return text[begin:stop]


#: The grammar that makes an outlet the way a source reached a report: "told the Journal",
#: "in an interview with", "according to", "obtained by", "first reported by", or the outlet
#: as the teller ("the Journal reported", "the Journal's report"). An outlet only mentioned
#: ("said the Journal had seen the memo") passes nothing on.
_THROUGH_BEFORE = r"(?:told|to|with|by|from|according to|citing|via|in|on)\s+(?:the\s+)?"
_THROUGH_AFTER = (r"(?:'s)?\s+(?:first\s+)?(?:reported|reports|wrote|writes|published|said|says|"
                  r"report|story|article|interview|reporting)\b")


def _names_outlet(words: str, names: set[str]) -> bool:
    """Whether ``words`` give an outlet, by one of ``names`` (keys, as ``outlets.key``
    gives), as the way a source came: "told the Journal", "the Journal reported"."""
    low = outlet_plain(words)
    for name in names:
        if name and re.search(rf"(?:{_THROUGH_BEFORE}(?<!\w){re.escape(name)}(?!\w))|"
                              rf"(?:(?<!\w){re.escape(name)}{_THROUGH_AFTER})", low):
            return True
    return False


def _outlets_as_the_case_names_them(frame: pd.DataFrame, case: Case) -> pd.DataFrame:
    """The automatic sources lens's rows, read against the outlets of the case.

    A speaker that is an outlet of the story ("the Valley Journal reported", or a short
    name listed under ``aliases:``) is that outlet, whatever kind the lens gave it. And a
    source is passed on by another outlet ("via") only when the sentence that gives it, or
    the quoted passage it is in, names that outlet: the lens carries the last outlet named
    onto a later hidden source ("a source close to the school board said"), which is the
    report's own source. A report does not pass on its own source to itself ("Ortiz told
    the Journal" in the Journal's own report).
    """
    if frame.empty or "source" not in frame.columns:
        return frame
    outlets = Outlets(case)
    names_of: dict[str, set] = {}
    for found in outlets.by_key.values():
        names_of.setdefault(found.target, set()).update({found.key, *found.aliases})
    frame = frame.copy()
    kinds, nameds, vias = [], [], []
    has_via = "via" in frame.columns
    for row in frame.to_dict("records"):
        source = wording.text(row, "source")
        kind, named = row.get("kind"), row.get("named")
        target = outlets.read(source).target if source else None
        if target:
            kind, named = "outlet", True
        via = wording.text(row, "via") if has_via else ""
        if via:
            report = case.reports.get(row["report"])
            own = {outlet_key(report.outlet)} | names_of.get(row["report"], set()) if report else set()
            through = outlets.read(via).target
            names = {outlet_key(via)} | names_of.get(through, set())
            text = report.text if report else ""
            start, end = int(row.get("start", 0)), int(row.get("end", 0))
            # its own outlet ("the Journal" in The Valley Journal's report, when no other
            # outlet of the story has a name that ends so): nothing is passed on
            tail = outlets.ends.get(outlet_key(via), [])
            if outlet_key(via) in own or through == row["report"] or \
                    (not through and tail and all(o.target == row["report"] for o in tail)):
                via = ""
            elif target and through == target:
                via = ""    # the outlet is the source itself
            elif not (_names_outlet(wording.text(row, "quote"), names)
                      or _names_outlet(_sentence_around(text, start, end), names)):
                via = ""    # the sentence does not say the source came through that outlet
        kinds.append(kind)
        nameds.append(named)
        vias.append(via)
    frame["kind"] = kinds
    if "named" in frame.columns:
        frame["named"] = nameds
    if has_via:
        frame["via"] = vias
    return frame


def _chain_from_attributions(attributions: pd.DataFrame, case: Case) -> pd.DataFrame:
    """A source chain read off the attribution lens: each report cites who it names.

    Only sources with a name (people, organisations, outlets, documents) make a link;
    "via" (the outlet that relays a source) becomes a link of its own.
    """
    rows = []
    seen = set()
    # the links a teacher wrote in case.yml ("relations:") come first: they are read, not guessed
    for report in case.reports.values():
        for rel in report.relations:
            kind, cited = str(rel.get("kind") or ""), str(rel.get("report") or "")
            if kind in registry.CHAIN_RELATIONS and cited in case.reports and (report.id, cited, kind) not in seen:
                seen.add((report.id, cited, kind))
                rows.append({"citing": report.id, "cited": cited, "relation": kind, "report": report.id,
                             "quote": str(rel.get("note") or ""), "check": False, "written": True})
    # "a report from the Wall Street Journal", "WSJ" -> the outlet of the case they mean
    # (a report of the case, or the original): the chain meets there (helpers.outlets)
    outlets = Outlets(case)
    unclear: dict[str, str] = {}   # a name that could mean two outlets -> "A or B"
    unsure = is_check_this(attributions, "auto")

    def outlet_of(name: str) -> str:
        reading = outlets.read(name)
        if reading.unclear:
            unclear[name] = reading.could_mean()
        return reading.target or name

    for row, check in zip(attributions.to_dict("records"), unsure):
        source = wording.text(row, "source")
        via = wording.text(row, "via")
        if not source:
            continue
        citing = row["report"]
        named = outlet_of(source)
        # a source the lens took for one not named ("according to the wall street journal",
        # lower case) is named when its words are the name of an outlet of the story
        anonymous = registry.attribution_view(row) == "anonymous" and named == source
        source = named
        via = outlet_of(via) if via else via
        if via and outlet_key(via) != outlet_key(source):
            links = [(citing, via, "cites"), (via, source, "cites")]
        else:
            links = [(citing, source, "cites")]
        through = bool(via) and outlet_key(via) != outlet_key(source)
        for link in links:
            if link[0] == link[1]:
                continue   # a report naming its own outlet is not a link
            if anonymous and link[1] == source:
                link = (link[0], _not_named(source), link[2])
            if link not in seen:
                seen.add(link)
                rows.append({"citing": link[0], "cited": link[1], "relation": link[2],
                             "report": row["report"], "quote": row.get("quote", ""), "check": bool(check),
                             "unclear": unclear.get(link[1], ""), "through": through and link[1] == via})
    for row in rows:
        row.setdefault("written", False)   # the lens's links; case.yml's say True
        row.setdefault("unclear", "")      # the outlets a name could mean, when a reader cannot tell
        row.setdefault("through", False)   # a link to the outlet the text says a source came through
    return pd.DataFrame(rows, columns=["citing", "cited", "relation", "report", "quote", "check", "written", "unclear",
                                       "through"])


def _not_named(source: str) -> str:
    """A hidden source in the chain, said once: "insiders (not named)"; a source with no
    words of its own (the lens writes "(not named)") is "someone not named"."""
    bare = source.strip()
    if bare.lower() in ("", "(not named)", "not named"):
        return "someone not named"
    return bare if bare.lower().endswith("(not named)") else f"{bare} (not named)"


SHARED_COLUMNS = ["report_a", "start_a", "end_a", "report_b", "start_b", "end_b", "text", "score", "words"]


def _shared_passages(case: Case) -> pd.DataFrame:
    """Passages two reports share, one row per pair of places (report_a before report_b).

    Uses the lens's ``detect_many`` (one index for all reports), else ``detect_pair`` on
    every pair. Raises when the lens fails; the caller turns that into a warning.
    """
    if len(case.reports) < 2:
        return pd.DataFrame(columns=SHARED_COLUMNS)
    module = lenses.get("shared_passages")
    texts = {rid: r.text for rid, r in case.reports.items()}
    if hasattr(module, "detect_many"):
        found = module.detect_many(texts)
    else:
        ids = list(texts)
        parts = []
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                pair = module.detect_pair(texts[a], texts[b]).copy()
                pair.insert(0, "report_a", a)
                pair.insert(1, "report_b", b)
                parts.append(pair)
        found = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=SHARED_COLUMNS)
    normal = _normalise_shared(found, list(case.reports))
    if normal is None:
        raise ValueError(f"it returned columns this page cannot read ({', '.join(map(str, found.columns))})")
    return normal.reset_index(drop=True)


def _normalise_shared(found, ids: list[str]):
    """Shape what the shared-passages lens returns into this page's columns."""
    if isinstance(found, list):
        found = pd.DataFrame(found)
    found = found.copy()
    renames = {}
    for side in ("a", "b"):
        for col in ("report", "start", "end", "id"):
            for name in (f"{col}_{side}", f"{side}_{col}"):
                if name in found.columns:
                    renames[name] = "report_" + side if col in ("report", "id") else f"{col}_{side}"
    found = found.rename(columns=renames)
    needed = ["report_a", "start_a", "end_a", "report_b", "start_b", "end_b"]
    if any(c not in found.columns for c in needed):
        return None
    for side in ("a", "b"):
        # detect_many may name the texts by their position in the list it was given.
        found[f"report_{side}"] = [ids[v] if isinstance(v, (int,)) and not isinstance(v, bool) and 0 <= v < len(ids) else v
                                   for v in found[f"report_{side}"]]
    if "text" not in found.columns:
        found["text"] = found["a_text"] if "a_text" in found.columns else ""
    extra = [c for c in ("score", "words") if c in found.columns]
    return found[needed + ["text", *extra]]


def _outlet_names(case: Case) -> dict[str, str]:
    """A name per report for tables, as the rest of the kit names it (``case.report_labels``:
    the outlet, with "(web capture)" or "(PDF capture)" when two share an outlet); never an id."""
    labels = report_labels(case)
    seen: dict[str, int] = {}
    for rid, label in labels.items():
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            labels[rid] = f"{label} ({seen[label]})"
    return labels


def _numbers_table(numbers: pd.DataFrame, case: Case) -> pd.DataFrame:
    """One row per figure, grouped by claim (answer key) or by what is counted."""
    columns = ["group", "report", "outlet", "quote", "change", "low", "high", "unit", "kind", "time", "hedge", "attributed_to"]
    if numbers.empty:
        return pd.DataFrame(columns=columns)
    names = _outlet_names(case)
    rows = []
    records = numbers.to_dict("records")
    # One name per claim (its label, else the first row's words), never the claim's id.
    named: dict[str, str] = {}
    for row in records:
        if wording.text(row, "claim") and wording.text(row, "claim_label"):
            named.setdefault(wording.text(row, "claim"), wording.text(row, "claim_label"))
    for row in records:
        if registry.is_date(row):
            continue
        group = (named.get(wording.text(row, "claim")) or wording.text(row, "claim_label") or wording.text(row, "counted")
                 or "(the text does not say what this number counts)")
        rows.append({"group": group, "report": row["report"], "outlet": names.get(row["report"], row["report"]),
                     "quote": row.get("quote", ""), "change": registry.change_pair(row), "low": row.get("low"), "high": row.get("high"), "unit": registry.unit_of(row),
                     "kind": wording.text(row, "kind").lower(), "time": registry.time_unit(row), "hedge": wording.text(row, "hedge"), "attributed_to": wording.text(row, "attributed_to")})
    table = pd.DataFrame(rows, columns=columns)
    if table.empty:
        return table
    spread = table.groupby("group")["report"].nunique().rename("reports")
    table = table.join(spread, on="group")
    order = list(case.reports)
    table["_order"] = table["report"].map({rid: i for i, rid in enumerate(order)})
    table = table.sort_values(["reports", "group", "_order"], ascending=[False, True, True], kind="stable")
    return table.drop(columns=["_order"]).reset_index(drop=True)


def in_page_chrome(frame: pd.DataFrame, chrome: pd.DataFrame | None) -> list[bool]:
    """Per row of ``frame`` (report, start), whether it starts inside page chrome (a
    fundraising appeal, a caption, a link list): not the article's own voice. As notebook
    05's chart does (``charts.outside_chrome``), from the page's page-chrome highlights."""
    if chrome is None or not len(chrome) or not len(frame):
        return [False] * len(frame)
    spans: dict[str, list[tuple[int, int]]] = {}
    for rid, start, end in zip(chrome["report"], chrome["start"], chrome["end"]):
        spans.setdefault(rid, []).append((int(start), int(end)))
    return [any(a <= int(start) < b for a, b in spans.get(rid, [])) for rid, start in zip(frame["report"], frame["start"])]


def _loaded_counts(loaded: pd.DataFrame, case: Case, chrome: pd.DataFrame | None = None,
                   origin: str = "expert") -> pd.DataFrame:
    """Loaded terms per report: own voice, quoted, total, per 1,000 words, and how many
    are marked "check this". Words inside page chrome are left out (not the article's
    voice; notebook 05's chart leaves them out too) and counted apart in ``in_chrome``."""
    names = _outlet_names(case)
    chromed = in_page_chrome(loaded, chrome)
    unsure = is_check_this(loaded, origin)
    rows = []
    for rid, report in case.reports.items():
        rows.append({"report": rid, "name": names[rid], "own": 0, "quoted": 0, "total": 0, "check": 0, "in_chrome": 0})
    by_id = {row["report"]: row for row in rows}
    voices = loaded["voice"] if "voice" in loaded.columns else [""] * len(loaded)
    for rid, voice, chrome_word, check in zip(loaded["report"] if len(loaded) else [], voices, chromed, unsure):
        row = by_id.get(rid)
        if row is None:
            continue
        if chrome_word:
            row["in_chrome"] += 1
            continue
        row["total"] += 1
        row["check"] += int(check)
        if voice in ("own", "quoted"):
            row[voice] += 1
    for row in rows:
        row["per_1000_words"] = round(1000 * row["total"] / max(case.reports[row["report"]].words, 1), 1)
    return pd.DataFrame(rows, columns=["report", "name", "own", "quoted", "total", "per_1000_words", "check", "in_chrome"]
                        ).set_index("report")


def _attribution_mix(attributions: pd.DataFrame, case: Case, origin: str = "expert") -> pd.DataFrame:
    """Attributions per report by kind of source (counts), and how many are "check this"."""
    kinds = list(registry.get("attributions").key.vocab[0][1])
    names = _outlet_names(case)
    has_kind = len(attributions) and "kind" in attributions.columns
    counts = pd.crosstab(attributions["report"], attributions["kind"]) if has_kind else pd.DataFrame()
    totals = attributions["report"].value_counts() if len(attributions) else pd.Series(dtype=int)
    checks: dict[str, int] = {}
    for rid, unsure in zip(attributions["report"] if len(attributions) else [], is_check_this(attributions, origin)):
        checks[rid] = checks.get(rid, 0) + int(unsure)
    rows = []
    for rid in case.reports:
        found = counts.loc[rid] if rid in counts.index else {}
        row = {"report": rid, "name": names[rid]}
        row.update({k: int(found.get(k, 0)) for k in kinds})
        row["total"] = int(totals.get(rid, 0))
        row["check"] = checks.get(rid, 0)
        rows.append(row)
    return pd.DataFrame(rows, columns=["report", "name", *kinds, "total", "check"]).set_index("report")


# --- the page -------------------------------------------------------------------------
#
# The markup lives in Jinja2 templates, ``helpers/templates/analyze/*.html.j2`` (package
# data), rendered with autoescape: every value a template prints is escaped, and hidden
# direction or zero-width characters are shown as markers (``_shown``, the environment's
# ``finalize``). The code below only gathers plain values for the templates. Markup
# made elsewhere (the highlighted reports, the legend, the charts) enters the page at
# one place only: ``_trusted``.

TEMPLATES = Path(__file__).parent / "templates"

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:62em;padding:1em 1.5em;color:#111;background:#fff;overflow-wrap:break-word}
h1{font-size:1.7em;margin-bottom:.2em} h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
.mlk-scroll{max-width:100%;overflow-x:auto;margin:.5em 0 1em 0}
table{border-collapse:collapse;font-size:.92em} th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}
th{background:#f2f2f2} td.n,th.n{text-align:right;font-variant-numeric:tabular-nums} #reports td:last-child{overflow-wrap:anywhere;min-width:8em}
.mlk-report{overflow-wrap:anywhere}
.mlk-note{background:#f6f6f6;border-left:4px solid #888;padding:.5em .8em;margin:.8em 0}
.mlk-warn{background:#fff4e0;border-left:4px solid #D55E00;padding:.5em .8em;margin:.8em 0}
.mlk-disagree{font-weight:bold} .mlk-none{color:#555}
details{margin:.6em 0} summary{cursor:pointer;font-weight:bold;font-size:1.05em}
figure{margin:1em 0} figure img{max-width:100%;height:auto} figcaption{font-size:.9em;color:#333}
nav ol{columns:2} q{quotes:"\\201C" "\\201D"}
.mlk-hide-unsure{width:1.2em;height:1.2em;vertical-align:middle;margin:0 .4em 0 0}
.mlk-toggle{font-weight:bold;cursor:pointer}
mark[data-confidence="check this"] > .mlk-tag{border-style:dashed!important}
.mlk-hide-unsure:checked ~ details mark[data-confidence="check this"]{background:none!important;text-decoration:none!important;outline:none!important}
.mlk-hide-unsure:checked ~ details mark[data-confidence="check this"] > .mlk-tag{display:none!important}
@media (max-width:600px){body{padding:.5em .7em} nav ol{columns:1}}
@media print{details{display:block} summary{list-style:none} nav{display:none} .mlk-scroll{overflow:visible}}
"""


def _shown(value):
    """How a template prints any value: escaped, hidden characters shown as markers."""
    if isinstance(value, Markup):
        return value
    return Markup(show_invisible(html.escape("" if value is None else str(value), quote=True)))


def _attr(value) -> Markup:
    """A value for inside an attribute (an id, a link): escaped, with no markers in it."""
    return Markup(html.escape("" if value is None else str(value), quote=True))


def _is_safe_url(url) -> bool:
    """Links from ``case.yml`` are kept only when they are http(s)."""
    return isinstance(url, str) and re.match(r"^https?://", url.strip(), re.I) is not None


def _trusted(markup: str) -> Markup:
    """The one place where markup made elsewhere goes into the page as it is: the kit's
    span renderer (``spans.render_html``, ``spans.legend_html``), which escapes every
    piece of report text itself, and ``charts.figure_html`` (a PNG image whose alt text
    it escapes). Everything else a template prints is escaped by the template."""
    return Markup(markup)


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, finalize=_shown,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters["attr"] = _attr
    env.filters["count"] = wording.count   # "1 report", "2 reports", "12,400 words": the kit's one plural rule
    env.tests["safe_url"] = _is_safe_url
    return env


def _render(template: str, **context) -> str:
    return _environment().get_template(f"analyze/{template}").render(**context)


def _where_from(origin: str) -> str:
    return "the case's answer key" if origin == "expert" else "the automatic lens (a rule of thumb: check by hand)"


def _chart_case(analysis: Analysis, lens: str):
    """What to chart (a case, or the chart tables of some of its reports) and a note:
    all of it, or its reports with the most findings."""
    case = analysis.case
    if len(case.reports) <= CHART_REPORTS:
        return case, ""
    frame = analysis.chain if registry.known(lens) and registry.get(lens).role == "chain" else analysis.findings[lens]
    counts = frame["report"].value_counts() if len(frame) else pd.Series(dtype=int)
    ranked = sorted(case.reports, key=lambda rid: -int(counts.get(rid, 0)))[:CHART_REPORTS]
    keep = [rid for rid in case.reports if rid in set(ranked)]
    from .charts import ChartTables

    return ChartTables.of_case(case, keep), f" (the {len(keep)} reports with the most findings, of {len(case.reports)})"


#: The charts on the page: the lens each one draws, and its alternative text.
CHARTS = {
    "attribution_mix": ("attributions", "Attributions per report, by kind of source"),
    "loaded_terms": ("loaded_language", "Loaded terms per report, own voice and quoted"),
    "number_ranges": ("numbers", "Number ranges by claim and report"),
    "source_chain_graph": ("source_chain", "The source chain: who cites whom"),
}


def _chart_work(analysis: Analysis) -> dict:
    """The charts this analysis can draw, as name -> function returning (image, alt text)."""
    from . import charts

    work = {}
    for name, (lens, alt) in CHARTS.items():
        if name == "source_chain_graph" and analysis.origin[lens] != "expert":
            continue  # the automatic chain is a table, not a story
        if name == "number_ranges" and not _claims_grid(analysis)[0]:
            continue  # no figure that two reports give: nothing to line up
        case, note = _chart_case(analysis, lens)

        def draw(name=name, case=case, alt=alt + note, source=analysis.origin[lens]):
            import matplotlib.pyplot as plt

            if name == "source_chain_graph":
                fig = charts.source_chain_graph(case)
            elif name == "loaded_terms":  # the page chrome the loaded-language table leaves out
                fig = charts.loaded_terms(case, source=source, chrome=analysis.findings.get("page_chrome"))
            else:
                fig = getattr(charts, name)(case, source=source)
            try:
                return charts.figure_html(fig, alt=alt), alt
            finally:
                plt.close(fig)

        work[name] = draw
    return work


def _draw_charts(analysis: Analysis, warnings: list[str]) -> dict[str, Markup]:
    """Every chart as HTML (in parallel for a big case); a chart that fails is a warning."""
    if not analysis.charts:
        return {}
    drawn = {}
    for name, (ok, result) in _in_parallel(_chart_work(analysis), _is_big(analysis.case)).items():
        if ok:
            image, alt = result
            drawn[name] = Markup(_render("figure.html.j2", img=_trusted(image), alt=alt))
        else:
            warnings.append(f"the chart {name} could not be drawn ({result})")
    return drawn


#: The sections of the page, in order: anchor (and template name), heading.
SECTIONS = (("reports", "The reports"), ("highlights", "Every report, highlighted"),
            ("source-chain", "The source chain"), ("attributions", "Who is said to have said it"),
            ("numbers", "The numbers"), ("loaded-language", "Loaded language"),
            ("shared-passages", "Shared passages"), ("about", "How this page was made"))

_fragments = itertools.count(1)


def render_report(analysis: Analysis, standalone: bool = True, charts: bool | None = None,
                  warnings_out: list | None = None) -> str:
    """The analysis as HTML: a whole page, or (``standalone=False``) a fragment for a notebook.

    ``charts``: draw the charts (None: as ``analysis.charts`` says). ``warnings_out``: a
    list that receives the warnings found while drawing (a chart that failed), which the
    page shows too.
    """
    if charts is not None:
        analysis = dataclasses.replace(analysis, charts=charts)
    case = analysis.case
    warnings = list(analysis.warnings)
    warnings += analysis.marks_left_out()
    drawn = _draw_charts(analysis, warnings)
    if warnings_out is not None:
        warnings_out.extend(warnings[len(analysis.warnings):])
    names = _outlet_names(case)
    # A notebook may show several analyses: each fragment's show/hide box has its own id.
    toggle = "mlk-hide-unsure" if standalone else f"mlk-hide-unsure-{next(_fragments)}"
    data = {
        "reports": _section_reports(analysis, names),
        "highlights": _section_highlights(analysis, names, toggle),
        "source-chain": _section_chain(analysis, names, drawn),
        "attributions": _section_attributions(analysis, drawn),
        "numbers": _section_numbers(analysis, drawn),
        "loaded-language": _section_loaded(analysis, drawn),
        "shared-passages": _section_shared(analysis, names),
        "about": {},
    }
    original = None
    if case.original:
        o = case.original
        original = {"outlet": o.get("outlet", ""), "author": o.get("author"), "date": wording.date(o.get("date")), "title": o.get("title")}
    return _render(
        "page.html.j2", standalone=standalone, title=analysis.title,
        style=Markup(STYLE if standalone else _scoped(STYLE)),  # the kit's own CSS, no report text in it
        reports=len(case.reports), words=sum(r.words for r in case.reports.values()), original=original,
        warnings=warnings, sections=[{"anchor": a, "title": t, "data": data[a]} for a, t in SECTIONS])


def _scoped(css: str) -> str:
    """The page's style limited to the analysis block, so a notebook keeps its own look."""
    css = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)  # print rules: pages only
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        scoped = ",".join(".mlk-analysis" if s.strip() == "body" else f".mlk-analysis {s.strip()}"
                          for s in selectors.split(","))
        rules.append(f"{scoped}{{{body}}}")
    return "\n".join(rules)


def _section_reports(analysis: Analysis, names) -> dict:
    rows = [{"id": rid, "name": names.get(rid, r.outlet), "author": r.author or "(not given)",
             "date": wording.date(r.date) or "(not given)", "words": f"{r.words:,}",
             "capture": "pasted" if r.capture == PASTED else r.capture, "url": r.url} for rid, r in analysis.case.reports.items()]
    return {"rows": rows[:TABLE_ROWS], "more": len(rows) - TABLE_ROWS}


def _section_highlights(analysis: Analysis, names, toggle: str) -> dict:
    origin = analysis.origin
    origins = [(_highlight_label(lens), _where_from(origin[lens.name]))
               for lens in registry.all_lenses() if lens.views and lens.name in origin]
    reports, unsure = [], 0
    for rid, r in analysis.case.reports.items():
        spans = analysis.spans(rid)  # worked out once for all reports, then looked up
        unsure += sum(1 for s in spans if s.confidence == CHECK_THIS)
        reports.append({"id": rid, "name": names.get(rid, r.outlet), "words": r.words, "count": len(spans),
                        "html": _trusted(analysis.report_html(rid))})
    return {"origins": origins, "legend": _trusted(legend_html(list(registry.views()))), "reports": reports,
            "open": len(analysis.case.reports) <= OPEN_REPORTS, "unsure": unsure, "toggle": toggle,
            "reasons": _check_reasons(analysis), "check_sources": CHECK_THIS_SOURCES}


def _check_reasons(analysis: Analysis) -> list[dict]:
    """Why the automatic lenses marked words "check this", lens by lens: each reason in
    the lens's words and how many marks give it (most first)."""
    out = []
    for lens in registry.all_lenses():
        frame = analysis.findings.get(lens.name)
        if frame is None or not len(frame) or "reason" not in frame.columns:
            continue
        counts: dict[str, int] = {}
        for reason, unsure in zip(frame["reason"], is_check_this(frame, analysis.origin.get(lens.name, ""))):
            if unsure and reason:
                counts[reason] = counts.get(reason, 0) + 1
        if counts:
            out.append({"lens": lens.label, "reasons": sorted(counts.items(), key=lambda item: -item[1])})
    return out


def _section_chain(analysis: Analysis, names, charts: dict) -> dict:
    chain = analysis.chain
    original = analysis.case.origin
    paths = []
    if original and not chain.empty:
        # an own story's chain has the original's report as a node when the case has it
        node = original if analysis.chain_origin == "expert" else \
            Outlets(analysis.case).target_of_original(original)
        preferred = _preferred_links(chain)
        for rid in analysis.case.reports:
            if rid == node:
                continue   # the original itself has no way back to make
            found = _ways_back(chain, rid, node, preferred)
            # two rows for one step (two sentences that show it) are one way, not two
            found = list({tuple(link["cited"] for link in way): way for way in found}.values())
            ways = [[(names.get(link["cited"], link["cited"]), _relation_words(chain, link, analysis.chain_origin))
                     for link in way] for way in found]
            paths.append({"name": names.get(rid, rid), "steps": ways[0] if ways else [], "ways": ways,
                          "unclear": [] if found else _unclear_names(chain, rid)})
    rows = [{"citing": names.get(row["citing"], row["citing"]), "relation": row["relation"],
             "cited": names.get(row["cited"], row["cited"]), "report": names.get(row["report"], row["report"]),
             "quote": wording.cut(row.get("quote", "")), "check": bool(row.get("check", False)),
             "written": bool(row.get("written", False)), "unclear": wording.text(row, "unclear")}
            for row in chain.head(TABLE_ROWS).to_dict("records")]
    return {"where": _where_from(analysis.chain_origin), "auto": analysis.chain_origin == "auto",
            "written": any(r.relations for r in analysis.case.reports.values()),
            "chart": charts.get("source_chain_graph", ""), "original": original, "paths": paths,
            "loose": _loose_outlets(analysis) if analysis.chain_origin == "auto" else [],
            "rows": rows, "total": len(chain), "checks": sum(r["check"] for r in rows)}


def _loose_outlets(analysis: Analysis) -> list[str]:
    """The names the sources lens read as outlets ("the Journal", or an outlet a source was
    passed on by) that are no outlet of the story: the chain shows each as an outlet of its
    own. One per name, as the reports write it."""
    found = analysis.findings.get("attributions")
    if found is None or found.empty or analysis.origin.get("attributions") != "auto":
        return []
    outlets = Outlets(analysis.case)
    loose: dict[str, str] = {}
    for row in found.to_dict("records"):
        names = [wording.text(row, "source")] if row.get("kind") == "outlet" else []
        names.append(wording.text(row, "via"))
        for name in names:
            reading = outlets.read(name) if name else None
            if reading is not None and not reading.target and not reading.unclear:
                loose.setdefault(name, name)
    return list(loose)


def _ways_back(chain: pd.DataFrame, start: str, origin: str,
               preferred: list[pd.DataFrame] | None = None) -> list[list[dict]]:
    """Every way back from ``start`` to ``origin``, the links the story's file gives first.

    From a report whose links back were written into the story's file (``relations:``),
    the way back follows those links; from any other, first the links to an outlet the
    report says a source came through ("told the Journal"), then every link the lens
    found. Among the ways found so, every shortest one is kept (the page shows each). A
    shortcut the text offers ("first published by the Valley Journal") thus never skips
    a step the teacher wrote. Only when these links lead nowhere are all links used.
    """
    if chain.empty:
        return []
    for links in (_preferred_links(chain) if preferred is None else preferred):
        found = paths_to_origin(links, start, origin)
        if found:
            return found
    return paths_to_origin(chain, start, origin)


def _preferred_links(chain: pd.DataFrame) -> list[pd.DataFrame]:
    """The links a way back may take, most preferred first (see ``_ways_back``), read once
    for all reports: the written links of a report that has some and, of any other, its
    links through an outlet when it has some, else all its links; then the written links
    of a report that has some and all links of the others."""
    usable = chain[chain["relation"] != "rebuts"]
    if usable.empty:
        return []
    written = usable["written"].fillna(False).astype(bool) if "written" in usable.columns else \
        pd.Series(False, index=usable.index)
    through = usable["through"].fillna(False).astype(bool) if "through" in usable.columns else \
        pd.Series(False, index=usable.index)
    citing = usable["citing"]
    has_written = citing.isin(set(usable.loc[written, "citing"]))
    has_through = citing.isin(set(usable.loc[through & ~written, "citing"]))
    elsewhere = ~has_written
    return [usable[(has_written & written) | (elsewhere & has_through & through) | (elsewhere & ~has_through)],
            usable[(has_written & written) | elsewhere]]


def _unclear_names(chain: pd.DataFrame, rid: str) -> list[dict]:
    """The names report ``rid`` gives that could mean more than one outlet of the case
    ("the Journal" with two Journals): the kit made no link for them, and says why."""
    if "unclear" not in chain.columns:
        return []
    mine = chain[(chain["report"] == rid) & (chain["citing"] == rid) & (chain["unclear"].fillna("") != "")]
    return [{"name": cited, "could_be": could_be}
            for cited, could_be in dict(zip(mine["cited"], mine["unclear"])).items()]


def _relation_words(chain: pd.DataFrame, link: dict, origin: str = "expert") -> str:
    """How one step of the way back is shown: its relation, "very likely" when the
    words that show it never name the source (the answer key's reading), as the
    source-chain explorer and notebook 02 say. On an own story the links are the ones
    written down with it or the lens's, which names the outlet it links to."""
    same = chain[(chain["citing"] == link["citing"]) & (chain["cited"] == link["cited"]) & (chain["relation"] != "rebuts")]
    relation = " and ".join(dict.fromkeys(same["relation"])) or link["relation"]
    if origin != "expert":
        return relation
    if "quote" in same.columns and wording.likely(link["cited"], zip(same["relation"], same["quote"])):
        relation = "very likely " + relation
    return relation


def _section_attributions(analysis: Analysis, charts: dict) -> dict:
    mix = analysis.attribution_mix
    kinds = [c for c in mix.columns if c not in ("name", "total", "check")]
    rows = [{"name": row["name"], "counts": [row[k] for k in kinds], "total": row["total"], "check": row["check"]}
            for row in mix.head(TABLE_ROWS).to_dict("records")]
    return {"where": _where_from(analysis.origin["attributions"]), "chart": charts.get("attribution_mix", ""),
            "kinds": [registry.get("attributions").kind_label(k) for k in kinds], "rows": rows,
            "checks": bool(mix["check"].sum()) if len(mix) else False}


def _claims_grid(analysis: Analysis) -> tuple[list[dict], list[str], int]:
    """The claims two or more reports make, lined up: (rows, report ids of the columns,
    how many claims there are in all). Each row has the claim's label in words and, per
    column, the figures as that report writes them with the numbers they allow."""
    numbers = analysis.findings["numbers"]
    if numbers.empty or "claim" not in numbers.columns:
        return [], [], 0
    claims: dict[str, dict] = {}
    for row in numbers.to_dict("records"):
        claim = wording.text(row, "claim")
        if not claim or registry.is_date(row):
            continue
        entry = claims.setdefault(claim, {"label": "", "figures": {}, "ranges": [], "reports": []})
        entry["label"] = entry["label"] or wording.text(row, "claim_label")
        entry["figures"].setdefault(row["report"], []).append(
            {"words": wording.cut(row.get("quote", ""), 80), "range": number_range(row.get("low"), row.get("high"), registry.unit_of(row), kind=wording.text(row, "kind").lower(),
                                            counted=registry.time_unit(row)),
             "change": wording.cut(registry.change_pair(row), 80)})
        entry["ranges"].append((row.get("low"), row.get("high"), registry.time_unit(row)))
        entry["reports"].append(row["report"])
    shared = [(claim, e) for claim, e in claims.items() if len(e["figures"]) >= 2]
    shared.sort(key=lambda item: -len(item[1]["figures"]))  # stable: in the order the reports give them
    order = {rid: i for i, rid in enumerate(analysis.case.reports)}
    giving: dict[str, int] = {}
    for _, e in shared:
        for rid in e["figures"]:
            giving[rid] = giving.get(rid, 0) + 1
    columns = sorted(sorted(giving, key=lambda rid: -giving[rid])[:CHART_REPORTS], key=order.get)
    rows = [{"label": e["label"] or "(the text does not say what this number counts)", "disagree": registry.reports_disagree(registry.same_measure(e["ranges"]), e["reports"]),
             "cells": [e["figures"].get(rid, []) for rid in columns]} for claim, e in shared[:TABLE_ROWS]]
    return rows, columns, len(shared)


def _section_numbers(analysis: Analysis, charts: dict) -> dict:
    table = analysis.numbers_table
    expert = analysis.origin["numbers"] == "expert"
    grid, columns, grid_total = _claims_grid(analysis)
    names = _outlet_names(analysis.case)
    disagree = {group for group, rows in table.groupby("group")
                if rows["report"].nunique() > 1
                and registry.reports_disagree(registry.same_measure(zip(rows["low"], rows["high"], rows["time"])), rows["report"])} if len(table) else set()
    rows = [{"group": row["group"], "disagree": row["group"] in disagree, "outlet": row["outlet"],
             "quote": wording.cut(row["quote"], 100), "change": wording.cut(row["change"], 100), "range": number_range(row["low"], row["high"], row["unit"], kind=row["kind"], counted=row["time"]),
             "hedge": row["hedge"], "said_by": row["attributed_to"]} for row in table.head(TABLE_ROWS).to_dict("records")]
    # "said by" only when the answer key fills it: an empty column would read as "no source".
    said_by = expert and any(row["said_by"] for row in rows)
    return {"where": _where_from(analysis.origin["numbers"]), "auto": not expert,
            "by": "claim (one name for the same quantity in every report)" if expert else "what is counted",
            "chart": charts.get("number_ranges", ""), "grid": grid, "grid_total": grid_total,
            "outlets": [names.get(rid, rid) for rid in columns], "reports": len(analysis.case.reports),
            "rows": rows, "total": len(table), "said_by": said_by}


def _section_loaded(analysis: Analysis, charts: dict) -> dict:
    counts = analysis.loaded_counts
    loaded = analysis.findings["loaded_language"]
    own_terms: dict[str, dict] = {}
    if len(loaded):
        voices = loaded["voice"] if "voice" in loaded.columns else ["own"] * len(loaded)
        chromed = in_page_chrome(loaded, analysis.findings.get("page_chrome"))
        for rid, quote, voice, chrome in zip(loaded["report"], loaded["quote"], voices, chromed):
            if voice == "own" and not chrome:  # page chrome is not the outlet's own voice
                own_terms.setdefault(rid, {})[" ".join(str(quote).split())] = True
    rows = [{"name": row["name"], "own": row["own"], "quoted": row["quoted"], "total": row["total"],
             "per_1000": f"{row['per_1000_words']:g}", "terms": wording.cut(", ".join(own_terms.get(rid, {})), 200),
             "check": row["check"], "in_chrome": row["in_chrome"]}
            for rid, row in counts.head(TABLE_ROWS).iterrows()]
    return {"where": _where_from(analysis.origin["loaded_language"]), "chart": charts.get("loaded_terms", ""),
            "auto": analysis.origin["loaded_language"] == "auto",
            "rows": rows, "checks": bool(counts["check"].sum()) if len(counts) else False,
            "chrome": int(counts["in_chrome"].sum()) if len(counts) else 0}


def _section_shared(analysis: Analysis, names) -> dict:
    shared = analysis.shared
    out = {"reports": len(analysis.case.reports), "rows": [], "total": 0}
    if len(analysis.case.reports) < 2 or shared.empty:
        return out
    frame = shared.assign(chars=shared["end_a"] - shared["start_a"])
    pairs = (frame.groupby(["report_a", "report_b"])
             .agg(passages=("chars", "size"), chars=("chars", "sum"), longest=("chars", "max"))
             .sort_values("chars", ascending=False).reset_index())
    for pair in pairs.head(TABLE_ROWS).to_dict("records"):
        texts = frame[(frame.report_a == pair["report_a"]) & (frame.report_b == pair["report_b"])]
        longest = texts.loc[texts["chars"].idxmax()]
        text_a = analysis.case.reports[pair["report_a"]].text
        example = longest["text"] or text_a[int(longest["start_a"]):int(longest["end_a"])]
        out["rows"].append({"a": names.get(pair["report_a"], pair["report_a"]), "b": names.get(pair["report_b"], pair["report_b"]),
                            "passages": pair["passages"], "chars": f"{pair['chars']:,}", "example": wording.cut(example, 160)})
    out["total"] = len(pairs)
    return out


# --- writing --------------------------------------------------------------------------

def _mark(name: str) -> str:
    return str(getattr(_environment().get_template("analyze/marks.html.j2").module, name)()).strip()


#: The mark in every page ``analyze`` writes: a file that has it may be replaced.
GENERATOR = _mark("generator")
#: What pages written before the mark existed say near their top.
OLD_MARK = _mark("old_mark")


def written_by_analyze(path: Path) -> bool:
    """True if ``path`` is a page ``analyze`` wrote (so writing it again loses nothing)."""
    return written_by(path, (GENERATOR.encode(), OLD_MARK.encode()))


def check_out(out: Path, case: Case | None = None, force: bool = False) -> list[Problem]:
    """Why the page must not be written to ``out`` (an empty list when it may be).

    Never over anything that is not a regular file (a device such as /dev/null, a link,
    a pipe), never inside the case's own folders, and over an existing file only when
    ``analyze`` wrote it, unless ``force`` (see :func:`helpers.outfile.out_problem`).
    """
    inside = None
    if case is not None and case.path.is_dir() and (out.parent if str(out.parent) else Path(".")).is_dir():
        target = Path(os.path.realpath(out))
        home = Path(os.path.realpath(case.path))
        for protected in (home / "reports", home / "annotations", home / "case.yml", home):
            if target == protected or target.is_relative_to(protected):
                inside = ("is the case's own case.yml" if protected.suffix else
                          "is inside the case folder (the case's files, like the teacher's notes, stay as they are)"
                          if protected == home else f"is inside the case's own {protected.name}/ folder")
                break
    problem = out_problem(out, "analyze", (GENERATOR.encode(), OLD_MARK.encode()), force,
                          example="--out my_story.html", inside=inside)
    return [Problem(problem[0], None, problem[1])] if problem else []


def write_report(analysis: Analysis, out, standalone: bool = True, force: bool = False,
                 warnings_out: list | None = None) -> Path:
    """Render and write the page atomically: all of it, or nothing at all.

    The page is rendered in memory first, written to a temporary file in the same
    folder, flushed to disk, then renamed over ``out`` (``os.replace``), so a failure at
    any point leaves an older page (or no page) but never half of one.

    An existing file is replaced only if ``analyze`` wrote it (or with ``force``), and
    only if it is an ordinary file; nothing is ever written inside the case's
    ``reports/`` or ``annotations/`` or over its ``case.yml`` (see :func:`check_out`).
    Raises :class:`~helpers.CaseError` for a refused ``out``, and an ``OSError`` that
    names ``out`` (not the temporary file) when writing fails.
    """
    out = Path(out).expanduser()
    problems = check_out(out, analysis.case, force)
    if problems:
        raise CaseError(problems)
    page = render_report(analysis, standalone=standalone, warnings_out=warnings_out).encode("utf-8")
    write_atomically(page, out)
    return out


def default_out(case_name: str) -> Path:
    """Where ``analyze`` writes when no ``--out`` is given: the user's own folder."""
    return user_dir() / "analysis" / f"{case_name}.html"


# --- the command ----------------------------------------------------------------------

def run(args) -> int:
    """``python -m helpers analyze CASE [--out FILE.html]``: write the page, say where."""
    import matplotlib

    if not os.environ.get("MPLBACKEND"):
        matplotlib.use("Agg")
    out = Path(args.out) if args.out else None
    drawing: list[str] = []
    try:
        case = load_case(args.case)
        if out is not None:  # a page that could not be written is refused before the lenses run
            problems = check_out(out.expanduser(), case, args.force)
            if problems:
                raise CaseError(problems)
        analysis = analyze_case(case, source=args.source, charts=not args.no_charts)
        if out is None:
            out = default_out(analysis.case.name)
            out.parent.mkdir(parents=True, exist_ok=True)
        write_report(analysis, out, force=args.force, warnings_out=drawing)
    except CaseError as err:
        return _refuse(err.problems, args)
    except MemoryError:
        print("analyze ran out of memory; no page was written. Try a case with fewer or shorter reports.", file=sys.stderr)
        return 1
    except OSError as err:
        if out is not None and Path(err.filename or "").expanduser() == out.expanduser():
            # Name the page asked for, not the temporary file the error is about.
            print(f"{display_path(out)}: cannot write the page ({err.strerror or err}); no page was written. "
                  "Choose another --out (a folder of your own).", file=sys.stderr)
        else:
            where = display_path(Path(err.filename)) if err.filename else "analyze"
            hint = "" if args.out else " Set MEDIA_KIT_HOME to a folder of your own, or give --out FILE.html."
            print(f"{where}: {err.strerror or err}; no page was written.{hint}", file=sys.stderr)
        return 1
    for warning in analysis.warnings + drawing:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Wrote {display_path(out)} ({wording.count(len(analysis.case.reports), 'report')}). Open it in a web browser.")
    return 0


def _refuse(problems: list[Problem], args) -> int:
    for problem in problems:
        print(problem)
    print(f"{wording.count(len(problems), 'problem')} found; no page was written.", file=sys.stderr)
    if any(p.file.parent.name == "annotations" and p.file.suffix == ".csv" for p in problems) \
            and args.source != "auto":
        print("Fix the answer key (python -m helpers check CASE lists every problem), "
              "or add --source auto to use only the automatic lenses.", file=sys.stderr)
    return 1


def add_command(subparsers) -> None:
    p = subparsers.add_parser("analyze", help="every lens over every report, as one static HTML page",
                              description="Write one self-contained HTML page with every report highlighted by every "
                                          "lens, the source chain, the numbers, loaded language and shared passages.")
    p.add_argument("case", help="a case name (rostec-venezuela-2019) or a path to a case folder")
    p.add_argument("--out", metavar="FILE.html",
                   help="where to write the page (default: analysis/<case>.html in your own folder, $MEDIA_KIT_HOME)")
    p.add_argument("--source", choices=SOURCES, default="best",
                   help="best: the answer key where there is one, the automatic lenses otherwise (default); "
                        "expert: the answer key only; auto: the automatic lenses only")
    p.add_argument("--no-charts", action="store_true", help="leave the charts out (faster)")
    p.add_argument("--force", action="store_true",
                   help="replace --out even if it is a file analyze did not write (never a folder, a link or a device)")
    p.set_defaults(run=run)

